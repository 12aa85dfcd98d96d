"""The access policy of the service, one row per operation of its OpenAPI document.

Each row names the rule (who may do it), the expected status of every caller, how to fill the
request from the setup's records (access_matrix_world.py) and, where a status alone cannot show
privacy, a check of the response body. test_hub_access_matrix.py fails for any operation of
/openapi.json that has no row here (a new endpoint must be classified) and for any row whose
operation is gone.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

import requests

from access_matrix_world import Caller, World, dataset_request, heartbeat

UNAUTHENTICATED = 401


@dataclass(frozen=True)
class Rule:
    name: str
    ok: int
    # expected status of a valid user other than `ok`, by caller key
    denied: dict[str, int] = field(default_factory=dict)
    public: bool = False

    def expected(self, caller: Caller) -> int:
        if not caller.valid:
            return self.ok if self.public else UNAUTHENTICATED
        return self.denied.get(caller.key, self.ok)


def _deny(status: int, *keys: str) -> dict[str, int]:
    return dict.fromkeys(keys, status)


def public(ok: int = 200) -> Rule:
    return Rule("public", ok, public=True)


def any_user(ok: int = 200) -> Rule:
    return Rule("any user", ok)


def own(ok: int = 200) -> Rule:
    return Rule("any user, own records only", ok)


def owner(ok: int = 200, others: int = 404) -> Rule:
    """bob's record: the others cannot see it at all (404), admins included."""
    return Rule(f"owner only (others {others})", ok, _deny(others, "dana", "dora", "alice", "admin"))


def owner_or_admin(ok: int = 200) -> Rule:
    return Rule("owner or admin", ok, _deny(403, "dana", "dora", "alice"))


def admin_only(ok: int = 200) -> Rule:
    return Rule("admin", ok, _deny(403, "dana", "dora", "alice", "bob"))


def instructor(ok: int = 201) -> Rule:
    return Rule("instructor (group or admin)", ok, _deny(403, "dana", "dora", "bob"))


def data_team(ok: int = 200) -> Rule:
    return Rule("data team (group or admin)", ok, _deny(403, "dana", "alice", "bob"))


def requester_or_team(ok: int = 200) -> Rule:
    """bob's request: others do not learn it exists (404)."""
    return Rule("requester or data team (others 404)", ok, _deny(404, "dana", "alice"))


def team_on_request(ok: int = 200) -> Rule:
    """A data team action on bob's request: bob sees it but may not (403), others 404."""
    return Rule("data team (requester 403, others 404)", ok, {**_deny(404, "dana", "alice"), "bob": 403})


def session_instructor(ok: int = 200) -> Rule:
    return Rule("the session's instructors", ok, _deny(403, "dana", "dora", "bob", "admin"))


Check = Callable[[World, Caller, requests.Response], "str | None"]


@dataclass(frozen=True)
class Op:
    method: str
    path: str  # as in the OpenAPI document
    rule: Rule
    # path and query parameters: a World.ids key, or "=" and the value itself
    params: dict[str, str] = field(default_factory=dict)
    query: dict[str, str] = field(default_factory=dict)
    body: Callable[[World, Caller], object] | None = None
    check: Check | None = None
    last: bool = False  # changes what other rows read (delete, publish, end): runs after them
    note: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.method, self.path)


# --- body checks (privacy beyond the status; the marker check in the test covers free text) -------


def whoami_is_caller(world: World, caller: Caller, r: requests.Response) -> str | None:
    return None if r.json()["name"] == caller.user else f"whoami says {r.json()['name']!r}"


def summary_is_bobs(world: World, caller: Caller, r: requests.Response) -> str | None:
    return None if r.json()["user"] == "bob" else f"asked for bob, got {r.json()['user']!r}"


def counts_hide_drafts(world: World, caller: Caller, r: requests.Response) -> str | None:
    want = 2 if caller.key == "bob" else 1  # bob's draft counts for bob only
    got = r.json()["counts"].get(world.ids["dataset"])
    return None if got == want else f"records using the dataset: {got}, expected {want}"


def used_by_hides_drafts(world: World, caller: Caller, r: requests.Response) -> str | None:
    want = 2 if caller.key == "bob" else 1
    got = r.json()["total"]
    return None if got == want else f"used-by total {got}, expected {want}"


def search_hides_drafts(world: World, caller: Caller, r: requests.Response) -> str | None:
    """Searching the word of bob's records: the others find the published one only, also in the total."""
    body = r.json()
    drafts = [item["id"] for item in body["items"] if item.get("status") == "draft"]
    if caller.key == "bob":
        return None if world.ids["draft"] in drafts else "bob's own draft not found"
    if drafts or body["total"] != len(body["items"]) or body["total"] != 1:
        return f"total {body['total']}, drafts {drafts}: expected bob's one published record"
    return None


def form_says_who_triages(world: World, caller: Caller, r: requests.Response) -> str | None:
    want = caller.key in ("dora", "admin")
    return None if r.json()["canTriage"] is want else f"canTriage {r.json()['canTriage']}, expected {want}"


