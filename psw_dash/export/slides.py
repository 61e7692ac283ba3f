"""The slides: every chart of a view, or of every view, as a native PowerPoint chart a reader can restyle.

One slide per chart frame, built from the frame the dashboard shows (views.Framed): its headline is the
slide's title, its Plotly figure becomes a native chart with the data embedded (the values, labels, colours,
patterns and lines the screen draws, read from the figure, so slide and screen cannot disagree), and its
subtitle, "In words" sentence, caveat flags and source line are text boxes, in that reading order. The "In
words" sentence is also the chart's alternative text and the speaker notes', with a link back to the view.

How the marks travel:
- horizontal bars -> a clustered bar chart (categories from the top, as on screen), each bar its colour;
  a bound ("over 75%") -> a hatched bar (pattern fill) whose label keeps the bound word;
  a derived value -> the light purple bar and "(derived)" in its label;
- the headcount series and the planner's path (real dates on the x axis) -> an XY scatter chart (lines and
  markers: the closest native type that keeps the gap between periods honest), each collection its own
  series; the series break -> a dotted vertical line series labelled "Series break"; a target -> a dashed
  horizontal line series labelled with the plan; the modelled path -> a dotted grey series labelled
  "Modelled path";
- the regional map -> its ranked bar chart (the map has no native PowerPoint equivalent); the report's words by
  region, a map with no bars, -> a native table of those words, as the screen's table shows them.

Built in memory (the hosted copy's file system is read-only) from python-pptx's own default template: no file
is fetched. Decks are kept per data version, scenario and address as the briefing pack is (kept.Kept), at most
KEPT_DECKS of them.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
from pptx import Presentation
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_AXIS_CROSSES, XL_CHART_TYPE, XL_LABEL_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE, MSO_PATTERN_TYPE
from pptx.enum.text import MSO_ANCHOR
from pptx.util import Inches, Pt

from psw_dash import paths
from psw_dash.charts import charts, images, theme
from psw_dash.export import kept, pack
from psw_dash.page import content, layout
from psw_dash.planner import defaults as planner_defaults
from psw_dash.reading import data
from psw_dash.views import frame
from psw_dash.vocabulary import sources

TITLE = "NHS mental health peer support workers, 2019: slides"
MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
LOCAL_ADDRESS = "http://localhost:8501"  # the address of `streamlit run app.py`, when no browser told us another

# A 16:9 slide, in inches, and the frame's boxes down it: title, subtitle, chart, words, caveats, source.
SLIDE_WIDTH, SLIDE_HEIGHT = 13.333, 7.5
EDGE = 0.45
TEXT_WIDTH = SLIDE_WIDTH - 2 * EDGE
TITLE_ONLY_LAYOUT = 5  # python-pptx's default template: "Title Only", whose title placeholder every slide uses
FONT = theme.FONT.split(",")[0]  # Arial
TITLE_PT, SUBTITLE_PT, WORDS_PT, NOTE_PT, SOURCE_PT, CHART_PT = 22, 14, 12, 11, 10, 12
# An average Arial character is about half an em wide: enough to size a text box for its lines.
CHAR_EM = 0.5
BOLD_EM = 0.58
LINE_SPACING = 1.2

Progress = Callable[[float, str], None]


# ---- what goes on each slide ------------------------------------------------------------------


@dataclass(frozen=True)
class ChartSlide:
    """One chart frame as a slide: the view it belongs to, the chart drawn, its rows, source and link."""

    view: str  # the view's title
    title: str  # the headline, made unique within the deck
    chart: charts.Chart  # the chart drawn natively (a map's ranked bars)
    table: pd.DataFrame  # the rows behind it, as the CSV download holds them
    source: str
    link: str  # the view, with the selections that show this chart

    @property
    def flags(self) -> list[str]:
        """The caveat flags of the frame (derived, modelled, series break, small base), then the bound note."""
        bounded = "bound" in self.table and self.table["bound"].fillna("").astype(bool).any()
        return images.caveats(self.table) + ([frame.BOUND_NOTE] if bounded else [])


# The selection (?param=value) that shows each chart on its page: a slide's link opens the view at that chart.
# tests/app/test_slides_offer.py opens every link and finds the chart's headline, so a renamed option is caught.
SELECTION = {
    "participation": {"view": "trusts"},
    "per_trust": {"view": "per_trust"},
    "per_100k": {"view": "per_100k"},
    "settings": {"view": "settings"},
    "employment": {"view": "arrangements"},
    "paid_unpaid": {"view": "paid"},
    "paid_roles": {"view": "roles"},
    "unpaid_roles": {"view": "roles"},
    "pay_bands": {"view": "bands"},
    "supervision": {"view": "supervision"},
    "line_management": {"view": "line_management"},
    "ethnicity": {"view": "ethnicity"},
    "gender": {"view": "gender"},
    "age": {"view": "age"},
    "disability": {"view": "disability"},
    "sickness": {"view": "sickness"},
    "vacancies": {"view": "vacancies"},
    "turnover": {"view": "turnover"},
    "training": {"view": "routes"},
    "training_mix": {"view": "mix"},
    "other_sectors": {"view": "staff"},
    "other_sectors_submissions": {"view": "submissions"},
    "map": {"metric": "trusts"},
}


def _planner_params(planned: planner_defaults.Planned) -> dict[str, str]:
    """Every input of a scenario as the planner's inputs write it to the URL (planner/inputs.py)."""
    s = planned.scenario
    params = {
        "start": f"{s.start_count:g}",
        "from": s.start_date.isoformat(),
        "target": planned.target_id,
        "leavers": planned.leavers,
        "tpp": f"{s.trainees_per_post:g}",
        "shape": s.shape,
    }
    if planned.target_id == planner_defaults.OWN:
        params |= {"own": f"{s.target_count:g}", "by": s.target_date.isoformat()}
    if planned.leavers == planner_defaults.OWN:
        params["rate"] = f"{s.leaver_rate * 100:g}"
    return params


