"""Figures computed from transcribed ones. Each row is marked derived and says its method.

Kept apart from the transcription so a reader can see at a glance which numbers the
report printed and which this project worked out.
"""
from __future__ import annotations

from datetime import date

import pandas as pd

from psw_dash.sources import DOCUMENTS, STOCKTAKE

# Ids of the transcribed figures the derivations start from.
TOTAL_2019 = "headcount.total"
FIRST_COUNT = "history.psws_2015_16"
TARGET_LTP = "target.ltp_psws_planned"
# The report gives the Long Term Plan's 4,730 no end date ('over the next five years'); the research briefing
# dates the same 4,730 'by the end of 2023/24', so every figure that uses the date cites that row too.
TARGET_DATED = "target.ltwp_in_post_2023_24"
POPULATION = "ONS mid-2019 population estimate for England (reference data)"

CENSUS_DATE = date(2019, 9, 30)
# The benchmarking years are financial years; their counts are taken as at the year end.
FINANCIAL_YEAR_END = {"2015/16": date(2016, 3, 31), "2016/17": date(2017, 3, 31), "2017/18": date(2018, 3, 31)}
# "4,730 PSWs planned over the next five years" (LTP, 2019); the 2023 workforce plan dates it "by the end of 2023/24".
TARGET_DATE = date(2024, 3, 31)


def years_between(start: date, end: date) -> float:
    return round((end - start).days / 365.25 * 2) / 2  # to the half year: the dates are period ends


def inputs_cited(figures: pd.DataFrame, inputs: dict[str, str]) -> str:
    """Where each input of a derived figure is printed: 'NHS workforce profile, p.6 (862); Background, p.4 (48)'.

    inputs maps a figure id (or POPULATION) to what it contributes. A derived row has one document column,
    so the section names every input, each with its own page or paragraph, the briefing by name.
    """
    cited = figures.set_index("figure_id")
    parts = []
    for figure_id, what in inputs.items():
        if figure_id == POPULATION:
            parts.append(f"{POPULATION} ({what})")
            continue
        row = cited.loc[figure_id]
        if row["source_doc"] == STOCKTAKE:
            parts.append(f"{row['source_section']}, p.{int(row['source_page'])} ({what})")
        else:
            parts.append(f"{DOCUMENTS[row['source_doc']].short_name}, {row['source_section']} ({what})")
    return "; ".join(parts)


def _row(figure_id, topic, measure, value, unit, period, cited, method, category="", base_n=None):
    # No single page: the section names each input's page (see inputs_cited).
    return {
        "figure_id": figure_id, "topic": topic, "measure": measure, "category": category,
        "value": float(value), "unit": unit, "base_n": base_n, "period": period,
        "source_doc": STOCKTAKE, "source_section": cited, "source_page": float("nan"),
        "derived": True, "note": method, "bound": "",
    }


def derived_figures(figures: pd.DataFrame, england_population: int) -> pd.DataFrame:
    """Growth, distance to target and the national rate, from catalogue values, each citing all its inputs."""
    value = figures.set_index("figure_id")["value"]
    total, first, target = value[TOTAL_2019], value[FIRST_COUNT], value[TARGET_LTP]
    span = years_between(FINANCIAL_YEAR_END["2015/16"], CENSUS_DATE)
    to_target = years_between(CENSUS_DATE, TARGET_DATE)
    multiple = total / first

    def cite(*inputs: tuple[str, str]) -> str:
        return inputs_cited(figures, dict(inputs))

    all_2019, first_count = (TOTAL_2019, f"{total:,.0f} in 2019"), (FIRST_COUNT, f"{first:,.0f} in 2015/16")
    the_target, the_date = (TARGET_LTP, f"the {target:,.0f} target"), (TARGET_DATED, "its date, the end of 2023/24")
    rows = [
        _row("growth.multiple_2015_16_to_2019", "growth", "Growth multiple, 2015/16 to September 2019",
             round(multiple, 2), "ratio", "2015/16 to 2019-09-30", cite(all_2019, first_count),
             f"Derived: {total:,.0f} (2019 census) / {first:,.0f} (2015/16). Crosses the series break "
             "between two collections, so read it as indicative."),
        _row("growth.cagr_2015_16_to_2019", "growth", "Compound annual growth, 2015/16 to September 2019",
             round((multiple ** (1 / span) - 1) * 100, 1), "percent", "2015/16 to 2019-09-30",
             cite(all_2019, first_count),
             f"Derived: ({total:,.0f} / {first:,.0f}) ^ (1 / {span}) - 1, taking the 2015/16 count as at "
             f"31 March 2016, {span} years before the census. Crosses the series break."),
        _row("target.gap_2019", "target", "PSWs still needed to reach the Long Term Plan target",
             target - total, "count", "2019-09-30", cite(the_target, all_2019),
             f"Derived: target {target:,.0f} - {total:,.0f} counted at the census."),
        _row("target.share_reached_2019", "target", "Share of the Long Term Plan target reached",
             round(total / target * 100, 1), "percent", "2019-09-30", cite(all_2019, the_target),
             f"Derived: {total:,.0f} / {target:,.0f} x 100.", base_n=None),
        _row("target.required_annual_growth", "target",
             "Annual growth needed from September 2019 to reach the target by March 2024",
             round(((target / total) ** (1 / to_target) - 1) * 100, 1), "percent", "2019-09-30 to 2024-03-31",
             cite(the_target, all_2019, the_date),
             f"Modelled: ({target:,.0f} / {total:,.0f}) ^ (1 / {to_target}) - 1, assuming steady compound "
             "growth and the target date of 31 March 2024 (end of 2023/24, from the research briefing: the report "
             "says only 'over the next five years')."),
        _row("per_100k.england_rate_2019", "per_100k",
             "All PSWs (NHS-employed and external, paid and unpaid) per 100,000 resident population (ONS), England",
             round(total / england_population * 100_000, 2), "per_100k", "2019-09-30",
             cite(all_2019, (POPULATION, f"{england_population:,}")),
             f"Derived: {total:,.0f} / {england_population:,} (ONS mid-2019 resident population of England) x "
             f"100,000. Counts all {total:,.0f} PSWs, externally employed and unpaid included, against the resident "
             "population: not like the report's own per-100,000 figures, which count NHS-employed PSWs per "
             "registered population, organisation by organisation."),
    ]
    return pd.DataFrame(rows)
