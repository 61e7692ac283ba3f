"""A CSV download: made when clicked, and safe to open in a spreadsheet. Used by every chart frame, the
catalogue and the upload templates."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_csv(table: pd.DataFrame) -> bytes:
    """CSV a spreadsheet opens safely: text cells that would start a formula get a leading quote."""

    def defuse(cell):
        return "'" + cell if isinstance(cell, str) and cell.startswith(FORMULA_START) else cell

    return table.apply(lambda column: column.map(defuse)).to_csv(index=False).encode("utf-8")


def csv_button(label: str, make: Callable[[], bytes], file_name: str, key: str) -> None:
    """A CSV download made when clicked, by `make`. The click does not rerun the page, and nothing is sent before
    it: given the bytes up front, Streamlit builds them on every run and the browser fetches them as soon as the
    button appears, to check the link (and a media file can be gone by then, bench/README.md)."""
    st.download_button(
        label, data=make, file_name=file_name, mime="text/csv", key=key, icon=":material/download:", on_click="ignore"
    )
