"""Charts that travel, in a real browser: a chart's PNG and SVG downloads carry its frame, and the
briefing pack of a view is made with its progress shown and then downloads as a PDF."""

from __future__ import annotations

import io
import re
from pathlib import Path

from playwright.sync_api import expect
from pypdf import PdfReader

from devtools import serve
from psw_dash.page import content

HEADLINE = content.headline("service_models")


def test_chart_downloads_as_png_and_svg_with_its_headline(visit):
    page = visit.open("service_models", charts=1)
    page.get_by_role("button", name="Download image (PNG, SVG)").click()  # the popover: its buttons come with a rerun
    with page.expect_download() as svg_download:
        page.get_by_role("button", name="Download SVG").click()
    svg = Path(svg_download.value.path()).read_text(encoding="utf-8")
    assert svg_download.value.suggested_filename.startswith("psw-2019-chart-")
    assert svg_download.value.suggested_filename.endswith(".svg")
    words = " ".join(re.sub(r"<[^>]+>", " ", svg).split())
    assert " ".join(HEADLINE.split()[:6]) in words and "Source: PSW Stocktake 2019" in words
    with page.expect_download() as png_download:
        page.get_by_role("button", name="Download PNG").click()
    assert Path(png_download.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not visit.exceptions()


def test_view_pack_is_made_then_downloads_as_a_pdf(visit):
    page = visit.open("service_models", charts=1)
    page.get_by_text(
        "Download this view (briefing pack, slides)"
    ).click()  # the expander: its buttons come with a rerun
    page.get_by_role("button", name="Make the briefing pack of this view (Service models) (PDF)").click()
    download_button = page.get_by_role("button", name=re.compile(r"Download the briefing pack of this view"))
    expect(download_button).to_be_visible(timeout=120_000)
    with page.expect_download() as download:
        download_button.click()
    assert download.value.suggested_filename == "psw-2019-briefing-pack-service-models.pdf"
    pdf = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert " ".join(HEADLINE.split()) in text
    # Made once per data version: a new visit offers the download straight away, in one click.
    second = visit.context.new_page()
    second.goto(f"{visit.app_url}/service_models")
    serve.wait_until_drawn(second, 1)
    second.get_by_text("Download this view (briefing pack, slides)").click()
    expect(second.get_by_role("button", name=re.compile(r"Download the briefing pack of this view"))).to_be_visible()
    assert not visit.exceptions()
