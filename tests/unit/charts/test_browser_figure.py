"""The figure the browser gets (psw_dash/charts/browser_figure.py): drawn the same as the builders' figure, with the
theme written into its layout, plain lists and a data revision named by its content."""

from __future__ import annotations

import base64
import json
from datetime import date

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from psw_dash.charts import browser_figure, charts, theme
from psw_dash.planner import model as planner
from psw_dash.planner.chart import planner_chart
from psw_dash.reading import data
from psw_dash.views import views


def sent(figure: go.Figure) -> dict:
    """What Streamlit sends the browser for a figure (st.plotly_chart: plotly.io.to_json)."""
    return json.loads(pio.to_json(figure, validate=False))


def every_chart() -> list[tuple[str, go.Figure]]:
    framed = [(key, views.framed(key)) for key in views.CHARTS] + [("map", views.regions_map())]
    figures = [(key, f.chart.figure) for key, f in framed] + [
        (f"{key} ranked", f.beside.figure) for key, f in framed if f.beside is not None
    ]
    growth = views.growth(show_later_plan=True).chart
    scenario = planner.Scenario(862, date(2019, 9, 30), 4730, date(2024, 3, 31), 0.11, 3, planner.COMPOUND)
    return figures + [
        ("growth", growth.figure),
        (
            "planner",
            planner_chart(growth, data.headcount_series(), data.targets(), scenario, "4,730 by 2023/24").figure,
        ),
    ]


@pytest.mark.parametrize("name, figure", every_chart(), ids=[name for name, _ in every_chart()])
def test_every_chart_is_sent_without_template_or_typed_arrays_and_with_the_same_values(name, figure):
    before, after = sent(figure), sent(browser_figure.convert(figure))
    text = json.dumps(after)
    assert "template" not in after["layout"] and '"bdata"' not in text
    assert len(after["layout"]["datarevision"]) == 16
    # Each trace's values: the same numbers and words, now as lists.
    assert len(figure.data) == len(after["data"])
    for trace_before, trace_after in zip(figure.data, after["data"], strict=True):
        for field in ("x", "y", "z", "text", "locations", "customdata"):
            value = trace_before[field] if field in trace_before else None  # noqa: SIM401 (a trace has no .get)
            if isinstance(value, dict):  # a figure rebuilt from a dict holds plotly.py's typed array as it wrote it
                value = np.frombuffer(
                    base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]).newbyteorder("<")
                )
            if value is not None:
                assert np.asarray(value).tolist() == trace_after[field], (name, field)
    # The theme fills what the figure leaves unset, and the figure's own settings win.
    defaults = before["layout"]["template"]["layout"]
    assert after["layout"]["font"] == {**defaults["font"], **before["layout"].get("font", {})}
    assert after["layout"]["margin"] == {**defaults["margin"], **before["layout"].get("margin", {})}
    assert after["layout"]["colorway"] == list(theme.PALETTE) and after["layout"]["separators"] == ".,"
    if any(t.get("type") in ("bar", "scatter") for t in before["data"]):
        for axis in ("xaxis", "yaxis"):
            assert after["layout"][axis] == {**defaults[axis], **before["layout"].get(axis, {})}
    if all(t.get("type") == "choropleth" for t in before["data"]):
        assert "xaxis" not in after["layout"] and "yaxis" not in after["layout"]  # a map has no axes to style


def test_the_growth_charts_own_margin_and_the_themes_other_sides():
    growth = sent(browser_figure.convert(views.growth().chart.figure))
    assert growth["layout"]["margin"] == {**theme.MARGIN, "l": 70}


def test_the_data_revision_names_the_content():
    bar = charts._figure(300).add_bar(x=np.array([1.0, 2.0]), y=["a", "b"], orientation="h")
    same = charts._figure(300).add_bar(x=np.array([1.0, 2.0]), y=["a", "b"], orientation="h")
    other = charts._figure(300).add_bar(x=np.array([1.0, 3.0]), y=["a", "b"], orientation="h")
    revision = lambda figure: browser_figure.convert(figure).layout.datarevision
    assert revision(bar) == revision(same) != revision(other)
    assert sent(browser_figure.convert(bar))["data"][0]["x"] == [1.0, 2.0]


def test_a_kept_figure_is_converted_once_and_a_new_one_again():
    chart = views.framed("per_trust").chart
    assert views.framed("per_trust").chart.browser_figure is chart.browser_figure
    copy = charts.Chart(go.Figure(chart.figure), chart.headline, chart.subtitle, chart.summary)
    assert copy.browser_figure is not chart.browser_figure
    assert copy.browser_figure.to_dict() == chart.browser_figure.to_dict()


def test_a_template_with_trace_defaults_is_refused_by_name():
    with pytest.raises(ValueError, match=r"data\.bar"):
        browser_figure.convert(go.Figure(go.Bar(y=[1]), layout=dict(template="plotly")))
