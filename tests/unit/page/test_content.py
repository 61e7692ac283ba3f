"""Words on screen: headline templates name figures instead of typing them, and every name resolves."""

from __future__ import annotations

import ast
import re
import tomllib

import pytest

from psw_dash import paths
from psw_dash.own_files import regional
from psw_dash.page import content
from psw_dash.reading import data
from psw_dash.vocabulary import sources

TEMPLATES = tomllib.loads((paths.CONTENT_DIR / "headlines.toml").read_text(encoding="utf-8"))
PROSE = {path.stem: path.read_text(encoding="utf-8") for path in paths.CONTENT_DIR.glob("*.md")}
# Allowed outside placeholders: dates and years, labels of categories and units, standards' numbers.
NOT_A_FIGURE = re.compile(
    r"\b(19|20)\d\d(/\d\d?)?\b|\b\d{1,2}/\d\d\b|30 September|p\.\d+|WCAG 2\.2|7:1"
    r"|Band \d|100,000|aged 30 to 49|19 or under|Covid-19|add to 100|more than 40|30 Sep 2019"
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
    assert (
        content.fill("{headcount.total} and {headcount.nhs_employed_pct} and {per_100k.median|number}")
        == "862 and about 86% and 0.4"
    )  # printed 'approximately 86%': the bound is kept


def test_unknown_figure_is_an_error_not_a_blank():
    with pytest.raises(KeyError, match="no figure 'headcount.nonsense'"):
        content.fill("{headcount.nonsense}")


def test_bounds_the_report_printed_are_kept_in_the_words():
    assert content.fill("{age.psw.age_19_or_under}") == "under 1%"
    assert content.fill("{training.in_house_solely_internal}") == "over 60%"
    assert content.fill("{target.ltwp_in_post_2036_37}") == "over 6,500"


# Modules whose strings reach the screen as labels, methods or messages.
LABEL_MODULES = [
    paths.ROOT / "psw_dash" / "own_files" / "regional.py",
    paths.ROOT / "psw_dash" / "planner" / "screen.py",  # the planner page's inputs and sentences
    *sorted((paths.ROOT / "pages").glob("*.py")),
]
# In a label module, also allowed: multipliers of a formula, file encodings, ISO dates and region codes.
NOT_A_FIGURE_IN_CODE = re.compile(r"x 1,000,000|x 100,000|x 100\b|UTF-8|\d{4}-\d\d-\d\d|E4\d{7}")
# Texts that show the shape a typed value must have ("a month (2019-09 or September 2019)"): examples, not figures.
FORMAT_EXAMPLES = {regional.PERIOD_HELP}
FORMAT_FIELD = re.compile(r"\{[a-z_]*(:[^}]*)?\}")  # {by_hand}, {len(body):,} is code, not a typed figure


def on_screen_strings(path) -> list[str]:
    """The module's string constants a reader could see: not docstrings, ids or keys (no spaces)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and " " in node.value
    ]


@pytest.mark.parametrize("path", LABEL_MODULES, ids=[p.name for p in LABEL_MODULES])
def test_label_modules_type_no_figure(path):
    """'the 4,730 target', '(5 matched by hand)', 'one per region (7)' are filled from the data, not typed."""
    typed = {
        text: found
        for text in on_screen_strings(path)
        if text not in FORMAT_EXAMPLES
        and (found := typed_numbers(FORMAT_FIELD.sub("", NOT_A_FIGURE_IN_CODE.sub("", text))))
    }
    assert typed == {}


def test_series_break_note_types_no_figure():
    """'all 55 mental health trusts' comes from the catalogue's count of participating organisations."""
    assert typed_numbers(FORMAT_FIELD.sub("", sources.SERIES_BREAK_NOTE)) == []
    assert "all 60 mental health trusts" in sources.series_break_note(60)


def test_the_catalogues_description_counts_match_the_data():
    """The words describing the catalogue give what it holds, counted from the data, not typed: a row added to a
    source file changes them."""
    figures = data.figures()
    printed, derived = figures[~figures["derived"]], figures[figures["derived"]]
    later = printed["topic"].eq("later_evidence")
    from_doc = printed["source_doc"].value_counts()
    modelled = derived["note"].str.startswith("Modelled").sum()
    described = " ".join(
        " ".join(content.fill(content.prose(name)).split()) for name in ("data_sources", "about", "overview")
    )
    for words in (
        f"{len(figures)} rows in all",
        f"{from_doc[sources.STOCKTAKE]} transcribed as printed from the 2019 stocktake report",
        f"{(printed['source_doc'].eq(sources.BRIEFING) & ~later).sum()} from a research briefing",
        f"{(printed['source_doc'].eq(sources.BRIEFING) & later).sum()} later-evidence rows from the same briefing",
        f"{from_doc[sources.CASE_STUDY]} later-evidence rows from a case study of one trust",
        f"{from_doc[sources.TRAINING_PROVIDER]} from a training provider's pages",
        f"{len(derived) - modelled} computed here and marked *derived* and {modelled} marked *modelled*",
        "(over, under, almost, up to, at least, about or circa)",
        f"{from_doc[sources.CASE_STUDY]} from a case study of one trust",  # about.md
        "not figures from any of these documents",
    ):
        assert words in described, words
    assert modelled >= 1 and "not figures from either document" not in described


def test_sources_md_keeps_every_table_row_in_its_table():
    """A row left below a table's paragraph reads as one run-on paragraph on the Data and sources page: every
    '|' line follows another '|' line, and every table has its header and separator."""
    lines = (paths.DATA_DIR / "SOURCES.md").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if line.startswith("|") and not lines[number - 1].startswith("|"):
            assert re.fullmatch(r"\|(\s*-+\s*\|)+", lines[number + 1]), f"line {number + 1} starts no table: {line}"
    rendered = content.as_html((paths.DATA_DIR / "SOURCES.md").read_text(encoding="utf-8"))
    assert "<td>modelled share of the target (regions)</td>" in rendered
    assert "| trusts per million" not in rendered
