"""Which headers cross the gateway: an allowlist each way, so identity never leaks through."""

from __future__ import annotations

from tornado.httputil import HTTPHeaders

# Request headers the service may see. Everything else is dropped, in particular Authorization,
# Cookie, X-* (X-Forwarded-User, X-Leap-User, X-XSRFToken, ...), Forwarded and hop-by-hop headers.
FORWARDED_REQUEST_HEADERS = (
    "Accept",
    "Accept-Language",
    "Content-Type",
    "If-Match",
    "If-None-Match",
    "If-Modified-Since",
    "If-Unmodified-Since",
)

# Response headers passed back to the browser besides the status and body.
RETURNED_RESPONSE_HEADERS = (
    "Cache-Control",
    "Content-Disposition",
    "ETag",
    "Last-Modified",
    "Retry-After",
)


def upstream_headers(incoming: HTTPHeaders, credential: str | None) -> HTTPHeaders:
    """The headers for the service request: the allowed incoming ones plus our own credential."""
    headers = HTTPHeaders()
    for name in FORWARDED_REQUEST_HEADERS:
        value = incoming.get(name)
        if value is not None:
            headers[name] = value
    if credential:
        headers["Authorization"] = f"token {credential}"
    return headers
