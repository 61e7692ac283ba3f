"""The briefing pack and slides offer at the foot of the Overview and of every view with charts, in a closed expander.

A pack (or deck) already made for this data version downloads in one click. Otherwise one click makes it,
with its progress shown, and the download button takes its place (on_request.py); every later request, from
any session, is served from the store (pack.build, slides.build), so a hosted copy builds each one once.
"""
from __future__ import annotations

import streamlit as st

from psw_dash.export import on_request, open_data_offer, pack, slides_offer
from psw_dash.page import layout

PACK = on_request.Document("briefing pack", "PDF", "application/pdf", ":material/picture_as_pdf:", pack.file_name,
                          pack.cached, pack.build)


def offer(page: layout.PageSpec) -> None:
    """The pack and the slides of this view and of every view (the Overview offers every view only)."""
    scopes = on_request.scopes(page)
    if not scopes:
        return
    # Its contents are sent only once it is opened (a rerun), so the offer costs each page switch one element.
    box = st.expander("Briefing pack (PDF) and slides (PPTX)", icon=":material/picture_as_pdf:",
                      key="briefing-pack", on_change="rerun")
    if not box.open:
        return
    with box:
        st.markdown("Every chart of the view with its headline, base, numbers as a table, summary in words, "
                    "source and caveats; a cover with the sources and licences, and an annex with the definitions, "
                    "the series break and where the report disagrees with itself. An accessible (tagged) PDF, "
                    "for a board paper or briefing.")
        for scope, label in scopes:
            on_request.offer(PACK, scope, label)
        slides_offer.offer(page)
        st.markdown("The numbers of every view, each cited, as tables to work with:")
        open_data_offer.button(open_data_offer.SPREADSHEET, "pack")
