"""Which paths a hosted replica answers: the app's pages and the files and endpoints its frontend uses.

Streamlit serves more than a reader needs: internal endpoints (metrics, script health, component and
sign-in routes, the agent API) and, for any unknown path, its index page (200), so a page can route itself
in the browser. A hosted replica answers only what the app uses; anything else is a plain 404 ("Not
found."), and the upload endpoint a 403 in hosted mode (no page offers an uploader). These answers were
the local proxy's (deploy/nginx); here the replica gives them itself, behind any proxy or none.
"""

from __future__ import annotations

import re
from functools import cache

from psw_dash import settings

NOT_FOUND = b"Not found.\n"
UPLOADS_OFF = b"Uploads are switched off in this read-only copy.\n"
UPLOAD_PREFIX = "/_stcore/upload_file"
# What the frontend asks for besides pages: its files, a session's downloads, the session's websocket, and
# the two requests it makes at start-up (and health checks make). /download/ is psw_dash/hosting/downloads.py.
FILE_PREFIXES = ("/static/", "/media/", "/download/")
ENDPOINTS = frozenset({"/favicon.png", "/manifest.json", "/_stcore/stream", "/_stcore/health", "/_stcore/host-config"})


@cache
def page_paths() -> tuple[str, ...]:
    """The URL path of every page but the default one (served at /), from psw_dash/page/layout.py."""
    from psw_dash.page import layout

    return tuple(page.url_path for page in layout.all_pages() if page.url_path)


@cache
def _page_pattern() -> re.Pattern:
    return re.compile(r"/(?:(?:" + "|".join(re.escape(p) for p in page_paths()) + r")/?)?")


def is_page(path: str) -> bool:
    return _page_pattern().fullmatch(path) is not None


def answer(path: str) -> tuple[int, bytes] | None:
    """The replica's own answer to a path (status and text), or None where the app answers it."""
    if path.startswith(UPLOAD_PREFIX) and not settings.uploads_allowed():
        return 403, UPLOADS_OFF
    if is_page(path) or path in ENDPOINTS or path.startswith(FILE_PREFIXES):
        return None
    return 404, NOT_FOUND


async def answer_text(scope, send, status: int, text: bytes, close_code: int = 1008, extra=()) -> None:
    """A plain-text answer no one may cache: an HTTP response, or the refusal of a websocket before it opens
    (a server without the denial-response extension closes it with `close_code`; the client sees 403)."""
    headers = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"cache-control", b"no-store"),
        (b"content-length", str(len(text)).encode()),
        *extra,
    ]
    if scope["type"] == "http":
        prefix = "http."
    elif "websocket.http.response" in scope.get("extensions", {}):
        prefix = "websocket.http."
    else:
        await send({"type": "websocket.close", "code": close_code})
        return
    await send({"type": f"{prefix}response.start", "status": status, "headers": headers})
    await send({"type": f"{prefix}response.body", "body": text})


class Layer:
    """An ASGI middleware of the replica's: `handle` sees HTTP requests and websockets; anything else (the
    server's lifespan messages) passes straight to the app."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] in ("http", "websocket"):
            await self.handle(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    async def handle(self, scope, receive, send):
        raise NotImplementedError


class OnlyTheApp(Layer):
    """ASGI middleware: a path the app does not use is a plain 404; uploads in hosted mode a 403."""

    async def handle(self, scope, receive, send):
        own = answer(scope.get("path", ""))
        if own is None:
            await self.app(scope, receive, send)
        else:
            await answer_text(scope, send, *own)
