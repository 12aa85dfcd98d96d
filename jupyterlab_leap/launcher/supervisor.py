"""Local mode: run the service next to the Jupyter server, keep it healthy, stop it with the server."""

from __future__ import annotations

import asyncio
import atexit
import getpass
import logging
import os
import secrets
import socket
from dataclasses import dataclass
from typing import Literal

from ..target import Endpoint, ServiceStatus, State
from .health import StartupError, describe_exit, wait_healthy
from .locate import LocateError, find_entry, find_node

from .process import ServiceProcess

# The idle service's memory (DEVELOPING.md, BENCHMARKS.md): a small V8 young generation; one V8
# worker thread instead of one per core (each keeps its own malloc arena; ~50 MiB less RSS); and
# gc() for the service to give freed heap pages back once idle (service/src/memory/idle-trim.ts).
SERVE_NODE_FLAGS = ("--max-semi-space-size=1", "--v8-pool-size=1", "--expose-gc")

# Not passed to the local service: it keeps its own embedded database and needs no hub secrets.
STRIPPED_ENV = ("DATABASE_URL", "JUPYTERHUB_API_TOKEN", "JPY_API_TOKEN", "LEAP_SERVICE_URL")
STARTING = "The LEAP service is starting."


@dataclass(frozen=True)
class LaunchSettings:
    """How to launch and supervise the local service (from the LeapGateway traits)."""

    node: str
    entry: str
    data_dir: str
    host: str = "127.0.0.1"
    startup_timeout: float = 60.0
    migrate_timeout: float = 300.0
    max_restarts: int = 5
    backoff_initial: float = 0.5
    backoff_max: float = 30.0
    stable_after: float = 60.0
    stop_grace: float = 5.0


class LocalService:
    """Starts `migrate` then `serve`, health-checks it, restarts it with backoff, stops it."""

    mode: Literal["local", "hub"] = "local"

    def __init__(self, settings: LaunchSettings, log: logging.Logger) -> None:
        self._settings = settings
        self._log = log
        self._token = secrets.token_urlsafe(32)
        self._state: State = "starting"
        self._message: str | None = STARTING
        self._restarts = 0
        self._base_url: str | None = None
        self._proc: ServiceProcess | None = None
        self._task: asyncio.Future[None] | None = None
        self._stopping = False

    # --- what the gateway sees -------------------------------------------------------------
    def endpoint(self) -> Endpoint | None:
        if self._state != "running" or self._base_url is None:
            return None
        return Endpoint(self._base_url, self._token)

    def status(self) -> ServiceStatus:
        return ServiceStatus(self._state, self._message, self._restarts)

    @property
    def pid(self) -> int | None:
        """The pid of the current service process (None when there is none)."""
        return self._proc.pid if self._proc and self._proc.running else None

    # --- lifecycle ---------------------------------------------------------------------------
    def start(self) -> None:
        """Begin launching in the background; returns at once."""
        self._task = asyncio.ensure_future(self._run())
        atexit.register(self._kill_now)

    async def stop(self) -> None:
        """Stop supervising and terminate the service (SIGTERM, SIGKILL after the grace period)."""
        self._stopping = True
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        if self._proc is not None:
            self._log.info("Stopping the LEAP service (pid %s)", self._proc.pid)
            await self._proc.terminate(self._settings.stop_grace)
        self._base_url = None
        atexit.unregister(self._kill_now)

    def _kill_now(self) -> None:
        if self._proc is not None:
            self._proc.kill_now()

    async def _run(self) -> None:
        try:
            node = find_node(self._settings.node)
            entry = find_entry(self._settings.entry)
            os.makedirs(self._settings.data_dir, exist_ok=True)
        except (LocateError, OSError) as err:
            self._fail(str(err))
            return
        self._log.info("LEAP service: node %s, entry %s, data %s", node, entry, self._settings.data_dir)
        env = self._environment()
        try:
            if await self._migrate([node, entry, "migrate"], env):
                await self._supervise([node, *SERVE_NODE_FLAGS, entry, "serve"], env)
        except OSError as err:
            self._fail(f"Could not run the LEAP service with {node} {entry}: {err}")
        except Exception as err:
            self._log.exception("The LEAP service launcher stopped")
            self._fail(f"The LEAP service launcher stopped unexpectedly: {err!r}")

    async def _migrate(self, argv: list[str], env: dict[str, str]) -> bool:
        self._set("starting", "The LEAP service is preparing its database (the first start takes longest).")
        proc = self._proc = await ServiceProcess.spawn(argv, env, self._log, [self._token])
        try:
            code = await asyncio.wait_for(proc.wait(), self._settings.migrate_timeout)
        except asyncio.TimeoutError:
            await proc.terminate(self._settings.stop_grace)
            self._fail(f"The LEAP service's `migrate` did not finish within {self._settings.migrate_timeout:g}s.")
            return False
        if code != 0:
            tail = proc.stderr_tail() or "(no error output)"
            self._fail(f"The LEAP service could not prepare its database (`migrate` exited with code {code}): {tail}")
            return False
        return True

    async def _supervise(self, argv: list[str], env: dict[str, str]) -> None:
        loop = asyncio.get_running_loop()
        fast_failures = 0
        self._set("starting", STARTING)
        while not self._stopping:
            started = loop.time()
            problem = await self._serve_once(argv, env)
            ran_for = loop.time() - started
            fast_failures = fast_failures + 1 if ran_for < self._settings.stable_after else 1
            if fast_failures > self._settings.max_restarts:
                self._fail(f"{problem}. It failed {fast_failures} times in a row, so it is not restarted again.")
                return
            delay = min(self._settings.backoff_initial * 2 ** (fast_failures - 1), self._settings.backoff_max)
            self._restarts += 1
            self._set("restarting", f"{problem}. Restarting in {delay:g}s (restart {self._restarts}).")
            self._log.warning("%s", self._message)
            await asyncio.sleep(delay)

    async def _serve_once(self, argv: list[str], env: dict[str, str]) -> str:
        """Run one `serve` process until it exits; a sentence saying why it ended."""
        host = self._settings.host
        port = _free_port(host)
        base_url = f"http://{host}:{port}"
        proc = self._proc = await ServiceProcess.spawn(argv, {**env, "LEAP_PORT": str(port)}, self._log, [self._token])
        try:
            await wait_healthy(base_url, proc, self._settings.startup_timeout)
        except StartupError as err:
            await proc.terminate(self._settings.stop_grace)
            return str(err)
        self._base_url = base_url
        self._set("running", None)
        self._log.info("LEAP service running at %s (pid %s)", base_url, proc.pid)
        code = await proc.wait()
        self._base_url = None
        return describe_exit(code, proc.last_error())

    def _environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in STRIPPED_ENV}
        env.update(
            LEAP_MODE="local",
            LEAP_HOST=self._settings.host,
            LEAP_SERVICE_TOKEN=self._token,
            LEAP_LOCAL_USER=_os_user(),
            LEAP_DATA_DIR=self._settings.data_dir,
        )
        # glibc's default raises its mmap threshold after large frees, so big short-lived buffers
        # (start-up, imports) then come from arenas that stay fragmented and resident; a fixed
        # threshold returns them to the system (idle RSS up to ~29 MiB lower, BENCHMARKS.md).
        env.setdefault("MALLOC_MMAP_THRESHOLD_", "131072")
        return env

    def _set(self, state: State, message: str | None) -> None:
        self._state, self._message = state, message

    def _fail(self, message: str) -> None:
        self._set("failed", message)
        self._log.error("%s", message)


def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return f"uid-{os.getuid()}"
