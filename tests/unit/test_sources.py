"""Every transcribed figure can be found, word for word, in the document it cites."""
from __future__ import annotations

import csv
import re

import pytest

from psw_dash import paths, sources
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
    words = {0: ("no ", "No ", "zero"), 1: ("one",), 4: ("four",), 6: ("Six", "six"), 7: ("seven",), 8: ("eight",),
             50: ("half",), 75: ("three quarters",),
             100: ("all", "100%")}
    printed = f"{value:g}" in quote or any(w in row["quote"] for w in words.get(int(value), ()))
    assert printed, f"{row['figure_id']}: {value:g} not in quote {row['quote']!r}"


def test_stocktake_covers_every_findings_section():
    sections = {row["source_section"] for path in SOURCE_FILES for row in csv.DictReader(path.open(encoding="utf-8"))}
    assert set(sources.STOCKTAKE_SECTIONS) - {"Appendix"} <= sections


# The words the report uses for each bound the catalogue records.
BOUND_WORDS = {"over": ("over ", "Over ", "more than"), "under": ("fewer than", "Fewer than", "less than", "under "),
               "almost": ("almost", "nearly")}


@pytest.mark.parametrize("row", rows())
def test_a_bound_is_recorded_exactly_where_the_quote_prints_one(row):
    """'Over three quarters' is not 75%: the row records 'over', and a quote that prints a bound in words
    before its number ('fewer than 1%', 'almost half') cannot be recorded as exact."""
    if row["bound"]:
        assert any(w in row["quote"] for w in BOUND_WORDS[row["bound"]]), f"{row['figure_id']}: no '{row['bound']}' in quote"
    else:
        value = float(row["value"])
        forms = [re.escape(f"{value:,g}"), re.escape(f"{value:g}")] + {50: ["half"], 75: ["three quarters"]}.get(value, [])
        bound_before_value = re.search(r"\b(?:over|under|fewer than|less than|more than|almost|nearly)\s+"
                                       rf"(?:{'|'.join(forms)})(?![\d,])", row["quote"], flags=re.IGNORECASE)
        assert bound_before_value is None, f"{row['figure_id']}: quote prints '{bound_before_value[0]}' but bound is empty"
