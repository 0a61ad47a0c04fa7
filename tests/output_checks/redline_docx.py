#!/usr/bin/env python3
"""Checks a DOCX redline against the two versions' own DOCX.

usage: redline_docx.py [--cell-numbers] REDLINE.docx OLD.docx NEW.docx

Accepting every tracked change (the text of w:del dropped) must leave the
text of NEW, and rejecting every one (w:ins dropped, w:delText read as text)
the text of OLD, in document.xml and footnotes.xml alike: the same words,
and each paragraph with the same characters, spaces included (a space left
before the words of a change shows only there). Paragraph numbers
are left out, and with --cell-numbers the number that starts a table's first
cell (a summary record's table of subjects, "4 Other business"): a redline
keeps the new version's numbers, renumbering is not a change it tracks.
Every w:ins and w:del must carry w:author and w:date, and none may be
inside another.
Exits 0 when both hold, 1 otherwise.
"""
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NUMBER = re.compile(r"^\s*[A-Z]?[0-9]+(\.[0-9]+)*\.?\s*\t")
CELL_NUMBER = re.compile(r"^\s*[A-Z]?[0-9]+(\.[0-9]+)*\.?[\t ]")


def paragraphs(docx, part, keep, cell_numbers=False):
    """The text of each paragraph of `part` that has any once its number is
    left out, `keep` saying which of ins and del stay."""
    with zipfile.ZipFile(docx) as z:
        if part not in z.namelist():
            return []
        root = ET.fromstring(z.read(part))
    out = []
    first_cells = [tr.find(W + "tc") for tr in root.iter(W + "tr")] if cell_numbers else []
    in_cell = {id(p) for tc in first_cells if tc is not None for p in tc.iter(W + "p")}
    for p in root.iter(W + "p"):
        text = []

        def walk(node, dropped):
            for child in node:
                tag = child.tag
                if tag in (W + "ins", W + "del"):
                    walk(child, dropped or tag[len(W):] not in keep)
                elif tag == W + "p":
                    continue  # its own paragraph
                elif tag in (W + "pPr", W + "rPr"):
                    continue  # properties: a w:tab there is a tab stop
                elif tag in (W + "t", W + "delText"):
                    if not dropped:
                        text.append(child.text or "")
                elif tag == W + "tab":
                    if not dropped:
                        text.append("\t")
                else:
                    walk(child, dropped)

        walk(p, False)
        line = (CELL_NUMBER if id(p) in in_cell else NUMBER).sub("", "".join(text))
        if line:
            out.append(line)
    return out


def first_difference(got, want):
    return next((k for k, (a, b) in enumerate(zip(got, want)) if a != b),
                min(len(got), len(want)))


def attributes_ok(docx):
    """The tracked changes, and those without an author or a date or inside
    another (which Word's schema does not allow)."""
    with zipfile.ZipFile(docx) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    tracked = (W + "ins", W + "del")
    marks = [e for e in root.iter() if e.tag in tracked]
    bad = [e for e in marks if not e.get(W + "author") or not e.get(W + "date")]
    for outer in marks:
        bad.extend(e for e in outer.iter() if e is not outer and e.tag in tracked)
    return len(marks), len(bad)


def main():
    args = sys.argv[1:]
    cell_numbers = bool(args) and args[0] == "--cell-numbers"
    if cell_numbers:
        args = args[1:]
    if len(args) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    redline, old, new = args
    ok = True
    for part in ("word/document.xml", "word/footnotes.xml"):
        for name, keep, version in (("accepting", {"ins"}, new), ("rejecting", {"del"}, old)):
            got = paragraphs(redline, part, keep, cell_numbers)
            want = paragraphs(version, part, set(), cell_numbers)
            got_words = [w for line in got for w in line.split()]
            want_words = [w for line in want for w in line.split()]
            if got_words != want_words:
                i = first_difference(got_words, want_words)
                print(f"redline_docx: {name} every change in {part} does not give "
                      f"{version}: at word {i}, {got_words[i:i + 8]} instead of "
                      f"{want_words[i:i + 8]}",
                      file=sys.stderr)
                ok = False
            elif got != want:
                i = first_difference(got, want)
                print(f"redline_docx: {name} every change in {part} does not give "
                      f"{version}: the same words, but paragraph {i} is "
                      f"{got[i:i + 1]!r} instead of {want[i:i + 1]!r}",
                      file=sys.stderr)
                ok = False
    count, bad = attributes_ok(redline)
    if count == 0 or bad:
        print(f"redline_docx: {count} tracked changes, {bad} without author or date, "
              "or inside another",
              file=sys.stderr)
        ok = False
    if ok:
        print(f"redline_docx: {count} tracked changes; accepting them gives the new "
              "version, rejecting them the old one")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
