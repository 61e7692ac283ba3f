"""Text from outside the project (a link's query parameters, an uploaded file's cells, header and name, the
catalogue search box) is never interpreted: the one rule, kept in this one module.

Streamlit renders every message (st.markdown, st.info/warning/error/success, st.caption, headers) as
GitHub Markdown with extras: links and images, bare URLs and e-mail addresses turned into links,
raw HTML where allowed, LaTeX between dollar signs, `:red[...]` colours, `:material/...:` icons and
emoji shortcodes. A crafted link or file could plant any of these on the page in the dashboard's own
voice. So:

- the best echo is none: say which parameter or cell was not recognised, not what it held (notice());
- where a person needs to see what they wrote (which cell of their file is wrong), show it as an inline
  code span (code()): Markdown, LaTeX, directives, emoji and autolinks are all inert inside one, and
  raw HTML is shown as its characters. Invisible characters (bidi overrides, zero-width spaces, line
  breaks) are written out as \\u escapes, so what is shown is what is there; long values are cut.
"""

from __future__ import annotations

import re
import unicodedata

# Enough to recognise a cell; a 10,000-character value would otherwise fill the message.
SHOWN_CHARACTERS = 40
ELLIPSIS = "…"
_ICON_PREFIX = ":material/"
# Control, format (bidi overrides, zero-width), line and paragraph separators, private use, unassigned.
_INVISIBLE = {"Cc", "Cf", "Zl", "Zp", "Co", "Cn", "Cs"}


def _visible(text: str) -> str:
    """Each invisible or layout-changing character written out as \\uXXXX; other spaces as a plain space."""
    out = []
    for char in text:
        category = unicodedata.category(char)
        if category in _INVISIBLE:
            out.append(f"\\u{ord(char):04x}")
        elif category == "Zs":
            out.append(" ")
        else:
            out.append(char)
    return "".join(out)


def shorten(text: str, limit: int = SHOWN_CHARACTERS) -> str:
    """The value as it will be shown: invisible characters written out, cut to `limit` characters."""
    shown = _visible(text)
    return shown if len(shown) <= limit else shown[: limit - 1] + ELLIPSIS


def _span(text: str) -> str:
    """One inline code span: the fence one backtick longer than the longest run inside, padded with a
    space where CommonMark would otherwise strip one or read a backtick as part of the fence."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text[0] == "`" or text[-1] == "`" or (text[0] == " " and text[-1] == " " and text.strip()) else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def code(text: str, limit: int = SHOWN_CHARACTERS) -> str:
    """Outside text as Markdown inline code, shown character for character and never interpreted.

    Streamlit rewrites every ':material/' in a message to ':material_' before parsing, code spans
    included, so its '/' is written between two spans as an escaped Markdown character.
    """
    shown = shorten(text, limit)
    if not shown:
        return "(empty)"
    parts = shown.split(_ICON_PREFIX)
    icon_name_start = _ICON_PREFIX[:-1]  # ':material', closed before its '/'
    spans = [_span(part + icon_name_start) for part in parts[:-1]] + ([_span(parts[-1])] if parts[-1] else [])
    return "\\/".join(spans) + ("\\/" if not parts[-1] and len(parts) > 1 else "")


def notice(param: str, shown_instead: str) -> str:
    """The message for a link whose ?param= value this page does not have. The value itself is not repeated:
    the parameter's name (the project's own word) and what is shown instead are enough to act on."""
    return f"The link's ?{param}= value was not recognised: this page has no such option, so it shows {shown_instead}."
