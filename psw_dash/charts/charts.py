"""Pure chart builders: tidy DataFrame in, Chart out. No Streamlit, no file reads, no globals.

Each builder returns the figure with the words that frame it: a headline that states the
finding, a subtitle (measure, unit, period, base) and a one-sentence summary in words.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from psw_dash.charts import browser_figure, label_width, theme
from psw_dash.vocabulary import formatting, milestones
from psw_dash.vocabulary.figure_rows import SMALL_BASE


@dataclass(frozen=True)
class Chart:
    figure: go.Figure
    headline: str
    subtitle: str
    summary: str

    @cached_property
    def browser_figure(self) -> go.Figure:
        """The figure as st.plotly_chart should send it (psw_dash/charts/browser_figure.py); converted once per Chart,
        so the kept views' charts are converted once, not on every run."""
        return browser_figure.convert(self.figure)

    @property
    def slug(self) -> str:
        """A file name for downloads, from the headline."""
        return re.sub(r"[^a-z0-9]+", "-", self.headline.lower()).strip("-")[:60]


def _figure(height: int) -> go.Figure:
    return go.Figure(layout=dict(template=theme.TEMPLATE_NAME, height=height))


def _label(row: Any) -> str:
    """Value as printed, marked when it is not: '(derived)', or the row's own status ('modelled', 'user-supplied')."""
    text = formatting.figure(row._asdict())
    status = getattr(row, "status", "") or ("derived" if row.derived else "")
    return text + (f" ({status})" if status else "")


def _hatch(row: Any) -> str:
    """'/' for a value printed as a bound, so the bar does not read as an exact length; '' otherwise."""
    return "/" if getattr(row, "bound", "") else ""


def _base_text(rows: pd.DataFrame) -> str:
    """The base of the percentages shown; counts and rates have none to give."""
    if not (rows["unit"] == "percent").any():
        return ""
    bases = sorted({int(b) for b in rows["base_n"].dropna()})
    if not bases:
        return "base not published"
    small = " (small base)" if min(bases) < SMALL_BASE else ""
    shares = rows[(rows["unit"] == "percent") & ~rows["derived"].astype(bool)]
    partial = "; base not published for the others" if shares["base_n"].isna().any() else ""
    return "n = " + ", ".join(f"{b:,}" for b in bases) + small + partial


def _period_text(rows: pd.DataFrame) -> str:
    # The period of the PSW figures; comparators carry their own (often "not stated") in the table.
    own = rows[~rows["measure"].map(_is_comparator)]
    periods = list(dict.fromkeys((own if len(own) else rows)["period"]))
    census = milestones.CENSUS_DATE
    return ", ".join(formatting.date_text(census) if p == census.isoformat() else p for p in periods)


# A unit as a subtitle names it after the measure: 'Sickness absence (%)'.
UNIT_WORDS = {
    "percent": "%",
    "count": "number",
    "wte": "WTE",
    "per_100k": "per 100,000",
    "per_million": "per million",
    "hours": "hours",
    "ratio": "ratio",
}


def subtitle(rows: pd.DataFrame, measure: str | None = None) -> str:
    """'Measure (unit), period; base'. The unit is left out where the measure already says it ('... per million
    population'), never printed empty."""
    measure = measure or rows["measure"].iloc[0]
    unit = UNIT_WORDS.get(rows["unit"].iloc[0], "")
    named = f" ({unit})" if unit and unit not in measure else ""
    base = _base_text(rows)
    return f"{measure}{named}, {_period_text(rows)}" + (f"; {base}" if base else "")


def _vertical_line(x: Any, colour: str, dash: str) -> dict[str, Any]:
    return dict(type="line", yref="paper", y0=0, y1=1, x0=x, x1=x, line=dict(color=colour, dash=dash, width=1.5))


def _is_comparator(measure: str) -> bool:
    return "comparator" in measure.lower()


