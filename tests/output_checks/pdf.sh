#!/bin/sh
# Builds every example meeting with -f pdf and checks the PDF with poppler's
# tools, as a reader's PDF viewer would see it.
#
# usage: pdf.sh CWGREPORT ARTIFACTS_DIR
#
# On each examples/*/ folder, with the default engine (WeasyPrint):
#  1. pdffonts lists every font as embedded;
#  2. pdf_check.py: page 1 has no running header, every later page N has
#     "- N -" and the report's symbol in its top margin, every footnote is
#     on the page of its first mark, and pdftotext reads the same words as
#     report.txt (pdf_check.py says what it normalises);
#  3. pages 1 and 2 are turned into PNG (pdftoppm, 60 dpi) in
#     ARTIFACTS_DIR/EXAMPLE/page-N.png, beside the PDF, for a person to look
#     at; CI keeps ARTIFACTS_DIR.
# Each example's translations (cwgreport build --language LANG) are checked
# the same way, as EXAMPLE-LANG. Every PDF must also embed a font that
# covers the report's language (fc-list :lang=LANG, LANG from the HTML's
# lang), and, the language not English, pdftotext must read its title and
# the headings of the box under it as the HTML has them: the generated words
# (pdf_check.py --lang LANG). WeasyPrint's PDF of an Arabic report cannot be
# read back: of it, only its pages and headers are checked (pdf_check.py
# says why), and every check runs on Chromium's.
# Then two right-to-left lines of WeasyPrint's Arabic PDFs, as pdftotext reads
# them: an English title left untranslated keeps apart from the symbol and
# the number beside it.
# Then meeting14 is built again and its PDF must be byte-identical (the
# engine gets SOURCE_DATE_EPOCH). When chromium is installed, every example
# is also printed with --pdf-engine chromium and checks 1 and 2 run on it,
# its header being "- N -" without the symbol, its footnotes at the end.
#
# Prints "skipped" and exits 0 only when weasyprint is absent. Exits 0 when
# every check passes, 1 when one fails, 2 on a usage error.
set -eu

if [ $# -ne 2 ]; then
  echo "usage: $0 CWGREPORT ARTIFACTS_DIR" >&2
  exit 2
fi
binary=$1
artifacts=$2
if [ ! -x "$binary" ]; then
  echo "pdf: error: '$binary' is not an executable" >&2
  exit 2
fi
if ! command -v weasyprint >/dev/null 2>&1; then
  echo "pdf: skipped: 'weasyprint' is not installed"
  exit 0
fi
for tool in pdftotext pdffonts pdftoppm fc-list python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "pdf: error: '$tool' is not installed (pdftotext, pdffonts and pdftoppm come" \
      "with poppler-utils, fc-list with fontconfig)" >&2
    exit 1
  fi
done

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
rm -rf "$artifacts"
mkdir -p "$artifacts"

failures=0
fail() {
  printf 'pdf: FAIL: %s\n' "$*" >&2
  failures=$((failures + 1))
}

# check NAME FOLDER [--chromium] [--lang LANG]: checks 1 and 2 on FOLDER.
check() {
  name=$1
  folder=$2
  shift 2
  if ! pdffonts "$folder/report.pdf" >"$folder/fonts.txt"; then
    fail "$name: pdffonts could not read report.pdf"
    return
  fi
  # The columns after the name: type (one or two words), encoding, emb...
  # Counted from the right: emb is the 5th last.
  fonts=$(tail -n +3 "$folder/fonts.txt" | grep -c . || true)
  loose=$(tail -n +3 "$folder/fonts.txt" | awk '$(NF-4) != "yes"' | grep -c . || true)
  if [ "$fonts" -eq 0 ] || [ "$loose" -ne 0 ]; then
    cat "$folder/fonts.txt" >&2
    fail "$name: $loose of $fonts fonts are not embedded"
  else
    echo "pdf: $name: $fonts fonts, all embedded"
  fi
  if ! pdftotext -bbox "$folder/report.pdf" "$folder/report.bbox.html"; then
    fail "$name: pdftotext could not read report.pdf"
  elif ! python3 "$here/pdf_check.py" "$@" "$name" "$folder"; then
    fail "$name: the PDF's pages or words are not those of the report"
  fi
}

# covering FOLDER LANG: the fonts of FOLDER/report.pdf that cover LANG
# (fc-list :lang=LANG), as pdffonts names them without their subset prefix.
# WeasyPrint writes "Noto-Naskh-Arabic-Bold", Chromium
# "NotoNaskhArabic-Bold": a font covers LANG when, without its hyphens, it
# starts with such a family's name without its spaces.
covering() {
  families=$(fc-list ":lang=$2" family | tr ',' '\n' | tr -d ' ' | sort -u)
  pdffonts "$1/report.pdf" | tail -n +3 | awk '{print $1}' | sed 's/^[A-Z]*+//' |
    while read -r font; do
      for family in $families; do
        case $(printf '%s' "$font" | tr -d -- -) in
          "$family"*)
            echo "$font"
            break
            ;;
        esac
      done
    done
}

