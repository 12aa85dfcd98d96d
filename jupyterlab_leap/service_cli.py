"""`leap-hub-service`: run the LEAP hub service shipped in this package with its Node.js.

The process is replaced by Node (exec), so signals such as SIGTERM from Kubernetes or JupyterHub
reach the service itself.
"""

from __future__ import annotations

import os
import sys

from .launcher.locate import LocateError, find_entry, find_node


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    try:
        node = find_node(os.environ.get("LEAP_NODE", ""))
        entry = find_entry(os.environ.get("LEAP_SERVICE_ENTRY", ""))
    except LocateError as error:
        sys.exit(f"leap-hub-service: {error}")
    os.execv(node, [node, entry, *args])


if __name__ == "__main__":
    main()
