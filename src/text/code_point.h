// What a code point is: the one classification behind every decision about
// characters, what a source may hold, what the report keeps and what a
// terminal is shown.
#pragma once

#include <cstddef>
#include <string_view>

namespace cwg::text {

// The code point at the start of `text`, and the bytes it takes. `size` is 0
// when the bytes there are not well-formed UTF-8 (a stray or missing
// continuation byte, an overlong form, a surrogate, a value past U+10FFFF).
struct Decoded {
  char32_t code = 0;
  std::size_t size = 0;
};
Decoded decode(std::string_view text);

// C0 controls, DEL and C1 controls: the code points of category Cc.
constexpr bool is_control(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

// The controls among ASCII: C0 and DEL.
constexpr bool is_ascii_control(char32_t cp) { return cp < 0x20 || cp == 0x7F; }

// Unicode's 66 noncharacters, U+FDD0..U+FDEF and the last two code points of
// every plane: reserved for a program's own use. cwgreport marks
// cross-references with them while it converts a text, so no source may hold
// one and no output may carry one.
constexpr bool is_noncharacter(char32_t cp) {
  return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFEu) == 0xFFFEu;
}

// The bidirectional embedding, override and isolate controls (U+202A-U+202E,
// U+2066-U+2069), which reorder the text around them when displayed.
constexpr bool is_bidi_control(char32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

// The bidirectional marks (ARABIC LETTER MARK, LEFT-TO-RIGHT and
// RIGHT-TO-LEFT MARK): invisible, they only nudge the neutral characters
// beside them.
constexpr bool is_bidi_mark(char32_t cp) { return cp == 0x061C || cp == 0x200E || cp == 0x200F; }

// LINE SEPARATOR and PARAGRAPH SEPARATOR, which some readers take for a line
// break.
constexpr bool is_line_separator(char32_t cp) { return cp == 0x2028 || cp == 0x2029; }

// Blank space as a JSON Schema pattern's `\s` reads it (ECMAScript's
// WhiteSpace and LineTerminator): a text made only of these is empty to a
// reader, and the schemas and the loader must agree on which texts are.
constexpr bool is_space(char32_t cp) {
  return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x00A0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

// Whether a code point is shown escaped on a terminal: control characters but
// tab, line and paragraph separators, and the invisible format characters
// (bidirectional controls and marks, zero-width spaces and joiners, soft
// hyphen, byte-order mark...). Any of them can move the cursor, change the
// terminal's state, or make a line display differently from what it holds.
bool is_escaped(char32_t cp);

}  // namespace cwg::text
