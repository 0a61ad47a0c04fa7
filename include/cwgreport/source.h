// The loaded sources of one meeting report: what the YAML files say, with
// the position of every value, before any reference is resolved.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cwgreport/diagnostic.h"

namespace cwg {

// A string value from a source file and where it was written.
struct Text {
  std::string value;
  Location loc;
  std::size_t offset = 0;  // byte offset of the value's node in its file
  bool present = false;    // false when the key was absent
  // In a translated report, a text the translation leaves out: it is
  // printed as the original wrote it, in the original's language.
  bool untranslated = false;

  bool empty() const { return value.empty(); }
};

struct Number {
  long value = 0;
  Location loc;
  bool present = false;
};

struct Person {
  Text id, name, honorific, country, role;
  Location loc;
};

struct Meeting {
  Number number;
  Text date, end_date, venue, mode, chair;
  // For a summary record: what the meeting is called after its ordinal
  // ("plenary meeting") and its hours, "HH:MM".
  Text name, start_time, end_time;
  Number participants;
  Location loc;
};

struct Reference {
  Text id, text;
  Location loc;
};

struct Entity {
  Text id, name, short_name;
  Location loc;
};

struct Document {
  Number number, revision, addendum, meeting;
  Text series, title, kind;
  std::vector<Text> source;
  Location loc;
};

struct ListItem;

struct List {
  Text style;      // empty: bullet
  Text item_word;  // what the text calls an item ("question"), or empty
  std::vector<ListItem> items;
  Location loc;
};

struct ListItem {
  Text label, text;
  std::vector<List> list;  // zero or one nested list
  Location loc;
};

// A list generated from the register: by kind, or by explicit keys.
struct DocumentList {
  std::vector<Text> kinds;
  Number meeting;  // with kinds: only this meeting's documents
  std::vector<Text> keys;
  Location loc;
};

// A quoted excerpt, e.g. from a resolution, with the source's own numbers.
struct QuotedParagraph {
  Text number, text;
  bool elision = false;  // "[...]" in place of omitted text
  Location loc;
};

struct Quote {
  Text source;  // attribution line, optional
  std::vector<QuotedParagraph> paragraphs;
  Location loc;
};

// A table as a source writes it, every cell a Text; the builder makes it a
// tree::Table, whose cells are inlines.
struct SourceTable {
  Text caption;
  std::vector<Text> columns;  // header cells
  std::vector<Text> align;    // left | center | right, one per column or none
  std::vector<std::vector<Text>> rows;
  Location loc;
};

struct Footnote {
  Text id, text;
  Location loc;
};

struct Paragraph {
  Text label, text;
  std::vector<Text> presents;
  bool numbered = true;
  std::vector<Quote> quote;             // zero or one
  std::vector<SourceTable> table;       // zero or one
  std::vector<List> list;               // zero or one
  std::vector<DocumentList> documents;  // zero or one
  std::vector<Footnote> footnotes;
  // The paragraph's number in its section, kept as written where a report
  // skips numbers: 2 makes it 6.2 in section 6, and the next one 6.3.
  Number number;
  // A paragraph of a circulated report withdrawn by a revision: it keeps its
  // label and its frozen number, and has no text ('deleted: true').
  bool deleted = false;
  Location deleted_loc;  // where 'deleted' is written
  Location loc;
};

struct Section {
  Text label, heading;
  std::vector<Paragraph> paragraphs;
  // A summary record's agenda item taken up again from an earlier meeting:
  // "(continued)" after the heading. `continued_loc` is where the key is
  // written (line 0 when it is not).
  bool continued = false;
  Location continued_loc;
  bool complete = true;  // false when 'paragraphs' could not be read
  Location loc;          // the file, line 0
};

struct Group {
  Text name, acronym, parent;
  // The group's own series, for groups whose symbols do not follow
  // "ACRONYM-N/": "EG-ITRs {meeting}/" (the meeting's series, printed
  // otherwise) or "C26/" (one series for every document); and how its
  // symbols print a revision: compact ("4R1"), bracketed ("4(Rev.1)") or
  // spaced ("4 (Rev.1)").
  Text series, revision_form;
  Location loc;
};

struct Signature {
  Text person, role;  // role: default from the person's role and the group
  Location loc;
};

// One of the signatures at the end of a summary record: who signs, the
// role as printed ("The Secretary-General:"), and whether the role stands
// above the name or below it.
struct Signatory {
  Text person, role;
  Text role_position;  // above | below (default)
  Location loc;
};

// The cover block printed above the title of a report to a parent body.
// Every field is optional.
struct Cover {
  Text session, place, dates, agenda_item, symbol, language, date, original, author, source;
  Number revision;
  Location loc;
};

// How a report prints its numbers: "1.1" or "1.1.", and whether an annex's
// paragraphs are numbered unless they say otherwise.
struct Numbering {
  Text style;  // plain (default) | trailing-dot
  bool annex_paragraphs = false;
  // What a deleted paragraph of a frozen report prints: marked (default):
  // its number and "[Deleted]"; omitted: nothing, its number stays unused.
  Text deleted;
  Location loc;
};

// frozen.yaml, written by `cwgreport freeze`: the numbers of the circulated
// version, by label. Each entry's `first` is the label and `second` the
// number as circulated ("6.3", "6.3bis", "Annex 1", "b)"), both located.
struct Frozen {
  using Entries = std::vector<std::pair<Text, Text>>;
  Entries sections, annexes, paragraphs, items;
  bool present = false;
  Location loc;  // the file, line 0
};

struct Sources {
  std::string dir;  // the meeting folder as given
  Group group;
  Text kind;      // outcome (default) | group-document | summary-record | chair-report
  Text language;  // ar | zh | en (default) | fr | ru | es: the generated words'
  // A translated report's original language (en by default), which its
  // untranslated texts are in; empty in a report built in its own.
  std::string original_language;
  std::vector<Meeting> meetings;
  // Earlier meetings of the group, which the text may refer to with
  // {meeting:N} but the report does not cover: number, date, end_date and
  // venue only.
  std::vector<Meeting> earlier_meetings;
  std::vector<Person> people;
  std::optional<Cover> cover;
  Text chair_word;  // "Chair" (default) or e.g. "Chairman"
  Text title_ordinals;
  Text title;  // written in full: replaces the generated title
  Text summary, action;
  std::vector<Reference> references;
  Text reference_separator;
  // The content before the first section (zero or one, its heading
  // unused): unnumbered paragraphs, tables, lists.
  std::vector<Section> preamble;
  // A table of contents of the sections and annexes, printed before them.
  bool contents = false;
  std::vector<Section> sections;
  std::vector<Section> annexes;
  std::optional<Signature> signature;
  std::vector<Signatory> signatures;  // a summary record's
  Location signatures_loc;            // where 'signatures:' is written
  std::vector<Entity> entities;
  std::vector<Document> documents;

  Numbering numbering;
  Frozen frozen;  // empty unless the folder has frozen.yaml

  // 'references: []': the summary box prints the heading "References" with
  // nothing under it, as a draft does before the references are known.
  bool references_blank = false;

  // Set when a file had errors, so that the checker does not report what
  // follows from them (a reference to a label in a section that failed to
  // load is not a second mistake).
  bool sections_incomplete = false;
  bool register_incomplete = false;
  // 'meetings' could not be read whole: a meeting a document or a reference
  // names may be the one missing.
  bool meetings_incomplete = false;
};

}  // namespace cwg
