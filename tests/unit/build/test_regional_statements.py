"""The report's regional statements: transcribed as printed, each region once, never a number, refused when wrong."""

from __future__ import annotations

import pandas as pd
import pytest

from psw_dash import paths
from psw_dash.build import regional_statements
from psw_dash.vocabulary import regional_readings, sources

SOURCE = paths.SOURCE_DIR / "regional_statements_stocktake_2019.csv"
REGIONS = pd.read_parquet(paths.DATA_DIR / paths.REGIONS)[["region_code", "region_name"]]
BUILT = pd.read_parquet(paths.DATA_DIR / paths.REGIONAL_STATEMENTS)
SEED = paths.ROOT.parent / "shared" / "seeds" / sources.STOCKTAKE


def test_each_region_has_the_reports_reading_or_not_stated():
    readings = BUILT.set_index("region_name")["reading"].to_dict()
    assert readings == {
        "North West": "lower",
        "East of England": "higher",
        "South East": "higher",
        "London": "mixed",
        "South West": "not stated",
        "Midlands": "not stated",
        "North East and Yorkshire": "not stated",
    }


def test_the_statements_are_words_cited_to_p6_never_numbers():
    assert not any(pd.api.types.is_numeric_dtype(BUILT[c]) for c in BUILT.columns if c != "source_page")
    assert set(BUILT["statement_kind"]) == {regional_readings.STATEMENT_KIND}
    assert set(zip(BUILT["source_doc"], BUILT["source_section"], BUILT["source_page"], strict=True)) == {
        (sources.STOCKTAKE, "NHS workforce profile", 6.0)
    }
    stated = BUILT[BUILT["reading"].ne("not stated")]
    assert all(words in quote for words, quote in zip(stated["words_as_printed"], stated["quote"], strict=True))


@pytest.mark.skipif(not SEED.exists(), reason="the report's text copy is beside the project only on this machine")
def test_every_quote_is_in_the_report_as_printed():
    report = " ".join(SEED.read_text(encoding="utf-8").split())
    assert all(" ".join(quote.split()) in report for quote in BUILT["quote"] if quote)


def test_the_built_table_matches_a_fresh_read_of_the_source():
    fresh = regional_statements.table(paths.SOURCE_DIR, REGIONS)
    pd.testing.assert_frame_equal(fresh.reset_index(drop=True), BUILT.reset_index(drop=True))


def copied_source(tmp_path, old: str, new: str):
    text = SOURCE.read_text(encoding="utf-8")
    assert old in text
    (tmp_path / SOURCE.name).write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path


def test_a_reading_the_report_did_not_print_is_refused_with_its_line(tmp_path):
    with pytest.raises(regional_statements.StatementError, match=r"line 2 \(area_id 'north_west'\): reading 'low'"):
        regional_statements.table(copied_source(tmp_path, ",lower,", ",low,"), REGIONS)


def test_words_not_in_the_quote_are_refused(tmp_path):
    with pytest.raises(regional_statements.StatementError, match="words_as_printed .* is not in the quote"):
        regional_statements.table(copied_source(tmp_path, '"a relatively low number', '"a very low number'), REGIONS)


def test_two_readings_for_one_region_are_refused(tmp_path):
    with pytest.raises(regional_statements.StatementError, match="E40000010 is given two readings"):
        regional_statements.table(copied_source(tmp_path, "E40000007", "E40000010"), REGIONS)
