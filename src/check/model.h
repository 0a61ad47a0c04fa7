// The checked model: the sources with every number, anchor and symbol
// computed, every reference resolved once and every text field the report
// prints converted once (cmark-gfm's parse, as tree inlines). The checker
// builds it and reports every problem found on the way; the report builder
// reads it, and reports nothing.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "check/refs.h"
#include "cwgreport/diagnostic.h"
#include "cwgreport/report_tree.h"
#include "cwgreport/source.h"
#include "cwgreport/text_limits.h"

namespace cwg {

// Something a label names.
struct Target {
  enum class Kind { section, annex, paragraph, item };
  Kind kind = Kind::paragraph;
  std::string number;  // "6", "6.3", "Annex 1", "" when unnumbered
  std::string anchor;
  Location loc;
  bool deleted = false;  // a paragraph deleted after the report was frozen
};

// A text field converted: cmark-gfm's parse as report-tree inlines and
// blocks, every cross-reference resolved (an xref, or its text), footnote
// marks numbered in print order, text sanitized and typeset.
struct FieldText {
  tree::Inlines first;            // the first paragraph's inlines
  std::vector<tree::Block> rest;  // further paragraphs, quotes, code, tables
};

struct QuoteInfo {
  struct Paragraph {
    bool elision = false;  // "[...]"
    std::string number;
    FieldText text;
  };
  tree::Inlines source;
  std::vector<Paragraph> paragraphs;
};

struct TableInfo {
  tree::Inlines caption;
  std::vector<tree::Inlines> columns;
  std::vector<std::string> align;  // "left", "center", "right" or "", one per column
  std::vector<std::vector<tree::Inlines>> rows;
};

struct ListInfo {
  struct Item {
    std::string marker;  // "a)", "iv)", "–"
    std::string anchor;  // the item's label, or ""
    FieldText text;
    std::vector<ListInfo> lists;
  };
  std::string style;
  std::vector<Item> items;
};

// One line of a generated document list: a document, and whether this line
// carries the document's anchor (its first listing in the report).
struct ListedDocument {
  std::size_t document = 0;  // index in documents
  bool anchored = false;
};

struct ParagraphInfo {
  std::string number;  // "" when unnumbered
  std::string anchor;
  bool deleted = false;  // 'deleted: true': prints "[Deleted]"
  bool omitted = false;  // deleted, and 'numbering: {deleted: omitted}': prints nothing
  FieldText text;
  std::vector<QuoteInfo> quotes;
  std::vector<TableInfo> tables;
  std::vector<ListInfo> lists;
  std::vector<std::vector<ListedDocument>> document_lists;
};

struct SectionInfo {
  std::string number;  // "6" or "Annex 1"
  std::string anchor;
  tree::Inlines heading;
  std::vector<ParagraphInfo> paragraphs;
  bool continued = false;  // "(continued)" after the heading
  // For a summary record's table of subjects: the documents the section
  // discusses (indexes in Model::documents), in the order it first names
  // them: cited in its heading, presented, listed.
  std::vector<std::size_t> documents;
};

struct DocumentInfo {
  std::string key;      // "14/4R1" or "C18/12"
  std::string symbol;   // "CWG-COP-14/4R1"
  std::string anchor;   // of its first listing in a generated list, or ""
  long meeting = 0;     // the meeting it belongs to; 0 for another series
  tree::Inlines title;  // converted when a generated list first names it
};

// A footnote with a mark in the report, in the order of the first marks.
struct FootnoteText {
  std::string number;  // "1", "2", ...
  std::string anchor;  // "fn-1", or "fn-1-2" when a label is "fn-1"
  tree::Inlines text;
};

// What the report prints around its sections: the cover, the title, a
// record's header and the signatures, copied from the sources, with every
// person and role they name already looked up.
struct FrontMatter {
  std::string kind;                  // "outcome", "summary-record", ...
  std::optional<std::string> title;  // as written, when written
  std::string title_ordinals;        // "words", "numeral", or "" when not written
  std::string language = "en";       // report.yaml's `language:`
  bool language_written = false;     // and whether it says one
  std::string group_name, group_acronym;
  std::vector<Meeting> meetings;  // the meetings the report is the outcome of
  std::optional<Cover> cover;
  std::optional<std::string> chair_word;  // what the chair is called, when written
  std::string reference_separator;        // between the references of the box
  bool contents = false;                  // a table of contents is printed
  // The roles as the source line "Report by the {role}" prints them.
  std::string chair_title;                  // "Chair": the chair's role as printed
  std::string author_title;                 // the cover's author's role as printed, or ""
  std::optional<std::string> record_chair;  // who chaired the record's meeting, with honorific
  struct Signed {
    std::string name, role;  // as printed, before sanitizing
    bool role_above = false;
  };
  std::vector<Signed> signatures;   // a summary record's signatories
  std::optional<Signed> signature;  // the signature at the end, name with country
};

struct Model {
  // The sources it was checked from, shared so that the model stands alone:
  // the indexes below point into them. The builder reads none of it.
  std::shared_ptr<const Sources> src;
  std::vector<SectionInfo> preamble;  // zero or one, unnumbered, its heading unused
  FrontMatter front;
  // The report's language (report.yaml's `language:`, BCP 47): every word
  // the report generates comes from lang::labels(language).
  std::string language = "en";
  std::vector<SectionInfo> sections;
  std::vector<SectionInfo> annexes;
  std::vector<DocumentInfo> documents;  // in register order, as src->documents
  FieldText summary, action;
  std::vector<tree::Inlines> reference_texts;  // the report's references ("Resolution 1")
  std::vector<FootnoteText> notes;             // the footnotes printed, in print order
  // The cover's fields with their cross-references printed, by key
  // ("session", "dates" ...): a field that is absent or blank has none.
  std::map<std::string, std::string, std::less<>> cover_text;
  // Parts written '' or [] on purpose: their heading is printed alone.
  bool action_blank = false, references_blank = false;
  std::map<std::string, Target, std::less<>> labels;
  std::map<std::string, std::size_t, std::less<>> document_by_key;
  std::map<std::string, std::size_t, std::less<>> entities, people, references;
  std::map<long, std::size_t> meetings;          // number -> index in src->meetings
  std::map<long, std::size_t> earlier_meetings;  // number -> index in src->earlier_meetings
  // The number of documents of each kind, as {count:KIND} prints it: an
  // addendum or a second revision is not another document.
  std::map<std::string, std::size_t, std::less<>> kind_counts;
  // Every anchor of the report: the labels first, then the generated ones,
  // each made unique against all before it. The tree's anchors are these.
  std::set<std::string, std::less<>> anchors;
  // Footnote id -> the footnote's definition.
  std::map<std::string, const Footnote*, std::less<>> footnotes;
  // The register had an error (in documents.yaml, or a document without a
  // key): a key that names no document may name one that failed, so it is
  // reported only when it looks like a typo of a registered key.
  bool register_incomplete = false;

