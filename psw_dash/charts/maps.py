"""The regional choropleth: a pure builder from a GeoDataFrame of regions to a Chart.

Regions are drawn as filled SVG paths on plain axes (a Scatter trace per region), not on a map
layer: Plotly's geo subplot fetches its base map from a CDN and draws nothing offline, and a
MapLibre map loads a heavy WebGL library. Only the shipped, simplified boundaries are used.
"""
from __future__ import annotations

import math

import geopandas as gpd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from psw_dash.charts import label_width, theme
from psw_dash.charts.charts import Chart
from psw_dash.vocabulary import formatting

# Equirectangular drawing: a degree of latitude is 1/cos(lat) longer than a degree of longitude
# at England's middle latitude, so the map keeps its shape.
MID_LATITUDE = 52.6
COLORSCALE = [[i / (len(theme.SEQUENTIAL) - 1), colour] for i, colour in enumerate(theme.SEQUENTIAL)]


def _outline(geometry) -> tuple[list, list]:
    """Every exterior ring of a (Multi)Polygon as one path, rings separated by None."""
    xs, ys = [], []
    polygons = geometry.geoms if geometry.geom_type == "MultiPolygon" else [geometry]
    for polygon in polygons:
        x, y = polygon.exterior.xy
        xs += list(x) + [None]
        ys += list(y) + [None]
    return xs, ys


# The colour bar's gap, bar, ticks and rotated title beside its tick labels (measured: 65 to 74 px and the labels).
COLOUR_BAR_ROOM = 76


def _colour_bar_room(low: float, high: float) -> int:
    """Right margin for the colour bar from the start, so Plotly does not draw the map again to make room."""
    ticks = [f"{value:,.0f}" for value in (low, high)] + (["0.0"] if high - low < 10 else [])
    return COLOUR_BAR_ROOM + math.ceil(max(label_width.pixels(tick, theme.FONT_SIZE) for tick in ticks))


def region_map(regions: gpd.GeoDataFrame, value_column: str, label: str, unit: str,
               headline: str, subtitle: str, summary: str) -> Chart:
    """Shade each region by value_column on a single-hue scale; name and value on hover; a titled colour bar."""
    values = regions[value_column]
    low, high = float(values.min()), float(values.max())
    span = (high - low) or 1.0
    figure = go.Figure(layout=dict(template=theme.TEMPLATE_NAME, height=560))
    for row in regions.itertuples():
        value = getattr(row, value_column)
        shown = formatting.value(value, unit) if not math.isnan(value) else "no value"
        colour = sample_colorscale(COLORSCALE, (value - low) / span)[0] if not math.isnan(value) else "#FFFFFF"
        xs, ys = _outline(row.geometry)
        figure.add_scatter(
            x=xs, y=ys, mode="lines", fill="toself", fillcolor=colour, line=dict(color=theme.OUTLINE, width=1),
            name=f"{row.region_name}: {shown}", hoveron="fills", hoverinfo="name",
            meta=row.region_code,
        )
    # An invisible trace carries the colour bar, so the scale is read with its title and unit.
    figure.add_scatter(
        x=[None], y=[None], mode="markers", hoverinfo="skip",
        marker=dict(colorscale=COLORSCALE, cmin=low, cmax=high, color=[low], showscale=True,
                    colorbar=dict(title=dict(text=label, side="right"), thickness=14, len=0.8,
                                  tickformat=",")),
    )
    figure.update_layout(
        xaxis=dict(visible=False, fixedrange=True),
        yaxis=dict(visible=False, scaleanchor="x", scaleratio=1 / math.cos(math.radians(MID_LATITUDE)),
                   fixedrange=True),
        margin=dict(l=0, r=_colour_bar_room(low, high), t=10, b=10), dragmode=False,
    )
    return Chart(figure, headline, subtitle, summary)
