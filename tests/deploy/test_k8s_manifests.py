"""The Kubernetes manifests (deploy/k8s), validated offline against the schemas of Kubernetes 1.37 (bundled
in kubernetes-validate), and checked for what an NHS platform team expects of them."""
from __future__ import annotations

import json
import shutil
import subprocess

import kubernetes_validate
import pytest
import yaml

from psw_dash.hosting import drain, k8s, nginx
from psw_dash.page import layout

KUBERNETES = "1.37.0"
KUSTOMIZATION = yaml.safe_load((k8s.K8S / "kustomization.yaml").read_text())
RESOURCES = {name: yaml.safe_load((k8s.K8S / name).read_text()) for name in KUSTOMIZATION["resources"]}


def of_kind(kind: str, name: str | None = None) -> dict:
    """The manifest of that kind; where there are two (the app's and the open data's server's), the one
    named `name`, the app's (psw-dash) by default."""
    found = [r for r in RESOURCES.values() if r["kind"] == kind]
    if name or len(found) > 1:
        found = [r for r in found if r["metadata"]["name"] == (name or "psw-dash")]
    [one] = found
    return one


def all_of_kind(kind: str) -> list[dict]:
    return [r for r in RESOURCES.values() if r["kind"] == kind]


def rendered() -> list[dict]:
    """What `kubectl apply -k deploy/k8s` would send: the kustomization rendered by kubectl."""
    kubectl = shutil.which("kubectl")
    assert kubectl, "kubectl not found: `python dev.py test` installs Debian's kubectl (or install it yourself)"
    result = subprocess.run([kubectl, "kustomize", str(k8s.K8S)], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return [doc for doc in yaml.safe_load_all(result.stdout) if doc]


def test_the_rendered_kustomization_is_what_is_deployed_and_valid_strictly():
    """Not only the files: what kustomize makes of them (namespace, labels, image) must be valid too."""
    documents = rendered()
    assert sorted(d["kind"] for d in documents) == sorted(r["kind"] for r in RESOURCES.values())
    for document in documents:
        kubernetes_validate.validate(document, KUBERNETES, strict=True)
        assert document["metadata"]["labels"]["app.kubernetes.io/part-of"] == "psw-dash"
        if document["kind"] != "Namespace":
            assert document["metadata"]["namespace"] == "psw-dash"
    [deployment] = [d for d in documents if d["kind"] == "Deployment" and d["metadata"]["name"] == "psw-dash"]
    assert deployment["spec"]["template"]["spec"]["containers"][0]["image"] == "psw-dash:latest"


def test_the_rendered_kustomization_fails_on_a_broken_field():
    [broken] = [d for d in rendered() if d["kind"] == "Deployment" and d["metadata"]["name"] == "psw-dash"]
    broken["spec"]["template"]["spec"]["containers"][0]["lifecycle"]["preStop"]["sleep"]["seconds"] = "five"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, KUBERNETES, strict=True)


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_each_manifest_is_valid_for_a_current_kubernetes_strictly(name):
    kubernetes_validate.validate(RESOURCES[name], KUBERNETES, strict=True)


def test_the_validator_really_rejects_a_broken_manifest():
    broken = json.loads(json.dumps(of_kind("Deployment")))
    broken["spec"]["replicas"] = "two"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, KUBERNETES, strict=True)


def test_kustomize_lists_every_manifest_in_the_folder():
    on_disk = {p.name for p in k8s.K8S.glob("*.yaml")} - {"kustomization.yaml"}
    assert set(KUSTOMIZATION["resources"]) == on_disk


@pytest.mark.parametrize("name", sorted(k8s.GENERATED))
def test_generated_manifests_are_up_to_date(name):
    """Run `python -m psw_dash.hosting.k8s` after adding a page or upgrading Streamlit."""
    assert (k8s.K8S / name).read_text() == k8s.GENERATED[name]()


def test_the_deployment_runs_two_hardened_replicas_with_probes_and_resources():
    deployment = of_kind("Deployment")
    pod = deployment["spec"]["template"]["spec"]
    [container] = pod["containers"]
    assert deployment["spec"]["replicas"] >= 2
    for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
        assert container[probe]["httpGet"]["path"] == "/_stcore/health", probe
    resources = container["resources"]
    assert set(resources["requests"]) == set(resources["limits"]) == {"cpu", "memory"}
    assert pod["securityContext"]["runAsNonRoot"] is True and pod["securityContext"]["runAsUser"] == 10001
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert container["securityContext"]["allowPrivilegeEscalation"] is False
    assert container["securityContext"]["capabilities"]["drop"] == ["ALL"]
    assert pod["automountServiceAccountToken"] is False
    assert of_kind("ServiceAccount")["automountServiceAccountToken"] is False
    [mount] = container["volumeMounts"]
    [volume] = pod["volumes"]
    assert mount["mountPath"] == "/tmp" and "emptyDir" in volume and volume["name"] == mount["name"]
    assert {"name": "PSW_DASH_MODE", "value": "hosted"} in container["env"]


def test_the_service_reaches_the_pods_port():
    port = of_kind("Service")["spec"]["ports"][0]
    assert port["targetPort"] == "http"
    assert of_kind("Deployment")["spec"]["template"]["spec"]["containers"][0]["ports"][0]["containerPort"] == 8501


