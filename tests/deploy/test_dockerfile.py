"""The image, read from the Dockerfile: slim base, pinned requirements built in a stage of their own,
non-root, only what the app reads, a health check, hosted mode, the same start as `serve-hosted`.
tests/deploy/test_image_runs.py builds and runs it."""

from __future__ import annotations

import re
import sys

from psw_dash import paths, settings
from psw_dash.hosting import image, replica


def test_a_slim_python_base_of_the_projects_python_for_both_stages():
    assert re.fullmatch(r"python:3\.11-slim(@sha256:[0-9a-f]{64})?", image.global_args()["BASE"])
    assert [stage[0].arguments for stage in image.stages()] == ["${BASE} AS builder", "${BASE}"]


def test_only_the_pinned_runtime_requirements_are_installed_and_only_in_the_builder():
    builder, _runtime = image.stages()
    runs = " ".join(i.arguments for i in image.all_of("RUN", builder))
    assert "pip install --no-cache-dir -r /tmp/requirements.txt" in runs
    assert "requirements-dev" not in runs and not re.search(r"pip install (?!--no-cache-dir -r)", runs)
    assert image.copied_sources(builder) == ["requirements.txt"]
    pins = [
        line for line in (paths.ROOT / "requirements.txt").read_text().splitlines() if line and not line.startswith("#")
    ]
    assert pins and all(re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.]+", line) for line in pins)


def test_the_runtime_stage_gets_the_environment_without_pip_or_build_tools():
    builder, runtime = image.stages()
    assert "pip uninstall -y -q pip setuptools" in " ".join(i.arguments for i in image.all_of("RUN", builder))
    assert image.copied_sources(runtime, from_context=False) == ["/opt/venv"]
    runtime_runs = " ".join(i.arguments for i in image.all_of("RUN", runtime))
    assert not re.search(r"\bpip\b|gcc|build-essential|-dev\b", runtime_runs), runtime_runs
    assert image.env()["PATH"].startswith("/opt/venv/bin:")


def test_it_runs_as_a_non_root_user():
    user = image.last("USER").arguments.split(":")[0]
    assert user not in ("root", "0") and int(user) >= 1000
    assert "useradd --uid 10001" in " ".join(i.arguments for i in image.all_of("RUN", image.runtime()))


def test_only_what_the_app_needs_is_in_the_build_context_and_copied_in():
    copied = image.copied_sources(image.runtime())
    assert sorted(copied) == sorted(["app.py", "pages", "psw_dash", "content", "data", "static", ".streamlit"])
    # .dockerignore leaves out everything, then lets in exactly what the COPY lines read.
    assert image.ignored()[0] == "*"
    assert sorted(image.let_in()) == sorted(copied + image.copied_sources(image.stages()[0]))
    assert "data/source" in image.ignored()


def test_the_app_reads_no_source_csv_at_run_time():
    """data/source stays out of the image: nothing the app runs refers to it (only the build does)."""
    package = paths.ROOT / "psw_dash"
    runtime = [
        paths.ROOT / "app.py",
        *paths.ROOT.glob("pages/*.py"),
        *(p for p in package.glob("**/*.py") if p.relative_to(package).parts[0] != "build"),
    ]
    names_the_folders = {"paths.py"}
    users = [
        p.name
        for p in runtime
        if p.name not in names_the_folders
        and re.search(r"\b(SOURCE_DIR|REFERENCE_DIR)\b", p.read_text(encoding="utf-8"))
    ]
    assert users == []


def test_health_check_on_streamlits_health_endpoint():
    check = image.last("HEALTHCHECK").arguments
    assert "http://127.0.0.1:8501/_stcore/health" in check


def test_hosted_mode_and_the_same_start_command_as_the_local_hosted_run():
    assert image.env()[settings.MODE_ENV] == settings.HOSTED
    assert image.env()["PYTHONDONTWRITEBYTECODE"] == "1"
    assert image.last("CMD").exec_form() == [
        "python",
        "-m",
        "psw_dash.hosting.replica",
        "--port",
        "8501",
        "--address",
        "0.0.0.0",
    ]
    # serve-hosted starts its replicas with the same module, and the module passes the hosted options.
    assert replica.command(8501, "0.0.0.0")[:3] == [sys.executable, "-m", "streamlit"]
    assert image.last("EXPOSE").arguments == "8501"


def test_the_image_carries_the_headless_chromium_for_chart_images_and_the_briefing_pack():
    runs = " ".join(i.arguments for i in image.all_of("RUN", image.runtime()))
    assert re.search(r"apt-get install -y --no-install-recommends chromium-headless-shell fonts-liberation\b", runs)
    assert image.env()["BROWSER_PATH"] == "/usr/bin/chromium-headless-shell"
    assert "PSW_DASH_VERSION" in image.env()


def test_tini_is_pid_1_and_starts_the_replica():
    """Python as PID 1 ignores SIGTERM until its handler is installed; tini passes it on from the start."""
    assert image.last("ENTRYPOINT").exec_form() == ["/usr/bin/tini", "--"]
    runs = " ".join(i.arguments for i in image.all_of("RUN", image.runtime()))
    assert re.search(r"apt-get install -y --no-install-recommends [^&]*\btini\b", runs)


def test_the_hosts_package_settings_are_build_secrets_left_in_no_layer():
    """Only RUN --mount=type=secret brings them in; no ARG, ENV or COPY names them, and the apt files
    copied for the install are removed in the same RUN."""
    for keyword in ("ARG", "ENV", "COPY"):
        text = " ".join(i.arguments for i in image.all_of(keyword))
        assert not re.search(r"pip\.conf|host-ca|apt-sources|apt-acquire|PIP_INDEX|PIP_CERT", text), keyword
    [apt_run] = [
        i.arguments for i in image.all_of("RUN", image.runtime()) if "--mount=type=secret,id=apt-sources" in i.arguments
    ]
    for copied in ("/etc/apt/sources.list.d/host.sources", "/etc/apt/apt.conf.d/90host"):
        assert apt_run.count(copied) == 2, copied  # copied in, then removed
