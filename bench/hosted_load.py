"""Load test of the hosted copy: real Streamlit sessions over websockets through nginx, in Streamlit's own
protocol (BackMsg and ForwardMsg protobufs from the streamlit package), as a room of readers.

    python dev.py load                                   2 replicas, up to 50 sessions in steps of 10
    .venv/bin/python -m bench.hosted_load --sessions 300 --step 100 --step-seconds 60
    .venv/bin/python -m bench.hosted_load --addresses 1   every session from 127.0.0.1, as one office's NAT

A report, not a test: it prints, and writes artifacts/hosted_load.json. Each session opens a page, then
every 5-10 s changes the page's "Show" control (a real widget state, as a click sends it) and times the
rerun: from sending the request to the ForwardMsg that says the script finished. First one session alone
(the baseline in this run), then sessions are added step by step, each step held for --step-seconds.

Readers arrive from many offices: each session's socket is bound to a source address of its own on the
loopback network (127.0.0.0/8: 127.0.1.1, 127.0.1.2, ...; --addresses of them, in turn), so the proxy's and
the replicas' per-address flood limits see many readers, not one flood. --addresses 1 sends every session
from 127.0.0.1, where the flood limit applies by design (tests/e2e/test_one_address.py tests that flood).
Bounded in sessions and time, loopback only; it starts and stops its own replicas and nginx.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import ipaddress
import json
import os
import random
import re
import statistics
import time
import uuid
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.proc_tree import descendants
from psw_dash import paths
from psw_dash.hosting import run

OUT = paths.ROOT / "artifacts" / "hosted_load.json"
SATURATION_P95_MS = 1000
GOAL_P95_MS = 100  # readers from many offices: p95 within this, 0 errors, every session held
MAX_SESSIONS = 400
# The source addresses readers arrive from: 127.0.1.1 onwards, inside loopback (127.0.0.0/8) and never
# 127.0.0.1 (the proxy's and the replicas' own address), so the flood limits count each reader's office.
FIRST_READER_ADDRESS = ipaddress.IPv4Address("127.0.1.1")
ONE_ADDRESS = "127.0.0.1"
CONTROL_LABEL = "Show"
# Pages with a "Show" control, the widget each reader keeps changing; sessions spread over them.
PAGES = ["people", "employment", "wellbeing", "training", "workforce_profile", "other_sectors"]
RERUN_TIMEOUT_S = 60


class SessionError(Exception):
    pass


@dataclass
class Session:
    """One reader: a websocket, the page it reads, the control it changes and what it measured."""

    url: str
    page: str
    think: tuple[float, float]
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    page_hash: str = ""
    query_string: str = ""
    control_id: str = ""
    control_options: list[str] = field(default_factory=list)
    choice: int = 0
    alive: bool = False
    source: str = ONE_ADDRESS  # the loopback address this reader's socket is bound to

    def client_state(self, widget: str | None = None) -> BackMsg:
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query_string
        state.page_name = self.page
        state.page_script_hash = self.page_hash
        if widget is not None:
            value = state.widget_states.widgets.add()
            value.id = self.control_id
            value.string_array_value.data.append(widget)
        return message

    async def rerun(self, ws, widget: str | None = None) -> float:
        """Send one rerun request; read ForwardMsgs until the script has finished; return milliseconds."""
        start = time.perf_counter()
        await ws.send(self.client_state(widget).SerializeToString())
        while True:
            raw = await asyncio.wait_for(ws.recv(), RERUN_TIMEOUT_S)
            message = ForwardMsg()
            message.ParseFromString(raw)
            kind = message.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = message.new_session.page_script_hash
            elif kind == "page_info_changed":
                self.query_string = message.page_info_changed.query_string
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                if element.WhichOneof("type") == "exception":
                    raise SessionError(f"page shows an exception: {element.exception.type}")
                if element.WhichOneof("type") == "alert" and "could not be shown" in element.alert.body:
                    raise SessionError("page shows the failure message")
                if element.WhichOneof("type") == "button_group" and element.button_group.label == CONTROL_LABEL:
                    self.control_id = element.button_group.id
                    self.control_options = [option.content for option in element.button_group.options]
            elif kind == "script_finished":
                status = message.script_finished
                if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue
                if status != ForwardMsg.FINISHED_SUCCESSFULLY:
                    raise SessionError(f"script finished with status {status}")
                return (time.perf_counter() - start) * 1000

    async def read(self, stop_at: float, start_delay: float = 0.0) -> None:
        """Open the page, then change the control every think seconds until stop_at."""
        await asyncio.sleep(start_delay)
        ws_url = self.url.replace("http://", "ws://") + "/_stcore/stream"
        cookie = {"Cookie": f"psw_route={uuid.uuid4().hex}"}  # a new browser, as the proxy would set it
        try:
            async with websockets.connect(
                ws_url,
                subprotocols=["streamlit"],
                max_size=None,
                additional_headers=cookie,
                open_timeout=30,
                local_addr=(self.source, 0),
            ) as ws:
                await self.rerun(ws)  # the page's first run
                if not self.control_id:
                    raise SessionError(f"no {CONTROL_LABEL!r} control on {self.page}")
                self.alive = True
                while True:
                    pause = random.uniform(*self.think)
                    if time.monotonic() + pause >= stop_at:
                        break
                    await asyncio.sleep(pause)
                    self.choice = (self.choice + 1) % len(self.control_options)
                    before = self.query_string
                    self.latencies_ms.append(await self.rerun(ws, self.control_options[self.choice]))
                    if self.query_string == before:  # the page puts its view in the URL: it must change
                        raise SessionError(f"the change to {self.control_options[self.choice]!r} was not applied")
        except (TimeoutError, SessionError, OSError, websockets.WebSocketException) as problem:
            self.errors.append(f"{self.page}: {type(problem).__name__}: {problem}")
            self.alive = False


def percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


REPLICA = "replica "  # each replica's part is named "replica 1", "replica 2", ...


def cpu_by_part(site) -> dict[str, float]:
    """CPU seconds used so far by each replica, the proxy (its master and workers) and this bench's client, which
    share the machine's cores: what a step used of them says how much was left for the replicas."""
    nginx = [site.nginx_pid, *descendants(site.nginx_pid)]
    return {
        **{f"{REPLICA}{n}": cpu_seconds(pid) for n, pid in enumerate(site.replica_pids, start=1)},
        "proxy": sum(cpu_seconds(pid) for pid in nginx),
        "bench client": time.process_time(),
    }


