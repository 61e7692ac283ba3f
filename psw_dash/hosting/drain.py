"""A replica that is stopped (SIGTERM: a rolling update, a node drain, a scale-down) hands its readers on.

On SIGTERM the replica drains:
1. it stops taking new sessions: its health check, its pages and new websockets answer 503, so the
   Kubernetes readiness probe takes it out of the Service and the proxy tries another replica
   (deploy/nginx: `proxy_next_upstream ... http_503`);
2. it tells its readers to reconnect: each open websocket is closed with code 1012 ("service restart"),
   each at its own moment within CLOSE_SPREAD_S, so the survivors (and a Gateway's per-address limits,
   where an office's readers share one address) get the reconnections over seconds, not in one burst.
   Streamlit's frontend then polls the health check and reconnects; through the proxy that lands on a
   surviving replica, where a new session reruns the page from its URL (the URL holds every choice);
3. it exits once no reader is connected, or after DRAIN_TIMEOUT_S at the latest.
A second SIGTERM, or SIGINT (Ctrl-C), stops at once. SIGKILL cannot be caught: the proxy then finds the
replica's port closed and sends the readers' reconnects to a survivor in the same way.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import signal
import time

from psw_dash.hosting import routes

DRAIN_TIMEOUT_S = 15  # deploy/k8s: terminationGracePeriodSeconds leaves room for preStop + this
CLOSE_SPREAD_S = 5.0  # within DRAIN_TIMEOUT_S, so every reader is told before the replica stops
SERVICE_RESTART = 1012  # the websocket close code for "the server is restarting, connect again"
REFUSED = b"This replica is stopping; another one serves you.\n"
# Still served while draining: the frontend files and the downloads (a session's own, or one made again from
# its address, psw_dash/hosting/download_addresses.py) cost little and hurt no one.
STILL_SERVED = ("/static/", "/media/", "/download/")


class _State:
    draining: asyncio.Event | None = None
    started_at: float | None = None
    closing_from: float | None = None  # when this replica's websockets began to be closed


def _close_offset() -> float:
    return random.uniform(0, CLOSE_SPREAD_S)


STATE = _State()


def draining() -> bool:
    return STATE.draining is not None and STATE.draining.is_set()


class Drain(routes.Layer):
    """ASGI middleware: refuses new work while draining, and closes open websockets when draining starts."""

    async def handle(self, scope, receive, send):
        if STATE.draining is None:
            STATE.draining = asyncio.Event()
        if draining() and not scope.get("path", "").startswith(STILL_SERVED):
            await _refuse(scope, send)
            return
        if scope["type"] == "websocket":
            await self.app(scope, _closing_on_drain(receive, send), send)
            return
        await self.app(scope, receive, send)


async def _refuse(scope, send) -> None:
    await routes.answer_text(scope, send, 503, REFUSED, close_code=SERVICE_RESTART, extra=[(b"retry-after", b"1")])


def _closing_on_drain(receive, send):
    """The app's receive(), which on draining closes the socket (1012) and tells the app it disconnected."""
    pending: list[asyncio.Future] = []
    offset = _close_offset()

    async def my_turn():
        assert STATE.draining is not None  # made when the server started, before any reader connects
        await STATE.draining.wait()
        if STATE.closing_from is None:
            STATE.closing_from = time.monotonic()
        await asyncio.sleep(max(0.0, STATE.closing_from + offset - time.monotonic()))

    async def wrapped():
        if not pending:
            pending.append(asyncio.ensure_future(receive()))
        drained = asyncio.ensure_future(my_turn())
        done, _ = await asyncio.wait({pending[0], drained}, return_when=asyncio.FIRST_COMPLETED)
        if pending[0] in done:
            drained.cancel()
            return pending.pop().result()
        with contextlib.suppress(Exception):  # already closed by the reader: nothing to tell
            await send({"type": "websocket.close", "code": SERVICE_RESTART, "reason": "replica stopping"})
        return {"type": "websocket.disconnect", "code": SERVICE_RESTART}

    return wrapped


def _connected_readers() -> int:
    from streamlit.runtime import Runtime

    return Runtime.instance()._session_mgr.num_active_sessions() if Runtime.exists() else 0


async def _drain_then_stop(server) -> None:
    assert STATE.draining is not None and STATE.started_at is not None  # both set when the server started
    STATE.draining.set()
    print(f"psw-dash draining: {_connected_readers()} readers told to reconnect elsewhere", flush=True)
    deadline = time.monotonic() + DRAIN_TIMEOUT_S
    while _connected_readers() and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    print(
        f"psw-dash drained in {time.monotonic() - STATE.started_at:.1f} s; "
        f"{_connected_readers()} readers still connected; stopping",
        flush=True,
    )
    server.stop()


def install_signal_handler(server) -> None:
    """Called by Streamlit once its server runs (in place of bootstrap._set_up_signal_handler): SIGTERM
    drains; a second SIGTERM, or SIGINT, stops at once as Streamlit's own handler does."""
    loop = asyncio.get_running_loop()
    if STATE.draining is None:
        STATE.draining = asyncio.Event()

    def on_term(signal_number, frame):
        if STATE.started_at is not None:
            loop.call_soon_threadsafe(server.stop)
            return
        STATE.started_at = time.monotonic()
        loop.call_soon_threadsafe(lambda: loop.create_task(_drain_then_stop(server)))

    def on_int(signal_number, frame):
        loop.call_soon_threadsafe(server.stop)

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, on_int)
