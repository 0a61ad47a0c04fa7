// The tables of lang/labels.h. Each language's table is reviewed as a whole:
// keep the entries in the order of the struct.
#include "lang/labels.h"

namespace cwg::lang {

namespace {

constexpr Labels english{
    .language = "en",
    .summary = "Summary",
    .action_required = "Action required",
    .references = "References",
    .footnotes = "Footnotes",
    .back_to_reference = "Back to reference {number}",
    .back_to_reference_use = "Back to reference {number}, use {use}",
    .untitled = "Report",
    .agenda_item = "Agenda item:",
    .document = "Document",
    .original = "Original:",
    .only = " only",
    .report_by = "Report by the {role} of the {group}",
    .meeting_line = "{meeting} meeting \u2013 {where}",
    .title_one = "Outcome of the {meetings} meeting of the {group}",
    .title_many = "Outcome of the {meetings} meetings of the {group}",
    .short_title_one = "{acronym}: outcome of the {meetings} meeting",
    .short_title_many = "{acronym}: outcome of the {meetings} meetings",
    .record_title = "Summary record of the {number} {name}",
    .record_short_title = "{acronym}: summary record of the {number} {name}",
    .meeting = "meeting",
    .weekdays = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"},
    .record_day = "{day}, {date}",
    .record_at = "{day}, {date}, at {start} hours",
    .record_from_to = "{day}, {date}, from {start} to {end} hours",
    .record_chair = "{role}: {name}",
    .subjects_discussed = "Subjects discussed",
    .documents = "Documents",
    .continued = "(continued)",
    .list_separator = ", ",
    .list_last = " and ",
    .annex = "Annex",
    .chair = "Chair",
    .vice_chair = "Vice-{chair}",
    .contents = "Contents",
    .deleted_paragraph = "[Deleted]",
    .redline_versions = "Changes from {old} to {new}: ",
    .redline_no_change = "Changes from {old} to {new}: none.",
    .redline_legend =
        "{inserted} is underlined, {deleted} is struck through, and a moved part "
        "is ruled twice at its left and says where it was. Numbers are the new "
        "version's; renumbering is not marked.",
    .redline_inserted_sample = "inserted text",
    .redline_deleted_sample = "deleted text",
    .redline_inserted = "[inserted:",
    .redline_deleted = "[deleted:",
    .redline_end = "]",
    .redline_moved = "moved",
    .redline_moved_from = "moved from {number}",
};

}  // namespace

const Labels& labels(std::string_view) { return english; }

tree::Words tree_words(const Labels& l) {
  return {std::string(l.summary),
          std::string(l.action_required),
          std::string(l.references),
          std::string(l.footnotes),
          std::string(l.untitled),
          std::string(l.back_to_reference),
          std::string(l.back_to_reference_use),
          std::string(l.contents)};
}

std::string join_list(const Labels& l, const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += i + 1 == items.size() ? l.list_last : l.list_separator;
    out += items[i];
  }
  return out;
}

}  // namespace cwg::lang
