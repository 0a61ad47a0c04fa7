#!/usr/bin/env python3
# Writes a synthetic but realistic meeting folder for the benchmark, and the
# same report as one Markdown file with a YAML metadata block for pandoc.
"""Generate a benchmark meeting folder.

    gen.py OUTDIR --paragraphs N [--documents D] [--big-paragraph BYTES]

OUTDIR receives report.yaml, documents.yaml, sections/NNN.yaml and
equivalent.md: the text the report prints, in Markdown, so that cmark-gfm
and pandoc can be timed on the same text. The folder is valid: cwgreport
builds it without an error or a warning.

The text is made of sentences like those of real reports, with emphasis,
links, cross-references ({doc:...}, {para:...}, {sec:...}, {entity:...},
{person:...}, {meeting:...}), lists (bullets, letters, roman numbers) and a
register of about one document per ten paragraphs, a tenth of them revised.
Sections hold at most 250 paragraphs, one file each.

--big-paragraph BYTES adds one paragraph of about that many bytes (a folded
block scalar with a cross-reference every few hundred bytes), for the
pathological-input runs.
"""

import argparse
import os
import random

GROUP = "Council Working Group on Benchmarking Report Tooling"
ACRONYM = "CWG-BRT"
MEETING = 7
DATE = "2024-05-14"
LONG_DATE = "14 May 2024"

COUNTRIES = [
    ("br", "Federative Republic of Brazil", "Brazil"),
    ("ke", "Republic of Kenya", "Kenya"),
    ("uae", "United Arab Emirates", "UAE"),
    ("ru", "Russian Federation", None),
    ("am", "Republic of Armenia", "Armenia"),
    ("ar", "Argentine Republic", "Argentina"),
    ("eg", "Arab Republic of Egypt", "Egypt"),
    ("pl", "Republic of Poland", "Poland"),
    ("in", "Republic of India", "India"),
    ("jp", "Japan", None),
    ("ca", "Canada", None),
    ("mx", "United Mexican States", "Mexico"),
    ("ng", "Federal Republic of Nigeria", "Nigeria"),
    ("fr", "French Republic", "France"),
    ("de", "Federal Republic of Germany", "Germany"),
    ("unicef", "United Nations Children’s Fund", "UNICEF"),
    ("iwf", "Internet Watch Foundation", "IWF"),
    ("bdt", "Telecommunication Development Bureau", "BDT"),
    ("secretariat", "ITU secretariat", None),
]

TOPICS = [
    "child online protection", "digital literacy", "the digital divide",
    "online safety education", "school safeguarding policies", "national strategies",
    "capacity building", "the reporting of abuse material", "age-appropriate design",
    "the regional initiatives", "teacher training", "parental guidance",
    "multistakeholder cooperation", "the online consultation of young people",
    "affordable access", "data protection for minors", "the guidelines for industry",
]

VERBS = [
    "presented", "introduced", "summarized", "outlined", "described", "reported on",
]

OPENINGS = [
    "The representative of {who} {verb} {doc}, which focused on {topic}.",
    "The delegate of {who} {verb} {doc} on {topic} and thanked the secretariat for its support.",
    "{Who} {verb} {doc}, a contribution on {topic}, submitted to the {meeting} meeting.",
    "Following the discussion in paragraph {para}, {who} {verb} {doc} on {topic}.",
]

