"""The security headers every hosted response carries, errors included, and the layer that sets them.

The headers are defined here once. The Content-Security-Policy's one script hash is computed from the
installed Streamlit's index.html, so a Streamlit upgrade cannot silently break it. The replica sets them
itself (SecurityHeaders, in psw_dash/hosting/replica.py), so it needs nothing from whatever proxy or
cluster edge is in front of it; the local proxy (deploy/nginx) adds them only to what it answers itself.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from pathlib import Path

import streamlit

from psw_dash.hosting import routes
from psw_dash.page import preload

STREAMLIT_INDEX = Path(streamlit.__file__).parent / "static" / "index.html"


def inline_script_hashes(html: str) -> list[str]:
    """CSP hashes ('sha256-...') of each inline <script> (one with no src) in a page, text as written."""
    scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.DOTALL)
    return [f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts]


def content_security_policy(index_html: str | None = None) -> str:
    """What Streamlit and Plotly need, and nothing more: own-origin scripts plus, by hash, the one inline
    script of Streamlit's index.html, the app's preload script (psw_dash/page/preload.py) and its focus script
    (psw_dash/page/layout.py); WebAssembly
    compiling (no eval), inline styles (Streamlit's styling library writes <style> tags at run time),
    data:/blob: images and fonts, no frames, no plugins."""
    from psw_dash.page import layout  # here, not at the top: layout draws pages, which this module does not

    html = index_html if index_html is not None else STREAMLIT_INDEX.read_text(encoding="utf-8")
    directives = {
        "default-src": ["'self'"],
        "script-src": [
            "'self'",
            "'wasm-unsafe-eval'",
            *inline_script_hashes(html),
            preload.csp_hash(),
            layout.focus_csp_hash(),
        ],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "manifest-src": ["'self'"],
        "frame-src": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def security_headers() -> dict[str, str]:
    """Sent on every response, errors included. HSTS is for the TLS deployment (docs/hosting.md): a
    plain-http replica or loopback proxy must not send it; the TLS edge adds it."""
    return {
        "Content-Security-Policy": content_security_policy(),
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer",
        "Permissions-Policy": (
            "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
            "microphone=(), payment=(), usb=(), interest-cohort=()"
        ),
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
    }


@cache
def _encoded() -> tuple[tuple[bytes, bytes], ...]:
    return tuple((name.lower().encode(), value.encode()) for name, value in security_headers().items())


# Response-starting ASGI messages: an HTTP response, and the refusal of a websocket before it opens.
_STARTS = ("http.response.start", "websocket.http.response.start")
# Dropped from every response: the app server's banner says which software (and version) to attack.
_DROPPED = {b"server", b"x-powered-by"}


def with_security_headers(headers) -> list[tuple[bytes, bytes]]:
    """A response's headers with every security header set to ours (any earlier value replaced)."""
    ours = _encoded()
    replaced = {name for name, _ in ours} | _DROPPED
    return [(name, value) for name, value in headers if name.lower() not in replaced] + list(ours)


class SecurityHeaders(routes.Layer):
    """ASGI middleware: every HTTP response (errors, refusals and 404s included) and every refused websocket
    carries the security headers; none carries a Server banner."""

    async def handle(self, scope, receive, send):
        async def send_with_headers(message):
            if message["type"] in _STARTS:
                message = {**message, "headers": with_security_headers(message.get("headers", []))}
            await send(message)

        await self.app(scope, receive, send_with_headers)
