"""Employment and management: how PSWs are employed, paid, graded, supervised and line-managed."""
import streamlit as st

from psw_dash import content, frame, layout, state

layout.start_page("Employment and management")
st.markdown(content.fill(content.prose("employment")))

view = state.choice("Show", {
    "arrangements": "Employment", "paid": "Paid and unpaid", "roles": "Roles", "bands": "Pay bands",
    "supervision": "Supervision", "line_management": "Line management"}, "view")
if view == "arrangements":
    frame.chart("employment")
    frame.metrics({"transfers.transferred_pct": "Trusts whose PSWs had transferred in from another organisation",
                   "transfers.via_tupe_pct": "Of those, transferred solely under TUPE"})
elif view == "paid":
    frame.chart("paid_unpaid")
elif view == "roles":
    frame.chart("paid_roles")
    frame.chart("unpaid_roles")
elif view == "bands":
    frame.chart("pay_bands")
elif view == "supervision":
    frame.chart("supervision")
else:
    frame.chart("line_management")