def duplicates_hide_others(world: World, caller: Caller, r: requests.Response) -> str | None:
    found = int(world.ids["request"]) in {item["id"] for item in r.json()["requests"]}
    want = caller.key in ("bob", "dora", "admin")
    return None if found is want else f"bob's request {'listed' if found else 'missing'}"


def everyones_requests(world: World, caller: Caller, r: requests.Response) -> str | None:
    found = int(world.ids["request"]) in {item["id"] for item in r.json()["items"]}
    return None if found else "bob's request missing from everyone's"


def budgets_hide_others(world: World, caller: Caller, r: requests.Response) -> str | None:
    names = {(b["scope"], b["name"]) for b in r.json()}
    sees = ("user", "bob") in names
    if sees != (caller.key in ("bob", "admin")):
        return f"bob's budget {'listed' if sees else 'missing'}"
    if caller.key != "admin" and ("group", world.ids["budget_group"]) in names:
        return "another group's budget listed"
    return None


def sessions_hide_others(world: World, caller: Caller, r: requests.Response) -> str | None:
    codes = {s["code"] for s in r.json()["sessions"]}
    if (world.ids["session"] in codes) != (caller.key == "alice"):
        return f"alice's session {'listed' if caller.key != 'alice' else 'missing'}"
    return None


def progress_is_own(world: World, caller: Caller, r: requests.Response) -> str | None:
    body = r.json()
    if caller.key == "bob":
        return None if body["session"] == world.ids["session"] else f"bob's progress lost its session: {body}"
    return None if body["session"] is None else f"{caller.key}'s progress has a session: {body['session']}"


def dashboard_shows_bob(world: World, caller: Caller, r: requests.Response) -> str | None:
    names = {row["name"] for row in r.json()["learners"]}
    return None if names == {"bob"} else f"learners {sorted(names)}, expected bob"


# --- the rows ------------------------------------------------------------------------------------------


def _draft(world: World, caller: Caller) -> object:
    return json.loads(world.ids["draft_body"])


def _scratch(world: World, caller: Caller) -> object:
    return {
        "kind": "ProjectCode",
        "title": f"Scratch of {caller.key}",
        "authors": [{"name": caller.key}],
        "draft": True,
    }


def _heartbeat(world: World, caller: Caller) -> object:
    return heartbeat(world.ids["cost_image"] if caller.key == "bob" else None)


def _const(value: object) -> Callable[[World, Caller], object]:
    return lambda world, caller: value


