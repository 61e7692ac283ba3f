"""Where a page switch spends its time, page by page: the server, the wire, and the browser's main thread.

    .venv/bin/python -m bench.switch_profile [--repeats 3] [--page growth ...]

A report for finding causes, not a test and not the benchmark (bench.load_ratios gives the ratios).
Each page is reached by a sidebar click from the Accessibility statement (a light page; --from to change), in one
session that has already drawn every page once, so no element's code is loaded for the first time.
The floor's switch (bench/floor_app, page one to page two) is measured the same way beside it.

Per switch, medians over --repeats:
- `server`: from the click to the last websocket message of the run (the script's run and sending),
- `draw`: from that message to every chart drawn (React rendering and Plotly drawing),
- `ws kB` and `msgs`: what the server sent (websocket payload bytes, messages),
- `js ms`: main-thread JavaScript over the whole switch from a CPU profile, split into
  `plotly` (Plotly's own code), `react` (Streamlit's bundle: React and the elements) and `other`.
"""

from __future__ import annotations

import argparse
import statistics
from collections import defaultdict
from urllib.parse import urlparse

from playwright.sync_api import sync_playwright

from bench.load_ratios import APP, FLOOR, SETTLE_MS, TIMEOUT_MS, VIEWPORT, Page, app_pages, script_on, wait_finished
from devtools import serve

# Wraps the page's WebSocket before Streamlit opens it, to timestamp each message on the browser's clock.
RECORD_MESSAGES = """() => {
  window.__pswMessages = [];
  const Native = window.WebSocket;
  window.WebSocket = function (...args) {
    const socket = new Native(...args);
    socket.addEventListener('message', (event) => {
      const size = event.data.byteLength ?? event.data.size ?? event.data.length ?? 0;
      window.__pswMessages.push([performance.now(), size]);
    });
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, Native);
}"""


def bucket(url: str) -> str:
    """Which code a profile sample ran: Plotly's chunk, Streamlit's bundle (React and elements), or other."""
    if "plotly" in url.lower() or "Plot" in url:
        return "plotly"
    if "/static/js/" in url:
        return "react"
    return "other"


def js_split(profile: dict) -> dict[str, float]:
    """Self time (ms) by bucket from a CDP CPU profile, idle and garbage collection left out."""
    nodes = {node["id"]: node for node in profile["nodes"]}
    deltas = profile.get("timeDeltas", [])
    split: dict[str, float] = defaultdict(float)
    for sample, delta in zip(profile.get("samples", []), deltas[1:] + [0], strict=False):
        frame = nodes[sample]["callFrame"]
        if frame["functionName"] in ("(idle)", "(program)", "(garbage collector)", "(root)"):
            continue
        split[bucket(frame["url"])] += delta / 1000
        BY_FILE[frame["url"].rsplit("/", 1)[-1] or frame["functionName"]] += delta / 1000
        BY_FUNCTION[
            f"{frame['functionName'] or '(anonymous)'} {frame['url'].rsplit('/', 1)[-1]}:"
            f"{frame['lineNumber']}:{frame['columnNumber']}"
        ] += delta / 1000
    return split


BY_FILE: dict[str, float] = defaultdict(float)  # self time per script file over the whole run, for --detail
BY_FUNCTION: dict[str, float] = defaultdict(float)  # the same per function (minified names, with their place)


def switch_once(tab, cdp, page: Page) -> dict:
    link = tab.locator(
        f'[data-testid="stSidebar"] a[href="{page.url_path}"], [data-testid="stSidebar"] a[href$="/{page.url_path}"]'
    ).first
    tab.evaluate("window.__pswMessages = []")
    tab.evaluate("""() => document.addEventListener(
        'click', () => { window.benchClickAt = performance.now(); }, {capture: true, once: true})""")
    cdp.send("Profiler.start")
    link.click()
    tab.wait_for_url(lambda url: urlparse(url).path == f"/{page.url_path}", timeout=TIMEOUT_MS)
    wait_finished(tab, page.charts)
    done = tab.evaluate("performance.now()")
    profile = cdp.send("Profiler.stop")["profile"]
    clicked, messages = tab.evaluate("[window.benchClickAt, window.__pswMessages]")
    last = max((t for t, _ in messages), default=clicked)
    split = js_split(profile)
    return {
        "total": done - clicked,
        "server": last - clicked,
        "draw": done - last,
        "ws_kb": sum(size for _, size in messages) / 1000,
        "msgs": len(messages),
        "js": sum(split.values()),
        **{k: split.get(k, 0.0) for k in ("plotly", "react", "other")},
    }


