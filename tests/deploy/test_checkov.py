"""Checkov, as a platform team runs it, over the Dockerfile and what `kubectl apply -k deploy/k8s/example`
sends: every failed check is fixed or waived with a reason (tests/deploy/checkov_waivers.yaml), and the
scan really fails a weakened manifest. Checkov (requirements-checkov.txt) lives in .venv-checkov, made by
`python dev.py test`; it runs offline (--skip-download: no guidelines fetched, nothing uploaded)."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from psw_dash import paths
from tests.deploy.test_k8s_manifests import rendered

WAIVERS = Path(__file__).parent / "checkov_waivers.yaml"
CHECKOV_VENV = paths.ROOT / ".venv-checkov"
WEAKENED = "weakened/deployment.yaml"


def checkov() -> str:
    found = os.environ.get("PSW_DASH_CHECKOV") or next(
        (str(p) for p in (CHECKOV_VENV / "bin" / "checkov", CHECKOV_VENV / "Scripts" / "checkov.cmd") if p.is_file()),
        None,
    )
    assert found, f"Checkov not found in {CHECKOV_VENV}: `python dev.py test` installs requirements-checkov.txt there"
    return found


def weakened_deployment() -> dict:
    """The replicas' Deployment as a careless copy would have it: a mutable tag, root, a writable root."""
    deployment = copy.deepcopy(next(d for d in rendered() if d["kind"] == "Deployment"))
    [container] = deployment["spec"]["template"]["spec"]["containers"]
    container["image"] = "psw-dash:latest"
    container["securityContext"] = {"privileged": True}
    return deployment


@pytest.fixture(scope="module")
def findings(tmp_path_factory) -> set[tuple[str, str]]:
    """(check id, file) of every failed check, the weakened copy's included: one scan for the module."""
    scanned = tmp_path_factory.mktemp("checkov")
    (scanned / "weakened").mkdir(parents=True, exist_ok=True)
    (scanned / "deploy-k8s-example.yaml").write_text(yaml.safe_dump_all(rendered(), sort_keys=False))
    (scanned / WEAKENED).write_text(yaml.safe_dump(weakened_deployment(), sort_keys=False))
    shutil.copy(paths.ROOT / "Dockerfile", scanned / "Dockerfile")
    result = subprocess.run(
        [
            checkov(),
            "--directory",
            str(scanned),
            "--framework",
            "kubernetes",
            "dockerfile",
            "--skip-download",
            "--output",
            "json",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "BC_SKIP_MAPPING": "TRUE"},
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr[-3000:]
    reports = json.loads(result.stdout)
    reports = reports if isinstance(reports, list) else [reports]
    assert {r["check_type"] for r in reports} == {"kubernetes", "dockerfile"}, result.stdout[:2000]
    return {
        (check["check_id"], check["file_path"].lstrip("/"))
        for report in reports
        for check in report["results"]["failed_checks"]
    }


def test_every_failed_check_is_waived_with_a_reason_and_every_waiver_is_still_needed(findings):
    failed = {(check, path) for check, path in findings if path != WEAKENED}
    waivers = yaml.safe_load(WAIVERS.read_text())
    assert all(len(w["why"].split()) >= 10 for w in waivers), "a waiver says why"
    waived = {(w["check"], w["file"]) for w in waivers}
    assert failed - waived == set(), "fix these, or waive them with a reason in checkov_waivers.yaml"
    assert waived - failed == set(), "these no longer fail: remove their waivers"


def test_the_scan_fails_a_weakened_copy_of_the_deployment(findings):
    failed = {check for check, path in findings if path == WEAKENED}
    # A tag instead of a digest, a privileged container, a writable root filesystem.
    assert {"CKV_K8S_43", "CKV_K8S_16", "CKV_K8S_22"} <= failed
