"""JupyterLab for the UI tests with a LEAP service that cannot be reached.

The gateway forwards to a loopback port nobody listens on (hub mode), so every
`leap/api/*` request gets a 503 `service_unavailable`.
Never use this configuration in production: it turns off authentication.
"""

import os
import socket

from jupyterlab.galata import configure_jupyter_server

configure_jupyter_server(c)  # noqa: F821
c.ServerApp.allow_root = True  # noqa: F821  (CI containers run as root)


def closed_port() -> int:
    """A loopback port that was free a moment ago and is closed now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


c.ServerApp.port = int(os.environ.get("LEAP_UI_TEST_OFFLINE_PORT", "8898"))  # noqa: F821
c.LeapGateway.service_url = f"http://127.0.0.1:{closed_port()}"  # noqa: F821
