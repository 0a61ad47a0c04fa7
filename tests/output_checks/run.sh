#!/bin/sh
# Builds every example meeting and checks its outputs with the real tools:
# the W3C Nu HTML Checker, axe-core in Chromium, a print to PDF, markdownlint.
#
# usage: run.sh CWGREPORT
#
# CWGREPORT is the cwgreport binary. The checks, on each examples/*/ folder:
#  1. the HTML, style sheet included, has no error and no warning from the
#     Nu HTML Checker (npm vnu-jar, run with Java);
#  2. axe-core finds no violation of WCAG 2.1 A and AA or of its best
#     practices, in headless Chromium (driven by npm playwright-core);
#  3. Chromium prints it to an A4 PDF in which no heading ends a page, no
#     paragraph, list item, footnote or signature breaks across pages, and
#     each annex starts a page (pages.js says exactly how, from the text
#     that pdftotext extracts);
#  4. markdownlint-cli2 finds nothing in the Markdown, under the committed
#     .markdownlint-cli2.jsonc.
# The npm tools are installed from package.json and package-lock.json with
# `npm ci` into a temporary folder, so their versions are exactly the locked
# ones. Set CWG_CHECKS_KEEP=DIR to keep the outputs, PDFs and tool reports
# in DIR.
#
# Exits 0 when every check passes, 1 when one fails, 2 on a usage error.
# Prints "skipped" and exits 0 only when java, node or chromium is absent.
set -eu

if [ $# -ne 1 ]; then
  echo "usage: $0 CWGREPORT" >&2
  exit 2
fi
binary=$1
if [ ! -x "$binary" ]; then
  echo "output_checks: error: '$binary' is not an executable" >&2
  exit 2
fi

missing=""
for tool in java node chromium; do
  command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
  echo "output_checks: skipped: not installed:$missing"
  exit 0
fi
for tool in npm pdftotext; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "output_checks: error: '$tool' is not installed (npm comes with node," \
      "pdftotext with poppler-utils)" >&2
    exit 1
  fi
done

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

failures=0
fail() {
  printf 'output_checks: FAIL: %s\n' "$*" >&2
  failures=$((failures + 1))
}

# --ignore-scripts: vnu-jar's install script would try to download a Java
# runtime; the machine's java is used instead.
cp "$root/package.json" "$root/package-lock.json" "$work/"
if ! (cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) \
  >"$work/npm.log" 2>&1; then
  cat "$work/npm.log" >&2
  echo "output_checks: error: 'npm ci' failed to install the checkers" >&2
  exit 1
fi
modules=$work/node_modules

# Every example, built into its own folder of $work/out.
out=$work/out
mkdir -p "$out"
examples=""
translations=""
for dir in "$root"/examples/*/; do
  dir=${dir%/}
  [ -f "$dir/report.yaml" ] || continue
  name=$(basename "$dir")
  if "$binary" build "$dir" -o "$out/$name" -f md,html -q; then
    examples="$examples $name"
  else
    fail "cwgreport could not build examples/$name"
  fi
  # Each translation, as its own report (the Arabic one right to left).
  for tdir in "$dir"/translations/*/; do
    [ -d "$tdir" ] || continue
    lang=$(basename "$tdir")
    if "$binary" build "$dir" --language "$lang" -o "$out/$name-$lang" -f md,html -q \
      -W no-translation-missing; then
      examples="$examples $name-$lang"
      translations="$translations $name-$lang"
    else
      fail "cwgreport could not build examples/$name --language $lang"
    fi
  done
done
if [ -z "$examples" ]; then
  fail "no example was built"
  exit 1
fi

# The HTML redline of a fixed pair of versions (cwgreport diff -f html) is
# checked as an example's HTML is: Nu, axe and the print; so is that of
# the same pair made an Arabic report.
pages="$examples"
mkdir -p "$out/redline"
status=0
"$binary" diff "$root/tests/diff/redline/old" "$root/tests/diff/redline/new" -f html \
  -o "$out/redline/report.html" || status=$?
if [ "$status" -eq 1 ]; then
  pages="$examples redline"
else
  fail "cwgreport diff -f html of tests/diff/redline exited $status, not 1"
fi
# The same pair as an Arabic report (language: ar): the redline right to
# left, with its marks mirrored.
mkdir -p "$work/pair-ar" "$out/redline-ar"
cp -R "$root/tests/diff/redline/old" "$root/tests/diff/redline/new" "$work/pair-ar/"
for v in old new; do printf '\nlanguage: ar\n' >>"$work/pair-ar/$v/report.yaml"; done
status=0
"$binary" diff "$work/pair-ar/old" "$work/pair-ar/new" -f html \
  -o "$out/redline-ar/report.html" || status=$?
if [ "$status" -eq 1 ]; then
  pages="$pages redline-ar"
  translations="$translations redline-ar"
else
  fail "cwgreport diff -f html of tests/diff/redline made Arabic exited $status, not 1"
fi

# 1. The Nu HTML Checker. --Werror makes a warning fail like an error;
# information messages are printed but pass.
# The examples' translations cover part of their report: the sections not
# yet translated stay in the original's English, so that the checker's
# guess at the language from the text would be English; it is not asked for
# on them (their lang and dir attributes are checked). Nor on the Arabic
# redline, whose texts are English under Arabic labels.
vnu() {
  if java -jar "$modules/vnu-jar/build/dist/vnu.jar" --Werror --also-check-css --format gnu "$@" \
    >"$work/vnu.txt" 2>&1; then
    info=$(grep -c . "$work/vnu.txt" || true)
    echo "vnu: $(printf '%s\n' "$@" | grep -c '\.html$') HTML files: no error, no warning ($info information messages)"
    sed "s|$out/||g" "$work/vnu.txt"
  else
    sed "s|$out/||g" "$work/vnu.txt" >&2
    fail "the Nu HTML Checker found errors or warnings"
  fi
}
set --
for name in $pages; do
  case " $translations " in *" $name "*) ;; *) set -- "$@" "$out/$name/report.html" ;; esac
