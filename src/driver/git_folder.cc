// A meeting folder read from a git revision: see git_folder.h. git is run
// as a child process (`git ls-tree`, then `git cat-file blob` for each
// file), its output written into files of a private folder.
#include "driver/git_folder.h"

#include <sys/stat.h>

#include <cerrno>
#include <filesystem>
#include <string_view>
#include <vector>

#include "driver/child.h"
#include "driver/driver.h"
#include "text/printable.h"

namespace cwg {

namespace {

namespace fs = std::filesystem;

struct Entry {
  std::string object;
  std::uint64_t size = 0;
  std::string path;
};

bool is_yaml(std::string_view path) { return path.ends_with(".yaml") || path.ends_with(".yml"); }

// A path from the listing that may be written inside the folder: relative,
// no empty, '.' or '..' component, no NUL.
bool safe_path(std::string_view path) {
  if (path.empty() || path.front() == '/' || path.find('\0') != std::string_view::npos)
    return false;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}

std::string git_failure(const ChildResult& r, const std::string& log, const std::string& what) {
  if (r.spawn_error == ENOENT)
    return "git is not installed, so the revision '" + what +
           "' cannot be read (Debian: apt-get install git)";
  if (r.spawn_error != 0) return "cannot run git: " + reason_of(r.spawn_error);
  if (r.timed_out) return "git did not finish reading '" + what + "'; it was stopped";
  std::string said = last_line_of(log);
  return "git cannot read '" + what + "'" + (said.empty() ? "" : ": " + said);
}

}  // namespace

bool is_git_revision(const std::string& side) {
  if (side.find(':') == std::string::npos) return false;
  std::error_code ec;
  return !fs::exists(side, ec);
}

bool export_git_folder(const std::string& spec, const std::string& into, const GitExport& limits,
                       std::string& error) {
  const std::string shown = text::printable(spec);
  std::string tree = spec;
  if (!tree.ends_with("/") && !tree.ends_with(":")) tree += '/';  // a tree, not a blob
  const std::string listing = into + "/.listing";
  const std::string log = into + "/.git-log";
  ChildRun run;
  // --full-tree: in a subfolder of the work tree, ls-tree would list only
  // the paths under it.
  run.argv = {"git", "ls-tree", "-r", "-z", "--long", "--full-tree", "--end-of-options", tree};
  run.stdout_path = listing;
  run.stderr_path = log;
  run.env = {"GIT_TERMINAL_PROMPT=0"};
  run.timeout_seconds = limits.timeout_seconds;
  ChildResult r = run_child(run);
  if (!r.ok()) {
    error = git_failure(r, log, shown);
    return false;
  }
  // "<mode> <type> <object> <size>\t<path>\0", the size padded with spaces.
  bool complete = false;
  const std::string list = read_file_tail(listing, 64u << 20, &complete);
  if (!complete) {
    error = "the folder '" + shown + "' holds too many files to be read";
    return false;
  }
  std::vector<Entry> entries;
  std::uint64_t total = 0;
  for (std::size_t pos = 0; pos < list.size();) {
    std::size_t end = list.find('\0', pos);
    if (end == std::string::npos) end = list.size();
    std::string_view line(list.data() + pos, end - pos);
    pos = end + 1;
    std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos) continue;
    std::string_view meta = line.substr(0, tab);
    std::string_view path = line.substr(tab + 1);
    if (!meta.starts_with("100644 blob ") && !meta.starts_with("100755 blob ")) continue;
    if (!is_yaml(path) || !safe_path(path)) continue;
    meta.remove_prefix(12);
    std::size_t space = meta.find(' ');
    if (space == std::string_view::npos) continue;
    Entry e;
    e.object = std::string(meta.substr(0, space));
    std::string_view size = meta.substr(space);
    while (!size.empty() && size.front() == ' ') size.remove_prefix(1);
    for (char c : size) {
      if (c < '0' || c > '9' || e.size > limits.max_bytes) break;
      e.size = e.size * 10 + static_cast<std::uint64_t>(c - '0');
    }
    total += e.size;
    if (entries.size() >= limits.max_files || total > limits.max_bytes) {
      error = "the folder '" + shown + "' holds more YAML than a meeting folder may (" +
              std::to_string(limits.max_files) + " files, " + std::to_string(limits.max_bytes) +
              " bytes; see --max-folder-size)";
      return false;
    }
    e.path = std::string(path);
    entries.push_back(std::move(e));
  }
  if (entries.empty()) {
    error = "the revision '" + shown + "' holds no YAML file: is it a meeting folder?";
    return false;
  }
  for (const Entry& e : entries) {
    std::error_code ec;
    const fs::path target = fs::path(into) / e.path;
    fs::create_directories(target.parent_path(), ec);
    if (ec) {
      error = "cannot create a folder for '" + text::printable(e.path) + "': " + ec.message();
      return false;
    }
    run.argv = {"git", "cat-file", "blob", e.object};
    run.stdout_path = target.string();
    r = run_child(run);
    if (!r.ok()) {
      error = git_failure(r, log, shown + "/" + text::printable(e.path));
      return false;
    }
    struct stat st {};
    if (::stat(target.c_str(), &st) != 0 || static_cast<std::uint64_t>(st.st_size) != e.size) {
      error =
          "git gave '" + shown + "/" + text::printable(e.path) + "' another size than it listed";
      return false;
    }
  }
  std::error_code ec;
  fs::remove(listing, ec);
  fs::remove(log, ec);
  return true;
}

}  // namespace cwg
