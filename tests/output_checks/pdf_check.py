#!/usr/bin/env python3
"""Checks one example's PDF against its plain text and its HTML.

usage: pdf_check.py [--chromium] [--lang LANG] NAME FOLDER

FOLDER holds report.pdf, report.txt and report.html of the example NAME,
and report.bbox.html, the words of the PDF with their boxes as
`pdftotext -bbox` writes them. Requires:

- the running header: no word in the top margin of page 1; on every later
  page N, the words in the top margin are exactly "- N -" followed by the
  report's symbol (the value of the cover's symbol field in the HTML), or
  "- N -" alone when the report has no symbol or with --chromium
  (Chromium has no string-set);
- no page but the last ends with a heading: the last row of a page's text
  (its rows in the text's size, so above the footnotes) is never the whole
  or the start of the title, the source line, a section, annex or
  summary-box heading or a table caption of report.html, compared without
  whitespace;
- unless --chromium (whose footnotes stay at the end), every footnote's
  text is on the page of its first mark: the page that holds the first
  words of "[N] text" of report.txt is the one that holds the three words
  before the first "[N]" elsewhere in report.txt;
- the same words as report.txt, as a multiset: the PDF sets the footnotes at
  the foot of the page on which they are called, and pdftotext reads a
  table's cells line by line across the columns, so the order differs.

- with --lang LANG, when LANG is not English: the report's title and the
  headings of the box under it (report.html's h1 and the box's h2), the
  words the program generates in the report's language, are in the PDF's
  text (pdftotext, without -bbox, which puts the words of a right-to-left
  line in their reading order), compared after NFKC without whitespace and
  bidi controls.

Both texts are compared as tokens: runs of letters and digits, and each
other character that is not a space alone, after Unicode NFKC (pdftotext
reads shaped Arabic as presentation forms, which NFKC maps back to
letters). What legitimately differs is then left out:

- "-" and "_": the plain text draws rules with them (the footnote rule, the
  summary box's rule, a table's header rule), which the PDF draws as lines;
  and the PDF may break a line after a word's hyphen;
- "(", ")", "<" and ">": the plain text writes a link's address after its
  text in parentheses, print in angle brackets;
- the bidi controls: the plain text isolates numbers and symbols in
  right-to-left text (U+2066..U+2069), which the PDF lays out instead;
- the plain text's "(#anchor)" after a link within the report, which print
  does not show (the link stays a link in the PDF);
- report.txt's footnote marks "[1]" read as "1", as the PDF's superscripts
  do;
- the HTML's visually hidden headings (the "Footnotes" heading, a missing
  title's stand-in), which print clips to nothing but leaves in the PDF's
  text, for a screen reader, as the HTML does;
- a table's header row, each time the PDF repeats it at the top of a page
  the table runs onto (counted, and printed);
- words in Arabic script: WeasyPrint 57 draws them right (the layout check's
  page images show it) but maps each shaped glyph to one text in the PDF's
  ToUnicode table, so that pdftotext reads another word of the same table
  in their place ("الذكاء الاصطناعي" twice, no "التوأم الرقمي").

WeasyPrint's PDF of a report in a right-to-left language (--lang ar,
without --chromium) cannot be read back at all: in a right-to-left line,
WeasyPrint 57 maps glyphs to the text of their neighbours, so that the
PDF's text lacks letters and digits met there first, Latin ones included
("WG-OP" for "CWG-COP", "- -" for "- 5 -"; pdftotext warns of illegal
ToUnicode entries). Of such a PDF, only its pages are checked: at least 2,
no header on page 1, a header on every later page; Chromium's PDF of the
same report (pdf.sh) has every check.

Exits 0 when both hold, 1 with the differences otherwise.
"""

import collections
import html
import re
import subprocess
import sys
import unicodedata

# The top margin of the pages (html.css: @page margin-top 2.5cm), in points;
# the header sits in it, the text below it.
TOP_MARGIN_PT = 2.5 / 2.54 * 72

WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
PAGE = re.compile(r'<page width="[\d.]+" height="[\d.]+">(.*?)</page>', re.S)
TOKEN = re.compile(r'\w+|[^\w\s]')
ARABIC = re.compile(r'[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]')
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
RIGHT_TO_LEFT = {"ar"}
DROPPED = {'-', '_', '(', ')', '<', '>'}


def pages_of(bbox_html):
    pages = []
    for page in PAGE.findall(bbox_html):
        words = [(float(m[1]), float(m[0]), float(m[3]), html.unescape(m[4]))
                 for m in WORD.findall(page)]
        pages.append(words)
    return pages


def symbol_of(report_html):
    m = re.search(r'<p class="cover-symbol">.*?<span class="value">(.*?)</span>', report_html)
    return html.unescape(m.group(1)).strip() if m else ""


