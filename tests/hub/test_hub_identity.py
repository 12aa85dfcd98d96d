"""Two real hub users reach the LEAP service through their own Jupyter servers; identity follows the
verified token only (DESIGN: "The service never trusts a user name sent in a body or header").

The `hub` fixture (conftest.py) has logged alice and bob in like browsers, started their servers
and loaded /user/<name>/lab, so each session holds its server's cookie.
"""

from __future__ import annotations

import requests

from leap_hub import ADMIN, Hub


def whoami_via_gateway(hub: Hub, name: str, **kwargs) -> requests.Response:
    return hub.gateway(name, "GET", "whoami", **kwargs)


def ok_json(r: requests.Response, hub: Hub) -> dict:
    assert r.status_code == 200, f"{r.request.method} {r.url}: {r.status_code} {r.text[:500]}\n{hub.logs()}"
    assert r.headers.get("content-type", "").startswith("application/json"), r.headers
    return r.json()


def direct(hub: Hub, token: str | None, path: str = "/api/whoami") -> requests.Response:
    headers = {"Authorization": f"token {token}"} if token is not None else {}
    return requests.get(f"{hub.service_url}{path}", headers=headers, timeout=30)


# (a) ------------------------------------------------------------------------------------------------


def test_alice_lab_reaches_service_as_alice(hub: Hub):
    me = ok_json(whoami_via_gateway(hub, "alice"), hub)
    assert me["name"] == "alice"
    assert "instructors" in me["groups"], f"alice's groups from the hub: {me}"
    assert me["admin"] is False
    assert me["mode"] == "hub"


def test_bob_lab_reaches_service_as_bob(hub: Hub):
    me = ok_json(whoami_via_gateway(hub, "bob"), hub)
    assert me["name"] == "bob"
    assert me["groups"] == []
    assert me["admin"] is False
    assert me["mode"] == "hub"


def test_gateway_non_get_carries_xsrf_and_identity(hub: Hub):
    """A non-GET request from the lab page (X-XSRFToken from the _xsrf cookie) passes the gateway
    and the service sees alice; without the header Jupyter refuses it before the gateway."""
    s = hub.sessions["alice"]
    url = f"{hub.url}/user/alice/leap/api/whoami"
    refused = s.post(url, json={}, timeout=30)
    assert refused.status_code == 403, f"POST without X-XSRFToken: {refused.status_code} {refused.text[:300]}"
    r = hub.gateway("alice", "POST", "whoami", json={})
    # whoami is GET-only in the service: what matters is that the request got through the gateway
    # to the service (its ErrorBody), not Jupyter's xsrf refusal
    assert r.status_code in (404, 405), f"POST with X-XSRFToken: {r.status_code} {r.text[:300]}"
    body = r.json()
    assert {"statusCode", "code", "message"} <= body.keys(), body


def test_gateway_info_says_hub_mode(hub: Hub):
    s = hub.sessions["alice"]
    info = ok_json(s.get(f"{hub.url}/user/alice/leap/gateway/info", timeout=30), hub)
    assert info["mode"] == "hub"
    assert info["service"]["state"] == "external", info


# (b) ------------------------------------------------------------------------------------------------


def test_alice_cannot_use_bobs_server(hub: Hub):
    s = hub.sessions["alice"]
    # the page: bob's server sends alice to the hub's OAuth, which refuses her
    r = s.get(f"{hub.url}/user/bob/lab", timeout=30)
    assert r.status_code == 403, f"alice opened bob's lab: {r.status_code} at {r.url}"
    # the API: no bob identity comes back, whatever the redirects
    r = s.get(f"{hub.url}/user/bob/leap/api/whoami", timeout=30)
    assert r.status_code in (401, 403), f"alice reached bob's gateway: {r.status_code} {r.text[:300]}"
    assert '"name": "bob"' not in r.text and '"name":"bob"' not in r.text


# (c) ------------------------------------------------------------------------------------------------


def test_forged_token_straight_to_service_is_401(hub: Hub):
    for header in ("token forged", "Bearer forged"):
        r = requests.get(f"{hub.service_url}/api/whoami", headers={"Authorization": header}, timeout=30)
        assert r.status_code == 401, f"{header!r}: {r.status_code} {r.text[:300]}"
        assert r.json()["statusCode"] == 401


