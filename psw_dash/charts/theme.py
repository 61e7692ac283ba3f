"""One look for every chart: the Government Analysis Function palette, fonts, margins, browser config."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

# Government Analysis Function categorical palette, in its recommended order. These colour marks
# (bars, lines, markers: 3:1 or more on white); turquoise, orange and light purple are only ~3:1, too
# light for words, so every word on a chart is written in TEXT or DARK_GREY (psw_dash/charts/contrast.py checks).
DARK_BLUE = "#12436D"
TURQUOISE = "#28A197"
DARK_PINK = "#801650"
ORANGE = "#F46A25"
DARK_GREY = "#3D3D3D"
LIGHT_PURPLE = "#A285D1"
PALETTE = (DARK_BLUE, TURQUOISE, DARK_PINK, ORANGE, DARK_GREY, LIGHT_PURPLE)

TEXT = "#0B0C0C"
SOURCE_TEXT = DARK_GREY  # 10.4:1 on white, where Streamlit's caption grey is 3.9:1
GRID = "#D9D9D9"
# Sequential single-hue scale for maps, light to dark blue.
SEQUENTIAL = ("#DCE6F0", "#A9C2DC", "#6F95BF", "#3A689C", DARK_BLUE)
# The light shades are under 3:1 on white, so each shaded area is outlined in this (WCAG 1.4.11).
OUTLINE = DARK_GREY

# System fonts only: nothing is fetched from a font host.
FONT = "Arial, Helvetica, sans-serif"
FONT_SIZE = 14  # px, for every word on a chart unless a mark says otherwise

# Room around the plot; a chart whose labels need more sets its own side (psw_dash/charts/label_width.py), and a side
# left at this is left to Plotly's automargin.
MARGIN = dict(l=10, r=30, t=20, b=60)

TEMPLATE_NAME = "psw_dash"
pio.templates[TEMPLATE_NAME] = go.layout.Template(
    layout=go.Layout(
        font=dict(family=FONT, size=FONT_SIZE, color=TEXT),
        colorway=list(PALETTE),
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin=MARGIN,
        showlegend=False,
        # Plotly would colour a hover box like its mark, with white or black words by its own rule
        # (white on mid-blue is 3.1:1): one white box with dark words and a dark border instead.
        hoverlabel=dict(bgcolor="white", bordercolor=DARK_GREY, font=dict(family=FONT, size=FONT_SIZE, color=TEXT)),
        xaxis=dict(showgrid=False, linecolor=DARK_GREY, ticks="outside", tickcolor=DARK_GREY, automargin=True),
        yaxis=dict(showgrid=True, gridcolor=GRID, zeroline=True, zerolinecolor=DARK_GREY, automargin=True),
        separators=".,",
    )
)


# Plotly's config in the browser. Its own toolbar (mode bar) is off: its camera button saved the chart without the
# headline, source and caveats the frame's "Download image" puts on it, and its buttons were tab stops and a second
# toolbar in the accessibility tree beside the frame's own downloads (tests/e2e/test_chart_accessibility_tree.py).
BROWSER_CONFIG = {"displayModeBar": False, "displaylogo": False, "scrollZoom": False, "responsive": True}
