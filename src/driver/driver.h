// The driver: runs the phases for one command over one meeting folder or
// many, decides what is printed where and writes the outputs. The command
// line (main.cc) only turns argv into these options; the tests call the
// same functions in process.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "cwgreport/diagnostic.h"
#include "cwgreport/render.h"
#include "cwgreport/text_limits.h"
#include "cwgreport/yaml.h"
#include "driver/pdf.h"
#include "text/printable.h"

namespace cwg {

// The exit codes; docs/cli.md documents them.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalid = 1;  // errors in the sources, or an output not written
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInternal = 3;

// A mistake on the command line: printed as "cwgreport: MESSAGE", exit 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// What `build` and `check` share.
struct CommonOptions {
  std::vector<std::string> dirs;  // as given; several are built in parallel
  std::string dir;                // the one folder a run_build or run_check works on
  unsigned jobs = 0;              // folders at once; 0: one per core
  std::vector<std::string> warnings;
  std::string diagnostics_format = "human";
  std::string diagnostics_output;
  std::size_t max_errors = 50;
  std::size_t max_warnings = 50;
  std::string color = "auto";
  std::uint64_t max_file_size = yaml::Limits{}.max_file_bytes;
  std::uint64_t max_folder_size = yaml::Limits{}.max_folder_bytes;
  std::uint64_t max_field_size = TextLimits{}.max_field_bytes;
  std::string language;  // --language: the translation to build or check, or empty
  bool quiet = false;    // no 'wrote' lines, and no 'ok' lines of several folders
};

struct BuildOptions {
  std::string out_dir;
  std::vector<std::string> formats;
  int width = 0;
  PdfOptions pdf;  // -f pdf: the engine that prints the HTML
};

// Where one folder's messages go: straight to the standard streams, or, when
// several folders are processed at once, into buffers that are printed in
// argument order, so that the diagnostics of two folders never interleave.
struct FolderOutput {
  bool buffered = false;
  std::string out, err;
  std::size_t errors = 0, warnings = 0, files = 0;

  void write_out(std::string_view text);
  void write_err(std::string_view text);
  // Messages quote paths, which may hold any byte.
  void error(const std::string& message) {
    write_err("cwgreport: " + text::printable_lines(message) + "\n");
  }
};

// Throws UsageError for the first mistake in the options, before any folder
// is read.
void validate_options(const CommonOptions& o, const BuildOptions* b);

// `cwgreport check DIR` and `cwgreport build DIR` on o.dir. Return the exit
// status; throw UsageError for a mistake in the options.
int run_check(const CommonOptions& o, FolderOutput& io);
int run_build(const CommonOptions& o, const BuildOptions& b, FolderOutput& io);

// The same over every folder of o.dirs, `o.jobs` at once (build when `b` is
// given, else check): each folder's messages printed whole and in argument
// order, then a line saying how it went. Returns the worst exit status.
int run_many(const CommonOptions& o, const BuildOptions* b);

// `cwgreport explain [CODE]`.
int run_explain(std::string code);

// The formats -f asks for, in the fixed order of output_formats(). Each -f
// takes a comma-separated list. "pdf" is accepted too, but is not a
// renderer of the report: pdf_selected() says whether it was asked for.
std::vector<const OutputFormat*> selected_formats(const std::vector<std::string>& args);
bool pdf_selected(const std::vector<std::string>& args);

// Messages of the driver: "cwgreport: MESSAGE" on standard error; errno as
// a lowercase reason ("permission denied"); "; did you mean 'x'?" or "".
void print_error(const std::string& message);
std::string reason_of(int err);
std::string lower_first(std::string s);
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// Whether human diagnostics on standard error are coloured: `when` is
// "always", "never" or "auto" (a terminal, and NO_COLOR unset or empty).
bool stderr_in_colour(std::string_view when = "auto");
bool stdout_in_colour(std::string_view when = "auto");

// What every command that reads sources makes of the common options; each
// throws UsageError for a mistake in them.
DiagnosticPolicy make_policy(const CommonOptions& o);
PrintOptions make_print_options(const CommonOptions& o);
void check_options(const CommonOptions& o);

// `cwgreport freeze DIR` on o.dir: when the sources have no error, writes
// DIR/frozen.yaml with the number of every labelled section, annex,
// paragraph and list item, after writing a label into the sources for each
// numbered section, annex and paragraph without one. Every file is replaced
// atomically, and none when anything fails.
int run_freeze(const CommonOptions& o, FolderOutput& io);

// `cwgreport diff OLD NEW`: each of common.dirs, a meeting folder or a git
// revision of one ("HEAD~1:meeting14"), compiled as a build would, then
// compared as reports. Prints the changes on standard output, or into
// `output`, in `format`; returns 0 when the two print the same report, 1
// when they differ, 2 when either cannot be read or has an error in its
// sources, or when the output cannot be written.
struct DiffOptions {
  CommonOptions common;
  std::string format = "text";       // text, json, html or docx
  std::string output;                // -o: a file written atomically; "": stdout
  std::string author = "cwgreport";  // docx: the author of the tracked changes
};
int run_diff(const DiffOptions& o);

// SOURCE_DATE_EPOCH as the time of a build (reproducible-builds.org), in
// W3CDTF; empty when it is not set. A value that is not a whole number of
// seconds between 1970 and 9999 is an error, as the convention asks.
std::string source_date_epoch();

}  // namespace cwg
