"""Growth and target: headcount 2015/16 to 2019 against the Long Term Plan's 4,730, with the series break."""
import streamlit as st

from psw_dash import content, data, frame, layout, state, views

layout.start_page("Growth and target")
st.markdown(content.fill(content.prose("growth")))

later = state.flag("The 2023 workforce plan's later ambition (2036/37)", "later")
targets = data.targets()
shown_targets = targets if later else targets[targets["target_id"] == "ltp_2019"]
frame.show_framed(views.growth(show_later_plan=later))

st.header("What the growth means (derived)", anchor=False)
frame.metrics(views.TILES["growth"])
with st.expander("The targets and where they come from"):
    st.table(frame.targets_table(shown_targets), hide_index=True)
