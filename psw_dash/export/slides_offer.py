"""The slides offer: the deck of this view and of every view (PPTX), made on request beside the briefing pack.

A function of the page, as the pack's offer is (panel.py), so the downloads can be gathered wherever they are
offered. Each slide's notes link back to its view at this copy's own address, as the reader's browser gives it.
"""
from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st

from psw_dash.export import on_request, slides
from psw_dash.page import layout

ABOUT = ("One slide per chart, each a native PowerPoint chart with its data (restyle it, recolour it to your "
         "template, edit its labels), its headline as the slide's title, its base, words, caveats and source as "
         "text, and a link back to the live view in its notes; a cover with the sources and licences, and closing "
         "slides with the definitions, the series break and what 4,730 counts.")


def address(page: layout.PageSpec) -> str:
    """This copy's address (scheme, host and any path it is served under), from the page the browser shows."""
    try:
        shown = urlsplit(st.context.url or "")
    except (AttributeError, RuntimeError):
        return slides.LOCAL_ADDRESS
    if not shown.netloc:
        return slides.LOCAL_ADDRESS
    path = shown.path.rstrip("/")
    if page.url_path and path.endswith("/" + page.url_path):
        path = path[:-len(page.url_path) - 1]
    return f"{shown.scheme}://{shown.netloc}{path}"


def document(page: layout.PageSpec) -> on_request.Document:
    here = address(page)
    return on_request.Document(
        "slides", "PPTX", slides.MIME, ":material/slideshow:", slides.file_name,
        cached=lambda scope, planned: slides.cached(scope, planned, here),
        build=lambda scope, progress, planned: slides.build(scope, progress, planned, here))


def offer(page: layout.PageSpec) -> None:
    """The slides of this view and of every view, for a page with charts or the Overview; nothing elsewhere."""
    choices = on_request.scopes(page)
    if not choices:
        return
    st.markdown(ABOUT)
    made = document(page)
    for scope, label in choices:
        on_request.offer(made, scope, label)
