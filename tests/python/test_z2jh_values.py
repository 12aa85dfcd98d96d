"""examples/z2jh: the Zero to JupyterHub values and the service's manifest fit the service.

The scopes granted to the service, expanded as JupyterHub 6 expands them, must cover every hub API
call in the service's code and grant nothing beyond them; the Deployment, Service and user servers
must agree on the service's name, URL and port, and take every secret from a Secret.
"""

import re
from pathlib import Path

import pytest
import yaml
from jupyterhub.scopes import expand_scopes

ROOT = Path(__file__).resolve().parents[2]
Z2JH = ROOT / "examples" / "z2jh"

# Every call the service makes to the hub API with its own token (JUPYTERHUB_API_TOKEN), by the
# path after `${apiUrl}/` in service/src, and the scopes its answer needs. GET /user is made with
# the caller's token (it needs nothing of the service).
HUB_CALLS = {
    "user": set(),  # who owns the caller's token
    "users/${encodeURIComponent(name)}": {"read:users", "read:users:groups"},  # admin flag, groups
    "users?state=active&offset=${offset}&limit=200": {"list:users", "read:servers"},  # cost meter poll
}


def hub_calls_in_service_code():
    calls = set()
    for source in (ROOT / "service" / "src").rglob("*.ts"):
        calls |= set(re.findall(r"\$\{(?:options\.)?apiUrl\}/([^`\s]+)`", source.read_text()))
    return calls


@pytest.fixture(scope="module")
def values():
    return yaml.safe_load((Z2JH / "values.yaml").read_text())


@pytest.fixture(scope="module")
def manifests():
    return {doc["kind"]: doc for doc in yaml.safe_load_all((Z2JH / "leap-service.yaml").read_text())}


def container_env(container):
    return {item["name"]: item for item in container["env"]}


def test_the_table_of_hub_calls_is_the_service_code():
    assert hub_calls_in_service_code() == set(HUB_CALLS)


def test_service_scopes_cover_its_hub_calls_and_nothing_more(values):
    role = values["hub"]["loadRoles"]["leap-service"]
    assert role["services"] == ["leap"]
    granted = expand_scopes(set(role["scopes"]))
    needed = expand_scopes(set().union(*HUB_CALLS.values()))
    assert needed <= granted, f"missing: {sorted(needed - granted)}"
    assert granted <= needed, f"more than the service needs: {sorted(granted - needed)}"
    assert not any(scope.startswith(("admin:", "servers", "tokens", "users:", "groups")) for scope in granted)


def test_users_keep_their_own_permissions_and_may_reach_the_service(values):
    scopes = values["hub"]["loadRoles"]["user"]["scopes"]
    assert "self" in scopes
    assert "access:services!service=leap" in scopes


def test_service_deployment_gets_secrets_from_secrets(manifests, values):
    deployment = manifests["Deployment"]
    assert deployment["spec"]["replicas"] >= 2, "two stateless replicas share one PostgreSQL"
    pod = deployment["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    for container in pod["initContainers"] + pod["containers"]:
        env = container_env(container)
        assert env["LEAP_MODE"]["value"] == "hub"
        assert env["JUPYTERHUB_SERVICE_NAME"]["value"] in values["hub"]["services"]
        assert env["JUPYTERHUB_API_TOKEN"]["valueFrom"]["secretKeyRef"] == {"name": "hub", "key": "hub.services.leap.apiToken"}
        assert "value" not in env["DATABASE_URL"], "the PostgreSQL URL comes from a Secret"
        assert env["DATABASE_URL"]["valueFrom"]["secretKeyRef"] == {"name": "leap-database", "key": "url"}
        for item in env.values():
            assert not re.search(r"postgres(ql)?://|token\s", str(item.get("value", ""))), item
    assert [c["args"] for c in pod["initContainers"]] == [["migrate"]]
    assert [c["args"] for c in pod["containers"]] == [["serve"]]


def test_service_url_port_and_probes_agree(manifests, values):
    container = manifests["Deployment"]["spec"]["template"]["spec"]["containers"][0]
    port = int(container_env(container)["LEAP_PORT"]["value"])
    assert container["ports"][0]["containerPort"] == port
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"]["path"] == "/api/health"
    service = manifests["Service"]
    url = f"http://{service['metadata']['name']}:{service['spec']['ports'][0]['port']}"
    assert values["hub"]["services"]["leap"]["url"] == url
    assert values["singleuser"]["extraEnv"]["LEAP_SERVICE_URL"] == url
    egress = values["singleuser"]["networkPolicy"]["egress"][0]
    assert egress["ports"] == [{"port": port, "protocol": "TCP"}]
    assert manifests["NetworkPolicy"]["spec"]["ingress"][0]["ports"] == [{"port": port, "protocol": "TCP"}]


def test_user_servers_run_an_image_with_the_extension(values):
    image = values["singleuser"]["image"]
    assert image["name"] and image["tag"]
