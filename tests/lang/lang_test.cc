// The words a report generates in each of its six languages: numbers and
// ordinals in words and numerals, dates and date ranges, upper case, and
// the tables of fixed words.
#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>
#include <unicode/rbnf.h>
#include <unicode/unistr.h>

#include <catch2/catch.hpp>
#include <string>

#include "lang/labels.h"
#include "lang/ordinals.h"
#include "lang/typography.h"

using namespace cwg;

namespace {

const lang::Labels& L(std::string_view code) {
  const lang::Labels& l = lang::labels(code);
  REQUIRE(l.language == code);
  return l;
}

std::string ordinal_words_of(long n, std::string_view code) {
  return number_text(n, L(code), L(code).ordinal_words_rules);
}
std::string ordinal_numeral_of(long n, std::string_view code) {
  return number_text(n, L(code), L(code).ordinal_numeral_rules);
}
std::string count_of(long n, std::string_view code) {
  return number_text(n, L(code), L(code).count_rules);
}

}  // namespace

TEST_CASE("every table fills every field", "[lang]") {
  for (std::string_view code : lang::kLanguages) {
    const lang::Labels& l = L(code);
    for (const lang::LabelField& f : lang::kLabelFields) {
      INFO(code << "." << f.name);
      if (!f.may_be_empty) CHECK(!(l.*f.field).empty());
    }
    for (std::string_view day : l.weekdays) {
      INFO(code << " weekdays");
      CHECK(!day.empty());
    }
  }
  // A language without a table falls back to English.
  CHECK(lang::labels("de").language == "en");
}

TEST_CASE("every rule set a table names exists in ICU for its locale", "[lang]") {
  for (std::string_view code : lang::kLanguages) {
    const lang::Labels& l = L(code);
    icu::Locale locale(std::string(l.icu_locale).c_str());
    for (std::string_view lang::Labels::*rules :
         {&lang::Labels::ordinal_words_rules, &lang::Labels::ordinal_numeral_rules,
          &lang::Labels::title_words_rules, &lang::Labels::title_numeral_rules,
          &lang::Labels::record_rules, &lang::Labels::count_rules,
          &lang::Labels::count_other_rules}) {
      std::string name(l.*rules);
      INFO(code << ": " << name);
      if (name == "digits") continue;
      UErrorCode status = U_ZERO_ERROR;
      icu::RuleBasedNumberFormat f(
          name.starts_with("%digits") ? icu::URBNF_ORDINAL : icu::URBNF_SPELLOUT, locale, status);
      REQUIRE(U_SUCCESS(status));
      f.setDefaultRuleSet(icu::UnicodeString::fromUTF8(name), status);
      CHECK(U_SUCCESS(status));
    }
  }
}

TEST_CASE("the weekdays of each table are ICU's, capitalised", "[lang]") {
  for (std::string_view code : lang::kLanguages) {
    const lang::Labels& l = L(code);
    UErrorCode status = U_ZERO_ERROR;
    icu::DateFormatSymbols symbols(icu::Locale(std::string(l.icu_locale).c_str()), status);
    REQUIRE(U_SUCCESS(status));
    int32_t count = 0;
    const icu::UnicodeString* names =
        symbols.getWeekdays(count, icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::WIDE);
    REQUIRE(count == 8);  // [0] is empty, [1] is Sunday
    for (int i = 0; i < 7; ++i) {
      icu::UnicodeString ours = icu::UnicodeString::fromUTF8(std::string(l.weekdays[i]));
      icu::UnicodeString icu_name = names[(i + 1) % 7 + 1];
      std::string a, b;
      ours.foldCase().toUTF8String(a);
      icu::UnicodeString(icu_name).foldCase().toUTF8String(b);
      INFO(code << " day " << i);
      CHECK(a == b);
    }
  }
}

