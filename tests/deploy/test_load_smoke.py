"""The load test at smoke size, so CI proves it runs: 3 Streamlit sessions through nginx and 2 replicas, each
from a loopback address of its own. It asserts that sessions were held and measured and that the proxy saw
them arrive from those addresses, never how fast (speed is the benchmark's to report)."""

from __future__ import annotations

from bench import hosted_load


def test_the_load_test_holds_a_few_sessions_and_reports_every_figure():
    report = hosted_load.run_load(sessions=3, step=3, step_seconds=10, think=(1.0, 2.0), replicas=2, baseline_reruns=3)
    last, verdict = report["steps"][-1], report["verdict"]
    assert last["held"] == 3 and verdict["errors"] == 0, last["errors"]
    # 3 readers' addresses (127.0.1.1-3), and 127.0.0.1 of the warm-up and the lone baseline session
    assert (report["source_addresses"], report["addresses_seen_by_proxy"]) == (3, 4)
    assert last["reruns"] >= 3 and report["single"]["reruns"] >= 2
    assert last["p50_ms"] > 0 and last["p95_ms"] >= last["p50_ms"]
    assert verdict["memory_per_replica_mb"] > 50 and len(last["rss_mb"]) == 2
    lines = hosted_load.report_lines(report)
    assert any(line.startswith("single session: p50") for line in lines)
    assert any(line.startswith("saturation") for line in lines)
    assert any(line.startswith("goal (p95 <= 100 ms") for line in lines)


def test_readers_addresses_are_loopback_and_one_address_is_127_0_0_1():
    assert hosted_load.reader_addresses(1) == ["127.0.0.1"]
    spread = hosted_load.reader_addresses(300)
    assert len(set(spread)) == 300 and spread[0] == "127.0.1.1" and spread[-1] == "127.0.2.44"
