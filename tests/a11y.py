"""Accessibility checks in the browser, shared by tests/e2e/test_accessibility.py and the measuring script.

axe-core comes bundled in the PyPI package axe-playwright-python (axe.min.js inside the wheel), so
nothing is fetched when the checks run. A page is checked in every state a reader can put it in:
each option of each segmented control (?view=, ?metric=, ...) and each toggle switched on, first as it opens,
then with every table, note and expander open, because axe skips what is hidden.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlparse

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from devtools import serve
from psw_dash import paths
from psw_dash.page import layout

SEVERE = ("critical", "serious")
MILD = ("moderate", "minor")
# What the run found, by mode, for the summary printed at the end (tests/e2e/conftest.py).
FINDINGS: dict[str, list[Finding]] = {}
REPORT = paths.ROOT / "artifacts" / "accessibility" / "axe.md"
AXE = Axe()
# Every rule axe runs by default (WCAG 2.0-2.2 A and AA, and best practices such as heading order), plus
# WCAG 2.2's target size (2.5.8, 24 by 24 px), which axe leaves off by default.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}


@dataclass
class Finding:
    """One state of one page and what axe found there."""

    page: str
    state: str
    violations: list[dict] = field(default_factory=list)

    def count(self, *impacts: str) -> int:
        return sum(len(v["nodes"]) for v in self.violations if v["impact"] in impacts)

    def describe(self, *impacts: str) -> list[str]:
        return [
            f"{self.page} [{self.state}] {v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['help']} "
            f"e.g. {v['nodes'][0]['target']}"
            for v in self.violations
            if v["impact"] in impacts
        ]


def run_axe(page) -> list[dict]:
    return AXE.run(page, options=AXE_OPTIONS).response["violations"]


def _charts_expected(spec: layout.PageSpec, page) -> int:
    return page.locator('[data-testid="stPlotlyChart"]').count()


# Notes in the page when a script run starts, from before the click that causes it: so a test waits for THAT
# run, not for a fixed time (on a busy machine a run began later than 100 ms after the click, axe checked the
# page as Streamlit faded its stale elements, and found their contrast too low).
WATCH_FOR_A_RUN = """() => {
    window.__pswRunObserver && window.__pswRunObserver.disconnect();
    window.__pswRunSeen = false;
    const app = document.querySelector('[data-testid="stApp"]');
    // Any change of the run state (rerun requested, running, done) means the click's run has begun.
    window.__pswRunObserver = new MutationObserver(() => { window.__pswRunSeen = true; });
    window.__pswRunObserver.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""


RUN_START_TIMEOUT_MS = 10_000


def click_and_settle(page, control, **click) -> None:
    """Click a control that reruns the page, then wait until that run has happened and the page settled."""
    page.evaluate(WATCH_FOR_A_RUN)
    control.click(**click)
    # No change of run state seen (a run too quick to show one): settle() still waits for the page.
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function("() => window.__pswRunSeen", polling=20, timeout=RUN_START_TIMEOUT_MS)
    settle(page, None)


def settle(page, charts: int | None = None) -> None:
    """Drawn, and no element left over from the run before (Streamlit keeps them, marked stale, until replaced)."""
    serve.wait_until_drawn(page, charts)
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')", polling=50)


def screenshot_whole_page(visit, name: str) -> None:
    """Streamlit scrolls inside its main block, so grow the viewport to the content first, then shoot."""
    page = visit.page
    height = page.evaluate("""() => Math.max(document.documentElement.scrollHeight,
        ...[...document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"]')]
            .map(e => e.scrollHeight))""")
    size = page.viewport_size
    if height > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": height + 40})
        settle(page)
    visit.screenshot(name)


def open_everything(page) -> None:
    """Every table, note, expander and tile 'Method' opened, so axe sees their contents. Opening the briefing
    pack's expander reruns the page (its buttons are sent only then), so wait for each run to end."""
    closed = page.locator('[data-testid="stMain"] details:not([open]) > summary')
    for _ in range(closed.count()):
        closed.first.click()
        settle(page)
    back_to_top_and_still(page)


# axe-core's target-size and contrast rules read the page as it lies on screen: with the page scrolled, Streamlit's
# fixed header lies over whatever is under it at that moment (in CI the 'Copy link' button, after the last
# expander opened had scrolled the page; axe-core issues 5065 and 5069), and an expander still opening moves
# what follows it. So every check reads one state: scrolled to the top, and no box moved for QUIET_MS.
QUIET_MS = 300
STILL = """(quiet) => {
    const main = document.querySelector('[data-testid="stMain"]');
    const boxes = [...main.querySelectorAll('button, summary, [data-testid="stPlotlyChart"]')]
        .map(e => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height].map(Math.round); });
    const shape = JSON.stringify([main.scrollHeight, boxes]);
    const now = performance.now();
    if (window.__pswShape !== shape) { window.__pswShape = shape; window.__pswStillSince = now; return false; }
    return now - window.__pswStillSince >= quiet;
}"""


def back_to_top_and_still(page) -> None:
    page.evaluate("""() => { window.scrollTo(0, 0);
        document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"]')
            .forEach(e => e.scrollTo(0, 0)); }""")
    page.wait_for_function(STILL, arg=QUIET_MS, polling=50)


def _state_name(page) -> str:
    query = urlparse(page.url).query
    return query or "default"


def states(visit, spec: layout.PageSpec):
    """Open a page and put it in every state a reader can: each option of each segmented control, then each
    toggle switched on. Yields each state's name ('default', or the URL's query) once the page has settled in it."""
    page = visit.open(spec.url_path)
    settle(page, _charts_expected(spec, page))
    yield _state_name(page)
    groups = page.locator('[data-testid="stMain"] [data-testid="stButtonGroup"]')
    for g in range(groups.count()):
        options = groups.nth(g).get_by_role("radio")
        for i in range(options.count()):
            option = groups.nth(g).get_by_role("radio").nth(i)
            if option.get_attribute("aria-checked") == "true":
                continue
            click_and_settle(page, option)
            page.wait_for_function(
                """([g, i]) => {
                const group = document.querySelectorAll('[data-testid="stMain"] [data-testid="stButtonGroup"]')[g];
                const radio = group && group.querySelectorAll('[role="radio"]')[i];
                return radio && radio.getAttribute('aria-checked') === 'true';
            }""",
                arg=[g, i],
            )
            yield _state_name(page)
    # Each on/off toggle (state.flag), switched on: the later plan's line, an upload panel.
    toggles = page.locator('[data-testid="stMain"] [data-testid="stCheckbox"] input[role="switch"]')
    for t in range(toggles.count()):
        if toggles.nth(t).is_checked():
            continue
        click_and_settle(page, toggles.nth(t), force=True)  # the input sits under its styled track
        yield _state_name(page)


def sweep(visit, spec: layout.PageSpec) -> list[Finding]:
    """axe on one page in every state (states), with and without tables open."""
    findings: list[Finding] = []
    for state in states(visit, spec):
        findings.append(Finding(spec.title, state, run_axe(visit.page)))
        open_everything(visit.page)
        findings.append(Finding(spec.title, state + ", tables and expanders open", run_axe(visit.page)))
    return findings


def table(findings: list[Finding]) -> str:
    """Counts per page (nodes, summed over that page's states), by impact: the closing note's table."""
    by_page: dict[str, Counter] = {}
    states: Counter = Counter()
    for finding in findings:
        states[finding.page] += 1
        counts = by_page.setdefault(finding.page, Counter())
        for violation in finding.violations:
            counts[violation["impact"]] += len(violation["nodes"])
    lines = ["| page | states checked | critical | serious | moderate | minor |", "|---|---|---|---|---|---|"]
    for name, counts in by_page.items():
        lines.append(
            f"| {name} | {states[name]} | {counts['critical']} | {counts['serious']} | "
            f"{counts['moderate']} | {counts['minor']} |"
        )
    return "\n".join(lines)


def rules(findings: list[Finding]) -> str:
    """Which rules fired, how often (states) and on how many nodes in all."""
    seen: dict[tuple[str, str], list[int]] = {}
    for finding in findings:
        for violation in finding.violations:
            entry = seen.setdefault((violation["id"], violation["impact"]), [0, 0])
            entry[0] += 1
            entry[1] += len(violation["nodes"])
    return "\n".join(
        f"- {rule} ({impact}): in {states} states, {nodes} nodes"
        for (rule, impact), (states, nodes) in sorted(seen.items())
    )


def summary() -> list[str]:
    """Per-mode tables and every moderate or minor finding, for the terminal and artifacts/accessibility/axe.md."""
    lines = []
    for mode, findings in FINDINGS.items():
        lines += [
            f"axe-core in {mode} mode: {len(findings)} page states checked",
            "",
            table(findings),
            "",
            rules(findings) or "- no violations",
            "",
        ]
        mild = {
            (f.page, v["id"]): f"- {f.page}: {v['id']} ({v['impact']}): {v['help']}; e.g. {v['nodes'][0]['target']}"
            for f in findings
            for v in f.violations
            if v["impact"] in MILD
        }
        lines += list(mild.values()) + [""]
    if lines:
        REPORT.parent.mkdir(parents=True, exist_ok=True)
        REPORT.write_text("\n".join(lines), encoding="utf-8")
    return lines
