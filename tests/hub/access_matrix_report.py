"""The access matrix as a report: operations × callers → status, pass/fail (Markdown and HTML).

Written to $LEAP_TEST_REPORTS (default <repo>/reports, the directory scripts/test.sh makes) as
access-matrix.md and access-matrix.html, and attached to the JUnit report by the test.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass, field
from pathlib import Path

from leap_hub import REPO


@dataclass
class Cell:
    expected: int
    actual: int
    problems: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.actual == self.expected and not self.problems

    def text(self) -> str:
        if self.passed:
            return f"{self.actual} ✓"
        why = [f"expected {self.expected}"] if self.actual != self.expected else []
        return f"{self.actual} ✗ ({'; '.join(why + self.problems)})"


@dataclass
class Row:
    method: str
    path: str
    rule: str
    note: str = ""
    cells: dict[str, Cell] = field(default_factory=dict)  # caller key → cell


@dataclass
class Matrix:
    callers: list[tuple[str, str]]  # (key, label)
    rows: list[Row] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # not tied to one cell: unclassified operations, …
    controls: list[str] = field(default_factory=list)  # positive controls that held

    @property
    def cells(self) -> int:
        return sum(len(r.cells) for r in self.rows)

    def failures(self) -> list[str]:
        out = list(self.problems)
        for row in self.rows:
            for key, cell in row.cells.items():
                if not cell.passed:
                    out.append(f"{row.method} {row.path} as {key}: {cell.text()}")
        return out

    def summary(self) -> str:
        failed = len(self.failures())
        return (
            f"{len(self.rows)} operations × {len(self.callers)} callers = {self.cells} calls; "
            f"{'all passed' if failed == 0 else f'{failed} failed'}"
        )


def reports_dir() -> Path:
    return Path(os.environ.get("LEAP_TEST_REPORTS") or REPO / "reports")


def markdown(m: Matrix) -> str:
    head = ["Operation", "Rule", *(label for _, label in m.callers)]
    lines = [
        "# Access matrix of the LEAP service (tests/hub/test_hub_access_matrix.py)",
        "",
        f"{m.summary()}. Every operation of the service's /openapi.json, called by every caller against a real",
        "JupyterHub (bob and alice through their own JupyterLab server, the others straight to the service).",
        "✓: the status the rule expects and no private record of another user in the body.",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for row in m.rows:
        rule = row.rule + (f" ({row.note})" if row.note else "")
        cells = [row.cells[k].text() if k in row.cells else "—" for k, _ in m.callers]
        lines.append("| " + " | ".join([f"`{row.method} {row.path}`", rule, *cells]).replace("\n", " ") + " |")
    if m.controls:
        lines += ["", "Positive controls (the privacy checks can fail):", "", *(f"- {c}" for c in m.controls)]
    if m.problems:
        lines += ["", "Problems:", "", *(f"- {p}" for p in m.problems)]
    return "\n".join(lines) + "\n"


def to_html(m: Matrix) -> str:
    e = html.escape
    head = "".join(f"<th>{e(label)}</th>" for _, label in m.callers)
    body = []
    for row in m.rows:
        cells = []
        for key, _ in m.callers:
            cell = row.cells.get(key)
            cls = "none" if cell is None else ("pass" if cell.passed else "fail")
            cells.append(f'<td class="{cls}">{e(cell.text()) if cell else "—"}</td>')
        rule = e(row.rule) + (f"<br><small>{e(row.note)}</small>" if row.note else "")
        body.append(f"<tr><th><code>{e(row.method)} {e(row.path)}</code></th><td>{rule}</td>{''.join(cells)}</tr>")
    extra = "".join(f"<li>{e(p)}</li>" for p in m.problems)
    return (
        "<!doctype html><meta charset=utf-8><title>LEAP access matrix</title><style>"
        "body{font:14px sans-serif}table{border-collapse:collapse}"
        "td,th{border:1px solid #999;padding:2px 6px;text-align:left}"
        ".pass{background:#dfd}.fail{background:#fbb}.none{background:#eee}</style>"
        f"<h1>Access matrix of the LEAP service</h1><p>{e(m.summary())}</p>"
        f"<table><tr><th>Operation</th><th>Rule</th>{head}</tr>{''.join(body)}</table>"
        + (f"<h2>Problems</h2><ul>{extra}</ul>" if extra else "")
    )


def write(m: Matrix) -> tuple[Path, Path]:
    folder = reports_dir()
    folder.mkdir(parents=True, exist_ok=True)
    md, page = folder / "access-matrix.md", folder / "access-matrix.html"
    md.write_text(markdown(m))
    page.write_text(to_html(m))
    return md, page
