"""Forwarding one request to the service and relaying its answer (status, body, content type)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote_plus

from jupyter_server.base.handlers import APIHandler
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest, HTTPResponse
from tornado.simple_httpclient import HTTPTimeoutError

from ..target import ServiceStatus, ServiceTarget
from .errors import error_body
from .headers import RETURNED_RESPONSE_HEADERS, upstream_headers

BODY_METHODS = ("POST", "PUT", "PATCH")
NO_BODY_STATUSES = (204, 304)


@dataclass(frozen=True)
class ForwardLimits:
    """Bounds on one forwarded request."""

    max_body_size: int
    request_timeout: float
    connect_timeout: float


class ForwardingHandler(APIHandler):
    """Base for handlers that pass a request on to the LEAP service."""

    target: ServiceTarget
    client: AsyncHTTPClient
    limits: ForwardLimits

    def initialize(self, target: ServiceTarget, client: AsyncHTTPClient, limits: ForwardLimits) -> None:
        self.target = target
        self.client = client
        self.limits = limits

    def send_error_body(self, status: int, code: str, message: str) -> None:
        self.set_status(status)
        self.finish(error_body(status, code, message))

    async def forward(self, upstream_path: str) -> None:
        """Send this request to `{service}{upstream_path}?{query}` and relay the answer."""
        endpoint = self.target.endpoint()
        if endpoint is None:
            self.send_error_body(503, "service_unavailable", _unavailable(self.target.status()))
            return
        body = self.request.body
        if len(body) > self.limits.max_body_size:
            self.send_error_body(
                413,
                "payload_too_large",
                f"The request body has {len(body)} bytes; the gateway accepts at most {self.limits.max_body_size}.",
            )
            return
        method = self.request.method or "GET"
        query = _without_jupyter_token(self.request.query)
        declared = _DeclaredLength()
        headers = upstream_headers(self.request.headers, endpoint.credential)
        if not body:
            # JupyterLab's ServerConnection labels every request JSON, bodyless DELETEs and POSTs
            # too; the service refuses an empty body declared as JSON.
            headers.pop("Content-Type", None)
        request = HTTPRequest(
            endpoint.base_url + upstream_path + query,
            method=method,
            headers=headers,
            body=body if body or method in BODY_METHODS else None,
            allow_nonstandard_methods=True,
            follow_redirects=False,
            connect_timeout=self.limits.connect_timeout,
            request_timeout=self.limits.request_timeout,
            header_callback=declared.observe,
        )
        try:
            response = await self.client.fetch(request, raise_error=False)
        except HTTPTimeoutError:
            self.send_error_body(
                503,
                "service_unavailable",
                f"The LEAP service at {endpoint.base_url} did not answer within {self.limits.request_timeout:g}s.",
            )
            return
        except (OSError, HTTPClientError) as err:
            if declared.length > self.limits.max_body_size:
                self.send_error_body(
                    502,
                    "bad_gateway",
                    f"The LEAP service's answer has {declared.length} bytes; the gateway passes on at most "
                    f"{self.limits.max_body_size}.",
                )
            else:
                self.send_error_body(
                    503, "service_unavailable", f"Cannot reach the LEAP service at {endpoint.base_url}: {err}."
                )
            return
        self._relay(response)

    def _relay(self, response: HTTPResponse) -> None:
        self.set_status(response.code, reason=response.reason)
        for name in RETURNED_RESPONSE_HEADERS:
            value = response.headers.get(name)
            if value is not None:
                self.set_header(name, value)
        content_type = response.headers.get("Content-Type", "application/octet-stream")
        if response.code in NO_BODY_STATUSES or self.request.method == "HEAD" or not response.body:
            self.finish(set_content_type=content_type)
        else:
            self.finish(response.body, set_content_type=content_type)


class _DeclaredLength:
    """Remembers the Content-Length the service announced (the client refuses oversized bodies)."""

    def __init__(self) -> None:
        self.length = 0

    def observe(self, header_line: str) -> None:
        name, _, value = header_line.partition(":")
        if name.strip().lower() == "content-length" and value.strip().isdigit():
            self.length = int(value.strip())


def _without_jupyter_token(query: str) -> str:
    """`?<query>` minus Jupyter's own `token` parameter (a credential), other bytes untouched."""
    kept = [part for part in query.split("&") if part and unquote_plus(part.split("=", 1)[0]) != "token"]
    return "?" + "&".join(kept) if kept else ""


def _unavailable(status: ServiceStatus) -> str:
    """Why there is no endpoint right now, in words the user can act on."""
    if status.message:
        return status.message
    return f"The LEAP service is {status.state}."
