"""The local service never outlives its Jupyter server, even when the server is killed with SIGKILL
(no clean-up code runs then: the kernel's parent-death signal stops the service)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

TOKEN = "test-server-killed"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def children_of(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_until(predicate, what: str, limit: float) -> None:
    deadline = time.monotonic() + limit
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {limit}s waiting for: {what}")
        time.sleep(0.2)


def service_state(port: int) -> str | None:
    url = f"http://127.0.0.1:{port}/leap/gateway/info"
    request = urllib.request.Request(url, headers={"Authorization": f"token {TOKEN}"})
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return json.load(response)["service"]["state"]
    except OSError:
        return None


def test_service_stops_when_the_server_is_sigkilled(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "LEAP_DATA_DIR": str(tmp_path / "leap"), "JUPYTER_RUNTIME_DIR": str(tmp_path)}
    server = subprocess.Popen(
        [
            sys.executable, "-m", "jupyter_server", "--no-browser", "--allow-root",
            f"--port={port}", f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={tmp_path}",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until(lambda: service_state(port) == "running", "the local service to run", 90)
        services = children_of(server.pid)
        assert services, "the running service should be a child of the Jupyter server"
        server.send_signal(signal.SIGKILL)
        server.wait()
        wait_until(lambda: not any(running(pid) for pid in services), "the service to stop", 20)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
