"""Setup of the access matrix (test_hub_access_matrix.py): the callers and the records they call on.

Callers: bob and alice from their own JupyterLab (their server's gateway, through the hub proxy, as
the browser does); dana (a second plain user), dora (in the group data-team, which triages dataset
requests) and admin straight to the service with a hub token (they run no server); and five
callers that must never get in: no token, a forged token, bob's expired and his revoked token, and
a token of bob's scoped for something else (users:activity: the hub names bob to whoever holds it,
but it gives no access to the service).

Records (the ids fill the path parameters of the operations): bob's draft (with a secret word),
his published record, a draft to publish and one to delete, his person, his progress in a class
session of alice's (with a secret check message), his costs (a heartbeat with a secret image name)
and budget, a group budget to delete, a catalog source with a dataset and store,
a second class session to end, bob's dataset request. Each secret is a marker: test_hub_access_matrix.py checks that it
never reaches a caller outside its owners.
"""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import requests

from leap_hub import ADMIN, REPO, Hub

PLAIN_USER = "dana"  # the second plain user, created through the hub API by the admin
DATA_TEAM_USER, DATA_TEAM_GROUP = "dora", "data-team"  # the service's default LEAP_DATA_TEAM_GROUPS
DEMO_CATALOG = REPO / "examples" / "demo-catalog" / "consolidated-web-catalog.json"


@dataclass(frozen=True)
class Caller:
    key: str
    label: str
    via: str  # "gateway" (the user's JupyterLab → their server → service) or "direct" (token → service)
    user: str | None = None  # the hub user a valid token names
    authorization: str | None = None  # the Authorization header sent straight to the service

    @property
    def valid(self) -> bool:
        return self.user is not None


@dataclass
class World:
    hub: Hub
    callers: list[Caller] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)
    # marker (a secret in a private record) → (what it is, the caller keys allowed to read it)
    markers: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)

    def caller(self, key: str) -> Caller:
        return next(c for c in self.callers if c.key == key)


def call(hub: Hub, caller: Caller, method: str, path: str, *, params=None, body=None) -> requests.Response:
    """One request as caller; path is the service path (/api/...). POST/PUT always carry a JSON
    body ({} when the operation takes none: a bodyless POST through the gateway is not JSON)."""
    kwargs: dict = {"params": params}
    if method in ("POST", "PUT"):
        kwargs["json"] = body if body is not None else {}
    if caller.via == "gateway":
        assert caller.user is not None and path.startswith("/api/")
        return hub.gateway(caller.user, method, path[len("/api/") :], **kwargs)
    headers = {"Authorization": caller.authorization} if caller.authorization else {}
    return requests.request(method, f"{hub.service_url}{path}", headers=headers, timeout=30, **kwargs)


def expect(r: requests.Response, status: int, what: str, hub: Hub) -> dict:
    assert r.status_code == status, f"setup: {what}: {r.status_code} {r.text[:500]}\n{hub.logs()}"
    return r.json() if r.headers.get("content-type", "").startswith("application/json") else {}


def _hub_api(hub: Hub, token: str, method: str, path: str, **kwargs) -> requests.Response:
    return requests.request(
        method, f"{hub.url}/hub/api{path}", headers={"Authorization": f"token {token}"}, timeout=30, **kwargs
    )


def _token_for(hub: Hub, by: str, user: str, note: str, expires_in: int) -> tuple[str, str]:
    """A hub API token of user, made with the token `by` (the user's own or an admin's): (token, id)."""
    r = _hub_api(hub, by, "POST", f"/users/{user}/tokens", json={"note": note, "expires_in": expires_in})
    assert r.status_code == 201, f"setup: token for {user}: {r.status_code} {r.text}"
    return r.json()["token"], r.json()["id"]


