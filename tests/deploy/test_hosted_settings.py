"""The hosted replica's options: one place, uploads at their minimum, no error details, nothing written."""

from __future__ import annotations

from psw_dash import settings
from psw_dash.hosting import replica


def options(args: list[str]) -> dict[str, str]:
    return dict(zip(args[::2], args[1::2], strict=True))


def test_a_replica_runs_the_app_with_every_hosted_option():
    command = replica.command(8501, "0.0.0.0")
    assert command[1:4] == ["-m", "streamlit", "run"] and command[4].endswith("app.py")
    given = options(command[5:])
    assert given["--server.maxUploadSize"] == "1"  # Streamlit's minimum, in megabytes
    assert given["--client.showErrorDetails"] == "none"
    assert given["--browser.gatherUsageStats"] == "false"
    assert given["--server.enableAgentApi"] == "false"
    assert given["--server.enableStaticServing"] == "false"
    assert given["--server.port"] == "8501" and given["--server.address"] == "0.0.0.0"


def test_hosted_env_switches_on_hosted_mode_and_writes_no_bytecode(monkeypatch):
    assert settings.HOSTED_ENV[settings.MODE_ENV] == settings.HOSTED
    assert settings.HOSTED_ENV["PYTHONDONTWRITEBYTECODE"] == "1"
    for name, value in settings.HOSTED_ENV.items():
        monkeypatch.setenv(name, value)
    assert settings.mode() == settings.HOSTED and not settings.uploads_allowed()


def test_every_hosted_option_is_one_streamlit_knows():
    from streamlit import config

    for name in settings.HOSTED_STREAMLIT_OPTIONS:
        assert name in config._config_options_template, name
