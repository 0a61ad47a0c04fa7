// The command line: `cwgreport build|check|explain|init|schema`. Turns argv
// into the driver's options (driver/driver.h) and nothing more.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "driver/driver.h"
#include "driver/init.h"
#include "driver/schema_files.h"
#include "driver/schemas.h"
#include "text/printable.h"

#ifndef CWG_VERSION
#error "the build defines CWG_VERSION"
#endif

namespace cwg {

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

constexpr const char* kCommands[] = {"build", "check", "explain", "init", "schema"};

int run(int argc, char** argv) {
  CLI::App app{
      "cwgreport compiles the YAML sources of a working-group meeting into its report, "
      "as Markdown, HTML, plain text and DOCX.",
      "cwgreport"};
  app.set_version_flag("--version", "cwgreport " CWG_VERSION, "Print the version and exit");
  app.require_subcommand(1);
  app.footer(
      "Examples:\n"
      "  cwgreport build examples/meeting14\n"
      "  cwgreport build examples/meeting14 -o public -f html,txt\n"
      "  cwgreport check examples/meeting14 -W error\n"
      "  cwgreport explain unknown-document\n"
      "\n"
      "Exit status: 0 success, 1 errors in the sources or an output that cannot be written,\n"
      "2 usage error, 3 internal error.");
  app.failure_message([](const CLI::App* top, const CLI::Error& e) {
    std::string cmd = "cwgreport";
    for (const CLI::App* sub : top->get_subcommands()) cmd += " " + sub->get_name();
    // An argument quoted in the message may hold any byte.
    return "cwgreport: " + text::printable_lines(lower_first(e.what())) + "\nrun '" + cmd +
           " --help' for usage\n";
  });

  CommonOptions common;
  BuildOptions build_opts;
  std::string code;

  CLI::App* build =
      app.add_subcommand("build",
                         "Check the sources and, if they have no error, write the report in every "
                         "requested format");
  add_common_options(*build, common);
  build
      ->add_option("-o,--output", build_opts.out_dir,
                   "Output folder, created if missing (default: DIR/out)")
      ->type_name("OUTDIR");
  build
      ->add_option("-f,--format", build_opts.formats,
                   "Formats to write, comma-separated: md, html, txt, docx, pdf (default: md, "
                   "html and txt; pdf is printed from the HTML by --pdf-engine)")
      ->type_name("LIST")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  build
      ->add_option("--width", build_opts.width,
                   "Wrap plain text at N columns (default 0: one line per paragraph)")
      ->type_name("N")
      ->check(CLI::Range(0, 1000));
  build
      ->add_option("--pdf-engine", build_opts.pdf.engine,
                   "The program that prints -f pdf: weasyprint (default; Debian package "
                   "weasyprint) or chromium (headless; no running header)")
      ->type_name("ENGINE")
      ->check(CLI::IsMember(pdf_engines()));
  build
      ->add_option("--pdf-timeout", build_opts.pdf.timeout_seconds,
                   "Stop the PDF engine after N seconds and fail the PDF (default 1200)")
      ->type_name("N")
      ->check(CLI::Range(1u, 86400u));
  build->add_flag("-q,--quiet", common.quiet,
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

  CLI::App* check = app.add_subcommand("check", "Check the sources and write nothing");
  add_common_options(*check, common);
  check->add_flag("-q,--quiet", common.quiet,
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

  CLI::App* explain =
      app.add_subcommand("explain", "Explain a diagnostic code: what it means and how to fix it");
  explain->add_option("CODE", code,
                      "The code shown in brackets after a diagnostic; without it, every code is "
                      "listed with its default severity");
  explain->footer(
      "Examples:\n"
      "  cwgreport explain unknown-document\n"
      "  cwgreport explain revision-clash\n"
      "  cwgreport explain");

  // `init` and `schema`: driver/init.cc, driver/schemas.cc and driver/schema_files.cc.
  InitOptions init_opts;
  std::string schema_kind;
  CLI::App* init = app.add_subcommand(
      "init",
      "Create a meeting folder: a commented scaffold that builds as it is, or the next meeting "
      "started from the previous one");
  init->add_option("DIR", init_opts.dir, "The folder to create; it must not exist or be empty")
      ->required();
  init->add_flag("-q,--quiet", init_opts.quiet, "Do not list the files written");
  CLI::Option* init_from =
      init->add_option("--from", init_opts.from,
                       "Start from the meeting folder PREVIOUS_DIR: carry over its group, people, "
                       "references, venue and mode, section headings and labels and lists of "
                       "documents by kind, with a placeholder paragraph in the other sections "
                       "and an empty register")
          ->type_name("PREVIOUS_DIR");
  init->add_option("--number", init_opts.meeting.number,
                   "The meeting's number (default 1, or with --from the previous one's + 1)")
      ->type_name("N")
      ->check(CLI::Range(1, 999));
  CLI::Option* init_date =
      init->add_option("--date", init_opts.meeting.date,
                       "The meeting's date (default: today; required with --from)")
          ->type_name("YYYY-MM-DD")
          ->check(CLI::Validator([](std::string& v) { return date_problem(v); }, "", "DATE"));
  init_from->needs(init_date);
  CLI::Validator one_line([](std::string& v) { return line_problem(v); }, "", "LINE");
  init->add_option("--group-name", init_opts.meeting.group_name,
                   "The working group's full name (default: the previous report's, or a "
                   "placeholder)")
      ->type_name("NAME")
      ->check(one_line);
  init->add_option("--acronym", init_opts.meeting.acronym,
                   "The group's acronym, which starts its document symbols (default: the "
                   "previous report's, or a placeholder)")
      ->type_name("ACRONYM")
      ->check(one_line);
  init->add_option("--schemas", init_opts.meeting.schemas,
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

  std::vector<std::string> schema_dirs;
  CLI::App* schema = app.add_subcommand(
      "schema",
      "Print the JSON Schema of one kind of source file, or write the schemas into meeting "
      "folders for editors");
  CLI::Option* schema_kind_option =
      schema
          ->add_option("KIND", schema_kind,
                       "report (report.yaml), documents (documents.yaml) or section (a section "
                       "or annex file)")
          ->check(CLI::IsMember({"report", "documents", "section"}));
  schema
      ->add_option("--write", schema_dirs,
                   "Write the schemas into each meeting folder DIR, as DIR/schemas/*.schema.json, "
                   "and start each of its source files with a modeline that leads to them")
      ->type_name("DIR")
      ->excludes(schema_kind_option);
  schema->footer(
      "The schemas let an editor check a file as it is typed. 'cwgreport init' writes them into\n"
      "the new folder; --write brings an existing folder up to date, after an upgrade of\n"
      "cwgreport or for a folder made before init wrote them. It writes the three schemas and\n"
      "sets the first modeline of report.yaml, documents.yaml and every section and annex file\n"
      "('# yaml-language-server: $schema=schemas/report.schema.json'), adding one where there\n"
      "is none, and lists the files it changed. The schemas are also installed in\n"
      "PREFIX/share/cwgreport/schemas.\n"
      "\n"
      "Examples:\n"
      "  cwgreport schema report\n"
      "  cwgreport schema section > section.schema.json\n"
      "  cwgreport schema --write meeting14\n"
      "  cwgreport schema --write archive/*/");

  // CLI11 would only say that the word was not expected; a command name
  // deserves a suggestion.
  if (argc > 1 && argv[1][0] != '-') {
    std::string_view word = argv[1];
    std::vector<std::string> names(std::begin(kCommands), std::end(kCommands));
    if (std::find(names.begin(), names.end(), word) == names.end()) {
      throw UsageError("unknown command '" + std::string(word) + "'" + did_you_mean(word, names) +
                       "\nrun 'cwgreport --help' for usage");
    }
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version are "errors" with exit code 0 to CLI11.
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }

  // An option CLI11 accepted but the command rejects gets the same pointer
  // to the command's help as CLI11's own errors.
  std::string command = "cwgreport";
  for (const CLI::App* sub : app.get_subcommands()) command += " " + sub->get_name();
  try {
    if (build->parsed() || check->parsed()) {
      const BuildOptions* b = build->parsed() ? &build_opts : nullptr;
      if (common.dirs.size() > 1) return run_many(common, b);
      common.dir = common.dirs.front();
      FolderOutput direct;
      return b ? run_build(common, *b, direct) : run_check(common, direct);
    }
    if (init->parsed()) return run_init(init_opts);
    if (schema->parsed()) {
      if (!schema_dirs.empty()) return run_schema_write(schema_dirs);
      if (schema_kind.empty()) throw UsageError("KIND or --write DIR is required");
      std::string_view text = find_schema(schema_kind)->text;
      std::fwrite(text.data(), 1, text.size(), stdout);
      return kExitOk;
    }
    return run_explain(code);
  } catch (const UsageError& e) {
    throw UsageError(std::string(e.what()) + "\nrun '" + command + " --help' for usage");
  }
}

}  // namespace

}  // namespace cwg

int main(int argc, char** argv) {
  // Past a file-size limit (ulimit -f) a write then fails with EFBIG, which
  // is reported and cleaned up after like a full disk, instead of the signal
  // killing the program and leaving its temporary files.
  std::signal(SIGXFSZ, SIG_IGN);
  int status = cwg::kExitInternal;
  try {
    status = cwg::run(argc, argv);
  } catch (const cwg::UsageError& e) {
    cwg::print_error(e.what());
    return cwg::kExitUsage;
  } catch (const std::exception& e) {
    // A bug, not a problem of the input: say so plainly, with its own code,
    // rather than let the runtime abort with a core dump.
    cwg::print_error(std::string("internal error: ") + e.what());
    return cwg::kExitInternal;
  } catch (...) {
    cwg::print_error("internal error: unknown exception");
    return cwg::kExitInternal;
  }
  // A full disk or closed pipe on standard output must not pass for success.
  if (std::fflush(stdout) != 0) {
    cwg::print_error("cannot write standard output: " + cwg::reason_of(errno));
    return cwg::kExitInvalid;
  }
  if (std::ferror(stdout)) {
    cwg::print_error("cannot write standard output");
    return cwg::kExitInvalid;
  }
  return status;
}