def make_callers(hub: Hub) -> list[Caller]:
    admin = hub.token(hub.login(ADMIN), ADMIN, None, "leap access matrix: admin")
    r = _hub_api(hub, admin, "POST", f"/users/{PLAIN_USER}")
    assert r.status_code in (201, 409), f"setup: create {PLAIN_USER}: {r.status_code} {r.text}"
    dana, _ = _token_for(hub, admin, PLAIN_USER, "leap access matrix: dana", 3600)
    r = _hub_api(hub, admin, "POST", f"/users/{DATA_TEAM_USER}")
    assert r.status_code in (201, 409), f"setup: create {DATA_TEAM_USER}: {r.status_code} {r.text}"
    r = _hub_api(hub, admin, "POST", f"/groups/{DATA_TEAM_GROUP}")
    assert r.status_code in (201, 409), f"setup: create group {DATA_TEAM_GROUP}: {r.status_code} {r.text}"
    r = _hub_api(hub, admin, "POST", f"/groups/{DATA_TEAM_GROUP}/users", json={"users": [DATA_TEAM_USER]})
    assert r.status_code == 200, f"setup: {DATA_TEAM_USER} into {DATA_TEAM_GROUP}: {r.status_code} {r.text}"
    dora, _ = _token_for(hub, admin, DATA_TEAM_USER, "leap access matrix: dora", 3600)
    bob = hub.token(hub.sessions["bob"], "bob", None, "leap access matrix: bob's own")
    expired, _ = _token_for(hub, bob, "bob", "leap access matrix: expires at once", 1)
    revoked, revoked_id = _token_for(hub, bob, "bob", "leap access matrix: revoked", 3600)
    # a token bob gave some other tool: it may post his activity (and so names him), nothing more
    r = _hub_api(
        hub,
        bob,
        "POST",
        "/users/bob/tokens",
        json={"note": "leap access matrix: activity only", "scopes": ["users:activity!user"]},
    )
    assert r.status_code == 201, f"setup: activity token: {r.status_code} {r.text}"
    activity = r.json()["token"]
    r = _hub_api(hub, bob, "DELETE", f"/users/bob/tokens/{revoked_id}")
    assert r.status_code == 204, f"setup: revoke: {r.status_code} {r.text}"
    time.sleep(1.5)  # past the expired token's expires_in
    return [
        Caller("anonymous", "no token", "direct"),
        Caller("forged", "forged token", "direct", authorization=f"token {secrets.token_hex(16)}"),
        Caller("expired", "bob's expired token", "direct", authorization=f"token {expired}"),
        Caller("revoked", "bob's revoked token", "direct", authorization=f"token {revoked}"),
        Caller(
            "activity", "bob's token for another tool (users:activity)", "direct", authorization=f"token {activity}"
        ),
        Caller("dana", "dana (plain user, token)", "direct", user=PLAIN_USER, authorization=f"token {dana}"),
        Caller("dora", "dora (data team, token)", "direct", user=DATA_TEAM_USER, authorization=f"token {dora}"),
        Caller("alice", "alice (instructor, her JupyterLab)", "gateway", user="alice"),
        Caller("admin", "admin (token)", "direct", user=ADMIN, authorization=f"token {admin}"),
        Caller("bob", "bob (owner, his JupyterLab)", "gateway", user="bob"),
    ]


