"""Workforce profile: which trusts employ PSWs, how many per trust and per 100,000, and in which settings."""
import streamlit as st

from psw_dash import content, frame, layout, state

layout.start_page("Workforce profile")
st.markdown(content.fill(content.prose("workforce_profile")))

view = state.choice("Show", {"trusts": "Trusts employing PSWs", "per_trust": "PSWs per trust",
                             "per_100k": "Per 100,000 population", "settings": "Care settings"}, "view")
if view == "trusts":
    frame.breakdown("participation", "participation.employing_pct", "participation.not_employing_pct",
                    table_extra=("participation.organisations", "participation.coverage_pct",
                                 "participation.employing", "participation.not_employing"))
elif view == "per_trust":
    frame.breakdown("per_trust", "per_trust.min", "per_trust.median", "per_trust.mean", "per_trust.max",
                    table_extra=("per_trust.orgs_above_40",))
    frame.metrics({"per_trust.orgs_above_40": "Trusts employing more than 40 NHS PSWs"})
elif view == "per_100k":
    # Only the report's own measure (NHS-employed per registered population) here: the dashboard's England
    # rate counts all PSWs per resident population, a different measure, shown on Regions with that label.
    frame.breakdown("per_100k", "per_100k.min", "per_100k.median", "per_100k.mean", "per_100k.max")
else:
    frame.breakdown("settings", "settings.*")
