"""The regional maps in a real browser, with no network: the report's words on the seven regions drawn from the
shipped boundaries, each region named on screen and in the downloaded image; trusts and people as context."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from devtools import serve
from psw_dash import paths
from psw_dash.own_files import regional

REGIONS = pd.read_parquet(paths.DATA_DIR / paths.REGIONS)
STATEMENTS = pd.read_parquet(paths.DATA_DIR / paths.REGIONAL_STATEMENTS)
CHARTS = 3  # the report's map, then the context map and its ranked bars


def report_map(page):
    return page.locator('[data-testid="stPlotlyChart"]').first


def map_chart(page):
    """The context measure's map (after the report's)."""
    return page.locator('[data-testid="stPlotlyChart"]').nth(1)


def headlines(page) -> list[str]:
    return page.locator('[class*="st-key-frame-"] h2').all_inner_texts()


def test_the_first_headline_states_the_reports_finding_and_the_map_names_each_reading(visit):
    page = visit.open("regions", charts=CHARTS)
    first = headlines(page)[0]
    assert first.startswith("The report found relatively few NHS-employed PSWs per 100,000 people in the North West")
    assert "a higher ratio in the east of England and South East" in first and "mix of high and low in London" in first
    assert "Midlands (12)" not in first and "(not a measure of PSWs)" in headlines(page)[1]
    words = (
        report_map(page)
        .locator(".annotation-text")
        .evaluate_all(
            "texts => texts.map(t => [...t.querySelectorAll('tspan.line')].map(l => l.textContent).join(' '))"
        )
    )
    for name, reading in zip(STATEMENTS["region_name"], STATEMENTS["reading"], strict=True):
        assert any(label.replace("  ", " ").endswith(reading) and name.split(" ")[0] in label for label in words), (
            name,
            reading,
            words,
        )
    assert report_map(page).locator(".scatterlayer path.js-fill").count() == 7


def test_the_downloaded_map_image_names_every_region(visit):
    page = visit.open("regions", charts=CHARTS)
    page.get_by_role("button", name="Download image (PNG, SVG)").first.click()
    with page.expect_download() as svg_download:
        page.get_by_role("button", name="Download SVG", exact=True).click()
    svg = Path(svg_download.value.path()).read_text(encoding="utf-8")
    words = " ".join(re.sub(r"<[^>]+>", " ", svg).split())
    for name in REGIONS["region_name"]:
        assert all(word in words for word in name.split(" ")), name
    assert "The report found relatively few" in words and "not stated" in words and "mixed" in words
    with page.expect_download() as png_download:
        page.get_by_role("button", name="Download PNG", exact=True).click()
    assert Path(png_download.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not visit.exceptions()


def test_a_modelled_share_reads_in_whole_people_in_headline_bars_and_map(visit):
    page = visit.open("regions?metric=fair_share", charts=CHARTS)
    headline = next(h for h in headlines(page) if h.startswith("Modelled share"))
    top = re.search(r"highest in Midlands \(([\d,.]+)\)", headline).group(1)
    assert "." not in top, headline  # a share of 4,730 people is written in whole people
    ranked = page.locator('[data-testid="stPlotlyChart"]').last  # the ranked bars follow the map
    bars = ranked.locator("text.bartext").all_text_contents()
    assert bars[0] == f"{top} (modelled)"
    map_words = map_chart(page).locator(".annotation-text").all_text_contents()
    assert any(text.endswith(top) for text in map_words)
    assert not any(re.search(r"\d\.\d", text) for text in [headline, *bars, *map_words])


def test_map_draws_the_seven_regions_offline_and_fetches_nothing_else(visit):
    page = visit.open("regions", charts=CHARTS)
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
    page = visit.open("regions", charts=CHARTS)
    ranked = page.locator('[data-testid="stPlotlyChart"]').nth(2).locator("text.bartext")
    labels = lambda: ranked.evaluate_all("texts => texts.map(text => text.textContent)")
    before = labels()
    page.get_by_role("radio", name="Modelled share of 4,730").click()
    page.wait_for_url("**metric=fair_share**")
    serve.wait_until_drawn(page, CHARTS)
    headline = headlines(page)[1]
    top = REGIONS.sort_values("modelled_target_share").iloc[-1]["region_name"]
    assert headline.startswith("Modelled share of the 4,730 target (not a measure of PSWs): highest in " + top)
    assert map_chart(page).locator(".scatterlayer path.js-fill").count() == 7
    # The ranked bars are drawn again with the new measure's values.
    assert len(labels()) == 7 and labels() != before


def test_a_bad_upload_in_the_browser_is_refused_with_its_rows_named(visit, tmp_path):
    page = visit.open("regions?own=show", charts=CHARTS)
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
