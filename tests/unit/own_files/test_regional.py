"""Regional measures and users' own counts: joins, totals, the modelled shares, and every bad upload."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from psw_dash import paths
from psw_dash.own_files import regional
from psw_dash.vocabulary import geojson

REGIONS = pd.read_parquet(paths.DATA_DIR / paths.REGIONS)
TRUSTS = pd.read_parquet(paths.DATA_DIR / paths.TRUSTS)
TARGET = pd.read_parquet(paths.DATA_DIR / paths.FIGURES).set_index("figure_id").loc["target.ltp_psws_planned", "value"]
WORDED = regional.worded(TARGET, TRUSTS)


def good_csv() -> str:
    return "region,count,period\n" + "".join(
        f"{code},{10 * (i + 1)},2023/24\n" for i, code in enumerate(REGIONS["region_code"])
    )


def problems(text: str | bytes) -> list[str]:
    content = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(regional.UploadError) as raised:
        regional.read_upload(content, REGIONS)
    return raised.value.messages


def test_every_region_joins_to_exactly_one_geometry():
    shapes = geojson.read_regions(paths.DATA_DIR / paths.REGIONS_GEOJSON)
    assert sorted(shapes["region_code"]) == sorted(REGIONS["region_code"])
    assert shapes["region_code"].is_unique and shapes.geometry.is_valid.all()
    joined = shapes.merge(REGIONS, on=["region_code", "region_name"], validate="one_to_one")
    assert len(joined) == 7


def test_shipped_boundaries_are_small_and_cover_england():
    size = (paths.DATA_DIR / paths.REGIONS_GEOJSON).stat().st_size
    assert size <= 100_000
    west, south, east, north = geojson.read_regions(paths.DATA_DIR / paths.REGIONS_GEOJSON).total_bounds
    assert -6.5 < west < -6.2 and 49.8 < south < 50.0 and 1.6 < east < 1.9 and 55.7 < north < 55.9


def test_population_and_trusts_add_up_to_the_england_totals():
    assert REGIONS["population"].sum() == 56_286_961
    assert REGIONS["participating_trusts"].sum() == 55


def test_modelled_shares_add_up_to_the_target():
    assert REGIONS["modelled_target_share"].sum() == pytest.approx(4730, abs=0.5)


def test_metric_rows_rank_regions_and_mark_what_is_modelled():
    rows = regional.metric_rows(REGIONS, "fair_share", WORDED)
    assert list(rows["value"]) == sorted(rows["value"], reverse=True)
    assert rows["status"].eq("modelled").all() and rows["note"].str.startswith("Modelled:").all()
    assert regional.metric_rows(REGIONS, "population", WORDED)["status"].eq("").all()


def test_headline_names_highest_and_lowest_region():
    rows = regional.metric_rows(REGIONS, "trusts", WORDED)
    assert regional.headline(rows) == (
        "Participating trusts (not a measure of PSWs): highest in Midlands (12), lowest in East of England (4)"
    )


def test_a_good_upload_reads_codes_or_names_in_any_case():
    counts = regional.read_upload(good_csv().encode(), REGIONS)
    assert list(counts["count"]) == [10, 20, 30, 40, 50, 60, 70]
    by_name = regional.read_upload(b"Region,Count,Period\nlondon,12,2023/24\nNorth West,8,2023/24\n", REGIONS)
    assert list(by_name["region_code"]) == ["E40000003", "E40000010"]


def test_user_measures_are_per_100k_and_against_the_modelled_share():
    table = regional.with_user_counts(
        REGIONS, regional.read_upload(b"region,count,period\nLondon,896,2023/24\n", REGIONS)
    )
    london = table.set_index("region_name").loc["London"]
    assert london["user_per_100k"] == pytest.approx(896 / 8_961_989 * 100_000, abs=0.01)
    assert london["user_vs_share"] == pytest.approx(896 / london["modelled_target_share"] * 100, abs=0.1)
    assert table.set_index("region_name").loc["Midlands", ["user_count"]].isna().all()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("region,count,period\nAtlantis,5,2023\n", "Row 2: `Atlantis` is not an NHS England region of April 2019"),
        ("region,count,period\nLondon,5,2023\nlondon,6,2023\n", "Row 3: `london` appears again (first on row 2)"),
        ("region,count,period\nLondon,-5,2023\n", "Row 2: the count `-5` is negative"),
        ("region,count,period\nLondon,many,2023\n", "Row 2: the count `many` is not a number"),
        ("region,count,period\nLondon,5,\n", "Row 2: the period is empty: use a date (2019-09-30)"),
        ("region,count,period\nLondon,5,Q3\n", "Row 2: the period `Q3` is not a date or period: use a date"),
        ("region,count,period\nLondon,5,2019-02-30\n", "Row 2: the date `2019-02-30` does not exist"),
        ("region,count,period\nLondon,5,2023/25\n", "Row 2: the financial year `2023/25` does not run from one year"),
        ('region,count,period\nLondon,5,"2019-09-30, more or less"\n', "Row 2: the period `2019-09-30, more or less`"),
        (
            "region,total,[x](http://evil.example)\nLondon,5\n",
            "this file has: `region`, `total`, `[x](http://evil.example)`.",
        ),
        ("region,total\nLondon,5\n", "Missing column(s): count, period"),
        ("", "The file is empty"),
        ("region,count,period\n", "The file has a header but no rows of counts"),
    ],
)
def test_each_bad_upload_is_named_by_row(text, expected):
    assert any(expected in message for message in problems(text))


@pytest.mark.parametrize(
    "period", ["2019-09-30", "2019-09", "2019", "2023/24", "1999/00", "September 2019", "sep 2019", "DECEMBER 2023"]
)
def test_a_period_may_be_a_date_month_year_or_financial_year(period):
    counts = regional.read_upload(f"region,count,period\nLondon,5,{period}\n".encode(), REGIONS)
    assert list(counts["period"]) == [period]


@pytest.mark.parametrize(
    "period",
    [
        "$x^2$",
        "[x](http://evil.example)",
        "٢٠١٩",
        "2019-13",
        "Sept 2019",
        "30/09/2019",
        "2019-09-30T00:00",
        "x" * 10_000,
    ],
)
def test_a_period_that_is_not_one_is_refused_with_its_row(period):
    found = problems(f'region,count,period\nLondon,5,"{period}"\n')
    assert len(found) == 1 and found[0].startswith("Row 2: the ") and "use a date (2019-09-30)" in found[0]


def test_every_problem_in_a_file_is_reported_at_once():
    found = problems("region,count,period\nAtlantis,5,2023\nLondon,x,2023\nLondon,3,2023\n")
    assert len(found) == 3


def test_wrong_encoding_is_reported_not_guessed():
    assert "not UTF-8 text" in problems("region,count,period\nLondon,5,2023\n".encode("utf-16"))[0]


def test_too_large_a_file_is_refused_before_reading():
    assert "the limit is 100,000" in problems(b"x" * 100_001)[0]


def test_template_lists_every_region_with_a_blank_count():
    lines = regional.template_csv(REGIONS).decode().splitlines()
    assert lines[0] == "region,count,period" and len(lines) == 8
    assert all(line.split(",")[1] == "" for line in lines[1:])


def test_measures_are_worded_from_the_data_not_typed():
    """The target and the trusts matched by hand come from the data: change them and the words change."""
    assert WORDED["fair_share"].label == "Modelled share of the 4,730 target"
    assert "(5 matched by hand)" in WORDED["trusts"].method
    other = regional.worded(5000, TRUSTS[~TRUSTS["match_method"].str.startswith("by hand")])
    assert other["fair_share"].label == "Modelled share of the 5,000 target" and "5,000 x" in other["fair_share"].method
    assert "(0 matched by hand)" in other["trusts"].method
    assert other["user_vs_share"].label == "Your count as % of the modelled share of 5,000"


@pytest.mark.parametrize("metric, top", [("fair_share", "891"), ("trusts_per_million", "1.4 per million")])
def test_a_headline_writes_its_values_as_the_bars_and_table_do(metric, top):
    # A modelled share of 4,730 is whole people (891, not 890.9); a derived rate one decimal (1.4, not 1.42).
    rows = regional.metric_rows(REGIONS, metric, WORDED)
    assert f"({top})" in regional.headline(rows)
    places = len(top.split(" ")[0].partition(".")[2])
    assert all(len(decimals) == places for decimals in re.findall(r"\d\.(\d+)", regional.headline(rows)))
