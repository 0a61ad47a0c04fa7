// `cwgreport diff OLD NEW`: what changed in the report between two versions.
#include <memory>
#include <string>
#include <utility>

#include "cli/commands.h"
#include "driver/driver.h"

namespace cwg::cli {

Command add_diff(CLI::App& app) {
  auto opts = std::make_shared<DiffOptions>();
  auto sides = std::make_shared<std::pair<std::string, std::string>>();
  CommonOptions& o = opts->common;
  CLI::App* diff = app.add_subcommand(
      "diff", "Show what changed in the report between two versions of its sources");
  diff->add_option("OLD", sides->first,
                   "The version before: a meeting folder, or a git revision of one as REV:PATH "
                   "(HEAD~1:meeting14), read from the repository without checking it out")
      ->required();
  diff->add_option("NEW", sides->second, "The version after, in the same forms")->required();
  diff->add_option("-f,--format", opts->format,
                   "How the changes are printed: text (default; a word diff, coloured on a "
                   "terminal), json (schemas/diff.schema.json), html (a redline: the new report "
                   "as its HTML, with <ins> and <del>) or docx (the new report as its DOCX, with "
                   "Word tracked changes; never to a terminal)")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"text", "json", "html", "docx"}));
  diff->add_option("-o,--output", opts->output,
                   "Write to FILE (replaced whole, only once complete) instead of the standard "
                   "output")
      ->type_name("FILE");
  diff->add_option("--author", opts->author,
                   "docx: the author of the tracked changes (default: cwgreport)")
      ->type_name("NAME");
  diff->add_option("--color", o.color,
                   "Colour in the text and in human diagnostics: auto (default), always, never")
      ->type_name("WHEN")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  diff->add_option("--diagnostics-format", o.diagnostics_format,
                   "How problems in either version's sources are printed: human (default), json, "
                   "sarif, github")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"human", "json", "sarif", "github"}));
  diff->add_option("--max-folder-size", o.max_folder_size,
                   "Largest total size of the source files of one version, in bytes (default "
                   "8MiB)")
      ->type_name("BYTES")
      ->transform(CLI::AsSizeValue(false));
  diff->add_option("--max-field-size", o.max_field_size,
                   "Largest Markdown text field accepted, in bytes (default 256k)")
      ->type_name("BYTES")
      ->transform(CLI::AsSizeValue(false));
  diff->footer(
      "Compiles each version as 'cwgreport build' would and compares the reports, not the YAML:\n"
      "sections, annexes, paragraphs and documents of the register are matched by label, and\n"
      "unlabelled ones by their text. Lists in the new report's order what was inserted,\n"
      "deleted, moved, changed (with the words that changed) or withdrawn (a frozen\n"
      "paragraph marked 'deleted: true'), and, one line for each run, what was only\n"
      "renumbered; then changes of the cover, a summary record's header lines, the signatures\n"
      "and the register.\n"
      "\n"
      "The html and docx redlines are the new report laid out as its own HTML or DOCX, with\n"
      "inserted words underlined and deleted ones struck through where they stood. The\n"
      "docx's tracked changes are accepted or rejected in Word or LibreOffice; they are dated\n"
      "SOURCE_DATE_EPOCH when it is set, else the new version's document date.\n"
      "\n"
      "Exit status: 0 when the two versions print the same report, 1 when they differ, 2 when\n"
      "either cannot be read or has an error in its sources (printed as diagnostics), or when\n"
      "the output cannot be written (standard output or -o FILE).\n"
      "\n"
      "Examples:\n"
      "  cwgreport diff HEAD~1:meeting14 meeting14\n"
      "  cwgreport diff origin/main:meetings/14 meetings/14 -f json\n"
      "  cwgreport diff HEAD~1:meeting14 meeting14 -f html -o redline.html\n"
      "  cwgreport diff HEAD~1:meeting14 meeting14 -f docx --author \"Secretariat\" -o rev1.docx\n"
      "  cwgreport diff archive/14-circulated meeting14");
  return {diff, [opts, sides] {
            opts->common.dirs = {sides->first, sides->second};
            return run_diff(*opts);
          }};
}

}  // namespace cwg::cli
