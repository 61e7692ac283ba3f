"""Regional measures for the map, and a user's own counts by region, checked before anything is shown.

The 2019 report printed no PSW count by region (its map's values are only in an image), so the
published measures here are reference ones: trusts taking part, trusts per million, population,
and a modelled, population-weighted share of the 4,730 target. A user may add their own counts.
"""

from __future__ import annotations

import csv
import datetime
import io
import math
import re
from dataclasses import dataclass, replace

import pandas as pd

from psw_dash.page import tables, untrusted
from psw_dash.vocabulary import formatting, sources

MAX_UPLOAD_BYTES = 100_000
MAX_UPLOAD_ROWS = 50
TEMPLATE_COLUMNS = ("region", "count", "period")
# The period a count refers to reaches the chart's subtitle and the download, so it must be a period:
# a date (2019-09-30), a month (2019-09, September 2019, Sep 2019), a year (2019) or a financial year
# (2023/24), nothing else. Nothing typed in a cell is ever shown as it was typed (psw_dash.page.untrusted).
PERIOD_MAX_CHARACTERS = 20
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_PERIOD = re.compile(
    rf"(?P<date>\d{{4}}-\d{{2}}-\d{{2}})|(?P<month>\d{{4}}-(0[1-9]|1[0-2]))|\d{{4}}"
    rf"|(?P<fy>(?P<start>\d{{4}})/(?P<end>\d{{2}}))"
    rf"|(?i:(?:{_MONTHS}|{'|'.join(m[:3] for m in _MONTHS.split('|'))})\x20\d{{4}})",
    re.ASCII,
)
PERIOD_HELP = "a date (2019-09-30), a month (2019-09 or September 2019), a year (2019) or a financial year (2023/24)"


@dataclass(frozen=True)
class Metric:
    label: str
    column: str
    unit: str
    kind: str  # "reference", "derived", "modelled" or "user-supplied"
    method: str
    button: str = ""  # the short name on the measure buttons, so they sit in one or two even rows on a phone


# Labels and methods name the data's own numbers by {placeholder}, filled by worded(): no figure is typed here.
METRICS = {
    "trusts": Metric(
        "Participating trusts",
        "participating_trusts",
        "count",
        "reference",
        "Trusts in the report's appendix, matched to 2019 NHS regions through the NHS Digital ODS "
        "trusts extract of 2020-02-13 ({by_hand} matched by hand).",
        "Trusts",
    ),
    "trusts_per_million": Metric(
        "Participating trusts per million population",
        "trusts_per_million",
        "per_million",
        "derived",
        "Derived: participating trusts / ONS mid-2019 population x 1,000,000.",
        "Trusts per million",
    ),
    "population": Metric(
        "Population, mid-2019",
        "population",
        "count",
        "reference",
        "ONS mid-2019 population estimates aggregated to NHS England regions (April 2019).",
        "Population",
    ),
    "fair_share": Metric(
        "Modelled share of the {target} target",
        "modelled_target_share",
        "count",
        "modelled",
        "Modelled: {target} x the region's share of England's mid-2019 population. Not a published "
        "allocation: it shows what an even spread by population would mean.",
        "Modelled share of {target}",
    ),
}
USER_METRICS = {
    "user_per_100k": Metric(
        "Your PSW count per 100,000 population",
        "user_per_100k",
        "per_100k",
        "user-supplied",
        "Your count / ONS mid-2019 population x 100,000.",
        "Yours per 100,000",
    ),
    "user_vs_share": Metric(
        "Your count as % of the modelled share of {target}",
        "user_vs_share",
        "percent",
        "user-supplied",
        "Your count / the modelled population-weighted share of {target} x 100.",
        "Yours as % of share",
    ),
}


def worded(target: float, trusts: pd.DataFrame) -> dict[str, Metric]:
    """Every measure (the user's too) with its words filled from the data: the target, trusts matched by hand."""
    words = {
        "target": formatting.number(target),
        "by_hand": formatting.number(int(trusts["match_method"].str.startswith("by hand").sum())),
    }
    return {
        key: replace(m, label=m.label.format(**words), method=m.method.format(**words), button=m.button.format(**words))
        for key, m in {**METRICS, **USER_METRICS}.items()
    }


