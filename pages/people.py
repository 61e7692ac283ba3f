"""People: ethnicity, gender, age and disability of PSWs, each against the comparator the report gives."""
import streamlit as st

from psw_dash import content, frame, layout, state

layout.start_page("People")
st.markdown(content.fill(content.prose("people")))

view = state.choice("Show", {"ethnicity": "Ethnicity", "gender": "Gender", "age": "Age",
                             "disability": "Disability"}, "view")
if view == "ethnicity":
    frame.chart("ethnicity")
elif view == "gender":
    frame.chart("gender")
elif view == "age":
    frame.chart("age")
else:
    frame.chart("disability")
