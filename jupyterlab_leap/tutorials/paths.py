"""Which file paths a tutorial may write: relative, inside the destination, no tricks."""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path


class UnsafePath(ValueError):
    """A path from a manifest that would escape the destination or touch something it may not."""


def clean_relative(path: str) -> str:
    """`path` as a normalized POSIX path relative to the destination, or UnsafePath naming why."""
    if not isinstance(path, str) or not path.strip():
        raise UnsafePath("the path is empty")
    if "\\" in path or "\x00" in path:
        raise UnsafePath(f"{path!r} contains a backslash or NUL character")
    if path.startswith("/") or re.match(r"^[A-Za-z]:", path):
        raise UnsafePath(f"{path!r} is absolute; paths are relative to the tutorial's folder")
    segments = [s for s in path.split("/") if s not in ("", ".")]
    if any(s == ".." for s in segments):
        raise UnsafePath(f"{path!r} leaves the tutorial's folder ('..')")
    if any(s == ".git" for s in segments):
        raise UnsafePath(f"{path!r} is inside a .git folder")
    if not segments:
        raise UnsafePath(f"{path!r} names no file")
    return posixpath.join(*segments)


def inside(root: Path, relative: str) -> Path:
    """`root/relative` after following any symbolic links on the way, refused if it ends up outside `root`.

    The last segment itself is not followed: a link the learner put there is theirs, and the writer
    never writes through it.
    """
    real_root = Path(os.path.realpath(root))
    target = real_root / relative
    parent = Path(os.path.realpath(target.parent))
    if parent != real_root and real_root not in parent.parents:
        raise UnsafePath(f"{relative!r} resolves outside the tutorial's folder (a symbolic link on the way)")
    return parent / target.name