SENTENCES = [
    "The contribution stressed that {topic} remains *high on the political agenda* and that "
    "stakeholders should pool their resources.",
    "It proposed to extend the work on {topic} to the regions, in line with {ref}.",
    "Several delegations supported the proposal and asked for a progress report at the next "
    "meeting, as recalled in paragraph {para}.",
    "The secretariat noted that the material on {topic} is available on the "
    "[ITU website](https://www.itu.int/en/cop/) and invited comments by e-mail.",
    "{Who2} welcomed the initiative and shared its experience with {topic}, in particular "
    "the campaign **“I click sensibly”** for primary school pupils.",
    "The Chair, {chair}, thanked the presenters and recalled the discussion of {topic} "
    "in section {sec}.",
    "The survey found that the key challenges were unequal ICT access, the digital divide "
    "and online safety risks; most respondents did not think that current strategies were "
    "effective.",
    "The representative explained how the initiative adapted itself to the national "
    "context: to its education, culture, language and legislation.",
    "A proposal was put forward to set up a page showcasing studies or best practices on "
    "{topic} to which stakeholders could refer when needed.",
    "Participants agreed to send their comments on {topic} to the secretariat before "
    "{date}, using the template `CWG-BRT/template-2`.",
    "The delegate of {who2} asked whether a mechanism existed for reporting regional "
    "activities on {topic} and whether ~~a new~~ the existing repository could hold them.",
]

ITEMS = [
    "to engage in multistakeholder approaches on {topic};",
    "to promote investment in infrastructure and affordable access;",
    "to develop a framework for {topic};",
    "to report on {topic} at the next meeting of the group;",
    "to focus on girls and young women in the work on {topic};",
    "to encourage children to think of their digital futures.",
]

KINDS = (["contribution"] * 6 + ["information-report"] * 3 + ["liaison-statement"])
HEADINGS = [
    "Discussions on {topic}", "Contributions on {topic}", "Information reports on {topic}",
    "Outcomes on {topic}", "Regional activities on {topic}",
]


def wrap(text, indent, width=90):
    """Folds text into lines of at most `width` columns for a `>-` scalar."""
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(indent) + len(line) + 1 + len(word) > width:
            lines.append(indent + line)
            line = word
        else:
            line = word if not line else line + " " + word
    if line:
        lines.append(indent + line)
    return "\n".join(lines)


def yaml_block(key, text, indent):
    return f"{indent}{key}: >-\n" + wrap(text, indent + "  ")


