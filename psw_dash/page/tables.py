"""Every table the app shows, as one plain HTML table: readable by screen readers, and cheap to draw.

Streamlit's st.table is a React component per table (and st.tabs around it another): each costs
every page switch several milliseconds of the browser's main thread, where a plain <table> sent in
one st.html block costs almost nothing (bench/README.md, "What an element costs"). A table the reader
opens on demand sits in a native <details>, so it needs no rerun and no script to open.
"""

from __future__ import annotations

import html

import pandas as pd


def _cell(value) -> str:
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"  # a count as the report prints it: 1,112
    return html.escape(str(value))


def table_html(table: pd.DataFrame, caption: str | None = None) -> str:
    """`table` as an HTML table: a header row of column names (scope=col), every cell escaped, no index."""
    head = "".join(f'<th scope="col">{html.escape(str(column))}</th>' for column in table.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(value)}</td>" for value in row) + "</tr>"
        for row in table.itertuples(index=False, name=None)
    )
    caption_html = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f'<table class="psw-table">{caption_html}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def disclosed(summary: str, inner_html: str, css_class: str = "", opened: bool = False) -> str:
    """A native <details> block: closed (unless `opened`) until the reader opens it, by mouse or keyboard, with
    no rerun."""
    classes = " ".join(name for name in ("psw-details", css_class) if name)
    return (
        f'<details class="{classes}"{" open" if opened else ""}><summary>{html.escape(summary)}</summary>'
        f"{inner_html}</details>"
    )
