#!/usr/bin/env python3
"""Hostile and broken meeting folders, each built under a time and memory limit.

    pathological_tests.py --program PATH/TO/cwgreport [-k SUBSTRING] [--keep] [--list]

In the manner of cmark's test/pathological_tests.py: every case writes a meeting
folder into a scratch directory, runs `cwgreport build` on it with a limit of
CPU time (2 s unless the case says why it needs more) and of address space
(1 GiB), and checks the exit status and the diagnostic codes reported. The
limits are on CPU time rather than on the clock so that they hold on a machine
busy with other work; a clock limit of 60 s remains only against a hang, which
uses no CPU. A case
that must build checks its outputs instead: no script element, event-handler
attribute or javascript:/vbscript:/data: link in report.html, none either in
report.md once rendered by cmark-gfm with raw HTML allowed, no control
character in report.txt. A build that fails must leave no output file behind.

Prints one line per case with its wall-clock and CPU time, then the most CPU
time a case held to the default limit took, and finally "N passed, N failed";
exits 1 if any case failed. Cases marked with a known bug in a file
this suite does not cover are reported as "xfail" and counted apart until the
bug is fixed.

Environment: CWG_PATHOLOGICAL_TIME_SCALE multiplies every time limit (for a
slower machine; a loaded one needs nothing); with ASAN_OPTIONS set (a
sanitizer build) the CPU limits are multiplied by 10 and no address-space limit
is set, which ASan's shadow memory cannot live with.
"""

import argparse
import ctypes
import ctypes.util
import html.parser
import json
import math
import os
import pathlib
import re
import resource
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time

MEMORY_LIMIT = 1 << 30  # bytes of address space
DEFAULT_CPU = 2.0  # seconds of CPU time, all threads together
# Seconds on the clock, only against a hang (a blocked read uses no CPU): far
# more than any case needs however busy the machine, so never a false failure.
BACKSTOP = 60.0

# ---------------------------------------------------------------------------
# Writing YAML


def q(s: str) -> str:
    """A YAML double-quoted scalar holding exactly `s`."""
    out = ['"']
    for ch in s:
        cp = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif cp < 0x20 or cp == 0x7F or 0x80 <= cp <= 0x9F or cp in (0x2028, 0x2029, 0xFEFF):
            out.append("\\u%04x" % cp)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def emit(value, indent=0) -> str:
    """Block-style YAML for dicts, lists, strings, numbers and booleans."""
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return pad + "{}\n"
        lines = []
        for k, v in value.items():
            if isinstance(v, (dict, list)) and v:
                lines.append("%s%s:\n%s" % (pad, k, emit(v, indent + 2)))
            else:
                lines.append("%s%s: %s\n" % (pad, k, scalar(v)))
        return "".join(lines)
    if isinstance(value, list):
        if not value:
            return pad + "[]\n"
        lines = []
        for v in value:
            if isinstance(v, (dict, list)) and v:
                body = emit(v, indent + 2)
                lines.append(pad + "- " + body[indent + 2:])
            else:
                lines.append("%s- %s\n" % (pad, scalar(v)))
        return "".join(lines)
    return pad + scalar(value) + "\n"


class Plain(str):
    """A scalar written without quotes: numbers, dates, ids, keys."""


def scalar(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, Plain):
        return str(v)
    if isinstance(v, dict):
        return "{}"
    if isinstance(v, list):
        return "[]"
    return q(v)


# ---------------------------------------------------------------------------
# A full meeting: every kind of field the format has


def meeting(t=lambda field, default: default):
    """The files of a valid meeting using every part of the format. `t(field,
    default)` gives the text of each free-text field: the cases replace it."""
    report = {
        "group": {"name": t("group.name", "Council Working Group on Testing"),
                  "acronym": t("group.acronym", "CWG-T"),
                  "parent": t("group.parent", "Council")},
        "cover": {"session": t("cover.session", "Council 2024"),
                  "place": t("cover.place", "Geneva"),
                  "dates": t("cover.dates", "9-19 June 2024"),
                  "agenda_item": t("cover.agenda_item", "PL 1.5"),
                  "symbol": t("cover.symbol", "C24/57"),
                  "revision": 1, "language": Plain("E"), "date": Plain("2024-05-12"),
                  "original": t("cover.original", "English"),
                  "source": t("cover.source", "Report by the Chair")},
        "meetings": [{"number": 3, "date": Plain("2024-05-06"),
                      "venue": t("meeting.venue", "Geneva"), "participants": 40,
                      "mode": Plain("hybrid"), "chair": Plain("chair")}],
        "people": [{"id": Plain("chair"), "name": t("person.name", "Ada Lovelace"),
                    "honorific": t("person.honorific", "Ms"),
                    "country": t("person.country", "UK"), "role": Plain("chair")}],
        "summary": t("summary", "This report summarizes the {meeting:3} meeting."),
        "action": t("action", "The Council is invited to take note of the report."),
        "references": [{"id": Plain("res1"), "text": t("reference.text", "Resolution 1")}],
        "sections": [Plain("sections/intro.yaml"), Plain("sections/docs.yaml")],
        "annexes": [Plain("sections/annex.yaml")],
        "signature": {"person": Plain("chair"), "role": t("signature.role", "Chair, CWG-T")},
    }
    documents = {
        "entities": [{"id": Plain("uk"), "name": t("entity.name", "United Kingdom"),
                      "short": t("entity.short", "UK")}],
        "documents": [
            {"number": 1, "title": t("document.title", "Agenda"), "kind": Plain("agenda")},
            {"number": 2, "revision": 1, "title": t("document.title2", "Contribution"),
             "kind": Plain("contribution"), "source": [Plain("uk")]},
            {"number": 12, "series": t("document.series", "C18/"),
             "title": t("document.title3", "A Council document"), "kind": Plain("other")},
        ],
    }
    intro = {
        "label": Plain("intro"),
        "heading": t("section.heading", "Introduction"),
        "paragraphs": [
            {"label": Plain("opening"),
             "text": t("paragraph.text", "The meeting opened with {doc:3/1}, see {para:uk}, "
                       "{ref:res1}, {entity:uk} and {person:chair}."),
             "footnotes": [{"id": Plain("n1"), "text": t("footnote.text", "A footnote.")}]},
            {"text": t("paragraph.quote_intro", "The resolution reads:") + "{note:n1}",
             "quote": {"source": t("quote.source", "Resolution 1"),
                       "paragraphs": [{"number": t("quote.number", "1"),
                                       "text": t("quote.text", "to continue;")},
                                      {"elision": True},
                                      t("quote.plain", "to report.")]}},
            {"text": t("paragraph.table_intro", "The subjects:"),
             "table": {"caption": t("table.caption", "Subjects"),
                       "columns": [t("table.column", "Subject"), "Documents"],
                       "rows": [[t("table.cell", "Opening"), "{doc:3/1}"]]}},
            {"text": t("paragraph.list_intro", "The group agreed:"),
             "list": {"style": Plain("alpha"),
                      "items": [t("list.item", "to meet again;"),
                                {"label": Plain("item-b"), "text": t("list.item2", "to report"),
                                 "list": [t("list.nested", "to the Council.")]}]}},
        ],
    }
    docs = {
        "heading": t("section.heading2", "Documents"),
        "paragraphs": [
            {"label": Plain("uk"), "presents": Plain("3/2R1"),
             "text": t("paragraph.text2", "The United Kingdom presented {doc:3/2R1|full}."),
             "documents": {"kind": Plain("contribution")}},
            {"text": t("paragraph.text3", "Also considered:"),
             "documents": {"kind": [Plain("agenda"), Plain("other")]}},
        ],
    }
    annex = {"label": Plain("annex"), "heading": t("annex.heading", "Participants"),
             "paragraphs": [t("annex.text", "Forty participants took part.")]}
    return {
        "report.yaml": emit(report),
        "documents.yaml": emit(documents),
        "sections/intro.yaml": emit(intro),
        "sections/docs.yaml": emit(docs),
        "sections/annex.yaml": emit(annex),
    }


def write_meeting(d: pathlib.Path, files):
    for rel, text in files.items():
        p = d / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            p.write_bytes(text)
        else:
            p.write_text(text, encoding="utf-8")


def with_text(field, text, **extra):
    """A builder: the full meeting with one field's text replaced."""
    def build(d):
        files = meeting(lambda f, default: text if f == field else default)
        files.update(extra)
        write_meeting(d, files)
    return build


def with_file(rel, text):
    """A builder: the full meeting with one file replaced."""
    def build(d):
        files = meeting()
        files[rel] = text
        write_meeting(d, files)
    return build


def section(paragraphs, heading="Introduction"):
    return emit({"label": Plain("intro"), "heading": heading, "paragraphs": paragraphs})


# ---------------------------------------------------------------------------
# Checking outputs

UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "background", "poster"}
ACTIVE_TAGS = {"script", "iframe", "object", "embed", "base", "frame", "frameset", "applet"}


