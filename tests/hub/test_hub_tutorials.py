"""Tutorials with two real hub users: alice (group "instructors") runs a class session, bob (a
learner) fetches the tutorial's files into his own home through his own server's gateway and saves
progress; alice's dashboard shows bob's progress (also through its long-poll), bob cannot open it.

Every request goes from the user's JupyterLab session through their own gateway, so the service
knows them only by their verified hub token.
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
from pathlib import Path

import requests
from leap_hub import ADMIN, REPO, Hub, find_prerequisites

DEMO = REPO / "examples" / "tutorials" / "sst-basics"


def ok(r: requests.Response, hub: Hub, status: int = 200) -> dict:
    assert r.status_code == status, f"{r.request.method} {r.url}: {r.status_code} {r.text[:500]}\n{hub.logs()}"
    return r.json()


def import_demo(hub: Hub, source: Path = DEMO) -> None:
    """`leap-hub-service tutorials import`, as a deployment's admin loads course material."""
    prereq = find_prerequisites()
    env = {**os.environ, "LEAP_MODE": "hub", "DATABASE_URL": hub.database_url}
    proc = subprocess.run(
        [prereq["node"], prereq["cli"], "tutorials", "import", str(source)],
        env=env,
        cwd=hub.tmp,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, f"tutorials import failed:\n{proc.stdout}\n{proc.stderr}"


def fetch_files(hub: Hub, name: str, tutorial: str) -> list[dict]:
    """POST /user/<name>/leap/tutorials/fetch from <name>'s lab page: the progress lines."""
    s = hub.sessions[name]
    r = s.post(
        f"{hub.url}/user/{name}/leap/tutorials/fetch",
        headers=hub.server_xsrf(s, name),
        data=json.dumps({"tutorial": tutorial}),
        timeout=120,
    )
    assert r.status_code == 200, f"fetch as {name}: {r.status_code} {r.text[:500]}\n{hub.logs()}"
    return [json.loads(line) for line in r.text.splitlines()]


def learner_row(dashboard: dict, name: str) -> dict | None:
    return next((row for row in dashboard["learners"] if row["name"] == name), None)


def test_instructor_sees_the_learners_progress_and_the_learner_cannot_see_the_dashboard(hub: Hub):
    import_demo(hub)

    # alice (instructor) opens a class session; bob (learner) may not
    session = ok(hub.gateway("alice", "POST", "class-sessions", json={"tutorialId": "sst-basics"}), hub, 201)
    code = session["code"]
    assert session["createdBy"] == "alice" and session["instructors"] == ["alice"]
    assert session["link"].endswith(f"lab?tutorial=sst-basics&session={code}")
    refused = hub.gateway("bob", "POST", "class-sessions", json={"tutorialId": "sst-basics"})
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden", refused.text

    # bob follows the link: the files land in HIS home (through his gateway, with his token)
    events = fetch_files(hub, "bob", "sst-basics")
    assert events[0]["event"] == "listing" and events[-1]["event"] == "done", events[-1]
    assert events[-1]["counts"]["created"] == len([e for e in events if e["event"] == "file"]) > 0
    bob_home = Path(hub.tmp) / "home" / "bob" / "tutorials" / "sst-basics"
    assert (bob_home / "sst-basics.ipynb").is_file()
    assert not (Path(hub.tmp) / "home" / "alice" / "tutorials").exists()

    # bob joins and works: a failed check on "open", then it passes and he moves on
    ok(hub.gateway("bob", "GET", f"class-sessions/{code}"), hub)
    progress = "tutorials/sst-basics/progress"
    ok(hub.gateway("bob", "POST", progress, json={"currentStep": "notebook", "session": code, "secondsDelta": 30}), hub)
    ok(
        hub.gateway(
            "bob",
            "POST",
            progress,
            json={
                "currentStep": "open",
                "secondsDelta": 20,
                "check": {"step": "open", "result": "failed", "message": "Run the cell that opens the store"},
            },
        ),
        hub,
    )
    mine = ok(
        hub.gateway(
            "bob",
            "POST",
            progress,
            json={"currentStep": "open", "check": {"step": "open", "result": "passed", "message": "Well done"}},
        ),
        hub,
    )
    assert mine["session"] == code

    board = ok(hub.gateway("alice", "GET", f"class-sessions/{code}/dashboard"), hub)
    row = learner_row(board, "bob")
    assert row is not None, board
    assert (row["currentStep"], row["passed"], row["failed"]) == ("open", 1, 1)
    assert learner_row(board, "alice") is None
    assert board["hardestStep"] == "open"

    # alice's long-poll answers when bob moves on
    answer: dict = {}

    def wait_for_change() -> None:
        r = hub.gateway(
            "alice", "GET", f"class-sessions/{code}/dashboard", params={"after": str(board["version"]), "wait": "20"}
        )
        answer["status"], answer["body"] = r.status_code, r.json()

    poller = threading.Thread(target=wait_for_change)
    poller.start()
    ok(hub.gateway("bob", "POST", progress, json={"currentStep": "region", "secondsDelta": 5}), hub)
    poller.join(timeout=25)
    assert not poller.is_alive(), "the dashboard long-poll did not answer after bob's update"
    assert answer["status"] == 200, answer
    assert answer["body"]["version"] > board["version"]
    assert learner_row(answer["body"], "bob")["currentStep"] == "region"

    # bob sees only his own progress, and nothing of the session's dashboard, export or end
    for method, path in [
        ("GET", f"class-sessions/{code}/dashboard"),
        ("GET", f"class-sessions/{code}/export.csv"),
        ("POST", f"class-sessions/{code}/end"),
    ]:
        r = hub.gateway("bob", method, path, **({"json": {}} if method == "POST" else {}))
        assert r.status_code == 403 and r.json()["code"] == "forbidden", f"bob {method} {path}: {r.status_code}"
    assert ok(hub.gateway("alice", "GET", progress), hub)["startedAt"] is None  # alice's own, never started
    assert code not in {s["code"] for s in ok(hub.gateway("bob", "GET", "class-sessions"), hub)["sessions"]}

    # alice exports and ends it
    csv = hub.gateway("alice", "GET", f"class-sessions/{code}/export.csv")
    assert csv.status_code == 200 and "bob" in csv.text, csv.text[:300]
    ended = ok(hub.gateway("alice", "POST", f"class-sessions/{code}/end", json={}), hub)
    assert ended["endedAt"] is not None


def test_only_admins_delete_a_tutorial_not_under_a_running_class_and_the_learners_progress_survives(hub: Hub):
    """Deleting is allowed to whoever may import tutorials (hub admins): alice, an instructor but not
    an admin, gets 403 like bob; the admin's delete waits until alice's class session has ended."""
    folder = Path(hub.tmp) / "delete-me"
    folder.mkdir(parents=True, exist_ok=True)
    manifest = {
        "id": "delete-me",
        "title": "Sea ice extent, deleted",
        "steps": [
            {"id": "load", "title": "Load", "markdown": "Load the data."},
            {"id": "plot", "title": "Plot", "markdown": "Plot it."},
        ],
    }
    (folder / "tutorial.json").write_text(json.dumps(manifest))
    import_demo(hub, folder)
    session = ok(hub.gateway("alice", "POST", "class-sessions", json={"tutorialId": "delete-me"}), hub, 201)
    progress = "tutorials/delete-me/progress"
    ok(hub.gateway("bob", "POST", progress, json={"currentStep": "plot", "session": session["code"], "secondsDelta": 12}), hub)

    for name in ("alice", "bob"):
        r = hub.gateway(name, "DELETE", "tutorials/delete-me")
        assert r.status_code == 403 and r.json()["code"] == "forbidden", f"{name}: {r.status_code} {r.text}"
    admin = hub.token(hub.login(ADMIN), ADMIN, None, "leap hub test: tutorials admin")

    def delete() -> requests.Response:
        return requests.delete(
            f"{hub.service_url}/api/tutorials/delete-me", headers={"Authorization": f"token {admin}"}, timeout=30
        )

    running = delete()
    assert running.status_code == 409 and running.json()["code"] == "sessions_running", running.text
    assert session["code"] in running.json()["message"] and "alice" in running.json()["message"]
    ok(hub.gateway("bob", "GET", "tutorials/delete-me"), hub)  # still there for the class

    ok(hub.gateway("alice", "POST", f"class-sessions/{session['code']}/end", json={}), hub)
    deleted = ok(delete(), hub)
    assert deleted == {
        "id": "delete-me",
        "title": "Sea ice extent, deleted",
        "progress": "kept",
        "learners": 1,
        "endedSessions": [session["code"]],
        "returnsAtStart": False,
    }, deleted
    gone = hub.gateway("bob", "GET", "tutorials/delete-me")
    assert gone.status_code == 404 and "delete-me" in gone.json()["message"], gone.text
    assert "delete-me" not in {t["id"] for t in ok(hub.gateway("bob", "GET", "tutorials"), hub)["tutorials"]}
    assert delete().status_code == 404

    # imported again: bob is back where he was
    import_demo(hub, folder)
    mine = ok(hub.gateway("bob", "GET", progress), hub)
    assert (mine["currentStep"], mine["secondsSpent"], mine["session"]) == ("plot", 12, None), mine
