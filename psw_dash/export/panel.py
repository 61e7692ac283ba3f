"""The briefing pack offer at the foot of the Overview and of every view with charts, in a closed expander.

A pack already made for this data version downloads in one click. Otherwise one click makes it,
with its progress shown, and the download button takes its place; every later request, from any
session, is served from the store (pack.build), so a hosted copy builds each pack once.
"""
from __future__ import annotations

import streamlit as st

from psw_dash.export import open_data_offer, pack
from psw_dash.page import layout
from psw_dash.planner import defaults as planner_defaults
from psw_dash.views import views

OVERVIEW = next(page for page in layout.all_pages() if page.default)


def offer(page: layout.PageSpec) -> None:
    """The pack of this view and of every view (the Overview offers every view only)."""
    if page.file not in views.PAGE_CHARTS and page != OVERVIEW:
        return
    scopes = [(pack.WHOLE, "all views")]
    if page.file in views.PAGE_CHARTS:
        scopes.insert(0, (page.file, f"this view ({page.title})"))
    # Its contents are sent only once it is opened (a rerun), so the offer costs each page switch one element.
    box = st.expander("Briefing pack (PDF)", icon=":material/picture_as_pdf:",
                      key="briefing-pack", on_change="rerun")
    if not box.open:
        return
    with box:
        st.markdown("Every chart of the view with its headline, base, numbers as a table, summary in words, "
                    "source and caveats; a cover with the sources and licences, and an annex with the definitions, "
                    "the series break and where the report disagrees with itself. An accessible (tagged) PDF, "
                    "for a board paper or briefing.")
        for scope, label in scopes:
            _one(scope, label)
        st.markdown("The numbers of every view, each cited, as tables to work with:")
        open_data_offer.button(open_data_offer.SPREADSHEET, "pack")


def _one(scope: str, label: str) -> None:
    key = pack.file_name(scope).removesuffix(".pdf")
    # The planner's scenario as this reader last saw it (pages/planner.py); else the pack prints the default.
    planned = st.session_state.get(planner_defaults.ON_SCREEN)
    ready = pack.cached(scope, planned)
    if ready is None and st.button(f"Make the briefing pack of {label} (PDF)", key=f"make-{key}",
                                   icon=":material/picture_as_pdf:"):
        bar = st.progress(0.0, text="Starting")
        ready = pack.build(scope, progress=lambda fraction, text: bar.progress(fraction, text=text), planned=planned)
        bar.empty()
    if ready is not None:
        st.download_button(f"Download the briefing pack of {label} (PDF, {len(ready) / 1e6:.1f} MB)", data=ready,
                           file_name=pack.file_name(scope), mime="application/pdf", on_click="ignore",
                           key=f"download-{key}", icon=":material/download:")
