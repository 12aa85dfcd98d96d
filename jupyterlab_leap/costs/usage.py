"""What this server uses right now: memory (RSS) and CPU of the server's process tree.

Preferred source: jupyter-resource-usage's `GET {base_url}api/metrics/v1` on this same server,
when that extension is loaded (its `rss`, and `cpu_percent` when it tracks CPU). Anything it does
not give (or when it is absent or fails) comes from psutil over this process and its children
(kernels, terminals). CPU percent is measured between two readings, so the first reading of a
process counts 0; readings a heartbeat apart give the average over that interval.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Literal

import psutil
from tornado.httpclient import AsyncHTTPClient, HTTPClientError

Source = Literal["jupyter-resource-usage", "psutil"]
METRICS_TIMEOUT = 5.0


@dataclass(frozen=True)
class Usage:
    """Memory in bytes and CPU in cores (1.0 = one core busy) of the server's process tree."""

    memory_bytes: int
    cpu_cores: float
    source: Source


class ProcessTreeUsage:
    """psutil over the process tree rooted at `pid`, keeping Process objects between readings."""

    def __init__(self, pid: int | None = None) -> None:
        self._root = psutil.Process(pid)
        self._known: dict[int, psutil.Process] = {}

    def read(self) -> Usage:
        try:
            current = [self._root, *self._root.children(recursive=True)]
        except psutil.Error:
            current = [self._root]
        processes = [self._known.get(p.pid, p) for p in current]
        self._known = {p.pid: p for p in processes}
        memory = 0
        cpu_percent = 0.0
        for process in processes:
            try:
                with process.oneshot():
                    memory += process.memory_info().rss
                    cpu_percent += process.cpu_percent(interval=None)
            except psutil.Error:
                continue  # ended between listing and reading
        return Usage(memory_bytes=memory, cpu_cores=round(cpu_percent / 100.0, 4), source="psutil")


class ResourceUsageMetrics:
    """jupyter-resource-usage's metrics handler on this server, with psutil for what it leaves out."""

    def __init__(
        self,
        metrics_url: str,
        credential: str | None,
        fallback: ProcessTreeUsage,
        log: logging.Logger,
        client: AsyncHTTPClient | None = None,
    ) -> None:
        self._url = metrics_url
        self._credential = credential
        self._fallback = fallback
        self._log = log
        self._client = client or AsyncHTTPClient()

    async def read(self) -> Usage:
        own = self._fallback.read()  # always read, so psutil's CPU baseline stays one beat old
        headers = {"Authorization": f"token {self._credential}"} if self._credential else {}
        try:
            response = await self._client.fetch(
                self._url, headers=headers, request_timeout=METRICS_TIMEOUT, raise_error=False
            )
        except (OSError, HTTPClientError) as err:
            self._log.debug("LEAP heartbeat: %s unreachable (%s); using psutil", self._url, err)
            return own
        if response.code != 200:
            self._log.debug("LEAP heartbeat: %s answered %s; using psutil", self._url, response.code)
            return own
        try:
            metrics = json.loads(response.body)
            rss = int(metrics["rss"])
        except (ValueError, KeyError, TypeError):
            self._log.debug("LEAP heartbeat: %s gave no rss; using psutil", self._url)
            return own
        cpu_percent = metrics.get("cpu_percent")
        cpu = round(float(cpu_percent) / 100.0, 4) if isinstance(cpu_percent, (int, float)) else own.cpu_cores
        return Usage(memory_bytes=rss, cpu_cores=cpu, source="jupyter-resource-usage")