def planner_selection(planned: planner_defaults.Planned) -> dict[str, str]:
    """The planner's link parameters for a scenario: only those that differ from the default scenario's, so the
    default's link is the bare page."""
    default = _planner_params(planner_defaults.default())
    return {param: value for param, value in _planner_params(planned).items() if default.get(param) != value}


def link(address: str, page_file: str, selection: dict[str, str]) -> str:
    page = next(p for p in layout.all_pages() if p.file == page_file)
    query = f"?{urlencode(selection)}" if selection else ""
    return f"{address.rstrip('/')}/{page.url_path}{query}"


def chart_slides(
    scope: str,
    planned: planner_defaults.Planned | None = None,
    address: str = LOCAL_ADDRESS,
    all_sections: list[pack.Section] | None = None,
) -> list[ChartSlide]:
    """Every chart frame of the scope, in the views' order and each view's, as the pack prints them."""
    planned = planned or planner_defaults.default()
    by_title = {page.title: page.file for page in pack.pack_pages()}
    slides: list[ChartSlide] = []
    seen: set[str] = set()
    for section in all_sections or pack.sections(scope, planned):
        for framed in section.framed:
            shown = framed.beside or framed.chart  # a map travels as its ranked bars
            selection = planner_selection(planned) if framed.key == "planner" else SELECTION.get(framed.key, {})
            title = _unique(shown.headline, section.title, seen)
            slides.append(
                ChartSlide(
                    section.title,
                    title,
                    shown,
                    framed.table,
                    pack.source_of(framed),
                    link(address, by_title[section.title], selection),
                )
            )
    return slides


def _unique(headline: str, view: str, seen: set[str]) -> str:
    """The headline, or with its view's name (then a number) after it where another slide has it already."""
    title, number = headline, 1
    while title in seen:
        number += 1
        title = f"{headline} ({view}{f', {number}' if number > 2 else ''})"
    seen.add(title)
    return title


# ---- text -------------------------------------------------------------------------------------


def _lines(text: str, size_pt: float, width_in: float, em: float = CHAR_EM) -> int:
    per_line = max(1, int(width_in * 72 / (size_pt * em)))
    return sum(max(1, math.ceil(len(paragraph) / per_line)) for paragraph in text.split("\n"))


def _height(text: str, size_pt: float, width_in: float = TEXT_WIDTH, em: float = CHAR_EM) -> float:
    """Inches a text box needs for `text` at `size_pt` across `width_in`, with its inner margins."""
    return _lines(text, size_pt, width_in, em) * size_pt * LINE_SPACING / 72 + 0.1


