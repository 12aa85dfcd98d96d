"""The heartbeat reaching the REAL service: local mode (the gateway launches the service), a real
Dask Gateway with a user's cluster; the service's summary then shows the server and the cluster."""

from __future__ import annotations

import asyncio
import getpass
import json
import time
from typing import Any

import pytest
from costs_testing import WORKER_MEMORY, RunningGateway, running_gateway  # noqa: F401 (fixture)
from dask_gateway import BasicAuth, Gateway
from leap_testing import Fetch, json_body

from jupyterlab_leap.app import LeapGateway
from jupyterlab_leap.costs import DaskGatewayAuth, DaskGatewayClient
from jupyterlab_leap.launcher import LocateError, find_entry

SERVICE_START = 90.0
GiB = 1024**3


@pytest.fixture
def leap_config(running_gateway: RunningGateway, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:  # noqa: F811
    try:
        find_entry("")
    except LocateError as err:
        pytest.fail(f"{err} (build it with `npm run build -w service`)")
    monkeypatch.setenv("MEM_GUARANTEE", str(2 * GiB))
    monkeypatch.setenv("CPU_GUARANTEE", "0.5")
    monkeypatch.setenv("JUPYTER_IMAGE", "quay.io/leap-stc/base-image:2026.11.01")
    return {
        "dask_gateway_url": running_gateway.address,
        "dask_gateway_auth": "basic",
        "dask_gateway_password": running_gateway.password,
    }


async def _summary_when(fetch: Fetch, ok: Any, timeout: float) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    summary: Any = None
    while time.monotonic() < deadline:
        response = await fetch("leap", "api", "costs", "summary")
        if response.code == 200:
            summary = json_body(response)
            if ok(summary):
                return summary
        await asyncio.sleep(0.5)
    pytest.fail(f"the service's summary did not show the heartbeat within {timeout}s: {json.dumps(summary)[:2000]}")


async def test_the_service_bills_the_server_and_the_dask_cluster_it_was_told_about(
    gateway: LeapGateway,
    jp_serverapp: Any,
    leap_fetch: Fetch,
    running_gateway: RunningGateway,  # noqa: F811
) -> None:
    user = getpass.getuser()
    auth = BasicAuth(user, running_gateway.password)
    client = DaskGatewayClient(running_gateway.address, DaskGatewayAuth("basic", None, user, running_gateway.password))
    async with Gateway(running_gateway.address, auth=auth, asynchronous=True) as dask:
        name = await dask.submit()
        try:
            deadline = time.monotonic() + 90
            while [c.status for c in await client.clusters()] != ["RUNNING"]:
                assert time.monotonic() < deadline, "the cluster did not start"
                await asyncio.sleep(0.5)
            await dask.scale_cluster(name, 2)
            while [c.worker_count for c in await client.clusters()] != [2]:
                assert time.monotonic() < deadline, "the cluster did not get its 2 workers"
                await asyncio.sleep(0.5)

            # the server starts now (its first heartbeat follows within seconds, then every minute)
            await jp_serverapp.extension_manager.start_all_extensions()
            summary = await _summary_when(
                leap_fetch,
                lambda s: any("heartbeat" in srv["seenBy"] for srv in s["servers"]) and s["daskClusters"],
                SERVICE_START,
            )
        finally:
            await dask.stop_cluster(name)

    assert summary["user"] == user
    (server,) = summary["servers"]
    assert server["name"] == ""
    assert server["image"] == "quay.io/leap-stc/base-image:2026.11.01"
    assert server["requests"]["cpu"] >= 0.5, "billed: max(guarantee, used)"
    assert server["requests"]["memoryBytes"] >= 2 * GiB
    assert server["requests"]["gpuCount"] == 0
    assert server["ratePerHour"] > 0
    (cluster,) = summary["daskClusters"]
    assert cluster["id"] == name
    assert cluster["workers"] == 2
    assert cluster["cores"] == 1 + 2 * 1, "the scheduler's default core and one per worker"
    assert cluster["memoryBytes"] == 2 * GiB + 2 * WORKER_MEMORY
    assert cluster["ratePerHour"] > 0
    assert summary["rate"]["byResource"]["dask"] == pytest.approx(cluster["ratePerHour"])

    assert gateway.heartbeat is not None
    receipt = gateway.heartbeat.last_receipt
    assert receipt is not None and receipt["currency"] == summary["currency"]
    assert receipt["intervalSeconds"] == 60
