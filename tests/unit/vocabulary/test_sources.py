"""Every transcribed figure can be found, word for word, in the document it cites."""

from __future__ import annotations

import csv
import re

import pytest

from psw_dash import paths
from psw_dash.vocabulary import figure_rows, sources
from tests.helpers import SHARED

SOURCE_FILES = sorted(paths.SOURCE_DIR.glob("figures_*.csv"))


def rows():
    for path in SOURCE_FILES:
        for line, row in enumerate(csv.DictReader(path.open(encoding="utf-8")), start=2):
            yield pytest.param(row, id=f"{path.name}:{line}:{row['figure_id']}")


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def documents():
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not beside the project (CI always has it)")
    return {doc: squash((seeds / doc).read_text(encoding="utf-8")) for doc in sources.SEED_DOCUMENTS}


@pytest.mark.parametrize("row", rows())
def test_quote_occurs_in_cited_document(row, documents):
    assert squash(row["quote"]) in documents[row["source_doc"]]


@pytest.mark.parametrize("row", [r for r in rows() if r.values[0]["source_doc"] not in sources.PAGINATED])
def test_unpaginated_citation_names_words_the_document_prints(row, documents):
    """Without page numbers a row cites a heading or a paragraph's opening words, in double quotes,
    and those words must be in the document: a made-up heading would send a reader nowhere."""
    quoted = row["source_section"].split('"')[1::2]
    assert quoted, f"{row['figure_id']}: section {row['source_section']!r} quotes no heading or opening words"
    assert all(squash(words) in documents[row["source_doc"]] for words in quoted)


@pytest.mark.parametrize("row", rows())
def test_value_is_printed_in_its_quote(row):
    """The number (or the words for it) stands in the quote, so the transcription can be checked by eye."""
    value = float(row["value"])
    quote = row["quote"].replace(",", "")
    words = {
        0: ("no ", "No ", "zero"),
        1: ("one",),
        4: ("four",),
        6: ("Six", "six"),
        7: ("seven",),
        8: ("eight",),
        50: ("half",),
        75: ("three quarters",),
        100: ("all", "100%"),
    }
    printed = f"{value:g}" in quote or any(w in row["quote"] for w in words.get(int(value), ()))
    assert printed, f"{row['figure_id']}: {value:g} not in quote {row['quote']!r}"


def test_stocktake_covers_every_findings_section():
    sections = {row["source_section"] for path in SOURCE_FILES for row in csv.DictReader(path.open(encoding="utf-8"))}
    assert set(sources.STOCKTAKE_SECTIONS) - {"Appendix"} <= sections


# The words the sources use for each bound the catalogue records (figure_rows.BOUNDS, the one list).
BOUND_WORDS = {
    "over": ("over ", "Over ", "more than"),
    "under": ("fewer than", "Fewer than", "less than", "under "),
    "almost": ("almost", "nearly"),
    "up to": ("up to",),
    "at least": ("at least", "At least"),
    "about": ("about ", "About ", "approximately", "Approximately", "around "),
    "circa": ("circa ",),
}
# Any bound word before a number: each must be recorded with the row whose value it bounds.
BOUND_BEFORE = (
    r"\b(?:over|under|fewer than|less than|more than|almost|nearly|up to|at least|about|approximately|"
    r"around|circa)\s+"
)
NUMBER_WORDS = {4: ["four"], 6: ["six"], 7: ["seven"], 8: ["eight"], 50: ["half"], 75: ["three quarters"]}


def test_every_bound_the_catalogue_allows_has_the_words_that_print_it():
    assert set(BOUND_WORDS) == set(figure_rows.BOUNDS) - {""}


@pytest.mark.parametrize("row", rows())
def test_a_bound_is_recorded_exactly_where_the_quote_prints_one(row):
    """'Over three quarters' is not 75%, 'up to 18' is not 18, 'At least four' is not 4: the row records the bound,
    and a quote that prints a bound word before its number ('fewer than 1%', 'almost half', 'about 140') cannot be
    recorded as exact."""
    if row["bound"]:
        assert any(w in row["quote"] for w in BOUND_WORDS[row["bound"]]), (
            f"{row['figure_id']}: no '{row['bound']}' in quote"
        )
    else:
        value = float(row["value"])
        forms = [re.escape(f"{value:,g}"), re.escape(f"{value:g}")] + NUMBER_WORDS.get(value, [])
        # A number ends where no digit follows, nor a comma and a digit ('over 6,500' is not 'over 6').
        bound_before_value = re.search(
            BOUND_BEFORE + rf"(?:{'|'.join(forms)})(?!\d|,\d)", row["quote"], flags=re.IGNORECASE
        )
        assert bound_before_value is None, (
            f"{row['figure_id']}: quote prints '{bound_before_value[0]}' but bound is empty"
        )


def test_the_bound_check_catches_each_bound_word():
    """The check above fails on each kind of mistake the issue found: a bound word before the value, left empty."""
    for quote, value in (
        ("train up to 18 PSWs", 18),
        ("At least four Trusts", 4),
        ("with about 140 PSWs now", 140),
        ("a few Tusts had more than 40, whilst", 40),
        ("rate is currently circa 4%)", 4),
    ):
        forms = [re.escape(f"{value:,g}")] + NUMBER_WORDS.get(value, [])
        assert re.search(BOUND_BEFORE + rf"(?:{'|'.join(forms)})(?!\d|,\d)", quote, flags=re.IGNORECASE), quote
    assert not re.search(BOUND_BEFORE + r"(?:6)(?!\d|,\d)", "over 6,500 by 2036/37")
