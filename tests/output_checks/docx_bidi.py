#!/usr/bin/env python3
"""Checks that a right-to-left report's DOCX says so, and that a reader reads
its generated words.

usage: docx_bidi.py DOCX REPORT_HTML READER_TXT NAME

Requires of DOCX (a report in a right-to-left language):
  - every paragraph of word/document.xml is right to left: its own w:pPr has
    w:bidi, or its style, a style that style is based on or the document's
    default paragraph properties (word/styles.xml) have it, and none of
    those on the way sets w:bidi w:val="0" (or "false", "off");
  - every run whose text (w:t, or w:delText in a tracked deletion) has a
    right-to-left letter (Unicode bidi class R or AL) has w:rtl in its
    w:rPr;
  - the document's default run language (w:lang) has a w:bidi language;
  - every table (the box, the cover, the signatures, a paragraph's table)
    runs right to left: w:bidiVisual in its w:tblPr.
Of READER_TXT, the text a reader (LibreOffice) made of DOCX ("-": none, the
document's properties alone are checked): it holds the
report's title and the headings of the box under it, as REPORT_HTML (the
same report's HTML) has them: the generated words of the report's language.
Compared after Unicode NFKC, without the bidi controls (the plain text's
isolates) and with whitespace squeezed.

Exits 0 when all hold, 1 with what does not otherwise.
"""

import html
import re
import sys
import unicodedata
import zipfile
import xml.etree.ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CONTROLS = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
OFF = {"0", "false", "off"}


def on(el):
    """The value of a w:bidi-like toggle element: None when absent."""
    if el is None:
        return None
    return el.get(W + "val", "1") not in OFF


def rtl_letter(text):
    """Whether `text` has a right-to-left letter (bidi class R or AL), as the
    renderer decides which runs to mark."""
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def squeeze(text):
    text = CONTROLS.sub("", unicodedata.normalize("NFKC", text))
    return re.sub(r"\s+", " ", text).strip()


def main():
    if len(sys.argv) != 5:
        print("usage: docx_bidi.py DOCX REPORT_HTML READER_TXT NAME", file=sys.stderr)
        return 2
    docx, report_html, reader_txt, name = sys.argv[1:]
    with zipfile.ZipFile(docx) as z:
        document = ET.fromstring(z.read("word/document.xml"))
        styles = ET.fromstring(z.read("word/styles.xml"))

    failures = []
    default = on(styles.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr/{W}bidi"))
    lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    if lang is None or not lang.get(W + "bidi"):
        failures.append("the default run properties name no right-to-left language (w:lang w:bidi)")
    by_id = {s.get(W + "styleId"): s for s in styles.iter(W + "style")}
    default_style = next((s.get(W + "styleId") for s in styles.iter(W + "style")
                          if s.get(W + "type") == "paragraph"
                          and s.get(W + "default") in ("1", "true", "on")), None)

    def style_bidi(style_id, depth=0):
        style = by_id.get(style_id)
        if style is None or depth > 20:
            return default
        value = on(style.find(f"{W}pPr/{W}bidi"))
        if value is not None:
            return value
        based = style.find(W + "basedOn")
        return style_bidi(based.get(W + "val"), depth + 1) if based is not None else default

    paragraphs = wrong_paragraphs = runs = wrong_runs = 0
    shown = []
    for p in document.iter(W + "p"):
        paragraphs += 1
        own = on(p.find(f"{W}pPr/{W}bidi"))
        if own is None:
            style = p.find(f"{W}pPr/{W}pStyle")
            own = style_bidi(style.get(W + "val") if style is not None else default_style)
        text = "".join(t.text or "" for t in p.iter(W + "t"))
        if not own:
            wrong_paragraphs += 1
            if len(shown) < 5:
                shown.append(f"paragraph not right to left: {text[:60]!r}")
        for r in p.iter(W + "r"):
            texts = (t for t in r.iter() if t.tag in (W + "t", W + "delText"))
            rtext = "".join(t.text or "" for t in texts)
            if not rtl_letter(rtext):
                continue
            runs += 1
            if not on(r.find(f"{W}rPr/{W}rtl")):
                wrong_runs += 1
                if len(shown) < 10:
                    shown.append(f"run of right-to-left text without w:rtl: {rtext[:60]!r}")
    tables = list(document.iter(W + "tbl"))
    mirrored = sum(1 for t in tables if on(t.find(f"{W}tblPr/{W}bidiVisual")))
    if not tables:
        failures.append("no table (the summary box is one)")
    elif mirrored != len(tables):
        failures.append(f"{len(tables) - mirrored} of {len(tables)} tables are not right to left "
                        "(w:bidiVisual)")
    if wrong_paragraphs:
        failures.append(f"{wrong_paragraphs} of {paragraphs} paragraphs are not right to left (w:bidi)")
    if runs == 0:
        failures.append("no run has right-to-left text")
    if wrong_runs:
        failures.append(f"{wrong_runs} of {runs} runs of right-to-left text lack w:rtl")

    with open(report_html, encoding="utf-8") as f:
        page = f.read()
    wanted = re.findall(r"<h1>(.*?)</h1>", page, re.S)
    box = re.search(r'<section class="summary-box".*?</section>', page, re.S)
    if box:
        wanted += re.findall(r"<h2[^>]*>(.*?)</h2>", box.group(0), re.S)
    wanted = [squeeze(html.unescape(re.sub(r"<[^>]*>", "", w))) for w in wanted]
    wanted = [w for w in wanted if w]
    if reader_txt != "-":
        with open(reader_txt, encoding="utf-8-sig") as f:
            read = squeeze(f.read())
        if not wanted:
            failures.append("report.html has no title and no box heading to look for")
        for w in wanted:
            if w not in read and w.casefold() not in read.casefold():
                failures.append(f"the reader's text lacks {w!r}")

    for s in shown:
        print(f"docx: {name}: {s}", file=sys.stderr)
    for f in failures:
        print(f"docx checks: FAIL: {name}: {f}", file=sys.stderr)
    if failures:
        return 1
    read_back = ("" if reader_txt == "-" else "; the reader's text has the title and the box's"
                 f" {len(wanted) - 1} headings: {' | '.join(wanted)}")
    print(f"docx: {name}: {paragraphs} paragraphs right to left (w:bidi), {runs} runs of"
          f" right-to-left text with w:rtl{read_back}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
