"""Reading a tutorial's files at a git repository's ref, through a shallow cache clone.

One bare repository per URL under the cache folder; each fetch is `git fetch --depth 1 <url> <ref>`,
so a branch, a tag or a commit id all work and only that one commit's objects are transferred.
The files are read from the object store (`ls-tree`, `cat-file`); nothing is checked out, so the
learner's folder holds no .git and the placement rule alone decides what is written.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from .paths import UnsafePath, clean_relative

REF = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$")
MODE_FILE = "100644"
MODE_EXECUTABLE = "100755"


class GitError(Exception):
    """A repository that cannot be fetched or read; the message says which and why."""


@dataclass(frozen=True)
class GitFile:
    path: str
    oid: str
    size: int
    executable: bool


class GitReader:
    """Fetches one ref of one repository into the cache and reads blobs from it."""

    def __init__(self, cache_dir: Path, protocols: list[str], timeout: float) -> None:
        self.cache_dir = cache_dir
        self.protocols = protocols
        self.timeout = timeout

    def check_url(self, url: str) -> None:
        scheme = urlparse(url).scheme.lower()
        if url.startswith("-") or scheme not in self.protocols:
            allowed = ", ".join(f"{p}://" for p in self.protocols)
            raise GitError(f"repository {url!r}: only {allowed} URLs may be fetched (c.LeapTutorials.git_protocols)")

    async def fetch(self, url: str, ref: str) -> str:
        """Fetch `ref` of `url`; returns the commit id."""
        self.check_url(url)
        if not REF.match(ref) or ".." in ref:
            raise GitError(f"repository {url!r}: {ref!r} is not a branch, tag or commit name")
        repo = self._repo(url)
        if not (repo / "HEAD").exists():
            repo.mkdir(parents=True, exist_ok=True)
            await self._git(repo, "init", "--bare", "--quiet")
        await self._git(repo, "fetch", "--depth", "1", "--no-tags", "--quiet", "--", url, ref, what=f"{url} @ {ref}")
        commit = await self._git(repo, "rev-parse", "--verify", "FETCH_HEAD^{commit}")
        return commit.decode().strip()

    async def list_files(self, url: str, commit: str, paths: list[str]) -> list[GitFile]:
        """The regular files at `commit` under each of `paths` (files or folders; none: the whole tree)."""
        wanted = [clean_relative(p) for p in paths]
        listing = await self._git(self._repo(url), "ls-tree", "-r", "-z", "--long", commit, "--", *wanted)
        files: list[GitFile] = []
        for entry in listing.split(b"\0"):
            if not entry:
                continue
            meta, _, raw_path = entry.partition(b"\t")
            mode, kind, oid, size = meta.decode().split()
            path = raw_path.decode("utf-8", "replace")
            if kind != "blob" or mode not in (MODE_FILE, MODE_EXECUTABLE):
                continue  # links and submodules are not copied
            try:
                clean = clean_relative(path)
            except UnsafePath:
                continue
            files.append(GitFile(clean, oid, int(size), mode == MODE_EXECUTABLE))
        for path in wanted:
            if not any(f.path == path or f.path.startswith(path + "/") for f in files):
                raise GitError(f"repository {url!r} has no file or folder {path!r} at {commit[:12]}")
        return files

    async def read(self, url: str, oid: str) -> bytes:
        return await self._git(self._repo(url), "cat-file", "blob", oid)

    def _repo(self, url: str) -> Path:
        return self.cache_dir / (hashlib.sha256(url.encode()).hexdigest()[:24] + ".git")

    async def _git(self, repo: Path, *args: str, what: str | None = None) -> bytes:
        env = {
            **os.environ,
            "LANG": "C",
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_ALLOW_PROTOCOL": ":".join(self.protocols),
            "GIT_CONFIG_NOSYSTEM": "1",
        }
        proc = await asyncio.create_subprocess_exec(
            "git",
            "--git-dir",
            str(repo),
            *args,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=env,
        )
        try:
            out, err = await asyncio.wait_for(proc.communicate(), self.timeout)
        except asyncio.TimeoutError:
            proc.kill()
            await proc.wait()
            raise GitError(f"git {args[0]} {what or ''} took longer than {self.timeout:g}s") from None
        if proc.returncode != 0:
            lines = [line for line in err.decode("utf-8", "replace").splitlines() if line.strip()]
            detail = lines[-1] if lines else f"exit code {proc.returncode}"
            raise GitError(f"git {args[0]} {what or ''} failed: {detail}".replace("  ", " "))
        return out