def _runs(text: str) -> list[tuple[str, bool]]:
    """The prose's **bold** marks as runs (text, bold); other Markdown marks dropped."""
    text = re.sub(r"`(.+?)`", r"\1", re.sub(r"(?<!\*)\*(?!\*)(.+?)\*", r"\1", text))
    return [(part, index % 2 == 1) for index, part in enumerate(re.split(r"\*\*(.+?)\*\*", text)) if part]


def _paragraphs(markdown: str) -> list[tuple[bool, str]]:
    """Markdown paragraphs and '- ' list items as (is an item, text on one line)."""
    out = []
    for block in re.split(r"\n\s*\n", markdown.strip()):
        if block.startswith("- "):
            out += [(True, " ".join(item.split())) for item in re.split(r"\n- ", "\n" + block)[1:]]
        else:
            out.append((False, " ".join(block.split())))
    return out


def _write(
    frame_, paragraphs: list[tuple[bool, str]], size_pt: float, colour: str = theme.TEXT, bold_all: bool = False
) -> None:
    """Paragraphs (an item starts with a bullet) as real text, Arial, in the dashboard's text colour."""
    frame_.word_wrap = True
    frame_.vertical_anchor = MSO_ANCHOR.TOP
    for index, (item, text) in enumerate(paragraphs):
        paragraph = frame_.paragraphs[0] if index == 0 else frame_.add_paragraph()
        paragraph.space_after = Pt(size_pt * 0.4)
        for words, bold in _runs(("• " if item else "") + text):
            run = paragraph.add_run()
            run.text = words
            run.font.name, run.font.size, run.font.bold = FONT, Pt(size_pt), bold or bold_all
            run.font.color.rgb = _rgb(colour)


def _text_box(
    slide,
    top: float,
    paragraphs: list[tuple[bool, str]],
    size_pt: float,
    name: str,
    colour: str = theme.TEXT,
    height: float | None = None,
):
    text = "\n".join(p for _, p in paragraphs)
    box = slide.shapes.add_textbox(
        Inches(EDGE), Inches(top), Inches(TEXT_WIDTH), Inches(height or _height(text, size_pt))
    )
    box.name = name
    _write(box.text_frame, paragraphs, size_pt, colour)
    return box


def _title(slide, text: str, size_pt: float = TITLE_PT) -> float:
    """The slide's title in its title placeholder (the outline, the slide sorter and a screen reader read it);
    returns where the next box may start."""
    title = slide.shapes.title
    height = _height(text, size_pt, em=BOLD_EM) + 0.05
    title.left, title.top, title.width, title.height = Inches(EDGE), Inches(0.3), Inches(TEXT_WIDTH), Inches(height)
    title.text_frame.clear()
    _write(title.text_frame, [(False, text)], size_pt, bold_all=True)
    title.text_frame.paragraphs[0].alignment = 1  # left
    return 0.3 + height + 0.05


def _notes(slide, text: str, address: str | None = None) -> None:
    notes = slide.notes_slide.notes_text_frame
    notes.text = text
    if address:
        paragraph = notes.add_paragraph()
        paragraph.add_run().text = "The live view: "
        run = paragraph.add_run()
        run.text = address
        run.hyperlink.address = address


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


# ---- native charts ----------------------------------------------------------------------------


def _plain(text) -> str:
    return re.sub(r"<[^>]+>", "", str(text).replace("<br>", " ")).strip()


def _font(text_font, size_pt: float = CHART_PT, colour: str = theme.TEXT) -> None:
    text_font.name, text_font.size = FONT, Pt(size_pt)
    text_font.color.rgb = _rgb(colour)


def _label(point, text: str, position) -> None:
    """A point's own label (the words the screen prints beside it), as real text in the chart."""
    label = point.data_label
    label.text_frame.text = text
    for paragraph in label.text_frame.paragraphs:
        for run in paragraph.runs:
            _font(run.font)
    label.position = position


def _axis_title(axis, text: str) -> None:
    axis.has_title = True
    axis.axis_title.text_frame.text = text
    _font(axis.axis_title.text_frame.paragraphs[0].runs[0].font, CHART_PT)


