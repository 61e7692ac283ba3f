"""Chart builders: the figure carries the values passed in, and the headline states the finding."""

from __future__ import annotations

import pandas as pd

from psw_dash.charts import charts, label_width, theme


def series() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period": ["2015/16", "2016/17", "2017/18", "Sep 2019"],
            "period_end": ["2016-03-31", "2017-03-31", "2018-03-31", "2019-09-30"],
            "headcount": [48.0, 111.0, 153.0, 862.0],
            "collection": ["benchmarking"] * 3 + ["census"],
            "comparable_with_2019": [False, False, False, True],
        }
    )


def targets() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "target_id": ["ltp_2019", "ltwp_2023_24", "ltwp_2036_37"],
            "plan": ["NHS Long Term Plan (2019): x", "LTWP (2023): y", "LTWP (2023): z"],
            "value": [4730.0, 4730.0, 6500.0],
            "by_period": ["2023/24", "2023/24", "2036/37"],
            "by_date": ["2024-03-31", "2024-03-31", "2037-03-31"],
            "qualifier": ["", "", "more than"],
        }
    )


def shares(values: list[float], derived: list[bool] | None = None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "category": [f"Group {i}" for i in range(len(values))],
            "measure": "Share of PSWs by group",
            "value": values,
            "unit": "percent",
            "base_n": 450.0,
            "period": "2019-09-30",
            "derived": derived or [False] * len(values),
        }
    )


def test_growth_chart_plots_each_count_and_the_target():
    chart = charts.growth_chart(series(), targets())
    plotted = [y for trace in chart.figure.data if trace.mode == "markers+text" for y in trace.y]
    assert plotted == [48, 111, 153, 862]
    assert [shape.y0 for shape in chart.figure.layout.shapes if shape.y0 == shape.y1] == [4730]


def test_growth_chart_headline_states_the_counts_not_growth_across_the_break():
    """48 (benchmarking) and 862 (census, external and unpaid included) are not like for like: the
    headline says what was counted, and leaves the growth multiple to the derived figures that say so."""
    chart = charts.growth_chart(series(), targets())
    assert not any(claim in chart.headline for claim in ("fold", "grew", "times"))
    assert chart.headline == (
        "Counted peer support workers rose from 48 in 2015/16 to 862 in Sep 2019 across a "
        "change of collection, "
        "yet stood at 18.2% of the 4,730 target, read as PSWs in post"
    )
    assert "derived" in chart.summary


def test_growth_chart_draws_and_names_the_series_break():
    chart = charts.growth_chart(series(), targets())
    assert any("Series<br>break" in a.text for a in chart.figure.layout.annotations)
    assert {trace.name for trace in chart.figure.data if trace.name} == {"benchmarking", "census"}


def test_growth_chart_shows_the_later_plan_only_when_asked():
    hidden = charts.growth_chart(series(), targets())
    shown = charts.growth_chart(series(), targets(), show_later_plan=True)
    assert not any("6,500" in a.text for a in hidden.figure.layout.annotations)
    assert any("over 6,500 by 2036/37" in a.text for a in shown.figure.layout.annotations)
    # the 2023 plan's restated 4,730 is not drawn a second time over the 2019 plan's
    assert sum("4,730" in a.text for a in shown.figure.layout.annotations) == 1


def test_bars_label_every_bar_with_its_value_and_flag_derived():
    chart = charts.bars(shares([84, 7, 4.5], derived=[False, False, True]), "Most PSWs were White")
    bars = chart.figure.data[0]
    assert list(bars.x) == [84, 7, 4.5]
    assert list(bars.text) == ["84%", "7%", "4.5% (derived)"]
    assert bars.marker.color[2] != bars.marker.color[0]
    assert "n = 450" in chart.subtitle


def test_small_bases_are_flagged_in_the_subtitle():
    rows = shares([60, 40]).assign(base_n=34.0)
    assert "n = 34 (small base)" in charts.bars(rows, "x").subtitle


