"""No affinity needed for correctness (issue 33): 2 replicas behind the proxy with affinity off, so every
request goes to the next replica in turn, as on a cluster edge without session persistence. A reader's
websocket stays on its replica by nature; every other request, downloads included, any replica answers.

Every page draws, and every kind of download works (chart CSV, PNG and SVG, the catalogue's and the trust
list's CSV, the spreadsheet and the data package, the briefing pack and the slides): a download is addressed by
what it contains (psw_dash/hosting/download_addresses.py), so the replica that did not make it makes it again,
byte for byte (a briefing pack or deck: the same words, as it is made again with its own date and id).
"""

from __future__ import annotations

import io
import re
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pptx import Presentation
from pypdf import PdfReader

from devtools import serve
from psw_dash.hosting import download_addresses, run
from psw_dash.page import layout
from tests.e2e.conftest import Visit, draw_once

PAGES = layout.all_pages()
PAGES_WITHOUT_CHARTS = {"data_sources", "accessibility", "downloads"}
DRAWN_WITHIN_MS = 120_000  # a busy 2-core machine draws a cold page of ~100 files in 20 to 50 s
MAKING_WITHIN_MS = download_addresses.MAKING_TIMEOUT_S * 1000


def open_page(visit: Visit, path: str, charts: int | None = None):
    visit.page.goto(f"{visit.app_url}/{path}")
    serve.wait_until_drawn(visit.page, charts, timeout_ms=DRAWN_WITHIN_MS)
    return visit.page


@pytest.fixture(scope="module")
def site(browser):
    with run.hosted(replicas=2, affinity=False) as hosted:
        for _ in hosted.replica_urls:  # requests alternate, so the first pages reach both replicas
            draw_once(browser, hosted.url)
        yield hosted


@pytest.fixture(scope="module")
def reader(browser, site):
    visit = Visit(browser, site.url)
    visit.failed: list[str] = []
    visit.downloads: list[str] = []
    visit.page.on("response", lambda r: visit.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    visit.page.on("request", lambda r: visit.downloads.append(r.url) if download_addresses.PREFIX in r.url else None)
    yield visit
    visit.close()


def is_base_path_probe(failed: str) -> bool:
    """Streamlit's frontend first tries /<page>/_stcore/health and host-config; those are 404 by design."""
    return failed.startswith("404 ") and re.search(r"/\w+/_stcore/(health|host-config)$", failed) is not None


def download(page, name: str) -> tuple[str, bytes]:
    with page.expect_download() as started:
        page.get_by_role("button", name=name).first.click()
    return started.value.suggested_filename, Path(started.value.path()).read_bytes()


def upstreams(site, path_start: str) -> set[str]:
    """The replicas the proxy sent requests for paths starting so, from its access log."""
    log = (site.workdir / "access.log").read_text(errors="replace")
    return set(re.findall(rf'"GET {re.escape(path_start)}\S* HTTP/1.1" 200 route=\S+ upstream=(\S+) ', log))


def test_the_proxy_sets_no_route_cookie(site):
    with urllib.request.urlopen(f"{site.url}/", timeout=30) as response:
        assert response.headers.get("Set-Cookie") is None


@pytest.mark.parametrize("app_page", PAGES, ids=[p.url_path or "overview" for p in PAGES])
def test_every_page_draws_and_its_csv_downloads(reader, site, app_page):
    reader.failed.clear()
    page_id = app_page.url_path or "overview"
    page = open_page(reader, app_page.url_path, charts=None if page_id in PAGES_WITHOUT_CHARTS else 1)
    if page_id not in PAGES_WITHOUT_CHARTS:
        name, body = download(page, "Download CSV")
        assert name.endswith(".csv") and body.decode("utf-8").count("\n") >= 2, name
    assert reader.exceptions() == [] and reader.page_errors == []
    assert [f for f in reader.failed if not is_base_path_probe(f)] == []


def test_a_charts_png_and_svg_download(reader, site):
    """The image buttons sit in a popover, a widget state the address carries: asked of each replica directly,
    the PNG comes from both (one made it, the other made it again with the popover open)."""
    page = open_page(reader, "service_models", charts=1)
    page.get_by_role("button", name="Download image (PNG, SVG)").click()  # the popover: a widget state
    name, svg = download(page, "Download SVG")
    assert name.endswith(".svg") and b"Source: PSW Stocktake 2019" in svg
    reader.downloads.clear()
    name, png = download(page, "Download PNG")
    assert name.endswith(".png") and png[:8] == b"\x89PNG\r\n\x1a\n"
    address = urllib.request.urlparse(reader.downloads[-1]).path
    for replica in site.replica_urls:
        with urllib.request.urlopen(replica + address, timeout=download_addresses.MAKING_TIMEOUT_S) as response:
            assert response.read()[:8] == b"\x89PNG\r\n\x1a\n", replica
    assert reader.exceptions() == []


def test_the_data_and_downloads_pages_downloads(reader):
    expected = {
        "data_sources": {"Download these figures (CSV)": ".csv", "Download the trust list (CSV)": ".csv"},
        "downloads": {
            "Download every table as a spreadsheet (XLSX)": ".xlsx",
            "Download the data package (ZIP: CSV files with their schema)": ".zip",
        },
    }
    for path, offered in expected.items():
        page = open_page(reader, path)
        for label, extension in offered.items():
            name, body = download(page, re.compile(re.escape(label)))
            assert name.endswith(extension) and len(body) > 100, label
    assert reader.exceptions() == []


def test_any_replica_answers_a_download_byte_for_byte_and_both_did(reader, site):
    """The address of the last download, asked of each replica directly: the same file from both. And over
    the tests above, the proxy sent download requests to both replicas, so each made some it did not make
    first."""
    page = open_page(reader, "growth", charts=1)
    reader.downloads.clear()
    _, body = download(page, "Download CSV")
    address = urllib.request.urlparse(reader.downloads[-1]).path
    for replica in site.replica_urls:
        with urllib.request.urlopen(replica + address, timeout=60) as response:
            assert response.read() == body, replica
            assert "attachment" in response.headers["Content-Disposition"]
    assert len(upstreams(site, download_addresses.PREFIX)) == 2


def test_a_made_up_address_is_a_plain_404(site):
    for path in ("/download/nonsense/x.csv", "/download/", "/media/0123456789abcdef.csv"):
        try:
            urllib.request.urlopen(site.url + path, timeout=30)
            raise AssertionError(f"{path} answered")
        except urllib.error.HTTPError as error:
            assert error.code == 404, path


def words_of(document: bytes, extension: str) -> str:
    """What a reader reads in a briefing pack (every page's text) or a deck (every shape's text and the notes)."""
    if extension == ".pdf":
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(document)).pages)
    deck = Presentation(io.BytesIO(document))
    shapes = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    return "\n".join(shapes + [slide.notes_slide.notes_text_frame.text for slide in deck.slides])


