"""Shareable view state: selections live in the URL's query parameters, so a copied link reopens them.

The URL holds short, stable values (?view=bands), not the labels people read. A missing
parameter means the default; an unknown one falls back to the default with a short notice that
names the parameter but does not repeat its value (anyone can write a link: psw_dash.page.untrusted).
"""

from __future__ import annotations

import streamlit as st

from psw_dash.page import resumed, untrusted


def _to_url(param: str, key: str, as_text=str) -> None:
    st.query_params[param] = as_text(st.session_state[key])


def keep_in_url(values: dict[str, str], defaults: dict[str, str] | None = None) -> None:
    """Write these ?param=value pairs, those that differ from the URL's, in one message: each write sends the
    browser a message that rewrites its history entry and redraws the app, about 10 ms of its time
    (bench/README.md). A default the link does not name stays out of it (a missing parameter means the
    default), so a first visit writes nothing; a link that names a parameter keeps it in step."""
    defaults = defaults or {}
    changed = {
        param: value
        for param, value in values.items()
        if st.query_params.get(param) != value and (param in st.query_params or defaults.get(param) != value)
    }
    if changed:
        st.query_params.update(changed)


def from_url(param: str, allowed, shown_instead: str) -> str | None:
    """The link's ?param= value if it is one of `allowed`; else None, with a notice when there was one."""
    requested = st.query_params.get(param)
    if requested is not None and requested not in allowed:
        not_recognised(param, shown_instead)
        return None
    return requested


def choice(label: str, options: dict[str, str], param: str, default: str | None = None) -> str:
    """One of several options (URL value -> label), shown as a segmented control, kept in ?param=."""
    values = list(options)
    default = default or values[0]
    key = f"choice-{param}-{'|'.join(values)}"  # one widget state per set of options, so pages never share it
    requested = from_url(param, values, f"'{options[default]}' instead")
    if resumed.browser_value_pending(key):
        pass  # the reader's click on a page drawn by a lost replica: the widget keeps it (psw_dash/page/resumed.py)
    elif requested is not None or st.session_state.get(key) not in values:
        # A shared link (or a first visit) decides; after that the widget does, through _to_url.
        st.session_state[key] = requested or default
    picked = st.segmented_control(
        label,
        values,
        format_func=lambda value: options[value],
        key=key,
        required=True,
        on_change=_to_url,
        args=(param, key),
    )
    assert picked is not None  # required=True: Streamlit always returns one of the values
    keep_in_url({param: picked}, {param: default})
    return picked


FLAG_VALUES = {True: "show", False: "hide"}


def flag(label: str, param: str, default: bool = False) -> bool:
    """An on/off switch (a toggle) kept in ?param=show or ?param=hide.

    A toggle, not a two-option segmented control: the first segmented control of a session cost its page
    switch about 150 ms of drawing (bench/README.md), and on/off is what a toggle says.
    """
    key = f"flag-{param}"
    requested = from_url(param, FLAG_VALUES.values(), f"'{'Show' if default else 'Hide'}' instead")
    if resumed.browser_value_pending(key):
        pass  # as in choice()
    elif requested is not None or not isinstance(st.session_state.get(key), bool):
        st.session_state[key] = requested == "show" if requested is not None else default
    shown = st.toggle(label, key=key, on_change=_to_url, args=(param, key, FLAG_VALUES.get))
    keep_in_url({param: FLAG_VALUES[shown]}, {param: FLAG_VALUES[default]})
    return shown


def not_recognised(param: str, shown_instead: str) -> None:
    st.info(untrusted.notice(param, shown_instead), icon=":material/info:")


def known_values(param: str, allowed, shown_instead: str) -> None:
    """For a widget bound to ?param= (several values): Streamlit drops the lot when one is unknown; say so."""
    requested = st.query_params.get_all(param)
    if any(value not in allowed for value in requested):
        not_recognised(param, shown_instead)