class HtmlAudit(html.parser.HTMLParser):
    """Collects what in an HTML document could run script."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag in ACTIVE_TAGS:
            self.problems.append("<%s> element" % tag)
        if tag == "meta" and any(n == "http-equiv" and (v or "").lower() == "refresh"
                                 for n, v in attrs):
            self.problems.append("meta refresh")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append("attribute %s on <%s>" % (name, tag))
            squeezed = re.sub(r"[\x00-\x20\x7f]", "", value).lower()
            if name in URL_ATTRS and squeezed.startswith(UNSAFE_SCHEMES):
                self.problems.append("%s=%r on <%s>" % (name, value[:40], tag))
            if name == "style" and ("javascript:" in squeezed or "expression(" in squeezed):
                self.problems.append("style=%r on <%s>" % (value[:40], tag))

    handle_startendtag = handle_starttag


def html_problems(text: str):
    audit = HtmlAudit()
    audit.feed(text)
    audit.close()
    return audit.problems


CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")


def output_problems(out: pathlib.Path):
    """What is wrong with the three outputs of a successful build."""
    problems = []
    for name in ("report.html", "report.md", "report.txt"):
        if not (out / name).is_file():
            problems.append("%s missing" % name)
    if problems:
        return problems
    html_text = (out / "report.html").read_text(encoding="utf-8")
    problems += ["report.html: " + p for p in html_problems(html_text)]
    md = (out / "report.md").read_text(encoding="utf-8")
    cmark = shutil.which("cmark-gfm")
    if cmark:
        # Rendered with raw HTML passed through, as a careless Markdown
        # renderer would: any markup in report.md then shows.
        rendered = subprocess.run(
            [cmark, "--unsafe", "-e", "table", "-e", "strikethrough"], input=md.encode(),
            capture_output=True, timeout=60, check=False).stdout.decode("utf-8", "replace")
        problems += ["report.md: " + p for p in html_problems(rendered)]
    elif re.search(r"(?<!\\)<(script|img|svg|iframe)", md, re.I):
        problems.append("report.md: raw HTML")
    txt = (out / "report.txt").read_text(encoding="utf-8")
    m = CONTROL.search(txt)
    if m:
        problems.append("report.txt: control character U+%04X" % ord(m.group()))
    return problems


# ---------------------------------------------------------------------------
# The cases


class Case:
    def __init__(self, name, build, exit=1, codes=(), args=(), cpu=DEFAULT_CPU,
                 why_slow=None, known_bug=None, check=None, known_md_bug=None, only=False,
                 file_size=None):
        self.name = name
        self.build = build
        self.exit = exit
        self.codes = set(codes)
        # With only=True the codes reported must be exactly `codes`, not merely
        # include them: the case shows that nothing else is said.
        self.only = only
        self.args = list(args)
        self.cpu = cpu  # seconds of CPU time
        self.file_size = file_size  # bytes a file written may hold (RLIMIT_FSIZE)
        # A case allowed more than the default time says why.
        assert cpu == DEFAULT_CPU or why_slow, name
        self.known_bug = known_bug
        self.check = check
        # A known bug that shows only in report.md: its problems make the
        # case an xfail, the other outputs are still held to every check.
        self.known_md_bug = known_md_bug


CASES = []


def case(*args, **kwargs):
    CASES.append(Case(*args, **kwargs))


def nested_keys(depth):
    return "".join("  " * i + "a:\n" for i in range(depth)) + "  " * depth + "a: b\n"


def billion_laughs():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    prev = "a"
    for name in "bcdefghi":
        lines.append("%s: &%s [%s]" % (name, name, ",".join(["*" + prev] * 9)))
        prev = name
    return "\n".join(lines) + "\n"


# --- YAML: the known problems of yaml-cpp 0.7 --------------------------------
case("yaml alias cycle", with_file("report.yaml", "group: &g [*g]\n"), codes=["yaml-alias"])
case("yaml billion laughs", with_file("report.yaml", billion_laughs()), codes=["yaml-alias"])
case("yaml stray comma at top level", with_file("report.yaml", ",\n"), codes=["yaml-syntax"])
case("yaml stray comma in a flow list",
     with_file("sections/docs.yaml", "heading: D\nparagraphs: [a, , b]\n"), codes=["yaml-syntax"])
case("yaml stray commas after a mapping", with_file("documents.yaml", "a: b\n" + ",\n" * 1000),
     codes=["yaml-syntax"])
case("yaml duplicate keys",
     with_file("sections/annex.yaml", "heading: A\nheading: B\nparagraphs: [x]\n"),
     codes=["duplicate-key"])
case("yaml raw NUL in a plain scalar",
     with_file("sections/annex.yaml", b"heading: ti\x00tle\nparagraphs: [x]\n"),
     codes=["invalid-encoding"])
case("yaml unterminated double quote",
     with_file("sections/annex.yaml", 'heading: "Participants\nparagraphs:\n  - x\n'),
     codes=["yaml-syntax"])
case("yaml unterminated single quote",
     with_file("sections/annex.yaml", "heading: 'Participants\nparagraphs:\n  - x\n"),
     codes=["yaml-syntax"])
case("yaml end of input inside a flow list",
     with_file("sections/annex.yaml", "heading: A\nparagraphs: [x, y,\n  z\n"),
     codes=["yaml-syntax"])
case("yaml end of input inside a flow map",
     with_file("sections/annex.yaml", "heading: A\nparagraphs: [{text: x\n"),
     codes=["yaml-syntax"])
case("yaml report.yaml is a directory", lambda d: (write_meeting(d, {
    k: v for k, v in meeting().items() if k != "report.yaml"}), (d / "report.yaml").mkdir()),
     codes=["file-unreadable"])
case("yaml 40,000 keys in one mapping",
     with_file("sections/annex.yaml", "heading: A\nparagraphs: [x]\n" +
                "".join("k%d: v\n" % i for i in range(40000))), codes=["unknown-key"])
case("yaml 5,000-deep block nesting", with_file("sections/annex.yaml", "- " * 5000 + "a\n"),
     codes=["yaml-limit"])
case("yaml 2,000-deep indented mappings", with_file("sections/annex.yaml", nested_keys(2000)),
     codes=["yaml-limit"])
case("yaml 5,000-deep flow nesting",
     with_file("sections/annex.yaml", "heading: [" + "[" * 5000 + "]" * 5001 + "\n"),
     codes=["yaml-limit"])
case("yaml a million open brackets", with_file("sections/annex.yaml", "a: " + "[" * 1000000),
     codes=["yaml-limit"])
case("yaml 2,000,001 nodes", with_file("sections/annex.yaml", "- a\n" * 2000001),
     codes=["yaml-limit"])
case("yaml UTF-16 file",
     with_file("sections/annex.yaml", "heading: A\nparagraphs: [x]\n".encode("utf-16")),
     codes=["invalid-encoding"])
case("yaml invalid UTF-8",
     with_file("sections/annex.yaml", b"heading: A\xff\xfe\nparagraphs: [x]\n"),
     codes=["invalid-encoding"])
case("yaml byte-order mark inside the file",
     with_file("sections/annex.yaml", "heading: A\ufeffB\nparagraphs: [x]\n"),
     codes=["invalid-encoding"])
case("yaml terminal escape written raw",
     with_file("sections/annex.yaml", "heading: A\x1b[2J\nparagraphs: [x]\n"),
     codes=["invalid-encoding"])
case("yaml tab indentation",
     with_file("sections/annex.yaml", "heading: A\nparagraphs:\n\t- x\n"), codes=["yaml-syntax"])
case("yaml second document",
     with_file("sections/annex.yaml", "heading: A\nparagraphs: [x]\n---\nheading: B\n"),
     codes=["yaml-multiple-documents"])
case("yaml explicit tags",
     with_file("sections/annex.yaml", "heading: !!python/object:os.system A\nparagraphs: [x]\n"),
     codes=["yaml-tag"])
case("yaml complex key",
     with_file("sections/annex.yaml", "? [a, b]\n: c\nheading: A\nparagraphs: [x]\n"),
     codes=["yaml-complex-key"])
case("yaml file over the size limit",
     with_file("sections/annex.yaml", "heading: A\nparagraphs: [x]\n#" + "x" * (9 << 20)),
     codes=["file-too-large"])
case("yaml sparse file of 64 GiB", lambda d: (write_meeting(d, meeting()), os.truncate(
    d / "sections" / "annex.yaml", 64 << 30)), codes=["file-too-large"])
case("yaml a plain scalar of 100,000 digits",
     with_file("sections/annex.yaml", "heading: " + "1" * 100000 + "\nparagraphs: [x]\n"),
     codes=["ambiguous-scalar"])
case("yaml a plain scalar of 300,000 dots and digits",
     with_file("sections/annex.yaml", "heading: ." + "1" * 300000 + "\nparagraphs: [x]\n"),
     codes=["ambiguous-scalar"])


# --- Paths ---------------------------------------------------------------------
def listing(path, also_fixture=None):
    """The meeting with report.yaml listing `path` as its annex."""
    def build(d):
        files = meeting()
        files["report.yaml"] = files["report.yaml"].replace("sections/annex.yaml", path)
        write_meeting(d, files)
        if also_fixture:
            also_fixture(d)
    return build


def outside_file(d):
    secret = d.parent / (d.name + "-secret.yaml")
    secret.write_text("heading: SECRET-TOKEN-123\nparagraphs: [x]\n")
    return secret


case("path absolute", listing("/etc/passwd"), codes=["bad-path"])
case("path with ..", listing("../outside.yaml"), codes=["bad-path"])
case("path with .. inside", listing("sections/../../outside.yaml"), codes=["bad-path"])
case("path symlink to a file outside",
     listing("sections/link.yaml", lambda d: os.symlink(outside_file(d), d / "sections/link.yaml")),
     codes=["bad-path"])
case("path symlink to /etc",
     listing("etc/passwd", lambda d: os.symlink("/etc", d / "etc")), codes=["bad-path"])
case("path symlink to /dev/zero",
     listing("sections/zero.yaml", lambda d: os.symlink("/dev/zero", d / "sections/zero.yaml")),
     codes=["bad-path"])
case("path is a directory", listing("sections"), codes=["file-unreadable"])
case("path is a FIFO",
     listing("sections/fifo.yaml", lambda d: os.mkfifo(d / "sections/fifo.yaml")),
     codes=["file-unreadable"])
case("path missing", listing("sections/missing.yaml"), codes=["file-unreadable"])
case("path listed twice", listing("sections/intro.yaml"), codes=["bad-path"])
case("path names report.yaml", listing("report.yaml"), codes=["bad-path"])
case("path of 5,000 components", listing("/".join(["a"] * 5000) + ".yaml"),
     codes=["file-unreadable"])
case("report.yaml is a FIFO", lambda d: (write_meeting(d, {
    k: v for k, v in meeting().items() if k != "report.yaml"}), os.mkfifo(d / "report.yaml")),
     codes=["file-unreadable"])
case("report.yaml symlink to a file outside",
     lambda d: (write_meeting(d, {k: v for k, v in meeting().items() if k != "report.yaml"}),
                os.symlink(outside_file(d), d / "report.yaml")),
     codes=["bad-path"])
case("documents.yaml symlink to a file outside",
     lambda d: (write_meeting(d, {k: v for k, v in meeting().items() if k != "documents.yaml"}),
                os.symlink(outside_file(d), d / "documents.yaml")),
     codes=["bad-path"])


def out_symlink(d):
    write_meeting(d, meeting())
    target = d.parent / (d.name + "-elsewhere")
    target.mkdir()
    os.symlink(target, d / "out")


def nothing_written_elsewhere(d):
    written = sorted(p.name for p in (d.parent / (d.name + "-elsewhere")).iterdir())
    return "wrote %s through the link" % written if written else None


case("output folder is a symlink out of the meeting folder", out_symlink, codes=["cwgreport"],
     check=nothing_written_elsewhere)


# --- Markdown: the known problems of cmark-gfm 0.29.0.gfm.6 --------------------
# Each with the limit on one field raised to what the folder may hold, so that
# the guard a case is about, not the size of the field, is what stops it.
LARGE_FIELDS = ["--max-field-size", "16MiB"]


def text_case(name, text, codes=("text-limit",), exit=1, **kw):
    case("markdown " + name, with_text("paragraph.text", text), exit=exit, codes=codes,
         args=LARGE_FIELDS, **kw)


text_case("50,000 '>' then a* x 50,000", ">" * 50000 + "a*" * 50000)
text_case("'- ' x 50,000 then a* x 50,000", "- " * 50000 + "a*" * 50000)
text_case("![[]() x 160,000", "![[]()" * 160000)
text_case("table of 10,000 columns",
          "|".join(["a"] * 10000) + "\n" + "|".join(["-"] * 10000) + "\n" +
          ("|".join(["a"] * 10000) + "\n") * 10)
text_case("table row of 50,000 pipes", "a|b\n-|-\n" + "|" * 50000)
text_case("header of 20,000 pipes", "|" * 20000 + "\n-|-\n")
text_case("50,000 nested block quotes", "> " * 50000 + "a")
text_case("1,000 nested lists", "".join("  " * i + "* a\n" for i in range(1000)))
text_case("65,000 nested emphasis", "*a **a " * 65000 + "b" + " a** a*" * 65000)
text_case("10,000 nested strikethrough and emphasis", "~~a *" * 10000 + "b" + "* a~~" * 10000)
text_case("5,000 nested images", "![" * 5000 + "a" + "](u)" * 5000)
text_case("65,000 link openers", "[a" * 65000)
text_case("link reference used 7,000 times",
          "[r]: https://example.org/" + "x" * 1000000 + "\n\n" + "[r]" * 7000)
text_case("autolink ':@' (we attach no autolink extension)", ":@", codes=(), exit=0)
text_case("many emphasis closers", "a_ " * 65000, codes=(), exit=0)
text_case("many emphasis openers", "_a " * 65000, codes=(), exit=0)
text_case("many link closers", "a]" * 65000, codes=(), exit=0)
text_case("mismatched openers and closers", "*a_ " * 50000, codes=(), exit=0)
text_case("openers and closers multiple of 3", "a**b" + "c* " * 50000, codes=(), exit=0)
text_case("pattern [ (]( repeated", "[ (](" * 80000, codes=(), exit=0)
text_case("backticks", "".join("e" + "`" * i for i in range(1, 900)), codes=(), exit=0)
text_case("unclosed links", "[a](<b" * 30000, codes=(), exit=0)
text_case("unclosed comments", "</" + "<!--" * 100000, codes=(), exit=0)
text_case("U+0000 and escapes", "abc\0de\0 \x1b[31m \x9b \u202e", codes=["bidi-control"], exit=0)


def refs_to_big_title(n_refs, title_bytes):
    def t(field, default):
        if field == "document.title":
            return "T" * title_bytes
        if field == "paragraph.text":
            return "{doc:3/1|title} " * n_refs
        return default
    return lambda d: write_meeting(d, meeting(t))


case("markdown references printing 40 MB", refs_to_big_title(10, 4 << 20), codes=["text-limit"])


def amplified_lists(d):
    # 1,000 documents, each listed by 2,000 generated lists: 200 kB of sources
    # that would print some 2 GB.
    files = meeting()
    docs = {"documents": [{"number": i, "title": "Contribution number %d" % i,
                           "kind": Plain("contribution")} for i in range(1, 1001)]}
    files["documents.yaml"] = emit(docs)
    files["sections/docs.yaml"] = emit({"heading": "D", "paragraphs": [
        {"documents": {"kind": Plain("contribution")}} for _ in range(2000)]})
    files["sections/intro.yaml"] = section(["Opening."])
    write_meeting(d, files)


case("generated lists printing 2 GB", amplified_lists, codes=["text-limit"],
     args=["-W", "no-unpresented-document"])


def amplified_refs(d):
    files = meeting(lambda f, default: "T" * (1 << 20) if f == "document.title" else default)
    files["sections/annex.yaml"] = section(["{doc:3/1|title}"] * 3000, heading="Annex")
    write_meeting(d, files)


case("references in 3,000 fields printing 3 GB", amplified_refs, codes=["text-limit"])


# --- Injection: the build succeeds, and its outputs are inert -----------------
PAYLOADS = [
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=\"window.__pwned=1\">",
    "\"><script>window.__pwned=1</script>",
    "'><svg onload=window.__pwned=1>",
    "</textarea></title></style><script>window.__pwned=1</script>",
    "<a href=\"javascript:window.__pwned=1\">a</a>",
    "<iframe srcdoc=\"<script>parent.__pwned=1</script>\"></iframe>",
    "&lt;script&gt;window.__pwned=1&lt;/script&gt;",
    "&#60;script&#62;",
    "{{constructor.constructor('window.__pwned=1')()}}",
    "\x1b[2J\x1b]0;title\x07\x9b31m\u202e",
    "<!-- --><script>window.__pwned=1</script>",
]
LINKS = [
    "[a](javascript:window.__pwned=1)",
    "[b](JaVaScRiPt:window.__pwned=1)",
    "[c]( javascript:window.__pwned=1)",
    "[d](<java\tscript:window.__pwned=1>)",
    "[e](javascript&#58;window.__pwned=1)",
    "[f](&#x6A;avascript:window.__pwned=1)",
    "[g](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+)",
    "[h](vbscript:msgbox)",
    "[i](%6Aavascript:window.__pwned=1)",
    "[j](\\javascript:window.__pwned=1)",
    "[k](https://example.org/\"onmouseover=\"window.__pwned=1)",
    "[l](https://example.org/ \"title\\\" onmouseover=\\\"window.__pwned=1\")",
    "<javascript:window.__pwned=1>",
    "[m][r]",
    "![n](javascript:window.__pwned=1)",
    "[o](data:image/svg+xml,<svg onload=window.__pwned=1>)",
]
INJECTED = " ".join(PAYLOADS)
INJECTED_MARKDOWN = INJECTED + " " + " ".join(LINKS) + "\n\n[r]: javascript:window.__pwned=1"


def injected(field, default):
    # Markdown fields get the links too; a heading or a title must stay one line.
    one_line = field in ("section.heading", "section.heading2", "annex.heading", "document.title",
                         "document.title2", "document.title3", "reference.text", "quote.source",
                         "table.caption", "table.column", "table.cell")
    if field == "document.series":
        return "C18/" + INJECTED
    if field in ("summary", "action", "paragraph.text", "paragraph.text2", "footnote.text",
                 "quote.text", "list.item", "annex.text"):
        return default + " " + INJECTED_MARKDOWN
    if one_line:
        return default + " " + INJECTED + " " + " ".join(LINKS[:12])
    return default + " " + INJECTED


def injection(d):
    write_meeting(d, meeting(injected))


# The payloads hold a right-to-left override: a warning on every line that
# holds one, more than --max-warnings lets through.
INJECTION_WARNINGS = {"raw-html", "bidi-control", "diagnostic-limit"}
case("injection in every text field", injection, exit=0, codes=INJECTION_WARNINGS)
case("injection with --width 30", injection, exit=0, codes=INJECTION_WARNINGS,
     args=["--width", "30"])
case("injection without links", lambda d: write_meeting(d, meeting(
    lambda f, default: default + " " + INJECTED if f != "document.series" else "C18/" + INJECTED)),
     exit=0, codes=INJECTION_WARNINGS)


# --- Enormous but valid: these must build ---------------------------------------
def big_paragraph(d):
    files = meeting()
    words = ("The group discussed child online protection and agreed to continue. " * 150000)
    files["sections/annex.yaml"] = "heading: Annex\nparagraphs:\n  - >-\n    " + words[:10 << 20] \
        + "\n"
    write_meeting(d, files)


case("enormous paragraph of 10 MB", big_paragraph, exit=0,
     args=["--max-file-size", "16MiB", "--max-folder-size", "16MiB", "--max-field-size", "16MiB"],
     cpu=4.0,
     why_slow="10 MB read, parsed as YAML and Markdown, and written three times: about 1 s of "
              "CPU")


def long_marked_up_paragraph(d):
    # cmark-gfm's inline parser is superlinear on one long paragraph of links
    # and emphasis: 7.6 MB, inside the folder's limit, took 67 s of CPU.
    files = meeting()
    sentence = ("The group discussed the *revision* of the guidelines on child online "
                "protection at length and agreed to continue the work at its next meeting, "
                "as [proposed](https://example.org/p) by the chair of the group and supported "
                "by the many delegations that took the floor on the matter during the session "
                "of the afternoon, which ended later than planned in the programme of work ")
    files["sections/annex.yaml"] = "heading: Annex\nparagraphs:\n  - >-\n    " + \
        sentence * (7_600_000 // len(sentence)) + "\n"
    write_meeting(d, files)


case("one paragraph of 7.6 MB of links and emphasis", long_marked_up_paragraph,
     codes=["text-limit"])


def fields_at_the_limit(d):
    # Fields just under the limit on one field build in seconds; one field
    # of 7.6 MB of the same took 67 s.
    files = meeting()
    sentence = ("The group discussed the *revision* of the guidelines on child online "
                "protection and agreed, as [proposed](https://example.org/p), to continue. ")
    para = sentence * ((256 * 1024 - 1000) // len(sentence))
    files["sections/annex.yaml"] = "heading: Annex\nparagraphs:\n" + "".join(
        "  - >-\n    " + para + "\n" for _ in range(20))
    write_meeting(d, files)


case("twenty paragraphs of 256 KiB of links and emphasis build", fields_at_the_limit, exit=0,
     cpu=6.0, why_slow="5 MB of prose with a link and emphasis every 150 bytes, parsed twice by the "
                       "check and once more to see that report.md reads back: about 3 s of CPU")


def many_paragraphs(d):
    # With the 9 paragraphs of meeting(), 100,000: the limit.
    files = meeting()
    files["sections/annex.yaml"] = "heading: Annex\nparagraphs:\n" + "".join(
        "  - Paragraph %d of an enormous annex, with a few words of text.\n" % i
        for i in range(99991))
    write_meeting(d, files)


case("enormous report of 100,000 paragraphs", many_paragraphs, exit=0, cpu=6.0,
     why_slow="100,000 paragraphs (6 MB) through every phase: 1.5 to 2.5 s of CPU")


def many_documents(d):
    files = meeting()
    docs = {"entities": [{"id": Plain("uk"), "name": "United Kingdom"}],
            "documents": [{"number": i, "title": "Contribution number %d" % i,
                           "kind": Plain("contribution"), "source": Plain("uk")}
                          for i in range(1, 10000)]}
    files["documents.yaml"] = emit(docs)
    files["sections/docs.yaml"] = emit({"heading": "Documents", "paragraphs": [
        {"presents": Plain("3/%d" % i), "text": "Presented {doc:3/%d}." % i}
        for i in range(1, 10000)] + [{"documents": {"kind": Plain("contribution")}}]})
    files["sections/intro.yaml"] = section(["Opening."])
    write_meeting(d, files)


case("enormous register of 9,999 documents", many_documents, exit=0)


def record_of_many_documents(d):
    # A summary record whose table of subjects names the 9,999 documents of
    # its register: each section's documents are gathered once, in order,
    # from its heading, its presented documents and its generated lists.
    many_documents(d)
    report = (d / "report.yaml").read_text(encoding="utf-8")
    report = report.replace("signature:\n", "signatures:\n  -\n", 1).replace(
        "\n  person: chair", "\n    person: chair", 1).replace(
        "\n  role: ", "\n    role: ", 1)
    (d / "report.yaml").write_text("kind: summary-record\n" + report, encoding="utf-8")


case("a summary record whose table of subjects names 9,999 documents", record_of_many_documents,
     exit=0)


def many_files(d):
    files = meeting()
    # With the 3 files of meeting(), 10,000: the limit.
    names = ["sections/s%05d.yaml" % i for i in range(9997)]
    for i, n in enumerate(names):
        files[n] = "heading: Section %d\nparagraphs:\n  - Text of section %d.\n" % (i, i)
    files["report.yaml"] = files["report.yaml"].replace(
        "  - sections/docs.yaml\n", "  - sections/docs.yaml\n" + "".join(
            "  - %s\n" % n for n in names))
    write_meeting(d, files)


case("enormous report of 10,000 section files", many_files, exit=0, cpu=4.0,
     why_slow="10,000 files opened and parsed: about 1 s of CPU")
# cmark-gfm builds a node of a few hundred bytes for each delimiter, and
# aborts the program when memory runs out: 7 MB of them take over 1 GiB.
text_case("7 MB of emphasis delimiters", "a*" * 3500000)
text_case("4 MB of list items", "- a\n" * 1000000)
text_case("480,000 emphasis delimiters", "a*" * 240000, codes=(), exit=0)
text_case("table of 64 columns and 7,000 rows",
          "|".join(["h"] * 64) + "\n" + "|".join(["-"] * 64) + "\n" +
          ("|".join(["c"] * 64) + "\n") * 7000, codes=(), exit=0, cpu=4.0,
          why_slow="450,000 cells, each a node of the tree and a cell of three outputs: about 1 s "
                   "of CPU")


# --- Failed builds leave nothing behind ------------------------------------------
def replaced_by_hostile(d):
    """A good build first; then the sources turn hostile."""
    write_meeting(d, meeting())
    subprocess.run([PROGRAM, "build", str(d), "-q"], check=True, timeout=60)
    (d / "sections" / "annex.yaml").write_text("heading: A\nparagraphs:\n  - " + q(
        ">" * 50000 + "a*" * 50000) + "\n")


case("failed build keeps the previous outputs", replaced_by_hostile, codes=["text-limit"],
     check=lambda d: keeps_previous(d))


def keeps_previous(d):
    out = d / "out"
    names = sorted(p.name for p in out.iterdir())
    if names != ["report.html", "report.md", "report.txt"]:
        return "out/ holds %s" % names
    if "Forty participants" not in (out / "report.txt").read_text():
        return "report.txt was changed"
    return None


# --- Nothing outside the meeting folder is opened, probed or reported -----------
# A symbolic link the sources bring may lead anywhere. The program must not open
# what it leads to, nor say anything that depends on it: a diagnostic that
# differs between a target that exists and one that does not tells a pull
# request's author which files exist on the CI machine. Each case here points
# its link at every kind of target in turn and requires the same exit status
# and the same diagnostics, and that nothing in the outside folder was opened
# (watched with inotify).
class OpenWatch:
    """Records every file and folder opened in the folders given (inotify)."""

    IN_ACCESS, IN_OPEN, IN_NONBLOCK, IN_CLOEXEC = 0x1, 0x20, 0o4000, 0o2000000

    def __init__(self, folders):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        self.fd = libc.inotify_init1(self.IN_NONBLOCK | self.IN_CLOEXEC)
        if self.fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1")
        self.folders = {}
        for folder in folders:
            wd = libc.inotify_add_watch(self.fd, os.fsencode(folder),
                                        self.IN_OPEN | self.IN_ACCESS)
            if wd < 0:
                raise OSError(ctypes.get_errno(), "inotify_add_watch %s" % folder)
            self.folders[wd] = str(folder)

    def opened(self):
        """The paths opened since the watch began; ends the watch."""
        paths = set()
        while True:
            try:
                data = os.read(self.fd, 65536)
            except BlockingIOError:
                break
            at = 0
            while at < len(data):
                wd, _, _, size = struct.unpack_from("iIII", data, at)
                name = data[at + 16:at + 16 + size].rstrip(b"\0").decode("utf-8", "replace")
                paths.add(os.path.join(self.folders[wd], name) if name else self.folders[wd])
                at += 16 + size
        os.close(self.fd)
        return sorted(paths)


WATCHES = {}  # meeting folder -> (OpenWatch, the outside folder)
SECRET = "heading: SECRET-TOKEN-123\nparagraphs: [x]\n"


def outside_folder(d):
    """A folder beside the meeting folder holding every kind of link target."""
    o = d.parent / (d.name + "-outside")
    (o / "sections").mkdir(parents=True)
    (o / "empty").mkdir()
    (o / "secret.yaml").write_text(SECRET)
    (o / "sections" / "x.yaml").write_text(SECRET)
    (o / "sections" / "annex.yaml").write_text(SECRET)
    os.mkfifo(o / "fifo.yaml")
    (o / "locked.yaml").write_text(SECRET)
    os.chmod(o / "locked.yaml", 0)
    os.symlink("loop.yaml", o / "loop.yaml")
    return o


# What a link may lead to outside: name -> path in the outside folder.
FILE_TARGETS = {"a file": "secret.yaml", "nothing": "missing.yaml", "a folder": "sections",
                "a FIFO": "fifo.yaml", "an unreadable file": "locked.yaml",
                "a link loop": "loop.yaml"}
FOLDER_TARGETS = {"a folder holding the file": "sections", "an empty folder": "empty",
                  "nothing": "missing", "a file": "secret.yaml"}


def point(link, target):
    if os.path.lexists(link):
        os.remove(link)
    os.symlink(target, link)


def outside_link(link, targets, listed=None, fixture=None, absolute=False):
    """A builder: the meeting with `link` a symbolic link to the first of
    `targets` outside, and `listed`, if given, listed as the annex. The check
    points the link at every target in turn (relative, or absolute with
    `absolute`)."""
    def build(d):
        if listed:
            listing_also(listed)(d)
        else:
            write_meeting(d, meeting())
        if fixture:
            fixture(d)
        o = outside_folder(d)
        (d / link).parent.mkdir(parents=True, exist_ok=True)
        point(d / link, target_of(d, link, o, next(iter(targets.values())), absolute))
        try:
            WATCHES[str(d)] = (OpenWatch([root for root, _, _ in os.walk(o)]), o)
        except OSError as e:  # the case then fails, saying why
            WATCHES[str(d)] = (e, o)
    return build


def target_of(d, link, o, name, absolute):
    if absolute:
        return str(o / name)
    return os.path.relpath(o / name, (d / link).parent)


def same_for_every_target(link, targets, absolute=False):
    """A check: the same exit status and diagnostics whatever the link leads
    to, and nothing outside opened."""
    def check(d):
        watch, o = WATCHES.pop(str(d))
        if isinstance(watch, OSError):
            return "cannot watch the folder outside: %s" % watch
        seen = {}
        for kind, name in targets.items():
            point(d / link, target_of(d, link, o, name, absolute))
            run = run_limited([PROGRAM, "check", str(d), "--diagnostics-format", "json"],
                              default_limits())
            seen.setdefault((run.returncode, run.stderr), []).append(kind)
        opened = watch.opened()
        if opened:
            return "opened outside the folder: %s" % ", ".join(opened)
        if len(seen) > 1:
            return "the diagnostics tell the targets apart: %s" % " / ".join(
                "%s: exit %d, %r" % (", ".join(kinds), status, err.decode()[:150])
                for (status, err), kinds in seen.items())
        return None
    return check


def outside_case(name, link, targets=FILE_TARGETS, listed=None, exit=1, codes=("bad-path",),
                 fixture=None, absolute=False):
    case("outside: " + name, outside_link(link, targets, listed, fixture, absolute), exit=exit,
         codes=codes, only=True, check=same_for_every_target(link, targets, absolute))


def listing_also(path):
    """The meeting with the annex listed among the sections, and `path`
    (YAML, as written) as the annex."""
    def build(d):
        files = meeting()
        report = files["report.yaml"].replace("  - sections/docs.yaml\n",
                                              "  - sections/docs.yaml\n  - sections/annex.yaml\n")
        files["report.yaml"] = report.replace("annexes:\n  - sections/annex.yaml",
                                              "annexes:\n  - " + path)
        write_meeting(d, files)
    return build


def top_level_annex(d):
    """The annex moved from sections/ to the meeting folder itself."""
    os.rename(d / "sections" / "annex.yaml", d / "annex.yaml")
    report = (d / "report.yaml").read_text().replace("sections/annex.yaml", "annex.yaml")
    (d / "report.yaml").write_text(report)


outside_case("a listed section is a link to a file outside", "sections/link.yaml",
             listed="sections/link.yaml")
outside_case("a listed section is an absolute link outside", "sections/link.yaml",
             listed="sections/link.yaml", absolute=True)
outside_case("a listed section in a folder linked outside", "shared", FOLDER_TARGETS,
             listed="shared/x.yaml")
outside_case("a missing listed section in a folder linked outside", "shared", FOLDER_TARGETS,
             listed="shared/nothere.yaml")
outside_case("a listed section through links inside that end outside", "sections/c.yaml",
             listed="sections/a.yaml",
             fixture=lambda d: (os.symlink("b.yaml", d / "sections/a.yaml"),
                                os.symlink("../more/c.yaml", d / "sections/b.yaml"),
                                (d / "more").mkdir(),
                                os.symlink("../sections/c.yaml", d / "more/c.yaml")))
outside_case("report.yaml is a link outside", "report.yaml",
             fixture=lambda d: os.remove(d / "report.yaml"))
outside_case("documents.yaml is a link outside", "documents.yaml",
             fixture=lambda d: os.remove(d / "documents.yaml"))
outside_case("an unlisted section is a link outside", "sections/extra.yaml", exit=0, codes=())
outside_case("an unlisted section beside report.yaml is a link outside", "extra.yaml", exit=0,
             codes=(), fixture=top_level_annex)
outside_case("an unlisted .yml folder link outside", "sections/more.yml", FOLDER_TARGETS,
             exit=0, codes=())


def annex_built(d):
    """A check: the annex's text reached the report."""
    if "Forty participants took part." not in (d / "out" / "report.txt").read_text():
        return "the annex is missing from report.txt"
    return None


