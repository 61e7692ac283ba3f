"""Growth and target: headcount 2015/16 to 2019 against the Long Term Plan's 4,730, with the series break."""

from dataclasses import replace

import streamlit as st

from psw_dash import settings
from psw_dash.own_files import upload
from psw_dash.page import layout, state, tables
from psw_dash.planner import view as planner_view
from psw_dash.planner.chart import with_user_counts
from psw_dash.reading import data
from psw_dash.views import frame, views

layout.start_page("Growth and target")
# The answers first, each with a short credit (its full citation under Method); the words and the chart after.
frame.metrics(views.TILES["growth"], chart_after="growth")
layout.prose("growth")

later = state.flag("The 2023 workforce plan's later ambition (2036/37)", "later")
targets = data.targets()
shown_targets = targets if later else targets[targets["target_id"] == "ltp_2019"]
growth = views.growth(show_later_plan=later)
# Counts a user loaded on the planner page (local mode only), drawn and read against the default path.
own = st.session_state.get(upload.NATIONAL_COUNTS) if settings.uploads_allowed() else None
if own is not None:
    growth = replace(growth, chart=with_user_counts(growth.chart, own))
frame.show_framed(growth)
if own is not None:
    ltp = targets.set_index("target_id").loc["ltp_2019"]
    st.markdown(planner_view.against_default_path(own, data.value("headcount.total"), ltp["value"]))

layout.heading("The target, and what it counts")
layout.prose("target_reading")  # what 4,730 counts: the sources differ, and which reading the tiles use
st.html(tables.disclosed("The targets and where they come from", tables.table_html(frame.targets_table(shown_targets))))
