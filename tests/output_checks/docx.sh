#!/bin/sh
# Opens every example's DOCX in the programs that will read it, and checks
# that they read the report that report.txt prints.
#
# usage: docx.sh CWGREPORT ARTIFACTS
#
# On each examples/*/ folder:
#  1. two builds of report.docx give the same bytes;
#  2. LibreOffice (headless, with a profile of its own) converts it to text
#     and to PDF; the text has the words of report.txt, and each footnote,
#     which its text export leaves out, is found in the PDF's text
#     (same_words.py says exactly what is normalized);
#  3. pandoc's DOCX reader reads the same words (its tables read cell by cell
#     through tables_as_cells.lua);
#  4. in the PDF, the first page has no running header and the second has
#     "- 2 -" and the symbol; the text is set in Carlito, LibreOffice's
#     stand-in for the Calibri the document names;
#  5. the first two pages are rendered to ARTIFACTS/NAME-page-1.png and -2.png
#     (pdftoppm), to be looked at.
# Each example's translations (cwgreport build --language LANG) are checked
# the same way, as EXAMPLE-LANG; a right-to-left one (Arabic) must also
# have its paragraphs marked right to left (w:bidi) and its runs of Arabic
# text w:rtl, LibreOffice's text must hold its title and the box's headings
# in the language (docx_bidi.py says exactly how), and the PDF must embed a
# font that covers the language (fc-list :lang=LANG).
#
# Exits 0 when every check passes, 1 when one fails, 2 on a usage error.
# Prints "skipped" and exits 0 only when soffice or pandoc is absent.
set -eu

