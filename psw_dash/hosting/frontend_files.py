"""Streamlit's frontend files as a hosted replica serves them: a file that exists, or a 404.

Streamlit answers a path it has no file for with its index page (200, text/html), so a page can route
itself in the browser. Under /static/ that answer is an error in disguise: during a rolling update a page
from a new replica asks an old replica for a script with a new hashed name, gets HTML, which `nosniff`
refuses to run, and a proxy that stamps /static/ as immutable keeps that answer for a year. Here a
missing /static/ file is a plain 404 that no one may cache, so the proxy can try another replica
(deploy/nginx: `proxy_next_upstream http_404`) and never caches the miss.

A file that exists is hashed (a new Streamlit version brings new names), so its answer (200 or 304) is
stamped with a year's cache here, by the replica, and any other answer there with no-store.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from psw_dash.hosting import routes

STATIC_PREFIX = "/static/"
LONG_CACHE = b"public, max-age=31536000, immutable"
CACHED_STATUSES = (200, 304)
MISSING = b"No such file in this version of the app.\n"
# Where the replica reads Streamlit's frontend from: the installed package's, unless this names another
# folder (the rolling-update test gives one replica a frontend whose hashed names differ).
FRONTEND_DIR_ENV = "PSW_DASH_FRONTEND_DIR"


def frontend_dir() -> Path:
    override = os.environ.get(FRONTEND_DIR_ENV)
    if override:
        return Path(override)
    from streamlit import file_util

    return Path(file_util.get_static_dir())


def exists(url_path: str, root: Path) -> bool:
    """Whether a /static/... URL path names a file in the frontend folder (never outside it: no "..").
    Symbolic links are followed, as Streamlit does (an installation may link its files)."""
    relative = PurePosixPath(url_path.lstrip("/"))
    return ".." not in relative.parts and (root / relative).is_file()


def with_cache_control(message: dict) -> dict:
    """A /static/ response start with a year's cache if it is a file (200, 304), else no-store."""
    value = LONG_CACHE if message["status"] in CACHED_STATUSES else b"no-store"
    headers = [(name, v) for name, v in message.get("headers", []) if name.lower() != b"cache-control"]
    return {**message, "headers": [*headers, (b"cache-control", value)]}


class MissingIsNotFound:
    """ASGI middleware: GET/HEAD of a /static/ path with no file answers 404, `Cache-Control: no-store`; a
    file that exists gets the year-long cache."""

    def __init__(self, app):
        self.app = app
        self.root = frontend_dir()

    async def __call__(self, scope, receive, send):
        path = scope.get("path", "")
        if scope["type"] == "http" and path.startswith(STATIC_PREFIX) and not exists(path, self.root):
            await routes.answer_text(scope, send, 404, MISSING)
            return
        if scope["type"] == "http" and path.startswith(STATIC_PREFIX):

            async def send_cached(message):
                await send(with_cache_control(message) if message["type"] == "http.response.start" else message)

            await self.app(scope, receive, send_cached)
            return
        await self.app(scope, receive, send)