TEST_CASE("ordinals in words in the six languages", "[lang]") {
  CHECK(ordinal_words_of(14, "en") == "fourteenth");
  CHECK(ordinal_words_of(21, "en") == "twenty-first");
  CHECK(ordinal_words_of(101, "en") == "one hundred and first");
  CHECK(ordinal_words_of(1, "fr") == "première");
  CHECK(ordinal_words_of(14, "fr") == "quatorzième");
  CHECK(ordinal_words_of(2, "es") == "segunda");
  CHECK(ordinal_words_of(14, "es") == "decimocuarta");
  CHECK(ordinal_words_of(14, "ru") == "четырнадцатое");
  CHECK(number_text(14, L("ru"), L("ru").title_words_rules) == "четырнадцатого");
  CHECK(number_text(2, L("ru"), L("ru").record_rules) == "втором");
  CHECK(ordinal_words_of(14, "zh") == "第十四");
  CHECK(ordinal_words_of(14, "ar") == "الرابع عشر");
  CHECK(number_text(2, L("ar"), L("ar").record_rules) == "الثانية");
  // ICU leaves two spaces in this one.
  CHECK(ordinal_words_of(21, "ar") == "الحادي والعشرون");
}

TEST_CASE("ordinals in numerals in the six languages", "[lang]") {
  CHECK(ordinal_numeral_of(14, "en") == "14th");
  CHECK(ordinal_numeral_of(22, "en") == "22nd");
  CHECK(ordinal_numeral_of(1, "fr") == "1re");
  CHECK(ordinal_numeral_of(14, "fr") == "14e");
  CHECK(ordinal_numeral_of(14, "es") == "14.ª");
  CHECK(ordinal_numeral_of(14, "ru") == "14-е");
  CHECK(number_text(14, L("ru"), L("ru").title_numeral_rules) == "14-го");
  CHECK(ordinal_numeral_of(14, "zh") == "第14");
  // Arabic writes its ordinals in words.
  CHECK(ordinal_numeral_of(14, "ar") == "الرابع عشر");
}

TEST_CASE("counts in words in the six languages", "[lang]") {
  CHECK(count_of(10, "en") == "ten");
  CHECK(count_of(21, "en") == "twenty-one");
  CHECK(count_of(10, "fr") == "dix");
  CHECK(count_of(1, "fr") == "une");
  CHECK(count_of(10, "es") == "diez");
  CHECK(count_of(21, "es") == "veintiuna");
  CHECK(count_of(10, "ru") == "десять");
  CHECK(count_of(10, "zh") == "十");
  CHECK(count_of(12, "zh") == "十二");
  // In digits, as the Arabic documents write counts.
  CHECK(count_of(10, "ar") == "10");
  CHECK(count_of(0, "fr") == "zéro");
  // The noun's gender, kind by kind: "une contribution", "un rapport".
  CHECK(number_text(1, L("fr"), lang::count_rules(L("fr"), "contribution")) == "une");
  CHECK(number_text(1, L("fr"), lang::count_rules(L("fr"), "information-report")) == "un");
  CHECK(number_text(21, L("es"), lang::count_rules(L("es"), "liaison-statement")) == "veintiuna");
  CHECK(number_text(21, L("es"), lang::count_rules(L("es"), "report")) ==
        "veintiún");  // "veintiún informes"
  CHECK(number_text(1, L("en"), lang::count_rules(L("en"), "report")) == "one");
  CHECK(number_text(1, L("ru"), lang::count_rules(L("ru"), "liaison-statement")) == "одно");
  CHECK(number_text(1, L("ru"), lang::count_rules(L("ru"), "contribution")) == "один");
}

TEST_CASE("dates in the six languages", "[lang]") {
  // In every language, as in English, a no-break space holds the day and
  // its month together.
  CHECK(long_date("2018-01-23", L("en")) == "23\u00A0January 2018");
  CHECK(long_date("2018-01-23", L("fr")) == "23\u00A0janvier 2018");
  CHECK(long_date("2018-01-23", L("es")) == "23\u00A0de\u00A0enero de 2018");
  // CLDR: a narrow no-break space before "г.", thin spaces around a dash.
  CHECK(long_date("2018-01-23", L("ru")) == "23\u00A0января 2018\u202Fг.");
  CHECK(long_date("2018-01-23", L("zh")) == "2018年1月23日");
  CHECK(long_date("2018-01-23", L("ar")) == "23\u00A0يناير 2018");
  // Not a date: printed as written.
  CHECK(long_date("2018-02-31", L("fr")) == "2018-02-31");
  CHECK(long_date("soon", L("zh")) == "soon");
}

