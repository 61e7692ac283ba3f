"""Soak test of the hosted copy: readers arrive, browse 3 to 5 pages and leave, for 10 minutes or more,
through nginx, in Streamlit's own protocol (bench/hosted_load.py's Session). Does a replica give back
what its readers used once they have gone?

    python dev.py soak                                   2 replicas, 10 minutes, a reader every 3 s
    .venv/bin/python -m bench.hosted_soak --minutes 10 --arrival-seconds 3

A report, not a test: it prints, and writes artifacts/hosted_soak.json. Memory is each replica's resident
set (RSS): after warm-up (every page drawn on every replica, those readers gone and their sessions expired),
during the soak (sampled), and after the last reader left and Streamlit expired the sessions
(server.disconnectedSessionTTL, 120 s, plus a margin). Target: after within 10% of after warm-up.
Bounded in readers and time, loopback only; it starts and stops its own replicas and nginx.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import time
import uuid

import websockets

from bench.hosted_load import RERUN_TIMEOUT_S, Session, SessionError, percentile, publish, rss_mb
from psw_dash import paths
from psw_dash.hosting import run
from psw_dash.page import layout

OUT = paths.ROOT / "artifacts" / "hosted_soak.json"
SESSION_EXPIRY_S = 120 + 30  # Streamlit keeps a disconnected session 120 s for its reader to come back
TARGET_SHARE = 0.10


def all_pages() -> list[str]:
    return [page.url_path for page in layout.all_pages()]


class Reader(Session):
    """One visit: a new browser (route cookie), 3 to 5 pages, sometimes a change of a page's control, then gone."""

    async def visit(self, pages: list[str], think: tuple[float, float]) -> int:
        ws_url = self.url.replace("http://", "ws://") + "/_stcore/stream"
        cookie = {"Cookie": f"psw_route={uuid.uuid4().hex}"}
        seen = 0
        try:
            async with websockets.connect(
                ws_url,
                subprotocols=["streamlit"],
                max_size=None,
                additional_headers=cookie,
                open_timeout=RERUN_TIMEOUT_S,
            ) as ws:
                for page in pages:
                    self.page, self.page_hash, self.query_string, self.control_id = page, "", "", ""
                    self.latencies_ms.append(await self.rerun(ws))
                    seen += 1
                    if self.control_id and random.random() < 0.5:  # half the readers try the page's other view
                        self.latencies_ms.append(await self.rerun(ws, self.control_options[-1]))
                    await asyncio.sleep(random.uniform(*think))
        except (TimeoutError, SessionError, OSError, websockets.WebSocketException) as problem:
            self.errors.append(f"{self.page}: {type(problem).__name__}: {problem}")
        return seen


async def soak(url: str, seconds: float, arrival_s: float, think: tuple[float, float], pids: list[int]) -> dict:
    pages = all_pages()
    stop_at = time.monotonic() + seconds
    visits: list[asyncio.Task] = []
    readers: list[Reader] = []
    samples: list[list[float]] = []
    next_sample = time.monotonic()
    while time.monotonic() < stop_at:
        reader = Reader(url, "", think)
        readers.append(reader)
        visits.append(asyncio.create_task(reader.visit(random.sample(pages, random.randint(3, 5)), think)))
        if time.monotonic() >= next_sample:
            samples.append([round(rss_mb(pid), 1) for pid in pids])
            next_sample += 30
        await asyncio.sleep(random.expovariate(1 / arrival_s))
    seen = await asyncio.gather(*visits)
    samples.append([round(rss_mb(pid), 1) for pid in pids])
    latencies = [ms for r in readers for ms in r.latencies_ms]
    return {
        "readers": len(readers),
        "pages_seen": sum(seen),
        "reruns": len(latencies),
        "errors": [e for r in readers for e in r.errors],
        "p50_ms": percentile(latencies, 0.5),
        "p95_ms": percentile(latencies, 0.95),
        "rss_samples_mb": samples,
    }


