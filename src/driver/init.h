// `cwgreport init`: writes the YAML sources of a new meeting folder, either a
// commented scaffold or the next meeting started from a previous report.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "cwgreport/source.h"

namespace cwg {

// What the user chose for the new meeting. Empty or zero fields take their
// default: meeting 1 (or the previous one's number + 1), the previous
// report's group, or a placeholder group.
struct MeetingSettings {
  long number = 0;
  std::string date;  // YYYY-MM-DD, already checked
  std::string group_name;
  std::string acronym;
  // Where the `# yaml-language-server: $schema=` modelines point: a URL, an
  // absolute folder, or a folder relative to the meeting folder. Empty: the
  // folder's own copy in schemas/, which run_init writes with the sources.
  std::string schemas;
};

// One file of a meeting folder: its path inside the folder ('/'-separated)
// and its text.
struct InitFile {
  std::string path;
  std::string text;
};

// The files of a new meeting: report.yaml, documents.yaml and a few section
// files, valid as they stand, with comments showing every construct.
std::vector<InitFile> new_meeting_files(const MeetingSettings& settings);

// The files of the meeting after `prev` (loaded and checked without error):
// the group, people, references, venue and mode and section structure
// carried over with the paragraphs that list the register by kind, the old
// meetings as earlier meetings, the teaching comments of a plain init, one
// placeholder paragraph in each other section, an empty register. The
// cross-references carried as text (to a document, a paragraph, a footnote
// not carried over) go to `escaped`.
std::vector<InitFile> next_meeting_files(const Sources& prev, const MeetingSettings& settings,
                                         std::unordered_set<std::string>* escaped = nullptr);

// Why `value` is not a date written YYYY-MM-DD that exists, or "" when it is.
std::string date_problem(std::string_view value);
// Why `value` cannot be a group's name or acronym (empty, or holding a
// control character), or "" when it can.
std::string line_problem(std::string_view value);

struct InitOptions {
  std::string dir;
  std::string from;  // the previous meeting folder, or ""
  MeetingSettings meeting;
  bool quiet = false;  // no 'wrote' lines
};

// The command: reads and checks --from, refuses a DIR that is not empty,
// writes the files (and, without --schemas, the copy of the schemas) and
// lists them. Prints its own messages; returns the
// exit status (0, or 1 when nothing could be written).
int run_init(const InitOptions& opts);

}  // namespace cwg