POLICY: list[Op] = [
    Op("GET", "/api/health", public()),
    Op("GET", "/api/whoami", any_user(), check=whoami_is_caller),
    # data library
    Op("GET", "/api/catalog/search", any_user(), query={"q": "=era5"}),
    Op("GET", "/api/catalog/datasets/{id}", any_user(), {"id": "dataset"}),
    Op(
        "GET",
        "/api/catalog/datasets/{id}/stores/{store}/metadata",
        any_user(),
        {"id": "dataset", "store": "store"},
        note="no internet: 200 with available false",
    ),
    Op("GET", "/api/catalog/sources", any_user()),
    Op(
        "POST",
        "/api/catalog/sources",
        admin_only(201),
        body=lambda w, c: {"url": w.ids["extra_catalog"], "name": f"extra {c.key}"},
    ),
    Op("POST", "/api/catalog/sources/{id}/refresh", admin_only(), {"id": "source"}),
    # tutorials
    Op("GET", "/api/tutorials", any_user()),
    Op("POST", "/api/tutorials/import", admin_only(201), body=lambda w, c: {"path": w.ids["tutorial_dir"]}),
    Op("GET", "/api/tutorials/{id}", any_user(), {"id": "tutorial"}),
    Op("DELETE", "/api/tutorials/{id}", admin_only(), {"id": "tutorial_gone"}, last=True, note="who may import"),
    Op("GET", "/api/tutorials/{id}/files/{*}", any_user(), {"id": "tutorial", "*": "=matrix.ipynb"}),
    Op("GET", "/api/tutorials/{id}/progress", own(), {"id": "tutorial"}, check=progress_is_own),
    Op(
        "POST",
        "/api/tutorials/{id}/progress",
        own(),
        {"id": "tutorial"},
        body=_const({"currentStep": "second", "secondsDelta": 1}),
        check=progress_is_own,
    ),
    Op("DELETE", "/api/tutorials/{id}/progress", own(204), {"id": "tutorial"}, last=True),
    Op("POST", "/api/class-sessions", instructor(), body=lambda w, c: {"tutorialId": w.ids["tutorial"]}),
    Op("GET", "/api/class-sessions", own(), check=sessions_hide_others),
    Op("GET", "/api/class-sessions/{code}", any_user(), {"code": "session"}, note="join info: whoever has the code"),
    Op("POST", "/api/class-sessions/{code}/end", session_instructor(), {"code": "session_end"}, last=True),
    Op(
        "GET",
        "/api/class-sessions/{code}/dashboard",
        session_instructor(),
        {"code": "session"},
        check=dashboard_shows_bob,
    ),
    Op("GET", "/api/class-sessions/{code}/export.csv", session_instructor(), {"code": "session"}),
    # knowledge graph
    Op("GET", "/api/graph/info", any_user()),
    Op("GET", "/api/graph/search", any_user(), query={"q": "word"}, check=search_hides_drafts),
    Op("GET", "/api/graph/nodes/{id}", owner(), {"id": "draft"}),
    Op("GET", "/api/graph/nodes/{id}/neighbourhood", owner(), {"id": "draft"}),
    Op("GET", "/api/graph/datasets/{id}/used-by", any_user(), {"id": "dataset"}, check=used_by_hides_drafts),
    Op("GET", "/api/graph/used-by/counts", any_user(), query={"dataset": "dataset"}, check=counts_hide_drafts),
    Op("GET", "/api/graph/people/me", own()),
    Op("PUT", "/api/graph/people/me", own(), body=lambda w, c: {"name": f"{c.key.title()} Matrix"}),
    Op("GET", "/api/graph/people/{id}", any_user(), {"id": "person"}, note="bob's person: his drafts only for him"),
    Op("POST", "/api/graph/records", any_user(201), body=_scratch),
    Op("PUT", "/api/graph/records/{id}", owner(), {"id": "draft"}, body=_draft),
    Op("DELETE", "/api/graph/records/{id}", owner(204), {"id": "draft_delete"}, last=True),
    Op("POST", "/api/graph/records/{id}/publish", owner(), {"id": "draft_publish"}, last=True),
    Op("GET", "/api/graph/nodes/{id}/export/{format}", owner(), {"id": "draft", "format": "=bibtex"}),
    Op(
        "POST",
        "/api/graph/records/{id}/zenodo",
        any_user(503),
        {"id": "published"},
        note="no LEAP_ZENODO_TOKEN on this hub: 503 before any record is read",
    ),
    Op(
        "POST",
        "/api/graph/import/github",
        any_user(502),
        body=_const({"repository": "leap-stc/access-matrix"}),
        note="GitHub unreachable on this hub (jupyterhub_config.py): 502",
    ),
    Op(
        "POST",
        "/api/graph/import/doi",
        any_user(502),
        body=_const({"doi": "10.5281/zenodo.1"}),
        note="DataCite and Crossref unreachable on this hub: 502",
    ),
    # dataset requests
    Op("GET", "/api/requests/form", any_user(), check=form_says_who_triages),
    Op("GET", "/api/requests/duplicates", any_user(), query={"name": "request_words"}, check=duplicates_hide_others),
    Op("POST", "/api/requests", any_user(201), body=lambda w, c: dataset_request(f"Scratch request of {c.key}")),
    Op(
        "GET",
        "/api/requests",
        data_team(),
        query={"all": "=true"},
        check=everyones_requests,
        note="all=true; without: the caller's own",
    ),
    Op("GET", "/api/requests/{id}", requester_or_team(), {"id": "request"}),
    Op(
        "POST",
        "/api/requests/{id}/status",
        team_on_request(),
        {"id": "request"},
        body=lambda w, c: {"status": "accepted" if c.key == "dora" else "ingesting", "note": w.ids["request_note"]},
    ),
    Op(
        "POST",
        "/api/requests/{id}/comments",
        requester_or_team(201),
        {"id": "request"},
        body=_const({"body": "A comment"}),
    ),
    Op(
        "POST",
        "/api/requests/{id}/mirror/retry",
        team_on_request(409),
        {"id": "request"},
        note="no GitHub mirror on this hub: 409 for the data team",
    ),
    Op("GET", "/api/requests/notifications", own()),
    Op("POST", "/api/requests/notifications/read", own(204), body=_const({"ids": [1]}), note="the caller's own only"),
    # cost meter
    Op("POST", "/api/costs/heartbeat", own(), body=_heartbeat),
    Op("GET", "/api/costs/summary", owner_or_admin(), query={"user": "=bob"}, check=summary_is_bobs),
    Op("GET", "/api/costs/history", owner_or_admin(), query={"user": "=bob"}),
    Op("GET", "/api/costs/events", own()),
    Op("POST", "/api/costs/events/ack", own(204), body=_const({"ids": [1]}), note="acknowledges for the caller only"),
    Op("GET", "/api/costs/budgets", own(), check=budgets_hide_others, note="admins: every budget"),
    Op(
        "PUT",
        "/api/costs/budgets/{scope}/{name}",
        admin_only(),
        {"scope": "=user", "name": "=bob"},
        body=_const({"monthlyAmount": 7}),
    ),
    Op(
        "DELETE",
        "/api/costs/budgets/{scope}/{name}",
        admin_only(204),
        {"scope": "=group", "name": "budget_group"},
        last=True,
    ),
    Op("GET", "/api/costs/report", admin_only()),
    Op("GET", "/api/costs/pricing", any_user()),
    Op("POST", "/api/costs/pricing/reload", admin_only()),
]

assert len({op.key for op in POLICY}) == len(POLICY), "an operation has two rows"
