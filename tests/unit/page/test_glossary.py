"""The glossary (content/glossary.toml): an entry for every label a commissioner meets, and the first appearance of
each term on a page linked to its entry, text only."""

from __future__ import annotations

import pytest
import streamlit as st

from psw_dash.page import glossary
from psw_dash.reading import catalogue
from psw_dash.vocabulary import formatting

# The labels the issue found bare on screen (issue 31), and those the code writes as labels.
ISSUE_TERMS = [
    "derived",
    "modelled",
    "as printed",
    "bound",
    "series break",
    "closest like for like",
    "LX",
    "base (n)",
    "[x]",
    "[z]",
]
CODE_LABELS = [
    formatting.kind({"derived": False, "note": ""}),
    formatting.computed_kind("Modelled: x"),
    formatting.computed_kind("x"),
    catalogue.CATALOGUE_COLUMNS["base"],
    "small base",
    "WTE",
    "FTE",
]


@pytest.fixture(autouse=True)
def fresh_page():
    st.session_state.clear()
    glossary.start_page()


@pytest.mark.parametrize("term", ISSUE_TERMS + CODE_LABELS)
def test_every_label_a_reader_meets_has_a_glossary_entry(term):
    entry = glossary.entry_of(term)
    assert entry is not None, term
    assert entry.short and len(entry.short.split()) <= 25, "a tooltip is a sentence"
    assert len(entry.meaning) > len(entry.short)


def test_each_entry_is_shown_with_its_own_anchor():
    shown = glossary.glossary_html()
    for entry in glossary.entries():
        assert f'<dt id="{entry.anchor}">' in shown
    assert len({entry.anchor for entry in glossary.entries()}) == len(glossary.entries())


def test_only_the_first_appearance_on_a_page_is_linked_with_its_short_meaning():
    first = glossary.explain("<p>Both derived: 18.0x across the series\nbreak.</p>")
    entry = glossary.entry_of("derived")
    assert f'<a class="psw-term" href="data_sources#{entry.anchor}" title="' in first
    assert "series\nbreak</a>" in first
    assert glossary.explain("<p>derived again</p>") == "<p>derived again</p>"
    glossary.start_page()  # the next page explains it again
    assert "psw-term" in glossary.explain("<p>derived again</p>")


def test_tags_attributes_links_headings_summaries_and_quotes_are_left_alone():
    markup = (
        '<h2>Derived</h2><details><summary>derived</summary></details><a href="x">modelled</a>'
        '<p title="as printed">x</p><blockquote>as printed</blockquote><code>LX</code>'
    )
    assert glossary.explain(markup) == markup


def test_the_glossary_page_links_nothing_to_itself():
    glossary.on_glossary_page()
    assert glossary.explain("<p>derived</p>") == "<p>derived</p>"
