"""JupyterLab for the UI tests of the dataset requests' GitHub mirror, LEAP in local mode.

The service mirrors requests to `octokit-fixture-org/add-labels-to-issue` on a local server that
answers with GitHub's recorded answers (service/test/fixtures/github/ui-scenario.json): opening the
issue and commenting on it succeed, closing it meets GitHub's rate limit (reset in 2030).
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

c.ServerApp.port = int(os.environ.get("LEAP_UI_TEST_MIRROR_PORT", "8896"))  # noqa: F821
# a fresh embedded database for every run, away from the user's own
c.LeapGateway.data_dir = mkdtemp(prefix="leap-ui-tests-mirror-")  # noqa: F821

_recorded = start_recorded_server(
    "test/fixtures/github/ui-scenario.json", int(os.environ.get("LEAP_UI_TEST_MIRROR_GITHUB_PORT", "8895"))
)
# the service started by the gateway inherits these variables
os.environ["LEAP_GITHUB_API_URL"] = _recorded
os.environ["LEAP_REQUESTS_GITHUB_REPO"] = "octokit-fixture-org/add-labels-to-issue"
os.environ["LEAP_REQUESTS_GITHUB_TOKEN"] = "ghp_ui_tests_not_a_token"
