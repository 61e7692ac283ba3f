"""Flood limits per client address, kept by the replica itself: what one address may ask of it.

Many readers share one address (an office behind NAT, a meeting opening the same link), so the limits are
on what costs a replica something, sized for a room: a page's HTML and the two requests the frontend makes
once per page (health, host-config), and above all a new session (the websocket, where the app's script
runs). Hashed files cost almost nothing and are never refused for their number (a cold page asks for 60 to
115 of them at once); only how many are in progress at once is bounded. Beyond a limit the answer is 429
with Retry-After, never a dropped connection.

The client address is the one the app server reports: behind a proxy it trusts (uvicorn's
FORWARDED_ALLOW_IPS, loopback by default), the reader's own address from X-Forwarded-For; else the peer's.
A proxy or cluster edge may keep its own limits on top (deploy/nginx uses the same numbers); a replica
needs none from it.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass

from psw_dash.hosting import routes

TOO_MANY = b"Too many requests from your address just now; wait a moment and try again.\n"
STREAM = "/_stcore/stream"
PAGE_ENDPOINTS = ("/_stcore/health", "/_stcore/host-config")
DOWNLOADS = "/download/"  # psw_dash/hosting/download_addresses.py
KEPT_ADDRESSES = 10_000  # beyond this many addresses seen, the ones with a full allowance are forgotten


@dataclass(frozen=True)
class FloodLimits:
    """What one client address may ask: the replica (FloodGuard), the local proxy and the cluster edge.

    Sized for a room behind one address: a page load makes about 3 page requests (its HTML, health and
    host-config) and opens 1 session, so the bursts let 75 readers open the app at the same moment and
    about 2 new readers a second keep arriving after that. Hashed static files are not rate-limited."""

    page_rate: int = 10  # page requests (HTML, health, host-config) a second, after the burst
    page_burst: int = 300
    session_rate: int = 5  # new sessions (websockets) a second, after the burst
    session_burst: int = 100
    sessions_held: int = 300  # sessions open at once
    requests_open: int = 300  # file and download requests in progress at once


LIMITS = FloodLimits()


class Allowance:
    """A token bucket: `burst` requests at once, refilled at `rate` a second."""

    def __init__(self, rate: float, burst: int, clock=time.monotonic):
        self.rate, self.burst, self.clock = rate, burst, clock
        self.tokens, self.at = float(burst), clock()

    def take(self) -> bool:
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False

    def full(self) -> bool:
        return self.tokens + (self.clock() - self.at) * self.rate >= self.burst


def kind(scope) -> str | None:
    """What a request costs: 'session', 'page', 'file', or None (answered without reaching the app)."""
    path = scope.get("path", "")
    if scope["type"] == "websocket":
        return "session" if path == STREAM else None
    if routes.is_page(path) or path in PAGE_ENDPOINTS or path.startswith(DOWNLOADS):
        return "page"  # a download another replica made costs this one a run of its page
    return "file"


class FloodGuard(routes.Layer):
    """ASGI middleware: per client address, page requests and new sessions by allowance (token buckets),
    sessions held and file requests in progress by count; 429 beyond."""

    def __init__(self, app, limits: FloodLimits = LIMITS, clock=time.monotonic):
        super().__init__(app)
        self.limits, self.clock = limits, clock
        self.pages: dict[str, Allowance] = {}
        self.sessions: dict[str, Allowance] = {}
        self.held: defaultdict[str, int] = defaultdict(int)
        self.open: defaultdict[str, int] = defaultdict(int)

    def _allowance(self, table: dict[str, Allowance], address: str, rate: int, burst: int) -> Allowance:
        if address not in table:
            if len(table) >= KEPT_ADDRESSES:
                for idle in [a for a, allowance in table.items() if allowance.full()]:
                    del table[idle]
            table[address] = Allowance(rate, burst, self.clock)
        return table[address]

    def admitted(self, cost: str, address: str) -> bool:
        limits = self.limits
        if cost == "page":
            return self._allowance(self.pages, address, limits.page_rate, limits.page_burst).take()
        if cost == "session":
            return (
                self.held[address] < limits.sessions_held
                and self._allowance(self.sessions, address, limits.session_rate, limits.session_burst).take()
            )
        return self.open[address] < limits.requests_open

    async def handle(self, scope, receive, send):
        cost = kind(scope)
        if cost is None:
            await self.app(scope, receive, send)
            return
        address = (scope.get("client") or ("unknown", 0))[0]
        if not self.admitted(cost, address):
            await _refuse(scope, send)
            return
        counter = self.held if cost == "session" else self.open if cost == "file" else None
        if counter is None:
            await self.app(scope, receive, send)
            return
        counter[address] += 1
        try:
            await self.app(scope, receive, send)
        finally:
            counter[address] -= 1
            if not counter[address]:
                del counter[address]


async def _refuse(scope, send) -> None:
    # 1013: "try again later", where the server cannot answer a websocket with a status
    await routes.answer_text(scope, send, 429, TOO_MANY, close_code=1013, extra=[(b"retry-after", b"1")])
