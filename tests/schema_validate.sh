#!/bin/sh
# Validates every YAML file of the example meetings against its JSON schema
# in schemas/ with ajv in strict mode, and checks that ajv rejects each file
# of tests/schema-invalid/ with the errors the file's '# expect:' lines name.
#
# usage: schema_validate.sh
#
# The validator is installed from package.json and package-lock.json at the
# repository root with `npm ci`, into a temporary folder, so the versions are
# exactly the locked ones and the source tree is left alone.
#
# Exits 0 when every check passes, 1 when one fails or the validator cannot
# be installed, 2 on a usage error. Skips (exit 0) only when node is absent.
set -eu

if [ $# -ne 0 ]; then
  echo "usage: $0" >&2
  exit 2
fi

if ! command -v node >/dev/null 2>&1; then
  echo "schema_validate: skipped: node is not installed, so the schemas cannot be checked"
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "schema_validate: error: node is installed but npm is not" >&2
  exit 1
fi

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

cp "$root/package.json" "$root/package-lock.json" "$work/"
if ! (cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) >"$work/npm.log" 2>&1; then
  cat "$work/npm.log" >&2
  echo "schema_validate: error: 'npm ci' failed to install the validator" >&2
  exit 1
fi

# YAML becomes JSON through the `yaml` package, which reads YAML 1.2 with the
# core schema as editors do. ajv-cli's own YAML reader follows YAML 1.1 and
# would turn a date into a timestamp, which no string schema accepts.
cat >"$work/to_json.js" <<'EOF'
// to_json.js ROOT OUT FILE...: writes OUT/FILE.json for each ROOT/FILE.yaml.
const fs = require("fs");
const path = require("path");
const YAML = require("yaml");
const [root, out, ...files] = process.argv.slice(2);
let ok = true;
for (const file of files) {
  const docs = YAML.parseAllDocuments(fs.readFileSync(path.join(root, file), "utf8"), {
    version: "1.2",
    schema: "core",
    uniqueKeys: true,
    prettyErrors: true,
  });
  const problems = docs.flatMap((d) => d.errors.map((e) => e.message));
  if (docs.length !== 1) problems.push(`expected one YAML document, found ${docs.length}`);
  if (problems.length) {
    for (const p of problems) console.error(`${file}: ${p}`);
    ok = false;
    continue;
  }
  const target = path.join(out, file + ".json");
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, JSON.stringify(docs[0].toJS(), null, 2) + "\n");
}
process.exit(ok ? 0 : 1);
EOF

# The one keyword the schemas add to JSON Schema, for editors: the sentence
# yaml-language-server shows instead of a pattern the value does not match.
# Declared to ajv as an annotation, strict mode still rejects any other.
cat >"$work/keywords.js" <<'EOF'
module.exports = (ajv) => ajv.addKeyword({ keyword: "patternErrorMessage", schemaType: "string" });
EOF

# ajv-cli writes 'FILE invalid' and then the errors as a JSON array, one file
# after another; this prints each error on one line, 'FILE: PATH: MESSAGE
# PARAMS', the form the '# expect:' lines are written in (without 'FILE: ').
cat >"$work/errors.js" <<'EOF'
// Reads ajv-cli's error output on stdin and prints one line per error.
const text = require("fs").readFileSync(0, "utf8");
const re = /^(.*) invalid\n(\[[\s\S]*?\n\])$/gm;
for (const [, file, json] of text.matchAll(re)) {
  for (const e of JSON.parse(json)) {
    const where = e.instancePath || "/";
    console.log(`${file.replace(/\.json$/, "")}: ${where}: ${e.message} ${JSON.stringify(e.params)}`);
  }
}
EOF

failures=0
fail() {
  printf 'schema_validate: FAIL: %s\n' "$*" >&2
  failures=$((failures + 1))
}

# The schema a file's modeline names, relative to the root, or nothing.
modeline_schema() {
  # shellcheck disable=SC2016 # '$schema' is the modeline's own text
  line=$(sed -n 's/^#[[:space:]]*yaml-language-server:[[:space:]]*\$schema=//p' "$root/$1" | head -n 1)
  [ -n "$line" ] || return 0
  target="$(dirname "$root/$1")/$line"
  if [ -f "$target" ]; then
    target="$(cd "$(dirname "$target")" && pwd)/$(basename "$target")"
  fi
  printf '%s\n' "${target#"$root"/}"
}

