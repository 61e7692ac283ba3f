"""How much slower each dashboard page is than the floor, a minimal two-page Streamlit app.

    .venv/bin/python -m bench.load_ratios [--repeats 5]

A report, not a test: it prints medians and ratios, writes artifacts/bench.json and exits 0 whatever
the ratios are. bench/README.md explains each number.
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import streamlit
from playwright.sync_api import sync_playwright
from streamlit.testing.v1 import AppTest

# Only `paths` and `serve` here: psw_dash.layout must first be imported by the app's own run (see app_pages).
from psw_dash import paths, serve

APP = paths.ROOT / "app.py"
FLOOR = Path(__file__).resolve().parent / "floor_app" / "app.py"
OUT = paths.ROOT / "artifacts" / "bench.json"
TARGETS = {"cold": 1.2, "switch": 1.5}  # page median / floor median; the rerun has no target
VIEWPORT = {"width": 1280, "height": 900}  # a laptop screen, wide enough for the sidebar to be open
SETTLE_MS = 250  # pause between a load and the click, so the switch does not overlap the load's tail
TIMEOUT_MS = 60_000


@dataclass
class Page:
    title: str
    url_path: str  # "" for the default page, which is served at "/"
    file: str  # the page's script relative to the app's folder, for AppTest.switch_page
    charts: int = 0  # Plotly charts the page draws, as AppTest counts them
    samples: dict[str, list[float]] = field(default_factory=lambda: {"cold": [], "switch": [], "rerun": []})
    errors: list[str] = field(default_factory=list)
    switch_from: str | None = None

    def note(self, error: str) -> None:
        if error not in self.errors:
            self.errors.append(error)


# --- Widget rerun: the page's script time on the server, measured in this process with AppTest ---

def script_on(app: Path, page: Page) -> AppTest:
    """An AppTest session that has run `page` once, as a user's session has before they touch a widget."""
    at = AppTest.from_file(str(app), default_timeout=TIMEOUT_MS / 1000).run()
    at.switch_page(page.file).run()
    page.charts = len(at.get("plotly_chart"))
    if at.exception:
        page.note(f"AppTest: {at.exception[0].message}")
    return at


def timed_rerun(at: AppTest) -> float:
    """A rerun with the same state is what a widget interaction costs the server (script time)."""
    start = time.perf_counter()
    at.run()
    return (time.perf_counter() - start) * 1000


def app_pages() -> list[Page]:
    """Every page in psw_dash.layout.PAGES, in navigation order.

    st.Page records its title and path only inside a script run, so PAGES is read after AppTest has run
    app.py, whose run imported psw_dash.layout; nothing in this process imports it before that.
    """
    AppTest.from_file(str(APP), default_timeout=TIMEOUT_MS / 1000).run()
    layout = importlib.import_module("psw_dash.layout")
    # st.Page has no public name for its script's path; `_page` is that path.
    return [Page(page.title, page.url_path, Path(page._page).relative_to(APP.parent).as_posix())
            for group in layout.PAGES.values() for page in group]


# --- Cold load and page switch: the served app in headless Chromium ---

def wait_finished(tab, charts: int) -> None:
    """The page's script has run to the end and its `charts` Plotly charts are drawn.

    serve.wait_until_drawn on its own also passes before the first run starts (state "initial") and
    before a chart's frame exists (Plotly's code loads late), so wait for the end of the run first and
    pass the chart count.
    """
    tab.wait_for_function(
        """() => document.querySelector('[data-testid="stApp"]')
                   ?.getAttribute('data-test-script-state') === 'notRunning'""",
        timeout=TIMEOUT_MS)
    serve.wait_until_drawn(tab, charts, timeout_ms=TIMEOUT_MS)
    if tab.locator('[data-testid="stException"]').count():
        raise RuntimeError("the page shows an exception")


def visit(browser, base_url: str, first: Page, then: Page | None) -> tuple[float | None, float | None, str | None]:
    """Cold-load `first` in a new browser context, then click through to `then`: (cold ms, switch ms, error)."""
    cold = switch = None
    context = browser.new_context(viewport=VIEWPORT)  # new context: no cache, no cookies, a new session
    try:
        tab = context.new_page()
        tab.goto(f"{base_url}/{first.url_path}")
        wait_finished(tab, first.charts)
        cold = tab.evaluate("performance.now()")  # ms since this navigation started, on the browser's clock
        if then is None:
            return cold, None, None
        tab.wait_for_timeout(SETTLE_MS)
        link = tab.locator(f'[data-testid="stSidebarNav"] a[href$="/{then.url_path}"]')
        if not link.is_visible():  # past 12 pages the navigation hides the rest behind "View N more"
            tab.locator('[data-testid="stSidebarNavViewButton"]').click()
        # Time from the click event itself, not from Playwright's checks before it.
        tab.evaluate("""() => document.addEventListener(
            'click', () => { window.benchClickAt = performance.now(); }, {capture: true, once: true})""")
        link.click()
        # The old page's content goes at the click; the URL changes when the new page's run starts.
        tab.wait_for_url(lambda url: urlparse(url).path == f"/{then.url_path}", timeout=TIMEOUT_MS)
        wait_finished(tab, then.charts)
        switch = tab.evaluate("performance.now() - window.benchClickAt")
        return cold, switch, None
    except Exception as error:  # a broken page is reported, not fatal: the others are still measured
        where = first.title if cold is None else f"{first.title} -> {then.title}"
        return cold, switch, f"browser, {where}: {str(error).splitlines()[0]}"
    finally:
        context.close()


