"""Chart colours meet WCAG contrast: words 4.5:1 (1.4.3), lines, markers and shapes 3:1 (1.4.11).

The colours are read from the figures the builders return, resolved as Plotly resolves them
(psw_dash/charts/contrast.py), never from a list typed here. tests/app/test_chart_accessibility.py does the
same for every chart the app draws on every page and view.
"""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from psw_dash.charts import charts, contrast, maps, theme
from psw_dash.own_files import regional
from psw_dash.reading import data


def test_contrast_ratios_match_wcag_reference_values():
    assert contrast.ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast.ratio("#767676", "white") == pytest.approx(4.54, abs=0.01)  # the lightest AA grey on white
    assert contrast.ratio(theme.TURQUOISE, "white") == pytest.approx(3.17, abs=0.01)


def test_the_check_fails_palette_text_and_light_marks():
    figure = go.Figure(layout=dict(template=theme.TEMPLATE_NAME))
    figure.add_bar(x=[1], y=["a"], marker_color=theme.SEQUENTIAL[0])
    figure.add_annotation(text="Target", x=0, y=0, font=dict(color=theme.ORANGE))
    problems = contrast.failures(figure)
    assert any("annotation 'Target'" in p and "needs 4.5:1" in p for p in problems), problems
    assert any("bar" in p and "needs 3.0:1" in p for p in problems), problems


def test_hover_colours_left_to_plotly_are_an_error():
    figure = go.Figure()
    figure.add_scatter(x=[1], y=[1])
    with pytest.raises(ValueError, match="hover label colours"):
        contrast.uses(figure)


def _topic_bar_charts() -> list[charts.Chart]:
    """Bars of every topic in the catalogue, and comparisons wherever a topic has a comparator."""
    built = []
    for topic, rows in data.figures().groupby("topic", sort=True):
        for unit, part in rows.groupby("unit"):
            built.append(charts.bars(part, f"{topic} ({unit})"))
            measures = list(dict.fromkeys(part["measure"]))
            if len(measures) > 1 and any("comparator" in m.lower() for m in measures):
                built.append(charts.comparison_bars(part, topic, measures))
    return built


def _built_charts() -> list[charts.Chart]:
    series, targets = data.headcount_series(), data.targets()
    built = [charts.growth_chart(series, targets, show_later_plan=later) for later in (False, True)]
    regions = data.regions_geo()
    worded = regional.worded(data.value("target.ltp_psws_planned"), data.trusts())
    for metric_id in regional.METRICS:
        metric = worded[metric_id]
        rows = regional.metric_rows(regions, metric_id, worded)
        reference = regional.reference_line(metric_id, data.value("per_100k.england_rate_2019"))
        built.append(charts.bars(rows, "ranked", reference=reference))
        built.append(maps.region_map(regions, metric.column, metric.label, metric.unit, "map", "", ""))
    return built + _topic_bar_charts()


def test_every_builder_writes_words_at_4_5_to_1_and_marks_at_3_to_1():
    built = _built_charts()
    assert len(built) > 20
    problems = {chart.headline: contrast.failures(chart.figure) for chart in built}
    assert {headline: p for headline, p in problems.items() if p} == {}


def test_every_builder_colours_its_hover_labels_and_chart_words():
    kinds = {(u.kind, u.what.split(" ")[-1]) for chart in _built_charts() for u in contrast.uses(chart.figure)}
    # The check saw words, hover text, marks and the map's colour bar, so a pass above means something.
    assert {("text", "labels"), ("text", "text"), ("mark", "bar"), ("mark", "shape"), ("text", "title")} <= kinds


def test_the_series_are_told_apart_by_shape_and_words_not_colour_alone():
    figure = charts.growth_chart(data.headcount_series(), data.targets(), show_later_plan=True).figure
    # The two collections' traces (their counts are written over the points, or in the label when crowded).
    collections = set(data.headcount_series()["collection"])
    symbols = {trace.name: trace.marker.symbol for trace in figure.data if trace.name in collections}
    assert len(set(symbols.values())) == len(symbols) == 2, symbols
    words = [a.text for a in figure.layout.annotations]
    assert any("Series" in w and "break" in w for w in words)
    assert any(w.startswith("Benchmarking") for w in words) and "2019 census" in words
    target_dashes = [s.line.dash for s in figure.layout.shapes if s.x0 == 0 and s.x1 == 1]
    assert len(set(target_dashes)) == len(target_dashes) == 2