def test_charts_use_the_shared_theme():
    chart = charts.bars(shares([50, 50]), "x")
    assert chart.figure.layout.template.layout.colorway == theme.PALETTE
    assert chart.figure.data[0].marker.color[0] == theme.DARK_BLUE


def test_comparators_are_grey_so_psw_bars_stand_out():
    rows = shares([22, 6]).assign(measure=["PSW sickness rate", "Sickness rate (comparator)"])
    colours = charts.bars(rows, "x").figure.data[0].marker.color
    assert colours == (theme.DARK_BLUE, theme.DARK_GREY)


def test_a_base_printed_for_only_some_shares_says_so():
    rows = shares([96, 32]).assign(base_n=[34.0, float("nan")])
    assert charts.bars(rows, "x").subtitle.endswith("n = 34 (small base); base not published for the others")


def test_a_bar_whose_value_is_a_bound_is_hatched_and_labelled_with_it():
    rows = pd.DataFrame(
        {
            "figure_id": ["a.b", "a.c"],
            "measure": ["Share", "Share"],
            "category": ["Mix", "Team"],
            "value": [75.0, 20.0],
            "unit": ["percent", "percent"],
            "base_n": [None, None],
            "period": ["2019-09-30"] * 2,
            "derived": [False, False],
            "note": ["", ""],
            "bound": ["over", ""],
        }
    )
    bar = charts.bars(rows, "x").figure.data[0]
    assert list(bar.marker.pattern.shape) == ["/", ""]
    assert list(bar.text) == ["over 75%", "20%"]


def test_a_subtitle_never_prints_an_empty_unit_nor_repeats_one():
    rows = pd.DataFrame(
        {
            "category": ["London", "Midlands"],
            "value": [1.0, 1.13],
            "unit": "per_million",
            "measure": "Participating trusts per million population",
            "base_n": float("nan"),
            "period": "2019",
            "derived": True,
        }
    )
    assert charts.subtitle(rows) == "Participating trusts per million population, 2019"
    assert (
        charts.subtitle(rows.assign(unit="count", measure="Participating trusts"))
        == "Participating trusts (number), 2019"
    )


def test_a_bars_value_axis_leaves_room_for_its_longest_label_at_phone_width():
    # '96% (derived)' beside a bar 96% of the way across a 100% axis would run past a phone-width chart's edge.
    rows = shares([96, 3], derived=[True, False]).assign(measure="Share of PSWs", category=["White", "Mixed"])
    chart = charts.bars(rows, "h", labels=["White", "Mixed"])
    end = chart.figure.layout.xaxis.range[1]
    plot = label_width.NARROWEST_CHART_PX - chart.figure.layout.margin.l - theme.MARGIN["r"]
    assert plot * (1 - 96 / end) + theme.MARGIN["r"] >= label_width.pixels("96% (derived)", theme.FONT_SIZE)


def test_growth_counts_a_year_apart_share_one_label_when_the_axis_runs_to_2037():
    near = charts.growth_chart(series(), targets())
    far = charts.growth_chart(series(), targets(), show_later_plan=True)
    assert [trace.mode for trace in near.figure.data[:2]] == ["markers+text", "markers+text"]
    assert far.figure.data[0].mode == "markers"  # 48, 111 and 153 would print over each other on a phone
    assert any(a.text.endswith("48, 111, 153") for a in far.figure.layout.annotations)


def test_the_words_read_a_label_whole_where_the_chart_breaks_it():
    """A long label is broken over two lines for the chart's margin; the 'In words' sentence (the alt text, the
    pack's and the slides' words) reads it as one, with no markup."""
    from psw_dash.views import views

    for key in ("ethnicity", "settings", "employment", "map"):
        framed = views.framed(key) if key != "map" else views.regions_map()
        for chart in framed.charts:
            assert "<br>" not in chart.summary, (key, chart.summary)
