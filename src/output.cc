// Atomic writes: a temporary file beside the target, fsync, rename over the
// target, fsync of the directory; temporary files removed on any failure.
#include "output.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <string_view>
#include <system_error>
#include <vector>

namespace cwg {

namespace {

namespace fs = std::filesystem;

std::string reason_of(int err) {
  std::string s = std::generic_category().message(err);
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

// The temporary files of the write in progress, where a signal handler can
// find them. Fixed storage because a handler may not allocate; a program
// writing more files than this at once would leave the excess behind when
// interrupted, which only costs a stray hidden file.
struct Tracked {
  int dirfd;
  char name[256];
};
constexpr int kMaxTracked = 16;
Tracked g_tracked[kMaxTracked];
volatile std::sig_atomic_t g_tracked_count = 0;

bool track(int dirfd, const std::string& name) {
  int n = g_tracked_count;
  if (n >= kMaxTracked || name.size() >= sizeof g_tracked[n].name) return false;
  g_tracked[n].dirfd = dirfd;
  std::memcpy(g_tracked[n].name, name.c_str(), name.size() + 1);
  std::atomic_signal_fence(std::memory_order_seq_cst);
  g_tracked_count = n + 1;
  return true;
}

void untrack_all() { g_tracked_count = 0; }

extern "C" void remove_temporaries_and_reraise(int sig) {
  int n = g_tracked_count;
  for (int i = 0; i < n; ++i) unlinkat(g_tracked[i].dirfd, g_tracked[i].name, 0);
  // SA_RESETHAND restored the default action: the raised signal ends the
  // process as the original one would have, once this handler returns.
  raise(sig);
}

// Installs the cleanup handler for the signals that commonly interrupt a
// command-line program, and restores the previous handlers when done. A
// signal the parent set to be ignored (nohup) stays ignored.
class SignalGuard {
 public:
  SignalGuard() {
    for (std::size_t i = 0; i < std::size(kSignals); ++i) {
      struct sigaction old {};
      if (sigaction(kSignals[i], nullptr, &old) != 0 || old.sa_handler == SIG_IGN) continue;
      struct sigaction act {};
      act.sa_handler = remove_temporaries_and_reraise;
      sigemptyset(&act.sa_mask);
      act.sa_flags = SA_RESETHAND;
      if (sigaction(kSignals[i], &act, &old_[i]) == 0) installed_[i] = true;
    }
  }
  ~SignalGuard() {
    for (std::size_t i = 0; i < std::size(kSignals); ++i) {
      if (installed_[i]) sigaction(kSignals[i], &old_[i], nullptr);
    }
  }
  SignalGuard(const SignalGuard&) = delete;
  SignalGuard& operator=(const SignalGuard&) = delete;

 private:
  static constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP};
  struct sigaction old_[std::size(kSignals)]{};
  bool installed_[std::size(kSignals)] = {};
};

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Test-only hook, not meant for users: with CWG_TEST_PAUSE_BEFORE_RENAME=PATH
// the program, once every temporary file is written and flushed and before
// any rename, creates the file PATH and waits while it exists, for at most
// 10 seconds. The tests kill a build at exactly this moment to show that an
// interrupted build leaves the previous outputs intact, without guessing at
// timings.
void pause_before_rename_for_tests() {
  const char* marker = std::getenv("CWG_TEST_PAUSE_BEFORE_RENAME");
  if (!marker || !*marker) return;
  int fd = ::open(marker, O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
  if (fd >= 0) ::close(fd);
  for (int i = 0; i < 1000 && ::access(marker, F_OK) == 0; ++i) {
    struct timespec ten_ms = {0, 10'000'000};
    nanosleep(&ten_ms, nullptr);
  }
}

struct Pending {
  const OutputFile* file = nullptr;
  int dirfd = -1;
  std::string name;       // the target's name in its directory
  std::string temp_name;  // empty once renamed (or never created)
};

// Undoes what a failed write_files left: temporary files and descriptors.
void discard(std::vector<Pending>& pending) {
  for (auto& p : pending) {
    if (!p.temp_name.empty()) unlinkat(p.dirfd, p.temp_name.c_str(), 0);
    if (p.dirfd >= 0) ::close(p.dirfd);
  }
  pending.clear();
  untrack_all();
}

// Creates the temporary file for `p` and fills it; returns errno or 0.
int write_temporary(Pending& p, const std::string& contents) {
  static unsigned sequence = 0;
  // The pid keeps concurrent runs apart; the sequence number keeps this
  // run's files apart and steps past a stale file left by a killed run.
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string temp =
        "." + p.name + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(sequence++);
    // Tracked before it exists, so that no signal can fall between creating
    // the file and recording it.
    bool tracked = track(p.dirfd, temp);
    int fd = ::openat(p.dirfd, temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) {
      int err = errno;
      if (tracked) g_tracked_count = g_tracked_count - 1;
      if (err == EEXIST) continue;
      return err;
    }
    p.temp_name = temp;
    int err = 0;
    if (!write_all(fd, contents) || ::fsync(fd) != 0) err = errno;
    if (::close(fd) != 0 && err == 0 && errno != EINTR) err = errno;
    return err;
  }
  return EEXIST;
}

}  // namespace

std::optional<WriteError> create_directories(const std::string& dir) {
  fs::path prefix;
  for (const auto& part : fs::path(dir)) {
    prefix /= part;
    if (part.empty()) continue;  // a trailing slash
    if (::mkdir(prefix.c_str(), 0777) == 0) continue;
    int err = errno;
    struct stat st {};
    if (::stat(prefix.c_str(), &st) == 0) {
      if (S_ISDIR(st.st_mode)) continue;
      return WriteError{prefix.string(), "not a directory"};
    }
    return WriteError{prefix.string(), reason_of(err)};
  }
  return std::nullopt;
}

std::optional<WriteError> write_files(std::span<const OutputFile> files) {
  SignalGuard guard;
  std::vector<Pending> pending;
  auto fail = [&](const std::string& path, std::string reason) {
    discard(pending);
    return WriteError{path, std::move(reason)};
  };

  for (const auto& file : files) {
    fs::path path(file.path);
    Pending& p = pending.emplace_back();
    p.file = &file;
    p.name = path.filename().string();
    if (p.name.empty() || p.name == "." || p.name == "..") {
      return fail(file.path, reason_of(EISDIR));
    }
    fs::path dir = path.parent_path();
    if (dir.empty()) dir = ".";
    p.dirfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (p.dirfd < 0) return fail(file.path, reason_of(errno));
    // The rename would refuse too, but only after earlier files were
    // replaced: checking here keeps a failure all-or-nothing.
    struct stat st {};
    if (::fstatat(p.dirfd, p.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode)) {
      return fail(file.path, reason_of(EISDIR));
    }
    if (int err = write_temporary(p, file.contents)) return fail(file.path, reason_of(err));
  }

  pause_before_rename_for_tests();

  for (auto& p : pending) {
    if (::renameat(p.dirfd, p.temp_name.c_str(), p.dirfd, p.name.c_str()) != 0) {
      return fail(p.file->path, reason_of(errno));
    }
    p.temp_name.clear();
  }
  // The renames are durable only once the directories are flushed. Some file
  // systems cannot fsync a directory (EINVAL); there is nothing more to do.
  for (auto& p : pending) {
    if (::fsync(p.dirfd) != 0 && errno != EINVAL) {
      return fail(p.file->path, reason_of(errno));
    }
  }
  discard(pending);
  return std::nullopt;
}

}  // namespace cwg
