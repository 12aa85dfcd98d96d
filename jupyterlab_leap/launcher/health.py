"""Waiting for a freshly started service to answer its health check."""

from __future__ import annotations

import asyncio

from tornado.httpclient import AsyncHTTPClient, HTTPClientError

from .process import ServiceProcess

POLL_INTERVAL = 0.2
PROBE_TIMEOUT = 2.0


class StartupError(RuntimeError):
    """The service did not become healthy; the message says why."""


def describe_exit(code: int, last_error: str | None) -> str:
    """A sentence about how the service process ended, with its last stderr line."""
    how = f"was killed by signal {-code}" if code < 0 else f"exited with code {code}"
    return f"The LEAP service {how}" + (f": {last_error}" if last_error else " (no error output)")


async def wait_healthy(base_url: str, process: ServiceProcess, timeout: float) -> None:
    """Poll `GET {base_url}/api/health` until it answers 200; raise StartupError otherwise."""
    client = AsyncHTTPClient()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    last_problem = "no answer yet"
    while loop.time() < deadline:
        if not process.running:
            raise StartupError(
                describe_exit(await process.wait(), process.last_error()) + " before it answered /api/health"
            )
        try:
            response = await client.fetch(f"{base_url}/api/health", request_timeout=PROBE_TIMEOUT, raise_error=False)
        except (OSError, HTTPClientError) as err:
            last_problem = str(err)
        else:
            if response.code == 200:
                return
            last_problem = f"HTTP {response.code}"
        await asyncio.sleep(POLL_INTERVAL)
    raise StartupError(f"The LEAP service did not answer {base_url}/api/health within {timeout:g}s ({last_problem})")
