// Limits on Markdown text fields, checked before cmark-gfm sees the text
// (some inputs take cmark-gfm 0.29 quadratic time, and the converters
// recurse), and the budget of the report's text as a whole. Part of the
// check phase: every problem is a `text-limit` error located in the field.
#pragma once

#include <cstddef>
#include <optional>

#include "check/refs.h"
#include "cwgreport/diagnostic.h"
#include "cwgreport/source.h"
#include "cwgreport/text_limits.h"

struct cmark_node;

namespace cwg {

// What the report prints, counted against max_report_bytes during one
// check: the checker charges each use of a text field and each generated
// line, in print order. Once spent, it is said once, where it ran out.
class ReportBudget {
 public:
  explicit ReportBudget(const TextLimits& limits) : limits_(limits) {}

  const TextLimits& limits() const { return limits_; }
  bool exhausted() const { return exhausted_; }

  // Whether a text expected to print `bytes` (at least kMinCharge) can still
  // fit, before it is parsed; reports at `loc` when it cannot.
  bool fits(std::size_t bytes, const Location& loc, Diagnostics& diags);

  // Counts `bytes` that the report will print on behalf of what is at `loc`.
  // Returns false, and reports where it ran out, when the budget is spent:
  // the caller then drops what it made.
  bool charge(std::size_t bytes, const Location& loc, Diagnostics& diags);

 private:
  void exhaust(Diagnostics& diags, const Location& loc);
  TextLimits limits_;
  std::size_t printed_ = 0;
  bool exhausted_ = false;
};

// The first checks of a text field: its size, and what it prints once its
// cross-references (already resolved, `refs`) are printed. Returns that
// size, or nothing when the text must not be parsed.
std::optional<std::size_t> check_field_size(const Text& text, const TextRefs& refs,
                                            const TextLimits& limits, Diagnostics& diags);

// The checks of a text field's Markdown: nesting, open brackets, table
// columns, markup, link references. Returns false when the text must not be
// given to cmark-gfm. All but one are made before cmark-gfm sees the text:
// how deep emphasis, strikethrough and links nest, when the scans cannot
// bound it, only a parse tells. With `inline_nesting` null that parse is
// made here; otherwise *inline_nesting is set, the parse is left to the
// caller, and the caller measures the document it parses with
// check_inline_nesting before it uses it.
bool check_field_markup(const Text& text, const TextLimits& limits, Diagnostics& diags,
                        bool* inline_nesting = nullptr);

// How deep emphasis, strikethrough and links nest in `doc`, parsed from
// `text` as written: false, reported, when deeper than the limit.
bool check_inline_nesting(const Text& text, cmark_node* doc, const TextLimits& limits,
                          Diagnostics& diags);
// The same, parsing `text` first.
bool check_inline_nesting(const Text& text, const TextLimits& limits, Diagnostics& diags);

}  // namespace cwg
