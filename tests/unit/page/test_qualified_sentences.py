"""Every sentence filled with a figure keeps that figure's qualifiers: '21 did not directly employ', not '21 employed
none'; '742 NHS-employed', not '742 PSWs'. The qualifiers are the ones the figure's own row carries in its measure
or category (tests/unit/vocabulary/test_qualifiers.py holds each row to its quote); bounds ('circa', 'over') are put
in by the filling itself (content.fill)."""

from __future__ import annotations

import re
import tomllib

import pytest

from psw_dash import paths
from psw_dash.page import content
from psw_dash.reading import data
from psw_dash.views import views
from psw_dash.vocabulary import qualifiers

TEMPLATES = tomllib.loads((paths.CONTENT_DIR / "headlines.toml").read_text(encoding="utf-8"))
PROSE = {path.stem: path.read_text(encoding="utf-8") for path in sorted(paths.CONTENT_DIR.glob("*.md"))}


def sentences(text: str) -> list[str]:
    """Sentences of a template, its line breaks joined; a Markdown paragraph or list item ends one too."""
    parts = []
    for block in re.split(r"\n\s*\n|\n(?=\s*[-*] )", text):
        parts += re.split(r"(?<=[.!?])\s+(?=[A-Z*{\"(])", " ".join(block.split()))
    return [part for part in parts if content.PLACEHOLDER.search(part)]


def missing_qualifiers(sentence: str) -> list[tuple[str, str]]:
    """(figure id, qualifier) for each qualifier of a figure in the sentence that its words do not say."""
    words = content.PLACEHOLDER.sub(" ", sentence)
    missing = []
    for match in content.PLACEHOLDER.finditer(sentence):
        row = data.figure(match.group(1))
        missing += [
            (match.group(1), word)
            for word in qualifiers.of_figure(row["measure"], row["category"])
            if not qualifiers.kept_in(word, words)
        ]
    return missing


FILLED = [
    pytest.param(sentence, id=f"{name}:{number}")
    for name, text in [*(("headlines." + key, value) for key, value in TEMPLATES.items()), *PROSE.items()]
    for number, sentence in enumerate(sentences(text))
]


@pytest.mark.parametrize("sentence", FILLED)
def test_a_sentence_keeps_the_qualifiers_of_the_figures_it_states(sentence):
    assert missing_qualifiers(sentence) == [], sentence


@pytest.mark.parametrize(
    ("figure_id", "label"), [(figure_id, label) for tiles in views.TILES.values() for figure_id, label in tiles.items()]
)
def test_a_tile_label_keeps_the_qualifiers_of_its_figure(figure_id, label):
    row = data.figure(figure_id)
    assert [
        word for word in qualifiers.of_figure(row["measure"], row["category"]) if not qualifiers.kept_in(word, label)
    ] == [], label


@pytest.mark.parametrize(
    ("sentence", "dropped"),
    [
        (
            (
                "{participation.employing} of {participation.organisations} trusts employed PSWs; "
                "{participation.not_employing} employed none"
            ),
            ("participation.not_employing", "directly"),
        ),
        ("{per_trust.median|number} PSWs per trust", ("per_trust.median", "NHS-employed")),
        ("Most worked in community teams ({settings.community})", ("settings.community", "paid")),
    ],
)
def test_the_check_catches_a_sentence_that_drops_a_qualifier(sentence, dropped):
    """The Overview's old '21 employed none' and its like fail the check above."""
    assert dropped in missing_qualifiers(sentence)


def test_sentences_are_split_where_a_reader_would_split_them():
    assert sentences("One {headcount.total}. Two {headcount.external}\n\n- Three {x.y}; four") == [
        "One {headcount.total}.",
        "Two {headcount.external}",
        "- Three {x.y}; four",
    ]
