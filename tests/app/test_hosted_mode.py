"""Hosted mode through AppTest: no page offers an upload, and a failing page shows a message, not code."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from psw_dash import paths, settings
from psw_dash.page import failure, layout
from tests.helpers import all_text

PAGE_FILES = [page.file for page in layout.all_pages()]


@pytest.fixture
def hosted(monkeypatch):
    monkeypatch.setenv(settings.MODE_ENV, settings.HOSTED)


def run_page(page_file: str, **query: str) -> AppTest:
    app = AppTest.from_file(str(paths.ROOT / "app.py"), default_timeout=60)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    app.switch_page(page_file).run()
    return app


@pytest.mark.parametrize("page_file", PAGE_FILES)
def test_no_page_offers_an_upload_in_hosted_mode_even_when_a_link_asks_for_one(hosted, page_file):
    app = run_page(page_file, own="show")  # ?own=show opens the upload panel in local mode
    assert not app.exception
    assert not app.file_uploader


def test_the_only_uploader_in_the_code_is_the_guarded_one():
    """A new st.file_uploader anywhere else would bypass the hosted-mode guard in upload.own_counts_panel."""
    sources = [*paths.ROOT.glob("pages/*.py"), *paths.ROOT.glob("psw_dash/**/*.py"), paths.ROOT / "app.py"]
    calls = {
        path.relative_to(paths.ROOT).as_posix()
        for path in sources
        if re.search(r"\bfile_uploader\s*\(", path.read_text(encoding="utf-8"))
    }
    assert calls == {"psw_dash/own_files/upload.py"}


def test_local_mode_still_offers_the_upload_on_request():
    assert run_page("pages/regions.py", own="show").file_uploader


def test_a_failing_page_shows_the_friendly_message_and_no_details_when_hosted(hosted, monkeypatch, capsys):
    monkeypatch.setenv(settings.FAILURE_TRIGGER_ENV, "1")
    app = run_page("pages/people.py", **{settings.FAILURE_TRIGGER_PARAM: "1"})
    assert [e.value for e in app.error] == [failure.MESSAGE]
    assert not app.exception  # no traceback, no exception type on screen
    assert "TestOnlyFailure" not in all_text(app)
    lines = [line for line in capsys.readouterr().out.splitlines() if "psw-dash page-failure" in line]
    assert len(lines) == 2  # one per run: app.run() on Overview, then the switch to People
    assert "page='people'" in lines[-1] and "error=TestOnlyFailure" in lines[-1]


def test_the_failure_trigger_is_off_unless_its_variable_is_set(hosted, monkeypatch):
    monkeypatch.delenv(settings.FAILURE_TRIGGER_ENV, raising=False)
    app = run_page("pages/people.py", **{settings.FAILURE_TRIGGER_PARAM: "1"})
    assert not app.error and app.title


def test_local_mode_shows_the_message_and_the_details_for_the_developer(monkeypatch):
    monkeypatch.setenv(settings.FAILURE_TRIGGER_ENV, "1")
    app = run_page("pages/people.py", **{settings.FAILURE_TRIGGER_PARAM: "1"})
    assert app.error[0].value == failure.MESSAGE
    assert "failure requested by a test" in app.exception[0].message


def test_the_log_line_is_one_line_and_names_page_and_error_type():
    try:
        raise ValueError("bad\nvalue " + "x" * 500)
    except ValueError as error:
        line = failure.log_line("regions", error)
    assert "\n" not in line and "page='regions'" in line and "error=ValueError at test_hosted_mode.py:" in line
    assert len(line) < 300
