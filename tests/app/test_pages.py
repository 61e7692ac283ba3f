"""Every page, run as Streamlit runs it: no exception, the headline numbers, and charts that carry the catalogue."""

from __future__ import annotations

import pandas as pd
import pytest

from psw_dash import paths
from psw_dash.page import layout
from psw_dash.vocabulary import sources
from tests.helpers import all_text, plotly_figures, tables, tiles

CATALOGUE = pd.read_parquet(paths.DATA_DIR / paths.FIGURES).set_index("figure_id")


def catalogue(*ids: str) -> list[float]:
    return [float(CATALOGUE.loc[i, "value"]) for i in ids]


def bar_values(app) -> list[list[float]]:
    return [list(trace.x) for figure in plotly_figures(app) for trace in figure.data if trace.type == "bar"]


@pytest.mark.parametrize("page_file", [page.file[len("pages/") : -len(".py")] for page in layout.all_pages()])
def test_every_page_runs_and_cites_its_source(open_page, page_file):
    app = open_page(page_file)
    assert app.title, "page has no title"
    assert "Source: PSW Stocktake 2019" in all_text(app) or page_file in ("data_sources", "accessibility", "downloads")


# (page, query, figure ids the chart must carry in order, text that must be on screen)
VIEWS = [
    (
        "workforce_profile",
        {},
        ["participation.employing_pct", "participation.not_employing_pct"],
        "34 of 55 mental health trusts directly employed peer support workers; 21 did not directly employ any",
    ),
    (
        "workforce_profile",
        {"view": "per_trust"},
        ["per_trust.min", "per_trust.median", "per_trust.mean", "per_trust.max"],
        "one large trust employed 82",
    ),
    (
        "workforce_profile",
        {"view": "per_100k"},
        ["per_100k.min", "per_100k.median", "per_100k.mean", "per_100k.max"],
        "with a median of 0.4",
    ),
    (
        "workforce_profile",
        {"view": "settings"},
        ["settings.community", "settings.core_inpatient", "settings.specialist_inpatient"],
        "community teams (77%)",
    ),
    (
        "service_models",
        {},
        ["service_models.working_age_adults", "service_models.camhs", "service_models.older_adults"],
        "96% of employing trusts",
    ),
    (
        "employment",
        {},
        ["employment.direct", "employment.partnership_only", "employment.mixed"],
        "72% of trusts employed their peer support workers directly",
    ),
    ("employment", {"view": "paid"}, ["paid_unpaid.paid_pct", "paid_unpaid.unpaid_pct"], "77% of the 742"),
    (
        "employment",
        {"view": "bands"},
        ["pay_bands.band_2", "pay_bands.band_3", "pay_bands.band_4", "pay_bands.band_5_7"],
        "Band 3 (61%)",
    ),
    (
        "employment",
        {"view": "supervision"},
        ["supervision.mix_of_roles", "supervision.team_managers", "supervision.senior_psws"],
        "a mix of job roles supervised peer support workers in over 75% of trusts, team managers in 20%",
    ),
    (
        "employment",
        {"view": "line_management"},
        ["line_management.team_managers", "line_management.senior_psws", "line_management.mix_of_roles"],
        "Team managers line-managed peer support workers in almost 50% of trusts",
    ),
    (
        "employment",
        {"view": "line_management"},
        ["line_management.team_managers", "line_management.senior_psws", "line_management.mix_of_roles"],
        "A hatched bar is a bound the report printed in words (over, under, almost, up to, at least, about, circa)",
    ),
    (
        "people",
        {"view": "age"},
        ["age.psw.age_19_or_under", "age.psw.age_30_49"],
        "Over half of peer support workers (56%)",
    ),
    (
        "wellbeing",
        {},
        ["sickness.rate", "sickness.adult_mh_rate", "sickness.nhs_overall_rate"],
        "sickness absence was 22%",
    ),
    ("wellbeing", {"view": "vacancies"}, ["vacancies.rate", "vacancies.nhs_overall_rate"], "(26 WTE)"),
    ("wellbeing", {"view": "turnover"}, ["turnover.mh_community_rate", "turnover.mh_inpatient_rate"], "17 WTE"),
    (
        "training",
        {},
        ["training.in_house", "training.third_sector", "training.fe_college", "training.university"],
        "in-house (95%)",
    ),
    ("training", {"view": "mix"}, ["training.in_house_solely_internal", "training.in_house_plus_external"], "over 60%"),
    (
        "other_sectors",
        {},
        ["other_sectors.staff.independent", "other_sectors.staff.local_authority", "other_sectors.staff.voluntary"],
        "reported 92 more peer support workers",
    ),
]


