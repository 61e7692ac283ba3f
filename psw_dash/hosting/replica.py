"""One hosted replica: `streamlit run app.py` with the hosted settings. The image's CMD and the local
hosted run (psw_dash.hosting.run) both start this module, so both run the same entry point and options.

    python -m psw_dash.hosting.replica --port 8501 --address 0.0.0.0

Streamlit runs in this process, with layers of its own in front of Streamlit's web server, so a replica
needs nothing from a proxy or cluster edge for safety or correctness:
- psw_dash/hosting/security_headers.py: the security headers and CSP on every response, errors included,
  and no Server banner;
- psw_dash/hosting/routes.py: a plain 404 for internal and unknown paths, 403 on uploads;
- psw_dash/hosting/flood.py: per client address, limits on page requests and new sessions (429 beyond);
- psw_dash/hosting/drain.py: SIGTERM drains the replica's readers to another replica before it exits;
- psw_dash/hosting/download_addresses.py: a download is addressed by what it contains, so any replica
  answers it (no session affinity needed);
- psw_dash/hosting/frontend_files.py: a missing frontend file is a 404 nobody caches, a hashed file that
  exists gets a year's cache.
"""

from __future__ import annotations

import argparse
import os
import sys

from psw_dash import paths, settings


def command(port: int, address: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(paths.ROOT / "app.py"),
        *settings.hosted_streamlit_args(port, address),
    ]


def hosting_layers() -> list:
    """The replica's own layers, outermost first: every answer below the headers' layer gets them."""
    from psw_dash.hosting import download_addresses, drain, flood, frontend_files, routes, security_headers

    return [
        security_headers.SecurityHeaders,
        routes.OnlyTheApp,
        flood.FloodGuard,
        drain.Drain,
        download_addresses.ServeDownloads,
        frontend_files.MissingIsNotFound,
    ]


def install_hosting_layers() -> None:
    """Put the replica's layers in front of Streamlit's own middleware, the drain's signal handler in place
    of Streamlit's, no Server banner in the app server's options, and downloads addressed by their recipe.
    All four are attributes Streamlit looks up when it starts or when a download is clicked."""
    from starlette.middleware import Middleware
    from streamlit import file_util
    from streamlit.web import bootstrap
    from streamlit.web.server.starlette import starlette_app, starlette_server

    from psw_dash.hosting import download_addresses, drain, frontend_files

    download_addresses.install()
    streamlit_middleware = starlette_app.create_streamlit_middleware
    layers = hosting_layers()
    starlette_app.create_streamlit_middleware = lambda: [
        *(Middleware(layer) for layer in layers),
        *streamlit_middleware(),
    ]
    uvicorn_options = starlette_server._get_uvicorn_config_kwargs
    starlette_server._get_uvicorn_config_kwargs = lambda: {**uvicorn_options(), "server_header": False}
    bootstrap._set_up_signal_handler = drain.install_signal_handler
    if os.environ.get(frontend_files.FRONTEND_DIR_ENV):
        file_util.get_static_dir = lambda: str(frontend_files.frontend_dir())


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8501)
    parser.add_argument("--address", default="127.0.0.1")
    args = parser.parse_args(argv)
    if any(os.environ.get(name) != value for name, value in settings.HOSTED_ENV.items()):
        # Start again with the hosted environment in place from the interpreter's first line (no .pyc
        # written, unbuffered output); exec keeps this pid, so signals and memory readings reach the replica.
        os.execve(
            sys.executable,
            [sys.executable, "-m", "psw_dash.hosting.replica", *argv],
            {**os.environ, **settings.HOSTED_ENV},
        )
    os.chdir(paths.ROOT)
    install_hosting_layers()
    from streamlit.web import cli

    sys.argv = ["streamlit", *command(args.port, args.address)[3:]]
    cli.main()


if __name__ == "__main__":
    main()
