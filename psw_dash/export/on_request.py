"""A document made on request (the briefing pack, the slides): one button makes it with its progress shown, and
the download button takes its place; once made for this data version, it downloads in one click, from any
session (each document's module keeps what it made)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from psw_dash.planner import defaults as planner_defaults

Planned = planner_defaults.Planned | None


@dataclass(frozen=True)
class Document:
    """What a document is called, its format, and how it is found made or made."""

    name: str  # "briefing pack", "slides"
    kind: str  # "PDF", "PPTX"
    mime: str
    icon: str
    file_name: Callable[[str], str]
    cached: Callable[[str, Planned], bytes | None]
    build: Callable[..., bytes]  # (scope, progress=, planned=)


def offer(document: Document, scope: str, label: str, key_prefix: str = "") -> None:
    """'Make' until the document is ready, then 'Download' in the same place (the Make button does not stay)."""
    key = f"{key_prefix}-{document.file_name(scope).rsplit('.', 1)[0]}"
    # The planner's scenario as this reader last saw it (pages/planner.py); else the document prints the default.
    planned = st.session_state.get(planner_defaults.ON_SCREEN)
    ready = document.cached(scope, planned)
    slot = st.empty()
    if ready is None and slot.button(
        f"Make the {document.name} of {label} ({document.kind})", key=f"make-{key}", icon=document.icon
    ):
        with slot.container():
            bar = st.progress(0.0, text="Starting")
            ready = document.build(
                scope, progress=lambda fraction, text: bar.progress(fraction, text=text), planned=planned
            )
    if ready is not None:
        slot.download_button(
            f"Download the {document.name} of {label} ({document.kind}, {len(ready) / 1e6:.1f} MB)",
            # Handed over when clicked, not with the page: bytes given here go to Streamlit's media store with
            # every run that draws the button, and the browser fetched them (a /media/ request) unasked.
            data=functools.partial(bytes, ready),
            file_name=document.file_name(scope),
            mime=document.mime,
            on_click="ignore",
            key=f"download-{key}",
            icon=":material/download:",
        )
