"""The app in a real browser: it loads, draws its chart, and talks to no host but its own."""

from __future__ import annotations


def test_overview_loads_with_no_exception_and_draws_the_growth_chart(visit):
    page = visit.open(charts=1)
    visit.screenshot("overview")
    assert visit.exceptions() == []
    assert visit.page_errors == []
    assert page.get_by_text("NHS mental health peer support workers, 2019").first.is_visible()
    assert page.locator(".psw-tile-value").first.inner_text() == "862"
    labels = page.eval_on_selector_all(
        '[data-testid="stPlotlyChart"] .scatterlayer .textpoint', "nodes => nodes.map(n => n.textContent)"
    )
    assert sorted(labels, key=int) == ["48", "111", "153", "862"]


def test_page_makes_no_request_outside_its_own_server(visit):
    visit.open(charts=1)
    visit.page.wait_for_timeout(1000)  # let late requests (fonts, metrics) go out, if any would
    assert visit.requests, "no requests were recorded at all"
    assert visit.foreign_requests() == []
