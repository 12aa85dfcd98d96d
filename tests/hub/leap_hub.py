"""The pieces of the hub test: prerequisites, PostgreSQL, processes, the Hub handle (tests/hub).

A real JupyterHub 6 with two users, the LEAP service as a hub-managed service and PostgreSQL.

One hub per test session (start-up is the slow part). Everything runs on free loopback ports in a
temp dir; at the end the hub, proxy, user servers and the service are stopped, also when a test or
the start-up failed. A missing prerequisite fails loudly (never a skip) with what to do about it.

Environment:
  LEAP_TEST_DATABASE_URL  a PostgreSQL server URL (scripts/test.sh exports it); unset: the fixture
                          runs `scripts/postgres.sh start`. The service gets a fresh database on it.
  LEAP_TEST_KEEP=1        keep the temp dir (logs, home dirs) after the run (kept anyway when
                          something failed; its path is printed).
  LEAP_TEST_SERVICE_LOG_LEVEL  the service's log level in the hub log (default info).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import requests

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
VENV_BIN = Path(sys.executable).parent
PASSWORD = "leap-hub-test-password"
USERS = ("alice", "bob")
ADMIN = "admin"
START_TIMEOUT = 90.0


class Prerequisite(Exception):
    pass


def _require(cond: bool, message: str) -> None:
    if not cond:
        raise Prerequisite(message)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tail(path: Path, lines: int = 60) -> str:
    try:
        text = path.read_text(errors="replace").splitlines()
    except OSError:
        return f"(no {path})"
    return "\n".join(text[-lines:])


# --- prerequisites ----------------------------------------------------------------------------------


def find_prerequisites() -> dict[str, str]:
    problems: list[str] = []

    def check(cond: bool, message: str) -> None:
        if not cond:
            problems.append(message)

    jupyterhub = VENV_BIN / "jupyterhub"
    singleuser = VENV_BIN / "jupyterhub-singleuser"
    check(jupyterhub.exists(), f"{jupyterhub} missing: pip install 'jupyterhub>=6' into this venv")
    check(singleuser.exists(), f"{singleuser} missing: pip install 'jupyterhub>=6' into this venv")
    try:
        import jupyterhub as jh  # noqa: PLC0415

        check(int(jh.__version__.split(".")[0]) >= 5, f"JupyterHub >= 5 needed, found {jh.__version__}")
    except ImportError:
        problems.append("the jupyterhub package is not importable from this Python")
    try:
        import jupyterlab  # noqa: F401, PLC0415
    except ImportError:
        problems.append("jupyterlab is not installed in this venv (user servers open /lab)")
    try:
        import jupyterlab_leap  # noqa: F401, PLC0415
    except ImportError:
        problems.append(
            "the jupyterlab_leap server extension is not installed: pip install -e . (repo root)"
        )
    try:
        import psycopg  # noqa: F401, PLC0415
    except ImportError:
        problems.append("psycopg missing: pip install 'psycopg[binary]'")

    chp = shutil.which("configurable-http-proxy", path=str(REPO / "node_modules" / ".bin")) or shutil.which(
        "configurable-http-proxy"
    )
    check(chp is not None, "configurable-http-proxy not found in node_modules/.bin or PATH: run npm ci")
    node = os.environ.get("LEAP_NODE") or shutil.which("node")
    check(
        node is not None and os.access(node, os.X_OK),
        f"Node.js not found or not executable ({node or 'not on PATH'}): install Node 20+ or set LEAP_NODE",
    )
    cli = REPO / "service" / "dist" / "cli.js"
    check(cli.exists(), f"{cli} missing: npm run build -w service")
    if problems:
        raise Prerequisite("hub test prerequisites missing:\n- " + "\n- ".join(problems))
    return {
        "jupyterhub": str(jupyterhub),
        "singleuser": str(singleuser),
        "chp": str(chp),
        "node": str(node),
        "cli": str(cli),
    }


# --- PostgreSQL --------------------------------------------------------------------------------------


def server_url() -> tuple[str, bool]:
    """The PostgreSQL server URL, and whether this run started the cluster (then it stops it)."""
    url = os.environ.get("LEAP_TEST_DATABASE_URL")
    if url:
        return url, False
    script = REPO / "scripts" / "postgres.sh"
    was_running = subprocess.run(["bash", str(script), "status"], capture_output=True).returncode == 0
    proc = subprocess.run(["bash", str(script), "start"], capture_output=True, text=True, timeout=90)
    match = re.search(r"^DATABASE_URL=(\S+)$", proc.stdout, re.M)
    _require(
        proc.returncode == 0 and match is not None,
        f"no PostgreSQL: set LEAP_TEST_DATABASE_URL or make `scripts/postgres.sh start` work:\n"
        f"{proc.stdout}{proc.stderr}",
    )
    return match.group(1), not was_running


def stop_postgres() -> None:
    subprocess.run(["bash", str(REPO / "scripts" / "postgres.sh"), "stop"], capture_output=True, timeout=60)


def with_database(url: str, dbname: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + dbname))


def create_database(url: str, dbname: str) -> str:
    import psycopg  # noqa: PLC0415

    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{dbname}"')
            conn.execute(f'CREATE DATABASE "{dbname}"')
    except psycopg.Error as e:
        raise Prerequisite(f"cannot create database {dbname} on {url}: {e}") from e
    return with_database(url, dbname)


def drop_database(url: str, dbname: str) -> None:
    import psycopg  # noqa: PLC0415

    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
    except psycopg.Error as e:
        print(f"warning: could not drop test database {dbname}: {e}", file=sys.stderr)


# --- processes of this run ---------------------------------------------------------------------------


def pids_with_marker(marker: str) -> list[int]:
    """Processes whose environment carries LEAP_TEST_RUN=<marker>: hub, proxy, servers, service."""
    needle = f"LEAP_TEST_RUN={marker}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            env = (entry / "environ").read_bytes()
        except OSError:
            continue
        if needle in env.split(b"\0"):
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie is dead for our purposes
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return False


def stop_pids(pids: list[int], grace: float = 10.0) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGTERM)
        except (ProcessLookupError, PermissionError):
            pass
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.2)
    for pid in pids:
        if alive(pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass


# --- the hub -------------------------------------------------------------------------------------------


@dataclass
class Hub:
    url: str  # public URL through the proxy, e.g. http://127.0.0.1:PORT
    service_url: str  # the LEAP service, straight
    database_url: str  # the service's database
    tmp: Path
    log: Path
    proc: subprocess.Popen
    sessions: dict[str, requests.Session] = field(default_factory=dict)
    service_b_url: str = ""  # the second replica of the service, straight (test_hub_replicas.py)

    def logs(self) -> str:
        return f"--- {self.log} (tail) ---\n{tail(self.log)}"

    def login(self, name: str, password: str = PASSWORD) -> requests.Session:
        """Log in like a browser: GET the form for its _xsrf, POST the credentials."""
        s = requests.Session()
        r = s.get(f"{self.url}/hub/login", timeout=30)
        assert r.status_code == 200, f"GET /hub/login: {r.status_code}\n{self.logs()}"
        m = re.search(r'name="_xsrf"\s+value="([^"]+)"', r.text)
        xsrf = m.group(1) if m else s.cookies.get("_xsrf", path="/hub/")
        assert xsrf, "no _xsrf in the hub login page"
        r = s.post(
            f"{self.url}/hub/login",
            data={"username": name, "password": password, "_xsrf": xsrf},
            allow_redirects=False,
            timeout=30,
        )
        assert r.status_code == 302, f"login of {name} failed: {r.status_code} {r.text[:300]}\n{self.logs()}"
        return s

    @staticmethod
    def hub_xsrf(s: requests.Session) -> dict[str, str]:
        token = s.cookies.get("_xsrf", path="/hub/")
        return {"X-XSRFToken": token} if token else {}

    @staticmethod
    def server_xsrf(s: requests.Session, name: str) -> dict[str, str]:
        token = s.cookies.get("_xsrf", path=f"/user/{name}/")
        assert token, f"no _xsrf cookie for /user/{name}/ in the session (did /user/{name}/lab load?)"
        return {"X-XSRFToken": token}

    def start_server(self, name: str, s: requests.Session) -> None:
        r = s.post(f"{self.url}/hub/api/users/{name}/server", headers=self.hub_xsrf(s), timeout=60)
        assert r.status_code in (201, 202, 400), f"spawn {name}: {r.status_code} {r.text}\n{self.logs()}"

    def wait_server(self, name: str, s: requests.Session) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            r = s.get(f"{self.url}/hub/api/users/{name}", timeout=30)
            assert r.status_code == 200, f"GET user {name}: {r.status_code} {r.text}"
            server = r.json().get("servers", {}).get("")
            if server and server.get("ready"):
                return
            if server is None and r.json().get("pending") is None:
                raise AssertionError(f"the server of {name} is gone (spawn failed)\n{self.logs()}")
            time.sleep(0.5)
        raise AssertionError(f"the server of {name} did not become ready in {START_TIMEOUT}s\n{self.logs()}")

    def open_lab(self, name: str, s: requests.Session) -> requests.Response:
        """GET /user/<name>/lab following redirects (the OAuth dance sets the server's cookie)."""
        r = s.get(f"{self.url}/user/{name}/lab", timeout=60)
        return r

    def gateway(self, name: str, method: str = "GET", path: str = "whoami", **kwargs) -> requests.Response:
        """A request from <name>'s JupyterLab page to its gateway: /user/<name>/leap/api/<path>, with
        the session's cookies and, for non-GET requests, X-XSRFToken from the _xsrf cookie (what
        ServerConnection.makeRequest does). Use it for per-user privacy tests of every part."""
        s = self.sessions[name]
        headers = dict(kwargs.pop("headers", None) or {})
        if method.upper() not in ("GET", "HEAD", "OPTIONS"):
            headers.update(self.server_xsrf(s, name))
        return s.request(method, f"{self.url}/user/{name}/leap/api/{path}", headers=headers, timeout=30, **kwargs)

    def token(self, s: requests.Session, name: str, scopes: list[str] | None, note: str) -> str:
        body: dict = {"note": note, "expires_in": 3600}
        if scopes is not None:
            body["scopes"] = scopes
        r = s.post(
            f"{self.url}/hub/api/users/{name}/tokens",
            headers=self.hub_xsrf(s),
            data=json.dumps(body),
            timeout=30,
        )
        assert r.status_code == 201, f"token for {name}: {r.status_code} {r.text}"
        return r.json()["token"]


def wait_http(url: str, proc: subprocess.Popen, log: Path, what: str, timeout: float = START_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"{what}: the hub exited with {proc.returncode}\n--- {log} ---\n{tail(log, 80)}")
        try:
            r = requests.get(url, timeout=5)
            if r.status_code == 200:
                return
            last = f"{r.status_code} {r.text[:200]}"
        except requests.RequestException as e:
            last = str(e)
        time.sleep(0.3)
    raise AssertionError(f"{what}: {url} not ready in {timeout}s ({last})\n--- {log} ---\n{tail(log, 80)}")


def migrate(prereq: dict[str, str], database_url: str, tmp: Path) -> None:
    """`leap-hub-service migrate`, as a deployment runs it before `serve` (hub-mode serve also
    migrates by itself; running it here first tests the command and keeps serve's start short)."""
    env = {
        **os.environ,
        "LEAP_MODE": "hub",
        "DATABASE_URL": database_url,
    }
    proc = subprocess.run(
        [prereq["node"], prereq["cli"], "migrate"],
        env=env,
        cwd=tmp,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, (
        f"leap-hub-service migrate failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    )


