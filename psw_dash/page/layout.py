"""The app's navigation and the header and footer every page shares."""

from __future__ import annotations

import base64
import hashlib
import html
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from psw_dash import paths
from psw_dash.charts import theme
from psw_dash.page import content, glossary, preload, share
from psw_dash.vocabulary import sources

# A local file: a Material icon name here would make the browser fetch the favicon from a font host.
FAVICON = paths.ROOT / "static" / "favicon.png"
# Given to Streamlit as a data URL, not a path: a path is served from Streamlit's media store, which drops a
# session's files when its next run starts, so a browser still fetching the icon then got a 404 (seen once in CI
# through the hosted proxy). The 454-byte icon travels inside the page's config message instead.
FAVICON_URL = "data:image/png;base64," + base64.b64encode(FAVICON.read_bytes()).decode("ascii")


@dataclass(frozen=True)
class PageSpec:
    """One page of the navigation. Plain data, so tests and the benchmark can list pages without Streamlit."""

    file: str
    title: str
    icon: str
    default: bool = False

    @property
    def url_path(self) -> str:
        return "" if self.default else Path(self.file).stem


PAGES = {
    "Start": [
        PageSpec("pages/overview.py", "Overview", ":material/dashboard:", default=True),
        PageSpec("pages/growth.py", "Growth and target", ":material/trending_up:"),
        PageSpec("pages/planner.py", "Plan to the target", ":material/flag:"),
        PageSpec("pages/downloads.py", "Downloads", ":material/download:"),
    ],
    "The 2019 stocktake": [
        PageSpec("pages/workforce_profile.py", "Workforce profile", ":material/groups:"),
        PageSpec("pages/service_models.py", "Service models", ":material/account_tree:"),
        PageSpec("pages/employment.py", "Employment and management", ":material/badge:"),
        PageSpec("pages/people.py", "People", ":material/diversity_3:"),
        PageSpec("pages/wellbeing.py", "Wellbeing and retention", ":material/health_and_safety:"),
        PageSpec("pages/training.py", "Training", ":material/school:"),
        PageSpec("pages/other_sectors.py", "Other sectors", ":material/handshake:"),
        PageSpec("pages/regions.py", "Regions", ":material/map:"),
    ],
    "About": [
        PageSpec("pages/data_sources.py", "Data and sources", ":material/table_view:"),
        PageSpec("pages/accessibility.py", "Accessibility statement", ":material/accessibility_new:"),
    ],
}


def all_pages() -> list[PageSpec]:
    return [page for group in PAGES.values() for page in group]


def spec_of(page) -> PageSpec:
    """The PageSpec of the page st.navigation picked (matched by its URL path)."""
    return next(spec for spec in all_pages() if spec.url_path == page.url_path)


def navigation():
    """st.navigation over PAGES, every page listed explicitly; the menu itself is drawn by menu().

    Streamlit's own grouped menu puts each group's name as a div straight inside its list, which
    screen readers cannot read as a list (axe: list, listitem, serious); its top menu falls back to
    that same list on a phone. So Streamlit's menu is hidden and menu() draws the groups instead.
    """
    page = st.navigation(
        {
            group: [st.Page(p.file, title=p.title, icon=p.icon, default=p.default) for p in pages]
            for group, pages in PAGES.items()
        },
        position="hidden",
    )
    menu()
    return page


def menu() -> None:
    """The sidebar menu: each group's name, then its pages as links (Streamlit's own skip link comes first)."""
    with st.sidebar:
        for group, pages in PAGES.items():
            st.html(f'<p class="psw-menu-group">{group}</p>')
            for page in pages:
                st.page_link(page.file, label=page.title, icon=page.icon)


def markdown(text: str) -> None:
    """Markdown sent as HTML: the browser then need not parse it again on every visit (content.as_html). A
    glossary term's first appearance on the page links to its meaning (glossary.explain)."""
    st.html(glossary.explain(content.as_html(text)))


def heading(text: str) -> None:
    """A section heading (h2) sent as HTML: one light element, where st.header is parsed as Markdown on every visit."""
    st.html(f"<h2>{html.escape(text)}</h2>")


def quote(text: str) -> None:
    """A passage quoted from a source, set apart as a block quote (Markdown, sent as HTML)."""
    st.html(f'<blockquote class="psw-quote">{content.as_html(text)}</blockquote>')


def prose(name: str) -> None:
    """A page's prose from content/<name>.md, figures filled in."""
    markdown(content.fill(content.prose(name)))


def start_page(title: str) -> None:
    """Begin a page: make sure it runs inside the app's navigation, then show its title.

    Streamlit runs a file in pages/ on its own (old-style multipage) when the first request to a
    freshly started server is a deep link such as /people, until app.py has once called
    st.navigation. That run would lack the sidebar groups, header and footer, so switch the
    server to st.navigation and rerun: the rerun goes through app.py to the same page.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
    glossary.start_page()
    st.title(title, anchor=False)  # no "Link to heading" tab stop before the page's controls


STYLE = f"""<style>
.psw-source, p.psw-source {{ color: {theme.SOURCE_TEXT} !important; font-size: 0.9rem !important; }}
.psw-tiles {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 1rem;
             margin-bottom: 1rem; }}
