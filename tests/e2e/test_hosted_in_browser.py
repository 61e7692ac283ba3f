"""The hosted copy as commissioners reach it: 2 replicas behind nginx (psw_dash.hosting.run), in Chromium.

Every page draws its charts, a CSV download works on every chart page, the browser reports no CSP
violation, a failing page shows the friendly message only, and no replica writes a file.

The header and route battery runs twice, through the proxy and against a bare replica (`edge`): the
replica needs nothing from its proxy. The security headers are on HTML, static, health and error
responses, no version banner, only hashed files that exist are cached for a year, uploads are refused,
internal and unknown paths are a plain 404.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from psw_dash import settings
from psw_dash.hosting import run, security_headers
from psw_dash.page import failure, layout
from tests.e2e.conftest import Visit
from tests.e2e.replicas import warm_every_replica

PAGES = layout.all_pages()
PAGE_IDS = [p.url_path or "overview" for p in PAGES]
PAGES_WITHOUT_CHARTS = {"data_sources", "accessibility", "downloads"}

# Collected in the page, from before Streamlit's first script runs: every CSP violation the browser reports.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation',
    e => window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`));
"""


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    """The replicas' HOME: it must still be empty when they stop (a hosted replica writes nothing)."""
    return tmp_path_factory.mktemp("replica-home")


@pytest.fixture(scope="module")
def site(home, browser):
    """The hosted copy, with every replica ready and having drawn a page before any test runs."""
    env = {settings.FAILURE_TRIGGER_ENV: "1", "HOME": str(home)}
    with run.hosted(replicas=2, env=env) as hosted:
        warm_every_replica(browser, hosted)
        yield hosted


