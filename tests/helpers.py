"""Small helpers shared by the test layers."""

from __future__ import annotations

import asyncio
import base64
import concurrent.futures
import html
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from psw_dash import paths

SHARED = paths.ROOT.parent / "shared"


def run_async(coroutine):
    """asyncio.run in a thread of its own: the browser fixture (Playwright's sync API) keeps an event loop
    running in the test thread for the whole session, where asyncio.run refuses to start another."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def copy_sources(tmp_path: Path) -> Path:
    """A private copy of data/source that a test may break."""
    target = tmp_path / "source"
    shutil.copytree(paths.SOURCE_DIR, target)
    return target


def _decode_typed_arrays(node):
    """Plotly sends numeric arrays as {'dtype', 'bdata'} (base64); turn them back into lists."""
    if isinstance(node, dict):
        if "bdata" in node and "dtype" in node:
            array = np.frombuffer(base64.b64decode(node["bdata"]), dtype=np.dtype(node["dtype"]))
            return array.reshape(node["shape"]).tolist() if "shape" in node else array.tolist()
        return {key: _decode_typed_arrays(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_decode_typed_arrays(item) for item in node]
    return node


def plotly_figures(app_test) -> list[go.Figure]:
    """Every chart an AppTest run drew, as Plotly figures with their values readable."""
    return [
        go.Figure(_decode_typed_arrays(json.loads(chart.proto.spec)), skip_invalid=True)
        for chart in app_test.get("plotly_chart")
    ]


TILE = re.compile(r'<p class="psw-tile-label">(.*?)</p><p class="psw-tile-value">(.*?)</p>')


def _blocks(app_test) -> list[str]:
    """The text of every Markdown and HTML block on an AppTest page (st.html's body is its `value`)."""
    return [m.value for m in app_test.markdown] + [h.value for h in app_test.get("html")]


def tiles(app_test) -> dict[str, str]:
    """Headline tiles on an AppTest page: label -> value, as a reader sees them (a glossary link in a label is read
    as its words)."""
    return {
        html.unescape(re.sub(r"<[^>]+>", "", label)): html.unescape(value)
        for block in _blocks(app_test)
        for label, value in TILE.findall(block)
    }


class _TableReader(HTMLParser):
    """The psw-table tables in an HTML block (psw_dash/page/tables.py), as header and rows of cell text."""

    def __init__(self):
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and ("class", "psw-table") in attrs:
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("th", "td") and self.tables:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def tables_in(block: str) -> list[pd.DataFrame]:
    """The psw-table tables in one block of HTML, each cell as the text a reader sees."""
    reader = _TableReader()
    reader.feed(block)
    return [pd.DataFrame(rows[1:], columns=rows[0]) for rows in reader.tables]


def tables(app_test) -> list[pd.DataFrame]:
    """Every table on an AppTest page, in page order, each cell as the text a reader sees."""
    return [table for block in _blocks(app_test) for table in tables_in(block)]


def as_numbers(column: pd.Series) -> pd.Series:
    """A table column of counts as printed ('1,112') back to numbers."""
    return pd.to_numeric(column.str.replace(",", "", regex=False))


def all_text(app_test) -> str:
    """Everything a reader sees as text on an AppTest page."""
    parts = [m.value for m in (*app_test.markdown, *app_test.title, *app_test.header, *app_test.subheader)]
    parts += [h.value for h in app_test.get("html") if not h.value.lstrip().startswith(("<style", "<script"))]
    # The words, not the markup: an inline tag (a glossary term's link, emphasis) is part of the word it wraps.
    parts = [
        re.sub(r"<[^>]+>", " ", re.sub(r"</?(?:a|em|strong|span|code|abbr)\b[^>]*>", "", html.unescape(str(p))))
        for p in parts
    ]
    parts += [e.value for e in app_test.warning] + [e.value for e in app_test.info] + [e.value for e in app_test.error]
    return " ".join(" ".join(str(p) for p in parts).split())  # whitespace folded, as a reader sees it


def pdf_page_png(pdf: Path, number: int, dpi: int, stem: Path) -> Path:
    """Page `number` of a PDF as a PNG at `stem`.png, drawn by poppler's pdftoppm, for a person (or a test) to look at."""
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-f", str(number), "-l", str(number), str(pdf), str(stem)],
        check=True,
    )
    return stem.with_suffix(".png")
