// The checked model: the sources with every number, anchor and symbol
// computed and every reference resolved. The checker builds it; the report
// builder reads it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "check/refs.h"
#include "cwgreport/diagnostic.h"
#include "cwgreport/source.h"

namespace cwg {

// Something a label names.
struct Target {
  enum class Kind { section, annex, paragraph, item };
  Kind kind = Kind::paragraph;
  std::string number;  // "6", "6.3", "Annex 1", "" when unnumbered
  std::string anchor;
  Location loc;
};

struct ParagraphInfo {
  std::string number;  // "" when unnumbered
  std::string anchor;
};

struct SectionInfo {
  std::string number;  // "6" or "Annex 1"
  std::string anchor;
  std::vector<ParagraphInfo> paragraphs;
};

struct DocumentInfo {
  std::string key;     // "14/4R1" or "C18/12"
  std::string symbol;  // "CWG-COP-14/4R1"
  std::string anchor;  // of its first listing in a generated list, or ""
  long meeting = 0;    // the meeting it belongs to; 0 for another series
};

struct Model {
  const Sources* src = nullptr;
  std::vector<SectionInfo> sections;    // parallel to src->sections
  std::vector<SectionInfo> annexes;     // parallel to src->annexes
  std::vector<DocumentInfo> documents;  // parallel to src->documents
  std::map<std::string, Target, std::less<>> labels;
  std::map<std::string, std::size_t, std::less<>> document_by_key;
  std::map<std::string, std::size_t, std::less<>> entities, people, references;
  std::map<long, std::size_t> meetings;          // number -> index in src->meetings
  std::map<long, std::size_t> earlier_meetings;  // number -> index in src->earlier_meetings
  // The number of documents of each kind, as {count:KIND} prints it: an
  // addendum or a second revision is not another document.
  std::map<std::string, std::size_t, std::less<>> kind_counts;
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
};

// What a cross-reference prints, and where it links (target may be empty).
// A footnote reference resolves to its id with `footnote` set: its number is
// given by the report builder, in print order.
struct ResolvedRef {
  std::string text;
  std::string target;
  bool footnote = false;
};

// "Chair", "Vice-Chair", "Chairman", ... for a person's role.
std::string role_title(const Sources& src, std::string_view role);

// Resolves one reference. On failure returns nothing and, when `diags` is
// given, reports why at `loc`.
std::optional<ResolvedRef> resolve_ref(const Model& model, const RefToken& tok, Diagnostics* diags,
                                       const Location& loc);

// The checker: numbers everything, resolves every reference and reports
// what does not resolve or does not add up.
Model check_sources(const Sources& src, Diagnostics& diags);

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
