"""The app's navigation and the header and footer every page shares."""
from __future__ import annotations

import streamlit as st

from psw_dash import paths, sources, theme

# A local file: a Material icon name here would make the browser fetch the favicon from a font host.
FAVICON = paths.ROOT / "static" / "favicon.png"

PAGES = {
    "Start": [
        st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
        st.Page("pages/growth.py", title="Growth and target", icon=":material/trending_up:"),
    ],
    "The 2019 stocktake": [
        st.Page("pages/workforce_profile.py", title="Workforce profile", icon=":material/groups:"),
        st.Page("pages/service_models.py", title="Service models", icon=":material/account_tree:"),
        st.Page("pages/employment.py", title="Employment and management", icon=":material/badge:"),
        st.Page("pages/people.py", title="People", icon=":material/diversity_3:"),
        st.Page("pages/wellbeing.py", title="Wellbeing and retention", icon=":material/health_and_safety:"),
        st.Page("pages/training.py", title="Training", icon=":material/school:"),
        st.Page("pages/other_sectors.py", title="Other sectors", icon=":material/handshake:"),
    ],
    "About": [
        st.Page("pages/data_sources.py", title="Data and sources", icon=":material/table_view:"),
    ],
}


def all_pages() -> list:
    return [page for group in PAGES.values() for page in group]


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


def header() -> None:
    st.markdown(f"<style>.psw-source{{color:{theme.SOURCE_TEXT}}}</style>", unsafe_allow_html=True)


def footer() -> None:
    st.divider()
    report = sources.DOCUMENTS[sources.STOCKTAKE]
    st.markdown(
        f'<p class="psw-source" style="font-size:0.9rem">Data: {report.title}, {report.publisher}, '
        f"{report.published}. Figures are transcribed as printed; derived values are labelled. "
        f"Population, boundaries and trust codes: {sources.OGL_LINE}</p>",
        unsafe_allow_html=True,
    )