def reader_addresses(count: int) -> list[str]:
    """`count` loopback source addresses, one per office; one address is 127.0.0.1 itself."""
    if count <= 1:
        return [ONE_ADDRESS]
    addresses = [str(FIRST_READER_ADDRESS + index) for index in range(count)]
    assert all(ipaddress.IPv4Address(a) in ipaddress.IPv4Network("127.0.0.0/8") for a in addresses)
    return addresses


async def one_step(
    url: str, sessions: int, seconds: float, think: tuple[float, float], addresses: list[str] | None = None
) -> list[Session]:
    stop_at = time.monotonic() + seconds
    addresses = addresses or [ONE_ADDRESS]
    readers = [
        Session(url, PAGES[i % len(PAGES)], think, source=addresses[i % len(addresses)]) for i in range(sessions)
    ]
    # Arrivals spread over the first think interval, as readers do not all click at once.
    await asyncio.gather(*(r.read(stop_at, random.uniform(0, think[0])) for r in readers))
    return readers


def summarise(readers: list[Session]) -> dict:
    latencies = [ms for r in readers for ms in r.latencies_ms]
    return {
        "sessions": len(readers),
        "held": sum(r.alive for r in readers),
        "errors": [e for r in readers for e in r.errors],
        "reruns": len(latencies),
        "p50_ms": percentile(latencies, 0.50),
        "p95_ms": percentile(latencies, 0.95),
    }


def addresses_seen(site) -> int:
    """How many client addresses opened a session through the proxy, from its access log."""
    log = (site.workdir / "access.log").read_text(errors="replace")
    return len(set(re.findall(r'^(\S+) \[[^]]*\] at=\S+ took=\S+ "GET /_stcore/stream ', log, flags=re.MULTILINE)))


