"""Lose a replica, lose no reader (issue 24). Two replicas behind the proxy, two readers on each; one replica
is killed (SIGKILL: an out-of-memory kill, a crash) or stopped (SIGTERM: a rolling update, a node drain)
mid-session. The survivor's readers are undisturbed. The lost replica's readers reconnect to the survivor
by themselves within 5 s of losing their connection (on SIGTERM the drain closes each reader's at its own
moment within drain.CLOSE_SPREAD_S, by design, so each is timed from its own close), keep their choices (the URL holds them), and their next click is applied, with
a notice that the page moved (psw_dash/page/resumed.py). On SIGTERM the replica drains and exits.

Twice: with the proxy's affinity cookie, and with affinity off (every request to the next replica in turn,
as on a cluster edge without session persistence; readers are placed on a replica by routing new requests
to it alone for a moment, psw_dash/hosting/nginx.py render(affinity=False)).
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from devtools import serve
from psw_dash.hosting import drain, run
from psw_dash.page import resumed
from tests.e2e.conftest import Visit, draw_once
from tests.e2e.replicas import reader_with_route, route_only_to, routes_to_each_replica, warm_every_replica

RECONNECT_WITHIN_S = 5  # issue 24's promise, from a reader's lost connection; measured well under it (docs/hosting.md)
PAGE = "employment?view=bands"
CHOSEN, CLICKED = "Pay bands", "Roles"
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "hosting"


def checked(page) -> list[str]:
    return page.locator('[data-testid="stButtonGroup"] button[aria-checked="true"]').all_inner_texts()


def watch_sessions(visit) -> None:
    """When the page opened each of its websockets (visit.sockets) and when each closed (visit.closed), on the
    monotonic clock."""
    visit.sockets, visit.closed = [], []

    def opened(ws) -> None:
        visit.sockets.append(time.monotonic())
        ws.on("close", lambda _: visit.closed.append(time.monotonic()))

    visit.page.on("websocket", opened)


def lost_connection_at(visit, signalled_at: float, how: str) -> float:
    """When this reader lost its connection: at the kill (SIGKILL), or when the drain closed its websocket (SIGTERM,
    at a moment of its own within drain.CLOSE_SPREAD_S, so a room's readers do not all come back at once)."""
    if how == "SIGKILL":
        return signalled_at
    return min((t for t in visit.closed if t > signalled_at), default=signalled_at)


def connected(page) -> bool:
    """Streamlit's frontend disables every widget while it has no connection, and enables them once connected."""
    return page.get_by_role("radio", name=CLICKED, exact=True).is_enabled()


def wait_for(condition, page, timeout_s: float = 90, what: str = "") -> None:
    """Poll a Python-side condition while letting the page's events run (page.wait_for_timeout pumps them)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        page.wait_for_timeout(50)


def process_gone(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1].startswith(("Z", "X"))
    except FileNotFoundError:
        return True


@pytest.fixture(params=["SIGKILL", "SIGTERM"])
def how(request) -> str:
    return request.param


@pytest.fixture(params=[True, False], ids=["affinity", "no affinity"])
def affinity(request) -> bool:
    return request.param


@pytest.fixture
def site(how, affinity, browser):
    with run.hosted(replicas=2, affinity=affinity) as hosted:
        if affinity:
            warm_every_replica(browser, hosted)
        else:
            for url in hosted.replica_urls:
                route_only_to(hosted, [url.rsplit(":", 1)[1]])
                draw_once(browser, hosted.url, path=PAGE)
        yield hosted


def open_reader(visit: Visit) -> Visit:
    watch_sessions(visit)
    visit.open(PAGE, charts=1)
    assert checked(visit.page) == [CHOSEN]
    return visit


def readers_on_each_replica(site, browser, affinity: bool) -> tuple[int, list[Visit], list[Visit]]:
    """Two readers on each replica: the victim's pid, its readers, the survivor's readers."""
    ports = [u.rsplit(":", 1)[1] for u in site.replica_urls]
    if affinity:
        routes = routes_to_each_replica(site, 2)
        placed = {
            port: [open_reader(reader_with_route(browser, site, route)) for route in routes[port]] for port in ports
        }
    else:
        placed = {}
        for port in ports:
            route_only_to(site, [port])
            placed[port] = [open_reader(Visit(browser, site.url)) for _ in range(2)]
        route_only_to(site, ports)  # then every new request in turn, as before
    return site.replica_pids[0], placed[ports[0]], placed[ports[1]]


def test_a_lost_replica_loses_no_reader(site, browser, how, affinity):
    victim_pid, lost, kept = readers_on_each_replica(site, browser, affinity)
    readers = lost + kept
    try:
        signalled_at = time.monotonic()
        os.kill(victim_pid, getattr(signal, how))

        # The lost replica's readers reconnect by themselves (a new websocket, and the page's widgets enabled
        # again) within 5 s of losing their connection. Both pages are polled together, so each one's time is its own.
        recovered_in: dict[int, float] = {}
        while len(recovered_in) < len(lost):
            for index, visit in enumerate(lost):
                if index not in recovered_in and any(t > signalled_at for t in visit.sockets) and connected(visit.page):
                    recovered_in[index] = time.monotonic() - lost_connection_at(visit, signalled_at, how)
            assert time.monotonic() - signalled_at < 90, f"not reconnected: {recovered_in}"
            lost[0].page.wait_for_timeout(20)
        recovered_in = list(recovered_in.values())
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / f"replica-loss-{how}{'' if affinity else '-no-affinity'}.txt").write_text(
            f"{how}{'' if affinity else ' (no affinity)'}: lost readers reconnected, from their lost connection, in "
            + ", ".join(f"{s:.2f} s" for s in recovered_in)
            + "\n"
        )
        print(f"{how}: reconnected in {recovered_in}")
        assert max(recovered_in) <= RECONNECT_WITHIN_S, recovered_in

        # Every reader keeps the page and the choice the URL holds, then clicks another view: it is applied.
        for visit in readers:
            assert checked(visit.page) == [CHOSEN] and "view=bands" in visit.page.evaluate("location.href")
            visit.page.get_by_role("radio", name=CLICKED, exact=True).click()
            visit.page.wait_for_function("() => location.href.includes('view=roles')", timeout=60_000)
            serve.wait_until_drawn(visit.page, 1)
            assert checked(visit.page) == [CLICKED]
            assert visit.exceptions() == []

        # The lost replica's readers are told their page moved; the survivor's see nothing of it.
        for visit in lost:
            assert resumed.NOTICE in visit.page.locator('[data-testid="stToast"]').inner_text()
        for visit in kept:
            assert [t for t in visit.sockets if t > signalled_at] == [], "a survivor's reader was reconnected"
            assert visit.page.locator('[data-testid="stToast"]').count() == 0

        if how == "SIGTERM":  # the replica drained: told its readers, then exited
            wait_for(lambda: process_gone(victim_pid), lost[0].page, drain.DRAIN_TIMEOUT_S + 30, "the replica to exit")
            log = next(p for p in site.logs if p.exists() and "psw-dash draining" in p.read_text(errors="replace"))
            assert "psw-dash draining: 2 readers told to reconnect elsewhere" in log.read_text()
    finally:
        for visit in readers:
            visit.close()
