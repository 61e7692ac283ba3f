"""Every download in one place: the Downloads page lists OFFERS, and each view with charts offers its own at its foot.

An offer is a title, a sentence and a function that draws its buttons for a scope (pack.WHOLE, all views, or a
view's page file). A new kind of download is one more Offer in OFFERS: the Downloads page and the foot of each
view pick it up.

A briefing pack or deck already made for this data version downloads in one click. Otherwise one click makes it,
with its progress shown, and the download button takes its place (on_request.py); every later request, from any
session, is served from the store (pack.build, slides.build), so a hosted copy builds each one once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from psw_dash.export import documents, on_request, open_data_offer, pack, slides_offer
from psw_dash.page import layout
from psw_dash.views import views


@dataclass(frozen=True)
class Offer:
    """One kind of download. `draw(scope, label, key_prefix)` draws its buttons; `label` names the scope in words
    ('all views', 'this view (People)'). `per_view` offers it at the foot of each view with charts too."""

    key: str
    title: str
    about: str
    draw: Callable[[str, str, str], None]
    per_view: bool = False


PACK = on_request.Document(
    "briefing pack",
    "PDF",
    ":material/picture_as_pdf:",
    lambda scope, planned: documents.Order(documents.PACK, scope, planned),
)


def pack_buttons(scope: str, label: str, key_prefix: str) -> None:
    on_request.offer(PACK, scope, label, key_prefix)


def slides_buttons(scope: str, label: str, key_prefix: str) -> None:
    on_request.offer(slides_offer.document(), scope, label, key_prefix)


def _open_data(offer: tuple[str, str, str]) -> Callable[[str, str, str], None]:
    return lambda scope, label, key_prefix: open_data_offer.button(offer, key_prefix)


OFFERS: tuple[Offer, ...] = (
    Offer(
        "pack",
        "Briefing pack (PDF)",
        "Every chart with its headline, base, numbers as a table, summary in words, source and caveats; a cover "
        "with the sources and licences, and an annex with the definitions, the series break and where the report "
        "disagrees with itself. An accessible (tagged) PDF, for a board paper or briefing.",
        pack_buttons,
        per_view=True,
    ),
    Offer("slides", "Slides (PPTX)", slides_offer.ABOUT, slides_buttons, per_view=True),
    Offer(
        "spreadsheet",
        "Spreadsheet (XLSX)",
        "The numbers of every view, each cited, as tables to work with: a cover, contents and notes, then one table "
        "a sheet, each with its base, source and notes.",
        _open_data(open_data_offer.SPREADSHEET),
    ),
    Offer(
        "package",
        "Data package (ZIP)",
        "The same tables as CSV files, with a description of every column and the sources and licences, for "
        "analysts and their scripts.",
        _open_data(open_data_offer.PACKAGE),
    ),
)


def scopes() -> dict[str, str]:
    """What a pack can cover: all views, or one view with charts (page file -> its title). The Overview's own pack
    would be its first pages: it offers all views."""
    return {
        pack.WHOLE: pack.scope_title(pack.WHOLE),
        **{page.file: page.title for page in pack.pack_pages() if not page.default},
    }


def downloads_page() -> None:
    """Every offer, one after another, under its heading; the pack of all views or of one view."""
    titles = scopes()
    chosen: str = st.selectbox(
        "Views in the briefing pack", list(titles), format_func=lambda scope: titles[scope], key="downloads-scope"
    )
    label = "all views" if chosen == pack.WHOLE else f"this view ({titles[chosen]})"
    for offer in OFFERS:
        layout.heading(offer.title)
        layout.markdown(offer.about)
        offer.draw(chosen, label, "downloads")
    open_data_offer.addresses()


def offer(page: layout.PageSpec) -> None:
    """At the foot of a view with charts: its own downloads, in a closed box, and the way to all of them."""
    if page.file not in views.PAGE_CHARTS or page.default:
        return
    # Its contents are sent only once it is opened (a rerun), so the offer costs each page switch one element.
    box = st.expander(
        "Download this view (briefing pack, slides)",
        icon=":material/picture_as_pdf:",
        key="briefing-pack",
        on_change="rerun",
    )
    if not box.open:
        return
    with box:
        for one in OFFERS:
            if one.per_view:
                layout.markdown(f"**{one.title}.** {one.about}")
                one.draw(page.file, f"this view ({page.title})", "view")
        st.page_link(
            layout.DOWNLOADS.file,
            label="All downloads: every view, the spreadsheet and the data package",
            icon=":material/download:",
        )