def measure(
    sessions: int,
    step: int,
    step_seconds: float,
    think: tuple[float, float],
    replicas: int,
    baseline_reruns: int,
    addresses: int = MAX_SESSIONS,
) -> dict:
    random.seed(11)
    load_before = os.getloadavg()[0]
    sources = reader_addresses(min(addresses, sessions))
    with run.hosted(replicas=replicas) as site:
        pids = site.replica_pids
        # Warm every replica (imports, caches) with a visit to each page, then read idle memory.
        asyncio.run(one_step(site.url, len(PAGES) * replicas, 2, (0.5, 1.0)))
        idle_rss = [rss_mb(pid) for pid in pids]
        # One session alone: the baseline, measured in this run on this machine.
        baseline = Session(site.url, PAGES[0], (1.0, 1.5))
        asyncio.run(baseline.read(time.monotonic() + baseline_reruns * 1.5 + 1))
        single = summarise([baseline])
        steps = []
        counts = list(range(step, sessions, step)) + [sessions]
        for count in counts:
            before, started = cpu_by_part(site), time.monotonic()
            readers = asyncio.run(one_step(site.url, count, step_seconds, think, sources))
            result = summarise(readers)
            took = time.monotonic() - started
            used = {part: seconds - before[part] for part, seconds in cpu_by_part(site).items()}
            result["cores_used"] = {part: round(seconds / took, 2) for part, seconds in used.items()}
            replicas_used = sum(seconds for part, seconds in used.items() if part.startswith(REPLICA))
            result["cpu_ms_per_rerun"] = replicas_used * 1000 / max(1, result["reruns"] + count)  # + first runs
            result["rss_mb"] = [round(rss_mb(pid), 1) for pid in pids]
            steps.append(result)
            print(
                f"  {count:3d} sessions: held {result['held']}, errors {len(result['errors'])}, "
                f"reruns {result['reruns']}, p50 {result['p50_ms'] or 0:.0f} ms, p95 {result['p95_ms'] or 0:.0f} ms, "
                f"CPU {result['cpu_ms_per_rerun']:.0f} ms per rerun, RSS {result['rss_mb']} MB; cores used: "
                + ", ".join(f"{part} {cores:.2f}" for part, cores in result["cores_used"].items()),
                flush=True,
            )
        seen = addresses_seen(site)
    return {
        "single": single,
        "steps": steps,
        "source_addresses": len(sources),
        "addresses_seen_by_proxy": seen,
        "idle_rss_mb": [round(m, 1) for m in idle_rss],
        "load_average": [round(load_before, 1), round(os.getloadavg()[0], 1)],
        "cpus": os.cpu_count(),
        "replicas": replicas,
        "think_s": list(think),
        "step_seconds": step_seconds,
    }


def verdict(report: dict) -> dict:
    single, last = report["single"], report["steps"][-1]
    saturated = [s["sessions"] for s in report["steps"] if (s["p95_ms"] or 0) > SATURATION_P95_MS]
    per_replica_sessions = last["sessions"] / report["replicas"]
    growth = [rss - idle for rss, idle in zip(last["rss_mb"], report["idle_rss_mb"], strict=True)]
    return {
        "sessions_held": last["held"],
        "errors": len(last["errors"]) + sum(len(s["errors"]) for s in report["steps"][:-1]) + len(single["errors"]),
        "p95_ratio": (last["p95_ms"] / single["p95_ms"]) if last["p95_ms"] and single["p95_ms"] else None,
        "saturation_sessions": saturated[0] if saturated else None,
        "memory_per_replica_mb": round(max(last["rss_mb"]), 1),
        "memory_per_session_mb": round(max(0.0, statistics.mean(growth)) / per_replica_sessions, 2),
    }


