#!/bin/sh
# Validates cwgreport's SARIF output against the SARIF 2.1.0 JSON schema in
# schemas/, with the ajv JSON Schema validator run through npx.
#
# usage: sarif_validate.sh DIAG_TESTS [SARIF_FILE...]
#   DIAG_TESTS   the diag_tests program: its hidden [sarif-samples] test
#                writes the sample logs validated here
#   SARIF_FILE   further logs to validate, e.g. `cwgreport --diagnostics-format=sarif` output
#
# Exits 0 when every log is valid, 1 when one is not or the validator cannot
# run, 2 on a usage error. Skips (exit 0) only when node is not installed.
set -eu

# Exact versions, so that a new release of the validator cannot change the verdict.
AJV_CLI=ajv-cli@5.0.0
AJV_FORMATS=ajv-formats@3.0.1

if [ $# -lt 1 ]; then
  echo "usage: $0 DIAG_TESTS [SARIF_FILE...]" >&2
  exit 2
fi
diag_tests=$1
shift

if ! command -v node >/dev/null 2>&1; then
  echo "sarif_validate: skipped: node is not installed, so the SARIF schema cannot be checked"
  exit 0
fi
if ! command -v npx >/dev/null 2>&1; then
  echo "sarif_validate: error: node is installed but npx is not (install npm)" >&2
  exit 1
fi

here=$(cd "$(dirname "$0")" && pwd)
schema="$here/../schemas/sarif-2.1.0.json"
if [ ! -f "$schema" ]; then
  echo "sarif_validate: error: schema not found: $schema" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

CWG_SARIF_DIR="$work" "$diag_tests" "[sarif-samples]" >"$work/diag_tests.log" 2>&1 || {
  cat "$work/diag_tests.log" >&2
  echo "sarif_validate: error: $diag_tests failed to write the sample logs" >&2
  exit 1
}

# Turn the arguments left into "-d FILE" pairs, keeping names with spaces whole.
count=$#
while [ "$count" -gt 0 ]; do
  f=$1
  shift
  if [ ! -f "$f" ]; then
    echo "sarif_validate: error: no such file: $f" >&2
    exit 2
  fi
  set -- "$@" -d "$f"
  count=$((count - 1))
done
samples=0
for f in "$work"/*.json; do
  [ -e "$f" ] || continue
  set -- "$@" -d "$f"
  samples=$((samples + 1))
done
if [ "$samples" -eq 0 ]; then
  echo "sarif_validate: error: $diag_tests wrote no sample log" >&2
  exit 1
fi

# The schema declares JSON Schema draft 2020-12; ajv-formats makes the
# "uri", "uri-reference" and "date-time" formats real checks, not ignored ones.
npx --yes -p "$AJV_CLI" -p "$AJV_FORMATS" ajv validate --spec=draft2020 -c ajv-formats \
  -s "$schema" "$@"
echo "sarif_validate: all SARIF logs are valid"
