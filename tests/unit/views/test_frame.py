"""The chart frame's pure parts: safe CSV, source lines and the readable table."""

from __future__ import annotations

import io

import pandas as pd

from psw_dash.page import downloads
from psw_dash.reading import catalogue, data
from psw_dash.views import frame


def rows(**overrides) -> pd.DataFrame:
    base = {
        "figure_id": ["a.b"],
        "measure": ["Share"],
        "category": ["Band 3"],
        "value": [61.0],
        "unit": ["percent"],
        "base_n": [34.0],
        "derived": [False],
        "source_doc": ["000_d54a16b8cd8145db.txt"],
        "source_section": ["Workforce composition"],
        "source_page": [17.0],
        "note": [""],
    }
    base.update({k: [v] for k, v in overrides.items()})
    return pd.DataFrame(base)


def test_csv_cells_that_would_run_as_formulas_are_defused():
    table = pd.DataFrame({"note": ['=HYPERLINK("x")', "+1", "-2", "@SUM(A1)", "plain"], "value": [1, 2, 3, 4, 5]})
    read_back = pd.read_csv(io.BytesIO(downloads.safe_csv(table)))
    assert list(read_back["note"]) == ['\'=HYPERLINK("x")', "'+1", "'-2", "'@SUM(A1)", "plain"]
    assert list(read_back["value"]) == [1, 2, 3, 4, 5]


def test_source_line_cites_document_section_and_page():
    assert frame.source_line(rows()) == "Source: PSW Stocktake 2019 (NHSBN/HEE, 2020), Workforce composition, p.17."


def test_a_modelled_value_reads_modelled_not_derived_in_its_tile_and_table():
    """'Growth needed a year (modelled)' rests on an assumption (steady growth to a date): its tag says so."""
    row = data.figure("target.required_annual_growth")
    assert row["note"].startswith("Modelled") and frame.computed_kind(row["note"]) == "modelled"
    assert '<p class="psw-tile-detail">modelled</p>' in frame._tile("Growth needed a year", row)
    assert list(frame.readable_table(pd.DataFrame([row]))["Type"]) == ["modelled"]
    assert frame.computed_kind(data.figure("target.gap_2019")["note"]) == "derived"


def test_readable_table_flags_small_bases_and_derived_values():
    table = frame.readable_table(pd.concat([rows(), rows(figure_id="c.d", base_n=450.0, derived=True, value=18.04)]))
    assert list(table["Base"]) == ["n = 34 (small base)", "n = 450"]
    assert list(table["Type"]) == ["as printed", "derived"]
    assert list(table["Value"]) == ["61%", "18.0%"]


def test_missing_base_says_not_published():
    assert frame.readable_table(rows(base_n=float("nan")))["Base"].tolist() == ["not published"]


def test_catalogue_search_needs_every_word_and_respects_topics():
    figures = pd.DataFrame(
        {
            "figure_id": ["vacancies.rate", "sickness.rate", "vacancies.wte"],
            "topic": ["vacancies", "sickness", "vacancies"],
            "measure": ["PSW vacancy rate", "PSW sickness rate", "PSW vacancies (WTE)"],
            "category": ["", "", ""],
            "note": ["", "", ""],
            "source_section": ["S", "S", "S"],
        }
    )
    assert list(catalogue.search(figures, "PSW rate", None)["figure_id"]) == ["vacancies.rate", "sickness.rate"]
    assert list(catalogue.search(figures, "psw", ["vacancies"])["figure_id"]) == ["vacancies.rate", "vacancies.wte"]
    assert catalogue.search(figures, "nothing-like-this", None).empty
    # No words: every row of the topics chosen, as they are.
    assert len(catalogue.search(figures, "", None)) == 3
    assert list(catalogue.search(figures, "  ", ["vacancies"])["figure_id"]) == ["vacancies.rate", "vacancies.wte"]
    # The words may come from different columns (the measure's '(WTE)', the id), in either case.
    assert list(catalogue.search(figures, "(wte) VACANCIES.WTE", None)["figure_id"]) == ["vacancies.wte"]


def test_a_bound_travels_with_its_value_into_every_table_chart_and_download():
    """'over three quarters' must never read as 75% anywhere: the word goes before the number on screen, and the
    download carries it in its own column beside the value."""
    from psw_dash import paths
    from psw_dash.charts import charts
    from psw_dash.page import content

    figures = pd.read_parquet(paths.DATA_DIR / paths.FIGURES)
    bounded = figures[figures["bound"] != ""].reset_index(drop=True)
    assert {
        "supervision.mix_of_roles",
        "line_management.team_managers",
        "paid_unpaid.unpaid_wte_quantified",
        "age.psw.age_19_or_under",
        "training.in_house_solely_internal",
        "target.ltwp_in_post_2036_37",
    } <= set(bounded["figure_id"])
    words = [b + " " for b in bounded["bound"]]

    download = pd.read_csv(io.BytesIO(downloads.safe_csv(bounded)), keep_default_na=False)
    assert list(download["bound"]) == list(bounded["bound"])
    assert all(text.startswith(w) for text, w in zip(frame.readable_table(bounded)["Value"], words, strict=True))
    assert all(text.startswith(w) for text, w in zip(catalogue.for_display(bounded)["Value"], words, strict=True))
    assert all(text.startswith(w) for text, w in zip(charts.bars(bounded, "x").figure.data[0].text, words, strict=True))
    assert all(
        content.fill(f"{{{fid}|number}}").startswith(w) for fid, w in zip(bounded["figure_id"], words, strict=True)
    )
