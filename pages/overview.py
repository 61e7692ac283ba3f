"""Overview: the headline figures of the 2019 stocktake and growth against the 4,730 target."""
import streamlit as st

from psw_dash import charts, data, frame

st.title("NHS mental health peer support workers, 2019")
st.markdown(data.prose("overview"))

headlines = [
    ("Peer support workers, 30 Sep 2019", "headcount.total"),
    ("Employed by the NHS", "headcount.nhs_employed_pct"),
    ("Employed by external organisations", "headcount.external_pct"),
    ("Trusts employing PSWs (of 55)", "participation.employing"),
    ("Share of the 4,730 target reached", "target.share_reached_2019"),
    ("Growth since 2015/16", "growth.multiple_2015_16_to_2019"),
]
for column, (label, figure_id) in zip(st.columns(3) * 2, headlines):
    with column:
        frame.headline_metric(label, data.figure(figure_id), key=figure_id)

series, targets = data.headcount_series(), data.targets()
frame.show(charts.growth_chart(series, targets), table=series, key="growth")
