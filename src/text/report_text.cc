// Text fit for a report: see report_text.h.
#include "text/report_text.h"

#include "text/code_point.h"

namespace cwg::text {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

std::string replace_unfit(std::string_view text, bool keep_cr) {
  const auto kept_control = [keep_cr](char32_t c) {
    return c == '\t' || c == '\n' || (keep_cr && c == '\r');
  };
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    // Printable ASCII, nearly all of a report, is copied a run at a time.
    std::size_t run = 0;
    while (run < text.size()) {
      const auto c = static_cast<unsigned char>(text[run]);
      if (c >= 0x7F || (c < 0x20 && !kept_control(c))) break;
      ++run;
    }
    if (run > 0) {
      out.append(text.data(), run);
      text.remove_prefix(run);
      continue;
    }
    const Decoded d = decode(text);
    if (d.size == 0) {
      out += kReplacement;
      text.remove_prefix(1);
      continue;
    }
    if ((is_control(d.code) && !kept_control(d.code)) || is_noncharacter(d.code)) {
      out += kReplacement;
    } else {
      out.append(text.data(), d.size);
    }
    text.remove_prefix(d.size);
  }
  return out;
}

}  // namespace

std::string report_text(std::string_view text) { return replace_unfit(text, false); }

std::string html_text(std::string_view text) { return replace_unfit(text, true); }

}  // namespace cwg::text