def test_no_token_straight_to_service_is_401(hub: Hub):
    r = direct(hub, None)
    assert r.status_code == 401, f"{r.status_code} {r.text[:300]}"
    assert r.json()["statusCode"] == 401
    # a user name alone is not a credential
    r = requests.get(
        f"{hub.service_url}/api/whoami",
        headers={"X-Forwarded-User": "alice", "X-Leap-User": "alice", "X-Remote-User": "alice"},
        params={"user": "alice"},
        timeout=30,
    )
    assert r.status_code == 401, f"{r.status_code} {r.text[:300]}"


def test_health_needs_no_token(hub: Hub):
    health = ok_json(direct(hub, None, "/api/health"), hub)
    assert health["mode"] == "hub"
    assert health["database"]["kind"] == "postgresql"
    assert health["database"]["ok"] is True


# (d) ------------------------------------------------------------------------------------------------


def test_user_name_in_headers_or_query_is_ignored(hub: Hub):
    spoof = {
        "X-Forwarded-User": "bob",
        "X-Leap-User": "bob",
        "X-Remote-User": "bob",
        "X-Jupyterhub-User": "bob",
    }
    me = ok_json(whoami_via_gateway(hub, "alice", headers=spoof, params={"user": "bob"}), hub)
    assert me["name"] == "alice", f"a header or query parameter changed the identity: {me}"
    assert "instructors" in me["groups"]


# (e) ------------------------------------------------------------------------------------------------


def test_bobs_own_hub_token_identifies_bob(hub: Hub):
    s = hub.sessions["bob"]
    token = hub.token(s, "bob", ["access:services!service=leap"], "leap hub test: bob, leap only")
    me = ok_json(direct(hub, token), hub)
    assert me == {"name": "bob", "admin": False, "groups": [], "mode": "hub"}
    # Bearer works the same
    r = requests.get(f"{hub.service_url}/api/whoami", headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert ok_json(r, hub)["name"] == "bob"
    # and no header changes it
    r = requests.get(
        f"{hub.service_url}/api/whoami",
        headers={"Authorization": f"token {token}", "X-Forwarded-User": "alice", "X-Leap-User": "alice"},
        params={"user": "alice"},
        timeout=30,
    )
    assert ok_json(r, hub)["name"] == "bob"


def test_alice_token_identifies_alice_with_groups(hub: Hub):
    s = hub.sessions["alice"]
    token = hub.token(s, "alice", ["access:services!service=leap"], "leap hub test: alice, leap only")
    me = ok_json(direct(hub, token), hub)
    assert me["name"] == "alice" and "instructors" in me["groups"] and me["admin"] is False


def test_admin_flag_comes_from_the_hub(hub: Hub):
    s = hub.login(ADMIN)
    token = hub.token(s, ADMIN, ["access:services!service=leap"], "leap hub test: admin, leap only")
    me = ok_json(direct(hub, token), hub)
    assert me["name"] == ADMIN and me["admin"] is True, me


def test_revoked_token_is_refused(hub: Hub):
    """A token revoked before its first use never identifies anyone. (A token already seen stays
    valid for the service's identity-cache TTL, 60 s by default; not waited for here.)"""
    s = hub.sessions["bob"]
    token = hub.token(s, "bob", ["access:services!service=leap"], "leap hub test: revoked")
    r = s.get(f"{hub.url}/hub/api/users/bob/tokens", timeout=30)
    ids = [t["id"] for t in r.json()["api_tokens"] if t.get("note") == "leap hub test: revoked"]
    assert ids, r.text
    r = s.delete(f"{hub.url}/hub/api/users/bob/tokens/{ids[0]}", headers=Hub.hub_xsrf(s), timeout=30)
    assert r.status_code == 204, f"{r.status_code} {r.text}"
    r = direct(hub, token)
    assert r.status_code == 401, f"revoked token accepted: {r.status_code} {r.text[:300]}"


# (f) ------------------------------------------------------------------------------------------------


def test_users_table_has_alice_and_bob(hub: Hub):
    import psycopg

    # make sure both have called through their gateways in this run, whatever ran before
    for name in ("alice", "bob"):
        assert ok_json(whoami_via_gateway(hub, name), hub)["name"] == name
    with psycopg.connect(hub.database_url, connect_timeout=10) as conn:
        rows = conn.execute("SELECT name, admin, groups FROM users ORDER BY name").fetchall()
    users = {name: (admin, groups) for name, admin, groups in rows}
    assert {"alice", "bob"} <= users.keys(), f"users table: {rows}"
    assert users["alice"][0] is False and "instructors" in users["alice"][1], users["alice"]
    assert users["bob"] == (False, []), users["bob"]
    assert not {"forged", ""} & users.keys()
