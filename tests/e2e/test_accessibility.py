"""WCAG 2.2 AA in the browser: axe-core on every page and view in both modes, the keyboard alone, reflow.

Pages come from layout.all_pages() and views from the controls each page shows, so a new page or view
is checked without editing this file. Chart colours are checked from the figures themselves in
tests/unit/charts/test_contrast.py and tests/app/test_chart_accessibility.py (axe reads no text inside SVG).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from psw_dash import settings
from psw_dash.charts import contrast
from psw_dash.page import layout
from tests import a11y

PAGES = layout.all_pages()
PAGE_IDS = [p.url_path or "overview" for p in PAGES]


@pytest.fixture
def visit(reused_visit):
    """One browser context for the module's page loads (its cache warm after the first)."""
    return reused_visit


@pytest.fixture(scope="module")
def visits(browser, app_url, hosted_url, _module_visit):
    """One browser context per mode for the whole module: the app's scripts load once per server."""
    visit_class = type(_module_visit)
    hosted = visit_class(browser, hosted_url)
    yield {settings.LOCAL: _module_visit, settings.HOSTED: hosted}
    hosted.close()


# 1. axe-core: no serious or critical problem on any page, view, tab or expander, in either mode ----------


@pytest.mark.parametrize("mode", [settings.LOCAL, settings.HOSTED])
@pytest.mark.parametrize("app_page", PAGES, ids=PAGE_IDS)
def test_axe_finds_nothing_serious_on_any_view(visits, mode, app_page):
    findings = a11y.sweep(visits[mode], app_page)
    a11y.FINDINGS.setdefault(mode, []).extend(findings)
    assert len(findings) >= 2, "the page was not checked"
    severe = [line for finding in findings for line in finding.describe(*a11y.SEVERE)]
    assert severe == []


# 2. Keyboard only -------------------------------------------------------------------------------------

FOCUSED = """() => {
    const e = document.activeElement;
    const style = getComputedStyle(e);
    let behind = 'rgb(255, 255, 255)';
    for (let n = e.parentElement; n; n = n.parentElement) {
        const colour = getComputedStyle(n).backgroundColor;
        // The first solid background up the tree (a half-transparent one, like the chart's toolbar, shows it through).
        if (colour && colour.startsWith('rgb(')) { behind = colour; break; }
    }
    const box = e.getBoundingClientRect();
    return {tag: e.tagName, testid: e.getAttribute('data-testid'), text: (e.innerText || '').trim().split('\\n').pop(),
            outline: style.outlineStyle, width: parseFloat(style.outlineWidth), colour: style.outlineColor, behind,
            visible: box.width > 0 && box.height > 0};
}"""
SNAPSHOT_LINE = re.compile(r'^- (\w+)(?: "(.*?)")?')


def focused_stop(page) -> dict:
    """The focused element: its role and accessible name as assistive technology gets them, and its focus ring."""
    info = page.evaluate(FOCUSED)
    first = SNAPSHOT_LINE.match(page.locator(":focus").aria_snapshot() or "") if info["tag"] not in ("BODY",) else None
    info["role"], info["name"] = (first.group(1), first.group(2)) if first else (None, None)
    if info["tag"] == "SUMMARY":  # Chromium exposes <summary> as a disclosure with its text as name
        info["role"], info["name"] = "summary", info["text"]
    return info


def walk(page, limit: int = 120) -> list[dict]:
    """Tab from the top of the page until focus comes back round to the first stop (or the limit)."""
    page.locator("body").focus()
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = focused_stop(page)
        if stops and stop["testid"] == stops[0]["testid"] == "stSkipToContent":
            return stops
        stops.append(stop)
    raise AssertionError(f"focus did not come back to the top in {limit} Tab presses: a trap? {stops[-5:]}")


def ring_problem(stop: dict) -> str | None:
    """A focus ring needs to be drawn and to reach 3:1 against what is behind it (WCAG 2.4.7, 2.4.13, 1.4.11)."""
    if stop["tag"] in ("BODY", "MAIN"):
        return None
    if stop["outline"] in ("none", "hidden") or stop["width"] < 2:
        return f"{stop['role']} {stop['name']!r}: no focus ring ({stop['outline']} {stop['width']}px)"
    if contrast.ratio(stop["colour"], stop["behind"]) < contrast.MARK_MINIMUM:
        return f"{stop['role']} {stop['name']!r}: focus ring {stop['colour']} on {stop['behind']} is under 3:1"
    return None


