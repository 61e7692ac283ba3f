"""Words around the numbers: page prose from content/*.md, headlines from content/headlines.toml.

Headline templates name figures by id, e.g. "{headcount.total} PSWs", and are filled from the
catalogue, so no number is typed into a page or a headline.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache

from markdown_it import MarkdownIt

from psw_dash import paths
from psw_dash.reading import catalogue, data
from psw_dash.vocabulary import formatting

# {figure_id} gives the value with its unit ("86%"); {figure_id|number} the bare number ("0.4").
PLACEHOLDER = re.compile(r"\{([a-z0-9_]+(?:\.[a-z0-9_]+)+)(\|number)?\}")
# {catalogue:key} gives what the catalogue holds, counted from it (catalogue.composition): "{catalogue:report} rows".
CATALOGUE = re.compile(r"\{catalogue:([a-z_]+)\}")


def prose(name: str) -> str:
    return data.text_file(paths.CONTENT_DIR / f"{name}.md")


def _templates() -> dict[str, str]:
    return tomllib.loads(data.text_file(paths.CONTENT_DIR / "headlines.toml"))


def fill(template: str) -> str:
    """Replace each {figure_id} with the catalogue value as it reads on screen."""

    def value(match: re.Match) -> str:
        row = data.figure(match.group(1))
        if match.group(2):  # the bare number, still after its bound: 'over 6,500', never '6,500'
            return formatting.bound(row.get("bound")) + formatting.number(
                row["value"], 1 if row["derived"] and not float(row["value"]).is_integer() else None
            )
        return formatting.figure(row)

    filled = PLACEHOLDER.sub(value, template)
    if CATALOGUE.search(filled):
        held = catalogue.composition(data.figures())
        filled = CATALOGUE.sub(lambda match: held[match.group(1)], filled)
    return filled


def headline(key: str) -> str:
    """The finding a chart states, from content/headlines.toml."""
    templates = _templates()
    if key not in templates:
        raise KeyError(f"no headline '{key}' in content/headlines.toml")
    return fill(templates[key].strip())


@lru_cache(maxsize=64)
def as_html(markdown: str) -> str:
    """Long prose as HTML, for st.html: the browser then only sanitises it, where st.markdown parses the
    Markdown again on every page switch (about 40 ms for the Data and sources page's text; bench/README.md).
    CommonMark with tables, styled as every other table (tables.py); HTML in the text is escaped, not passed on."""
    return _MARKDOWN.render(markdown).replace("<table>", '<table class="psw-table">')


_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")
