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

namespace {
bool digit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

std::string number_spacing(std::string_view text) {
  std::string out;
  if (text.find(' ') == std::string_view::npos) return std::string(text);
  out.reserve(text.size() + 8);
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    // A number starts here: up to three digits not preceded by one.
    if (!digit(text[i]) || (i > 0 && digit(text[i - 1]))) {
      out += text[i++];
      continue;
    }
    std::size_t j = i;
    while (j < n && digit(text[j])) ++j;
    out.append(text.substr(i, j - i));
    if (j - i > 3) {
      i = j;
      continue;
    }
    // Its groups: a space and exactly three digits, each.
    while (j + 4 <= n && text[j] == ' ' && digit(text[j + 1]) && digit(text[j + 2]) &&
           digit(text[j + 3]) && (j + 4 == n || !digit(text[j + 4]))) {
      out += "\u00A0";
      out.append(text.substr(j + 1, 3));
      j += 4;
    }
    i = j;
  }
  return out;
}

std::size_t absorbed_full_stop(std::string_view generated, std::string_view following) {
  if (!generated.ends_with('.') || !following.starts_with('.') || following.starts_with(".."))
    return 0;
  return 1;
}

std::string language_typography(std::string_view text, std::string_view language) {
  if (language == "en") return std::string(text);
  if (language == "fr") return number_spacing(french_spacing(text));
  return number_spacing(text);
}

}  // namespace cwg::lang
