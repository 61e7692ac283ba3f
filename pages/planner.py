"""Plan to the target: what growth, recruits and trainees reaching a headcount target implies (modelled)."""

from datetime import date

import streamlit as st

from psw_dash.own_files import upload
from psw_dash.page import content, layout
from psw_dash.planner import later_evidence_tables, model, screen, view
from psw_dash.reading import data
from psw_dash.views import frame, views


@st.cache_resource(show_spinner=False)
def later_evidence(version: str) -> str:
    """The later evidence beside the 2019 figures, as one HTML block built once per data version: it reads no
    input, and building it took about 16 ms of every rerun."""
    sections = [(title, rows, frame.source_line(rows)) for title, rows in later_evidence_tables.sections()]
    return content.as_html(content.fill(content.prose("planner_later_evidence"))) + view.evidence_html(sections)


layout.start_page("Plan to the target")
# The answer leads, above the scenario it answers: filled once the scenario below has been read.
answer = st.container(key="planner-answer")
layout.prose("planner")

today = date.today()
planned = screen.scenario(data.targets().set_index("target_id"), today)
scenario = planned.scenario
counts = upload.own_national_counts_panel()  # in hosted mode: a note, and no uploader

if scenario.years <= 0:
    answer.warning(
        "The target date is not after the starting date: choose a later target or an earlier start.",
        icon=":material/warning:",
    )
else:
    plan = model.yearly_plan(scenario)
    with answer:
        screen.sentence_and_tiles(scenario, model.totals(scenario, plan), today)
    # The Growth page's chart with the modelled path added, kept per scenario (views.planner_path); the same frame
    # the briefing pack prints (views.planner_framed).
    frame.show_framed(views.planner_framed(planned, plan, user_counts=counts))
    if counts is not None:
        st.markdown(view.ahead_behind(model.compare_counts(scenario, counts)))
    screen.another_growth_rate(scenario)

layout.heading("Since 2019: later evidence, side by side")
st.html(later_evidence(data.version()))

# A native <details>, as the chart frame's notes: opening it needs no rerun, and it costs the browser one light
# element on every visit where an expander and its Markdown label cost about 10 ms (bench/README.md).
st.html(view.ABOUT_HTML)
