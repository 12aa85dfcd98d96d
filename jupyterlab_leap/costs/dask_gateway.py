"""The user's Dask Gateway clusters and their workers, from the gateway's REST API.

`GET {address}/api/v1/clusters/` lists the caller's clusters (name, status, start_time, options).
The number of workers and their threads and memory are not in that answer; each running
cluster's scheduler tells them on its dashboard, which the gateway proxies without auth at
`{address}/clusters/<name>/json/identity.json` (`workers: {addr: {nthreads, memory_limit}}`).
Auth: `Authorization: jupyterhub <JUPYTERHUB_API_TOKEN>` behind JupyterHub, or HTTP basic auth
(the gateway's SimpleAuthenticator) for a local gateway.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Literal
from urllib.parse import quote

from tornado.httpclient import AsyncHTTPClient, HTTPClientError

AuthKind = Literal["jupyterhub", "basic", "none"]
REQUEST_TIMEOUT = 10.0


class DaskGatewayError(RuntimeError):
    """The gateway could not be asked, or answered something else than the cluster list."""


@dataclass(frozen=True)
class DaskGatewayAuth:
    kind: AuthKind
    token: str | None = None
    username: str | None = None
    password: str | None = None

    def header(self) -> dict[str, str]:
        if self.kind == "jupyterhub":
            if not self.token:
                raise DaskGatewayError("Dask Gateway auth 'jupyterhub' needs JUPYTERHUB_API_TOKEN")
            return {"Authorization": f"jupyterhub {self.token}"}
        if self.kind == "basic":
            pair = f"{self.username or ''}:{self.password or ''}".encode()
            return {"Authorization": "Basic " + base64.b64encode(pair).decode()}
        return {}


@dataclass(frozen=True)
class DaskWorker:
    threads: int
    memory_bytes: int


@dataclass(frozen=True)
class DaskCluster:
    """One cluster; `workers` is None when its scheduler's dashboard could not be read."""

    name: str
    status: str
    started_at: str | None
    options: dict[str, Any]
    workers: tuple[DaskWorker, ...] | None

    @property
    def worker_count(self) -> int | None:
        return None if self.workers is None else len(self.workers)

    @property
    def cores(self) -> int | None:
        return None if self.workers is None else sum(w.threads for w in self.workers)

    @property
    def memory_bytes(self) -> int | None:
        return None if self.workers is None else sum(w.memory_bytes for w in self.workers)


class DaskGatewayClient:
    """Asks one Dask Gateway about the caller's clusters."""

    def __init__(self, address: str, auth: DaskGatewayAuth, client: AsyncHTTPClient | None = None) -> None:
        self._address = address.rstrip("/")
        self._auth = auth
        self._client = client or AsyncHTTPClient()

    @property
    def address(self) -> str:
        return self._address

    async def clusters(self) -> list[DaskCluster]:
        """Every cluster the gateway lists for the caller that is not stopped, with its workers."""
        listing = await self._get_json(f"{self._address}/api/v1/clusters/", self._auth.header())
        if not isinstance(listing, dict):
            raise DaskGatewayError(f"{self._address}/api/v1/clusters/ did not answer a JSON object")
        found = []
        for name, model in sorted(listing.items()):
            status = str(model.get("status", "UNKNOWN"))
            if status in ("STOPPED", "FAILED"):
                continue
            workers = await self._workers(name) if status == "RUNNING" else ()
            options = model.get("options") if isinstance(model.get("options"), dict) else {}
            found.append(DaskCluster(name, status, _iso(model.get("start_time")), options, workers))
        return found

    async def _workers(self, name: str) -> tuple[DaskWorker, ...] | None:
        url = f"{self._address}/clusters/{quote(name, safe='')}/json/identity.json"
        try:
            identity = await self._get_json(url, {})
            return tuple(
                DaskWorker(int(w.get("nthreads", 0)), int(w.get("memory_limit", 0)))
                for w in identity.get("workers", {}).values()
            )
        except (DaskGatewayError, AttributeError, TypeError, ValueError):
            return None

    async def _get_json(self, url: str, headers: dict[str, str]) -> Any:
        try:
            response = await self._client.fetch(
                url, headers=headers, request_timeout=REQUEST_TIMEOUT, raise_error=False, follow_redirects=False
            )
        except (OSError, HTTPClientError) as err:
            raise DaskGatewayError(f"cannot reach the Dask Gateway at {url}: {err}") from None
        if response.code != 200:
            raise DaskGatewayError(f"the Dask Gateway answered {response.code} {response.reason} for {url}")
        try:
            return json.loads(response.body)
        except ValueError:
            raise DaskGatewayError(f"the Dask Gateway's answer for {url} is not JSON") from None


def _iso(epoch_ms: Any) -> str | None:
    if not isinstance(epoch_ms, (int, float)):
        return None
    return datetime.fromtimestamp(epoch_ms / 1000, tz=timezone.utc).isoformat().replace("+00:00", "Z")
