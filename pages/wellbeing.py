"""Wellbeing and retention: sickness, vacancies and leavers against NHS and mental health comparators."""

from psw_dash.page import layout, state
from psw_dash.views import frame

layout.start_page("Wellbeing and retention")
layout.prose("wellbeing")

view = state.choice("Show", {"sickness": "Sickness absence", "vacancies": "Vacancies", "turnover": "Leavers"}, "view")
if view == "sickness":
    frame.chart("sickness")
elif view == "vacancies":
    frame.chart("vacancies")
else:
    frame.chart("turnover")