def bars(
    rows: pd.DataFrame,
    headline: str,
    labels: list[str] | None = None,
    measure_label: str | None = None,
    reference: tuple[float, str] | None = None,
) -> Chart:
    """Horizontal bars, one per catalogue row, in the order given, each labelled with its value.

    Comparators are grey and derived values light purple, so PSW figures stand out. A bar whose value the
    report printed as a bound ('over three quarters', 'almost half') is hatched: its length is the bound,
    not a measured share, and its label says its bound word (figure_rows.BOUNDS: 'over', 'up to', 'about'...).
    """
    rows = rows.reset_index(drop=True)
    labels = [
        label_width.fitted_category(label, theme.FONT_SIZE)
        for label in (labels or [r.category or r.measure for r in rows.itertuples()])
    ]
    colours = [
        theme.LIGHT_PURPLE if r.derived else theme.DARK_GREY if _is_comparator(r.measure) else theme.DARK_BLUE
        for r in rows.itertuples()
    ]
    figure = _figure(height=max(180, 60 + _row_height(labels, 48) * len(rows)))
    figure.add_bar(
        x=rows["value"],
        y=labels,
        orientation="h",
        marker_color=colours,
        marker_pattern=dict(shape=[_hatch(r) for r in rows.itertuples()], solidity=0.5),
        text=[_label(r) for r in rows.itertuples()],
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}: %{text}<extra></extra>",
    )
    percent = (rows["unit"] == "percent").all()
    texts = [_label(r) for r in rows.itertuples()]
    end = _value_axis_end(rows["value"], texts, labels, 100 if percent else 0)
    figure.update_layout(
        yaxis=_top_down(len(dict.fromkeys(labels))),
        xaxis=dict(visible=False, range=[0, end]),
        margin=label_width.left_margin(labels, theme.FONT_SIZE),  # drawn once, not again to fit the labels
    )
    if reference is not None:
        # A national benchmark to read the bars against, drawn and named on the chart.
        figure.update_layout(
            shapes=[_vertical_line(reference[0], theme.ORANGE, "dash")],
            annotations=[
                dict(
                    x=reference[0],
                    y=1,
                    yref="paper",
                    yanchor="bottom",
                    text=reference[1],
                    showarrow=False,
                    font=dict(color=theme.TEXT, size=12),
                )
            ],
            xaxis_range=[0, max(end, reference[0] * 1.3)],
        )
    # The words read each label whole: a line break fitted for the chart's margin is not a pause in a sentence.
    words = "; ".join(f"{_unbroken(label)}: {_label(r)}" for label, r in zip(labels, rows.itertuples(), strict=True))
    measure = measure_label or rows["measure"].iloc[0]
    return Chart(figure, headline, subtitle(rows, measure), f"{measure}. {words}.")


def comparison_bars(
    rows: pd.DataFrame, headline: str, series_order: list[str], names: list[str] | None = None
) -> Chart:
    """PSWs against a comparator, category by category: grouped horizontal bars, each bar named in its label.

    Comparators share one slot in each group: where the report gives each category's comparator from a
    different population (ethnicity: England and Wales for one group, the UK for another), each is its own
    named series, drawn where a single comparator would be.
    """
    rows = rows.reset_index(drop=True)
    names = names or [_short(m) for m in series_order]
    rows = rows.assign(category=[label_width.fitted_category(c, theme.FONT_SIZE) for c in rows["category"]])
    categories = list(dict.fromkeys(rows["category"]))
    # A series name broken over two lines (_bar_text) needs taller bars, so its label keeps off its neighbour's.
    two_line = any(
        "<br>" in _bar_text(name, formatting.figure(r), categories)
        for name, measure in zip(names, series_order, strict=True)
        for _, r in rows[rows["measure"] == measure].iterrows()
    )
    figure = _figure(height=max(220, 80 + _row_height(categories, 90 if two_line else 70) * len(categories)))
    colours = [theme.DARK_GREY if _is_comparator(m) else c for m, c in zip(series_order, theme.PALETTE, strict=False)]
    for colour, measure, name in zip(colours, series_order, names, strict=True):
        part = rows[rows["measure"] == measure].set_index("category").reindex(categories).dropna(subset=["value"])
        figure.add_bar(
            x=part["value"],
            y=part.index,
            orientation="h",
            name=name,
            marker_color=colour,
            offsetgroup="comparator" if _is_comparator(measure) else measure,
            text=[_bar_text(name, formatting.figure(r), categories) for _, r in part.iterrows()],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}, %{text}<extra></extra>",
        )
    percent = (rows["unit"] == "percent").all()
    drawn = [(value, text) for trace in figure.data for value, text in zip(trace.x, trace.text, strict=True)]
    end = _value_axis_end([v for v, _ in drawn], [t for _, t in drawn], categories, 100 if percent else 0)
    figure.update_layout(
        barmode="group",
        bargap=0.3,
        margin=label_width.left_margin(categories, theme.FONT_SIZE),
        yaxis=_top_down(len(categories)),
        xaxis=dict(visible=False, range=[0, end]),
    )
    name_of = dict(zip(series_order, names, strict=True))
    words = "; ".join(
        f"{_unbroken(r.category)}: {name_of[r.measure]} {formatting.figure(r._asdict())}" for r in rows.itertuples()
    )
    return Chart(figure, headline, subtitle(rows[rows["measure"] == series_order[0]], series_order[0]), words + ".")


