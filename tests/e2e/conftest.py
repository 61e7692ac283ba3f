"""Browser tests: the real app on a local port, driven in Debian's headless Chromium by Playwright."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from devtools import serve
from psw_dash import paths, settings

SCREENSHOTS = paths.ROOT / "artifacts" / "screenshots"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in item.nodeid:
            item.add_marker(pytest.mark.e2e)


# How long a server's first page may take to draw before any test runs. The first page of a fresh server
# imports and builds what every later page reuses; on a busy machine that alone has exceeded a test's 30 s.
FIRST_DRAW_TIMEOUT_MS = 240_000


def draw_once(browser, url: str, cookies: list[dict] | None = None, path: str = "", charts: int | None = 1) -> None:
    """Open one page of a server just started and wait until it is drawn (the readiness rule, no fixed time)."""
    visit = Visit(browser, url)
    try:
        if cookies:
            visit.context.add_cookies(cookies)
        visit.page.goto(f"{url}/{path}", timeout=FIRST_DRAW_TIMEOUT_MS)
        serve.wait_until_drawn(visit.page, charts, timeout_ms=FIRST_DRAW_TIMEOUT_MS)
    finally:
        visit.close()


@pytest.fixture(scope="session")
def app_url(browser):
    with serve.streamlit_server() as url:
        draw_once(browser, url)
        yield url


@pytest.fixture(scope="module")
def hosted_url(browser):
    """One hosted-mode server (no proxy) for a module, drawn once before any of its tests runs."""
    with serve.streamlit_server(env={settings.MODE_ENV: settings.HOSTED}) as url:
        draw_once(browser, url)
        yield url


class Visit:
    """One browser page that records every request the page makes and any error on it."""

    def __init__(self, browser, app_url: str, width: int = 1280, height: int = 2400):
        self.context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
        self.page = self.context.new_page()
        self.app_url = app_url
        self.requests: list[str] = []
        self.page_errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.page_errors.append(str(error)))

    def open(self, path: str = "", charts: int | None = None):
        self.page.goto(f"{self.app_url}/{path}")
        serve.wait_until_drawn(self.page, charts)
        return self.page

    def foreign_requests(self) -> list[str]:
        own = urlparse(self.app_url).netloc
        return [
            url
            for url in self.requests
            if urlparse(url).scheme in ("http", "https", "ws", "wss") and urlparse(url).netloc != own
        ]

    def exceptions(self) -> list[str]:
        return self.page.locator('[data-testid="stException"]').all_inner_texts()

    def screenshot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, app_url):
    opened = Visit(browser, app_url)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def _module_visit(browser, app_url):
    opened = Visit(browser, app_url)
    yield opened
    opened.close()


@pytest.fixture
def reused_visit(_module_visit):
    """Like `visit`, but one browser context per test module (its cache warm after the first page), with
    the request and error logs emptied and the viewport reset for each test: for many quick page loads."""
    _module_visit.requests.clear()
    _module_visit.page_errors.clear()
    _module_visit.page.set_viewport_size({"width": 1280, "height": 2400})
    return _module_visit


@pytest.fixture
def make_visit(browser, app_url):
    """Visits of another size, or on another server: make_visit(width=360, height=..., url=...)."""
    opened: list[Visit] = []

    def make(width: int = 1280, height: int = 2400, url: str | None = None) -> Visit:
        opened.append(Visit(browser, url or app_url, width=width, height=height))
        return opened[-1]

    yield make
    for one in opened:
        one.close()


def pytest_terminal_summary(terminalreporter):
    """axe's moderate and minor findings (allowed, but shown), and its counts per page (tests/a11y.py)."""
    from tests import a11y

    lines = a11y.summary()
    if lines:
        terminalreporter.section("accessibility: axe-core counts per page, moderate and minor findings")
        for line in lines:
            terminalreporter.write_line(line)
