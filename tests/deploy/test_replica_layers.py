"""The two layers a hosted replica puts in front of Streamlit, each alone: a missing frontend file is a 404
nobody caches (psw_dash/hosting/frontend_files.py), and a draining replica refuses new work and closes its
readers' websockets (psw_dash/hosting/drain.py). The browser tests prove them through the proxy."""
from __future__ import annotations

import asyncio
import subprocess
import sys

import pytest

from psw_dash import paths
from psw_dash.hosting import drain, frontend_files
from tests.helpers import run_async


class App:
    """The app behind a layer: records that it was reached."""

    def __init__(self):
        self.reached: list[str] = []

    async def __call__(self, scope, receive, send):
        self.reached.append(scope["path"])
        if scope["type"] == "websocket":
            self.message = await receive()


def call(layer, scope, incoming=None) -> list[dict]:
    sent: list[dict] = []

    async def receive():
        return await incoming() if incoming else {"type": "http.request"}

    async def send(message):
        sent.append(message)

    run_async(layer(scope, receive, send))
    return sent


@pytest.fixture
def frontend(tmp_path, monkeypatch):
    (tmp_path / "static" / "js").mkdir(parents=True)
    (tmp_path / "static" / "js" / "index.abc123.js").write_text("1")
    (tmp_path / "secret.txt").write_text("no")
    monkeypatch.setenv(frontend_files.FRONTEND_DIR_ENV, str(tmp_path))
    return tmp_path


@pytest.mark.parametrize("path", ["/static/js/index.old999.js", "/static/js/", "/static/../secret.txt"])
def test_a_missing_frontend_file_is_a_404_that_nobody_caches(frontend, path):
    app = App()
    sent = call(frontend_files.MissingIsNotFound(app), {"type": "http", "path": path})
    assert app.reached == []
    assert sent[0]["status"] == 404 and (b"cache-control", b"no-store") in sent[0]["headers"]
    assert b"<html" not in sent[1]["body"]


@pytest.mark.parametrize("path", ["/static/js/index.abc123.js", "/", "/growth", "/_stcore/health"])
def test_a_file_that_exists_and_every_other_path_reach_streamlit(frontend, path):
    app = App()
    call(frontend_files.MissingIsNotFound(app), {"type": "http", "path": path})
    assert app.reached == [path]


@pytest.fixture
def draining(monkeypatch):
    state = drain._State()
    monkeypatch.setattr(drain, "STATE", state)
    return state


def test_before_draining_everything_reaches_streamlit(draining):
    app = App()
    for path in ("/", "/_stcore/health", "/static/js/a.js"):
        call(drain.Drain(app), {"type": "http", "path": path})
    assert app.reached == ["/", "/_stcore/health", "/static/js/a.js"]


def test_while_draining_health_pages_and_new_sessions_get_503_but_files_are_served(draining):
    app = App()
    layer = drain.Drain(app)

    async def start_draining():
        draining.draining = asyncio.Event()
        draining.draining.set()

    run_async(start_draining())
    for path in ("/_stcore/health", "/", "/people"):
        sent = call(layer, {"type": "http", "path": path})
        assert sent[0]["status"] == 503, path
    refused = call(layer, {"type": "websocket", "path": "/_stcore/stream", "extensions": {"websocket.http.response": {}}})
    assert refused[0] == {"type": "websocket.http.response.start", "status": 503, "headers": refused[0]["headers"]}
    call(layer, {"type": "http", "path": "/static/js/a.js"})
    call(layer, {"type": "http", "path": "/media/a.csv"})
    assert app.reached == ["/static/js/a.js", "/media/a.csv"]


def test_when_draining_starts_an_open_websocket_is_closed_1012_and_streamlit_sees_a_disconnect(draining):
    app = App()

    async def session():
        sent: list[dict] = []
        never = asyncio.Event()

        async def receive():  # a reader who sends nothing more
            await never.wait()

        async def send(message):
            sent.append(message)

        async def drain_soon():
            await asyncio.sleep(0.05)
            draining.draining.set()

        asyncio.get_running_loop().create_task(drain_soon())
        await drain.Drain(app)({"type": "websocket", "path": "/_stcore/stream"}, receive, send)
        return sent

    sent = run_async(session())
    assert sent == [{"type": "websocket.close", "code": drain.SERVICE_RESTART, "reason": "replica stopping"}]
    assert app.message == {"type": "websocket.disconnect", "code": drain.SERVICE_RESTART}


def test_a_replica_puts_both_layers_in_front_of_streamlit_and_drains_on_sigterm():
    """The replica installs them through two names Streamlit looks up when it starts; an upgrade of Streamlit
    that renames either fails here, not silently in production. In a child process: it patches Streamlit."""
    probe = (
        "from psw_dash.hosting import drain, replica; replica.install_hosting_layers()\n"
        "from streamlit.web import bootstrap; from streamlit.web.server.starlette import starlette_app\n"
        "print([m.cls.__name__ for m in starlette_app.create_streamlit_middleware()][:3])\n"
        "print(bootstrap._set_up_signal_handler is drain.install_signal_handler)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120,
                            cwd=paths.ROOT, check=False)
    assert result.returncode == 0, result.stderr
    layers, handler = result.stdout.splitlines()[-2:]
    assert layers == "['Drain', 'MissingIsNotFound', 'PathSecurityMiddleware']"
    assert handler == "True"
