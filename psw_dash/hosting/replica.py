"""One hosted replica: `streamlit run app.py` with the hosted settings. The image's CMD and the local
hosted run (psw_dash.hosting.run) both start this module, so both run the same entry point and options.

    python -m psw_dash.hosting.replica --port 8501 --address 0.0.0.0
"""
from __future__ import annotations

import argparse
import os
import sys

from psw_dash import paths, settings


def command(port: int, address: str) -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", str(paths.ROOT / "app.py"),
            *settings.hosted_streamlit_args(port, address)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8501)
    parser.add_argument("--address", default="127.0.0.1")
    args = parser.parse_args(argv)
    os.environ.update(settings.HOSTED_ENV)
    os.chdir(paths.ROOT)
    # exec, not a child process: the replica keeps this pid, so signals and memory readings reach it.
    os.execv(sys.executable, command(args.port, args.address))


if __name__ == "__main__":
    main()
