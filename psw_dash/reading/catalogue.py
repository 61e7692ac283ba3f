"""Searching and presenting the figure catalogue on the Data and sources page."""

from __future__ import annotations

import pandas as pd

from psw_dash.vocabulary import figure_rows, formatting, sources

SEARCHED = ("figure_id", "measure", "category", "note", "source_section")
# A readable, quick page: a long list is shown a page at a time (every row drawn costs the page switch
# its layout), narrowed by search, and the download always has every match.
ROWS_LISTED = 20

CATALOGUE_COLUMNS = {
    "figure_id": "Id",
    "measure": "Measure",
    "category": "Category",
    "shown": "Value",
    "base": "Base (n)",
    "period": "Period",
    "citation": "Source",
    "type": "Type",
}
TRUST_COLUMNS = {
    "trust_name": "Trust (as in the report)",
    "ods_code": "ODS code",
    "region_code": "Region code",
    "region_name": "NHS region (April 2019)",
    "match_method": "How it was matched",
}


def search(figures: pd.DataFrame, text: str | None, topics: list[str] | None) -> pd.DataFrame:
    """Rows whose id, measure, category, note or section contain every word of `text`, in the topics chosen."""
    rows = figures[figures["topic"].isin(topics)] if topics else figures
    words = (text or "").lower().split()
    if not words:  # most visits: nothing to match, and the text to search took about 11 ms to build
        return rows.reset_index(drop=True)
    # Column by column, not row by row (a row-wise join took about 11 ms for the 146 figures; this about 1 ms).
    columns = [rows[column].astype(str) for column in SEARCHED]
    haystack = columns[0].str.cat(columns[1:], sep=" ").str.lower()
    keep = pd.Series(True, index=rows.index)
    for word in words:
        keep &= haystack.str.contains(word, regex=False)
    return rows[keep].reset_index(drop=True)


def pages(rows: int, per_page: int = ROWS_LISTED) -> dict[int, str]:
    """Page number -> the rows it lists, as a reader reads them ('21-40 of 146')."""
    return {
        number: f"{start + 1}–{min(start + per_page, rows)}"
        for number, start in enumerate(range(0, rows, per_page), start=1)
    }


def page_of(figures: pd.DataFrame, number: int, per_page: int = ROWS_LISTED) -> pd.DataFrame:
    """The rows of page `number` (1 is the first); a number past the end gives the last page."""
    last = max(1, -(-len(figures) // per_page))
    start = (min(max(number, 1), last) - 1) * per_page
    return figures.iloc[start : start + per_page]


def for_display(figures: pd.DataFrame) -> pd.DataFrame:
    """The catalogue as a reader scans it: value with its unit and bound, base, source, and how it was made.

    Notes stay in the download, where they can be as long as they need to be.
    """
    shown = figures.assign(
        shown=[formatting.figure(row) for _, row in figures.iterrows()],
        base=[formatting.base(b) for b in figures["base_n"]],
        citation=sources.citations(figures),
        type=[formatting.kind(row) for _, row in figures.iterrows()],
    )
    return shown[list(CATALOGUE_COLUMNS)].rename(columns=CATALOGUE_COLUMNS)


def composition(figures: pd.DataFrame) -> dict[str, str]:
    """What the catalogue holds, counted from it: the words describing it fill these in, never type them.

    Keys: all, report, briefing_targets, briefing_later, case_study, training_provider, derived, modelled, and
    bound_words (the bounds a value may carry, from figure_rows.BOUNDS).
    """
    kinds = pd.Series([formatting.kind(row) for _, row in figures.iterrows()], index=figures.index, dtype=str)
    printed = kinds.eq("as printed")
    from_doc = {doc: printed & figures["source_doc"].eq(doc) for doc in sources.SEED_DOCUMENTS}
    later = figures["topic"].eq("later_evidence")
    counts = {
        "all": len(figures),
        "report": from_doc[sources.STOCKTAKE].sum(),
        "briefing_targets": (from_doc[sources.BRIEFING] & ~later).sum(),
        "briefing_later": (from_doc[sources.BRIEFING] & later).sum(),
        "case_study": from_doc[sources.CASE_STUDY].sum(),
        "training_provider": from_doc[sources.TRAINING_PROVIDER].sum(),
        "derived": kinds.eq("derived").sum(),
        "modelled": kinds.eq("modelled").sum(),
    }
    words = [word for word in figure_rows.BOUNDS if word]
    return {
        **{key: f"{int(count):,}" for key, count in counts.items()},
        "bound_words": ", ".join(words[:-1]) + f" or {words[-1]}",
    }


def documents() -> pd.DataFrame:
    """The sources as a reader cites them: by title, never by the file the text copy is kept in."""
    listed = [sources.DOCUMENTS[name] for name in (*sources.SEED_DOCUMENTS, sources.REFERENCE)]
    return pd.DataFrame(
        {
            "Document": [doc.title for doc in listed],
            "Published by": [doc.publisher for doc in listed],
            "Date": [doc.published for doc in listed],
            "Cited as": [doc.short_name for doc in listed],
            "Used for": [doc.role for doc in listed],
            "Licence": [doc.licence for doc in listed],
        }
    )


def attribution() -> str:
    """The lines that travel with any copy of the open data (Open Government Licence)."""
    return f"{sources.OGL_LINE} Boundaries: {sources.BOUNDARY_ATTRIBUTION}"


def methods(figures: pd.DataFrame) -> pd.DataFrame:
    """Each derived or modelled figure with how it is worked out (its note), as the catalogue holds it."""
    computed = figures[figures["derived"]]
    return pd.DataFrame(
        {
            "Figure": computed["measure"] + computed["category"].map(lambda c: f" ({c})" if c else ""),
            "Value": [formatting.figure(row) for _, row in computed.iterrows()],
            "Kind": [formatting.kind(row) for _, row in computed.iterrows()],
            "Method": computed["note"],
        }
    )