def _each(value, count: int) -> list:
    """A Plotly per-point property as a list: it may be given once for every point."""
    if value is None or isinstance(value, str) or not hasattr(value, "__len__"):
        return [value] * count
    return list(value)


UNIT_AXIS = {
    "percent": "Per cent (%)",
    "count": "Number",
    "wte": "Whole-time equivalent (WTE)",
    "per_100k": "Per 100,000 population",
    "rate": "Per cent (%)",
}


def bar_chart(slide, chart: charts.Chart, table: pd.DataFrame, box: tuple[float, float, float, float]):
    """Horizontal bars (one series, or one per compared population) as a native clustered bar chart."""
    traces = [t for t in chart.browser_figure.data if t.type == "bar"]
    drawn = table.iloc[: sum(len(t.x) for t in traces)]  # the table's first rows are the bars; then its extras
    categories = list(dict.fromkeys(y for t in traces for y in t.y))
    chart_data = CategoryChartData(number_format="General")
    chart_data.categories = [_plain(c) for c in categories]
    for number, trace in enumerate(traces):
        values = dict(zip(trace.y, trace.x, strict=True))
        chart_data.add_series(trace.name or f"Series {number + 1}", [values.get(c) for c in categories])
    frame_ = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, *map(Inches, box), chart_data)
    native = frame_.chart
    _font(native.font)
    native.has_legend = native.has_title = False  # each bar is labelled directly; the slide's title names it
    plot = native.plots[0]
    plot.vary_by_categories = False
    plot.gap_width, plot.overlap = (60, 0) if len(traces) == 1 else (40, 0)
    for series, trace in zip(plot.series, traces, strict=True):
        colours = _each(trace.marker.color, len(trace.y))
        hatches = _each(trace.marker.pattern.shape if trace.marker.pattern else None, len(trace.y))
        texts = _each(trace.text, len(trace.y))
        for place, category in enumerate(trace.y):
            point = series.points[categories.index(category)]
            fill = point.format.fill
            if hatches[place]:
                fill.patterned()
                fill.pattern = MSO_PATTERN_TYPE.WIDE_UPWARD_DIAGONAL
                fill.fore_color.rgb, fill.back_color.rgb = _rgb(colours[place]), _rgb("#FFFFFF")
                point.format.line.color.rgb = _rgb(colours[place])
            else:
                fill.solid()
                fill.fore_color.rgb = _rgb(colours[place])
            if texts[place] is not None:
                _label(point, _plain(texts[place]), XL_LABEL_POSITION.OUTSIDE_END)
    categories_axis, values_axis = native.category_axis, native.value_axis
    categories_axis.reverse_order = True  # the first category at the top, as on screen
    categories_axis.crosses = XL_AXIS_CROSSES.MAXIMUM  # and the value axis below the bars, not above them
    categories_axis.has_major_gridlines = False
    _font(categories_axis.tick_labels.font)
    categories_axis.format.line.color.rgb = _rgb(theme.DARK_GREY)
    values_axis.minimum_scale = 0
    values_axis.maximum_scale = float(chart.browser_figure.layout.xaxis.range[1])
    values_axis.has_major_gridlines = False
    values_axis.tick_labels.number_format = '0"%"' if (drawn["unit"] == "percent").all() else "#,##0"
    values_axis.tick_labels.number_format_is_linked = False
    _font(values_axis.tick_labels.font)
    _axis_title(values_axis, UNIT_AXIS.get(drawn["unit"].iloc[0], str(drawn["unit"].iloc[0])))
    return frame_


EXCEL_EPOCH = pd.Timestamp("1899-12-30")
MARKERS = {
    "circle": XL_MARKER_STYLE.CIRCLE,
    "diamond": XL_MARKER_STYLE.DIAMOND,
    "x": XL_MARKER_STYLE.X,
    "star": XL_MARKER_STYLE.STAR,
    "square": XL_MARKER_STYLE.SQUARE,
    "square-open": XL_MARKER_STYLE.SQUARE,
}
DASHES = {
    "dot": MSO_LINE_DASH_STYLE.ROUND_DOT,
    "dash": MSO_LINE_DASH_STYLE.DASH,
    "longdashdot": MSO_LINE_DASH_STYLE.LONG_DASH_DOT,
    None: MSO_LINE_DASH_STYLE.SOLID,
}


