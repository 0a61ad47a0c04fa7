// The typography of a language that a report applies to the text of its
// sources as well as to the words it generates.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace cwg::lang {

struct Labels;

// The no-break spaces (U+00A0) a report puts in every text, by the table
// of the text's language: between a word of Labels::numbered_words and the
// number after it ("Resolution 179", "Résolution 179", "Резолюции 179"),
// and between a day and the month after it as the language's dates write
// it (months_after_day in lang/ordinals.h: "23 January", "23 janvier",
// "1er mai", "23 de enero", "23 января"). Only a plain space changes, and
// only a whole word: "123 March", "the Resolution was" and "1 Mayday" stay
// as they are.
void append_no_break_spaces(std::string& out, std::string_view text, const Labels& l);
std::string no_break_spaces(std::string_view text, const Labels& l);

// French: a space the text already has before ":" becomes a no-break space
// (U+00A0), before ";", "!" and "?" a narrow no-break space (U+202F), and
// the space inside « » a no-break space, so that the sign never starts a
// line. Only a space the writer typed changes: "10:30" and "http://" have
// none and stay as they are. The text of a code span or a link's address
// never comes here.
std::string french_spacing(std::string_view text);

// Every language but English: the space between the groups of a number
// written with spaces ("10 480", "1 000 000": one to three digits, then
// groups of three) becomes a no-break space (U+00A0), so that the number
// never breaks across lines and, in a right-to-left report, reads as one
// number: a plain space between two groups of digits would have the
// Unicode bidi algorithm print "480 10". Two numbers that only follow each
// other ("2018 100") stay apart: the first has more than three digits.
std::string number_spacing(std::string_view text);

// A generated text that ends with an abbreviation's full stop (a Russian
// date: "1 февраля 2019 г.") also ends the sentence it closes: the number
// of characters of `following`, the writer's text after it, that are left
// out, 1 for the sentence's own full stop, 0 otherwise. An ellipsis ("...")
// stays as it is.
std::size_t absorbed_full_stop(std::string_view generated, std::string_view following);

// What a report in `language` ("fr", "ar" ...) applies to a text of its
// sources: french_spacing in French, number_spacing in every language but
// English; English text comes back as it is.
std::string language_typography(std::string_view text, std::string_view language);

}  // namespace cwg::lang
