"""JupyterLab for the UI tests, LEAP in local mode (the gateway starts the service).

Never use this configuration in production: it turns off authentication.
"""

import os
from tempfile import mkdtemp

from jupyterlab.galata import configure_jupyter_server

configure_jupyter_server(c)  # noqa: F821
c.ServerApp.allow_root = True  # noqa: F821  (CI containers run as root)

c.ServerApp.port = int(os.environ.get("LEAP_UI_TEST_PORT", "8899"))  # noqa: F821
# a fresh embedded database for every run, away from the user's own
c.LeapGateway.data_dir = mkdtemp(prefix="leap-ui-tests-")  # noqa: F821