.psw-tile {{ border: 1px solid #B1B4B6; border-radius: 0.5rem; padding: 0.75rem 1rem; }}
.psw-tile p {{ margin: 0 0 0.4rem 0; }}
.psw-tile p.psw-tile-label {{ font-size: 0.95rem !important; }}
.psw-tile p.psw-tile-value {{ font-size: 2.2rem !important; line-height: 1.2; color: {theme.TEXT}; }}
.psw-tile details {{ font-size: 0.9rem; margin-bottom: 0.4rem; }}
/* Tables (psw_dash/page/tables.py): long ids and citations wrap inside their cells, so on a narrow screen (a
   phone, or 200% zoom) a table fits the column instead of scrolling sideways in a box a keyboard cannot
   reach (axe: scrollable-region-focusable). */
table.psw-table {{ width: 100%; border-collapse: collapse; margin: 0.5rem 0 1rem 0; font-size: 0.9rem;
                   color: {theme.TEXT}; }}
table.psw-table caption {{ text-align: left; font-weight: 600; padding-bottom: 0.4rem; }}
table.psw-table :is(th, td) {{ text-align: left; vertical-align: top; padding: 0.35rem 0.5rem;
    border-bottom: 1px solid #B1B4B6; overflow-wrap: break-word; }}
table.psw-table th {{ border-bottom: 2px solid {theme.TEXT}; font-weight: 600; overflow-wrap: break-word; }}
table.psw-table th[style] {{ text-align: left !important; }}
[data-testid="stHtml"] code {{ font-size: 0.85em; background: #F3F2F1; padding: 0.1em 0.25em;
    border-radius: 0.2rem; overflow-wrap: anywhere; }}
/* preload.warm_up's widgets: drawn once, never seen, out of the accessibility tree. */
.st-key-{preload.WARM_UP_KEY} {{ display: none !important; }}
hr.psw-rule {{ border: none; border-top: 1px solid #B1B4B6; margin: 2rem 0 1rem 0; }}
blockquote.psw-quote {{ border-left: 4px solid {theme.TEXT}; background: #F3F2F1; margin: 0.5rem 0 1rem 0;
    padding: 0.75rem 1rem; color: {theme.TEXT}; }}
blockquote.psw-quote p:last-child {{ margin-bottom: 0; }}
details.psw-details {{ margin: 0.25rem 0 0.75rem 0; }}
details.psw-details > summary {{ cursor: pointer; font-weight: 600; padding: 0.3rem 0; min-height: 24px; }}
details.psw-details > ul {{ margin-top: 0.4rem; }}
@media (max-width: 720px) {{
  [data-testid="stMarkdownContainer"] table {{ width: 100%; }}
  [data-testid="stMarkdownContainer"] :is(th, td), [data-testid="stMarkdownContainer"] :is(th, td) * {{
      overflow-wrap: anywhere !important; white-space: normal !important; max-width: none; }}
  /* A floor under each column, so short values ("96%") stay whole while long sentences wrap. */
  table.psw-table :is(th, td), [data-testid="stMarkdownContainer"] :is(th, td) {{
      font-size: 0.75rem; padding: 0.2rem 0.25rem; min-width: 2.1rem; overflow-wrap: anywhere; }}
  /* The planner's assumptions hold words, not ids: each stays whole ("Starting", not "Starti-ng"). */
  .psw-assumptions table.psw-table :is(th, td) {{ overflow-wrap: break-word; }}
}}
/* Headings: h2 for sections and chart headlines, sized as before (the headline was an h4). */
[data-testid="stMain"] h2 {{ font-size: 1.6rem; }}
[data-testid="stMain"] [class*="st-key-frame-"] h2 {{ font-size: 1.25rem; padding-bottom: 0.25rem; }}
[data-testid="stMain"] h2.psw-headline {{ font-weight: 600; margin: 0 0 0.25rem 0; }}
/* Plotly notes whether a chart's div had no height when it first drew it, and treats the change as a new
   setting when Streamlit passes the figure again once the column is measured: the chart was drawn again
   from scratch. An empty div one pixel high is never of no height (browser_figure.py). */
[data-testid="stPlotlyChart"] > div {{ min-height: 1px; }}
/* Plotly sizes a chart to its div's width as a whole number of pixels, Streamlit to the measured width, which
   in a column can be fractional (464.8 px): Plotly then drew the chart again for a fifth of a pixel. A whole
   number of pixels wide, the two agree. */
[data-testid="stFullScreenFrame"]:has(> [data-testid="stPlotlyChart"]) {{ width: round(down, 100%, 1px) !important; }}
/* A glossary term's first appearance on a page: a link to its meaning, its tooltip the short meaning (glossary.py). */
a.psw-term {{ color: inherit !important; text-decoration: underline dotted !important; text-underline-offset: 0.2em; }}
dl.psw-glossary dt {{ font-weight: 600; margin-top: 0.75rem; }}
dl.psw-glossary dd {{ margin: 0.2rem 0 0 0; }}
/* The menu's group names (menu() in layout.py). */
p.psw-menu-group {{ font-weight: 600; font-size: 0.9rem; color: {theme.TEXT}; margin: 0.75rem 0 0 0; }}
/* A date input's day, month and year are separate small targets: make each at least 24 px (WCAG 2.5.8). */
[data-testid="stDateInput"] [role="spinbutton"] {{ display: inline-block; min-width: 24px; min-height: 24px;
    padding: 2px 2px; text-align: center; }}
/* A focus ring everyone can see: near-black, 3px, offset from the control (19:1 on white; WCAG 2.4.7, 2.4.13). */
[data-testid="stApp"] :focus-visible:not(main) {{ outline: 3px solid {theme.TEXT} !important; outline-offset: 2px !important; }}
</style>"""


def header() -> None:
    st.html(STYLE)


# After a page switch (a menu link, a link on the page, the browser's back button) focus moves to the new page's
# heading, so a keyboard or screen reader user starts at the page they chose (it is read out) instead of back in
# the menu: Streamlit leaves focus on the link that was pressed. The heading takes focus by script only
# (tabindex -1), as does the main container, which Streamlit puts in the tab order (tabindex 0): a stop with
# nothing to do between the menu and the page's first control. The script is sent once a session and keeps
# watching the app's run state: when a run ends on another path than the last one, the page changed. It is the
# same text every time, so the hosted copy's Content-Security-Policy allows it by hash (hosting/nginx.py).
FOCUS_SCRIPT = (
    "(() => { const app = document.querySelector('[data-testid=\"stApp\"]'); if (!app) return;"
    " let shown = location.pathname; let from = null; let until = 0;"
    " const tidy = () => { const main = document.querySelector('[data-testid=\"stMain\"]');"
    " if (main && main.getAttribute('tabindex') !== '-1') main.setAttribute('tabindex', '-1'); };"
    # For a moment after the switch, the heading takes focus back while focus is still on the link pressed, on
    # nothing, or on a node React has since replaced (the new page's heading can be drawn after the run ends).
    " const hold = () => { if (performance.now() > until) return;"
    " const h1 = document.querySelector('[data-testid=\"stMain\"] h1'); const now = document.activeElement;"
    " if (h1 && now !== h1 && (!now || now === document.body || now === from || !now.isConnected)) {"
    " h1.setAttribute('tabindex', '-1'); h1.focus({preventScroll: true}); } requestAnimationFrame(hold); };"
    " const check = () => { tidy(); if (location.pathname === shown"
    " || app.getAttribute('data-test-script-state') !== 'notRunning') return;"
    " shown = location.pathname; from = document.activeElement; until = performance.now() + 3000;"
    " requestAnimationFrame(hold); };"
    " const jump = () => { const id = decodeURIComponent(location.hash.slice(1)); const target = id && document.getElementById(id);"
    " if (!target || target.dataset.pswJumped) return; target.dataset.pswJumped = '1'; target.setAttribute('tabindex', '-1');"
    " target.scrollIntoView(); target.focus({preventScroll: true}); };"
    " new MutationObserver(check).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});"
    " new MutationObserver(() => { check(); jump(); }).observe(app, {childList: true, subtree: true});"
    " tidy(); jump(); })();"
)
_FOCUS_SENT = "psw-focus-script-sent"


def focus_csp_hash() -> str:
    """The focus script's Content-Security-Policy source ('sha256-...')."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(FOCUS_SCRIPT.encode()).digest()).decode()}'"


def follow_focus() -> None:
    """Send the focus script on the session's first run, at the foot of the page (an element that is there on one
    run only must come last, or every element after it would be drawn again on the next run)."""
    if st.session_state.get(_FOCUS_SENT):
        return
    st.session_state[_FOCUS_SENT] = True
    st.html(f"<script>{FOCUS_SCRIPT}</script>", unsafe_allow_javascript=True)


DOWNLOADS = next(page for page in all_pages() if page.file == "pages/downloads.py")


def downloads_link() -> None:
    """The way to every download, where a first-time reader sees it (the Overview's first screen)."""
    st.page_link(DOWNLOADS.file, label="Downloads: briefing pack, spreadsheet, data", icon=":material/download:")


def share_row(page: PageSpec) -> None:
    """At the foot of every page: copy the link to this view, and the way to every download."""
    with st.container(horizontal=True, key="share-row"):
        share.copy_link(page.url_path or "overview")
        if page != DOWNLOADS:
            st.page_link(DOWNLOADS.file, label="All downloads", icon=":material/download:")


def footer() -> None:
    """The data line under every page: one HTML element (as Markdown with HTML in it, the browser parsed it
    again on every page switch)."""
    report = sources.DOCUMENTS[sources.STOCKTAKE]
    st.html(
        glossary.explain(
            f'<hr class="psw-rule"><p class="psw-source">Data: {html.escape(report.title)}, '
            f"{html.escape(report.publisher)}, {html.escape(report.published)}. Figures are transcribed as printed; "
            f"derived values are labelled. Population, boundaries and trust codes: {html.escape(sources.OGL_LINE)}</p>"
        )
    )
