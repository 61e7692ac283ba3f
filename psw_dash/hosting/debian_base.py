"""A stand-in for python:3.11-slim made from Debian packages, for machines that cannot reach its registry.

Standard library only (`python dev.py image` runs before anything is installed). Debian's debootstrap
installs a minimal Debian of the host's own release with its Python 3.11 and venv, and the image is
imported into the container engine under a tag that hashes everything it was made from, so the
second build finds it and skips this step.

The base carries none of the host's settings or credentials: the image build inside needs the two package
sources this machine can reach, and they come in as build secrets (build_secrets(), passed by
container.py; the Dockerfile's two installing RUNs read them and leave them in no layer): the host's Debian
sources for the same release and its one-line apt `Acquire::` options (for the Chromium install), and its
pip index settings with the CA bundle pip trusts (for the pip install in the builder stage). Only settings
that work inside a container are passed: a package index on the host's disk (file://) does not exist there.
debootstrap's own copies of the host's resolv.conf and hosts are emptied (the engine mounts its own).

The stand-in is for building and testing here; an image pushed to a registry is built on python:3.11-slim
pinned by digest (Dockerfile).
"""

from __future__ import annotations

import configparser
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from psw_dash.hosting.engine import Engine

PACKAGES = ("python3", "python3-venv", "ca-certificates")
REPOSITORY = "localhost/psw-dash-base"
HOST_CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"
# Where a build secret is mounted (the default target of RUN --mount=type=secret,id=NAME), so pip.conf
# names the CA bundle's secret by its path during the build.
SECRETS_DIR = "/run/secrets"
PIP_CA_SECRET = "host-ca.crt"
# Files debootstrap copies from the host; the engine mounts its own in every container, so they are emptied.
HOST_COPIES = ("etc/resolv.conf", "etc/hosts", "etc/hostname")
# Large and of no use in an image; python:3.11-slim leaves them out too.
TRIMMED = (
    "usr/share/doc",
    "usr/share/man",
    "usr/share/info",
    "usr/share/locale",
    "var/cache/apt",
    "var/lib/apt/lists",
    "var/log",
)
PIP_INDEX_KEYS = ("index-url", "extra-index-url", "trusted-host", "timeout")


def os_release(path: Path = Path("/etc/os-release")) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    return {key: value.strip('"') for key, value in pairs}


def host_release() -> str:
    """The host's Debian codename: the base is the same release, so the host's Debian sources fit it."""
    release = os_release()
    if release.get("ID") != "debian" or not release.get("VERSION_CODENAME"):
        sys.exit(
            "[image] The registry's python:3.11-slim cannot be pulled and a stand-in base is made only on "
            f"Debian (this is {release.get('PRETTY_NAME', 'unknown')}): pull python:3.11-slim where the "
            "registry is reachable, or pass --base with an image you have."
        )
    return release["VERSION_CODENAME"]


def _apt_source_files() -> list[Path]:
    listed = Path("/etc/apt/sources.list.d")
    return [
        p
        for p in [Path("/etc/apt/sources.list"), *sorted(listed.glob("*.list")), *sorted(listed.glob("*.sources"))]
        if p.is_file()
    ]


def debian_sources(release: str) -> list[tuple[str, list[str], list[str]]]:
    """(URI, suites, components) of the host's enabled sources for this release and its updates and
    security suites (a third-party source, with its own suite names and keys, is left out)."""
    found = []
    for path in _apt_source_files():
        text = path.read_text(errors="replace")
        if path.suffix == ".sources":
            for stanza in re.split(r"\n\s*\n", text):
                fields = dict(re.findall(r"^([A-Za-z-]+):\s*(.*)$", stanza, re.MULTILINE))
                if fields.get("Enabled", "yes").lower() == "no" or "deb" not in fields.get("Types", "").split():
                    continue
                for uri in fields.get("URIs", "").split():
                    found.append((uri, fields.get("Suites", "").split(), fields.get("Components", "").split()))
        else:
            for line in text.splitlines():
                match = re.match(r"^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)\s+(.*)$", line.strip())
                if match:
                    found.append((match[1], [match[2]], match[3].split()))
    return [
        (uri, suites, components)
        for uri, suites, components in found
        if suites and all(s == release or s.startswith((f"{release}-", f"{release}/")) for s in suites)
    ]


def sources_file(release: str) -> str:
    stanzas = [
        f"Types: deb\nURIs: {uri}\nSuites: {' '.join(suites)}\nComponents: {' '.join(components) or 'main'}\n"
        "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n"
        for uri, suites, components in debian_sources(release)
    ]
    return "\n".join(stanzas)


def apt_acquire_options() -> str:
    """The host's one-line apt `Acquire::` options (a proxy, an archive snapshot's validity), as they are; a
    block over several lines is left out."""
    files = [Path("/etc/apt/apt.conf"), *sorted(Path("/etc/apt/apt.conf.d").glob("*"))]
    lines = [
        line.strip()
        for path in files
        if path.is_file()
        for line in path.read_text(errors="replace").splitlines()
        if line.strip().startswith("Acquire::") and line.strip().endswith(";")
    ]
    return "".join(f"{line}\n" for line in lines)


def _pip_config_files() -> list[Path]:
    home = Path.home()
    named = os.environ.get("PIP_CONFIG_FILE")
    return [
        Path(p)
        for p in (
            "/etc/xdg/pip/pip.conf",
            "/etc/pip.conf",
            home / ".pip/pip.conf",
            home / ".config/pip/pip.conf",
            named,
        )
        if p and Path(p).is_file()
    ]


