"""Figures computed from transcribed ones. Each row is marked derived and says its method.

Kept apart from the transcription so a reader can see at a glance which numbers the
report printed and which this project worked out.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from psw_dash.vocabulary.milestones import CENSUS_DATE, TARGET_ADDITIONAL, TARGET_DATE, TARGET_DATED
from psw_dash.vocabulary.sources import DOCUMENTS, STOCKTAKE, TRAINING_PROVIDER

# Ids of the transcribed figures the derivations start from.
TOTAL_2019 = "headcount.total"
# The closest the report allows to the benchmarking years' count of PSWs in NHS mental health services:
# it leaves out the 120 externally employed, though it still counts unpaid PSWs (no paid count is printed).
NHS_EMPLOYED_2019 = "headcount.nhs_employed"
PAID_PCT, PAID_IN_POSTS, PAID_IN_POSTS_PCT = "paid_unpaid.paid_pct", "paid_roles.psw_count", "paid_roles.psw"
FIRST_COUNT = "history.psws_2015_16"
TARGET_LTP = "target.ltp_psws_planned"
EXTERNAL_2019, UNPAID_2019, UNPAID_PCT = "headcount.external", "unpaid_roles.headcount", "paid_unpaid.unpaid_pct"
TRAINEES, FTE_POSTS = "planning.trainees_trained", "planning.fte_posts_filled"
POPULATION = "ONS mid-2019 population estimate for England (reference data)"

# The benchmarking years are financial years; their counts are taken as at the year end.
FINANCIAL_YEAR_END = {"2015/16": date(2016, 3, 31), "2016/17": date(2017, 3, 31), "2017/18": date(2018, 3, 31)}


def years_between(start: date, end: date) -> float:
    return round((end - start).days / 365.25 * 2) / 2  # to the half year: the dates are period ends


def inputs_cited(figures: pd.DataFrame, inputs: dict[str, str]) -> str:
    """Where each input of a derived figure is printed: 'NHS workforce profile, p.6 (862); Background, p.4 (48)'.

    inputs maps a figure id (or POPULATION) to what it contributes. A derived row has one document column,
    so the section names every input, each with its own page or paragraph, the briefing by name.
    """
    cited = figures.set_index("figure_id")
    places: dict[str, list[str]] = {}  # inputs printed in the same place are cited together
    for figure_id, what in inputs.items():
        if figure_id == POPULATION:
            place = POPULATION
        elif (row := cited.loc[figure_id])["source_doc"] == STOCKTAKE:
            place = f"{row['source_section']}, p.{int(row['source_page'])}"
        else:
            place = f"{DOCUMENTS[row['source_doc']].short_name}, {row['source_section']}"
        places.setdefault(place, []).append(what)
    return "; ".join(f"{place} ({', '.join(whats)})" for place, whats in places.items())


def _row(
    figure_id: str,
    topic: str,
    measure: str,
    value: float,
    unit: str,
    period: str,
    cited: str,
    method: str,
    category: str = "",
    base_n: float | None = None,
    bound: str = "",
) -> dict[str, Any]:
    # No single page: the section names each input's page (see inputs_cited).
    return {
        "figure_id": figure_id,
        "topic": topic,
        "measure": measure,
        "category": category,
        "value": float(value),
        "unit": unit,
        "base_n": base_n,
        "period": period,
        "source_doc": STOCKTAKE,
        "source_section": cited,
        "source_page": float("nan"),
        "derived": True,
        "note": method,
        "bound": bound,
    }


def derived_figures(figures: pd.DataFrame, england_population: int) -> pd.DataFrame:
    """Growth, distance to target and the national rate, from catalogue values, each citing all its inputs."""
    value = figures.set_index("figure_id")["value"]
    total, first, target = value[TOTAL_2019], value[FIRST_COUNT], value[TARGET_LTP]
    span = years_between(FINANCIAL_YEAR_END["2015/16"], CENSUS_DATE)
    to_target = years_between(CENSUS_DATE, TARGET_DATE)
    multiple = total / first
    nhs_employed = value[NHS_EMPLOYED_2019]
    like_for_like = nhs_employed / first
    # The span: 2015/16 counted as at its year end, 31 March 2016, to the census of 30 September 2019.
    assumed_span = (
        f"taking the 2015/16 count as at 31 March 2016 (the report gives only the year), {span} years before the census"
    )

    def cite(*inputs: tuple[str, str]) -> str:
        return inputs_cited(figures, dict(inputs))

    all_2019, first_count = (TOTAL_2019, f"{total:,.0f} in 2019"), (FIRST_COUNT, f"{first:,.0f} in 2015/16")
    # The paid NHS-employed count is not printed, and the two ways to estimate it disagree: say both.
    paid_pct, in_posts, posts_pct = value[PAID_PCT], value[PAID_IN_POSTS], value[PAID_IN_POSTS_PCT]
    paid_share, paid_posts = nhs_employed * paid_pct / 100, in_posts / posts_pct * 100
    nhs_2019 = (NHS_EMPLOYED_2019, f"{nhs_employed:,.0f} NHS-employed in 2019")
    like_for_like_caveat = (
        f"The closest like-for-like basis the report allows: it leaves out the {total - nhs_employed:,.0f} "
        "employed by external organisations, but still counts unpaid PSWs, whom the earlier data may not have counted "
        "(the report's chart of it is captioned 'Paid Peer Support Workers'), and the two collections still differ, so "
        "it also crosses the series break. No paid "
        f"NHS-employed count is printed ({paid_pct:g}% of {nhs_employed:,.0f} is about {paid_share:,.0f}, while "
        f"{in_posts:,.0f} paid in practising posts at about {posts_pct:g}% implies about {paid_posts:,.0f})."
    )
    paid_inputs = (
        (PAID_PCT, f"{paid_pct:g}% paid"),
        (PAID_IN_POSTS, f"{in_posts:,.0f} in practising posts"),
        (PAID_IN_POSTS_PCT, f"{posts_pct:g}% of paid staff"),
    )
    across_break = (
        "Crosses the series break: all PSWs, externally employed and unpaid included, against the "
        "earlier data (its chart captioned 'Paid Peer Support Workers'), so read it as indicative."
    )
    the_target, the_date = (TARGET_LTP, f"the {target:,.0f} target"), (TARGET_DATED, "its date, the end of 2023/24")
    # What the comparison with 4,730 takes in, and which reading of 4,730 it uses.
    external, unpaid, unpaid_pct = value[EXTERNAL_2019], value[UNPAID_2019], value[UNPAID_PCT]
    reading_inputs = (
        (TARGET_DATED, f"{target:,.0f} in post by the end of 2023/24"),
        (TARGET_ADDITIONAL, f"an additional {value[TARGET_ADDITIONAL]:,.0f} to train"),
        (EXTERNAL_2019, f"{external:,.0f} external"),
        (UNPAID_PCT, f"{unpaid_pct:g}% unpaid"),
        (UNPAID_2019, f"{unpaid:,.0f} unpaid staff reported"),
    )
    reading = (
        f"Reads {target:,.0f} as a total in post, as the research briefing gives the NHS Long Term Workforce Plan's aim "
        f"('{target:,.0f} staff in post by the end of 2023/24'); the sources differ: the training provider reads it as "
        f"workers in addition ('training an additional {value[TARGET_ADDITIONAL]:,.0f} mental health peer support "
        f"workers over five years'), and read so, how many of the {total:,.0f} would count towards it is not known: that "
        "source gives no baseline for 'additional', and its plan period (2019/20 to 2023/24) began before the census. "
        "Compares "
        f"{target:,.0f} with all {total:,.0f} PSWs, which include {external:,.0f} employed by external organisations "
        f"and about {unpaid:,.0f} unpaid (the report's {unpaid:,.0f} unpaid staff reported; "
        f"{unpaid_pct:g}% of the {nhs_employed:,.0f} NHS-employed were unpaid)."
    )
    rows = [
        _row(
            "growth.multiple_2015_16_to_2019",
            "growth",
            "Growth multiple, 2015/16 to September 2019, all PSWs (across the series break)",
            round(multiple, 2),
            "ratio",
            "2015/16 to 2019-09-30",
            cite(all_2019, first_count),
            f"Derived: {total:,.0f} (2019 census) / {first:,.0f} (2015/16). {across_break}",
        ),
        _row(
            "growth.cagr_2015_16_to_2019",
            "growth",
            "Compound annual growth, 2015/16 to September 2019, all PSWs (across the series break)",
            round((multiple ** (1 / span) - 1) * 100, 1),
            "percent",
            "2015/16 to 2019-09-30",
            cite(all_2019, first_count),
            f"Modelled: ({total:,.0f} / {first:,.0f}) ^ (1 / {span}) - 1, {assumed_span}. {across_break}",
        ),
        _row(
            "growth.multiple_2015_16_to_2019_nhs_employed",
            "growth",
            "Growth multiple, 2015/16 to September 2019, NHS-employed PSWs (closest like for like)",
            round(like_for_like, 2),
            "ratio",
            "2015/16 to 2019-09-30",
            cite(nhs_2019, first_count, *paid_inputs),
            f"Derived: {nhs_employed:,.0f} NHS-employed (2019 census) / {first:,.0f} (2015/16). {like_for_like_caveat}",
        ),
        _row(
            "growth.cagr_2015_16_to_2019_nhs_employed",
            "growth",
            "Compound annual growth, 2015/16 to September 2019, NHS-employed PSWs (closest like for like)",
            round((like_for_like ** (1 / span) - 1) * 100, 1),
            "percent",
            "2015/16 to 2019-09-30",
            cite(nhs_2019, first_count, *paid_inputs),
            f"Modelled: ({nhs_employed:,.0f} / {first:,.0f}) ^ (1 / {span}) - 1, {assumed_span}. "
            f"{like_for_like_caveat}",
        ),
        _row(
            "target.gap_2019",
            "target",
            "PSWs still needed to reach the Long Term Plan target",
            target - total,
            "count",
            "2019-09-30",
            cite(the_target, all_2019, nhs_2019, *reading_inputs),
            f"Derived: target {target:,.0f} - {total:,.0f} counted at the census. {reading}",
        ),
        _row(
            "target.share_reached_2019",
            "target",
            "Share of the Long Term Plan target reached",
            round(total / target * 100, 1),
            "percent",
            "2019-09-30",
            cite(all_2019, the_target, nhs_2019, *reading_inputs),
            f"Derived: {total:,.0f} / {target:,.0f} x 100. {reading}",
            base_n=None,
        ),
        _row(
            "target.required_annual_growth",
            "target",
            "Annual growth needed from September 2019 to reach the target by March 2024",
            round(((target / total) ** (1 / to_target) - 1) * 100, 1),
            "percent",
            "2019-09-30 to 2024-03-31",
            cite(the_target, all_2019, the_date),
            f"Modelled: ({target:,.0f} / {total:,.0f}) ^ (1 / {to_target}) - 1, assuming steady compound "
            "growth and the target date of 31 March 2024 (end of 2023/24, from the research briefing: the report "
            "says only 'over the next five years').",
        ),
        _row(
            "per_100k.england_rate_2019",
            "per_100k",
            "All PSWs (NHS-employed and external, paid and unpaid) per 100,000 resident population (ONS), England",
            round(total / england_population * 100_000, 2),
            "per_100k",
            "2019-09-30",
            cite(all_2019, (POPULATION, f"{england_population:,}")),
            f"Derived: {total:,.0f} / {england_population:,} (ONS mid-2019 resident population of England) x "
            f"100,000. Counts all {total:,.0f} PSWs, externally employed and unpaid included, against the resident "
            "population: not like the report's own per-100,000 figures, which count NHS-employed PSWs per "
            "registered population, organisation by organisation.",
        ),
    ]
    return pd.DataFrame(rows + planning_defaults(figures))


def planning_defaults(figures: pd.DataFrame) -> list[dict[str, Any]]:
    """The target planner's trainees per post filled, from the training provider's rule of thumb."""
    rows = figures.set_index("figure_id")
    if TRAINEES not in rows.index:
        return []
    trainees, posts = rows.loc[TRAINEES], rows.loc[FTE_POSTS]
    return [
        {
            "figure_id": "planning.trainees_per_fte_post",
            "topic": "planning",
            "measure": "PSWs trained per FTE post filled (a training provider's rough guide)",
            "category": "",
            "value": round(trainees.value / posts.value, 2),
            "unit": "ratio",
            "base_n": None,
            "period": "undated",
            "source_doc": TRAINING_PROVIDER,
            "source_page": None,
            "source_section": inputs_cited(
                figures,
                {TRAINEES: f"up to {trainees.value:,.0f} PSWs trained", FTE_POSTS: f"{posts.value:,.0f} FTE posts"},
            ),
            # 'up to 18' per 6 FTE posts: the ratio keeps the bound, so it never reads as an exact 3.
            "derived": True,
            "bound": trainees.bound,
            "note": f"Derived: up to {trainees.value:,.0f} PSWs trained / {posts.value:,.0f} FTE posts = up to "
            f"{trainees.value / posts.value:g} per FTE post, the provider's upper figure, 'as a rough guide', for "
            "a first group of PSWs, because 'Some PSWs do not feel ready for full time posts'. People trained per "
            "full-time post: the planner counts every recruit as a trainee (people, trained at least once) and uses "
            "this ratio only for how few full-time posts those people may fill.",
        }
    ]
