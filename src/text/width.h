// Display width: how many columns of a terminal (or of a plain-text report
// read in a monospaced font) a text takes. The widths are utf8proc's, from
// Unicode's East Asian Width and general category data.
#pragma once

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

}  // namespace cwg::text
