"""The briefing pack: the dashboard, or one view, as an accessible PDF for a board paper.

The pack is an HTML document (real text, headings, tables with header cells, images with their
"In words" summary as alternative text, a language and a title) printed by the same headless
Chromium that draws the charts, as a tagged PDF, then finished as PDF/UA-1 (pdf_ua.py: the page footer
marked as an artifact, the XMP packet). One browser session builds a whole pack. Packs are kept per
data version, so only the first request for a pack waits.

The order serves a reader in a hurry: page 1 is the summary and the headline chart, then how to read
the pack and its contents, each view, and last the annex (definitions, method, the series break, the
report's inconsistencies, every source cited with its licence, and the exact versions the pack was
made from).
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import os
import re
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from psw_dash import paths
from psw_dash.charts import image_browser, images, theme
from psw_dash.export import kept, pdf_ua
from psw_dash.page import content, layout
from psw_dash.planner import defaults as planner_defaults
from psw_dash.planner import later_evidence_tables
from psw_dash.planner import model as planner
from psw_dash.planner import view as planner_view
from psw_dash.reading import data
from psw_dash.views import frame, views
from psw_dash.vocabulary import formatting, milestones, sources

WHOLE = "all"  # the scope of a pack of every view; otherwise a page file such as "pages/people.py"
PLANNER = "pages/planner.py"  # its section prints a scenario: the one on screen, or the default
TITLE = "NHS mental health peer support workers, 2019: briefing pack"
LANGUAGE = "en-GB"  # the HTML's lang, the PDF's /Lang and its XMP dc:language
CENSUS_DATE = formatting.date_text(milestones.CENSUS_DATE)  # "30 September 2019"
# Drawn 760 px wide, so the chart's 14 px words print at about 9 pt across the 17.8 cm column; scale 2
# gives 1520 px there, about 220 dpi.
PACK_IMAGE_WIDTH = 760
PACK_IMAGE_SCALE = 2
# Catalogue notes where the report disagrees with itself: footnoted in the annex.
INCONSISTENT = re.compile(r"inconsistent|conflicts with|yet prints|although|equates", re.IGNORECASE)

Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class PackTable:
    """A table a view prints beside its charts (the planner's assumptions, the later evidence), with its source."""

    heading: str
    table: pd.DataFrame
    caption: str
    source: str = ""
    documents: tuple[str, ...] = ()  # the documents its rows cite, for the cover's list of sources


@dataclass(frozen=True)
class Section:
    title: str
    framed: list[views.Framed]
    tiles: dict[str, str]  # the view's headline figures: figure id -> label
    intro: str = ""  # Markdown before the figures (the Overview's summary)
    before: tuple[PackTable, ...] = ()  # tables before the charts (the planner's modelled figures and assumptions)
    after: tuple[PackTable, ...] = ()  # tables after the charts (the later evidence)


def pack_pages() -> list[layout.PageSpec]:
    """The views with charts, in the menu's order."""
    return [page for page in layout.all_pages() if page.file in views.PAGE_CHARTS]


def scope_title(scope: str) -> str:
    return "All views" if scope == WHOLE else next(p.title for p in layout.all_pages() if p.file == scope)


def document_title(scope: str) -> str:
    """The PDF's title (its HTML title, /Title and XMP dc:title): what a reader's viewer shows."""
    return f"{TITLE}: {scope_title(scope)}"


def headline_framed() -> views.Framed:
    """The chart on the whole pack's first page: the count against the Long Term Plan's target."""
    return views.growth()


def sections(scope: str, planned: planner_defaults.Planned | None = None) -> list[Section]:
    """The Overview's key figures and summary (whole pack only), then each view's key figures and charts; the
    planner's from `planned` (the scenario on screen), else its default scenario."""
    chosen = pack_pages() if scope == WHOLE else [p for p in pack_pages() if p.file == scope]
    if not chosen:
        raise ValueError(f"no briefing pack for {scope!r}: it has no charts")
    views_ = [
        planner_section(page.title, planned or planner_defaults.default())
        if page.file == PLANNER
        else Section(page.title, views.framed_of(page.file), views.tiles_of(page.file))
        for page in chosen
    ]
    if scope != WHOLE:
        return views_
    overview = Section("Overview", [], views.tiles_of("pages/overview.py"), intro=content.headline("overview_summary"))
    return [overview, *views_]


def planner_section(title: str, planned: planner_defaults.Planned) -> Section:
    """The planner as the page shows it: the answer in words, the modelled figures, the assumptions with their
    sources, the path chart and its yearly table, and the later evidence, every output marked modelled."""
    scenario = planned.scenario
    plan = planner.yearly_plan(scenario)
    totals = planner.totals(scenario, plan)
    intro = (
        f"**{planner_view.sentence(scenario, totals, dt.date.today())}**\n\n"
        "Everything in this section is **modelled** from the assumptions below: it says what would have to be "
        "true under them, not what happened. The formulas are in the notes under the chart.\n\n"
        + content.fill(content.prose("target_reading"))
    )
    later = [
        PackTable(
            heading,
            planner_view.evidence_table(rows),
            f"Later evidence: {heading}",
            frame.source_line(rows),
            tuple(dict.fromkeys(rows["source_doc"])),
        )
        for heading, rows in later_evidence_tables.sections()
    ]
    before = (
        PackTable("Modelled figures", planner_view.tiles_table(scenario, totals), "The scenario's outputs (modelled)"),
        PackTable(
            "The assumptions of this scenario",
            planned.assumptions(),
            "The assumptions of this scenario, and where each comes from",
            planned.modelled_from(),
        ),
    )
    return Section(
        title,
        [views.planner_framed(planned, plan)],
        {},
        intro=intro,
        before=before,
        after=(
            PackTable(
                "Since 2019: later evidence, side by side (never joined to the 2019 series or to the modelled path)",
                pd.DataFrame(),
                "",
            ),
            *later,
        ),
    )


def key_figures(tiles: dict[str, str]) -> pd.DataFrame:
    """A view's headline figures as a table: what, value, base, as printed or derived, source, method or note."""
    rows = [data.figure(figure_id) for figure_id in tiles]
    return pd.DataFrame(
        {
            "Figure": [content.fill(label) for label in tiles.values()],
            "Value": [formatting.figure(row) for row in rows],
            "Base": [formatting.base(row["base_n"]) for row in rows],
            "Type": [formatting.kind(row) for row in rows],
            "Source": [sources.citation(r["source_doc"], r["source_section"], r["source_page"]) for r in rows],
            "Method or note": [row["note"] for row in rows],
        }
    )


def file_name(scope: str) -> str:
    which = "all-views" if scope == WHOLE else Path(scope).stem.replace("_", "-")
    return f"psw-2019-briefing-pack-{which}.pdf"


def data_version() -> str:
    """The key packs are kept under: data.version(), which changes with the built data or the prose."""
    return data.version()


def app_version() -> str:
    """PSW_DASH_VERSION (set when the container is built), else the git commit, else 'not recorded'."""
    if os.environ.get("PSW_DASH_VERSION"):
        return os.environ["PSW_DASH_VERSION"]
    try:
        commit = subprocess.run(
            ["git", "-C", str(paths.ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        ).stdout.strip()
        return f"commit {commit}"
    except (OSError, subprocess.SubprocessError):
        return "not recorded"


# ---- the HTML ---------------------------------------------------------------------------------


def _e(text) -> str:
    return html.escape(str(text))


def _inline(text: str) -> str:
    """The few inline marks the prose uses: **bold**, *italic*, `code`."""
    text = _e(text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
    text = re.sub(r"\*(.+?)\*", r"<em>\1</em>", text)
    return re.sub(r"`(.+?)`", r"<code>\1</code>", text)


def markdown_block(text: str, heading_level: int = 3) -> str:
    """Paragraphs, '- ' lists and '#' headings of the project's prose as HTML (no other Markdown is used there)."""
    out = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.splitlines()
        if all(line.startswith(("- ", "  ")) for line in lines):
            items = re.split(r"\n- ", "\n" + block.strip())[1:]
            out.append("<ul>" + "".join(f"<li>{_inline(' '.join(i.split()))}</li>" for i in items) + "</ul>")
        elif lines[0].startswith("#"):
            out.append(f"<h{heading_level}>{_inline(lines[0].lstrip('# '))}</h{heading_level}>")
            if lines[1:]:
                out.append(markdown_block("\n".join(lines[1:]), heading_level))
        elif lines[0].startswith("|"):
            continue  # Markdown tables in the prose are given as real tables elsewhere in the pack
        else:
            out.append(f"<p>{_inline(' '.join(block.split()))}</p>")
    return "\n".join(out)


def section_of(markdown: str, heading: str) -> str:
    """The text under a '## heading' of a Markdown file, up to the next heading of that level."""
    match = re.search(rf"^## {re.escape(heading)}\s*$(.*?)(?=^## |\Z)", markdown, re.MULTILINE | re.DOTALL)
    return match.group(1).strip() if match else ""


def html_table(table: pd.DataFrame, caption: str) -> str:
    head = "".join(f'<th scope="col">{_e(c)}</th>' for c in table.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>"
        for row in table.astype(str).itertuples(index=False)
    )
    return f"<table><caption>{_e(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def source_of(framed: views.Framed) -> str:
    return frame.source_line(framed.table) + (f" {framed.extra_source}" if framed.extra_source else "")


def _figure_html(chart, pictures: dict[int, bytes]) -> str:
    picture = base64.b64encode(pictures[id(chart)]).decode()
    return (
        f'<section class="chart"><h2>{_e(chart.headline)}</h2><p class="subtitle">{_e(chart.subtitle)}</p>'
        f'<img src="data:image/png;base64,{picture}" alt="{_e(chart.summary)}">'
        f"<p><strong>In words:</strong> {_e(chart.summary)}</p></section>"
    )


def _caveats_html(framed: views.Framed) -> str:
    caveats = images.caveats(framed.table)
    return f'<p class="caveats"><strong>Caveats:</strong> {_e(" ".join(caveats))}</p>' if caveats else ""


def _chart_html(framed: views.Framed, pictures: dict[int, bytes]) -> str:
    parts = "".join(_figure_html(chart, pictures) for chart in framed.charts)
    notes = [n for n in dict.fromkeys(framed.table["note"]) if n]
    return (
        f'<article class="frame">{parts}'
        + html_table(frame.readable_table(framed.table), f"The numbers: {framed.chart.headline}")
        + _caveats_html(framed)
        + (f"<p><strong>Notes:</strong></p><ul>{''.join(f'<li>{_e(n)}</li>' for n in notes)}</ul>" if notes else "")
        + f'<p class="source">{_e(source_of(framed))}</p></article>'
    )


def documents_cited(all_sections: list[Section], body: str = "") -> list[sources.Document]:
    """The documents the rows shown come from, then any other the pack's text names (a key figure's source can
    cite a second document, such as the training provider's pages, inside its citation)."""
    cited = dict.fromkeys(
        [
            *(doc for s in all_sections for f in s.framed for doc in f.table["source_doc"]),
            *(doc for s in all_sections for t in s.before + s.after for doc in t.documents),
            *(data.figure(figure_id)["source_doc"] for s in all_sections for figure_id in s.tiles),
            *(doc for doc, d in sources.DOCUMENTS.items() if _e(d.short_name) in body),
        ]
    )
    return [sources.DOCUMENTS[doc] for doc in cited if doc in sources.DOCUMENTS]


def _cover(scope: str, all_sections: list[Section], pictures: dict[int, bytes], made: dt.datetime) -> str:
    """Page 1: the title, when it was made (in words; the exact versions are in the annex), and for the whole pack
    the summary and the headline chart, with its caveats and source. A one-view pack goes on to its view."""
    summary = ""
    if scope == WHOLE:
        headline = headline_framed()
        summary = (
            f"<h2>In brief</h2>{markdown_block(all_sections[0].intro)}"
            f'<article class="frame">{_figure_html(headline.chart, pictures)}{_caveats_html(headline)}'
            f'<p class="source">{_e(source_of(headline))} The table and notes are in '
            f"{_e(_section_title(headline, all_sections))}.</p></article>"
        )
    return f"""<header class="cover{" whole" if scope == WHOLE else ""}">
<h1>{_e(TITLE)}</h1>
<p class="scope">{_e(scope_title(scope))}</p>
<p class="made">Census date {CENSUS_DATE}. Made on {formatting.date_text(made.date())} at {made:%H:%M} UTC;
the dashboard and data versions it was made from are given at the end, under About this pack.</p>
{summary}
</header>"""


def _section_title(framed: views.Framed, all_sections: list[Section]) -> str:
    return next((s.title for s in all_sections if any(f.key == framed.key for f in s.framed)), "the pack")


def _reading_guide(all_sections: list[Section]) -> str:
    """How to read the pack, and its contents: the page after the summary, running on into the first view."""
    listed = "".join(
        f"<li>{_e(s.title)}: "
        + (f"{len(s.framed)} chart frame{'s' if len(s.framed) > 1 else ''}" if s.framed else "key figures")
        + "</li>"
        for s in all_sections
    )
    return f"""<section class="guide">
<h2>How to read this pack</h2>
<p>Every figure is transcribed as printed in its source, cited by document, section and page. Values this
dashboard computes are marked <em>derived</em> (or <em>modelled</em>) with their method. Each percentage is
given with its base (n); bases under 50 are flagged as small. Counts before 2019 come from a different
collection than the 2019 census: the series break is marked wherever the series appears.</p>
<h2>Contents</h2>
<ol>{listed}<li>Annex: definitions, method, the series break, the report's inconsistencies, sources and licences,
and the versions this pack was made from</li></ol>
</section>"""


def _sources_and_versions(scope: str, all_sections: list[Section], body: str, made: dt.datetime) -> str:
    """The annex's last part: every document the pack cites, with its licence, and what made the pack."""
    documents = "".join(
        f"<li><strong>{_e(d.title)}</strong>, {_e(d.publisher)}, {_e(d.published)}. Role: {_e(d.role)}. "
        f"Licence: {_e(d.licence)}</li>"
        for d in documents_cited(all_sections, body)
    )
    return f"""<h2>Sources and licences</h2>
<ul>{documents}</ul>
<p>{_e(sources.OGL_LINE)} {_e(sources.BOUNDARY_ATTRIBUTION)}</p>
<h2>About this pack</h2>
<dl>
<dt>Census date</dt><dd>{CENSUS_DATE} (National Workforce Stocktake of Mental Health Peer Support Workers in NHS Trusts)</dd>
<dt>Scope</dt><dd>{_e(scope_title(scope))}</dd>
<dt>Made</dt><dd>{formatting.date_text(made.date())}, {made:%H:%M} UTC</dd>
<dt>Dashboard version</dt><dd>{_e(app_version())}; data version {_e(data_version())}</dd>
</dl>"""


def _annex(closing: str) -> str:
    about = content.fill(content.prose("about"))
    catalogue = data.figures()
    flagged = catalogue[catalogue["note"].str.contains(INCONSISTENT)]
    footnotes = pd.DataFrame(
        {
            "Figure": flagged["measure"] + flagged["category"].map(lambda c: f" ({c})" if c else ""),
            "Value as printed": [formatting.figure(row) for _, row in flagged.iterrows()],
            "Source": sources.citations(flagged),
            "What the report says elsewhere": flagged["note"],
        }
    )
    series_break = section_of(data.text_file(paths.DATA_DIR / "SOURCES.md"), "The series break")
    return f"""<section class="annex">
<h1>Annex</h1>
<h2>Definitions</h2>
{markdown_block(section_of(about, "Definitions"))}
<h2>Method</h2>
{markdown_block(section_of(about, "Method"))}
<h2>The series break</h2>
{markdown_block(series_break)}
<h2>The report's own inconsistencies</h2>
<p>Where the report prints a figure differently in two places, or a figure that does not agree with another,
the dashboard shows it as printed and notes the difference on the figure's row:</p>
{html_table(footnotes, "Figures the report prints inconsistently")}
{closing}
</section>"""


STYLE = f"""
@page {{ size: A4; margin: 16mm 16mm 20mm 16mm; }}
body {{ font-family: {theme.FONT}; font-size: 10.5pt; color: {theme.TEXT}; line-height: 1.35; }}
h1 {{ font-size: 20pt; margin: 0 0 6pt; }}
h2 {{ font-size: 14pt; margin: 14pt 0 4pt; }}
.chart h2 {{ font-size: 12pt; margin: 0 0 3pt; }}
.cover h1 {{ font-size: 22pt; margin-top: 0; }}
.cover .scope {{ font-size: 14pt; margin: 0 0 4pt; }}
.cover.whole {{ break-after: page; }}
.cover .chart {{ margin-top: 4pt; }}
.cover .chart img {{ width: 70%; }}  /* the summary, the chart and its source on one page */
dt {{ font-weight: bold; margin-top: 6pt; }}
dd {{ margin-left: 0; }}
.view {{ break-before: page; }}
.guide + main > .view:first-child {{ break-before: auto; }}
.annex {{ break-before: page; }}
.frame {{ margin-bottom: 14pt; }}
.chart {{ break-inside: avoid; margin-top: 10pt; }}
.chart img {{ width: 100%; }}
.subtitle {{ margin: 0 0 4pt; }}
.source, .caveats {{ color: {theme.SOURCE_TEXT}; font-size: 9pt; }}
table {{ border-collapse: collapse; width: 100%; margin: 6pt 0; font-size: 9pt; break-inside: auto; }}
caption {{ text-align: left; font-weight: bold; margin-bottom: 3pt; }}
th, td {{ border: 1px solid #B1B4B6; padding: 2pt 4pt; text-align: left; vertical-align: top; }}
tr {{ break-inside: avoid; }}
"""


def _footer() -> str:
    """Chromium's page footer: the source and the page number on every page."""
    report = sources.DOCUMENTS[sources.STOCKTAKE]
    return (
        f'<div style="font-family:{theme.FONT};font-size:7.5pt;color:{theme.SOURCE_TEXT};width:100%;'
        f'margin:0 16mm;display:flex;justify-content:space-between;gap:8mm">'
        f"<span>Source: {_e(report.short_name)}; census {CENSUS_DATE}. PSW briefing pack.</span>"
        '<span style="white-space:nowrap">Page <span class="pageNumber"></span> of '
        '<span class="totalPages"></span></span></div>'
    )


def _table_html(table: PackTable) -> str:
    return (
        f"<h2>{_e(table.heading)}</h2>"
        + (html_table(table.table, table.caption) if not table.table.empty else "")
        + (f'<p class="source">{_e(table.source)}</p>' if table.source else "")
    )


def _section_html(section: Section, pictures: dict[int, bytes]) -> str:
    figures = (
        f"<h2>Key figures</h2>{html_table(key_figures(section.tiles), f'Key figures: {section.title}')}"
        if section.tiles
        else ""
    )
    intro = f"<h2>In brief</h2>{markdown_block(section.intro)}" if section.intro else ""
    charts_ = "".join(_chart_html(f, pictures) for f in section.framed)
    before, after = "".join(map(_table_html, section.before)), "".join(map(_table_html, section.after))
    return f'<section class="view"><h1>{_e(section.title)}</h1>{intro}{figures}{before}{charts_}{after}</section>'


def document_html(scope: str, all_sections: list[Section], pictures: dict[int, bytes], made: dt.datetime) -> str:
    """Page 1 (the cover: for the whole pack, the summary and headline chart), how to read the pack and its
    contents running on into the views (the Overview's summary is on page 1, so its section gives the key
    figures), then the annex, ending with the sources, their licences and the versions."""
    shown = [replace(s, intro="") if scope == WHOLE and s.title == "Overview" else s for s in all_sections]
    cover = _cover(scope, all_sections, pictures, made)
    body = "".join(_section_html(s, pictures) for s in shown)
    closing = _sources_and_versions(scope, all_sections, cover + body, made)
    return (
        f'<!DOCTYPE html><html lang="{LANGUAGE}"><head><meta charset="utf-8"><title>{_e(document_title(scope))}'
        f"</title><style>{STYLE}</style></head><body>"
        f"{cover}{_reading_guide(all_sections)}<main>{body}</main>{_annex(closing)}</body></html>"
    )


# ---- building and keeping -------------------------------------------------------------------


async def _build(scope: str, progress: Progress, planned: planner_defaults.Planned | None) -> bytes:
    all_sections = sections(scope, planned)
    framed = [f for s in all_sections for f in s.framed] + ([headline_framed()] if scope == WHOLE else [])
    all_charts = list({id(chart): chart for f in framed for chart in f.charts}.values())  # each drawn once
    progress(0.0, "Starting the chart renderer (a few seconds)")
    async with image_browser.session() as session:
        pictures = {}
        for done, chart in enumerate(all_charts):
            progress(done / (len(all_charts) + 1), f"Drawing chart {done + 1} of {len(all_charts)}")
            pictures[id(chart)] = await session.calc_fig(
                images.plain_figure(chart, PACK_IMAGE_WIDTH), opts=dict(format="png", scale=PACK_IMAGE_SCALE)
            )
        progress(len(all_charts) / (len(all_charts) + 1), "Laying out and printing the PDF")
        with tempfile.TemporaryDirectory() as folder:
            page = Path(folder) / "pack.html"
            made = dt.datetime.now(dt.UTC)
            page.write_text(document_html(scope, all_sections, pictures, made), encoding="utf-8")
            pdf = await image_browser.print_pdf(session, page, _footer())
    progress(len(all_charts) / (len(all_charts) + 1), "Marking the page footer and the PDF/UA identification")
    pdf = pdf_ua.finish(pdf, document_title(scope), LANGUAGE)
    progress(1.0, "Ready")
    return pdf


# Packs of readers' own planner scenarios kept at most, besides the defaults: each is about 1 MB.
KEPT_SCENARIOS = 8
_kept = kept.Kept(KEPT_SCENARIOS)


def key(scope: str, planned: planner_defaults.Planned | None) -> tuple:
    """A pack is kept per scope and data version, and per planner scenario where it prints one (the default
    scenario is keyed as None, so every session shares that pack)."""
    prints_planner = scope in (WHOLE, PLANNER)
    scenario = planned if prints_planner and planned is not None and planned != planner_defaults.default() else None
    return scope, data_version(), scenario


def cached(scope: str, planned: planner_defaults.Planned | None = None) -> bytes | None:
    """The pack for this data version (and planner scenario) if it was built already (no work done)."""
    return _kept.get(key(scope, planned))


def build(
    scope: str = WHOLE, progress: Progress | None = None, planned: planner_defaults.Planned | None = None
) -> bytes:
    """The pack as PDF bytes: from the store if built for this data version and scenario, else built now (about
    10-20 s). `planned` is the planner's scenario on screen; without it the pack prints the default scenario."""
    scenario = key(scope, planned)[2]
    return _kept.make(
        key(scope, planned),
        lambda: image_browser.run(_build(scope, progress or (lambda fraction, text: None), scenario)),
    )