def serial(when) -> float:
    """A date as the spreadsheet number a chart's date axis reads (days since 30 December 1899)."""
    return (pd.Timestamp(when) - EXCEL_EPOCH) / pd.Timedelta(days=1)


@dataclass
class _XySeries:
    name: str
    points: list[tuple[float, float]]
    labels: list[str]
    colour: str
    marker: str | None = None  # a Plotly symbol, or None for a line only
    marker_size: float = 8
    line: bool = False
    dash: str | None = None
    width: float = 2


def _xy_series(figure: go.Figure) -> list[_XySeries]:
    """The figure's dated traces, lines and labels as series: each trace its own; a lines-only trace over another
    trace's points turns that trace's line on; each vertical or horizontal line (the series break, a target)
    becomes a two-point series; each annotation labels the point, or line, it sits at."""
    traces = [t for t in figure.data if t.type == "scatter"]
    out, joined = [], set()
    for trace in traces:
        xs = [serial(x) for x in trace.x]
        if trace.mode == "lines" and trace.hoverinfo == "skip":
            joined.add(tuple(xs))
            continue
        texts = _each(trace.text, len(xs)) if "text" in (trace.mode or "") else [None] * len(xs)
        name = trace.name or _plain(str(trace.hovertemplate or "").split("<br>")[0])
        marker = trace.marker.symbol if "markers" in (trace.mode or "") else None
        out.append(
            _XySeries(
                name,
                list(zip(xs, map(float, trace.y), strict=True)),
                [_plain(t) if t else "" for t in texts],
                trace.marker.color or trace.line.color,
                marker,
                trace.marker.size or 8,
                "lines" in (trace.mode or ""),
                trace.line.dash,
                trace.line.width or 2,
            )
        )
    for series in out:
        series.line = series.line or tuple(x for x, _ in series.points) in joined
    x_low, x_high = (serial(x) for x in figure.layout.xaxis.range)
    y_high = float(figure.layout.yaxis.range[1])
    lines = []
    for shape in figure.layout.shapes or ():
        vertical = shape.xref != "paper"
        points = (
            [(serial(shape.x0), 0.0), (serial(shape.x0), y_high)]
            if vertical
            else [(x_low, float(shape.y0)), (x_high, float(shape.y0))]
        )
        lines.append(
            _XySeries(
                "",
                points,
                ["", ""],
                shape.line.color,
                None,
                line=True,
                dash=shape.line.dash,
                width=shape.line.width or 1.5,
            )
        )
    for note in figure.layout.annotations or ():
        text = _plain(note.text)
        if note.xref == "paper":  # beside a horizontal line at its height: a target
            target = next((s for s in lines if s.points[0][1] == s.points[1][1] == float(note.y)), None)
            if target is not None:
                target.name, target.labels[0] = text, text
            continue
        x = serial(note.x)
        line = next((s for s in lines if s.points[0][0] == s.points[1][0] == x), None)
        if line is not None:  # a vertical line: the series break
            line.name, line.labels[1] = text, text
            continue
        for series in out:
            at = [
                i
                for i, (px, py) in enumerate(series.points)
                if px == x and (note.yref == "paper" or note.y is None or py == float(note.y))
            ]
            if at:
                series.labels[at[0]] = " ".join(filter(None, (series.labels[at[0]], text)))
                break
    return out + lines


