"""One entry point for people and CI, on Windows, macOS and Linux alike.

    python dev.py run      start the dashboard (creates .venv from the pinned requirements first)
    python dev.py test     lint, format check and types first, then every test: unit, app, browser, deployment
    python dev.py check    only the fast checks: Ruff's lint and format check, then mypy (seconds)
    python dev.py fix      apply Ruff's fixes and its formatter to the tree
    python dev.py build    rebuild data/*.parquet from data/source/
    python dev.py bench    print load-time ratios against a minimal Streamlit app
    python dev.py serve-hosted   the hosted, read-only copy: 2 replicas behind nginx on loopback
    python dev.py load     the load test: Streamlit sessions over websockets through nginx
    python dev.py image    build the container image (Docker where an engine runs, else podman)
    python dev.py soak     the soak test: readers arrive, browse and leave for 10 minutes; memory after

Only the standard library is used here, so it runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
IS_WINDOWS = os.name == "nt"
VENV_PYTHON = VENV / ("Scripts/python.exe" if IS_WINDOWS else "bin/python")


def _say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def _requirements_digest(requirements: Path) -> str:
    """Hash the requirements file and every file it includes with -r."""
    digest = hashlib.sha256()
    pending = [requirements]
    while pending:
        path = pending.pop()
        text = path.read_text(encoding="utf-8")
        digest.update(text.encode())
        for line in text.splitlines():
            if line.startswith("-r "):
                pending.append(path.parent / line[3:].strip())
    return digest.hexdigest()


def ensure_venv(requirements: str, folder: Path = VENV) -> None:
    """Create the virtual environment (.venv by default) and install the pinned requirements, only when they changed."""
    python = folder / VENV_PYTHON.relative_to(VENV)
    if not python.exists():
        _say(f"creating virtual environment in {folder}")
        venv.EnvBuilder(with_pip=True, clear=True).create(folder)
    req_path = ROOT / requirements
    stamp = folder / f".installed-{req_path.stem}"
    wanted = _requirements_digest(req_path)
    if stamp.exists() and stamp.read_text() == wanted:
        return
    _say(f"installing {requirements} into {folder.name} (first run only; a few minutes)")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", str(req_path)],
        check=True,
    )
    stamp.write_text(wanted)


def find_chromium() -> str | None:
    """The browser the end-to-end tests drive; PSW_DASH_CHROMIUM overrides the search."""
    override = os.environ.get("PSW_DASH_CHROMIUM")
    if override:
        return override
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome", "msedge"):
        found = shutil.which(name)
        if found:
            return found
    # Where Chrome and Edge install themselves on Windows and macOS, off PATH.
    for candidate in (
        Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")) / "Google/Chrome/Application/chrome.exe",
        Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)")) / "Microsoft/Edge/Application/msedge.exe",
        Path("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"),
        Path("/Applications/Chromium.app/Contents/MacOS/Chromium"),
    ):
        if candidate.is_file():
            return str(candidate)
    return None


def _apt_install(package: str, why: str) -> bool:
    """Install Debian packages (names separated by spaces) with apt-get (as root, or through sudo); False where
    there is no apt-get."""
    apt = shutil.which("apt-get")
    if apt is None:
        return False
    sudo = [] if (hasattr(os, "geteuid") and os.geteuid() == 0) else ["sudo"]
    _say(f"installing Debian's {package} {why}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run([*sudo, apt, "update", "-qq"], check=True, env=env)
    subprocess.run([*sudo, apt, "install", "-y", "-qq", *package.split()], check=True, env=env)
    return True


def ensure_chromium() -> str:
    """Install Debian's chromium when missing (Playwright's own browser download does not work here)."""
    found = find_chromium()
    if found:
        return found
    if not _apt_install("chromium", "for the browser tests and chart images"):
        sys.exit(
            "[dev] No Chromium or Chrome found for the browser tests. Install one, or set "
            "PSW_DASH_CHROMIUM to its executable, then run the tests again."
        )
    found = find_chromium()
    if not found:
        sys.exit("[dev] chromium was installed but is not on PATH")
    return found


def ensure_pdftoppm() -> None:
    """poppler-utils' pdftoppm turns briefing-pack pages into pictures in the tests; its test skips without it."""
    if shutil.which("pdftoppm") is None and not _apt_install("poppler-utils", "to picture the briefing pack"):
        _say("pdftoppm (poppler) not found: the test that pictures the briefing pack will be skipped")


def ensure_impress() -> None:
    """LibreOffice Impress opens every slide deck in the tests (and turns it into a PDF); its test skips without."""
    if (shutil.which("soffice") or shutil.which("libreoffice")) is None and not _apt_install(
        "libreoffice-impress", "to open the slide decks in the tests"
    ):
        _say("LibreOffice (soffice) not found: the test that opens the slide decks will be skipped")


def find_nginx() -> str | None:
    """The proxy of the hosted copy; Debian puts it in /usr/sbin, off a normal user's PATH."""
    return os.environ.get("PSW_DASH_NGINX") or shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")


def ensure_nginx() -> str:
    """Install Debian's nginx when missing, as for chromium (the hosted copy runs behind it)."""
    found = find_nginx()
    if found:
        return found
    if not _apt_install("nginx", "for the hosted copy and its tests"):
        sys.exit(
            "[dev] nginx is needed for the hosted copy and its tests and is missing: install it (on Windows "
            "or macOS, set PSW_DASH_NGINX to its executable), then run this again."
        )
    found = find_nginx()
    if not found:
        sys.exit("[dev] nginx was installed but was not found in /usr/sbin or on PATH")
    return found