def annex_moved(d, target):
    """The annex moved to annexes/annex.yaml, and sections/annex.yaml a link
    to it written as `target(d)`."""
    (d / "annexes").mkdir()
    os.rename(d / "sections" / "annex.yaml", d / "annexes" / "annex.yaml")
    os.symlink(target(d), d / "sections" / "annex.yaml")


case("outside: a link that leaves the folder and comes back in builds",
     lambda d: (write_meeting(d, meeting()), annex_moved(
         d, lambda d: "../../%s/annexes/annex.yaml" % d.name)), exit=0, check=annex_built)
case("outside: an absolute link to a file inside builds",
     lambda d: (write_meeting(d, meeting()), annex_moved(
         d, lambda d: os.path.join(os.path.realpath(d), "annexes", "annex.yaml"))), exit=0,
     check=annex_built)
case("outside: a link to a listed file is not an unlisted section",
     lambda d: (write_meeting(d, meeting()),
                os.symlink("intro.yaml", d / "sections" / "alias.yaml")), exit=0)
case("outside: an unlisted link to a file inside is an unlisted section",
     lambda d: (write_meeting(d, dict(meeting(), **{"other/extra.yaml": SECRET})),
                os.symlink("../other/extra.yaml", d / "sections" / "extra.yaml")), exit=0,
     codes=["unlisted-section"])
