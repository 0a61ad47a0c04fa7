// Limits on Markdown text fields, checked before cmark-gfm sees the text: some
// inputs take cmark-gfm 0.29 quadratic time, and the converters recurse.
#pragma once

#include <cstddef>

#include "check/model.h"
#include "cwgreport/diagnostic.h"
#include "cwgreport/source.h"

namespace cwg {

struct TextLimits {
  // One field's text, as written and with its cross-references printed.
  std::size_t max_field_bytes = std::size_t{16} << 20;
  // Block quotes and list items inside one another; and, separately,
  // emphasis, links and strikethrough inside one another.
  std::size_t max_nesting = 32;
  // '[' waiting for their ']' at the same time in one paragraph.
  std::size_t max_open_brackets = 32;
  // Cells in one row of a Markdown table.
  std::size_t max_table_columns = 64;
  // Line breaks and Markdown punctuation in one field: each can become a
  // node of cmark-gfm's tree, of a few hundred bytes, and cmark-gfm aborts
  // the program when memory runs out.
  std::size_t max_markup = 500'000;
  // All the text of one report together, as printed (every byte the text
  // fields' conversions produce, each counted as at least kMinCharge bytes,
  // and what the builder generates): generated lists and cross-references
  // repeat text, so a small folder could otherwise print gigabytes. Enforced
  // while a TextLimitsScope is open, the scope being one compile.
  std::size_t max_report_bytes = std::size_t{64} << 20;
};

// What one conversion of a text field counts at least against
// max_report_bytes: the tree's own cost of a field, however short its text.
inline constexpr std::size_t kMinCharge = 256;

// The limits in force on the calling thread: those of the innermost live
// TextLimitsScope, or the defaults.
const TextLimits& text_limits();

// Puts `limits` in force on this thread for the scope's lifetime, and counts
// what the report prints against max_report_bytes. The command line opens
// one around each compile; compiles on other threads keep their own.
class TextLimitsScope {
 public:
  explicit TextLimitsScope(const TextLimits& limits);
  ~TextLimitsScope();
  TextLimitsScope(const TextLimitsScope&) = delete;
  TextLimitsScope& operator=(const TextLimitsScope&) = delete;

 private:
  friend const TextLimits& text_limits();
  friend bool check_text_limits(const Model&, const Text&, Diagnostics&);
  friend bool report_budget_exhausted();
  friend bool charge_report(std::size_t, const Location&, Diagnostics&);
  // The report has printed all that max_report_bytes allows: said once,
  // where it ran out.
  void exhaust(Diagnostics& diags, const Location& loc);
  TextLimits limits_;
  TextLimitsScope* previous_;
  std::size_t printed_ = 0;
  bool exhausted_ = false;
};

// Whether the report being built on this thread has printed all that
// max_report_bytes allows: a builder may stop generating text then.
bool report_budget_exhausted();

// Counts `bytes` that the report will print against max_report_bytes, on
// behalf of what is at `loc`. Every byte a report prints is charged: each
// text field's conversion charges what it produced (at least kMinCharge), and
// the builder what it generates. Returns false, and reports where it ran out,
// when the budget is spent: the caller then drops what it made. Without a
// TextLimitsScope, nothing is counted.
bool charge_report(std::size_t bytes, const Location& loc, Diagnostics& diags);

// Checks one text field against text_limits() before it is parsed; what it
// prints through cross-references is measured against `model`. Reports each
// problem as a `text-limit` error located in the field (once per place, however
// often the field is converted) and returns false when the text must not be
// given to cmark-gfm, which is also when what it would print cannot fit in
// the report's budget.
bool check_text_limits(const Model& model, const Text& text, Diagnostics& diags);

}  // namespace cwg
