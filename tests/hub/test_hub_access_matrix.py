"""Access matrix (issue 8): every operation of the service's /openapi.json, called by every caller
against the real JupyterHub, compared with the declared policy (access_matrix.py).

Callers: bob (the owner of the private records) and alice (instructor) from their own JupyterLab
through their servers' gateways; dana (a second plain user), dora (data team) and admin with hub
tokens; no token, a forged token, an expired and a revoked token of bob's, and a token of bob's
for another purpose (users:activity only). The operations come
from the document at test time, so a new endpoint without a policy row fails here. Besides the
status, every body is searched for the secrets of other users' private records (a draft's title
and id, a progress message, a class session's code, a server's image), and list/count endpoints
get checks of their own. The table (operations × callers → status, pass/fail) goes to reports/access-matrix.md and
.html and into the JUnit report.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import requests

from access_matrix import POLICY, Op
from access_matrix_report import Cell, Matrix, Row, markdown, write
from access_matrix_world import Caller, World, build_world, call
from leap_hub import Hub

METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


def operations_of(hub: Hub) -> list[tuple[str, str]]:
    r = requests.get(f"{hub.service_url}/openapi.json", timeout=30)
    assert r.status_code == 200, f"/openapi.json: {r.status_code} {r.text[:300]}"
    return [(m.upper(), path) for path, item in r.json()["paths"].items() for m in item if m in METHODS]


def value(world: World, spec: str) -> str:
    return spec[1:] if spec.startswith("=") else world.ids[spec]


def request_of(op: Op, world: World, caller: Caller) -> tuple[str, dict, object]:
    path = op.path
    for name, spec in op.params.items():
        path = path.replace("{" + name + "}", quote(value(world, spec), safe="/" if name == "*" else ""))
    assert "{" not in path, f"{op.method} {op.path}: a path parameter has no value in the policy row"
    query = {name: value(world, spec) for name, spec in op.query.items()}
    body = op.body(world, caller) if op.body is not None else None
    return path, query, body


def error_body_problem(r: requests.Response) -> str | None:
    try:
        body = r.json()
    except ValueError:
        return f"error without a JSON ErrorBody: {r.text[:100]!r}"
    if not (
        isinstance(body, dict) and body.get("statusCode") == r.status_code and body.get("code") and body.get("message")
    ):
        return f"not an ErrorBody: {r.text[:100]!r}"
    return None


def leaks(world: World, caller: Caller, sent: str, r: requests.Response) -> list[str]:
    """Secrets of records the caller may not read that are in the response (and were not in the request)."""
    return [
        f"shows {what}"
        for marker, (what, allowed) in world.markers.items()
        if caller.key not in allowed and marker in r.text and marker not in sent
    ]


def run_matrix(world: World, operations: list[tuple[str, str]]) -> Matrix:
    matrix = Matrix(callers=[(c.key, c.label) for c in world.callers])
    table = {op.key: op for op in POLICY}
    for key in operations:
        if key not in table:
            matrix.problems.append(
                f"{key[0]} {key[1]} is in /openapi.json but has no row in tests/hub/access_matrix.py POLICY"
            )
    for key in table:
        if key not in operations:
            matrix.problems.append(f"{key[0]} {key[1]} has a policy row but is not in /openapi.json")
    rows: dict[tuple[str, str], Row] = {}
    seen: set[str] = set()  # markers an allowed caller did read (positive controls)
    ordered = sorted((table[k] for k in operations if k in table), key=lambda op: op.last)
    for op in ordered:
        row = rows[op.key] = Row(op.method, op.path, op.rule.name, op.note)
        # callers the rule refuses go first, while the record they try is still there
        for caller in sorted(world.callers, key=lambda c: 200 <= op.rule.expected(c) < 300):
            path, query, body = request_of(op, world, caller)
            r = call(world.hub, caller, op.method, path, params=query or None, body=body)
            cell = Cell(op.rule.expected(caller), r.status_code)
            sent = f"{path}?{json.dumps(query)} {json.dumps(body)}"
            cell.problems += leaks(world, caller, sent, r)
            if r.status_code >= 400:
                cell.problems += [p for p in [error_body_problem(r)] if p]
            elif op.check is not None and cell.actual == cell.expected:
                cell.problems += [p for p in [op.check(world, caller, r)] if p]
            if 200 <= r.status_code < 300:
                seen.update(m for m, (_, allowed) in world.markers.items() if caller.key in allowed and m in r.text)
            row.cells[caller.key] = cell
    matrix.rows = [rows[k] for k in operations if k in rows]
    for marker, (what, allowed) in world.markers.items():
        if marker in seen:
            matrix.controls.append(f"{what}: in responses to {', '.join(sorted(allowed))} only")
        else:
            matrix.problems.append(
                f"positive control: {what} was never read by {sorted(allowed)} (the leak check proves nothing)"
            )
    return matrix


def test_every_operation_as_every_caller_follows_the_policy(hub: Hub, record_testsuite_property):
    operations = operations_of(hub)
    world = build_world(hub)
    matrix = run_matrix(world, operations)
    md, page = write(matrix)
    record_testsuite_property("access_matrix", matrix.summary())
    record_testsuite_property("access_matrix_markdown", str(md))
    record_testsuite_property("access_matrix_html", str(page))
    print(markdown(matrix))  # the JUnit report's system-out
    failures = matrix.failures()
    assert not failures, f"{len(failures)} access matrix failures (table: {md}):\n" + "\n".join(failures)
