// Language typography: lang/typography.h.
#include "lang/typography.h"

#include <utf8proc.h>

#include "lang/labels.h"
#include "lang/ordinals.h"

namespace cwg::lang {

namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

bool word_code_point(utf8proc_int32_t cp) {
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ND:
      return true;
    default:
      return false;
  }
}

// Whether the code point that starts text[at, ...) is a letter, a digit or
// a mark, so that a word starting or ending beside it would be part of a
// longer one. False past the end.
bool word_at(std::string_view text, std::size_t at) {
  if (at >= text.size()) return false;
  utf8proc_int32_t cp = -1;
  utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + at),
                   static_cast<utf8proc_ssize_t>(text.size() - at), &cp);
  return cp >= 0 && word_code_point(cp);
}

// The same for the code point that ends text[0, end); false at the start.
bool word_before(std::string_view text, std::size_t end) {
  if (end == 0) return false;
  std::size_t start = end - 1;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  return word_at(text.substr(0, end), start);
}

}  // namespace

void append_no_break_spaces(std::string& out, std::string_view text, const Labels& l) {
  constexpr std::string_view kNoBreak = "\u00A0";
  const std::vector<std::string>& months = months_after_day(l);
  // Only a space just before or just after a number can change, and none
  // at either end: the text between them is copied as it is.
  std::size_t copied = 0;
  for (std::size_t d = 0; d < text.size(); ++d) {
    if (!digit(text[d])) continue;
    const std::size_t start = d;
    while (d + 1 < text.size() && digit(text[d + 1])) ++d;
    std::size_t end = d + 1;
    // "Resolution 179": a whole word of the table, a space, the number.
    if (start >= 2 && start - 1 >= copied && text[start - 1] == ' ') {
      std::string_view before = text.substr(0, start - 1);
      std::string_view words = l.numbered_words;
      while (!words.empty()) {
        const std::size_t space = words.find(' ');
        const std::string_view word = words.substr(0, space);
        if (!word.empty() && before.ends_with(word) &&
            !word_before(before, before.size() - word.size())) {
          out.append(text.substr(copied, start - 1 - copied));
          out += kNoBreak;
          copied = start;
          break;
        }
        if (space == std::string_view::npos) break;
        words.remove_prefix(space + 1);
      }
    }
    // "23 January", "1er mai": a day (one or two digits, or the table's
    // first day), a space, a month as the language's dates write it.
    if (end - start > 2 || word_before(text, start)) continue;
    if (!l.first_day.empty() && text.substr(start).starts_with(l.first_day))
      end = start + l.first_day.size();
    if (end + 1 >= text.size() || text[end] != ' ') continue;
    const std::string_view rest = text.substr(end + 1);
    for (const std::string& month : months) {
      if (!rest.starts_with(month) || word_at(rest, month.size())) continue;
      out.append(text.substr(copied, end - copied));
      out += kNoBreak;
      for (char c : month) {
        if (c == ' ')
          out += kNoBreak;
        else
          out += c;
      }
      copied = end + 1 + month.size();
      d = copied - 1;
      break;
    }
  }
  out.append(text.substr(copied));
}

std::string no_break_spaces(std::string_view text, const Labels& l) {
  std::string out;
  out.reserve(text.size() + 8);
  append_no_break_spaces(out, text, l);
  return out;
}

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
