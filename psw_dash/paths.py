"""Where things live. One place, so tests can point the build at a temporary folder."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SOURCE_DIR = DATA_DIR / "source"
REFERENCE_DIR = SOURCE_DIR / "reference"
CONTENT_DIR = ROOT / "content"

# Built outputs, all written by `python -m psw_dash.build`.
FIGURES = "figures.parquet"
HEADCOUNT_SERIES = "headcount_series.parquet"
TARGETS = "targets.parquet"
TRUSTS = "trusts.parquet"
REGIONS = "regions.parquet"
REGIONS_GEOJSON = "regions.geojson"
REGIONAL_STATEMENTS = "regional_statements.parquet"  # the report's words on regions: categories, not numbers
BUILT_FILES = (FIGURES, HEADCOUNT_SERIES, TARGETS, TRUSTS, REGIONS, REGIONS_GEOJSON, REGIONAL_STATEMENTS)
