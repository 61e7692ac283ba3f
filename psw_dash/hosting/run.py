"""The hosted copy on this machine, without Docker: N replicas and nginx in front, all on loopback.

    python dev.py serve-hosted [--replicas 2] [--no-affinity]      (or python -m psw_dash.hosting.run)

Every port is picked at random (other servers share the machine). Ctrl-C stops nginx and every replica.
The browser tests and the load test start the same thing through hosted().
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from psw_dash import paths
from psw_dash.hosting import nginx
from psw_dash.hosting.processes import free_port, stop, wait_until_healthy

START_TIMEOUT_S = 90


def nginx_binary() -> str:
    """Debian installs nginx in /usr/sbin, which is not on a normal user's PATH."""
    found = os.environ.get("PSW_DASH_NGINX") or shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if not found:
        raise RuntimeError("No nginx found: `python dev.py serve-hosted` or `python dev.py test` installs it.")
    return found


@dataclass
class Hosted:
    url: str  # nginx, the address readers use
    replica_urls: list[str]
    replica_pids: list[int]
    nginx_pid: int
    workdir: Path
    logs: list[Path] = field(default_factory=list)


@contextlib.contextmanager
def hosted(
    replicas: int = 2,
    env: dict[str, str] | None = None,
    replica_env: list[dict[str, str]] | None = None,
    affinity: bool = True,
):
    """Start `replicas` hosted replicas and nginx in front; yield a Hosted; stop them all afterwards.
    `env` is added to every replica's environment, `replica_env[i]` to replica i's only (two versions at once).
    With `affinity` off the proxy sets no route cookie and sends every request to the next replica in turn."""
    workdir = Path(tempfile.mkdtemp(prefix="psw-hosted-"))
    workdir.chmod(0o755)  # nginx's workers (user nobody when started as root) write their temp files here
    processes: list[subprocess.Popen] = []
    try:
        ports = [free_port() for _ in range(replicas)]
        for index, port in enumerate(ports):
            log = workdir / f"replica-{index + 1}.log"
            processes.append(
                subprocess.Popen(
                    [sys.executable, "-m", "psw_dash.hosting.replica", "--port", str(port), "--address", "127.0.0.1"],
                    cwd=paths.ROOT,
                    env={**os.environ, **(env or {}), **((replica_env or [{}] * replicas)[index])},
                    stdout=log.open("wb"),
                    stderr=subprocess.STDOUT,
                )
            )
        for process, port, index in zip(processes, ports, range(replicas), strict=True):
            log = workdir / f"replica-{index + 1}.log"
            wait_until_healthy(
                f"http://127.0.0.1:{port}",
                process,
                lambda log=log: log.read_text(errors="replace")[-4000:],
                START_TIMEOUT_S,
            )
        listen = free_port()
        config = workdir / "nginx.conf"
        config.write_text(nginx.render(f"127.0.0.1:{listen}", ports, workdir, affinity=affinity), encoding="utf-8")
        nginx_log = workdir / "nginx.out"
        proxy = subprocess.Popen(
            [nginx_binary(), "-p", str(workdir), "-c", str(config), "-g", "daemon off;"],
            stdout=nginx_log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        processes.append(proxy)
        url = f"http://127.0.0.1:{listen}"
        wait_until_healthy(url, proxy, lambda: nginx_log.read_text(errors="replace"), START_TIMEOUT_S)
        yield Hosted(
            url=url,
            replica_urls=[f"http://127.0.0.1:{p}" for p in ports],
            replica_pids=[p.pid for p in processes[:replicas]],
            nginx_pid=proxy.pid,
            workdir=workdir,
            logs=[workdir / f"replica-{i + 1}.log" for i in range(replicas)],
        )
    finally:
        for process in reversed(processes):
            stop(process)
        shutil.rmtree(workdir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the hosted copy behind nginx on loopback.")
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument(
        "--no-affinity", action="store_true", help="no route cookie: every request goes to the next replica in turn"
    )
    args = parser.parse_args(argv)
    # Ctrl-C arrives as KeyboardInterrupt (even when started in the background, where a shell sets SIGINT
    # to be ignored), and a plain `kill` (SIGTERM) is turned into the same clean stop.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    print(f"Starting {args.replicas} hosted replicas and nginx on loopback ...", flush=True)
    try:
        with hosted(args.replicas, affinity=not args.no_affinity) as running:
            print(
                f"The hosted, read-only copy is at {running.url}/  ({args.replicas} replicas: "
                f"{', '.join(running.replica_urls)}). Ctrl-C stops everything.",
                flush=True,
            )
            while True:
                time.sleep(3600)
    except KeyboardInterrupt:
        print("Stopped nginx and every replica.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
