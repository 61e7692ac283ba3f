"""pip-audit over the pinned runtime requirements: no known vulnerability, unless docs/development.md
(Dependencies) names it with why it does not apply. Asks PyPI (the one outside host tests may reach)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from psw_dash import paths

README = (paths.ROOT / "docs" / "development.md").read_text(encoding="utf-8")


def test_pip_audit_finds_no_vulnerability_the_readme_does_not_explain(tmp_path):
    report = tmp_path / "audit.json"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip_audit",
            "-r",
            "requirements.txt",
            "--no-deps",
            "--disable-pip",
            "--progress-spinner",
            "off",
            "-f",
            "json",
            "-o",
            str(report),
        ],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    dependencies = json.loads(report.read_text())["dependencies"]
    pins = [
        line for line in (paths.ROOT / "requirements.txt").read_text().splitlines() if line and not line.startswith("#")
    ]
    assert len(dependencies) == len(pins)  # every pin was looked at
    found = {(d["name"], v["id"]) for d in dependencies for v in d.get("vulns", [])}
    unexplained = sorted(f"{name} {vuln}" for name, vuln in found if not re.search(re.escape(vuln), README))
    assert unexplained == [], (
        "a known vulnerability: upgrade the pin, or say in docs/development.md (Dependencies) why it does not apply"
    )
    not_audited = sorted(d["name"] for d in dependencies if "skip_reason" in d)
    if not_audited:
        print(f"pip-audit could not audit {len(not_audited)} of {len(pins)} pins: {', '.join(not_audited)}")