case("outside: a loop of links inside",
     lambda d: (listing_also("sections/a.yaml")(d), os.symlink("b.yaml", d / "sections/a.yaml"),
                os.symlink("a.yaml", d / "sections/b.yaml")),
     codes=["file-unreadable"], only=True)


# --- A listed path holding a control character ----------------------------------
# A NUL ends a path where the system reads it: "sections/annex.yaml\0" was
# taken for a file other than "sections/annex.yaml" by the "listed twice" check
# and "report.yaml\0" for a section file, and both were then read. Every
# control character, and the invisible characters that make a path show as
# another, is an error located at the path; the message quotes none of them.
for what, path in [
        ("NUL after a listed file (listed twice)", r'"sections/annex.yaml\0"'),
        ("NUL after report.yaml", r'"report.yaml\0"'),
        ("NUL after documents.yaml", r'"documents.yaml\0"'),
        ("NUL at the start", r'"\0sections/annex.yaml"'),
        ("NUL in a folder name", r'"sections\0/annex.yaml"'),
        ("terminal escape", r'"sections/annex.yaml\e[2J"'),
        ("tab", r'"sections/\tannex.yaml"'),
        ("line feed", r'"sections/annex.yaml\n.yaml"'),
        ("carriage return", r'"sections/ann\rex.yaml"'),
        ("DEL", r'"sections/annex.yaml\x7f"'),
        ("C1 control U+009B", r'"sections/\u009bannex.yaml"'),
        ("next line U+0085", r'"sections/annex.yaml\N"'),
        ("right-to-left override U+202E", r'"sections/\u202elmay.xenna"'),
        ("right-to-left isolate U+2067", r'"sections/annex\u2067.yaml"'),
        ("line separator U+2028", r'"sections/annex\L.yaml"')]:
    # A bidirectional control is also reported as such, wherever it is written.
    bidi = ["bidi-control"] if "U+202E" in what or "U+2067" in what else []
    case("control character in a path: " + what, listing_also(path), codes=["bad-path"] + bidi,
         only=True)


