"""The Regions page: every measure on the map and the ranked chart, uploads on and off, bad files refused."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from psw_dash import paths, settings
from psw_dash.own_files import regional
from tests.helpers import all_text, plotly_figures, tables_in

REGIONS = pd.read_parquet(paths.DATA_DIR / paths.REGIONS)


def region_traces(figure) -> list:
    return [trace for trace in figure.data if trace.fill == "toself"]


@pytest.mark.parametrize("metric", list(regional.METRICS))
def test_every_measure_draws_seven_regions_and_ranks_them(open_page, metric):
    app = open_page("regions", metric=metric)
    map_figure, ranked = plotly_figures(app)
    assert sorted(trace.meta for trace in region_traces(map_figure)) == sorted(REGIONS["region_code"])
    column = regional.METRICS[metric].column
    assert sorted(ranked.data[0].x, reverse=True) == sorted(REGIONS[column].astype(float), reverse=True)
    assert "Source: Office for National Statistics licensed under the Open Government Licence" in all_text(app)


def test_page_quotes_the_reports_own_words_and_invents_no_regional_count(open_page):
    app = open_page("regions")
    text = all_text(app)
    assert "the North West of England has a relatively low number of Peer Support Workers" in text
    assert "no count of PSWs by region was published in its text" in text
    assert "Your PSW count" not in text


def trust_lists(app) -> dict[str, tuple[bool, pd.DataFrame]]:
    """Each region's trust list: region name -> (open?, its table), from the page's <details> blocks."""
    block = next(h.value for h in app.get("html") if "participating trust" in h.value and "<details" in h.value)
    found = re.findall(r'<details class="psw-details"( open)?><summary>(.*?): (\d+) participating trusts?</summary>'
                       r"(.*?)</details>", block)
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
    assert regional.USER_METRICS["user_per_100k"].label in app.segmented_control[0].options
    app.segmented_control[0].set_value("user_per_100k").run()
    _map_figure, ranked = plotly_figures(app)
    expected = sorted((100 / REGIONS["population"] * 100_000).round(2), reverse=True)
    assert list(ranked.data[0].x) == pytest.approx(expected)
    assert all("(user-supplied)" in label for label in ranked.data[0].text)
    assert any("England, Sep 2019: 1.53 per 100,000" in a.text for a in ranked.layout.annotations)


def test_a_bad_upload_is_refused_whole_with_each_row_named(open_page):
    app = open_page("regions", own="show")
    upload(app, b"region,count,period\nLondon,12,2023/24\nAtlantis,3,2023/24\nMidlands,-1,2023/24\n")
    error = app.error[0].value
    assert "The file `counts.csv` was not loaded" in error
    assert "Row 3: `Atlantis` is not an NHS England region" in error and "Row 4: the count `-1` is negative" in error
    assert not app.success
    assert regional.USER_METRICS["user_per_100k"].label not in app.segmented_control[0].options  # labels shown


def test_uploads_are_offered_only_on_request(open_page):
    assert not open_page("regions").file_uploader
    assert open_page("regions", own="show").file_uploader


def test_hosted_mode_offers_no_upload(open_page, monkeypatch):
    monkeypatch.setenv(settings.MODE_ENV, settings.HOSTED)
    app = open_page("regions", own="show")
    assert not app.file_uploader
    assert "switched off" in all_text(app)
