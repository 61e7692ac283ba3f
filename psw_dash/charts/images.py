"""A chart as an image that keeps its frame: headline, subtitle with base, chart, source line, caveats.

A pasted chart then carries its own provenance into a Word or PowerPoint page. The frame is drawn
in the figure itself (Plotly title, subtitle and annotations), so the SVG holds it as real text.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from psw_dash.charts import charts, image_browser, theme
from psw_dash.vocabulary.figure_rows import SMALL_BASE

# 1000 px wide at scale 2: 2000 px, sharp across a 16 cm Word column or a full PowerPoint slide.
WIDTH = 1000
PNG_SCALE = 2
EDGE = 24  # px of white round the frame's words
HEADLINE_SIZE, SUBTITLE_SIZE, FOOTER_SIZE = 20, 14, 12
# Characters a line holds at each size in Arial across WIDTH - 2 * EDGE (average glyph ~0.52 em).
HEADLINE_CHARS, SUBTITLE_CHARS, FOOTER_CHARS = 84, 125, 150
LABEL_PX_PER_CHAR = 7.6  # a 14 px Arial category label

CAVEATS = {
    "derived": "Derived: some values are computed by this dashboard, not printed in the report; the method is in "
    "the notes and the CSV download.",
    "modelled": "Modelled: some values rest on an assumption stated in their method; they are not published figures.",
    "user-supplied": "User-supplied: some values are the user's own counts, not published figures.",
    "series break": "Series break: counts before 2019 come from the NHS Benchmarking Network's collection, not the "
    "2019 census; the two are not strictly comparable.",
    "small base": f"Small base: some percentages rest on fewer than {SMALL_BASE} responses.",
}


def caveats(table: pd.DataFrame) -> list[str]:
    """The caveat flags the rows behind a chart call for, in a fixed order."""
    flags = []
    status = table["status"] if "status" in table else pd.Series("", index=table.index)
    if "derived" in table and (table["derived"].astype(bool) & ~status.isin(["modelled", "user-supplied"])).any():
        flags.append("derived")
    # The planner's yearly table marks its columns '(modelled)' rather than its rows.
    modelled_columns = any("(modelled" in str(column) for column in table.columns)
    flags += [
        kind
        for kind in ("modelled", "user-supplied")
        if (status == kind).any() or (kind == "modelled" and modelled_columns)
    ]
    # The series itself, or a table drawn with it (the planner's path, whose note carries the break).
    if ("comparable_with_2019" in table and not table["comparable_with_2019"].all()) or (
        "note" in table and table["note"].astype(str).str.contains("Series break:").any()
    ):
        flags.append("series break")
    if "base_n" in table and (table["base_n"].dropna() < SMALL_BASE).any():
        flags.append("small base")
    return [CAVEATS[flag] for flag in flags]


def _lines(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False) or [""]


def _label_margin(figure: go.Figure) -> int:
    """Room for the category labels of horizontal bars, so the frame's words can align to the image edge."""
    labels = [
        str(label)
        for trace in figure.data
        if getattr(trace, "orientation", None) == "h"
        for label in (() if trace.y is None else trace.y)
    ]
    longest = max((max(len(part) for part in label.split("<br>")) for label in labels), default=0)
    return int(EDGE + longest * LABEL_PX_PER_CHAR) if labels else 90


def framed_figure(chart: charts.Chart, source: str, notes: list[str] | None = None) -> go.Figure:
    """A copy of the chart's figure at export size, with its headline, subtitle, source line and caveats on it."""
    figure = go.Figure(chart.figure)
    headline, subtitle = _lines(chart.headline, HEADLINE_CHARS), _lines(chart.subtitle, SUBTITLE_CHARS)
    footer = [line for paragraph in [source, *(notes or [])] for line in _lines(paragraph, FOOTER_CHARS)]
    top = EDGE + len(headline) * HEADLINE_SIZE * 1.3 + 8 + len(subtitle) * SUBTITLE_SIZE * 1.35 + 16
    axis_room = 40 if figure.layout.xaxis.visible is not False else 10
    if any(
        getattr(getattr(trace, "marker", None), "colorbar", None) is not None
        and trace.marker.showscale
        and trace.marker.colorbar.orientation == "h"
        for trace in figure.data
    ):
        axis_room += figure.layout.margin.b or 0  # a colour bar under a map: the footer goes below it
    bottom = axis_room + len(footer) * FOOTER_SIZE * 1.4 + EDGE
    plot_height = figure.layout.height or 450
    left = _label_margin(figure)
    figure.update_layout(
        width=WIDTH,
        height=int(top + plot_height + bottom),
        margin=dict(l=left, r=60, t=int(top), b=int(bottom)),
        title=dict(
            text="<br>".join(f"<b>{line}</b>" for line in headline),
            x=EDGE / WIDTH,
            xref="container",
            xanchor="left",
            y=1 - EDGE / (top + plot_height + bottom),
            yref="container",
            yanchor="top",
            font=dict(size=HEADLINE_SIZE, color=theme.TEXT),
            subtitle=dict(text="<br>".join(subtitle), font=dict(size=SUBTITLE_SIZE, color=theme.TEXT)),
        ),
    )
    # Fixed label room: automargin would move the plot, and the footer is placed from the plot's edge.
    figure.update_yaxes(automargin=False)
    figure.add_annotation(
        text="<br>".join(footer),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        xshift=EDGE - left,
        yshift=-axis_room,
        align="left",
        showarrow=False,
        font=dict(size=FOOTER_SIZE, color=theme.SOURCE_TEXT),
    )
    return figure


def plain_figure(chart: charts.Chart, width: int = WIDTH) -> go.Figure:
    """The chart alone, for the pack, where its headline and source are real text around it."""
    return go.Figure(chart.figure).update_layout(width=width, height=chart.figure.layout.height or 450)


def file_name(chart: charts.Chart, extension: str, part: str = "") -> str:
    """'psw-2019-chart-<headline slug>.png': says what it is when it lands in a Downloads folder.

    part tells apart two charts of one frame that share a headline (the map and its ranked bars).
    """
    return f"psw-2019-chart-{chart.slug.strip('-')}{'-' + part if part else ''}.{extension}"


_exported: dict[tuple[object, ...], bytes] = {}


def export(chart: charts.Chart, source: str, notes: list[str], extension: str) -> bytes:
    """The framed chart as PNG or SVG bytes, kept once drawn (the same words mean the same chart)."""
    key = (chart.headline, chart.subtitle, chart.summary, source, tuple(notes), extension)
    if key not in _exported:
        figure = framed_figure(chart, source, notes)
        _exported[key] = png(figure) if extension == "png" else svg(figure)
    return _exported[key]


def png(figure: go.Figure) -> bytes:
    """One framed figure as PNG, drawn in the app's shared browser session."""
    return image_browser.shared.image(figure, "png", PNG_SCALE)


def svg(figure: go.Figure) -> bytes:
    return image_browser.shared.image(figure, "svg", 1)
