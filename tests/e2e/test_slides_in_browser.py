"""The slides in a real browser, locally and in hosted mode: on a view, and on the Overview, a click makes the deck
with its progress shown, then it downloads as a PPTX whose slides are the view's charts, each linking back to
this copy's own address."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect
from pptx import Presentation

from devtools import serve
from psw_dash.export import slides
from psw_dash.views import views
from tests.e2e.conftest import FIRST_DRAW_TIMEOUT_MS, Visit

MAKING_TIMEOUT_MS = 180_000  # the all-views deck on a busy 2-core machine, with the charts built first


def _open(visit: Visit, path: str, charts: int = 1):
    """The page, drawn: each test's server may not have drawn this page yet, and the machine may be busy."""
    visit.page.goto(f"{visit.app_url}/{path}", timeout=FIRST_DRAW_TIMEOUT_MS)
    serve.wait_until_drawn(visit.page, charts, timeout_ms=FIRST_DRAW_TIMEOUT_MS)
    return visit.page


def _download_deck(page, label: str, in_box: bool = True) -> tuple[str, Presentation]:
    """Open the view's download box (the Downloads page has none), make the deck (unless made already), download
    it and read it back."""
    if in_box:
        page.get_by_text("Download this view (briefing pack, slides)").click()  # its buttons come with a rerun
    make = page.get_by_role("button", name=f"Make the slides of {label} (PPTX)")
    download = page.get_by_role("button", name=re.compile(rf"Download the slides of {re.escape(label)} \(PPTX, "))
    expect(make.or_(download)).to_be_visible(timeout=FIRST_DRAW_TIMEOUT_MS)
    if make.is_visible():
        make.click()
    expect(download).to_be_visible(timeout=MAKING_TIMEOUT_MS)
    with page.expect_download() as downloaded:
        download.click()
    return downloaded.value.suggested_filename, Presentation(io.BytesIO(open(downloaded.value.path(), "rb").read()))


def _titles(deck) -> list[str]:
    return [slide.shapes.title.text_frame.text for slide in deck.slides]


def _check_view_deck(visit: Visit) -> None:
    page = _open(visit, "service_models")
    name, deck = _download_deck(page, "this view (Service models)")
    assert name == "psw-2019-slides-service-models.pptx"
    assert _titles(deck)[1] == views.framed("service_models").chart.headline
    assert len(deck.slides) == 1 + 1 + 3  # cover, the chart, the closing slides
    notes = deck.slides[1].notes_slide.notes_text_frame.text
    assert f"{visit.app_url}/service_models" in notes  # the link leads back to this copy, not another
    assert [s for s in deck.slides[1].shapes if s.has_chart]
    assert not visit.exceptions()


def _check_overview_deck(visit: Visit) -> None:
    page = _open(visit, "downloads", charts=0)
    name, deck = _download_deck(page, "all views", in_box=False)
    assert name == "psw-2019-slides-all-views.pptx"
    assert len(deck.slides) == 1 + sum(len(charts) for charts in views.PAGE_CHARTS.values()) + 3
    assert _titles(deck)[0] == f"{slides.TITLE}: All views"
    assert not visit.exceptions()


@pytest.fixture
def local(browser, app_url):
    visit = Visit(browser, app_url)
    yield visit
    visit.close()


@pytest.fixture
def hosted(browser, hosted_url):
    visit = Visit(browser, hosted_url)
    yield visit
    visit.close()


def test_a_views_slides_download_locally(local):
    _check_view_deck(local)


def test_the_slides_of_all_views_download_from_the_downloads_page_locally(local):
    _check_overview_deck(local)


def test_a_views_slides_download_in_hosted_mode(hosted):
    _check_view_deck(hosted)


def test_the_slides_of_all_views_download_from_the_downloads_page_in_hosted_mode(hosted):
    _check_overview_deck(hosted)
