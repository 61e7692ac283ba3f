"""The regional choropleth: a pure builder from a GeoDataFrame of regions to a Chart.

Regions are drawn as filled SVG paths on plain axes (a Scatter trace per region), not on a map
layer: Plotly's geo subplot fetches its base map from a CDN and draws nothing offline, and a
MapLibre map loads a heavy WebGL library. Only the shipped, simplified boundaries are used.
"""

from __future__ import annotations

import math
from typing import Any

import geopandas as gpd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from psw_dash.charts import theme
from psw_dash.charts.charts import Chart
from psw_dash.vocabulary import formatting
from psw_dash.vocabulary.regional_readings import HIGHER, LOWER, MIXED, NOT_STATED, READING_LABELS

# Equirectangular drawing: a degree of latitude is 1/cos(lat) longer than a degree of longitude
# at England's middle latitude, so the map keeps its shape.
MID_LATITUDE = 52.6
COLORSCALE = [[i / (len(theme.SEQUENTIAL) - 1), colour] for i, colour in enumerate(theme.SEQUENTIAL)]


def _outline(geometry: Any) -> tuple[list[float | None], list[float | None]]:
    """Every exterior ring of a (Multi)Polygon as one path, rings separated by None."""
    xs, ys = [], []
    polygons = geometry.geoms if geometry.geom_type == "MultiPolygon" else [geometry]
    for polygon in polygons:
        x, y = polygon.exterior.xy
        xs += list(x) + [None]
        ys += list(y) + [None]
    return xs, ys


# Where each region's name is written, in degrees (longitude, latitude), and the label's shift in px from there.
# Chosen by eye so that no two labels meet at a laptop's or a phone's width (tests/e2e/test_chart_labels_fit.py):
# the small London gets an arrow from the North Sea, the long North East and Yorkshire sits in its northern part.
LABEL_AT = {
    "E40000003": (-0.1, 51.5, 62, 34),  # London, its label south-east over the Channel, with an arrow
    "E40000005": (-1.2, 51.15, 0, 0),  # South East
    "E40000006": (-3.5, 50.75, 0, 0),  # South West
    "E40000007": (0.55, 52.4, 0, 0),  # East of England
    "E40000008": (-1.55, 52.75, 0, 0),  # Midlands
    "E40000009": (-1.55, 54.55, 0, 0),  # North East and Yorkshire
    "E40000010": (-2.75, 53.75, 0, 0),  # North West
}
LABEL_SIZE = 12
# Two-word names break where a phone-width map has no room for them on one line.
_LABEL_NAME = {"North East and Yorkshire": "North East<br>and Yorkshire", "East of England": "East of<br>England"}


def region_labels(regions: gpd.GeoDataFrame, second_lines: list[str]) -> list[dict[str, Any]]:
    """Each region's name (and a second line: its reading or value) written on the map, on a white box so it reads
    on any shade; they travel with the figure into the PNG and SVG downloads and the pack."""
    labels = []
    for row, second in zip(regions.itertuples(), second_lines, strict=True):
        x, y, shift_x, shift_y = LABEL_AT[row.region_code]
        arrow = bool(shift_x or shift_y)
        labels.append(
            dict(
                x=x,
                y=y,
                text=f"<b>{_LABEL_NAME.get(row.region_name, row.region_name)}</b><br>{second}",
                showarrow=arrow,
                ax=shift_x,
                ay=shift_y,
                arrowcolor=theme.TEXT,
                arrowwidth=1,
                arrowhead=0,
                font=dict(size=LABEL_SIZE, color=theme.TEXT),
                bgcolor="white",
                borderpad=2,
                align="center",
            )
        )
    return labels


# Room under the map for the horizontal colour bar: its title, bar and tick labels (about 60 px drawn).
COLOUR_BAR_ROOM = 80


def _england(figure: go.Figure, right_margin: int, bottom: int = 10) -> go.Figure:
    figure.update_layout(
        xaxis=dict(visible=False, fixedrange=True),
        yaxis=dict(
            visible=False, scaleanchor="x", scaleratio=1 / math.cos(math.radians(MID_LATITUDE)), fixedrange=True
        ),
        margin=dict(l=0, r=right_margin, t=10, b=bottom),
        dragmode=False,
    )
    return figure


