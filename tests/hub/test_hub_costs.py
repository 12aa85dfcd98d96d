"""Cost meter against the real JupyterHub: the service polls GET /hub/api/users?state=active with
its own token (list:users, read:users, read:servers) every LEAP_COSTS_HUB_POLL_SECONDS (2 here), so running
servers cost money with no browser open; the profile comes from the server's user_options; only
admins see others' costs. Heartbeats reach the service through the user's own gateway.
"""

from __future__ import annotations

import time
from datetime import datetime, timezone

import requests

from leap_hub import ADMIN, Hub

POLL_SECONDS = 2
MEDIUM_RATE = 4 * 0.031611 + 32 * 0.004237  # default pricing, profile "medium": 4 vCPU, 32 GiB
SMALL_RATE = 1 * 0.031611 + 8 * 0.004237  # "small", the default profile


def service(hub: Hub, token: str, method: str, path: str, **kwargs) -> requests.Response:
    return requests.request(method, f"{hub.service_url}/api/{path}", headers={"Authorization": f"token {token}"}, timeout=30, **kwargs)


def ok(r: requests.Response, hub: Hub) -> dict:
    assert r.status_code == 200, f"{r.request.method} {r.url}: {r.status_code} {r.text[:500]}\n{hub.logs()}"
    return r.json()


def admin_token(hub: Hub) -> str:
    s = hub.login(ADMIN)
    return hub.token(s, ADMIN, None, "leap hub test: costs admin")


def wait_for(predicate, what: str, hub: Hub, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"{what} within {timeout}s\n{hub.logs()}")


def test_running_servers_cost_money_without_a_browser(hub: Hub):
    """alice's server (started by the fixture, no profile: the default one) accrues from the hub
    poller alone: her summary lists it as seen by the hub and month-to-date grows."""
    token = admin_token(hub)

    def alice_billed():
        summary = ok(service(hub, token, "GET", "costs/summary", params={"user": "alice"}), hub)
        return summary if summary["monthToDate"]["total"] > 0 and summary["servers"] else None

    summary = wait_for(alice_billed, "alice's server was not billed from the hub poll", hub)
    server = summary["servers"][0]
    assert server["name"] == "" and "hub" in server["seenBy"], server
    assert server["profile"] is None and server["requests"]["cpu"] == 1, server
    assert abs(server["ratePerHour"] - SMALL_RATE) < 1e-9, server
    started = datetime.fromisoformat(server["started"].replace("Z", "+00:00"))
    hours = (datetime.now(timezone.utc) - started).total_seconds() / 3600
    assert summary["monthToDate"]["total"] <= SMALL_RATE * hours + 1e-9, (summary, hours)


def test_profile_from_user_options_and_stop(hub: Hub):
    """A server started with user_options {"profile": "medium"} is billed as medium; once stopped,
    the hub stops listing it and it leaves the summary."""
    token = admin_token(hub)
    r = requests.post(f"{hub.url}/hub/api/users/carol", headers={"Authorization": f"token {token}"}, timeout=30)
    assert r.status_code in (201, 409), f"create carol: {r.status_code} {r.text}"
    r = requests.post(
        f"{hub.url}/hub/api/users/carol/server",
        headers={"Authorization": f"token {token}"},
        json={"profile": "medium"},
        timeout=60,
    )
    assert r.status_code in (201, 202), f"spawn carol: {r.status_code} {r.text}\n{hub.logs()}"
    try:
        def carol_running():
            s = ok(service(hub, token, "GET", "costs/summary", params={"user": "carol"}), hub)
            return s if s["servers"] and s["servers"][0]["started"] and s["monthToDate"]["total"] > 0 else None

        summary = wait_for(carol_running, "carol's medium server was not billed", hub, timeout=90)
        server = summary["servers"][0]
        assert server["profile"] == "medium", server
        assert server["requests"]["cpu"] == 4 and server["requests"]["memoryBytes"] == 32 * 1024**3, server
        assert abs(summary["rate"]["total"] - MEDIUM_RATE) < 1e-9, summary["rate"]
        report = ok(service(hub, token, "GET", "costs/report", params={"by": "user"}), hub)
        assert {"alice", "bob", "carol"} <= {row["key"] for row in report["rows"]}, report
    finally:
        r = requests.delete(f"{hub.url}/hub/api/users/carol/server", headers={"Authorization": f"token {token}"}, timeout=60)
        assert r.status_code in (202, 204), f"stop carol: {r.status_code} {r.text}"

    def carol_gone():
        s = ok(service(hub, token, "GET", "costs/summary", params={"user": "carol"}), hub)
        return s if not s["servers"] else None

    gone = wait_for(carol_gone, "carol's stopped server was still listed", hub, timeout=60)
    spent = gone["monthToDate"]["total"]
    time.sleep(POLL_SECONDS * 2)
    after = ok(service(hub, token, "GET", "costs/summary", params={"user": "carol"}), hub)
    assert after["monthToDate"]["total"] == spent, "a stopped server kept accruing"


def test_heartbeat_through_the_gateway_is_the_callers(hub: Hub):
    """bob's gateway forwards his heartbeat; the service files it under bob (the token's owner)."""
    body = {
        "server": {
            "name": "",
            "profile": None,
            "image": None,
            "requests": {"cpuGuarantee": 2, "cpuLimit": 4, "memGuaranteeBytes": 4 * 1024**3, "memLimitBytes": None, "gpu": None},
            "usage": {"rssBytes": 300 * 1024**2, "cpuPercent": 5},
        },
        "daskClusters": [],
    }
    receipt = ok(hub.gateway("bob", "POST", "costs/heartbeat", json=body), hub)
    assert receipt["intervalSeconds"] == 60 and receipt["currency"] == "USD", receipt
    mine = ok(hub.gateway("bob", "GET", "costs/summary"), hub)
    assert mine["user"] == "bob"
    server = mine["servers"][0]
    assert set(server["seenBy"]) == {"hub", "heartbeat"}, server
    assert server["requests"]["cpu"] == 2, "the heartbeat's CPU guarantee replaces the profile's"


def test_only_admins_see_other_users_costs(hub: Hub):
    r = hub.gateway("alice", "GET", "costs/summary?user=bob")
    assert r.status_code == 403 and r.json()["code"] == "forbidden", r.text
    r = hub.gateway("alice", "GET", "costs/report")
    assert r.status_code == 403, r.text
    r = hub.gateway("bob", "PUT", "costs/budgets/user/bob", json={"monthlyAmount": 1})
    assert r.status_code == 403, r.text
    token = admin_token(hub)
    r = service(hub, token, "GET", "costs/report", params={"format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv"), r.text[:300]
    assert r.headers["content-disposition"].startswith('attachment; filename="leap-costs-user-')
