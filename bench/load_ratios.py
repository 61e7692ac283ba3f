"""How much slower each dashboard page is than the floor, a minimal two-page Streamlit app.

    .venv/bin/python -m bench.load_ratios [--repeats N]

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
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import streamlit
from playwright.sync_api import sync_playwright
from streamlit import config as streamlit_config
from streamlit.testing.v1 import AppTest

# Only `paths` and `serve` here: psw_dash.page.layout must first be imported by the app's own run (see app_pages).
from bench import export_times
from devtools import serve
from psw_dash import paths

APP = paths.ROOT / "app.py"
FLOOR = Path(__file__).resolve().parent / "floor_app" / "app.py"
OUT = paths.ROOT / "artifacts" / "bench.json"
TARGETS = {"cold": 1.2, "switch": 1.5}  # page median / floor median; the rerun has no target
VIEWPORT = {"width": 1280, "height": 900}  # a laptop screen, wide enough for the sidebar to be open
SETTLE_MS = 200  # pause between a load and the click, so the switch does not overlap the load's tail
TIMEOUT_MS = 30_000


@dataclass
class Page:
    title: str
    url_path: str  # "" for the default page, which is served at "/"
    file: str  # the page's script relative to the app's folder, for AppTest.switch_page
    charts: int = 0  # Plotly charts the page draws, as AppTest counts them
    samples: dict[str, list[float]] = field(default_factory=lambda: {"cold": [], "switch": [], "rerun": []})
    switch_kb: list[float] = field(default_factory=list)  # websocket payload received per switch into this page
    errors: list[str] = field(default_factory=list)
    switch_from: str | None = None

    def note(self, error: str) -> None:
        if error not in self.errors:
            self.errors.append(error)


def floor_pages(title: str) -> tuple[Page, Page]:
    """A floor's page one and page two. Its row reports the switch from page one to page two, so page two shares
    page one's samples, errors and bytes."""
    one = Page(title, "", "pages/one.py", switch_from=f"{title} page one")
    two = Page(
        f"{title} page two", "two", "pages/two.py", samples=one.samples, errors=one.errors, switch_kb=one.switch_kb
    )
    return one, two


