"""Wellbeing and retention: sickness, vacancies and leavers against NHS and mental health comparators."""
import streamlit as st

from psw_dash import content, frame, layout, state

layout.start_page("Wellbeing and retention")
st.markdown(content.fill(content.prose("wellbeing")))

view = state.choice("Show", {"sickness": "Sickness absence", "vacancies": "Vacancies", "turnover": "Leavers"}, "view")
if view == "sickness":
    frame.breakdown("sickness", "sickness.rate", "sickness.adult_mh_rate", "sickness.nhs_overall_rate",
                    labels=["Peer support workers", "Adult mental health services (UK)", "NHS overall"],
                    table_extra=("sickness.wte_off_sick",))
elif view == "vacancies":
    frame.breakdown("vacancies", "vacancies.rate", "vacancies.nhs_overall_rate",
                    labels=["Peer support workers", "NHS overall"], table_extra=("vacancies.wte",))
else:
    frame.breakdown("turnover", "turnover.mh_community_rate", "turnover.mh_inpatient_rate",
                    table_extra=("turnover.leavers_wte",))