@pytest.mark.parametrize("page, query, ids, words", VIEWS, ids=[f"{v[0]}-{v[1].get('view', 'default')}" for v in VIEWS])
def test_view_shows_its_finding_and_charts_the_catalogue(open_page, page, query, ids, words):
    app = open_page(page, **query)
    assert words in all_text(app)
    assert catalogue(*ids) in bar_values(app)


COMPARISONS = [
    (
        "people",
        {},
        ["ethnicity.psw.white", "ethnicity.psw.black", "ethnicity.psw.asian"],
        [["ethnicity.population.black"], ["ethnicity.population.asian"]],
        "n = 450",
    ),
    (
        "people",
        {"view": "gender"},
        ["gender.psw.female", "gender.psw.male"],
        [["gender.nhs_workforce.female"]],
        "n = 467",
    ),
    (
        "people",
        {"view": "disability"},
        ["disability.psw.disabled", "disability.psw.not_disabled"],
        [["disability.mh_staff.disabled"]],
        "n = 343",
    ),
    (
        "other_sectors",
        {"view": "submissions"},
        [
            "other_sectors.submissions.independent",
            "other_sectors.submissions.local_authority",
            "other_sectors.submissions.voluntary",
        ],
        [
            [
                "other_sectors.submissions_with_staff.independent",
                "other_sectors.submissions_with_staff.local_authority",
                "other_sectors.submissions_with_staff.voluntary",
            ]
        ],
        "41 of 48",
    ),
]


@pytest.mark.parametrize(
    "page, query, psw_ids, comparator_ids, words",
    COMPARISONS,
    ids=[f"{c[0]}-{c[1].get('view', 'default')}" for c in COMPARISONS],
)
def test_people_charts_set_psws_beside_the_reports_comparator(open_page, page, query, psw_ids, comparator_ids, words):
    app = open_page(page, **query)
    values = bar_values(app)
    # Each comparator series (one per population the report names) is drawn with its catalogue values.
    assert catalogue(*psw_ids) in values and all(catalogue(*series) in values for series in comparator_ids)
    assert words in all_text(app)


def test_growth_page_shows_derived_figures_labelled_with_their_method(open_page):
    app = open_page("growth")
    metrics = tiles(app)
    # Both bases, each labelled: the closest like for like (742 NHS-employed) and all 862 across the break.
    assert metrics["Growth multiple, NHS-employed PSWs (closest like for like)"] == "15.5×"
    assert metrics["Compound growth a year, NHS-employed PSWs"] == "118.7%"
    assert metrics["Growth multiple, all PSWs (across the series break)"] == "18.0×"
    assert metrics["Compound growth a year, all PSWs (across the series break)"] == "128.2%"
    assert metrics["PSWs still needed, read as PSWs in post"] == "3,868"
    assert metrics["Share of the 4,730 reached, read as PSWs in post"] == "18.2%"
    text = all_text(app)
    assert "derived; crosses the series break" in text
    assert "Read across the break with care." in text
    # each derived tile opens onto its method, formula included
    assert "Method Derived: 862 (2019 census) / 48 (2015/16). Crosses the series break" in text
    assert "Method Derived: 742 NHS-employed (2019 census) / 48 (2015/16). The closest like-for-like basis" in text
    # The span's assumption is stated with the method.
    assert "taking the 2015/16 count as at 31 March 2016 (the report gives only the year), 3.5 years" in text
    assert "Method Modelled: (4,730 / 862) ^ (1 / 4.5) - 1" in text
    # What 4,730 counts: the sources differ, the page says which reading the tiles use, and the other's meaning.
    assert "What 4,730 counts: the sources differ." in text
    assert '"training an additional 4,730 mental health peer support workers over five years"' in text
    assert "how many of the 862 counted in 2019 would count towards it is not known" in text
    assert "they include 120 employed by external organisations and about 171 unpaid" in text
    assert "Reads 4,730 as a total in post, as the research briefing gives" in text  # the gap tile's method