def dated_chart(slide, chart: charts.Chart, box: tuple[float, float, float, float]):
    """Counts at real dates (the headcount series, the planner's path) as a native XY chart with lines."""
    figure = chart.browser_figure  # plain lists, not typed arrays: the drawing the browser gets
    # Longest first: LibreOffice (7.4) draws none of the series before one with more points than theirs.
    all_series = sorted(_xy_series(figure), key=lambda series: -len(series.points))
    chart_data = XyChartData(number_format="#,##0")
    for series in all_series:
        drawn = chart_data.add_series(series.name or "Line")
        for x, y in series.points:
            drawn.add_data_point(x, y)
    frame_ = slide.shapes.add_chart(XL_CHART_TYPE.XY_SCATTER_LINES, *map(Inches, box), chart_data)
    native = frame_.chart
    _font(native.font)
    native.has_legend = native.has_title = False  # each collection, line and path is labelled directly
    for drawn, series in zip(native.plots[0].series, all_series, strict=True):
        drawn.smooth = False
        if series.line:
            drawn.format.line.color.rgb = _rgb(series.colour)
            drawn.format.line.width = Pt(series.width * 0.9)
            drawn.format.line.dash_style = DASHES.get(series.dash, MSO_LINE_DASH_STYLE.SOLID)
        else:
            drawn.format.line.fill.background()
        if series.marker:
            drawn.marker.style = MARKERS.get(series.marker, XL_MARKER_STYLE.CIRCLE)
            drawn.marker.size = max(3, min(20, int(series.marker_size * 0.75)))
            if series.marker.endswith("-open"):
                drawn.marker.format.fill.background()
            else:
                drawn.marker.format.fill.solid()
                drawn.marker.format.fill.fore_color.rgb = _rgb(series.colour)
            drawn.marker.format.line.color.rgb = _rgb(series.colour)
        else:
            drawn.marker.style = XL_MARKER_STYLE.NONE
        for index, text in enumerate(series.labels):
            if text:
                _label(
                    drawn.points[index],
                    text,
                    XL_LABEL_POSITION.ABOVE if series.marker or index else XL_LABEL_POSITION.RIGHT,
                )
    x_axis, y_axis = native.category_axis, native.value_axis
    low, high = (pd.Timestamp(x) for x in figure.layout.xaxis.range)
    first, last = pd.Timestamp(low.year, 1, 1), pd.Timestamp(high.year + 1, 1, 1)
    years = last.year - first.year
    # Ticks every 365.25 days drift against 1 January by up to 0.75 of a day: start them that much late, so
    # each tick falls on its year's first day and its label (yyyy) names that year.
    drift = min(
        0.25 * k - (serial(pd.Timestamp(first.year + k, 1, 1)) - serial(first) - 365 * k) for k in range(years + 1)
    )
    x_axis.minimum_scale, x_axis.maximum_scale = serial(first) - drift, serial(last)
    x_axis.major_unit = 365.25 * max(1, math.ceil(years / 12))
    x_axis.tick_labels.number_format, x_axis.tick_labels.number_format_is_linked = "yyyy", False
    x_axis.has_major_gridlines = False
    x_axis.format.line.color.rgb = _rgb(theme.DARK_GREY)
    _font(x_axis.tick_labels.font)
    _axis_title(x_axis, "Year (each financial year at its end)")
    y_axis.minimum_scale, y_axis.maximum_scale = 0, float(figure.layout.yaxis.range[1])
    y_axis.tick_labels.number_format, y_axis.tick_labels.number_format_is_linked = "#,##0", False
    y_axis.major_gridlines.format.line.color.rgb = _rgb(theme.GRID)
    _font(y_axis.tick_labels.font)
    _axis_title(y_axis, _plain(figure.layout.yaxis.title.text or "Headcount"))
    return frame_


def is_map(chart: charts.Chart) -> bool:
    """A map draws its regions as filled outlines: PowerPoint has no native chart for it."""
    return any(getattr(t, "fill", None) == "toself" for t in chart.figure.data)


# The citation columns of a view's table go to the slide's source line, not into its table.
CITATION_COLUMNS = ("source_doc", "source_section", "source_page", "note")


def words_table(slide, table: pd.DataFrame, box: tuple[float, float, float, float]):
    """A map with no ranked bars (the report's words by region) as a native PowerPoint table of what the screen's
    table shows: editable text in rows and columns, read in order by a screen reader."""
    shown = table[[c for c in table.columns if c not in CITATION_COLUMNS]]
    frame_ = slide.shapes.add_table(len(shown) + 1, len(shown.columns), *map(Inches, box))
    cells = [
        list(shown.columns),
        *[["" if pd.isna(v) else str(v) for v in row] for row in shown.itertuples(index=False)],
    ]
    for i, row in enumerate(cells):
        for j, text in enumerate(row):
            cell = frame_.table.cell(i, j)
            cell.text = str(text)
            if i == 0:  # the heading row in the dashboard's dark blue, its words white (well over 4.5:1)
                cell.fill.solid()
                cell.fill.fore_color.rgb = _rgb(theme.DARK_BLUE)
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    _font(run.font, NOTE_PT, theme.TEXT if i else "#FFFFFF")
    return frame_


