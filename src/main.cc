// The command line: `cwgreport build|check|explain`. Parses the options, runs
// the front end, prints the diagnostics, renders and writes the outputs.
#include <fmt/core.h>
#include <sys/resource.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

#include "cwgreport/compile.h"
#include "cwgreport/diagnostic.h"
#include "cwgreport/render.h"
#include "driver/init.h"
#include "driver/output.h"
#include "driver/schemas.h"
#include "build/field_limits.h"

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
  std::vector<std::string> dirs;  // as given; several are built in parallel
  std::string dir;                // the one folder a run_build or run_check works on
  unsigned jobs = 0;              // folders at once; 0: one per core
  std::vector<std::string> warnings;
  std::string diagnostics_format = "human";
  std::string diagnostics_output;
  std::size_t max_errors = 50;
  std::string color = "auto";
  std::uint64_t max_file_size = yaml::Limits{}.max_file_bytes;
  std::uint64_t max_field_size = TextLimits{}.max_field_bytes;
};

struct BuildOptions {
  std::string out_dir;
  std::vector<std::string> formats;
  int width = 0;
  bool quiet = false;
};

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
  cmd.add_option("--max-field-size", o.max_field_size,
                 "Largest Markdown text field accepted, in bytes, as written and with its "
                 "cross-references printed; units such as 32MiB are accepted (default 16MiB)")
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
  if (o.max_field_size == 0) throw UsageError("--max-field-size must be at least 1 byte");
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

// Where one folder's messages go: straight to the standard streams, or, when
// several folders are processed at once, into buffers that are printed in
// argument order, so that the diagnostics of two folders never interleave.
struct FolderOutput {
  bool buffered = false;
  std::string out, err;
  std::size_t errors = 0, warnings = 0, files = 0;

  void write_out(std::string_view text) {
    if (buffered) {
      out += text;
    } else {
      std::fwrite(text.data(), 1, text.size(), stdout);
    }
  }
  void write_err(std::string_view text) {
    if (buffered) {
      err += text;
    } else {
      std::fwrite(text.data(), 1, text.size(), stderr);
      std::fflush(stderr);
    }
  }
  void error(const std::string& message) { write_err("cwgreport: " + message + "\n"); }
};

// Runs the front end on the meeting folder. A folder that does not exist is
// a problem of the sources, which the loader reports as file-unreadable.
std::optional<tree::Report> compile_folder(const CommonOptions& o, Diagnostics& diags) {
  CompileOptions copts;
  copts.limits.max_file_bytes = o.max_file_size;
  TextLimits text;
  text.max_field_bytes = o.max_field_size;
  TextLimitsScope scope(text);
  return compile(o.dir, diags, copts);
}

// Prints the diagnostics to standard error, or writes them to the
// --diagnostics-output file (always, even when there are none, so that a CI
// step uploading the file finds it). Returns false if that file cannot be
// written.
bool emit_diagnostics(Diagnostics& diags, const CommonOptions& o, const PrintOptions& print,
                      FolderOutput& io) {
  diags.sort();
  io.errors = diags.error_count();
  io.warnings = diags.warning_count();
  bool any = !diags.all().empty() || diags.dropped() > 0;
  if (o.diagnostics_output.empty()) {
    // A SARIF consumer expects a log even when it is empty; the other formats
    // stay silent on a clean run.
    if (any || print.format == DiagnosticFormat::sarif)
      io.write_err(format_diagnostics(diags, print));
    return true;
  }
  if (is_source_file(diags, o.dir, o.diagnostics_output)) {
    io.error("cannot write '" + o.diagnostics_output + "': it is a source file of the report");
    return false;
  }
  OutputFile file{o.diagnostics_output, format_diagnostics(diags, print)};
  if (auto err = write_files({&file, 1})) {
    io.error("cannot write '" + err->path + "': " + err->reason);
    return false;
  }
  return true;
}

