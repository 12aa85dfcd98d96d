"""Two replicas of the service on one PostgreSQL database (issue 8, deployment): nothing lives only
in one process's memory.

The hub manages both (jupyterhub_config.py: services "leap" and "leap-b", two `leap-hub-service
serve` processes with the same DATABASE_URL, both registered with the hub and routed by its proxy).
Each request here goes through the hub's proxy to a named replica (/services/leap/ or
/services/leap-b/) with the user's hub token, so every step shows which
replica wrote and which one read: a write through A is read back through B, and the other way
round (drafts, tutorial progress, a class session's long-poll, graph 2-hop neighbourhoods, a
catalog import, cost heartbeats). A round-robin in front would show the same less precisely
(which replica answered?).

Separately, two replicas started at the same moment on an empty database apply every migration
exactly once between them (the advisory lock in service/src/db/migrations.ts).
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
import uuid
from urllib.parse import quote

import psycopg
import requests

from access_matrix_world import heartbeat, write_tutorial
from leap_hub import ADMIN, Hub, create_database, drop_database, find_prerequisites, free_port, wait_http

POLL = 0.25


class Replica:
    """One service replica as one user: request(method, path) with that user's hub token."""

    def __init__(self, hub: Hub, url: str, token: str):
        self.hub, self.url, self.token = hub, url, token

    def call(self, method: str, path: str, status: int = 200, **kwargs) -> dict:
        r = requests.request(
            method, f"{self.url}/api/{path}", headers={"Authorization": f"token {self.token}"}, timeout=30, **kwargs
        )
        assert r.status_code == status, (
            f"{method} {self.url}/api/{path}: {r.status_code} {r.text[:400]}\n{self.hub.logs()}"
        )
        return r.json() if r.content else {}


def replicas(hub: Hub, token: str) -> tuple[Replica, Replica]:
    """Both replicas through the hub's proxy (/services/leap/, /services/leap-b/), as a browser or a
    script outside the cluster reaches them; each strips its JUPYTERHUB_SERVICE_PREFIX."""
    assert hub.service_b_url and hub.service_b_url != hub.service_url
    return Replica(hub, f"{hub.url}/services/leap", token), Replica(hub, f"{hub.url}/services/leap-b", token)


