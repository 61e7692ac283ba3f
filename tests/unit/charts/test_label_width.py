"""The label widths that size a chart's margins before Plotly draws it (psw_dash/charts/label_width.py)."""

import pytest

from psw_dash.charts import label_width, maps, theme
from psw_dash.views import views


def test_widths_are_arials_at_the_given_size():
    # Arial's advance widths: 'M' is 833/1000 of the size, 'i' 222/1000, a space 278/1000.
    assert label_width.pixels("M", 1000) == 833
    assert label_width.pixels("i i", 14) == pytest.approx((222 + 278 + 222) * 14 / 1000)
    # The sum of its characters' advances (a browser's kerning makes it a pixel or two narrower).
    assert label_width.pixels("North East and Yorkshire", 14) == pytest.approx(156.4, abs=0.1)


def test_the_widest_line_counts_tags_are_dropped_and_other_characters_count_as_wide():
    assert label_width.pixels("Benchmarking<br>(before 2019)", 14) == label_width.pixels("Benchmarking", 14)
    assert label_width.pixels("<b>Mean</b>", 14) == label_width.pixels("Mean", 14)
    assert label_width.pixels("é–", 10) == 2 * 8.33


def test_a_left_margin_fits_the_widest_label_with_plotlys_gap_unless_too_wide_for_a_phone():
    widest = label_width.pixels("Adult and older adult", 14)
    assert label_width.left_margin(["Community", "Adult and older adult"], 14) == {
        "l": int(widest) + 1 + label_width.TICK_LABEL_GAP
    }
    assert label_width.left_margin([], 14) == {"l": label_width.TICK_LABEL_GAP}
    # 'Adult and older adult core inpatient' is 216 px: left to Plotly, which limits its push on a phone.
    assert label_width.left_margin(["Adult and older adult core inpatient"], 14) == {}


def test_bar_charts_leave_room_for_their_longest_label_where_it_is_short_enough():
    ranked = views.regions_map().beside
    labels = list(ranked.figure.data[0].y)
    assert ranked.figure.layout.margin.l >= label_width.pixels(max(labels, key=len), theme.FONT_SIZE) + 11
    # 355 px labels are broken into lines a fixed margin holds: a phone leaves Plotly's own margin no room to push.
    assert views.framed("settings").chart.figure.layout.margin.l <= label_width.WIDEST_FIXED_MARGIN


def test_a_bars_value_axis_ends_where_every_label_fits_beside_its_bar_on_a_phone():
    # Room beside the bar: (1 - value / end) of the plot, which at its narrowest is 320 - left - right px.
    left, right, size = 100, 30, 14
    plot = label_width.NARROWEST_CHART_PX - left - right
    texts = ["1.4 per million (derived)", "0.6 per million (derived)"]
    end = label_width.value_axis_end([1.42, 0.61], texts, left, right, size)
    for value, text in zip([1.42, 0.61], texts, strict=True):
        assert plot * (1 - value / end) + right >= label_width.pixels(text, size) + label_width.BAR_TEXT_GAP - 1e-9
    # A percentage keeps its 100 when the labels fit within it; a short label never shrinks the axis.
    assert label_width.value_axis_end([40, 10], ["40%", "10%"], left, right, size, at_least=100) == 100


def test_a_long_category_breaks_at_spaces():
    assert label_width.wrapped("North East and Yorkshire", 100, 14) == "North East and<br>Yorkshire"
    assert label_width.wrapped("London", 100, 14) == "London"
    long = "Specialist inpatient (e.g. forensic, rehabilitation, perinatal)"
    assert all(
        label_width.pixels(line, 14) + label_width.TICK_LABEL_GAP <= label_width.WIDEST_FIXED_MARGIN
        for line in label_width.fitted_category(long, 14).split("<br>")
    )
    assert label_width.fitted_category("Community", 14) == "Community"


def test_the_maps_colour_bar_lies_under_the_map_with_room_for_it():
    context = views.regions_map(metric_id="population").chart.figure
    bar = next(trace.marker.colorbar for trace in context.data if trace.marker.showscale)
    assert bar.orientation == "h" and context.layout.margin.b == maps.COLOUR_BAR_ROOM
