#!/bin/sh
# The DOCX redline of tests/diff/redline (cwgreport diff -f docx): the same
# bytes twice, every tracked change with its author and date, accepting them
# all gives the new version's text and rejecting them all the old one's
# (redline_docx.py says exactly how). Then the same pair made an Arabic
# report (language: ar): the same, and its paragraphs and runs right to left
# (docx_bidi.py, on the document's properties). Then a summary record, a
# revision of a frozen report, and changes at the start of texts.
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

# Changes at the start of a text, where a space was once left before the new
# words: a revision of a frozen report withdrawing a paragraph ("6.8
# [Deleted]", examples/meeting14-rev1); and examples/every-construct with the
# first word of a paragraph changed, a table cell's first word changed, and a
# list item inserted before one that a table cell's reference starts with.
# redline_docx.py compares each paragraph's characters, spaces included.
rev=$work/rev1
mkdir -p "$rev"
for v in meeting14 meeting14-rev1; do
  "$binary" build "$root/examples/$v" -o "$rev/$v" -f docx -q
done
status=0
"$binary" diff "$root/examples/meeting14" "$root/examples/meeting14-rev1" -f docx \
  -o "$rev/redline.docx" || status=$?
if [ "$status" -ne 1 ]; then
  echo "redline: FAIL: cwgreport diff -f docx of meeting14 and meeting14-rev1 exited $status, not 1" >&2
  exit 1
fi
python3 "$here/redline_docx.py" "$rev/redline.docx" "$rev/meeting14/report.docx" \
  "$rev/meeting14-rev1/report.docx"

ec=$work/every-construct
mkdir -p "$ec"
cp -R "$root/examples/every-construct" "$ec/old"
cp -R "$root/examples/every-construct" "$ec/new"
sed -i 's|^      The {meeting:13} meeting of the Council|      This {meeting:13} meeting of the Council|' \
  "$ec/new/sections/introduction.yaml"
sed -i 's|^\(        - \["{para:rec-terminology} of {para:recommendations}", \)September 2025,|\1October 2025,|' \
  "$ec/new/sections/workplan.yaml"
sed -i 's|^        - label: rec-terminology$|        - label: rec-glossary\n          text: publish the glossary of the Group;\n&|' \
  "$ec/new/sections/conclusions.yaml"
if ! grep -q '^      This {meeting:13} meeting' "$ec/new/sections/introduction.yaml" ||
  ! grep -q 'October 2025' "$ec/new/sections/workplan.yaml" ||
  ! grep -q 'label: rec-glossary' "$ec/new/sections/conclusions.yaml"; then
  echo "redline: FAIL: examples/every-construct no longer has the lines this check edits" >&2
  exit 1
fi
for v in old new; do "$binary" build "$ec/$v" -o "$ec/$v-out" -f docx -q; done
for format in docx html; do
  status=0
  "$binary" diff "$ec/old" "$ec/new" -f "$format" -o "$ec/redline.$format" || status=$?
  if [ "$status" -ne 1 ]; then
    echo "redline: FAIL: cwgreport diff -f $format of every-construct exited $status, not 1" >&2
    exit 1
  fi
done
python3 "$here/redline_docx.py" "$ec/redline.docx" "$ec/old-out/report.docx" \
  "$ec/new-out/report.docx"
for expected in \
  '<span class="number">1.1.</span> <del class="redline">The</del><ins class="redline">This</ins> 13th' \
  '<td class="align-center"><del class="redline">September</del><ins class="redline">October</ins> 2025</td>' \
  '<td class="align-left"><del class="redline"><a href="#rec-terminology">1)</a></del><ins class="redline"><a href="#rec-terminology">2)</a></ins> of'; do
  if ! grep -qF "$expected" "$ec/redline.html"; then
    echo "redline: FAIL: the HTML redline of every-construct lacks: $expected" >&2
    exit 1
  fi
done
