"""Start the app on a local port and drive headless Chromium: shared by browser tests and the benchmark."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from psw_dash import paths
from psw_dash.hosting.processes import free_port, stop, wait_until_healthy

# Without these Chromium keeps trying hosts this machine cannot reach (updates, sync, field trials).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str:
    found = os.environ.get("PSW_DASH_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise RuntimeError("No Chromium found: run the tests with `python dev.py test`, which installs it.")
    return found


@contextlib.contextmanager
def streamlit_server(script: Path = paths.ROOT / "app.py", env: dict[str, str] | None = None):
    """Run `streamlit run script` on 127.0.0.1 and yield its base URL; stop it afterwards."""
    port = free_port()
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(script),
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=script.parent,
            env={**os.environ, **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"

        def log_text() -> str:
            log.seek(0)
            return log.read().decode(errors="replace")

        try:
            wait_until_healthy(url, process, log_text)
            yield url
        finally:
            stop(process)
        log.close()


def wait_until_drawn(page, charts: int | None = None, timeout_ms: int = 30_000) -> None:
    """Ready means: the script has finished, no element is still loading, every Plotly chart is drawn.

    Plotly loads lazily after the script finishes (a skeleton shows meanwhile), so "script done"
    alone is too early. The state must hold on two polls 50 ms apart, so a page caught between
    the script's end and the first skeleton is not taken as ready. Pass `charts` whenever the count
    is known: without it, a page caught before its first chart element exists can pass as ready.
    Only skeletons on screen count: the warm-up's hidden widgets (psw_dash/page/preload.py, display: none) show one
    while their code arrives, which no reader sees.
    """
    page.wait_for_function(
        """(expected) => {
            const app = document.querySelector('[data-testid="stApp"]');
            const frames = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
            const ready = app && app.getAttribute('data-test-script-state') === 'notRunning'
                && ![...document.querySelectorAll('[data-testid="stSkeleton"]')].some(s => s.checkVisibility())
                && frames.length >= (expected === null ? 0 : expected)
                && frames.every(f => f.querySelector('.main-svg'));
            window.__pswReadyPolls = ready ? (window.__pswReadyPolls || 0) + 1 : 0;
            return window.__pswReadyPolls >= 2;
        }""",
        arg=charts,
        polling=50,
        timeout=timeout_ms,
    )
