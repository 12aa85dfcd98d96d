#!/usr/bin/env bash
# One command for a new user: install everything, then start JupyterLab with the LEAP suite in
# local mode (the service and its embedded database start with the Jupyter server).
# Extra arguments go to `jupyter lab`, e.g. scripts/start.sh --no-browser --port 8899
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install.sh"
cd "$root"
exec .venv/bin/jupyter lab "$@"
