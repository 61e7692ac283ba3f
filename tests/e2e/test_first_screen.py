"""Answers before citations: on a 1366x768 laptop, each page's key figures are on its first screen, unscrolled."""

from __future__ import annotations

import pytest

from devtools import serve

LAPTOP = {"width": 1366, "height": 768}

# Each tile's label, value and where its value ends, in the page's own coordinates (Streamlit scrolls inside its
# main container, which is at the top: the window itself never scrolls).
TILES = """() => [...document.querySelectorAll('.psw-tile')].map(tile => ({
    label: tile.querySelector('.psw-tile-label').innerText,
    value: tile.querySelector('.psw-tile-value').innerText,
    bottom: tile.querySelector('.psw-tile-value').getBoundingClientRect().bottom,
}))"""


def first_screen(make_visit, path: str) -> tuple:
    visit = make_visit(**LAPTOP)
    page = visit.page
    page.goto(f"{visit.app_url}/{path}")
    serve.wait_until_drawn(page, 1, timeout_ms=120_000)
    page.evaluate("document.fonts.ready")  # heights are final once the text's own fonts are in
    assert visit.exceptions() == []
    return page, page.evaluate(TILES)


def value_bottoms(tiles: list[dict]) -> dict[str, float]:
    return {tile["value"]: tile["bottom"] for tile in tiles}


def test_the_overviews_counts_and_the_gap_are_on_the_first_screen(make_visit):
    _, tiles = first_screen(make_visit, "")
    bottoms = value_bottoms(tiles)
    for figure in ("862", "742", "120", "3,868"):  # all PSWs, NHS-employed, external, short of 4,730
        assert figure in bottoms, f"no tile shows {figure}: {sorted(bottoms)}"
        assert bottoms[figure] <= LAPTOP["height"], f"{figure} ends {bottoms[figure]:.0f} px down, below the fold"


def test_growths_compound_growth_and_the_growth_needed_are_on_the_first_screen(make_visit):
    _, tiles = first_screen(make_visit, "growth")
    by_label = {tile["label"]: tile for tile in tiles}
    for label, value in (
        ("Compound growth a year, NHS-employed PSWs", "118.7%"),
        ("Growth needed a year (modelled)", "46%"),
    ):
        assert by_label[label]["value"] == value
        assert by_label[label]["bottom"] <= LAPTOP["height"], f"{label} ends {by_label[label]['bottom']:.0f} px down"


@pytest.mark.parametrize("path", ["planner", "planner?start=2500&from=2023-03-31"])
def test_the_planners_answer_is_on_the_first_screen(make_visit, path):
    page, tiles = first_screen(make_visit, path)
    answer = page.locator(".psw-sentence").first
    box = answer.bounding_box()
    assert box["y"] + box["height"] <= LAPTOP["height"], f"the answer ends {box['y'] + box['height']:.0f} px down"
    assert answer.inner_text().startswith("From ")  # its start first: the scenario it answers
    growth = next(tile for tile in tiles if tile["label"] == "Growth needed (modelled)")
    assert growth["value"].endswith("% a year") and growth["bottom"] <= LAPTOP["height"]
