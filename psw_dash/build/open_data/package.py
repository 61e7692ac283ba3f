"""The Frictionless Data Package: datapackage.json, one CSV per table, and the zip of them.

Made by the build from the tables it has just built and validated (their Parquet bytes), so the package
holds exactly what the dashboard shows. Byte-identical each build: no timestamps (the zip's entries are
dated 1980-01-01, the earliest a zip can say), keys in a fixed order, CSV with '\\n' line ends.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from typing import Any

import pandas as pd
import pyarrow as pa_arrow
import pyarrow.parquet as pq

from psw_dash.build.open_data import sources_md, spreadsheet
from psw_dash.build.open_data.resources import COLUMNS, RESOURCES, Resource, document_licences, published
from psw_dash.vocabulary import links

BY_REFERENCE = next(resource for resource in RESOURCES if resource.reference_data)
from psw_dash.build.open_data.table_schema import table_schema

NAME = "psw-workforce-stocktake-2019"
TITLE = "NHS mental health peer support workers: the 2019 National Workforce Stocktake, as open data"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def tables(built: dict[str, bytes]) -> dict[str, pd.DataFrame]:
    """Each published table, from the built Parquet bytes."""

    def read(name: str) -> pd.DataFrame:
        # pyarrow.BufferReader, not io.BytesIO (see build.main: threaded reads from a Python file object).
        return pq.read_table(pa_arrow.BufferReader(built[name])).to_pandas()

    return {resource.name: published(resource.rows(read(resource.built_file))) for resource in RESOURCES}


def csv_bytes(table: pd.DataFrame) -> bytes:
    return table.to_csv(index=False, lineterminator="\n").encode("utf-8")


def data_version(files: dict[str, bytes]) -> str:
    """Changes exactly when a published table changes: the first 12 hex digits of their SHA-256."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name] + b"\0")
    return digest.hexdigest()[:12]


def series_break(series: pd.DataFrame) -> str:
    """The break in words, as every row of the built series carries it."""
    return str(series["note"].iloc[0])


def _licence(resource: Resource, said: sources_md.Sources) -> tuple[list[dict[str, Any]], str]:
    """The resource's licences (only where a licence is stated) and the sentence that says so."""
    if resource.licence_by_column:  # no one licence covers the table: none is claimed for the whole
        return [], resource.licence_by_column + " " + " ".join(said.attribution)
    if resource.reference_data:
        return (
            [{**sources_md.OGL, "title": said.reference_licence}],
            f"Licence: {said.reference_licence}. " + " ".join(said.attribution),
        )
    return [], "Licence: none is stated by the source documents, so none is given here (" + document_licences() + ")."


SEED_FILE = re.compile(r" \(seed `?\d{3}_[0-9a-f]+\.txt`?\)|; seed `?\d{3}_[0-9a-f]+\.txt`?")


def without_file_names(title: str) -> str:
    """SOURCES.md's description of a document without the project's file names for it: readers cite titles."""
    return SEED_FILE.sub("", title)


def _sources(resource: Resource, said: sources_md.Sources) -> list[dict[str, Any]]:
    listed = said.reference if resource.reference_data else said.documents
    return [
        {
            "title": without_file_names(source.title),
            "path": f"data/source/{'reference/' if resource.reference_data else ''}{source.file}",
            "licence": source.licence,
        }
        for source in listed
    ]


def description(series_note: str, said: sources_md.Sources) -> str:
    return "\n\n".join(
        [
            (
                "Every figure about peer support workers (PSWs) in NHS mental health trusts that the dashboard shows, "
                "one a row, each cited to its document, section and page (the verbatim quotes are in the project's "
                "data/source files), with its base (n) where the source prints one, its period, and a bound printed in "
                "words kept in column bound. Census date of the primary source: 30 September 2019."
            ),
            "Derived and modelled values: column derived is " + COLUMNS["derived"] + ". Nothing else is computed; "
            "no value is filled in or rounded differently from its source. In the regions table, "
            "trusts_per_million is derived and modelled_target_share modelled (see their descriptions).",
            series_note + " Table headcount_series marks each count's collection and comparable_with_2019.",
            (
                "Later evidence (table later_evidence) comes from documents after 2019 and is never joined to the "
                "2019 series."
            ),
            "Sources, their publishers and licences: " + document_licences() + ". Where a document states no "
            "licence, none is given. Reference data (ONS and NHS Digital): " + said.reference_licence + "; tables "
            "trusts and regions mix it with columns from the 2019 report and this project's own, and say each column's "
            "licence. " + " ".join(said.attribution),
        ]
    )


def package_files(built: dict[str, bytes]) -> dict[str, bytes]:
    """Every file of the package by its name in the open-data folder, and the zip of them."""
    published = tables(built)
    files = {f"{name}.csv": csv_bytes(table) for name, table in published.items()}
    said = sources_md.read()
    names = {resource.name: resource.name for resource in RESOURCES}
    resources: list[dict[str, Any]] = []
    for resource in RESOURCES:
        path = f"{resource.name}.csv"
        licences, licence_text = _licence(resource, said)
        entry = {
            "name": resource.name,
            "path": path,
            "title": resource.title,
            "description": f"{resource.about} {licence_text}",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "bytes": len(files[path]),
            "hash": "sha256:" + hashlib.sha256(files[path]).hexdigest(),
            "schema": table_schema(resource, names),
            "sources": _sources(resource, said),
        }
        if licences:
            entry["licenses"] = licences
        resources.append(entry)
    descriptor: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": TITLE,
        "version": data_version(files),
        "description": description(series_break(published["headcount_series"]), said),
        "keywords": ["NHS", "mental health", "peer support workers", "workforce", "England"],
        "sources": [source for resource in (RESOURCES[0], BY_REFERENCE) for source in _sources(resource, said)],
        "resources": resources,
    }
    files[links.DATAPACKAGE] = (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    files[links.SPREADSHEET] = spreadsheet.workbook_bytes(
        published,
        {entry["name"]: entry["schema"] for entry in resources},
        descriptor["version"],
        series_break(published["headcount_series"]),
    )
    files[links.ZIP] = zip_bytes(
        {name: files[name] for name in [links.DATAPACKAGE, *sorted(files)] if name.endswith((".json", ".csv"))}
    )
    return files


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            info = zipfile.ZipInfo(f"{NAME}/{name}", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    return buffer.getvalue()