def record(page: Page, kind: str, value: float | None, keep: bool) -> None:
    if keep and value is not None:
        page.samples[kind].append(value)


# --- Report ---

def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def summary(page: Page, floor: Page) -> dict:
    row = {"page": page.title, "url_path": page.url_path, "charts": page.charts, "switch_from": page.switch_from}
    over = []
    for kind in ("cold", "switch", "rerun"):
        ms, base = median(page.samples[kind]), median(floor.samples[kind])
        ratio = ms / base if ms is not None and base else None
        row[f"{kind}_ms"], row[f"{kind}_ratio"] = ms, ratio
        if kind in TARGETS and ratio is not None and ratio > TARGETS[kind]:
            over.append(kind)
    measured = row["cold_ratio"] is not None or row["switch_ratio"] is not None
    row["verdict"] = ("OVER: " + ", ".join(over)) if over else ("PASS" if measured else "n/a")
    row["samples"], row["errors"] = page.samples, page.errors
    return row


def print_table(rows: list[dict], repeats: int) -> None:
    def ms(v):
        return f"{v:9.0f}" if v is not None else f"{'-':>9}"

    def x(v):
        return f"{v:6.2f}x" if v is not None else f"{'-':>7}"

    print(f"\nMedian of {repeats} against the floor (bench/floor_app) measured in the same run. "
          f"Targets: cold <= {TARGETS['cold']}x floor, switch <= {TARGETS['switch']}x floor; rerun: no target.\n")
    width = max(len(r["page"]) for r in rows)
    print(f"{'page':<{width}}  charts   cold ms    cold   switch ms  switch   rerun ms   rerun   verdict")
    for r in rows:
        print(f"{r['page']:<{width}}  {r['charts']:>6} {ms(r['cold_ms'])} {x(r['cold_ratio'])}   {ms(r['switch_ms'])} "
              f"{x(r['switch_ratio'])}  {ms(r['rerun_ms'])} {x(r['rerun_ratio'])}   {r['verdict']}")
    for r in rows:
        for error in r["errors"]:
            print(f"  ! {r['page']}: {error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5, help="measurements per number; the median is reported")
    args = parser.parse_args()
    started = time.perf_counter()

    pages = app_pages()
    floor, floor_two = Page("floor", "", "pages/one.py"), Page("floor page two", "two", "pages/two.py")
    floor.switch_from = "floor page one -> two"
    # Switching into each page starts from the page before it in the navigation (the last from the first).
    targets = [pages[(i + 1) % len(pages)] if len(pages) > 1 else None for i in range(len(pages))]
    for page, target in zip(pages, targets):
        if target is not None:
            target.switch_from = page.title
    print(f"{len(pages)} pages: {', '.join(p.title for p in pages)}", flush=True)

    # Widget rerun. The first run and switch above warm each session; one more untimed rerun, then the
    # floor is timed before every page, so slow moments of the machine land on both.
    floor_at = script_on(FLOOR, floor)
    sessions = [(page, script_on(APP, page)) for page in pages]
    for _, at in [(floor, floor_at), *sessions]:
        timed_rerun(at)
    for _ in range(args.repeats):
        for page, at in sessions:
            floor.samples["rerun"].append(timed_rerun(floor_at))
            page.samples["rerun"].append(timed_rerun(at))
    print(f"reruns measured ({time.perf_counter() - started:.0f} s)", flush=True)

    # Cold load and switch. Round 0 is the warm-up (a server's first loads compile and fill caches);
    # each round measures the floor, then every page, so the floor's samples span the whole run.
    with serve.streamlit_server(script=FLOOR) as floor_url, serve.streamlit_server(script=APP) as app_url, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=serve.chromium_path(), args=serve.CHROMIUM_ARGS)
        for round_ in range(args.repeats + 1):
            keep = round_ > 0
            cold, switch, error = visit(browser, floor_url, floor, floor_two)
            record(floor, "cold", cold, keep)
            record(floor, "switch", switch, keep)
            if error:
                floor.note(error)
            for page, target in zip(pages, targets):
                cold, switch, error = visit(browser, app_url, page, target)
                record(page, "cold", cold, keep)
                if target is not None:
                    record(target, "switch", switch, keep)
                if error:
                    page.note(error)
            print(f"{'warm-up' if not keep else f'round {round_}/{args.repeats}'} done "
                  f"({time.perf_counter() - started:.0f} s)", flush=True)
        chromium = browser.version
        browser.close()

    rows = [summary(page, floor) for page in (floor, *pages)]
    seconds = time.perf_counter() - started
    print_table(rows, args.repeats)
    print(f"\nTook {seconds:.0f} s. JSON: {OUT.relative_to(paths.ROOT)}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({
        "repeats": args.repeats, "targets": TARGETS, "seconds": round(seconds, 1),
        "machine": {"cpus": os.cpu_count(), "chromium": chromium, "streamlit": streamlit.__version__,
                    "viewport": VIEWPORT},
        "rows": rows,
    }, indent=2) + "\n")


if __name__ == "__main__":
    main()