def native_chart(slide, shown: ChartSlide, box: tuple[float, float, float, float]):
    """The chart as PowerPoint's own, its "In words" sentence as its alternative text; a map with no ranked bars
    as a native table of its words."""
    if is_map(shown.chart):
        frame_ = words_table(slide, shown.table, box)
        frame_.name = f"Table: {shown.title}"[:250]
    else:
        frame_ = (
            bar_chart(slide, shown.chart, shown.table, box)
            if all(t.type == "bar" for t in shown.chart.browser_figure.data)
            else dated_chart(slide, shown.chart, box)
        )
        frame_.name = f"Chart: {shown.title}"[:250]
    frame_._element.nvGraphicFramePr.cNvPr.set("descr", shown.chart.summary)
    return frame_


# ---- slides -----------------------------------------------------------------------------------


def _chart_slide(deck, shown: ChartSlide) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY_LAYOUT])
    top = _title(slide, shown.title)
    subtitle = _text_box(slide, top, [(False, shown.chart.subtitle)], SUBTITLE_PT, "Subtitle")
    top += subtitle.height / 914400 + 0.05
    words = f"In words: {shown.chart.summary}"
    below = [(words, WORDS_PT), (" ".join(shown.flags), NOTE_PT), (shown.source, SOURCE_PT)]
    room = sum(_height(text, size) for text, size in below if text) + 0.2
    chart_height = SLIDE_HEIGHT - 0.25 - top - room
    native_chart(slide, shown, (EDGE, top, TEXT_WIDTH, chart_height))
    top += chart_height + 0.1
    # Reading order is the shapes' order: title, subtitle, chart, words, caveats, source.
    for (text, size), name, colour in zip(
        below, ("In words", "Caveats", "Source"), (theme.TEXT, theme.TEXT, theme.SOURCE_TEXT), strict=False
    ):
        if text:
            box = _text_box(slide, top, [(False, text)], size, name, colour)
            top += box.height / 914400
    _notes(slide, f"In words: {shown.chart.summary}\n\nView: {shown.view}. {shown.source}", shown.link)


def _cover(deck, scope: str, all_sections: list[pack.Section], all_slides: list[ChartSlide], made: dt.datetime) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY_LAYOUT])
    top = _title(slide, f"{TITLE}: {pack.scope_title(scope)}", 28)
    documents = pack.documents_cited(all_sections)
    facts = [
        (
            False,
            (
                f"**Census date:** {pack.CENSUS_DATE} (National Workforce Stocktake of Mental Health Peer Support "
                "Workers in NHS Trusts)"
            ),
        ),
        (
            False,
            (
                f"**Made:** {made:%d %B %Y, %H:%M} UTC. **Dashboard version:** {pack.app_version()}; data version "
                f"{pack.data_version()}. **Slides:** {len(all_slides)} charts, each a native chart with its data "
                "(right-click, Edit Data), its source and caveats; the words of each chart in its alternative text "
                "and speaker notes, with a link to its live view."
            ),
        ),
        (False, "**Sources and licences**"),
        *[(True, f"{d.title}, {d.publisher}, {d.published}. Licence: {d.licence}") for d in documents],
        (True, f"{sources.OGL_LINE} {sources.BOUNDARY_ATTRIBUTION}"),
        (
            False,
            (
                "Every figure is transcribed as printed in its source, cited by document, section and page. Values "
                "this dashboard computes are marked derived (or modelled) with their method. Each percentage is "
                "given with its base (n); bases under 50 are flagged as small. Counts before 2019 come from a "
                "different collection than the 2019 census: the series break is marked wherever the series "
                "appears."
            ),
        ),
    ]
    text = "\n".join(p for _, p in facts)
    size = next(s for s in (16, 14, 13, 12, 11, 10) if _height(text, s) + top < SLIDE_HEIGHT - 0.3)
    _text_box(slide, top + 0.1, facts, size, "Cover", height=SLIDE_HEIGHT - top - 0.4)
    _notes(
        slide, f"{TITLE}: {pack.scope_title(scope)}. Made {made:%d %B %Y} from dashboard version {pack.app_version()}."
    )


