"""The chart frame every view uses: headline, subtitle, chart, summary, source, table and notes, downloads."""

from __future__ import annotations

import functools
import html
import re

import pandas as pd
import streamlit as st

from psw_dash.charts import charts, images, theme
from psw_dash.page import content, downloads, glossary, tables
from psw_dash.reading import data
from psw_dash.views import views
from psw_dash.vocabulary import formatting, sources
from psw_dash.vocabulary.figure_rows import BOUNDS, SMALL_BASE
from psw_dash.vocabulary.formatting import computed_kind

CITATION_COLUMNS = ("source_doc", "source_section", "source_page", "note")
BOUND_WORDS = ", ".join(word for word in BOUNDS if word)  # 'over, under, almost, up to, at least, about'
BOUND_NOTE = (
    f"A hatched bar is a bound the report printed in words ({BOUND_WORDS}), not an exact share: the bar "
    "stops at the bound, and the download gives the word in its bound column."
)


def source_line(table: pd.DataFrame) -> str:
    """'Source: PSW Stocktake 2019 (NHSBN/HEE, 2020), Background, p.4; ...' from the rows shown."""
    return "Source: " + "; ".join(dict.fromkeys(sources.citations(table))) + "."


def _base_cell(base_n: float, unit: str, derived: bool) -> str:
    """A printed percentage's base, flagged when small; counts, rates and derived values have none to give."""
    if pd.notna(base_n):
        return formatting.base(base_n) + (" (small base)" if base_n < SMALL_BASE else "")
    return "not published" if unit == "percent" and not derived else ""


def readable_table(table: pd.DataFrame) -> pd.DataFrame:
    """Catalogue rows as a person reads them: value with unit, base, derived and small-base flags."""
    if "headcount" in table and "collection" in table:
        return _series_table(table)
    if "value" not in table or "unit" not in table:
        return table.drop(columns=[c for c in CITATION_COLUMNS if c in table], errors="ignore")
    derived = table.get("derived", pd.Series(False, index=table.index)).astype(bool)
    shown = pd.DataFrame(
        {
            "Measure": table["measure"],
            "Category": table["category"],
            "Value": [formatting.figure(row) for _, row in table.assign(derived=derived).iterrows()],
            "Base": [_base_cell(b, u, d) for b, u, d in zip(table["base_n"], table["unit"], derived, strict=True)],
            "Type": [
                computed_kind(n) if d else "as printed"
                for d, n in zip(derived, table.get("note", pd.Series("", index=table.index)), strict=True)
            ],
        }
    )
    return shown if shown["Category"].astype(bool).any() else shown.drop(columns="Category")


def _series_table(series: pd.DataFrame) -> pd.DataFrame:
    """The headcount series as a reader reads it: period, headcount, collection, and the break in words."""
    return pd.DataFrame(
        {
            "Period": series["period"],
            "Headcount": [formatting.number(v) for v in series["headcount"]],
            "Collection": series["collection"],
            "Comparable with the 2019 census": series["comparable_with_2019"].map(
                {True: "yes", False: "no (series break)"}
            ),
        }
    )


def _source_paragraph(text: str) -> str:
    # A darker grey than st.caption's, which fails WCAG AA contrast (styled in layout.header).
    return f'<p class="psw-source">{html.escape(text)}</p>'


