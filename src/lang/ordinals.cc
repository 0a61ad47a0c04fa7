// Numbers and dates in words, for titles, counts and meeting references.
#include "lang/ordinals.h"

#include <unicode/datefmt.h>
#include <unicode/dtitvfmt.h>
#include <unicode/fpositer.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>
#include <unicode/rbnf.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "lang/labels.h"

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

// ICU, for the other languages.
namespace cwg {

namespace {

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

// ICU's Arabic rules leave two spaces in "الحادي  والعشرون".
std::string single_spaces(std::string s) {
  std::size_t at = 0;
  while ((at = s.find("  ", at)) != std::string::npos) s.erase(at, 1);
  return s;
}

// One formatter per locale and kind, made on first use, kept per thread
// (ICU's formatters are not safe to share while formatting).
const icu::RuleBasedNumberFormat* number_format(const lang::Labels& l, bool digits) {
  thread_local std::map<std::string, std::unique_ptr<icu::RuleBasedNumberFormat>> cache;
  std::string key = std::string(l.icu_locale) + (digits ? "/ordinal" : "/spellout");
  auto it = cache.find(key);
  if (it == cache.end()) {
    UErrorCode status = U_ZERO_ERROR;
    auto f = std::make_unique<icu::RuleBasedNumberFormat>(
        digits ? icu::URBNF_ORDINAL : icu::URBNF_SPELLOUT,
        icu::Locale(std::string(l.icu_locale).c_str()), status);
    if (U_FAILURE(status)) f.reset();
    it = cache.emplace(std::move(key), std::move(f)).first;
  }
  return it->second.get();
}

std::optional<UDate> icu_date(std::string_view iso) {
  auto d = parse_day(iso);
  if (!d) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  icu::GregorianCalendar cal(*icu::TimeZone::getGMT(), status);
  cal.setLenient(false);  // no 31 February
  cal.clear();
  int year = 0;
  for (char c : d->year) year = year * 10 + (c - '0');
  cal.set(year, d->month - 1, d->day);
  UDate out = cal.getTime(status);
  if (U_FAILURE(status)) return std::nullopt;
  return out;
}

// A date format of the locale for the day, month in words and year.
std::unique_ptr<icu::DateFormat> date_format(const lang::Labels& l) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale locale(std::string(l.icu_locale).c_str());
  std::unique_ptr<icu::DateFormat> f(
      icu::DateFormat::createInstanceForSkeleton("dMMMMy", locale, status));
  if (U_FAILURE(status)) return nullptr;
  f->setTimeZone(*icu::TimeZone::getGMT());
  return f;
}

// The 15th of `month` (1 to 12), in 2018: "2018-01-15".
std::string fmt_month(int month) {
  std::string iso = "2018-00-15";
  iso[5] = static_cast<char>('0' + month / 10);
  iso[6] = static_cast<char>('0' + month % 10);
  return iso;
}

// A date as ICU formats it, with where each of its fields is.
struct FormattedDate {
  icu::UnicodeString text;
  struct Field {
    int32_t field = 0;  // UDateFormatField
    int32_t start = 0;
    int32_t limit = 0;
  };
  std::vector<Field> fields;
};

bool is_month(int32_t field) {
  return field == UDAT_MONTH_FIELD || field == UDAT_STANDALONE_MONTH_FIELD;
}

// The date as the reports print it in the language of `l`: a day and the
// month after it held together by no-break spaces, as in English ("23
// janvier", "23 de enero", "23 января"; ICU's formats have plain spaces),
// and its first day of a month as the language writes it ("1er" in French,
// from the table), where ICU's formats give the digit.
std::string dressed(FormattedDate d, const lang::Labels& l) {
  icu::UnicodeString first = icu::UnicodeString::fromUTF8(
      icu::StringPiece(l.first_day.data(), static_cast<int32_t>(l.first_day.size())));
  std::sort(d.fields.begin(), d.fields.end(),
            [](const auto& x, const auto& y) { return x.start < y.start; });
  // Between a day and its month, only spaces and words ("de"): each space
  // becomes a no-break one, which leaves every position as it was.
  for (std::size_t i = 1; i < d.fields.size(); ++i) {
    const FormattedDate::Field& day = d.fields[i - 1];
    const FormattedDate::Field& month = d.fields[i];
    if (day.field != UDAT_DATE_FIELD || !is_month(month.field)) continue;
    bool words = true;
    for (int32_t k = day.limit; k < month.start && words; ++k)
      words = d.text[k] == u' ' || u_isalpha(d.text[k]);
    if (!words) continue;
    for (int32_t k = day.limit; k < month.start; ++k)
      if (d.text[k] == u' ') d.text.setCharAt(k, u'\u00A0');
  }
  // From the end, so that a replacement leaves the positions before it.
  for (auto it = d.fields.rbegin(); it != d.fields.rend(); ++it) {
    if (it->field != UDAT_DATE_FIELD || first.isEmpty()) continue;
    if (d.text.tempSubStringBetween(it->start, it->limit) == icu::UnicodeString(u"1"))
      d.text.replace(it->start, it->limit - it->start, first);
  }
  return to_utf8(d.text);
}

}  // namespace

