// Numbers and dates in words, for titles, counts and meeting references.
#include "lang/ordinals.h"

#include <utf8proc.h>

#include <array>
#include <chrono>
#include <optional>

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

namespace {

struct Day {
  std::string_view year;
  int month = 0;  // 1 to 12
  int day = 0;
};

std::optional<Day> parse_day(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (iso[i] < '0' || iso[i] > '9') return std::nullopt;
  Day d{iso.substr(0, 4), (iso[5] - '0') * 10 + (iso[6] - '0'),
        (iso[8] - '0') * 10 + (iso[9] - '0')};
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) return std::nullopt;
  return d;
}

std::string_view month_name(int month) {
  static constexpr std::array<std::string_view, 12> months = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  return months[static_cast<std::size_t>(month - 1)];
}

}  // namespace

std::string long_date(std::string_view iso) {
  auto d = parse_day(iso);
  if (!d) return std::string(iso);
  return std::to_string(d->day) + "\u00A0" + std::string(month_name(d->month)) + " " +
         std::string(d->year);
}

std::string long_date_range(std::string_view first, std::string_view last) {
  auto a = parse_day(first);
  if (last.empty() || last == first) return long_date(first);
  auto b = parse_day(last);
  if (!a || !b) return std::string(first) + "\u2013" + std::string(last);
  if (a->year != b->year) return long_date(first) + " \u2013 " + long_date(last);
  if (a->month != b->month)
    return std::to_string(a->day) + "\u00A0" + std::string(month_name(a->month)) + " \u2013 " +
           long_date(last);
  return std::to_string(a->day) + "-" + long_date(last);
}

int weekday(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return -1;
  int y = 0;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (iso[i] < '0' || iso[i] > '9') return -1;
  for (std::size_t i = 0; i < 4; ++i) y = y * 10 + (iso[i] - '0');
  auto m = static_cast<unsigned>((iso[5] - '0') * 10 + (iso[6] - '0'));
  auto d = static_cast<unsigned>((iso[8] - '0') * 10 + (iso[9] - '0'));
  std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month{m},
                                   std::chrono::day{d}};
  if (!date.ok()) return -1;
  return static_cast<int>(std::chrono::weekday{std::chrono::sys_days{date}}.iso_encoding()) - 1;
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

namespace {
constexpr std::string_view kInsertionSuffixes[kMaxInsertions] = {
    "bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies"};
}  // namespace

std::string_view insertion_suffix(std::size_t n) {
  return n >= 1 && n <= kMaxInsertions ? kInsertionSuffixes[n - 1] : std::string_view{};
}

std::size_t insertion_index(std::string_view suffix) {
  for (std::size_t i = 0; i < kMaxInsertions; ++i)
    if (kInsertionSuffixes[i] == suffix) return i + 1;
  return 0;
}

}  // namespace cwg