done
vnu "$@"
if [ -n "$translations" ]; then
  set --
  for name in $translations; do set -- "$@" "$out/$name/report.html"; done
  vnu --no-langdetect "$@"
fi

# 2 and 3. axe-core, and the print to PDF, in one run of Chromium.
set --
for name in $pages; do set -- "$@" "$out/$name"; done
status=0
NODE_PATH=$modules node "$here/browser.js" "$(command -v chromium)" \
  "$modules/axe-core/axe.min.js" "$@" || status=$?
case $status in
  0) ;;
  1) fail "axe-core found accessibility violations" ;;
  *) fail "Chromium could not check or print the pages" ;;
esac
for name in $pages; do
  [ -f "$out/$name/report.pdf" ] || continue
  if ! pdftotext -bbox-layout "$out/$name/report.pdf" "$out/$name/report.bbox.html"; then
    fail "pdftotext could not read $name/report.pdf"
  elif ! node "$here/pages.js" "$out/$name/report.bbox.html" "$out/$name/expect.json" "$name"; then
    fail "$name: the printed pages break badly"
  fi
done

# 4. markdownlint, with the repository's configuration only.
set --
for name in $examples; do set -- "$@" ":$out/$name/report.md"; done
if (cd "$out" && "$modules/.bin/markdownlint-cli2" --config "$root/.markdownlint-cli2.jsonc" "$@") \
  >"$work/mdl.txt" 2>&1; then
  echo "markdownlint: $# Markdown files: no finding"
else
  sed "s|$out/||g" "$work/mdl.txt" >&2
  fail "markdownlint found problems in the Markdown"
fi

if [ -n "${CWG_CHECKS_KEEP:-}" ]; then
  mkdir -p "$CWG_CHECKS_KEEP"
  cp -R "$out"/. "$CWG_CHECKS_KEEP"/
  cp "$work/vnu.txt" "$work/mdl.txt" "$CWG_CHECKS_KEEP"/ 2>/dev/null || true
fi

if [ "$failures" -ne 0 ]; then
  echo "output_checks: $failures check(s) failed" >&2
  exit 1
fi
echo "output_checks: every check passed on the examples:$examples"
