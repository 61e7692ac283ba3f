"""Employment and management: how PSWs are employed, paid, graded, supervised and line-managed."""
import streamlit as st

from psw_dash import content, frame, layout, state

layout.start_page("Employment and management")
st.markdown(content.fill(content.prose("employment")))

view = state.choice("Show", {
    "arrangements": "Employment", "paid": "Paid and unpaid", "roles": "Roles", "bands": "Pay bands",
    "supervision": "Supervision", "line_management": "Line management"}, "view")
if view == "arrangements":
    frame.breakdown("employment", "employment.*")
    frame.metrics({"transfers.transferred_pct": "Trusts whose PSWs had transferred in from another organisation",
                   "transfers.via_tupe_pct": "Of those, transferred solely under TUPE"})
elif view == "paid":
    frame.breakdown("paid_unpaid", "paid_unpaid.paid_pct", "paid_unpaid.unpaid_pct")
    frame.metrics({"paid_unpaid.unpaid_wte_quantified":
                   "Trusts directly employing unpaid PSWs that could quantify their WTE contribution"})
elif view == "roles":
    frame.breakdown("paid_roles", "paid_roles.psw", "paid_roles.trainee", "paid_roles.coordinator_manager",
                    "paid_roles.other", table_extra=("paid_roles.psw_count",))
    frame.breakdown("unpaid_roles", "unpaid_roles.psw", "unpaid_roles.trainee", "unpaid_roles.other",
                    table_extra=("unpaid_roles.headcount",))
elif view == "bands":
    frame.breakdown("pay_bands", "pay_bands.band_*", table_extra=("pay_bands.support_worker_comparable",
                                                                  "pay_bands.other_bands_count"))
elif view == "supervision":
    frame.breakdown("supervision", "supervision.mix_of_roles", "supervision.team_managers", "supervision.senior_psws",
                    table_extra=("supervision.solely_nurses_ots_sws",))
else:
    frame.breakdown("line_management", "line_management.team_managers", "line_management.senior_psws",
                    "line_management.mix_of_roles")
