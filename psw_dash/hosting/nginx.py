"""The nginx configuration in front of the replicas, rendered from deploy/nginx/psw-dash.conf.template.

The security headers are defined here once, and the Content-Security-Policy's one script hash is
computed from the installed Streamlit's index.html, so a Streamlit upgrade cannot silently break it.

    python -m psw_dash.hosting.nginx --listen 8080 --replica 8501 --replica 8502 --workdir /tmp/n
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import streamlit

from psw_dash import paths
from psw_dash.page import preload

TEMPLATE = paths.ROOT / "deploy" / "nginx" / "psw-dash.conf.template"
STREAMLIT_INDEX = Path(streamlit.__file__).parent / "static" / "index.html"


@dataclass(frozen=True)
class FloodLimits:
    """What one client address may ask of the replicas: the local proxy and the Ingress both use these.

    Sized for a room behind one address: a page load makes about 3 page requests (its HTML, health and
    host-config) and opens 1 session, so the bursts let 75 readers open the app at the same moment and
    about 2 new readers a second keep arriving after that. Hashed static files are not rate-limited."""
    page_rate: int = 10  # page requests (HTML, health, host-config) a second, after the burst
    page_burst: int = 300
    session_rate: int = 5  # new sessions (websockets) a second, after the burst
    session_burst: int = 100
    sessions_held: int = 300  # sessions open at once
    requests_open: int = 300  # file and download requests in progress at once


LIMITS = FloodLimits()


def inline_script_hashes(html: str) -> list[str]:
    """CSP hashes ('sha256-...') of each inline <script> (one with no src) in a page, text as written."""
    scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
    return [f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts]


def content_security_policy(index_html: str | None = None) -> str:
    """What Streamlit and Plotly need, and nothing more: own-origin scripts plus, by hash, the one inline
    script of Streamlit's index.html, the app's preload script (psw_dash/page/preload.py) and its focus script
    (psw_dash/page/layout.py); WebAssembly
    compiling (no eval), inline styles (Streamlit's styling library writes <style> tags at run time),
    data:/blob: images and fonts, no frames, no plugins."""
    from psw_dash.page import layout

    html = index_html if index_html is not None else STREAMLIT_INDEX.read_text(encoding="utf-8")
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'wasm-unsafe-eval'", *inline_script_hashes(html), preload.csp_hash(),
                       layout.focus_csp_hash()],
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
    """Sent on every response, errors included. HSTS is for the TLS deployment (README, Hosting):
    a plain-http loopback proxy must not send it."""
    return {
        "Content-Security-Policy": content_security_policy(),
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer",
        "Permissions-Policy": ("accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
                               "microphone=(), payment=(), usb=(), interest-cohort=()"),
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
    }


def page_paths() -> list[str]:
    """The URL path of every page but the default one (served at /), from psw_dash/page/layout.py."""
    from psw_dash.page import layout

    return [page.url_path for page in layout.all_pages() if page.url_path]


def _headers_block(route_cookie: bool = True) -> str:
    """The security headers of a location, and the affinity cookie where a session may start there."""
    lines = [f'add_header {name} "{value}" always;' for name, value in security_headers().items()]
    if route_cookie:
        lines.append("add_header Set-Cookie $psw_route_cookie;  # empty (so not sent) once the browser has one")
    return "\n".join(f"            {line}" for line in lines)


def _open_data() -> dict[str, str]:
    """The open data's location (psw_dash/vocabulary/links.py): its files, folder, types and version."""
    from psw_dash.vocabulary import links

    types = {links.content_type(name).split(";")[0]: name.rsplit(".", 1)[1] for name in links.files()}
    return {
        "OPEN_DATA_FILES": "|".join(re.escape(name) for name in links.files()),
        "OPEN_DATA_DIR": str(links.DIR),
        "OPEN_DATA_TYPES": " ".join(f"{kind} {extension};" for kind, extension in types.items()),
        "OPEN_DATA_HEADERS": _headers_block(route_cookie=False),  # a file needs no session, so no cookie
        "DATA_VERSION": links.data_version(),
    }


def render(listen: str | int, replica_ports: list[int], workdir: Path, replica_host: str = "127.0.0.1") -> str:
    servers = "\n".join(f"        server {replica_host}:{port} max_fails=1 fail_timeout=5s;" for port in replica_ports)
    values = {
        "WORKDIR": str(workdir),
        "LISTEN": str(listen),
        "PAGE_RATE": str(LIMITS.page_rate),
        "PAGE_BURST": str(LIMITS.page_burst),
        "SESSION_RATE": str(LIMITS.session_rate),
        "SESSION_BURST": str(LIMITS.session_burst),
        "SESSIONS_HELD": str(LIMITS.sessions_held),
        "REQUESTS_OPEN": str(LIMITS.requests_open),
        "UPSTREAM_SERVERS": servers,
        "PAGE_PATHS": "|".join(re.escape(path) for path in page_paths()),
        "HEADERS": _headers_block(),
        **_open_data(),
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    for name, value in values.items():
        text = text.replace(f"@@{name}@@", value)
    leftover = re.findall(r"@@\w+@@", text)
    if leftover:
        raise ValueError(f"template placeholders without a value: {leftover}")
    return text


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Print the nginx configuration for the given replicas.")
    parser.add_argument("--listen", default="8080", help="address:port or port nginx listens on")
    parser.add_argument("--replica", type=int, action="append", required=True, help="a replica's port (repeat)")
    parser.add_argument("--replica-host", default="127.0.0.1")
    parser.add_argument("--workdir", type=Path, default=Path("/var/lib/psw-dash-nginx"))
    args = parser.parse_args(argv)
    print(render(args.listen, args.replica, args.workdir, args.replica_host))


if __name__ == "__main__":
    main()
