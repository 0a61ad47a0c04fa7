// Numbers and dates in words, for titles, counts and meeting references.
#include "lang/ordinals.h"

#include <utf8proc.h>

#include <array>

namespace cwg {

namespace {

constexpr std::array<std::string_view, 20> kOnes = {
    "zero",     "one",     "two",     "three",     "four",     "five",    "six",
    "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",  "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
constexpr std::array<std::string_view, 10> kTens = {
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};

}  // namespace

std::string cardinal_words(long n) {
  if (n < 0) return "minus " + cardinal_words(-n);
  if (n < 20) return std::string(kOnes[static_cast<std::size_t>(n)]);
  if (n < 100) {
    std::string out(kTens[static_cast<std::size_t>(n / 10)]);
    if (n % 10) out += "-" + std::string(kOnes[static_cast<std::size_t>(n % 10)]);
    return out;
  }
  if (n < 1000) {
    std::string out = cardinal_words(n / 100) + " hundred";
    if (n % 100) out += " and " + cardinal_words(n % 100);
    return out;
  }
  if (n < 1'000'000) {
    std::string out = cardinal_words(n / 1000) + " thousand";
    if (n % 1000) out += (n % 1000 < 100 ? " and " : " ") + cardinal_words(n % 1000);
    return out;
  }
  return std::to_string(n);
}

std::string ordinal_words(long n) {
  std::string w = cardinal_words(n);
  // Only the last word changes: "twenty-one" -> "twenty-first".
  static const std::array<std::pair<std::string_view, std::string_view>, 8> irregular = {
      {{"one", "first"},
       {"two", "second"},
       {"three", "third"},
       {"five", "fifth"},
       {"eight", "eighth"},
       {"nine", "ninth"},
       {"twelve", "twelfth"},
       {"zero", "zeroth"}}};
  for (const auto& [from, to] : irregular) {
    if (w.ends_with(from)) {
      std::size_t at = w.size() - from.size();
      if (at == 0 || w[at - 1] == ' ' || w[at - 1] == '-') return w.substr(0, at) + std::string(to);
    }
  }
  if (w.ends_with("y")) return w.substr(0, w.size() - 1) + "ieth";
  return w + "th";
}

std::string ordinal_numeral(long n) {
  long tens = n % 100;
  const char* suffix = "th";
  if (tens < 11 || tens > 13) {
    switch (n % 10) {
      case 1:
        suffix = "st";
        break;
      case 2:
        suffix = "nd";
        break;
      case 3:
        suffix = "rd";
        break;
      default:
        break;
    }
  }
  return std::to_string(n) + suffix;
}

std::string long_date(std::string_view iso) {
  static constexpr std::array<std::string_view, 12> months = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::string(iso);
  int month = (iso[5] - '0') * 10 + (iso[6] - '0');
  int day = (iso[8] - '0') * 10 + (iso[9] - '0');
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::string(iso);
  return std::to_string(day) + "\u00A0" + std::string(months[static_cast<std::size_t>(month - 1)]) +
         " " + std::string(iso.substr(0, 4));
}

std::string upper_case(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(utf8.data());
  auto len = static_cast<utf8proc_ssize_t>(utf8.size());
  while (len > 0) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(p, len, &cp);
    if (n <= 0) break;  // the reader only lets valid UTF-8 through
    utf8proc_uint8_t buf[4];
    utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_toupper(cp), buf);
    out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(m));
    p += n;
    len -= n;
  }
  return out;
}

}  // namespace cwg
