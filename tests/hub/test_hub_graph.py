"""Knowledge graph with two real hub users: alice's draft is hers alone until she publishes it.

Every request goes from the user's JupyterLab session through their own gateway (hub.gateway), so
the service knows them only by their verified hub token.
"""

from __future__ import annotations

import uuid
from urllib.parse import quote

import requests

from leap_hub import Hub


def ok(r: requests.Response, hub: Hub, status: int = 200) -> dict:
    assert r.status_code == status, f"{r.request.method} {r.url}: {r.status_code} {r.text[:500]}\n{hub.logs()}"
    return r.json()


def search_ids(hub: Hub, name: str, q: str, **params: str) -> list[str]:
    r = hub.gateway(name, "GET", "graph/search", params={"q": q, **params})
    return [item["id"] for item in ok(r, hub)["items"]]


def test_alices_draft_is_invisible_to_bob_until_she_publishes_it(hub: Hub):
    word = f"draftcheck{uuid.uuid4().hex[:8]}"
    store = f"gs://leap-persistent/alice/{word}.zarr"  # the hub's catalog is empty: an outside dataset node
    draft = ok(
        hub.gateway(
            "alice",
            "POST",
            "graph/records",
            json={
                "kind": "ProjectCode",
                "title": f"Alice's unpublished notebook {word}",
                "authors": [{"name": "Alice"}],
                "keywords": [word],
                "datasets": [{"ref": store}],
                "draft": True,
            },
        ),
        hub,
        201,
    )
    record = draft["node"]["id"]
    assert draft["node"]["status"] == "draft" and draft["node"]["owner"] == "alice"
    path = f"graph/nodes/{quote(record, safe='')}"
    [link] = [edge for edge in draft["links"] if edge["relation"] == "References"]
    dataset_node = f"graph/nodes/{quote(link['target'], safe='')}"

    # alice sees her draft everywhere
    assert record in search_ids(hub, "alice", word)
    assert record in search_ids(hub, "alice", word, mine="true")
    assert ok(hub.gateway("alice", "GET", path), hub)["node"]["status"] == "draft"
    around = ok(hub.gateway("alice", "GET", f"{dataset_node}/neighbourhood", params={"depth": "1"}), hub)
    assert record in {n["id"] for n in around["nodes"]}

    # bob: not in search, no detail, not around the dataset, no export, cannot publish it
    assert record not in search_ids(hub, "bob", word)
    assert hub.gateway("bob", "GET", path).status_code == 404
    assert hub.gateway("bob", "GET", f"{path}/neighbourhood").status_code == 404
    assert hub.gateway("bob", "GET", f"{path}/export/bibtex").status_code == 404
    around = ok(hub.gateway("bob", "GET", f"{dataset_node}/neighbourhood", params={"depth": "1"}), hub)
    assert record not in {n["id"] for n in around["nodes"]}
    detail = ok(hub.gateway("bob", "GET", dataset_node), hub)
    assert record not in {n["id"] for group in detail["neighbours"] for n in group["nodes"]}
    refused = hub.gateway("bob", "POST", f"graph/records/{quote(record, safe='')}/publish", json={})
    assert refused.status_code in (403, 404), refused.text

    # alice publishes: now bob finds it, reads it, and sees it next to the dataset
    published = ok(hub.gateway("alice", "POST", f"graph/records/{quote(record, safe='')}/publish", json={}), hub)
    assert published["status"] == "published"
    assert record in search_ids(hub, "bob", word)
    assert ok(hub.gateway("bob", "GET", path), hub)["node"]["owner"] == "alice"
    around = ok(hub.gateway("bob", "GET", f"{dataset_node}/neighbourhood", params={"depth": "1"}), hub)
    assert record in {n["id"] for n in around["nodes"]}
    assert hub.gateway("bob", "GET", f"{path}/export/bibtex").status_code == 200
