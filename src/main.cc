// The command line: `cwgreport build|check|explain`. Parses the options, runs
// the front end, prints the diagnostics, renders and writes the outputs.
#include <fmt/core.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "cwgreport/compile.h"
#include "cwgreport/diagnostic.h"
#include "cwgreport/render.h"
#include "output.h"

#ifndef CWG_VERSION
#error "the build defines CWG_VERSION"
#endif

namespace cwg {

namespace {

namespace fs = std::filesystem;

// The exit codes; docs/cli.md documents them.
constexpr int kExitOk = 0;
constexpr int kExitInvalid = 1;  // the sources have errors, or an output cannot be written
constexpr int kExitUsage = 2;
constexpr int kExitInternal = 3;

// A mistake on the command line: printed as "cwgreport: MESSAGE", exit 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// "Permission denied" -> "permission denied", but "DIR is required" stays.
std::string lower_first(std::string s) {
  auto byte = [](char c) { return static_cast<unsigned char>(c); };
  if (s.size() > 1 && std::islower(byte(s[1]))) s[0] = static_cast<char>(std::tolower(byte(s[0])));
  return s;
}

std::string reason_of(int err) { return lower_first(std::generic_category().message(err)); }

void print_error(const std::string& message) { fmt::print(stderr, "cwgreport: {}\n", message); }

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  if (auto near = closest_match(word, candidates)) return "; did you mean '" + *near + "'?";
  return "";
}

struct CommonOptions {
  std::string dir;
  std::vector<std::string> warnings;
  std::string diagnostics_format = "human";
  std::string diagnostics_output;
  std::size_t max_errors = 50;
  std::string color = "auto";
  std::uint64_t max_file_size = yaml::Limits{}.max_file_bytes;
};

struct BuildOptions {
  std::string out_dir;
  std::vector<std::string> formats;
  int width = 0;
  bool quiet = false;
};

void add_common_options(CLI::App& cmd, CommonOptions& o) {
  cmd.add_option("DIR", o.dir, "The meeting folder, holding report.yaml")->required();
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
}

DiagnosticPolicy make_policy(const CommonOptions& o) {
  DiagnosticPolicy policy;
  for (const auto& arg : o.warnings) {
    if (auto err = policy.apply(arg)) throw UsageError(*err);
  }
  policy.max_errors = o.max_errors;
  return policy;
}

PrintOptions make_print_options(const CommonOptions& o) {
  PrintOptions print;
  auto format = parse_diagnostic_format(o.diagnostics_format);
  if (!format) throw UsageError("unknown diagnostics format '" + o.diagnostics_format + "'");
  print.format = *format;
  print.tool_version = CWG_VERSION;
  if (o.diagnostics_output.empty() && print.format == DiagnosticFormat::human) {
    if (o.color == "always") {
      print.color = true;
    } else if (o.color == "auto") {
      const char* no_color = std::getenv("NO_COLOR");
      print.color = ::isatty(STDERR_FILENO) && (!no_color || !*no_color);
    }
  }
  return print;
}

void check_options(const CommonOptions& o) {
  if (o.max_file_size == 0) throw UsageError("--max-file-size must be at least 1 byte");
}

// The formats -f asks for, in the fixed order of output_formats() so that
// the order of the "wrote" lines does not depend on how -f was written. Each
// -f takes a comma-separated list; splitting here rather than in CLI11 keeps
// "-f md,html DIR" from taking DIR as a third format.
std::vector<const OutputFormat*> selected_formats(const std::vector<std::string>& args) {
  std::vector<std::string> names;
  for (const auto& arg : args) {
    std::size_t start = 0;
    while (true) {
      std::size_t comma = arg.find(',', start);
      names.push_back(arg.substr(start, comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  std::vector<const OutputFormat*> result;
  std::vector<std::string> known;
  for (const auto& f : output_formats()) known.emplace_back(f.name);
  for (const auto& name : names) {
    if (!find_output_format(name)) {
      throw UsageError("unknown output format '" + name + "' (expected md, html or txt)" +
                       did_you_mean(name, known));
    }
  }
  for (const auto& f : output_formats()) {
    bool wanted = names.empty();
    for (const auto& name : names) wanted = wanted || name == f.name;
    if (wanted) result.push_back(&f);
  }
  return result;
}

// Whether writing `path` would replace a file the report was compiled from.
// The loader may name sources relative to the meeting folder or with the
// folder as given, so both spellings of the target are looked up.
bool is_source_file(const Diagnostics& diags, const std::string& dir, const std::string& path) {
  std::vector<std::string> spellings = {path, fs::path(path).lexically_normal().string()};
  std::error_code ec_target, ec_root;
  fs::path target = fs::weakly_canonical(path, ec_target);
  fs::path root = fs::weakly_canonical(dir, ec_root);
  if (!ec_target && !ec_root) {
    fs::path rel = target.lexically_relative(root);
    if (!rel.empty() && *rel.begin() != "..") {
      spellings.push_back(rel.string());
      spellings.push_back((fs::path(dir) / rel).string());
      spellings.push_back((fs::path(dir) / rel).lexically_normal().string());
      spellings.push_back(target.string());
    }
  }
  for (const auto& s : spellings) {
    if (diags.sources().find(s)) return true;
  }
  return false;
}

// Runs the front end on the meeting folder. A folder that does not exist is
// a problem of the sources, which the loader reports as file-unreadable.
std::optional<tree::Report> compile_folder(const CommonOptions& o, Diagnostics& diags) {
  CompileOptions copts;
  copts.limits.max_file_bytes = o.max_file_size;
  return compile(o.dir, diags, copts);
}

// Prints the diagnostics to standard error, or writes them to the
// --diagnostics-output file (always, even when there are none, so that a CI
// step uploading the file finds it). Returns false if that file cannot be
// written.
bool emit_diagnostics(Diagnostics& diags, const CommonOptions& o, const PrintOptions& print) {
  diags.sort();
  bool any = !diags.all().empty() || diags.dropped() > 0;
  if (o.diagnostics_output.empty()) {
    // A SARIF consumer expects a log even when it is empty; the other formats
    // stay silent on a clean run.
    if (any || print.format == DiagnosticFormat::sarif) {
      std::string text = format_diagnostics(diags, print);
      std::fwrite(text.data(), 1, text.size(), stderr);
      std::fflush(stderr);
    }
    return true;
  }
  if (is_source_file(diags, o.dir, o.diagnostics_output)) {
    print_error("cannot write '" + o.diagnostics_output + "': it is a source file of the report");
    return false;
  }
  OutputFile file{o.diagnostics_output, format_diagnostics(diags, print)};
  if (auto err = write_files({&file, 1})) {
    print_error("cannot write '" + err->path + "': " + err->reason);
    return false;
  }
  return true;
}

int run_check(const CommonOptions& o) {
  check_options(o);
  Diagnostics diags(make_policy(o));
  PrintOptions print = make_print_options(o);
  auto report = compile_folder(o, diags);
  bool emitted = emit_diagnostics(diags, o, print);
  if (!report || diags.has_errors() || !emitted) return kExitInvalid;
  return kExitOk;
}

int run_build(const CommonOptions& o, const BuildOptions& b) {
  check_options(o);
  auto formats = selected_formats(b.formats);
  Diagnostics diags(make_policy(o));
  PrintOptions print = make_print_options(o);
  auto report = compile_folder(o, diags);
  bool emitted = emit_diagnostics(diags, o, print);
  if (!report || diags.has_errors() || !emitted) return kExitInvalid;

  // Every output is rendered before the first is written, so that a failure
  // in any format leaves all previous outputs as they were.
  std::string out_dir = b.out_dir.empty() ? (fs::path(o.dir) / "out").string() : b.out_dir;
  RenderOptions ropts;
  ropts.width = b.width;
  std::vector<OutputFile> files;
  for (const OutputFormat* f : formats) {
    std::string name = "report." + std::string(f->extension);
    files.push_back({(fs::path(out_dir) / name).string(), f->render(*report, ropts)});
  }
  for (const auto& f : files) {
    if (is_source_file(diags, o.dir, f.path)) {
      print_error("cannot write '" + f.path + "': it is a source file of the report");
      return kExitInvalid;
    }
  }
  if (auto err = create_directories(out_dir)) {
    print_error("cannot write '" + err->path + "': " + err->reason);
    return kExitInvalid;
  }
  if (auto err = write_files(files)) {
    print_error("cannot write '" + err->path + "': " + err->reason);
    return kExitInvalid;
  }
  if (!b.quiet) {
    for (const auto& f : files) fmt::print("wrote {}\n", f.path);
  }
  return kExitOk;
}

int run_explain(const std::string& code) {
  const CodeInfo* info = find_code(code);
  if (!info) {
    std::vector<std::string> names;
    for (const auto& c : all_codes()) names.emplace_back(c.code);
    throw UsageError("unknown diagnostic code '" + code + "'" + did_you_mean(code, names));
  }
  fmt::print("{} ({}): {}\n\n{}\n", info->code, severity_name(info->default_severity),
             info->summary, info->explanation);
  return kExitOk;
}

constexpr const char* kCommands[] = {"build", "check", "explain"};

int run(int argc, char** argv) {
  CLI::App app{
      "cwgreport compiles the YAML sources of a working-group meeting into its report, "
      "as Markdown, HTML and plain text.",
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
    return "cwgreport: " + lower_first(e.what()) + "\nrun '" + cmd + " --help' for usage\n";
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
                   "Formats to write, comma-separated: md, html, txt (default: all three)")
      ->type_name("LIST")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  build
      ->add_option("--width", build_opts.width,
                   "Wrap plain text at N columns (default 0: one line per paragraph)")
      ->type_name("N")
      ->check(CLI::Range(0, 1000));
  build->add_flag("-q,--quiet", build_opts.quiet, "Do not list the files written");
  build->footer(
      "Writes OUTDIR/report.md, report.html and report.txt, each replaced atomically, and\n"
      "nothing at all when the sources have an error.\n"
      "\n"
      "Examples:\n"
      "  cwgreport build examples/meeting14\n"
      "  cwgreport build examples/meeting14 -o public -f html,txt\n"
      "  cwgreport build examples/meeting14 -f txt --width 72 -q\n"
      "  cwgreport build examples/meeting14 -W error --diagnostics-format github");

  CLI::App* check = app.add_subcommand("check", "Check the sources and write nothing");
  add_common_options(*check, common);
  check->footer(
      "Prints nothing when the sources are clean.\n"
      "\n"
      "Examples:\n"
      "  cwgreport check examples/meeting14\n"
      "  cwgreport check examples/meeting14 -W error -W no-unpresented-document\n"
      "  cwgreport check examples/meeting14 --diagnostics-format sarif "
      "--diagnostics-output cwgreport.sarif");

  CLI::App* explain =
      app.add_subcommand("explain", "Explain a diagnostic code: what it means and how to fix it");
  explain->add_option("CODE", code, "The code shown in brackets after a diagnostic")->required();
  explain->footer(
      "Examples:\n"
      "  cwgreport explain unknown-document\n"
      "  cwgreport explain revision-clash");

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

  if (build->parsed()) return run_build(common, build_opts);
  if (check->parsed()) return run_check(common);
  return run_explain(code);
}

}  // namespace

}  // namespace cwg

int main(int argc, char** argv) {
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