def _region_shape(figure: go.Figure, row: Any, hover: str, **fill: Any) -> None:
    xs, ys = _outline(row.geometry)
    figure.add_scatter(
        x=xs,
        y=ys,
        mode="lines",
        fill="toself",
        line=dict(color=theme.OUTLINE, width=1),
        name=hover,
        hoveron="fills",
        hoverinfo="name",
        meta=row.region_code,
        **fill,
    )


def region_map(
    regions: gpd.GeoDataFrame,
    value_column: str,
    label: str,
    unit: str,
    headline: str,
    subtitle: str,
    summary: str,
    derived: bool = False,
) -> Chart:
    """Shade each region by value_column on a single-hue scale; name and value written on it and on hover (each
    value as formatting.value writes it, as the ranked bars and the table do); a titled colour bar."""
    values = regions[value_column]
    low, high = float(values.min()), float(values.max())
    span = (high - low) or 1.0
    figure = go.Figure(layout=dict(template=theme.TEMPLATE_NAME, height=560))
    shown = [formatting.value(value, unit, derived) if not math.isnan(value) else "no value" for value in values]
    for row, value, text in zip(regions.itertuples(), values, shown, strict=True):
        colour = sample_colorscale(COLORSCALE, (value - low) / span)[0] if not math.isnan(value) else "#FFFFFF"
        _region_shape(figure, row, f"{row.region_name}: {text}", fillcolor=colour)
    # An invisible trace carries the colour bar, so the scale is read with its title and unit. It lies under the
    # map, not beside it, so the map keeps the chart's whole width on a phone and its labels keep apart.
    figure.add_scatter(
        x=[None],
        y=[None],
        mode="markers",
        hoverinfo="skip",
        marker=dict(
            colorscale=COLORSCALE,
            cmin=low,
            cmax=high,
            color=[low],
            showscale=True,
            colorbar=dict(
                title=dict(text=label, side="top"),
                orientation="h",
                thickness=12,
                len=0.8,
                x=0.5,
                xanchor="center",
                y=0,
                yanchor="top",
                tickformat=",",
                nticks=4,
            ),
        ),
    )
    # On the map, the number alone, to the places the bars and the table write it; the colour bar names the unit.
    written = [
        formatting.value(value, unit, derived, with_unit=False) if not math.isnan(value) else "no value"
        for value in values
    ]
    figure.update_layout(annotations=region_labels(regions, written))
    return Chart(_england(figure, 10, bottom=COLOUR_BAR_ROOM), headline, subtitle, summary)


# The report's readings, shaded as its own map is ('darker blue colouring ... (highest provision), and light blue
# areas (lowest provision)'); a mix of high and low is light blue hatched with dark blue; not stated is left white.
READING_FILL: dict[str, dict[str, Any]] = {
    HIGHER: dict(fillcolor=theme.DARK_BLUE),
    LOWER: dict(fillcolor=theme.SEQUENTIAL[1]),
    MIXED: dict(
        fillcolor=theme.SEQUENTIAL[1],
        fillpattern=dict(shape="/", fgcolor=theme.DARK_BLUE, bgcolor=theme.SEQUENTIAL[1], size=8, solidity=0.4),
    ),
    NOT_STATED: dict(fillcolor="#FFFFFF"),
}


def reading_map(regions: gpd.GeoDataFrame, headline: str, subtitle: str, summary: str) -> Chart:
    """The report's own reading of each region (column reading: lower, higher, mixed or not stated), shaded as a
    category and written on the map beside the region's name: words, not a scale, as the report printed no values."""
    figure = go.Figure(layout=dict(template=theme.TEMPLATE_NAME, height=560))
    for row in regions.itertuples():
        _region_shape(figure, row, f"{row.region_name}: {READING_LABELS[row.reading]}", **READING_FILL[row.reading])
    figure.update_layout(annotations=region_labels(regions, list(regions["reading"])))
    return Chart(_england(figure, 10), headline, subtitle, summary)
