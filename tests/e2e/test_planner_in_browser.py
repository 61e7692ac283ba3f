"""The planner in a real browser: inputs change the chart and the sentence, a copied link reopens the scenario."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from devtools import serve
from psw_dash.own_files import national_upload
from tests.e2e.conftest import Visit

SENTENCE = "grow by about"


def sentence(page) -> str:
    return page.locator(".psw-sentence strong").filter(has_text=SENTENCE).first.inner_text()


def headline(page) -> str:
    return page.locator('[class*="st-key-frame-planner"] h2').first.inner_text()


def path_points(page) -> int:
    return page.locator('[data-testid="stPlotlyChart"] .scatterlayer .trace').count()


def drawn_lines(page) -> list[str]:
    """The lines the chart has drawn (the counted series and the modelled path), as their SVG paths."""
    return page.locator('[data-testid="stPlotlyChart"] .scatterlayer path.js-line').evaluate_all(
        "paths => paths.map(path => path.getAttribute('d'))"
    )


def test_changing_inputs_changes_chart_and_sentence_and_the_copied_link_reopens_them(visit, browser, app_url):
    page = visit.open("planner", charts=1)
    before_sentence, before_headline, before_lines = sentence(page), headline(page), drawn_lines(page)
    assert "grow by about 46% a year" in before_sentence and "46% a year" in before_headline
    assert page.get_by_role("spinbutton").count() == 0  # the inputs wait until asked for

    page.locator("summary").filter(has_text="Change the scenario").click()
    trainees = page.get_by_role("spinbutton", name="Trainees per FTE post filled (up to)")
    trainees.fill("2")
    trainees.press("Enter")
    page.wait_for_url("**tpp=2**")
    serve.wait_until_drawn(page, 1)
    page.get_by_role("radio", name="Straight line (same number each year)").click()
    page.wait_for_url("**shape=straight**")
    serve.wait_until_drawn(page, 1)
    page.get_by_text("grow by about 860 PSWs a year").first.wait_for()

    after_sentence, after_headline = sentence(page), headline(page)
    assert after_sentence != before_sentence and "860 PSWs a year" in after_sentence
    assert "and up to 2 PSWs trained per FTE post filled" in after_sentence
    assert after_headline != before_headline and "860 PSWs a year" in after_headline
    # The chart itself is drawn again with the new path (the browser's figure names its data revision by its
    # content, psw_dash/charts/browser_figure.py): the modelled path changed, the counted series did not.
    after_lines = drawn_lines(page)
    assert len(after_lines) == len(before_lines) and after_lines != before_lines
    assert after_lines[0] == before_lines[0]
    visit.screenshot("planner-changed")

    copied = page.url
    reopened = Visit(browser, app_url)
    try:
        reopened.page.goto(copied)
        serve.wait_until_drawn(reopened.page, 1)
        assert sentence(reopened.page) == after_sentence
        assert headline(reopened.page) == after_headline
        stated = reopened.page.locator("table.psw-table").filter(has_text="Trainees per FTE post filled (up to)")
        assert "Straight line" in stated.inner_text()
        assert reopened.exceptions() == [] and reopened.page_errors == []
    finally:
        reopened.close()
    assert visit.exceptions() == [] and visit.page_errors == [] and visit.foreign_requests() == []


@pytest.mark.parametrize("key", ["Enter", "Tab"])
def test_a_typed_start_date_is_applied_on_enter_and_on_tab(visit, key):
    """Typed with the keyboard, then Enter (or Tab to leave the field): the answer is for the new start at once,
    and says so in its first words. From 2,500 on 31 March 2023 to 4,730 on 31 March 2024 is one year:
    4,730 / 2,500 - 1 = 89% a year. Streamlit's date field sent a typed date only when its calendar closed on a
    click elsewhere, so the answer stayed at 30 September 2019's 15% a year."""
    page = visit.page
    page.goto(f"{visit.app_url}/planner?start=2500")
    serve.wait_until_drawn(page, 1, timeout_ms=120_000)  # a server's first planner page builds what others reuse
    answer = page.locator(".psw-sentence strong").filter(has_text=SENTENCE).first
    expect(answer).to_contain_text("2,500 on 30 September 2019")
    expect(answer).to_contain_text("about 15% a year")
    page.locator("summary").filter(has_text="Change the scenario").click()
    field = page.get_by_label(re.compile(r"^Counted on")).first
    field.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("31/03/2023")
    page.keyboard.press(key)
    expect(answer).to_contain_text("about 89% a year", timeout=30_000)
    assert answer.inner_text().startswith("From 2,500 on 31 March 2023, to reach 4,730 by 31 March 2024,")
    page.wait_for_url("**from=2023-03-31**")  # and a copied link keeps it
    serve.wait_until_drawn(page, 1)
    assert visit.exceptions() == [] and visit.page_errors == []