def control_named_file(d):
    listing_also(r'"more\x01/annex.yaml"')(d)
    (d / "more\x01").mkdir()
    (d / "more\x01" / "annex.yaml").write_text("heading: A\nparagraphs: [x]\n")


case("control character in a path: a file so named exists", control_named_file,
     codes=["bad-path"], only=True)


# --- Outputs stay whole under every failure --------------------------------------
# A file-size limit (`ulimit -f`) makes a write fail with EFBIG, and would kill
# the program by SIGXFSZ if it did not ignore it: either way no output may be
# replaced and no temporary file left.
def built_then_grown(d):
    """A good build first; then the annex grows past the file-size limit."""
    write_meeting(d, meeting())
    subprocess.run([PROGRAM, "build", str(d), "-q"], check=True, timeout=60)
    (d / "sections" / "annex.yaml").write_text(
        "heading: Annex\nparagraphs:\n" + "".join(
            "  - Paragraph %d of a long annex, with a few words of text.\n" % i
            for i in range(20000)))


case("file-size limit smaller than the outputs keeps the previous ones", built_then_grown,
     codes=["cwgreport"], only=True, file_size=256 << 10, check=lambda d: keeps_previous(d))
case("file-size limit smaller than the first outputs leaves no folder",
     lambda d: (built_then_grown(d), shutil.rmtree(d / "out")), codes=["cwgreport"], only=True,
     file_size=256 << 10)
case("file-size limit smaller than the diagnostics file",
     with_file("sections/annex.yaml", "heading: A\nparagraphs: [x]\n" +
               "".join("k%d: v\n" % i for i in range(5000))),
     codes=["cwgreport"], only=True, file_size=16 << 10,
     args=["--diagnostics-output", "diagnostics.json", "--max-errors", "0"],
     check=lambda d: "left %s" % [p.name for p in d.iterdir() if "diagnostics.json" in p.name]
     if any("diagnostics.json" in p.name for p in d.iterdir()) else None)


# The sources may bring DIR/out with the lock file of the output folder in it:
# it is not followed, nor created where a link leads.
def lock_file_as(make):
    def build(d):
        write_meeting(d, meeting())
        (d / "out").mkdir()
        make(d, d / "out" / ".cwgreport.lock")
    return build


def nothing_at_target(d):
    target = d.parent / (d.name + "-lock-target")
    return "created %s through the link" % target.name if os.path.lexists(target) else None


case("output folder's lock file is a link out of the folder",
     lock_file_as(lambda d, lock: os.symlink(d.parent / (d.name + "-lock-target"), lock)),
     codes=["cwgreport"], only=True, check=nothing_at_target)
case("output folder's lock file is a FIFO", lock_file_as(lambda d, lock: os.mkfifo(lock)),
     codes=["cwgreport"], only=True)
case("output folder's lock file is a folder", lock_file_as(lambda d, lock: lock.mkdir()),
     codes=["cwgreport"], only=True)

# --- Markers: source text cannot forge the marker of a cross-reference -------
# The converter swaps each reference for a marker before cmark-gfm parses a
# text. Markers were private-use characters (U+F0000 + index), which text
# could hold: each one printed the reference's text again.
def output_size(d):
    return sum(p.stat().st_size for p in (d / "out").iterdir())


def small_outputs(limit, *texts):
    """A check: the outputs are under `limit` bytes and report.txt holds `texts`."""
    def check(d):
        size = output_size(d)
        if size > limit:
            return "outputs are %d bytes, more than %d" % (size, limit)
        txt = (d / "out" / "report.txt").read_text(encoding="utf-8")
        for t in texts:
            if t not in txt:
                return "report.txt lacks %r" % t[:60]
        if NONCHARACTER.search(txt):
            return "report.txt holds a noncharacter"
        return None
    return check


NONCHARACTER = re.compile("[\ufdd0-\ufdef\ufffe\uffff\U0001fffe\U0001ffff\U0010fffe\U0010ffff]")


def after_title_ref(title_bytes, tail):
    def t(field, default):
        if field == "document.title":
            return "T" * title_bytes
        if field == "paragraph.text":
            return "{doc:3/1|title}" + tail
        return default
    return lambda d: write_meeting(d, meeting(t))


case("markers: 20,000 private-use characters after a reference (printed 270 MB)",
     after_title_ref(4500, "\U000f0000" * 20000), exit=0,
     check=small_outputs(1 << 20, "\U000f0000" * 20000))
case("markers: 800 kB of private-use characters of every index after 8 references",
     after_title_ref(7000, "{doc:3/1}" * 7 + "".join(
         chr(0xF0000 + i % 256) + chr(0x100000 + i % 256) for i in range(100000))), exit=0, args=LARGE_FIELDS,
     check=small_outputs(4 << 20, "\U000f00ff\U001000ff"))
case("markers: character references to noncharacters spell a marker",
     after_title_ref(4500, "&#xFDD0;&#xFDE0;&#xFDD1;" * 30000 + " `&#xFDD0;` &#65000;"), exit=0, args=LARGE_FIELDS,
     check=small_outputs(4 << 20, "&#xFDD0;&#xFDE0;&#xFDD1;" * 100, "&#65000;"))
case("markers: noncharacters written in a paragraph",
     with_text("paragraph.text", "{doc:3/1} \ufdd0\ufde0\ufdd1 \uffff \U0010ffff"),
     codes=["invalid-encoding"])
case("markers: noncharacters as YAML escapes in a heading, a title and a paragraph",
     lambda d: write_meeting(d, {k: v.replace("Introduction", "Intro\\uFDD0\\uFDE0\\uFDD1")
                                 .replace("Agenda", "Agenda\\uFFFE").replace(
                                     "Forty", "\\U0010FFFFForty")
                                 for k, v in meeting().items()}),
     codes=["invalid-encoding"])


# --- Memory proportional to the sources: the folder's size and counts --------
# Every paragraph, item or cell costs some hundreds of bytes in each phase
# however short it is, and every YAML node a hundred: a 2 MB file of one
# million one-letter paragraphs took 860 MB and died of std::bad_alloc.
def with_section(name, text, **more):
    def build(d):
        files = meeting()
        files["sections/%s.yaml" % name] = text
        files.update(more)
        write_meeting(d, files)
    return build


def flow(item, n):
    return "[" + ",".join([item] * n) + "]"


# meeting() holds 9 paragraphs (quoted ones included) besides the annex's.
case("limits: one million one-letter paragraphs in 2 MB",
     with_section("annex", "heading: A\nparagraphs: " + flow("a", 1000000) + "\n"),
     codes=["yaml-limit"])
case("limits: 100,001 one-letter paragraphs",
     with_section("annex", "heading: A\nparagraphs: " + flow("a", 99992) + "\n"),
     codes=["count-limit"])
case("limits: 100,001 paragraphs over three files",
     with_section("annex", "heading: A\nparagraphs: " + flow("a", 33000) + "\n", **{
         "sections/docs.yaml": "heading: D\nparagraphs: " + flow("b", 33000) + "\n",
         "sections/intro.yaml": "heading: I\nparagraphs: " + flow("c", 34001) + "\n"}),
     codes=["count-limit"])
case("limits: 100,001 quoted paragraphs",
     with_section("annex", "heading: A\nparagraphs:\n  - quote: {paragraphs: " +
                  flow("q", 100000) + "}\n"), codes=["count-limit"])
case("limits: 100,001 list items, nested",
     with_section("annex", "heading: A\nparagraphs:\n  - list: " +
                  flow("{text: i, list: [j]}", 50001) + "\n"), codes=["count-limit"])
case("limits: 100,001 table cells",
     with_section("annex", "heading: A\nparagraphs:\n  - table:\n      columns: [h, h]\n"
                  "      rows: " + flow("[c, c]", 50000) + "\n"), codes=["count-limit"])
case("limits: 10,001 footnotes",
     with_section("annex", "heading: A\nparagraphs:\n  - text: t\n    footnotes: " + "[" +
                  ",".join("{id: f%d, text: t}" % i for i in range(10001)) + "]\n"),
     codes=["count-limit"])
