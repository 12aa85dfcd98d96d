"""Starts the service's recorded-answers server for a UI-test JupyterLab (stopped when it exits).

`service/test/helpers/recorded-server.ts` answers GitHub, DataCite or Crossref requests from a
scenario file of recorded responses; the service started by the gateway reaches it through the
`LEAP_*_API_URL` variables the configuration sets.
"""

import atexit
import os
import subprocess

_SERVICE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "service")


def start_recorded_server(scenario: str, port: int) -> str:
    """Serve `scenario` (relative to service/) on 127.0.0.1:`port`; returns its base URL."""
    server = subprocess.Popen(  # noqa: S603
        ["node", "--import", "tsx", "test/helpers/recorded-server.ts", scenario, str(port)],
        cwd=_SERVICE,
        stdout=subprocess.DEVNULL,
    )
    atexit.register(server.terminate)
    return f"http://127.0.0.1:{port}"