def test_the_ingresses_keep_a_reader_on_one_pod_hold_the_websocket_and_route_only_the_app():
    ingresses = all_of_kind("Ingress")
    assert len(ingresses) == 3
    rules = []
    for ingress in ingresses:
        notes = ingress["metadata"]["annotations"]
        assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
        assert notes["nginx.ingress.kubernetes.io/session-cookie-name"] == "psw_route"
        assert notes["nginx.ingress.kubernetes.io/custom-headers"] == "psw-dash/psw-dash-security-headers"
        rules += [(p["path"], p["pathType"], ingress["metadata"]["name"])
                  for rule in ingress["spec"]["rules"] for p in rule["http"]["paths"]]
    [stream] = [name for path, _, name in rules if path == "/_stcore/stream"]
    [sessions] = [i for i in ingresses if i["metadata"]["name"] == stream]
    assert int(sessions["metadata"]["annotations"]["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600
    assert {f"/{p.url_path}" for p in layout.all_pages()} <= {path for path, _, _ in rules}
    prefixes = {path for path, kind, _ in rules if kind != "Exact"}
    # No catch-all "/" or "/_stcore/" that would reach uploads; /data/open/ goes to the open data's server.
    assert prefixes == {"/static/", "/media/", "/data/open/"}
    assert not [path for path, _, _ in rules if "upload" in path]
    assert len({path for path, _, _ in rules}) == len(rules)  # each path in one Ingress only


def annotations_of(path: str) -> dict[str, str]:
    [ingress] = [i for i in all_of_kind("Ingress") for rule in i["spec"]["rules"]
                 for p in rule["http"]["paths"] if p["path"] == path]
    return {k.removeprefix("nginx.ingress.kubernetes.io/"): v for k, v in ingress["metadata"]["annotations"].items()}


def test_the_ingress_limits_pages_and_sessions_per_address_as_the_local_proxy_does_but_not_files():
    limits = nginx.LIMITS
    pages, sessions, files = annotations_of("/growth"), annotations_of("/_stcore/stream"), annotations_of("/static/")
    assert int(pages["limit-rps"]) * int(pages["limit-burst-multiplier"]) == limits.page_burst
    assert int(pages["limit-rps"]) == limits.page_rate
    assert int(sessions["limit-rps"]) == limits.session_rate
    assert int(sessions["limit-rps"]) * int(sessions["limit-burst-multiplier"]) == limits.session_burst
    assert int(sessions["limit-connections"]) == limits.sessions_held
    assert "limit-rps" not in files and int(files["limit-connections"]) == limits.requests_open
    # A draining or lost pod is skipped; a file another version's pod lacks is asked of the next pod.
    assert "http_503" in pages["proxy-next-upstream"] and "http_503" in sessions["proxy-next-upstream"]
    assert "http_404" in files["proxy-next-upstream"] and "http_404" not in pages["proxy-next-upstream"]


def test_a_stopped_pod_drains_before_it_is_killed():
    """preStop waits while the pod leaves the Service; the replica then drains for at most DRAIN_TIMEOUT_S;
    the grace period covers both, so the kubelet's SIGKILL never cuts a drain short."""
    pod = of_kind("Deployment")["spec"]["template"]["spec"]
    [container] = pod["containers"]
    pre_stop = container["lifecycle"]["preStop"]["sleep"]["seconds"]
    assert pod["terminationGracePeriodSeconds"] >= pre_stop + drain.DRAIN_TIMEOUT_S + 5
    readiness = container["readinessProbe"]
    assert readiness["periodSeconds"] * readiness["failureThreshold"] <= pre_stop  # out of the Service by then


def test_the_ingress_sends_the_same_security_headers_as_the_local_proxy():
    assert of_kind("ConfigMap")["data"] == nginx.security_headers()


def test_autoscaling_never_goes_below_two_and_a_drain_leaves_one():
    assert of_kind("HorizontalPodAutoscaler")["spec"]["minReplicas"] >= 2
    assert of_kind("PodDisruptionBudget")["spec"]["minAvailable"] == 1


def test_the_pods_reach_no_other_host():
    policy = of_kind("NetworkPolicy")["spec"]
    assert "Egress" in policy["policyTypes"] and policy["egress"] == []


def test_the_open_data_path_goes_to_its_own_hardened_file_server():
    from psw_dash.vocabulary import links

    paths = [p for ingress in all_of_kind("Ingress") for rule in ingress["spec"]["rules"] for p in rule["http"]["paths"]]
    [route] = [p for p in paths if p["path"] == links.PREFIX]
    assert route["backend"]["service"] == {"name": k8s.OPEN_DATA_SERVICE, "port": {"name": "http"}}
    others = [p for p in paths if p["path"] != links.PREFIX]
    assert all(p["backend"]["service"]["name"] == "psw-dash" for p in others)
    service = of_kind("Service", k8s.OPEN_DATA_SERVICE)
    deployment = of_kind("Deployment", k8s.OPEN_DATA_SERVICE)
    pod = deployment["spec"]["template"]["spec"]
    [container] = pod["containers"]
    assert service["spec"]["selector"] == deployment["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"] != of_kind("Service")["spec"]["selector"], "the app's Service must not reach it"
    assert container["command"][:3] == ["python", "-m", "psw_dash.hosting.open_data_server"]
    assert container["ports"][0]["containerPort"] == int(container["command"][container["command"].index("--port") + 1])
    assert container["readinessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["securityContext"]["readOnlyRootFilesystem"] is True and pod["securityContext"]["runAsNonRoot"]
    assert pod["automountServiceAccountToken"] is False
    policy = of_kind("NetworkPolicy", k8s.OPEN_DATA_SERVICE)["spec"]
    assert policy["egress"] == [] and policy["podSelector"]["matchLabels"] == service["spec"]["selector"]
    assert policy["ingress"][0]["ports"][0]["port"] == container["ports"][0]["containerPort"]

