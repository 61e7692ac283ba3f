"""Where the hosted copy serves the open data: one prefix, fixed file names, each file's content type.

The URL path mirrors the folder the build writes (data/open/ is served at /data/open/), so the local
proxy (deploy/nginx) serves the folder as it is, and the Kubernetes file server (hosting/open_data_server.py)
the same.
The names never change: a script that reads /data/open/figures.csv keeps working; the data version is in
the ETag (and in datapackage.json's version), so a reader can tell when the numbers changed.
"""

from __future__ import annotations

from psw_dash import paths

FOLDER = "open"  # data/open/, written by the build
PREFIX = f"/data/{FOLDER}/"  # where the hosted copy serves it
DIR = paths.DATA_DIR / FOLDER
DATAPACKAGE = "datapackage.json"
ZIP = "psw-stocktake-2019-data-package.zip"
SPREADSHEET = "psw-stocktake-2019.xlsx"
# The published tables, in the order they are listed: each one's CSV name (name.csv) and title. The build
# describes and writes each (build/open_data/resources.py); the app names them beside their addresses.
TABLES = {
    "figures": "Figure catalogue: every figure, cited",
    "headcount_series": "PSW headcount 2015/16 to September 2019, with the series break",
    "targets": "Workforce targets for peer support workers",
    "later_evidence": "Later evidence (after 2019), never joined to the 2019 series",
    "trusts": "The 55 participating trusts",
    "regions": "NHS England regions (April 2019)",
}

CONTENT_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".zip": "application/zip",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def files() -> list[str]:
    """Every file served, in the order they are listed: the package's description, its tables, the zip, the
    spreadsheet. Nothing else in the folder is served (the build's temporary files, for one)."""
    return [DATAPACKAGE, *(f"{name}.csv" for name in TABLES), ZIP, SPREADSHEET]


def data_version() -> str:
    """The version of the published tables, as the built datapackage.json states it."""
    import json

    return json.loads((DIR / DATAPACKAGE).read_text(encoding="utf-8"))["version"]


def content_type(name: str) -> str:
    return CONTENT_TYPES["." + name.rsplit(".", 1)[-1]]


def built_name(name: str) -> str:
    """A file's name among the build's outputs (relative to data/)."""
    return f"{FOLDER}/{name}"


def address(base_url: str, name: str) -> str:
    """The file's address on a hosted copy at base_url ('https://psw-dash.example.nhs.uk')."""
    return base_url.rstrip("/") + PREFIX + name
