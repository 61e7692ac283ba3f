"""A user's own PSW headcounts by date (national, or one organisation's), checked before anything is shown.

Like the regional upload (regional.read_upload): every problem is collected and reported by row,
all at once, and nothing is returned unless every row passes. The shipped data is never touched.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pandas as pd

from psw_dash.own_files.regional import UploadError, finite_number
from psw_dash.page import untrusted

MAX_UPLOAD_BYTES = 100_000
MAX_UPLOAD_ROWS = 200
TEMPLATE_COLUMNS = ("date", "headcount", "scope")
EARLIEST = date(2000, 1, 1)  # before any NHS PSW count the project knows of
# More PSWs than this in one count is not credible: England had 862 in 2019 and the later plan aims at
# over 6,500 by 2036/37; 100,000 is roughly the NHS's whole mental health nursing workforce.
MAX_HEADCOUNT = 100_000
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


def template_csv() -> bytes:
    """A CSV to fill in, with one example row that the user replaces."""
    return b"date,headcount,scope\n2019-09-30,862,England (the 2019 census: replace or delete this row)\n"


def _date(text: str) -> date | None:
    for layout in DATE_FORMATS:
        try:
            return datetime.strptime(text, layout).date()
        except ValueError:
            continue
    return None


def read_upload(content: bytes, today: date | None = None) -> pd.DataFrame:
    """Check a CSV of headcounts by date; return date, count, scope sorted by date, or raise UploadError."""
    today = today or date.today()
    if not content.strip():
        raise UploadError(["The file is empty: it needs the header 'date,headcount,scope' and one row per count."])
    if len(content) > MAX_UPLOAD_BYTES:
        raise UploadError([f"The file is {len(content):,} bytes; the limit is {MAX_UPLOAD_BYTES:,}."])
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
    if "\x00" in text:
        raise UploadError(["The file is not a CSV text file (it holds binary data). Use the template."])
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise UploadError([f"The file cannot be read as CSV ({exc})."]) from None
    header = [cell.strip().lower() for cell in rows[0]] if rows else []
    missing = [c for c in TEMPLATE_COLUMNS if c not in header]
    extra = [c for c in header if c not in TEMPLATE_COLUMNS]
    if missing or extra or not header:
        header_problems = []
        if missing:
            header_problems.append(f"Missing column(s): {', '.join(missing)}.")
        if extra:
            header_problems.append(
                f"Column(s) not in the template: {', '.join(untrusted.code(c) if c else '(blank)' for c in extra)}."
            )
        raise UploadError(
            header_problems + ["The header must be exactly: date,headcount,scope (download the template)."]
        )
    body = [(number, row) for number, row in enumerate(rows[1:], start=2) if any(cell.strip() for cell in row)]
    if not body:
        raise UploadError(["The file has a header but no rows of counts."])
    if len(body) > MAX_UPLOAD_ROWS:
        raise UploadError([f"The file has {len(body):,} rows; the limit is {MAX_UPLOAD_ROWS}."])

    index = {c: header.index(c) for c in TEMPLATE_COLUMNS}
    problems: list[str] = []
    records: list[dict[str, object]] = []
    seen: dict[date, int] = {}
    for number, row in body:
        if len(row) > len(header):
            problems.append(f"Row {number}: {len(row)} cells, but the header has {len(header)}.")
        cells = {c: (row[i].strip() if i < len(row) else "") for c, i in index.items()}
        when = _date(cells["date"])
        if not cells["date"]:
            problems.append(f"Row {number}: the date is empty (use YYYY-MM-DD, e.g. 2023-03-31).")
        elif when is None:
            problems.append(
                f"Row {number}: the date {untrusted.code(cells['date'])} is not a date "
                "(use YYYY-MM-DD, e.g. 2023-03-31)."
            )
        elif when > today:
            problems.append(f"Row {number}: the date {when.isoformat()} is in the future.")
        elif when < EARLIEST:
            problems.append(f"Row {number}: the date {when.isoformat()} is before {EARLIEST.year}.")
        elif when in seen:
            problems.append(f"Row {number}: the date {when.isoformat()} appears again (first on row {seen[when]}).")
        else:
            seen[when] = number
        count = finite_number(cells["headcount"])
        if count is None:
            problems.append(f"Row {number}: the headcount {untrusted.code(cells['headcount'])} is not a number.")
        elif count < 0:
            problems.append(f"Row {number}: the headcount {count:g} is negative.")
        elif count > MAX_HEADCOUNT:
            problems.append(f"Row {number}: the headcount {count:,.0f} is not credible (over {MAX_HEADCOUNT:,} PSWs).")
        elif not count.is_integer():
            problems.append(f"Row {number}: the headcount {count:g} is not a whole number of people.")
        records.append({"date": when, "count": count, "scope": cells["scope"]})
    if problems:
        raise UploadError(problems)
    return pd.DataFrame(records).sort_values("date").reset_index(drop=True)
