"""Words a commissioner reads: no page names a file (documents go by their titles), the glossary is on Data and
sources with an anchor for each entry, and on every other page a term's first appearance links to its entry."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from psw_dash import paths
from psw_dash.page import glossary, layout
from psw_dash.vocabulary import sources

PAGES = layout.all_pages()
PAGE_IDS = [p.url_path or "overview" for p in PAGES]
# The names a page must not show: the source documents' text files, every file the build reads, the built tables,
# and paths inside the repository. (The open data's addresses, /data/open/figures.csv, are addresses to use.)
FILE_NAMES = sorted(
    {
        *sources.SEED_DOCUMENTS,
        *(path.name for path in (paths.ROOT / "data" / "source").rglob("*.*")),
        ".parquet",
        "data/source",
        "psw_dash/",
        "tests/",
        "dev.py",
        "EPSG",
    }
)

FIRST_APPEARANCES = """([source, skipped, forms]) => {
    const pattern = new RegExp(source, 'gi');
    const first = {};
    for (const block of document.querySelectorAll('[data-testid="stMain"] [data-testid="stHtml"]')) {
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const parent = node.parentElement;
            if (parent.closest(skipped)) continue;
            for (const match of node.textContent.matchAll(pattern)) {
                const key = forms[match[0].toLowerCase().split(/\\s+/).join(' ')];
                if (!(key in first)) first[key] = parent.matches('a.psw-term') ? parent.getAttribute('href') : null;
            }
        }
    }
    return first;
}"""
# Where glossary.explain leaves text alone (a link that is not a term's, a summary, a heading, code, a quote...).
SKIPPED = "a:not(.psw-term), summary, code, button, h1, h2, h3, caption, th, blockquote, svg"


@pytest.mark.parametrize("app_page", PAGES, ids=PAGE_IDS)
def test_no_page_names_a_file(reused_visit, app_page):
    page = reused_visit.open(app_page.url_path)
    # All of the page's text, closed tables and notes included (textContent, not what is on screen).
    text = page.locator('[data-testid="stMain"]').text_content()
    assert [name for name in FILE_NAMES if name in text] == []


def test_the_glossary_on_data_and_sources_has_every_entry_and_a_link_opens_it(reused_visit):
    page = reused_visit.open("data_sources")
    for entry in glossary.entries():
        term = page.locator(f"dl.psw-glossary dt#{entry.anchor}")
        expect(term).to_have_text(entry.term)
    page = reused_visit.open("growth", charts=1)
    link = page.locator("a.psw-term").first
    entry = glossary.entry_of(link.inner_text())
    assert link.get_attribute("title") == entry.short
    link.click()
    target = page.locator(f"#{entry.anchor}")
    expect(target).to_be_focused()
    expect(target).to_be_in_viewport()


# The glossary's own page explains its terms in full; the planner's tables, drawn by planner/screen.py (being
# reworked under issue 31.2), are not passed through glossary.explain yet.
EXPLAINED_PAGES = [p for p in PAGES if p.url_path not in (glossary.PAGE, "planner")]


@pytest.mark.parametrize("app_page", EXPLAINED_PAGES, ids=lambda p: p.url_path or "overview")
def test_each_terms_first_appearance_on_a_page_links_to_its_meaning(reused_visit, app_page):
    page = reused_visit.open(app_page.url_path)
    forms = {" ".join(form.lower().split()): entry.key for entry in glossary.entries() for form in entry.matches}
    first = page.evaluate(FIRST_APPEARANCES, [glossary._pattern().pattern, SKIPPED, forms])
    assert [key for key, href in first.items() if href is None] == []
    by_key = {entry.key: entry for entry in glossary.entries()}
    assert {key: href for key, href in first.items()} == {key: f"{glossary.PAGE}#{by_key[key].anchor}" for key in first}
    if app_page.default:  # the Overview meets most of them
        assert {"derived", "series_break", "like_for_like"} <= set(first)
