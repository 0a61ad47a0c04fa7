// Numbers and dates as words, the way the reports print them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace cwg {

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

}  // namespace cwg