def _bar_text(name: str, shown: str, categories: list[str]) -> str:
    """'PSWs: 84%', the series named in its bar's label; a name too long to sit beside a bar on a phone-width chart
    is broken over two lines ('England and Wales<br>population: 3%')."""
    text = f"{name}: {shown}"
    left = label_width.left_margin(categories, theme.FONT_SIZE).get("l", label_width.WIDEST_FIXED_MARGIN)
    room = (label_width.NARROWEST_CHART_PX - left - theme.MARGIN["r"]) * 0.8 + theme.MARGIN["r"]
    if label_width.pixels(text, theme.FONT_SIZE) + label_width.BAR_TEXT_GAP <= room:
        return text
    words = text.split(" ")
    halves = [(" ".join(words[:k]), " ".join(words[k:])) for k in range(1, len(words))]
    first, rest = min(halves, key=lambda pair: max(label_width.pixels(part, theme.FONT_SIZE) for part in pair))
    return f"{first}<br>{rest}"


def _unbroken(label: str) -> str:
    """A label as one line of words: the line breaks fitted for a chart's margin (label_width) taken out."""
    return label.replace("<br>", " ")


def _row_height(labels: list[str], least: int) -> int:
    """Each category's height: `least` px, or more where its label is broken over lines (about 18 px a line)."""
    return max(least, 12 + 18 * max((str(label).count("<br>") + 1 for label in labels), default=1))


def _value_axis_end(values: list[float], texts: list[str], categories: list[str], at_least: float) -> float:
    """The value axis's end: a percentage's 100 (or a count's largest value) unless a bar's label needs more room
    beside its bar to fit a phone-width chart (label_width.value_axis_end)."""
    left = label_width.left_margin(categories, theme.FONT_SIZE).get(
        "l",
        math.ceil(max((label_width.pixels(c, theme.FONT_SIZE) for c in categories), default=0))
        + label_width.TICK_LABEL_GAP,
    )
    return label_width.value_axis_end(list(values), texts, left, theme.MARGIN["r"], theme.FONT_SIZE, at_least)


def _top_down(categories: int) -> dict[str, Any]:
    """A category axis read from the top, its range fixed rather than `autorange="reversed"`.

    With autorange, Plotly's second pass over a figure (Streamlit hands it each figure again: browser_figure.py)
    could find the computed range changed and draw the axis, labels and bar text again: in 8 of 58 first visits
    to Regions on a busy machine (none of 14 with the fixed range; tests/e2e/test_views_in_browser.py). The fixed
    range is the one autorange drew: each category's slot is 1 wide, centred on its index, the first at the top.
    """
    return dict(range=[categories - 0.5, -0.5], autorange=False, showgrid=False, zeroline=False)


def _short(measure: str) -> str:
    """'Share of England and Wales population (comparator)' -> 'England and Wales population'."""
    text = re.sub(r"^Share of\s+", "", measure)
    return re.sub(r"\s*\(comparator\)", "", text)


