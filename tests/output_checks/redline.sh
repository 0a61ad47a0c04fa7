#!/bin/sh
# The DOCX redline of tests/diff/redline (cwgreport diff -f docx): the same
# bytes twice, every tracked change with its author and date, accepting them
# all gives the new version's words and rejecting them all the old one's
# (redline_docx.py says exactly how). Then the same pair made an Arabic
# report (language: ar): the same, and its paragraphs and runs right to left
# (docx_bidi.py, on the document's properties).
#
# usage: redline.sh CWGREPORT
set -eu
if [ $# -ne 1 ]; then
  echo "usage: $0 CWGREPORT" >&2
  exit 2
fi
binary=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
pair=$root/tests/diff/redline
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
for n in 1 2; do
  status=0
  "$binary" diff "$pair/old" "$pair/new" -f docx -o "$work/redline-$n.docx" || status=$?
  if [ "$status" -ne 1 ]; then
    echo "redline: FAIL: cwgreport diff -f docx exited $status, not 1" >&2
    exit 1
  fi
done
if ! cmp -s "$work/redline-1.docx" "$work/redline-2.docx"; then
  echo "redline: FAIL: two runs of cwgreport diff -f docx differ" >&2
  exit 1
fi
"$binary" build "$pair/old" -o "$work/old" -f docx -q
"$binary" build "$pair/new" -o "$work/new" -f docx -q
python3 "$here/redline_docx.py" "$work/redline-1.docx" "$work/old/report.docx" \
  "$work/new/report.docx"

ar=$work/pair-ar
mkdir -p "$ar"
cp -R "$pair/old" "$pair/new" "$ar/"
for v in old new; do printf '\nlanguage: ar\n' >>"$ar/$v/report.yaml"; done
status=0
"$binary" diff "$ar/old" "$ar/new" -f docx -o "$ar/redline.docx" || status=$?
if [ "$status" -ne 1 ]; then
  echo "redline: FAIL: cwgreport diff -f docx of the Arabic pair exited $status, not 1" >&2
  exit 1
fi
"$binary" build "$ar/old" -o "$ar/old-out" -f docx -q
"$binary" build "$ar/new" -o "$ar/new-out" -f docx,html -q
python3 "$here/redline_docx.py" "$ar/redline.docx" "$ar/old-out/report.docx" \
  "$ar/new-out/report.docx"
python3 "$here/docx_bidi.py" "$ar/redline.docx" "$ar/new-out/report.html" - redline-ar

# A summary record (examples/council-summary-record) with an item inserted
# before the last, which renumbers it, and the first item's heading reworded:
# its table of subjects gains a row, tracked as a row, and the first row's
# changed words; each way round, so that a row is deleted too.
sr=$work/record
mkdir -p "$sr"
cp -R "$root/examples/council-summary-record" "$sr/old"
cp -R "$root/examples/council-summary-record" "$sr/new"
printf 'label: other-business\nheading: Other business\nparagraphs:\n  - No other business was raised.\n' \
  >"$sr/new/sections/other-business.yaml"
sed -i 's|^  - sections/future-sessions.yaml|  - sections/other-business.yaml\n&|' "$sr/new/report.yaml"
sed -i 's|^heading: Report on the implementation of the strategic plan|heading: Report on the strategic plan|' \
  "$sr/new/sections/strategic-plan.yaml"
if ! grep -q '^  - sections/other-business.yaml$' "$sr/new/report.yaml" ||
  ! grep -q '^heading: Report on the strategic plan' "$sr/new/sections/strategic-plan.yaml"; then
  echo "redline: FAIL: the example's summary record no longer has the lines this check edits" >&2
  exit 1
fi
for v in old new; do "$binary" build "$sr/$v" -o "$sr/$v-out" -f docx,html -q; done
for pair in "old new" "new old"; do
  set -- $pair
  status=0
  "$binary" diff "$sr/$1" "$sr/$2" -f docx -o "$sr/redline.docx" || status=$?
  if [ "$status" -ne 1 ]; then
    echo "redline: FAIL: cwgreport diff -f docx of the summary records exited $status, not 1" >&2
    exit 1
  fi
  python3 "$here/redline_docx.py" --cell-numbers "$sr/redline.docx" "$sr/$1-out/report.docx" \
    "$sr/$2-out/report.docx"
  # The row itself is tracked, or accepting or rejecting leaves it empty.
  if [ "$1" = old ]; then mark=w:ins; else mark=w:del; fi
  if ! python3 -c 'import sys, zipfile; sys.exit(sys.argv[2] not in zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode())' \
    "$sr/redline.docx" "<w:trPr><w:cantSplit/><$mark "; then
    echo "redline: FAIL: the DOCX redline of the summary records tracks no row ($mark)" >&2
    exit 1
  fi
done
status=0
"$binary" diff "$sr/old" "$sr/new" -f html -o "$sr/redline.html" || status=$?
if [ "$status" -ne 1 ]; then
  echo "redline: FAIL: cwgreport diff -f html of the summary records exited $status, not 1" >&2
  exit 1
fi
if ! grep -q '<td><ins class="redline">4 Other business</ins></td>' "$sr/redline.html"; then
  echo "redline: FAIL: the HTML redline does not mark the record's inserted row" >&2
  exit 1
fi
