"""The stand-in base carries none of the host's settings: the build gets them as build secrets, and only
those that work inside a container: its Debian sources for the same release (no third-party source),
one-line apt options, pip's network indexes (no index on the host's disk) and the CA bundle pip trusts."""

from __future__ import annotations

from psw_dash.hosting import container, debian_base, engine, image

SOURCES = """Types: deb
URIs: http://mirror.example/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://mirror.example/debian-security
Suites: bookworm-security
Components: main

Types: deb
URIs: http://vendor.example/apt
Suites: nodistro
Components: main

Types: deb
Enabled: no
URIs: http://old.example/debian
Suites: bookworm
Components: main
"""


def test_only_the_hosts_debian_sources_of_its_release_are_carried(tmp_path, monkeypatch):
    (tmp_path / "debian.sources").write_text(SOURCES)
    (tmp_path / "extra.list").write_text(
        "deb [arch=amd64] http://mirror.example/debian bookworm-backports main\n"
        "deb http://vendor.example/node nodistro main\n# deb http://x bookworm main\n"
    )
    monkeypatch.setattr(
        debian_base, "_apt_source_files", lambda: [tmp_path / "debian.sources", tmp_path / "extra.list"]
    )
    assert debian_base.debian_sources("bookworm") == [
        ("http://mirror.example/debian", ["bookworm", "bookworm-updates"], ["main"]),
        ("http://mirror.example/debian-security", ["bookworm-security"], ["main"]),
        ("http://mirror.example/debian", ["bookworm-backports"], ["main"]),
    ]
    written = debian_base.sources_file("bookworm")
    assert "vendor.example" not in written and "old.example" not in written
    assert written.count("Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg") == 3


def test_pip_keeps_network_indexes_and_its_ca_bundle_not_indexes_on_the_hosts_disk(tmp_path, monkeypatch):
    bundle = tmp_path / "bundle.crt"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n")
    conf = tmp_path / "pip.conf"
    conf.write_text(
        f"[global]\ncert = {bundle}\nfind-links = /opt/wheels\n"
        "extra-index-url = file:///opt/pypi/simple https://index.example/simple\n"
    )
    monkeypatch.setattr(debian_base, "_pip_config_files", lambda: [conf])
    for variable in (
        "PIP_INDEX_URL",
        "PIP_EXTRA_INDEX_URL",
        "PIP_CERT",
        "PIP_DEFAULT_TIMEOUT",
        "PIP_TIMEOUT",
        "PIP_TRUSTED_HOST",
    ):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("PIP_INDEX_URL", "https://mirror.example/pypi/simple")
    settings = debian_base.pip_settings()
    assert settings == {
        "cert": str(bundle),
        "extra-index-url": "https://index.example/simple",
        "index-url": "https://mirror.example/pypi/simple",
    }
    assert debian_base.host_ca_bundle(settings) == bundle
    written = debian_base.pip_conf(settings, has_ca=True)
    assert f"cert = /run/secrets/{debian_base.PIP_CA_SECRET}" in written
    assert "file:" not in written and "/opt/wheels" not in written


def test_the_base_is_made_again_when_what_it_is_made_from_changes():
    made_from = {"release": b"bookworm", "packages": b"python3"}
    tag = debian_base.tag_of("bookworm", made_from)
    assert tag.startswith(f"{debian_base.REPOSITORY}:bookworm-")
    assert debian_base.tag_of("bookworm", dict(made_from)) == tag
    assert debian_base.tag_of("bookworm", {**made_from, "packages": b"python3 tini"}) != tag


def test_the_hosts_settings_go_to_the_build_as_secrets_and_never_into_the_base(monkeypatch, tmp_path):
    bundle = tmp_path / "bundle.crt"
    bundle.write_bytes(b"-----BEGIN CERTIFICATE-----\nHOST\n")
    monkeypatch.setattr(debian_base, "sources_file", lambda release: "URIs: http://mirror.example/debian\n")
    monkeypatch.setattr(debian_base, "apt_acquire_options", lambda: 'Acquire::http::Proxy "http://user:pw@proxy";\n')
    monkeypatch.setattr(
        debian_base, "pip_settings", lambda: {"index-url": "https://mirror.example/pypi/simple", "cert": str(bundle)}
    )
    secrets = debian_base.build_secrets("bookworm")
    assert b"mirror.example/debian" in secrets["apt-sources"] and b"user:pw" in secrets["apt-acquire"]
    assert b"mirror.example/pypi" in secrets["pip.conf"] and secrets[debian_base.PIP_CA_SECRET] == bundle.read_bytes()
    # The Dockerfile's installing RUNs mount exactly these ids.
    dockerfile = image.DOCKERFILE.read_text()
    assert {f"--mount=type=secret,id={name}" for name in secrets} <= set(dockerfile.split())
    # What the base is made of, and so what it holds, names none of them.
    made_from = b"".join(v for k, v in debian_base.recipe("bookworm").items() if k != "maker")
    for value in (b"mirror.example", b"user:pw", b"HOST"):
        assert value not in made_from


def test_the_build_passes_the_settings_as_secrets_only_on_the_stand_in_base(monkeypatch):
    monkeypatch.setattr(debian_base, "build_secrets", lambda release: {"pip.conf": b"[global]\n"})
    monkeypatch.setattr(debian_base, "host_release", lambda: "bookworm")
    podman = engine.Engine("podman", ["podman"])
    with container.secret_files(f"{debian_base.REPOSITORY}:bookworm-abc") as secrets:
        command = container.build_command(podman, "base", "tag", "v", secrets)
        assert oct(secrets["pip.conf"].stat().st_mode & 0o777) == "0o600"
        assert f"id=pip.conf,src={secrets['pip.conf']}" in command
    assert not secrets["pip.conf"].exists()  # removed after the build
    with container.secret_files("python:3.11-slim") as secrets:
        assert secrets == {}
    assert not [arg for arg in command if "pip.conf" in arg and arg.startswith("BASE")]


def test_podman_limits_stay_at_or_below_the_hosts_and_pid_max(monkeypatch):
    monkeypatch.setattr(engine, "_pid_max", lambda: 32768)
    monkeypatch.setattr(
        engine.resource,
        "getrlimit",
        lambda which: (20000, 20000) if which == engine.resource.RLIMIT_NOFILE else (96369, 96369),
    )
    assert engine.host_limits() == ["--ulimit", "nofile=20000:20000", "--ulimit", "nproc=32768:32768"]