@pytest.fixture(scope="module")
def reader(browser, site):
    """One reader's browser context for the module, recording CSP reports, console messages and failed responses."""
    visit = Visit(browser, site.url)
    visit.context.add_init_script(CSP_LISTENER)
    visit.console: list[str] = []
    visit.failed: list[str] = []
    visit.page.on("console", lambda message: visit.console.append(message.text))
    visit.page.on("response", lambda r: visit.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    yield visit
    visit.close()


def csp_reports(visit) -> list[str]:
    reported = visit.page.evaluate("window.__cspViolations || []")
    return reported + [text for text in visit.console if "Content Security Policy" in text]


def is_base_path_probe(failed: str) -> bool:
    """On a page such as /growth, Streamlit's frontend first tries /growth/_stcore/health and host-config
    in case the app is served under that path, then the root; the replicas answer those probes 404 too."""
    return failed.startswith("404 ") and any(
        failed.endswith(f"/{p.url_path}/_stcore/{end}")
        for p in PAGES
        if p.url_path
        for end in ("health", "host-config")
    )


def fetch(url: str, method: str = "GET", data: bytes | None = None):
    """Status, headers (names in any case, as HTTP has them) and body."""
    request = urllib.request.Request(url, method=method, data=data)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(params=["proxy", "bare replica"])
def edge(request, site) -> str:
    """Where the battery asks: the proxy, or one replica directly with nothing in front of it."""
    return site.url if request.param == "proxy" else site.replica_urls[0]


@pytest.mark.parametrize("app_page", PAGES, ids=PAGE_IDS)
def test_every_page_draws_through_the_proxy_with_no_csp_violation_and_downloads_its_csv(reader, site, app_page):
    reader.console.clear()
    reader.failed.clear()
    page_id = app_page.url_path or "overview"
    # Wait for the first chart where a page has one: a page caught before its chart exists is not yet drawn.
    page = reader.open(app_page.url_path, charts=None if page_id in PAGES_WITHOUT_CHARTS else 1)
    charts = page.locator('[data-testid="stPlotlyChart"] .main-svg').count()
    if page_id not in PAGES_WITHOUT_CHARTS:
        assert charts >= 1, "no chart drawn"
        with page.expect_download() as download:
            page.get_by_role("button", name="Download CSV").first.click()
        saved = Path(download.value.path()).read_text(encoding="utf-8")
        assert download.value.suggested_filename.endswith(".csv") and saved.count("\n") >= 2
    assert not reader.exceptions()
    assert csp_reports(reader) == []
    failed = [f for f in reader.failed if not is_base_path_probe(f)]
    assert failed == [], (failed, (site.workdir / "error.log").read_text(errors="replace")[-2000:])
    assert reader.page_errors == []
    assert reader.foreign_requests() == []


def test_uploads_are_refused_no_widget(reader):
    page = reader.open("regions?own=show", charts=None)
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    assert "switched off" in page.locator('[data-testid="stMain"]').inner_text()


def test_the_upload_endpoint_is_refused(edge):
    for method in ("PUT", "POST", "DELETE", "GET"):
        status, headers, _ = fetch(
            f"{edge}/_stcore/upload_file/session/file", method, b"a,b\n" if method != "GET" else None
        )
        assert status == 403, method
        assert headers["Content-Security-Policy"] == security_headers.content_security_policy()


def test_the_failing_page_shows_the_friendly_message_and_no_traceback(reader, site):
    page = reader.open(f"people?{settings.FAILURE_TRIGGER_PARAM}=1", charts=None)
    page.wait_for_selector('[data-testid="stAlert"]')
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert failure.MESSAGE.replace("**", "").split(".")[0] in main
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Traceback" not in main and "TestOnlyFailure" not in main and ".py" not in main
    logged = "".join(log.read_text(errors="replace") for log in site.logs)
    assert "psw-dash page-failure page='people' error=TestOnlyFailure" in logged


STATIC_FILE = "static/js/" + next(
    p.name for p in (security_headers.STREAMLIT_INDEX.parent / "static" / "js").glob("index.*.js")
)


@pytest.mark.parametrize(
    "path, status",
    [
        ("", 200),
        (STATIC_FILE, 200),
        ("_stcore/health", 200),
        ("growth", 200),
        ("no-such-page", 404),
        ("static/js/no-such-file.js", 404),
    ],
    ids=["html", "static", "health", "page", "unknown", "missing file"],
)
def test_security_headers_and_no_version_banner(edge, site, path, status):
    answered, headers, _ = fetch(f"{edge}/{path}")
    assert answered == status
    for name, value in security_headers.security_headers().items():
        assert headers.get_all(name) == [value], name  # once, with our value
    assert headers.get("Server") == ("nginx" if edge == site.url else None)  # no version, no app server's banner
    if path.startswith("static/"):  # a year's cache only for a hashed file that exists
        assert headers["Cache-Control"] == ("public, max-age=31536000, immutable" if status == 200 else "no-store")


def test_the_csp_sent_allows_exactly_the_inline_script_streamlit_serves(edge):
    _, headers, body = fetch(f"{edge}/")
    for script_hash in security_headers.inline_script_hashes(body.decode()):
        assert script_hash in headers["Content-Security-Policy"]


def test_internal_and_unknown_paths_are_a_plain_404(edge):
    for path in (
        "no-such-page",
        "_stcore/metrics",
        "_stcore/script-health-check",
        "_stcore/agent/openapi.json",
        "app/static/favicon.png",
        "wp-admin/",
        "component/x/index.html",
        "auth/login",
    ):
        status, headers, body = fetch(f"{edge}/{path}")
        assert (status, body) == (404, b"Not found.\n"), path
        assert headers["Content-Type"].startswith("text/plain") and headers["Cache-Control"] == "no-store"
        assert "Content-Security-Policy" in headers


def test_affinity_a_browser_keeps_one_replica(site):
    """Two browsers get different route cookies; each keeps its own across requests."""
    _, first, _ = fetch(f"{site.url}/")
    _, second, _ = fetch(f"{site.url}/")
    assert first["Set-Cookie"].startswith("psw_route=") and first["Set-Cookie"] != second["Set-Cookie"]


def test_no_replica_wrote_a_file(site, home, reader):
    reader.open("")  # at least one session served
    assert list(home.iterdir()) == []