def write_tutorial(folder: Path, tutorial_id: str) -> None:
    """A two-step tutorial with one notebook, to import from a server-side path."""
    folder.mkdir(parents=True, exist_ok=True)
    notebook = {"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (folder / "matrix.ipynb").write_text(json.dumps(notebook))
    manifest = {
        "id": tutorial_id,
        "title": f"Hub test tutorial {tutorial_id}",
        "files": {"paths": ["matrix.ipynb"]},
        "steps": [
            {"id": "first", "title": "First", "markdown": "One."},
            {"id": "second", "title": "Second", "markdown": "Two.", "check": {"code": "assert True"}},
        ],
    }
    (folder / "tutorial.json").write_text(json.dumps(manifest))


def _record(title: str, word: str, dataset: str | None, draft: bool) -> dict:
    body: dict = {
        "kind": "ProjectCode",
        "title": title,
        "authors": [{"name": "Bob Matrix"}],
        "keywords": [word],
        "draft": draft,
    }
    if dataset is not None:
        body["datasets"] = [{"ref": dataset}]
    return body


def build_world(hub: Hub) -> World:
    world = World(hub=hub, callers=make_callers(hub))
    run = secrets.token_hex(4)
    admin, bob, alice = world.caller("admin"), world.caller("bob"), world.caller("alice")
    ids = world.ids
    ids["run"] = run
    ids["word"] = f"matrix{run}"  # in every record of bob's: the search word
    secret = {k: f"{k}secret{run}" for k in ("draft", "progress", "cost")}

    # data library: the demo catalog as a source (admin), its first dataset and store
    source = expect(
        call(hub, admin, "POST", "/api/catalog/sources", body={"url": str(DEMO_CATALOG)}), 201, "catalog source", hub
    )
    ids["source"] = source["id"]
    extra = hub.tmp / "matrix-extra-catalog.json"
    entry = json.loads(DEMO_CATALOG.read_text())[0]
    entry.pop("ncviewjs:meta_yaml_url", None)
    extra.write_text(json.dumps([{**entry, "title": f"Access matrix extra dataset {run}"}]))
    ids["extra_catalog"] = str(extra)
    found = expect(call(hub, bob, "GET", "/api/catalog/search", params={"limit": "1"}), 200, "catalog search", hub)
    ids["dataset"] = found["items"][0]["id"]
    detail = expect(
        call(hub, bob, "GET", f"/api/catalog/datasets/{quote(ids['dataset'], safe='')}"), 200, "dataset", hub
    )
    ids["store"] = detail["stores"][0]["id"]

    # tutorials: a small one of the run's own (sst-basics is test_hub_tutorials.py's)
    ids["tutorial"] = f"matrix-{run}"
    folder = hub.tmp / "matrix-tutorial"
    write_tutorial(folder, ids["tutorial"])
    ids["tutorial_dir"] = str(folder)
    expect(call(hub, admin, "POST", "/api/tutorials/import", body={"path": str(folder)}), 201, "tutorial import", hub)
    ids["tutorial_gone"] = f"matrix-gone-{run}"  # the one DELETE /api/tutorials/{id} deletes
    write_tutorial(hub.tmp / "matrix-gone", ids["tutorial_gone"])
    gone = {"path": str(hub.tmp / "matrix-gone")}
    expect(call(hub, admin, "POST", "/api/tutorials/import", body=gone), 201, "tutorial import (to delete)", hub)
    for name in ("session", "session_end"):
        made = expect(
            call(hub, alice, "POST", "/api/class-sessions", body={"tutorialId": ids["tutorial"]}), 201, name, hub
        )
        ids[name] = made["code"]
    progress = f"/api/tutorials/{ids['tutorial']}/progress"
    expect(
        call(hub, bob, "POST", progress, body={"currentStep": "first", "session": ids["session"], "secondsDelta": 5}),
        200,
        "join",
        hub,
    )
    check = {"step": "second", "result": "failed", "message": f"Not yet: {secret['progress']}"}
    expect(call(hub, bob, "POST", progress, body={"currentStep": "second", "check": check}), 200, "progress", hub)

    # knowledge graph: bob's draft and published record use the dataset; two drafts to act on
    ids["dataset_node"] = ids["dataset"]
    draft_body = _record(f"Bob's unpublished {ids['word']} {secret['draft']}", ids["word"], ids["dataset"], True)
    ids["draft_body"] = json.dumps(draft_body)
    ids["draft"] = expect(call(hub, bob, "POST", "/api/graph/records", body=draft_body), 201, "draft", hub)["node"][
        "id"
    ]
    published = _record(f"Bob's published {ids['word']}", ids["word"], ids["dataset"], False)
    ids["published"] = expect(call(hub, bob, "POST", "/api/graph/records", body=published), 201, "published", hub)[
        "node"
    ]["id"]
    for name in ("draft_publish", "draft_delete"):
        body = _record(f"Bob's {name} {ids['word']}", ids["word"], None, True)
        ids[name] = expect(call(hub, bob, "POST", "/api/graph/records", body=body), 201, name, hub)["node"]["id"]
    ids["person"] = expect(call(hub, bob, "GET", "/api/graph/people/me"), 200, "bob's person", hub)["person"]["id"]

    # costs: bob's heartbeat (secret image) and budget; a group budget to delete
    ids["cost_image"] = secret["cost"]
    expect(call(hub, bob, "POST", "/api/costs/heartbeat", body=heartbeat(secret["cost"])), 200, "heartbeat", hub)
    expect(call(hub, admin, "PUT", "/api/costs/budgets/user/bob", body={"monthlyAmount": 7}), 200, "budget", hub)
    ids["budget_group"] = f"matrix-group-{run}"
    expect(
        call(hub, admin, "PUT", f"/api/costs/budgets/group/{ids['budget_group']}", body={"monthlyAmount": 5}),
        200,
        "group budget",
        hub,
    )

    # dataset requests: bob's (its name and the data team's note are his and the team's to read)
    secret["request"] = f"requestsecret{run}"
    ids["request_words"] = f"matrixrequest{run}"
    ids["request_note"] = f"Taken on: {secret['request']}"  # the data team's note: bob's notifications
    made = expect(
        call(hub, bob, "POST", "/api/requests", body=dataset_request(f"{ids['request_words']} {secret['request']}")),
        201,
        "request",
        hub,
    )
    ids["request"] = str(made["id"])

    world.markers = {
        secret["draft"]: ("bob's draft title", frozenset({"bob"})),
        ids["draft"]: ("bob's draft id", frozenset({"bob"})),
        # bob's check message: his, and his class session's instructor's
        secret["progress"]: ("bob's tutorial progress", frozenset({"bob", "alice"})),
        ids["session"]: ("alice's class session code", frozenset({"alice", "bob"})),  # bob joined it
        secret["cost"]: ("bob's server (costs)", frozenset({"bob", "admin"})),
        secret["request"]: ("bob's dataset request", frozenset({"bob", "dora", "admin"})),
    }
    return world


def heartbeat(image: str | None) -> dict:
    """A heartbeat of the default server with the default profile's requests (so the rate of the
    server the hub sees is unchanged for test_hub_costs.py)."""
    return {
        "server": {
            "name": "",
            "profile": None,
            "image": image,
            "requests": {
                "cpuGuarantee": None,
                "cpuLimit": None,
                "memGuaranteeBytes": None,
                "memLimitBytes": None,
                "gpu": None,
            },
            "usage": {"rssBytes": 100 * 1024**2, "cpuPercent": 1},
        },
        "daskClusters": [],
    }


def dataset_request(name: str) -> dict:
    """The LEAP New Dataset form, filled in."""
    return {
        "name": name,
        "url": "https://example.org/datasets/matrix",
        "description": "A dataset the access matrix asks for.",
        "license": "CC-BY-4.0",
        "format": "Zarr",
        "accessProtocol": "HTTP(S)",
        "targetFormat": "Zarr",
    }
