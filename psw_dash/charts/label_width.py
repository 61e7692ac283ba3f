"""How wide a chart's words are drawn in the theme's font, so a chart leaves room for its labels from the start.

Plotly draws a chart, measures its axis labels, and if they need more margin than the layout gives, draws the
whole chart again: every bar chart here did so (about 10 to 25 ms a draw in the browser, on each page's first
visit; bench/README.md). A margin that already fits is left as it is, so each chart is drawn once. Plotly's
automargin stays on: if a label is drawn wider than estimated here (another font), the chart still fits it.

The widths are the advance widths of Arial (the same as Liberation Sans, which stands in for Arial on Linux), in
thousandths of the font size, for the printable ASCII characters; any other character counts as wide as 'M'.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

# ' ' (32) to '~' (126), in order.
_ASCII_WIDTHS = (
    278,
    278,
    355,
    556,
    556,
    889,
    667,
    191,
    333,
    333,
    389,
    584,
    278,
    333,
    278,
    278,  # space to /
    556,
    556,
    556,
    556,
    556,
    556,
    556,
    556,
    556,
    556,
    278,
    278,
    584,
    584,
    584,
    556,  # 0 to ?
    1015,
    667,
    667,
    722,
    722,
    667,
    611,
    778,
    722,
    278,
    500,
    667,
    556,
    833,
    722,
    778,  # @ to O
    667,
    778,
    722,
    667,
    611,
    722,
    667,
    944,
    667,
    667,
    611,
    278,
    278,
    278,
    469,
    556,  # P to _
    333,
    556,
    556,
    500,
    556,
    556,
    278,
    556,
    556,
    222,
    222,
    500,
    222,
    833,
    556,
    556,  # ` to o
    556,
    556,
    333,
    500,
    278,
    556,
    500,
    722,
    500,
    500,
    500,
    334,
    260,
    334,
    584,  # p to ~
)
_WIDE = 833  # 'M'
# Plotly's gap between an axis and its tick labels, with its automargin padding (measured: a label of
# width w needs a left margin of w + 11 or 12 px, and fonts differ by a pixel or so).
TICK_LABEL_GAP = 14


def pixels(text: str, size: float) -> float:
    """Width in px of the widest line of `text` (lines split at <br>, other tags dropped) at `size` px."""
    lines = re.split(r"<br\s*/?>", str(text))
    return (
        max(
            sum(_ASCII_WIDTHS[ord(c) - 32] if 32 <= ord(c) <= 126 else _WIDE for c in re.sub(r"<[^>]+>", "", line))
            for line in lines
        )
        * size
        / 1000
    )


# A fixed margin is kept at any width, where Plotly's own push is limited on a narrow chart: past this, a
# phone-width chart (about 330 px) would have no room left for its bars, so longer labels are left to Plotly.
WIDEST_FIXED_MARGIN = 180


def left_margin(labels: Iterable[str], size: float) -> dict[str, int]:
    """Plotly's margin setting for an axis's tick labels: a left margin that fits the widest, or {} (Plotly's
    automargin) when that would be wider than WIDEST_FIXED_MARGIN."""
    needed = math.ceil(max((pixels(label, size) for label in labels), default=0)) + TICK_LABEL_GAP
    return {"l": needed} if needed <= WIDEST_FIXED_MARGIN else {}


# The narrowest a chart is drawn: a 390 px phone gives a chart 326 px (Streamlit's padding and the frame's border).
NARROWEST_CHART_PX = 320
# Plotly's gap between a bar's end and its value label written outside it, with a pixel to spare.
BAR_TEXT_GAP = 6


def value_axis_end(
    values: Sequence[float], texts: Sequence[str], left: float, right: float, size: float, at_least: float = 0.0
) -> float:
    """Where a horizontal bar chart's value axis should end so that every bar's label, written outside its bar,
    fits inside the chart at the narrowest width it is drawn at (and so at any wider one: a wider chart only
    leaves more room beside each bar).

    A bar of value v ends v / end of the way across the plot; its label of width w must end within the plot plus
    the right margin: plot * (1 - v / end) >= w - right. So end >= v / (1 - (w - right) / plot) for every bar.
    """
    plot = NARROWEST_CHART_PX - left - right
    end = max([at_least, *values])
    for value, text in zip(values, texts, strict=True):
        spill = (pixels(text, size) + BAR_TEXT_GAP - right) / plot  # the share of the plot the label needs
        if value > 0 and spill > 0:
            # A label wider than the whole plot cannot fit beside any bar: let it take nine tenths of it.
            end = max(end, value / (1 - min(spill, 0.9)))
    return end


def wrapped(label: str, width_px: float, size: float) -> str:
    """A category label broken at spaces into lines at most `width_px` wide (Plotly's <br>), so its axis needs less
    room: 'North East and Yorkshire' at 100 px -> 'North East and<br>Yorkshire'. A word wider than that stays whole."""
    lines: list[str] = []
    for word in label.split(" "):
        if lines and pixels(lines[-1] + " " + word, size) <= width_px:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def fitted_category(label: str, size: float) -> str:
    """A category label as a bar chart's axis writes it: whole if a fixed margin holds it, else broken into lines
    that one does (a phone gives Plotly's own margin no room to push: such labels were cut at the chart's edge)."""
    if pixels(label, size) + TICK_LABEL_GAP <= WIDEST_FIXED_MARGIN:
        return label
    return wrapped(label, WIDEST_FIXED_MARGIN - TICK_LABEL_GAP, size)
