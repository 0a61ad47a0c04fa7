// `cwgreport build` and `cwgreport check`: the options they share, and
// build's output options.
#include <memory>

#include "cli/commands.h"
#include "driver/driver.h"
#include "driver/pdf.h"

namespace cwg::cli {

namespace {

void add_common_options(CLI::App& cmd, CommonOptions& o) {
  cmd.add_option("DIR", o.dirs,
                 "The meeting folder, holding report.yaml; several folders are processed in "
                 "parallel, with one summary line each")
      ->required();
  cmd.add_option("-j,--jobs", o.jobs,
                 "With several folders, how many to process at once (default: the number of "
                 "cores)")
      ->type_name("N")
      ->check(CLI::Range(1u, 1024u));
  cmd.add_option("-W", o.warnings,
                 "Diagnostic policy, repeatable: 'error' (warnings become errors), 'no-CODE' "
                 "(silence a warning), 'CODE=error|warning|off'")
      ->type_name("ARG")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd.add_option("--diagnostics-format", o.diagnostics_format,
                 "How diagnostics are printed: human (default), json (one object per line), "
                 "sarif (SARIF 2.1.0), github (workflow commands)")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"human", "json", "sarif", "github"}));
  cmd.add_option("--diagnostics-output", o.diagnostics_output,
                 "Write the diagnostics to FILE instead of standard error")
      ->type_name("FILE");
  cmd.add_option("--max-errors", o.max_errors,
                 "Stop reporting errors after N of them (default 50, 0: no limit)")
      ->type_name("N");
  cmd.add_option("--max-warnings", o.max_warnings,
                 "Stop reporting warnings after N of them (default 50, 0: no limit)")
      ->type_name("N");
  cmd.add_option("--color", o.color,
                 "Colour in human diagnostics: auto (default: when standard error is a terminal "
                 "and NO_COLOR is unset or empty), always, never")
      ->type_name("WHEN")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd.add_option("--language", o.language,
                 "The report in LANG (ar, zh, en, fr, ru, es): the original's structure with the "
                 "texts of DIR/translations/LANG/ (see docs/format.md, 'Translations')")
      ->type_name("LANG")
      ->check(CLI::IsMember({"ar", "zh", "en", "fr", "ru", "es"}));
  cmd.add_option("--max-file-size", o.max_file_size,
                 "Largest source file accepted, in bytes; units such as 16MiB are accepted "
                 "(default 8MiB)")
      ->type_name("BYTES")
      ->transform(CLI::AsSizeValue(false));
  cmd.add_option("--max-folder-size", o.max_folder_size,
                 "Largest total size of the source files of one meeting folder, in bytes, and one "
                 "YAML node for every 16 of them; units such as 64MiB are accepted (default 8MiB)")
      ->type_name("BYTES")
      ->transform(CLI::AsSizeValue(false));
  cmd.add_option("--max-field-size", o.max_field_size,
                 "Largest Markdown text field accepted, in bytes, as written and with its "
                 "cross-references printed; units such as 32MiB are accepted (default 256k)")
      ->type_name("BYTES")
      ->transform(CLI::AsSizeValue(false));
}

// One folder is built or checked here; several go to the batch runner.
int run_folders(CommonOptions& common, const BuildOptions* build) {
  if (common.dirs.size() > 1) return run_many(common, build);
  common.dir = common.dirs.front();
  FolderOutput direct;
  return build ? run_build(common, *build, direct) : run_check(common, direct);
}

}  // namespace