if [ $# -ne 2 ]; then
  echo "usage: $0 CWGREPORT ARTIFACTS" >&2
  exit 2
fi
binary=$1
artifacts=$2
if [ ! -x "$binary" ]; then
  echo "docx checks: error: '$binary' is not an executable" >&2
  exit 2
fi
missing=""
for tool in soffice pandoc; do
  command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
  echo "docx checks: skipped: not installed:$missing"
  exit 0
fi
for tool in pdftotext pdftoppm pdffonts fc-list unzip python3 timeout; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "docx checks: error: '$tool' is not installed" >&2
    exit 1
  fi
done

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
mkdir -p "$artifacts"

failures=0
fail() {
  printf 'docx checks: FAIL: %s\n' "$*" >&2
  failures=$((failures + 1))
}

examples=""
rtl=""
mkdir -p "$work/docx"
# build NAME DIR [--language LANG -W no-translation-missing]
build() {
  name=$1
  dir=$2
  shift 2
  if ! "$binary" build "$dir" "$@" -o "$work/out/$name" -f txt,html,docx -q ||
    ! "$binary" build "$dir" "$@" -o "$work/again/$name" -f docx -q; then
    fail "cwgreport could not build examples/$(basename "$dir") $*"
    return
  fi
  if ! cmp -s "$work/out/$name/report.docx" "$work/again/$name/report.docx"; then
    fail "$name: two builds of report.docx differ"
  fi
  cp "$work/out/$name/report.docx" "$work/docx/$name.docx"
  examples="$examples $name"
  if grep -q '^<html [^>]*dir="rtl"' "$work/out/$name/report.html"; then
    rtl="$rtl $name"
  fi
}
for dir in "$root"/examples/*/; do
  dir=${dir%/}
  [ -f "$dir/report.yaml" ] || continue
  build "$(basename "$dir")" "$dir"
  for tdir in "$dir"/translations/*/; do
    [ -d "$tdir" ] || continue
    lang=$(basename "$tdir")
    build "$(basename "$dir")-$lang" "$dir" --language "$lang" -W no-translation-missing
  done
done
if [ -z "$examples" ]; then
  fail "no example was built"
  exit 1
fi

# One LibreOffice for all the files of each conversion. Its profile is a
# folder of this run, so that it neither needs nor touches a home folder;
# the time limit is generous (a first start sets the profile up).
profile="file://$work/profile"
for filter in txt:Text pdf; do
  if ! (cd "$work/docx" && timeout 600 soffice "-env:UserInstallation=$profile" --headless \
    --norestore --convert-to "$filter" --outdir "$work/lo" ./*.docx) >"$work/soffice.log" 2>&1; then
    cat "$work/soffice.log" >&2
    fail "LibreOffice could not convert the DOCX files ($filter)"
  fi
done

for name in $examples; do
  txt=$work/out/$name/report.txt
  lo_txt=$work/lo/$name.txt
  pdf=$work/lo/$name.pdf
  if [ ! -f "$lo_txt" ] || [ ! -f "$pdf" ]; then
    fail "$name: LibreOffice wrote no text or no PDF"
    continue
  fi
  pdftotext -enc UTF-8 "$pdf" "$work/lo/$name.pdf.txt"
  python3 "$here/same_words.py" "$txt" "$lo_txt" "$name (LibreOffice)" --no-footnotes \
    --words-in "$work/lo/$name.pdf.txt" || fail "$name: LibreOffice reads other words"

  if ! timeout 300 pandoc -f docx -t plain --wrap=none --lua-filter "$here/tables_as_cells.lua" \
    "$work/docx/$name.docx" -o "$work/lo/$name.pandoc.txt"; then
    fail "$name: pandoc could not read the DOCX"
  else
    python3 "$here/same_words.py" "$txt" "$work/lo/$name.pandoc.txt" "$name (pandoc)" ||
      fail "$name: pandoc reads other words"
  fi

  # The running header: none on page 1; "- 2 -" and the symbol on page 2.
  symbol=$(unzip -p "$work/docx/$name.docx" docProps/core.xml |
    python3 -c 'import sys, xml.etree.ElementTree as E
s = E.fromstring(sys.stdin.buffer.read()).find("{http://purl.org/dc/elements/1.1/}subject")
print("" if s is None else s.text)')
  page1=$(pdftotext -raw -enc UTF-8 -f 1 -l 1 "$pdf" -)
  if printf '%s\n' "$page1" | grep -q -- '^- 1 -$'; then
    fail "$name: page 1 has a running header"
  fi
  pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
  if [ "${pages:-0}" -lt 2 ]; then
    fail "$name: the PDF has fewer than 2 pages"
  else
    page2=$(pdftotext -raw -enc UTF-8 -f 2 -l 2 "$pdf" -)
    # In a right-to-left document pdftotext -raw reads "- 2 -" as three
    # lines: the top of the page is compared without its whitespace.
    case $(printf '%s\n' "$page2" | head -n 3 | tr -d ' \n') in
      -2-*) ;;
      *) fail "$name: page 2 does not start with '- 2 -'" ;;
    esac
    if [ -n "$symbol" ] && ! printf '%s\n' "$page2" | head -n 3 | grep -qF -- "$symbol"; then
      fail "$name: the header of page 2 does not show '$symbol'"
    fi
  fi
  pdffonts "$pdf" | grep -q Carlito || fail "$name: the PDF's text is not set in Carlito"
  case " $rtl " in
    *" $name "*)
      python3 "$here/docx_bidi.py" "$work/docx/$name.docx" "$work/out/$name/report.html" \
        "$lo_txt" "$name" || fail "$name: the DOCX is not right to left, or is read otherwise"
      lang=$(sed -n 's/^<html lang="\([^"]*\)".*/\1/p' "$work/out/$name/report.html")
      covering=$(fc-list ":lang=$lang" family | tr ',' '\n' | tr -d ' ' | sort -u)
      embedded=$(pdffonts "$pdf" | tail -n +3 | awk '{print $1}' | sed 's/^[A-Z]*+//; s/-.*//' |
        sort -u)
      found=""
      for font in $embedded; do
        printf '%s\n' "$covering" | grep -qFx -- "$font" && found="$found $font"
      done
      if [ -z "$found" ]; then
        pdffonts "$pdf" >&2
        fail "$name: no font of the PDF covers '$lang' (fc-list :lang=$lang)"
      else
        echo "docx: $name: the PDF embeds$found, which cover '$lang'"
      fi
      ;;
  esac

  rm -f "$artifacts/$name-page-"*.png
  pdftoppm -r 80 -f 1 -l 2 -png "$pdf" "$artifacts/$name-page" ||
    fail "$name: pdftoppm could not render the pages"
  echo "docx: $name: $pages pages; LibreOffice and pandoc read the words of report.txt"
done

# The DOCX redline of tests/diff/redline (cwgreport diff -f docx), with its
# tracked changes shown as LibreOffice prints them: both the deleted and the
# inserted words are on the page. Its last pages go to ARTIFACTS.
mkdir -p "$work/redline"
status=0
"$binary" diff "$root/tests/diff/redline/old" "$root/tests/diff/redline/new" -f docx \
  -o "$work/redline/redline.docx" || status=$?
if [ "$status" -ne 1 ]; then
  fail "cwgreport diff -f docx of tests/diff/redline exited $status, not 1"
elif ! (cd "$work/redline" && timeout 600 soffice "-env:UserInstallation=$profile" --headless \
  --norestore --convert-to pdf --outdir "$work/redline" redline.docx) >"$work/soffice.log" 2>&1; then
  cat "$work/soffice.log" >&2
  fail "LibreOffice could not convert the redline"
else
  text=$(pdftotext -enc UTF-8 "$work/redline/redline.pdf" - | tr -s ' \n' '  ')
  for words in "presented three four research" "in person and remotely. online, free of charge." \
    "The Chair encouraged participants"; do
    printf '%s\n' "$text" | grep -qF -- "$words" ||
      fail "the redline, as LibreOffice prints it, lacks '$words'"
  done
  rm -f "$artifacts/redline-page-"*.png
  pdftoppm -r 80 -f 4 -l 5 -png "$work/redline/redline.pdf" "$artifacts/redline-page" ||
    fail "pdftoppm could not render the redline's pages"
  echo "docx: redline: LibreOffice shows the deleted and the inserted words"
fi

if [ "$failures" -ne 0 ]; then
  echo "docx checks: $failures check(s) failed" >&2
  exit 1
fi
echo "docx checks: every check passed on the examples:$examples (pages in $artifacts)"