case("limits: 10,001 registered documents",
     lambda d: write_meeting(d, dict(meeting(), **{"documents.yaml": "documents: [" + ",".join(
         "{number: %d, title: T, kind: other}" % (i % 9999 + 1) for i in range(10001)) + "]\n"})),
     codes=["count-limit"])
case("limits: 10,001 people, entities and references",
     lambda d: write_meeting(d, dict(meeting(), **{"documents.yaml": meeting()[
         "documents.yaml"].replace("entities:\n", "entities:\n" + "".join(
             "  - {id: e%d, name: E}\n" % i for i in range(10000))) })),
     codes=["count-limit"])


def files_listed(n):
    def build(d):
        files = meeting()
        names = ["sections/s%05d.yaml" % i for i in range(n)]
        for name in names:
            files[name] = "heading: S\nparagraphs: [t]\n"
        files["report.yaml"] = files["report.yaml"].replace(
            "  - sections/docs.yaml\n", "  - sections/docs.yaml\n" + "".join(
                "  - %s\n" % name for name in names))
        write_meeting(d, files)
    return build


case("limits: 10,001 section files", files_listed(9998), codes=["count-limit"], cpu=4.0,
     why_slow="10,000 files opened and parsed before the limit: about 1 s of CPU")


def many_files_of_nodes(d):
    # 20 files of 400 kB, each 200,000 nodes: parsed ahead in parallel on
    # spare cores, several 8 MB files took 5 GB.
    files = meeting()
    names = ["sections/n%02d.yaml" % i for i in range(20)]
    for name in names:
        files[name] = "heading: N\nparagraphs: " + flow("a", 199990) + "\n"
    files["report.yaml"] = files["report.yaml"].replace(
        "  - sections/docs.yaml\n", "  - sections/docs.yaml\n" + "".join(
            "  - %s\n" % name for name in names))
    write_meeting(d, files)


case("limits: 20 files of 200,000 nodes each", many_files_of_nodes, codes=["yaml-limit"],
     cpu=4.0, why_slow="half a million YAML nodes are read before the limit stops the reader, "
                       "and up to 512 kB of files parsed ahead on the other core: about 1.2 s of "
                       "CPU, 160 MB")
case("limits: 9 MB of prose in three files",
     with_section("annex", "heading: A\nparagraphs:\n  - >-\n    " + "word " * 600000 + "\n", **{
         "sections/docs.yaml": "heading: D\nparagraphs:\n  - >-\n    " + "word " * 600000 + "\n",
         "sections/intro.yaml": "heading: I\nparagraphs:\n  - >-\n    " + "word " * 600000 +
         "\n"}),
     codes=["folder-too-large"])


def prose_at_the_limit(d):
    files = meeting()
    files["sections/annex.yaml"] = "heading: Annex\nparagraphs:\n" + "".join(
        "  - Paragraph %d of an enormous annex, with a few words of text, and then some more "
        "words, so that it is about two hundred bytes long, as a real one might be.\n" % i
        for i in range(39000))
    write_meeting(d, files)


case("limits: 8 MiB of prose builds", prose_at_the_limit, exit=0, cpu=4.0,
     why_slow="7.9 MB of prose through every phase, 25 MB written: about 1 s of CPU")
case("limits: 100,000 paragraphs, list items and table cells at once",
     with_section("annex", "heading: A\nparagraphs: " + flow("a", 99991) + "\n", **{
         "sections/docs.yaml": "heading: D\nparagraphs:\n  - list: " + flow("i", 99990) + "\n",
         "sections/intro.yaml": "heading: I\nparagraphs:\n  - table:\n      columns: [h, h]\n"
                                "      rows: " + flow("[c, c]", 49990) + "\n"}),
     codes=["text-limit"], cpu=4.0,
     why_slow="300,000 nodes in three files are read, checked and built before the report's "
              "limit on text stops the build: about 1.2 s of CPU, and ASan's instrumentation "
              "makes that 9 times longer")


def link_copies(d):
    # Each use of [r] copies its 1 MB address: 12 uses print 12 MB from a
    # field of 1 MB, under the limit of one field; seven such fields print
    # 84 MB, which the report's budget counted as 7 MB.
    field = "[r]: https://example.org/" + "x" * (1 << 20) + "\n\n" + "[r] " * 12
    files = meeting()
    files["sections/annex.yaml"] = emit({"heading": "Annex", "paragraphs": [field] * 7})
    write_meeting(d, files)


case("limits: link references printing 84 MB from seven fields", link_copies,
     codes=["text-limit"])


# --- Small correctness bugs ----------------------------------------------------
def txt_holds(*texts, absent=()):
    def check(d):
        txt = (d / "out" / "report.txt").read_text(encoding="utf-8")
        for t in texts:
            if t not in txt:
                return "report.txt lacks %r" % t
        for t in absent:
            if t in txt:
                return "report.txt holds %r" % t
        if NONCHARACTER.search(txt):
            return "report.txt holds a noncharacter"
        return None
    return check


case("xref: references inside raw HTML print their text",
     with_text("paragraph.text", "See <span title=\"{doc:3/1}\">{doc:3/1}</span> and "
               "<b>{note:n1}</b>.\n\n<div>{meeting:3|words} {person:chair}</div>"),
     exit=0, codes=["raw-html"],
     check=txt_holds("<span title=\"CWG-T-3/1\">CWG-T-3/1</span>", "<b>[1]</b>",
                     "<div>third Ms Ada Lovelace (UK)</div>"))
case("xref: {meeting:all|participants} prints the participants",
     with_text("paragraph.text", "There were {meeting:all|participants} participants."),
     exit=0, check=txt_holds("There were 40 participants.", absent=("3rd participants",)))
case("xref: a meeting number with a leading zero",
     with_text("paragraph.text", "The {meeting:03} meeting, the {meeting:0003|words}."),
     codes=["unknown-meeting"])
case("xref: a '|' without a form",
     with_text("paragraph.text", "See {doc:3/1|}, {meeting:3|} and {person:chair|}."),
     codes=["bad-xref"])


def only_allowed_links(d):
    html_text = (d / "out" / "report.html").read_text(encoding="utf-8")
    for href in re.findall(r'href="([^"]*)"', html_text):
        if not re.match(r"(https?:|mailto:|#)", href, re.I):
            return "report.html links to %r" % href
    md = (d / "out" / "report.md").read_text(encoding="utf-8")
    for target in re.findall(r"(?<!\\)\]\(<?([^)>\s]*)", md):
        if not re.match(r"(https?\\?:|mailto\\?:|#)", target, re.I):
            return "report.md links to %r" % target
    return None


RELATIVE = ("[a](evil.html) [b](//evil.example/x) [c](/etc/passwd) [d](\\\\\\\\evil.example) "
            "[e](?q=1) [f](./x.html) [g](../x) [h](<evil page.html>) [i](%2F%2Fevil) "
            "[j][r] <//evil.example>\n\n[r]: evil.html")
case("links: relative addresses are text", with_text("paragraph.text", RELATIVE), exit=0,
     check=only_allowed_links)
case("links: relative addresses in every text field",
     lambda d: write_meeting(d, meeting(lambda f, default: default + " [x](evil.html)")),
     exit=0, check=only_allowed_links)


def emphasis_as_in_html(d):
    md = (d / "out" / "report.md").read_text(encoding="utf-8")
    html_text = (d / "out" / "report.html").read_text(encoding="utf-8")
    if "<em><strong>b</strong>a<strong>a</strong></em>" not in html_text:
        return "report.html lacks the emphasis"
    cmark = shutil.which("cmark-gfm")
    if cmark:
        rendered = subprocess.run([cmark, "--unsafe", "-e", "strikethrough"], input=md.encode(),
                                  capture_output=True, timeout=60, check=False).stdout.decode()
        if "<em><strong>b</strong>a<strong>a</strong></em>" not in rendered:
            return "report.md reads back with other emphasis"
    # CommonMark's rule of three pairs the run in "***b**a**a***" with the
    # wrong one: written as HTML tags, which GitHub shows the same.
    elif "***b**a**a***" in md:
        return "report.md holds emphasis that reads back otherwise"
    return None


case("emphasis: report.md reads back as report.html shows it",
     with_text("paragraph.text", "Emphasis _**b**a**a**_ and _a *b\\**_."), exit=0,
     check=emphasis_as_in_html)


def from_previous_with_controls(d):
    # init --from copied the previous report's names into comments, a C1
    # control with them, so that the new meeting failed its first check.
    previous = d.parent / (d.name + "-previous")
    previous.mkdir()
    write_meeting(previous, meeting(
        lambda f, default: "Council \u009b31m Working \u0085Group\u2028 on \ufeffTesting"
        if f == "group.name" else default))
    d.rmdir()
    subprocess.run([PROGRAM, "init", str(d), "--from", str(previous), "--date", "2024-09-10"],
                   check=True, capture_output=True, timeout=60)


case("init --from a report whose names hold controls", from_previous_with_controls, exit=0)


# --- Diagnostics: their cost in proportion to the input, every byte clean -------
# Each case is built once as above (JSON diagnostics); its check then runs
# `cwgreport check` in every diagnostics format, and again with the limits
# lifted, each run under the same CPU and memory limits, and finds no byte a
# terminal or a log viewer would act on in anything printed.