def show(
    chart: charts.Chart,
    table: pd.DataFrame,
    key: str,
    extra_source: str | None = None,
    beside: charts.Chart | None = None,
    table_title: str = "Table: the numbers in the chart",
    table_open: bool = False,
) -> None:
    """Render one chart in the standard frame. `table` is what is shown, with its citation columns.

    `beside` is a second view of the same values (a ranked chart beside a map), drawn next to it.
    Text is grouped into few elements: each element costs the browser time on every page switch.
    """
    missing = [c for c in CITATION_COLUMNS if c not in table]
    if missing:
        raise ValueError(f"table for '{key}' lacks citation columns {missing}")
    source = source_line(table) + (f" {extra_source}" if extra_source else "")  # under the chart and on its images
    with st.container(border=True, key=f"frame-{key}"):
        # The headline is the page's next heading level (h2 under the title); the same headline names the
        # chart for screen readers (alt: role=figure, aria-label). Text, notes and the table are sent as
        # two HTML blocks: each Streamlit element costs the browser time on every page switch (tables.py).
        st.html(
            glossary.explain(
                # An anchor a skip link can move focus to (tabindex -1: focusable by the link, not a tab stop).
                f'<h2 class="psw-headline" id="frame-{html.escape(key)}" tabindex="-1">{html.escape(chart.headline)}</h2>'
                f'<p class="psw-subtitle">{html.escape(chart.subtitle)}</p>'
            )
        )
        # The browser gets each figure with its theme written in and plain lists (psw_dash/charts/browser_figure.py):
        # the same drawing, which Plotly then draws once less on a page's first visit.
        if beside is None:
            st.plotly_chart(
                chart.browser_figure, config=theme.BROWSER_CONFIG, key=f"chart-{key}", theme=None, alt=chart.headline
            )
        else:
            left, right = st.columns([3, 2])
            left.plotly_chart(
                chart.browser_figure, config=theme.BROWSER_CONFIG, key=f"chart-{key}", theme=None, alt=chart.headline
            )
            right.plotly_chart(
                beside.browser_figure,
                config=theme.BROWSER_CONFIG,
                key=f"chart-{key}-beside",
                theme=None,
                alt=f"{beside.headline} (ranked)",
            )
        st.html(glossary.explain(_after_chart(chart, table, source, table_title, table_open)))
        with st.container(horizontal=True, key=f"downloads-{key}"):
            downloads.csv_button(
                "Download CSV", lambda: downloads.safe_csv(table), f"{chart.slug}.csv", f"download-{key}"
            )
            # The image buttons are sent only once their popover is opened (a rerun): few readers want an
            # image, and every element sent costs each page switch its drawing.
            images_box = st.popover(
                "Download image (PNG, SVG)", icon=":material/image:", key=f"images-{key}", on_change="rerun"
            )
            if images_box.open:
                with images_box:
                    for shown, part in ((chart, ""), (beside, "ranked")):
                        if shown is not None:
                            _image_buttons(shown, source, images.caveats(table), key, part)


def _after_chart(
    chart: charts.Chart,
    table: pd.DataFrame,
    source: str,
    table_title: str = "Table: the numbers in the chart",
    table_open: bool = False,
) -> str:
    """The summary in words, the caveats, the source line, then the table and the notes, each a click away."""
    derived = "derived" in table and table["derived"].any()
    bounded = "bound" in table and table["bound"].fillna("").astype(bool).any()
    notes = [n for n in dict.fromkeys(table["note"]) if n]
    return (
        # The page script names the chart's image with this sentence (psw_dash/page/chart_tree.py finds it by its class).
        f'<p class="psw-in-words"><strong>In words:</strong> {html.escape(chart.summary)}</p>'
        + (
            "<p><em>Derived values are computed by this dashboard, not printed in the report; the method is "
            "in the notes, the download and the Data and sources page.</em></p>"
            if derived
            else ""
        )
        + (f"<p><em>{html.escape(BOUND_NOTE)}</em></p>" if bounded else "")
        + _source_paragraph(source)
        + tables.disclosed(table_title, tables.table_html(readable_table(table)), "psw-table-view", opened=table_open)
        + (
            tables.disclosed("Notes", "<ul>" + "".join(f"<li>{html.escape(n)}</li>" for n in notes) + "</ul>")
            if notes
            else ""
        )
    )


def _image_buttons(chart: charts.Chart, source: str, caveats: list[str], key: str, part: str) -> None:
    """PNG and SVG of the chart with its headline, base, source and caveats on it, drawn only when clicked."""
    which = f" ({part} chart)" if part else ""
    for extension, mime in (("png", "image/png"), ("svg", "image/svg+xml")):
        st.download_button(
            f"Download {extension.upper()}{which}",
            data=functools.partial(images.export, chart, source, caveats, extension),
            file_name=images.file_name(chart, extension, part),
            mime=mime,
            on_click="ignore",
            key=f"download-{extension}-{key}{'-' + part if part else ''}",
            icon=":material/image:",
        )


