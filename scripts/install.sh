#!/usr/bin/env bash
# Installs jupyterlab-leap for development into ./.venv: Python package (editable), npm
# dependencies, the service, the service bundle and the labextension. Idempotent.
#   scripts/install.sh          what running JupyterLab with the suite needs
#   scripts/install.sh --test   also what the tests need (PostgreSQL, chromium, test packages)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
with_tests=0
[ "${1:-}" = "--test" ] && with_tests=1

say() { printf '\033[1m[leap install]\033[0m %s\n' "$*"; }
need() { command -v "$1" >/dev/null 2>&1 || { echo "error: '$1' is required ($2)" >&2; exit 1; }; }

need python3 "Python 3.10 or newer"
need node "Node.js 20 or newer, e.g. from nodejs.org or your package manager"
need npm "npm, which comes with Node.js"

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: Debian packages missing: ${missing[*]} (run: sudo apt-get install -y ${missing[*]})" >&2
    exit 1
  fi
  say "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

if [ $with_tests -eq 1 ]; then
  apt_install chromium postgresql podman runc debootstrap
fi

if [ ! -x .venv/bin/python ]; then
  say "creating .venv"
  python3 -m venv .venv
fi
py=.venv/bin/python
export PATH="$root/.venv/bin:$PATH"
say "pip install jupyterlab"
"$py" -m pip install -q --upgrade pip
"$py" -m pip install -q "jupyterlab==4.6.6"

say "npm ci (extension + service)"
npm ci --no-audit --no-fund --loglevel=error
say "building service, bundle and labextension (production, as the wheel ships it)"
npm run build:prod --silent

extras="[demo]"
[ $with_tests -eq 1 ] && extras="[demo,test,docs]"
say "pip install -e .$extras"
SKIP_JUPYTER_BUILDER=1 "$py" -m pip install -q -e ".$extras"
.venv/bin/jupyter labextension develop --overwrite . >/dev/null

if [ $with_tests -eq 1 ]; then
  say "npm ci (ui-tests)"
  (cd ui-tests && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
say "done"
