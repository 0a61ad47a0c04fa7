// Tests for text::display_width and text::char_width: the columns a
// plain-text report lays out and a diagnostic's caret is placed by.
#include "text/width.h"

#include <catch2/catch.hpp>

using cwg::text::char_width;
using cwg::text::display_width;

TEST_CASE("width: one column a character, two for a wide one", "[width]") {
  CHECK(display_width("") == 0);
  CHECK(display_width("abc") == 3);
  CHECK(display_width("\u00E9") == 1);    // precomposed
  CHECK(display_width("a\u00A0b") == 3);  // no-break space
  CHECK(display_width("日本") == 4);
  CHECK(display_width("\uFF21") == 2);  // FULLWIDTH LATIN CAPITAL LETTER A
  CHECK(display_width("\U0001F600") == 2);
  CHECK(char_width(U'a') == 1);
  CHECK(char_width(U'\u65E5') == 2);
  CHECK(char_width(U'\U0001F600') == 2);
}

TEST_CASE("width: combining marks and zero-width characters take no column", "[width]") {
  CHECK(display_width("e\u0301") == 1);              // combining acute
  CHECK(display_width("e\u0301\u0302\u0303") == 1);  // several marks on one base
  CHECK(display_width("a\u200Bb") == 2);             // zero-width space
  CHECK(char_width(U'\u0301') == 0);
  CHECK(char_width(U'\u200B') == 0);
}

TEST_CASE("width: an emoji sequence is one cluster, as wide as its widest", "[width]") {
  // Family: man, ZWJ, woman, ZWJ, girl.
  CHECK(display_width("\U0001F468\u200D\U0001F469\u200D\U0001F467") == 2);
  // Thumbs up with a skin tone.
  CHECK(display_width("\U0001F44D\U0001F3FD") == 2);
  // Two of them are two clusters.
  CHECK(display_width("\U0001F44D\U0001F3FD\U0001F44D\U0001F3FD") == 4);
}

TEST_CASE("width: controls take no column, a byte that is not UTF-8 one", "[width]") {
  CHECK(display_width("a\tb\nc") == 3);
  CHECK(display_width("\x1b[1m") == 3);   // ESC is 0, "[1m" is 3
  CHECK(display_width("\xC2\x9B") == 0);  // CSI, a C1 control
  CHECK(display_width("\x7F") == 0);
  CHECK(char_width(U'\t') == 0);
  CHECK(char_width(U'\u0085') == 0);
  // A malformed byte prints as U+FFFD, one column; it ends a cluster.
  CHECK(display_width("\xFF") == 1);
  CHECK(display_width("a\xFF\xFE") == 3);
  CHECK(display_width("\xE6\x97") == 2);  // a cut sequence: two bytes, two columns
}
