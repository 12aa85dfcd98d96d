"""One fetch of a tutorial's files into the learner's home, as a stream of progress events."""

from __future__ import annotations

import asyncio
import hashlib
import os
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from .paths import UnsafePath, clean_relative
from .placement import Ledger, Placed, Placer, sha256
from .sources import FetchError, Source

# one fetch per destination folder at a time (a second waits for the first)
_locks: dict[str, asyncio.Lock] = {}


def destination(root_dir: str, dest: str) -> tuple[str, Path]:
    """The cleaned `dest` and its folder below the server's root; UnsafePath if it would leave it."""
    clean = clean_relative(dest)
    real_root = Path(os.path.realpath(root_dir))
    folder = Path(os.path.realpath(real_root / clean))
    if folder == real_root or real_root not in folder.parents:
        raise UnsafePath(f"dest {dest!r} resolves outside your home folder")
    return clean, folder


def ledger_file(data_dir: str, folder: Path) -> Path:
    key = hashlib.sha256(str(folder).encode()).hexdigest()[:24]
    return Path(data_dir) / "tutorials" / "ledgers" / f"{key}.json"


async def fetch_files(source: Source, dest: str, folder: Path, ledger: Path) -> AsyncIterator[dict[str, Any]]:
    """Events: `listing`, then one `file` per upstream file (with `done`/`total`), then `done` with
    the counts per action (`created`, `updated`, `unchanged`, `kept`, `removed`) and every outcome.
    A FetchError ends the stream with an `error` event; what was written before it stays recorded."""
    lock = _locks.setdefault(str(folder), asyncio.Lock())
    async with lock:
        yield {"event": "listing", "source": source.description, "dest": dest}
        placer = Placer(folder, Ledger(ledger, dest))
        outcomes: list[Placed] = []
        try:
            files = await source.list()
            total = len(files)
            for done, file in enumerate(files, start=1):
                outcome = await _place_one(source, placer, file)
                outcomes.append(outcome)
                yield {"event": "file", "done": done, "total": total, **outcome.to_json()}
        except (FetchError, UnsafePath, OSError) as err:
            placer.ledger.save()
            yield {"event": "error", "message": str(err), "dest": dest}
            return
        outcomes.extend(placer.finish())
        counts = Counter(o.action for o in outcomes)
        yield {
            "event": "done",
            "dest": dest,
            "counts": {
                action: counts.get(action, 0) for action in ("created", "updated", "unchanged", "kept", "removed")
            },
            "files": [o.to_json() for o in outcomes],
        }


async def _place_one(source: Source, placer: Placer, file: Any) -> Placed:
    if file.sha256:  # shipped: hash known, so only files that will be written are downloaded
        plan = placer.plan(file.path, file.sha256)
        if plan.action not in ("created", "updated"):
            return plan
        data = await source.read(file)
    else:  # git: blobs are local once fetched; hash them to plan
        data = await source.read(file)
        plan = placer.plan(file.path, sha256(data))
        if plan.action not in ("created", "updated"):
            return plan
    return placer.write(file.path, data, file.executable) or plan