std::string number_text(long n, const lang::Labels& l, std::string_view rules) {
  if (rules == "digits") return std::to_string(n);
  if (l.language == "en") {
    if (rules.starts_with("%digits-ordinal")) return ordinal_numeral(n);
    if (rules.starts_with("%spellout-ordinal")) return ordinal_words(n);
    if (rules.starts_with("%spellout-cardinal")) return cardinal_words(n);
  }
  const icu::RuleBasedNumberFormat* f = number_format(l, rules.starts_with("%digits"));
  if (!f) return std::to_string(n);
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString out;
  icu::FieldPosition pos;
  f->format(static_cast<int64_t>(n),
            icu::UnicodeString::fromUTF8(
                icu::StringPiece(rules.data(), static_cast<int32_t>(rules.size()))),
            out, pos, status);
  if (U_FAILURE(status)) return std::to_string(n);
  return single_spaces(to_utf8(out));
}

namespace {

// The date as ICU's format of the locale writes it, with its fields.
std::optional<FormattedDate> icu_long_date(std::string_view iso, const lang::Labels& l) {
  auto date = icu_date(iso);
  auto f = date_format(l);
  if (!date || !f) return std::nullopt;
  FormattedDate out;
  UErrorCode status = U_ZERO_ERROR;
  icu::FieldPositionIterator fields;
  f->format(*date, out.text, &fields, status);
  if (U_FAILURE(status)) return std::nullopt;
  for (icu::FieldPosition pos; fields.next(pos);)
    out.fields.push_back({pos.getField(), pos.getBeginIndex(), pos.getEndIndex()});
  std::sort(out.fields.begin(), out.fields.end(),
            [](const auto& x, const auto& y) { return x.start < y.start; });
  return out;
}

}  // namespace

std::string long_date(std::string_view iso, const lang::Labels& l) {
  if (l.language == "en") return long_date(iso);
  auto out = icu_long_date(iso, l);
  if (!out) return std::string(iso);
  return dressed(std::move(*out), l);
}

const std::vector<std::string>& months_after_day(const lang::Labels& l) {
  thread_local std::map<std::string, std::vector<std::string>> cache;
  auto it = cache.find(std::string(l.language));
  if (it != cache.end()) return it->second;
  std::vector<std::string> months;
  for (int m = 1; m <= 12; ++m) {
    if (l.language == "en") {
      months.emplace_back(month_name(m));
      continue;
    }
    // What follows the day in the locale's date, up to the month's end.
    const std::string iso = fmt_month(m);
    auto d = icu_long_date(iso, l);
    if (!d) continue;
    for (std::size_t i = 1; i < d->fields.size(); ++i) {
      const FormattedDate::Field& day = d->fields[i - 1];
      const FormattedDate::Field& month = d->fields[i];
      if (day.field != UDAT_DATE_FIELD || !is_month(month.field)) continue;
      if (day.limit >= month.start || d->text[day.limit] != u' ') continue;
      months.push_back(
          to_utf8(icu::UnicodeString(d->text, day.limit + 1, month.limit - day.limit - 1)));
    }
  }
  return cache.emplace(std::string(l.language), std::move(months)).first->second;
}

std::string long_date_range(std::string_view first, std::string_view last, const lang::Labels& l) {
  if (l.language == "en") return long_date_range(first, last);
  if (last.empty() || last == first) return long_date(first, l);
  auto a = icu_date(first);
  auto b = icu_date(last);
  if (!a || !b) return std::string(first) + "\u2013" + std::string(last);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::DateIntervalFormat> f(icu::DateIntervalFormat::createInstance(
      "dMMMMy", icu::Locale(std::string(l.icu_locale).c_str()), status));
  if (U_FAILURE(status)) return long_date(first, l) + " \u2013 " + long_date(last, l);
  f->setTimeZone(*icu::TimeZone::getGMT());
  icu::DateInterval interval(*a, *b);
  icu::FormattedDateInterval value = f->formatToValue(interval, status);
  FormattedDate out;
  out.text = value.toString(status);
  icu::ConstrainedFieldPosition pos;
  pos.constrainCategory(UFIELD_CATEGORY_DATE);
  while (U_SUCCESS(status) && value.nextPosition(pos, status))
    out.fields.push_back({pos.getField(), pos.getStart(), pos.getLimit()});
  if (U_FAILURE(status)) return long_date(first, l) + " \u2013 " + long_date(last, l);
  return dressed(std::move(out), l);
}

std::string upper_case(std::string_view utf8, const lang::Labels& l) {
  if (l.language == "en") return upper_case(utf8);
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  s.toUpper(icu::Locale(std::string(l.icu_locale).c_str()));
  return to_utf8(s);
}

std::string capitalize_first(std::string_view utf8, const lang::Labels& l) {
  if (utf8.empty()) return {};
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  UChar32 first = s.char32At(0);
  int32_t len = U16_LENGTH(first);
  icu::UnicodeString head(s, 0, len);
  head.toUpper(icu::Locale(std::string(l.icu_locale).c_str()));
  return to_utf8(head) + to_utf8(icu::UnicodeString(s, len));
}

}  // namespace cwg
