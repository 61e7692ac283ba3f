"""Every chart the app draws, on every page and every option of every control: readable colours and a name.

Pages come from layout.all_pages() and options from the controls the page shows, so a new page or
view is covered without editing this file.
"""

from __future__ import annotations

import pytest

from psw_dash.charts import contrast
from psw_dash.page import layout
from tests.helpers import plotly_figures

PAGES = [page.file[len("pages/") : -len(".py")] for page in layout.all_pages()]


def _options(app) -> list[tuple[str, str]]:
    """(URL parameter, value) for every option of every segmented control kept in the URL (state.choice keys
    them 'choice-param-values'; the catalogue's 'Rows listed' changes no chart and is not in the URL)."""
    found = []
    for control in app.segmented_control:
        if not control.key.startswith("choice-"):
            continue
        _, param, values = control.key.split("-", 2)
        found += [(param, value) for value in values.split("|")]
    # And each on/off toggle switched on (state.flag keys them 'flag-param').
    found += [(toggle.key.removeprefix("flag-"), "show") for toggle in app.toggle if toggle.key.startswith("flag-")]
    return found


def _check(app, where: str) -> list[str]:
    problems = []
    for chart, figure in zip(app.get("plotly_chart"), plotly_figures(app), strict=True):
        if not chart.proto.alt:
            problems.append(f"{where}: a chart has no accessible name (alt)")
        problems += [f"{where}: {p}" for p in contrast.failures(figure)]
    return problems


@pytest.mark.parametrize("page", PAGES)
def test_every_chart_on_every_view_is_named_and_meets_contrast(open_page, page):
    app = open_page(page)
    problems, charts_seen = _check(app, page), len(app.get("plotly_chart"))
    for param, value in _options(app):
        view = open_page(page, **{param: value})
        problems += _check(view, f"{page}?{param}={value}")
        charts_seen += len(view.get("plotly_chart"))
    assert problems == []
    if page not in ("data_sources", "accessibility", "downloads"):
        assert charts_seen > 0, f"{page} drew no chart: the check saw nothing"
