#!/bin/sh
# Builds every example meeting and checks the layout of its report.html in
# headless Chromium (layout.js says exactly what is checked): on a 1280 px
# screen, on a 390 px phone screen and in print on A4, nothing may stick out
# of the page's content box sideways and no two blocks of text may overlap;
# the page says its language, and runs in its direction: numbers hang on
# the start side of their text (the right in Arabic), headings and
# paragraphs start at the start edge, and a script other than Latin is
# drawn in a font that covers it. Each example's translations are built
# (cwgreport build --language LANG) and checked too, as EXAMPLE-LANG; so is
# examples/every-construct made an Arabic report, as every-construct-ar
# (every construct right to left, the mirror image of every-construct), and
# the HTML redline of tests/diff/redline (cwgreport diff -f html), as
# `redline`, and made Arabic, as `redline-ar`, the mirror image of `redline`:
# its changed blocks are ruled on the start side.
#
# usage: layout.sh CWGREPORT SHOTS_DIR
#
# CWGREPORT is the cwgreport binary. SHOTS_DIR receives a screenshot of every
# example in every view (SHOTS_DIR/EXAMPLE/VIEW.png), the PDF that Chromium
# prints (SHOTS_DIR/EXAMPLE/report.pdf) and, when pdftoppm is installed, its
# pages as images (SHOTS_DIR/EXAMPLE/page-N.png); it is emptied first. CI
# keeps it, so that a failure can be seen, not only read.
#
# Before the examples, the check is run on layout-broken/report.html, a page
# with text that sticks out and text that overlaps, and must report both in
# every view: a check that sees nothing would pass every example. So is the
# Arabic translation of meeting14 without its dir="rtl", which must be
# reported as laid out left to right, its numbers on the left.
#
# playwright-core is installed from package.json and package-lock.json with
# `npm ci` into a temporary folder, so its version is exactly the locked one;
# set CWG_NODE_MODULES to a node_modules folder that has it to skip that.
# Prints "skipped" and exits 0 only when node or chromium is absent. Exits 0
# when every check passes, 1 when one fails, 2 on a usage error.
set -eu

