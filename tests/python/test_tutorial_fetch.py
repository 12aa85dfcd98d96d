"""`POST leap/tutorials/fetch`: a tutorial's files land in the learner's home, and files the learner
changed are never overwritten (nbgitpuller's rule). Git repositories are real ones made in the test
(file:// URLs, no network); the LEAP service is a loopback server speaking the tutorial API subset
the fetcher reads (`GET /api/tutorials/{id}` and `…/files/{path}`)."""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import HUB_TOKEN
from leap_testing import Fetch, json_body
from tornado.httpserver import HTTPServer
from tornado.testing import bind_unused_port
from tornado.web import Application, HTTPError, RequestHandler


class Upstream:
    """The tutorials the stand-in service serves, and the file requests it saw."""

    def __init__(self) -> None:
        self.tutorials: dict[str, dict[str, Any]] = {}
        self.shipped: dict[str, dict[str, bytes]] = {}
        self.file_requests: list[str] = []

    def ship(self, tutorial_id: str, files: dict[str, bytes], dest: str | None = None) -> None:
        self.shipped[tutorial_id] = files
        listing = [
            {"path": p, "size": len(b), "sha256": hashlib.sha256(b).hexdigest()} for p, b in sorted(files.items())
        ]
        self.tutorials[tutorial_id] = {
            "id": tutorial_id,
            "files": {
                "kind": "shipped",
                "url": f"/api/tutorials/{tutorial_id}/files/",
                "files": listing,
                "dest": dest or f"tutorials/{tutorial_id}",
            },
        }


class TutorialHandler(RequestHandler):
    def initialize(self, upstream: Upstream) -> None:
        self.upstream = upstream

    def prepare(self) -> None:
        if self.request.headers.get("Authorization") != f"token {HUB_TOKEN}":
            raise HTTPError(401)

    def get(self, tutorial_id: str, path: str | None = None) -> None:
        if tutorial_id not in self.upstream.tutorials:
            self.set_status(404)
            self.finish({"statusCode": 404, "code": "not_found", "message": f"No tutorial {tutorial_id}."})
            return
        if path is None:
            self.finish(self.upstream.tutorials[tutorial_id])
            return
        self.upstream.file_requests.append(self.request.path.split("/files/", 1)[1])  # as sent (encoded)
        self.set_header("Content-Type", "application/octet-stream")
        self.finish(self.upstream.shipped[tutorial_id][path])


@pytest.fixture
def upstream() -> Upstream:
    return Upstream()


@pytest.fixture
def service_url(upstream: Upstream, jp_asyncio_loop: Any) -> Iterator[str]:
    sock, port = bind_unused_port()
    app = Application(
        [
            (r"/api/tutorials/([a-z0-9-]+)", TutorialHandler, {"upstream": upstream}),
            (r"/api/tutorials/([a-z0-9-]+)/files/(.+)", TutorialHandler, {"upstream": upstream}),
        ]
    )
    server = HTTPServer(app)
    server.add_sockets([sock])
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def leap_config(service_url: str, hub_token: str, tmp_path: Path) -> dict[str, Any]:
    return {"service_url": service_url, "data_dir": str(tmp_path / "leap-data")}


@pytest.fixture
def jp_server_config(leap_config: dict[str, Any]) -> dict[str, Any]:
    return {
        "ServerApp": {
            "jpserver_extensions": {"jupyterlab_leap": True, "jupyter_server_terminals": False},
            "allow_unauthenticated_access": False,
        },
        "LeapGateway": leap_config,
        "LeapTutorials": {"git_protocols": ["https", "file"]},
    }


