"""A real Dask Gateway (local backend, simple auth) for the cost tests, run as its own process."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

import pytest

VENV_BIN = Path(sys.executable).parent
PASSWORD = "gateway-password"
WORKER_MEMORY = 512 * 1024**2


@dataclass(frozen=True)
class RunningGateway:
    address: str  # the public address (the gateway's proxy), as DASK_GATEWAY__ADDRESS
    password: str
    log: Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


CONFIG = """
c.DaskGateway.backend_class = "dask_gateway_server.backends.local.UnsafeLocalBackend"
c.DaskGateway.authenticator_class = "dask_gateway_server.auth.SimpleAuthenticator"
c.SimpleAuthenticator.password = {password!r}
c.DaskGateway.address = "127.0.0.1:{api}"
c.Proxy.address = "127.0.0.1:{web}"
c.Proxy.tcp_address = "127.0.0.1:{tcp}"
c.ClusterConfig.worker_cores = 1
c.ClusterConfig.worker_memory = {worker_memory}
c.ClusterConfig.scheduler_cmd = [{dask!r}, "scheduler"]
c.ClusterConfig.worker_cmd = [{dask!r}, "worker"]
c.UnsafeLocalBackend.clusters_directory = {clusters!r}
"""


@contextmanager
def dask_gateway_server(workdir: Path, timeout: float = 60.0) -> Iterator[RunningGateway]:
    """Start `dask-gateway-server` with the local backend; stop it (and its clusters) afterwards."""
    api, web, tcp = _free_port(), _free_port(), _free_port()
    clusters = workdir / "clusters"
    clusters.mkdir(parents=True, exist_ok=True)
    config = workdir / "dask_gateway_config.py"
    config.write_text(
        CONFIG.format(
            password=PASSWORD,
            api=api,
            web=web,
            tcp=tcp,
            worker_memory=WORKER_MEMORY,
            dask=str(VENV_BIN / "dask"),
            clusters=str(clusters),
        )
    )
    log = workdir / "dask-gateway.log"
    env = {**os.environ, "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(VENV_BIN / "dask-gateway-server"), "-f", str(config)],
            cwd=workdir,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
    address = f"http://127.0.0.1:{web}"
    try:
        _wait_healthy(address, proc, log, timeout)
        yield RunningGateway(address, PASSWORD, log)
    finally:
        proc.send_signal(signal.SIGTERM)  # the gateway stops its clusters on shutdown
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _wait_healthy(address: str, proc: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"dask-gateway-server exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urlopen(f"{address}/api/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (URLError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"dask-gateway-server did not become healthy within {timeout}s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def running_gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningGateway]:
    """A real Dask Gateway for the test module (import this fixture into the module)."""
    with dask_gateway_server(tmp_path_factory.mktemp("dask-gateway")) as gateway:
        yield gateway