int run_check(const CommonOptions& o, FolderOutput& io) {
  check_options(o);
  Diagnostics diags(make_policy(o));
  PrintOptions print = make_print_options(o);
  auto report = compile_folder(o, diags);
  bool emitted = emit_diagnostics(diags, o, print, io);
  if (!report || diags.has_errors() || !emitted) return kExitInvalid;
  return kExitOk;
}

int run_build(const CommonOptions& o, const BuildOptions& b, FolderOutput& io) {
  check_options(o);
  auto formats = selected_formats(b.formats);
  Diagnostics diags(make_policy(o));
  PrintOptions print = make_print_options(o);
  auto report = compile_folder(o, diags);
  bool emitted = emit_diagnostics(diags, o, print, io);
  if (!report || diags.has_errors() || !emitted) return kExitInvalid;

  // Each format streams into its temporary file as it is rendered, and the
  // files replace the previous outputs only once all are complete, so that a
  // failure in any format leaves all previous outputs as they were. The
  // renderers only read the tree: a single folder's formats are rendered in
  // parallel (several folders already keep the cores busy).
  std::string out_dir = b.out_dir.empty() ? (fs::path(o.dir) / "out").string() : b.out_dir;
  // The sources may bring an 'out' that is a symbolic link to anywhere: the
  // default output folder is written only when it is a real folder.
  if (std::error_code ec; b.out_dir.empty() && fs::is_symlink(out_dir, ec)) {
    io.error("cannot write '" + out_dir +
             "': it is a symbolic link; remove it, or choose the output folder with -o");
    return kExitInvalid;
  }
  std::vector<std::string> paths;
  for (const OutputFormat* format : formats) {
    paths.push_back((fs::path(out_dir) / ("report." + std::string(format->extension))).string());
    if (is_source_file(diags, o.dir, paths.back())) {
      io.error("cannot write '" + paths.back() + "': it is a source file of the report");
      return kExitInvalid;
    }
  }
  if (auto err = create_directories(out_dir)) {
    io.error("cannot write '" + err->path + "': " + err->reason);
    return kExitInvalid;
  }
  OutputFiles files;
  for (const auto& path : paths) {
    if (auto err = files.add(path)) {
      io.error("cannot write '" + err->path + "': " + err->reason);
      return kExitInvalid;
    }
  }
  RenderOptions ropts;
  ropts.width = b.width;
  std::vector<std::future<void>> rendered;
  for (std::size_t i = 1; i < formats.size() && !io.buffered; ++i)
    rendered.push_back(std::async(std::launch::async, formats[i]->write, std::cref(*report),
                                  std::cref(ropts), std::ref(files.file(i))));
  for (std::size_t i = 0; i < formats.size(); ++i) {
    if (i == 0 || io.buffered)
      formats[i]->write(*report, ropts, files.file(i));
    else
      rendered[i - 1].get();
  }
  if (auto err = files.commit()) {
    io.error("cannot write '" + err->path + "': " + err->reason);
    return kExitInvalid;
  }
  io.files = paths.size();
  if (!b.quiet && !io.buffered) {
    for (const auto& path : paths) io.write_out(fmt::format("wrote {}\n", path));
  }
  return kExitOk;
}

std::string counted(std::size_t n, std::string_view noun) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

// The folder's name, for OUTDIR/<name>: "meeting14" for "a/meeting14/" or ".".
std::string folder_name(const std::string& dir) {
  std::error_code ec;
  fs::path p = fs::absolute(dir, ec).lexically_normal();
  if (p.filename().empty()) p = p.parent_path();
  return p.filename().string();
}

