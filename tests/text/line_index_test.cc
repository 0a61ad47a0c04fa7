// Tests for text::LineIndex: byte offsets to the lines and columns every
// diagnostic gives.
#include "text/line_index.h"

#include <catch2/catch.hpp>
#include <string>
#include <string_view>

using cwg::text::LineIndex;
using cwg::text::LinePosition;

namespace {

std::pair<int, int> at(const LineIndex& index, std::size_t offset) {
  const LinePosition p = index.position(offset);
  return {p.line, p.column};
}

}  // namespace

TEST_CASE("line index: lines and byte columns", "[line_index]") {
  const std::string_view text = "ab\ncd\n\nef";
  const LineIndex index(text);
  CHECK(index.line_count() == 4);
  CHECK(at(index, 0) == std::pair{1, 1});
  CHECK(at(index, 1) == std::pair{1, 2});
  CHECK(at(index, 2) == std::pair{1, 3});  // the line feed ends its line
  CHECK(at(index, 3) == std::pair{2, 1});
  CHECK(at(index, 6) == std::pair{3, 1});  // an empty line
  CHECK(at(index, 7) == std::pair{4, 1});
  CHECK(at(index, 8) == std::pair{4, 2});
  CHECK(index.line_start(5) == 3);
  CHECK(index.line_start(8) == 7);
  // Columns count bytes: a character of three bytes takes three.
  const LineIndex wide("\xE6\x97\xA5x");
  CHECK(at(wide, 3) == std::pair{1, 4});
}

TEST_CASE("line index: the last line, with or without a line feed", "[line_index]") {
  const LineIndex ended("ab\n");
  CHECK(ended.line_count() == 2);
  CHECK(at(ended, 3) == std::pair{2, 1});
  CHECK(ended.line("ab\n", 1) == "ab");
  CHECK(ended.line("ab\n", 2) == "");
  const LineIndex open("ab\ncd");
  CHECK(open.line_count() == 2);
  CHECK(at(open, 4) == std::pair{2, 2});
  CHECK(at(open, 5) == std::pair{2, 3});  // the end of the text
  CHECK(open.line("ab\ncd", 2) == "cd");
  CHECK_FALSE(open.line("ab\ncd", 3));
  CHECK_FALSE(open.line("ab\ncd", 0));
  const LineIndex empty("");
  CHECK(empty.line_count() == 1);
  CHECK(at(empty, 0) == std::pair{1, 1});
}

TEST_CASE("line index: CRLF line ends", "[line_index]") {
  const std::string_view text = "ab\r\ncd\r\n";
  const LineIndex index(text);
  CHECK(index.line_count() == 3);
  CHECK(at(index, 2) == std::pair{1, 3});  // the CR is the line's last column
  CHECK(at(index, 3) == std::pair{1, 4});
  CHECK(at(index, 4) == std::pair{2, 1});
  CHECK(index.line(text, 1) == "ab");
  CHECK(index.line(text, 2) == "cd");
  // A CR alone does not end a line.
  const LineIndex cr("a\rb");
  CHECK(cr.line_count() == 1);
  CHECK(at(cr, 2) == std::pair{1, 3});
}

TEST_CASE("line index: an offset past the end is the end", "[line_index]") {
  const LineIndex index("ab\ncd");
  CHECK(at(index, 6) == std::pair{2, 3});
  CHECK(at(index, 1000) == std::pair{2, 3});
  CHECK(index.line_start(1000) == 3);
  const LineIndex ended("ab\n");
  CHECK(at(ended, 99) == std::pair{2, 1});
}

TEST_CASE("line index: a byte-order mark takes no column", "[line_index]") {
  const LineIndex index("\xEF\xBB\xBFkey: x\nb");
  CHECK(at(index, 3) == std::pair{1, 1});
  CHECK(at(index, 8) == std::pair{1, 6});
  CHECK(at(index, 10) == std::pair{2, 1});  // only on the first line
}
