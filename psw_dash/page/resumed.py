"""A page taken over by a new session: its replica was lost or stopped, and the browser reconnected to another.

Streamlit's frontend reconnects by itself and keeps the page on screen, but it does not rerun the page
on the new server: the reader's next click arrives as the new session's first run, carrying the values of
every widget on screen, which this session has never drawn. Left alone, the URL-seeding of state.py (a link
decides on a session's first run) would overwrite that click with the URL's older value, and the click
would be lost without a word. So a widget whose value the browser sent keeps it (the click is applied and
written to the URL), and the reader is told once that the page moved to another server.
"""

from __future__ import annotations

import streamlit as st

_SEEN = "psw-session-has-run"
# Short enough for a toast to show whole (a longer one hides behind "view more").
NOTICE = "Reconnected to another server; your choices and your last change were kept."


def _incoming_widget_ids() -> list[str]:
    """Ids of the widgets whose values the browser sent with this run. Streamlit ends the id of a widget
    with a key with "-<key>" (streamlit/elements/lib/utils.py: "so ... a key maps to it")."""
    from streamlit.runtime.state import get_session_state

    return list(get_session_state()._state._new_widget_state.states)


def browser_value_pending(key: str) -> bool:
    """True when the browser sent a value for the widget with this key that this session has never drawn:
    the widget must take the browser's value, not the URL's or the default."""
    return key not in st.session_state and any(wid.endswith(f"-{key}") for wid in _incoming_widget_ids())


def announce() -> None:
    """Once per session, at its first run: tell the reader when their page came from another session."""
    if st.session_state.get(_SEEN):
        return
    st.session_state[_SEEN] = True
    if _incoming_widget_ids():  # a freshly opened page sends no widget values; a taken-over one does
        # Until the reader closes it: a notice that vanished after 4 s would be missed by some (WCAG 2.2.1).
        st.toast(NOTICE, icon=":material/sync:", duration="infinite")
