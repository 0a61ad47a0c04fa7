// Text fit for a report: see report_text.h.
#include "text/report_text.h"

#include <cstdint>
#include <cstring>

#include "text/code_point.h"

namespace cwg::text {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The length of the start of `text` that holds nothing to replace.
std::size_t fit_prefix(std::string_view text, bool keep_cr) {
  std::size_t i = 0;
  while (i < text.size()) {
    // Eight bytes at a time while all are printable ASCII: none is below
    // 0x20, none is 0x7F or above (a byte of 0x7F becomes 0x80 once 1 is
    // added; a carry out of 0xFF only happens where the top bit is set).
    constexpr std::uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    while (i + 8 <= text.size()) {
      std::uint64_t x;
      std::memcpy(&x, text.data() + i, 8);
      const std::uint64_t below_space = (x - 0x20 * ones) & ~x & highs;
      const std::uint64_t from_del = (x | (x + ones)) & highs;
      if ((below_space | from_del) != 0) break;
      i += 8;
    }
    if (i == text.size()) break;
    const auto c = static_cast<unsigned char>(text[i]);
    // Printable ASCII, nearly all of a report, is passed a byte at a time.
    if (c >= 0x20 && c < 0x7F) {
      ++i;
      continue;
    }
    if (c < 0x80) {
      if (c == '\t' || c == '\n' || (keep_cr && c == '\r')) {
        ++i;
        continue;
      }
      return i;
    }
    const Decoded d = decode(text.substr(i));
    if (d.size == 0 || is_control(d.code) || is_noncharacter(d.code)) return i;
    i += d.size;
  }
  return i;
}

void replace_unfit(std::string& out, std::string_view text, bool keep_cr) {
  while (!text.empty()) {
    const std::size_t fit = fit_prefix(text, keep_cr);
    out.append(text.data(), fit);
    text.remove_prefix(fit);
    if (text.empty()) break;
    // What stops fit_prefix is replaced: a byte that is not UTF-8, or a
    // control character or noncharacter, whole.
    const Decoded d = decode(text);
    out += kReplacement;
    text.remove_prefix(d.size == 0 ? 1 : d.size);
  }
}

}  // namespace

std::string report_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  replace_unfit(out, text, false);
  return out;
}

std::string html_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  replace_unfit(out, text, true);
  return out;
}

void append_report_text(std::string& out, std::string_view text) {
  replace_unfit(out, text, false);
}

bool is_report_text(std::string_view text) { return fit_prefix(text, false) == text.size(); }

bool is_html_text(std::string_view text) { return fit_prefix(text, true) == text.size(); }

}  // namespace cwg::text