// Usage errors of a run over several folders, found before any is read.
void check_many(const CommonOptions& o, const BuildOptions* b) {
  if (!o.diagnostics_output.empty())
    throw UsageError("--diagnostics-output takes a single meeting folder, not " +
                     std::to_string(o.dirs.size()));
  if (o.diagnostics_format == "sarif")
    throw UsageError(
        "a SARIF log describes one meeting folder: give one DIR, or use "
        "--diagnostics-format json");
  std::map<std::string, std::string> seen, outputs;
  for (const auto& dir : o.dirs) {
    std::error_code ec;
    std::string key = fs::absolute(dir, ec).lexically_normal().string();
    if (!key.empty() && key.back() == '/') key.pop_back();
    if (!seen.emplace(key, dir).second)
      throw UsageError("the meeting folder '" + dir + "' is given twice");
    if (b && !b->out_dir.empty()) {
      auto [it, fresh] = outputs.emplace(folder_name(dir), dir);
      if (!fresh)
        throw UsageError("'" + it->second + "' and '" + dir + "' would both be written to '" +
                         (fs::path(b->out_dir) / folder_name(dir)).string() +
                         "'; build them separately");
    }
  }
}

// `cwgreport build|check DIR...` with several folders: up to `jobs` at once,
// each folder's messages printed whole and in argument order, then a line
// saying how it went. On a terminal, a progress line shows while waiting.
int run_many(const CommonOptions& common, const BuildOptions* build) {
  check_options(common);
  check_many(common, build);
  make_policy(common);
  make_print_options(common);
  if (build) selected_formats(build->formats);

  const std::size_t n = common.dirs.size();
  struct Job {
    FolderOutput io;
    int status = kExitInternal;
    bool done = false;
  };
  std::vector<Job> jobs(n);
  std::mutex mutex;
  std::condition_variable changed;
  std::atomic<std::size_t> next{0};
  std::size_t finished = 0;

  auto work = [&] {
    for (std::size_t i = next++; i < n; i = next++) {
      Job& job = jobs[i];
      job.io.buffered = true;
      CommonOptions o = common;
      o.dir = common.dirs[i];
      try {
        if (build) {
          BuildOptions b = *build;
          if (!b.out_dir.empty()) b.out_dir = (fs::path(b.out_dir) / folder_name(o.dir)).string();
          job.status = run_build(o, b, job.io);
        } else {
          job.status = run_check(o, job.io);
        }
      } catch (const std::exception& e) {
        job.io.error(std::string("internal error: ") + e.what());
        job.status = kExitInternal;
      }
      std::lock_guard<std::mutex> lock(mutex);
      job.done = true;
      ++finished;
      changed.notify_all();
    }
  };
  unsigned workers = common.jobs ? common.jobs : std::max(1u, std::thread::hardware_concurrency());
  // A folder being built holds two descriptors per output (the file and its
  // folder) while it renders: with many folders at once the usual soft limit
  // of 1,024 open files is too low, so take what the hard limit allows.
  if (struct rlimit files{};
      getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
    files.rlim_cur = files.rlim_max;
    setrlimit(RLIMIT_NOFILE, &files);
  }
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < std::min<std::size_t>(workers, n); ++t) threads.emplace_back(work);

  // The progress line appears only on a terminal, and only once the run has
  // taken long enough for a user to wonder; it is erased before any other
  // output and at the end.
  const bool tty = ::isatty(STDERR_FILENO);
  const auto start = std::chrono::steady_clock::now();
  bool progress_shown = false;
  std::string last_line;
  auto erase_progress = [&] {
    if (!progress_shown) return;
    std::fputs("\r\x1b[K", stderr);
    std::fflush(stderr);
    progress_shown = false;
  };
  const char* verb = build ? "building" : "checking";
  int worst = kExitOk;
  for (std::size_t i = 0; i < n; ++i) {
    std::unique_lock<std::mutex> lock(mutex);
    while (!jobs[i].done) {
      changed.wait_for(lock, std::chrono::milliseconds(100));
      if (!tty || jobs[i].done ||
          std::chrono::steady_clock::now() - start < std::chrono::milliseconds(500))
        continue;
      std::string line = fmt::format("[{}/{}] {} {}", finished, n, verb, common.dirs[i]);
      if (progress_shown && line == last_line) continue;
      fmt::print(stderr, "\r{}\x1b[K", line);
      std::fflush(stderr);
      progress_shown = true;
      last_line = std::move(line);
    }
    lock.unlock();
    erase_progress();
    Job& job = jobs[i];
    std::fwrite(job.io.err.data(), 1, job.io.err.size(), stderr);
    std::fflush(stderr);
    std::fwrite(job.io.out.data(), 1, job.io.out.size(), stdout);
    const std::string& dir = common.dirs[i];
    if (job.status == kExitOk) {
      std::vector<std::string> parts;
      if (build) parts.push_back(counted(job.io.files, "file"));
      if (job.io.warnings) parts.push_back(counted(job.io.warnings, "warning"));
      std::string detail;
      for (const auto& part : parts) detail += (detail.empty() ? " (" : ", ") + part;
      if (!detail.empty()) detail += ")";
      if (!build || !build->quiet) fmt::print("ok {}{}\n", dir, detail);
    } else {
      std::string why = job.status == kExitInternal ? "internal error"
                        : job.io.errors             ? counted(job.io.errors, "error")
                                                    : "output not written";
      fmt::print("FAILED {} ({})\n", dir, why);
    }
    std::fflush(stdout);
    worst = std::max(worst, job.status);
  }
  for (auto& t : threads) t.join();
  return worst;
}

