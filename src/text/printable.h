// Text made safe to print on a terminal or in a log: which characters a
// diagnostic, a summary line or an error message may carry as they are
// (is_escaped, in code_point.h), and how the others are shown.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "text/code_point.h"

namespace cwg::text {

// One unit of text as printed: a code point, or a byte that is not UTF-8.
struct Glyph {
  enum class Kind {
    plain,    // printed as it is
    tab,      // printed as it is; its width depends on the tab stops
    escaped,  // printed as <U+XXXX>, or <XX> for a byte that is not UTF-8
    hidden,   // a byte-order mark at the start of a line: printed as nothing
  };
  Kind kind = Kind::plain;
  std::size_t size = 1;  // bytes of the text it takes
  int width = 0;         // display columns as printed (a tab counts kTabWidth)
  char32_t code = 0;     // the code point, or the byte when not UTF-8
  bool utf8 = true;
};

// A tab is measured at its widest, so that a line shortened to a width never
// exceeds it whatever tab stops the terminal uses.
inline constexpr int kTabWidth = 8;

// The glyph at the start of `text`, which must not be empty. A byte-order mark
// is hidden when `line_start` says the text starts a line.
Glyph read_glyph(std::string_view text, bool line_start = false);

// Appends the glyph at the start of `text` as printed.
void append_glyph(std::string& out, std::string_view text, const Glyph& g);

// `text` as it may be printed: valid UTF-8 in which every escaped code point
// reads <U+XXXX> and every byte that is not UTF-8 <XX>. The result is plain
// text a terminal cannot act on, and printing it again leaves it unchanged.
std::string printable(std::string_view text);

// The same, line by line: the line feeds between lines are kept, for a
// message of several lines.
std::string printable_lines(std::string_view text);

}  // namespace cwg::text