def test_the_catalogue_calls_a_modelled_figure_modelled_as_its_tile_does(open_page):
    app = open_page("data_sources", q="required_annual_growth")
    assert tables(app)[0]["Type"].tolist() == ["modelled"]
    app = open_page("data_sources", q="trainees_per_fte_post")
    assert tables(app)[0]["Value"].tolist() == ["up to 3×"] and tables(app)[0]["Type"].tolist() == ["derived"]


def test_growth_page_adds_the_later_plan_only_on_request(open_page):
    hidden = plotly_figures(open_page("growth"))[0]
    shown = plotly_figures(open_page("growth", later="show"))[0]
    assert not any("6,500" in a.text for a in hidden.layout.annotations)
    assert any("over 6,500 by 2036/37" in a.text for a in shown.layout.annotations)


def test_unknown_view_falls_back_to_the_default_with_a_notice(open_page):
    app = open_page("people", view="nonsense")
    assert (
        app.info[0].value == "The link's ?view= value was not recognised: this page has no such option, so it "
        "shows 'Ethnicity' instead."
    )
    assert "Black staff made up a larger share" in all_text(app)


def test_a_base_the_report_did_not_print_reads_not_published(open_page):
    app = open_page("service_models")
    assert "base not published" in all_text(app) and "n = 34" not in all_text(app)
    assert tables(app)[0]["Base"].tolist() == ["not published"] * 3


def test_overview_summary_is_written_from_the_catalogue(open_page):
    text = all_text(open_page("overview"))
    assert "862 peer support workers (PSWs) worked in NHS mental health services in England: 742" in text
    assert (
        "stood at 18.2% of the Long Term Plan's ambition of 4,730, read as PSWs in post: 3,868 short (derived)" in text
    )
    assert "21 did not directly employ any" in text and "employed none" not in text


def test_data_page_searches_the_catalogue_and_lists_the_55_trusts(open_page):
    app = open_page("data_sources", q="vacancy")
    shown, trusts = tables(app)[:2]  # then the tables of the sources and licences
    assert set(shown["Id"]) == {"vacancies.rate", "vacancies.nhs_overall_rate"}
    assert list(shown.set_index("Id").loc[["vacancies.rate"], "Value"]) == ["14%"]
    assert len(trusts) == 55
    assert "Open Government Licence" in all_text(app)


def test_long_catalogue_lists_are_narrowed_but_the_download_holds_every_match(open_page):
    app = open_page("data_sources")
    assert len(tables(app)[0]) == 20
    assert f"{len(CATALOGUE)} of {len(CATALOGUE)} figures match" in all_text(
        app
    ) and "the download holds every match" in all_text(app)
    assert "Listed here: rows 1–20, 20 at a time" in all_text(app)
    # The next rows are a click away, and the list starts again at its first rows when a search narrows it.
    app.segmented_control(key="catalogue-page").set_value(8).run()
    assert tables(app)[0]["Id"].tolist() == list(CATALOGUE.index[140:])
    assert f"Listed here: rows 141–{len(CATALOGUE)}" in all_text(app)
    app.text_input(key="q").set_value("vacancy").run()
    assert len(tables(app)[0]) == 2 and "Listed here" not in all_text(app)


def test_each_ethnicity_comparator_is_named_with_the_population_the_report_gives(open_page):
    """The report compares Black staff with 'the England and Wales population' but Asian staff with 'the UK
    population': each comparator bar is named with its own geography, as its catalogue row is."""
    [figure] = plotly_figures(open_page("people"))
    comparators = CATALOGUE[CATALOGUE.index.str.startswith("ethnicity.population.")]
    named = {(trace.name, category) for trace in figure.data for category in trace.y if trace.name != "PSWs"}
    assert named == {
        (measure.removeprefix("Share of ").split(" by ")[0], category)
        for measure, category in zip(comparators["measure"], comparators["category"], strict=True)
    }
    assert named == {
        ("England and Wales population", "Black or Black British"),
        ("UK population", "Asian or Asian British"),
    }


