// Tests for text::report_text and text::html_text: what the report keeps and
// its outputs carry.
#include "text/report_text.h"

#include <catch2/catch.hpp>
#include <string>

using cwg::text::html_text;
using cwg::text::report_text;

TEST_CASE("report text: text is kept as it is", "[report_text]") {
  const std::string text = "Caf\u00E9 \u65E5\u672C e\u0301 \U0001F600 a\u00A0b\ttab\nline \u202E";
  CHECK(report_text(text) == text);
  CHECK(html_text(text) == text);
  CHECK(report_text("") == "");
}

TEST_CASE("report text: controls but tab and line feed become U+FFFD", "[report_text]") {
  CHECK(report_text("\x1b[2J") == "\uFFFD[2J");
  CHECK(report_text(std::string("a\0b", 3)) == "a\uFFFDb");
  CHECK(report_text("a\r\nb") == "a\uFFFD\nb");
  CHECK(report_text("\x7f\u0085\u009b") == "\uFFFD\uFFFD\uFFFD");
  // HTML allows a carriage return, and nothing else more.
  CHECK(html_text("a\r\nb") == "a\r\nb");
  CHECK(html_text("\x1b\x7f\u009b") == "\uFFFD\uFFFD\uFFFD");
}

TEST_CASE("report text: noncharacters, the builder's markers, become U+FFFD", "[report_text]") {
  CHECK(report_text("a\uFDD0b\uFDEF") == "a\uFFFDb\uFFFD");
  CHECK(report_text("\uFFFE\uFFFF\U0001FFFE\U0010FFFF") == "\uFFFD\uFFFD\uFFFD\uFFFD");
  CHECK(html_text("\uFDD1") == "\uFFFD");
}

TEST_CASE("report text: each byte that is not UTF-8 becomes U+FFFD", "[report_text]") {
  CHECK(report_text("ok\x01\xC3(") == "ok\uFFFD\uFFFD(");
  CHECK(report_text("\xFF\xFE") == "\uFFFD\uFFFD");
  CHECK(report_text("\xED\xA0\x80") == "\uFFFD\uFFFD\uFFFD");  // a surrogate
  CHECK(html_text("\xE6\x97") == "\uFFFD\uFFFD");
  // The result is clean: cleaning it again leaves it unchanged.
  const std::string once = report_text("\x1b\xFF\uFDD0\r");
  CHECK(report_text(once) == once);
}