# The files to check, one a line: 'valid SCHEMA FILE' or 'invalid SCHEMA FILE',
# paths relative to the root. In an example meeting, every file other than
# report.yaml, documents.yaml and translations/ is a section file, and its modeline must name
# the schema it is checked against, so that an editor checks it the same way.
manifest="$work/manifest"
: >"$manifest"
for dir in "$root"/examples/*/; do
  dir=${dir%/}
  [ -f "$dir/report.yaml" ] || continue
  (cd "$root" && find "${dir#"$root"/}" -name '*.yaml' -type f) | LC_ALL=C sort >"$work/files"
  while IFS= read -r file; do
    case "${file#"${dir#"$root"/}"/}" in
      # Written by 'cwgreport freeze', not by an editor: no modeline.
      frozen.yaml)
        printf 'valid %s %s\n' schemas/frozen.schema.json "$file" >>"$manifest"
        continue
        ;;
      translations/*) schema=schemas/translation.schema.json ;;
      report.yaml) schema=schemas/report.schema.json ;;
      documents.yaml) schema=schemas/documents.schema.json ;;
      *) schema=schemas/section.schema.json ;;
    esac
    named=$(modeline_schema "$file")
    if [ -z "$named" ]; then
      fail "$file has no '# yaml-language-server: \$schema=...' modeline"
    elif [ "$named" != "$schema" ]; then
      fail "$file: its modeline names '$named', not '$schema'"
    fi
    printf 'valid %s %s\n' "$schema" "$file" >>"$manifest"
  done <"$work/files"
done
for file in "$root"/tests/schema-invalid/*.yaml; do
  [ -f "$file" ] || continue
  file=${file#"$root"/}
  schema=$(modeline_schema "$file")
  if [ -z "$schema" ] || [ ! -f "$root/$schema" ]; then
    fail "$file: its modeline names no schema file"
  elif ! grep -q '^# expect: ' "$root/$file"; then
    fail "$file has no '# expect:' line"
  else
    printf 'invalid %s %s\n' "$schema" "$file" >>"$manifest"
  fi
done
if ! grep -q '^valid ' "$manifest"; then fail "no example meeting found under examples/"; fi
if ! grep -q '^invalid ' "$manifest"; then fail "no invalid case found under tests/schema-invalid/"; fi

# One node process converts every file: starting node is the slow part.
set --
while read -r _ _ file; do set -- "$@" "$file"; done <"$manifest"
if ! node "$work/to_json.js" "$root" "$work/json" "$@"; then
  fail "some files are not well-formed YAML"
fi

# Runs ajv once on every file of one verdict and schema; its standard output
# goes to $work/out, its errors to $work/err.
run_ajv() {
  want_verdict=$1
  want_schema=$2
  : >"$work/out"
  : >"$work/err"
  set --
  while read -r r_verdict r_schema r_file; do
    if [ "$r_verdict" = "$want_verdict" ] && [ "$r_schema" = "$want_schema" ] &&
      [ -f "$work/json/$r_file.json" ]; then
      set -- "$@" -d "$r_file.json"
    fi
  done <"$manifest"
  [ $# -gt 0 ] || return 0
  (cd "$work/json" && "$work/node_modules/.bin/ajv" validate --spec=draft2020 --strict=true \
    -c ajv-formats -c "$work/keywords.js" --all-errors --errors=json -s "$root/$want_schema" "$@") \
    >"$work/out" 2>"$work/err"
}

valid=0
invalid=0
for schema in schemas/report.schema.json schemas/documents.schema.json schemas/section.schema.json \
  schemas/frozen.schema.json; do
  if run_ajv valid "$schema"; then
    sed -n 's/\.json valid$//p' "$work/out" | while IFS= read -r file; do echo "valid: $file"; done
  else
    cat "$work/out" "$work/err" >&2
    fail "example files are not valid against $schema"
  fi
  valid=$((valid + $(grep -c ' valid$' "$work/out" || true)))

  run_ajv invalid "$schema" || true
  if grep -qE 'is invalid$|^error' "$work/err"; then
    cat "$work/err" >&2
    fail "ajv could not check the invalid cases against $schema"
    continue
  fi
  node "$work/errors.js" <"$work/err" >"$work/errors"
  while read -r verdict s file; do
    if [ "$verdict" != invalid ] || [ "$s" != "$schema" ]; then continue; fi
    [ -f "$work/json/$file.json" ] || continue
    invalid=$((invalid + 1))
    if grep -qxF "$file.json valid" "$work/out"; then
      fail "$file was accepted, but it is invalid"
      continue
    fi
    missing=$(sed -n 's/^# expect: //p' "$root/$file" | while IFS= read -r want; do
      grep -qxF -- "$file: $want" "$work/errors" || printf '  %s\n' "$want"
    done)
    if [ -n "$missing" ]; then
      fail "$file was rejected, but without these errors:
$missing
ajv reported:
$(grep -F -- "$file: " "$work/errors" | sed "s|^$file: |  |")"
    else
      echo "rejected: $file"
    fi
  done <"$manifest"
done

if [ "$failures" -ne 0 ]; then
  echo "schema_validate: $failures check(s) failed" >&2
  exit 1
fi
echo "schema_validate: $valid example files valid, $invalid invalid files rejected"