int run_explain(std::string code) {
  if (code.empty()) {
    for (const auto& c : all_codes())
      fmt::print("{:<26} {:<8} {}\n", c.code, severity_name(c.default_severity), c.summary);
    return kExitOk;
  }
  // As copied from a diagnostic: "[unknown-document]".
  if (code.size() > 2 && code.front() == '[' && code.back() == ']')
    code = code.substr(1, code.size() - 2);
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

constexpr const char* kCommands[] = {"build", "check", "explain", "init", "schema"};

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
  build->add_flag("-q,--quiet", build_opts.quiet,
                  "Do not list the files written (with several folders: the 'ok' lines)");
  build->footer(
      "Writes OUTDIR/report.md, report.html and report.txt, each replaced atomically, and\n"
      "nothing at all when the sources have an error.\n"
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
      "  cwgreport build examples/meeting14 -W error --diagnostics-format github");

  CLI::App* check = app.add_subcommand("check", "Check the sources and write nothing");
  add_common_options(*check, common);
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

  // `init` and `schema`: init.cc and schema_text.cc.
  InitOptions init_opts;
  std::string schema_kind;
  CLI::App* init = app.add_subcommand(
      "init",
      "Create a meeting folder: a commented scaffold that builds as it is, or the next meeting "
      "started from the previous one");
  init->add_option("DIR", init_opts.dir, "The folder to create; it must not exist or be empty")
      ->required();
  CLI::Option* init_from =
      init->add_option("--from", init_opts.from,
                       "Start from the meeting folder PREVIOUS_DIR: carry over its group, people, "
                       "references and section headings and labels, with one placeholder "
                       "paragraph per section and an empty register")
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
                   "absolute or relative to DIR (default: the schemas installed with cwgreport, "
                   "else each schema's $id URL)")
      ->type_name("LOCATION")
      ->check(one_line);
  init->footer(
      "Writes DIR/report.yaml, DIR/documents.yaml and DIR/sections/*.yaml, and lists them.\n"
      "\n"
      "Examples:\n"
      "  cwgreport init meeting1 --group-name 'Council Working Group on Child Online "
      "Protection' --acronym CWG-COP --date 2017-09-26\n"
      "  cwgreport init meeting15 --from meeting14 --date 2018-09-20");

  CLI::App* schema =
      app.add_subcommand("schema", "Print the JSON Schema of one kind of source file");
  schema
      ->add_option("KIND", schema_kind,
                   "report (report.yaml), documents (documents.yaml) or section (a section or "
                   "annex file)")
      ->required()
      ->check(CLI::IsMember({"report", "documents", "section"}));
  schema->footer(
      "The schemas let an editor check a file as it is typed; they are also installed in\n"
      "PREFIX/share/cwgreport/schemas.\n"
      "\n"
      "Examples:\n"
      "  cwgreport schema report\n"
      "  cwgreport schema section > section.schema.json");

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
