"""What one hosted replica needs in memory and in /tmp while a reader downloads a chart image: the figures
deploy/k8s/base/deployment.yaml's requests and limits are sized from.

    .venv/bin/python -m bench.replica_memory [--downloads 3]

A report, not a test: it starts one replica as the image does (python -m psw_dash.hosting.replica, hosted
mode) with HOME and TMPDIR in a fresh folder standing for the pod's /tmp, opens pages in headless
Chromium, downloads a chart as PNG (the replica's own Chromium draws it, through kaleido), and samples
every 0.2 s: the resident memory (RSS and PSS) of the replica and every process it started (Chromium
included), and the bytes under its /tmp. A memory-backed /tmp (emptyDir medium Memory) is charged to the
pod's memory, so the pod needs the sum. Prints the figures and writes artifacts/replica_memory.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.proc_tree import descendants
from devtools import serve
from psw_dash import paths
from psw_dash.hosting import processes

OUT = paths.ROOT / "artifacts" / "replica_memory.json"
PAGES = ["", "growth", "regions", "service_models"]


def _memory_kb(pid: int, field: str) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup" if field == "Pss" else f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    key = "Pss:" if field == "Pss" else "VmRSS:"
    return next((int(line.split()[1]) for line in text.splitlines() if line.startswith(key)), 0)


def _tree_mb(pid: int, field: str) -> float:
    return sum(_memory_kb(p, field) for p in [pid, *descendants(pid)]) / 1024


def _folder_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink()) / 1e6


class Sampler(threading.Thread):
    def __init__(self, pid: int, tmp: Path):
        super().__init__(daemon=True)
        self.pid, self.tmp, self.stopped = pid, tmp, threading.Event()
        self.samples: list[tuple[float, float, float, int]] = []  # (rss MB, pss MB, /tmp MB, processes)

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                tmp_mb = _folder_mb(self.tmp)
            except OSError:
                tmp_mb = 0.0
            self.samples.append(
                (_tree_mb(self.pid, "Rss"), _tree_mb(self.pid, "Pss"), tmp_mb, 1 + len(descendants(self.pid)))
            )
            time.sleep(0.2)

    def peak(self, since: int = 0) -> dict[str, float]:
        window = self.samples[since:]
        return {
            "rss_mb": max(s[0] for s in window),
            "pss_mb": max(s[1] for s in window),
            "tmp_mb": max(s[2] for s in window),
            "pss_plus_tmp_mb": max(s[1] + s[2] for s in window),
            "processes": max(s[3] for s in window),
        }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--downloads", type=int, default=3)
    options = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="psw-dash-pod-tmp-"))
    port = processes.free_port()
    env = {**os.environ, "HOME": str(tmp), "TMPDIR": str(tmp)}
    log = tmp.parent / f"{tmp.name}.log"
    with log.open("wb") as log_file:
        replica = subprocess.Popen(
            [sys.executable, "-m", "psw_dash.hosting.replica", "--port", str(port)],
            cwd=paths.ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    sampler = Sampler(replica.pid, tmp)
    report: dict[str, object] = {}
    try:
        processes.wait_until_healthy(url, replica, lambda: log.read_text(errors="replace"), timeout_s=240)
        report["started"] = {"rss_mb": _tree_mb(replica.pid, "Rss"), "pss_mb": _tree_mb(replica.pid, "Pss")}
        sampler.start()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=serve.chromium_path(), args=serve.CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1280, "height": 2400}, accept_downloads=True)
            page = context.new_page()
            for path in PAGES:
                page.goto(f"{url}/{path}")
                serve.wait_until_drawn(page, 1, timeout_ms=240_000)
            before_images = len(sampler.samples)
            report["pages_drawn"] = sampler.peak()
            for _ in range(options.downloads):
                page.get_by_role("button", name="Download image (PNG, SVG)").click()
                with page.expect_download(timeout=240_000) as png:
                    page.get_by_role("button", name="Download PNG").click()
                assert Path(png.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
                page.keyboard.press("Escape")
            time.sleep(2)
            report["chart_image_downloads"] = sampler.peak(before_images)
            browser.close()
    finally:
        sampler.stopped.set()
        processes.stop(replica)
    report["downloads"] = options.downloads
    report["whole_run"] = sampler.peak()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
