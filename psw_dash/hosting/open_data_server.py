"""The open data's file server for Kubernetes: the build's data/open/ files at their fixed addresses.

    python -m psw_dash.hosting.open_data_server --port 8080 --address 0.0.0.0

Why a server of its own: the Streamlit pods run with static serving off (settings.HOSTED_STREAMLIT_OPTIONS),
and their static route would send a CSV or spreadsheet as text/plain anyway; the Ingress controller
cannot serve files from disk; and a reader's script should not depend on a pod that holds sessions. So the
same image runs this small Starlette app (Starlette and uvicorn already come with Streamlit) as its own
Deployment, and the Ingress routes /data/open/ to it (deploy/k8s/open-data-*.yaml). The local proxy
serves the same files from disk (deploy/nginx): same addresses, types and ETag.

It holds the files in memory (under 200 KB), serves only the names the package lists, answers a matching
If-None-Match with 304, and reads nothing else: no pandas, so it starts in well under a second. Like a
replica, it needs nothing from the edge in front of it: every answer, its 404s and 405s included, carries
the security headers (psw_dash/hosting/security_headers.py), and it sends no Server banner. It keeps no
flood limit: each file is bytes already in memory, cheaper to send than to count.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from psw_dash.hosting import routes
from psw_dash.hosting.security_headers import SecurityHeaders
from psw_dash.vocabulary import links

HEALTH = "/healthz"
CACHE_CONTROL = "public, max-age=300"  # the same as the local proxy's (deploy/nginx)


def published(folder: Path = links.DIR) -> dict[str, bytes]:
    """Every served file's bytes: the package's description, the tables it lists, the zip, the spreadsheet."""
    descriptor = json.loads((folder / links.DATAPACKAGE).read_bytes())
    names = [
        links.DATAPACKAGE,
        *(resource["path"] for resource in descriptor["resources"]),
        links.ZIP,
        links.SPREADSHEET,
    ]
    return {name: (folder / name).read_bytes() for name in names}


def app(folder: Path = links.DIR) -> Starlette:
    files = published(folder)
    etag = f'"{json.loads(files[links.DATAPACKAGE])["version"]}"'

    async def serve_file(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in files:
            return _not_found()
        headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers=headers)
        return Response(files[name], media_type=links.content_type(name), headers=headers)

    async def health(request: Request) -> Response:
        return PlainTextResponse("ok\n")

    return Starlette(
        routes=[Route(links.PREFIX + "{name}", serve_file, methods=["GET", "HEAD"]), Route(HEALTH, health)],
        middleware=[Middleware(SecurityHeaders)],
        exception_handlers={404: lambda request, exc: _not_found()},
    )


def _not_found() -> Response:
    """Any other name or path: plain text no one may cache, as the replica's (psw_dash/hosting/routes.py)."""
    return PlainTextResponse(routes.NOT_FOUND.decode(), status_code=404, headers={"Cache-Control": "no-store"})


def main(argv: list[str] | None = None) -> None:
    import uvicorn

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--address", default="127.0.0.1")
    args = parser.parse_args(argv)
    uvicorn.run(
        app(),
        host=args.address,
        port=args.port,
        server_header=False,
        date_header=True,
        access_log=False,
        log_level="warning",
    )


if __name__ == "__main__":
    main()
