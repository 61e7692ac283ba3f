"""The planner's cited defaults and a scenario as a reader set it: what each input is and where it comes from.

Read by the planner page (its inputs' explanations, its source line) and by the briefing pack (the planner's
assumptions table, from the scenario on screen or the default), so both say the same thing. A value the reader
typed is said to be theirs and is never credited to a document.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from psw_dash.planner import model as planner
from psw_dash.planner import view as planner_view
from psw_dash.reading import data
from psw_dash.vocabulary import formatting, milestones, sources

DEFAULT_TARGET = "ltp_2019"
LATER_TARGET = "ltwp_2036_37"
OWN = "own"
DEFAULT_LEAVERS = "community"
LEAVER_RATES = {"community": "turnover.mh_community_rate", "inpatient": "turnover.mh_inpatient_rate"}
START, TRAINEES = "headcount.total", "planning.trainees_per_fte_post"
ON_SCREEN = "planner-on-screen"  # session key of the Planned scenario the planner page last showed (the pack's)


def cited(figure_id: str) -> str:
    row = data.figure(figure_id)
    return sources.citation(row["source_doc"], row["source_section"], row["source_page"])


def start_help() -> str:
    return (
        f"The 2019 stocktake counted {data.value(START):,.0f} PSWs on 30 September 2019 ({cited(START)}), all "
        "PSWs: NHS-employed and external, paid and unpaid."
    )


def target_help() -> str:
    targets = data.targets().set_index("target_id")
    ltp, later = targets.loc[DEFAULT_TARGET], targets.loc[LATER_TARGET]
    return (
        f"{ltp['value']:,.0f}: 'PSWs planned over the next five years' in the NHS Long Term Plan, says the report "
        f"({cited(ltp['figure_id'])}); the research briefing gives the NHS Long Term Workforce Plan (2023)'s aim as "
        f"'{ltp['value']:,.0f} staff in post by the end of 2023/24', the date used here "
        f"({cited(milestones.TARGET_DATED)}); read here as a total in post, though a training provider reads it as "
        f"additional workers "
        f"({cited(milestones.TARGET_ADDITIONAL)}). Over {later['value']:,.0f} by 2036/37: the same 2023 plan "
        f"({cited(later['figure_id'])}); modelled here as exactly {later['value']:,.0f}, due 31 March 2037."
    )


def leavers_help() -> str:
    community, inpatient = data.value(LEAVER_RATES["community"]), data.value(LEAVER_RATES["inpatient"])
    return (
        f"Staff turnover across UK mental health services in 2018/19: {community:g}% in community teams and "
        f"{inpatient:g}% in inpatient teams ({cited(LEAVER_RATES['community'])}). The report gives no PSW "
        f"turnover rate: it counted {data.value('turnover.leavers_wte'):g} WTE PSW leavers in the year but printed "
        "no base to divide them by, so no rate is made from them here."
    )


def trainees_help() -> str:
    ratio = data.figure(TRAINEES)  # 'up to 3': the provider's 'up to 18' per 6 FTE posts
    return (
        f"People trained per FTE post, from a training provider's rough guide for a first group of PSWs: train up "
        f"to {data.value('planning.trainees_trained'):,.0f} PSWs to fill "
        f"{data.value('planning.fte_posts_filled'):,.0f} FTE posts, so {formatting.bound(ratio['bound'])}"
        f"{formatting.number(ratio['value'])} per FTE post (derived; {cited('planning.trainees_trained')}), because "
        "some PSWs do not feel ready for full-time posts at first. Trainees here are people: every recruit is "
        "trained at least once; this ratio says how few full-time posts those people may fill."
    )


@dataclass(frozen=True)
class Planned:
    """A scenario as the page shows it: the model's inputs, which target and leaver rate were chosen, and which
    numbers are the reader's own."""

    scenario: planner.Scenario
    target_id: str = DEFAULT_TARGET  # DEFAULT_TARGET, LATER_TARGET or OWN
    leavers: str = DEFAULT_LEAVERS  # a key of LEAVER_RATES, or OWN
    own_start: bool = False
    own_trainees: bool = False

    @property
    def show_later_plan(self) -> bool:
        return self.target_id == LATER_TARGET

    @property
    def target_label(self) -> str:
        if self.target_id == OWN:
            return f"Your target: {self.scenario.target_count:,.0f}"
        chosen = data.targets().set_index("target_id").loc[self.target_id]
        return f"{planner_view.target_text(self.scenario)} by {chosen['by_period']}"

    def modelled_from(self) -> str:
        """The source line's account of the inputs: a reader's own number credits no document."""
        target = (
            None
            if self.target_id == OWN
            else cited(data.targets().set_index("target_id").loc[self.target_id, "figure_id"])
        )
        return planner_view.modelled_from(
            None if self.own_start else cited(START),
            target,
            None if self.leavers == OWN else cited(LEAVER_RATES[self.leavers]),
            None if self.own_trainees else cited("planning.trainees_trained"),
        )

    def path_citation(self) -> dict:
        """The yearly plan's citation columns: the census row the path starts from, or, from a reader's own start,
        no document (the report's p.6 did not print their count)."""
        if self.own_start:
            return {"source_doc": "user-supplied", "source_section": "your own starting count", "source_page": None}
        row = data.figure(START)  # the counted series the chart draws ends at the 2019 census
        return {
            "source_doc": row["source_doc"],
            "source_section": row["source_section"],
            "source_page": row["source_page"],
        }

    def assumptions(self) -> pd.DataFrame:
        """Every input, its value in this scenario, and where it comes from (or that it is the reader's own)."""
        s = self.scenario
        leaver_source = (
            "your own" if self.leavers == OWN else f"the report's {self.leavers} comparator: {leavers_help()}"
        )
        rows = [
            ("Starting headcount", formatting.number(s.start_count), "your own" if self.own_start else start_help()),
            (
                "Counted on",
                formatting.date_text(s.start_date),
                "your own" if self.own_start else "The census date of the 2019 stocktake.",
            ),
            ("Target", self.target_label, "your own" if self.target_id == OWN else target_help()),
            (
                "To be reached by",
                formatting.date_text(s.target_date),
                "your own" if self.target_id == OWN else "The end of the plan's year, 31 March.",
            ),
            ("Staff leaving each year", f"{s.leaver_rate * 100:g}%", leaver_source),
            (
                "Trainees per FTE post filled",
                f"up to {s.trainees_per_post:g}",
                "your own; it says how few full-time posts the recruits may fill"
                if self.own_trainees
                else trainees_help(),
            ),
            ("Shape of growth", planner.SHAPES[s.shape], "A modelling choice, not a figure from any source."),
        ]
        return pd.DataFrame(rows, columns=["Assumption", "In this scenario (modelled)", "Where it comes from"])