@pytest.mark.parametrize("app_page", PAGES, ids=PAGE_IDS)
def test_tab_reaches_every_control_with_a_visible_ring_and_no_trap(visit, app_page):
    page = visit.open(app_page.url_path)
    a11y.settle(page)
    stops = walk(page)
    named = [(s["role"], s["name"]) for s in stops]

    assert named[0] == ("link", "Skip to main content")
    menu = [name for role, name in named if role == "link"][1 : len(PAGES) + 1]
    assert menu == [p.title for p in PAGES], "the menu's links, in order"
    main = page.locator('[data-testid="stMain"]')
    for group in main.locator('[data-testid="stButtonGroup"]').all():
        checked = group.locator('[role="radio"][aria-checked="true"]').inner_text().strip()
        assert ("radio", checked) in named, f"the control showing {checked!r} is not reached"
    frames = main.locator('[class*="st-key-frame-"]').count()
    # Each frame's table, one Tab away ('Table: the numbers in the chart'; Regions' words: 'Table: the report's ...');
    # other tables on the page (the planner's) are reached too, but are not the frames'.
    frame_tables = [
        " ".join(text.split())
        for text in main.locator('[class*="st-key-frame-"] summary').all_inner_texts()
        if text.strip().startswith("Table: ")
    ]
    assert len(frame_tables) == frames and all(("summary", name) in named for name in frame_tables), frame_tables
    assert named.count(("button", "Download CSV")) == frames
    assert named.count(("button", "Download image (PNG, SVG)")) == frames
    assert (
        named.count(("summary", "Notes"))
        == main.locator("details > summary").filter(has_text=re.compile(r"^Notes$")).count()
    )
    assert [s["name"] for s in stops if s["role"] and not s["name"] and s["tag"] != "MAIN"] == [], "a stop has no name"
    assert [p for p in map(ring_problem, stops) if p] == []
    assert all(s["visible"] for s in stops if s["tag"] not in ("BODY",)), "focus went to something not shown"


def test_a_keyboard_user_can_skip_the_menu_switch_view_open_the_table_and_notes_and_download(visit):
    page = visit.open("employment", charts=1)
    page.locator("body").focus()
    page.keyboard.press("Tab")
    assert focused_stop(page)["name"] == "Skip to main content"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    if page.evaluate("() => document.activeElement.matches('a.psw-term')"):
        page.keyboard.press("Tab")  # the page's prose: a glossary term's first appearance links to its meaning
    stop = focused_stop(page)
    assert (stop["role"], stop["name"]) == ("radio", "Employment"), "the skip link did not lead past the menu"

    page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"[?&]view=paid(&|$)"))
    a11y.settle(page)
    assert (focused_stop(page)["role"], focused_stop(page)["name"]) == ("radio", "Paid and unpaid"), (
        "focus was lost when the view changed"
    )

    for _ in range(6):  # to the first summary after the chart (Plotly's own buttons are gone: theme.BROWSER_CONFIG)
        page.keyboard.press("Tab")
        if focused_stop(page)["role"] == "summary":
            break
    assert (focused_stop(page)["role"], focused_stop(page)["name"]) == ("summary", "Table: the numbers in the chart")
    page.keyboard.press("Enter")
    expect(page.locator("details.psw-table-view table")).to_be_visible()

    page.keyboard.press("Tab")
    assert (focused_stop(page)["role"], focused_stop(page)["name"]) == ("summary", "Notes")
    page.keyboard.press("Enter")
    expect(page.locator("details", has=page.locator("summary", has_text="Notes"))).to_have_attribute("open", "")

    while (focused_stop(page)["role"], focused_stop(page)["name"]) != ("button", "Download CSV"):
        page.keyboard.press("Tab")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".csv")


# 3. Reflow: 320 CSS px and 200% zoom; screenshots at 320 px (test_views_in_browser.py takes them at 1280) -

OVERFLOW = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const block = document.querySelector('[data-testid="stMainBlockContainer"]');
    const wide = [...block.querySelectorAll('*')].filter(e => {
        const r = e.getBoundingClientRect();
        if (!r.width || r.right <= block.getBoundingClientRect().right + 1) return false;
        // Inside something that scrolls sideways by itself (a wide table) is allowed.
        for (let n = e.parentElement; n && n !== block; n = n.parentElement) {
            const o = getComputedStyle(n).overflowX;
            if ((o === 'auto' || o === 'scroll' || o === 'hidden') && n.getBoundingClientRect().right <= block.getBoundingClientRect().right + 1) return false;
        }
        return true;
    }).map(e => (e.getAttribute('data-testid') || e.tagName) + ': ' + (e.innerText || '').slice(0, 40));
    return {document: document.documentElement.scrollWidth, viewport: window.innerWidth,
            main: main.scrollWidth - main.clientWidth, block: block.scrollWidth - block.clientWidth, wide: wide.slice(0, 5)};
}"""


def overflow(page) -> dict:
    return page.evaluate(OVERFLOW)


@pytest.mark.parametrize("app_page", PAGES, ids=PAGE_IDS)
def test_no_sideways_scrolling_or_axe_problem_at_320_px_or_200_percent_zoom(visit, app_page):
    name = app_page.url_path or "overview"
    # 320 CSS px (WCAG 1.4.10), and a 1280 px screen at 200% zoom, which lays out as 640 CSS px.
    for width in (320, 640):
        visit.page.set_viewport_size({"width": width, "height": 900})
        page = visit.open(app_page.url_path)
        a11y.settle(page)
        a11y.open_everything(page)
        measured = overflow(page)
        assert measured["document"] <= measured["viewport"], (width, measured)
        assert measured["main"] <= 0 and measured["block"] <= 0 and measured["wide"] == [], (width, measured)
        # Narrow layouts bring their own problems (a table that scrolls needs keyboard focus): axe again.
        severe = a11y.Finding(app_page.title, f"{width} px", a11y.run_axe(page)).describe(*a11y.SEVERE)
        assert severe == [], width
        if width == 320:
            a11y.screenshot_whole_page(visit, f"a11y-{name}-320")
