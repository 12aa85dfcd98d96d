"""Helpers shared by the gateway tests (a module name that cannot clash with other suites)."""

from __future__ import annotations

import json
import os
from collections.abc import Awaitable, Callable
from typing import Any

from tornado.httpclient import HTTPResponse

Fetch = Callable[..., Awaitable[HTTPResponse]]


def json_body(response: HTTPResponse) -> Any:
    return json.loads(response.body.decode())


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
