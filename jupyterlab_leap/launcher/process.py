"""One run of the service CLI as an asyncio subprocess: its output goes to the server log."""

from __future__ import annotations

import asyncio
import collections
import json
import logging
import os
import signal
import sys
from collections.abc import Callable, Mapping, Sequence

STDERR_TAIL_LINES = 20
# pino numeric levels → Python logging levels; info and below (request logs) go to DEBUG
_PINO_LEVELS = ((50, logging.ERROR), (40, logging.WARNING))


class ServiceProcess:
    """A running `node <entry> <command>`; output is logged line by line with secrets redacted."""

    def __init__(self, proc: asyncio.subprocess.Process, log: logging.Logger, secrets: Sequence[str]) -> None:
        self.proc = proc
        self._log = log
        self._secrets = [s for s in secrets if s]
        self._stderr_tail: collections.deque[str] = collections.deque(maxlen=STDERR_TAIL_LINES)
        assert proc.stdout is not None and proc.stderr is not None
        self._pumps = [
            asyncio.ensure_future(self._pump(proc.stdout, is_stderr=False)),
            asyncio.ensure_future(self._pump(proc.stderr, is_stderr=True)),
        ]

    @classmethod
    async def spawn(
        cls, argv: Sequence[str], env: Mapping[str, str], log: logging.Logger, secrets: Sequence[str]
    ) -> ServiceProcess:
        proc = await asyncio.create_subprocess_exec(
            *argv,
            env=dict(env),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            # its own session: Ctrl-C in the terminal reaches Jupyter, which then stops it cleanly
            start_new_session=os.name != "nt",
            preexec_fn=_die_with_parent(),
        )
        return cls(proc, log, secrets)

    @property
    def pid(self) -> int:
        return self.proc.pid

    @property
    def running(self) -> bool:
        return self.proc.returncode is None

    async def wait(self) -> int:
        """Wait for exit and for all output to be logged; the exit code."""
        code = await self.proc.wait()
        await asyncio.gather(*self._pumps, return_exceptions=True)
        return code

    def last_error(self) -> str | None:
        """The last non-empty line the process wrote to stderr, if any."""
        return self._stderr_tail[-1] if self._stderr_tail else None

    def stderr_tail(self, lines: int = 5) -> str:
        return "\n".join(list(self._stderr_tail)[-lines:])

    async def terminate(self, grace: float) -> None:
        """SIGTERM, then SIGKILL if it is still running after `grace` seconds."""
        if self.running:
            self._signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(asyncio.shield(self.proc.wait()), grace)
            except asyncio.TimeoutError:
                self._log.warning("LEAP service (pid %s) ignored SIGTERM for %ss; killing it", self.pid, grace)
                self._signal(signal.SIGKILL)
        await self.wait()

    def kill_now(self) -> None:
        """Synchronous last resort at interpreter exit (the event loop may be gone): SIGTERM by pid."""
        if self.running:
            try:
                os.kill(self.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    def _signal(self, sig: signal.Signals) -> None:
        try:
            self.proc.send_signal(sig)
        except ProcessLookupError:
            pass

    async def _pump(self, stream: asyncio.StreamReader, is_stderr: bool) -> None:
        while True:
            raw = await stream.readline()
            if not raw:
                return
            line = self._redact(raw.decode("utf-8", "replace").rstrip())
            if not line:
                continue
            if is_stderr:
                self._stderr_tail.append(line)
                self._log.warning("[leap-service] %s", line)
            else:
                self._log.log(_level_of(line), "[leap-service] %s", line)

    def _redact(self, line: str) -> str:
        for secret in self._secrets:
            line = line.replace(secret, "[redacted]")
        return line


def _die_with_parent() -> Callable[[], None] | None:
    """On Linux, ask the kernel to SIGTERM the service when the Jupyter server dies, even by SIGKILL."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    pr_set_pdeathsig = 1

    def set_pdeathsig() -> None:
        libc.prctl(pr_set_pdeathsig, int(signal.SIGTERM))

    return set_pdeathsig


def _level_of(line: str) -> int:
    """The logging level of a pino JSON line (DEBUG for anything else)."""
    if not line.startswith("{"):
        return logging.DEBUG
    try:
        level = json.loads(line).get("level", 0)
    except (ValueError, AttributeError):
        return logging.DEBUG
    if not isinstance(level, int):
        return logging.DEBUG
    return next((py for pino, py in _PINO_LEVELS if level >= pino), logging.DEBUG)
