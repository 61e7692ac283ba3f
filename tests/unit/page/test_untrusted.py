"""Outside text shown as code: nothing but inline code spans, holding exactly the (visible, shortened) value.

The spans are read back here by CommonMark's own rule (a run of n backticks opens a span, the next run
of exactly n closes it), so a fence that a value could close early, or a value that could leave the
span, fails. What the browser then draws is checked in tests/e2e/test_untrusted_in_browser.py.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from psw_dash.page import untrusted
from tests.payloads import PAYLOADS

SEPARATOR = "\\/"  # the escaped '/' written between ':material' and the rest (Streamlit rewrites ':material/')


def read_spans(markdown: str) -> str:
    """The text a Markdown renderer shows for a string of code spans and escaped slashes; fails on anything else."""
    shown, at = [], 0
    while at < len(markdown):
        if markdown.startswith(SEPARATOR, at):
            shown.append("/")
            at += len(SEPARATOR)
            continue
        fence = re.match(r"`+", markdown[at:])
        assert fence, f"text outside a code span at {at}: {markdown[at : at + 20]!r}"
        size = len(fence.group())
        closing = re.compile(rf"(?<!`)`{{{size}}}(?!`)")
        end = closing.search(markdown, at + size)
        assert end, f"code span at {at} never closes"
        content = markdown[at + size : end.start()]
        if content.startswith(" ") and content.endswith(" ") and content.strip(" "):
            content = content[1:-1]  # CommonMark strips one space each side
        shown.append(content)
        at = end.end()
    return "".join(shown)


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_each_payload_is_shown_as_code_holding_exactly_its_visible_text(name):
    value = PAYLOADS[name]
    markdown = untrusted.code(value)
    assert read_spans(markdown) == untrusted.shorten(value)
    assert "\n" not in markdown and ":material/" not in markdown


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_shown_text_has_no_invisible_characters_and_a_bounded_length(name):
    shown = untrusted.shorten(PAYLOADS[name])
    assert len(shown) <= untrusted.SHOWN_CHARACTERS
    assert not [c for c in shown if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")]


def test_invisible_characters_are_written_out_and_visible_ones_kept():
    assert untrusted.shorten("\u202eevil\u200b 😀 שלום\n") == "\\u202eevil\\u200b 😀 שלום\\u000a"


def test_a_long_value_is_cut_with_an_ellipsis():
    shown = untrusted.shorten("A" * 10_000)
    assert shown == "A" * (untrusted.SHOWN_CHARACTERS - 1) + "…"


@pytest.mark.parametrize(
    "value, markdown",
    [
        ("London", "`London`"),
        ("a`b", "``a`b``"),
        ("`x`", "`` `x` ``"),
        ("``` fence", "```` ``` fence ````"),
        (" padded ", "`  padded  `"),
        (":material/warning:", "`:material`\\/`warning:`"),
        ("a:material/", "`a:material`\\/"),
    ],
)
def test_fences_and_padding_follow_commonmark(value, markdown):
    assert untrusted.code(value) == markdown
    assert read_spans(markdown) == value


def test_an_empty_value_is_named_as_empty():
    assert untrusted.code("") == "(empty)"


def test_the_notice_names_the_parameter_and_never_the_value():
    text = untrusted.notice("view", "'Ethnicity' instead")
    assert (
        text == "The link's ?view= value was not recognised: this page has no such option, so it shows "
        "'Ethnicity' instead."
    )
