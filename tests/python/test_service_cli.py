"""The `leap-hub-service` console script runs the shipped service with the located Node.js."""

from __future__ import annotations

import subprocess
import sys


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jupyterlab_leap.service_cli", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )


def test_help_comes_from_the_service() -> None:
    result = run_cli("--help")
    assert result.returncode == 0, result.stderr
    assert "serve" in result.stdout
    assert "migrate" in result.stdout


def test_missing_node_is_named(tmp_path) -> None:
    env = {"PATH": str(tmp_path), "LEAP_NODE": str(tmp_path / "no-such-node")}
    result = run_cli("--help", env=env)
    assert result.returncode != 0
    assert "no-such-node" in result.stderr
    assert "Node.js" in result.stderr