def test_a_bad_link_value_gives_a_notice_and_the_default(visit):
    page = visit.open("planner?start=%2A%2Abold%2A%2A&tpp=99", charts=1)
    notice = page.locator('[data-testid="stAlert"]').filter(has_text="The link's value").inner_text()
    assert "'start' was not a whole number" in notice and "'tpp'" in notice and "bold" not in notice
    assert sentence(page).startswith("From 862 on 30 September 2019,")
    assert visit.exceptions() == []


def test_uploads_in_the_browser_bad_then_good(visit, tmp_path):
    page = visit.open("planner?mine=show", charts=1)
    with page.expect_download() as info:  # the template, made when clicked
        page.get_by_role("button", name="Download the template CSV").click()
    assert info.value.suggested_filename == "psw-headcounts.csv"
    assert Path(info.value.path()).read_bytes() == national_upload.template_csv()
    uploader = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    bad = tmp_path / "bad.csv"
    bad.write_text("date,headcount,scope\n2021-02-30,10,x\n2099-01-01,-3,x\n", encoding="utf-8")
    uploader.set_input_files(str(bad))
    alert = page.locator('[data-testid="stAlert"]').filter(has_text="was not loaded")
    alert.wait_for()
    text = alert.inner_text()
    assert "Row 2: the date 2021-02-30 is not a date" in text
    assert "Row 3: the date 2099-01-01 is in the future" in text and "Row 3: the headcount -3 is negative" in text

    good = tmp_path / "good.csv"
    good.write_text("date,headcount,scope\n2021-03-31,1800,England\n", encoding="utf-8")
    uploader.set_input_files(str(good))
    page.get_by_text("is 280 ahead of the path").first.wait_for()
    serve.wait_until_drawn(page, 1)
    assert page.locator('[data-testid="stPlotlyChart"]').get_by_text("1,800 (yours)").count() >= 1
    visit.screenshot("planner-own-counts")
    assert visit.exceptions() == []


BAD_FILES = [
    ("columns.csv", b"when,count\n2021-03-31,10\n", "Missing column(s): date, headcount, scope."),
    ("latin1.csv", "date,headcount,scope\n2021-03-31,10,caf\xe9\n".encode("latin-1"), "is not UTF-8 text"),
    ("empty.csv", b"", "The file is empty"),
    ("header-only.csv", b"date,headcount,scope\n", "header but no rows"),
    ("binary.csv", b"date,headcount,scope\n2021-03-31,1,\x00\x01\n", "not a CSV text file"),
    ("large.csv", b"date,headcount,scope\n" + b"2021-03-31,10,x\n" * 7000, "the limit is 100,000"),
    (
        "rows.csv",
        b"date,headcount,scope\n2021-03-31,lots,x\n2021-03-31,999999,x\n2022-03-31,1.5,x\n",
        "Row 3: the date 2021-03-31 appears again (first on row 2).",
    ),
]


def test_every_kind_of_bad_file_is_refused_in_the_browser_and_nothing_is_drawn(visit, tmp_path):
    page = visit.open("planner?mine=show", charts=1)
    uploader = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    for name, content, message in BAD_FILES:
        path = tmp_path / name
        path.write_bytes(content)
        uploader.set_input_files(str(path))
        page.locator('[data-testid="stAlert"]').filter(has_text=message).wait_for()
        serve.wait_until_drawn(page, 1)
        assert page.locator('[data-testid="stPlotlyChart"]').get_by_text("(yours)").count() == 0, name
    assert visit.exceptions() == []
