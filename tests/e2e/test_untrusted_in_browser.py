"""Hostile text in a link or an uploaded file, in a real browser: nothing it says is carried out.

For each page and each query parameter it reads (tests/payloads.py), a link carrying a hostile value
(a Markdown link or image, a bare URL or e-mail address, raw HTML, LaTeX, a colour directive, a line
break, 10,000 characters) must add no link, image, formula or embedded element to the page, make no
request to another host, and show the notice that the value was not recognised. The same runs on a
hosted (read-only) server. Each case's outcome is also written to artifacts/security/, so a run on
older code counts how many cases planted something.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from urllib.parse import quote

import pytest

from devtools import serve
from psw_dash import paths, settings
from tests import payloads

RESULTS = paths.ROOT / "artifacts" / "security"
PAGES_WITH_CHARTS = {"data_sources": 0, "downloads": 0, "regions": 3}  # others draw one chart on their default view

# What text must never bring onto the page: links, images, KaTeX/MathML formulae, embedded content.
PLANTED = """() => [...document.querySelectorAll('a, img, .katex, math, iframe, object, embed, video, audio')]
    .map(e => e.tagName.toLowerCase() + (e.classList.contains('katex') ? '.katex' : '') + ' '
              + (e.getAttribute('href') || e.getAttribute('src') || ''))"""


@pytest.fixture(scope="module")
def servers(app_url, hosted_url):
    return {settings.LOCAL: app_url, settings.HOSTED: hosted_url}


def _record(name: str, cases: list[dict]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"browser-fuzz-{name}.json").write_text(json.dumps(cases, indent=1, ensure_ascii=False))


def _open(visit, path: str, charts: int) -> list[str]:
    visit.requests.clear()
    visit.page.goto(f"{visit.app_url}/{path}")
    serve.wait_until_drawn(visit.page, charts)
    # The footer is drawn last: a page without charts can otherwise look ready before its text is there.
    visit.page.locator("p.psw-source", has_text="Figures are transcribed as printed").wait_for()
    return visit.page.evaluate(PLANTED)


def _alerts(page) -> list[str]:
    return page.locator('[data-testid="stAlert"]').all_inner_texts()


def _planted(before: list[str], after: list[str]) -> list[str]:
    """Elements on the page now that were not there without the hostile value."""
    return sorted((Counter(after) - Counter(before)).elements())


def _echoed(value: str, texts: list[str]) -> bool:
    """Whether a message repeats the value (its first characters, or the hostile host)."""
    start = value.strip()[:10]
    return any(payloads.EVIL_HOST in text or (start and start in text) for text in texts)


def _fuzz_page(visit, mode: str, page_name: str, payload_names: tuple[str, ...]) -> list[dict]:
    charts = PAGES_WITH_CHARTS.get(page_name, 1)
    baseline = _open(visit, page_name, charts)
    cases = []
    params = [(p, True) for p in payloads.CHOICE_PARAMS.get(page_name, ())] + [
        (p, False) for p in payloads.FREE_TEXT_PARAMS.get(page_name, ())
    ]
    for param, is_choice in params:
        read = not (mode == settings.HOSTED and (page_name, param) in payloads.LOCAL_ONLY_PARAMS)
        for name in payload_names:
            value = payloads.PAYLOADS[name]
            found = _open(visit, f"{page_name}?{param}={quote(value, safe='')}", charts)
            alerts = _alerts(visit.page)
            if (page_name, name) == ("people", "markdown_link"):
                visit.screenshot(f"untrusted-notice-{mode}")  # looked at by hand: the notice, no link
            notice = [a for a in alerts if "was not recognised" in a and f"?{param}=" in a]
            cases.append(
                {
                    "mode": mode,
                    "page": page_name,
                    "param": param,
                    "payload": name,
                    "planted": _planted(baseline, found),
                    "foreign_requests": visit.foreign_requests(),
                    "notice_expected": is_choice and read,
                    "notice_shown": bool(notice),
                    "value_echoed": _echoed(value, alerts),
                    "exceptions": visit.exceptions(),
                }
            )
    return cases


def _failures(cases: list[dict]) -> list[dict]:
    return [
        c
        for c in cases
        if c["planted"]
        or c["foreign_requests"]
        or c["exceptions"]
        or c["value_echoed"]
        or c["notice_expected"] != c["notice_shown"]
    ]


PAGES_READING_PARAMS = sorted(set(payloads.CHOICE_PARAMS) | set(payloads.FREE_TEXT_PARAMS))


@pytest.mark.parametrize("page_name", PAGES_READING_PARAMS)
def test_hostile_link_values_plant_nothing_and_get_the_notice(reused_visit, page_name):
    cases = _fuzz_page(reused_visit, settings.LOCAL, page_name, payloads.BROWSER_PAYLOADS)
    _record(f"local-{page_name}", cases)
    assert _failures(cases) == []


def test_the_same_holds_in_hosted_mode(make_visit, hosted_url):
    visit = make_visit(url=hosted_url)
    cases = [
        case
        for page_name in PAGES_READING_PARAMS
        for case in _fuzz_page(visit, settings.HOSTED, page_name, payloads.HOSTED_PAYLOADS)
    ]
    _record("hosted", cases)
    assert _failures(cases) == []


UPLOAD_PAYLOADS = (
    "markdown_link",
    "markdown_image",
    "autolink_email",
    "html_img",
    "latex_href",
    "newline_heading_image",
)


def _csv(cell: str, value: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["region", "count", "period"])
    writer.writerow(
        {"region": [value, "12", "2023/24"], "period": ["London", "12", value], "name": ["London", "12", "2023/24"]}[
            cell
        ]
    )
    return buffer.getvalue().encode("utf-8")


def _upload(visit, cell: str, name: str) -> dict:
    """Open the upload panel, send a file with the hostile value in `cell` (or its file name), and see
    what the page shows; if the file is taken, show the chart whose subtitle carries its period."""
    value = payloads.PAYLOADS[name]
    page = visit.page
    baseline = _open(visit, "regions?own=show", 3)
    file_name = (value.replace("\n", " ") + ".csv") if cell == "name" else "counts.csv"
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        {"name": file_name, "mimeType": "text/csv", "buffer": _csv(cell, value)}
    )
    refused = page.locator('[data-testid="stAlert"]').filter(has_text="was not loaded")
    taken = page.locator('[data-testid="stAlert"]').filter(has_text=re.compile(r"Loaded \d+ region"))
    refused.or_(taken).first.wait_for()
    loaded = taken.count() > 0
    if loaded:
        page.get_by_role("radio", name="Yours per 100,000").click()
    serve.wait_until_drawn(page, 2)
    alerts = _alerts(page)
    if (cell, name) == ("period", "markdown_image"):
        visit.screenshot("untrusted-upload-error")  # looked at by hand: the cell as code, row named
    return {
        "cell": cell,
        "payload": name,
        "loaded": loaded,
        "planted": _planted(baseline, page.evaluate(PLANTED)),
        "foreign_requests": visit.foreign_requests(),
        "row_named": any("Row 2" in a for a in alerts),
        "exceptions": visit.exceptions(),
    }


def test_hostile_upload_cells_and_file_names_plant_nothing(reused_visit):
    cases = [
        _upload(reused_visit, cell, name) for cell in payloads.UPLOAD_TEXT_CELLS + ("name",) for name in UPLOAD_PAYLOADS
    ]
    _record("upload", cases)
    assert [c for c in cases if c["planted"] or c["foreign_requests"] or c["exceptions"]] == []
    # A hostile cell is refused with its row named; a hostile file name alone refuses nothing.
    assert all(not c["loaded"] and c["row_named"] for c in cases if c["cell"] != "name")
