"""Every query parameter every page reads, and every text cell of an upload, fed hostile text (tests/payloads.py).

A link's unknown value gets the notice naming the parameter, and the value appears nowhere on the page;
the search box holds what was typed, in its own text box only; an uploaded cell or file name appears only
as the code span psw_dash.page.untrusted makes of it. Local and hosted mode. What the browser draws from the
same input is checked in tests/e2e/test_untrusted_in_browser.py.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from psw_dash import paths, settings
from psw_dash.page import layout, state, untrusted
from tests import payloads
from tests.helpers import all_text

PAGE_NAMES = [Path(page.file).stem for page in layout.all_pages()]


def run_page(page: str, **query: str) -> AppTest:
    app = AppTest.from_file(str(paths.ROOT / "app.py"), default_timeout=60)
    app.query_params.update(query)
    app.run()
    app.switch_page(f"pages/{page}.py").run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def rerun_with(app: AppTest, param: str, value: str) -> AppTest:
    """The same session, opened again by a link with ?param=value and nothing else."""
    app.query_params.clear()
    app.query_params[param] = value
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def every_text(app: AppTest) -> str:
    """All words on the page, messages and captions included, unfolded (a value's line breaks kept)."""
    parts = [
        e.value
        for kind in (
            "markdown",
            "caption",
            "title",
            "header",
            "subheader",
            "info",
            "warning",
            "error",
            "success",
            "text",
            "code",
        )
        for e in getattr(app, kind)
    ]
    return "\n".join(str(p) for p in parts)


def echoes(value: str, text: str) -> bool:
    """Whether the page repeats the value: its first 12 characters, or the host it points at."""
    start = value.strip()[:12]
    return payloads.EVIL_HOST in text or bool(start) and start in text


def test_the_fuzzed_parameters_are_every_one_the_pages_read(monkeypatch):
    """Each page's parameters, as offered to the URL by psw_dash.page.state (which writes only those that differ
    from their defaults, so a first visit writes none), plus widgets bound to the URL and parameters a page
    only reads (state.from_url, as the Regions page's ?region=)."""
    offered = set()
    keep_in_url = state.keep_in_url

    def recording(values, defaults=None):
        offered.update(values)
        keep_in_url(values, defaults)

    monkeypatch.setattr(state, "keep_in_url", recording)
    read = {}
    for page in PAGE_NAMES:
        offered.clear()
        app = run_page(page)
        source = (paths.ROOT / "pages" / f"{page}.py").read_text()
        bound = set(re.findall(r'key="(\w+)", bind="query-params"', source))
        bound |= set(re.findall(r'(?:st\.query_params\.get|state\.from_url)\("(\w+)"', source))
        params = set(app.query_params) | offered | bound
        if params:
            read[page] = params
    fuzzed = (payloads.CHOICE_PARAMS, payloads.FREE_TEXT_PARAMS, payloads.SCENARIO_PARAMS)
    expected = {page: set().union(*(kind.get(page, ()) for kind in fuzzed)) for page in set().union(*fuzzed)}
    assert read == expected


@pytest.mark.parametrize("mode", [settings.LOCAL, settings.HOSTED])
@pytest.mark.parametrize("page", sorted(payloads.SCENARIO_PARAMS))
def test_a_scenario_value_it_cannot_use_gets_the_default_and_a_notice_without_the_value(page, mode, monkeypatch):
    monkeypatch.setenv(settings.MODE_ENV, mode)
    app = run_page(page)
    for param in payloads.SCENARIO_PARAMS[page]:
        for name, value in payloads.PAYLOADS.items():
            rerun_with(app, param, value)
            notices = [i.value for i in app.info if "The link's value for" in i.value]
            assert len(notices) == 1 and f"The link's value for '{param}' was not" in notices[0], (param, name)
            assert not echoes(value, every_text(app)), (param, name)


@pytest.mark.parametrize("mode", [settings.LOCAL, settings.HOSTED])
@pytest.mark.parametrize("page", sorted(payloads.CHOICE_PARAMS))
def test_an_unknown_value_gets_the_notice_and_is_never_shown(page, mode, monkeypatch):
    monkeypatch.setenv(settings.MODE_ENV, mode)
    app = run_page(page)
    for param in payloads.CHOICE_PARAMS[page]:
        read = not (mode == settings.HOSTED and (page, param) in payloads.LOCAL_ONLY_PARAMS)
        for name, value in payloads.PAYLOADS.items():
            rerun_with(app, param, value)
            notices = [i.value for i in app.info if "was not recognised" in i.value]
            assert [n.startswith(f"The link's ?{param}= value") for n in notices] == ([True] if read else []), (
                param,
                name,
                notices,
            )
            assert not echoes(value, every_text(app)), (param, name)


@pytest.mark.parametrize("mode", [settings.LOCAL, settings.HOSTED])
def test_search_text_stays_in_its_box(mode, monkeypatch):
    monkeypatch.setenv(settings.MODE_ENV, mode)
    for name, value in payloads.PAYLOADS.items():
        app = run_page("data_sources", q=value)  # a bound widget reads the URL when a session starts
        assert app.text_input[0].value == value, name
        assert not echoes(value, every_text(app)), name
        assert "0 of" in all_text(app) or name in ("unicode",), name  # nothing in the catalogue matches


def upload(app: AppTest, content: bytes, name: str = "counts.csv") -> AppTest:
    app.file_uploader[0].set_value((name, content, "text/csv"))
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def counts_csv(**cells: str) -> bytes:
    row = {"region": "London", "count": "12", "period": "2023/24", **cells}
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([list(row), list(row.values())])
    return buffer.getvalue().encode("utf-8")


@pytest.fixture(scope="module")
def upload_panel():
    return run_page("regions", own="show")


@pytest.mark.parametrize("name", list(payloads.PAYLOADS))
def test_a_hostile_period_is_refused_and_shown_only_as_code(upload_panel, name):
    value = payloads.PAYLOADS[name]
    error = upload(upload_panel, counts_csv(period=value)).error[0].value
    assert f"Row 2: the period {untrusted.code(value)} is not a date or period" in error
    assert not upload_panel.success
    assert not echoes(value, every_text(upload_panel).replace(untrusted.code(value), ""))


@pytest.mark.parametrize("name", list(payloads.PAYLOADS))
def test_a_hostile_region_cell_is_shown_only_as_code(upload_panel, name):
    value = payloads.PAYLOADS[name]
    error = upload(upload_panel, counts_csv(region=value)).error[0].value
    assert f"Row 2: {untrusted.code(value)} is not an NHS England region" in error
    assert not echoes(value, every_text(upload_panel).replace(untrusted.code(value), ""))


@pytest.mark.parametrize("name", list(payloads.PAYLOADS))
def test_a_hostile_file_name_is_shown_only_as_code(upload_panel, name):
    file_name = payloads.PAYLOADS[name] + ".csv"
    error = upload(upload_panel, counts_csv(count="many"), name=file_name).error[0].value
    assert error.startswith(f"**The file {untrusted.code(file_name)} was not loaded.**")
    success = upload(upload_panel, counts_csv(), name=file_name).success[0].value
    assert success.startswith(f"Loaded 1 region(s) from {untrusted.code(file_name)}.")
    assert not echoes(file_name, every_text(upload_panel).replace(untrusted.code(file_name), ""))
