"""One headless Chromium session (kaleido) for chart images and for printing the pack.

Kaleido drives the system's Chromium: starting it costs about 3 s, each image then about 0.3 s.
Everything runs offline: plotly.js comes from the installed plotly package and MathJax is off
(its default is a CDN).
"""

from __future__ import annotations

import asyncio
import base64
import os
import shutil
import threading
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import kaleido

# Kaleido looks up BROWSER_PATH itself; PSW_DASH_CHROMIUM is the project's own override (tests, dev.py).
T = TypeVar("T")

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")


def chromium_path() -> str | None:
    """The Chromium to draw with: BROWSER_PATH, PSW_DASH_CHROMIUM, or one on PATH (None: kaleido's own search)."""
    for variable in ("BROWSER_PATH", "PSW_DASH_CHROMIUM"):
        if os.environ.get(variable):
            return os.environ[variable]
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def session() -> kaleido.Kaleido:
    """A new browser session (use as `async with`); n=1: one tab, the machine has few cores."""
    path = chromium_path()
    return kaleido.Kaleido(n=1, mathjax=False, **({"path": path} if path else {}))


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to its end from ordinary code.

    In this thread when it has no event loop (a Streamlit script run: progress can then be drawn
    from inside the coroutine), else in a thread of its own.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def print_pdf(browser: kaleido.Kaleido, html_file: Path, footer_html: str) -> bytes:
    """Print an HTML file to a tagged PDF (with a document outline) in a new tab of the session.

    The footer is Chromium's page template: it repeats on every page and fills in the page number.
    """
    tab = await browser.create_tab(url="")
    try:
        await tab.send_command("Page.enable")
        loaded = tab.subscribe_once("Page.loadEventFired")
        await tab.send_command("Page.navigate", params={"url": html_file.as_uri()})
        await loaded
        response = await tab.send_command(
            "Page.printToPDF",
            params={
                "generateTaggedPDF": True,
                "generateDocumentOutline": True,
                "printBackground": True,
                "preferCSSPageSize": True,
                "displayHeaderFooter": True,
                "headerTemplate": "<span></span>",
                "footerTemplate": footer_html,
            },
        )
    finally:
        await browser.close_tab(tab.target_id)
    if "error" in response:
        raise RuntimeError(f"Chromium could not print the pack: {response['error']}")
    return base64.b64decode(response["result"]["data"])


class _SharedSession:
    """One long-lived session for single chart images, opened on the first request, in its own thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._started = False

    def image(self, figure: Any, fmt: str, scale: float) -> bytes:
        with self._lock:
            if not self._started:
                path = chromium_path()
                kaleido.start_sync_server(n=1, mathjax=False, silence_warnings=True, **({"path": path} if path else {}))
                self._started = True
            return kaleido.calc_fig_sync(figure, opts=dict(format=fmt, scale=scale))


shared = _SharedSession()
