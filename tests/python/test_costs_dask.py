"""The Dask Gateway client against a REAL dask-gateway-server (local backend): a cluster started,
scaled up and down and stopped; the client reports at each point what the gateway says."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import datetime, timezone
from typing import Any

import pytest
from costs_testing import WORKER_MEMORY, RunningGateway, running_gateway  # noqa: F401 (fixture)
from dask_gateway import BasicAuth, Gateway

from jupyterlab_leap.costs import DaskCluster, DaskGatewayAuth, DaskGatewayClient, DaskGatewayError
from jupyterlab_leap.costs.heartbeat import HeartbeatSettings, dask_cluster_body

USER = "alice"


def _client(gateway: RunningGateway, user: str = USER, password: str | None = None) -> DaskGatewayClient:
    auth = DaskGatewayAuth("basic", username=user, password=gateway.password if password is None else password)
    return DaskGatewayClient(gateway.address, auth)


async def _until(
    read: Callable[[], Awaitable[list[DaskCluster]]], ok: Callable[[list[DaskCluster]], bool], timeout: float = 90
) -> list[DaskCluster]:
    deadline = time.monotonic() + timeout
    while True:
        clusters = await read()
        if ok(clusters):
            return clusters
        if time.monotonic() > deadline:
            pytest.fail(f"the client did not see the expected clusters within {timeout}s: {clusters}")
        await asyncio.sleep(0.5)


async def test_a_cluster_started_scaled_up_and_down_and_stopped(running_gateway: RunningGateway) -> None:  # noqa: F811
    client = _client(running_gateway)
    assert await client.clusters() == []

    async with Gateway(
        running_gateway.address, auth=BasicAuth(USER, running_gateway.password), asynchronous=True
    ) as gateway:
        before = datetime.now(timezone.utc)
        name = await gateway.submit()

        running = await _until(client.clusters, lambda cs: [c.status for c in cs] == ["RUNNING"])
        (cluster,) = running
        assert cluster.name == name
        assert cluster.worker_count == 0
        assert cluster.started_at is not None
        started = datetime.fromisoformat(cluster.started_at.replace("Z", "+00:00"))
        assert abs((started - before).total_seconds()) < 30

        await gateway.scale_cluster(name, 2)
        (cluster,) = await _until(client.clusters, lambda cs: cs[0].worker_count == 2)
        assert cluster.cores == 2
        assert cluster.memory_bytes == 2 * WORKER_MEMORY
        body = dask_cluster_body(cluster, HeartbeatSettings(), datetime.now(timezone.utc))
        assert body == {
            "id": name,
            "started": cluster.started_at,
            "workers": 2,
            "workerCores": 1.0,
            "workerMemoryBytes": WORKER_MEMORY,
            "schedulerCores": 1.0,
            "schedulerMemoryBytes": 2 * 1024**3,
        }

        await gateway.scale_cluster(name, 1)
        (cluster,) = await _until(client.clusters, lambda cs: cs[0].worker_count == 1)
        assert cluster.memory_bytes == WORKER_MEMORY

        other_user = _client(running_gateway, user="bob")
        assert await other_user.clusters() == [], "a user sees only their own clusters"

        await gateway.stop_cluster(name)
        await _until(client.clusters, lambda cs: cs == [])


async def test_a_wrong_password_is_an_error_naming_the_status(running_gateway: RunningGateway) -> None:  # noqa: F811
    with pytest.raises(DaskGatewayError, match="answered 401"):
        await _client(running_gateway, password="wrong").clusters()


async def test_an_unreachable_gateway_is_an_error_naming_the_address(closed_port_url: str) -> None:
    client = DaskGatewayClient(closed_port_url, DaskGatewayAuth("none"))
    with pytest.raises(DaskGatewayError, match=f"cannot reach the Dask Gateway at {closed_port_url}"):
        await client.clusters()


def test_jupyterhub_auth_sends_the_token_and_needs_one() -> None:
    assert DaskGatewayAuth("jupyterhub", token="t0k").header() == {"Authorization": "jupyterhub t0k"}
    with pytest.raises(DaskGatewayError, match="JUPYTERHUB_API_TOKEN"):
        DaskGatewayAuth("jupyterhub").header()


def test_cluster_options_name_the_requested_sizes() -> None:
    cluster = DaskCluster("c1", "RUNNING", "2026-11-01T00:00:00Z", {"worker_cores": 4, "scheduler_cores": 2}, ())
    body: dict[str, Any] = dask_cluster_body(cluster, HeartbeatSettings(), datetime.now(timezone.utc))
    assert (body["workers"], body["workerCores"], body["schedulerCores"]) == (0, 4.0, 2.0)
