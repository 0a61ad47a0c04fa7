#!/bin/sh
# Builds meetings whose every text field carries HTML and script injection
# (the injection cases of tests/pathological) and opens their report.html in
# headless Chromium with scripts enabled: no injected script may run, no
# element may carry an event-handler attribute, no link may use the
# javascript:, data: or vbscript: scheme, and no request may leave the page.
#
# usage: run.sh CWGREPORT
#
# playwright-core is installed from package.json and package-lock.json with
# `npm ci` into a temporary folder, so its version is exactly the locked one;
# set CWG_NODE_MODULES to a node_modules folder that has it to skip that.
# Prints "skipped" and exits 0 only when node or chromium is absent. Exits 0
# when every check passes, 1 when one fails, 2 on a usage error.
set -eu

if [ $# -ne 1 ]; then
  echo "usage: $0 CWGREPORT" >&2
  exit 2
fi
binary=$1
if [ ! -x "$binary" ]; then
  echo "browser: error: '$binary' is not an executable" >&2
  exit 2
fi
for tool in node chromium python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "browser: skipped: '$tool' is not installed"
    exit 0
  fi
done

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

modules=${CWG_NODE_MODULES:-}
if [ -z "$modules" ]; then
  cp "$root/package.json" "$root/package-lock.json" "$work/"
  if ! (cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) \
    >"$work/npm.log" 2>&1; then
    cat "$work/npm.log" >&2
    echo "browser: error: 'npm ci' failed to install playwright-core" >&2
    exit 1
  fi
  modules=$work/node_modules
fi

pages=""
for name in "injection in every text field" "injection with --width 30" \
  "injection without links"; do
  dir=$work/$(echo "$name" | tr -c 'a-z0-9\n' '-')
  python3 "$root/tests/pathological/pathological_tests.py" --program "$binary" \
    --write "$name" "$dir"
  # Warnings (raw HTML printed as text) are expected; an error is not.
  if ! "$binary" build "$dir" -f html -q 2>"$work/diagnostics.txt"; then
    cat "$work/diagnostics.txt" >&2
    echo "browser: error: cwgreport could not build the case '$name'" >&2
    exit 1
  fi
  pages="$pages $dir/out/report.html"
done

status=0
# shellcheck disable=SC2086 # one argument per page; the paths hold no spaces
NODE_PATH=$modules node "$here/injection.js" "$(command -v chromium)" $pages || status=$?
case $status in
  0) echo "browser: no injected script can act" ;;
  1) echo "browser: FAIL: injected markup is active in report.html" >&2 ;;
  *) echo "browser: error: Chromium could not check the pages" >&2 ;;
esac
exit $status
