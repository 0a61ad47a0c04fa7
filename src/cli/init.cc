// `cwgreport init DIR`: a new meeting folder (driver/init.cc does the work).
#include "driver/init.h"

#include <memory>
#include <string>

#include "cli/commands.h"
#include "driver/schema_files.h"

namespace cwg::cli {

Command add_init(CLI::App& app) {
  auto opts = std::make_shared<InitOptions>();
  CLI::App* init = app.add_subcommand(
      "init",
      "Create a meeting folder: a commented scaffold that builds as it is, or the next meeting "
      "started from the previous one");
  init->add_option("DIR", opts->dir, "The folder to create; it must not exist or be empty")
      ->required();
  init->add_flag("-q,--quiet", opts->quiet, "Do not list the files written");
  CLI::Option* from =
      init->add_option("--from", opts->from,
                       "Start from the meeting folder PREVIOUS_DIR: carry over its group, people, "
                       "references, venue and mode, section headings and labels and lists of "
                       "documents by kind, with a placeholder paragraph in the other sections "
                       "and an empty register; a note on standard error points at each "
                       "reference kept as text because what it names is not carried over")
          ->type_name("PREVIOUS_DIR");
  init->add_option("--number", opts->meeting.number,
                   "The meeting's number (default 1, or with --from the previous one's + 1)")
      ->type_name("N")
      ->check(CLI::Range(1, 999));
  CLI::Option* date =
      init->add_option("--date", opts->meeting.date,
                       "The meeting's date (default: today; required with --from, and after the "
                       "meetings of\n"
                       "PREVIOUS_DIR)")
          ->type_name("YYYY-MM-DD")
          ->check(CLI::Validator([](std::string& v) { return date_problem(v); }, "", "DATE"));
  from->needs(date);
  CLI::Validator one_line([](std::string& v) { return line_problem(v); }, "", "LINE");
  init->add_option("--group-name", opts->meeting.group_name,
                   "The working group's full name (default: the previous report's, or a "
                   "placeholder)")
      ->type_name("NAME")
      ->check(one_line);
  init->add_option("--acronym", opts->meeting.acronym,
                   "The group's acronym, which starts its document symbols (default: the "
                   "previous report's, or a placeholder)")
      ->type_name("ACRONYM")
      ->check(one_line);
  init->add_option("--schemas", opts->meeting.schemas,
                   "Where the files' editor modelines find the JSON schemas: a URL, or a folder "
                   "absolute or relative to DIR; no copy is written then (default: a copy "
                   "written into DIR/schemas)")
      ->type_name("LOCATION")
      ->check(CLI::Validator([](std::string& v) { return schema_location_problem(v); }, "",
                             "LOCATION"));
  init->footer(
      "Writes DIR/report.yaml, DIR/documents.yaml and DIR/sections/*.yaml, each starting with\n"
      "an editor modeline, and the JSON schemas the modelines name, DIR/schemas/*.schema.json;\n"
      "lists them.\n"
      "\n"
      "Examples:\n"
      "  cwgreport init meeting1 --group-name 'Council Working Group on Child Online "
      "Protection' --acronym CWG-COP --date 2017-09-26\n"
      "  cwgreport init meeting15 --from meeting14 --date 2018-09-20");
  return {init, [opts] { return run_init(*opts); }};
}

}  // namespace cwg::cli
