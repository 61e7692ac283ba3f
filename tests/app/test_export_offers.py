"""Every chart frame offers PNG and SVG beside the CSV; the Downloads page offers the pack of all views or of one
view, and each view with charts (but the Overview) the pack of itself. Nothing is drawn until asked for, and the image
buttons and the pack's buttons are not even sent until their popover or expander is opened."""

from __future__ import annotations

import pytest

from psw_dash.export import pack
from psw_dash.page import layout
from psw_dash.views import views


def labels(app, kind: str) -> list[str]:
    return [element.proto.label for element in app.get(kind)]


def open_offers(app):
    """Open every 'Download image' popover and the briefing pack's expander, as a reader's clicks do (a rerun)."""
    for popover in app.get("popover"):
        app.session_state[popover.proto.id.split("-", 2)[2]] = True  # the id ends with the popover's key
    app.session_state["briefing-pack"] = True
    return app.run()


def test_image_and_pack_buttons_are_sent_only_when_asked_for(open_page):
    app = open_page("service_models")
    assert labels(app, "download_button") == ["Download CSV"]
    assert [p.proto.popover.label for p in app.get("popover")] == [
        "Download image (PNG, SVG)",
        "Copy link to this view",
    ]
    assert not [b for b in labels(app, "button") if "briefing pack" in b]
    open_offers(app)
    assert labels(app, "download_button")[:3] == ["Download CSV", "Download PNG", "Download SVG"]
    assert [b for b in labels(app, "button") + labels(app, "download_button") if "briefing pack of this view" in b]


def test_the_downloads_page_offers_the_pack_of_all_views_then_of_the_view_chosen(open_page):
    app = open_page("downloads")
    # "Make" until the pack is built in this process (another test may have built it), then "Download".
    offers = labels(app, "button") + labels(app, "download_button")
    assert [
        o
        for o in offers
        if o.startswith(("Make the briefing pack of all views (PDF)", "Download the briefing pack of all views (PDF"))
    ]
    app.selectbox(key="downloads-scope").set_value("pages/people.py").run()
    offers = labels(app, "button") + labels(app, "download_button")
    assert [o for o in offers if "briefing pack of this view (People)" in o]
    assert not [o for o in offers if "all views" in o]


def test_the_overview_links_to_the_downloads_and_has_no_box_of_its_own(open_page):
    app = open_offers(open_page("overview"))
    assert not [o for o in labels(app, "button") + labels(app, "download_button") if "briefing pack" in o]
    assert labels(app, "download_button")[:3] == ["Download CSV", "Download PNG", "Download SVG"]


@pytest.mark.parametrize("page", [p for p in layout.all_pages() if p.file in views.PAGE_CHARTS], ids=lambda p: p.title)
def test_each_view_offers_its_own_pack_and_image_downloads(open_page, page):
    app = open_offers(open_page(page.file[len("pages/") : -len(".py")]))
    buttons = labels(app, "button") + labels(app, "download_button")
    assert any(
        b.startswith(
            (
                f"Make the briefing pack of this view ({page.title})",
                f"Download the briefing pack of this view ({page.title})",
            )
        )
        for b in buttons
    )
    downloads = labels(app, "download_button")
    assert downloads.count("Download PNG") == downloads.count("Download CSV") >= 1
    assert downloads.count("Download SVG") == downloads.count("Download CSV")


def test_pages_without_charts_offer_no_pack(open_page):
    app = open_offers(open_page("accessibility"))
    assert not [b for b in labels(app, "button") if "briefing pack" in b]
    assert pack.file_name("pages/people.py") == "psw-2019-briefing-pack-people.pdf"


def test_hosted_copy_offers_the_same_pack_and_images(open_page, monkeypatch):
    monkeypatch.setenv("PSW_DASH_MODE", "hosted")
    app = open_offers(open_page("regions"))
    offers = labels(app, "button") + labels(app, "download_button")
    assert [o for o in offers if "briefing pack of this view (Regions)" in o]
    assert {"Download PNG", "Download SVG", "Download PNG (ranked chart)", "Download SVG (ranked chart)"} <= set(offers)
