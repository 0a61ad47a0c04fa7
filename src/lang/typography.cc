// Language typography: lang/typography.h.
#include "lang/typography.h"

namespace cwg::lang {

std::string french_spacing(std::string_view text) {
  constexpr std::string_view kNoBreak = "\u00A0";
  constexpr std::string_view kNarrow = "\u202F";
  constexpr std::string_view kOpen = "\u00AB";   // «
  constexpr std::string_view kClose = "\u00BB";  // »
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ' ' && i + 1 < text.size()) {
      std::string_view rest = text.substr(i + 1);
      if (rest[0] == ':' || rest.starts_with(kClose)) {
        out += kNoBreak;
        continue;
      }
      if (rest[0] == ';' || rest[0] == '!' || rest[0] == '?') {
        out += kNarrow;
        continue;
      }
      if (out.ends_with(kOpen)) {
        out += kNoBreak;
        continue;
      }
    }
    out += c;
  }
  return out;
}

}  // namespace cwg::lang
