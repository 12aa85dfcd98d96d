"""The gateway's routes: `leap/api/*` to the service, `leap/openapi.json`, `leap/gateway/info`."""

from __future__ import annotations

from urllib.parse import unquote

from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join
from tornado.httpclient import AsyncHTTPClient
from tornado.web import authenticated

from ..target import ServiceTarget
from .forward import ForwardingHandler, ForwardLimits

API_ROUTE = r"leap/api/(.*)"
OPENAPI_ROUTE = r"leap/openapi\.json"
INFO_ROUTE = r"leap/gateway/info"


class ApiProxyHandler(ForwardingHandler):
    """`{base_url}leap/api/<path>` → `{service}/api/<path>`, every method but OPTIONS (CORS preflight)."""

    def _upstream_path(self) -> str | None:
        # the raw (still percent-encoded) path, so encoded slashes in ids reach the service intact
        prefix = url_path_join(self.base_url, "leap/api/")
        rest = self.request.path[len(prefix) :] if self.request.path.startswith(prefix) else ""
        if any(unquote(segment) in (".", "..") for segment in rest.split("/")):
            return None
        return f"/api/{rest}"

    async def _forward_api(self) -> None:
        path = self._upstream_path()
        if path is None:
            self.send_error_body(400, "invalid_request", "The path may not contain '.' or '..' segments.")
            return
        await self.forward(path)

    @authenticated
    async def get(self, _: str) -> None:
        await self._forward_api()

    @authenticated
    async def head(self, _: str) -> None:
        await self._forward_api()

    @authenticated
    async def post(self, _: str) -> None:
        await self._forward_api()

    @authenticated
    async def put(self, _: str) -> None:
        await self._forward_api()

    @authenticated
    async def patch(self, _: str) -> None:
        await self._forward_api()

    @authenticated
    async def delete(self, _: str) -> None:
        await self._forward_api()


class OpenApiHandler(ForwardingHandler):
    """`{base_url}leap/openapi.json` → the service's `/openapi.json`."""

    @authenticated
    async def get(self) -> None:
        await self.forward("/openapi.json")


class GatewayInfoHandler(APIHandler):
    """What the gateway itself knows: mode, package version, service state. Nothing secret."""

    def initialize(self, target: ServiceTarget, version: str) -> None:
        self.target = target
        self.version = version

    @authenticated
    def get(self) -> None:
        self.finish({"mode": self.target.mode, "version": self.version, "service": self.target.status().to_json()})


def gateway_handlers(
    target: ServiceTarget, client: AsyncHTTPClient, limits: ForwardLimits, version: str
) -> list[tuple[str, type, dict[str, object]]]:
    """The route table (patterns relative to base_url, as ExtensionApp expects)."""
    forwarding = {"target": target, "client": client, "limits": limits}
    return [
        (API_ROUTE, ApiProxyHandler, forwarding),
        (OPENAPI_ROUTE, OpenApiHandler, forwarding),
        (INFO_ROUTE, GatewayInfoHandler, {"target": target, "version": version}),
    ]
