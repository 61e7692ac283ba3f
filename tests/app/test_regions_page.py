"""The Regions page: every measure on the map and the ranked chart, uploads on and off, bad files refused."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from psw_dash import paths, settings
from psw_dash.own_files import regional
from tests.helpers import all_text, plotly_figures, tables_in

REGIONS = pd.read_parquet(paths.DATA_DIR / paths.REGIONS)


STATEMENTS = pd.read_parquet(paths.DATA_DIR / paths.REGIONAL_STATEMENTS)


def region_traces(figure) -> list:
    return [trace for trace in figure.data if trace.fill == "toself"]


def context_charts(app):
    """The context measure's map and its ranked bars: the charts after the report's map, which leads."""
    _report_map, map_figure, ranked = plotly_figures(app)
    return map_figure, ranked


@pytest.mark.parametrize("metric", list(regional.METRICS))
def test_every_measure_draws_seven_regions_and_ranks_them(open_page, metric):
    app = open_page("regions", metric=metric)
    map_figure, ranked = context_charts(app)
    assert sorted(trace.meta for trace in region_traces(map_figure)) == sorted(REGIONS["region_code"])
    column = regional.METRICS[metric].column
    assert sorted(ranked.data[0].x, reverse=True) == sorted(REGIONS[column].astype(float), reverse=True)
    assert "Source: Office for National Statistics licensed under the Open Government Licence" in all_text(app)


def test_page_quotes_the_reports_own_words_and_invents_no_regional_count(open_page):
    app = open_page("regions")
    text = all_text(app)
    assert "the North West of England has a relatively low number of Peer Support Workers" in text
    assert "no count or rate of PSWs for any region in its text, so none is shown here or estimated" in text
    assert "Your PSW count" not in text


def trust_lists(app) -> dict[str, tuple[bool, pd.DataFrame]]:
    """Each region's trust list: region name -> (open?, its table), from the page's <details> blocks."""
    block = next(h.value for h in app.get("html") if "participating trust" in h.value and "<details" in h.value)
    found = re.findall(
        r'<details class="psw-details"( open)?><summary>(.*?): (\d+) participating trusts?</summary>'
        r"(.*?)</details>",
        block,
    )
    return {name: (bool(opened), tables_in(inner)[0], int(count)) for opened, name, count, inner in found}


def test_every_regions_trusts_are_listed_and_a_link_opens_one(open_page):
    lists = trust_lists(open_page("regions"))
    expected = REGIONS.set_index("region_name")["participating_trusts"]
    assert {name: count for name, (_, _, count) in lists.items()} == expected.astype(int).to_dict()
    assert {name: len(table) for name, (_, table, _) in lists.items()} == expected.astype(int).to_dict()
    assert not any(opened for opened, _, _ in lists.values())  # closed until a reader opens one
    assert sum(len(table) for _, table, _ in lists.values()) == 55

    # A link that named a region (as the old region picker kept it) opens that region's list.
    lists = trust_lists(open_page("regions", region="E40000007"))
    opened = [name for name, (is_open, _, _) in lists.items() if is_open]
    assert opened == [REGIONS.set_index("region_code").loc["E40000007", "region_name"]]
    assert "Essex Partnership NHS Foundation Trust" in set(lists[opened[0]][1]["Trust (as in the report)"])


def test_an_unknown_region_in_a_link_says_so_and_opens_none(open_page):
    app = open_page("regions", region="<b>Atlantis</b>")
    assert "The link's ?region= value was not recognised" in app.info[0].value and "Atlantis" not in app.info[0].value
    assert not any(opened for opened, _, _ in trust_lists(app).values())


def upload(app, content: bytes, name: str = "counts.csv"):
    app.file_uploader[0].set_value((name, content, "text/csv"))
    return app.run()


def test_uploaded_counts_are_mapped_per_100k_and_marked_user_supplied(open_page):
    app = open_page("regions", own="show")
    csv = "region,count,period\n" + "".join(f"{c},100,2023/24\n" for c in REGIONS["region_code"])
    upload(app, csv.encode())
    assert "Loaded 7 region(s) from `counts.csv`" in app.success[0].value
    assert regional.USER_METRICS["user_per_100k"].button in app.segmented_control[0].options
    app.segmented_control[0].set_value("user_per_100k").run()
    _map_figure, ranked = context_charts(app)
    expected = sorted((100 / REGIONS["population"] * 100_000).round(2), reverse=True)
    assert list(ranked.data[0].x) == pytest.approx(expected)
    assert all("(user-supplied)" in label for label in ranked.data[0].text)
    # The England rate reads as it does in the words above the map and in the catalogue: one decimal place.
    assert any("England, Sep 2019: 1.5 per 100,000" in a.text for a in ranked.layout.annotations)


def test_a_bad_upload_is_refused_whole_with_each_row_named(open_page):
    app = open_page("regions", own="show")
    upload(app, b"region,count,period\nLondon,12,2023/24\nAtlantis,3,2023/24\nMidlands,-1,2023/24\n")
    error = app.error[0].value
    assert "The file `counts.csv` was not loaded" in error
    assert "Row 3: `Atlantis` is not an NHS England region" in error and "Row 4: the count `-1` is negative" in error
    assert not app.success
    assert regional.USER_METRICS["user_per_100k"].button not in app.segmented_control[0].options  # labels shown


def test_uploads_are_offered_only_on_request(open_page):
    assert not open_page("regions").file_uploader
    assert open_page("regions", own="show").file_uploader


def test_hosted_mode_offers_no_upload(open_page, monkeypatch):
    monkeypatch.setenv(settings.MODE_ENV, settings.HOSTED)
    app = open_page("regions", own="show")
    assert not app.file_uploader
    assert "switched off" in all_text(app)


def framed_headlines(app) -> list[str]:
    return re.findall(r'<h2 class="psw-headline"[^>]*>(.*?)</h2>', " ".join(h.value for h in app.get("html")))


def test_the_page_leads_with_the_reports_finding_not_the_trust_count(open_page):
    app = open_page("regions")
    first, second = framed_headlines(app)[:2]
    assert first == (
        "The report found relatively few NHS-employed PSWs per 100,000 people in the North West of "
        "England, a higher ratio in the east of England and South East, and a mix of high and low in "
        "London"
    )
    assert "Midlands (12)" not in first
    # The context is titled so that no one reads it as provision.
    assert second.startswith("Participating trusts (not a measure of PSWs): highest in Midlands (12)")
    assert "Context, not a measure of PSWs" in all_text(app)


def test_the_reports_map_shades_each_region_by_its_reading_and_names_it(open_page):
    report_map = plotly_figures(open_page("regions"))[0]
    shaded = {trace.meta: trace.name for trace in region_traces(report_map)}
    assert sorted(shaded) == sorted(REGIONS["region_code"])
    readings = STATEMENTS.set_index("region_code")["reading"]
    assert {code: name.split(": ")[1].split(" ")[0].lower() for code, name in shaded.items()} == {
        code: reading.split(" ")[0] for code, reading in readings.items()
    }
    labels = [a.text for a in report_map.layout.annotations]
    for name, reading in zip(STATEMENTS["region_name"], STATEMENTS["reading"], strict=True):
        assert any(name.split(" ")[0] in label and label.endswith(reading) for label in labels), name
    assert {"lower", "higher", "mixed", "not stated"} == set(readings)


def test_the_reports_areas_are_tabled_against_the_regions_they_are_taken_as(open_page):
    app = open_page("regions")
    block = next(
        h.value
        for h in app.get("html")
        if "the report&#x27;s areas, its words" in h.value or "the report's areas, its words" in h.value
    )
    assert '<details class="psw-details psw-table-view" open>' in block  # open: the words are the finding
    table = tables_in(block)[0].set_index("NHS England region (April 2019)")
    says = table["What the report says (qualitative statement: words, not a number)"]
    assert says["North West"].startswith("Lower (report: 'relatively low'): 'a relatively low number")
    assert says["North West"].endswith("said of the North West of England")
    assert says["East of England"].endswith("said of the east of England")
    assert "lower case" in table.loc["East of England", "How the report's area matches the region"]
    assert says["Midlands"] == "Not stated by the report"
    assert "NHS workforce profile, p.6" in all_text(app)


@pytest.mark.parametrize("metric", ["trusts_per_million", "fair_share"])
def test_one_figure_reads_the_same_in_headline_bars_and_table(open_page, metric):
    app = open_page("regions", metric=metric)
    map_figure, ranked = context_charts(app)
    headline = framed_headlines(app)[1]
    region, top = re.search(r"highest in ([^(]+) \(([^)]+)\)", headline).groups()
    assert ranked.data[0].text[0].startswith(top + " ") or ranked.data[0].text[0] == top  # the top bar's label
    on_map = next(a.text for a in map_figure.layout.annotations if a.text.startswith(f"<b>{region}</b>"))
    assert on_map.endswith("<br>" + top.split(" ")[0])  # the number written on the region (its colour bar: the unit)
    table = tables_in(next(h.value for h in app.get("html") if "the numbers in the chart" in h.value))[0]
    assert top in set(table["Value"])
    assert "890.9" not in all_text(app) and "1.42" not in all_text(app) and "()" not in all_text(app)
