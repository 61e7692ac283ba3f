"""The app's navigation and the header and footer every page shares."""
from __future__ import annotations

import streamlit as st

from psw_dash import paths, sources, theme

# A local file: a Material icon name here would make the browser fetch the favicon from a font host.
FAVICON = paths.ROOT / "static" / "favicon.png"

PAGES = {
    "Start": [
        st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    ],
}


def header() -> None:
    st.markdown(
        f"<style>.psw-source{{color:{theme.SOURCE_TEXT}}}</style>",
        unsafe_allow_html=True,
    )


def footer() -> None:
    st.divider()
    st.markdown(
        f'<p class="psw-source" style="font-size:0.9rem">Data: {sources.DOCUMENTS[sources.STOCKTAKE].title}, '
        f"{sources.DOCUMENTS[sources.STOCKTAKE].publisher}, {sources.DOCUMENTS[sources.STOCKTAKE].published}. "
        "Figures are transcribed as printed; derived values are labelled. "
        f"Population, boundaries and trust codes: {sources.OGL_LINE}</p>",
        unsafe_allow_html=True,
    )