class UploadError(Exception):
    """The uploaded file cannot be used. Each message names the row (as numbered in the file) and the problem."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("\n".join(messages))


def finite_number(text: str) -> float | None:
    """A count as people type it ('1,200', ' 12 '), or None for text, blanks, NaN and infinity."""
    try:
        number = float(text.replace(",", ""))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def template_csv(regions: pd.DataFrame) -> bytes:
    """A CSV to fill in: one row per region, count left blank."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(TEMPLATE_COLUMNS)
    for row in regions.itertuples():
        writer.writerow([row.region_code, "", "2019-09-30"])
    return buffer.getvalue().encode("utf-8")


def _region_lookup(regions: pd.DataFrame) -> dict[str, str]:
    """Codes and names (any case, spaces trimmed) -> region code."""
    lookup = {code.lower(): code for code in regions["region_code"]}
    lookup.update(
        {name.lower(): code for name, code in zip(regions["region_name"], regions["region_code"], strict=True)}
    )
    return lookup


def period_problem(period: str) -> str | None:
    """Why a period cell cannot be used, or None if it is a date, month, year or financial year."""
    if not period:
        return "the period is empty"
    match = _PERIOD.fullmatch(period) if len(period) <= PERIOD_MAX_CHARACTERS else None
    if match is None:
        return f"the period {untrusted.code(period)} is not a date or period"
    if match["date"]:
        try:
            datetime.date.fromisoformat(match["date"])
        except ValueError:
            return f"the date {untrusted.code(period)} does not exist"
    if match["fy"] and int(match["end"]) != (int(match["start"]) + 1) % 100:
        return f"the financial year {untrusted.code(period)} does not run from one year to the next"
    return None


