"""The planner's chart: the counted series (with its break) and the targets, plus the modelled path.

A pure builder like those in charts.py: it starts from charts.growth_chart, so the counted series,
its series break and the plans' target lines look exactly as on the Growth page, then adds the
modelled path and any user-supplied counts, each marked in its label.
"""
from __future__ import annotations

from datetime import date

import pandas as pd

from psw_dash import charts, formatting, planner, theme

MODELLED = "Modelled path"
USER = "Your counts (user-supplied)"


def _date_text(when: date) -> str:
    return f"{when.day} {when:%B %Y}"


def add_user_counts(figure, counts: pd.DataFrame) -> None:
    """A user's own counts as open squares in dark pink, each labelled with its count and 'user-supplied'."""
    if counts is None or counts.empty:
        return
    figure.add_scatter(
        x=[d.isoformat() for d in counts["date"]], y=counts["count"], mode="markers+text", name=USER,
        marker=dict(size=12, color=theme.DARK_PINK, symbol="square-open", line=dict(width=3)),
        text=[f"{formatting.number(c)} (yours)" for c in counts["count"]], textposition="bottom center",
        textfont=dict(color=theme.TEXT, size=12), cliponaxis=False,
        hovertemplate="%{x|%d %b %Y}: %{y:,.0f}<br>" + USER + "<extra></extra>",
    )


def _extend_axes(figure, dates: list, top: float) -> None:
    stamps = [pd.Timestamp(d) for d in dates]
    figure.update_layout(
        xaxis_range=[min(stamps) - pd.Timedelta(days=200), max(stamps) + pd.Timedelta(days=200)],
        yaxis_range=[0, top * 1.15],
    )


def planner_chart(series: pd.DataFrame, targets: pd.DataFrame, scenario: planner.Scenario, target_label: str,
                  show_later_plan: bool, user_counts: pd.DataFrame | None = None) -> charts.Chart:
    """Counted headcount, the plans' targets and the modelled path from the start to the chosen target."""
    base = charts.growth_chart(series, targets, show_later_plan=show_later_plan)
    figure = base.figure
    path = planner.path_points(scenario)
    figure.add_scatter(
        x=[d.isoformat() for d in path["date"]], y=path["headcount"], mode="lines+markers", name=MODELLED,
        line=dict(color=theme.DARK_GREY, dash="dot", width=2.5), marker=dict(size=6, color=theme.DARK_GREY),
        hovertemplate="%{x|%d %b %Y}: %{y:,.0f}<br>" + MODELLED + " (modelled)<extra></extra>",
    )
    # The chosen target as a point at its date, named in words (the plans' lines come from growth_chart).
    figure.add_scatter(
        x=[scenario.target_date.isoformat()], y=[scenario.target_count], mode="markers+text", name="Your target",
        marker=dict(size=14, color=theme.DARK_GREY, symbol="star"), text=[target_label], textposition="top left",
        textfont=dict(color=theme.TEXT, size=13), cliponaxis=False,
        hovertemplate=target_label + "<extra></extra>",
    )
    figure.add_annotation(x=path["date"].iloc[len(path) // 2].isoformat(), y=path["headcount"].iloc[len(path) // 2],
                          text="Modelled path", showarrow=False, xanchor="left", yanchor="top", xshift=10,
                          font=dict(color=theme.TEXT, size=13))
    add_user_counts(figure, user_counts)
    shown = targets if show_later_plan else targets[targets["target_id"] == "ltp_2019"]
    dates = list(series["period_end"]) + list(shown["by_date"]) + [scenario.start_date, scenario.target_date]
    values = [series["headcount"].max(), shown["value"].max(), scenario.target_count, scenario.start_count]
    if user_counts is not None and not user_counts.empty:
        dates += list(user_counts["date"])
        values.append(user_counts["count"].max())
    _extend_axes(figure, dates, max(values))

    growth = planner.required_growth(scenario)
    pace = (f"{growth * 100:.0f}% a year" if scenario.shape == planner.COMPOUND
            else f"{formatting.number(round(growth))} PSWs a year")
    headline = (f"Reaching {formatting.number(scenario.target_count)} by {_date_text(scenario.target_date)} from "
                f"{formatting.number(scenario.start_count)} means growing about {pace} (modelled)"
                if not scenario.target_met else
                f"{formatting.number(scenario.start_count)} already meets a target of "
                f"{formatting.number(scenario.target_count)} (modelled)")
    subtitle = ("Peer support workers (headcount): counted 2015/16 to September 2019, then the modelled path "
                f"({planner.SHAPES[scenario.shape].lower()}) from {_date_text(scenario.start_date)}; "
                "the dotted vertical line marks a change of collection")
    summary = (base.summary + " Modelled path: "
               + "; ".join(f"{_date_text(d)} {formatting.number(round(v))}" for d, v in zip(path["date"], path["headcount"]))
               + "." + (" Your counts (user-supplied): " + "; ".join(
                   f"{_date_text(d)} {formatting.number(c)}" for d, c in zip(user_counts["date"], user_counts["count"]))
                   + "." if user_counts is not None and not user_counts.empty else ""))
    return charts.Chart(figure, headline, subtitle, summary)


def with_user_counts(chart: charts.Chart, counts: pd.DataFrame) -> charts.Chart:
    """The Growth page's chart with a user's own counts added, marked user-supplied, axes widened to fit."""
    figure = chart.figure
    add_user_counts(figure, counts)
    x_low, x_high = figure.layout.xaxis.range
    top = max(figure.layout.yaxis.range[1], counts["count"].max() * 1.15)
    lows = [pd.Timestamp(x_low)] + [pd.Timestamp(d) - pd.Timedelta(days=200) for d in counts["date"]]
    highs = [pd.Timestamp(x_high)] + [pd.Timestamp(d) + pd.Timedelta(days=200) for d in counts["date"]]
    figure.update_layout(xaxis_range=[min(lows), max(highs)], yaxis_range=[0, top])
    words = "; ".join(f"{_date_text(d)} {formatting.number(c)}" for d, c in zip(counts["date"], counts["count"]))
    return charts.Chart(figure, chart.headline, chart.subtitle, chart.summary + f" Your counts (user-supplied): {words}.")