# Short names for the two collections, so the direct labels fit a phone-width chart.
_COLLECTION_LABEL = {True: "2019 census", False: "Benchmarking<br>(before 2019)"}


# The growth chart's plot at its narrowest (a phone): the chart less its left margin (70) and the theme's right.
_NARROWEST_GROWTH_PLOT_PX = label_width.NARROWEST_CHART_PX - 70 - theme.MARGIN["r"]


def _labels_fit_apart(dates: list[Any], texts: list[str], x_range: list[pd.Timestamp]) -> bool:
    """Whether labels centred over points at these dates keep apart on the narrowest plot of this date range."""
    stamps = [pd.Timestamp(d) for d in dates]
    px_a_day = _NARROWEST_GROWTH_PLOT_PX / (x_range[1] - x_range[0]).days
    return all(
        (later - earlier).days * px_a_day >= (label_width.pixels(a, 14) + label_width.pixels(b, 14)) / 2
        for earlier, later, a, b in zip(stamps, stamps[1:], texts, texts[1:], strict=False)
    )


def growth_chart(series: pd.DataFrame, targets: pd.DataFrame, show_later_plan: bool = False) -> Chart:
    """Headcount by period against the 4,730 target, with the collection break drawn and named.

    Periods sit at their real dates (a financial year at its end), so the gap between 2017/18 and
    the 2019 census is honest. Words on the chart are kept short enough for a 360 px screen.
    """
    figure = _figure(height=440)
    collection_labels = []
    shown = targets[targets["target_id"].isin(["ltp_2019", "ltwp_2036_37"] if show_later_plan else ["ltp_2019"])]
    dates = [pd.Timestamp(d) for d in list(series["period_end"]) + list(shown["by_date"])]
    x_range = [min(dates) - pd.Timedelta(days=200), max(dates) + pd.Timedelta(days=200)]
    for colour, (collection, part) in zip(
        (theme.TURQUOISE, theme.DARK_BLUE), series.groupby("collection", sort=False), strict=False
    ):
        census = bool(part["comparable_with_2019"].all())
        counts = [formatting.number(v) for v in part["headcount"]]
        # Counts a year apart each get a label over their point where a phone-width chart has room between them;
        # on a longer axis (the 2036/37 plan shown) they are written together in the collection's own label.
        apart = census or _labels_fit_apart(part["period_end"], counts, x_range)
        figure.add_scatter(
            x=part["period_end"],
            y=part["headcount"],
            mode="markers+text" if apart else "markers",
            name=collection,
            marker=dict(size=13, color=colour, symbol="circle" if census else "diamond"),
            text=counts,
            textposition="top center",
            cliponaxis=False,
            textfont=dict(color=theme.TEXT, size=14),  # words dark; the marker carries the colour
            customdata=part["period"],
            hovertemplate="%{customdata}: %{text}<br>" + collection + "<extra></extra>",
        )
        # Name each collection by its points (a direct label, not a legend): the census's starts at its point and
        # reads rightwards, away from the counts before it; the benchmarking's starts at its first point.
        anchor = part.iloc[-1] if census else part.iloc[0]
        position = (
            dict(y=anchor["headcount"], yanchor="top", xanchor="left", xshift=-8, yshift=-14)
            if census
            else dict(y=0.3, yref="paper", yanchor="bottom", xanchor="left", bgcolor="white")
        )  # over the break's line
        text = _COLLECTION_LABEL[census] + ("" if apart else ":<br>" + ", ".join(counts))
        collection_labels.append(
            dict(
                x=anchor["period_end"],
                text=text,
                showarrow=False,
                font=dict(size=12, color=theme.TEXT),
                align="left",
                **position,
            )
        )
    before = series[~series["comparable_with_2019"]]
    figure.add_scatter(
        x=before["period_end"],
        y=before["headcount"],
        mode="lines",
        line=dict(color=theme.TURQUOISE, width=2),
        hoverinfo="skip",
    )
    # The break sits between the last benchmarking year and the census.
    last_before, census_date = (
        before["period_end"].max(),
        series.loc[series["comparable_with_2019"], "period_end"].min(),
    )
    break_at = pd.Timestamp(last_before) + (pd.Timestamp(census_date) - pd.Timestamp(last_before)) / 2
    # Lines and labels go in as plain layout lists: add_vline/add_hline cost ~10 ms each in Plotly.
    shapes = [_vertical_line(break_at, theme.DARK_GREY, "dot")]
    # Written right of the line, over the census's side of the break: on its left it met the axis's numbers when the
    # axis runs to 2037.
    annotations = [
        dict(
            x=break_at,
            y=0.55,
            yref="paper",
            text="Series<br>break",
            showarrow=False,
            xanchor="left",
            xshift=4,
            align="left",
            font=dict(size=12, color=theme.DARK_GREY),
        )
    ]
    # The 2023 plan restates 4,730 for 2023/24: one line for it, so the two plans do not overprint.
    # Each plan's line differs in dash as well as colour, and is named in words beside it.
    for colour, dash, target in zip(
        (theme.ORANGE, theme.DARK_PINK), ("dash", "longdashdot"), shown.itertuples(), strict=False
    ):
        plan = target.plan.split(":")[0]
        shapes.append(
            dict(
                type="line",
                xref="paper",
                x0=0,
                x1=1,
                y0=target.value,
                y1=target.value,
                line=dict(color=colour, dash=dash, width=2),
            )
        )
        figure.add_scatter(
            x=[target.by_date],
            y=[target.value],
            mode="markers",
            marker=dict(size=11, color=colour, symbol="x"),
            hovertemplate=f"{plan}<br>{target.plan.split(': ')[-1]}<extra></extra>",
        )
        annotations.append(
            dict(
                x=0,
                xref="paper",
                y=target.value,
                yanchor="bottom",
                xanchor="left",
                showarrow=False,
                align="left",
                text=f"Target {target.qualifier.replace('more than', 'over') + ' ' if target.qualifier else ''}"
                f"{formatting.number(target.value)} by {target.by_period}",
                font=dict(color=theme.TEXT, size=13),
            )
        )
    top = (shown["value"].max() if len(shown) else series["headcount"].max()) * 1.15
    figure.update_layout(
        # Room for the y axis's title and ticks from the start: left to automargin (still on, for larger
        # numbers), the first draw measured them and drew the chart again, about 30 ms of every visit.
        margin=dict(l=70),
        shapes=shapes,
        annotations=collection_labels + annotations,
        yaxis=dict(title="Peer support workers (headcount)", range=[0, top], tickformat=","),
        # Plain year ticks that Plotly thins out on a narrow screen; periods are on hover and in the table.
        xaxis=dict(type="date", tickformat="%Y", range=x_range),
    )
    first, last = series.iloc[0], series.iloc[-1]
    ltp = targets[targets["target_id"] == "ltp_2019"].iloc[0]
    multiple = last["headcount"] / first["headcount"]
    share = last["headcount"] / ltp["value"] * 100
    # The counts before and after the break come from different collections (the later one also counts
    # external and unpaid staff), so the headline states the counts, not a growth multiple across the break.
    headline = (
        f"Counted peer support workers rose from {formatting.number(first['headcount'])} in {first['period']} "
        f"to {formatting.number(last['headcount'])} in {last['period']} across a change of collection, "
        # One precision for one figure: the catalogue's share (target.share_reached_2019) has one decimal place.
        f"yet stood at {share:.1f}% of the {formatting.number(ltp['value'])} target, read as PSWs in post"
    )
    subtitle_text = (
        f"Peer support workers (headcount), {first['period']} to {last['period']}, each financial year at its end; "
        "the dotted line marks a change of collection"
    )
    plans = "; ".join(
        f"{t.plan}: {t.qualifier + ' ' if t.qualifier else ''}{formatting.number(t.value)}" for t in shown.itertuples()
    )
    summary = (
        "Headcount: "
        + "; ".join(f"{r.period} {formatting.number(r.headcount)}" for r in series.itertuples())
        + f". Targets: {plans}. "
        + f"Both derived: {multiple:.1f}× across the series break (counts from two collections) and "
        f"{share:.1f}% of the target."
    )
    return Chart(figure, headline, subtitle_text, summary)
