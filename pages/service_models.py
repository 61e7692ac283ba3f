"""Service models: which mental health services use peer support workers."""
import streamlit as st

from psw_dash import content, frame, layout

layout.start_page("Service models")
st.markdown(content.fill(content.prose("service_models")))
frame.chart("service_models")
