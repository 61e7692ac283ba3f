"""The nginx configuration in front of the replicas, rendered from deploy/nginx/psw-dash.conf.template.

The proxy only routes and adds limits: the replica sets its own headers, answers, caching and limits
(psw_dash/hosting/replica.py). The security headers (psw_dash/hosting/security_headers.py) go only on what
nginx answers itself; the limits are the replica's numbers (psw_dash/hosting/flood.py).

    python -m psw_dash.hosting.nginx --listen 8080 --replica 8501 --replica 8502 --workdir /tmp/n [--no-affinity]
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from psw_dash import paths
from psw_dash.hosting import download_addresses, routes
from psw_dash.hosting.flood import LIMITS, FloodLimits  # noqa: F401  (k8s.py and the tests read them here)
from psw_dash.hosting.security_headers import (  # noqa: F401  (read here by k8s.py and the tests)
    STREAMLIT_INDEX,
    content_security_policy,
    inline_script_hashes,
    security_headers,
)

TEMPLATE = paths.ROOT / "deploy" / "nginx" / "psw-dash.conf.template"
AFFINITY = "        hash $psw_route consistent;"
ROUND_ROBIN = "        # no affinity: every request goes to the next replica in turn (round robin)"
ROUTE_COOKIE = "        add_header Set-Cookie $psw_route_cookie;  # empty (so not sent) once the browser has one"


def page_paths() -> list[str]:
    """The URL path of every page but the default one (served at /), from psw_dash/page/layout.py."""
    return list(routes.page_paths())


def _headers_block() -> str:
    """The security headers of a location whose answer nginx makes itself."""
    return "\n".join(f'            add_header {name} "{value}" always;' for name, value in security_headers().items())


def _open_data() -> dict[str, str]:
    """The open data's location (psw_dash/vocabulary/links.py): its files, folder, types and version."""
    from psw_dash.vocabulary import links

    types = {links.content_type(name).split(";")[0]: name.rsplit(".", 1)[1] for name in links.files()}
    return {
        "OPEN_DATA_FILES": "|".join(re.escape(name) for name in links.files()),
        "OPEN_DATA_DIR": str(links.DIR),
        "OPEN_DATA_TYPES": " ".join(f"{kind} {extension};" for kind, extension in types.items()),
        "DATA_VERSION": links.data_version(),
    }


def render(
    listen: str | int, replica_ports: list[int], workdir: Path, replica_host: str = "127.0.0.1", affinity: bool = True
) -> str:
    """The configuration. With `affinity` off, no route cookie: every request goes to the next replica in turn
    (what a cluster edge without session persistence does; the no-affinity test runs the app so)."""
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
        "BALANCE": AFFINITY if affinity else ROUND_ROBIN,
        "ROUTE_COOKIE": ROUTE_COOKIE if affinity else "",
        "MAKING_TIMEOUT": f"{download_addresses.MAKING_TIMEOUT_S}s",
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
    parser.add_argument("--no-affinity", action="store_true", help="no route cookie: requests in turn")
    args = parser.parse_args(argv)
    print(render(args.listen, args.replica, args.workdir, args.replica_host, affinity=not args.no_affinity))


if __name__ == "__main__":
    main()
