"""The open data as an accessible spreadsheet, after the UK Government Analysis Function's guidance on
releasing statistics in spreadsheets, written by gptables (the ONS's good-practice tables package).

A cover (title, what it holds, source, census date, licence, contact), a contents sheet, a notes sheet,
a sheet describing every column, then one table per sheet, each with its title, what a row is, its base,
its source line and its notes. No merged cells and no blank rows inside a table (gptables writes each as
an Excel table); an empty cell is written as the guidance's shorthand, [x] (not published) or [z] (not
applicable), explained in the legend above each table. Bounds ('over', 'under', ...) keep their own
column, and every figure's status (as printed, derived or modelled) has its own column.

Byte-identical each build: the workbook's created date is fixed (XlsxWriter dates its zip entries from it).
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
from typing import Any

import gptables as gpt
import pandas as pd

from psw_dash import paths
from psw_dash.build.open_data import sources_md
from psw_dash.build.open_data.resources import BY_TITLE, COLUMNS, RESOURCES, Resource, document_licences
from psw_dash.vocabulary import formatting, links, milestones, sources

TITLE = "NHS mental health peer support workers: the 2019 National Workforce Stocktake"
CENSUS_DATE = formatting.date_text(milestones.CENSUS_DATE)  # "30 September 2019"
# The workbook's created and modified date: the day the transcribed data last changed, as data/source/DATA_DATE
# records it (a test holds it to the last commit that changed data/source). Fixed, so each build writes the same
# bytes; true, unlike the census date it used to be, which came before the report existed.
DATA_DATE_FILE = paths.SOURCE_DIR / "DATA_DATE"


def data_date() -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(DATA_DATE_FILE.read_text(encoding="utf-8").strip()), dt.time())


NOT_PUBLISHED, NOT_APPLICABLE = "[x]", "[z]"
LEGEND = [
    (f"{NOT_PUBLISHED} = not published by the source (a percentage's base, an ODS code not in the 2020 extract)"),
    (f"{NOT_APPLICABLE} = not applicable (no category, no bound, no page in a document without page numbers, no note)"),
]
CONTACT = (
    "Questions about this file or another format: the organisation hosting this dashboard (see its "
    "Accessibility statement page). The figures are the source documents': their publishers are named "
    "in the notes."
)
NOT_PUBLISHED_WHEN_EMPTY = ("ods_code",)

STATUS = "status"  # as printed, derived or modelled: its own column beside derived
NOTES = {  # note reference -> its text; the references go in titles as $$reference$$
    "series_break": None,  # the built series' own words (package.series_break)
    "derived": "Derived and modelled values: column derived is " + COLUMNS["derived"] + ". Column status says "
    "which: as printed, derived or modelled.",
    "bound": "Bounds: " + COLUMNS["bound"] + ". Read 'over' 75 percent as more than 75, not 75.",
    "base": "Bases: a percentage's base (n) is given only where the source prints it; percentages on a base "
    "under 50 are small and uncertain.",
    "later_evidence": "Later evidence comes from documents after 2019 (other trusts, other dates, other "
    "methods) and is never joined to the 2019 series.",
    "licence": None,  # from data/SOURCES.md
}


def _shown(table: pd.DataFrame) -> pd.DataFrame:
    """Empty cells as the guidance's shorthand; a status column after derived."""
    shown = table.copy()
    if "derived" in shown:
        status = [
            formatting.computed_kind(note) if derived else "as printed"
            for note, derived in zip(shown["note"], shown["derived"], strict=True)
        ]
        shown.insert(shown.columns.get_loc("derived") + 1, STATUS, status)
    for column in shown.columns:
        values = shown[column]
        if column == "base_n":
            not_published = shown["unit"].eq("percent") & ~shown["derived"]
            shown[column] = [
                NOT_PUBLISHED if pd.isna(v) and unpublished else NOT_APPLICABLE if pd.isna(v) else v
                for v, unpublished in zip(values, not_published, strict=True)
            ]
        elif values.dtype.kind == "f" and values.isna().any():
            shown[column] = [NOT_APPLICABLE if pd.isna(v) else v for v in values]
        elif values.dtype.kind in "OU" or str(values.dtype).startswith("str"):
            empty = NOT_PUBLISHED if column in NOT_PUBLISHED_WHEN_EMPTY else NOT_APPLICABLE
            shown[column] = [empty if v == "" else v for v in values.astype(object)]
    return shown


def _source_line(table: pd.DataFrame) -> str:
    if "source_doc" in table:
        cited = dict.fromkeys(BY_TITLE[title].short_name for title in table["source_doc"])
        return "Source: " + "; ".join(cited) + ". Each row cites its section and page."
    return "Source: Office for National Statistics; NHS Digital ODS; the report's appendix (data/SOURCES.md)."


