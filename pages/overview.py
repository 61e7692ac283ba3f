"""Overview: the headline figures of the 2019 stocktake, a summary in words, and the way in to each view."""
import streamlit as st

from psw_dash import content, frame, layout, views

layout.start_page("NHS mental health peer support workers, 2019")
st.markdown(content.fill(content.prose("overview")))

frame.metrics({
    "headcount.total": "Peer support workers, 30 Sep 2019",
    "headcount.nhs_employed_pct": "Employed by the NHS",
    "headcount.external_pct": "Employed by external organisations",
    "participation.employing": "Trusts employing PSWs (of {participation.organisations})",
    "growth.multiple_2015_16_to_2019": "Growth since 2015/16",
    "target.gap_2019": "Short of the {target.ltp_psws_planned} target",
})

st.header("In brief", anchor=False)
st.markdown(content.headline("overview_summary").replace("\n", " "))

frame.show_framed(views.growth())

st.header("Explore each part of the stocktake", anchor=False)
for column, page in zip(st.columns(3) * 4, layout.all_pages()[1:]):
    with column:
        st.page_link(page.file, label=page.title, icon=page.icon)
