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
    assert label_width.left_margin(["Community", "Adult and older adult"], 14) == \
        {"l": int(widest) + 1 + label_width.TICK_LABEL_GAP}
    assert label_width.left_margin([], 14) == {"l": label_width.TICK_LABEL_GAP}
    # 'Adult and older adult core inpatient' is 216 px: left to Plotly, which limits its push on a phone.
    assert label_width.left_margin(["Adult and older adult core inpatient"], 14) == {}


def test_bar_charts_leave_room_for_their_longest_label_where_it_is_short_enough():
    ranked = views.regions_map().beside
    labels = list(ranked.figure.data[0].y)
    assert ranked.figure.layout.margin.l >= label_width.pixels(max(labels, key=len), theme.FONT_SIZE) + 11
    assert views.framed("settings").chart.figure.layout.margin.l is None  # 355 px labels: Plotly's margin


def test_the_maps_colour_bar_has_room_for_its_widest_tick_label():
    assert maps._colour_bar_room(120, 900) == maps.COLOUR_BAR_ROOM + 24  # '900' is 23.4 px
    assert maps._colour_bar_room(5_632_263, 10_601_877) == maps.COLOUR_BAR_ROOM + 71  # '10,601,877'
    # A narrow scale may be ticked in decimals ('0.5', '1.5'): room for three characters.
    assert maps._colour_bar_room(4, 12) == maps._colour_bar_room(0.61, 1.42) == maps.COLOUR_BAR_ROOM + 20
