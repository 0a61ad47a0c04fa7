// The driver of `build`, `check` and `explain` on one meeting folder: runs
// the phases, prints the diagnostics and writes the outputs atomically.
#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <future>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "cwgreport/compile.h"
#include "driver/driver.h"
#include "driver/output.h"
#include "driver/pdf.h"
#include "text/printable.h"

#ifndef CWG_VERSION
#error "the build defines CWG_VERSION"
#endif

namespace cwg {

namespace fs = std::filesystem;

void FolderOutput::write_out(std::string_view text) {
  if (buffered) {
    out += text;
  } else {
    std::fwrite(text.data(), 1, text.size(), stdout);
  }
}

void FolderOutput::write_err(std::string_view text) {
  if (buffered) {
    err += text;
  } else {
    std::fwrite(text.data(), 1, text.size(), stderr);
    std::fflush(stderr);
  }
}

// "Permission denied" -> "permission denied", but "DIR is required" stays.
std::string lower_first(std::string s) {
  auto byte = [](char c) { return static_cast<unsigned char>(c); };
  if (s.size() > 1 && std::islower(byte(s[1]))) s[0] = static_cast<char>(std::tolower(byte(s[0])));
  return s;
}

std::string reason_of(int err) { return lower_first(std::generic_category().message(err)); }

// Messages quote paths and arguments, which may hold any byte.
void print_error(const std::string& message) {
  fmt::print(stderr, "cwgreport: {}\n", text::printable_lines(message));
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  if (auto near = closest_match(word, candidates)) return "; did you mean '" + *near + "'?";
  return "";
}

namespace {

bool in_colour(std::string_view when, int fd) {
  if (when == "always") return true;
  if (when != "auto") return false;
  const char* no_color = std::getenv("NO_COLOR");
  return ::isatty(fd) && (!no_color || !*no_color);
}

}  // namespace

bool stderr_in_colour(std::string_view when) { return in_colour(when, STDERR_FILENO); }
bool stdout_in_colour(std::string_view when) { return in_colour(when, STDOUT_FILENO); }

DiagnosticPolicy make_policy(const CommonOptions& o) {
  DiagnosticPolicy policy;
  for (const auto& arg : o.warnings) {
    if (auto err = policy.apply(arg)) throw UsageError(*err);
  }
  policy.max_errors = o.max_errors;
  policy.max_warnings = o.max_warnings;
  return policy;
}

PrintOptions make_print_options(const CommonOptions& o) {
  PrintOptions print;
  auto format = parse_diagnostic_format(o.diagnostics_format);
  if (!format) throw UsageError("unknown diagnostics format '" + o.diagnostics_format + "'");
  print.format = *format;
  print.tool_version = CWG_VERSION;
  if (o.diagnostics_output.empty() && print.format == DiagnosticFormat::human) {
    print.color = stderr_in_colour(o.color);
  }
  return print;
}

void check_options(const CommonOptions& o) {
  if (o.max_file_size == 0) throw UsageError("--max-file-size must be at least 1 byte");
  if (o.max_folder_size == 0) throw UsageError("--max-folder-size must be at least 1 byte");
  if (o.max_field_size == 0) throw UsageError("--max-field-size must be at least 1 byte");
}

namespace {

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
std::optional<tree::Report> compile_folder(const CommonOptions& o, Diagnostics& diags, bool check) {
  CompileOptions copts;
  copts.limits.max_file_bytes = o.max_file_size;
  copts.limits.max_folder_bytes = o.max_folder_size;
  copts.limits.max_nodes =
      std::max<std::size_t>(1, o.max_folder_size / yaml::Limits::kBytesPerNode);
  copts.text.max_field_bytes = o.max_field_size;
  copts.language = o.language;
  copts.check_translations = check;
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

}  // namespace

std::string source_date_epoch() {
  const char* value = std::getenv("SOURCE_DATE_EPOCH");
  if (value == nullptr) return {};
  std::string_view v = value;
  bool ok = !v.empty() && v.size() <= 12 &&
            std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
  long long seconds = ok ? std::stoll(std::string(v)) : -1;
  if (!ok || seconds > 253402300799LL)
    throw UsageError("SOURCE_DATE_EPOCH is '" + text::printable(v) +
                     "', not a number of seconds since 1970");
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

void validate_options(const CommonOptions& o, const BuildOptions* b) {
  check_options(o);
  make_policy(o);
  make_print_options(o);
  if (b) {
    selected_formats(b->formats);
    source_date_epoch();
  }
}

int run_check(const CommonOptions& o, FolderOutput& io) {
  check_options(o);
  Diagnostics diags(make_policy(o));
  PrintOptions print = make_print_options(o);
  auto report = compile_folder(o, diags, true);
  bool emitted = emit_diagnostics(diags, o, print, io);
  if (!report || diags.has_errors() || !emitted) return kExitInvalid;
  return kExitOk;
}

int run_build(const CommonOptions& o, const BuildOptions& b, FolderOutput& io) {
  check_options(o);
  auto formats = selected_formats(b.formats);
  Diagnostics diags(make_policy(o));
  PrintOptions print = make_print_options(o);
  auto report = compile_folder(o, diags, false);
  bool emitted = emit_diagnostics(diags, o, print, io);
  if (!report || diags.has_errors() || !emitted) return kExitInvalid;

  // Each format streams into its temporary file as it is rendered, and the
  // files replace the previous outputs only once all are complete, so that a
  // failure in any format leaves all previous outputs as they were. The
  // renderers only read the tree: a single folder's formats are rendered in
  // parallel (several folders already keep the cores busy).
  // A translation's default folder is its own: building it must not
  // replace the original's outputs.
  std::string out_dir = !b.out_dir.empty()   ? b.out_dir
                        : o.language.empty() ? (fs::path(o.dir) / "out").string()
                                             : (fs::path(o.dir) / "out" / o.language).string();
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
  const bool pdf = pdf_selected(b.formats);
  const std::string pdf_path = (fs::path(out_dir) / "report.pdf").string();
  if (pdf && is_source_file(diags, o.dir, pdf_path)) {
    io.error("cannot write '" + pdf_path + "': it is a source file of the report");
    return kExitInvalid;
  }
  // The lock file is written and removed: it must not be a source either.
  const std::string lock_path = (fs::path(out_dir) / FolderLock::kFileName).string();
  if (is_source_file(diags, o.dir, lock_path)) {
    io.error("cannot write '" + lock_path + "': it is a source file of the report");
    return kExitInvalid;
  }
  // Declared before the files: a failure removes the temporary files, then
  // the folders made for them.
  NewDirectories made;
  if (auto err = made.create(out_dir)) {
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
  ropts.timestamp = source_date_epoch();
  std::vector<std::future<void>> rendered;
  for (std::size_t i = 1; i < formats.size() && !io.buffered; ++i)
    rendered.push_back(std::async(std::launch::async, formats[i]->write, std::cref(*report),
                                  std::cref(ropts), std::ref(files.file(i))));
  // The PDF engine prints the HTML meanwhile. When it cannot, the other
  // formats are still written, and the previous PDF is left as it was.
  std::string pdf_error;
  std::optional<std::string> pdf_bytes;
  if (pdf) {
    RenderOptions paged = ropts;
    paged.paged_media = pdf_engine_has_paged_media(b.pdf.engine);
    pdf_bytes = print_pdf(render_html(*report, paged), b.pdf, pdf_error);
  }
  for (std::size_t i = 0; i < formats.size(); ++i) {
    if (i == 0 || io.buffered)
      formats[i]->write(*report, ropts, files.file(i));
    else
      rendered[i - 1].get();
  }
  if (pdf_bytes) {
    if (auto err = files.add(pdf_path)) {
      io.error("cannot write '" + err->path + "': " + err->reason);
      return kExitInvalid;
    }
    files.file(paths.size()).write(*pdf_bytes);
    paths.push_back(pdf_path);
  }
  // Another build replacing the same files at once must not interleave its
  // renames with these: the folder is held until all are replaced.
  FolderLock lock;
  if (auto err = lock.lock(out_dir, [&] {
        io.write_err("cwgreport: waiting for another build writing into '" +
                     text::printable(out_dir) + "'\n");
      })) {
    io.error("cannot lock '" + err->path + "': " + err->reason);
    return kExitInvalid;
  }
  if (auto err = files.commit()) {
    io.error("cannot write '" + err->path + "': " + err->reason);
    return kExitInvalid;
  }
  if (!paths.empty()) made.keep();
  io.files = paths.size();
  if (!o.quiet && !io.buffered) {
    for (const auto& path : paths) io.write_out(fmt::format("wrote {}\n", text::printable(path)));
  }
  if (pdf && !pdf_bytes) {
    io.error("cannot write '" + pdf_path + "': " + pdf_error);
    return kExitInvalid;
  }
  return kExitOk;
}

namespace {

// The names in the -f arguments. Each -f takes a comma-separated list;
// splitting here rather than in CLI11 keeps "-f md,html DIR" from taking DIR
// as a third format.
std::vector<std::string> format_names(const std::vector<std::string>& args) {
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
  return names;
}

constexpr std::string_view kPdf = "pdf";

}  // namespace

// The formats -f asks for, in the fixed order of output_formats() so that
// the order of the "wrote" lines does not depend on how -f was written; the
// PDF, printed from the HTML by another program, comes last.
std::vector<const OutputFormat*> selected_formats(const std::vector<std::string>& args) {
  std::vector<std::string> names = format_names(args);
  std::vector<const OutputFormat*> result;
  std::vector<std::string> known;
  for (const auto& f : output_formats()) known.emplace_back(f.name);
  known.emplace_back(kPdf);
  for (const auto& name : names) {
    if (!find_output_format(name) && name != kPdf) {
      std::string expected;
      for (std::size_t i = 0; i < known.size(); ++i)
        expected += (i == 0 ? "" : i + 1 == known.size() ? " or " : ", ") + known[i];
      throw UsageError("unknown output format '" + name + "' (expected " + expected + ")" +
                       did_you_mean(name, known));
    }
  }
  for (const auto& f : output_formats()) {
    bool wanted = names.empty() && f.by_default;
    for (const auto& name : names) wanted = wanted || name == f.name;
    if (wanted) result.push_back(&f);
  }
  return result;
}

bool pdf_selected(const std::vector<std::string>& args) {
  auto names = format_names(args);
  return std::find(names.begin(), names.end(), kPdf) != names.end();
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

}  // namespace cwg
