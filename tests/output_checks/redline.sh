#!/bin/sh
# The DOCX redline of tests/diff/redline (cwgreport diff -f docx): the same
# bytes twice, every tracked change with its author and date, accepting them
# all gives the new version's words and rejecting them all the old one's
# (redline_docx.py says exactly how).
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
