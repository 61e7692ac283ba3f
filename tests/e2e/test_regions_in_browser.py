"""The regional map in a real browser, with no network: seven regions drawn from the shipped boundaries."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from devtools import serve
from psw_dash import paths
from psw_dash.own_files import regional

REGIONS = pd.read_parquet(paths.DATA_DIR / paths.REGIONS)


def map_chart(page):
    return page.locator('[data-testid="stPlotlyChart"]').first


def test_map_draws_the_seven_regions_offline_and_fetches_nothing_else(visit):
    page = visit.open("regions", charts=2)
    visit.screenshot("regions-map")
    regions = map_chart(page).locator(".scatterlayer path.js-fill")
    assert regions.count() == 7
    boxes = [regions.nth(i).bounding_box() for i in range(7)]
    assert all(box and box["width"] > 5 and box["height"] > 5 for box in boxes), "a region was drawn empty"
    # England is taller than wide once drawn at its latitude.
    whole = map_chart(page).locator(".scatterlayer").bounding_box()
    assert whole["height"] > whole["width"] * 0.9
    assert visit.exceptions() == [] and visit.page_errors == []
    assert visit.foreign_requests() == []


def test_switching_the_measure_redraws_the_map_and_keeps_it_in_the_link(visit):
    page = visit.open("regions", charts=2)
    ranked = page.locator('[data-testid="stPlotlyChart"]').nth(1).locator("text.bartext")
    labels = lambda: ranked.evaluate_all("texts => texts.map(text => text.textContent)")
    before = labels()
    page.get_by_role("radio", name="Modelled share of the 4,730 target").click()
    page.wait_for_url("**metric=fair_share**")
    serve.wait_until_drawn(page, 2)
    headline = page.locator('[class*="st-key-frame-"] h2').first.inner_text()
    top = REGIONS.sort_values("modelled_target_share").iloc[-1]["region_name"]
    assert headline.startswith("Modelled share of the 4,730 target: highest in " + top)
    assert map_chart(page).locator(".scatterlayer path.js-fill").count() == 7
    # The ranked bars are drawn again with the new measure's values.
    assert len(labels()) == 7 and labels() != before


def test_a_bad_upload_in_the_browser_is_refused_with_its_rows_named(visit, tmp_path):
    page = visit.open("regions?own=show", charts=2)
    # The template, made when clicked: its header, then one row per region to fill in.
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the template CSV").click()
    lines = Path(info.value.path()).read_text(encoding="utf-8").splitlines()
    assert info.value.suggested_filename == "psw-counts-by-region.csv"
    assert lines[0] == ",".join(regional.TEMPLATE_COLUMNS) and len(lines) == 1 + len(REGIONS)
    bad = tmp_path / "my-counts.csv"
    bad.write_text("region,count,period\nLondon,12,2023/24\nAtlantis,3,2023/24\n", encoding="utf-8")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(bad))
    alert = page.locator('[data-testid="stAlert"]').filter(has_text="was not loaded")
    alert.wait_for()
    assert "Row 3: Atlantis is not an NHS England region" in alert.inner_text()
    assert visit.exceptions() == []
