"""The UI-test JupyterLab on port 8897 over a data folder that already holds a big catalog.

For the opt-in measurement `playwright.515k.config.js` (see BENCHMARKS.md): the folder named by
LEAP_UI_515K_DATA_DIR must be migrated and have the 515k CMIP6 catalog added. Tests only.
"""

import os

exec(open(os.path.join(os.path.dirname(__file__), "jupyter_server_test_config.py")).read())
c.ServerApp.port = 8897  # noqa: F821
c.LeapGateway.data_dir = os.environ["LEAP_UI_515K_DATA_DIR"]  # noqa: F821
