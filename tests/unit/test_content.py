"""Words on screen: headline templates name figures instead of typing them, and every name resolves."""
from __future__ import annotations

import re
import tomllib

import pytest

from psw_dash import content, paths

TEMPLATES = tomllib.loads((paths.CONTENT_DIR / "headlines.toml").read_text(encoding="utf-8"))
PROSE = {path.stem: path.read_text(encoding="utf-8") for path in paths.CONTENT_DIR.glob("*.md")}
# Allowed outside placeholders: dates and years, labels of categories and units, standards' numbers.
NOT_A_FIGURE = re.compile(
    r"\b(19|20)\d\d(/\d\d)?\b|\b\d{1,2}/\d\d\b|30 September|p\.\d+|WCAG 2\.2|7:1"
    r"|Band \d|100,000|aged 30 to 49|19 or under|Covid-19|add to 100"
    # The accessibility statement's standards, widths, zoom levels and dates.
    r"|\bWCAG \d\.\d\.\d+|\b\d\.\d\.\d+ [A-Z]|\b\d(\.\d)?:1\b|No\. 2\)|\b(200|400)% zoom|\b(320|1280)\s(CSS\s+)?pixels?|tests/e2e/"
    r"|\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b"
)


def typed_numbers(text: str) -> list[str]:
    text = content.PLACEHOLDER.sub("", text)
    return re.findall(r"\d[\d,.]*", NOT_A_FIGURE.sub("", text))


@pytest.mark.parametrize("key", sorted(TEMPLATES))
def test_headline_types_no_figure(key):
    assert typed_numbers(TEMPLATES[key]) == []


@pytest.mark.parametrize("name", sorted(set(PROSE) - {"about"}))
def test_page_prose_types_no_figure(name):
    assert typed_numbers(PROSE[name]) == []


@pytest.mark.parametrize("key", sorted(TEMPLATES))
def test_every_placeholder_names_a_catalogued_figure(key):
    filled = content.headline(key)
    assert "{" not in filled and filled


def test_fill_formats_values_as_printed():
    assert content.fill("{headcount.total} and {headcount.nhs_employed_pct} and {per_100k.median|number}") == \
        "862 and 86% and 0.4"


def test_unknown_figure_is_an_error_not_a_blank():
    with pytest.raises(KeyError, match="no figure 'headcount.nonsense'"):
        content.fill("{headcount.nonsense}")


def test_bounds_the_report_printed_are_kept_in_the_words():
    assert content.fill("{age.psw.age_19_or_under}") == "under 1%"
    assert content.fill("{training.in_house_solely_internal}") == "over 60%"
    assert content.fill("{target.ltwp_in_post_2036_37}") == "over 6,500"
