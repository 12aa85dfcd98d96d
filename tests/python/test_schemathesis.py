"""schemathesis against the service's own /openapi.json: a real service (local mode, migrated demo
data) on PGlite and on PostgreSQL; no 5xx, every status, content type, header and body as documented.

The run is deterministic (fixed seed, bounded examples per operation, no shrinking) and its count
of generated cases is checked (at least 1,000 over the two databases). Its JUnit report (one case
per operation and phase) goes to reports/schemathesis/.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from jupyterlab_leap.launcher.locate import find_entry, find_node

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
VENV_BIN = Path(sys.executable).parent
# Read at import: the autouse fixture of conftest.py clears LEAP_* for each test.
ENTRY = os.environ.get("LEAP_SERVICE_ENTRY", "")
ADMIN_URL = os.environ.get("LEAP_TEST_DATABASE_URL", "")
TOKEN = "schemathesis-" + secrets.token_hex(8)
SEED = 20261125
MAX_EXAMPLES = 6
CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
        "ignored_auth",
        "use_after_free",
        "ensure_resource_availability",
    ]
)
MIN_CASES_PER_RUN = 500  # two runs: at least 1,000 cases in all
REPORTS = Path(os.environ.get("LEAP_REPORTS_DIR", ROOT / "reports")) / "schemathesis"


@dataclass(frozen=True)
class Service:
    url: str
    log: Path


def _service_env(database: dict[str, str], tmp: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp),
        "LEAP_MODE": "local",
        "LEAP_SERVICE_TOKEN": TOKEN,
        "LEAP_LOCAL_USER": "alice",
        "LEAP_HOST": "127.0.0.1",
        "LEAP_PORT": "0",
        "LEAP_LOG_LEVEL": "info",
        **database,
    }


def _listening_port(proc: subprocess.Popen[bytes], log: Path, timeout: float = 60.0) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in log.read_text(errors="replace").splitlines():
            if '"event":"listening"' in line:
                return int(json.loads(line)["port"])
        if proc.poll() is not None:
            raise AssertionError(f"the service exited ({proc.returncode}) before listening:\n{log.read_text()}")
        time.sleep(0.1)
    raise AssertionError(f"the service did not listen within {timeout} s:\n{log.read_text()}")


@pytest.fixture(scope="module", params=["pglite", "postgresql"])
def service(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    tmp = tmp_path_factory.mktemp(f"schemathesis-{request.param}")
    database_name = f"leap_schemathesis_{secrets.token_hex(4)}"
    if request.param == "pglite":
        database = {"LEAP_DATA_DIR": str(tmp / "data")}
    else:
        if not ADMIN_URL:
            pytest.fail(
                "LEAP_TEST_DATABASE_URL is not set: point it at a PostgreSQL server (scripts/postgres.sh start)"
            )
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{database_name}"')
        parts = urlsplit(ADMIN_URL)
        database = {"DATABASE_URL": urlunsplit(parts._replace(path=f"/{database_name}"))}
    command = [find_node(""), find_entry(ENTRY)]
    env = _service_env(database, tmp)
    migrated = subprocess.run([*command, "migrate"], env=env, capture_output=True, text=True, timeout=120, check=False)
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr
    log = tmp / "service.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([*command, "serve"], env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        port = _listening_port(proc, log)
        yield Service(url=f"http://127.0.0.1:{port}", log=log)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if request.param == "postgresql":
            with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{database_name}" WITH (FORCE)')


def _generated_cases(ndjson: Path) -> int:
    """Test cases schemathesis generated (what its summary calls "generated"), from its NDJSON report."""
    total = 0
    with ndjson.open() as events:
        for line in events:
            finished = json.loads(line).get("ScenarioFinished")
            if finished is not None:
                total += len(finished["recorder"].get("cases", {}))
    return total


def test_the_api_conforms_to_its_openapi_document(
    service: Service, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    variant = request.node.callspec.params["service"]
    REPORTS.mkdir(parents=True, exist_ok=True)
    junit = REPORTS / f"schemathesis-{variant}.xml"
    ndjson = tmp_path / "events.ndjson"
    result = subprocess.run(
        [
            str(VENV_BIN / "st"),
            "--config-file",
            str(HERE / "schemathesis.toml"),
            "run",
            f"{service.url}/openapi.json",
            "--header",
            f"Authorization: token {TOKEN}",
            "--checks",
            CHECKS,
            "--seed",
            str(SEED),
            "--max-examples",
            str(MAX_EXAMPLES),
            "--no-shrink",
            # One worker: Hypothesis parses lambda sources with `ast`, which on Python 3.11 is not
            # thread-safe ("AST constructor recursion depth mismatch" as a run error).
            "--workers",
            "1",
            "--request-timeout",
            "10",
            "--report",
            "junit,ndjson",
            "--report-junit-path",
            str(junit),
            "--report-ndjson-path",
            str(ndjson),
            "--output-truncate",
            "true",
            "--no-color",
        ],
        env={**os.environ, "SCHEMATHESIS_HOOKS": "schemathesis_hooks", "PYTHONPATH": str(HERE)},
        # its cache of earlier failures (replayed by later runs) stays out of the checkout
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = result.stdout + result.stderr
    errors = [line for line in service.log.read_text(errors="replace").splitlines() if '"level":50' in line]
    assert result.returncode == 0, f"{output}\n\nservice errors:\n" + "\n".join(errors[:20])
    cases = _generated_cases(ndjson)
    print(f"schemathesis on {variant}: {cases} generated cases; {output.strip().splitlines()[-1]}")
    assert cases >= MIN_CASES_PER_RUN, output
    assert errors == [], "\n".join(errors[:20])
