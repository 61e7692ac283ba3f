"""Schemas as code: what every built table must hold. The build refuses anything else.

pandera reports each failure with its column and row; pipeline.py turns those into
messages that name the source file and line.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from psw_dash.vocabulary.figure_rows import BOUNDS
from psw_dash.vocabulary.regional_readings import READINGS, STATEMENT_KIND
from psw_dash.vocabulary.sources import DOCUMENTS, PAGINATED, STOCKTAKE, STOCKTAKE_SECTIONS

UNITS = ("count", "percent", "wte", "per_100k", "hours", "ratio")

TOPICS = (
    "participation",
    "headcount",
    "per_trust",
    "per_100k",
    "settings",
    "history",
    "target",
    "other_sectors",
    "service_models",
    "employment",
    "transfers",
    "supervision",
    "line_management",
    "paid_unpaid",
    "paid_roles",
    "pay_bands",
    "unpaid_roles",
    "ethnicity",
    "gender",
    "age",
    "disability",
    "esr",
    "sickness",
    "vacancies",
    "turnover",
    "training",
    "workforce_context",
    "growth",  # derived growth figures only
    "later_evidence",  # counts after 2019 from other documents: never joined to the 2019 series
    "planning",  # planning rules of thumb the target planner uses as defaults
)

# Breakdowns the report presents as a whole: percent rows sharing topic and measure add to 100,
# give or take half a point of rounding per share.
WHOLE_BREAKDOWNS = (
    "participation",
    "headcount",
    "settings",
    "employment",
    "paid_unpaid",
    "paid_roles",
    "pay_bands",
    "unpaid_roles",
    "gender",
    "disability",
)

FIGURE_COLUMNS = (
    "figure_id",
    "topic",
    "measure",
    "category",
    "value",
    "unit",
    "base_n",
    "period",
    "source_doc",
    "source_section",
    "source_page",
    "derived",
    "note",
    # Added last, so the first 13 keep their places: where the report printed a bound in words
    # ('over three quarters', 'fewer than 1%', 'almost half'), the word that goes before the value.
    "bound",
)
# The transcription adds the verbatim quote each figure was read from.
SOURCE_COLUMNS = tuple(c for c in FIGURE_COLUMNS if c not in ("derived", "note", "bound")) + ("quote", "note", "bound")


def _numeric(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series, errors="coerce")


class SourceFigures(pa.DataFrameModel):
    """A transcribed source file (data/source/figures_*.csv), read as text."""

    figure_id: Series[str] = pa.Field(unique=True, str_matches=r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")
    topic: Series[str] = pa.Field(isin=TOPICS)
    measure: Series[str] = pa.Field(str_length={"min_value": 3})
    category: Series[str]
    value: Series[float] = pa.Field(coerce=True)
    unit: Series[str] = pa.Field(isin=UNITS)
    base_n: Series[float] = pa.Field(coerce=True, nullable=True, ge=1)
    period: Series[str] = pa.Field(str_length={"min_value": 4})
    source_doc: Series[str] = pa.Field(isin=list(DOCUMENTS))
    source_section: Series[str] = pa.Field(str_length={"min_value": 3})
    source_page: Series[float] = pa.Field(coerce=True, nullable=True, ge=1)
    quote: Series[str] = pa.Field(str_length={"min_value": 10})
    note: Series[str]
    bound: Series[str] = pa.Field(isin=BOUNDS)

    @pa.dataframe_check(error="a percent must lie between 0 and 100")
    def percent_within_0_100(cls, df: pd.DataFrame) -> pd.Series:
        value = _numeric(df["value"])
        return ~((df["unit"] == "percent") & ((value < 0) | (value > 100)))

    @pa.dataframe_check(error="a count, WTE or rate cannot be negative")
    def not_negative(cls, df: pd.DataFrame) -> pd.Series:
        return ~(_numeric(df["value"]) < 0)

    @pa.dataframe_check(error="the section is not one of the report's sections")
    def stocktake_section_known(cls, df: pd.DataFrame) -> pd.Series:
        return (df["source_doc"] != STOCKTAKE) | df["source_section"].isin(list(STOCKTAKE_SECTIONS))

    @pa.dataframe_check(error="the page is not the start page of that section in the contents")
    def stocktake_page_matches_section(cls, df: pd.DataFrame) -> pd.Series:
        expected = df["source_section"].map(STOCKTAKE_SECTIONS)
        return (df["source_doc"] != STOCKTAKE) | (_numeric(df["source_page"]) == expected)

    @pa.dataframe_check(
        error="a page is cited for a document that has no page numbers: cite its heading "
        "or paragraph in source_section and leave source_page empty"
    )
    def no_page_for_unpaginated_documents(cls, df: pd.DataFrame) -> pd.Series:
        return df["source_doc"].isin(PAGINATED) | _numeric(df["source_page"]).isna()

    class Config:
        strict = True
        ordered = True


class Figures(pa.DataFrameModel):
    """data/figures.parquet: the figure catalogue, one row per figure."""

    figure_id: Series[str] = pa.Field(unique=True, str_matches=r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")
    topic: Series[str] = pa.Field(isin=TOPICS)
    measure: Series[str]
    category: Series[str]
    value: Series[float]
    unit: Series[str] = pa.Field(isin=UNITS)
    base_n: Series[float] = pa.Field(nullable=True, ge=1)
    period: Series[str]
    source_doc: Series[str] = pa.Field(isin=list(DOCUMENTS))
    source_section: Series[str] = pa.Field(str_length={"min_value": 3})
    source_page: Series[float] = pa.Field(nullable=True, ge=1)
    derived: Series[bool]
    note: Series[str]
    bound: Series[str] = pa.Field(isin=BOUNDS)

    @pa.dataframe_check(error="a percent must lie between 0 and 100 (only a derived growth rate may exceed 100)")
    def percent_within_0_100(cls, df: pd.DataFrame) -> pd.Series:
        growth_rate = df["derived"] & (df["topic"] == "growth")
        return ~((df["unit"] == "percent") & ((df["value"] < 0) | ((df["value"] > 100) & ~growth_rate)))

    @pa.dataframe_check(error="a derived figure must state its method in the note")
    def derived_rows_explain_method(cls, df: pd.DataFrame) -> pd.Series:
        return ~df["derived"] | df["note"].str.contains("Derived|Modelled", regex=True)

    @pa.dataframe_check(error="a figure transcribed from a paginated document needs its page")
    def transcribed_rows_have_page(cls, df: pd.DataFrame) -> pd.Series:
        return df["derived"] | ~df["source_doc"].isin(PAGINATED) | df["source_page"].notna()

    # Worded as the rule it checks: the data package lists these errors as its rules.
    @pa.dataframe_check(error="no page is cited for a document that has no page numbers")
    def no_page_for_unpaginated_documents(cls, df: pd.DataFrame) -> pd.Series:
        return df["source_doc"].isin(PAGINATED) | df["source_page"].isna()

    class Config:
        strict = True
        ordered = True


class HeadcountSeries(pa.DataFrameModel):
    """data/headcount_series.parquet: PSW headcount over time, with the collection break."""

    period: Series[str] = pa.Field(unique=True)
    period_end: Series[str] = pa.Field(str_matches=r"^\d{4}-\d{2}-\d{2}$")
    headcount: Series[float] = pa.Field(ge=0)
    collection: Series[str]
    comparable_with_2019: Series[bool]
    figure_id: Series[str]
    source_doc: Series[str]
    source_section: Series[str]
    source_page: Series[float]
    note: Series[str]

    class Config:
        strict = True
        ordered = True


class Targets(pa.DataFrameModel):
    """data/targets.parquet: workforce targets, each from the plan that set it."""

    target_id: Series[str] = pa.Field(unique=True)
    plan: Series[str]
    value: Series[float] = pa.Field(gt=0)
    by_period: Series[str]
    by_date: Series[str] = pa.Field(str_matches=r"^\d{4}-\d{2}-\d{2}$")
    qualifier: Series[str] = pa.Field(isin=["", "more than"])
    figure_id: Series[str]
    source_doc: Series[str]
    source_section: Series[str]
    source_page: Series[float] = pa.Field(nullable=True)  # none for documents without page numbers
    note: Series[str]
    date_source: Series[str]  # where the date is printed, when another document gives it (the LTP's 4,730)

    class Config:
        strict = True
        ordered = True


REGION_CODES = (
    "E40000003",
    "E40000005",
    "E40000006",
    "E40000007",
    "E40000008",
    "E40000009",
    "E40000010",
)


class Trusts(pa.DataFrameModel):
    """data/trusts.parquet: the 55 participating trusts of the report's appendix."""

    trust_name: Series[str] = pa.Field(unique=True)
    ods_code: Series[str]
    region_code: Series[str] = pa.Field(isin=REGION_CODES)
    region_name: Series[str]
    match_method: Series[str]

    @pa.dataframe_check(error="the appendix lists 55 trusts")
    def fifty_five_trusts(cls, df: pd.DataFrame) -> bool:
        return len(df) == 55

    class Config:
        strict = True
        ordered = True