TEST_CASE("date ranges in the six languages", "[lang]") {
  // English as the reports always printed it.
  CHECK(long_date_range("2018-01-25", "2018-01-26", L("en")) == "25-26\u00A0January 2018");
  CHECK(long_date_range("2017-11-30", "2017-12-01", L("en")) ==
        "30\u00A0November \u2013 1\u00A0December 2017");
  CHECK(long_date_range("2017-12-31", "2018-01-01", L("en")) ==
        "31\u00A0December 2017 \u2013 1\u00A0January 2018");
  CHECK(long_date_range("2018-01-25", "2018-01-26", L("fr")) == "25\u201326\u00A0janvier 2018");
  CHECK(long_date_range("2017-11-30", "2017-12-01", L("fr")) ==
        "30\u00A0novembre\u2009\u2013\u20091er\u00A0décembre 2017");
  CHECK(long_date_range("2018-01-25", "2018-01-26", L("es")) ==
        "25\u201326\u00A0de\u00A0enero de 2018");
  CHECK(long_date_range("2018-01-25", "2018-01-26", L("ru")) ==
        "25\u201326\u00A0января 2018\u202Fг.");
  CHECK(long_date_range("2018-01-25", "2018-01-26", L("zh")) == "2018年1月25日至26日");
  CHECK(long_date_range("2018-01-25", "2018-01-26", L("ar")) == "25\u201326\u00A0يناير، 2018");
  // One day: the date alone.
  CHECK(long_date_range("2018-01-25", "2018-01-25", L("fr")) == "25\u00A0janvier 2018");
  CHECK(long_date_range("2018-01-25", "", L("es")) == "25\u00A0de\u00A0enero de 2018");
}

TEST_CASE("the first day of a month as each language writes it", "[lang]") {
  // French writes "1er", the ordinal; ICU's formats give the digit.
  CHECK(long_date("2019-05-01", L("fr")) == "1er\u00A0mai 2019");
  CHECK(long_date_range("2019-01-31", "2019-02-01", L("fr")) ==
        "31\u00A0janvier\u2009\u2013\u20091er\u00A0février 2019");
  CHECK(long_date_range("2019-05-01", "2019-05-02", L("fr")) == "1er\u20132\u00A0mai 2019");
  CHECK(long_date_range("2018-12-31", "2019-01-01", L("fr")) ==
        "31\u00A0décembre 2018\u2009\u2013\u20091er\u00A0janvier 2019");
  // Only the first: not 11, 21 or 31, nor a year or a month.
  CHECK(long_date("2001-01-11", L("fr")) == "11\u00A0janvier 2001");
  CHECK(long_date("2019-05-21", L("fr")) == "21\u00A0mai 2019");
  // The other languages keep the digit.
  CHECK(long_date("2019-05-01", L("es")) == "1\u00A0de\u00A0mayo de 2019");
  CHECK(long_date("2019-05-01", L("ru")) == "1\u00A0мая 2019\u202Fг.");
  CHECK(long_date("2019-05-01", L("zh")) == "2019年5月1日");
  CHECK(long_date("2019-05-01", L("en")) == "1\u00A0May 2019");
}

TEST_CASE("upper case and a capital first letter by the language", "[lang]") {
  CHECK(upper_case("Résultats de la réunion", L("fr")) == "RÉSULTATS DE LA RÉUNION");
  CHECK(upper_case("итоги собрания", L("ru")) == "ИТОГИ СОБРАНИЯ");
  CHECK(upper_case("Outcome of the 14th meeting", L("en")) == "OUTCOME OF THE 14TH MEETING");
  CHECK(capitalize_first("onzième", L("fr")) == "Onzième");
  CHECK(capitalize_first("одиннадцатое", L("ru")) == "Одиннадцатое");
  CHECK(capitalize_first("第十一", L("zh")) == "第十一");
}

TEST_CASE("the symbol letter of each language", "[lang]") {
  CHECK(L("ar").symbol_letter == "A");
  CHECK(L("zh").symbol_letter == "C");
  CHECK(L("en").symbol_letter == "E");
  CHECK(L("fr").symbol_letter == "F");
  CHECK(L("ru").symbol_letter == "R");
  CHECK(L("es").symbol_letter == "S");
}

TEST_CASE("French spacing makes the writer's spaces before signs no-break", "[lang]") {
  CHECK(lang::french_spacing("Point 3 : adopté ; voir « ce texte » ! Oui ?") ==
        "Point 3\u00A0: adopté\u202F; voir «\u00A0ce texte\u00A0»\u202F! Oui\u202F?");
  // No space, nothing added: an hour, an address, a ratio.
  CHECK(lang::french_spacing("à 10:30, http://itu.int, 2:1") == "à 10:30, http://itu.int, 2:1");
  // Already right, or at the very end: as it is.
  CHECK(lang::french_spacing("Note\u00A0: fin ") == "Note\u00A0: fin ");
}

