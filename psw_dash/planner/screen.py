"""The planner page's own parts: the scenario a reader sets, the sentence and tiles it leads to, and the question
of when another growth rate would reach the target. pages/planner.py composes them with the chart frame."""

from __future__ import annotations

import html
from datetime import date

import pandas as pd
import streamlit as st

from psw_dash.page import content, layout, tables
from psw_dash.planner import defaults, model, view
from psw_dash.planner.inputs import Inputs, NumberSpec
from psw_dash.reading import data
from psw_dash.vocabulary import milestones


def scenario(targets: pd.DataFrame, today: date) -> defaults.Planned:
    """The scenario in a box: its assumptions as a table, and the inputs to change them. Closed, each value is read
    from the link or is the cited default. Kept in the session for the briefing pack when it can be modelled."""
    ltp, later = targets.loc["ltp_2019"], targets.loc["ltwp_2036_37"]
    with st.container(border=True, key="planner-inputs"):
        layout.heading("Your scenario")
        summary = st.empty()  # the assumptions as a table, filled once every input has been read
        # The inputs are drawn when asked for; closed, each value is read from the link or is the cited default.
        change = st.expander("Change the scenario", icon=":material/tune:", key="planner-change", on_change="rerun")
        inputs = Inputs(drawn=bool(change.open))
        start_col, date_col = inputs.columns(change)
        start_count = inputs.number(
            NumberSpec(
                "start",
                "Starting headcount",
                data.value(defaults.START),
                *defaults.START_RANGE,
                1,
                defaults.start_help(),
            ),
            start_col,
        )
        start_date = inputs.date(
            "from",
            "Counted on",
            milestones.CENSUS_DATE,
            defaults.FIRST_START_DATE,
            today,
            "The census date of the 2019 stocktake. Any date from 2015 to today.",
            date_col,
        )

        target_options = {
            "ltp_2019": f"{ltp['value']:,.0f} by {ltp['by_period']}",
            "ltwp_2036_37": f"over {later['value']:,.0f} by {later['by_period']}",
            "own": "Your own",
        }
        target_id = inputs.choice(
            "target", "Target", target_options, defaults.DEFAULT_TARGET, defaults.target_help(), change
        )
        if target_id == "own":
            target_col, by_col = inputs.columns(change)
            target_count = inputs.number(
                NumberSpec(
                    "own", "Your target headcount", ltp["value"], *defaults.OWN_TARGET_RANGE, 1, "Your own target."
                ),
                target_col,
            )
            target_date = inputs.date(
                "by",
                "to be reached by",
                date.fromisoformat(ltp["by_date"]),
                *defaults.TARGET_DATE_RANGE,
                "Any date up to 2060, after the starting date.",
                by_col,
            )
            target_bound = ""
        else:
            chosen = targets.loc[target_id]
            target_count, target_date = float(chosen["value"]), date.fromisoformat(chosen["by_date"])
            target_bound = "over" if chosen["qualifier"] else ""  # 'over 6,500': kept in every word about it

        community, inpatient = data.value("turnover.mh_community_rate"), data.value("turnover.mh_inpatient_rate")
        leaver_choice = inputs.choice(
            "leavers",
            "Staff leaving each year",
            {"community": f"{community:g}% (community)", "inpatient": f"{inpatient:g}% (inpatient)", "own": "Your own"},
            defaults.DEFAULT_LEAVERS,
            defaults.leavers_help(),
            change,
        )
        rate_col, trainee_col = inputs.columns(change)
        rates = {"community": community, "inpatient": inpatient}
        leaver_percent = (
            inputs.number(
                NumberSpec(
                    "rate",
                    "Your leaver rate (% a year)",
                    community,
                    *defaults.LEAVER_PERCENT_RANGE,
                    0.5,
                    "Your own leaver rate, in % a year.",
                    whole=False,
                ),
                rate_col,
            )
            if leaver_choice == "own"
            else rates[leaver_choice]
        )
        if leaver_choice != "own" and inputs.drawn:
            rate_col.markdown(f"Leaver rate: **{leaver_percent:g}% a year** (the report's {leaver_choice} comparator).")
        default_trainees = data.value(defaults.TRAINEES)
        trainees_per_post = inputs.number(
            NumberSpec(
                "tpp",
                "Trainees per FTE post filled (up to)",
                default_trainees,
                *defaults.TRAINEES_RANGE,
                0.5,
                defaults.trainees_help(),
                whole=False,
                bound="up to",
            ),
            trainee_col,
        )
        shape = inputs.choice(
            "shape",
            "Shape of growth",
            model.SHAPES,
            model.COMPOUND,
            "Compound: the same percentage each year, so most growth comes late. Straight line: "
            "the same number each year.",
            change,
        )
        summary.html(inputs.summary_html("The assumptions of this scenario"))
    inputs.show_notices()

    modelled = model.Scenario(
        start_count, start_date, target_count, target_date, leaver_percent / 100, trainees_per_post, shape, target_bound
    )
    planned = defaults.Planned(
        modelled,
        target_id,
        leaver_choice,
        own_start=(start_count, start_date) != (data.value(defaults.START), milestones.CENSUS_DATE),
        own_trainees=trainees_per_post != default_trainees,
    )
    # The briefing pack's planner section prints this scenario (export/panel.py); one it cannot model, the default.
    if modelled.years > 0:
        st.session_state[defaults.ON_SCREEN] = planned
    else:
        st.session_state.pop(defaults.ON_SCREEN, None)
    return planned


def sentence_and_tiles(modelled: model.Scenario, totals: model.Totals, today: date) -> None:
    """The sentence and the tiles in one element: each element costs the browser time on every visit."""
    st.html(
        f'<p class="psw-sentence"><strong>{html.escape(view.sentence(modelled, totals, today))}'
        f"</strong></p>{view.tiles(modelled, totals)}"
        # What 4,730 counts: the sources differ; the path reads it as a total in post.
        + tables.disclosed(
            content.fill("What the {target.ltp_psws_planned|number} target counts: the sources differ"),
            content.as_html(content.fill(content.prose("target_reading"))),
        )
    )


def another_growth_rate(modelled: model.Scenario) -> None:
    """When would the target be reached at another growth rate? The rate's input opens on a click."""
    layout.heading("When would the target be reached?")
    sentence_slot = st.empty()
    other_rate = st.expander(
        "Try another growth rate", icon=":material/tune:", key="planner-try-rate", on_change="rerun"
    )
    rate_input = Inputs(drawn=bool(other_rate.open))
    growth_percent = rate_input.number(
        NumberSpec(
            "at",
            "Growth a year (%)",
            20,
            0,
            200,
            1,
            "Growth a year, in %; the starting value is an example, not a figure from any source. With the straight "
            "line, this is the share of the starting count added each year.",
            whole=False,
        ),
        other_rate,
    )
    rate_input.show_notices()
    sentence_slot.html(f"<p>{html.escape(view.reverse_sentence(modelled, growth_percent))}</p>")
