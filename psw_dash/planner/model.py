"""The target planner's model: what growth, recruits and trainees a headcount target implies.

Pure arithmetic on plain values (no Streamlit, no file reads), so every output can be worked by
hand. Everything here is modelled: it says what would have to be true, not what happened.

    required growth (compound)   g = (target / start) ^ (1 / years) - 1
    required growth (straight)   a = (target - start) / years   PSWs a year
    headcount at t years         start x (1 + g) ^ t,  or  start + a x t
    net new posts in a period    headcount at its end - headcount at its start
    leavers in a period          leaver rate x average headcount (mean of start and end) x its length in years
    recruits in a period         net new posts + leavers (never below 0)
    trainees in a period         recruits: people, like the recruits, the 862 and the 4,730; each trained at least once
    FTE posts they may fill      as few as recruits / PSWs trained per FTE post filled (a training provider's 'up to
                                 18 PSWs to fill 6 FTE posts', 'as a rough guide', because some PSWs do not feel ready
                                 for full-time posts at first): a lower bound on the full-time posts, not on the people
    when the target is reached   compound at g: log(target / start) / log(1 + g) years;
                                 straight at g: (target - start) / (start x g) years

A start at or above the target needs no growth: the path holds the starting count (it models no cuts down to
the target), so recruits are the leavers replaced, leaver rate x start a year (6,000 at 11%: about 660).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

import pandas as pd

COMPOUND = "compound"
STRAIGHT = "straight"
SHAPES = {COMPOUND: "Compound (same % each year)", STRAIGHT: "Straight line (same number each year)"}
DAYS_A_YEAR = 365.25


@dataclass(frozen=True)
class Scenario:
    start_count: float
    start_date: date
    target_count: float
    target_date: date
    leaver_rate: float  # a fraction a year: 0.11 for 11%
    # PSWs trained per FTE post filled, 'up to' (the provider's up to 18 for 6 FTE posts): people per full-time post,
    # so it says how few full-time posts the recruits may fill; it does not multiply the people trained.
    trainees_per_post: float
    shape: str = COMPOUND
    target_bound: str = ""  # 'over' where the plan printed 'over 6,500': modelled as exactly the number, said so

    @property
    def years(self) -> float:
        return years_between(self.start_date, self.target_date)

    @property
    def target_met(self) -> bool:
        return self.start_count >= self.target_count

    def with_(self, **changes: Any) -> Scenario:
        return replace(self, **changes)


def years_between(start: date, end: date) -> float:
    """Years between two dates to 2 decimal places: 30 Sep 2019 to 31 Mar 2024 is 4.5 (1,644 days)."""
    return round((end - start).days / DAYS_A_YEAR, 2)


def add_years(start: date, years: float) -> date:
    return start + timedelta(days=round(years * DAYS_A_YEAR))


def required_growth(scenario: Scenario) -> float:
    """Compound: the yearly growth as a fraction (0.46 for 46%). Straight: PSWs added a year.

    0 when the start is at or above the target: the workforce is held, not cut down to the target.
    """
    if scenario.years <= 0:
        raise ValueError("the target date must come after the start date")
    if scenario.target_met:
        return 0.0
    if scenario.shape == STRAIGHT:
        return (scenario.target_count - scenario.start_count) / scenario.years
    return (scenario.target_count / scenario.start_count) ** (1 / scenario.years) - 1


def headcount_at(scenario: Scenario, years: float) -> float:
    """The modelled headcount `years` after the start, on the required path."""
    growth = required_growth(scenario)
    if scenario.shape == STRAIGHT:
        return scenario.start_count + growth * years
    return scenario.start_count * (1 + growth) ** years


def headcount_on(scenario: Scenario, when: date) -> float:
    return headcount_at(scenario, years_between(scenario.start_date, when))


def _year_ends(start: date, end: date) -> list[date]:
    """Each 31 March after the start up to the target date, and the target date itself if it is not one."""
    ends = [date(year, 3, 31) for year in range(start.year, end.year + 1) if start < date(year, 3, 31) <= end]
    return ends if ends and ends[-1] == end else ends + [end]


def _financial_year(end: date) -> str:
    first = end.year - 1 if end.month <= 3 else end.year
    return f"{first}/{str(first + 1)[-2:]}"


def yearly_plan(scenario: Scenario) -> pd.DataFrame:
    """One row per financial year (the first and last may be part years) from start to target date.

    Columns: financial_year, from_date, to_date, years (the period's length), headcount_start,
    headcount_end, net_new_posts, leavers, recruits, trainees (the recruits, each trained at least once),
    fte_posts_as_few_as (the full-time posts those people may fill, at the fewest). Values are unrounded.
    """
    rows, previous = [], scenario.start_date
    for end in _year_ends(scenario.start_date, scenario.target_date):
        length = years_between(previous, end)
        start_count, end_count = headcount_on(scenario, previous), headcount_on(scenario, end)
        net = end_count - start_count
        leavers = scenario.leaver_rate * (start_count + end_count) / 2 * length
        recruits = max(0.0, net + leavers)
        rows.append(
            {
                "financial_year": _financial_year(end),
                "from_date": previous,
                "to_date": end,
                "years": length,
                "headcount_start": start_count,
                "headcount_end": end_count,
                "net_new_posts": net,
                "leavers": leavers,
                "recruits": recruits,
                "trainees": recruits,
                "fte_posts_as_few_as": recruits / scenario.trainees_per_post,
            }
        )
        previous = end
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class Totals:
    growth: float
    net_new_posts: float
    leavers: float
    recruits: float
    trainees: float
    recruits_a_year: float
    trainees_a_year: float
    fte_posts_a_year_as_few_as: float


def totals(scenario: Scenario, plan: pd.DataFrame | None = None) -> Totals:
    """The whole path added up, and its yearly average (total / years)."""
    plan = yearly_plan(scenario) if plan is None else plan
    years = scenario.years
    return Totals(
        growth=required_growth(scenario),
        net_new_posts=plan["net_new_posts"].sum(),
        leavers=plan["leavers"].sum(),
        recruits=plan["recruits"].sum(),
        trainees=plan["trainees"].sum(),
        recruits_a_year=plan["recruits"].sum() / years,
        trainees_a_year=plan["trainees"].sum() / years,
        fte_posts_a_year_as_few_as=plan["fte_posts_as_few_as"].sum() / years,
    )


def years_to_target(start_count: float, target_count: float, growth: float, shape: str = COMPOUND) -> float | None:
    """At a yearly growth (a fraction), how many years until the target: 0 if already met, None if never."""
    if start_count >= target_count:
        return 0.0
    if growth <= 0:
        return None
    if shape == STRAIGHT:
        return (target_count - start_count) / (start_count * growth)
    return math.log(target_count / start_count) / math.log(1 + growth)


def when_reached(scenario: Scenario, growth: float) -> date | None:
    years = years_to_target(scenario.start_count, scenario.target_count, growth, scenario.shape)
    return None if years is None else add_years(scenario.start_date, years)


def path_points(scenario: Scenario) -> pd.DataFrame:
    """The required path for a chart: the start, each 31 March, the target date (date, headcount)."""
    dates = [scenario.start_date] + _year_ends(scenario.start_date, scenario.target_date)
    return pd.DataFrame({"date": dates, "headcount": [headcount_on(scenario, d) for d in dates]})


def compare_counts(scenario: Scenario, counts: pd.DataFrame) -> pd.DataFrame:
    """User counts (date, count) against the required path on their dates: path value, difference, ahead/behind.

    Dates before the start or after the target date are outside the path and marked so.
    """
    rows = []
    for row in counts.itertuples():
        inside = scenario.start_date <= row.date <= scenario.target_date
        path = headcount_on(scenario, row.date) if inside else float("nan")
        difference = row.count - path if inside else float("nan")
        status = (
            "outside the path's dates"
            if not inside
            else "ahead"
            if difference > 0
            else "behind"
            if difference < 0
            else "on the path"
        )
        rows.append(
            {"date": row.date, "count": row.count, "required": path, "difference": difference, "status": status}
        )
    return pd.DataFrame(rows, columns=["date", "count", "required", "difference", "status"])
