"""The chart frame every view uses: headline, subtitle, chart or table, summary, source, download."""
from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from psw_dash import charts, content, data, formatting, sources, theme
from psw_dash.schemas import SMALL_BASE

CITATION_COLUMNS = ("source_doc", "source_section", "source_page", "note")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_csv(table: pd.DataFrame) -> bytes:
    """CSV a spreadsheet opens safely: text cells that would start a formula get a leading quote."""
    def defuse(cell):
        return "'" + cell if isinstance(cell, str) and cell.startswith(FORMULA_START) else cell

    return table.apply(lambda column: column.map(defuse)).to_csv(index=False).encode("utf-8")


def source_line(table: pd.DataFrame) -> str:
    """'Source: PSW Stocktake 2019 (NHSBN/HEE, 2020), Background, p.4; ...' from the rows shown."""
    cited = table[list(CITATION_COLUMNS[:3])].drop_duplicates()
    return "Source: " + "; ".join(sources.citation(*row) for row in cited.itertuples(index=False)) + "."


def _base_cell(base_n: float, unit: str, derived: bool) -> str:
    """A printed percentage's base, flagged when small; counts, rates and derived values have none to give."""
    if pd.notna(base_n):
        return formatting.base(base_n) + (" (small base)" if base_n < SMALL_BASE else "")
    return "not published" if unit == "percent" and not derived else ""


def readable_table(table: pd.DataFrame) -> pd.DataFrame:
    """Catalogue rows as a person reads them: value with unit, base, derived and small-base flags."""
    if "value" not in table or "unit" not in table:
        return table.drop(columns=[c for c in CITATION_COLUMNS if c in table], errors="ignore")
    derived = table.get("derived", pd.Series(False, index=table.index)).astype(bool)
    shown = pd.DataFrame({
        "Measure": table["measure"],
        "Category": table["category"],
        "Value": [formatting.figure(row) for _, row in table.assign(derived=derived).iterrows()],
        "Base": [_base_cell(b, u, d) for b, u, d in zip(table["base_n"], table["unit"], derived)],
        "Type": ["derived" if d else "as printed" for d in derived],
    })
    return shown if shown["Category"].astype(bool).any() else shown.drop(columns="Category")


def _source_html(text: str) -> None:
    # A darker grey than st.caption's, which fails WCAG AA contrast.
    st.markdown(f'<p class="psw-source" style="color:{theme.SOURCE_TEXT};font-size:0.9rem">{html.escape(text)}</p>',
                unsafe_allow_html=True)


def show(chart: charts.Chart, table: pd.DataFrame, key: str, extra_source: str | None = None,
         beside: charts.Chart | None = None) -> None:
    """Render one chart in the standard frame. `table` is what is shown, with its citation columns.

    `beside` is a second view of the same values (a ranked chart beside a map), drawn next to it.
    """
    missing = [c for c in CITATION_COLUMNS if c not in table]
    if missing:
        raise ValueError(f"table for '{key}' lacks citation columns {missing}")
    with st.container(border=True, key=f"frame-{key}"):
        st.markdown(f"#### {chart.headline}")
        st.markdown(chart.subtitle)
        chart_tab, table_tab = st.tabs(["Chart", "Table"])
        with chart_tab:
            if beside is None:
                st.plotly_chart(chart.figure, config=theme.mode_bar(chart.slug), key=f"chart-{key}", theme=None)
            else:
                left, right = st.columns([3, 2])
                left.plotly_chart(chart.figure, config=theme.mode_bar(chart.slug), key=f"chart-{key}", theme=None)
                right.plotly_chart(beside.figure, config=theme.mode_bar(f"{chart.slug}-ranked"),
                                   key=f"chart-{key}-beside", theme=None)
        with table_tab:
            st.table(readable_table(table))
        st.markdown(f"**In words:** {chart.summary}")
        if "derived" in table and table["derived"].any():
            st.markdown("*Derived values are computed by this dashboard, not printed in the report; "
                        "the method is in the notes of the download and the Data and sources page.*")
        notes = [n for n in dict.fromkeys(table["note"]) if n]
        if notes:
            with st.expander("Notes"):
                st.markdown("\n".join(f"- {n}" for n in notes))
        _source_html(source_line(table) + (f" {extra_source}" if extra_source else ""))
        st.download_button(
            "Download CSV", data=safe_csv(table), file_name=f"{chart.slug}.csv", mime="text/csv",
            key=f"download-{key}", icon=":material/download:",
        )


def breakdown(key: str, *patterns: str, labels: list[str] | None = None, table_extra: tuple[str, ...] = ()) -> None:
    """The common case: catalogue rows -> labelled bars -> the frame, headline from content/headlines.toml.

    table_extra names further rows (e.g. the counts behind the shares) for the table and download only.
    """
    rows = data.rows(*patterns)
    table = pd.concat([rows, data.rows(*table_extra)], ignore_index=True) if table_extra else rows
    show(charts.bars(rows, content.headline(key), labels=labels), table, key=key)


def comparison(key: str, *patterns: str, names: list[str] | None = None, table_extra: tuple[str, ...] = ()) -> None:
    """PSW figures beside the comparator the report gives, category by category; names label each series."""
    rows = data.rows(*patterns)
    table = pd.concat([rows, data.rows(*table_extra)], ignore_index=True) if table_extra else rows
    measures = list(dict.fromkeys(rows["measure"]))
    show(charts.comparison_bars(rows, content.headline(key), measures, names), table, key=key)


def metrics(labels: dict[str, str], per_row: int = 3) -> None:
    """A grid of headline numbers: figure_id -> label; labels may name figures, e.g. '{target.ltp_psws_planned}'."""
    items = list(labels.items())
    for start in range(0, len(items), per_row):
        for column, (figure_id, label) in zip(st.columns(per_row), items[start:start + per_row]):
            with column:
                headline_metric(content.fill(label), data.figure(figure_id), key=figure_id)


def headline_metric(label: str, row: pd.Series, key: str) -> None:
    """One headline number with its base and citation; a derived one says so and gives its method."""
    with st.container(border=True, key=f"metric-{key}"):
        st.metric(label, formatting.figure(row),
                  help=row["note"] or None)
        caveat = "derived; crosses the series break" if "series break" in row["note"] else "derived"
        detail = [formatting.base(row["base_n"]), caveat if row["derived"] else ""]
        text = "; ".join(d for d in detail if d)
        if text:
            st.markdown(text)
        _source_html(source_line(pd.DataFrame([row])))
