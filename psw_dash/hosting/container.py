"""Build the image from the Dockerfile, and run it as it is deployed (read-only, non-root).

    python dev.py image [--base IMAGE] [--tag psw-dash:latest]

Standard library only at import (dev.py uses it before anything is installed). The base is
python:3.11-slim wherever the engine has it or can pull it; where its registry is unreachable, a
stand-in made from Debian packages (debian_base.py). The engine keeps each layer, so a second build
with the same requirements reuses the Python environment and Chromium and copies only the app.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from psw_dash.hosting import debian_base, processes  # standard library only, like dev.py
from psw_dash.hosting import engine as engines
from psw_dash.hosting.engine import Engine

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"
REGISTRY_BASE = "python:3.11-slim"
TAG = "psw-dash:latest"
PORT = 8501  # the port the image's CMD serves on
USER = "10001:10001"
PULL_TIMEOUT_S = 600


def _say(message: str) -> None:
    print(f"[image] {message}", flush=True)


def base_image(engine: Engine, requested: str | None = None) -> str:
    """The requested base, else python:3.11-slim if present or pullable, else the Debian stand-in."""
    if requested:
        return requested
    if engine.has_image(REGISTRY_BASE):
        return REGISTRY_BASE
    try:
        pulled = engine.output("pull", REGISTRY_BASE, timeout=PULL_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        pulled = None
    if pulled is not None and pulled.returncode == 0:
        return REGISTRY_BASE
    reason = pulled.stderr.strip().splitlines()[-1] if pulled is not None and pulled.stderr.strip() else "timed out"
    _say(f"{REGISTRY_BASE} cannot be pulled ({reason}); using a base made from Debian packages")
    return debian_base.ensure(engine)


def app_version() -> str:
    """The commit, for the briefing pack's cover (the image has no .git)."""
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
        return f"commit {commit}"
    except (OSError, subprocess.SubprocessError):
        return ""


def build_command(
    engine: Engine, base: str, tag: str, version: str, secrets: dict[str, Path] | None = None
) -> list[str]:
    """The build; `secrets` (id -> file) are the host's package settings for a build on the stand-in base,
    passed as build secrets so that no layer keeps them."""
    extra = []
    if engine.name == "podman":
        # Docker's image format: OCI has no HEALTHCHECK and podman would drop it. The host's network:
        # pip and apt inside the build reach their indexes as the host does.
        extra = ["--format", "docker", "--network", "host"]
    for name, path in (secrets or {}).items():
        extra += ["--secret", f"id={name},src={path}"]
    return engine(
        "build",
        *engine.limits,
        *extra,
        "--build-arg",
        f"BASE={base}",
        "--build-arg",
        f"PSW_DASH_VERSION={version}",
        "-t",
        tag,
        "-f",
        str(DOCKERFILE),
        str(ROOT),
    )


@contextlib.contextmanager
def secret_files(base: str):
    """On the stand-in base, the host's settings (debian_base.build_secrets) as files only this user reads,
    removed after the build; on any other base, none."""
    if not base.startswith(debian_base.REPOSITORY + ":"):
        yield {}
        return
    with tempfile.TemporaryDirectory(prefix="psw-dash-build-secrets-") as folder:
        files = {}
        for name, content in debian_base.build_secrets(debian_base.host_release()).items():
            path = Path(folder) / name
            path.touch(mode=0o600)
            path.write_bytes(content)
            files[name] = path
        yield files


def build(engine: Engine, tag: str = TAG, base: str | None = None) -> str:
    """Build the image (layers the engine already has are reused); return its tag."""
    started = time.monotonic()
    chosen = base_image(engine, base)
    _say(f"building {tag} with {engine.name} on {chosen}")
    with secret_files(chosen) as secrets:
        subprocess.run(build_command(engine, chosen, tag, app_version(), secrets), check=True)
    _say(f"built {tag} in {time.monotonic() - started:.0f} s; {image_size(engine, tag) / 1e9:.2f} GB")
    return tag


def image_size(engine: Engine, tag: str) -> int:
    return int(engine.output("image", "inspect", "--format", "{{.Size}}", tag).stdout.strip() or 0)


def run_command(engine: Engine, tag: str, name: str, host_port: int, env: dict[str, str] | None = None) -> list[str]:
    """As deployed: read-only root filesystem, /tmp the one writable place, the non-root user, loopback only."""
    options = [
        "--rm",
        "--name",
        name,
        "--read-only",
        "--tmpfs",
        "/tmp",
        "--user",
        USER,
        "-p",
        f"127.0.0.1:{host_port}:{PORT}",
        *engine.limits,
    ]
    for key, value in (env or {}).items():
        options += ["-e", f"{key}={value}"]
    return engine("run", *options, tag)


@contextlib.contextmanager
def running(engine: Engine, tag: str, env: dict[str, str] | None = None, start_timeout_s: float = 180):
    """Start the image in the foreground (its log to a file), yield (url, name, log path) once healthy, stop it."""
    name = f"psw-dash-test-{os.getpid()}-{processes.free_port()}"
    host_port = processes.free_port()
    log = Path(tempfile.mkstemp(prefix="psw-dash-container-", suffix=".log")[1])
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            run_command(engine, tag, name, host_port, env), stdout=log_file, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{host_port}"
    try:
        processes.wait_until_healthy(url, process, lambda: log.read_text(errors="replace"), timeout_s=start_timeout_s)
        yield url, name, log
    finally:
        subprocess.run(engine("stop", "--time", "10", name), capture_output=True, timeout=60, check=False)
        processes.stop(process)
        log.unlink(missing_ok=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python dev.py image", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--base",
        help=f"the base image (default: {REGISTRY_BASE}, or a Debian stand-in where its registry is unreachable)",
    )
    parser.add_argument("--tag", default=TAG)
    options = parser.parse_args(argv)
    engine = engines.find()
    if engine is None:
        sys.exit(
            "[image] No container engine: neither a running Docker engine nor podman was found. Start Docker, "
            "or install podman (python dev.py image installs it where apt exists)."
        )
    build(engine, options.tag, options.base)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
