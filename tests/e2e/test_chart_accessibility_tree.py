"""What a screen reader meets in every chart, on every page and in every view: the accessibility tree as
Playwright reads it (locator.aria_snapshot()).

Each chart is one figure named by its headline, holding one image named by its values, and nothing else: no
unnamed image (Plotly's drawing layers), no toolbar or button (Plotly's mode bar, whose camera button saved the
chart without its headline, source or caveats), and no control in a frame twice.
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter

import pytest
import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from psw_dash.page import layout
from psw_dash.views import views
from tests import a11y

PAGES = layout.all_pages()
PAGE_IDS = [p.url_path or "overview" for p in PAGES]
# An ARIA snapshot is YAML: each node a key 'role "name" [attributes]' (the name quoted), its children or text
# as the value.
NODE = re.compile(r'^(?P<role>[\w-]+)(?: "(?P<name>(?:[^"\\]|\\.)*)")?')
# Until the page's script has reached a chart Plotly has just drawn, its layers are still unnamed images.
LAYERS_SETTLED = """() => [...document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot .svg-container > svg')]
    .every((svg) => svg.closest('[aria-hidden="true"]') || svg.getAttribute('aria-label'))"""


def nodes(snapshot: str) -> list[tuple[int, str, str | None]]:
    """(depth, role, name) of every node in an ARIA snapshot, in reading order."""
    found: list[tuple[int, str, str | None]] = []

    def walk(items, depth: int) -> None:
        for item in items or []:
            key, children = next(iter(item.items())) if isinstance(item, dict) else (item, None)
            match = NODE.match(str(key))
            if match and match["role"] != "text":
                found.append((depth, match["role"], match["name"]))
            if isinstance(children, list):
                walk(children, depth + 1)

    walk(yaml.safe_load(snapshot), 0)
    return found


def chart_problems(frame) -> list[str]:
    """What is wrong in one chart frame's accessibility tree (empty when it is as it should be)."""
    problems = []
    headline = frame.locator("h2").first.inner_text().strip()
    tree = nodes(frame.aria_snapshot())
    figures = [i for i, (_, role, _) in enumerate(tree) if role == "figure"]
    if not figures:
        problems.append(f"{headline!r}: no figure")
    for start in figures:
        depth, _, figure_name = tree[start]
        inside = []
        for node in tree[start + 1 :]:
            if node[0] <= depth:
                break
            inside.append(node)
        if not figure_name:
            problems.append(f"{headline!r}: a figure without a name")
        elif not figure_name.startswith(headline):
            problems.append(f"{headline!r}: figure named {figure_name!r}, not by its headline")
        images = [name for _, role, name in inside if role == "img"]
        named = [name for name in images if name]
        if len(named) != 1 or not re.search(r"\d", named[0]):
            problems.append(f"{figure_name!r}: {len(named)} named images, want one naming its values: {named}")
        if len(images) != len(named):
            problems.append(f"{figure_name!r}: {len(images) - len(named)} unnamed images")
        others = [f"{role} {name or ''}".strip() for _, role, name in inside if role != "img"]
        if others:
            problems.append(f"{figure_name!r}: holds {others} (a chart's toolbar or buttons)")
    controls = Counter((role, name) for _, role, name in tree if role in ("button", "link", "radio", "checkbox"))
    problems += [
        f"{headline!r}: {role} {name!r} appears {count} times" for (role, name), count in controls.items() if count > 1
    ]
    return problems


@pytest.mark.parametrize("app_page", PAGES, ids=PAGE_IDS)
def test_every_chart_is_one_named_figure_with_one_named_image_and_no_toolbar(reused_visit, app_page):
    charts_seen = 0
    for state in a11y.states(reused_visit, app_page):
        page = reused_visit.page
        # On a time-out the assertions below say which chart is not as it should be.
        with contextlib.suppress(PlaywrightTimeoutError):
            page.wait_for_function(LAYERS_SETTLED, polling=50, timeout=10_000)
        frames = page.locator('[data-testid="stMain"] [class*="st-key-frame-"]')
        problems = [f"[{state}] {problem}" for f in range(frames.count()) for problem in chart_problems(frames.nth(f))]
        assert problems == []
        # Plotly's camera button nowhere on the page: the one image download is the frame's, with the headline on it.
        assert page.locator(".modebar").count() == 0
        assert page.get_by_role("button", name=re.compile(r"Download plot|Reset axes|Autoscale")).count() == 0
        charts_seen += page.locator('[data-testid="stMain"] [data-testid="stPlotlyChart"]').count()
    if app_page.file in views.PAGE_CHARTS:
        assert charts_seen, "no chart was checked"