@pytest.mark.parametrize(("document", "kind"), [("briefing pack", "PDF"), ("slides", "PPTX")])
def test_a_pack_and_a_deck_of_a_readers_own_scenario_download_from_either_replica(reader, site, document, kind):
    """The planner's scenario lives in the reader's session, on one replica; the download is addressed by the
    document's order, which carries it. Through the proxy it downloads; asked of each replica directly (one made
    it, the other makes it again), the same words, with the reader's starting count of 2,500."""
    page = open_page(reader, "planner?start=2500&from=2023-03-31", charts=1)
    page.get_by_text("Download this view (briefing pack, slides)").click()  # its buttons come with a rerun
    label = "this view (Plan to the target)"
    make = page.get_by_role("button", name=f"Make the {document} of {label} ({kind})")
    offered = re.compile(rf"^Download the {document} of {re.escape(label)} \({kind}, ")
    expect(make.or_(page.get_by_role("button", name=offered))).to_be_visible(timeout=DRAWN_WITHIN_MS)
    if make.is_visible():
        make.click()
    expect(page.get_by_role("button", name=offered)).to_be_visible(timeout=MAKING_WITHIN_MS)
    reader.downloads.clear()
    reader.failed.clear()
    name, body = download(page, offered)
    extension = f".{kind.lower()}"
    assert name.endswith(extension) and reader.failed == []
    address = urllib.request.urlparse(reader.downloads[-1]).path
    words = words_of(body, extension)
    assert "2,500" in words  # the reader's scenario, not the default's 862
    for replica in site.replica_urls:
        host = urllib.request.urlparse(site.url).netloc  # as the proxy passes the reader's Host on
        asked = urllib.request.Request(replica + address, headers={"Host": host})
        with urllib.request.urlopen(asked, timeout=download_addresses.MAKING_TIMEOUT_S) as response:
            assert words_of(response.read(), extension) == words, replica
            assert response.headers["Content-Disposition"].startswith(f'attachment; filename="{name}"')
    assert reader.exceptions() == []