def app_runner_env() -> dict[str, str]:
    """The app's own [runner] settings (.streamlit/config.toml) as Streamlit's environment variables, to serve the
    floor as the app runs: a setting added or changed there is measured on that floor too."""
    runner = tomllib.loads((paths.ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")).get("runner", {})
    options = streamlit_config.get_config_options()
    return {
        options[f"runner.{name}"].env_var: str(value).lower() if isinstance(value, bool) else str(value)
        for name, value in runner.items()
    }


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
    """Every page in psw_dash.page.layout.PAGES, in navigation order.

    An entry is either plain data with `file` or an st.Page, which records its title and path only
    inside a script run: so PAGES is read after AppTest has run app.py, whose run imported
    psw_dash.page.layout (nothing in this process imports it before).
    """
    AppTest.from_file(str(APP), default_timeout=TIMEOUT_MS / 1000).run()
    layout = importlib.import_module("psw_dash.page.layout")
    pages = []
    for entry in (entry for group in layout.PAGES.values() for entry in group):
        file = Path(getattr(entry, "file", None) or entry._page)  # st.Page keeps its script's path in _page
        file = file.relative_to(APP.parent) if file.is_absolute() else file
        pages.append(Page(entry.title, entry.url_path, file.as_posix()))
    return pages


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
        timeout=TIMEOUT_MS,
    )
    serve.wait_until_drawn(tab, charts, timeout_ms=TIMEOUT_MS)
    if tab.locator('[data-testid="stException"]').count():
        raise RuntimeError("the page shows an exception")


def visit(
    browser, base_url: str, first: Page, then: list[Page]
) -> tuple[float | None, list[tuple[float, float]], str | None]:
    """Cold-load `first` in a new browser context, then click to each page of `then` in turn.

    Returns (cold ms, (ms, websocket kB received) per page reached, the error that stopped the visit or None).
    """
    cold, switches = None, []
    context = browser.new_context(viewport=VIEWPORT)  # new context: no cache, no cookies, a new session
    received = [0]  # websocket payload bytes since the last reset: what the server sent the browser

    def count_frames(socket) -> None:
        socket.on("framereceived", lambda payload: received.__setitem__(0, received[0] + len(payload)))

    try:
        tab = context.new_page()
        tab.on("websocket", count_frames)
        tab.goto(f"{base_url}/{first.url_path}")
        wait_finished(tab, first.charts)
        cold = tab.evaluate("performance.now()")  # ms since this navigation started, on the browser's clock
        for page in then:
            tab.wait_for_timeout(SETTLE_MS)
            # The sidebar's menu: Streamlit's own (the floor) or the app's page links (layout.menu).
            # The app's links are relative ('growth'), Streamlit's absolute ('.../growth').
            link = tab.locator(
                f'[data-testid="stSidebar"] a[href="{page.url_path}"], '
                f'[data-testid="stSidebar"] a[href$="/{page.url_path}"]'
            ).first
            if not link.is_visible():  # past 12 pages Streamlit's menu hides the rest behind "View N more"
                tab.locator('[data-testid="stSidebarNavViewButton"]').click()
            # Time from the click event itself, not from Playwright's checks before it.
            tab.evaluate("""() => document.addEventListener(
                'click', () => { window.benchClickAt = performance.now(); }, {capture: true, once: true})""")
            received[0] = 0
            link.click()
            # Streamlit empties the main area at the click and changes the URL when the new page's run
            # starts, so after the URL change no content of the old page is left to be mistaken for the new.
            path = f"/{page.url_path}"
            tab.wait_for_url(lambda url, path=path: urlparse(url).path == path, timeout=TIMEOUT_MS)
            wait_finished(tab, page.charts)
            switches.append((tab.evaluate("performance.now() - window.benchClickAt"), received[0] / 1000))
        return cold, switches, None
    except Exception as error:  # noqa: BLE001 (a broken page is reported, not fatal: the others are still measured)
        where = first.title if cold is None else f"switching to {then[len(switches)].title}"
        return cold, switches, f"browser, {where}: {str(error).splitlines()[0]}"
    finally:
        context.close()


def measure(browser, base_url: str, first: Page, then: list[Page], keep: bool) -> None:
    """One visit; its cold load is a sample of `first`, each switch a sample of the page switched to."""
    cold, switches, error = visit(browser, base_url, first, then)
    if keep:
        first.samples["cold"] += [cold] if cold is not None else []
        for page, (ms, kb) in zip(then, switches, strict=False):
            page.samples["switch"].append(ms)
            page.switch_kb.append(kb)
    if error:
        first.note(error)


# --- Report ---


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def summary(page: Page, floor: Page) -> dict:
    row = {"page": page.title, "url_path": page.url_path, "charts": page.charts, "switch_from": page.switch_from}
    over = []
    for kind in ("cold", "switch", "rerun"):
        ms, base = median(page.samples[kind]), median(floor.samples[kind])
        ratio = ms / base if ms is not None and base else None
        row[f"{kind}_ms"] = round(ms, 1) if ms is not None else None
        row[f"{kind}_ratio"] = round(ratio, 3) if ratio is not None else None
        if kind in TARGETS and ratio is not None and ratio > TARGETS[kind]:
            over.append(kind)
    row["switch_ws_kb"] = round(median(page.switch_kb), 1) if page.switch_kb else None
    measured = row["cold_ratio"] is not None or row["switch_ratio"] is not None
    row["verdict"] = ("OVER: " + ", ".join(over)) if over else ("PASS" if measured else "n/a")
    if page is floor:
        row["verdict"] = "(the floor)"
    row["samples"] = {kind: [round(v, 1) for v in values] for kind, values in page.samples.items()}
    row["errors"] = page.errors
    return row


def print_table(rows: list[dict], repeats: int) -> None:
    def ms(v):
        return f"{v:9.0f}" if v is not None else f"{'-':>9}"

    def x(v):
        return f"{v:6.2f}x" if v is not None else f"{'-':>7}"

    print(
        f"\nMedian of {repeats} against the floor (bench/floor_app) measured in the same run. "
        f"Targets: cold <= {TARGETS['cold']}x floor, switch <= {TARGETS['switch']}x floor; rerun: no target.\n"
        "Switch: into the page from the one above it in the navigation (the first page from the last).\n"
    )
    width = max(len(r["page"]) for r in rows)

    def kb(v):
        return f"{v:8.1f}" if v is not None else f"{'-':>8}"

    print(f"{'page':<{width}}  charts   cold ms    cold   switch ms  switch  ws kB   rerun ms   rerun   verdict")
    for r in rows:
        print(
            f"{r['page']:<{width}}  {r['charts']:>6} {ms(r['cold_ms'])} {x(r['cold_ratio'])}   {ms(r['switch_ms'])} "
            f"{x(r['switch_ratio'])}{kb(r['switch_ws_kb'])} {ms(r['rerun_ms'])} {x(r['rerun_ratio'])}   {r['verdict']}"
        )
    for r in rows:
        for error in r["errors"]:
            print(f"  ! {r['page']}: {error}")


def floor_as_app_summary(floor_as_app: Page, pages: list[Page], env: dict[str, str]) -> dict:
    """The floor served with the app's runner setting, and each page's switch ratio against it (no target)."""
    cold, switch = median(floor_as_app.samples["cold"]), median(floor_as_app.samples["switch"])
    ratios = {
        page.title: round(median(page.samples["switch"]) / switch, 3)
        for page in pages
        if switch and page.samples["switch"]
    }
    return {
        "env": env,
        "cold_ms": cold and round(cold, 1),
        "switch_ms": switch and round(switch, 1),
        "switch_ratios": ratios,
        "errors": floor_as_app.errors,
    }


def print_floor_as_app(as_app: dict) -> None:
    if not as_app["switch_ms"]:
        print(f"\nThe floor as the app runs was not measured: {'; '.join(as_app['errors']) or 'no samples'}")
        return
    print(
        f"\nThe floor served as the app is (no full garbage collection after each run, .streamlit/config.toml): "
        f"cold {as_app['cold_ms']:.0f} ms, switch {as_app['switch_ms']:.0f} ms. Switch ratios against it "
        "(no target; the targets are against the floor above):"
    )
    print("  " + ", ".join(f"{title} {ratio:.2f}x" for title, ratio in as_app["switch_ratios"].items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--repeats",
        type=int,
        default=3,
        help="samples per number (the floor gets one per page); the median is reported",
    )
    args = parser.parse_args()
    started = time.perf_counter()

    pages = app_pages()
    floor, floor_two = floor_pages("floor")
    # The same floor served with the app's own runner settings (no full garbage collection after each run,
    # .streamlit/config.toml): measured once a round and printed under the table, so a reader sees how much
    # of a ratio under 1 is that setting rather than the page. The targets stay against the floor above.
    floor_as_app, floor_as_app_two = floor_pages("floor as the app runs")
    as_app_env = app_runner_env()
    # The switches go round the navigation in one session: default page -> 2nd -> ... -> last -> default.
    # Plotly's code (loaded on first use) is then already loaded for every switch, as it is for the floor's.
    chain = pages[1:] + pages[:1] if len(pages) > 1 else []
    for before, page in zip(pages, chain, strict=False):
        page.switch_from = before.title
    print(f"{len(pages)} pages: {', '.join(p.title for p in pages)}", flush=True)

    # Widget rerun. The first run and switch in script_on warm each session, then one untimed rerun; the
    # floor is timed before every page, so slow moments of the machine land on both.
    floor_at = script_on(FLOOR, floor)
    script_on(FLOOR, floor_two)  # only to count its charts
    floor_as_app.charts, floor_as_app_two.charts = floor.charts, floor_two.charts
    sessions = [(page, script_on(APP, page)) for page in pages]
    for _, at in [(floor, floor_at), *sessions]:
        timed_rerun(at)
    for _ in range(args.repeats):
        for page, at in sessions:
            floor.samples["rerun"].append(timed_rerun(floor_at))
            page.samples["rerun"].append(timed_rerun(at))
    print(f"reruns measured ({time.perf_counter() - started:.0f} s)", flush=True)

    # Cold load and switch. Round 0 warms up: the servers' first runs of each page compile and fill
    # caches, and its switches run every page once. Then the floor is measured just before every page,
    # so a busy moment of the machine (other people's tests, say) lands on both.
    with (
        serve.streamlit_server(script=FLOOR) as floor_url,
        serve.streamlit_server(script=APP) as app_url,
        serve.streamlit_server(script=FLOOR, env=as_app_env) as floor_as_app_url,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=serve.chromium_path(), args=serve.CHROMIUM_ARGS)
        for round_ in range(args.repeats + 1):
            keep = round_ > 0
            for page in pages if keep else pages[:1]:
                measure(browser, floor_url, floor, [floor_two], keep)
                measure(browser, app_url, page, chain if page is pages[0] else [], keep)
            measure(browser, floor_as_app_url, floor_as_app, [floor_as_app_two], keep)
            print(
                f"{f'round {round_}/{args.repeats}' if keep else 'warm-up'} done "
                f"({time.perf_counter() - started:.0f} s)",
                flush=True,
            )
        chromium = browser.version
        browser.close()

    rows = [summary(page, floor) for page in (floor, *pages)]
    seconds = time.perf_counter() - started
    print_table(rows, args.repeats)
    as_app = floor_as_app_summary(floor_as_app, pages, as_app_env)
    print_floor_as_app(as_app)
    exports = export_times.measure()
    export_times.print_times(exports)
    # Other work on the machine widens the spread of the samples; the load average says how busy it was.
    load = os.getloadavg()[1] if hasattr(os, "getloadavg") else None
    print(
        f"\nTook {seconds:.0f} s on {os.cpu_count()} CPUs"
        + (f", load average {load:.1f} over the last 5 min" if load is not None else "")
        + f". JSON: {OUT.relative_to(paths.ROOT)}"
    )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        json.dumps(
            {
                "repeats": args.repeats,
                "targets": TARGETS,
                "seconds": round(seconds, 1),
                "machine": {
                    "cpus": os.cpu_count(),
                    "load_average_5min": load,
                    "chromium": chromium,
                    "streamlit": streamlit.__version__,
                    "viewport": VIEWPORT,
                },
                "rows": rows,
                "floor_as_app": as_app,
                "exports": exports,
            },
            indent=2,
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