def _reachable_from_a_container(value: str) -> str:
    """Index URLs on the host's disk are dropped; the rest kept in order."""
    kept = [url for url in value.split() if not url.startswith("file:") and not url.startswith("/")]
    return " ".join(kept)


def pip_settings() -> dict[str, str]:
    """The host's pip index settings as pip reads them (files in order, then PIP_* variables), with only
    what a container can reach, and the CA bundle pip trusts on the host."""
    parser = configparser.ConfigParser()
    parser.read([str(p) for p in _pip_config_files()])
    settings: dict[str, str] = {}
    for section in ("global", "install"):
        if parser.has_section(section):
            settings.update({k: v for k, v in parser.items(section) if k in PIP_INDEX_KEYS + ("cert",)})
    for key in PIP_INDEX_KEYS + ("cert",):
        variable = "PIP_" + key.upper().replace("-", "_")
        if os.environ.get(variable):
            settings[key] = os.environ[variable]
    if os.environ.get("PIP_DEFAULT_TIMEOUT"):
        settings["timeout"] = os.environ["PIP_DEFAULT_TIMEOUT"]
    for key in ("index-url", "extra-index-url"):
        if key in settings:
            settings[key] = _reachable_from_a_container(settings[key])
            if not settings[key]:
                del settings[key]
    return settings


def host_ca_bundle(settings: dict[str, str]) -> Path | None:
    for candidate in (
        settings.get("cert"),
        os.environ.get("REQUESTS_CA_BUNDLE"),
        os.environ.get("SSL_CERT_FILE"),
        HOST_CA_BUNDLE,
    ):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def pip_conf(settings: dict[str, str], has_ca: bool) -> str:
    lines = ["[global]"] + [f"{key} = {value}" for key, value in settings.items() if key != "cert"]
    if has_ca:
        lines.append(f"cert = {SECRETS_DIR}/{PIP_CA_SECRET}")
    return "\n".join(lines) + "\n"


def build_secrets(release: str) -> dict[str, bytes]:
    """The host's settings for the image build, by secret id (the Dockerfile's RUN --mount=type=secret ids):
    passed to the build, never written into the base or the image."""
    settings = pip_settings()
    ca = host_ca_bundle(settings)
    return {
        "apt-sources": sources_file(release).encode(),
        "apt-acquire": apt_acquire_options().encode(),
        "pip.conf": pip_conf(settings, ca is not None).encode(),
        PIP_CA_SECRET: ca.read_bytes() if ca else b"",
    }


def recipe(release: str) -> dict[str, bytes]:
    """Every input of the base, by name: the tag is their hash, so a changed input makes a new base. None of
    them is a host setting."""
    return {"release": release.encode(), "packages": " ".join(PACKAGES).encode(), "maker": Path(__file__).read_bytes()}


def tag_of(release: str, made_from: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name in sorted(made_from):
        digest.update(name.encode() + b"\0" + made_from[name] + b"\0")
    return f"{REPOSITORY}:{release}-{digest.hexdigest()[:12]}"


def _say(message: str) -> None:
    print(f"[image] {message}", flush=True)


def _debootstrap() -> str:
    found = shutil.which("debootstrap") or shutil.which("debootstrap", path="/usr/sbin:/sbin")
    if not found:
        sys.exit(
            "[image] debootstrap is needed to make a base image here and is missing: "
            "apt-get install debootstrap (python dev.py test installs it where apt exists)."
        )
    return found


def ensure(engine: Engine) -> str:
    """The stand-in base's tag, made now only when no base of the same recipe exists."""
    release = host_release()
    made_from = recipe(release)
    tag = tag_of(release, made_from)
    if engine.has_image(tag):
        _say(f"base {tag} is already built")
        return tag
    started = time.monotonic()
    mirror = [uri for uri, suites, _ in debian_sources(release) if release in suites][:1]
    root = Path(tempfile.mkdtemp(prefix="psw-dash-base-", dir="/var/tmp"))
    try:
        _say(f"making a {release} base from Debian packages with debootstrap (once; a few minutes)")
        subprocess.run(
            [_debootstrap(), "--variant=minbase", f"--include={','.join(PACKAGES)}", release, str(root), *mirror],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        # No package sources of its own (debootstrap wrote the host's mirror there): the build gets them as
        # secrets. And nothing else of the host's.
        (root / "etc/apt/sources.list").unlink(missing_ok=True)
        for copied in HOST_COPIES:
            if (root / copied).is_file():
                (root / copied).write_bytes(b"")
        for trimmed in TRIMMED:
            for child in (root / trimmed).glob("*"):
                shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
        tar = subprocess.Popen(
            ["tar", "-C", str(root), "--exclude=./proc/*", "--exclude=./sys/*", "--exclude=./dev/*", "-c", "."],
            stdout=subprocess.PIPE,
        )
        subprocess.run(
            engine("import", "--change", "ENV LANG=C.UTF-8", "--change", 'CMD ["python3"]', "-", tag),
            stdin=tar.stdout,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        if tar.stdout is not None:
            tar.stdout.close()
        if tar.wait() != 0:
            sys.exit("[image] could not pack the debootstrap tree for import")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    _say(f"base {tag} made in {time.monotonic() - started:.0f} s")
    return tag
