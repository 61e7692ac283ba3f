"""The load test at smoke size, so CI proves it runs: 3 Streamlit sessions through nginx and 2 replicas.
It asserts that sessions were held and measured, never how fast (speed is the benchmark's to report)."""
from __future__ import annotations

from bench import hosted_load


def test_the_load_test_holds_a_few_sessions_and_reports_every_figure():
    report = hosted_load.run_load(sessions=3, step=3, step_seconds=10, think=(1.0, 2.0), replicas=2,
                                  baseline_reruns=3)
    last, verdict = report["steps"][-1], report["verdict"]
    assert last["held"] == 3 and verdict["errors"] == 0, last["errors"]
    assert last["reruns"] >= 3 and report["single"]["reruns"] >= 2
    assert last["p50_ms"] > 0 and last["p95_ms"] >= last["p50_ms"]
    assert verdict["memory_per_replica_mb"] > 50 and len(last["rss_mb"]) == 2
    lines = hosted_load.report_lines(report)
    assert any(line.startswith("single session: p50") for line in lines)
    assert any(line.startswith("saturation") for line in lines)
