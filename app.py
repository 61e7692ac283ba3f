"""PSW workforce dashboard: entry point. Lists every page explicitly; each page only composes."""

import streamlit as st

from psw_dash.export import panel
from psw_dash.page import failure, layout, preload, resumed

st.set_page_config(
    page_title="NHS mental health peer support workers, 2019", page_icon=layout.FAVICON_URL, layout="wide"
)

resumed.announce()
navigation = layout.navigation()
layout.header()
failure.run_guarded(navigation)
shown = layout.spec_of(navigation)
panel.offer(shown)
layout.share_row(shown)
layout.footer()
layout.follow_focus()
preload.offer()
