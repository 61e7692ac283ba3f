"""The glossary: what the dashboard's labels mean, in a commissioner's words (content/glossary.toml).

It is shown in full on the Data and sources page, each entry with its own anchor; on every other page the first
appearance of a term in the page's text becomes a link to its entry, whose tooltip (title) gives the short
meaning. First on the page, not every time: a page of links would be a page of tab stops.
"""

from __future__ import annotations

import html
import re
import tomllib
from dataclasses import dataclass
from functools import cache

import streamlit as st

from psw_dash import paths

PAGE = "data_sources"  # where the glossary is shown in full
_EXPLAINED = "psw-glossary-explained"  # the terms already linked on the page being drawn
# Text inside these is left alone: a link inside a link, a button's summary or a code sample is no place for one.
_SKIPPED = (
    "a",
    "summary",
    "code",
    "button",
    "h1",
    "h2",
    "h3",
    "script",
    "style",
    "caption",
    "th",
    "blockquote",
)  # a quotation keeps the source's words as they are
_TAG = re.compile(r"(<[^>]+>)")


@dataclass(frozen=True)
class Entry:
    key: str
    term: str
    matches: tuple[str, ...]
    short: str
    meaning: str

    @property
    def anchor(self) -> str:
        return f"glossary-{self.key.replace('_', '-')}"


def _words(text: str) -> str:
    return " ".join(text.split())


@cache
def entries() -> tuple[Entry, ...]:
    table = tomllib.loads((paths.CONTENT_DIR / "glossary.toml").read_text(encoding="utf-8"))
    return tuple(
        Entry(key, row["term"], tuple(row["matches"]), _words(row["short"]), _words(row["meaning"]))
        for key, row in table.items()
    )


@cache
def _pattern() -> re.Pattern:
    """Any term's form as a whole word, longest first ('closest like for like' before 'like for like')."""
    forms = sorted({form for entry in entries() for form in entry.matches}, key=len, reverse=True)
    # A space in a form matches any run of white space: prose wraps its lines anywhere.
    alternatives = "|".join(r"\s+".join(map(re.escape, form.split(" "))) for form in forms)
    return re.compile(r"(?<![\w\[])(" + alternatives + r")(?![\w\]])", re.IGNORECASE)


def entry_of(text: str) -> Entry | None:
    lowered = " ".join(text.lower().split())
    return next((entry for entry in entries() if lowered in (form.lower() for form in entry.matches)), None)


def glossary_html() -> str:
    """Every entry as a definition list, each term with its anchor (the target of the links on other pages)."""
    items = "".join(
        f'<dt id="{entry.anchor}">{html.escape(entry.term)}</dt><dd>{html.escape(entry.meaning)}</dd>'
        for entry in entries()
    )
    return f'<dl class="psw-glossary">{items}</dl>'


def link(entry: Entry, shown: str) -> str:
    return f'<a class="psw-term" href="{PAGE}#{entry.anchor}" title="{html.escape(entry.short)}">{shown}</a>'


def start_page() -> None:
    """A new page is drawn: nothing on it has been explained yet."""
    st.session_state[_EXPLAINED] = set()


def explain(markup: str) -> str:
    """HTML with the first appearance on this page of each glossary term linked to its entry (text only: tags,
    attributes and the text of links, summaries, headings and code are left as they are)."""
    explained = st.session_state.setdefault(_EXPLAINED, set())
    if explained is None:  # the glossary's own page: its terms are explained where they stand
        return markup
    parts = _TAG.split(markup)
    open_skipped: list[str] = []
    for index, part in enumerate(parts):
        if part.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", part)
            tag = name.group(1).lower() if name else ""
            if tag in _SKIPPED and not part.endswith("/>"):
                if part.startswith("</"):
                    if tag in open_skipped:
                        open_skipped.remove(tag)
                else:
                    open_skipped.append(tag)
            continue
        if open_skipped or not part.strip():
            continue

        def replace(match: re.Match) -> str:
            entry = entry_of(match.group(1))
            if entry is None or entry.key in explained:
                return match.group(0)
            explained.add(entry.key)
            return link(entry, match.group(1))

        parts[index] = _pattern().sub(replace, part)
    return "".join(parts)


def on_glossary_page() -> None:
    """The Data and sources page shows the glossary itself: no links to it from its own text."""
    st.session_state[_EXPLAINED] = None
