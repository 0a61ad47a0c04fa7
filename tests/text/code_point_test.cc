// Tests for text/code_point.h: the one classification of code points every
// phase decides with.
#include "text/code_point.h"

#include <catch2/catch.hpp>

using namespace cwg::text;

TEST_CASE("code points: controls are C0, DEL and C1", "[code_point]") {
  for (char32_t cp :
       {U'\0', U'\t', U'\n', U'\r', U'\x1b', U'\x7f', U'\u0080', U'\u0085', U'\u009b', U'\u009f'})
    CHECK(is_control(cp));
  for (char32_t cp : {U' ', U'~', U'\u00A0', U'\u00AD', U'\u200B', U'\u202E'})
    CHECK_FALSE(is_control(cp));
  CHECK(is_ascii_control(U'\x7f'));
  CHECK(is_ascii_control(U'\x1f'));
  CHECK_FALSE(is_ascii_control(U'\u0085'));
}

TEST_CASE("code points: the 66 noncharacters and no others", "[code_point]") {
  int count = 0;
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) count += is_noncharacter(cp) ? 1 : 0;
  CHECK(count == 66);
  CHECK(is_noncharacter(U'\uFDD0'));
  CHECK(is_noncharacter(U'\uFDEF'));
  CHECK(is_noncharacter(U'\uFFFE'));
  CHECK(is_noncharacter(U'\U0010FFFF'));
  CHECK_FALSE(is_noncharacter(U'\uFFFD'));
  CHECK_FALSE(is_noncharacter(U'\uFDCF'));
}

TEST_CASE("code points: bidirectional controls, marks and separators", "[code_point]") {
  for (char32_t cp = 0x202A; cp <= 0x202E; ++cp) CHECK(is_bidi_control(cp));
  for (char32_t cp = 0x2066; cp <= 0x2069; ++cp) CHECK(is_bidi_control(cp));
  CHECK_FALSE(is_bidi_control(U'\u200F'));
  CHECK(is_bidi_mark(U'\u061C'));
  CHECK(is_bidi_mark(U'\u200E'));
  CHECK(is_bidi_mark(U'\u200F'));
  CHECK_FALSE(is_bidi_mark(U'\u202E'));
  CHECK(is_line_separator(U'\u2028'));
  CHECK(is_line_separator(U'\u2029'));
  CHECK_FALSE(is_line_separator(U'\u0085'));
}

TEST_CASE("code points: what a terminal is shown escaped", "[code_point]") {
  CHECK_FALSE(is_escaped(U'\t'));
  CHECK(is_escaped(U'\n'));
  CHECK(is_escaped(U'\x1b'));
  CHECK(is_escaped(U'\u009b'));
  CHECK(is_escaped(U'\u202E'));  // format: bidirectional override
  CHECK(is_escaped(U'\u200D'));  // format: zero-width joiner
  CHECK(is_escaped(U'\uFEFF'));
  CHECK(is_escaped(U'\u2028'));
  CHECK_FALSE(is_escaped(U'a'));
  CHECK_FALSE(is_escaped(U'\u0301'));  // a combining mark is shown on its base
  CHECK_FALSE(is_escaped(U'\U0001F600'));
}

TEST_CASE("code points: decoding takes well-formed UTF-8 only", "[code_point]") {
  CHECK(decode("a").code == U'a');
  CHECK(decode("a").size == 1);
  CHECK(decode("\xE6\x97\xA5x").code == U'\u65E5');
  CHECK(decode("\xE6\x97\xA5x").size == 3);
  CHECK(decode("\xF0\x9F\x98\x80").size == 4);
  CHECK(decode("\xFF").size == 0);              // never a UTF-8 byte
  CHECK(decode("\x80").size == 0);              // a continuation byte alone
  CHECK(decode("\xE6\x97").size == 0);          // cut off
  CHECK(decode("\xC0\xAF").size == 0);          // overlong
  CHECK(decode("\xED\xA0\x80").size == 0);      // a surrogate
  CHECK(decode("\xF4\x90\x80\x80").size == 0);  // past U+10FFFF
}
