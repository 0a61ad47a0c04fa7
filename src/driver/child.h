// Running another program: a private temporary folder for its files, and
// the program run from an argument vector (never through a shell), its
// standard streams on files, for at most a given time. What the PDF engines
// and git (a git revision as a side of `cwgreport diff`) are run with.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cwg {

// A folder of its own (mode 0700) under TMPDIR, removed with everything in
// it when the object goes.
class PrivateFolder {
 public:
  explicit PrivateFolder(std::string_view purpose);  // "pdf": cwgreport-pdf-XXXXXX
  ~PrivateFolder();
  PrivateFolder(const PrivateFolder&) = delete;
  PrivateFolder& operator=(const PrivateFolder&) = delete;

  const std::string& path() const { return path_; }    // "" when it could not be made
  const std::string& error() const { return error_; }  // why not

 private:
  std::string path_;
  std::string error_;
};

// Creates `path` (which must not exist, mode 0600) holding `data`.
bool write_new_file(const std::string& path, std::string_view data);

// At most `limit` bytes of the end of the regular file at `path`, or "";
// `complete` says whether that was the whole file.
std::string read_file_tail(const std::string& path, std::size_t limit, bool* complete = nullptr);

// The last non-empty line of the file at `path` (a program's log), made
// printable and cut short, to quote in an error; "" when none.
std::string last_line_of(const std::string& path);

struct ChildRun {
  std::vector<std::string> argv;  // argv[0] is looked up in PATH
  std::string cwd;                // "" for ours
  std::string stdout_path;        // created (mode 0600); "" for /dev/null
  std::string stderr_path;        // the same file as stdout when equal
  std::vector<std::string> env;   // NAME=VALUE added to ours, unless NAME is set
  unsigned timeout_seconds = 60;  // then it is killed
};

struct ChildResult {
  int spawn_error = 0;     // errno of a program that could not start (ENOENT: not installed)
  bool timed_out = false;  // killed after timeout_seconds
  int signal = 0;          // the signal that ended it, or 0
  int status = -1;         // its exit status when it exited
  bool ok() const { return spawn_error == 0 && !timed_out && signal == 0 && status == 0; }
};

ChildResult run_child(const ChildRun& run);

}  // namespace cwg
