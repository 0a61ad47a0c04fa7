// Text made safe to print: see printable.h.
#include "text/printable.h"

#include <fmt/format.h>

#include "text/width.h"

namespace cwg::text {

namespace {

std::string escape_text(const Glyph& g) {
  if (!g.utf8) return fmt::format("<{:02X}>", static_cast<unsigned>(g.code));
  return fmt::format("<U+{:04X}>", static_cast<unsigned>(g.code));
}

int escape_width(const Glyph& g) {
  if (!g.utf8) return 4;  // <FF>
  return g.code > 0xFFFFF ? 10 : g.code > 0xFFFF ? 9 : 8;
}

}  // namespace

Glyph read_glyph(std::string_view text, bool line_start) {
  Glyph g;
  const auto first = static_cast<unsigned char>(text[0]);
  if (first < 0x80) {
    g.code = first;
    if (first == '\t') {
      g.kind = Glyph::Kind::tab;
      g.width = kTabWidth;
    } else if (is_escaped(first)) {
      g.kind = Glyph::Kind::escaped;
      g.width = escape_width(g);
    } else {
      g.width = 1;
    }
    return g;
  }
  const Decoded d = decode(text);
  if (d.size == 0) {
    g.kind = Glyph::Kind::escaped;
    g.utf8 = false;
    g.code = first;
    g.width = escape_width(g);
    return g;
  }
  g.size = d.size;
  g.code = d.code;
  if (g.code == 0xFEFF && line_start) {
    g.kind = Glyph::Kind::hidden;
  } else if (is_escaped(g.code)) {
    g.kind = Glyph::Kind::escaped;
    g.width = escape_width(g);
  } else {
    g.width = char_width(g.code);
  }
  return g;
}

void append_glyph(std::string& out, std::string_view text, const Glyph& g) {
  switch (g.kind) {
    case Glyph::Kind::plain:
    case Glyph::Kind::tab:
      out.append(text.data(), g.size);
      break;
    case Glyph::Kind::escaped:
      out += escape_text(g);
      break;
    case Glyph::Kind::hidden:
      break;
  }
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    // Printable ASCII, nearly all of what is printed, is copied a run at a time.
    std::size_t run = 0;
    while (run < text.size()) {
      const auto c = static_cast<unsigned char>(text[run]);
      if (c >= 0x7F || (c < 0x20 && c != '\t')) break;
      ++run;
    }
    if (run > 0) {
      out.append(text.data(), run);
      text.remove_prefix(run);
      continue;
    }
    const Glyph g = read_glyph(text);
    append_glyph(out, text, g);
    text.remove_prefix(g.size);
  }
  return out;
}

std::string printable_lines(std::string_view text) {
  std::string out;
  for (std::size_t nl; (nl = text.find('\n')) != std::string_view::npos;) {
    out += printable(text.substr(0, nl));
    out += '\n';
    text.remove_prefix(nl + 1);
  }
  out += printable(text);
  return out;
}

}  // namespace cwg::text
