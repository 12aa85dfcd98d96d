"""Shared fixtures: a Jupyter server with the extension, a real upstream echo service, helpers."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import Awaitable, Iterator
from typing import Any

import pytest
from leap_testing import Fetch
from tornado.httpclient import HTTPResponse
from tornado.httpserver import HTTPServer
from tornado.testing import bind_unused_port
from tornado.web import Application, RequestHandler

from jupyterlab_leap.app import LeapGateway

pytest_plugins = ("pytest_jupyter.jupyter_server",)

LEAP_ENV = (
    "LEAP_SERVICE_URL",
    "LEAP_NODE",
    "LEAP_SERVICE_ENTRY",
    "LEAP_DATA_DIR",
    "JUPYTERHUB_API_TOKEN",
    "DATABASE_URL",
)
HUB_TOKEN = "hub-token-of-the-user"


@pytest.fixture(autouse=True)
def _clean_leap_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests start from no LEAP configuration in the environment."""
    for name in LEAP_ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def leap_config() -> dict[str, Any]:
    """`c.LeapGateway` for the test's server; override in a test module or with parametrize."""
    return {}


@pytest.fixture
def jp_server_config(leap_config: dict[str, Any]) -> dict[str, Any]:
    return {
        "ServerApp": {
            # terminals off: its websocket handler's auth warning would hide any of ours
            "jpserver_extensions": {"jupyterlab_leap": True, "jupyter_server_terminals": False},
            "allow_unauthenticated_access": False,
        },
        "LeapGateway": leap_config,
    }


@pytest.fixture
def gateway(jp_serverapp: Any) -> LeapGateway:
    """The loaded extension app of the running test server."""
    app = jp_serverapp.web_app.settings["jupyterlab_leap"]
    assert isinstance(app, LeapGateway)
    return app


@pytest.fixture
def started_gateway(gateway: LeapGateway, jp_serverapp: Any, jp_asyncio_loop: asyncio.AbstractEventLoop) -> LeapGateway:
    """The gateway after the server's start hook ran (what `jupyter server` does once its loop runs)."""
    jp_asyncio_loop.run_until_complete(jp_serverapp.extension_manager.start_all_extensions())
    return gateway


@pytest.fixture
def leap_fetch(jp_fetch: Fetch) -> Fetch:
    """jp_fetch that returns error responses instead of raising."""

    def fetch(*parts: str, **kwargs: Any) -> Awaitable[HTTPResponse]:
        kwargs.setdefault("raise_error", False)
        return jp_fetch(*parts, **kwargs)

    return fetch


class EchoHandler(RequestHandler):
    """Answers with what it received; `?status=`, `?size=` and `?delay=` shape the answer."""

    SUPPORTED_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")

    async def _echo(self) -> None:
        await asyncio.sleep(float(self.get_query_argument("delay", "0")))
        status = int(self.get_query_argument("status", "200"))
        self.set_status(status)
        self.set_header("ETag", '"echo-1"')
        self.set_header("Set-Cookie", "upstream=1")
        self.set_header("X-Leap-Internal", "upstream")
        if status in (204, 304) or self.request.method == "HEAD":
            self.finish()
            return
        self.set_header("Content-Type", "application/vnd.leap.echo+json")
        seen = {
            "method": self.request.method,
            "path": self.request.path,
            "query": self.request.query,
            "body": self.request.body.decode(),
            "headers": dict(self.request.headers),
            "padding": "x" * int(self.get_query_argument("size", "0")),
        }
        self.finish(json.dumps(seen))

    get = head = post = put = patch = delete = _echo  # type: ignore[assignment]


@pytest.fixture
def echo_upstream(jp_asyncio_loop: asyncio.AbstractEventLoop) -> Iterator[str]:
    """A real HTTP server on loopback standing in for the LEAP service; yields its base URL."""
    sock, port = bind_unused_port()
    server = HTTPServer(Application([(r"/.*", EchoHandler)]))
    server.add_sockets([sock])
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def closed_port_url() -> str:
    """A loopback URL where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def hub_token(monkeypatch: pytest.MonkeyPatch) -> str:
    """The user's JupyterHub API token, as JupyterHub sets it for a single-user server."""
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", HUB_TOKEN)
    return HUB_TOKEN
