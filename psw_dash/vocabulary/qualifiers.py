"""The words in a source that narrow what a figure counts or how exact it is, and where a row carries each.

A qualifier is part of the figure: '21 did not directly employ', 'circa 4%', 'up to 18', '742 NHS-employed'. A
row carries a qualifier in its measure or category (the words every tile, headline, chart and download prints
beside the value) or in its bound (the word printed before the value). A quote word that qualifies another figure
of the same quote is named in the row's note, once, as "not carried: '<word>' (why)", where a reviewer reads it.
tests/unit/vocabulary/test_qualifiers.py holds every row and every sentence filled with a figure to this.
"""

from __future__ import annotations

import re
from typing import Any

# Quote word -> the bound that carries it (figure_rows.BOUNDS).
BOUND_QUALIFIERS = {
    "circa": "circa",
    "approximately": "about",
    "about": "about",
    "around": "about",
    "over": "over",
    "more than": "over",
    "less than": "under",
    "fewer than": "under",
    "under": "under",
    "up to": "up to",
    "at least": "at least",
    "almost": "almost",
    "nearly": "almost",
}
# Quote word -> the words a measure, category or sentence may carry it in.
MEASURE_QUALIFIERS = {
    "directly": ("directly", "direct"),
    "paid": ("paid",),
    "unpaid": ("unpaid", "volunteer"),
    "NHS-employed": ("NHS-employed", "NHS employed", "employed by the NHS", "employed by NHS"),
    "NHS employed": ("NHS-employed", "NHS employed", "employed by the NHS", "employed by NHS"),
    "estimated": ("estimated", "estimate"),
}
# Words of a measure that name the breakdown, not a narrowing: 'by paid status' splits PSWs into paid and unpaid, and
# each category ('Paid', 'Unpaid (voluntary)') carries its own qualifier.
BREAKDOWNS = ("by paid status",)
NOT_CARRIED = re.compile(r"not carried: '([^']+)'")


def _has(word: str, text: str) -> bool:
    """A whole word or phrase: 'paid' is not in 'unpaid', 'over' not in 'overall', 'NHS-employed' not in 'non-NHS'."""
    return re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text, flags=re.IGNORECASE) is not None


def in_quote(quote: str) -> list[str]:
    """Every qualifier word the quote prints, bound words and measure words alike."""
    return [word for word in (*BOUND_QUALIFIERS, *MEASURE_QUALIFIERS) if _has(word, quote)]


def carried(word: str, measure: str, category: str, bound: str) -> bool:
    if word in BOUND_QUALIFIERS:
        # A bound word the measure or category prints itself is a threshold there ('more than 40', 'Over 50').
        return bound == BOUND_QUALIFIERS[word] or _has(word, f"{measure} | {category}")
    return any(_has(form, f"{measure} | {category}") for form in MEASURE_QUALIFIERS[word])


def not_carried(note: str) -> set[str]:
    """The quote words a row's note says qualify another figure, not this one."""
    return set(NOT_CARRIED.findall(note or ""))


def dropped(row: Any) -> list[str]:
    """Qualifier words of the row's quote that neither its measure, category or bound carries nor its note explains."""
    explained = not_carried(row.get("note", ""))
    return [
        word
        for word in in_quote(row["quote"])
        if word not in explained
        and not carried(word, row.get("measure", ""), row.get("category", "") or "", row.get("bound", "") or "")
    ]


def of_figure(measure: str, category: str = "") -> list[str]:
    """The measure qualifiers a figure's own words carry: a sentence that states the figure must say them too."""
    text = f"{measure} | {category or ''}"
    for breakdown in BREAKDOWNS:
        text = text.replace(breakdown, "")
    found: list[str] = []
    for word, forms in MEASURE_QUALIFIERS.items():
        if any(_has(form, text) for form in forms) and forms not in [MEASURE_QUALIFIERS[f] for f in found]:
            found.append(word)
    return found


def kept_in(word: str, sentence: str) -> bool:
    return any(_has(form, sentence) for form in MEASURE_QUALIFIERS[word])
