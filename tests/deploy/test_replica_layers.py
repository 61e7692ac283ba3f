"""The layers a hosted replica puts in front of Streamlit, each alone: the security headers on every answer
(psw_dash/hosting/security_headers.py), only the app's paths (psw_dash/hosting/routes.py), flood limits per
client address (psw_dash/hosting/flood.py), a missing frontend file is a 404 nobody caches and a file that
exists is cached for a year (psw_dash/hosting/frontend_files.py), and a draining replica refuses new work
and closes its readers' websockets (psw_dash/hosting/drain.py). The browser tests prove them on a bare
replica and through the proxy (tests/e2e/test_hosted_in_browser.py)."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import pytest

from psw_dash import paths
from psw_dash.hosting import drain, flood, frontend_files, routes, security_headers
from tests.helpers import run_async


class App:
    """The app behind a layer: records that it was reached."""

    def __init__(self):
        self.reached: list[str] = []

    async def __call__(self, scope, receive, send):
        self.reached.append(scope["path"])
        if scope["type"] == "websocket":
            self.message = await receive()
        elif self.answer is not None:
            await send(
                {
                    "type": "http.response.start",
                    "status": self.answer,
                    "headers": [
                        (b"server", b"uvicorn"),
                        (b"x-frame-options", b"SAMEORIGIN"),
                        (b"cache-control", b"no-cache"),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": b"from the app"})

    answer: int | None = None


def answering(status: int) -> App:
    app = App()
    app.answer = status
    return app


def headers_of(sent: list[dict]) -> dict[str, str]:
    return {name.decode(): value.decode() for name, value in sent[0]["headers"]}


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
    refused = call(
        layer, {"type": "websocket", "path": "/_stcore/stream", "extensions": {"websocket.http.response": {}}}
    )
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
        "print([m.cls.__name__ for m in starlette_app.create_streamlit_middleware()][:7])\n"
        "print(bootstrap._set_up_signal_handler is drain.install_signal_handler)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, cwd=paths.ROOT, check=False
    )
    assert result.returncode == 0, result.stderr
    layers, handler = result.stdout.splitlines()[-2:]
    assert layers == (
        "['SecurityHeaders', 'OnlyTheApp', 'FloodGuard', 'Drain', 'ServeDownloads', 'MissingIsNotFound', "
        "'PathSecurityMiddleware']"
    )
    assert handler == "True"


@pytest.mark.parametrize("status", [200, 404, 500])
def test_every_answer_of_the_app_gets_every_security_header_and_no_server_banner(status):
    sent = call(security_headers.SecurityHeaders(answering(status)), {"type": "http", "path": "/"})
    headers = headers_of(sent)
    for name, value in security_headers.security_headers().items():
        assert headers[name.lower()] == value, name  # the app's own X-Frame-Options is replaced, not doubled
    assert [name for name, _ in sent[0]["headers"]].count(b"x-frame-options") == 1
    assert "server" not in headers


def test_a_refused_websocket_gets_the_security_headers_too(draining):
    draining.draining = asyncio.Event()
    run_async(_set(draining.draining))
    layer = security_headers.SecurityHeaders(drain.Drain(App()))
    sent = call(layer, {"type": "websocket", "path": "/_stcore/stream", "extensions": {"websocket.http.response": {}}})
    assert sent[0]["status"] == 503 and "content-security-policy" in headers_of(sent)


async def _set(event):
    event.set()


@pytest.mark.parametrize(
    "path",
    [
        "/_stcore/metrics",
        "/_stcore/script-health-check",
        "/_stcore/agent/openapi.json",
        "/app/static/favicon.png",
        "/no-such-page",
        "/wp-admin/",
        "/growth/_stcore/health",
        "/component/x/index.html",
        "/auth/login",
    ],
)
def test_internal_and_unknown_paths_are_a_plain_404_before_streamlit(path):
    app = App()
    sent = call(routes.OnlyTheApp(app), {"type": "http", "path": path})
    assert app.reached == [] and sent[0]["status"] == 404 and sent[1]["body"] == b"Not found.\n"
    assert headers_of(sent)["content-type"].startswith("text/plain") and headers_of(sent)["cache-control"] == "no-store"


def test_uploads_are_refused_in_hosted_mode(monkeypatch):
    from psw_dash import settings

    monkeypatch.setenv(settings.MODE_ENV, settings.HOSTED)
    app = App()
    sent = call(routes.OnlyTheApp(app), {"type": "http", "path": "/_stcore/upload_file/session/file"})
    assert app.reached == [] and sent[0]["status"] == 403


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/growth",
        "/growth/",
        "/static/js/a.js",
        "/media/a.csv",
        "/favicon.png",
        "/manifest.json",
        "/_stcore/health",
        "/_stcore/host-config",
        "/_stcore/stream",
    ],
)
def test_the_apps_own_paths_reach_streamlit(path):
    app = App()
    call(routes.OnlyTheApp(app), {"type": "http", "path": path})
    assert app.reached == [path]


@pytest.mark.parametrize(
    "status, cache",
    [(200, "public, max-age=31536000, immutable"), (304, "public, max-age=31536000, immutable"), (500, "no-store")],
)
def test_a_frontend_file_that_exists_is_cached_for_a_year_and_nothing_else(frontend, status, cache):
    sent = call(
        frontend_files.MissingIsNotFound(answering(status)), {"type": "http", "path": "/static/js/index.abc123.js"}
    )
    assert sent[0]["status"] == status and headers_of(sent)["cache-control"] == cache
    page = call(frontend_files.MissingIsNotFound(answering(200)), {"type": "http", "path": "/"})
    assert headers_of(page)["cache-control"] == "no-cache"  # a page is not a hashed file: the app's own header


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def page_request(address: str) -> dict:
    return {"type": "http", "path": "/growth", "client": (address, 50000)}


def test_page_requests_from_one_address_are_limited_after_the_rooms_burst_and_others_are_not():
    clock, limits = Clock(), flood.FloodLimits(page_rate=10, page_burst=30)
    guard = flood.FloodGuard(answering(200), limits, clock)
    answers = [call(guard, page_request("10.0.0.1"))[0]["status"] for _ in range(40)]
    assert answers == [200] * 30 + [429] * 10
    assert call(guard, page_request("10.0.0.2"))[0]["status"] == 200  # another office is not affected
    clock.now += 0.5  # half a second refills 5
    assert [call(guard, page_request("10.0.0.1"))[0]["status"] for _ in range(6)] == [200] * 5 + [429]
    refused = call(guard, page_request("10.0.0.1"))
    assert headers_of(refused)["retry-after"] == "1" and refused[1]["body"] == flood.TOO_MANY


def test_new_sessions_are_limited_by_allowance_and_by_how_many_are_held():
    clock = Clock()
    limits = flood.FloodLimits(session_rate=1, session_burst=3, sessions_held=2)
    never = asyncio.Event()

    class Held:
        async def __call__(self, scope, receive, send):
            await never.wait()

    guard = flood.FloodGuard(Held(), limits, clock)
    scope = {
        "type": "websocket",
        "path": "/_stcore/stream",
        "client": ("10.0.0.1", 1),
        "extensions": {"websocket.http.response": {}},
    }

    async def open_three():
        sent: list[dict] = []

        async def send(message):
            sent.append(message)

        tasks = [asyncio.ensure_future(guard(scope, None, send)) for _ in range(3)]
        await asyncio.sleep(0.01)
        held = dict(guard.held)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        return sent, held, dict(guard.held)

    sent, held, after = run_async(open_three())
    assert held == {"10.0.0.1": 2} and after == {}  # the third was refused: 2 held at most; all released
    assert [m["status"] for m in sent if m["type"] == "websocket.http.response.start"] == [429]


def test_hashed_files_are_never_refused_for_their_number():
    guard = flood.FloodGuard(answering(200), flood.FloodLimits(page_burst=1, requests_open=5), Clock())
    answers = [
        call(guard, {"type": "http", "path": "/static/js/a.js", "client": ("10.0.0.1", 1)})[0]["status"]
        for _ in range(500)
    ]
    assert answers == [200] * 500


def test_a_download_address_carries_its_recipe_and_nothing_else_is_one():
    from psw_dash.hosting import download_addresses as addresses

    recipe = addresses.Recipe("v1", "abc", "growth", "later=1", b"\x0a\x03xyz", "$$ID-download-growth")
    address = addresses.address(recipe, "psw growth.csv")
    token = address.removeprefix(addresses.PREFIX).split("/")[0]
    assert address.endswith("/psw%20growth.csv") and addresses.decode(token) == recipe
    for junk in ("nonsense", token[:-4], "A" * (addresses.MAX_RECIPE_CHARS + 1), ""):
        assert addresses.decode(junk) is None, junk[:20]


@pytest.mark.parametrize("path", ["/download/nonsense/x.csv", "/download/", "/download//x.csv"])
def test_an_address_that_is_no_recipe_is_a_plain_404(path):
    from psw_dash.hosting import download_addresses as addresses

    app = App()
    sent = call(addresses.ServeDownloads(app), {"type": "http", "path": path, "method": "GET"})
    assert app.reached == [] and sent[0]["status"] == 404 and sent[1]["body"] == b"Not found.\n"


def test_a_made_documents_address_carries_its_order_and_no_page_recipe():
    from psw_dash.export import documents, pack
    from psw_dash.hosting import download_addresses as addresses
    from psw_dash.planner import defaults as planner_defaults

    order = documents.Order(documents.SLIDES, pack.PLANNER, planner_defaults.default(), "https://psw.example.nhs.uk")
    ordered = addresses.Ordered("v1", order)
    token = addresses.address(ordered, "psw-2019-slides-planner.pptx").removeprefix(addresses.PREFIX).split("/")[0]
    assert addresses.decode(token) == ordered  # an order, not a page's recipe
    # An order no page could make (a view with no deck, a scenario the planner's inputs refuse) is no address.
    for wrong in (
        {"s": "pages/../app.py"},
        {"p": {**planner_defaults.as_fields(planner_defaults.default()), "tpp": 99}},
    ):
        made_up = addresses._packed({"k": "document", "v": "v1", "o": {**order.fields(), **wrong}})
        assert addresses.decode(made_up) is None, wrong


@pytest.mark.parametrize(
    ("host", "answered"), [("psw.example.nhs.uk", True), ("psw.example.nhs.uk:443", True), ("elsewhere.example", False)]
)
def test_a_deck_is_made_again_only_where_its_links_lead(host, answered):
    from psw_dash.export import documents, pack
    from psw_dash.hosting import download_addresses as addresses

    deck = addresses.Ordered("v1", documents.Order(documents.SLIDES, pack.WHOLE, None, "https://psw.example.nhs.uk"))
    scope = {"type": "http", "headers": [(b"host", host.encode())]}
    assert deck.asked_at_its_own_address(scope) is answered
    briefing_pack = addresses.Ordered("v1", documents.Order(documents.PACK, pack.WHOLE))
    assert briefing_pack.asked_at_its_own_address(scope)  # the pack links nowhere but the sources it prints


def test_a_download_this_replica_made_is_answered_from_memory_with_its_name():
    from psw_dash.hosting import download_addresses as addresses

    recipe = addresses.Recipe(addresses.data_version(), "abc", "growth", "", b"", "$$ID-x")
    addresses.KEPT.put(recipe.encode(), addresses.Made(b"a,b\n1,2\n", "text/csv", "growth figures.csv"))
    sent = call(
        addresses.ServeDownloads(App()), {"type": "http", "path": addresses.address(recipe, "x.csv"), "method": "GET"}
    )
    headers = headers_of(sent)
    assert (sent[0]["status"], sent[1]["body"], headers["content-type"]) == (200, b"a,b\n1,2\n", "text/csv")
    assert headers["content-disposition"].startswith('attachment; filename="growth figures.csv"')
