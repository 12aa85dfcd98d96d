"""Putting a tutorial's files into the learner's folder without ever overwriting their changes.

nbgitpuller's rule, per file: a file the learner changed is theirs and is never overwritten; a file
they deleted comes back; a file nobody touched follows upstream (updated, or removed when upstream
dropped it). "Changed" means: its bytes differ from what the last fetch wrote, which a small ledger
(relative path → SHA-256 of the bytes written) remembers between fetches. A file that was there
before any fetch wrote it is the learner's too, unless it already has upstream's exact bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .paths import UnsafePath, inside

Action = Literal["created", "updated", "unchanged", "kept", "removed"]
LEDGER_VERSION = 1


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Placed:
    """What happened to one file; `reason` says why a file was kept."""

    path: str
    action: Action
    reason: str | None = None

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"path": self.path, "action": self.action}
        if self.reason:
            out["reason"] = self.reason
        return out


class Ledger:
    """The hashes of the files the last fetch wrote into one folder, kept in a JSON file."""

    def __init__(self, file: Path, folder: str) -> None:
        self.file = file
        self.folder = folder
        self.hashes: dict[str, str] = {}
        if file.exists():
            try:
                data = json.loads(file.read_text("utf-8"))
            except (OSError, ValueError):
                data = {}
            files = data.get("files") if isinstance(data, dict) else None
            if isinstance(files, dict):
                self.hashes = {k: v for k, v in files.items() if isinstance(k, str) and isinstance(v, str)}

    def save(self) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        body = json.dumps({"version": LEDGER_VERSION, "folder": self.folder, "files": self.hashes}, indent=1)
        _atomic_write(self.file, body.encode("utf-8"), executable=False)


class Placer:
    """Applies the rule to one destination folder: `plan` each upstream file, `write` those that need
    it, then `finish`. Planning first means bytes are only downloaded for files that will be written.
    """

    def __init__(self, root: Path, ledger: Ledger) -> None:
        self.root = root
        self.ledger = ledger
        self.seen: set[str] = set()

    def plan(self, relative: str, upstream: str) -> Placed:
        """What to do with upstream's file whose SHA-256 is `upstream`: `created`/`updated` mean
        "call write"; `unchanged`/`kept` are final."""
        self.seen.add(relative)
        target = inside(self.root, relative)
        if target.is_symlink() or (target.exists() and not target.is_file()):
            return Placed(relative, "kept", "a folder or link of yours has this name")
        if not target.exists():
            return Placed(relative, "created")
        local = sha256(target.read_bytes())
        if local == upstream:
            self.ledger.hashes[relative] = upstream
            return Placed(relative, "unchanged")
        written = self.ledger.hashes.get(relative)
        if written is None:
            return Placed(relative, "kept", "your file was here before the tutorial's")
        if local != written:
            return Placed(relative, "kept", "you changed it")
        return Placed(relative, "updated")

    def write(self, relative: str, data: bytes, executable: bool = False) -> Placed | None:
        """Write a file `plan` said to write (the folders on the way are made, inside the root only).

        Returns a `kept` outcome instead when the learner touched the file since it was planned."""
        target = inside(self.root, relative)
        if target.is_symlink() or target.exists():
            current = sha256(target.read_bytes()) if target.is_file() and not target.is_symlink() else None
            if current is None or current != self.ledger.hashes.get(relative):
                return Placed(relative, "kept", "you changed it")
        _ensure_parents(self.root, target)
        _atomic_write(target, data, executable)
        self.ledger.hashes[relative] = sha256(data)
        return None

    def finish(self) -> list[Placed]:
        """Remove files upstream no longer has (only those the learner left untouched); save the ledger."""
        outcomes: list[Placed] = []
        for relative in sorted(set(self.ledger.hashes) - self.seen):
            written = self.ledger.hashes.pop(relative)
            try:
                target = inside(self.root, relative)
            except UnsafePath:
                continue
            if target.is_file() and not target.is_symlink() and sha256(target.read_bytes()) == written:
                target.unlink()
                outcomes.append(Placed(relative, "removed"))
        self.ledger.save()
        return outcomes


def _ensure_parents(root: Path, target: Path) -> None:
    real_root = Path(os.path.realpath(root))
    real_root.mkdir(parents=True, exist_ok=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    # the folders just made must still be inside the root (a link swapped in meanwhile is refused)
    parent = Path(os.path.realpath(target.parent))
    if parent != real_root and real_root not in parent.parents:
        raise UnsafePath(f"{target.name!r} resolves outside the tutorial's folder")


def _atomic_write(target: Path, data: bytes, executable: bool) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".leap-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        mode = 0o755 if executable else 0o644
        os.chmod(tmp, mode & ~UMASK)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _read_umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current & (stat.S_IRWXU | stat.S_IRWXG | stat.S_IRWXO)


# read once at import (os.umask can only be read by setting it, which is not thread-safe later)
UMASK = _read_umask()
