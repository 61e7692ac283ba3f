"""A draining replica closes its readers' websockets over CLOSE_SPREAD_S, each at its own moment, not all
at once: the survivors, and a Gateway's per-address limit where an office's readers share one address,
get the reconnections over seconds (psw_dash/hosting/drain.py)."""

from __future__ import annotations

import asyncio
import itertools

import pytest

from psw_dash.hosting import drain
from tests.helpers import run_async


@pytest.fixture
def state(monkeypatch):
    fresh = drain._State()
    monkeypatch.setattr(drain, "STATE", fresh)
    return fresh


def test_each_reader_is_told_at_its_own_offset_in_that_order(state, monkeypatch):
    offsets = [0.6, 0.0, 0.3, 0.9]
    drawn = itertools.count()
    monkeypatch.setattr(drain, "_close_offset", lambda: offsets[next(drawn)])
    closed: list[int] = []

    class Reader:
        async def __call__(self, scope, receive, send):
            await receive()  # the app waits for the reader until the drain says it disconnected

    async def room():
        never = asyncio.Event()
        state.draining = asyncio.Event()

        async def one(reader: int):
            async def send(message):
                if message["type"] == "websocket.close":
                    closed.append(reader)

            await drain.Drain(Reader())({"type": "websocket", "path": "/_stcore/stream"}, never.wait, send)

        readers = [asyncio.ensure_future(one(n)) for n in range(len(offsets))]
        await asyncio.sleep(0.05)
        state.draining.set()
        await asyncio.wait_for(asyncio.gather(*readers), timeout=60)

    run_async(room())
    assert closed == sorted(range(len(offsets)), key=lambda n: offsets[n])


def test_the_spread_fits_in_the_drain_and_offsets_fall_within_it():
    assert 1 <= drain.CLOSE_SPREAD_S <= drain.DRAIN_TIMEOUT_S / 2
    drawn = [drain._close_offset() for _ in range(200)]
    assert all(0 <= offset <= drain.CLOSE_SPREAD_S for offset in drawn)
    assert max(drawn) - min(drawn) > drain.CLOSE_SPREAD_S / 2  # spread, not one moment
