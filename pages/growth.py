"""Growth and target: headcount 2015/16 to 2019 against the Long Term Plan's 4,730, with the series break."""
import streamlit as st

from psw_dash import charts, content, data, frame, layout, state

layout.start_page("Growth and target")
st.markdown(content.fill(content.prose("growth")))

later = state.flag("The 2023 workforce plan's later ambition (2036/37)", "later")
series, targets = data.headcount_series(), data.targets()
shown_targets = targets if later else targets[targets["target_id"] == "ltp_2019"]
frame.show(charts.growth_chart(series, targets, show_later_plan=later),
           table=series, key="growth", extra_source=content.headline("growth_metrics"))

st.header("What the growth means (derived)", anchor=False)
# Growth on the closest like-for-like basis first (NHS-employed), then on all PSWs, which crosses the break.
frame.metrics({
    "growth.multiple_2015_16_to_2019_nhs_employed": "Growth multiple, NHS-employed PSWs (closest like for like)",
    "growth.cagr_2015_16_to_2019_nhs_employed": "Compound growth a year, NHS-employed PSWs",
    "growth.multiple_2015_16_to_2019": "Growth multiple, all PSWs (across the series break)",
    "growth.cagr_2015_16_to_2019": "Compound growth a year, all PSWs (across the series break)",
    "target.share_reached_2019": "Share of the {target.ltp_psws_planned} reached",
    "target.gap_2019": "PSWs still needed",
    "target.required_annual_growth": "Growth needed a year (modelled)",
})
with st.expander("The targets and where they come from"):
    st.table(frame.targets_table(shown_targets), hide_index=True)
