// Tests for text::printable: what a diagnostic, a summary line or an error
// message may print as it is, and how everything else is shown.
#include "text/printable.h"

#include <catch2/catch.hpp>
#include <string>

using cwg::text::Glyph;
using cwg::text::printable;
using cwg::text::printable_lines;
using cwg::text::read_glyph;

TEST_CASE("printable: text a terminal shows as it is stays as it is", "[printable]") {
  CHECK(printable("") == "");
  CHECK(printable("unknown key 'headng'") == "unknown key 'headng'");
  CHECK(printable("tab\tstays") == "tab\tstays");
  // Letters, CJK, combining marks, emoji, no-break space: all printable.
  const std::string text =
      "Caf\xC3\xA9 \xE4\xBC\x9A\xE8\xAE\xAE e\xCC\x81 \xF0\x9F\x98\x80 a\xC2\xA0"
      "b";
  CHECK(printable(text) == text);
}

TEST_CASE("printable: controls, separators and format characters are escaped", "[printable]") {
  // C0 controls (terminal escapes, bell, line breaks, NUL) and DEL.
  CHECK(printable("\x1b[2J\x07") == "<U+001B>[2J<U+0007>");
  CHECK(printable(std::string("a\0b", 3)) == "a<U+0000>b");
  CHECK(printable("a\r\nb") == "a<U+000D><U+000A>b");
  CHECK(printable("\x7f") == "<U+007F>");
  // C1 controls: CSI (U+009B) starts an escape sequence on many terminals.
  CHECK(printable("\xC2\x9B"
                  "31m\xC2\x85") == "<U+009B>31m<U+0085>");
  // Line and paragraph separators.
  CHECK(printable("\xE2\x80\xA8\xE2\x80\xA9") == "<U+2028><U+2029>");
  // Every bidirectional embedding, override and isolate control.
  CHECK(printable("\xE2\x80\xAA\xE2\x80\xAB\xE2\x80\xAC\xE2\x80\xAD\xE2\x80\xAE") ==
        "<U+202A><U+202B><U+202C><U+202D><U+202E>");
  CHECK(printable("\xE2\x81\xA6\xE2\x81\xA7\xE2\x81\xA8\xE2\x81\xA9") ==
        "<U+2066><U+2067><U+2068><U+2069>");
  // And the marks, which nudge neutral characters.
  CHECK(printable("\xE2\x80\x8E\xE2\x80\x8F\xD8\x9C") == "<U+200E><U+200F><U+061C>");
  // "CHF <RLO>0001<PDF>": displayed as 1000 when printed raw.
  CHECK(printable("CHF \xE2\x80\xAE"
                  "0001\xE2\x80\xAC") == "CHF <U+202E>0001<U+202C>");
  // Invisible format characters: zero-width space, joiner, soft hyphen, BOM.
  CHECK(printable("a\xE2\x80\x8B"
                  "b\xE2\x80\x8D"
                  "c\xC2\xAD"
                  "d\xEF\xBB\xBF") == "a<U+200B>b<U+200D>c<U+00AD>d<U+FEFF>");
  // A tag character beyond the BMP gets five digits.
  CHECK(printable("\xF3\xA0\x80\x81") == "<U+E0001>");
}

TEST_CASE("printable: bytes that are not UTF-8 are shown as their value", "[printable]") {
  CHECK(printable("a\xFF"
                  "b") == "a<FF>b");
  CHECK(printable("\xC3") == "<C3>");                  // cut off
  CHECK(printable("\xC0\xAF") == "<C0><AF>");          // overlong
  CHECK(printable("\xED\xA0\x80") == "<ED><A0><80>");  // surrogate
  CHECK(printable("\xA0") == "<A0>");                  // a lone continuation byte
}

TEST_CASE("printable: the result is clean and printing it again changes nothing", "[printable]") {
  std::string all;
  for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
  all += "\xE2\x80\xAE\xC2\x9B\xE2\x81\xA6";
  const std::string once = printable(all);
  CHECK(printable(once) == once);
  for (char c : once) {
    const auto b = static_cast<unsigned char>(c);
    INFO("byte " << static_cast<int>(b));
    CHECK((b >= 0x20 && b < 0x7F || b == '\t'));
  }
}

TEST_CASE("printable_lines: keeps the line feeds between lines", "[printable]") {
  CHECK(printable_lines("cannot read 'a\x1b'\nrun 'cwgreport --help'") ==
        "cannot read 'a<U+001B>'\nrun 'cwgreport --help'");
  CHECK(printable_lines("a\r\n") == "a<U+000D>\n");
}

TEST_CASE("read_glyph: widths as printed", "[printable]") {
  CHECK(read_glyph("a").width == 1);
  CHECK(read_glyph("\t").kind == Glyph::Kind::tab);
  CHECK(read_glyph("\xE4\xBC\x9A").width == 2);
  CHECK(read_glyph("\xCC\x81").width == 0);  // a combining mark
  const Glyph esc = read_glyph("\x1b[");
  CHECK(esc.kind == Glyph::Kind::escaped);
  CHECK(esc.width == 8);
  CHECK(esc.size == 1);
  const Glyph bad = read_glyph("\xFF");
  CHECK(bad.width == 4);
  CHECK_FALSE(bad.utf8);
  // A byte-order mark is hidden at the start of a line only.
  CHECK(read_glyph("\xEF\xBB\xBFx", true).kind == Glyph::Kind::hidden);
  CHECK(read_glyph("\xEF\xBB\xBFx", false).kind == Glyph::Kind::escaped);
}
