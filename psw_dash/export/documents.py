"""A made document (the briefing pack, the slides) named by what it contains, so that any replica can make it.

An Order is everything a document depends on: which document, its scope (all views, or one view's page file), the
planner scenario it prints (None: the default) and, for the slides, the address their links lead to. Made twice
from one order, a document is the same. The download button hands Streamlit a Deferred, the bytes this session
made with the order that made them; the hosted copy then addresses the download by its order
(hosting/download_addresses.py), which any replica can answer, instead of by the media store of the replica that
made it (without session affinity the browser's request may reach the other one).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from psw_dash.export import pack, slides
from psw_dash.planner import defaults as planner_defaults

PACK, SLIDES = "pack", "slides"
MIMES = {PACK: "application/pdf", SLIDES: slides.MIME}
MAX_ADDRESS_CHARS = 300


@dataclass(frozen=True)
class Order:
    document: str  # PACK or SLIDES
    scope: str  # pack.WHOLE, or a view's page file such as "pages/people.py"
    planned: planner_defaults.Planned | None = None  # the planner's scenario on screen; None prints the default
    address: str = slides.LOCAL_ADDRESS  # where the slides' links lead; the pack has none

    @property
    def mime(self) -> str:
        return MIMES[self.document]

    def file_name(self) -> str:
        return pack.file_name(self.scope) if self.document == PACK else slides.file_name(self.scope)

    def cached(self) -> bytes | None:
        """The document if this process made it already for this data version (no work done)."""
        if self.document == PACK:
            return pack.cached(self.scope, self.planned)
        return slides.cached(self.scope, self.planned, self.address)

    def make(self, progress: pack.Progress | None = None) -> bytes:
        """The document, made now if this process has not made it for this data version (10 to 20 s)."""
        if self.document == PACK:
            return pack.build(self.scope, progress, self.planned)
        return slides.build(self.scope, progress, self.planned, self.address)

    def links_lead_to(self, host: str) -> bool:
        """Whether this document's links lead to `host` (a Host header, 'name' or 'name:port'): a deck's lead to
        the address its reader's browser showed; the pack links nowhere but the sources it prints."""
        return self.document != SLIDES or urlsplit(self.address).hostname == urlsplit(f"//{host}").hostname

    def fields(self) -> dict[str, Any]:
        """The order as JSON-ready fields: the inverse of from_fields."""
        return {
            "d": self.document,
            "s": self.scope,
            "p": None if self.planned is None else planner_defaults.as_fields(self.planned),
            "a": self.address if self.document == SLIDES else "",
        }

    @classmethod
    def from_fields(cls, fields: dict[str, Any]) -> Order:
        """An order from fields(); ValueError, naming what is wrong, for one no page could have made."""
        try:
            document, scope, planned, address = str(fields["d"]), str(fields["s"]), fields["p"], str(fields["a"])
        except (KeyError, TypeError) as missing:
            raise ValueError(f"not a document's order: {missing!r}") from missing
        if document not in MIMES:
            raise ValueError(f"no document called {document!r}")
        if scope != pack.WHOLE and scope not in {page.file for page in pack.pack_pages()}:
            raise ValueError(f"no view {scope!r} has a {document}")
        if document == PACK:
            address = slides.LOCAL_ADDRESS
        elif len(address) > MAX_ADDRESS_CHARS or urlsplit(address).scheme not in ("http", "https"):
            raise ValueError(f"the slides' links cannot lead to {address[:80]!r}")
        return cls(document, scope, None if planned is None else planner_defaults.from_fields(planned), address)


@dataclass(frozen=True)
class Deferred:
    """What a download button is handed: called when the reader clicks, it gives the bytes made; its order tells
    the hosted copy what they contain."""

    order: Order
    content: bytes

    def __call__(self) -> bytes:
        return self.content
