"""The planner's chart: the counted series (with its break) and the targets, plus the modelled path.

A pure builder like those in charts.py: it starts from a charts.growth_chart figure, so the counted
series, its series break and the plans' target lines look exactly as on the Growth page, then adds
the modelled path and any user-supplied counts, each marked in its label.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from psw_dash.charts import charts, theme
from psw_dash.planner import model as planner
from psw_dash.planner import view as planner_view
from psw_dash.vocabulary import formatting

MODELLED = "Modelled path"
USER = "Your counts (user-supplied)"


def _user_trace(counts: pd.DataFrame) -> dict:
    """A user's own counts as open squares in dark pink, each labelled with its count and 'yours'."""
    return dict(
        type="scatter",
        x=[d.isoformat() for d in counts["date"]],
        y=list(counts["count"]),
        mode="markers+text",
        name=USER,
        marker=dict(size=12, color=theme.DARK_PINK, symbol="square-open", line=dict(width=3)),
        text=[f"{formatting.number(c)} (yours)" for c in counts["count"]],
        textposition="bottom center",
        textfont=dict(color=theme.TEXT, size=12),
        cliponaxis=False,
        hovertemplate="%{x|%d %b %Y}: %{y:,.0f}<br>" + USER + "<extra></extra>",
    )


def _with(base: charts.Chart, traces: list[dict], annotations: list[dict], dates: list, top: float) -> go.Figure:
    """The base figure plus traces and annotations, axes widened to the dates and values given.

    Built as one dict and validated once: Plotly's add_scatter costs milliseconds a call, and the
    page reruns on every input change.
    """
    spec = base.figure.to_dict()
    spec["data"] += traces
    spec["layout"]["annotations"] = list(spec["layout"].get("annotations", ())) + annotations
    stamps = [pd.Timestamp(d) for d in dates]
    spec["layout"]["xaxis"]["range"] = [min(stamps) - pd.Timedelta(days=200), max(stamps) + pd.Timedelta(days=200)]
    spec["layout"]["yaxis"]["range"] = [0, top * 1.15]
    return go.Figure(spec)


def planner_chart(
    base: charts.Chart,
    series: pd.DataFrame,
    shown_targets: pd.DataFrame,
    scenario: planner.Scenario,
    target_label: str,
    user_counts: pd.DataFrame | None = None,
) -> charts.Chart:
    """The Growth page's chart (`base`: counted headcount, its break, the plans' targets) plus the modelled path
    from the start to the chosen target, and any user-supplied counts."""
    path = planner.path_points(scenario)
    middle = path.iloc[len(path) // 2]
    traces: list[dict[str, Any]] = [
        dict(
            type="scatter",
            x=[d.isoformat() for d in path["date"]],
            y=list(path["headcount"]),
            mode="lines+markers",
            name=MODELLED,
            line=dict(color=theme.DARK_GREY, dash="dot", width=2.5),
            marker=dict(size=6, color=theme.DARK_GREY),
            hovertemplate="%{x|%d %b %Y}: %{y:,.0f}<br>" + MODELLED + " (modelled)<extra></extra>",
        ),
        # The chosen target as a point at its date, named in words (the plans' lines come from the base), unless a
        # plan's line at the same count already names it: on a phone the two labels printed over each other.
        dict(
            type="scatter",
            x=[scenario.target_date.isoformat()],
            y=[scenario.target_count],
            mode="markers" if (shown_targets["value"] == scenario.target_count).any() else "markers+text",
            name="Your target",
            marker=dict(size=14, color=theme.DARK_GREY, symbol="star"),
            text=[target_label],
            textposition="top left",
            textfont=dict(color=theme.TEXT, size=13),
            cliponaxis=False,
            hovertemplate=target_label + "<extra></extra>",
        ),
    ]
    # A path of two points (a part year, or a start held above the target) has its middle at its end: label it
    # to the left there, or the label runs off the chart.
    at_end = len(path) // 2 == len(path) - 1
    annotations: list[dict[str, Any]] = [
        dict(
            x=middle["date"].isoformat(),
            y=middle["headcount"],
            text="Modelled path",
            showarrow=False,
            xanchor="right" if at_end else "left",
            yanchor="top",
            xshift=-10 if at_end else 10,
            font=dict(color=theme.TEXT, size=13),
        )
    ]
    dates = list(series["period_end"]) + list(shown_targets["by_date"]) + [scenario.start_date, scenario.target_date]
    values = [series["headcount"].max(), shown_targets["value"].max(), scenario.target_count, scenario.start_count]
    counts = user_counts if user_counts is not None and not user_counts.empty else None
    if counts is not None:
        traces.append(_user_trace(counts))
        dates += list(counts["date"])
        values.append(counts["count"].max())
    figure = _with(base, traces, annotations, dates, max(values))

    growth = planner.required_growth(scenario)
    pace = (
        f"{growth * 100:.0f}% a year"
        if scenario.shape == planner.COMPOUND
        else f"{formatting.number(round(growth))} PSWs a year"
    )
    target = formatting.bound(scenario.target_bound) + formatting.number(scenario.target_count)  # 'over 6,500'
    headline = (
        f"Reaching {target} by "
        f"{formatting.date_text(scenario.target_date)} from {formatting.number(scenario.start_count)} means "
        f"growing about {pace} (modelled)"
        if not scenario.target_met
        else f"{formatting.number(scenario.start_count)} already meets {planner_view.met_words(scenario)}: holding it means "
        "replacing those who leave (modelled)"
    )
    shape = "straight line" if scenario.shape == planner.STRAIGHT else "steady compound growth"
    subtitle = (
        "Peer support workers (headcount): counted 2015/16 to September 2019, then the modelled path "
        f"({shape}) from {formatting.date_text(scenario.start_date)}; "
        "the dotted vertical line marks a change of collection"
    )
    summary = (
        base.summary
        + " Modelled path: "
        + _dated(path["date"], [round(v) for v in path["headcount"]])
        + "."
        + (f" Your counts (user-supplied): {_dated(counts['date'], counts['count'])}." if counts is not None else "")
    )
    return charts.Chart(figure, headline, subtitle, summary)


def _dated(dates, counts) -> str:
    """Counts after their dates, as words read them: '31 March 2021 1,800; 31 March 2023 2,500'."""
    return "; ".join(f"{formatting.date_text(d)} {formatting.number(c)}" for d, c in zip(dates, counts, strict=True))


def with_user_counts(chart: charts.Chart, counts: pd.DataFrame) -> charts.Chart:
    """The Growth page's chart with a user's own counts added, marked user-supplied, axes widened to fit."""
    layout = chart.figure.layout
    dates = [layout.xaxis.range[0], layout.xaxis.range[1]] + list(counts["date"])
    top = max(layout.yaxis.range[1] / 1.15, counts["count"].max())
    figure = _with(chart, [_user_trace(counts)], [], dates, top)
    return charts.Chart(
        figure,
        chart.headline,
        chart.subtitle,
        chart.summary + f" Your counts (user-supplied): {_dated(counts['date'], counts['count'])}.",
    )