if [ $# -ne 2 ]; then
  echo "usage: $0 CWGREPORT SHOTS_DIR" >&2
  exit 2
fi
binary=$1
shots=$2
if [ ! -x "$binary" ]; then
  echo "layout: error: '$binary' is not an executable" >&2
  exit 2
fi
for tool in node chromium; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "layout: skipped: '$tool' is not installed"
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
    echo "layout: error: 'npm ci' failed to install playwright-core" >&2
    exit 1
  fi
  modules=$work/node_modules
fi

# First, the check must see what it is looking for: on a page made with both
# faults (layout-broken/report.html), every view must report the text that
# sticks out and the text that overlaps.
status=0
NODE_PATH=$modules node "$here/layout.js" "$(command -v chromium)" "$work/broken" \
  "$here/layout-broken" >"$work/broken.txt" 2>&1 || status=$?
views=$(grep -c ': see ' "$work/broken.txt" || true)
out=$(grep -c 'FAIL: layout-broken, .*sticks out' "$work/broken.txt" || true)
over=$(grep -c 'FAIL: layout-broken, .*overlaps' "$work/broken.txt" || true)
if [ "$status" -ne 1 ] || [ "$views" -lt 3 ] || [ "$out" -ne "$views" ] || [ "$over" -ne "$views" ]; then
  cat "$work/broken.txt" >&2
  echo "layout: FAIL: the check does not see the faults of layout-broken/report.html" \
    "(exit $status; $views views, $out with text sticking out, $over with an overlap)" >&2
  exit 1
fi
echo "layout: the check sees both faults of layout-broken/report.html in each of its $views views"

# The same for the direction: the Arabic report with its dir attribute taken
# away is laid out left to right, which every view must report.
if ! "$binary" build "$root/examples/meeting14" --language ar -o "$work/broken-rtl" -f html -q \
  -W no-translation-missing; then
  echo "layout: FAIL: cwgreport could not build examples/meeting14 --language ar" >&2
  exit 1
fi
sed 's/<html lang="ar" dir="rtl">/<html lang="ar">/' "$work/broken-rtl/report.html" \
  >"$work/broken-rtl/broken.html"
mv "$work/broken-rtl/broken.html" "$work/broken-rtl/report.html"
status=0
NODE_PATH=$modules node "$here/layout.js" "$(command -v chromium)" "$work/broken" \
  --lang ar "$work/broken-rtl" >"$work/broken.txt" 2>&1 || status=$?
nodir=$(grep -c 'FAIL: broken-rtl, .*html element has no dir, not "rtl"' "$work/broken.txt" || true)
left=$(grep -c 'FAIL: broken-rtl, .*is not on the right of its text' "$work/broken.txt" || true)
if [ "$status" -ne 1 ] || [ "$nodir" -ne "$views" ] || [ "$left" -lt "$views" ]; then
  cat "$work/broken.txt" >&2
  echo "layout: FAIL: the check does not see that the Arabic report without dir=\"rtl\" is" \
    "laid out left to right (exit $status; $nodir views without dir, $left with numbers on the left)" >&2
  exit 1
fi
echo "layout: the check sees the Arabic report without dir=\"rtl\" laid out left to right in each view"

# Every example, each in its own folder named after it, in its language
# (report.yaml's language:, English by default), then each of its
# translations, then the redlines.
set --
for dir in "$root"/examples/*/; do
  dir=${dir%/}
  [ -f "$dir/report.yaml" ] || continue
  name=$(basename "$dir")
  if ! "$binary" build "$dir" -o "$work/out/$name" -f html -q; then
    echo "layout: FAIL: cwgreport could not build examples/$name" >&2
    exit 1
  fi
  lang=$(sed -n 's/^language: *\([a-z]*\).*/\1/p' "$dir/report.yaml")
  set -- "$@" --lang "${lang:-en}" "$work/out/$name"
  for tdir in "$dir"/translations/*/; do
    [ -d "$tdir" ] || continue
    lang=$(basename "$tdir")
    if ! "$binary" build "$dir" --language "$lang" -o "$work/out/$name-$lang" -f html -q \
      -W no-translation-missing; then
      echo "layout: FAIL: cwgreport could not build examples/$name --language $lang" >&2
      exit 1
    fi
    set -- "$@" --lang "$lang" "$work/out/$name-$lang"
  done
done
if [ $# -eq 0 ]; then
  echo "layout: FAIL: no example found under examples/" >&2
  exit 1
fi
# examples/every-construct as an Arabic report (language: ar, its cover's
# language letter A): its texts stay English, but every construct is laid
# out right to left, and must be the mirror image of every-construct: every
# block as far from the right edge as it is from the left there (the mirror
# of the style sheets, html-rtl.css).
cp -R "$root/examples/every-construct" "$work/every-construct-ar"
sed -e 's/^language: en$/language: ar/' -e 's/^  language: E$/  language: A/' \
  "$root/examples/every-construct/report.yaml" >"$work/every-construct-ar/report.yaml"
if ! "$binary" build "$work/every-construct-ar" -o "$work/out/every-construct-ar" -f html -q; then
  echo "layout: FAIL: cwgreport could not build examples/every-construct as an Arabic report" >&2
  exit 1
fi
set -- "$@" --lang ar --mirror every-construct "$work/out/every-construct-ar"
# The redline of tests/diff/redline, as it is and as an Arabic report (its
# report.yaml given language: ar), its marks mirrored.
pair=$root/tests/diff/redline
mkdir -p "$work/pair-ar"
cp -R "$pair/old" "$pair/new" "$work/pair-ar/"
for v in old new; do
  printf '\nlanguage: ar\n' >>"$work/pair-ar/$v/report.yaml"
done
redline() { # NAME PAIR LANG
  mkdir -p "$work/out/$1"
  status=0
  "$binary" diff "$2/old" "$2/new" -f html -o "$work/out/$1/report.html" || status=$?
  if [ "$status" -ne 1 ]; then
    echo "layout: FAIL: cwgreport diff -f html of the $1 pair exited $status, not 1" >&2
    exit 1
  fi
}
redline redline "$pair" en
redline redline-ar "$work/pair-ar" ar
set -- "$@" --lang en "$work/out/redline" --lang ar --mirror redline "$work/out/redline-ar"

rm -rf "$shots"
mkdir -p "$shots"
status=0
NODE_PATH=$modules node "$here/layout.js" "$(command -v chromium)" "$shots" "$@" || status=$?
if command -v pdftoppm >/dev/null 2>&1; then
  for pdf in "$shots"/*/report.pdf; do
    [ -f "$pdf" ] || continue
    if ! pdftoppm -r 60 -png "$pdf" "$(dirname "$pdf")/page"; then
      echo "layout: error: pdftoppm could not read $pdf" >&2
      [ "$status" -ne 0 ] || status=2
    fi
  done
fi
case $status in
  0) echo "layout: every example is laid out within the page, with no overlap; screenshots in $shots" ;;
  1) echo "layout: FAIL: see the screenshots in $shots" >&2 ;;
  *) echo "layout: error: Chromium could not check the pages" >&2 ;;
esac
exit $status
