#!/bin/sh
# Every C++ file of the project is as clang-format (config: .clang-format at
# the root) would write it. To fix: clang-format -i FILE...
set -eu
cd "$(dirname "$0")/.."
formatter=$(command -v clang-format || command -v clang-format-14 || true)
if [ -z "$formatter" ]; then
  echo "clang-format is not installed (Debian: clang-format)" >&2
  exit 1
fi
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  files=$(git ls-files '*.cc' '*.h')
else
  files=$(find src include tests -name '*.cc' -o -name '*.h')
fi
# shellcheck disable=SC2086
if ! "$formatter" --dry-run --Werror $files; then
  echo "some files are not formatted: run clang-format -i on them" >&2
  exit 1
fi
echo "formatted: $(echo "$files" | wc -w) files"
