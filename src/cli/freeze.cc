// `cwgreport freeze DIR`: keeps the numbers of a circulated report
// (driver/freeze.cc does the work).
#include <memory>

#include "cli/commands.h"
#include "driver/driver.h"

namespace cwg::cli {

Command add_freeze(CLI::App& app) {
  auto o = std::make_shared<CommonOptions>();
  CLI::App* freeze = app.add_subcommand(
      "freeze",
      "Record the numbers of the report as circulated in DIR/frozen.yaml, so that later "
      "builds keep them");
  freeze->add_option("DIR", o->dir, "The meeting folder, holding report.yaml")->required();
  freeze->add_flag("-q,--quiet", o->quiet, "Do not list the files written");
  freeze
      ->add_option("--diagnostics-format", o->diagnostics_format,
                   "How problems in the sources are printed: human (default), json, sarif, "
                   "github")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"human", "json", "sarif", "github"}));
  freeze
      ->add_option("--color", o->color,
                   "Colour in human diagnostics: auto (default), always, never")
      ->type_name("WHEN")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  freeze
      ->add_option("--max-folder-size", o->max_folder_size,
                   "Largest total size of the source files, in bytes (default 8MiB)")
      ->type_name("BYTES")
      ->transform(CLI::AsSizeValue(false));
  freeze
      ->add_option("--max-field-size", o->max_field_size,
                   "Largest Markdown text field accepted, in bytes (default 256k)")
      ->type_name("BYTES")
      ->transform(CLI::AsSizeValue(false));
  freeze->footer(
      "Checks the sources as 'cwgreport check' does and, only when they have no error, writes\n"
      "DIR/frozen.yaml: the number of every labelled section, annex, paragraph and list item,\n"
      "one per line. A numbered section, annex or paragraph without a label first gets one,\n"
      "written into its source file ('label: para-6-3', its anchor in the HTML); a translation's\n"
      "key for such a paragraph ('paragraph 3') is renamed to follow ('paragraph para-6-3').\n"
      "Every file is replaced atomically, and none when anything fails.\n"
      "\n"
      "Later builds keep the frozen numbers: a paragraph inserted after 6.3 is 6.3bis, then\n"
      "6.3ter; a paragraph withdrawn stays with 'deleted: true' and prints '6.4 [Deleted]'\n"
      "(or nothing, with 'numbering: {deleted: omitted}'). Freezing a frozen report again\n"
      "records the numbers of the revision, bis paragraphs included.\n"
      "\n"
      "Examples:\n"
      "  cwgreport freeze meeting14\n"
      "  git add meeting14 && git commit -m 'Meeting 14: report as circulated'");
  return {freeze, [o] {
            FolderOutput direct;
            return run_freeze(*o, direct);
          }};
}

}  // namespace cwg::cli
