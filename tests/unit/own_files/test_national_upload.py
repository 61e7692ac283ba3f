"""A user's own headcounts by date: a good file loads, every bad one is refused with each problem by row."""

from __future__ import annotations

from datetime import date

import pytest

from psw_dash.own_files import national_upload
from psw_dash.own_files.regional import UploadError
from psw_dash.page import untrusted
from tests import payloads

TODAY = date(2025, 6, 1)


def problems(content: str | bytes) -> list[str]:
    raw = content.encode("utf-8") if isinstance(content, str) else content
    with pytest.raises(UploadError) as raised:
        national_upload.read_upload(raw, today=TODAY)
    return raised.value.messages


def test_good_file_loads_sorted_by_date_in_either_date_layout():
    counts = national_upload.read_upload(
        b'date,headcount,scope\n31/03/2023,"2,100",England\n2021-03-31,1500,\n', today=TODAY
    )
    assert list(counts["date"]) == [date(2021, 3, 31), date(2023, 3, 31)]
    assert list(counts["count"]) == [1500, 2100]
    assert list(counts["scope"]) == ["", "England"]


def test_template_loads_as_it_is():
    assert len(national_upload.read_upload(national_upload.template_csv(), today=TODAY)) == 1


def test_every_row_problem_is_reported_at_once():
    messages = problems(
        "date,headcount,scope\n"
        "2021-13-01,100,x\n"  # row 2: not a date
        "2030-01-01,100,x\n"  # row 3: future
        "2021-03-31,-5,x\n"  # row 4: negative
        "2021-03-31,lots,x\n"  # row 5: duplicate date, not a number
        "2022-03-31,999999,x\n"  # row 6: absurd
        "2023-03-31,10.5,x\n"  # row 7: not whole
        ",20,x\n"  # row 8: empty date
        "1990-01-01,20,x\n"
    )  # row 9: too early
    assert messages == [
        "Row 2: the date `2021-13-01` is not a date (use YYYY-MM-DD, e.g. 2023-03-31).",
        "Row 3: the date 2030-01-01 is in the future.",
        "Row 4: the headcount -5 is negative.",
        "Row 5: the date 2021-03-31 appears again (first on row 4).",
        "Row 5: the headcount `lots` is not a number.",
        "Row 6: the headcount 999,999 is not credible (over 100,000 PSWs).",
        "Row 7: the headcount 10.5 is not a whole number of people.",
        "Row 8: the date is empty (use YYYY-MM-DD, e.g. 2023-03-31).",
        "Row 9: the date 1990-01-01 is before 2000.",
    ]


def test_missing_and_extra_columns_are_named():
    messages = problems("date,count,region\n2021-03-31,10,x\n")
    assert messages[0] == "Missing column(s): headcount, scope."
    assert messages[1] == "Column(s) not in the template: `count`, `region`."


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "The file is empty"),
        (b"   \n", "The file is empty"),
        (b"date,headcount,scope\n", "header but no rows"),
        ("date,headcount,scope\n2021-03-31,10,caf\xe9\n".encode("latin-1"), "not UTF-8 text"),
        (b"date,headcount,scope\n2021-03-31,10,\x00\x01\n", "not a CSV text file"),
        (b"date,headcount,scope\n" + b"2021-03-31,10,x\n" * 7000, "the limit is 100,000"),
        (
            "date,headcount,scope\n" + "".join(f"{2000 + i // 12}-{i % 12 + 1:02d}-01,1,x\n" for i in range(201)),
            "201 rows; the limit is 200",
        ),
        (b"date,headcount,scope\n2021-03-31,10,x,extra\n", "Row 2: 4 cells, but the header has 3."),
    ],
)
def test_unusable_files_are_refused_with_a_reason(content, message):
    assert any(message in m for m in problems(content))


def test_a_long_cell_is_not_echoed_in_full():
    messages = problems("date,headcount,scope\n" + "x" * 500 + ",10,x\n")
    assert len(messages[0]) < 120


@pytest.mark.parametrize("name", sorted(payloads.PAYLOADS))
def test_hostile_cells_are_quoted_only_as_code(name):
    """A date or headcount cell is named in its message only through untrusted.code, never as Markdown."""
    value = payloads.PAYLOADS[name].replace("\n", " ").replace(",", ";").replace('"', "'")
    body = f"date,headcount,scope\n{value},{value},x\n".encode()
    with pytest.raises(UploadError) as raised:
        national_upload.read_upload(body, today=date(2026, 1, 1))
    text = "\n".join(raised.value.messages)
    assert untrusted.code(value) in text
    assert value not in text.replace(untrusted.code(value), "") or len(value) <= 1
