"""'Copy link to this view': the address that reopens this page with the choices made on it.

Every selection lives in the URL's query parameters (state.py), so the address is the page's own, as the reader's
browser has it (st.context.url, which drops the query) with the query as this run left it. It is shown as code:
Streamlit's code block has a copy button, which needs no network and no server support, so it works the same in
the hosted, read-only copy; where a browser refuses the clipboard (an address without https), the text can be
selected and copied by hand.
"""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st


def view_url(page_url: str, query: dict[str, list[str]]) -> str:
    """The page's address with its selections: 'http://host/employment?view=paid'."""
    pairs = [(name, value) for name, values in query.items() for value in values]
    return page_url + (f"?{urlencode(pairs)}" if pairs else "")


def copy_link(page_key: str) -> None:
    """A button at the foot of the page that opens the link (sent only when opened: a rerun)."""
    box = st.popover("Copy link to this view", icon=":material/link:", key=f"copy-link-{page_key}", on_change="rerun")
    if not box.open:
        return
    with box:
        st.markdown(
            "This link reopens this page with the choices you made on it. Copy it with the button at "
            "the right of the box, or select it."
        )
        query = {name: st.query_params.get_all(name) for name in st.query_params}
        st.code(view_url(st.context.url or "", query), language=None, wrap_lines=True)