  // The document a key names: an exact key, or a key without revision that
  // names the only registered revision. Sets `ambiguous` when a key without
  // revision matches several revisions and none is revision 0.
  std::optional<std::size_t> find_document(std::string_view key, bool* ambiguous = nullptr) const;
  const Person* find_person(std::string_view id) const;
  const Entity* find_entity(std::string_view id) const;
  // Takes `wanted` as an anchor, or "wanted-2", "wanted-3"... when taken.
  std::string unique_anchor(const std::string& wanted);
};

// "Mr Ibrahim Al Dabal (UAE)", or without the honorific.
std::string person_display(const Person& p, bool honorific);

// Who chaired meeting `m`: its `chair`, or else the person whose role is
// chair; nullptr when there is none.
const Person* meeting_chair_person(const Model& model, const Meeting& m);

// report.yaml's `chair_word` when the report is in English; nothing in
// another language, whose label table names the office.
std::optional<std::string> chair_word(const Sources& src);

// "Chair", "Vice-Chair", "Chairman", ... for a person's role; in the form
// the source line "Report by the {role}" takes with `report_by` (Russian
// declines it).
std::string role_title(const Sources& src, std::string_view role, bool report_by = false);

// The language `text` is written in: the report's, or in a translated
// report the original's for a text the translation leaves out.
const std::string& language_of(const Model& model, const Text& text);

// Resolves one reference, in the words of `language` (the report's when
// empty): counts, ordinals and dates. On failure returns nothing and, when
// `diags` is given, reports why at `loc`.
std::optional<ResolvedRef> resolve_ref(const Model& model, const RefToken& tok, Diagnostics* diags,
                                       const Location& loc, std::string_view language = {});

// The checker: numbers everything, resolves every reference, converts every
// text field the report prints within `limits`, and reports what does not
// resolve, does not add up or cannot be printed.
Model check_sources(std::shared_ptr<const Sources> src, Diagnostics& diags,
                    const TextLimits& limits = {});

// The location of the n-th occurrence of `token` inside a text value, found
// in the raw file from the value's start; the value's own location when the
// token cannot be found (escapes in a quoted scalar).
Location locate_in_text(const SourceFiles& files, const Text& text, std::string_view token,
                        std::size_t occurrence);

}  // namespace cwg

namespace cwg {
// The marker of the index-th (0-based) item of a list of the given style:
// "·", "–", "b)", "iv)", "3)".
std::string list_marker(std::string_view style, std::size_t index);
}  // namespace cwg
