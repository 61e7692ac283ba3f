"""Searching and presenting the figure catalogue on the Data and sources page."""
from __future__ import annotations

import pandas as pd

from psw_dash import sources

SEARCHED = ("figure_id", "measure", "category", "note", "source_section")

CATALOGUE_COLUMNS = {
    "figure_id": "Id", "topic": "Topic", "measure": "Measure", "category": "Category", "value": "Value",
    "unit": "Unit", "base_n": "Base (n)", "period": "Period", "citation": "Source", "derived": "Derived",
    "note": "Note",
}
TRUST_COLUMNS = {"trust_name": "Trust (as in the report)", "ods_code": "ODS code", "region_code": "Region code",
                 "region_name": "NHS region (April 2019)", "match_method": "How it was matched"}


def search(figures: pd.DataFrame, text: str | None, topics: list[str] | None) -> pd.DataFrame:
    """Rows whose id, measure, category, note or section contain every word of `text`, in the topics chosen."""
    rows = figures[figures["topic"].isin(topics)] if topics else figures
    haystack = rows[list(SEARCHED)].astype(str).agg(" ".join, axis=1).str.lower()
    keep = pd.Series(True, index=rows.index)
    for word in (text or "").lower().split():
        keep &= haystack.str.contains(word, regex=False)
    return rows[keep].reset_index(drop=True)


def for_display(figures: pd.DataFrame) -> pd.DataFrame:
    shown = figures.assign(citation=[sources.citation(d, s, p) for d, s, p in
                                     zip(figures["source_doc"], figures["source_section"], figures["source_page"])])
    return shown[list(CATALOGUE_COLUMNS)].rename(columns=CATALOGUE_COLUMNS)
