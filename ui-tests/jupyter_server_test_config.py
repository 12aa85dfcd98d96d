"""JupyterLab for the UI tests, LEAP in local mode (the gateway starts the service).

Never use this configuration in production: it turns off authentication.
"""

import os
import sys
from tempfile import mkdtemp

from jupyterlab.galata import configure_jupyter_server

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from recorded_server import start_recorded_server  # noqa: E402

configure_jupyter_server(c)  # noqa: F821
c.ServerApp.allow_root = True  # noqa: F821  (CI containers run as root)

c.ServerApp.port = int(os.environ.get("LEAP_UI_TEST_PORT", "8899"))  # noqa: F821
# a fresh embedded database for every run, away from the user's own
c.LeapGateway.data_dir = mkdtemp(prefix="leap-ui-tests-")  # noqa: F821

# Knowledge graph outside sources (graph-outside.spec.ts): GitHub, DataCite and Crossref are a local
# server answering recorded responses (service/test/fixtures/outside/ui-scenario.json); the service
# started by the gateway inherits these variables.
_recorded = start_recorded_server(
    "test/fixtures/outside/ui-scenario.json", int(os.environ.get("LEAP_UI_TEST_RECORDED_PORT", "8897"))
)
for _name in ("LEAP_GITHUB_API_URL", "LEAP_DATACITE_API_URL", "LEAP_CROSSREF_API_URL"):
    os.environ[_name] = _recorded
