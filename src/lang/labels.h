// The fixed words of a report, one table per language: the headings and
// labels it prints around its content and the patterns of the sentences it
// generates. Every word a report prints that its sources do not say comes
// from here or, for numbers and dates in words, from lang/ordinals.h.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cwgreport/report_tree.h"

namespace cwg::lang {

// Patterns name their arguments in braces ("{role}"), for fmt's named
// arguments: a translation may put them in any order.
struct Labels {
  std::string_view language;  // BCP 47: "en"

  // The box under the title.
  std::string_view summary;          // "Summary"
  std::string_view action_required;  // "Action required"
  std::string_view references;       // "References"

  // The heading of the footnotes (HTML gives it to screen readers only),
  // and the label of a footnote's link back to its reference.
  std::string_view footnotes;              // "Footnotes"
  std::string_view back_to_reference;      // "Back to reference {number}"
  std::string_view back_to_reference_use;  // "Back to reference {number}, use {use}"
  // The HTML page's title when the report has no title and no symbol.
  std::string_view untitled;  // "Report"

  // The labels of the cover.
  std::string_view agenda_item;  // "Agenda item:"
  std::string_view document;     // "Document"
  std::string_view original;     // "Original:"
  std::string_view only;         // " only": "English only" needs no "Original:"
  // Between a cover's label and its value: " ", none after Chinese "：".
  std::string_view cover_label_gap;
  // The line under the cover: "Report by the {role} of the {group}".
  std::string_view report_by;
  // A working group's own document: the line under the group's name;
  // {meeting} is the ordinal in words, capitalised ("Eleventh"), {where}
  // the place and the dates ("Geneva, 25-26 January 2018").
  std::string_view meeting_line;  // "{meeting} meeting – {where}"

  // The title and the short title, for one meeting and for several;
  // {meetings} is a list of ordinals ("14th", "15th and 16th").
  std::string_view title_one;         // "Outcome of the {meetings} meeting of the {group}"
  std::string_view title_many;        // "Outcome of the {meetings} meetings of the {group}"
  std::string_view short_title_one;   // "{acronym}: outcome of the {meetings} meeting"
  std::string_view short_title_many;  // "{acronym}: outcome of the {meetings} meetings"

  // A summary record: its title and short title ({number} is an ordinal in
  // words, {name} what the meeting is called: "plenary meeting"), the name
  // of a meeting that has none, the line of its day and hours, the line of
  // who chaired it, the headings of the table of its subjects, and what
  // follows the heading of an item taken up again.
  std::string_view record_title;             // "Summary record of the {number} {name}"
  std::string_view record_short_title;       // "{acronym}: summary record of the {number} {name}"
  std::string_view meeting;                  // "meeting"
  std::array<std::string_view, 7> weekdays;  // "Monday" ... "Sunday"
  std::string_view record_day;               // "{day}, {date}"
  std::string_view record_at;                // "{day}, {date}, at {start} hours"
  std::string_view record_from_to;           // "{day}, {date}, from {start} to {end} hours"
  std::string_view record_chair;             // "{role}: {name}"
  std::string_view subjects_discussed;       // "Subjects discussed"
  std::string_view documents;                // "Documents"
  std::string_view continued;                // "(continued)"
  // Between the items of a list in a sentence, and before its last.
  std::string_view list_separator;  // ", "
  std::string_view list_last;       // " and "

  // Numbering: "Annex 1".
  std::string_view annex;  // "Annex"
  // The roles of the officers, unless report.yaml names the chair otherwise.
  std::string_view chair;       // "Chair"
  std::string_view vice_chair;  // "Vice-{chair}"

  // The table of contents: its heading.
  std::string_view contents;  // "Contents"

  // Frozen numbering: the text of a paragraph deleted after circulation,
  // printed after its number.
  std::string_view deleted_paragraph;  // "[Deleted]"

  // A redline (`cwgreport diff -f html|docx`). The box before the report:
  // which versions are compared ({old}, {new}: their names), then, when
  // they differ, what the marks mean, where {inserted} and {deleted} stand
  // for the two samples of marked text.
  std::string_view redline_versions;         // "Changes from {old} to {new}: "
  std::string_view redline_no_change;        // "Changes from {old} to {new}: none."
  std::string_view redline_legend;           // "{inserted} is underlined, {deleted} is ..."
  std::string_view redline_inserted_sample;  // "inserted text"
  std::string_view redline_deleted_sample;   // "deleted text"
  // What a screen reader hears around marked words (HTML), which it does
  // not announce by itself: "[inserted: ...]", "[deleted: ...]".
  std::string_view redline_inserted;  // "[inserted:"
  std::string_view redline_deleted;   // "[deleted:"
  std::string_view redline_end;       // "]"
  // The note on a moved part: where it was, when it had a number.
  std::string_view redline_moved;       // "moved"
  std::string_view redline_moved_from;  // "moved from {number}"

