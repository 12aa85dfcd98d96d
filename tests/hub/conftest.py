"""pytest fixture of the multi-user test: one real JupyterHub per session (see leap_hub.py).

Environment:
  LEAP_TEST_DATABASE_URL  a PostgreSQL server URL (scripts/test.sh exports it); unset: the fixture
                          runs `scripts/postgres.sh start`. The service gets a fresh database on it.
  LEAP_TEST_KEEP=1        keep the temp dir (logs, home dirs) after the run (kept anyway when
                          something failed; its path is printed).
  LEAP_TEST_SERVICE_LOG_LEVEL  the service's log level in the hub log (default info).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from leap_hub import (
    HERE,
    PASSWORD,
    REPO,
    USERS,
    VENV_BIN,
    Hub,
    Prerequisite,
    alive,
    create_database,
    drop_database,
    find_prerequisites,
    free_port,
    migrate,
    pids_with_marker,
    server_url,
    stop_pids,
    stop_postgres,
    wait_http,
)


@pytest.fixture(scope="session")
def hub(request):
    problem = None
    try:
        prereq = find_prerequisites()
        pg_url, started_postgres = server_url()
    except Prerequisite as e:
        problem = str(e)
    if problem:
        pytest.fail(problem, pytrace=False)

    run = uuid.uuid4().hex[:12]
    tmp = Path(tempfile.mkdtemp(prefix="leap-hub-test-"))
    os.chmod(tmp, 0o755)
    log = tmp / "jupyterhub.log"
    dbname = f"leap_hubtest_{run}"
    proc = None
    keep = os.environ.get("LEAP_TEST_KEEP") == "1"
    started = False
    try:
        database_url = create_database(pg_url, dbname)
        migrate(prereq, database_url, tmp)

        ports = {
            "LEAP_TEST_HUB_PORT": free_port(),
            "LEAP_TEST_HUB_API_PORT": free_port(),
            "LEAP_TEST_PROXY_API_PORT": free_port(),
            "LEAP_TEST_SERVICE_PORT": free_port(),
            "LEAP_TEST_SERVICE_B_PORT": free_port(),  # the second replica (test_hub_replicas.py)
        }
        path = os.pathsep.join(
            [str(VENV_BIN), str(Path(prereq["node"]).parent), str(REPO / "node_modules" / ".bin"), os.environ.get("PATH", "")]
        )
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("JUPYTERHUB_", "LEAP_", "JUPYTER_"))},
            **{k: str(v) for k, v in ports.items()},
            "PATH": path,
            "VIRTUAL_ENV": str(VENV_BIN.parent),
            "LEAP_TEST_RUN": run,
            "LEAP_TEST_HUB_DIR": str(tmp),
            "LEAP_TEST_REPO": str(REPO),
            "LEAP_TEST_NODE": prereq["node"],
            "LEAP_TEST_CHP": prereq["chp"],
            "LEAP_TEST_SINGLEUSER": prereq["singleuser"],
            "LEAP_TEST_SERVICE_DATABASE_URL": database_url,
            "LEAP_TEST_PASSWORD": PASSWORD,
            "LEAP_TEST_SERVICE_LOG_LEVEL": os.environ.get("LEAP_TEST_SERVICE_LOG_LEVEL", "info"),
        }
        (tmp / "home").mkdir()
        with open(log, "wb") as out:
            proc = subprocess.Popen(
                [prereq["jupyterhub"], "-f", str(HERE / "jupyterhub_config.py")],
                cwd=tmp,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        public = f"http://127.0.0.1:{ports['LEAP_TEST_HUB_PORT']}"
        service = f"http://127.0.0.1:{ports['LEAP_TEST_SERVICE_PORT']}"
        wait_http(f"{public}/hub/api", proc, log, "JupyterHub")
        service_b = f"http://127.0.0.1:{ports['LEAP_TEST_SERVICE_B_PORT']}"
        wait_http(f"{service}/api/health", proc, log, "LEAP service (hub-managed)")
        wait_http(f"{service_b}/api/health", proc, log, "LEAP service replica leap-b (hub-managed)")

        h = Hub(url=public, service_url=service, database_url=database_url, tmp=tmp, log=log, proc=proc)
        h.service_b_url = service_b
        # start both servers first, then wait: the two spawns overlap
        for name in USERS:
            h.sessions[name] = h.login(name)
            h.start_server(name, h.sessions[name])
        for name in USERS:
            h.wait_server(name, h.sessions[name])
            r = h.open_lab(name, h.sessions[name])
            assert r.status_code == 200 and urlsplit(r.url).path == f"/user/{name}/lab", (
                f"{name}'s JupyterLab did not load: {r.status_code} at {r.url}\n{h.logs()}"
            )
        started = True
        yield h
    finally:
        if proc is not None and proc.poll() is None:
            # the hub stops user servers (cleanup_servers), the proxy and its managed service
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        # whatever is left of this run (found by the marker in its environment)
        stop_pids(pids_with_marker(run))
        leftovers = [p for p in pids_with_marker(run) if alive(p)]
        drop_database(pg_url, dbname)
        if started_postgres:
            stop_postgres()
        # keep the logs (hub, proxy, user servers and the service all write to jupyterhub.log)
        # when asked to, or when something failed
        if keep or not started or request.session.testsfailed:
            print(f"\nhub test dir kept: {tmp} (log: {log})", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
        if leftovers:
            raise AssertionError(f"processes of the hub test survived SIGKILL: {leftovers}")
