"""Streamlit settings that keep the app from calling any outside host."""
from __future__ import annotations

import tomllib

from psw_dash import paths

CONFIG = tomllib.loads((paths.ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_usage_statistics_are_off():
    assert CONFIG["browser"]["gatherUsageStats"] is False


def test_server_address_is_named_so_no_external_ip_lookup_runs_at_start():
    assert CONFIG["browser"]["serverAddress"] == "localhost"
