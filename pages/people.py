"""People: ethnicity, gender, age and disability of PSWs, each against the comparator the report gives."""
import streamlit as st

from psw_dash import content, frame, layout, state

layout.start_page("People")
st.markdown(content.fill(content.prose("people")))

view = state.choice("Show", {"ethnicity": "Ethnicity", "gender": "Gender", "age": "Age",
                             "disability": "Disability"}, "view")
if view == "ethnicity":
    frame.comparison("ethnicity", "ethnicity.psw.*", "ethnicity.population.*",
                     names=["PSWs", "England and Wales population", "UK population"], table_extra=("ethnicity.n_reported",))
elif view == "gender":
    frame.comparison("gender", "gender.psw.female", "gender.psw.male", "gender.nhs_workforce.*",
                     names=["PSWs", "NHS workforce"],
                     table_extra=("gender.n_reported", "gender.psw.male_count", "gender.psw.non_binary_count"))
elif view == "age":
    frame.breakdown("age", "age.psw.*", table_extra=("age.n_reported",))
else:
    frame.comparison("disability", "disability.psw.*", "disability.mh_staff.*",
                     names=["PSWs", "Mental health staff"], table_extra=("disability.n_reported",))