def closing_texts() -> list[tuple[str, str]]:
    """The closing slides, as the pack's annex: the definitions, the series break, what 4,730 counts."""
    about = content.fill(content.prose("about"))
    series_break = pack.section_of(data.text_file(paths.DATA_DIR / "SOURCES.md"), "The series break")
    reading = content.fill(content.prose("target_reading"))
    heading = re.match(r"\*\*(.+?)\*\*\s*", reading)
    if heading is None:
        raise ValueError("content/target_reading.md must open with its heading in bold")
    return [
        ("Definitions", pack.section_of(about, "Definitions")),
        ("The series break", series_break.replace("`headcount_series.parquet`", "The published series")),
        (heading.group(1).rstrip("."), reading[heading.end() :]),
    ]


def _closing(deck) -> None:
    for title, markdown in closing_texts():
        slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY_LAYOUT])
        top = _title(slide, title, 26)
        paragraphs = _paragraphs(markdown)
        text = "\n".join(p for _, p in paragraphs)
        size = next(s for s in (18, 16, 14, 13, 12, 11, 10) if _height(text, s) + top < SLIDE_HEIGHT - 0.3)
        _text_box(slide, top + 0.1, paragraphs, size, title, height=SLIDE_HEIGHT - top - 0.4)
        _notes(slide, title)


def deck_bytes(scope: str, planned: planner_defaults.Planned | None, address: str, progress: Progress) -> bytes:
    progress(0.0, "Reading the charts")
    all_sections = pack.sections(scope, planned or planner_defaults.default())
    all_slides = chart_slides(scope, planned, address, all_sections)
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(SLIDE_WIDTH), Inches(SLIDE_HEIGHT)
    made = dt.datetime.now(dt.UTC)
    deck.core_properties.title = f"{TITLE}: {pack.scope_title(scope)}"
    deck.core_properties.language = "en-GB"
    deck.core_properties.subject = f"Census {pack.CENSUS_DATE}; dashboard version {pack.app_version()}"
    deck.core_properties.author = "PSW workforce dashboard"
    _cover(deck, scope, all_sections, all_slides, made)
    for done, shown in enumerate(all_slides):
        progress(done / (len(all_slides) + 1), f"Building slide {done + 1} of {len(all_slides)}")
        _chart_slide(deck, shown)
    _closing(deck)
    progress(len(all_slides) / (len(all_slides) + 1), "Saving the deck")
    out = io.BytesIO()
    deck.save(out)
    progress(1.0, "Ready")
    return out.getvalue()


# ---- building and keeping -----------------------------------------------------------------------

# Every deck counts as a reader's own here: its key holds the address the reader's browser gave, which anyone can
# set, so at most this many decks (about 0.3 MB each) are kept, however many addresses are sent.
KEPT_DECKS = 32
_kept = kept.Kept(KEPT_DECKS)


def file_name(scope: str) -> str:
    return pack.file_name(scope).replace("briefing-pack", "slides").removesuffix(".pdf") + ".pptx"


def _key(scope: str, planned: planner_defaults.Planned | None, address: str) -> tuple:
    """The pack's key (scope, data version, scenario or None), with the scenario and the address together."""
    scope, version, scenario = pack.key(scope, planned)
    return scope, version, (scenario, address)


def cached(scope: str, planned: planner_defaults.Planned | None = None, address: str = LOCAL_ADDRESS) -> bytes | None:
    """The deck for this data version, scenario and address if it was made already (no work done)."""
    return _kept.get(_key(scope, planned, address))


def build(
    scope: str = pack.WHOLE,
    progress: Progress | None = None,
    planned: planner_defaults.Planned | None = None,
    address: str = LOCAL_ADDRESS,
) -> bytes:
    """The deck as PPTX bytes: from the store if made for this data version, scenario and address (the links
    lead there), else made now. `planned` is the planner's scenario on screen, else the default."""
    key = _key(scope, planned, address)
    return _kept.make(key, lambda: deck_bytes(scope, key[2][0], address, progress or (lambda fraction, text: None)))