def rows(page):
    """The words of a page's body, row by row (tops within 1.5 pt), each row
    left to right, so that a paragraph's words follow each other. Footnote
    calls, numbers a quarter smaller than the text and raised, would make
    rows of their own between two lines: they are left out."""
    heights = sorted(yb - y for y, x, yb, w in page)
    usual = heights[len(heights) // 2] if heights else 0
    out, row, top = [], [], None
    for y, x, ybottom, w in sorted(page):
        if ybottom <= TOP_MARGIN_PT or (w.isdigit() and ybottom - y < 0.85 * usual):
            continue
        if top is not None and y - top > 1.5:
            out.extend(w for x, w in sorted(row))
            row = []
        if not row:
            top = y
        row.append((x, w))
    out.extend(w for x, w in sorted(row))
    return out


def last_text_row(page):
    """The last row of the page's body in the text's size (footnotes are
    smaller), its words joined without whitespace, or ""."""
    heights = sorted(yb - y for y, x, yb, w in page)
    usual = heights[len(heights) // 2] if heights else 0
    text = [(y, x, w) for y, x, yb, w in page
            if yb > TOP_MARGIN_PT and yb - y >= 0.95 * usual]
    if not text:
        return ""
    bottom = max(y for y, x, w in text)
    return "".join(w for y, x, w in sorted(text, key=lambda t: t[1]) if bottom - y <= 1.5)


def headings_of(report_html):
    """The texts that print keeps with what follows, without whitespace."""
    found = re.findall(r"<(h1|h2|caption)[^>]*>(.*?)</\1>|<p class=\"source\">(.*?)</p>",
                       report_html, re.S)
    texts = [html.unescape(re.sub(r"<[^>]*>", " ", a or b)) for _, a, b in found]
    return [re.sub(r"\s+", "", t) for t in texts if t.strip()]


def page_of(page_tokens, seq):
    """The first page (from 1) whose tokens hold `seq` in a row, or None."""
    for number, toks in enumerate(page_tokens, 1):
        for i in range(len(toks) - len(seq) + 1):
            if seq and toks[i:i + len(seq)] == seq:
                return number
    return None


def generated_words(report_html):
    """The title and the box's headings of report.html, without whitespace."""
    found = re.findall(r"<h1>(.*?)</h1>", report_html, re.S)
    box = re.search(r'<section class="summary-box".*?</section>', report_html, re.S)
    if box:
        found += re.findall(r"<h2[^>]*>(.*?)</h2>", box.group(0), re.S)
    texts = [html.unescape(re.sub(r"<[^>]*>", "", t)) for t in found]
    return [re.sub(r"\s+", "", unicodedata.normalize("NFKC", t)) for t in texts if t.strip()]


def tokens(text):
    text = BIDI_CONTROLS.sub("", unicodedata.normalize("NFKC", text))
    return [t for t in TOKEN.findall(text) if t not in DROPPED and t.strip('_')]


def unreadable(name, pages):
    """The checks of a PDF whose text cannot be read back (see above)."""
    failures = []
    if len(pages) < 2:
        failures.append(f"{len(pages)} page(s): the header cannot be checked on page 2")
    for number, page in enumerate(pages, 1):
        header = [w for y, x, ybottom, w in page if ybottom <= TOP_MARGIN_PT]
        if number == 1 and header:
            failures.append(f"page 1 has a header: {' '.join(header)!r}")
        if number > 1 and not header:
            failures.append(f"page {number} has no header")
    for f in failures:
        print(f"pdf: FAIL: {name}: {f}", file=sys.stderr)
    if failures:
        return 1
    print(f"pdf: {name}: {len(pages)} pages, a header on pages 2-{len(pages)}; the words of"
          " WeasyPrint's right-to-left PDF cannot be read back (its ToUnicode maps), so are"
          " checked in Chromium's")
    return 0


def main():
    args = sys.argv[1:]
    chromium = "--chromium" in args
    args = [a for a in args if a != "--chromium"]
    lang = "en"
    if "--lang" in args and args.index("--lang") + 1 < len(args):
        at = args.index("--lang")
        lang = args[at + 1]
        del args[at:at + 2]
    if len(args) != 2:
        print("usage: pdf_check.py [--chromium] [--lang LANG] NAME FOLDER", file=sys.stderr)
        return 2
    name, folder = args
    with open(f"{folder}/report.bbox.html", encoding="utf-8") as f:
        pages = pages_of(f.read())
    with open(f"{folder}/report.txt", encoding="utf-8") as f:
        txt = f.read()
    with open(f"{folder}/report.html", encoding="utf-8") as f:
        report_html = f.read()
    symbol = "" if chromium else symbol_of(report_html)
    if not chromium and lang in RIGHT_TO_LEFT:
        return unreadable(name, pages)

    failures = []
    if len(pages) < 2:
        failures.append(f"{len(pages)} page(s): the header cannot be checked on page 2")
    body = []
    page_tokens = []
    for number, page in enumerate(pages, 1):
        page.sort()
        header = " ".join(w for y, x, ybottom, w in page if ybottom <= TOP_MARGIN_PT)
        expected = "" if number == 1 else f"- {number} -" + (f" {symbol}" if symbol else "")
        if header != expected:
            failures.append(f"page {number}: header {header!r}, expected {expected!r}")
        body.extend(w for y, x, ybottom, w in page if ybottom > TOP_MARGIN_PT)
        page_tokens.append(tokens(" ".join(w for w in rows(page) if w)))

    headings = headings_of(report_html)
    # The lines of a table of contents repeat the headings' text, and a page
    # may end among them: a page that ends inside them is not checked.
    squeeze = lambda t: re.sub(r"\s+", "", t)
    nav = re.search(r'<nav class="contents".*?</nav>', report_html, re.S)
    toc = "".join(squeeze(html.unescape(re.sub(r"<[^>]*>", " ", li)))
                  for li in re.findall(r"<li>(.*?)</li>", nav.group(0), re.S)) if nav else ""
    ends, doc = [], ""
    for page in pages:
        doc += squeeze("".join(w for w in rows(page) if w))
        ends.append(len(doc))
    toc_at = doc.find(toc) if toc else -1
    for number, page in enumerate(pages[:-1], 1):
        if toc_at >= 0 and toc_at < ends[number - 1] <= toc_at + len(toc):
            continue
        last = last_text_row(page)
        for h in headings:
            if last and h.startswith(last):
                failures.append(f"page {number} ends with the heading {h!r}")

    footnotes = 0
    if not chromium:
        for number, text in re.findall(r"^\[(\d+)\] (.*)$", txt, re.M):
            mark = f"[{number}]"
            line = next((l for l in txt.splitlines()
                         if mark in l and not l.startswith(mark)), None)
            if line is None:
                failures.append(f"footnote {number}: no mark in report.txt")
                continue
            before = tokens(re.sub(r"\[\d+\]", " ", line[:line.index(mark)]))[-3:]
            mark_page = page_of(page_tokens, before)
            text_page = page_of(page_tokens, tokens(text)[:6])
            footnotes += 1
            if mark_page is None or mark_page != text_page:
                failures.append(f"footnote {number}: marked on page {mark_page} after "
                                f"{' '.join(before)!r}, set on page {text_page}")

    txt = re.sub(r"\(#[^()\s]*\)", " ", txt)
    txt = re.sub(r"\[(\d+)\]", r" \1 ", txt)
    txt_words = [t for t in tokens(txt) if not ARABIC.search(t)]
    pdf_words = collections.Counter(t for t in tokens(" ".join(body)) if not ARABIC.search(t))
    hidden = re.findall(r'class="visually-hidden">([^<]*)<', report_html)
    pdf_words -= collections.Counter(tokens(html.unescape(" ".join(hidden))))
    repeated = 0
    for head in re.findall(r"<thead>(.*?)</thead>", report_html, re.S):
        row = collections.Counter(tokens(html.unescape(re.sub(r"<[^>]*>", " ", head))))
        while row and not row - (pdf_words - collections.Counter(txt_words)):
            pdf_words -= row
            repeated += 1
    missing = collections.Counter(txt_words) - pdf_words
    extra = pdf_words - collections.Counter(txt_words)
    if missing or extra:
        failures.append("the words differ from report.txt: "
                        f"missing from the PDF {dict(missing)}, only in the PDF {dict(extra)}")

    generated = [] if lang == "en" else generated_words(report_html)
    if lang != "en" and not generated:
        failures.append("report.html has no title and no box heading to look for")
    if generated:
        read = subprocess.run(["pdftotext", "-enc", "UTF-8", f"{folder}/report.pdf", "-"],
                              capture_output=True, check=True).stdout.decode("utf-8")
        read = re.sub(r"\s+", "", BIDI_CONTROLS.sub("", unicodedata.normalize("NFKC", read)))
        for words in generated:
            if words not in read:
                failures.append(f"pdftotext does not read the generated words {words!r}")

    for f in failures:
        print(f"pdf: FAIL: {name}: {f}", file=sys.stderr)
    if failures:
        return 1
    print(f"pdf: {name}: {len(pages)} pages, header on pages 2-{len(pages)}"
          f" ({symbol or 'no symbol'}), {len(txt_words)} tokens as in report.txt,"
          f" no page ending with one of {len(headings)} headings,"
          f" {repeated} table header row(s) repeated,"
          f" {footnotes if not chromium else 'no'} footnote(s) on the page of their mark"
          + (f", the title and box headings in {lang!r} read: {' | '.join(generated)}"
             if generated else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