# C0 controls but tab and line feed, DEL, C1 controls, and the bidirectional
# embedding, override and isolate controls, as UTF-8.
UNSAFE_BYTES = re.compile(
    rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")
DIAGNOSTICS_FORMATS = ("human", "json", "sarif", "github")


def run_program(args):
    """Runs the program with `args` under the limits of a case that says
    nothing (2 s of CPU, 1 GiB); returns the Run."""
    return run_limited([PROGRAM, *args], default_limits())


def unsafe_byte(text: bytes):
    m = UNSAFE_BYTES.search(text)
    return None if not m else "byte %r at %d: %r" % (m.group(), m.start(),
                                                     text[max(0, m.start() - 40):m.end() + 20])


def every_format(*extra, exit=1, shows=(), lifted=("--max-errors", "0", "--max-warnings", "0")):
    """A check: `cwgreport check` in each diagnostics format, with the default
    limits and with `lifted`, each within 2 s of CPU and 1 GiB; the exit status
    is `exit`, nothing printed holds an unsafe byte, the JSON lines and the
    SARIF log parse, and the human format shows every string of `shows` with
    the default limits."""
    def check(d):
        for limits in ((), lifted):
            for fmt in DIAGNOSTICS_FORMATS:
                args = ["check", str(d), "--diagnostics-format", fmt, "--color", "never", *extra,
                        *limits]
                what = "check --diagnostics-format %s %s" % (fmt, " ".join(limits))
                run = run_program(args)
                status, out, err = run.returncode, run.stdout, run.stderr
                if run.over:
                    return "%s: %s" % (what, run.over)
                if status < 0:
                    return "%s: killed by signal %d" % (what, -status)
                if status != exit:
                    return "%s: exit %d, expected %d: %r" % (what, status, exit, err[-300:])
                problem = unsafe_byte(out + err)
                if problem:
                    return "%s: %s" % (what, problem)
                text = err.decode("utf-8", "strict")
                if fmt == "json":
                    for line in text.splitlines():
                        json.loads(line)
                if fmt == "sarif":
                    json.loads(text)
                if fmt == "human" and not limits:
                    for s in shows:
                        if s not in text:
                            return "%s: %r not shown" % (what, s)
        return None
    return check


def long_line_warnings(n, item='"<b>"'):
    """The meeting with an annex of `n` paragraphs on one line, each raw HTML."""
    return with_file("sections/annex.yaml", "heading: A\nparagraphs: [" + ", ".join([item] * n) +
                     "]\n")


# 40,000 warnings on one 280 kB line took 117 s in the human format (each
# snippet split the whole file and the whole line again), and SARIF and GitHub
# as long (each column counted from the start of the line).
case("diagnostics 40,000 warnings on one 280 kB line", long_line_warnings(40000), exit=0,
     codes=["raw-html", "diagnostic-limit"],
     check=every_format(exit=0, shows=["39950 more warnings not shown (--max-warnings)"]))
case("diagnostics 20,000 warnings on a line of a million combining marks",
     long_line_warnings(20000, '"<b>' + "\u0301" * 50 + '"'), exit=0,
     codes=["raw-html", "diagnostic-limit"], check=every_format(exit=0))
case("diagnostics 40,000 errors on one 1 MB line",
     with_file("sections/annex.yaml", "heading: A\nparagraphs: [" +
               ", ".join(["{txet: x, text: z}"] * 40000) + "]\n"),
     codes=["unknown-key", "diagnostic-limit"],
     check=every_format(shows=["note: did you mean 'text'?",
                               "39950 more errors not shown (--max-errors)"]))
case("diagnostics 40,000 warnings on 40,000 lines",
     with_file("sections/annex.yaml", "heading: A\nparagraphs:\n" + '  - "<b>"\n' * 40000),
     exit=0, codes=["raw-html", "diagnostic-limit"], check=every_format(exit=0))


def duplicates_across_long_lines(d):
    # Each duplicate on one long line has a note on another long line: the
    # printer goes back and forth between the two.
    files = meeting()
    files["sections/intro.yaml"] = section([{"label": Plain("first"), "text": "x" * 200000},
                                            {"label": Plain("dup"), "text": "y"}])
    files["sections/annex.yaml"] = "heading: A\nparagraphs: [" + ", ".join(
        ["{label: dup, text: x}"] * 20000) + "]\n"
    write_meeting(d, files)


case("diagnostics 20,000 notes on one long line pointing at another", duplicates_across_long_lines,
     codes=["duplicate-label", "diagnostic-limit"], check=every_format())


def bidi_file(d):
    # A right-to-left override on every line: one warning per line, counted.
    files = meeting()
    files["sections/annex.yaml"] = ("heading: A\nparagraphs: [x]\n" +
                                    "# \u202e\u202e\u202e\u202e\n" * 1000000)
    write_meeting(d, files)


BIG_FILE = ["--max-file-size", "16MiB", "--max-folder-size", "16MiB"]
case("diagnostics a million lines of bidirectional controls", bidi_file, exit=0, args=BIG_FILE,
     codes=["bidi-control", "diagnostic-limit"],
     check=every_format(*BIG_FILE, exit=0, lifted=("--max-warnings", "20000")))


# --- "Did you mean": bounded whatever the names and their number ---------------
def long_labels(d):
    # Ten labels of 20,000 characters and 50 references one character off:
    # the full edit distance took 6.8 s per reference.
    files = meeting()
    stem = "a" * 19990
    files["sections/annex.yaml"] = section(
        [{"label": Plain("%s-%d" % (stem, i)), "text": "x"} for i in range(10)], heading="Annex")
    files["sections/intro.yaml"] = section(["{para:%s-x} " % stem * 50])
    write_meeting(d, files)


case("did you mean 20,000-character labels", long_labels, codes=["unknown-label"],
     check=every_format())


def near_labels(d):
    # 20,000 references to labels that do not exist, each a few edits from
    # 20,000 that do: suggestions past --max-errors were still computed.
    files = meeting()
    files["sections/annex.yaml"] = section(
        [{"label": Plain("item-%05d" % i), "text": "x"} for i in range(20000)], heading="Annex")
    files["sections/intro.yaml"] = section(["".join("{para:itme-%05d} " % i
                                                    for i in range(20000))])
    write_meeting(d, files)


case("did you mean 20,000 unknown labels among 20,000", near_labels,
     codes=["unknown-label", "diagnostic-limit"], check=every_format())


def near_documents(d):
    # 9,999 documents, each presented under a key one edit off: the typo is
    # sought for the error and again to count the document as presented.
    files = meeting()
    docs = {"documents": [{"number": i, "title": "Contribution %d" % i,
                           "kind": Plain("contribution")} for i in range(1, 10000)]}
    files["documents.yaml"] = emit(docs)
    files["sections/docs.yaml"] = emit({"heading": "Documents", "paragraphs": [
        {"presents": Plain("3/%dR1" % i), "text": "Presented."} for i in range(1, 10000)]})
    write_meeting(d, files)


case("did you mean 9,999 mistyped presented documents", near_documents,
     codes=["unknown-document", "diagnostic-limit"], check=every_format())


def missing_files(d):
    # 20,000 listed files missing from a folder of 20,000 others: each was
    # looked up by listing and scoring the whole folder (78 s).
    files = meeting()
    names = ["sections/t%05d.yaml" % i for i in range(20000)]
    files["report.yaml"] = files["report.yaml"].replace(
        "  - sections/docs.yaml\n", "  - sections/docs.yaml\n" + "".join(
            "  - %s\n" % n for n in names))
    write_meeting(d, files)
    for i in range(20000):
        (d / "sections" / ("s%05d.yaml" % i)).write_bytes(b"heading: S\nparagraphs: [x]\n")


case("did you mean 20,000 missing files in a folder of 20,000", missing_files,
     codes=["file-unreadable", "unlisted-section", "diagnostic-limit"], check=every_format())


# --- Every byte printed is clean --------------------------------------------------
HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202e\u2066"


def hostile_keys(d):
    # Keys written with YAML escapes quote terminal sequences, C1 and bidi
    # controls into the messages; values hold them too.
    files = meeting()
    files["sections/annex.yaml"] = ("heading: %s\nparagraphs: [x]\n%s: 1\n%s: 2\n" %
                                    (q("A" + HOSTILE), q(HOSTILE), q("k\x00\x85" + HOSTILE)))
    files["sections/docs.yaml"] = files["sections/docs.yaml"].replace(
        "heading:", "%s: x\nheading:" % q("he\x1badng"))
    write_meeting(d, files)


case("clean output: control characters in escaped keys", hostile_keys,
     codes=["unknown-key", "bidi-control"], check=every_format(shows=["<U+001B>]0;pwned<U+0007>"]))


def hostile_file_name(d):
    # A section file whose name holds the same sequences, with an error in
    # it, and the same name listed (escaped) in report.yaml.
    files = meeting()
    name = "sections/" + HOSTILE.replace("/", "") + ".yaml"
    files["report.yaml"] = files["report.yaml"].replace("sections/annex.yaml", q(name))
    write_meeting(d, files)
    (d / name).write_text("heading: A\nparagraphs: [x]\nheadng: B\n")


case("clean output: control characters in a file name", hostile_file_name, codes=(),
     check=every_format(shows=["<U+001B>]0;pwned<U+0007>"]))


def batch_lines(d):
    """A check: the `ok` and `FAILED` lines of `check` and `build` over several
    folders whose names hold the sequences."""
    good, bad = d / ("good" + HOSTILE), d / ("bad" + HOSTILE)
    write_meeting(good, meeting())
    write_meeting(bad, meeting(lambda f, default: "{doc:9/9}" if f == "summary" else default))
    for command in ("check", "build"):
        run = run_program([command, str(good), str(bad), "-j", "2"])
        status, out, err = run.returncode, run.stdout, run.stderr
        if run.over:
            return "%s: %s" % (command, run.over)
        if status != 1:
            return "%s: exit %d, expected 1" % (command, status)
        problem = unsafe_byte(out + err)
        if problem:
            return "%s: %s" % (command, problem)
        if b"FAILED " not in out or b"<U+001B>]0;pwned<U+0007>" not in out:
            return "%s: no escaped FAILED line in %r" % (command, out[:300])
    return None


case("clean output: folder names in the lines of a batch run", with_text("summary", "x"),
     exit=0, check=batch_lines)


def init_from_nul_path(d):
    """A check: `init --from` a meeting that lists 'sections/annex.yaml\\0'
    prints no NUL (it printed one after the file name), whether it accepts the
    path or refuses it."""
    previous = d / "previous"
    files = meeting()
    files["report.yaml"] = files["report.yaml"].replace(
        "sections/annex.yaml", q("sections/annex.yaml\x00"))
    write_meeting(previous, files)
    run = run_program(["init", str(d / "next"), "--from", str(previous), "--date", "2024-09-01"])
    status, out, err = run.returncode, run.stdout, run.stderr
    if run.over:
        return run.over
    if status not in (0, 1):
        return "exit %d: %r" % (status, err[-300:])
    return unsafe_byte(out + err)


case("clean output: init from a meeting listing a path ending in NUL", with_text("summary", "x"),
     exit=0, check=init_from_nul_path)


def init_from_many_carried_references(d):
    """A check: `init --from` a report whose headings cite 40,000 paragraphs,
    which are not carried over: each reference is carried as text, with a
    note, within the limits of any case (it searched every file once per
    reference, minutes near the folder's size limit)."""
    previous = d / "previous"
    count, files = 40000, 4
    per = count // files
    write_meeting(previous, {
        "report.yaml": (
            "group: {name: Council Working Group on Testing, acronym: CWG-T}\n"
            "meetings:\n  - {number: 3, date: 2024-05-06}\n"
            "people:\n  - {id: chair, name: Ada Lovelace, role: chair}\n"
            "summary: This report summarizes the {meeting:3} meeting.\n"
            "sections:\n" + "".join("  - sections/h%d.yaml\n" % i for i in range(files))
            + "  - sections/targets.yaml\n"),
        "documents.yaml": "documents: []\n",
        "sections/targets.yaml": "heading: Targets\nparagraphs:\n" + "".join(
            "  - {label: p%d, text: x}\n" % j for j in range(count)),
        **{"sections/h%d.yaml" % i: 'heading: "Cited: %s"\nparagraphs: [x]\n' % " ".join(
            "{para:p%d}" % j for j in range(i * per, (i + 1) * per)) for i in range(files)},
    })
    run = run_program(["init", str(d / "next"), "--from", str(previous), "--date", "2024-09-01",
                       "-q"])
    if run.over:
        return run.over
    if run.returncode != 0:
        return "exit %d: %r" % (run.returncode, run.stderr[-300:])
    if b"next/sections/h0.yaml:5:18: note: '{para:p0}' is carried as text" not in run.stderr:
        return "no note at the first reference: %r" % run.stderr[:300]
    if b"note: %d more like these" % (count - 100) not in run.stderr:
        return "the notes are not counted: %r" % run.stderr[-300:]
    return unsafe_byte(run.stdout + run.stderr)


case("init --from a report whose headings cite 40,000 paragraphs", with_text("summary", "x"),
     exit=0, check=init_from_many_carried_references)


def escapes_in_text(d):
    # "\_" is a no-break space; the other escapes give characters the outputs
    # replace; "\u202E" a bidirectional control, warned about.
    write_meeting(d, meeting(lambda f, default: (
        "14\\_June \\N \\e[2J \\u202Eevil" if f == "paragraph.text3" else default)))
    text = (d / "sections" / "docs.yaml").read_text()
    (d / "sections" / "docs.yaml").write_text(text.replace(
        q("14\\_June \\N \\e[2J \\u202Eevil"), '"14\\_June \\N \\e[2J \\u202Eevil"'))


def nbsp_in_outputs(d):
    for name in ("report.txt", "report.html", "report.md"):
        text = (d / "out" / name).read_bytes()
        if b"14\xc2\xa0June" not in text:
            return "%s: no U+00A0 in %r" % (name, text[text.find(b"14"):][:20])
        try:
            text.decode("utf-8", "strict")
        except UnicodeDecodeError as e:
            return "%s: %s" % (name, e)
    return every_format(exit=0, shows=["U+202E (right-to-left override)"])(d)


case("clean output: escapes in a double-quoted text", escapes_in_text, exit=0,
     codes=["bidi-control"], check=nbsp_in_outputs)


def trojan_source(field):
    return with_text(field, "The budget is CHF \u202e0001\u202c, agreed \u2067x\u2069.")


for field in ("paragraph.text", "document.title", "section.heading", "person.name"):
    case("clean output: bidirectional controls in " + field, trojan_source(field), exit=0,
         codes=["bidi-control"], check=every_format(exit=0, shows=["CHF <U+202E>0001<U+202C>"]))


# ---------------------------------------------------------------------------
# Running

PROGRAM = None
SCALE = 1.0  # what CWG_PATHOLOGICAL_TIME_SCALE says
SANITIZED = False  # a sanitizer build, known by ASAN_OPTIONS
XFAIL = "xfail: "  # a problem string starting so is the case's known bug


class Limits:
    """What one run of the program may use: CPU seconds, bytes of address
    space (None: no limit), seconds on the clock, and the size of a file
    written (None: no limit)."""

    def __init__(self, cpu, memory, wall, file_size=None):
        self.cpu = cpu
        self.memory = memory
        self.wall = wall
        self.file_size = file_size

    def apply(self):
        """In the child, before exec."""
        os.setsid()
        if self.memory:
            resource.setrlimit(resource.RLIMIT_AS, (self.memory, self.memory))
        # RLIMIT_CPU counts whole seconds: SIGXCPU at the soft limit, SIGKILL
        # at the hard one, should SIGXCPU be ignored. The exact limit is
        # checked on the CPU time measured.
        soft = max(1, math.ceil(self.cpu))
        resource.setrlimit(resource.RLIMIT_CPU, (soft, soft + 1))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if self.file_size:
            # As `ulimit -f` sets it: SIGXFSZ keeps its default action, which
            # subprocess restores, and would kill the program.
            resource.setrlimit(resource.RLIMIT_FSIZE, (self.file_size, self.file_size))


class Run:
    """The outcome of one run: exit status (negative: the signal), output,
    wall-clock and CPU seconds, and what went over a limit, if anything did.
    (No peak memory: a child's ru_maxrss counts the memory of this script,
    from which it was forked.)"""

    def __init__(self, returncode, stdout, stderr, wall, cpu, over):
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr
        self.wall = wall
        self.cpu = cpu
        self.over = over


def run_limited(cmd, limits, cwd=None):
    """Runs `cmd` under `limits`, measuring this child alone (wait4)."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd,
                            preexec_fn=limits.apply)
    chunks = {}

    def drain(name, stream):
        chunks[name] = stream.read()

    readers = [threading.Thread(target=drain, args=(n, s))
               for n, s in (("out", proc.stdout), ("err", proc.stderr))]
    for r in readers:
        r.start()
    hung = threading.Event()

    def kill():
        hung.set()
        os.killpg(proc.pid, signal.SIGKILL)

    timer = threading.Timer(limits.wall, kill)
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    for r in readers:
        r.join()
    proc.stdout.close()
    proc.stderr.close()
    wall = time.monotonic() - start
    cpu = usage.ru_utime + usage.ru_stime
    over = None
    if hung.is_set():
        over = "no exit after %.0f s on the clock (a hang: %.2f s of CPU used)" % (limits.wall, cpu)
    elif proc.returncode in (-signal.SIGXCPU, -signal.SIGKILL) or cpu > limits.cpu:
        over = "over its CPU limit of %.1f s (%.2f s used%s)" % (
            limits.cpu, cpu, ", killed by signal %d" % -proc.returncode
            if proc.returncode < 0 else "")
    return Run(proc.returncode, chunks.get("out", b""), chunks.get("err", b""), wall, cpu, over)


def case_limits(c, scale, sanitized):
    cpu = c.cpu * scale * (10 if sanitized else 1)
    return Limits(cpu, None if sanitized else MEMORY_LIMIT, max(BACKSTOP * scale, 4 * cpu),
                  c.file_size)


def default_limits():
    """The limits of a case that says nothing, for the runs a check makes."""
    return case_limits(Case("", None), SCALE, SANITIZED)


def run_case(c, scratch, scale, sanitized):
    d = scratch / re.sub(r"[^a-z0-9]+", "-", c.name.lower()).strip("-")
    d.mkdir()
    c.build(d)
    out = d / "out"
    before = sorted(p.name for p in out.iterdir()) if out.is_dir() else None
    cmd = [PROGRAM, "build", str(d), "--diagnostics-format", "json", "--color", "never", "-q",
           *c.args]
    # Run in the meeting folder, so that a relative path given in a case's
    # arguments stays inside the scratch directory.
    run = run_limited(cmd, case_limits(c, scale, sanitized), cwd=d)
    problem = judge(c, d, out, before, run)
    return problem, run


def judge(c, d, out, before, run):
    """What is wrong with the run of case `c` on folder `d`, or None."""
    stderr = run.stderr
    if run.over:
        return run.over
    if run.returncode < 0:
        return "killed by signal %d" % -run.returncode
    if run.returncode != c.exit:
        return "exit %d, expected %d: %s" % (run.returncode, c.exit,
                                              stderr.decode("utf-8", "replace")[:300])
    reported = set()
    for line in stderr.decode("utf-8", "replace").splitlines():
        if line.startswith("cwgreport: "):
            reported.add("cwgreport")  # a problem of the run, not of the sources
            continue
        try:
            reported.add(json.loads(line)["code"])
        except (ValueError, KeyError, TypeError):
            if line.strip():
                return "not a JSON diagnostic: %r" % line[:120]
    if CONTROL.search(stderr.decode("utf-8", "replace").replace("\\u", "")):
        return "control character in the diagnostics"
    missing = c.codes - reported
    if missing:
        return "no %s reported (got %s)" % (sorted(missing), sorted(reported))
    if c.exit == 0 or c.only:
        unexpected = {code for code in reported if code not in c.codes}
        if unexpected:
            return "unexpected diagnostics %s" % sorted(unexpected)
    if c.exit == 0:
        problems = output_problems(out)
        if c.known_md_bug and problems and all(p.startswith("report.md:") for p in problems):
            return XFAIL + "; ".join(problems[:3])
        if problems:
            return "; ".join(problems[:5])
    else:
        now = sorted(p.name for p in out.iterdir()) if out.is_dir() else None
        if now != before:
            return "a failed build changed out/: %s -> %s" % (before, now)
    if c.check:
        problem = c.check(d)
        if problem:
            return problem
    return None


def main():
    global PROGRAM, SCALE, SANITIZED
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--program", required=True, help="the cwgreport binary")
    parser.add_argument("-k", dest="filter", help="run only cases whose name contains this")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folders")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    parser.add_argument("--write", nargs=2, metavar=("CASE", "DIR"),
                        help="write the meeting folder of one case into DIR (a new folder) and "
                             "exit; the browser test builds the injection cases this way")
    args = parser.parse_args()
    PROGRAM = os.path.abspath(args.program)
    if args.list:
        for c in CASES:
            print(c.name)
        return 0
    if args.write:
        name, folder = args.write
        chosen = [c for c in CASES if c.name == name]
        if not chosen:
            print("no case named %r" % name, file=sys.stderr)
            return 2
        target = pathlib.Path(folder)
        target.mkdir(parents=True)
        chosen[0].build(target)
        return 0
    sanitized = SANITIZED = bool(os.environ.get("ASAN_OPTIONS"))
    scale = SCALE = float(os.environ.get("CWG_PATHOLOGICAL_TIME_SCALE", "1"))
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="cwgreport-pathological-"))
    passed = failed = xfailed = 0
    most_cpu = None
    try:
        for c in CASES:
            if args.filter and args.filter not in c.name:
                continue
            problem, run = run_case(c, scratch, scale, sanitized)
            timing = "%5.2f s (cpu %5.2f s)" % (run.wall, run.cpu)
            if c.cpu == DEFAULT_CPU and (not most_cpu or run.cpu > most_cpu[0]):
                most_cpu = (run.cpu, c.name)
            if problem and problem.startswith(XFAIL):
                xfailed += 1
                print("xfail %s  %s: %s" % (timing, c.name, problem[len(XFAIL):]))
                print("      known bug: %s" % c.known_md_bug)
            elif c.known_bug:
                if problem:
                    xfailed += 1
                    print("xfail %s  %s: %s" % (timing, c.name, problem))
                    print("      known bug: %s" % c.known_bug)
                else:
                    passed += 1
                    print("XPASS %s  %s: fixed? remove its known_bug mark" % (timing, c.name))
            elif problem:
                failed += 1
                print("FAIL  %s  %s: %s" % (timing, c.name, problem))
            else:
                passed += 1
                print("ok    %s  %s" % (timing, c.name))
            sys.stdout.flush()
    finally:
        if args.keep:
            print("scratch folders kept in %s" % scratch)
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    if most_cpu:
        print("most CPU time of a case held to %.0f s: %.2f s (%s)" % (
            DEFAULT_CPU, most_cpu[0], most_cpu[1]))
    if xfailed:
        print("%d known bugs (xfail), not counted" % xfailed)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
