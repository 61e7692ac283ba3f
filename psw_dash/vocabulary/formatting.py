"""How values read on screen. A transcribed value keeps the precision it was printed with."""

from __future__ import annotations

import math
from typing import Any

UNIT_SUFFIX = {
    "percent": "%",
    "wte": " WTE",
    "per_100k": " per 100,000",
    "per_million": " per million",
    "hours": " hours",
    "ratio": "×",
    "count": "",
}


def number(value: float, decimals: int | None = None) -> str:
    """862 -> '862', 4730 -> '4,730', 0.4 -> '0.4'; decimals fixes the places for derived values."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "not published"
    if decimals is not None:
        return f"{value:,.{decimals}f}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.10g}"


def value(value: float, unit: str, derived: bool = False, with_unit: bool = True) -> str:
    """A value with its unit, e.g. '86%', '17 WTE', '18.0×'. Derived values show one decimal place. Without its
    unit (a map's label, whose colour bar names the unit), the number is written to the same places."""
    # Derived values get one decimal place; a derived count of people gets none (no fractions of a person).
    decimals = (0 if unit == "count" else 1) if derived and not float(value).is_integer() else None
    return number(value, decimals) + (UNIT_SUFFIX.get(unit, "") if with_unit else "")


def bound(word: str | None) -> str:
    """'over ', 'up to ', 'about ' (any of figure_rows.BOUNDS) where a source printed a bound in words, else ''.

    The catalogue's bound column holds the word ('fewer than 1%' is recorded as 1 with 'under');
    shown bare, '1%' would read as exact, which the report did not say.
    """
    return f"{word} " if isinstance(word, str) and word else ""


def figure(row: Any) -> str:
    """A catalogue row as it reads on screen: bound, value and unit, e.g. 'under 1%', 'almost 50%', '17 WTE'."""
    return bound(row.get("bound")) + value(row["value"], row["unit"], bool(row.get("derived", False)))


def base(base_n: float | None) -> str:
    return "" if base_n is None or (isinstance(base_n, float) and math.isnan(base_n)) else f"n = {number(base_n)}"


def date_text(when: Any) -> str:
    """A date as words are written: '30 September 2019'."""
    return f"{when.day} {when:%B %Y}"


def computed_kind(note: str) -> str:
    """A computed value is 'modelled' when its method rests on an assumption the sources do not print, such as a date
    for a count printed only with its year or a steady rate of growth (its note says 'Modelled:'); else 'derived':
    arithmetic on printed figures, which may state which of the sources' readings of a figure it uses (the gap to
    4,730, read as PSWs in post). One word for one thing: tiles, tables, the catalogue and the pack."""
    return "modelled" if str(note).startswith("Modelled") else "derived"


def kind(row: Any) -> str:
    """How a catalogue row was made: 'as printed', 'derived' or 'modelled'."""
    return computed_kind(row["note"]) if bool(row.get("derived", False)) else "as printed"
