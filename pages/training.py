"""Training: how trusts train peer support workers, and who leads it."""
import streamlit as st

from psw_dash import content, frame, layout, state, views

layout.start_page("Training")
st.markdown(content.fill(content.prose("training")))

view = state.choice("Show", {"routes": "Training routes", "mix": "In-house mix"}, "view")
if view == "routes":
    frame.chart("training")
    frame.metrics(views.TILES["training"])
else:
    frame.chart("training_mix")
