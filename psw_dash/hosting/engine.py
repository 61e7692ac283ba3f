"""The container engine that builds and runs the image: Docker where an engine answers, else podman.

Standard library only: `python dev.py image` uses it before anything is installed.

Podman on these machines needs three things Docker users never see (found building the image by hand,
issue 24): the runtime `runc` (crun refuses the hybrid cgroup v1/v2 layout), cgroupfs instead of systemd
where systemd is not running, and container limits on open files and processes no higher than the
host's own (podman's defaults are higher and the container then fails to start).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

try:
    import resource
except ImportError:  # Windows: Docker Desktop only, no limits to mirror
    resource = None  # type: ignore[assignment]


@dataclass(frozen=True)
class Engine:
    name: str  # "docker" or "podman"
    command: list[str]  # the executable and its global options
    limits: list[str] = field(default_factory=list)  # --ulimit options for build and run

    def __call__(self, *args: str) -> list[str]:
        return [*self.command, *args]

    def output(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run(self(*args), capture_output=True, text=True, timeout=timeout, check=False)

    def has_image(self, tag: str) -> bool:
        return self.output("image", "inspect", tag).returncode == 0


def docker_engine_answers() -> bool:
    """The docker client alone is not enough: `docker info` must reach a running engine."""
    docker = shutil.which("docker")
    if docker is None:
        return False
    try:
        return subprocess.run([docker, "info"], capture_output=True, timeout=30, check=False).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def _pid_max() -> int | None:
    try:
        return int(Path("/proc/sys/kernel/pid_max").read_text())
    except (OSError, ValueError):
        return None


def host_limits() -> list[str]:
    """--ulimit for open files and processes at the host's own soft limits.

    The process limit is also kept at or below the kernel's pid_max: on these machines runc's setrlimit
    is refused above it (measured: 96,369 allowed on the host, refused in the container; 32,768 works).
    """
    if resource is None:
        return []
    options = []
    for name, which in (("nofile", resource.RLIMIT_NOFILE), ("nproc", resource.RLIMIT_NPROC)):
        soft, _ = resource.getrlimit(which)
        if soft == resource.RLIM_INFINITY:
            continue
        pid_max = _pid_max() if name == "nproc" else None
        if pid_max:
            soft = min(soft, pid_max)
        options += ["--ulimit", f"{name}={soft}:{soft}"]
    return options


def podman_engine(podman: str) -> Engine:
    command = [podman]
    if shutil.which("runc"):
        command += ["--runtime", "runc"]
    if not os.path.isdir("/run/systemd/system"):
        # No systemd: cgroups managed by podman itself, events to a file instead of the journal.
        command += ["--cgroup-manager", "cgroupfs", "--events-backend", "file"]
    return Engine("podman", command, host_limits())


def find() -> Engine | None:
    """Docker where an engine answers, else podman where installed, else None."""
    docker = shutil.which("docker")
    if docker is not None and docker_engine_answers():
        return Engine("docker", [docker])
    podman = shutil.which("podman")
    return podman_engine(podman) if podman else None
