"""Server time of the planner page's rerun after each input changes (AppTest, script time only).

    .venv/bin/python -m bench.planner_rerun [--repeats 7]

A report, not a test: prints the median milliseconds per change against the issue's target of
100 ms, and exits 0 whatever they are. 'cpu ms' is this process's CPU time over the same rerun:
on a shared, busy machine the wall time also counts waiting for a core, the CPU time does not. No browser, no network: what a widget interaction costs
the server.
"""

from __future__ import annotations

import argparse
import statistics
import time

from streamlit.testing.v1 import AppTest

from psw_dash import paths

TARGET_MS = 100
# (what changes, how to change it on the page)
CHANGES = {
    "starting headcount": lambda app, i: app.number_input(key="planner-start").set_value(862 + i % 2),
    "trainees per post": lambda app, i: app.number_input(key="planner-tpp").set_value(3.0 if i % 2 else 2.5),
    "shape of growth": lambda app, i: app.segmented_control(key="choice-shape-compound|straight").set_value(
        "straight" if i % 2 == 0 else "compound"
    ),
    "target": lambda app, i: app.segmented_control(key="choice-target-ltp_2019|ltwp_2036_37|own").set_value(
        "ltwp_2036_37" if i % 2 == 0 else "ltp_2019"
    ),
    "reverse growth": lambda app, i: app.number_input(key="planner-at").set_value(20.0 + i % 2),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args(argv)
    app = AppTest.from_file(str(paths.ROOT / "app.py"), default_timeout=60)
    app.run()
    app.switch_page("pages/planner.py").run()
    # The inputs are drawn once asked for, as a reader opens "Change the scenario" and "Try another growth rate".
    app.session_state["planner-change"] = app.session_state["planner-try-rate"] = True
    app.run()
    app.run()  # warm: caches filled, modules imported
    print(f"{'input changed':<22} {'median ms':>9} {'max ms':>7} {'cpu ms':>7}  (target: under {TARGET_MS} ms)")
    for name, change in CHANGES.items():
        samples, cpu = [], []
        for i in range(args.repeats):
            change(app, i)
            started, started_cpu = time.perf_counter(), time.process_time()
            app.run()
            samples.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            if app.exception:
                print(f"! {name}: {app.exception[0].value}")
                return 0
        median = statistics.median(samples)
        print(
            f"{name:<22} {median:9.0f} {max(samples):7.0f} {statistics.median(cpu):7.0f}  "
            f"{'PASS' if median < TARGET_MS else 'OVER'}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
