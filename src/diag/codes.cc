// The table of every diagnostic code: default severity, a one-line summary
// and the explanation `cwgreport explain CODE` prints. docs/diagnostics.md
// documents the same codes; a test keeps the two in step.
#include <unordered_map>

#include "cwgreport/diagnostic.h"

namespace cwg {

namespace {

using S = Severity;

const std::vector<CodeInfo> kCodes = {
    // Reading files.
    {"file-unreadable", S::error, "a source file is missing or cannot be read",
     "A file the report needs (report.yaml, documents.yaml, or a file listed under `sections:` or "
     "`annexes:`) does not exist, is not a regular file, or cannot be read.\n"
     "Fix: correct the path in report.yaml (a note suggests the file of the closest name), or "
     "create the file; paths are relative to the meeting folder and '/'-separated."},
    {"unlisted-section", S::warning, "a YAML file beside the section files that is not listed",
     "A `.yaml` file in a folder that holds listed section files (or in the meeting folder) "
     "is not listed under `sections:` or `annexes:` in report.yaml, so the report leaves it "
     "out. Usually a section was added and not listed. Hidden files are not considered, nor are "
     "symbolic links leading out of the folder or to a file the report reads.\n"
     "Fix: list the file in report.yaml, or delete it."},
    {"bad-path", S::error, "a listed path leaves the meeting folder or is not plain text",
     "Paths in report.yaml are relative to the meeting folder and must stay inside it: no "
     "absolute paths, no `..`, no symbolic link pointing outside, no control or invisible "
     "formatting character (a NUL, U+202E).\n"
     "Example: `sections: [../other/intro.yaml]`.\n"
     "Fix: copy the file into the meeting folder (e.g. into `sections/`) and list it by its "
     "path there: `- sections/intro.yaml`; rename a file whose name holds an invisible "
     "character."},
    {"file-too-large", S::error, "a source file is larger than the limit",
     "Each source file may be at most 8 MiB (change with --max-file-size).\n"
     "Fix: check that the path names the file meant (a wrong file is the usual cause); "
     "split a long section into several section files, or raise the limit "
     "(`--max-file-size 16MiB`) if the file is genuine."},
    {"folder-too-large", S::error, "the meeting folder's files are larger than the limit",
     "All the source files of a meeting folder together may be at most 8 MiB (change with "
     "--max-folder-size); a real report is some tens of kilobytes. The error is reported where "
     "the first file that does not fit is listed, and no further file is read.\n"
     "Fix: check that the listed paths name the files meant (a wrong file is the usual cause); "
     "split a genuinely large report, or raise the limit (`--max-folder-size 64MiB`)."},
    {"invalid-encoding", S::error, "a source file is not clean UTF-8 text",
     "Sources must be UTF-8 without NUL bytes or control characters other than tab, line feed "
     "and carriage return; a byte-order mark is allowed only at the very start; UTF-16 is not "
     "accepted. Unicode noncharacters (U+FDD0 to U+FDEF, U+FFFE, U+FFFF and the last two code "
     "points of every plane), which Unicode reserves for a program's internal use, are "
     "rejected too, written or as a YAML escape. A file saved by an old editor in Latin-1 or "
     "Windows-1252, or pasted with control characters, is the usual cause.\n"
     "Fix: save the file as UTF-8 in your editor (often 'Save with encoding'); delete an "
     "invisible control character at the position shown."},
    {"bidi-control", S::warning, "a bidirectional control character in a source file",
     "The characters U+202A-U+202E (embeddings and overrides) and U+2066-U+2069 (isolates) "
     "change the order in which the text around them is displayed, and most editors and "
     "reviews of a change do not show them: `CHF <U+202E>0001<U+202C>` holds 0001 and displays "
     "as 1000, so a report can say something other than what its reviewers read. They are "
     "reported once per line wherever they occur, written as they are or as an escape "
     "(`\"\\u202E\"`) in a double-quoted string; diagnostics show them as `<U+202E>`.\n"
     "Fix: delete the character. Text in a right-to-left script displays correctly without "
     "it."},
    {"yaml-syntax", S::error, "the file is not valid YAML",
     "The YAML parser could not read the file at the position shown.\n"
     "Example: `heading: Opening: welcome` (a second ': ' in a value), or a line of a `>-` "
     "block indented less than the block's first line.\n"
     "Fix: quote a value that holds ': ' as a whole (`heading: \"Opening: welcome\"`) or write "
     "it as a block (`text: >-`, text on the lines below); indent every line of a block like "
     "its first line; start the keys of one mapping, and the items of one list, in the same "
     "column; quote a text that starts with `*`, `[`, `{`, `` ` ``, `@`, `&`, `!` or `%`; "
     "close an unterminated quote; indent with spaces, not tabs."},
    {"yaml-multiple-documents", S::error, "a file holds more than one YAML document",
     "Each source file holds exactly one YAML document; a second `---` starts another.\n"
     "Fix: remove the `---` line (a line of three dashes meant as a rule belongs in no "
     "source), or move what follows it into a file of its own and list that file."},
    {"yaml-alias", S::error, "anchors and aliases are not allowed",
     "`&anchor` and `*alias` make sources hard to review in a diff and can make a tiny file "
     "expand without bound, so they are rejected. Often they are not meant: a text that "
     "starts with `*` (`*All* delegations`) or holds ` &` at its start is read as an alias or "
     "an anchor.\n"
     "Fix: write the value out in full wherever it is needed; put a text that starts with "
     "`*` or `&` in double quotes, or write it as a block (`text: >-`)."},
    {"yaml-tag", S::error, "explicit YAML tags are not allowed",
     "Tags such as `!!str` or `!custom` are not part of the source format.\n"
     "Fix: remove the tag (`!!str`); a text that starts with `!` (`!Important`) is put in "
     "double quotes or written as a block."},
    {"yaml-complex-key", S::error, "a mapping key is not a plain string",
     "Keys must be simple strings; a list or map used as a key is rejected, and so is an "
     "empty key. A line of text that starts with `? ` or `: ` is read as such a key.\n"
     "Fix: write the key as a plain word from the format reference (`text:`); put a text "
     "that starts with `?` or `:` in double quotes."},
    {"yaml-limit", S::error, "the file nests too deeply or has too many nodes",
     "Source files may nest at most 64 levels, and all the files of a meeting folder together "
     "hold at most one node (each value, list and mapping is one) for every 16 bytes the folder "
     "may hold: 524,288 by default, more with --max-folder-size. Real reports stay far below (a "
     "report of a few thousand paragraphs has some 20,000); the limits protect against hostile "
     "input.\n"
     "Fix: check that the file is the one meant (a generated or corrupted file is the usual "
     "cause); the format never nests that deep: a list nests at most a few levels, and a "
     "long report is split into section files."},
    {"duplicate-key", S::error, "a key appears twice in the same mapping",
     "YAML parsers usually keep one of the two values silently; cwgreport rejects the file so "
     "that no text is lost.\nExample: two `text:` keys in one paragraph.\n"
     "Fix: remove or merge one of the two."},
    {"text-limit", S::error, "a text field is too large or nests too deeply",
     "Markdown text fields have limits that real reports stay far below and that keep hostile "
     "text from taking minutes or gigabytes: at most 256 KiB per field, also once its "
     "cross-references and link references are printed (change with --max-field-size); block "
     "quotes and list items nested at most 32 deep, and emphasis, strikethrough and links as "
     "well; at most 32 '[' open at once in one paragraph; at most 64 columns in a Markdown "
     "table; at most 500,000 line breaks and Markdown punctuation characters per field; at most "
     "64 MiB for the text of the whole report as printed, each field counting at least 256 "
     "bytes.\n"
     "Example: a paragraph starting with forty '>'.\n"
     "Fix: escape the characters that are text (`\\>`, `\\*`, `\\[`, `\\|`), or split "
     "the text."},
    {"count-limit", S::error, "the report holds more of something than the limit",
     "A report may hold at most 10,000 section and annex files, 100,000 paragraphs (quoted "
     "paragraphs included), 100,000 list items, 100,000 table cells, 10,000 footnotes, 10,000 "
     "registered documents, and 10,000 people, entities and references together. The largest "
     "real reports have a few thousand paragraphs; the limits keep a hostile folder from "
     "taking gigabytes of memory. The first one over the limit is reported, and no further one "
     "is read.\n"
     "Fix: check that the right files are listed; split a genuinely large report."},

    // The source format.
    {"unknown-key", S::error, "a key that the source format does not define",
     "Every key must be one the format reference lists for that place; a typo is reported with "
     "the closest valid key, and otherwise the keys valid there are listed.\n"
     "Example: `headng: Discussions`.\n"
     "Fix: correct the key as the note suggests, or remove it. A valid key reported here is "
     "at the wrong indentation: indent it like the keys of the mapping it belongs to."},
    {"colon-in-text", S::error, "a text that YAML reads as a key, because of a ':'",
     "A plain (unquoted) text that contains ': ', or ends with ':', is a key and its value to "
     "YAML, and one that starts with '{' is a mapping: `- The agenda was adopted with one "
     "change: item 5 was moved.` is a paragraph to the reader but a mapping to YAML.\n"
     "Fix: quote the whole text (`- \"The agenda ... change: item 5 was moved.\"`), or write "
     "it as a block under `text: >-`, with the text on the lines below, indented; a list "
     "item that ends with ':' is quoted, colon included (`- \"agreed to:\"`); a text followed "
     "by a list is written as `text:` and `list:`."},
    {"missing-key", S::error, "a required key is missing",
     "Example: a document without `title:`.\n"
     "Fix: add the key with its value, indented like the other keys of the mapping "
     "(`title: Contribution from Argentina`); if it is there, check its spelling and its "
     "indentation."},
    {"wrong-type", S::error, "a value of the wrong type",
     "Example: `paragraphs:` given a string instead of a list, or `number: '14'` quoted.\n"
     "Fix: write the value as the format reference shows: a list as `- item` lines (or "
     "`[a, b]`), a mapping as `key: value` lines indented under its key, a number plainly "
     "(`number: 14`), a boolean as `true` or `false`."},
    {"ambiguous-scalar", S::error, "an unquoted value that YAML could read as something else",
     "YAML 1.1 tools read plain `no`, `on`, `yes`, `~`, `1.10` or `08` as a boolean, null or "
     "number, so a value meant as text must be quoted.\nExample: `country: NO` (Norway).\n"
     "Fix: quote it: `country: 'NO'`; write numbers without leading zeros."},
    {"invalid-value", S::error, "a value outside the allowed set",
     "Example: `kind: contributon` or `mode: online`; `numbered: true` on a paragraph of the "
     "preamble, which is not numbered; a group `series` with a brace other than `{meeting}`.\n"
     "Fix: use one of the values listed in the message."},
    {"not-in-kind", S::error, "a key that the document's kind does not print",
     "report.yaml's `kind:` says what the document is, and each kind prints its own parts. A "
     "working group's own document (`kind: group-document`) has no Summary box, so no "
     "`summary`, `action`, `references` or `reference_separator`; its header names the group "
     "and the meeting, so its cover has no `session` or `dates`; and it belongs to one meeting. "
     "A chair's report (`kind: chair-report`) has no cover. A meeting's `name`, `start_time` "
     "and `end_time`, a section's `continued` and `signatures:` belong to a summary record "
     "(`kind: summary-record`), which records one meeting, held on one day (no `end_date`), "
     "and is signed under `signatures:`, not `signature:`. A key that would not be printed is "
     "an error, not a text silently left out.\n"
     "Example: `kind: group-document` with `summary:`.\n"
     "Fix: remove the key, or choose the kind that prints it (`kind: outcome` prints the "
     "Summary box and the cover)."},
    {"invalid-date", S::error, "a date that is malformed or does not exist",
     "Dates are written YYYY-MM-DD and must exist.\nExample: `date: 2018-02-30`, or "
     "`date: 23/01/2018`.\n"
     "Fix: write the date as year, month and day with hyphens (`2018-01-23`), and check "
     "that the day exists in that month."},
    {"invalid-time", S::error, "a time of day that is malformed or does not exist",
     "A meeting's `start_time` and `end_time` are written HH:MM on the 24-hour clock, from "
     "00:00 to 23:59, and quoted: a summary record prints them as '0930'.\n"
     "Example: `start_time: 9:30`, or `end_time: \"12.25\"`.\n"
     "Fix: write two digits for the hour and two for the minutes, with a colon, in quotes "
     "(`\"09:30\"`)."},
    {"invalid-label", S::error, "a label or id with characters other than a-z, 0-9 and '-'",
     "Labels and ids become HTML anchors and are typed in references, so they are restricted "
     "to lowercase letters, digits and hyphens, starting with a letter.\n"
     "Fix: rename it with lowercase letters, digits and hyphens, starting with a letter "
     "(`UAE_Rights` becomes `uae-rights`), and update the references to it."},
    {"empty-text", S::error, "a text field is empty, or holds only blank space",
     "Example: `heading: ''`, `heading: '  '`, or `text: >-` with no line below it indented "
     "more than the key.\n"
     "The parts a report may leave blank on purpose (`action`, and the cover's "
     "`agenda_item`, `symbol` and `original`) are written `''`: their heading or label is "
     "printed alone. Blank space is an error there too.\n"
     "Fix: write the text (under a block such as `text: >-`, on the lines below, indented "
     "more than the key), remove the entry, or, where a part may be blank, write `''`."},
    {"comment-in-text", S::warning, "text after ' #' in a plain value, read as a comment",
     "In a value written without quotes, a `#` after a space starts a YAML comment: the rest "
     "of the line is left out of the text, and so is a line of the value that starts with "
     "`#`. `- The campaign #TodosSomosUnicos was noted.` prints \"The campaign\". A comment "
     "written as comments are, with a space after the `#`, is not reported.\n"
     "Fix: put the whole value in quotes, or write it as a block (`text: >-`) on the lines "
     "below its key, where `#` is text."},
    {"folded-line-break", S::warning, "an empty line in a folded block that starts no paragraph",
     "In a folded block (`>-`) YAML turns one empty line into a single line break, and "
     "Markdown reads a single line break as a space: the text after the empty line runs on "
     "in the same paragraph. A more-indented line is joined the same way.\n"
     "Fix: leave two empty lines to start a continuation paragraph, or write the block with "
     "`|-`, where one empty line is enough."},

    // Cross-references.
    {"bad-xref", S::error, "a malformed cross-reference",
     "A cross-reference is `{kind:key}` or `{kind:key|form}`. This one has an unknown kind or "
     "form, or no closing brace.\nExample: `{dco:14/2}`.\n"
     "Fix: correct the kind or form (the kinds are doc, para, sec, annex, ref, entity, "
     "person, count, meeting and note; a note suggests the closest), add the closing `}`, "
     "or write `\\{` for a brace that is text."},
    {"unknown-document", S::error, "a reference to a document that is not registered",
     "A key names a registered document: the meeting's number, a slash, the document's "
     "number, `R1` for revision 1 and `A1` for addendum 1 (`14/4R1`), or for another series "
     "its symbol (`C17/130R1`).\n"
     "Example: `{doc:14/99}` when documents.yaml has no document 99; `presents: "
     "CWG-COP-14/4R1` or `presents: 4`, a symbol or a number where the key `14/4R1` belongs.\n"
     "Fix: write the key the message names; otherwise correct the key (the note suggests the "
     "closest registered one), add the revision ('14/4R1') when several are registered, or "
     "register the document in documents.yaml."},
    {"unknown-label", S::error,
     "a reference to a paragraph, section or annex label that does not "
     "exist",
     "Example: `{para:uae-right}`.\nFix: correct the label, or add `label:` to the target."},
    {"unknown-id", S::error, "a reference to a person, entity or reference id that does not exist",
     "Example: `source: [argentna]`, `{ref:res-179}`, `signature: {person: chair}`.\n"
     "Fix: correct the id (a note suggests the closest), or define it under `people:` "
     "(report.yaml), `entities:` (documents.yaml) or `references:` (report.yaml)."},
    {"unknown-meeting", S::error, "a reference to a meeting that the report does not cover",
     "`{meeting:N}` names a meeting the report covers (`meetings:`) or a declared earlier "
     "meeting (`earlier_meetings:`); `meeting: N` on a document names a meeting covered.\n"
     "Example: `{meeting:15}` in the report of the 14th meeting; `{meeting:14}` in the report "
     "of the 15th, with no earlier meeting 14 declared.\n"
     "Fix: correct the number. For an earlier meeting of the group, add `earlier_meetings: "
     "[{number: 14, date: 2018-01-23}]` to report.yaml; list a meeting under `meetings:` only "
     "when the report covers it (it makes the title). Register a document of an earlier "
     "meeting with `series: CWG-COP-14/`."},
    {"wrong-target", S::error, "a reference to a label of the wrong kind",
     "Example: `{sec:uae-rights}` where `uae-rights` labels a paragraph, or `{para:x}` where "
     "paragraph x is unnumbered.\n"
     "Fix: use the kind that matches the target (`{para:...}` for a paragraph or list item, "
     "`{sec:...}`, `{annex:...}`); for an unnumbered paragraph, refer to its section, or "
     "remove its `numbered: false`."},
    {"number-order", S::error, "a paragraph's fixed number is not after the one before it",
     "A paragraph may keep its number as written (`number: 2` in section 6 prints 6.2) "
     "where a report skips numbers; the paragraphs after it count on from there. A fixed "
     "number at or below the number of the paragraph before it would go backwards or print "
     "the same number twice.\n"
     "Example: `number: 2` on the third numbered paragraph of a section.\n"
     "Fix: write a number after the one before it, or remove `number:` to have the number "
     "computed."},
    {"frozen-label-removed", S::error,
     "a label of the circulated report (frozen.yaml) is no longer in the sources",
     "Once a report is frozen (`cwgreport freeze`), frozen.yaml keeps the number of every "
     "labelled section, annex, paragraph and list item as circulated, and delegations cite "
     "them. A label that disappears would leave its number pointing at nothing, or let the "
     "next paragraph take it. The error is located at the label's line in frozen.yaml.\n"
     "Fix: restore the label; to withdraw a paragraph, keep it with its label and "
     "`deleted: true` (it prints `6.4 [Deleted]`, or nothing with `numbering: {deleted: "
     "omitted}`)."},
    {"frozen-number-changed", S::error,
     "a unit of the circulated report would print another number than it was circulated with",
     "A frozen section, annex or list item keeps its number: one inserted before it, or a "
     "paragraph moved to another section, would renumber what delegations cite. Paragraphs "
     "inserted after circulation are numbered 6.3bis instead; sections and list items have "
     "no such numbers.\n"
     "Fix: put the new section, annex or item after the circulated ones, and leave "
     "circulated paragraphs in their sections."},
    {"no-free-number", S::error,
     "a paragraph inserted into a frozen report has no number left to take",
     "After a freeze, an inserted paragraph is numbered after the paragraph before it: "
     "6.3bis after 6.3, 6.3ter after 6.3bis. Before the first circulated paragraph of a "
     "section there is no paragraph to follow, and 6.1 belongs to the circulated one; "
     "between 6.3 and a circulated 6.3bis, no suffix is left.\n"
     "Fix: move the paragraph after the circulated one (it becomes its bis), or write "
     "`numbered: false`."},
    {"too-many-insertions", S::error,
     "more paragraphs inserted after one frozen paragraph than there are suffixes",
     "Inserted paragraphs take the Latin suffixes bis, ter, quater, quinquies, sexies, "
     "septies, octies, novies and decies: nine after any one circulated paragraph.\n"
     "Fix: merge some of the inserted paragraphs, or write `numbered: false` on some."},
    {"duplicate-label", S::error, "two paragraphs, sections or annexes share a label",
     "Labels must be unique across the whole report, list items included; the note shows "
     "where the label was first defined.\n"
     "Fix: rename one of them after what it is about, and update the references to it."},
    {"duplicate-id", S::error, "two people, entities or references share an id",
     "Ids of people, entities, references and footnotes must be unique in their kind, a "
     "meeting number is listed once (among `meetings:` and `earlier_meetings:` together), and "
     "a person signs a summary record once (`signatures:`).\n"
     "Fix: remove the duplicate entry, or rename one of the two and update the references "
     "to it."},
    {"duplicate-document", S::error, "a document number and revision registered twice",
     "A document's number, revision and addendum (and series, or meeting) make its key, "
     "which names one entry of the register.\n"
     "Fix: remove the duplicate entry; if it is a revised version, give it `revision: 1`; "
     "if it is an addendum, `addendum: 1`."},

    // Consistency of the report.
    {"revision-clash", S::warning, "two revisions of one document are both presented or listed",
     "Example: `14/4` and `14/4R1` both presented: the report should name only the revision "
     "the meeting considered.\n"
     "Fix: use the key of the revision the meeting considered (`14/4R1`) everywhere; when a "
     "generated list shows both, remove the superseded revision from documents.yaml if the "
     "meeting did not consider it."},
    {"translation-missing", S::warning, "a text of the original that a translation lacks",
     "A translation in `translations/LANG/` (see 'Translations' in docs/format.md) has no entry "
     "for a text of the original: a paragraph, a heading, a list item, a document's title. The "
     "report in that language prints the original's text in its place. Reported by `build` and "
     "`check` with `--language LANG`, at the original text, or once per file when the "
     "translation's file does not exist.\n"
     "Fix: add the entry the note shows (`KEY: {source: HASH, text: ...}`) to the translation's "
     "file, with the text translated; make it an error for a release with "
     "`-W translation-missing=error`."},
    {"translation-stale", S::warning, "a translation made from another wording of the original",
     "Each translated text records, under `source:`, the hash of the original it was translated "
     "from. The original has changed since: the translation may no longer say what the "
     "original says. Reported at the translation's `source:`, with a note at the original.\n"
     "Fix: compare the original with the translation and bring the translation up to date "
     "(`git log -p` on the original shows what changed), then set `source:` to the hash the "
     "note gives; make it an error for a release with `-W translation-stale=error`."},
    {"translation-unknown", S::warning, "a translation whose key names no text of the original",
     "An entry of a file in `translations/LANG/` is keyed by a paragraph label, position or "
     "other key that the original file does not have: the paragraph was relabelled or "
     "removed, or the key is misspelt. The entry is not used.\n"
     "Fix: rename the key to the text's key in the original (a note suggests the closest), "
     "or delete the entry.\n"
     "The same code reports what under `translations/` no build reads: a folder named by none "
     "of the six languages (`cn` for `zh`, `fr-CA`), a file that mirrors no original's path; "
     "rename it after the language or the original."},
    {"unpresented-document", S::warning, "a contribution or report that no paragraph presents",
     "Every registered contribution and information report is expected to be presented by a "
     "discussion paragraph (`presents:`).\nFix: add `presents:` to the paragraph that discusses "
     "it, or `-W no-unpresented-document`."},
    {"wrong-document-kind", S::warning, "a paragraph presents a document of an unexpected kind",
     "Paragraphs present contributions, information reports and liaison statements; presenting "
     "an agenda or other document is usually a wrong key.\n"
     "Fix: correct the key in `presents:`; if the document was registered with the wrong "
     "kind, correct its `kind:` in documents.yaml."},
    {"language-mismatch", S::error, "the cover's language letter contradicts the report's language",
     "Example: `language: fr` in report.yaml and `language: E` under `cover:`: the French "
     "report would be filed as the English document.\n"
     "Fix: give the cover the letter of the report's language (A, C, E, F, R, S for ar, zh, "
     "en, fr, ru, es), or leave it out: the symbol then takes that letter."},
    {"count-mismatch", S::warning, "a count written in prose contradicts the register",
     "Example: \"There were ten contributions\" when eleven contributions are registered.\n"
     "Fix: write `{count:contribution}` so the number is computed."},
    {"date-order", S::error, "dates or hours in an impossible order",
     "Example: a meeting's `end_date` before its `date`, or meetings not listed in "
     "chronological order; an earlier meeting dated after the meetings covered; a meeting "
     "whose `end_time` is before its `start_time`.\n"
     "Fix: correct the date or hour that is wrong (the message names both); list the "
     "meetings in the order they were held; give `end_date` the last day, on or after "
     "`date`."},
    {"unused-footnote", S::warning, "a footnote that no text refers to",
     "A footnote defined under a paragraph's `footnotes:` is printed only where `{note:id}` "
     "refers to it.\nFix: add `{note:id}` to the text, or remove the footnote."},
    {"empty-section", S::warning, "a section without paragraphs",
     "Fix: add paragraphs under `paragraphs:` (each a `- ` item, indented under the key), "
     "or remove the section's file from `sections:` in report.yaml."},
    {"raw-html", S::warning, "raw HTML in a text field is printed as text",
     "HTML is never passed through to the output; `<b>x</b>` prints as written.\n"
     "Fix: use Markdown (`**x**` for bold, `*x*` for italics), or write `\\<` if the `<` is "
     "text."},
    {"markdown-block", S::error, "a Markdown construct that a text field cannot hold",
     "Headings, thematic breaks, Markdown lists (`- item`, `1. item`, a text starting "
     "with `1)`) and code blocks (fenced, or text that starts a paragraph four spaces in) "
     "are not allowed in text fields; structure comes from the YAML: sections, "
     "paragraphs and `list:`. (An HTML block is printed as text, with a raw-html warning.)\n"
     "Fix: make a heading a section of its own; write a list's items under the paragraph's "
     "`list:` key, e.g. `list: [to meet again;, to report.]`; if the line is text, escape "
     "its first character: `\\#`, `\\-`, `1\\)`; remove the spaces before a paragraph that "
     "starts four spaces in."},

    // The run itself.
    {"diagnostic-limit", S::note, "more diagnostics than --max-errors or --max-warnings allow",
     "After the first 50 errors (--max-errors) and the first 50 warnings (--max-warnings), "
     "further diagnostics are counted but not shown; a last note says how many of each were "
     "left out. In the json and github formats it is a line of its own under this code; in "
     "SARIF, a notification of the run's invocation.\n"
     "Fix: correct the problems shown and run again, or raise the limits (0: no limit)."},
};

}  // namespace

const std::vector<CodeInfo>& all_codes() { return kCodes; }

const CodeInfo* find_code(std::string_view code) {
  // Looked up for every diagnostic reported, counted ones included.
  static const std::unordered_map<std::string_view, const CodeInfo*> index = [] {
    std::unordered_map<std::string_view, const CodeInfo*> m;
    for (const CodeInfo& c : kCodes) m.emplace(c.code, &c);
    return m;
  }();
  auto it = index.find(code);
  return it == index.end() ? nullptr : it->second;
}

}  // namespace cwg