async def warm(url: str, replicas: int) -> None:
    """Every page drawn on every replica (readers spread by their random route cookies), then gone."""
    pages = all_pages()
    readers = [Reader(url, "", (0.2, 0.5)) for _ in range(4 * replicas)]
    await asyncio.gather(*(r.visit(pages, (0.2, 0.5)) for r in readers))


def measure(minutes: float, arrival_s: float, think: tuple[float, float], replicas: int) -> dict:
    random.seed(24)
    load_before = os.getloadavg()[0]
    with run.hosted(replicas=replicas) as site:
        pids = site.replica_pids
        print("  warming every page on every replica ...", flush=True)
        asyncio.run(warm(site.url, replicas))
        time.sleep(SESSION_EXPIRY_S)  # the warm-up's sessions expire, as the soak's will
        after_warmup = [round(rss_mb(pid), 1) for pid in pids]
        print(f"  after warm-up: {after_warmup} MB; soaking {minutes:g} min ...", flush=True)
        result = asyncio.run(soak(site.url, minutes * 60, arrival_s, think, pids))
        at_end = [round(rss_mb(pid), 1) for pid in pids]
        print(
            f"  last reader gone: {at_end} MB; waiting {SESSION_EXPIRY_S} s for the sessions to expire ...", flush=True
        )
        time.sleep(SESSION_EXPIRY_S)
        after_leave = [round(rss_mb(pid), 1) for pid in pids]
    change = [(a - w) / w for a, w in zip(after_leave, after_warmup, strict=True)]
    return {
        **result,
        "replicas": replicas,
        "minutes": minutes,
        "arrival_s": arrival_s,
        "think_s": list(think),
        "rss_after_warmup_mb": after_warmup,
        "rss_when_last_reader_left_mb": at_end,
        "rss_after_readers_left_mb": after_leave,
        "rss_peak_mb": [max(s[i] for s in result["rss_samples_mb"]) for i in range(replicas)],
        "rss_change_share": [round(c, 3) for c in change],
        "target_met": all(abs(c) <= TARGET_SHARE for c in change),
        "load_average": [round(load_before, 1), round(os.getloadavg()[0], 1)],
        "cpus": os.cpu_count(),
    }


def report_lines(report: dict) -> list[str]:
    return [
        (
            f"replicas {report['replicas']}, {report['minutes']:g} min, a reader every {report['arrival_s']:g} s on "
            f"average, think {report['think_s'][0]:g}-{report['think_s'][1]:g} s; machine: {report['cpus']} CPUs, load "
            f"average {report['load_average'][0]} before, {report['load_average'][1]} after"
        ),
        (
            f"readers {report['readers']}, pages seen {report['pages_seen']}, reruns {report['reruns']}, errors "
            f"{len(report['errors'])}, p50 {report['p50_ms'] or 0:.0f} ms, p95 {report['p95_ms'] or 0:.0f} ms"
        ),
        (
            f"memory per replica (MB): after warm-up {report['rss_after_warmup_mb']}, peak {report['rss_peak_mb']}, "
            f"when the last reader left {report['rss_when_last_reader_left_mb']}, after the sessions expired "
            f"{report['rss_after_readers_left_mb']}"
        ),
        "change after the readers left vs after warm-up: "
        + ", ".join(f"{c:+.1%}" for c in report["rss_change_share"])
        + f"; target (within {TARGET_SHARE:.0%}): "
        + ("MET" if report["target_met"] else "NOT MET"),
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10, help="how long readers keep arriving (max 60)")
    parser.add_argument("--arrival-seconds", type=float, default=3, help="mean seconds between arrivals (min 0.5)")
    parser.add_argument("--think", type=float, nargs=2, default=(3.0, 8.0), help="seconds on each page")
    parser.add_argument("--replicas", type=int, default=2)
    args = parser.parse_args(argv)
    minutes, arrival = min(args.minutes, 60), max(args.arrival_seconds, 0.5)  # bounded, whatever is asked
    print(
        f"Soak: readers arrive for {minutes:g} min through nginx, {args.replicas} replicas (loopback only)", flush=True
    )
    report = measure(minutes, arrival, tuple(args.think), args.replicas)
    publish(report, report_lines(report), OUT)


if __name__ == "__main__":
    main()
