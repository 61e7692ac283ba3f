"""A document made on request (the briefing pack, the slides): one button makes it with its progress shown, and
the download button takes its place; once made for this data version, it downloads in one click, from any
session (each document's module keeps what it made). The button hands over the document with its order
(documents.py), so in the hosted copy any replica can answer its download."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from psw_dash.export import documents
from psw_dash.planner import defaults as planner_defaults

Planned = planner_defaults.Planned | None


@dataclass(frozen=True)
class Document:
    """What a document is called, its format, and its order for a scope and a planner scenario."""

    name: str  # "briefing pack", "slides"
    kind: str  # "PDF", "PPTX"
    icon: str
    order: Callable[[str, Planned], documents.Order]


def offer(document: Document, scope: str, label: str, key_prefix: str = "") -> None:
    """'Make' until the document is ready, then 'Download' in the same place (the Make button does not stay)."""
    # The planner's scenario as this reader last saw it (pages/planner.py); else the document prints the default.
    order = document.order(scope, st.session_state.get(planner_defaults.ON_SCREEN))
    key = f"{key_prefix}-{order.file_name().rsplit('.', 1)[0]}"
    ready = order.cached()
    slot = st.empty()
    if ready is None and slot.button(
        f"Make the {document.name} of {label} ({document.kind})", key=f"make-{key}", icon=document.icon
    ):
        with slot.container():
            bar = st.progress(0.0, text="Starting")

            def show(fraction: float, text: str) -> None:
                bar.progress(fraction, text=text)

            ready = order.make(progress=show)
    if ready is not None:
        slot.download_button(
            f"Download the {document.name} of {label} ({document.kind}, {len(ready) / 1e6:.1f} MB)",
            # Handed over when clicked, not with the page: bytes given here go to Streamlit's media store with
            # every run that draws the button, and the browser fetched them (a /media/ request) unasked.
            data=documents.Deferred(order, ready),
            file_name=order.file_name(),
            mime=order.mime,
            on_click="ignore",
            key=f"download-{key}",
            icon=":material/download:",
        )