examples=""
# example NAME DIR [--language LANG -W no-translation-missing]
example() {
  name=$1
  dir=$2
  shift 2
  out=$work/weasyprint/$name
  if ! "$binary" build "$dir" "$@" -o "$out" -f html,txt,pdf -q; then
    fail "cwgreport could not build examples/$(basename "$dir") $* with -f pdf"
    return
  fi
  examples="$examples $name"
  lang=$(sed -n 's/^<html lang="\([^"]*\)".*/\1/p' "$out/report.html")
  check "$name" "$out" --lang "$lang"
  fonts=$(covering "$out" "$lang")
  if [ -z "$fonts" ]; then
    fail "$name: no font of the PDF covers '$lang' (fc-list :lang=$lang)"
  else
    echo "pdf: $name: fonts that cover '$lang':" $fonts
  fi
  mkdir -p "$artifacts/$name"
  cp "$out/report.pdf" "$artifacts/$name/"
  if ! pdftoppm -r 60 -f 1 -l 2 -png "$out/report.pdf" "$artifacts/$name/page"; then
    fail "$name: pdftoppm could not turn pages 1 and 2 into images"
  fi
}
for dir in "$root"/examples/*/; do
  dir=${dir%/}
  [ -f "$dir/report.yaml" ] || continue
  example "$(basename "$dir")" "$dir"
  for tdir in "$dir"/translations/*/; do
    [ -d "$tdir" ] || continue
    lang=$(basename "$tdir")
    example "$(basename "$dir")-$lang" "$dir" --language "$lang" -W no-translation-missing
  done
done
if [ -z "$examples" ]; then
  fail "no example was built"
  exit 1
fi

# English left untranslated in an Arabic report is a span with dir="ltr",
# which a browser isolates and WeasyPrint does not (html.cc, foreign): the
# text beside it must not run into it. pdftotext reads such a line in its
# visual order, left to right. meeting14-ar's list of documents: the colon
# after a symbol is on its left, between it and the English title
# ("... Initiative : CWG-COP-14/2", not "... InitiativeCWG-COP-14/2:"); a
# summary record made Arabic: the number of a subject stays apart from the
# English title's last digits ("... for 2025 3", not "... for 20253").
# WeasyPrint's Arabic PDF maps some glyphs to no text ("WG- OP" for
# "CWG-COP", see pdf_check.py), so only the colon and the digits are read.
rtl_list=$work/weasyprint/meeting14-ar/report.pdf
if [ -f "$rtl_list" ]; then
  line=$(pdftotext -f 2 -l 2 "$rtl_list" - 2>/dev/null | grep -m 1 '14/2' || true)
  case $line in
    *14/2:* | "") fail "meeting14-ar: the symbol CWG-COP-14/2 runs into its title: '$line'" ;;
    *": "*14/2*) echo "pdf: meeting14-ar: the symbol's colon sits between it and its title" ;;
    *) fail "meeting14-ar: no colon between CWG-COP-14/2 and its title: '$line'" ;;
  esac
fi
cp -R "$root/examples/council-summary-record" "$work/record-ar"
rm -rf "$work/record-ar/translations"
mkdir -p "$work/record-ar/translations/ar"
if "$binary" build "$work/record-ar" --language ar -W no-translation-missing -f pdf \
  -o "$work/record-ar/out" -q; then
  text=$(pdftotext "$work/record-ar/out/report.pdf" - 2>/dev/null)
  case $text in
    *"for 2025 3"*) echo "pdf: council-summary-record-ar: each subject's number stands apart" ;;
    *) fail "council-summary-record-ar: a subject's number runs into its English title:" \
      "$(printf '%s\n' "$text" | grep -m 1 'for 2025')" ;;
  esac
else
  fail "cwgreport could not build examples/council-summary-record with --language ar"
fi

# The same sources give the same bytes.
if "$binary" build "$root/examples/meeting14" -o "$work/again" -f pdf -q &&
  cmp "$work/weasyprint/meeting14/report.pdf" "$work/again/report.pdf"; then
  echo "pdf: meeting14: two builds give byte-identical PDFs"
else
  fail "meeting14: two builds did not give byte-identical PDFs"
fi

if command -v chromium >/dev/null 2>&1; then
  for name in $examples; do
    out=$work/chromium/$name
    # A translation, EXAMPLE-LANG, is built from EXAMPLE with --language.
    set -- "$root/examples/$name"
    if [ ! -d "$1" ]; then
      set -- "$root/examples/${name%-*}" --language "${name##*-}" -W no-translation-missing
    fi
    if ! "$binary" build "$@" -o "$out" -f html,txt,pdf -q --pdf-engine chromium; then
      fail "cwgreport could not build examples/$name with --pdf-engine chromium"
      continue
    fi
    lang=$(sed -n 's/^<html lang="\([^"]*\)".*/\1/p' "$out/report.html")
    check "$name (chromium)" "$out" --chromium --lang "$lang"
    [ -n "$(covering "$out" "$lang")" ] ||
      fail "$name (chromium): no font of the PDF covers '$lang' (fc-list :lang=$lang)"
  done
else
  echo "pdf: chromium is not installed: --pdf-engine chromium not checked"
fi

if [ "$failures" -ne 0 ]; then
  echo "pdf: $failures check(s) failed; pages 1-2 as images in $artifacts" >&2
  exit 1
fi
echo "pdf: every check passed on the examples:$examples; pages 1-2 as images in $artifacts"
