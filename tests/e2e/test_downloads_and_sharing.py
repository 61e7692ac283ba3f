"""Downloads and sharing in the browser: every download one click from the Overview's first screen on a laptop,
'Make' giving way to 'Download' once a pack is ready, and 'Copy link to this view' giving a link that reopens the
same view (psw_dash/export/panel.py, psw_dash/page/share.py)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from devtools import serve
from psw_dash.vocabulary import links
from tests import a11y
from tests.e2e.conftest import FIRST_DRAW_TIMEOUT_MS

LAPTOP = {"width": 1366, "height": 768}


def test_every_download_is_one_click_from_the_overviews_first_screen_on_a_laptop(make_visit):
    visit = make_visit(**LAPTOP)
    page = visit.open("", charts=1)
    link = page.locator('[data-testid="stMain"] a', has_text="Downloads").first  # the first in the page
    box = link.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= LAPTOP["height"], box
    link.click()
    expect(page).to_have_url(re.compile(r"/downloads$"))
    serve.wait_until_drawn(page, 0)
    main = page.locator('[data-testid="stMain"]')
    assert main.locator("h2").all_inner_texts()[:4] == [
        "Briefing pack (PDF)",
        "Slides (PPTX)",
        "Spreadsheet (XLSX)",
        "Data package (ZIP)",
    ]
    expect(
        main.get_by_role("button", name=re.compile(r"^(Make|Download) the briefing pack of all views"))
    ).to_be_visible()
    expect(main.get_by_role("button", name=re.compile(r"^(Make|Download) the slides of all views"))).to_be_visible()
    with page.expect_download() as spreadsheet:
        main.get_by_role("button", name=re.compile(r"^Download every table as a spreadsheet")).click()
    assert spreadsheet.value.suggested_filename == links.SPREADSHEET
    with page.expect_download() as package:
        main.get_by_role("button", name=re.compile(r"^Download the data package")).click()
    assert package.value.suggested_filename == links.ZIP


def test_make_gives_way_to_download_once_the_pack_is_ready(visit):
    page = visit.open("downloads", charts=0)
    main = page.locator('[data-testid="stMain"]')
    main.get_by_label("Views in the briefing pack").click()
    a11y.click_and_settle(page, page.get_by_role("option", name="Training"))
    make = main.get_by_role("button", name="Make the briefing pack of this view (Training) (PDF)")
    if make.count():  # not yet made by this server (another test may have made it)
        make.click()
    download = main.get_by_role("button", name=re.compile(r"^Download the briefing pack of this view \(Training\)"))
    expect(download).to_be_visible(timeout=120_000)
    serve.wait_until_drawn(page, 0)
    expect(main.get_by_role("button", name=re.compile(r"^Make the briefing pack"))).to_have_count(0)
    with page.expect_download() as pdf:
        download.click()
    assert pdf.value.suggested_filename == "psw-2019-briefing-pack-training.pdf"


def test_copy_link_to_this_view_reopens_the_same_view(visit, browser):
    page = visit.open("employment", charts=1)
    a11y.click_and_settle(page, page.get_by_role("radio", name="Paid and unpaid"))
    a11y.click_and_settle(page, page.get_by_role("button", name="Copy link to this view"))
    code = page.locator('[data-testid="stPopoverBody"] [data-testid="stCode"] code')
    expect(code).to_contain_text("/employment?")
    url = code.inner_text().strip()
    assert re.fullmatch(rf"{re.escape(visit.app_url)}/employment\?view=paid", url), url

    other = browser.new_context(viewport=LAPTOP)
    try:
        fresh = other.new_page()
        fresh.goto(url)
        serve.wait_until_drawn(fresh, 1, timeout_ms=FIRST_DRAW_TIMEOUT_MS)  # a new session: a cold first page
        expect(fresh.get_by_role("radio", name="Paid and unpaid")).to_have_attribute("aria-checked", "true")
    finally:
        other.close()
