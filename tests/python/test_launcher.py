"""Local mode: the launcher runs the REAL service (start, health, restart after a crash, stop), and
tiny node scripts stand in for a service that fails, to drive the failure paths quickly."""

from __future__ import annotations

import asyncio
import getpass
import json
import os
import signal
import time
from pathlib import Path
from typing import Any

import pytest
from leap_testing import Fetch, json_body, process_alive

from jupyterlab_leap.app import LeapGateway
from jupyterlab_leap.launcher import LocalService, LocateError, find_entry

FAILING_MIGRATE = """
process.stderr.write('preparing schema\\n');
process.stderr.write('migration 0001 failed: disk full\\n');
process.exit(3);
"""
CRASHING_SERVE = """
if (process.argv[2] === 'migrate') process.exit(0);
process.stderr.write('Error: listen EADDRINUSE (fake crash)\\n');
process.exit(1);
"""

NOT_A_PROGRAM = "<an executable file that is not a program>"


@pytest.fixture(scope="session")
def real_service_entry() -> str:
    """The built service CLI (service/dist/cli.js or the bundled .mjs)."""
    try:
        return find_entry("")
    except LocateError as err:
        pytest.fail(f"{err} (build it with `npm run build -w service`)")


@pytest.fixture
def leap_config(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, Any]:
    """Local mode; `param` is either a config dict or the source of a fake service script."""
    config: dict[str, Any] = {"restart_backoff": 0.1, "max_restarts": 2, "stop_grace": 3.0}
    param = getattr(request, "param", {})
    if isinstance(param, str):
        script = tmp_path / "fake-service.mjs"
        script.write_text(param)
        config["service_entry"] = str(script)
    elif param.get("node") == NOT_A_PROGRAM:
        node = tmp_path / "node"
        node.write_bytes(b"\x00\x01 not a program")
        node.chmod(0o755)
        config["node"] = str(node)
    else:
        config.update(param)
    return config


async def _wait_for(fetch: Fetch, predicate: Any, timeout: float) -> dict[str, Any]:
    """Poll gateway/info until predicate(info) holds."""
    deadline = time.monotonic() + timeout
    while True:
        info = json_body(await fetch("leap", "gateway", "info"))
        if predicate(info):
            return info
        if time.monotonic() > deadline:
            pytest.fail(f"gateway/info did not reach the expected state within {timeout}s: {info}")
        await asyncio.sleep(0.1)


def _service(gateway: LeapGateway) -> LocalService:
    assert isinstance(gateway.target, LocalService)
    return gateway.target


async def test_real_service_lifecycle(
    real_service_entry: str,
    started_gateway: LeapGateway,
    leap_fetch: Fetch,
    jp_serverapp: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    began = time.monotonic()
    service = _service(started_gateway)

    info = await _wait_for(leap_fetch, lambda i: i["service"]["state"] != "starting", timeout=90)
    assert info["service"] == {"state": "running", "message": None, "restarts": 0}, info
    whoami = await leap_fetch("leap", "api", "whoami")
    assert whoami.code == 200
    assert json_body(whoami) == {"name": getpass.getuser(), "admin": True, "groups": [], "mode": "local"}
    openapi = await leap_fetch("leap", "openapi.json")
    assert openapi.code == 200 and "openapi" in json_body(openapi)
    started_in = time.monotonic() - began

    first_pid = service.pid
    assert first_pid is not None
    argv = Path(f"/proc/{first_pid}/cmdline").read_bytes().split(b"\0")
    assert b"--expose-gc" in argv, "the service may give memory back when idle (service/src/memory/idle-trim.ts)"
    assert b"MALLOC_MMAP_THRESHOLD_=131072" in Path(f"/proc/{first_pid}/environ").read_bytes().split(b"\0")
    os.kill(first_pid, signal.SIGKILL)
    info = await _wait_for(
        leap_fetch, lambda i: i["service"]["state"] == "running" and i["service"]["restarts"] == 1, timeout=30
    )
    second_pid = service.pid
    assert second_pid is not None and second_pid != first_pid
    assert not process_alive(first_pid)
    whoami = await leap_fetch("leap", "api", "whoami")
    assert whoami.code == 200 and json_body(whoami)["name"] == getpass.getuser()

    endpoint = service.endpoint()
    assert endpoint is not None and endpoint.credential
    token = endpoint.credential
    assert "signal 9" in caplog.text, "the crash is logged"
    assert token not in caplog.text, "the local token never reaches the log"
    assert token not in json.dumps(info)

    await jp_serverapp.cleanup_extensions()
    assert not process_alive(second_pid), "stopping the Jupyter server stops the service"
    assert service.endpoint() is None
    print(f"real service: healthy after {started_in:.1f}s, whole lifecycle {time.monotonic() - began:.1f}s")


@pytest.mark.parametrize("leap_config", [FAILING_MIGRATE], indirect=True)
async def test_migrate_failure_is_failed_with_its_stderr(started_gateway: LeapGateway, leap_fetch: Fetch) -> None:
    info = await _wait_for(leap_fetch, lambda i: i["service"]["state"] == "failed", timeout=20)
    message = info["service"]["message"]
    assert "`migrate` exited with code 3" in message
    assert "migration 0001 failed: disk full" in message
    response = await leap_fetch("leap", "api", "whoami")
    assert response.code == 503 and json_body(response)["message"] == message


@pytest.mark.parametrize("leap_config", [CRASHING_SERVE], indirect=True)
async def test_crash_loop_restarts_with_backoff_then_gives_up(started_gateway: LeapGateway, leap_fetch: Fetch) -> None:
    info = await _wait_for(leap_fetch, lambda i: i["service"]["state"] == "failed", timeout=20)
    assert info["service"]["restarts"] == 2
    message = info["service"]["message"]
    assert "exited with code 1: Error: listen EADDRINUSE (fake crash)" in message
    assert "failed 3 times in a row" in message
    assert _service(started_gateway).pid is None


@pytest.mark.parametrize("leap_config", [{"node": NOT_A_PROGRAM}], indirect=True)
async def test_node_that_cannot_run_is_failed(started_gateway: LeapGateway, leap_fetch: Fetch, tmp_path: Path) -> None:
    info = await _wait_for(leap_fetch, lambda i: i["service"]["state"] == "failed", timeout=20)
    assert info["service"]["message"].startswith(f"Could not run the LEAP service with {tmp_path / 'node'}")
    assert "Exec format error" in info["service"]["message"]