class Repo:
    """A real git repository on disk that the test commits to."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir()
        self.git("init", "--quiet", "--initial-branch=main")

    @property
    def url(self) -> str:
        return self.path.as_uri()

    def git(self, *args: str) -> str:
        env = {
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@x",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@x",
        }
        return subprocess.run(
            ["git", *args],
            cwd=self.path,
            check=True,
            capture_output=True,
            text=True,
            env={**env, "HOME": str(self.path)},
        ).stdout

    def commit(self, files: dict[str, str | None], message: str = "change") -> str:
        for name, text in files.items():
            file = self.path / name
            if text is None:
                file.unlink()
            else:
                file.parent.mkdir(parents=True, exist_ok=True)
                file.write_text(text)
        self.git("add", "-A")
        self.git("commit", "--quiet", "-m", message)
        return self.git("rev-parse", "HEAD").strip()


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path / "upstream")


def git_tutorial(
    upstream: Upstream,
    repo: Repo,
    ref: str | None = "main",
    paths: list[str] | None = None,
    dest: str = "tutorials/git-demo",
) -> None:
    upstream.tutorials["git-demo"] = {
        "id": "git-demo",
        "files": {"kind": "git", "repo": repo.url, "ref": ref, "paths": paths or [], "dest": dest},
    }


async def fetch(leap_fetch: Fetch, tutorial: str = "git-demo") -> list[dict[str, Any]]:
    response = await leap_fetch("leap", "tutorials", "fetch", method="POST", body=json.dumps({"tutorial": tutorial}))
    assert response.code == 200, response.body
    assert response.headers["Content-Type"].startswith("application/x-ndjson")
    return [json.loads(line) for line in response.body.decode().splitlines()]


def actions(events: list[dict[str, Any]]) -> dict[str, str]:
    assert events[-1]["event"] == "done", events[-1]
    return {f["path"]: f["action"] for f in events[-1]["files"]}


async def test_first_fetch_writes_every_file_with_progress(
    leap_fetch: Fetch, upstream: Upstream, repo: Repo, jp_root_dir: Path
) -> None:
    repo.commit({"intro.ipynb": "{}", "data/readme.md": "# data", "other/skip.txt": "no"})
    git_tutorial(upstream, repo, paths=["intro.ipynb", "data"])
    events = await fetch(leap_fetch)
    assert events[0] == {"event": "listing", "source": f"{repo.url} @ main", "dest": "tutorials/git-demo"}
    progress = [(e["done"], e["total"]) for e in events if e["event"] == "file"]
    assert progress == [(1, 2), (2, 2)]
    assert actions(events) == {"data/readme.md": "created", "intro.ipynb": "created"}
    assert events[-1]["counts"] == {"created": 2, "updated": 0, "unchanged": 0, "kept": 0, "removed": 0}
    folder = jp_root_dir / "tutorials" / "git-demo"
    assert (folder / "data" / "readme.md").read_text() == "# data"
    assert not (folder / "other").exists() and not (folder / ".git").exists()


async def test_learners_changes_are_kept_and_everything_else_follows_upstream(
    leap_fetch: Fetch, upstream: Upstream, repo: Repo, jp_root_dir: Path
) -> None:
    repo.commit({"a.py": "a = 1\n", "b.py": "b = 1\n", "c.py": "c = 1\n", "d.py": "d = 1\n", "e.py": "e = 1\n"})
    git_tutorial(upstream, repo)
    await fetch(leap_fetch)
    folder = jp_root_dir / "tutorials" / "git-demo"
    (folder / "a.py").write_text("a = 'mine'\n")  # the learner edits a.py
    (folder / "c.py").unlink()  # and deletes c.py
    (folder / "new.py").write_text("my own file\n")  # and made a file upstream will add too
    repo.commit({"a.py": "a = 2\n", "b.py": "b = 2\n", "d.py": None, "new.py": "upstream's\n", "f.py": "f = 1\n"})

    events = await fetch(leap_fetch)

    assert actions(events) == {
        "a.py": "kept",  # changed by the learner: never overwritten
        "b.py": "updated",  # untouched: follows upstream
        "c.py": "created",  # deleted by the learner: comes back
        "e.py": "unchanged",
        "f.py": "created",
        "new.py": "kept",  # the learner's file was there first
        "d.py": "removed",  # dropped upstream and untouched here
    }
    kept = {f["path"]: f.get("reason") for f in events[-1]["files"] if f["action"] == "kept"}
    assert kept == {"a.py": "you changed it", "new.py": "your file was here before the tutorial's"}
    assert (folder / "a.py").read_text() == "a = 'mine'\n"
    assert (folder / "b.py").read_text() == "b = 2\n"
    assert (folder / "c.py").read_text() == "c = 1\n"
    assert (folder / "new.py").read_text() == "my own file\n"
    assert not (folder / "d.py").exists()

    # once the learner puts upstream's bytes back, the file follows upstream again
    (folder / "a.py").write_text("a = 2\n")
    assert actions(await fetch(leap_fetch))["a.py"] == "unchanged"
    repo.commit({"a.py": "a = 3\n"})
    assert actions(await fetch(leap_fetch))["a.py"] == "updated"
    assert (folder / "a.py").read_text() == "a = 3\n"


async def test_a_learner_edited_file_dropped_upstream_is_kept(
    leap_fetch: Fetch, upstream: Upstream, repo: Repo, jp_root_dir: Path
) -> None:
    repo.commit({"a.py": "a = 1\n", "b.py": "b = 1\n"})
    git_tutorial(upstream, repo)
    await fetch(leap_fetch)
    (jp_root_dir / "tutorials" / "git-demo" / "a.py").write_text("mine\n")
    repo.commit({"a.py": None})
    assert actions(await fetch(leap_fetch)) == {"b.py": "unchanged"}
    assert (jp_root_dir / "tutorials" / "git-demo" / "a.py").read_text() == "mine\n"


@pytest.mark.parametrize("ref", ["v1", None, "commit"])
async def test_refs_tags_commits_and_the_default_branch(
    leap_fetch: Fetch, upstream: Upstream, repo: Repo, jp_root_dir: Path, ref: str | None
) -> None:
    first = repo.commit({"x.txt": "one"})
    repo.git("tag", "v1")
    repo.commit({"x.txt": "two"})
    git_tutorial(upstream, repo, ref=first if ref == "commit" else ref)
    await fetch(leap_fetch)
    expected = "two" if ref is None else "one"
    assert (jp_root_dir / "tutorials" / "git-demo" / "x.txt").read_text() == expected


async def test_shipped_files_download_only_what_is_written(
    leap_fetch: Fetch, upstream: Upstream, jp_root_dir: Path
) -> None:
    upstream.ship("demo", {"step 1.ipynb": b'{"cells": []}', "data/sst.csv": b"t,sst\n0,1\n"})
    assert actions(await fetch(leap_fetch, "demo")) == {"data/sst.csv": "created", "step 1.ipynb": "created"}
    assert sorted(upstream.file_requests) == ["data/sst.csv", "step%201.ipynb"]
    folder = jp_root_dir / "tutorials" / "demo"
    (folder / "step 1.ipynb").write_text('{"cells": ["mine"]}')
    upstream.ship("demo", {"step 1.ipynb": b'{"cells": [1]}', "data/sst.csv": b"t,sst\n0,2\n"})
    upstream.file_requests.clear()
    assert actions(await fetch(leap_fetch, "demo")) == {"data/sst.csv": "updated", "step 1.ipynb": "kept"}
    assert upstream.file_requests == ["data/sst.csv"]  # the kept notebook is not even downloaded
    assert (folder / "step 1.ipynb").read_text() == '{"cells": ["mine"]}'
    upstream.file_requests.clear()
    assert set(actions(await fetch(leap_fetch, "demo")).values()) == {"unchanged", "kept"}
    assert upstream.file_requests == []


async def test_a_shipped_file_with_other_bytes_than_listed_is_refused(
    leap_fetch: Fetch, upstream: Upstream, jp_root_dir: Path
) -> None:
    upstream.ship("demo", {"a.txt": b"listed"})
    upstream.shipped["demo"]["a.txt"] = b"tampered"
    events = await fetch(leap_fetch, "demo")
    assert events[-1]["event"] == "error"
    assert "a.txt" in events[-1]["message"] and "SHA-256" in events[-1]["message"]
    assert not (jp_root_dir / "tutorials" / "demo" / "a.txt").exists()


@pytest.mark.parametrize(
    "dest, path",
    [
        ("../outside", "a.txt"),
        ("/etc", "a.txt"),
        ("tutorials/demo", "../../escape.txt"),
        ("tutorials/demo", "/abs.txt"),
    ],
)
async def test_path_traversal_is_refused(
    leap_fetch: Fetch, upstream: Upstream, jp_root_dir: Path, dest: str, path: str
) -> None:
    upstream.ship("demo", {path: b"x"}, dest=dest)
    events = await fetch(leap_fetch, "demo")
    assert events[-1]["event"] == "error"
    assert (
        "outside" in events[-1]["message"] or "absolute" in events[-1]["message"] or "leaves" in events[-1]["message"]
    )
    written = [p for p in jp_root_dir.parent.rglob("*") if p.name in ("a.txt", "escape.txt", "abs.txt")]
    assert written == []


async def test_a_link_of_the_learners_is_never_written_through(
    leap_fetch: Fetch, upstream: Upstream, jp_root_dir: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    folder = jp_root_dir / "tutorials" / "demo"
    folder.mkdir(parents=True)
    (folder / "data").symlink_to(outside)
    (folder / "notes.txt").symlink_to(outside / "notes.txt")
    upstream.ship("demo", {"notes.txt": b"x"})
    assert actions(await fetch(leap_fetch, "demo")) == {"notes.txt": "kept"}
    upstream.ship("demo", {"data/x.txt": b"x"})
    events = await fetch(leap_fetch, "demo")
    assert events[-1]["event"] == "error" and "symbolic link" in events[-1]["message"]
    assert list(outside.iterdir()) == []


async def test_git_protocols_outside_the_allowed_list_are_refused(leap_fetch: Fetch, upstream: Upstream) -> None:
    upstream.tutorials["git-demo"] = {
        "id": "git-demo",
        "files": {"kind": "git", "repo": "ext::sh -c touch% /tmp/pwned", "ref": "main", "paths": [], "dest": "t"},
    }
    events = await fetch(leap_fetch)
    assert events[-1]["event"] == "error"
    assert "only https://, file:// URLs may be fetched" in events[-1]["message"]


async def test_git_problems_name_the_repository(leap_fetch: Fetch, upstream: Upstream, repo: Repo) -> None:
    repo.commit({"a.txt": "a"})
    git_tutorial(upstream, repo, ref="no-such-branch")
    events = await fetch(leap_fetch)
    assert events[-1]["event"] == "error"
    assert repo.url in events[-1]["message"] and "no-such-branch" in events[-1]["message"]
    git_tutorial(upstream, repo, paths=["missing"])
    events = await fetch(leap_fetch)
    assert "has no file or folder 'missing'" in events[-1]["message"]


async def test_a_tutorial_without_files_is_done_at_once(leap_fetch: Fetch, upstream: Upstream) -> None:
    upstream.tutorials["plain"] = {"id": "plain", "files": {"kind": "none"}}
    assert await fetch(leap_fetch, "plain") == [{"event": "done", "dest": None, "counts": {}, "files": []}]


async def test_bad_requests_and_unknown_tutorials(leap_fetch: Fetch) -> None:
    response = await leap_fetch("leap", "tutorials", "fetch", method="POST", body=json.dumps({"tutorial": "../x"}))
    assert response.code == 400 and json_body(response)["field"] == "body/tutorial"
    response = await leap_fetch("leap", "tutorials", "fetch", method="POST", body="not json")
    assert response.code == 400 and json_body(response)["code"] == "invalid_json"
    response = await leap_fetch("leap", "tutorials", "fetch", method="POST", body=json.dumps({"tutorial": "nope"}))
    assert response.code == 404 and "No tutorial nope." in json_body(response)["message"]


async def test_fetching_needs_jupyter_auth(http_server_client: Any, jp_base_url: str) -> None:
    response = await http_server_client.fetch(
        jp_base_url + "leap/tutorials/fetch", method="POST", body=json.dumps({"tutorial": "demo"}), raise_error=False
    )
    assert response.code == 403
