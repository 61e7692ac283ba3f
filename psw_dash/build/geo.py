"""Region boundaries: simplified once at build time, so the browser gets a small, fixed file."""

from __future__ import annotations

import json
from pathlib import Path

import shapely

from psw_dash.vocabulary.geojson import read_regions

# Degrees: about 0.7-1.1 km across England, under a pixel on a map of England 500 px tall (~1.4 km a
# pixel), so the browser draws the same picture from about 2,700 points instead of 4,500.
SIMPLIFY_TOLERANCE = 0.01
DECIMALS = 3  # about 100 m; finer would only add bytes
MAX_BYTES = 100_000


def simplified_regions_geojson(source: Path) -> bytes:
    """The 7 NHS England regions as compact GeoJSON, simplified as one coverage.

    coverage_simplify keeps shared borders shared, so no gaps or slivers open between regions.
    Output is byte-identical for the same input: fixed key order, fixed rounding, no timestamps.
    """
    regions = read_regions(source).sort_values("nhser19cd").reset_index(drop=True)
    geometries = shapely.coverage_simplify(regions.geometry.values, SIMPLIFY_TOLERANCE)
    geometries = shapely.set_precision(geometries, 10**-DECIMALS)
    features = []
    for row, geometry in zip(regions.itertuples(), geometries, strict=True):
        if not shapely.is_valid(geometry) or geometry.is_empty:
            raise ValueError(f"{source}: region {row.nhser19cd} became invalid when simplified")
        features.append(
            {
                "type": "Feature",
                "id": row.nhser19cd,
                "properties": {"region_code": row.nhser19cd, "region_name": row.nhser19nm},
                "geometry": json.loads(
                    json.dumps(shapely.geometry.mapping(geometry)), parse_float=lambda s: round(float(s), DECIMALS)
                ),
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, separators=(",", ":"), sort_keys=True).encode("utf-8")
