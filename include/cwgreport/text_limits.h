// Limits on Markdown text fields and on the text of a whole report: some
// inputs take cmark-gfm 0.29 quadratic time, its converters recurse, and
// generated lists and cross-references repeat text. The checker enforces
// them; a compile receives them in CompileOptions.
#pragma once

#include <cstddef>

namespace cwg {

struct TextLimits {
  // One field's text, as written and with its cross-references printed.
  std::size_t max_field_bytes = std::size_t{256} << 10;
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
  // repeat text, so a small folder could otherwise print gigabytes.
  std::size_t max_report_bytes = std::size_t{64} << 20;
};

// What one use of a text field counts at least against max_report_bytes:
// the tree's own cost of a field, however short its text.
inline constexpr std::size_t kMinCharge = 256;

}  // namespace cwg
