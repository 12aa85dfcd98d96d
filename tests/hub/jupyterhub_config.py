"""JupyterHub configuration of the multi-user test (tests/hub/conftest.py starts the hub with it).

Everything that varies per run (ports, temp dir, database, executables) comes from LEAP_TEST_*
variables that the fixture sets; the rules (who may log in, the group, the roles, the service
registration) are here, readable in one place.

Facts relied on (JupyterHub 6.1, checked in the installed package):
- DummyAuthenticator.password: the one shared password (deprecated since 5.3 in favour of
  SharedPasswordAuthenticator, still honoured in 6.1); with allowed_users set, allow_all is False.
- 'simple' = SimpleLocalProcessSpawner: no system users needed; home_dir_template is per user.
- A user server's $JUPYTERHUB_API_TOKEN has the 'server' role (users:activity!user,
  access:servers!server); GET /hub/api/user identifies its owner with any token.
- The service reads /hub/api/users/<name> (groups, admin) with its own token: read:users and
  read:users:groups (as examples/z2jh/values.yaml; no read:groups: it never calls /groups); the cost meter polls /hub/api/users?state=active
  for running servers (started, last_activity, user_options.profile): list:users, read:servers.
"""

import os
import sys

c = get_config()  # noqa: F821


def need(name):
    value = os.environ.get(name)
    if not value:
        sys.exit(f"tests/hub/jupyterhub_config.py: {name} is not set (start the hub via tests/hub/conftest.py)")
    return value


tmp = need("LEAP_TEST_HUB_DIR")
repo = need("LEAP_TEST_REPO")
node = need("LEAP_TEST_NODE")
chp = need("LEAP_TEST_CHP")
singleuser = need("LEAP_TEST_SINGLEUSER")
hub_port = int(need("LEAP_TEST_HUB_PORT"))
hub_api_port = int(need("LEAP_TEST_HUB_API_PORT"))
proxy_api_port = int(need("LEAP_TEST_PROXY_API_PORT"))
service_port = int(need("LEAP_TEST_SERVICE_PORT"))
service_b_port = int(need("LEAP_TEST_SERVICE_B_PORT"))
database_url = need("LEAP_TEST_SERVICE_DATABASE_URL")
password = need("LEAP_TEST_PASSWORD")
run_marker = need("LEAP_TEST_RUN")

service_url = f"http://127.0.0.1:{service_port}"
unreachable = "http://127.0.0.1:1"  # a port nothing listens on: connection refused at once

# --- hub, proxy, state: loopback only, everything inside the temp dir ---------------------------
c.JupyterHub.bind_url = f"http://127.0.0.1:{hub_port}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{hub_api_port}"
c.JupyterHub.db_url = f"sqlite:///{tmp}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = f"{tmp}/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = f"{tmp}/jupyterhub.pid"
c.JupyterHub.cleanup_servers = True  # stop user servers when the hub stops
c.JupyterHub.cleanup_proxy = True
c.ConfigurableHTTPProxy.command = [chp]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.pid_file = f"{tmp}/proxy.pid"
c.ConfigurableHTTPProxy.should_start = True
c.JupyterHub.log_level = "INFO"

# --- who can log in ----------------------------------------------------------------------------
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = password
c.Authenticator.allowed_users = {"alice", "bob"}
c.Authenticator.admin_users = {"admin"}
c.JupyterHub.load_groups = {"instructors": {"users": ["alice"]}}

# --- user servers ------------------------------------------------------------------------------
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = f"{tmp}/home/{{username}}"
c.Spawner.cmd = [singleuser]
c.Spawner.args = ["--allow-root"] if os.getuid() == 0 else []
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 90
c.Spawner.http_timeout = 90
c.Spawner.environment = {
    # hub mode of the gateway: forward /leap/api/* to the one LEAP service
    "LEAP_SERVICE_URL": service_url,
    "LEAP_TEST_RUN": run_marker,  # lets the fixture find and stop every process of this run
}

# --- the LEAP service, hub-managed -------------------------------------------------------------
def leap_service(name, url, environment):
    return {
        "name": name,
        "url": url,
        "command": [node, f"{repo}/service/dist/cli.js", "serve"],
        "cwd": tmp,
        "display": False,
        "environment": {
            "LEAP_MODE": "hub",
            "DATABASE_URL": database_url,
            "LEAP_LOG_LEVEL": os.environ.get("LEAP_TEST_SERVICE_LOG_LEVEL", "info"),
            "LEAP_COSTS_HUB_POLL_SECONDS": "2",  # test_hub_costs.py waits for a few polls
            # the knowledge graph's outside sources: nothing listens there (the access matrix
            # expects 502 from imports, whether or not this machine reaches the internet)
            **dict.fromkeys(["LEAP_GITHUB_API_URL", "LEAP_DATACITE_API_URL", "LEAP_CROSSREF_API_URL"], unreachable),
            "LEAP_TEST_RUN": run_marker,
            **environment,
        },
    }


# Two replicas of the service on one database (test_hub_replicas.py): "leap", which the user
# servers' gateways use, and "leap-b", a second `serve` process the hub manages the same way. Both
# accept the tokens that give access to "leap" (LEAP_HUB_SERVICE_NAME; the hub sets
# JUPYTERHUB_SERVICE_NAME=leap-b), as replicas behind one service name do.
c.JupyterHub.services = [
    leap_service("leap", service_url, {}),
    leap_service("leap-b", f"http://127.0.0.1:{service_b_port}", {"LEAP_HUB_SERVICE_NAME": "leap"}),
]

c.JupyterHub.load_roles = [
    {
        # the service identifies callers and reads their groups and admin flag
        "name": "leap-service",
        "description": "LEAP service: read users (incl. groups) and running servers (cost meter)",
        "scopes": ["read:users", "read:users:groups", "list:users", "read:servers"],
        "services": ["leap", "leap-b"],
    },
    {
        # every user may use the LEAP service (and its tokens may be limited to it)
        "name": "user",
        "scopes": ["self", "access:services!service=leap"],
    },
]
