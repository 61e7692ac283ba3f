"""The Regions view's lead: what the report says of each region's NHS-employed PSWs, as a headline, words and a table.

From data/regional_statements.parquet (the report's words, cited to NHS workforce profile, p.6): categories, never
numbers. The headline states the report's finding, with its areas named as the report printed them.
"""

from __future__ import annotations

import pandas as pd

from psw_dash.vocabulary.regional_readings import HIGHER, LOWER, MIXED, NOT_STATED, READING_LABELS, STATEMENT_KIND

# What each reading says, for the headline and the words (the report's own adjectives).
_SAYS = {
    LOWER: "relatively few NHS-employed PSWs per 100,000 people in {areas}",
    HIGHER: "a higher ratio in {areas}",
    MIXED: "a mix of high and low in {areas}",
}
SUBTITLE = (
    "The report's reading of NHS-employed peer support workers per 100,000 registered population, "
    "30 September 2019, by NHS England region (April 2019): its words, not numbers; no count by region "
    "was published"
)


def _listed(names: list[str]) -> str:
    return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)


def _areas(statements: pd.DataFrame, reading: str) -> str:
    return _listed(list(statements.loc[statements["reading"].eq(reading), "area_as_printed"]))


def headline(statements: pd.DataFrame) -> str:
    """'The report found relatively few NHS-employed PSWs per 100,000 people in the North West of England, a higher
    ratio in the east of England and South East, and a mix of high and low in London'."""
    parts = [
        _SAYS[reading].format(areas=_areas(statements, reading))
        for reading in (LOWER, HIGHER, MIXED)
        if statements["reading"].eq(reading).any()
    ]
    return "The report found " + (", ".join(parts[:-1]) + ", and " + parts[-1] if len(parts) > 2 else _listed(parts))


def summary(statements: pd.DataFrame) -> str:
    """Every region in words: its reading, the report's own words and the area they name."""
    said = [
        f"{row.region_name}: {row.reading} ('{row.words_as_printed}', said of {row.area_as_printed})"
        for row in statements.itertuples()
        if row.reading != NOT_STATED
    ]
    unsaid = list(statements.loc[statements["reading"].eq(NOT_STATED), "region_name"])
    return (
        "The report's words by NHS England region. "
        + "; ".join(said)
        + (f"; not stated: {_listed(unsaid)}" if unsaid else "")
        + ". No region's PSW count or rate was printed."
    )


def table(statements: pd.DataFrame) -> pd.DataFrame:
    """One row per region as a reader reads it (three columns, so it fits a phone), with its citation columns for
    the source line and the download."""
    said = [
        f"{READING_LABELS[row.reading]}: '{row.words_as_printed}', said of {row.area_as_printed}"
        if row.words_as_printed
        else READING_LABELS[row.reading]
        for row in statements.itertuples()
    ]
    return pd.DataFrame(
        {
            "NHS England region (April 2019)": statements["region_name"],
            f"What the report says ({STATEMENT_KIND})": said,
            "How the report's area matches the region": statements["name_match"],
            "source_doc": statements["source_doc"],
            "source_section": statements["source_section"],
            "source_page": statements["source_page"],
            "note": statements["note"],
        }
    )


def ordered(statements: pd.DataFrame) -> pd.DataFrame:
    """Stated readings first (lower, higher, mixed), then the regions the report does not mention."""
    rank = {LOWER: 0, HIGHER: 1, MIXED: 2, NOT_STATED: 3}
    return statements.sort_values("reading", key=lambda r: r.map(rank), kind="stable").reset_index(drop=True)
