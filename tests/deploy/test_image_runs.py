"""The image as deployed: built by `python dev.py image`'s own code, run read-only as uid 10001 with only
/tmp writable, and used as a reader and a board secretary would: health answers, every page draws in
Chromium through the container's port, and a briefing pack prints inside it.

The first build takes minutes (docs/hosting.md, "The container image"); later ones reuse the engine's layers.
Skipped only where neither a Docker engine nor podman exists (`python dev.py test` installs podman).
"""

from __future__ import annotations

import hashlib
import io
import subprocess
import urllib.request
from pathlib import Path

import pytest
from pypdf import PdfReader

from psw_dash import paths
from psw_dash.export import pack
from psw_dash.hosting import container
from psw_dash.hosting import engine as engines
from psw_dash.page import layout
from tests.e2e.conftest import Visit  # the browser fixture is tests/conftest.py's, shared with tests/e2e
from tests.e2e.test_hosted_in_browser import PAGES_WITHOUT_CHARTS
from tests.unit.export.test_pack import squeezed

PAGES = layout.all_pages()
# One tag per checkout: engineers and CI runs sharing a machine do not replace each other's image.
TAG = f"localhost/psw-dash:test-{hashlib.sha256(str(paths.ROOT).encode()).hexdigest()[:10]}"
PACK_TIMEOUT_S = 600  # a cold Chromium and every chart on a busy machine; 6 s on a quiet one


@pytest.fixture(scope="module")
def engine():
    found = engines.find()
    if found is None:
        pytest.skip("no Docker engine and no podman: `python dev.py test` installs podman where apt exists")
    return found


@pytest.fixture(scope="module")
def built(engine) -> str:
    return container.build(engine, TAG)


@pytest.fixture(scope="module")
def served(engine, built):
    with container.running(engine, built) as (url, name, log):
        yield url, name, log


def in_container(engine, name: str, *command: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run a command inside the running container, as its own user (10001) and with its environment."""
    return subprocess.run(engine("exec", name, *command), capture_output=True, timeout=timeout, check=False)


def test_health_answers_from_a_read_only_container_running_as_uid_10001(engine, served):
    url, name, _ = served
    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as response:
        assert (response.status, response.read()) == (200, b"ok")
    assert in_container(engine, name, "id", "-u").stdout.decode().strip() == "10001"
    refused = in_container(engine, name, "sh", "-c", "touch /app/written")
    assert refused.returncode != 0 and b"Read-only file system" in refused.stderr
    assert in_container(engine, name, "sh", "-c", "touch /tmp/written").returncode == 0


def test_no_build_tools_at_run_time(engine, served):
    _, name, _ = served
    assert in_container(engine, name, "python", "-c", "import pip").returncode != 0
    found = in_container(engine, name, "sh", "-c", "command -v pip pip3 gcc cc debootstrap; true")
    assert found.stdout.decode().split() == []


def test_tini_is_pid_1_and_the_image_holds_none_of_the_build_hosts_settings(engine, served):
    """The host's package sources, apt options, pip settings and CA bundle came in as build secrets only."""
    _, name, _ = served
    assert in_container(engine, name, "cat", "/proc/1/comm").stdout.decode().strip() == "tini"
    left = in_container(
        engine,
        name,
        "sh",
        "-c",
        "ls /etc/pip.conf /etc/apt/sources.list.d/host.sources /etc/apt/apt.conf.d/90host "
        "/usr/local/share/psw-dash 2>/dev/null; find /run/secrets -type f -size +0 2>/dev/null; true",
    )
    assert left.stdout.decode().split() == []


def test_the_image_stays_under_1_2_gb(engine, built):
    """Issue 24's target (it was 1.88 GB with the desktop Chromium, pip and the packages' test suites)."""
    assert container.image_size(engine, built) < 1.2e9


@pytest.mark.parametrize("app_page", PAGES, ids=[p.url_path or "overview" for p in PAGES])
def test_every_page_draws_through_the_containers_port(browser, served, app_page):
    url, _, log = served
    visit = Visit(browser, url)
    try:
        page_id = app_page.url_path or "overview"
        page = visit.open(app_page.url_path, charts=None if page_id in PAGES_WITHOUT_CHARTS else 1)
        if page_id not in PAGES_WITHOUT_CHARTS:
            assert page.locator('[data-testid="stPlotlyChart"] .main-svg').count() >= 1
        assert page.locator('[data-testid="stMain"] h1').count() >= 1
        assert visit.exceptions() == [], log.read_text(errors="replace")[-2000:]
        assert visit.page_errors == []
        assert visit.foreign_requests() == []
        visit.screenshot(f"container-{page_id}")
    finally:
        visit.close()


def test_a_chart_downloads_as_png_drawn_by_the_containers_chromium(browser, served):
    """The replica's own kaleido session (read-only root, HOME=/tmp) draws a chart image for a reader."""
    url, _, log = served
    visit = Visit(browser, url)
    try:
        page = visit.open("service_models", charts=1)
        page.get_by_role("button", name="Download image (PNG, SVG)").click()
        with page.expect_download(timeout=120_000) as png:
            page.get_by_role("button", name="Download PNG").click()
        assert Path(png.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert visit.exceptions() == [], log.read_text(errors="replace")[-2000:]
    finally:
        visit.close()


def test_a_briefing_pack_prints_inside_the_container(engine, served):
    """The whole pack, drawn by the image's headless Chromium: a PDF with every section and its cover's version."""
    _, name, _ = served
    printed = in_container(
        engine,
        name,
        "python",
        "-c",
        "import sys; from psw_dash.export import pack; sys.stdout.buffer.write(pack.build(pack.WHOLE))",
        timeout=PACK_TIMEOUT_S,
    )
    assert printed.returncode == 0, printed.stderr.decode(errors="replace")[-3000:]
    reader = PdfReader(io.BytesIO(printed.stdout))
    assert reader.metadata.title == f"{pack.TITLE}: All views"
    assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"]) is True  # tagged, for screen readers
    text = squeezed(" ".join(page.extract_text() for page in reader.pages))
    for section in pack.sections(pack.WHOLE):
        assert squeezed(section.title) in text, section.title
        for framed in section.framed:
            for chart in framed.charts:
                assert squeezed(chart.headline) in text, chart.headline
    # The cover's version is the commit passed as a build argument (the image has no .git).
    version = in_container(engine, name, "printenv", "PSW_DASH_VERSION").stdout.decode().strip()
    assert version.startswith("commit ") and squeezed(version) in text
    charts = sum(len(framed.charts) for section in pack.sections(pack.WHOLE) for framed in section.framed)
    assert sum(len(page.images) for page in reader.pages) == charts + 1  # the headline chart again on page 1
