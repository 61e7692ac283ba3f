"""The build: deterministic output, schemas enforced, bad source rows stopped with clear messages."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from psw_dash import paths
from psw_dash.build import pipeline as build
from psw_dash.build import schemas
from psw_dash.vocabulary import sources
from tests.helpers import copy_sources

BRIEFING_NAME = sources.DOCUMENTS[sources.BRIEFING].short_name

STOCKTAKE_CSV = "figures_stocktake_2019.csv"


def read_rows(source: Path) -> list[dict]:
    return list(csv.DictReader(source.open(encoding="utf-8")))


def write_rows(source: Path, rows: list[dict]) -> None:
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def table(content: bytes) -> pd.DataFrame:
    return pq.read_table(pa.BufferReader(content)).to_pandas()


def test_committed_files_match_a_fresh_build():
    outputs = build.build_outputs()
    stale = [name for name, content in outputs.items() if (paths.DATA_DIR / name).read_bytes() != content]
    assert not stale, f"data/ is stale; run `python dev.py build` and commit: {stale}"


def test_two_builds_are_byte_identical():
    assert build.build_outputs() == build.build_outputs()


def test_figure_catalogue_has_exactly_the_contract_columns():
    figures = table(build.build_outputs()[paths.FIGURES])
    assert tuple(figures.columns) == schemas.FIGURE_COLUMNS
    # The 13 columns others read keep their names and places; the bound word came last.
    assert schemas.FIGURE_COLUMNS[:13] == (
        "figure_id",
        "topic",
        "measure",
        "category",
        "value",
        "unit",
        "base_n",
        "period",
        "source_doc",
        "source_section",
        "source_page",
        "derived",
        "note",
    )
    assert schemas.FIGURE_COLUMNS[13:] == ("bound",) and set(figures["bound"]) <= set(schemas.BOUNDS)
    assert set(figures["unit"]) <= set(schemas.UNITS)


def test_every_figure_is_cited_with_document_section_and_page():
    figures = table(build.build_outputs()[paths.FIGURES])
    assert figures["source_doc"].str.len().gt(0).all()
    assert figures["source_section"].str.len().gt(0).all()
    from_report = figures["source_doc"].isin(sources.PAGINATED) & ~figures["derived"]
    assert figures.loc[from_report, "source_page"].notna().all()
    # A derived row has inputs on several pages: its section names each page (see the test below).
    # (or, in a document without pages, its paragraph), then what it contributes in brackets.
    assert figures.loc[figures["derived"], "source_section"].str.contains(r"(?:p\.\d+|paragraph .+) \(").all()
    # Documents without page numbers cite a heading or paragraph, never an invented page.
    assert figures.loc[~figures["source_doc"].isin(sources.PAGINATED), "source_page"].isna().all()
    assert (~from_report).any()


def test_a_report_row_without_its_page_is_refused(tmp_path, capsys):
    source, out = break_row(tmp_path, lambda rows: rows[0].update(source_page=""))
    message = run_build(capsys, source, out)
    assert "line 2 (figure_id 'participation.organisations'): missing citation (source_page empty)" in message


def test_a_page_for_a_document_without_page_numbers_is_refused(tmp_path, capsys):
    source = copy_sources(tmp_path)
    briefing = source / "figures_research_briefing.csv"
    rows = read_rows(briefing)
    rows[0]["source_page"] = "1"
    write_rows(briefing, rows)
    out = tmp_path / "out"
    out.mkdir()
    (out / paths.FIGURES).write_bytes(b"previous build")
    message = run_build(capsys, source, out)
    assert "figures_research_briefing.csv line 2" in message and "no page numbers" in message


def test_derived_figures_are_marked_and_explain_their_method():
    figures = table(build.build_outputs()[paths.FIGURES]).set_index("figure_id")
    multiple = figures.loc["growth.multiple_2015_16_to_2019"]
    assert multiple["derived"] and multiple["value"] == pytest.approx(862 / 48, abs=0.01)
    assert multiple["note"].startswith("Derived:")
    assert figures.loc["target.gap_2019", "value"] == 4730 - 862
    assert not figures.loc["headcount.total", "derived"]


def test_headline_figures_are_transcribed_as_printed():
    figures = table(build.build_outputs()[paths.FIGURES]).set_index("figure_id")["value"]
    assert figures["headcount.total"] == 862
    assert figures["headcount.nhs_employed"] == 742
    assert figures["headcount.external"] == 120
    assert figures["per_100k.median"] == 0.4
    assert figures["target.ltp_psws_planned"] == 4730


def test_parquet_files_carry_source_and_licence():
    for name, content in build.build_outputs().items():
        if name.endswith(".parquet"):
            metadata = pq.read_schema(pa.BufferReader(content)).metadata
            assert metadata[b"psw_dash.source"] and metadata[b"psw_dash.licence"], name


def test_headcount_series_marks_the_break_between_collections():
    series = table(build.build_outputs()[paths.HEADCOUNT_SERIES])
    assert list(series["headcount"]) == [48, 111, 153, 862]
    assert list(series["comparable_with_2019"]) == [False, False, False, True]
    assert series["collection"].nunique() == 2
    assert series["note"].str.contains("Series break").all()


def test_targets_keep_each_plan_apart():
    targets = table(build.build_outputs()[paths.TARGETS]).set_index("target_id")
    assert targets.loc["ltp_2019", "value"] == 4730
    assert targets.loc["ltwp_2036_37", "value"] == 6500
    assert targets.loc["ltwp_2036_37", "qualifier"] == "more than"


def test_the_long_term_plan_target_cites_its_number_and_its_date_each_to_its_own_document():
    """The report prints 4,730 'over the next five years'; only the research briefing dates it (end of 2023/24)."""
    targets = table(build.build_outputs()[paths.TARGETS]).set_index("target_id")
    ltp = targets.loc["ltp_2019"]
    assert (ltp["source_doc"], ltp["source_section"], ltp["source_page"]) == (sources.STOCKTAKE, "Background", 4)
    assert ltp["by_period"] == "2023/24" and ltp["date_source"].startswith(f"{BRIEFING_NAME}, second paragraph")
    figures = table(build.build_outputs()[paths.FIGURES]).set_index("figure_id")
    assert figures.loc["target.ltp_psws_planned", "period"] == "over the next five years"


def test_every_derived_figure_cites_each_input_where_it_is_printed():
    """862 is on p.6, 48 and 4,730 on p.4, the March 2024 date in the briefing: a derived row names all it uses."""
    figures = table(build.build_outputs()[paths.FIGURES]).set_index("figure_id")
    derived = figures[figures["derived"]]
    for figure_id, row in derived.iterrows():
        cited = row["source_section"]
        if figure_id.startswith("planning."):  # the planner's rule of thumb: both numbers from one paragraph
            assert "(up to 18 PSWs trained, 6 FTE posts)" in cited, figure_id
            continue

        # Inputs printed in one place are cited together: 'NHS workforce profile, p.6 (862 in 2019, 120 external)'.
        def cites(place: str, what: str, cited: str = cited) -> bool:
            return re.search(re.escape(place) + r" \([^)]*" + re.escape(what), cited) is not None

        assert "862 in 2019" in cited or "742 NHS-employed in 2019" in cited, figure_id
        if "862" in row["note"]:
            assert cites("NHS workforce profile, p.6", "862 in 2019"), figure_id
        if "742 NHS-employed" in row["note"]:
            assert cites("NHS workforce profile, p.6", "742 NHS-employed in 2019"), figure_id
        if "48" in row["note"]:
            assert cites("Background, p.4", "48 in 2015/16"), figure_id
        if "4,730" in row["note"]:
            assert cites("Background, p.4", "the 4,730 target"), figure_id
        if "2024" in row["note"] or "2023/24" in row["note"]:
            assert f'{BRIEFING_NAME}, second paragraph, "Numbers of PSWs' in cited, figure_id
        if "include 120 employed by external" in row["note"]:
            assert cites("NHS workforce profile, p.6", "120 external"), figure_id
        if "unpaid staff reported" in row["note"]:
            assert cites("Workforce composition, p.17", "171 unpaid staff reported"), figure_id
        if "additional 4,730" in row["note"]:
            assert cites(
                'paragraph "Health Education England (HEE) have laid out their ambition"',
                "an additional 4,730 to train",
            ), figure_id
        if "ONS" in row["note"]:
            assert "ONS mid-2019 population estimate for England" in cited, figure_id


def test_trusts_are_the_55_of_the_appendix_each_with_a_region():
    trusts = table(build.build_outputs()[paths.TRUSTS])
    assert len(trusts) == 55
    assert trusts["region_code"].isin(schemas.REGION_CODES).all()
    by_hand = trusts[trusts["ods_code"] == ""]
    assert sorted(by_hand["trust_name"].str.split().str[0]) == ["Black", "Bradford", "Camden", "Livewell", "Sheffield"]
    assert by_hand["match_method"].str.startswith("by hand").all()


def test_regional_populations_and_trusts_add_up_to_england():
    regions = table(build.build_outputs()[paths.REGIONS])
    assert regions["population"].sum() == 56_286_961
    assert regions["participating_trusts"].sum() == 55
    assert regions["modelled_target_share"].sum() == pytest.approx(4730, abs=0.5)


# --- bad input: each stops the build, names file, line and problem, and writes nothing ---------


def break_row(tmp_path, change):
    """Apply change(rows) to a copy of the stocktake CSV and run the build into a folder of old files."""
    source = copy_sources(tmp_path)
    rows = read_rows(source / STOCKTAKE_CSV)
    change(rows)
    write_rows(source / STOCKTAKE_CSV, rows)
    out = tmp_path / "out"
    out.mkdir()
    (out / paths.FIGURES).write_bytes(b"previous build")
    return source, out


def run_build(capsys, source, out) -> str:
    assert build.main(["--source", str(source), "--out", str(out)]) == 1
    assert (out / paths.FIGURES).read_bytes() == b"previous build", "a failed build overwrote old output"
    assert sorted(p.name for p in out.iterdir()) == [paths.FIGURES]
    return capsys.readouterr().err


def test_missing_citation_names_file_line_and_column(tmp_path, capsys):
    source, out = break_row(tmp_path, lambda rows: rows[4].update(source_section=""))
    message = run_build(capsys, source, out)
    assert (
        f"{STOCKTAKE_CSV} line 6 (figure_id '{read_rows(paths.SOURCE_DIR / STOCKTAKE_CSV)[4]['figure_id']}')" in message
    )
    assert "missing citation (source_section empty)" in message


def test_unknown_unit_is_refused(tmp_path, capsys):
    source, out = break_row(tmp_path, lambda rows: rows[0].update(unit="people"))
    message = run_build(capsys, source, out)
    assert "line 2 (figure_id 'participation.organisations'): column 'unit': 'people' is not allowed" in message


def test_percent_over_100_names_file_and_row(tmp_path, capsys):
    def change(rows):
        row = next(r for r in rows if r["figure_id"] == "headcount.nhs_employed_pct")
        row["value"] = "186"

    source, out = break_row(tmp_path, change)
    message = run_build(capsys, source, out)
    assert "(figure_id 'headcount.nhs_employed_pct'): a percent must lie between 0 and 100" in message
    assert STOCKTAKE_CSV in message


def test_duplicate_figure_id_is_refused(tmp_path, capsys):
    source, out = break_row(tmp_path, lambda rows: rows[1].update(figure_id=rows[0]["figure_id"]))
    message = run_build(capsys, source, out)
    assert "duplicate figure_id 'participation.organisations'" in message
    assert "line 2" in message and "line 3" in message


def test_text_in_a_number_column_is_refused(tmp_path, capsys):
    source, out = break_row(tmp_path, lambda rows: rows[0].update(value="fifty-five"))
    message = run_build(capsys, source, out)
    assert "line 2 (figure_id 'participation.organisations'): column 'value': 'fifty-five' is not a number" in message


def test_wrong_header_is_refused(tmp_path, capsys):
    source, out = break_row(tmp_path, lambda rows: [r.update(units=r.pop("unit")) for r in rows])
    message = run_build(capsys, source, out)
    assert f"{STOCKTAKE_CSV} line 1: header must be exactly" in message


def test_shares_of_a_whole_must_add_to_100(tmp_path, capsys):
    def change(rows):
        row = next(r for r in rows if r["figure_id"] == "pay_bands.band_3")
        row["value"] = "51"

    source, out = break_row(tmp_path, change)
    message = run_build(capsys, source, out)
    assert "topic 'pay_bands'" in message and "add to 90" in message


def test_page_must_be_the_sections_start_page(tmp_path, capsys):
    source, out = break_row(tmp_path, lambda rows: rows[0].update(source_page="7"))
    message = run_build(capsys, source, out)
    assert "line 2 (figure_id 'participation.organisations'): the page is not the start page" in message


def test_non_utf8_source_is_refused(tmp_path, capsys):
    source = copy_sources(tmp_path)
    path = source / STOCKTAKE_CSV
    path.write_bytes(path.read_bytes().replace(b"Introduction", "Introducción".encode("latin-1"), 1))
    out = tmp_path / "out"
    out.mkdir()
    (out / paths.FIGURES).write_bytes(b"previous build")
    assert "not UTF-8 text" in run_build(capsys, source, out)


def test_every_printed_base_fits_its_percentage():
    """Some whole count k <= n gives each share after rounding, so no base was put to a share it cannot have."""
    figures = table(build.build_outputs()[paths.FIGURES])
    shares = figures[(figures["unit"] == "percent") & figures["base_n"].notna()]
    assert len(shares) >= 15  # the test reads real rows, not none
    misfits = [
        f"{row.figure_id}: {row.value:g}% of {row.base_n:g}"
        for row in shares.itertuples()
        if not any(abs(100 * k / row.base_n - row.value) <= 0.5 for k in range(int(row.base_n) + 1))
    ]
    assert misfits == []


def test_a_base_that_cannot_give_its_percentage_is_refused(tmp_path, capsys):
    def change(rows):
        next(r for r in rows if r["figure_id"] == "service_models.working_age_adults")["base_n"] = "34"

    source, out = break_row(tmp_path, change)
    message = run_build(capsys, source, out)
    assert (
        "figure_id 'service_models.working_age_adults': 96% is not a whole share of base n = 34 "
        "(32/34 = 94.1%, 33/34 = 97.1%)"
    ) in message


def test_a_share_of_one_base_is_recorded_once():
    """The same share of the same base under two ids (38% of 55 as 'not employing' and as 'orgs with none') is one
    figure counted twice: repeats are kept in the first row's note. Equal shares within one breakdown are fine."""
    figures = table(build.build_outputs()[paths.FIGURES])
    shares = figures[(figures["unit"] == "percent") & figures["base_n"].notna() & ~figures["derived"]]
    repeated = shares.groupby(["value", "base_n"]).filter(
        lambda g: g[["topic", "measure"]].drop_duplicates().shape[0] > 1
    )
    assert repeated["figure_id"].tolist() == []