def eventually(predicate, what: str, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(POLL)
    raise AssertionError(f"{what} within {timeout}s")


def test_two_replicas_share_every_state_through_the_database(hub: Hub):
    run = uuid.uuid4().hex[:8]
    admin_a, _ = replicas(hub, hub.token(hub.login(ADMIN), ADMIN, None, "leap replicas: admin"))
    # tokens limited to the service "leap": replica B (hub service leap-b) accepts them as A does
    leap_only = ["access:services!service=leap"]
    bob_a, bob_b = replicas(hub, hub.token(hub.sessions["bob"], "bob", leap_only, "leap replicas: bob"))
    alice_a, alice_b = replicas(hub, hub.token(hub.sessions["alice"], "alice", leap_only, "leap replicas: alice"))

    # a draft written through A is bob's on B too (search and detail), and only his
    word = f"replica{run}"
    draft = bob_a.call(
        "POST",
        "graph/records",
        201,
        json={
            "kind": "ProjectCode",
            "title": f"Draft through A {word}",
            "authors": [{"name": "Bob"}],
            "keywords": [word],
            "draft": True,
        },
    )["node"]["id"]
    assert bob_b.call("GET", f"graph/nodes/{quote(draft, safe='')}")["node"]["status"] == "draft"
    assert draft in {item["id"] for item in bob_b.call("GET", "graph/search", params={"q": word})["items"]}
    assert alice_b.call("GET", f"graph/nodes/{quote(draft, safe='')}", 404)["code"] == "not_found"

    # tutorial progress: imported through A, saved alternately through A and B, read from the other
    tutorial = f"replicas-{run}"
    write_tutorial(hub.tmp / f"replicas-tutorial-{run}", tutorial)
    admin_a.call("POST", "tutorials/import", 201, json={"path": str(hub.tmp / f"replicas-tutorial-{run}")})
    progress = f"tutorials/{tutorial}/progress"
    for i, (writer, reader) in enumerate([(bob_a, bob_b), (bob_b, bob_a), (bob_a, bob_b)]):
        writer.call("POST", progress, json={"currentStep": "second" if i % 2 else "first", "secondsDelta": 10})
        seen = reader.call("GET", progress)
        assert (seen["currentStep"], seen["secondsSpent"]) == ("second" if i % 2 else "first", 10 * (i + 1)), seen

    # a class session made through A; its dashboard long-polled on B wakes on bob's save through A
    code = alice_a.call("POST", "class-sessions", 201, json={"tutorialId": tutorial})["code"]
    bob_a.call("POST", progress, json={"currentStep": "first", "session": code})
    board = alice_b.call("GET", f"class-sessions/{code}/dashboard")
    assert [row["name"] for row in board["learners"]] == ["bob"], board
    answer: dict = {}

    def long_poll() -> None:
        started = time.monotonic()
        answer["body"] = alice_b.call(
            "GET", f"class-sessions/{code}/dashboard", params={"after": str(board["version"]), "wait": "20"}
        )
        answer["seconds"] = time.monotonic() - started

    poller = threading.Thread(target=long_poll)
    poller.start()
    time.sleep(1.0)  # B is waiting now
    assert poller.is_alive(), f"the long-poll on B answered before any change: {answer}"
    bob_a.call("POST", progress, json={"currentStep": "second", "check": {"step": "second", "result": "passed"}})
    poller.join(timeout=25)
    assert not poller.is_alive() and "body" in answer, "the long-poll on B never answered"
    woke = answer["body"]
    assert woke["version"] > board["version"], f"B answered at the end of its wait, not on A's change: {answer}"
    assert answer["seconds"] < 15, f"B woke {answer['seconds']:.1f}s into a 20 s wait"
    row = next(r for r in woke["learners"] if r["name"] == "bob")
    assert (row["currentStep"], row["passed"]) == ("second", 1), row

    # knowledge graph: B's in-memory index sees edges published through A, 2 hops out. A patches its
    # own index at once; B rebuilds when it finds the database moved (checked every 2 s).
    store = f"gs://leap-persistent/bob/{word}.zarr"

    def publish(title: str) -> dict:
        return bob_a.call(
            "POST",
            "graph/records",
            201,
            json={
                "kind": "ProjectCode",
                "title": f"{title} {word}",
                "authors": [{"name": "Bob"}],
                "datasets": [{"ref": store}],
                "draft": False,
            },
        )

    def two_hops(replica: Replica, node: str) -> set[str]:
        return {
            n["id"]
            for n in replica.call("GET", f"graph/nodes/{quote(node, safe='')}/neighbourhood", params={"depth": "2"})[
                "nodes"
            ]
        }

    first = publish("First use")
    record = first["node"]["id"]
    dataset = next(e["target"] for e in first["links"] if e["relation"] == "References")
    assert {record, dataset} <= two_hops(bob_a, record)
    eventually(lambda: {record, dataset} <= two_hops(bob_b, record), "B never showed the edge published through A")
    second = publish("Second use")["node"]["id"]  # record → dataset ← second: 2 hops from record
    assert second in two_hops(bob_a, record)
    eventually(
        lambda: second in two_hops(bob_b, record), "B's 2-hop neighbourhood never showed the record published through A"
    )

    # data library: a source an admin adds through A is in B's search index (rebuilt when B finds
    # the catalog generation moved)
    catalog = hub.tmp / f"replicas-catalog-{run}.json"
    catalog.write_text(
        json.dumps([{"title": f"Replica dataset {word}", "description": "Added through replica A.", "stores": []}])
    )
    admin_a.call("POST", "catalog/sources", 201, json={"url": str(catalog), "name": f"replicas {run}"})
    eventually(
        lambda: bob_b.call("GET", "catalog/search", params={"q": word})["total"] == 1,
        "B's catalog search never found the dataset imported through A",
    )

    # cost meter: a heartbeat through A, the summary through B
    image = f"registry.example/replica:{run}"
    bob_a.call("POST", "costs/heartbeat", json=heartbeat(image))
    summary = bob_b.call("GET", "costs/summary")
    server = next(s for s in summary["servers"] if s["name"] == "")
    assert server["image"] == image and "heartbeat" in server["seenBy"], server


def _serve(prereq: dict, hub: Hub, database_url: str, token: str, port: int, log) -> subprocess.Popen:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("JUPYTERHUB_", "LEAP_", "DATABASE_URL"))},
        "LEAP_MODE": "hub",
        "DATABASE_URL": database_url,
        "JUPYTERHUB_API_URL": f"{hub.url}/hub/api",
        "JUPYTERHUB_API_TOKEN": token,
        "LEAP_PORT": str(port),
        "LEAP_LOG_LEVEL": "info",
        "LEAP_COSTS_HUB_POLL_SECONDS": "3600",
    }
    return subprocess.Popen(
        [prereq["node"], prereq["cli"], "serve"],
        env=env,
        cwd=hub.tmp,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def test_replicas_starting_together_on_an_empty_database_migrate_it_once(hub: Hub):
    prereq = find_prerequisites()
    dbname = f"leap_replicas_{uuid.uuid4().hex[:10]}"
    database_url = create_database(hub.database_url, dbname)
    token = hub.token(
        hub.login(ADMIN), ADMIN, ["read:users", "read:groups", "list:users", "read:servers"], "leap replicas: migrate"
    )
    logs = [hub.tmp / f"{dbname}-{i}.log" for i in range(2)]
    ports = [free_port(), free_port()]
    procs: list[subprocess.Popen] = []
    files = [open(path, "wb") for path in logs]
    try:
        procs = [_serve(prereq, hub, database_url, token, port, out) for port, out in zip(ports, files, strict=True)]
        for proc, port, path in zip(procs, ports, logs, strict=True):
            wait_http(f"http://127.0.0.1:{port}/api/health", proc, path, f"replica on port {port}", timeout=60)
        applied = []
        for path in logs:
            for line in path.read_text().splitlines():
                entry = json.loads(line) if line.startswith("{") else {}
                if entry.get("event") == "migrated":
                    applied += entry["applied"]
        with psycopg.connect(database_url, connect_timeout=10) as conn:
            versions = [v for (v,) in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
        assert versions == list(range(1, len(versions) + 1)) and len(versions) >= 5, versions
        assert sorted(applied) == versions, f"applied between the two replicas: {sorted(applied)}; ledger: {versions}"
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        for out in files:
            out.close()
        drop_database(hub.database_url, dbname)
