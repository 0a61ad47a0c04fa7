// Display width: how many columns of a terminal (or of a plain-text report
// read in a monospaced font) a text takes. The widths are utf8proc's, from
// Unicode's East Asian Width and general category data.
#pragma once

#include <cstdint>
#include <string_view>

namespace cwg::text {

// Columns a code point takes as it is printed: 2 for a wide (CJK, emoji)
// character, 0 for a combining mark, a zero-width or a control character,
// 1 for the others.
int char_width(char32_t cp);

// Columns a terminal gives `text`. A grapheme cluster counts as its widest
// code point, so that an emoji sequence joined by U+200D, or an emoji with a
// skin tone, counts once; controls, tab and line feed included, count 0, and
// a byte that is not UTF-8 counts 1 (it prints as U+FFFD).
int display_width(std::string_view text);

// The same rule read a code point at a time, for who walks a text and needs
// the column of each position (the caret under a diagnostic's source line):
// add() returns the columns a code point adds to the text before it, so that
// the sum over a text is display_width's.
class WidthCounter {
 public:
  int add(char32_t cp);
  // After something that is not a code point of the text (a byte that is
  // not UTF-8, a character printed escaped), which ends the cluster.
  void reset() { prev_ = -1; }

 private:
  std::int32_t prev_ = -1;  // the previous code point, or -1
  std::int32_t state_ = 0;  // utf8proc's grapheme-break state
  int cluster_ = 0;         // width of the grapheme cluster being read
};

}  // namespace cwg::text
