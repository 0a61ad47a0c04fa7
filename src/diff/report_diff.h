// The report-level diff: what changed in the report between two versions of
// its sources, in the report's own numbering. Works on what each version
// prints (its report tree) and on the labels and register of its sources,
// never on the YAML text: a paragraph moved between files, or re-indented,
// is not a change of the report.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "cwgreport/report_tree.h"

namespace cwg::diff {

// One unit of the report that can be inserted, deleted, changed or moved: a
// section or annex (its heading), a paragraph (its text, with its quotes,
// lists and tables), a paragraph of the preamble (unnumbered: named by its
// place in the preamble), the table of contents (present or not: its lines
// follow the headings, whose changes are the sections'), a document of the
// register, a line of the cover.
struct Unit {
  enum class Kind {
    title,
    cover,
    summary,
    section,
    annex,
    paragraph,
    document,
    preamble,
    contents,
    record,    // a line of a summary record's header: its time, its chair
    signature  // a signature: its name and role
  };
  Kind kind = Kind::paragraph;
  std::string number;  // as printed: "6.3", "6", "Annex 1", a symbol; "" when unnumbered
  std::string label;   // the source's label (or a document's key, a cover field's name)
  std::string text;    // what it prints, as plain text
  std::size_t parent = static_cast<std::size_t>(-1);  // a paragraph's section, by index
  // Where it is in the report tree: the section or annex (counted through
  // the sections, then the annexes) and the block in it; npos when it is
  // not a section, an annex or a paragraph. A paragraph of the preamble
  // has no section: its block is its index in the preamble.
  std::size_t section = static_cast<std::size_t>(-1);
  std::size_t block = static_cast<std::size_t>(-1);
  // A paragraph of a frozen report withdrawn by a revision ('deleted:
  // true'): it keeps its number and prints "[Deleted]" for its text.
  bool withdrawn = false;
  // Its text with the marks of its formatting, as the sources write them
  // ("**", "~~", a link's target), when it has any: removing a
  // strikethrough can reverse a sentence. "" when the same as `text`.
  std::string marked = {};
  // An unnumbered paragraph's place, which its number cannot give: the
  // heading it is under as printed ("section 6", "annex Annex 1"), the
  // number of the last numbered paragraph before it there ("" when none),
  // and which unnumbered paragraph it is since that one (or since the
  // heading), from 1.
  std::string in = {}, after = {};
  std::size_t nth = 0;

  // What it is compared by: its text with its marks.
  const std::string& compared() const { return marked.empty() ? text : marked; }
};

// A section's or an annex's heading.
inline bool is_heading(Unit::Kind k) { return k == Unit::Kind::section || k == Unit::Kind::annex; }

// One version of the report, as the diff sees it.
struct Version {
  std::string name;         // as given on the command line
  std::vector<Unit> units;  // in print order
};

// The units of a report tree, labelled from its sources. `section_labels`
// holds the label of each section and annex (in print order), `paragraphs`
// the key of each paragraph the report prints in them, in order (a
// withdrawn paragraph that the report omits has none); `preamble_labels`
// the labels of the preamble's paragraphs. A label is "" when the source
// has none.
struct RegisterEntry {
  std::string key, symbol, title;
};
struct ParagraphKey {
  std::string label;
  bool withdrawn = false;  // 'deleted: true'
};
Version version_of(std::string name, const tree::Report& report,
                   const std::vector<std::string>& section_labels,
                   const std::vector<std::vector<ParagraphKey>>& paragraphs,
                   const std::vector<RegisterEntry>& register_entries,
                   const std::vector<std::string>& preamble_labels = {});

struct Word {
  enum class Op { same, inserted, deleted };
  Op op = Op::same;
  std::string text;  // one or more words, with the spaces between them
};

struct Change {
  // withdrawn: a paragraph of a frozen report that the new version withdraws
  // ('deleted: true'): it keeps its number, and `text` is what it printed.
  enum class Kind { inserted, deleted, changed, moved, renumbered, withdrawn };
  Kind kind = Kind::changed;
  Unit::Kind what = Unit::Kind::paragraph;
  // What it was in the old version: `what`, but for a paragraph moved
  // between the preamble and a section.
  Unit::Kind old_what = Unit::Kind::paragraph;
  bool has_old = false, has_new = false;
  // As printed; a paragraph of the preamble, which prints none, is named
  // by its place in the preamble, counted from 1 ("2").
  std::string old_number, new_number;
  std::string label;
  // An unnumbered paragraph's place (Unit::in, after, nth): in the new
  // version, or the old one for a deleted paragraph.
  std::string in, after;
  std::size_t nth = 0;
  std::string text;         // inserted, deleted or withdrawn: what it printed
  std::vector<Word> words;  // changed (and moved with a change): the words, old and new
};

// Limits that keep a diff of hostile or huge versions linear: a word diff
// costs at most its two lengths multiplied, within `max_word_cells` each and
// `max_total_cells` for the whole diff (past either, the changed stretch is
// shown deleted then inserted whole); an unlabelled paragraph, or a table's
// row in a redline, is compared for similarity with at most `max_candidates`
// others.
struct Limits {
  std::size_t max_word_cells = 4'000'000;
  std::size_t max_total_cells = 200'000'000;
  std::size_t max_candidates = 64;
};

// Which unit of the old version each unit of the new one is (npos: none,
// inserted), and whether it moved.
struct Alignment {
  std::vector<std::size_t> old_of;
  std::vector<bool> moved;
};

// The changes that turn `old_version` into `new_version`, in the new
// report's print order, a deleted unit where it stood. Units are matched by
// label, then unlabelled ones by identical text, then by similarity (at
// least half their words in common) within the same section.
std::vector<Change> compare(const Version& old_version, const Version& new_version,
                            const Limits& limits = {}, Alignment* alignment = nullptr);

// The shortest edit between two sequences of keys, as steps in order: each
// is kept (`same`, with its index in both), deleted (`a` index) or inserted
// (`b` index). Past `max_cells` (or what is left of `budget`), the stretch
// between the common head and tail is deleted, then inserted, whole.
struct Step {
  Word::Op op = Word::Op::same;
  std::size_t a = 0, b = 0;
};
std::vector<Step> align(const std::vector<std::string_view>& a,
                        const std::vector<std::string_view>& b, std::size_t max_cells,
                        std::size_t* budget = nullptr);

// What a block prints, as plain text.
std::string plain_text(const tree::Block& block);

// What a block or a run of inlines prints, with the marks of its formatting
// as the sources write them (*emphasis*, **strong**, ~~struck~~, `code`,
// [a link](target)): the text two versions are compared by, so that a
// change of formatting alone is a change.
std::string marked_text(const tree::Block& block);
std::string marked_text(const tree::Inlines& xs);

// The words of a text: runs of characters other than space, TAB and LF.
std::vector<std::string_view> words_of(std::string_view text);

// How alike two texts are: Dice's coefficient of their words, counted with
// repeats, from 0 (no word in common) to 1 (the same words).
double similarity(std::string_view a, std::string_view b);

// The word diff of two texts: words are runs of non-space characters.
std::vector<Word> word_diff(std::string_view old_text, std::string_view new_text,
                            std::size_t max_cells, std::size_t* budget = nullptr);

const char* kind_name(Change::Kind k);  // "inserted", "deleted", ...
const char* unit_name(Unit::Kind k);    // "paragraph", "section", ...

}  // namespace cwg::diff