  // The words that depend on the grammar of the language: the numbers and
  // dates of lang/ordinals.h (ICU's rule-based number formats and locale
  // dates; English keeps its own hand-written functions), the case of an
  // ordinal in each place it is printed, and the forms of a role after
  // "report by". Every rule set named here must exist in ICU for
  // `icu_locale` (tests/lang_test.cc checks).
  std::string_view icu_locale;             // "en"; "ar@numbers=latn"
  std::string_view ordinal_words_rules;    // {meeting:N|words}, the meeting line
  std::string_view ordinal_numeral_rules;  // {meeting:N}, the short title
  std::string_view title_words_rules;      // the title, title_ordinals: words
  std::string_view title_numeral_rules;    // the title, title_ordinals: numeral
  std::string_view record_rules;           // the {number} of record_title
  std::string_view count_rules;            // {count:KIND}: "ten"
  // Before the last of several dates in a sentence: " and on ".
  std::string_view list_last_date;
  // The role as report_by puts it, unless report.yaml names the chair
  // otherwise: the same as `chair` and `vice_chair` in most languages,
  // the genitive in Russian.
  std::string_view chair_of;       // "Chair"
  std::string_view vice_chair_of;  // "Vice-{chair}"
  // Between a place and its dates: ", " ("，" in Chinese).
  std::string_view comma;
  // The letter of the language after a document's symbol: "E" in "C18/57-E".
  std::string_view symbol_letter;
  // Between a document's symbol and its title: ":\u00A0" ("CWG-COP-14/2:
  // Update on ..."); French "\u00A0:\u00A0", Chinese "：".
  std::string_view symbol_colon;
  // The words a number is kept with on its line by a no-break space, as
  // they are written before it, separated by spaces: "Resolution
  // Decision" ("Resolution 179"); in Russian, the forms of the cases.
  // Empty where the number is written without a space (Chinese) or the
  // word is joined to what comes before it (Arabic "والقرار").
  std::string_view numbered_words;
  // The first day of a month as the language's dates write it, where that
  // is not the digit ICU's formats give: "1er" in French ("1er mai 2019",
  // "31 janvier – 1er février 2019"). Empty: "1".
  std::string_view first_day;
  // {count:KIND} for the kinds whose noun takes the other gender, a list of
  // kinds separated by spaces: in French "rapport" is masculine where
  // "contribution" and "déclaration" are feminine ("un rapport
  // d'information", "une contribution"). Empty where no noun differs.
  std::string_view count_other_rules;  // "%spellout-cardinal-masculine"
  std::string_view count_other_kinds;  // "information-report report agenda"
};

// The name of every field of Labels, in the order of the struct, with a
// pointer to it: a test walks it to check that every table fills every
// field, so a new field is added here too.
struct LabelField {
  std::string_view name;
  std::string_view Labels::*field;
  bool may_be_empty = false;
};
extern const std::array<LabelField, 63> kLabelFields;

// The rule set that counts documents of `kind` ("contribution") in words.
std::string_view count_rules(const Labels& l, std::string_view kind);

// The languages of the tables, in the order of their codes.
extern const std::array<std::string_view, 6> kLanguages;

// The one of kLanguages that a code written in its place most likely means:
// a region or script variant ("fr-CA", "zh_Hans"), another case ("FR"), a
// three-letter code ("fra", "zho") or a common mistake ("cn", "sp").
// Nothing when there is no such language: the edit distance would suggest
// "en" for "cn".
std::optional<std::string_view> language_meant(std::string_view code);

// The table of `language`; English for a language without one.
const Labels& labels(std::string_view language = "en");

// The words of `l` that the renderers print, for the report tree.
tree::Words tree_words(const Labels& l);

// Items joined as a sentence lists them: "a", "a and b", "a, b and c".
std::string join_list(const Labels& l, const std::vector<std::string>& items);

}  // namespace cwg::lang
