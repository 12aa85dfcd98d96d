#!/usr/bin/env bash
# Builds the documentation site (docs/, Sphinx + MyST Markdown, offline) into docs/_build/html and
# checks it: reference pages generated from the code, no Sphinx warning, every internal link and
# anchor resolves, every page is reachable from the index; then runs the docs tools' own unit tests
# (docs/tools/tests). Exits non-zero when any check or test fails.
#   scripts/docs.sh                      build and check (installs what is missing first)
#   scripts/docs.sh --screenshots        first refresh ui-tests/screenshots/*.png: full build and the
#                                        ui-tests that take screenshots, under their locks
#   scripts/docs.sh --junit FILE         also write the checks as JUnit XML (scripts/test.sh docs)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
screenshots=0
junit=""
while [ $# -gt 0 ]; do
  case "$1" in
    --screenshots) screenshots=1 ;;
    --junit) junit=${2:?--junit needs a file}; shift ;;
    *) echo "usage: scripts/docs.sh [--screenshots] [--junit FILE]" >&2; exit 2 ;;
  esac
  shift
done

py=.venv/bin/python
if [ "${LEAP_SKIP_INSTALL:-0}" != "1" ]; then
  if [ ! -x "$py" ] || [ ! -f service/dist/api/app.js ]; then
    scripts/install.sh || exit 1
  fi
  if ! "$py" -c "import sphinx_book_theme, myst_parser, yaml, pytest" 2>/dev/null; then
    SKIP_JUPYTER_BUILDER=1 "$py" -m pip install -q -e ".[docs]" || exit 1
  fi
fi

ui_rc=0
if [ $screenshots -eq 1 ]; then
  # the specs that write into ui-tests/screenshots/ (ui-tests runs against the built extension)
  mapfile -t specs < <(cd ui-tests && grep -lE "['\"]screenshots['\"]" tests/*.spec.ts)
  flock /tmp/leap-build.lock env PATH="$root/.venv/bin:$PATH" npm run build || exit 1
  flock /tmp/leap-ui.lock bash -c 'cd "$0/ui-tests" && npx playwright test "${@}"' "$root" "${specs[@]}"
  ui_rc=$?
fi

out=docs/_build
rm -rf "$out/html" && mkdir -p "$out"
"$py" docs/tools/generate.py 2> "$out/generate.log"
generate_rc=$?
cat "$out/generate.log" >&2
"$py" -m sphinx -E -q -W --keep-going -n -b html -w "$out/sphinx-warnings.log" docs "$out/html"
build_rc=$?
"$py" -m pytest docs/tools/tests -q -p no:cacheprovider --junitxml="$out/tools-tests.xml"
tests_rc=$?
"$py" docs/tools/check_site.py "$out/html" --generate-rc "$generate_rc" --generate-log "$out/generate.log" \
  --build-rc "$build_rc" --build-log "$out/sphinx-warnings.log" \
  --tests-junit "$out/tools-tests.xml" --tests-rc "$tests_rc" ${junit:+--junit "$junit"}
checks_rc=$?
if [ $ui_rc -ne 0 ]; then
  echo "docs: some ui-tests failed (exit $ui_rc): the screenshots of the failed tests were not refreshed" >&2
  exit 1
fi
exit $checks_rc
