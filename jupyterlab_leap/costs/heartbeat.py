"""The cost heartbeat: every minute (jittered) tell the LEAP service what this server asks for and
uses, and which Dask Gateway clusters its user runs (`POST /api/costs/heartbeat`, body `Heartbeat`
of service/src/api/costs-schemas.ts). It goes to the same service and with the same credential as
the gateway's forwarding, so the service bills the token's owner. A failure is logged and retried
with backoff; it never raises into the server.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from tornado.httpclient import AsyncHTTPClient, HTTPClientError

from ..target import ServiceTarget
from .dask_gateway import DaskCluster, DaskGatewayClient, DaskGatewayError
from .server_env import ServerResources
from .usage import Usage

HEARTBEAT_PATH = "/api/costs/heartbeat"
UNKNOWN_GPU = "unknown"
NOT_RUNNING_RETRY = 5.0
STOP_GRACE = 3.0


@dataclass(frozen=True)
class HeartbeatSettings:
    interval: float = 60.0
    jitter: float = 0.1
    max_backoff: float = 900.0
    request_timeout: float = 20.0
    server_name: str = ""
    scheduler_cores: float = 1.0
    scheduler_memory_bytes: int = 2 * 1024**3


def dask_cluster_body(cluster: DaskCluster, settings: HeartbeatSettings, now: datetime) -> dict[str, Any]:
    """One `HeartbeatDaskCluster`: requests from the cluster options when given, else what the
    scheduler says of its workers (threads, memory limit); the scheduler's own size from the
    options or the gateway's defaults (settings)."""
    workers = cluster.workers or ()
    options = cluster.options
    worker_cores = _number(options.get("worker_cores"))
    if worker_cores is None:
        worker_cores = float(max((w.threads for w in workers), default=0))
    worker_memory = max((w.memory_bytes for w in workers), default=0)
    scheduler_cores = _number(options.get("scheduler_cores"))
    return {
        "id": cluster.name,
        "started": cluster.started_at or now.isoformat().replace("+00:00", "Z"),
        "workers": len(workers),
        "workerCores": worker_cores,
        "workerMemoryBytes": worker_memory,
        "schedulerCores": settings.scheduler_cores if scheduler_cores is None else scheduler_cores,
        "schedulerMemoryBytes": settings.scheduler_memory_bytes,
    }


def heartbeat_body(
    resources: ServerResources,
    usage: Usage | None,
    clusters: list[DaskCluster],
    settings: HeartbeatSettings,
    now: datetime,
) -> dict[str, Any]:
    """The `Heartbeat` JSON body."""
    gpu = {"type": resources.gpu_type or UNKNOWN_GPU, "count": resources.gpus} if resources.gpus else None
    return {
        "server": {
            "name": settings.server_name,
            "profile": resources.profile,
            "image": resources.image,
            "requests": {
                "cpuGuarantee": resources.cpu_guarantee,
                "cpuLimit": resources.cpu_limit,
                "memGuaranteeBytes": resources.mem_guarantee,
                "memLimitBytes": resources.mem_limit,
                "gpu": gpu,
            },
            "usage": {
                "rssBytes": usage.memory_bytes if usage else None,
                "cpuPercent": round(usage.cpu_cores * 100, 2) if usage else None,
            },
        },
        "daskClusters": [dask_cluster_body(c, settings, now) for c in clusters],
    }


