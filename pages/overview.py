"""Overview: the headline figures of the 2019 stocktake, a summary in words, and the way in to each view."""

import streamlit as st

from psw_dash.page import content, glossary, layout, tables
from psw_dash.views import frame, views

layout.start_page("NHS mental health peer support workers, 2019")
layout.downloads_link()  # on the first screen
layout.prose("overview")

frame.metrics(views.TILES["overview"])  # the answers first; how the figures are sourced comes after them
# The target's date has passed: say that these sources stop at 2019, and where the later evidence is.
layout.prose("overview_now")
with st.container(horizontal=True, key="overview-now"):
    st.page_link(
        "pages/planner.py", label="Later evidence: Plan to the target", icon=":material/flag:", width="content"
    )
    st.page_link("pages/data_sources.py", label="Data and sources", icon=":material/table_view:", width="content")
# The gap tile reads 4,730 as a total in post; the sources differ, so the other reading is one click away.
st.html(
    glossary.explain(
        tables.disclosed(
            content.fill("What the {target.ltp_psws_planned|number} target counts: the sources differ"),
            content.as_html(content.fill(content.prose("target_reading"))),
        )
    )
)

layout.heading("In brief")
layout.markdown(content.headline("overview_summary").replace("\n", " "))

frame.show_framed(views.growth())
layout.prose("overview_sources")

layout.heading("Explore each part of the stocktake")
# One wrapping row of links, not a grid of columns: each column is one more element to draw on every visit.
with st.container(horizontal=True, key="explore-links"):
    for page in layout.all_pages()[1:]:
        st.page_link(page.file, label=page.title, icon=page.icon, width="content")
