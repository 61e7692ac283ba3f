"""Reading the regions' GeoJSON: the build reads the source boundaries with it (build/geo.py), the app the
simplified file the build wrote (reading/data.py)."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd


def read_regions(path: Path) -> gpd.GeoDataFrame:
    """GeoJSON (RFC 7946, so WGS84) through the json module rather than GDAL.

    Loading GDAL (pyogrio) in a process that also reads Parquet made the interpreter abort
    at exit now and then (seen here, about 1 run in 6); this path never loads GDAL.
    """
    collection = json.loads(Path(path).read_text(encoding="utf-8"))
    return gpd.GeoDataFrame.from_features(collection["features"], crs="EPSG:4326")
