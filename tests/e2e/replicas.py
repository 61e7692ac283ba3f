"""Helpers for browser tests of the hosted copy that need to know which replica serves which reader."""

from __future__ import annotations

import os
import re
import secrets
import signal
import time
import urllib.request
from urllib.parse import urlparse

from psw_dash.hosting import nginx
from psw_dash.hosting.run import Hosted
from tests.e2e.conftest import Visit, draw_once

ROUTE_COOKIE = "psw_route"


def replica_port(site: Hosted, route: str) -> str:
    """The port of the replica the proxy sends this route cookie to, read from the proxy's access log
    after one request carrying it (the log names each request's upstream: deploy/nginx, log_format)."""
    request = urllib.request.Request(f"{site.url}/_stcore/health", headers={"Cookie": f"{ROUTE_COOKIE}={route}"})
    with urllib.request.urlopen(request, timeout=10):
        pass
    pattern = re.compile(rf"route={re.escape(route)} upstream=127\.0\.0\.1:(\d+)")
    for _ in range(100):  # nginx writes the line as the request ends; the log is read a moment later
        found = pattern.findall((site.workdir / "access.log").read_text(errors="replace"))
        if found:
            return found[-1]
        time.sleep(0.05)
    raise AssertionError(f"no access-log line for route {route}")


def routes_to_each_replica(site: Hosted, per_replica: int) -> dict[str, list[str]]:
    """Route cookie values, `per_replica` of them for each replica's port (the proxy hashes the cookie)."""
    wanted = {url.rsplit(":", 1)[1]: [] for url in site.replica_urls}
    while any(len(routes) < per_replica for routes in wanted.values()):
        route = secrets.token_hex(16)
        port = replica_port(site, route)
        if len(wanted[port]) < per_replica:
            wanted[port].append(route)
    return wanted


def reader_with_route(browser, site: Hosted, route: str) -> Visit:
    """A reader's browser whose requests the proxy sends to the replica of `route`."""
    visit = Visit(browser, site.url)
    visit.context.add_cookies([{"name": ROUTE_COOKIE, "value": route, "url": site.url}])
    return visit


def warm_every_replica(browser, site: Hosted, path: str = "", charts: int = 1) -> None:
    """Before any test runs: every replica is ready and has drawn a page through the proxy (its first page
    imports and builds what later pages reuse, which on a busy machine can take longer than a test waits)."""
    for [route] in routes_to_each_replica(site, 1).values():
        draw_once(browser, site.url, [{"name": ROUTE_COOKIE, "value": route, "url": site.url}], path, charts)


def route_only_to(site: Hosted, ports: list[str]) -> None:
    """Reload the proxy (affinity off) so that new requests go only to these replicas' ports. Connections
    already open stay where they are: nginx's old worker keeps serving them until they close, websockets
    included. Returns once new requests reach only those ports."""
    listen = urlparse(site.url).netloc
    (site.workdir / "nginx.conf").write_text(
        nginx.render(listen, [int(p) for p in ports], site.workdir, affinity=False), encoding="utf-8"
    )
    os.kill(site.nginx_pid, signal.SIGHUP)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        marker = secrets.token_hex(8)
        answered = []
        for _ in range(4):  # round robin over the new list: 4 in a row show every port it holds
            request = urllib.request.Request(
                f"{site.url}/_stcore/health", headers={"Cookie": f"{ROUTE_COOKIE}={marker}"}
            )
            with urllib.request.urlopen(request, timeout=10):
                pass
        time.sleep(0.2)
        answered = re.findall(
            rf"route={marker} upstream=127\.0\.0\.1:(\d+)", (site.workdir / "access.log").read_text(errors="replace")
        )
        if len(answered) == 4 and set(answered) <= set(ports):
            return
    raise AssertionError(f"the proxy did not reload to {ports}")