def read_upload(content: bytes, regions: pd.DataFrame) -> pd.DataFrame:
    """Check a user's CSV of PSW counts by region; return region_code, count, period, or raise UploadError.

    Every problem is collected and reported together; nothing is returned unless all rows pass.
    """
    if len(content) > MAX_UPLOAD_BYTES:
        raise UploadError(
            [
                (
                    f"The file is {len(content):,} bytes; the limit is {MAX_UPLOAD_BYTES:,} "
                    "(one row per region needs far less)."
                )
            ]
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UploadError(
            [
                (
                    f"The file is not UTF-8 text (byte {exc.start} cannot be read). "
                    "Save it as 'CSV UTF-8' and upload it again."
                )
            ]
        ) from None
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise UploadError(["The file is empty: it needs a header row 'region,count,period' and one row per region."])
    header = [cell.strip().lower() for cell in rows[0]]
    missing = [c for c in TEMPLATE_COLUMNS if c not in header]
    if missing:
        raise UploadError(
            [
                f"Missing column(s): {', '.join(missing)}. The header must name region, count and "
                f"period; this file has: {', '.join(untrusted.code(c) for c in rows[0][:10]) or '(nothing)'}"
                + (f" and {len(rows[0]) - 10} more" if len(rows[0]) > 10 else "")
                + "."
            ]
        )
    body = [(number, row) for number, row in enumerate(rows[1:], start=2) if any(cell.strip() for cell in row)]
    if not body:
        raise UploadError(["The file has a header but no rows of counts."])
    if len(body) > MAX_UPLOAD_ROWS:
        raise UploadError([f"The file has {len(body):,} rows; expected one per region ({len(regions)})."])

    lookup, index = _region_lookup(regions), {c: header.index(c) for c in TEMPLATE_COLUMNS}
    problems: list[str] = []
    records: list[dict[str, object]] = []
    seen: dict[str, int] = {}
    for number, row in body:
        cells = {c: (row[i].strip() if i < len(row) else "") for c, i in index.items()}
        code = lookup.get(cells["region"].lower())
        if not cells["region"]:
            problems.append(f"Row {number}: the region is empty.")
        elif code is None:
            problems.append(
                f"Row {number}: {untrusted.code(cells['region'])} is not an NHS England region of April 2019 "
                "(use a code such as E40000003 or a name such as London)."
            )
        elif code in seen:
            problems.append(
                f"Row {number}: {untrusted.code(cells['region'])} appears again (first on row {seen[code]})."
            )
        else:
            seen[code] = number
        count = finite_number(cells["count"])
        if count is None:
            problems.append(f"Row {number}: the count {untrusted.code(cells['count'])} is not a number.")
        elif count < 0:
            problems.append(f"Row {number}: the count {untrusted.code(cells['count'])} is negative.")
        problem = period_problem(cells["period"])
        if problem:
            problems.append(f"Row {number}: {problem}: use {PERIOD_HELP}.")
        records.append({"region_code": code, "count": count, "period": cells["period"]})
    if problems:
        raise UploadError(problems)
    return pd.DataFrame(records)


def with_user_counts(regions: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """Add the user's counts and the two measures made from them; regions they did not give stay empty."""
    table = regions.merge(
        counts.rename(columns={"count": "user_count", "period": "user_period"}), on="region_code", how="left"
    )
    table["user_per_100k"] = (table["user_count"] / table["population"] * 100_000).round(2)
    table["user_vs_share"] = (table["user_count"] / table["modelled_target_share"] * 100).round(1)
    return table


# Where each measure's numbers come from, as (document, section, page) for the source line.
# Trust counts come from the report's appendix list; the Long Term Plan's target from its Background.
_CITED = {
    "trusts": (sources.STOCKTAKE, "Appendix (trust list), matched to regions", 36),
    "trusts_per_million": (sources.STOCKTAKE, "Appendix (trust list), matched to regions", 36),
    "fair_share": (sources.STOCKTAKE, "Background (the Long Term Plan's target)", 4),
    "population": (sources.REFERENCE, "mid-2019 population by NHS England region (April 2019)", None),
}


def metric_rows(table: pd.DataFrame, metric_id: str, metrics: dict[str, Metric]) -> pd.DataFrame:
    """One frame-ready row per region for a measure (metrics: from worded()), highest first, with its status
    and method."""
    metric = metrics[metric_id]
    doc, section, page = _CITED.get(metric_id, (sources.REFERENCE, "population; your uploaded counts", None))
    rows = pd.DataFrame(
        {
            "figure_id": "region." + metric_id + "." + table["region_code"],
            "region_code": table["region_code"],
            "measure": metric.label,
            "category": table["region_name"],
            "value": table[metric.column].astype(float),
            "unit": metric.unit,
            "base_n": float("nan"),
            "period": table["user_period"] if metric.kind == "user-supplied" else "2019",
            "derived": metric.kind != "reference",
            "status": "" if metric.kind == "reference" else metric.kind,
            "source_doc": doc,
            "source_section": section,
            "source_page": page,
            "note": metric.method,
        }
    )
    return rows.dropna(subset=["value"]).sort_values("value", ascending=False, kind="stable").reset_index(drop=True)


NOT_PSWS = "not a measure of PSWs"


def headline(rows: pd.DataFrame) -> str:
    """The finding for a measure: which region is highest and which lowest, each value as the bars and the table
    write it (formatting.figure: a modelled count in whole people, a derived rate to one decimal place). The
    published measures are context (trusts, population, a modelled share), and the headline says they are not PSWs."""
    top, bottom = rows.iloc[0], rows.iloc[-1]
    label = rows["measure"].iloc[0]
    status = rows["status"].iloc[0]
    context = "" if status == "user-supplied" else f" ({NOT_PSWS})"
    return (
        f"{label}{context}: highest in {top['category']} ({formatting.figure(top)}), "
        f"lowest in {bottom['category']} ({formatting.figure(bottom)})" + (f" ({status})" if status else "")
    )


def reference_line(metric_id: str, england_rate: pd.Series) -> tuple[float, str] | None:
    """The national 2019 rate, for reading a user's rates against: about 1.5 per 100,000 (derived)."""
    if metric_id != "user_per_100k":
        return None
    # england_rate is the catalogue's row: its value reads as it does everywhere else (formatting.figure).
    return float(england_rate["value"]), f"England, Sep 2019: {formatting.figure(england_rate)} (derived, all PSWs)"


def trusts_by_region_html(trusts: pd.DataFrame, regions: pd.DataFrame, opened: str | None = None) -> str:
    """Each region's participating trusts in its own closed <details> (the one coded `opened` open), as one
    HTML block: every list is there for a reader (and a screen reader) to open, with no widget and no rerun."""
    return "".join(
        tables.disclosed(
            f"{name}: {len(listed)} participating trust{'s' if len(listed) != 1 else ''}",
            tables.table_html(listed),
            opened=code == opened,
        )
        for code, name in zip(regions["region_code"], regions["region_name"], strict=True)
        for listed in [trusts_in(trusts, code)]
    )


def trusts_in(trusts: pd.DataFrame, region_code: str) -> pd.DataFrame:
    """The participating trusts of one region, as a reader wants them listed."""
    chosen = trusts[trusts["region_code"] == region_code]
    matched = chosen["match_method"].str.startswith("by hand").map({True: "by hand", False: "ODS extract, by name"})
    return pd.DataFrame(
        {
            "Trust (as in the report)": chosen["trust_name"],
            "ODS code": chosen["ods_code"],
            "Region matched": matched.values,
        }
    )