def _session_on(browser, url: str, start: Page):
    """A new browser context (a new session) with `start` loaded, its messages recorded, a profiler ready."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(f"({RECORD_MESSAGES})()")
    tab = context.new_page()
    cdp = context.new_cdp_session(tab)
    cdp.send("Profiler.enable")
    cdp.send("Profiler.setSamplingInterval", {"interval": 200})
    tab.goto(f"{url}/{start.url_path}")
    wait_finished(tab, start.charts)
    return context, tab, cdp


def profile_app(browser, url: str, pages: list[Page], start: Page, repeats: int) -> dict[str, list[dict]]:
    context, tab, cdp = _session_on(browser, url, start)
    results: dict[str, list[dict]] = defaultdict(list)
    for round_ in range(repeats + 1):  # round 0 loads every element's code once and is not kept
        for page in pages:
            tab.wait_for_timeout(200)
            switch_once(tab, cdp, start)
            tab.wait_for_timeout(200)
            sample = switch_once(tab, cdp, page)
            if round_:
                results[page.title].append(sample)
    context.close()
    return results


def profile_first(browser, url: str, pages: list[Page], start: Page, repeats: int) -> dict[str, list[dict]]:
    """As profile_app, but each switch is the first of a new session (a new browser context that has drawn only
    `start`), as in bench.load_ratios, where each page is reached once per session: what a page's first
    drawing of a kind of element costs shows here and not in profile_app's warmed session."""
    results: dict[str, list[dict]] = defaultdict(list)
    for round_ in range(repeats + 1):  # round 0 warms the server's caches and is not kept
        for page in pages:
            context, tab, cdp = _session_on(browser, url, start)
            tab.wait_for_timeout(SETTLE_MS)  # as bench.load_ratios waits between a load and the click
            sample = switch_once(tab, cdp, page)
            if round_:
                results[page.title].append(sample)
            context.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--page", action="append", help="url path of a page to profile (default: every page)")
    parser.add_argument(
        "--from",
        dest="start",
        default="accessibility",
        help="url path of the page each switch starts from (default: accessibility)",
    )
    parser.add_argument("--detail", action="store_true", help="also print the script files that took longest")
    parser.add_argument(
        "--first",
        action="store_true",
        help="time each page's switch as the first of a new session, right after a cold load of "
        "--from (as the benchmark does), not in one warmed session",
    )
    args = parser.parse_args()
    pages = app_pages()
    for page in pages:
        script_on(APP, page)
    start = next(p for p in pages if p.url_path == args.start or (args.start == "overview" and p.url_path == ""))
    chosen = [
        p
        for p in pages
        if args.page is None or p.url_path in args.page or (p.url_path == "" and "overview" in args.page)
    ]
    floor_one, floor_two = Page("floor", "", "pages/one.py"), Page("floor page two", "two", "pages/two.py")
    script_on(FLOOR, floor_one)
    script_on(FLOOR, floor_two)
    with (
        serve.streamlit_server(script=FLOOR) as floor_url,
        serve.streamlit_server(script=APP) as app_url,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=serve.chromium_path(), args=serve.CHROMIUM_ARGS)
        profile = profile_first if args.first else profile_app
        floor = profile(browser, floor_url, [floor_two], floor_one, args.repeats)
        BY_FILE.clear()
        BY_FUNCTION.clear()
        app = profile(browser, app_url, chosen, start, args.repeats)
        browser.close()
    columns = ("total", "server", "draw", "ws_kb", "msgs", "js", "plotly", "react", "other")
    width = max(len(p.title) for p in chosen)
    print(f"\nMedian of {args.repeats} switches (ms, except ws kB and msgs)\n")
    print(f"{'page':<{width}}  " + "  ".join(f"{c:>7}" for c in columns))
    for title, samples in [("floor page two", floor["floor page two"]), *app.items()]:
        cells = [statistics.median(s[c] for s in samples) for c in columns]
        print(
            f"{title:<{width}}  "
            + "  ".join(f"{v:7.0f}" if c != "ws_kb" else f"{v:7.1f}" for c, v in zip(columns, cells, strict=True))
        )
    if args.detail:
        print("\nSelf time by script file over every app switch (ms):")
        for name, ms in sorted(BY_FILE.items(), key=lambda item: -item[1])[:15]:
            print(f"{ms:8.0f}  {name}")
        print("\nSelf time by function over every app switch (ms):")
        for name, ms in sorted(BY_FUNCTION.items(), key=lambda item: -item[1])[:25]:
            print(f"{ms:8.0f}  {name}")


if __name__ == "__main__":
    main()