Command add_build(CLI::App& app) {
  auto common = std::make_shared<CommonOptions>();
  auto opts = std::make_shared<BuildOptions>();
  CLI::App* build =
      app.add_subcommand("build",
                         "Check the sources and, if they have no error, write the report in every "
                         "requested format");
  add_common_options(*build, *common);
  build
      ->add_option("-o,--output", opts->out_dir,
                   "Output folder, created if missing (default: DIR/out)")
      ->type_name("OUTDIR");
  build
      ->add_option("-f,--format", opts->formats,
                   "Formats to write, comma-separated: md, html, txt, docx, pdf (default: md, "
                   "html and txt; pdf is printed from the HTML by --pdf-engine)")
      ->type_name("LIST")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  build
      ->add_option("--width", opts->width,
                   "Wrap plain text at N columns (default 0: one line per paragraph)")
      ->type_name("N")
      ->check(CLI::Range(0, 1000));
  build
      ->add_option("--pdf-engine", opts->pdf.engine,
                   "The program that prints -f pdf: weasyprint (default; Debian package "
                   "weasyprint) or chromium (headless; no running header)")
      ->type_name("ENGINE")
      ->check(CLI::IsMember(pdf_engines()));
  build
      ->add_option("--pdf-timeout", opts->pdf.timeout_seconds,
                   "Stop the PDF engine after N seconds and fail the PDF (default 1200)")
      ->type_name("N")
      ->check(CLI::Range(1u, 86400u));
  build->add_flag("-q,--quiet", common->quiet,
                  "Do not list the files written (with several folders: the 'ok' lines)");
  build->footer(
      "Writes OUTDIR/report.md, report.html and report.txt (and report.docx, a Word document,\n"
      "with -f docx), each replaced atomically, and nothing at all when the sources have an\n"
      "error. A build into an OUTDIR that another build is writing waits for it to finish.\n"
      "A DOCX gives SOURCE_DATE_EPOCH, when set, as its time of creation; it has no time\n"
      "otherwise, so that the same sources give the same bytes.\n"
      "\n"
      "-f pdf writes OUTDIR/report.pdf, printed from the HTML by WeasyPrint (apt-get install\n"
      "weasyprint) or, with --pdf-engine chromium, by headless Chromium; without network, and\n"
      "with SOURCE_DATE_EPOCH set for the engine unless it is set already. When the engine\n"
      "is missing or fails, the other formats are still written and the status is 1.\n"
      "\n"
      "With several folders, builds them in parallel (-j), writes each into DIR/out or\n"
      "OUTDIR/<folder name>, and prints one line per folder in argument order, such as\n"
      "'ok meetings/14 (3 files)' or 'FAILED meetings/15 (2 errors)'. The exit status is\n"
      "the worst of them.\n"
      "\n"
      "Examples:\n"
      "  cwgreport build examples/meeting14\n"
      "  cwgreport build archive/*/ -o public -j 4\n"
      "  cwgreport build examples/meeting14 -o public -f html,txt\n"
      "  cwgreport build examples/meeting14 -f txt --width 72 -q\n"
      "  cwgreport build examples/meeting14 -f docx\n"
      "  cwgreport build examples/meeting14 -f html,pdf\n"
      "  cwgreport build examples/meeting14 -W error --diagnostics-format github");
  return {build, [common, opts] { return run_folders(*common, opts.get()); }};
}

Command add_check(CLI::App& app) {
  auto common = std::make_shared<CommonOptions>();
  CLI::App* check = app.add_subcommand("check", "Check the sources and write nothing");
  add_common_options(*check, *common);
  check->add_flag("-q,--quiet", common->quiet,
                  "With several folders, do not print the 'ok' lines (only the 'FAILED' ones)");
  check->footer(
      "Prints nothing when the sources are clean. With several folders, checks them in\n"
      "parallel (-j) and prints one line per folder: 'ok DIR' or 'FAILED DIR (N errors)'.\n"
      "\n"
      "Examples:\n"
      "  cwgreport check examples/meeting14\n"
      "  cwgreport check archive/*/\n"
      "  cwgreport check examples/meeting14 -W error -W no-unpresented-document\n"
      "  cwgreport check examples/meeting14 --diagnostics-format sarif "
      "--diagnostics-output cwgreport.sarif");
  return {check, [common] { return run_folders(*common, nullptr); }};
}

}  // namespace cwg::cli