def _base(resource: Resource, tables: dict[str, pd.DataFrame]) -> str:
    """What each table counts, its numbers counted from the tables, not typed."""
    value = tables["figures"].set_index("figure_id")["value"]
    trusts, regions = len(tables["trusts"]), len(tables["regions"])
    return {
        "figures": f"Base: peer support workers in NHS mental health trusts in England "
        f"({value['participation.organisations']:,.0f} trusts took part); each percentage's base (n) in "
        "column base_n where the source prints it$$base$$",
        "later_evidence": "Base: as each later document states it (the research briefing holds numerical data for "
        f"{value['later.briefing.trusts_with_data']:,.0f} trusts; a case study of one "
        "trust)$$later_evidence$$",
        "headcount_series": "Base: peer support workers counted, headcount (people), by collection$$series_break$$",
        "targets": "Base: peer support workers (headcount) the plans aim for; whether "
        f"{value['target.ltp_psws_planned']:,.0f} counts PSWs in post or additional workers, the sources "
        "differ (see the table's description)",
        "trusts": f"Base: the {trusts} trusts listed in the report's appendix",
        "regions": f"Base: the {regions} NHS England regions (April 2019); population mid-2019",
    }[resource.name]


def _sheet(resource: Resource, table: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> gpt.GPTable:
    notes = ["$$derived$$"] if "derived" in table else []
    notes += ["$$bound$$"] if "bound" in table else []
    return gpt.GPTable(
        table=_shown(table),
        table_name=resource.name,
        title=resource.title + "".join(notes),
        subtitles=[resource.about, f"{len(table)} rows. Column descriptions are on the Columns sheet."],
        scope=_base(resource, tables),
        legend=LEGEND,
        index_columns={},
        source=_source_line(table)
        + (f" {resource.licence_by_column}" if resource.licence_by_column else "")
        + "$$licence$$",
    )


def _columns_sheet(schemas: dict[str, dict[str, Any]]) -> gpt.GPTable:
    rows = [
        {
            "table": name,
            "column": field["name"],
            "type": field["type"],
            "allowed values": ", ".join(map(str, field.get("constraints", {}).get("enum", []))) or NOT_APPLICABLE,
            "description": field["description"],
        }
        for name, schema in schemas.items()
        for field in schema["fields"]
    ]
    return gpt.GPTable(
        table=pd.DataFrame(rows),
        table_name="column_descriptions",
        title="What each column of each table holds",
        subtitles=[
            ("The same descriptions, types and allowed values as the data package's Table Schemas (datapackage.json).")
        ],
        scope="Base: every column of the tables in this workbook",
        source="Source: psw_dash/build/schemas.py and psw_dash/build/open_data/resources.py",
        index_columns={},
    )


def _notes(series_note: str, said: sources_md.Sources) -> pd.DataFrame:
    texts = dict(NOTES)
    texts["series_break"] = series_note
    texts["licence"] = (
        "Sources, their publishers and licences: "
        + document_licences()
        + ". Where a document states no licence, none is given. Reference data (ONS and NHS Digital): "
        + said.reference_licence
        + "; the Trusts and Regions sheets mix it with columns from the 2019 report and "
        "this project's own, and their source lines say each column's licence. " + " ".join(said.attribution)
    )
    return pd.DataFrame({"Note reference": list(texts), "Note text": list(texts.values())})


def _cover(version: str, said: sources_md.Sources) -> gpt.Cover:
    stocktake = sources.DOCUMENTS[sources.STOCKTAKE]
    return gpt.Cover(
        title=TITLE,
        intro=[
            (
                "This workbook holds every figure the dashboard shows about peer support workers (PSWs) in NHS "
                "mental health trusts in England, each cited to its source, with the trusts, regions, targets, "
                "the headcount series and later evidence: one table per sheet. The Contents sheet lists them."
            ),
            f"Census date: {CENSUS_DATE}.",
            (
                f"Source: {stocktake.title}, {stocktake.publisher}, published {stocktake.published}. Later "
                "documents and reference data as each table's source line says; every row cites its own."
            ),
            f"Data version: {version} (the same as the data package's; file {links.SPREADSHEET}).",
        ],
        about=[
            "Licence: " + document_licences() + ". None is given where a document states none. Reference "
            "data (ONS and NHS Digital): " + said.reference_licence + "; the Trusts and Regions sheets mix it with "
            "columns from the 2019 report and this project's own (see their source lines). "
            + " ".join(said.attribution),
            (
                "Figures are as printed unless column status says derived or modelled (method in the note). "
                "Counts before 2019 come from a different collection than the 2019 census: see the notes."
            ),
        ],
        contact=[CONTACT],
    )


def workbook_bytes(
    tables: dict[str, pd.DataFrame], schemas: dict[str, dict[str, Any]], version: str, series_note: str
) -> bytes:
    said = sources_md.read()
    sheets = {resource.sheet: _sheet(resource, tables[resource.name], tables) for resource in RESOURCES}
    sheets["Columns"] = _columns_sheet(schemas)
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # gptables warns about text-only columns; they are text on purpose
        workbook = gpt.produce_workbook(
            filename=buffer,
            sheets=sheets,
            cover=_cover(version, said),
            notes_table=_notes(series_note, said),
            contentsheet_options={"additional_elements": ["subtitles", "scope", "source"]},
        )
    workbook.set_properties(
        {
            "title": TITLE,
            "subject": "NHS mental health peer support workers, 2019",
            "author": "PSW workforce dashboard",
            "created": data_date(),
            "comments": f"Data version {version}",
        }
    )
    workbook.close()
    return buffer.getvalue()
