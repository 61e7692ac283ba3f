"""People: ethnicity, gender, age and disability of PSWs, each against the comparator the report gives."""

from psw_dash.page import layout, state
from psw_dash.views import frame

layout.start_page("People")
layout.prose("people")

view = state.choice(
    "Show", {"ethnicity": "Ethnicity", "gender": "Gender", "age": "Age", "disability": "Disability"}, "view"
)
if view == "ethnicity":
    frame.chart("ethnicity")
elif view == "gender":
    frame.chart("gender")
elif view == "age":
    frame.chart("age")
else:
    frame.chart("disability")
