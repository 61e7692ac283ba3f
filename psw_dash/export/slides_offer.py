"""The slides (PPTX) as a document made on request (on_request.py), offered beside the briefing pack (panel.py).

Each slide's notes link back to its view at this copy's own address, as the reader's browser gives it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st

from psw_dash.export import documents, on_request, slides
from psw_dash.page import layout

ABOUT = (
    "One slide per chart, each a native PowerPoint chart with its data (restyle it, recolour it to your "
    "template, edit its labels), its headline as the slide's title, its base, words, caveats and source as "
    "text, and a link back to the live view in its notes; a cover with the sources and licences, and closing "
    "slides with the definitions, the series break and what 4,730 counts."
)


def address() -> str:
    """This copy's address (scheme, host and any path it is served under), from the page the browser shows."""
    try:
        shown = urlsplit(st.context.url or "")
    except (AttributeError, RuntimeError):
        return slides.LOCAL_ADDRESS
    if not shown.netloc:
        return slides.LOCAL_ADDRESS
    path = shown.path.rstrip("/")
    last = path.rsplit("/", 1)[-1]
    if last in {page.url_path for page in layout.all_pages() if page.url_path}:
        path = path[: -len(last) - 1]
    return f"{shown.scheme}://{shown.netloc}{path}"


def document() -> on_request.Document:
    here = address()
    return on_request.Document(
        "slides",
        "PPTX",
        ":material/slideshow:",
        lambda scope, planned: documents.Order(documents.SLIDES, scope, planned, here),
    )