def test_the_england_rate_is_not_set_beside_the_reports_per_100k_figures(open_page):
    """The report's per-100,000 figures count NHS-employed PSWs per registered population; the dashboard's
    England rate counts all PSWs per resident population. They are different measures, so never side by side."""
    rate = CATALOGUE.loc["per_100k.england_rate_2019"]
    assert "All PSWs (NHS-employed and external, paid and unpaid) per 100,000 resident population" in rate["measure"]
    profile = open_page("workforce_profile", view="per_100k")
    assert tiles(profile) == {} and f"{rate['value']:.1f}" not in all_text(profile)
    regions = all_text(open_page("regions"))
    assert (
        f"were about {rate['value']:.1f} per 100,000 residents of England (derived, ONS population): not the "
        "report's measure, which counts NHS-employed PSWs per 100,000 registered population" in regions
    )


def test_service_model_shares_say_what_each_is_a_share_of(open_page):
    """96% is of organisations using PSWs, but 32% and 30% are 'of CAMHS' and 'of older adult NHS services'."""
    app = open_page("service_models")
    [figure] = plotly_figures(app)
    # Long labels are broken over lines (<br>) so a phone's chart holds them; the words are the same.
    assert [label.replace("<br>", " ") for label in figure.data[0].y] == [
        "Working age adults (of organisations using PSWs)",
        "CAMHS (of CAMHS services)",
        "Older adults (of older adult NHS services)",
    ]
    assert "restates the CAMHS figure as 32% of organisations deploying PSWs there" in all_text(app)


@pytest.mark.parametrize(
    "page, query, said, not_said",
    [
        (
            "workforce_profile",
            {},
            [
                (
                    "employ 42 WTE staff of all disciplines per 100,000 population and community mental "
                    "health teams 82 WTE"
                ),
                "The report charts each trust's count (NHS workforce profile, p.6)",
            ],
            ["per 100,000 staff of all disciplines", "published only summary statistics"],
        ),
        (
            "workforce_profile",
            {"view": "settings"},
            ["a smaller proportion in inpatient settings (16% core, 7% specialist)"],
            ["few on inpatient wards"],
        ),
        (
            "overview",
            {},
            [
                "a snapshot of 30 September 2019, collected between January and April 2020",
                "come from a research briefing, cited to its paragraph",
            ],
            ["Every number is transcribed"],
        ),
        (
            "other_sectors",
            {},
            ["the Overview, Growth and Regions count all 862"],
            ["All other views of this dashboard"],
        ),
        (
            "people",
            {"view": "gender"},
            ["close to the NHS workforce, where women are about 70%"],
            ["the NHS workforce's 70%"],
        ),
        (
            "growth",
            {},
            ["a different plan, after the census", "about 15.5× the 2015/16 count, against 18.0× for all 862"],
            ["four years after"],
        ),
    ],
)
def test_words_on_screen_say_what_the_report_says(open_page, page, query, said, not_said):
    text = all_text(open_page(page, **query))
    assert [s for s in said if s not in text] == [] and [s for s in not_said if s in text] == []


def test_data_and_sources_describes_the_catalogue_with_counts_from_the_data(open_page):
    """What the page says the catalogue holds is counted from it, filled in on screen (no placeholder left)."""
    app = open_page("data_sources")
    text = all_text(app)
    later = CATALOGUE["topic"].eq("later_evidence") & ~CATALOGUE["derived"]
    from_case_study = (CATALOGUE["source_doc"] == sources.CASE_STUDY).sum()
    assert f"{len(CATALOGUE)} rows in all" in text
    assert (
        f"{(later & CATALOGUE['source_doc'].eq(sources.BRIEFING)).sum()} later-evidence rows from the same briefing"
        in text
    )
    assert f"{from_case_study} later-evidence rows from a case study of one trust" in text
    assert "{catalogue:" not in text and "(over, under, almost, up to, at least, about or circa)" in text
    # Each derived and modelled figure's method is a table row on the page, not a run-on paragraph.
    rows = next(t for t in tables(app) if "Figure" in t.columns and "Method" in t.columns)
    computed = CATALOGUE[CATALOGUE["derived"]]
    assert len(rows) == len(computed) and set(rows["Method"]) == set(computed["note"])
    assert {"derived", "modelled"} <= set(rows["Kind"])
