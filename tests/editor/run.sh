#!/bin/sh
# Editor support as a new user meets it: makes meeting folders the way a user
# does and opens every file of them in yaml-language-server, the YAML support
# of VS Code and most editors, over stdio (lsp_test.js says what is checked).
#
# usage: run.sh CWGREPORT
#
# The folders: one made by `cwgreport init`, one by `init --from` the 14th
# meeting, and a copy of the 14th meeting's folder, whose modelines lead
# nowhere once it is copied out of the repository, updated with
# `cwgreport schema --write`. The server is installed from package.json and
# package-lock.json with `npm ci` into a temporary folder, so its version is
# exactly the locked one; it fetches nothing from the network.
#
# Exits 0 when every check passes, 1 when one fails, 2 on a usage error.
# Prints "skipped" and exits 0 only when node is absent.
set -eu

if [ $# -ne 1 ]; then
  echo "usage: $0 CWGREPORT" >&2
  exit 2
fi
binary=$1
if [ ! -x "$binary" ]; then
  echo "editor_checks: error: '$binary' is not an executable" >&2
  exit 2
fi
if ! command -v node >/dev/null 2>&1; then
  echo "editor_checks: skipped: node is not installed"
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "editor_checks: error: node is installed but npm is not" >&2
  exit 1
fi

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

cp "$root/package.json" "$root/package-lock.json" "$work/"
if ! (cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) \
  >"$work/npm.log" 2>&1; then
  cat "$work/npm.log" >&2
  echo "editor_checks: error: 'npm ci' failed to install yaml-language-server" >&2
  exit 1
fi

meetings=$work/meetings
mkdir -p "$meetings"
cp -R "$root/examples/meeting14" "$meetings/meeting14"
rm -rf "$meetings/meeting14/out"
(
  cd "$meetings"
  "$binary" init first --date 2024-05-14 >/dev/null
  "$binary" init meeting15 --from meeting14 --date 2018-09-20 >/dev/null
  "$binary" schema --write meeting14 >/dev/null
) || {
  echo "editor_checks: error: cwgreport could not make the meeting folders" >&2
  exit 1
}

NODE_PATH=$work/node_modules node "$here/lsp_test.js" "$root/schemas" \
  "$meetings/first" "$meetings/meeting15" "$meetings/meeting14"
