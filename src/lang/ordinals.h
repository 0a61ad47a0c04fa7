// Numbers and dates as words, the way the reports print them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cwg {

namespace lang {
struct Labels;
}

std::string cardinal_words(long n);   // 10 -> "ten", 21 -> "twenty-one"
std::string ordinal_words(long n);    // 16 -> "sixteenth", 23 -> "twenty-third"
std::string ordinal_numeral(long n);  // 14 -> "14th", 22 -> "22nd"
// "2018-01-23" -> "23 January 2018", with a no-break space between day and
// month, as the reports print dates. Returns the input if it is not a date.
std::string long_date(std::string_view iso);
// The days of a meeting, as the reports print them: "25 January 2018",
// "25-26 January 2018", "30 November – 1 December 2017", "30 December 2017
// – 2 January 2018"; a no-break space between day and month. `last` may be
// empty or equal to `first`. If either is not a date, returns the two as
// they are, joined by an en dash.
std::string long_date_range(std::string_view first, std::string_view last);
// The day of the week of "2018-01-23": 0 for Monday to 6 for Sunday; -1 if
// it is not a date.
int weekday(std::string_view iso);
std::string upper_case(std::string_view utf8);

// The Latin multiplicative adverb that numbers the n-th paragraph inserted
// after a frozen one: 1 -> "bis" (6.3bis), 2 -> "ter", 3 -> "quater" ...
// up to kMaxInsertions -> "decies"; "" past it. The suffixes are the same in
// every language of the reports, as in the documents of the UN and the ITU.
inline constexpr std::size_t kMaxInsertions = 9;
std::string_view insertion_suffix(std::size_t n);
// The inverse: "ter" -> 2; 0 for a word that is not one of them.
std::size_t insertion_index(std::string_view suffix);

// The same in the language of `l`, with ICU (the rule-based number formats
// and the locale's dates) for every language but English, which keeps the
// functions above so that its reports print as they always have.
//
// `n` by one of l's rule sets ("%spellout-ordinal-feminine" gives
// "quatorzième", "%digits-ordinal-feminine" "14e"), or in digits for the
// rule set "digits". An unknown rule set prints the digits.
std::string number_text(long n, const lang::Labels& l, std::string_view rules);
// "23 janvier 2018", "23 de enero de 2018", "23 января 2018 г.",
// "2018年1月23日", "23 يناير 2018"; the first of a month as the language
// writes it (Labels::first_day: "1er mai 2019"). The input if it is not a
// date.
std::string long_date(std::string_view iso, const lang::Labels& l);
// "25–26 janvier 2018", "30 novembre – 1er décembre 2017": the locale's
// interval format. As long_date_range above for a date that is no date.
std::string long_date_range(std::string_view first, std::string_view last, const lang::Labels& l);
// The month of a date as it follows the day in the language of `l`, one
// for each month, from the first: "January" in English, "janvier",
// "de enero", "января" (the form a date uses), "يناير"; none in a language
// whose dates put the month first (Chinese). The typography of a text
// holds a day and its month together with them (lang/typography.h).
const std::vector<std::string>& months_after_day(const lang::Labels& l);
// Upper case by the rules of the language.
std::string upper_case(std::string_view utf8, const lang::Labels& l);
// The first letter in upper case, for a word that starts a sentence.
std::string capitalize_first(std::string_view utf8, const lang::Labels& l);

}  // namespace cwg