class Regions(pa.DataFrameModel):
    """data/regions.parquet: the 7 NHS England regions of April 2019, with derived measures."""

    region_code: Series[str] = pa.Field(unique=True, isin=REGION_CODES)
    region_name: Series[str] = pa.Field(unique=True)
    population: Series[int] = pa.Field(gt=0)
    participating_trusts: Series[int] = pa.Field(ge=0)
    trusts_per_million: Series[float] = pa.Field(ge=0)
    modelled_target_share: Series[float] = pa.Field(ge=0)

    @pa.dataframe_check(error="there are 7 NHS England regions")
    def seven_regions(cls, df: pd.DataFrame) -> bool:
        return len(df) == len(REGION_CODES)

    class Config:
        strict = True
        ordered = True


# The report's regional statements (data/source/regional_statements_*.csv): words, not numbers.
REGIONAL_STATEMENT_SOURCE_COLUMNS = (
    "area_id",
    "area_as_printed",
    "reading",
    "words_as_printed",
    "region_code",
    "name_match",
    "source_doc",
    "source_section",
    "source_page",
    "quote",
    "note",
)


class RegionalStatements(pa.DataFrameModel):
    """data/regional_statements.parquet: each NHS England region of April 2019 with what the report says of its
    NHS-employed PSWs per 100,000 population, in the report's own words: a category, never a value."""

    region_code: Series[str] = pa.Field(unique=True, isin=REGION_CODES)
    region_name: Series[str] = pa.Field(unique=True)
    reading: Series[str] = pa.Field(isin=list(READINGS))
    area_as_printed: Series[str]  # empty where the report names no area in the region
    words_as_printed: Series[str]
    name_match: Series[str] = pa.Field(str_length={"min_value": 10})
    statement_kind: Series[str] = pa.Field(isin=[STATEMENT_KIND])
    source_doc: Series[str] = pa.Field(isin=[STOCKTAKE])
    source_section: Series[str] = pa.Field(isin=list(STOCKTAKE_SECTIONS))
    source_page: Series[float] = pa.Field(ge=1)
    quote: Series[str]
    note: Series[str]

    @pa.dataframe_check(error="there are 7 NHS England regions")
    def seven_regions(cls, df: pd.DataFrame) -> bool:
        return len(df) == len(REGION_CODES)

    @pa.dataframe_check(error="the words of a stated reading must be found in its quote, as printed")
    def words_in_quote(cls, df: pd.DataFrame) -> pd.Series:
        return pd.Series([w in q for w, q in zip(df["words_as_printed"], df["quote"], strict=True)], index=df.index)

    @pa.dataframe_check(error="the page is not the start page of that section in the contents")
    def page_matches_section(cls, df: pd.DataFrame) -> pd.Series:
        return df["source_page"] == df["source_section"].map(STOCKTAKE_SECTIONS)

    class Config:
        strict = True
        ordered = True
