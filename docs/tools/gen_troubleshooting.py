"""The troubleshooting entries (docs/reference/troubleshooting.yaml), each message checked
against the source file that writes it."""

from __future__ import annotations

from pathlib import Path

import yaml
from gen_config import DocsError

WHO = {"users": "For users", "admins": "For admins"}


def check(entries: list[dict], root: Path, name: str) -> None:
    problems = []
    for entry in entries:
        for message in entry["messages"]:
            path = root / message["file"]
            literal = message.get("match", message["text"])
            if not path.is_file():
                problems.append(f'{name}: "{entry["title"]}": {message["file"]} does not exist')
            elif literal not in path.read_text():
                problems.append(f'{name}: "{entry["title"]}": {message["file"]} no longer contains {literal!r}')
    if problems:
        raise DocsError("\n".join(problems))


def page(entries_file: Path, root: Path) -> str:
    entries = yaml.safe_load(entries_file.read_text())
    check(entries, root, entries_file.name)
    lines: list[str] = []
    for who, heading in WHO.items():
        lines += [f"## {heading}", ""]
        for entry in (e for e in entries if e["who"] == who):
            lines += [f"### {entry['title']}", "", "What you see:", ""]
            for message in entry["messages"]:
                lines += ["```text", message["text"], "```", ""]
            files = ", ".join(sorted({f"`{m['file']}`" for m in entry["messages"]}))
            lines += [f"**Why:** {entry['cause']}", "", f"**Fix:** {entry['fix']}", "", f"Source: {files}.", ""]
    return "\n".join(lines)
