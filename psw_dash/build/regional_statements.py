"""The report's words on regions (data/source/regional_statements_*.csv) as one row per NHS England region.

The report printed its regional map of NHS-employed PSWs only as an image; its text says which areas are
'relatively low', 'higher' and a 'mix of high and low' (NHS workforce profile, p.6). Each source row transcribes
one area as printed, its reading, the quote, and the NHS England region (April 2019) it is taken to fall in, with
how the report's name matches that region's. The regions the report names no area in are 'not stated'. No row
holds a number: these are the report's qualitative statements.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from psw_dash.build import schemas
from psw_dash.vocabulary import regional_readings as readings
from psw_dash.vocabulary import sources

FILE_PATTERN = "regional_statements_*.csv"


class StatementError(Exception):
    """Source rows that cannot be used, each message naming the file, the line and the problem."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("\n".join(messages))


def read_source(path: Path, region_codes: set[str]) -> pd.DataFrame:
    """One transcribed file, checked row by row: header, reading, region, citation, the words in the quote."""
    where = path.name
    text = path.read_text(encoding="utf-8")
    header = tuple(next(csv.reader(io.StringIO(text)), []))
    if header != schemas.REGIONAL_STATEMENT_SOURCE_COLUMNS:
        raise StatementError(
            [
                (
                    f"{where} line 1: header must be exactly "
                    f"{','.join(schemas.REGIONAL_STATEMENT_SOURCE_COLUMNS)}; got {','.join(header)}"
                )
            ]
        )
    rows = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    problems = []
    for line, row in enumerate(rows.itertuples(), start=2):
        at = f"{where} line {line} (area_id '{row.area_id}')"
        if row.reading not in readings.PRINTED:
            problems.append(
                f"{at}: reading '{row.reading}' is not one the report printed (allowed: {', '.join(readings.PRINTED)})"
            )
        if row.region_code not in region_codes:
            problems.append(f"{at}: '{row.region_code}' is not an NHS England region of April 2019")
        if row.source_doc != sources.STOCKTAKE or not row.source_section.strip() or not row.source_page.strip():
            problems.append(f"{at}: cite the report's section and page")
        for column in ("area_as_printed", "words_as_printed"):
            if not getattr(row, column) or getattr(row, column) not in row.quote:
                problems.append(f"{at}: {column} '{getattr(row, column)}' is not in the quote as printed")
    if problems:
        raise StatementError(problems)
    return rows


def table(source_dir: Path, regions: pd.DataFrame) -> pd.DataFrame:
    """Every region (regions: region_code, region_name) with the report's reading of it, or 'not stated'."""
    frames = [read_source(path, set(regions["region_code"])) for path in sorted(source_dir.glob(FILE_PATTERN))]
    stated = (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(columns=schemas.REGIONAL_STATEMENT_SOURCE_COLUMNS)
    )
    twice = stated["region_code"][stated["region_code"].duplicated()]
    if len(twice):
        raise StatementError([f"region {code} is given two readings: map one area to one region" for code in twice])
    named = (
        " and ".join([", ".join(stated["area_as_printed"].iloc[:-1]), stated["area_as_printed"].iloc[-1]])
        if len(stated) > 1
        else "".join(stated["area_as_printed"])
    )
    first = stated.iloc[0] if len(stated) else None
    rows = []
    # The report's areas in the order it names them, then the regions it does not name, by code.
    order = {code: i for i, code in enumerate(stated["region_code"])}
    for region in sorted(regions.itertuples(), key=lambda r: (order.get(r.region_code, len(order)), r.region_code)):
        found = stated[stated["region_code"].eq(region.region_code)]
        if len(found):
            row = found.iloc[0]
            rows.append(
                {
                    "region_code": region.region_code,
                    "region_name": region.region_name,
                    "reading": row.reading,
                    "area_as_printed": row.area_as_printed,
                    "words_as_printed": row.words_as_printed,
                    "name_match": row.name_match,
                    "source_doc": row.source_doc,
                    "source_section": row.source_section,
                    "source_page": float(row.source_page),
                    "quote": row.quote,
                    "note": row.note,
                }
            )
        else:
            rows.append(
                {
                    "region_code": region.region_code,
                    "region_name": region.region_name,
                    "reading": readings.NOT_STATED,
                    "area_as_printed": "",
                    "words_as_printed": "",
                    "name_match": f"The report names no area in {region.region_name}: its regional paragraphs name "
                    f"only {named}.",
                    "source_doc": sources.STOCKTAKE,
                    "source_section": first.source_section if first is not None else "NHS workforce profile",
                    "source_page": float(first.source_page) if first is not None else 6.0,
                    "quote": "",
                    "note": "Not stated is not 'average' or 'none': the report gives its higher areas as examples "
                    "('other areas such as'), not a full list, and printed no value for any region.",
                }
            )
    built = pd.DataFrame(rows).assign(statement_kind=readings.STATEMENT_KIND)
    built = built[list(schemas.RegionalStatements.to_schema().columns)]
    try:
        return schemas.RegionalStatements.validate(built, lazy=True)
    except pa.errors.SchemaErrors as errors:
        raise StatementError(
            [
                f"regional statements: {case.check} failed for {case.failure_case}"
                for case in errors.failure_cases.itertuples()
            ]
        ) from None