def report_lines(report: dict) -> list[str]:
    v, single, last = report["verdict"], report["single"], report["steps"][-1]
    ratio = f"{v['p95_ratio']:.1f}x" if v["p95_ratio"] else "n/a"
    target_met = (
        last["held"] == last["sessions"] and v["errors"] == 0 and v["p95_ratio"] is not None and v["p95_ratio"] <= 2
    )
    goal_met = last["held"] == last["sessions"] and v["errors"] == 0 and (last["p95_ms"] or 0) <= GOAL_P95_MS
    return [
        (
            f"readers from {report['source_addresses']} loopback source address(es); the proxy saw sessions from "
            f"{report['addresses_seen_by_proxy']}"
        ),
        (
            f"replicas {report['replicas']}, think {report['think_s'][0]:g}-{report['think_s'][1]:g} s, "
            f"steps held {report['step_seconds']:g} s; machine: {report['cpus']} CPUs, load average "
            f"{report['load_average'][0]} before, {report['load_average'][1]} after (other work shares the CPUs)"
        ),
        (
            f"single session: p50 {single['p50_ms'] or 0:.0f} ms, p95 {single['p95_ms'] or 0:.0f} ms "
            f"({single['reruns']} reruns)"
        ),
        (
            f"{last['sessions']} sessions: held {last['held']}, errors {v['errors']}, p50 {last['p50_ms'] or 0:.0f} ms, "
            f"p95 {last['p95_ms'] or 0:.0f} ms = {ratio} single"
        ),
        f"saturation (p95 > {SATURATION_P95_MS} ms): "
        + (f"{v['saturation_sessions']} sessions" if v["saturation_sessions"] else "not reached"),
        (
            f"memory: {v['memory_per_replica_mb']} MB per replica (idle {max(report['idle_rss_mb'])} MB), "
            f"{v['memory_per_session_mb']} MB per session"
        ),
        f"CPU per rerun at {last['sessions']} sessions: {last['cpu_ms_per_rerun']:.0f} ms",
        "target (p95 <= 2x single, 0 errors, all held): " + ("MET" if target_met else "NOT MET"),
        f"goal (p95 <= {GOAL_P95_MS} ms, 0 errors, all held): " + ("MET" if goal_met else "NOT MET"),
    ]


def run_load(**options) -> dict:
    """measure() and its verdict; callable from inside a running event loop (it then runs in a thread)."""

    def work() -> dict:
        report = measure(**options)
        report["verdict"] = verdict(report)
        return report

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return work()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:  # asyncio.run refuses a running loop
        return pool.submit(work).result()


def publish(report: dict, lines: list[str], out) -> None:
    """Print a bench's report and write it as JSON (the soak test uses this too)."""
    print("\n".join(lines))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"written to {out.relative_to(paths.ROOT)}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sessions", type=int, default=50, help=f"the last step's concurrent sessions (max {MAX_SESSIONS})"
    )
    parser.add_argument("--step", type=int, default=10, help="sessions added per step")
    parser.add_argument("--step-seconds", type=float, default=45, help="how long each step is held (max 300)")
    parser.add_argument("--think", type=float, nargs=2, default=(5.0, 10.0), help="seconds between reruns")
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--baseline-reruns", type=int, default=15)
    parser.add_argument(
        "--addresses",
        type=int,
        default=MAX_SESSIONS,
        help="loopback source addresses the sessions come from, in turn (1: all from 127.0.0.1)",
    )
    args = parser.parse_args(argv)
    # bounded, whatever is asked
    sessions, step_seconds = min(args.sessions, MAX_SESSIONS), min(args.step_seconds, 300)
    addresses = max(1, min(args.addresses, MAX_SESSIONS))
    print(
        f"Load test: up to {sessions} sessions through nginx from {min(addresses, sessions)} loopback address(es), "
        f"{args.replicas} replicas (loopback only)",
        flush=True,
    )
    report = run_load(
        sessions=sessions,
        step=min(args.step, sessions),
        step_seconds=step_seconds,
        think=tuple(args.think),
        replicas=args.replicas,
        baseline_reruns=args.baseline_reruns,
        addresses=addresses,
    )
    publish(report, report_lines(report), OUT)


if __name__ == "__main__":
    main()
