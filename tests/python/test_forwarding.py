"""The gateway forwards to a real upstream: method, path, query, body and types kept; identity replaced."""

from __future__ import annotations

import json
from typing import Any

import pytest
from leap_testing import Fetch, json_body

from jupyterlab_leap import __version__


@pytest.fixture
def leap_config(echo_upstream: str, hub_token: str) -> dict[str, Any]:
    return {"service_url": echo_upstream, "max_body_size": 4096, "request_timeout": 1.0}


@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "PATCH", "DELETE"])
async def test_method_path_query_and_body_are_kept(leap_fetch: Fetch, method: str) -> None:
    body = json.dumps({"title": "ERA5 ☀"}) if method in ("POST", "PUT", "PATCH") else None
    response = await leap_fetch(
        "leap",
        "api",
        "catalog",
        "datasets",
        method=method,
        body=body,
        params={"q": "sea surface", "facet": "a&b"},
        headers={"Content-Type": "application/json"},
        allow_nonstandard_methods=True,
    )
    assert response.code == 200
    seen = json_body(response)
    assert seen["method"] == method
    assert seen["path"] == "/api/catalog/datasets"
    assert seen["query"] == "q=sea+surface&facet=a%26b"
    assert seen["body"] == (json.loads(json.dumps(body)) if body else "")
    if body:
        assert seen["headers"]["Content-Type"] == "application/json"
    else:
        assert "Content-Type" not in seen["headers"], "an empty body is not declared as JSON"


async def test_encoded_path_segments_reach_the_service_unchanged(
    http_server_client: Any, jp_base_url: str, jp_auth_header: dict[str, str]
) -> None:
    path = "catalog/datasets/gs%3A%2F%2Fbucket%2Fstore.zarr"
    response = await http_server_client.fetch(jp_base_url + "leap/api/" + path, headers=jp_auth_header)
    assert json_body(response)["path"] == "/api/" + path


@pytest.mark.parametrize("path", ["x/../openapi.json", "x/%2E%2E/openapi.json", "./whoami"])
async def test_dot_segments_are_refused(
    http_server_client: Any, jp_base_url: str, jp_auth_header: dict[str, str], path: str
) -> None:
    response = await http_server_client.fetch(
        jp_base_url + "leap/api/" + path, headers=jp_auth_header, raise_error=False
    )
    assert response.code == 400
    assert json_body(response)["code"] == "invalid_request"


async def test_credential_replaces_authorization_and_identity_headers_are_dropped(
    leap_fetch: Fetch, jp_serverapp: Any, hub_token: str
) -> None:
    jupyter_token = jp_serverapp.identity_provider.token
    response = await leap_fetch(
        "leap",
        "api",
        "whoami",
        # Jupyter authenticates this request by its `token` query parameter, so the headers below
        # are what a hostile page could add; none of them may reach the service.
        params={"token": jupyter_token, "keep": "1"},
        headers={
            "Authorization": "token forged-by-the-browser",
            "Cookie": "session=stolen; _xsrf=abc",
            "X-Forwarded-User": "admin",
            "X-Leap-User": "admin",
            "X-Remote-User": "admin",
            "Forwarded": "for=1.2.3.4;user=admin",
            "Accept": "application/json",
        },
    )
    assert response.code == 200
    seen = json_body(response)
    headers = {name.lower(): value for name, value in seen["headers"].items()}
    assert headers["authorization"] == f"token {hub_token}"
    assert headers["accept"] == "application/json"
    assert "cookie" not in headers
    assert "forwarded" not in headers
    assert not [name for name in headers if name.startswith("x-")]
    assert seen["query"] == "keep=1", "Jupyter's own token must not be forwarded"


@pytest.mark.parametrize("status", [201, 400, 401, 403, 404, 409, 418, 500, 503])
async def test_status_body_and_content_type_pass_through(leap_fetch: Fetch, status: int) -> None:
    response = await leap_fetch("leap", "api", "anything", params={"status": str(status)})
    assert response.code == status
    assert response.headers["Content-Type"] == "application/vnd.leap.echo+json"
    assert response.headers["ETag"] == '"echo-1"'
    assert not [c for c in response.headers.get_list("Set-Cookie") if "upstream" in c]
    assert "X-Leap-Internal" not in response.headers
    assert json_body(response)["path"] == "/api/anything"


@pytest.mark.parametrize("status", [204, 304])
async def test_bodyless_statuses_pass_through(leap_fetch: Fetch, status: int) -> None:
    response = await leap_fetch("leap", "api", "anything", params={"status": str(status)})
    assert response.code == status
    assert response.body == b""


async def test_head_is_forwarded(leap_fetch: Fetch) -> None:
    response = await leap_fetch("leap", "api", "anything", method="HEAD")
    assert response.code == 200
    assert response.headers["ETag"] == '"echo-1"'


async def test_openapi_document_is_forwarded(leap_fetch: Fetch) -> None:
    response = await leap_fetch("leap", "openapi.json")
    assert response.code == 200
    assert json_body(response)["path"] == "/openapi.json"


async def test_request_body_over_the_limit_is_refused(leap_fetch: Fetch) -> None:
    response = await leap_fetch("leap", "api", "upload", method="POST", body="x" * 5000)
    assert response.code == 413
    assert json_body(response) == {
        "statusCode": 413,
        "code": "payload_too_large",
        "message": "The request body has 5000 bytes; the gateway accepts at most 4096.",
    }


async def test_response_over_the_limit_is_a_bad_gateway(leap_fetch: Fetch) -> None:
    response = await leap_fetch("leap", "api", "big", params={"size": "10000"})
    assert response.code == 502
    body = json_body(response)
    assert body["code"] == "bad_gateway"
    assert "at most 4096" in body["message"]


async def test_slow_answer_is_503_naming_the_timeout(leap_fetch: Fetch, echo_upstream: str) -> None:
    response = await leap_fetch("leap", "api", "slow", params={"delay": "3"})
    assert response.code == 503
    assert json_body(response) == {
        "statusCode": 503,
        "code": "service_unavailable",
        "message": f"The LEAP service at {echo_upstream} did not answer within 1s.",
    }


async def test_gateway_info_in_hub_mode(leap_fetch: Fetch, hub_token: str) -> None:
    response = await leap_fetch("leap", "gateway", "info")
    assert response.code == 200
    info = json_body(response)
    assert info == {
        "mode": "hub",
        "version": __version__,
        "service": {"state": "external", "message": None, "restarts": 0},
    }
    assert hub_token not in response.body.decode()


@pytest.mark.parametrize(
    ("method", "route"),
    [
        ("GET", "leap/api/whoami"),
        ("POST", "leap/api/whoami"),
        ("DELETE", "leap/api/whoami"),
        ("GET", "leap/openapi.json"),
        ("GET", "leap/gateway/info"),
    ],
)
async def test_unauthenticated_requests_are_refused_by_jupyter(
    http_server_client: Any, jp_base_url: str, method: str, route: str
) -> None:
    response = await http_server_client.fetch(
        jp_base_url + route,
        method=method,
        body="{}" if method == "POST" else None,
        headers={"Authorization": "token not-the-jupyter-token"},
        raise_error=False,
    )
    assert response.code == 403
    assert b"echo" not in response.body, "the request must not reach the service"
