"""The hosted copy's local processes: a free port, waiting until a server answers, stopping it. Standard library
only (dev.py imports the container module before anything is installed); the tests' and the bench's server
(devtools/serve.py) uses the same three."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(
    url: str, process: subprocess.Popen, log_text, timeout_s: float = 60, path: str = "/_stcore/health"
) -> None:
    """Poll url's health path until it answers 200; fail with log_text() if the process ends or time runs out."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            with urllib.request.urlopen(f"{url}{path}", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not start:\n{log_text()}")
        time.sleep(0.2)


def stop(process: subprocess.Popen) -> None:
    """Terminate, and kill if it has not stopped within 10 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
