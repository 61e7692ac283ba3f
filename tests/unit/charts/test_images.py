"""Every chart exports as PNG and SVG with its frame on it: headline, subtitle, source line and caveats."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pandas as pd
import pytest
from PIL import Image

from psw_dash.charts import images
from psw_dash.views import frame, views

FRAMES = [framed for page in views.PAGE_CHARTS for framed in views.framed_of(page)]
CHARTS = [(framed, chart) for framed in FRAMES for chart in framed.charts]


def svg_words(svg: bytes) -> str:
    """The SVG's text as a reader would read it: each text element's lines joined by spaces."""
    root = ET.fromstring(svg)
    texts = [
        " ".join(t.strip() for t in element.itertext() if t.strip())
        for element in root.iter()
        if element.tag.endswith("}text")
    ]
    return " ".join(" ".join(texts).split())


def source_of(framed: views.Framed) -> str:
    return frame.source_line(framed.table) + (f" {framed.extra_source}" if framed.extra_source else "")


@pytest.mark.parametrize("framed, chart", CHARTS, ids=[f"{f.key}-{c.slug[:30]}" for f, c in CHARTS])
def test_svg_holds_headline_and_source_as_text_and_png_builds_from_the_same_figure(framed, chart):
    figure = images.framed_figure(chart, source_of(framed), images.caveats(framed.table))
    words = svg_words(images.svg(figure))
    assert " ".join(chart.headline.split()) in words
    assert " ".join(source_of(framed).split()) in words
    for caveat in images.caveats(framed.table):
        assert caveat in words
    picture = Image.open(io.BytesIO(images.png(figure)))
    assert picture.format == "PNG"
    assert picture.size == (images.WIDTH * images.PNG_SCALE, figure.layout.height * images.PNG_SCALE)


def test_caveats_name_the_series_break_derived_values_and_small_bases():
    growth = views.growth()
    assert any(c.startswith("Series break") for c in images.caveats(growth.table))
    small = pd.DataFrame({"derived": [True, False], "base_n": [30.0, 200.0]})
    flags = images.caveats(small)
    assert [f.split(":")[0] for f in flags] == ["Derived", "Small base"]
    modelled = views.regions_map(metric_id="fair_share")
    assert [f.split(":")[0] for f in images.caveats(modelled.table)] == ["Modelled"]
    planner = views.PAGE_CHARTS["pages/planner.py"][0]()  # the planner's default scenario, as the pack prints it
    assert [f.split(":")[0] for f in images.caveats(planner.table)] == ["Modelled", "Series break"]


def test_file_names_say_what_they_are_and_tell_a_map_from_its_ranked_chart():
    regions = views.regions_map()
    names = {images.file_name(chart, "png", part) for chart, part in zip(regions.charts, ("", "ranked"), strict=False)}
    assert len(names) == 2
    assert all(n.startswith("psw-2019-chart-participating-trusts") and n.endswith(".png") for n in names)


def test_a_maps_footer_goes_below_its_colour_bar():
    from psw_dash.charts import maps
    from psw_dash.views import views

    context = views.regions_map(metric_id="population").chart
    framed = images.framed_figure(context, "Source: x")
    footer = framed.layout.annotations[-1]
    assert footer.text == "Source: x" and -footer.yshift >= maps.COLOUR_BAR_ROOM
