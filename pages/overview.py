"""Overview: the headline figures of the 2019 stocktake, a summary in words, and the way in to each view."""
import streamlit as st

from psw_dash import content, frame, layout, views

layout.start_page("NHS mental health peer support workers, 2019")
st.markdown(content.fill(content.prose("overview")))

frame.metrics(views.TILES["overview"])

st.header("In brief", anchor=False)
st.markdown(content.headline("overview_summary").replace("\n", " "))

frame.show_framed(views.growth())

st.header("Explore each part of the stocktake", anchor=False)
for column, page in zip(st.columns(3) * 4, layout.all_pages()[1:]):
    with column:
        st.page_link(page.file, label=page.title, icon=page.icon)