# Podman builds and runs the image where no Docker engine runs: runc (crun refuses hybrid cgroups) and
# debootstrap (a base from Debian packages where the registry's python:3.11-slim is unreachable).
PODMAN_PACKAGES = ("podman", "runc", "debootstrap")  # each installs a command of its own name


def ensure_container_engine() -> bool:
    """A Docker engine, or Debian's podman with what it needs here; False where neither can be had."""
    from psw_dash.hosting import engine  # standard library only

    if engine.docker_engine_answers():
        return True
    missing = [
        package
        for package in PODMAN_PACKAGES
        if shutil.which(package) is None and shutil.which(package, path="/usr/sbin:/sbin") is None
    ]
    if missing and not _apt_install(" ".join(missing), "to build and run the container image"):
        _say("no Docker engine and no podman: the container image test will be skipped")
        return False
    return True


# Checkov pins packages the app's own cannot share (packaging<24): its own environment, for its test.
CHECKOV_VENV = ROOT / ".venv-checkov"


def _in_venv(*args: str, env: dict[str, str] | None = None) -> int:
    return subprocess.call([str(VENV_PYTHON), *args], cwd=ROOT, env=env)


def cmd_run(extra: list[str]) -> int:
    ensure_venv("requirements.txt")
    return _in_venv("-m", "streamlit", "run", "app.py", *extra)


def cmd_build(extra: list[str]) -> int:
    ensure_venv("requirements.txt")
    return _in_venv("-m", "psw_dash.build", *extra)


# The fast checks, each a command in .venv; all settings are in pyproject.toml.
CHECKS = (
    ("lint", ["-m", "ruff", "check", "."]),
    ("format", ["-m", "ruff", "format", "--check", "."]),
    ("types", ["-m", "mypy"]),
)


def run_checks() -> int:
    """Ruff's lint, its format check and mypy, in that order; every one runs, and any failure fails."""
    failed = []
    for name, args in CHECKS:
        _say(f"check: {name}")
        if _in_venv(*args) != 0:
            failed.append(name)
    if failed:
        _say(f"failed: {', '.join(failed)} (`python dev.py fix` applies Ruff's fixes and formatting)")
        return 1
    return 0


def cmd_check(extra: list[str]) -> int:
    ensure_venv("requirements-dev.txt")
    return run_checks()


def cmd_fix(extra: list[str]) -> int:
    ensure_venv("requirements-dev.txt")
    return _in_venv("-m", "ruff", "check", "--fix", ".") | _in_venv("-m", "ruff", "format", ".")


def cmd_test(extra: list[str]) -> int:
    ensure_venv("requirements-dev.txt")
    # Seconds, before minutes of browsers: a regression in style or types fails here first.
    if run_checks() != 0:
        return 1
    ensure_pdftoppm()
    ensure_impress()
    ensure_container_engine()
    ensure_venv("requirements-checkov.txt", CHECKOV_VENV)  # kubectl comes from requirements-dev.txt
    env = dict(os.environ, PSW_DASH_CHROMIUM=ensure_chromium(), PSW_DASH_NGINX=ensure_nginx())
    return _in_venv("-m", "pytest", *extra, env=env)


def cmd_bench(extra: list[str]) -> int:
    ensure_venv("requirements-dev.txt")
    env = dict(os.environ, PSW_DASH_CHROMIUM=ensure_chromium())
    return _in_venv("-m", "bench.load_ratios", *extra, env=env)


def cmd_serve_hosted(extra: list[str]) -> int:
    ensure_venv("requirements.txt")
    env = dict(os.environ, PSW_DASH_NGINX=ensure_nginx())
    # Not _in_venv: subprocess.call kills its child on Ctrl-C, which would orphan nginx and the replicas.
    # The child receives the same Ctrl-C and stops what it started; wait for it to finish doing so.
    process = subprocess.Popen([str(VENV_PYTHON), "-m", "psw_dash.hosting.run", *extra], cwd=ROOT, env=env)
    while True:
        try:
            return process.wait()
        except KeyboardInterrupt:
            continue


def cmd_load(extra: list[str]) -> int:
    ensure_venv("requirements-dev.txt")
    env = dict(os.environ, PSW_DASH_NGINX=ensure_nginx())
    return _in_venv("-m", "bench.hosted_load", *extra, env=env)


def cmd_image(extra: list[str]) -> int:
    if not ensure_container_engine():
        sys.exit("[dev] Building the image needs a running Docker engine or podman: start Docker or install podman.")
    from psw_dash.hosting import container  # standard library only, like this file

    return container.main(extra)


def cmd_soak(extra: list[str]) -> int:
    ensure_venv("requirements-dev.txt")
    env = dict(os.environ, PSW_DASH_NGINX=ensure_nginx())
    return _in_venv("-m", "bench.hosted_soak", *extra, env=env)


COMMANDS = {
    "run": cmd_run,
    "test": cmd_test,
    "check": cmd_check,
    "fix": cmd_fix,
    "build": cmd_build,
    "bench": cmd_bench,
    "serve-hosted": cmd_serve_hosted,
    "load": cmd_load,
    "soak": cmd_soak,
    "image": cmd_image,
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        return 2
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
