"""The one way the app reads data: the built files in data/, cached per file version.

Pages call these accessors and never open files or reshape tables themselves.
"""

from __future__ import annotations

import fnmatch
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

if TYPE_CHECKING:  # only for annotations: geopandas is imported where the regions are read
    import geopandas as gpd

from psw_dash import paths


def _version(path: Path) -> tuple[int, int]:
    """Cache key: a rebuilt file (new size or mtime) is read again."""
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


@st.cache_resource(show_spinner=False)
def _read_parquet(path: str, version: tuple[int, int]) -> pd.DataFrame:
    # Shared, not copied per call (cache_data would unpickle a copy each time): callers never mutate
    # these tables; they filter, assign or concat, which make new frames.
    return pd.read_parquet(path)


@st.cache_data(show_spinner=False)
def _read_text(path: str, version: tuple[int, int]) -> str:
    return Path(path).read_text(encoding="utf-8")


def _table(name: str) -> pd.DataFrame:
    path = paths.DATA_DIR / name
    return _read_parquet(str(path), _version(path))


def figures() -> pd.DataFrame:
    """The whole figure catalogue (data/figures.parquet)."""
    return _table(paths.FIGURES)


@st.cache_resource(show_spinner=False)
def _figures_by_id(version: tuple[int, int]) -> dict[str, pd.Series]:
    return {row["figure_id"]: row for _, row in figures().iterrows()}


def figure(figure_id: str) -> pd.Series:
    """One catalogue row by its id."""
    by_id = _figures_by_id(_version(paths.DATA_DIR / paths.FIGURES))
    if figure_id not in by_id:
        raise KeyError(f"no figure '{figure_id}' in the catalogue")
    return by_id[figure_id]


def value(figure_id: str) -> float:
    return float(figure(figure_id)["value"])


def rows(*patterns: str) -> pd.DataFrame:
    """Catalogue rows whose id matches any pattern ('pay_bands.band_*'), in the order asked."""
    table = figures()
    picked = [table[table["figure_id"].map(lambda fid, p=p: fnmatch.fnmatchcase(fid, p))] for p in patterns]
    found = pd.concat(picked).drop_duplicates("figure_id") if picked else table.iloc[:0]
    empty = [p for p, part in zip(patterns, picked, strict=True) if part.empty]
    if empty:
        raise KeyError(f"no figures match {empty}")
    return found.reset_index(drop=True)


def headcount_series() -> pd.DataFrame:
    return _table(paths.HEADCOUNT_SERIES)


def targets() -> pd.DataFrame:
    return _table(paths.TARGETS)


def trusts() -> pd.DataFrame:
    return _table(paths.TRUSTS)


def regions() -> pd.DataFrame:
    return _table(paths.REGIONS)


def regional_statements() -> pd.DataFrame:
    """What the report says of each region's NHS-employed PSWs per 100,000: a reading in words, never a number."""
    return _table(paths.REGIONAL_STATEMENTS)


@st.cache_resource(show_spinner=False)
def _regions_with_geometry(
    geojson_version: tuple[int, int], table_version: tuple[int, int], statements_version: tuple[int, int]
) -> gpd.GeoDataFrame:
    # Shared, not copied: read once per file version, so switching the metric never touches the disk.
    from psw_dash.vocabulary import geojson

    shapes = geojson.read_regions(paths.DATA_DIR / paths.REGIONS_GEOJSON)
    joined = shapes.merge(regions(), on=["region_code", "region_name"], how="inner", validate="one_to_one")
    statements = regional_statements()[["region_code", "region_name", "reading"]]
    return joined.merge(statements, on=["region_code", "region_name"], how="left", validate="one_to_one")


def regions_geo() -> gpd.GeoDataFrame:
    """The 7 regions with their boundaries (a GeoDataFrame), joined to data/regions.parquet and the report's
    reading of each (data/regional_statements.parquet)."""
    geojson, table = paths.DATA_DIR / paths.REGIONS_GEOJSON, paths.DATA_DIR / paths.REGIONS
    statements = paths.DATA_DIR / paths.REGIONAL_STATEMENTS
    return _regions_with_geometry(_version(geojson), _version(table), _version(statements)).copy()


def version() -> str:
    """Changes whenever a built data file or the page prose changes: the key of anything built from them
    and kept between runs (a view's chart, a briefing pack)."""
    digest = hashlib.sha256()
    for path in sorted([*(paths.DATA_DIR / name for name in paths.BUILT_FILES), *paths.CONTENT_DIR.glob("*")]):
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_mtime_ns}:{stat.st_size}".encode())
    return digest.hexdigest()[:12]


def text_file(path: Path) -> str:
    """A text file of the project (content, sources), cached per file version."""
    return _read_text(str(path), _version(path))
