#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz harnesses from the repository's examples.

    make_corpus.py OUTDIR

OUTDIR/yaml      every YAML source file of examples/ and tests/cases/
OUTDIR/meeting   each example meeting as one input: report.yaml, documents.yaml
                 and its section files separated by NUL bytes, with the paths in
                 report.yaml renamed to the harness's s1.yaml, s2.yaml, ...
OUTDIR/markdown  the text of every Markdown field of the examples, and a few
                 inputs for the Markdown constructs the examples do not use

The seeds are generated rather than kept in the repository so that they follow
the examples as they change.
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
MAX_SECTIONS = 8  # as in meeting_fuzz.cc

EXTRA_MARKDOWN = [
    "*emphasis*, **strong**, `code`, ~~struck~~ and [a link](https://www.itu.int).",
    "See {doc:3/2|full}, {para:first}, {sec:intro}{note:n1} and {ref:res1}.",
    "| a | b |\n|:--|--:|\n| {doc:3/1} | *x* |",
    "> quoted\n>\n> - item\n>   1. nested",
    "- one\n- two\n\n  continued\n\n1) first\n2) second",
    "line  \nbreak\\\nand\n\na second paragraph",
    "<b>raw</b> &amp; &#27; \\*not emphasis\\* \\{doc:x}",
    "![image](u) [ref][r]\n\n[r]: https://example.org",
    "```\ncode block\n```\n\n    indented code",
    "[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) <javascript:alert(1)>",
]


def split_yaml_list(report: str, key: str):
    """The paths listed under `key:` in report.yaml, block or flow style."""
    m = re.search(r"^%s:[ \t]*\[([^\]]*)\]" % key, report, re.M)
    if m:
        return [p.strip().strip("'\"") for p in m.group(1).split(",") if p.strip()]
    m = re.search(r"^%s:[ \t]*(#.*)?\n((?:[ \t]+-.*\n|[ \t]*#.*\n)*)" % key, report, re.M)
    if not m:
        return []
    return [
        line.strip()[1:].strip().strip("'\"")
        for line in m.group(2).splitlines()
        if line.strip().startswith("-")
    ]


def meeting_seed(folder: pathlib.Path) -> bytes:
    report = (folder / "report.yaml").read_text(encoding="utf-8")
    paths = split_yaml_list(report, "sections") + split_yaml_list(report, "annexes")
    paths = paths[:MAX_SECTIONS]
    parts = []
    for i, path in enumerate(paths, 1):
        report = report.replace(path, "s%d.yaml" % i)
        parts.append((folder / path).read_bytes())
    documents = folder / "documents.yaml"
    docs = documents.read_bytes() if documents.exists() else b""
    return b"\0".join([report.encode("utf-8"), docs] + parts)


def markdown_fields(text: str):
    """The values of the Markdown keys of a YAML file, read line by line."""
    keys = ("text", "heading", "summary", "action", "title")
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        m = re.match(r"^(\s*(?:- )?)(%s):\s*(.*)$" % "|".join(keys), lines[i])
        i += 1
        if not m:
            continue
        value = m.group(3)
        if value[:1] in (">", "|"):
            indent = None
            body = []
            while i < len(lines) and (not lines[i].strip() or indent is None
                                      or lines[i].startswith(" " * indent)):
                if lines[i].strip() and indent is None:
                    indent = len(lines[i]) - len(lines[i].lstrip())
                    if indent <= len(m.group(1)):
                        break
                body.append(lines[i][indent or 0:])
                i += 1
            yield "\n".join(body).strip("\n")
        elif value:
            yield value.strip("'\"")


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    out = pathlib.Path(sys.argv[1])
    for name in ("yaml", "meeting", "markdown"):
        (out / name).mkdir(parents=True, exist_ok=True)

    count = {"yaml": 0, "meeting": 0, "markdown": 0}
    sources = sorted((ROOT / "examples").rglob("*.yaml")) + sorted(
        (ROOT / "tests" / "cases").rglob("*.yaml"))
    texts = []
    for path in sources:
        data = path.read_bytes()
        name = "_".join(path.relative_to(ROOT).parts)
        (out / "yaml" / name).write_bytes(data)
        count["yaml"] += 1
        texts.extend(markdown_fields(data.decode("utf-8", "replace")))

    for folder in sorted(p.parent for p in ROOT.glob("examples/*/report.yaml")):
        (out / "meeting" / folder.name).write_bytes(meeting_seed(folder))
        count["meeting"] += 1
    base = ROOT / "tests" / "cases" / "base"
    (out / "meeting" / "cases-base").write_bytes(meeting_seed(base))
    count["meeting"] += 1

    seen = set()
    for text in texts + EXTRA_MARKDOWN:
        if not text or text in seen:
            continue
        seen.add(text)
        (out / "markdown" / ("%04d" % len(seen))).write_text(text, encoding="utf-8")
        count["markdown"] += 1

    print("seeds: %(yaml)d yaml, %(meeting)d meeting, %(markdown)d markdown" % count)
    return 0


if __name__ == "__main__":
    sys.exit(main())
