"""Many readers behind one address (issue 24): a room of 30 opening the same link at once all draw, and none
gets a 429; a flood from one address is still bounded (psw_dash/hosting/flood.py, FloodLimits), by the
proxy and by a bare replica alone (its own limits: it needs none from the proxy).

Every request here comes from 127.0.0.1, as every reader of an office comes from its one NAT address.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import re
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import websockets

from devtools import serve
from psw_dash.hosting import flood, run, security_headers
from tests.e2e.conftest import Visit
from tests.e2e.replicas import warm_every_replica
from tests.helpers import run_async

ROOM = 30
LINK = "growth"  # the link in the meeting's invitation: a page with charts
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "hosting"
LIMITS = flood.LIMITS


@pytest.fixture
def site(browser):
    """A proxy of its own for each test: the per-address budgets start full."""
    with run.hosted(replicas=2) as hosted:
        warm_every_replica(browser, hosted)
        yield hosted


def statuses(site) -> list[str]:
    return re.findall(r'" (\d{3}) route=', (site.workdir / "access.log").read_text(errors="replace"))


def test_a_room_of_30_readers_from_one_address_all_draw_with_no_429(site, browser):
    readers = [Visit(browser, site.url) for _ in range(ROOM)]
    try:
        before = len(statuses(site))
        # Every reader clicks the link at the same moment: each page is told to go there at one wall-clock time
        # a few seconds ahead, so the time this test takes to reach each browser does not spread them out.
        moment = time.time() * 1000 + 3000 + 150 * ROOM
        for visit in readers:
            visit.page.evaluate(f"setTimeout(() => location.href = {site.url + '/' + LINK!r}, {moment} - Date.now())")
        for visit in readers:
            # 30 Chromium pages drawing Plotly on this machine's 2 cores: the browsers, not the proxy, are slow.
            visit.page.wait_for_url(f"**/{LINK}", timeout=600_000)
            serve.wait_until_drawn(visit.page, 1, timeout_ms=600_000)
        drawn = sum(visit.page.locator('[data-testid="stPlotlyChart"] .main-svg').count() >= 1 for visit in readers)
        log = (site.workdir / "access.log").read_text(errors="replace")
        # When each page request arrived: logged when it ended (at=), less how long it took (took=).
        arrivals = re.findall(rf'at=([\d.]+) took=([\d.]+) "GET /{LINK} ', log)
        opened_at = sorted(float(end) - float(took) for end, took in arrivals)
        assert len(opened_at) == ROOM
        opened_within = opened_at[-1] - opened_at[0]
        answered = statuses(site)[before:]
        refused = answered.count("429")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "room-of-30.txt").write_text(
            f"{ROOM} readers opened {LINK} within {opened_within:.1f} s from one address: {drawn} drawn, "
            f"{len(answered)} requests, {refused} answered 429\n"
        )
        # Not asserted: how close together the 30 arrived. On a quiet machine within 1 to 3 s; at load average
        # about 50 the browsers' timers fired over 17 s, a gentler room, and the test failed for the machine's
        # sake. Arriving at once is the worst case for the limits, and their bursts are checked without a clock
        # (test_nginx_config: a burst for 3 rooms of 75; test_replica_layers: the replica's own).
        print(f"the room arrived within {opened_within:.1f} s")
        assert (drawn, refused) == (ROOM, 0)
        assert all(visit.exceptions() == [] for visit in readers)
    finally:
        for visit in readers:
            visit.close()


@pytest.fixture(params=["proxy", "bare replica"])
def edge(request, site) -> str:
    return site.url if request.param == "proxy" else site.replica_urls[0]


def record(name: str, line: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{name}.txt").write_text(line + "\n")
    print(line)


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _flood(urls: list[str]) -> tuple[list[int], float]:
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(32) as pool:
        answers = list(pool.map(_get, urls))
    return answers, time.monotonic() - started


def test_a_flood_of_page_requests_from_one_address_is_bounded(site, edge):
    answers, took = _flood([f"{edge}/{LINK}"] * (LIMITS.page_burst * 3))
    served = answers.count(200)
    record(
        f"flood-pages{'' if edge == site.url else '-bare-replica'}",
        f"{len(answers)} page requests from one address in {took:.1f} s: {served} served, "
        f"{answers.count(429)} answered 429 (allowed: {LIMITS.page_burst} + {LIMITS.page_rate}/s)",
    )
    # At most the burst, then the rate for as long as the flood lasted (+1: the bucket's first token).
    assert served <= LIMITS.page_burst + LIMITS.page_rate * took + 1, (served, took)
    assert served >= LIMITS.page_burst  # the room's allowance is really there
    assert answers.count(429) == len(answers) - served


def test_a_flood_of_new_sessions_from_one_address_is_bounded(site, edge):
    async def open_many(count: int) -> tuple[list[str], float]:
        host = edge.removeprefix("http://")

        async def one() -> str:
            try:
                async with websockets.connect(
                    f"ws://{host}/_stcore/stream", open_timeout=60, origin=edge, subprotocols=["streamlit"]
                ):
                    return "opened"
            except websockets.InvalidStatus as refused:
                return str(refused.response.status_code)

        started = time.monotonic()
        results = await asyncio.gather(*(one() for _ in range(count)))
        return results, time.monotonic() - started

    results, took = run_async(open_many(LIMITS.session_burst * 2))
    opened = results.count("opened")
    record(
        f"flood-sessions{'' if edge == site.url else '-bare-replica'}",
        f"{len(results)} new sessions from one address in {took:.1f} s: {opened} opened, "
        f"{results.count('429')} answered 429 (allowed: {LIMITS.session_burst} + "
        f"{LIMITS.session_rate}/s)",
    )
    assert opened <= LIMITS.session_burst + LIMITS.session_rate * took + 1, (opened, took)
    assert opened >= LIMITS.session_burst
    assert results.count("429") == len(results) - opened


def test_hashed_static_files_are_never_refused(site):
    """A cold page asks for 60 to 115 files at once; a room asks for thousands. None is refused."""
    scripts = sorted(
        (security_headers.STREAMLIT_INDEX.parent / "static" / "js").glob("*.js"), key=lambda p: p.stat().st_size
    )
    small = [f"{site.url}/static/js/{p.name}" for p in scripts[:20]]
    answers, took = _flood(small * 50)
    record(
        "flood-static",
        f"{len(answers)} static files from one address in {took:.1f} s: "
        f"{answers.count(200)} served, {answers.count(429)} answered 429",
    )
    assert answers.count(200) == len(answers) == 1000
