"""Dataset requests with real hub users: bob asks for a dataset, dora (group data-team, the
service's default LEAP_DATA_TEAM_GROUPS) triages it, alice (a plain user for requests) sees nothing
of it. bob and alice call from their JupyterLab through their gateway; dora and admin, who run no
server, call the service straight with a hub token. The service knows each only by the token."""

from __future__ import annotations

import uuid

import pytest
import requests

from leap_hub import ADMIN, REPO, Hub

TEAM_USER, TEAM_GROUP = "dora", "data-team"
DEMO_CATALOG = REPO / "examples" / "demo-catalog" / "consolidated-web-catalog.json"


def ok(r: requests.Response, hub: Hub, status: int = 200) -> dict:
    assert r.status_code == status, f"{r.request.method} {r.url}: {r.status_code} {r.text[:500]}\n{hub.logs()}"
    return r.json() if r.text else {}


def hub_api(hub: Hub, token: str, method: str, path: str, **kwargs) -> requests.Response:
    return requests.request(method, f"{hub.url}/hub/api{path}", headers={"Authorization": f"token {token}"}, timeout=30, **kwargs)


@pytest.fixture(scope="module")
def team(hub: Hub):
    """Tokens of dora (in data-team, made through the hub API) and admin, and a catalog dataset id."""
    admin = hub.token(hub.login(ADMIN), ADMIN, None, "leap requests test: admin")
    assert hub_api(hub, admin, "POST", f"/users/{TEAM_USER}").status_code in (201, 409)
    assert hub_api(hub, admin, "POST", f"/groups/{TEAM_GROUP}").status_code in (201, 409)
    r = hub_api(hub, admin, "POST", f"/groups/{TEAM_GROUP}/users", json={"users": [TEAM_USER]})
    assert r.status_code == 200, f"{TEAM_USER} into {TEAM_GROUP}: {r.status_code} {r.text}"
    r = hub_api(hub, admin, "POST", f"/users/{TEAM_USER}/tokens", json={"note": "leap requests test: dora", "expires_in": 3600})
    assert r.status_code == 201, r.text
    dora = r.json()["token"]

    def direct(token: str, method: str, path: str, **kwargs) -> requests.Response:
        return requests.request(method, f"{hub.service_url}/api/{path}", headers={"Authorization": f"token {token}"}, timeout=60, **kwargs)

    ok(direct(admin, "POST", "catalog/sources", json={"url": str(DEMO_CATALOG), "name": f"requests {uuid.uuid4().hex[:8]}"}), hub, 201)
    dataset = ok(direct(admin, "GET", "catalog/search", params={"q": "CHIRPS"}), hub)["items"][0]["id"]
    return {"dora": lambda *a, **k: direct(dora, *a, **k), "admin": lambda *a, **k: direct(admin, *a, **k), "dataset": dataset}


def form(name: str, **fields) -> dict:
    return {
        "name": name,
        "url": "https://www.chc.ucsb.edu/data/chirps",
        "description": "Daily rainfall, 0.05°.",
        "license": "CC-BY-4.0",
        "format": "NetCDF",
        "accessProtocol": "HTTP(S)",
        "targetFormat": "Zarr",
        **fields,
    }


def test_requester_cannot_triage_or_see_others_and_the_data_team_triages(hub: Hub, team):
    name = f"CHIRPS v3 {uuid.uuid4().hex[:6]}"
    refused = hub.gateway("bob", "POST", "requests", json=form(name, license="Creative Commons Attribution 4.0"))
    assert refused.status_code == 400 and refused.json()["field"] == "body/license", refused.text
    assert 'did you mean "CC-BY-4.0"' in refused.json()["message"]
    request = ok(hub.gateway("bob", "POST", "requests", json=form(name)), hub, 201)
    assert request["requester"] == "bob" and request["status"] == "new"
    path = f"requests/{request['id']}"
    assert ok(hub.gateway("bob", "GET", "requests/form"), hub)["canTriage"] is False
    assert [r["id"] for r in ok(hub.gateway("bob", "GET", "requests"), hub)["items"]].count(request["id"]) == 1

    # bob may not change the status nor list everyone's
    r = hub.gateway("bob", "POST", f"{path}/status", json={"status": "accepted"})
    assert r.status_code == 403 and r.json()["code"] == "forbidden", r.text
    assert hub.gateway("bob", "GET", "requests", params={"all": "true"}).status_code == 403

    # alice sees nothing of bob's request and cannot touch it
    assert request["id"] not in [r["id"] for r in ok(hub.gateway("alice", "GET", "requests"), hub)["items"]]
    assert hub.gateway("alice", "GET", "requests", params={"all": "true"}).status_code == 403
    for method, sub, body in [("GET", "", None), ("POST", "/status", {"status": "declined"}), ("POST", "/comments", {"body": "mine?"})]:
        r = hub.gateway("alice", method, f"{path}{sub}", json=body)
        assert r.status_code == 404, f"alice {method} {path}{sub}: {r.status_code} {r.text}"
    assert name not in str(ok(hub.gateway("alice", "GET", "requests/duplicates", params={"name": name}), hub))

    # dora (data team) sees everyone's and triages; admin sees everyone's too
    dora = team["dora"]
    assert ok(dora("GET", "requests/form"), hub)["canTriage"] is True
    assert request["id"] in [r["id"] for r in ok(dora("GET", "requests", params={"all": "true"}), hub)["items"]]
    assert request["id"] in [r["id"] for r in ok(team["admin"]("GET", "requests", params={"all": "true"}), hub)["items"]]
    assert ok(dora("POST", f"{path}/status", json={"status": "accepted", "note": "On our list."}), hub)["status"] == "accepted"
    skip = dora("POST", f"{path}/status", json={"status": "done", "datasetId": team["dataset"]})
    assert skip.status_code == 409 and skip.json()["code"] == "invalid_transition", skip.text
    ok(dora("POST", f"{path}/comments", json={"body": "Which years?"}), hub, 201)
    ok(hub.gateway("bob", "POST", f"{path}/comments", json={"body": "1981 to now."}), hub, 201)
    assert ok(dora("POST", f"{path}/status", json={"status": "ingesting"}), hub)["status"] == "ingesting"
    done = ok(dora("POST", f"{path}/status", json={"status": "done", "datasetId": team["dataset"]}), hub)
    assert done["status"] == "done" and done["datasetId"] == team["dataset"]

    # bob is told at his next visit: dora's comment and each status change, until he reads them
    events = [e for e in ok(hub.gateway("bob", "GET", "requests/notifications"), hub)["events"] if e["requestId"] == request["id"]]
    assert [(e["kind"], e["actor"], e["to"]) for e in events] == [
        ("status", "dora", "accepted"),
        ("comment", "dora", None),
        ("status", "dora", "ingesting"),
        ("status", "dora", "done"),
    ]
    assert events[-1]["datasetId"] == team["dataset"]
    assert all(e["requestId"] != request["id"] for e in ok(dora("GET", "requests/notifications"), hub)["events"])
    r = hub.gateway("bob", "POST", "requests/notifications/read", json={"ids": [e["id"] for e in events]})
    assert r.status_code == 204, r.text
    left = ok(hub.gateway("bob", "GET", "requests/notifications"), hub)["events"]
    assert all(e["requestId"] != request["id"] for e in left)
    detail = ok(hub.gateway("bob", "GET", path), hub)
    assert [e["kind"] for e in detail["events"]] == ["created", "status", "comment", "comment", "status", "status"]
