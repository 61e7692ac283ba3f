"""Figures computed from transcribed ones. Each row is marked derived and says its method.

Kept apart from the transcription so a reader can see at a glance which numbers the
report printed and which this project worked out.
"""
from __future__ import annotations

from datetime import date

import pandas as pd

from psw_dash.sources import STOCKTAKE, TRAINING_PROVIDER

# Ids of the transcribed figures the derivations start from.
TOTAL_2019 = "headcount.total"
FIRST_COUNT = "history.psws_2015_16"
TARGET_LTP = "target.ltp_psws_planned"
TRAINEES, FTE_POSTS = "planning.trainees_trained", "planning.fte_posts_filled"

CENSUS_DATE = date(2019, 9, 30)
# The benchmarking years are financial years; their counts are taken as at the year end.
FINANCIAL_YEAR_END = {"2015/16": date(2016, 3, 31), "2016/17": date(2017, 3, 31), "2017/18": date(2018, 3, 31)}
# "4,730 PSWs planned over the next five years" (LTP, 2019); the 2023 workforce plan dates it "by the end of 2023/24".
TARGET_DATE = date(2024, 3, 31)


def years_between(start: date, end: date) -> float:
    return round((end - start).days / 365.25 * 2) / 2  # to the half year: the dates are period ends


def _row(figure_id, topic, measure, value, unit, period, section, page, method, category="", base_n=None):
    return {
        "figure_id": figure_id, "topic": topic, "measure": measure, "category": category,
        "value": float(value), "unit": unit, "base_n": base_n, "period": period,
        "source_doc": STOCKTAKE, "source_section": section, "source_page": float(page),
        "derived": True, "note": method,
    }


def derived_figures(figures: pd.DataFrame, england_population: int) -> pd.DataFrame:
    """Growth, distance to target and the national rate, from catalogue values."""
    value = figures.set_index("figure_id")["value"]
    total, first, target = value[TOTAL_2019], value[FIRST_COUNT], value[TARGET_LTP]
    span = years_between(FINANCIAL_YEAR_END["2015/16"], CENSUS_DATE)
    to_target = years_between(CENSUS_DATE, TARGET_DATE)
    multiple = total / first
    rows = [
        _row("growth.multiple_2015_16_to_2019", "growth", "Growth multiple, 2015/16 to September 2019",
             round(multiple, 2), "ratio", "2015/16 to 2019-09-30", "Background", 4,
             f"Derived: {total:,.0f} (2019 census) / {first:,.0f} (2015/16). Crosses the series break "
             "between two collections, so read it as indicative."),
        _row("growth.cagr_2015_16_to_2019", "growth", "Compound annual growth, 2015/16 to September 2019",
             round((multiple ** (1 / span) - 1) * 100, 1), "percent", "2015/16 to 2019-09-30", "Background", 4,
             f"Derived: ({total:,.0f} / {first:,.0f}) ^ (1 / {span}) - 1, taking the 2015/16 count as at "
             f"31 March 2016, {span} years before the census. Crosses the series break."),
        _row("target.gap_2019", "target", "PSWs still needed to reach the Long Term Plan target",
             target - total, "count", "2019-09-30", "Background", 4,
             f"Derived: target {target:,.0f} - {total:,.0f} counted at the census."),
        _row("target.share_reached_2019", "target", "Share of the Long Term Plan target reached",
             round(total / target * 100, 1), "percent", "2019-09-30", "Background", 4,
             f"Derived: {total:,.0f} / {target:,.0f} x 100.", base_n=None),
        _row("target.required_annual_growth", "target",
             "Annual growth needed from September 2019 to reach the target by March 2024",
             round(((target / total) ** (1 / to_target) - 1) * 100, 1), "percent", "2019-09-30 to 2024-03-31",
             "Background", 4,
             f"Modelled: ({target:,.0f} / {total:,.0f}) ^ (1 / {to_target}) - 1, assuming steady compound "
             "growth and the target date of 31 March 2024 (end of 2023/24)."),
        _row("per_100k.england_rate_2019", "per_100k", "PSWs per 100,000 population, England",
             round(total / england_population * 100_000, 2), "per_100k", "2019-09-30",
             "NHS workforce profile", 6,
             f"Derived: {total:,.0f} / {england_population:,} (ONS mid-2019 population of England) x 100,000. "
             "Counts all 862 PSWs, so it differs from the report's per-trust average of NHS-employed PSWs."),
    ]
    return pd.DataFrame(rows + planning_defaults(figures))


def planning_defaults(figures: pd.DataFrame) -> list[dict]:
    """The target planner's trainees per post filled, from the training provider's rule of thumb."""
    rows = figures.set_index("figure_id")
    if TRAINEES not in rows.index:
        return []
    trainees, posts = rows.loc[TRAINEES], rows.loc[FTE_POSTS]
    return [{
        "figure_id": "planning.trainees_per_fte_post", "topic": "planning",
        "measure": "PSWs trained per FTE post filled (a training provider's rough guide)", "category": "",
        "value": round(trainees.value / posts.value, 2), "unit": "ratio", "base_n": None, "period": "undated",
        "source_doc": TRAINING_PROVIDER, "source_section": trainees.source_section, "source_page": None,
        "derived": True,
        "note": f"Derived: up to {trainees.value:,.0f} PSWs trained / {posts.value:,.0f} FTE posts = "
                f"{trainees.value / posts.value:g} per FTE post, the provider's upper figure, 'as a rough guide'.",
    }]
