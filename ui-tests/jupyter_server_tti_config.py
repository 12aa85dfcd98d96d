"""JupyterLab for the opt-in start-up measurement (tests/measure-tti.spec.ts, playwright.tti.config.js).

The UI-test server (LEAP in local mode) on LEAP_TTI_PORT. Both servers read their prebuilt lab
extensions from a folder of links to every installed one; with LEAP_TTI_SUITE=off the suite's is
left out (so JupyterLab neither lists nor fetches it: `jupyter labextension disable` would still
load its remoteEntry) and its server extension is off. Never use in production: it turns off
authentication.
"""

import os
from tempfile import mkdtemp

from jupyter_core.paths import jupyter_path

load_subconfig("jupyter_server_test_config.py", path=os.path.dirname(os.path.abspath(__file__)))  # noqa: F821
c.ServerApp.port = int(os.environ["LEAP_TTI_PORT"])  # noqa: F821

suite = os.environ.get("LEAP_TTI_SUITE", "on") == "on"
extensions = mkdtemp(prefix="leap-tti-labextensions-")
for folder in reversed(jupyter_path("labextensions")):  # the first on the path wins, as in JupyterLab
    if not os.path.isdir(folder):
        continue
    for name in os.listdir(folder):
        scoped = name.startswith("@")
        packages = [os.path.join(name, sub) for sub in os.listdir(os.path.join(folder, name))] if scoped else [name]
        for package in packages:
            if package == "jupyterlab-leap" and not suite:
                continue
            link = os.path.join(extensions, package)
            os.makedirs(os.path.dirname(link), exist_ok=True)
            if os.path.lexists(link):
                os.remove(link)
            os.symlink(os.path.realpath(os.path.join(folder, package)), link)
c.LabApp.labextensions_path = [extensions]  # noqa: F821
if not suite:
    c.ServerApp.jpserver_extensions = {"jupyterlab_leap": False}  # noqa: F821
