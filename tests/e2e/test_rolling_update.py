"""Two versions of the app behind the proxy at once (a rolling update) never leave a reader with a broken or
poisoned page (issue 24). Replica 1 serves the installed Streamlit's frontend; replica 2 a "new version" whose
files differ: its stylesheet has another hashed name (and its page names that one), and it lacks the chart
code's file, which the old version has. Whichever replica a reader's requests reach, every file a page names
arrives (a replica without it answers 404 and the proxy asks the other), only files get the year-long cache,
and a name no version has is a 404 that nothing may cache.
"""

from __future__ import annotations

import re
import shutil
import urllib.error
import urllib.request
from email.message import Message

import pytest

from psw_dash.hosting import frontend_files, run
from tests.e2e.replicas import (
    ROUTE_COOKIE,
    reader_with_route,
    routes_to_each_replica,
    warm_every_replica,
)

INSTALLED = frontend_files.frontend_dir()
STYLESHEET = next((INSTALLED / "static" / "css").glob("index.*.css")).name
RENAMED = STYLESHEET.replace(".css", "-v2.css")
CHART_CODE = next((INSTALLED / "static" / "js").glob("PlotlyChart.*.js")).name


@pytest.fixture(scope="module")
def new_version(tmp_path_factory):
    folder = tmp_path_factory.mktemp("frontend-v2") / "static"
    shutil.copytree(INSTALLED, folder)
    (folder / "static" / "css" / STYLESHEET).rename(folder / "static" / "css" / RENAMED)
    (folder / "static" / "js" / CHART_CODE).unlink()
    index = folder / "index.html"
    index.write_text(index.read_text().replace(STYLESHEET, RENAMED))
    return folder


@pytest.fixture(scope="module")
def site(new_version, browser):
    with run.hosted(replicas=2, replica_env=[{}, {frontend_files.FRONTEND_DIR_ENV: str(new_version)}]) as hosted:
        warm_every_replica(browser, hosted)
        yield hosted


@pytest.fixture(scope="module")
def routes(site) -> tuple[str, str]:
    """A route cookie for the old version's replica and one for the new version's."""
    by_port = routes_to_each_replica(site, 1)
    return tuple(by_port[url.rsplit(":", 1)[1]][0] for url in site.replica_urls)


def fetch(url: str, route: str) -> tuple[int, Message, bytes]:
    request = urllib.request.Request(url, headers={"Cookie": f"{ROUTE_COOKIE}={route}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()  # names in any case, as HTTP has them
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_each_version_serves_its_own_page(site, routes):
    old, new = routes
    assert STYLESHEET in fetch(f"{site.url}/", old)[2].decode()
    assert RENAMED in fetch(f"{site.url}/", new)[2].decode()


@pytest.mark.parametrize(
    "page_from, files_from", [(0, 1), (1, 0)], ids=["old page, new replica", "new page, old replica"]
)
def test_every_file_a_page_names_arrives_from_either_replica(site, routes, page_from, files_from):
    html = fetch(f"{site.url}/", routes[page_from])[2].decode()
    named = re.findall(r'(?:src|href)="\.?/?(static/[^"]+)"', html) + [f"static/js/{CHART_CODE}"]
    assert len(named) > 10
    for path in named:
        status, headers, body = fetch(f"{site.url}/{path}", routes[files_from])
        assert status == 200, path
        assert not headers["Content-Type"].startswith("text/html") and not body.lstrip().startswith(b"<!"), path
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable", path


@pytest.mark.parametrize("path", ["static/js/no-such-file.js", "static/css/no-such.css", "static/js/"])
def test_a_file_no_version_has_is_a_404_that_nothing_caches(site, routes, path):
    for route in routes:
        status, headers, body = fetch(f"{site.url}/{path}", route)
        assert status == 404, (path, status)
        assert headers["Cache-Control"] == "no-store"
        assert b"<html" not in body.lower()


@pytest.mark.parametrize("first, then", [(0, 1), (1, 0)], ids=["old then new", "new then old"])
def test_a_reader_moved_between_versions_mid_visit_sees_every_chart(site, browser, routes, first, then):
    """A reader opens a page on one version, then the rolling update moves them to the other (their route
    now hashes elsewhere): the page they open next draws, charts and stylesheet included."""
    visit = reader_with_route(browser, site, routes[first])
    failed: list[str] = []
    visit.page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    try:
        visit.open("growth", charts=1)
        visit.context.add_cookies([{"name": ROUTE_COOKIE, "value": routes[then], "url": site.url}])
        page = visit.open("people", charts=1)
        assert page.locator('[data-testid="stPlotlyChart"] .main-svg').count() >= 1
        assert page.evaluate("[...document.styleSheets].some(s => (s.href || '').includes('/static/css/index.'))")
        assert [f for f in failed if "/static/" in f] == []
        assert visit.exceptions() == [] and visit.page_errors == []
    finally:
        visit.close()