class Report:
    def __init__(self, paragraphs, documents, big, seed):
        self.rng = random.Random(seed)
        self.n = paragraphs
        self.d = documents if documents is not None else max(6, paragraphs // 10)
        self.big = big
        self.entities = list(COUNTRIES)
        # A larger register has more submitters, as a real archive would.
        for i in range(max(0, self.d // 20 - len(COUNTRIES))):
            self.entities.append((f"org-{i + 1}", f"Organization number {i + 1}", f"ORG{i + 1}"))
        self.make_documents()
        self.make_structure()

    # The register: document 1 is the agenda, the rest contributions, information
    # reports and liaison statements; every tenth document is revision 1.
    def make_documents(self):
        rng = self.rng
        self.docs = []
        for i in range(self.d):
            # A series numbers at most 9999 documents: the rest are Council
            # documents (C24/...), as large archives cite.
            series = "C24/" if i >= 9999 else None
            number = i + 1 if not series else i - 9998
            kind = "agenda" if i == 0 else KINDS[rng.randrange(len(KINDS))]
            revision = 1 if i % 10 == 7 and not series else None
            sources = [self.entities[rng.randrange(len(self.entities))][0]]
            if rng.random() < 0.2:
                extra = self.entities[rng.randrange(len(self.entities))][0]
                if extra not in sources:
                    sources.append(extra)
            topic = TOPICS[rng.randrange(len(TOPICS))]
            title = "Agenda of the meeting" if kind == "agenda" else \
                f"{'Report' if kind == 'information-report' else 'Contribution'} on {topic}"
            key = (series or f"{MEETING}/") + f"{number}" + (f"R{revision}" if revision else "")
            symbol = (series or f"{ACRONYM}-{MEETING}/") + f"{number}" + \
                (f"R{revision}" if revision else "")
            self.docs.append(dict(number=number, kind=kind, revision=revision, sources=sources,
                                  title=title, key=key, symbol=symbol, series=series))
        self.presentable = [d for d in self.docs if d["kind"] != "agenda"]

    # Sections of at most 250 paragraphs; section 1 lists the register by kind.
    def make_structure(self):
        per = min(250, max(20, self.n // 8))
        self.sections = []
        # N paragraphs in all: the list of the register opens section 1.
        remaining = self.n - 1
        index = 0
        while remaining > 0 or not self.sections:
            count = min(per, remaining) if remaining > 0 else 0
            index += 1
            paras = []
            for j in range(count):
                label = f"s{index}-p{j + 1}" if (j % 2 == 0) else None
                paras.append(dict(label=label, number=f"{index}.{j + 1}"))
            topic = TOPICS[index % len(TOPICS)]
            heading = "Introduction" if index == 1 else HEADINGS[index % len(HEADINGS)].format(
                topic=topic)
            self.sections.append(dict(label=f"sec-{index}", number=str(index), heading=heading,
                                      paragraphs=paras))
            remaining -= count
        self.labels = [(p["label"], p["number"]) for s in self.sections
                       for p in s["paragraphs"] if p["label"]]
        # Each presentable document is presented by one paragraph, spread evenly.
        flat = [p for s in self.sections for p in s["paragraphs"]]
        if self.big:
            flat = flat[1:]  # the first paragraph is the big one
        step = max(1, len(flat) // max(1, len(self.presentable)))
        for i, doc in enumerate(self.presentable):
            flat[min(len(flat) - 1, i * step) if len(self.presentable) <= len(flat)
                 else i % len(flat)].setdefault("presents", []).append(doc)

    # A fragment of text in both notations: the source (with references) and
    # the printed Markdown (references resolved).
    def pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def entity(self):
        e = self.pick(self.entities)
        return f"{{entity:{e[0]}}}", e[2] or e[1]

    def para_ref(self):
        label, number = self.pick(self.labels) if self.labels else (None, None)
        if not label:
            return "1", "1"
        return f"{{para:{label}}}", f"[{number}](#{label})"

    def sec_ref(self):
        s = self.pick(self.sections)
        return f"{{sec:{s['label']}}}", f"[{s['number']}](#{s['label']})"

    def doc_ref(self, doc=None, form=""):
        doc = doc or self.pick(self.docs)
        key = doc["key"]
        # A revised document is often cited without its revision, as
        # authors do when only one revision is registered.
        if doc["revision"] and self.rng.random() < 0.5:
            key = key[: key.rfind("R")]
        if form == "full":
            return f"{{doc:{key}|full}}", f"{doc['symbol']}: {doc['title']}"
        return f"{{doc:{key}}}", doc["symbol"]

    def fill(self, template, doc=None):
        src, md = template, template
        subs = {
            "{who}": self.entity, "{Who}": self.entity, "{who2}": self.entity,
            "{Who2}": self.entity, "{para}": self.para_ref, "{sec}": self.sec_ref,
        }
        for key, fn in subs.items():
            while key in src:
                s, m = fn()
                src = src.replace(key, s, 1)
                md = md.replace(key, m, 1)
        fixed = {
            "{chair}": ("{person:lima}", "Ms Ana Lima (Brazil)"),
            "{meeting}": (f"{{meeting:{MEETING}}}", f"{MEETING}th"),
            "{date}": (f"{{meeting:{MEETING}|date}}", LONG_DATE),
            "{ref}": ("{ref:res179}", "Resolution 179 (Rev. Busan, 2014)"),
        }
        for key, (s, m) in fixed.items():
            src = src.replace(key, s)
            md = md.replace(key, m)
        while "{topic}" in src:
            t = self.pick(TOPICS)
            src = src.replace("{topic}", t, 1)
            md = md.replace("{topic}", t, 1)
        while "{verb}" in src:
            v = self.pick(VERBS)
            src = src.replace("{verb}", v, 1)
            md = md.replace("{verb}", v, 1)
        while "{doc}" in src:
            s, m = self.doc_ref(doc, "full" if self.rng.random() < 0.3 else "")
            src = src.replace("{doc}", s, 1)
            md = md.replace("{doc}", m, 1)
        return src, md

    def paragraph_text(self, para):
        parts = []
        for doc in para.get("presents", [])[:1]:
            parts.append(self.fill(self.pick(OPENINGS), doc))
        for _ in range(self.rng.randint(1, 3) if parts else self.rng.randint(2, 4)):
            parts.append(self.fill(self.pick(SENTENCES)))
        src = " ".join(p[0] for p in parts)
        md = " ".join(p[1] for p in parts)
        return src[0].upper() + src[1:], md[0].upper() + md[1:]

    def big_text(self):
        chunks_src, chunks_md, size = [], [], 0
        while size < self.big:
            s, m = self.fill(self.pick(SENTENCES))
            chunks_src.append(s)
            chunks_md.append(m)
            size += len(s) + 1
        return " ".join(chunks_src), " ".join(chunks_md)

    def write(self, out):
        os.makedirs(os.path.join(out, "sections"), exist_ok=True)
        md = []
        md.append("---\n"
                  f"title: Outcome of the {MEETING}th meeting of the {GROUP}\n"
                  "author: Chair, CWG-BRT\n"
                  f"date: {LONG_DATE}\n"
                  "---\n")
        md.append(f"# OUTCOME OF THE {MEETING}TH MEETING OF THE {GROUP.upper()}\n")
        md.append("**Summary**\n")
        summary_src = (f"This report summarizes the main results of the {{meeting:{MEETING}}} "
                       f"meeting of the {GROUP} ({ACRONYM}), held on {{meeting:{MEETING}|date}}, "
                       "in accordance with {ref:res179}.")
        md.append(f"This report summarizes the main results of the {MEETING}th meeting of the "
                  f"{GROUP} ({ACRONYM}), held on {LONG_DATE}, in accordance with Resolution "
                  "179 (Rev. Busan, 2014).\n")
        md.append("**Action required**\n")
        md.append("The Council is invited to take note of the report.\n")
        md.append("***\n")
        md.append("**References**\n")
        md.append("Resolution 179 (Rev. Busan, 2014), Council Resolution 1306\n")

        files = []
        for si, s in enumerate(self.sections):
            name = f"sections/{si + 1:03d}.yaml"
            files.append(name)
            lines = ["# yaml-language-server: $schema=../../../schemas/section.schema.json",
                     f"# Section {s['number']}: generated for the benchmark.", "",
                     f"label: {s['label']}", f"heading: {s['heading']}", "paragraphs:"]
            md.append(f'<a id="{s["label"]}"></a>\n')
            md.append(f"## {s['number']} {s['heading']}\n")
            if si == 0:
                lines.append("  - numbered: false")
                lines.append(yaml_block(
                    "text", "The meeting had before it the following contributions, information "
                    "reports and liaison statements:", "    "))
                lines.append("    documents: {kind: [contribution, information-report, "
                             "liaison-statement]}")
                lines.append("")
                md.append("The meeting had before it the following contributions, information "
                          "reports and liaison statements:\n")
                listed = [d for d in self.docs if d["kind"] in
                          ("contribution", "information-report", "liaison-statement")]
                # The register order by kind, as the generated list prints it.
                md.append("\n".join(f"- {d['symbol']}: {d['title']}" for d in listed) + "\n")
            for pi, p in enumerate(s["paragraphs"]):
                if self.big and si == 0 and pi == 0:
                    src, text_md = self.big_text()
                else:
                    src, text_md = self.paragraph_text(p)
                lines.append(f"  - label: {p['label']}" if p["label"] else "  - text: >-")
                if p["label"]:
                    if p.get("presents"):
                        keys = [d["key"] for d in p["presents"]]
                        lines.append("    presents: " + (keys[0] if len(keys) == 1 else
                                                         "[" + ", ".join(keys) + "]"))
                    lines.append(yaml_block("text", src, "    "))
                else:
                    lines.append(wrap(src, "      "))
                    if p.get("presents"):
                        keys = [d["key"] for d in p["presents"]]
                        lines.append("    presents: " + (keys[0] if len(keys) == 1 else
                                                         "[" + ", ".join(keys) + "]"))
                if p["label"]:
                    md.append(f'<a id="{p["label"]}"></a>\n')
                md.append(f"**{p['number']}** {text_md}\n")
                if pi % 10 == 5:
                    style = self.pick(["alpha", "roman", "bullet"])
                    items = [self.fill(self.pick(ITEMS)) for _ in range(self.rng.randint(2, 4))]
                    lines.append("    list:")
                    lines.append(f"      style: {style}")
                    lines.append("      items:")
                    for k, (isrc, imd) in enumerate(items):
                        lines.append(f"        - {isrc}")
                        mark = "-" if style == "bullet" else f"{k + 1}."
                        md.append(f"{mark} {imd}")
                    md.append("")
                lines.append("")
            with open(os.path.join(out, name), "w", encoding="utf-8") as f:
                f.write("\n".join(lines).rstrip("\n") + "\n")

        report = [
            "# yaml-language-server: $schema=../../schemas/report.schema.json",
            "# A synthetic report for the benchmark.", "",
            "group:", f"  name: {GROUP}", f"  acronym: {ACRONYM}", "  parent: Council", "",
            "meetings:", f"  - number: {MEETING}", f"    date: {DATE}",
            "    venue: ITU Headquarters in Geneva", "    participants: 50", "    mode: hybrid", "",
            "people:", "  - id: lima", "    name: Ana Lima", "    honorific: Ms",
            "    country: Brazil", "    role: chair", "",
            yaml_block("summary", summary_src, ""), "",
            "action: The Council is invited to take note of the report.", "",
            "references:", "  - id: res179", "    text: Resolution 179 (Rev. Busan, 2014)",
            "  - id: cr1306", "    text: Council Resolution 1306", "",
            "sections:",
        ] + [f"  - {f}" for f in files] + [
            "", "signature:", "  person: lima", "  role: Chair, CWG-BRT", ""]
        with open(os.path.join(out, "report.yaml"), "w", encoding="utf-8") as f:
            f.write("\n".join(report))

        reg = ["# yaml-language-server: $schema=../../schemas/documents.schema.json",
               "# The register of the synthetic report.", "", "entities:"]
        for eid, name, short in self.entities:
            reg.append(f"  - id: {eid}")
            reg.append(f"    name: {name}")
            if short:
                reg.append(f"    short: {short}")
        reg.append("")
        reg.append("documents:")
        for d in self.docs:
            reg.append(f"  - number: {d['number']}")
            if d["series"]:
                reg.append(f"    series: {d['series']}")
            if d["revision"]:
                reg.append(f"    revision: {d['revision']}")
            reg.append(f"    title: {d['title']}")
            reg.append(f"    kind: {d['kind']}")
            src = d["sources"]
            reg.append("    source: " + (src[0] if len(src) == 1 else "[" + ", ".join(src) + "]"))
        with open(os.path.join(out, "documents.yaml"), "w", encoding="utf-8") as f:
            f.write("\n".join(reg) + "\n")

        md.append("Ana Lima (Brazil)  \nChair, CWG-BRT\n")
        with open(os.path.join(out, "equivalent.md"), "w", encoding="utf-8") as f:
            f.write("\n".join(md))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="the meeting folder to write")
    ap.add_argument("--paragraphs", type=int, required=True,
                    help="paragraphs in all: N - 1 numbered ones, and the register's list")
    ap.add_argument("--documents", type=int, default=None,
                    help="registered documents (default: one per ten paragraphs, at least 6)")
    ap.add_argument("--big-paragraph", type=int, default=0, metavar="BYTES",
                    help="make the first paragraph about BYTES long")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    Report(args.paragraphs, args.documents, args.big_paragraph, args.seed).write(args.out)


if __name__ == "__main__":
    main()
