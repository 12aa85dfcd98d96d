"""Where a tutorial's files come from: a git repository, or files shipped in the LEAP service.

Both list the upstream files first and read bytes on demand, so the placement rule decides what is
worth reading. A source's problem is a FetchError with a message naming the repository or file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import quote

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest

from ..target import Endpoint
from .git import GitError, GitReader
from .paths import UnsafePath, clean_relative
from .placement import sha256


class FetchError(Exception):
    """Why the files could not be fetched (shown to the learner as is)."""


@dataclass(frozen=True)
class UpstreamFile:
    path: str
    size: int
    executable: bool = False
    sha256: str | None = None  # known up front for shipped files; git files are hashed when read
    oid: str | None = None


class Source(Protocol):
    description: str

    async def list(self) -> list[UpstreamFile]: ...

    async def read(self, file: UpstreamFile) -> bytes: ...


class GitSource:
    """`{kind: "git", repo, ref, paths}`: the files at that ref (ref null: the remote's default branch)."""

    def __init__(self, reader: GitReader, repo: str, ref: str | None, paths: list[str], max_bytes: int) -> None:
        self.reader = reader
        self.repo = repo
        self.ref = ref or "HEAD"
        self.paths = paths
        self.max_bytes = max_bytes
        self.commit: str | None = None
        self.description = f"{repo} @ {ref or 'default branch'}"

    async def list(self) -> list[UpstreamFile]:
        try:
            self.commit = await self.reader.fetch(self.repo, self.ref)
            files = await self.reader.list_files(self.repo, self.commit, self.paths)
        except (GitError, UnsafePath) as err:
            raise FetchError(str(err)) from None
        total = sum(f.size for f in files)
        if total > self.max_bytes:
            raise FetchError(
                f"repository {self.repo!r}: the files add up to {total} bytes, more than the "
                f"{self.max_bytes} allowed (c.LeapTutorials.max_fetch_bytes)"
            )
        return [UpstreamFile(f.path, f.size, f.executable, oid=f.oid) for f in files]

    async def read(self, file: UpstreamFile) -> bytes:
        assert file.oid is not None
        try:
            return await self.reader.read(self.repo, file.oid)
        except GitError as err:
            raise FetchError(str(err)) from None


class ShippedSource:
    """`{kind: "shipped", url, files}`: each file from `{service}{url}{path}` with our credential."""

    def __init__(self, client: AsyncHTTPClient, endpoint: Endpoint, url: str, files: list[dict[str, Any]]) -> None:
        if not url.startswith("/api/tutorials/") or not url.endswith("/") or ".." in url:
            raise FetchError(f"the service gave an unexpected files URL {url!r}")
        self.client = client
        self.endpoint = endpoint
        self.url = url
        self.files = files
        self.description = "files shipped with the tutorial"

    async def list(self) -> list[UpstreamFile]:
        listed = []
        for entry in self.files:
            try:
                path = clean_relative(str(entry.get("path", "")))
            except UnsafePath as err:
                raise FetchError(f"shipped file refused: {err}") from None
            listed.append(UpstreamFile(path, int(entry.get("size", 0)), sha256=str(entry.get("sha256", ""))))
        return listed

    async def read(self, file: UpstreamFile) -> bytes:
        url = self.endpoint.base_url + self.url + "/".join(quote(s, safe="") for s in file.path.split("/"))
        response = await service_get(self.client, self.endpoint, url, f"shipped file {file.path!r}")
        if file.sha256 and sha256(response) != file.sha256:
            raise FetchError(f"shipped file {file.path!r}: its bytes do not match the SHA-256 the service listed")
        return response


async def service_get(client: AsyncHTTPClient, endpoint: Endpoint, url: str, what: str) -> bytes:
    """GET from the service with our credential; any failure is a FetchError naming `what`."""
    headers = {"Authorization": f"token {endpoint.credential}"} if endpoint.credential else {}
    try:
        response = await client.fetch(
            HTTPRequest(url, method="GET", headers=headers, request_timeout=60, follow_redirects=False),
            raise_error=False,
        )
    except (OSError, HTTPClientError) as err:
        raise FetchError(f"{what}: cannot reach the LEAP service at {endpoint.base_url}: {err}") from None
    if response.code != 200:
        raise FetchError(f"{what}: the LEAP service answered {response.code} {_message(response.body)}".rstrip())
    return response.body


def _message(body: bytes | None) -> str:
    """The `message` of an ErrorBody, when the answer is one."""
    try:
        parsed = json.loads(body or b"")
    except ValueError:
        return ""
    return f"({parsed['message']})" if isinstance(parsed, dict) and isinstance(parsed.get("message"), str) else ""
