"""Growth and target: headcount 2015/16 to 2019 against the Long Term Plan's 4,730, with the series break."""
import streamlit as st

from psw_dash import charts, content, data, derive, frame, layout, planner, planner_view, settings, state, upload
from psw_dash.planner_chart import with_user_counts

layout.start_page("Growth and target")
st.markdown(content.fill(content.prose("growth")))

later = state.flag("The 2023 workforce plan's later ambition (2036/37)", "later")
series, targets = data.headcount_series(), data.targets()
shown_targets = targets if later else targets[targets["target_id"] == "ltp_2019"]
chart = charts.growth_chart(series, targets, show_later_plan=later)
# Counts a user loaded on the planner page (local mode only), drawn and read against the default path.
own = st.session_state.get(upload.NATIONAL_COUNTS) if settings.uploads_allowed() else None
if own is not None:
    chart = with_user_counts(chart, own)
frame.show(chart, table=series, key="growth", extra_source=content.headline("growth_metrics"))
if own is not None:
    ltp = targets.set_index("target_id").loc["ltp_2019"]
    path = planner.Scenario(data.value("headcount.total"), derive.CENSUS_DATE, ltp["value"],
                            derive.TARGET_DATE, leaver_rate=0, trainees_per_post=1)
    st.markdown(planner_view.ahead_behind(planner.compare_counts(path, own))
                + f" The path is the planner's default: steady compound growth to {ltp['value']:,.0f} by 31 March 2024 "
                "(modelled); change it on the Plan to the target page.")

st.header("What the growth means (derived)", anchor=False)
frame.metrics({
    "growth.multiple_2015_16_to_2019": "Growth multiple, 2015/16 to 2019",
    "growth.cagr_2015_16_to_2019": "Compound growth a year",
    "target.share_reached_2019": "Share of the {target.ltp_psws_planned} reached",
    "target.gap_2019": "PSWs still needed",
    "target.required_annual_growth": "Growth needed a year (modelled)",
})
with st.expander("The targets and where they come from"):
    st.table(frame.targets_table(shown_targets), hide_index=True)
