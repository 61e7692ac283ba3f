"""The app's navigation and the header and footer every page shares."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from psw_dash import paths, sources, theme

# A local file: a Material icon name here would make the browser fetch the favicon from a font host.
FAVICON = paths.ROOT / "static" / "favicon.png"

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
    ],
}


def all_pages() -> list[PageSpec]:
    return [page for group in PAGES.values() for page in group]


def navigation():
    """st.navigation over PAGES, every page listed explicitly, grouped in the sidebar."""
    return st.navigation({
        group: [st.Page(p.file, title=p.title, icon=p.icon, default=p.default) for p in pages]
        for group, pages in PAGES.items()
    })


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
    st.title(title)


STYLE = f"""<style>
.psw-source, p.psw-source {{ color: {theme.SOURCE_TEXT} !important; font-size: 0.9rem !important; }}
.psw-tiles {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 1rem;
             margin-bottom: 1rem; }}
.psw-tile {{ border: 1px solid #B1B4B6; border-radius: 0.5rem; padding: 0.75rem 1rem; }}
.psw-tile p {{ margin: 0 0 0.4rem 0; }}
.psw-tile p.psw-tile-label {{ font-size: 0.95rem !important; }}
.psw-tile p.psw-tile-value {{ font-size: 2.2rem !important; line-height: 1.2; color: {theme.TEXT}; }}
.psw-tile details {{ font-size: 0.9rem; margin-bottom: 0.4rem; }}
/* Long figure ids and citations wrap inside table cells instead of pushing columns off screen. */
[data-testid="stTable"] td {{ overflow-wrap: anywhere; white-space: normal !important; max-width: 14rem; }}
</style>"""


def header() -> None:
    st.markdown(STYLE, unsafe_allow_html=True)


def footer() -> None:
    st.divider()
    report = sources.DOCUMENTS[sources.STOCKTAKE]
    st.markdown(
        f'<p class="psw-source" style="font-size:0.9rem">Data: {report.title}, {report.publisher}, '
        f"{report.published}. Figures are transcribed as printed; derived values are labelled. "
        f"Population, boundaries and trust codes: {sources.OGL_LINE}</p>",
        unsafe_allow_html=True,
    )