def show_framed(framed: views.Framed) -> None:
    show(
        framed.chart,
        framed.table,
        key=framed.key,
        extra_source=framed.extra_source,
        beside=framed.beside,
        table_title=framed.table_title,
        table_open=framed.table_open,
    )


def chart(key: str) -> None:
    """One of the views' charts by its key (psw_dash/views/views.py), in the frame."""
    show_framed(views.framed(key))


def targets_table(targets: pd.DataFrame) -> pd.DataFrame:
    """The targets as a reader reads them: plan, number (with 'over' where the plan said so), date, source."""
    return pd.DataFrame(
        {
            "Plan": targets["plan"],
            "Target": [
                formatting.bound("over" if q == "more than" else "") + formatting.number(v)
                for v, q in zip(targets["value"], targets["qualifier"], strict=True)
            ],
            "By": targets["by_period"],
            "Source": sources.citations(targets),
            "Date from": targets["date_source"],
            "Note": targets["note"],
        }
    )


def metrics(labels: dict[str, str], chart_after: str | None = None) -> None:
    """Headline numbers as tiles: figure_id -> label (labels may name figures, e.g. '{target.ltp_psws_planned}').

    Each tile gives the value, its base, whether it is derived (with the method to open), and its
    source. All tiles are one HTML block laid out by CSS, so they reflow on a phone and cost the
    browser one element, not dozens. `chart_after` names the frame that follows the tiles: a skip link before
    them takes a keyboard user past each tile's Method to that chart (WCAG 2.4.1, bypass blocks).
    """
    skip = (
        f'<p class="psw-skip-to"><a href="#frame-{html.escape(chart_after)}">Skip the figures to the chart</a></p>'
        if chart_after
        else ""
    )
    st.html(skip + glossary.explain(_tiles_html(data.version(), tuple(labels.items()))))


# Kept per data version: tiles read no input, and building the Overview's and Growth's took about 5 ms a run.
@st.cache_resource(show_spinner=False, max_entries=32)
def _tiles_html(version: str, labels: tuple[tuple[str, str], ...]) -> str:
    tiles = "".join(_tile(content.fill(label), data.figure(figure_id)) for figure_id, label in labels)
    return f'<div class="psw-tiles">{tiles}</div>'


def tile_credit(row: pd.Series) -> str:
    """A tile's source in a few words. A figure printed on one page keeps its whole citation (document, section,
    page); one worked out from several rows gets its document and pages, and a count of the other documents, so
    that the tile's answer is not buried under its sources: the full citation is under its Method."""
    if pd.notna(row["source_page"]) or not row["derived"]:
        return source_line(pd.DataFrame([row]))
    section = row["source_section"] or ""
    pages = sorted({int(page) for page in re.findall(r"\bp\.(\d+)", section)})
    others = [doc for file, doc in sources.DOCUMENTS.items() if file != row["source_doc"] and doc.short_name in section]
    credit = sources.citation(row["source_doc"])
    if pages:
        credit += f", p.{pages[0]}" if len(pages) == 1 else ", pp." + ", ".join(map(str, pages))
    if others:
        credit += f", and {len(others)} other source{'s' if len(others) > 1 else ''}"
    return f"Source: {credit} (in full under Method)."


def _tile(label: str, row: pd.Series) -> str:
    kind = computed_kind(row["note"])
    caveat = f"{kind}; crosses the series break" if "series break" in row["note"] else kind
    detail = "; ".join(d for d in (formatting.base(row["base_n"]), caveat if row["derived"] else "") if d)
    credit = tile_credit(row)
    full = source_line(pd.DataFrame([row]))
    method = (
        f"<details><summary>Method</summary>{html.escape(row['note'])}"
        + (f"<br>{html.escape(full)}" if full != credit else "")
        + "</details>"
        if row["derived"]
        else ""
    )
    return (
        f'<div class="psw-tile"><p class="psw-tile-label">{html.escape(label)}</p>'
        f'<p class="psw-tile-value">{html.escape(formatting.figure(row))}</p>'
        + (f'<p class="psw-tile-detail">{html.escape(detail)}</p>' if detail else "")
        + _source_paragraph(credit)
        + method
        + "</div>"
    )