class CostHeartbeat:
    """Sends the heartbeat on a jittered schedule until stopped."""

    def __init__(
        self,
        target: ServiceTarget,
        resources: ServerResources,
        read_usage: Callable[[], Awaitable[Usage]],
        dask: DaskGatewayClient | None,
        settings: HeartbeatSettings,
        log: logging.Logger,
        client: AsyncHTTPClient | None = None,
    ) -> None:
        self._target = target
        self._resources = resources
        self._read_usage = read_usage
        self._dask = dask
        self._settings = settings
        self._log = log
        self._client = client or AsyncHTTPClient()
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()
        self._failures = 0
        self._known_clusters: dict[str, DaskCluster] = {}
        self.last_receipt: dict[str, Any] | None = None

    def start(self) -> None:
        self._task = asyncio.ensure_future(self._run())

    async def stop(self) -> None:
        """Stop after the beat in flight (if any) finishes, waiting at most STOP_GRACE seconds."""
        if self._task is None:
            return
        self._stopping.set()
        try:
            await asyncio.wait_for(asyncio.shield(self._task), STOP_GRACE)
        except asyncio.TimeoutError:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
        self._task = None

    async def _run(self) -> None:
        # the first beat a few seconds after start, spread so servers started together do not beat together
        delay = random.uniform(0, self._settings.interval * self._settings.jitter) + min(self._settings.interval, 5.0)
        while not await self._stopped_within(delay):
            try:
                interval = await self.beat()
            except ServiceNotRunning as err:
                self._log.debug("LEAP cost heartbeat: %s", err)
                interval = min(self._settings.interval, NOT_RUNNING_RETRY)
            except Exception as err:  # never into the server: log, back off, try again
                interval = self._failed(err)
            delay = self._jittered(interval)

    async def _stopped_within(self, seconds: float) -> bool:
        try:
            await asyncio.wait_for(self._stopping.wait(), seconds)
        except asyncio.TimeoutError:
            return False
        return True

    async def beat(self) -> float:
        """Send one heartbeat; returns the interval the service asks for. Raises on failure."""
        endpoint = self._target.endpoint()
        if endpoint is None:
            raise ServiceNotRunning(f"not sent: the LEAP service is {self._target.status().state}")
        body = heartbeat_body(
            self._resources, await self._usage(), await self._clusters(), self._settings, datetime.now(timezone.utc)
        )
        headers = {"Content-Type": "application/json"}
        if endpoint.credential:
            headers["Authorization"] = f"token {endpoint.credential}"
        url = endpoint.base_url + HEARTBEAT_PATH
        try:
            response = await self._client.fetch(
                url,
                method="POST",
                body=json.dumps(body),
                headers=headers,
                request_timeout=self._settings.request_timeout,
                raise_error=False,
            )
        except (OSError, HTTPClientError) as err:
            raise HeartbeatError(f"cannot reach {url}: {err}") from None
        if response.code != 200:
            raise HeartbeatError(f"{url} answered {response.code}: {response.body.decode(errors='replace')[:300]}")
        receipt = json.loads(response.body)
        self.last_receipt = receipt
        if self._failures:
            self._log.info("LEAP cost heartbeat: delivered again after %d failures", self._failures)
        self._failures = 0
        asked = receipt.get("intervalSeconds")
        return float(asked) if isinstance(asked, (int, float)) and asked > 0 else self._settings.interval

    async def _usage(self) -> Usage | None:
        try:
            return await self._read_usage()
        except Exception as err:
            self._log.debug("LEAP cost heartbeat: usage not read (%s)", err)
            return None

    async def _clusters(self) -> list[DaskCluster]:
        """The Dask clusters now; if the gateway cannot be asked, the last known ones (a cluster
        left out of a heartbeat counts as stopped, so a short outage must not stop its meter)."""
        if self._dask is None:
            return []
        try:
            clusters = await self._dask.clusters()
        except DaskGatewayError as err:
            self._log.warning("LEAP cost heartbeat: %s; reporting the last known clusters", err)
            return list(self._known_clusters.values())
        # a running cluster whose dashboard did not answer keeps its last known workers
        merged = [
            c if c.workers is not None or c.name not in self._known_clusters else self._known_clusters[c.name]
            for c in clusters
        ]
        self._known_clusters = {c.name: c for c in merged}
        return merged

    def _failed(self, err: Exception) -> float:
        self._failures += 1
        level = logging.WARNING if self._failures in (1, 5) or self._failures % 60 == 0 else logging.DEBUG
        self._log.log(level, "LEAP cost heartbeat failed (%d in a row): %s", self._failures, err)
        return min(self._settings.interval * 2 ** min(self._failures - 1, 16), self._settings.max_backoff)

    def _jittered(self, interval: float) -> float:
        spread = interval * self._settings.jitter
        return max(0.05, interval + random.uniform(-spread, spread))


class HeartbeatError(RuntimeError):
    """One heartbeat was not delivered; the message says why."""


class ServiceNotRunning(HeartbeatError):
    """There is no service to send to yet (local service starting, restarting or failed)."""


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0 else None
