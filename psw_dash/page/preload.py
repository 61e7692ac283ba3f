"""The widget code a session will need, fetched while the reader reads the first page.

Streamlit's browser code loads each kind of widget the first time a page draws one, so the first
visit to a page with a new kind (the planner's number and date inputs, the catalogue's search box
and topic list, a segmented control) waited for that code to arrive and compile: 130 to 630 ms on
the benchmark's first switches (bench/README.md). On a session's first run this sends one small
script that imports those files once the browser is idle; Streamlit's own import of the same file
then finds it loaded. The same script loads the faces of the app's text font that the page has not
used yet (Source Sans italic, at first): Plotly draws a chart again when a font starts loading while it
draws, so the first page with italic text (the planner) drew its chart a third time, about 50 ms. The
script is the same text every time, so the hosted copy's Content-Security-Policy allows it by hash
(psw_dash/hosting/nginx.py). The same first run draws a toggle and a segmented control out of sight, and
the second run the catalogue's search box and topic list (warm_up), so React has drawn each kind once
before a page shows it. The same script carries chart_tree's, which keeps each chart's Plotly layers out of
the accessibility tree and names its image.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import cache
from pathlib import Path

import streamlit
import streamlit as st

from psw_dash.page import chart_tree

# The kinds of widget the pages draw by default (file name stems of Streamlit's code-split files).
KINDS = ("ButtonGroup", "Checkbox", "NumberInput", "DateInput", "TextInput", "Multiselect")
CODE_DIR = Path(streamlit.__file__).parent / "static" / "static" / "js"
# Streamlit's text font. Plotly 3 notes the fonts not yet loaded when it starts a drawing, and draws the
# chart again once any of them finishes loading (its _doPlot); a face first used by other text on the
# same page (italic, say) is loaded during that drawing. Loaded ahead, none is left to wait for.
FONT_FAMILY = "Source Sans"
_RUN = "psw-preload-run"  # which of the session's runs this is, counted up to len(WARM_UPS)


@cache
def files() -> tuple[str, ...]:
    """This Streamlit's file of each kind ('NumberInput.fUK7ifRa.js'); a kind it does not split out is skipped."""
    return tuple(sorted(path.name for kind in KINDS for path in CODE_DIR.glob(f"{kind}.*.js")))


@cache
def script() -> str:
    """The script's text: the files sit beside Streamlit's own index.*.js, wherever the app is served."""
    return (
        "(() => { const index = document.querySelector('script[src*=\"/static/js/index.\"]'); if (!index) return;"
        " const base = index.src.slice(0, index.src.lastIndexOf('/') + 1);"
        f" const load = () => {{ {json.dumps(list(files()))}.forEach((name) => import(base + name).catch(() => {{}}));"
        f" document.fonts?.forEach((face) => face.family === {json.dumps(FONT_FAMILY)} && face.status === 'unloaded'"
        " && face.load().catch(() => {})); };"
        " if ('requestIdleCallback' in window) requestIdleCallback(load, {timeout: 3000});"
        " else setTimeout(load, 1000); })();" + chart_tree.SCRIPT
    )


def csp_hash() -> str:
    """The script's Content-Security-Policy source ('sha256-...')."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(script().encode()).digest()).decode()}'"


def offer() -> None:
    """Send the script on the session's first run (once imported, the code stays for the session); warm up
    the kinds of widget on the first two runs (warm_up), where this Streamlit splits their code out."""
    run = st.session_state.get(_RUN, 0) + 1
    if run > len(WARM_UPS):
        return
    st.session_state[_RUN] = run
    if run == 1:  # sent even with no files to fetch: it also carries chart_tree's script
        st.html(f"<script>{script()}</script>", unsafe_allow_javascript=True)
    if files():
        warm_up(WARM_UPS[run - 1])


WARM_UP_KEY = "psw-warm-up"


def _toggle() -> None:
    st.toggle("Warm-up toggle", key="psw-warm-toggle", label_visibility="collapsed")


def _segmented_control() -> None:
    st.segmented_control("Warm-up choice", ["a", "b"], key="psw-warm-choice", label_visibility="collapsed")


def _text_input() -> None:
    st.text_input("Warm-up text", key="psw-warm-text", label_visibility="collapsed")


def _multiselect() -> None:
    st.multiselect("Warm-up list", ["a", "b"], key="psw-warm-list", label_visibility="collapsed")


# What each of a session's first runs draws out of sight (warm_up). The first run: the two kinds most pages
# show by default, a toggle and a segmented control. The second: the catalogue's search box and topic list
# (Data and sources), whose code the first run's script is then fetching or has fetched. Drawn on the first
# run they cost that page their code's download (about 200 ms of its cold load, measured); on the second,
# about 20 ms of the second page's switch, and the catalogue's first visit is 80 ms quicker (bench/README.md).
# The planner's inputs sit behind "Change the scenario" and are drawn when it is opened: not warmed up.
WARM_UPS = ((_toggle, _segmented_control), (_text_input, _multiselect))


def warm_up(widgets) -> None:
    """Draw `widgets` hidden (layout.STYLE hides the container: display: none), so React has drawn each kind once.

    Streamlit's browser code wraps each kind of widget in a lazy React component, and the first time a
    session draws a kind, React suspends it and shows it only after its own delay, even with the code
    already loaded: the Growth page's toggle appeared 250 to 290 ms after the click while the rest of the
    page was drawn at about 50 ms, and the catalogue's search box and topic list 50 to 80 ms after the rest of
    Data and sources (bench/README.md). Drawn once here, out of sight and out of the accessibility tree,
    each kind then appears at once on the page that uses it. A hidden widget still waiting for its code shows
    a skeleton no reader sees; serve.wait_until_drawn counts only skeletons on screen.
    """
    # In the sidebar, so the main area holds only what the page shows (and what tests of it find).
    with st.sidebar, st.container(key=WARM_UP_KEY):
        for widget in widgets:
            widget()
