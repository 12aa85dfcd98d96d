#!/usr/bin/env bash
# One command that runs every test: jest (frontend), the service on PGlite and PostgreSQL,
# pytest (server extension), the two-user JupyterHub test and Playwright ui-tests in Debian
# chromium. Installs what it needs first. Ends with one line: `N passed, N failed`.
#   scripts/test.sh                 everything
#   scripts/test.sh jest service    only the named suites (jest service pytest docs hub ui)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
suites=("$@")
[ ${#suites[@]} -eq 0 ] && suites=(jest service pytest docs hub ui)

if [ "${LEAP_SKIP_INSTALL:-0}" != "1" ]; then
  scripts/install.sh --test || { echo "install failed"; echo "0 passed, 1 failed"; exit 1; }
fi

reports="$root/reports"
rm -rf "$reports" && mkdir -p "$reports/junit"
status="$reports/status.tsv"
: > "$status"

eval "$(scripts/postgres.sh start)" || { echo "PostgreSQL did not start"; echo "0 passed, 1 failed"; exit 1; }
export LEAP_TEST_DATABASE_URL="$DATABASE_URL"
unset DATABASE_URL
trap 'scripts/postgres.sh stop >/dev/null 2>&1' EXIT

run() {
  local name=$1; shift
  printf '\n\033[1m=== %s\033[0m\n' "$name"
  local start=$SECONDS
  "$@"
  local rc=$?
  printf '%s\t%s\t%s\n' "$name" "$rc" "$((SECONDS - start))" >> "$status"
}

for suite in "${suites[@]}"; do
  case "$suite" in
    jest) run jest env JEST_JUNIT_OUTPUT_DIR="$reports/junit" JEST_JUNIT_OUTPUT_NAME=jest.xml \
            npx jest --ci --reporters=default --reporters=jest-junit ;;
    service) run service npm test --silent -w service -- \
            --test-reporter=spec --test-reporter-destination=stdout \
            --test-reporter=junit --test-reporter-destination="$reports/junit/service.xml" ;;
    pytest) run pytest .venv/bin/python -m pytest tests/python -q --junitxml="$reports/junit/pytest.xml" ;;
    hub) run hub .venv/bin/python -m pytest tests/hub -q --junitxml="$reports/junit/hub.xml" -o junit_logging=system-out ;;
    docs) run docs scripts/docs.sh --junit "$reports/junit/docs.xml" ;;
    ui) run ui bash -c "cd ui-tests && PLAYWRIGHT_JUNIT_OUTPUT_NAME='$reports/junit/ui.xml' \
            npx playwright test --reporter=list,junit" ;;
    *) echo "unknown suite: $suite (known: jest service pytest docs hub ui)"; printf '%s\t2\t0\n' "$suite" >> "$status" ;;
  esac
done

.venv/bin/python scripts/totals.py "$reports"