TEST_CASE("A number's groups are held together by no-break spaces", "[lang]") {
  CHECK(lang::number_spacing("10 480 pages, 1 000 000 francs, 61 000") ==
        "10\u00A0480 pages, 1\u00A0000\u00A0000 francs, 61\u00A0000");
  // Two numbers side by side stay two: the first has four digits, or the
  // second is not a group of three.
  CHECK(lang::number_spacing("en 2018 100 délégués, 12 15 et 3 4567") ==
        "en 2018 100 délégués, 12 15 et 3 4567");
  // A space after the groups, or none at all: as it is.
  CHECK(lang::number_spacing("17.2 % et 480 ") == "17.2 % et 480 ");
  CHECK(lang::number_spacing("") == "");
  CHECK(lang::number_spacing("١٠ ٤٨٠") ==
        "١٠ ٤٨٠");  // Arabic-Indic digits are not written by the reports
}

TEST_CASE("A language's typography, applied to a text of the sources", "[lang]") {
  CHECK(lang::language_typography("Le Président : 10 480 pages", "fr") ==
        "Le Président\u00A0: 10\u00A0480 pages");
  CHECK(lang::language_typography("10 480 : x", "ar") == "10\u00A0480 : x");
  CHECK(lang::language_typography("The Chairman : 10 480", "en") == "The Chairman : 10 480");
}

TEST_CASE("A generated abbreviation's full stop ends the sentence too", "[lang]") {
  CHECK(lang::absorbed_full_stop("1 февраля 2019\u202Fг.", ". Далее") == 1);
  CHECK(lang::absorbed_full_stop("1 февраля 2019\u202Fг.", ".") == 1);
  // An ellipsis, another sign, or no stop in the generated text: nothing.
  CHECK(lang::absorbed_full_stop("1 февраля 2019\u202Fг.", "...") == 0);
  CHECK(lang::absorbed_full_stop("1 февраля 2019\u202Fг.", ", и") == 0);
  CHECK(lang::absorbed_full_stop("1 février 2019", ".") == 0);
  CHECK(lang::absorbed_full_stop("", ".") == 0);
}

TEST_CASE("No-break spaces after a resolution's word and between a day and its month", "[lang]") {
  CHECK(lang::no_break_spaces("Resolution 179 of 23 January 2018", L("en")) ==
        "Resolution\u00A0179 of 23\u00A0January 2018");
  CHECK(
      lang::no_break_spaces("la Résolution 179 du 23 janvier et le 1er mai, Décision 5", L("fr")) ==
      "la Résolution\u00A0179 du 23\u00A0janvier et le 1er\u00A0mai, Décision\u00A05");
  CHECK(lang::no_break_spaces("la Resolución 179 del 23 de enero, Decisión 5", L("es")) ==
        "la Resolución\u00A0179 del 23\u00A0de\u00A0enero, Decisión\u00A05");
  CHECK(lang::no_break_spaces("Резолюция 179, согласно Резолюции 179 от 23 января", L("ru")) ==
        "Резолюция\u00A0179, согласно Резолюции\u00A0179 от 23\u00A0января");
  CHECK(lang::no_break_spaces("23 يناير", L("ar")) == "23\u00A0يناير");
  // Whole words only, and the words of the text's own language.
  CHECK(lang::no_break_spaces("Irrésolution 5, 123 janvier, 23 janviers, 3 mai2", L("fr")) ==
        "Irrésolution 5, 123 janvier, 23 janviers, 3 mai2");
  CHECK(lang::no_break_spaces("Resolution 179, 23 January", L("fr")) ==
        "Resolution 179, 23 January");
  CHECK(lang::no_break_spaces("第179号决议 2018年1月23日", L("zh")) == "第179号决议 2018年1月23日");
  // What follows the day in each language's dates.
  CHECK(months_after_day(L("en")).front() == "January");
  CHECK(months_after_day(L("fr")).front() == "janvier");
  CHECK(months_after_day(L("es")).front() == "de enero");
  CHECK(months_after_day(L("ru")).front() == "января");
  CHECK(months_after_day(L("ar")).size() == 12);
  CHECK(months_after_day(L("zh")).empty());
}