def default() -> Planned:
    """The scenario a first visit shows: every input the cited default."""
    targets = data.targets().set_index("target_id")
    ltp = targets.loc[DEFAULT_TARGET]
    return Planned(
        planner.Scenario(
            data.value(START),
            milestones.CENSUS_DATE,
            float(ltp["value"]),
            date.fromisoformat(ltp["by_date"]),
            data.value(LEAVER_RATES[DEFAULT_LEAVERS]) / 100,
            data.value(TRAINEES),
            planner.COMPOUND,
            target_bound="over" if ltp["qualifier"] else "",
        )
    )


# ---- a scenario as plain fields, for a document's address (export/documents.py) ------------------------------------

# What the planner's inputs accept: screen.py draws its inputs with these bounds, and from_fields holds an address
# to them, so an address can only ask for a scenario a reader could set.
START_RANGE, OWN_TARGET_RANGE = (1, 100_000), (1, 1_000_000)
FIRST_START_DATE = date(2015, 1, 1)  # the start date runs from here to today
TARGET_DATE_RANGE = (date(2016, 1, 1), date(2060, 12, 31))
LEAVER_PERCENT_RANGE, TRAINEES_RANGE = (0, 50), (1, 10)


def as_fields(planned: Planned) -> dict[str, Any]:
    """The scenario as JSON-ready fields: the inverse of from_fields."""
    s = planned.scenario
    return {
        "start": s.start_count,
        "from": s.start_date.isoformat(),
        "target": s.target_count,
        "by": s.target_date.isoformat(),
        "leave": s.leaver_rate,
        "tpp": s.trainees_per_post,
        "shape": s.shape,
        "bound": s.target_bound,
        "target_id": planned.target_id,
        "leavers": planned.leavers,
        "own": [planned.own_start, planned.own_trainees],
    }


def _within(value: Any, low: Any, high: Any, name: str) -> Any:
    if not low <= value <= high:
        raise ValueError(f"{name} {value!r} is outside {low} to {high}")
    return value


def from_fields(fields: dict[str, Any]) -> Planned:
    """A scenario from as_fields' fields; ValueError (naming the field) for one the planner's inputs could not set."""
    try:
        own_start, own_trainees = (bool(x) for x in fields["own"])
        lowest_rate, highest_rate = (percent / 100 for percent in LEAVER_PERCENT_RANGE)
        scenario = planner.Scenario(
            _within(float(fields["start"]), *START_RANGE, "start"),
            _within(date.fromisoformat(fields["from"]), FIRST_START_DATE, date.today(), "from"),
            _within(float(fields["target"]), *OWN_TARGET_RANGE, "target"),
            _within(date.fromisoformat(fields["by"]), *TARGET_DATE_RANGE, "by"),
            _within(float(fields["leave"]), lowest_rate, highest_rate, "leave"),
            _within(float(fields["tpp"]), *TRAINEES_RANGE, "tpp"),
            str(fields["shape"]),
            str(fields["bound"]),
        )
        target_id, leavers = str(fields["target_id"]), str(fields["leavers"])
    except (KeyError, TypeError) as missing:
        raise ValueError(f"not a scenario: {missing!r}") from missing
    if scenario.shape not in planner.SHAPES or scenario.target_bound not in ("", "over"):
        raise ValueError(f"shape {scenario.shape!r} or bound {scenario.target_bound!r} is not one the planner offers")
    if target_id not in (DEFAULT_TARGET, LATER_TARGET, OWN) or leavers not in (*LEAVER_RATES, OWN):
        raise ValueError(f"target {target_id!r} or leavers {leavers!r} is not one the planner offers")
    return Planned(scenario, target_id, leavers, own_start, own_trainees)
