#!/usr/bin/env python3
"""Checks that another program's text of a report has the words of report.txt.

usage: same_words.py REPORT_TXT OTHER_TXT LABEL [--no-footnotes] [--words-in PDF_TXT]

Both texts are cut into words and compared as sequences. Only what the
formats legitimately print differently is normalized away:
  - whitespace: TABs, line ends, U+00A0 and runs of spaces all separate words
    (a DOCX lays out with tab stops and wraps; report.txt uses TABs), and a
    byte order mark is dropped, and so are the bidi controls (report.txt
    isolates numbers and symbols in right-to-left text, a DOCX marks runs);
  - tokens with no letter and no digit: list bullets ("·" in report.txt, "•"
    or "-" in a reader's text), the rules above the references and the
    footnotes, table borders and grid lines, "[...]";
  - link addresses: report.txt prints "text (address)" where a DOCX keeps the
    address inside the link, so a parenthesized http:, https:, mailto: or "#"
    address after a word is dropped;
  - footnote marks: "[1]" in report.txt, "1", "[1]" or a superscript "¹" in
    a reader's text: square brackets around a number are dropped and
    superscript digits read as digits;
  - list markers: "a)" in report.txt, "a." in pandoc's text: the ")" or "."
    after a marker-like token (one or two letters, a roman number, up to
    three digits) is dropped;
  - pandoc's "~~" around struck-out text;
  - case: a title set in capitals by its style may come back either way.
With --no-footnotes the footnote texts after the last rule of report.txt are
left out of the comparison (LibreOffice's text export drops them), and with
--words-in each of them must then appear, word for word in order, in the
text of the PDF that LibreOffice made, where they stand at page bottoms.

Exits 0 when the words are the same, 1 (printing where they part) when not.
"""
import difflib
import re
import sys

BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
ADDRESS = re.compile(r"\s\((?:https?:|mailto:|#)[^()\s]*\)")
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
MARKER = re.compile(r"^([a-z]{1,2}|[ivxlcdm]{1,6}|\d{1,3})[.)]$")
FOOTNOTE_MARK = re.compile(r"\[(\d+)\]")
WORDISH = re.compile(r"[^\W_]", re.UNICODE)


def words(text):
    text = BIDI_CONTROLS.sub("", text.replace("\ufeff", ""))
    text = ADDRESS.sub("", text)
    text = FOOTNOTE_MARK.sub(r"\1", text)
    text = text.translate(SUPERSCRIPTS).replace("~~", "")
    out = []
    for token in text.split():
        if WORDISH.search(token):
            token = token.casefold()
            out.append(MARKER.sub(r"\1", token))
    return out


def split_footnotes(reference):
    """report.txt without its footnotes, and the texts of the footnotes."""
    lines = reference.split("\n")
    rules = [i for i, line in enumerate(lines) if line.strip() == "____________"]
    if not rules or not any(re.match(r"\[\d+\] ", l) for l in lines[rules[-1] + 1 :]):
        return reference, []
    notes = [re.sub(r"^\[\d+\] ", "", l) for l in lines[rules[-1] + 1 :] if l.strip()]
    return "\n".join(lines[: rules[-1]]), notes


def contains(haystack, needle):
    if not needle:
        return True
    for i in range(len(haystack) - len(needle) + 1):
        if haystack[i : i + len(needle)] == needle:
            return True
    return False


def main(argv):
    if len(argv) < 4:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    reference_path, other_path, label = argv[1:4]
    options = argv[4:]
    with open(reference_path, encoding="utf-8") as f:
        reference = f.read()
    with open(other_path, encoding="utf-8") as f:
        other = f.read()

    notes = []
    if "--no-footnotes" in options:
        reference, notes = split_footnotes(reference)
    a, b = words(reference), words(other)
    failed = False
    if a != b:
        failed = True
        print(f"same_words: {label}: the words differ from report.txt "
              f"({len(a)} words there, {len(b)} here):", file=sys.stderr)
        shown = 0
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                continue
            context = " ".join(a[max(0, i1 - 5) : i1])
            print(f"  after '...{context}': report.txt has {a[i1:i2][:15]}, "
                  f"{label} has {b[j1:j2][:15]}", file=sys.stderr)
            shown += 1
            if shown == 10:
                break
    if "--words-in" in options and notes:
        with open(options[options.index("--words-in") + 1], encoding="utf-8") as f:
            pdf = words(f.read())
        for note in notes:
            if not contains(pdf, words(note)):
                failed = True
                print(f"same_words: {label}: footnote not found: {note[:80]}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
