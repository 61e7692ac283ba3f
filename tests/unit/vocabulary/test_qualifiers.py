"""A qualifier the source prints beside a figure ('directly', 'paid', 'NHS-employed', 'circa', 'approximately', 'over',
'up to' ...) travels with the figure: its row carries it in the measure, category or bound, or its note says, once,
which other figure of the quote the word belongs to."""

from __future__ import annotations

import pytest

from psw_dash.vocabulary import figure_rows, qualifiers
from tests.unit.vocabulary.test_sources import rows  # every source row, one parameter each


def source_row(figure_id: str) -> dict:
    return next(row.values[0] for row in rows() if row.values[0]["figure_id"] == figure_id)


@pytest.mark.parametrize("row", rows())
def test_every_qualifier_the_quote_prints_is_carried_or_explained(row):
    assert qualifiers.dropped(row) == [], (
        f"{row['figure_id']}: the quote prints {qualifiers.dropped(row)} but neither the measure, category nor bound "
        "carries it; if it qualifies another figure of the quote, say so in the note as \"not carried: '<word>' (why)\""
    )


def test_every_bound_a_qualifier_maps_to_is_a_bound_the_catalogue_allows():
    assert set(qualifiers.BOUND_QUALIFIERS.values()) <= set(figure_rows.BOUNDS)


@pytest.mark.parametrize(
    ("figure_id", "without", "word"),
    [
        ("sickness.nhs_overall_rate", {"bound": ""}, "circa"),
        ("headcount.nhs_employed_pct", {"bound": ""}, "approximately"),
        ("headcount.external_pct", {"bound": ""}, "approximately"),
        (
            "participation.not_employing",
            {"measure": "Participating organisations by whether they employ PSWs", "category": "Not employing PSWs"},
            "directly",
        ),
        ("headcount.nhs_employed_pct", {"category": "Employed by NHS"}, "directly"),
        ("settings.community", {"measure": "Share of PSWs by mental health setting"}, "paid"),
        ("paid_unpaid.paid_pct", {"measure": "Share of PSWs by paid status"}, "NHS employed"),
        ("paid_unpaid.unpaid_wte_quantified", {"bound": ""}, "fewer than"),
        ("planning.trainees_trained", {"bound": ""}, "up to"),
        ("target.ltwp_in_post_2036_37", {"bound": ""}, "over"),
    ],
)
def test_dropping_a_qualifier_from_a_row_is_caught(figure_id, without, word):
    """The check above is not vacuous: each row, with its qualifier taken away, fails it."""
    row = source_row(figure_id)
    assert qualifiers.dropped(row) == []
    assert word in qualifiers.dropped({**row, **without})


def test_a_note_that_explains_one_word_does_not_excuse_another():
    row = source_row("headcount.external_pct")  # its note explains 'directly', not 'approximately'
    assert qualifiers.dropped({**row, "bound": ""}) == ["approximately"]


def test_words_inside_other_words_are_not_qualifiers():
    assert qualifiers.in_quote("unpaid staff and the NHS overall rate, non-NHS-employed") == ["unpaid"]
