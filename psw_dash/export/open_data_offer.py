"""Where a reader gets the open data in the app: download buttons and the hosted copy's fixed addresses.

The files are the build's (data/open/), read only when a button is clicked; nothing is made per session.
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit

import streamlit as st

from psw_dash import settings
from psw_dash.page import tables
from psw_dash.vocabulary import links

# Offered as downloads: (file, label, key)
SPREADSHEET = (links.SPREADSHEET, "Download every table as a spreadsheet (XLSX)", "spreadsheet")
PACKAGE = (links.ZIP, "Download the data package (ZIP: CSV files with their schema)", "package")


def _size(name: str) -> str:
    return f"{(links.DIR / name).stat().st_size / 1000:,.0f} KB"


def button(offer: tuple[str, str, str], key_prefix: str) -> None:
    name, label, key = offer
    st.download_button(
        f"{label}, {_size(name)}",
        data=lambda: (links.DIR / name).read_bytes(),
        file_name=name,
        mime=links.content_type(name),
        key=f"{key_prefix}-{key}",
        icon=":material/download:",
        on_click="ignore",
    )


def _origin() -> str | None:
    """The hosted copy's address as the reader's browser has it (None in local mode: nothing is served there)."""
    if settings.mode() != settings.HOSTED:
        return None
    url = urlsplit(st.context.url or "")
    return f"{url.scheme}://{url.netloc}" if url.scheme and url.netloc else None


def addresses_html(origin: str | None) -> str:
    """The fixed addresses of every file, and one line of pandas that reads the catalogue."""
    base = origin or ""
    what = {
        links.DATAPACKAGE: "the package's description: every table's schema, sources and licences",
        **{f"{name}.csv": title for name, title in links.TABLES.items()},
        links.ZIP: "all of the above in one zip",
        links.SPREADSHEET: "every table as a spreadsheet",
    }
    files = [(name, what[name]) for name in links.files()]
    items = "".join(
        f"<li><code>{html.escape(links.address(base, name))}</code>: {html.escape(what)}</li>" for name, what in files
    )
    where = (
        "on this hosted copy"
        if origin
        else "on the hosted copy, under its address (this local copy does not serve them; the same files are in "
        "the project's <code>data/open/</code> folder)"
    )
    example = html.escape(f'pandas.read_csv("{links.address(base or "https://<hosted address>", "figures.csv")}")')
    return (
        f"<p>The same tables are served {where} at fixed addresses that never change, with no sign-in and "
        "no cookie. The data version is in each file's <code>ETag</code> header and in "
        "<code>datapackage.json</code> (<code>version</code>). The package is a Frictionless Data Package: "
        "<code>frictionless validate</code> checks every row against its schema.</p>"
        f"<ul>{items}</ul><p>For example: <code>{example}</code></p>"
    )


def addresses() -> None:
    """The fixed addresses, closed until opened: most readers download a file; a script reads it from there."""
    st.html(tables.disclosed("For scripts: every file's fixed address", addresses_html(_origin())))
