"""The slides are offered beside the briefing pack: at the foot of every view with charts (that view) and on the
Downloads page (all views, or one view), locally and hosted (the browser tests click them). Every slide's link opens its
view showing that chart, and the planner's link the scenario on screen."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import parse_qsl, urlsplit

import pytest

from psw_dash.export import pack, slides
from psw_dash.planner import defaults as planner_defaults
from tests.helpers import all_text


def offers(app) -> list[str]:
    app.session_state["briefing-pack"] = True  # open the expander, as a reader's click does (a rerun)
    app.run()
    return [b.proto.label for b in app.get("button")] + [b.proto.label for b in app.get("download_button")]


def _slides_offers(labels: list[str]) -> list[str]:
    return [label for label in labels if label.startswith(("Make the slides of", "Download the slides of"))]


def test_a_view_offers_its_slides_and_those_of_all_views(open_page):
    app = open_page("people")
    assert not _slides_offers([b.proto.label for b in app.get("button")])  # nothing sent until the box opens
    labels = _slides_offers(offers(app))
    # "Make" until the deck is made in this process (another test may have made it), then "Download".
    assert [label.split(" (PPTX")[0].replace("Download", "Make") for label in labels] == [
        "Make the slides of this view (People)"
    ]


def test_the_downloads_page_offers_the_slides_of_all_views(open_page):
    labels = _slides_offers(offers(open_page("downloads")))
    assert labels and all(" of all views (PPTX" in label for label in labels)


def test_pages_without_charts_offer_no_slides(open_page):
    assert not _slides_offers(offers(open_page("accessibility")))


def test_the_hosted_copy_offers_the_slides(open_page, monkeypatch):
    monkeypatch.setenv("PSW_DASH_MODE", "hosted")
    labels = _slides_offers(offers(open_page("regions")))
    assert any("slides of this view (Regions) (PPTX" in label for label in labels)


@pytest.mark.parametrize("shown", slides.chart_slides(pack.WHOLE), ids=lambda s: s.title[:40])
def test_each_slides_link_opens_its_view_at_that_chart(open_page, shown):
    address = urlsplit(shown.link)
    page = address.path.strip("/") or "overview"
    app = open_page(page, **dict(parse_qsl(address.query)))
    assert shown.chart.headline in all_text(app), shown.link
    assert not app.info, [i.value for i in app.info]  # no 'not recognised' notice for any of its parameters


def test_the_planner_link_reopens_the_scenario_on_screen(open_page):
    default = planner_defaults.default()
    mine = replace(default, scenario=default.scenario.with_(leaver_rate=0.2), leavers=planner_defaults.OWN)
    (shown,) = slides.chart_slides("pages/planner.py", mine)
    address = urlsplit(shown.link)
    app = open_page("planner", **dict(parse_qsl(address.query)))
    assert app.session_state[planner_defaults.ON_SCREEN] == mine
    assert shown.chart.headline in all_text(app)
