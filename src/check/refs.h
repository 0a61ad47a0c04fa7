// Cross-references inside text: `{kind:key}` and `{kind:key|form}`, found
// by one scanner, which the checker runs once per text field.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cwg {

// A reference as written. Its parts are views into the text it was found
// in, which must outlive it: every text field keeps its tokens from the
// check to the conversion, and copies of their parts would be a string
// allocation each.
struct RefToken {
  std::size_t offset = 0;  // of the '{' in the text
  std::size_t length = 0;  // up to and including the '}'
  std::string_view kind;   // "doc", "para", ...
  std::string_view key;
  std::string_view form;   // after '|', may be empty
  std::string_view error;  // non-empty: a malformed reference, this says why
};

// Finds every reference in `text`, in order. A `{` preceded by a backslash
// starts no reference. Text in braces that does not start with a lowercase
// word and a colon (`{x}`, `{ a: b }`) is not a reference either. The
// tokens view `text`.
std::vector<RefToken> scan_refs(std::string_view text);

// What a cross-reference prints, and where it links (target may be empty).
// A footnote reference resolves to its id with `footnote` set: its number is
// given in print order, when the text is converted.
struct ResolvedRef {
  std::string text;
  std::string target;
  bool footnote = false;
};

// The references of one text field, each with what it resolved to (nothing
// when it does not resolve: it prints as written).
struct TextRefs {
  std::vector<RefToken> tokens;
  std::vector<std::optional<ResolvedRef>> resolved;  // parallel to tokens
};

// The kinds of reference and the forms each accepts ("" is the default).
const std::vector<std::string>& ref_kinds();
const std::vector<std::string>& ref_forms(std::string_view kind);

}  // namespace cwg
