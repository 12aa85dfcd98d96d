"""The heartbeat inside a running Jupyter server: what it sends, to whom, how often, and that a
failing service only backs it off. (The real service's answer: test_costs_service.py.)"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Iterator
from typing import Any

import pytest
from tornado.httpserver import HTTPServer
from tornado.testing import bind_unused_port
from tornado.web import Application, RequestHandler

from jupyterlab_leap.app import LeapGateway
from jupyterlab_leap.costs import CostHeartbeat, HeartbeatSettings

SPAWNER_ENV = {
    "MEM_LIMIT": "4294967296",
    "MEM_GUARANTEE": "2147483648",
    "CPU_LIMIT": "2.0",
    "CPU_GUARANTEE": "0.5",
    "JUPYTER_IMAGE": "quay.io/leap-stc/base-image:2026.11.01",
    "JUPYTERHUB_SERVER_NAME": "gpu-box",
    "LEAP_PROFILE": "small",
}


class Recorder(RequestHandler):
    """Stands in for the service's heartbeat route: records each call, answers a receipt."""

    def initialize(self, seen: list[dict[str, Any]], statuses: list[int]) -> None:
        self.seen = seen
        self.statuses = statuses

    def post(self) -> None:
        self.seen.append(
            {"path": self.request.path, "headers": dict(self.request.headers), "body": json.loads(self.request.body)}
        )
        status = self.statuses.pop(0) if self.statuses else 200
        self.set_status(status)
        if status == 200:
            self.finish(
                {"receivedAt": "2026-11-25T12:00:00Z", "intervalSeconds": 1, "ratePerHour": 0.1, "currency": "USD"}
            )
        else:
            self.finish({"statusCode": status, "code": "internal_error", "message": "boom"})


@pytest.fixture
def recorded() -> dict[str, list[Any]]:
    return {"seen": [], "statuses": []}


@pytest.fixture
def recorder_url(recorded: dict[str, list[Any]], jp_asyncio_loop: asyncio.AbstractEventLoop) -> Iterator[str]:
    sock, port = bind_unused_port()
    server = HTTPServer(Application([(r"/api/costs/heartbeat", Recorder, recorded)]))
    server.add_sockets([sock])
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def leap_config(recorder_url: str, hub_token: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    for name, value in SPAWNER_ENV.items():
        monkeypatch.setenv(name, value)
    return {"service_url": recorder_url, "heartbeat_interval": 0.3}


@pytest.fixture
def jp_server_config(leap_config: dict[str, Any]) -> dict[str, Any]:
    return {
        "ServerApp": {
            "jpserver_extensions": {
                "jupyterlab_leap": True,
                "jupyter_resource_usage": True,
                "jupyter_server_terminals": False,
            },
            "allow_unauthenticated_access": False,
        },
        "ResourceUseDisplay": {"track_cpu_percent": True},
        "LeapGateway": leap_config,
    }


@pytest.fixture
def serving(http_server_client: Any) -> None:
    """The test server listening on its port (jupyter-resource-usage's metrics are asked over HTTP)."""


async def _until(predicate: Any, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"not reached within {timeout}s")
        await asyncio.sleep(0.05)


async def test_heartbeat_carries_the_spawner_facts_and_the_usage_with_the_users_token(
    serving: None, started_gateway: LeapGateway, recorded: dict[str, list[Any]], hub_token: str
) -> None:
    await _until(lambda: len(recorded["seen"]) >= 2)
    first = recorded["seen"][0]
    assert first["path"] == "/api/costs/heartbeat"
    assert first["headers"]["Authorization"] == f"token {hub_token}"
    assert first["headers"]["Content-Type"] == "application/json"
    body = first["body"]
    assert body["server"] == {
        "name": "gpu-box",
        "profile": "small",
        "image": "quay.io/leap-stc/base-image:2026.11.01",
        "requests": {
            "cpuGuarantee": 0.5,
            "cpuLimit": 2.0,
            "memGuaranteeBytes": 2 * 1024**3,
            "memLimitBytes": 4 * 1024**3,
            "gpu": None,
        },
        "usage": body["server"]["usage"],
    }
    assert body["daskClusters"] == []
    usage = body["server"]["usage"]
    assert usage["rssBytes"] > 20 * 1024 * 1024, "the server process alone is tens of MiB"
    assert usage["cpuPercent"] >= 0
    assert started_gateway.heartbeat is not None
    assert started_gateway.heartbeat.last_receipt == {
        "receivedAt": "2026-11-25T12:00:00Z",
        "intervalSeconds": 1,
        "ratePerHour": 0.1,
        "currency": "USD",
    }


async def test_the_usage_comes_from_jupyter_resource_usage(
    serving: None,
    started_gateway: LeapGateway,
    recorded: dict[str, list[Any]],
    jp_fetch: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.DEBUG):
        await _until(lambda: len(recorded["seen"]) >= 1)
    logged = [r.getMessage() for r in caplog.records]
    assert [m for m in logged if m.startswith("200 GET") and "/api/metrics/v1" in m], "the heartbeat asked it"
    assert not [m for m in logged if "using psutil" in m]
    metrics = json.loads((await jp_fetch("api", "metrics", "v1")).body)
    sent = recorded["seen"][-1]["body"]["server"]["usage"]["rssBytes"]
    # the same process tree a moment apart: within 20 % of each other
    assert abs(sent - metrics["rss"]) < 0.2 * metrics["rss"]


async def test_a_failing_service_backs_the_heartbeat_off_and_it_recovers(
    serving: None,
    started_gateway: LeapGateway,
    recorded: dict[str, list[Any]],
    caplog: pytest.LogCaptureFixture,
    leap_fetch: Any,
) -> None:
    recorded["statuses"].extend([500, 500])
    with caplog.at_level(logging.DEBUG):
        await _until(lambda: len(recorded["seen"]) >= 3, timeout=30)
    failures = [r.getMessage() for r in caplog.records if "LEAP cost heartbeat failed" in r.getMessage()]
    assert failures[0].startswith("LEAP cost heartbeat failed (1 in a row): ")
    assert "answered 500" in failures[0]
    assert [r.levelno for r in caplog.records if "failed (1 in a row)" in r.getMessage()] == [logging.WARNING]
    assert any("delivered again after 2 failures" in r.getMessage() for r in caplog.records)
    assert (await leap_fetch("leap", "gateway", "info")).code == 200, "the server keeps serving"


async def test_the_heartbeat_stops_with_the_server(
    serving: None, started_gateway: LeapGateway, recorded: dict[str, list[Any]], jp_serverapp: Any
) -> None:
    await _until(lambda: len(recorded["seen"]) >= 1)
    await jp_serverapp.extension_manager.stop_all_extensions()
    sent = len(recorded["seen"])
    await asyncio.sleep(1.0)
    assert len(recorded["seen"]) == sent


def test_backoff_doubles_up_to_the_ceiling() -> None:
    settings = HeartbeatSettings(interval=60, max_backoff=900)
    beat = CostHeartbeat(None, None, None, None, settings, logging.getLogger("test"))  # type: ignore[arg-type]
    delays = [beat._failed(RuntimeError("down")) for _ in range(7)]
    assert delays == [60, 120, 240, 480, 900, 900, 900]
