"""Documents made on request (the briefing pack, the slides), kept in memory per data version and scenario.

Made once, then served from memory to every session: a hosted copy makes each document once per data
version. A document of data since rebuilt is never served again, and readers' own planner scenarios are
kept at most `scenarios` at a time (the oldest go first), beside the default scenario's.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable


class Kept:
    """Bytes by key: (scope, data version, planner scenario or None, ...)."""

    def __init__(self, scenarios: int) -> None:
        self.scenarios = scenarios
        self._kept: dict[tuple, bytes] = {}
        self._building = threading.Lock()  # one build at a time: a second request for it waits, then reads it

    def get(self, key: tuple[Hashable, ...]) -> bytes | None:
        return self._kept.get(key)

    def make(self, key: tuple[Hashable, ...], build: Callable[[], bytes]) -> bytes:
        with self._building:
            if key not in self._kept:
                built = build()
                for old in [k for k in self._kept if k[1] != key[1]]:
                    del self._kept[old]  # a document of data since rebuilt is never served again
                own = [k for k in self._kept if k[2] is not None]
                for old in own[: max(0, len(own) - self.scenarios + 1)]:
                    del self._kept[old]  # the oldest readers' scenarios go first
                self._kept[key] = built
        return self._kept[key]
