"""The regional maps: the report's readings shaded as categories, each region named on the map (and so in its
image), a context measure's values written as its bars write them."""

from __future__ import annotations

import pandas as pd

from psw_dash import paths
from psw_dash.charts import maps, theme
from psw_dash.views import regions_words
from psw_dash.vocabulary import geojson

SHAPES = geojson.read_regions(paths.DATA_DIR / paths.REGIONS_GEOJSON)
STATEMENTS = pd.read_parquet(paths.DATA_DIR / paths.REGIONAL_STATEMENTS)
REGIONS = SHAPES.merge(pd.read_parquet(paths.DATA_DIR / paths.REGIONS), on=["region_code", "region_name"]).merge(
    STATEMENTS[["region_code", "reading"]], on="region_code"
)


def test_the_reading_map_shades_each_reading_and_writes_it_under_the_regions_name():
    chart = maps.reading_map(REGIONS, "h", "s", "w")
    fills = {trace.meta: trace.fillcolor for trace in chart.figure.data}
    by_code = REGIONS.set_index("region_code")["reading"]
    assert {fills[code] for code in by_code[by_code.eq("higher")].index} == {theme.DARK_BLUE}
    assert {fills[code] for code in by_code[by_code.eq("not stated")].index} == {"#FFFFFF"}
    mixed = next(trace for trace in chart.figure.data if by_code[trace.meta] == "mixed")
    assert mixed.fillpattern.shape == "/"
    labels = [a.text for a in chart.figure.layout.annotations]
    assert len(labels) == 7
    for name, reading in zip(REGIONS["region_name"], REGIONS["reading"], strict=True):
        assert (
            sum(label.replace("<br>", " ").startswith(f"<b>{name}</b>") and label.endswith(reading) for label in labels)
            == 1
        ), name
    assert all(a.bgcolor == "white" for a in chart.figure.layout.annotations)  # readable on any shade


def test_a_context_map_writes_whole_people_for_a_modelled_share():
    chart = maps.region_map(REGIONS, "modelled_target_share", "Modelled share", "count", "h", "s", "w", derived=True)
    written = [a.text.split("<br>")[-1] for a in chart.figure.layout.annotations]
    assert "891" in written and not any("." in text for text in written)
    assert any(trace.name == "Midlands: 891" for trace in chart.figure.data)


def test_the_headline_states_the_reports_finding_in_its_own_names():
    statements = regions_words.ordered(STATEMENTS)
    assert regions_words.headline(statements) == (
        "The report found relatively few NHS-employed PSWs per 100,000 people in the North West of England, a higher "
        "ratio in the east of England and South East, and a mix of high and low in London"
    )
    table = regions_words.table(statements)
    assert list(table.iloc[:, 0])[:4] == ["North West", "East of England", "South East", "London"]
    assert "Not stated by the report" in set(table.iloc[:, 1])
