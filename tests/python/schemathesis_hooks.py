"""schemathesis hooks of tests/python/test_schemathesis.py (loaded through SCHEMATHESIS_HOOKS)."""

from __future__ import annotations

from typing import Any

import schemathesis

DASHBOARD = "/api/class-sessions/{code}/dashboard"
LONGEST_TEST_WAIT_S = 1


@schemathesis.hook
def before_call(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
    """The dashboard long-poll waits for news up to `wait` seconds (default and most: 25) when
    asked with `after`: such a wait is capped at 1 s so that the run stays short (the waiting
    itself is tested in tutorials-api.test.ts)."""
    if case.operation.path != DASHBOARD or not isinstance(case.query, dict) or "after" not in case.query:
        return
    wait = case.query.get("wait", LONGEST_TEST_WAIT_S + 1)
    if isinstance(wait, int) and not isinstance(wait, bool) and wait > LONGEST_TEST_WAIT_S:
        case.query["wait"] = LONGEST_TEST_WAIT_S


PROGRESS = "/api/tutorials/{id}/progress"


@schemathesis.hook
def filter_failure(context: Any, failure: Any, case: Any, response: Any) -> bool:
    """DELETE /api/tutorials/{id}/progress resets a learner's progress, and GET then answers the fresh
    progress (step 1) by design: that is no use after free. Every other failure stands."""
    return not (failure.code == "ST301" and case.operation.path == PROGRESS and case.operation.method.upper() == "GET")
