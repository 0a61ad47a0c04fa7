// Atomic writes: a temporary file beside the target, fsync, rename over the
// target, fsync of the directory; temporary files removed on any failure.
#include "driver/output.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
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
#include <mutex>
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

// The temporary files being written, where a signal handler can find them.
// Fixed storage because a handler may not allocate, and atomic states
// because builds of several folders write at once. A program writing more
// files than this at once would leave the excess behind when interrupted,
// which only costs a stray hidden file.
// The table has room for three outputs of each of the 1,024 folders `-j`
// allows at once. It is constant-initialized to zeros, so that it costs
// nothing until used: with a constructor run at startup, the program's every
// start wrote its 1 MiB, a page fault on each of its 264 pages.
struct Tracked {
  std::atomic<int> state{0};  // kFree, kClaimed (being filled) or kInUse
  int dirfd = 0;
  char name[256] = {};
};
constexpr int kFree = 0, kClaimed = 1, kInUse = 2;
constexpr int kMaxTracked = 4096;
constinit Tracked g_tracked[kMaxTracked];

// Records a temporary file before it exists, so that no signal can fall
// between creating the file and recording it. Returns the slot, or -1.
int track(int dirfd, const std::string& name) {
  if (name.size() >= sizeof g_tracked[0].name) return -1;
  for (int i = 0; i < kMaxTracked; ++i) {
    int expected = kFree;
    if (!g_tracked[i].state.compare_exchange_strong(expected, kClaimed)) continue;
    g_tracked[i].dirfd = dirfd;
    std::memcpy(g_tracked[i].name, name.c_str(), name.size() + 1);
    g_tracked[i].state.store(kInUse);
    return i;
  }
  return -1;
}

void untrack(int& slot) {
  if (slot >= 0) g_tracked[slot].state.store(kFree);
  slot = -1;
}

extern "C" void remove_temporaries_and_reraise(int sig) {
  for (auto& t : g_tracked) {
    if (t.state.load() == kInUse) unlinkat(t.dirfd, t.name, 0);
  }
  // SA_RESETHAND restored the default action: the raised signal ends the
  // process as the original one would have, once this handler returns.
  raise(sig);
}

// The cleanup handler is installed for the signals that commonly interrupt
// a command-line program while any OutputFiles exists, and the previous
// handlers are restored after the last. A signal the parent set to be
// ignored (nohup) stays ignored.
constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP};
std::mutex g_signal_mutex;
int g_signal_users = 0;
struct sigaction g_old_actions[std::size(kSignals)];
bool g_installed[std::size(kSignals)];

void acquire_signal_cleanup() {
  std::lock_guard<std::mutex> lock(g_signal_mutex);
  if (g_signal_users++ > 0) return;
  for (std::size_t i = 0; i < std::size(kSignals); ++i) {
    g_installed[i] = false;
    struct sigaction old {};
    if (sigaction(kSignals[i], nullptr, &old) != 0 || old.sa_handler == SIG_IGN) continue;
    struct sigaction act {};
    act.sa_handler = remove_temporaries_and_reraise;
    sigemptyset(&act.sa_mask);
    act.sa_flags = SA_RESETHAND;
    if (sigaction(kSignals[i], &act, &g_old_actions[i]) == 0) g_installed[i] = true;
  }
}

void release_signal_cleanup() {
  std::lock_guard<std::mutex> lock(g_signal_mutex);
  if (--g_signal_users > 0) return;
  for (std::size_t i = 0; i < std::size(kSignals); ++i) {
    if (g_installed[i]) sigaction(kSignals[i], &g_old_actions[i], nullptr);
  }
}

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
// 60 seconds (only against a test that never removes it: a busy machine may
// take seconds to start the other program a test runs meanwhile). The tests
// kill a build at exactly this moment to show that an interrupted build
// leaves the previous outputs intact, and start a second build into the same
// folder, without guessing at timings.
void pause_before_rename_for_tests() {
  const char* marker = std::getenv("CWG_TEST_PAUSE_BEFORE_RENAME");
  if (!marker || !*marker) return;
  int fd = ::open(marker, O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
  if (fd >= 0) ::close(fd);
  for (int i = 0; i < 6000 && ::access(marker, F_OK) == 0; ++i) {
    struct timespec ten_ms = {0, 10'000'000};
    nanosleep(&ten_ms, nullptr);
  }
}

}  // namespace

// One output file on its way: its temporary file, open for writing, and the
// text not yet written to it.
class OutputFiles::Temporary : public OutputSink {
 public:
  explicit Temporary(std::string path) : path_(std::move(path)) {}
  ~Temporary() override {
    if (fd_ >= 0) ::close(fd_);
    if (!temp_name_.empty()) unlinkat(dirfd_, temp_name_.c_str(), 0);
    untrack(slot_);
    if (dirfd_ >= 0) ::close(dirfd_);
  }
  Temporary(const Temporary&) = delete;
  Temporary& operator=(const Temporary&) = delete;

  const std::string& path() const { return path_; }

  // Opens the target's directory and creates the temporary file; errno or 0.
  int open() {
    fs::path path(path_);
    name_ = path.filename().string();
    if (name_.empty() || name_ == "." || name_ == "..") return EISDIR;
    fs::path dir = path.parent_path();
    if (dir.empty()) dir = ".";
    dirfd_ = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirfd_ < 0) return errno;
    // The rename would refuse too, but only after earlier files were
    // replaced: checking here keeps a failure all-or-nothing.
    struct stat st {};
    if (::fstatat(dirfd_, name_.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode))
      return EISDIR;
    static std::atomic<unsigned> sequence{0};
    // The pid keeps concurrent runs apart; the sequence number keeps this
    // run's files apart and steps past a stale file left by a killed run.
    for (int attempt = 0; attempt < 100; ++attempt) {
      std::string temp =
          "." + name_ + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(sequence++);
      slot_ = track(dirfd_, temp);
      fd_ = ::openat(dirfd_, temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (fd_ >= 0) {
        temp_name_ = temp;
        return 0;
      }
      int err = errno;
      untrack(slot_);
      if (err != EEXIST) return err;
    }
    return EEXIST;
  }

  void write(std::string_view bytes) override {
    if (error_ != 0) return;
    if (buffer_.empty() && bytes.size() >= kRenderChunkBytes) {
      if (!write_all(fd_, bytes)) error_ = errno;
      return;
    }
    buffer_ += bytes;
    if (buffer_.size() >= kRenderChunkBytes) flush();
  }

  // Writes what is buffered, flushes the file to disk and closes it; errno
  // or 0.
  int close() {
    flush();
    if (error_ == 0 && ::fsync(fd_) != 0) error_ = errno;
    if (::close(fd_) != 0 && error_ == 0 && errno != EINTR) error_ = errno;
    fd_ = -1;
    return error_;
  }

  int rename() {
    if (::renameat(dirfd_, temp_name_.c_str(), dirfd_, name_.c_str()) != 0) return errno;
    temp_name_.clear();
    untrack(slot_);
    return 0;
  }

  // The renames are durable only once the directories are flushed. Some
  // file systems cannot fsync a directory (EINVAL); there is nothing more
  // to do.
  int sync_directory() {
    if (::fsync(dirfd_) != 0 && errno != EINVAL) return errno;
    return 0;
  }

 private:
  void flush() {
    if (error_ == 0 && !write_all(fd_, buffer_)) error_ = errno;
    buffer_.clear();
  }

  std::string path_;
  std::string name_;       // the target's name in its directory
  std::string temp_name_;  // empty once renamed (or never created)
  int dirfd_ = -1;
  int fd_ = -1;
  int slot_ = -1;  // in g_tracked
  int error_ = 0;  // the first failed write's errno
  std::string buffer_;
};

std::optional<WriteError> create_directories(const std::string& dir) {
  NewDirectories dirs;
  auto err = dirs.create(dir);
  dirs.keep();
  return err;
}

std::optional<WriteError> NewDirectories::create(const std::string& dir) {
  fs::path prefix;
  for (const auto& part : fs::path(dir)) {
    prefix /= part;
    if (part.empty()) continue;  // a trailing slash
    if (::mkdir(prefix.c_str(), 0777) == 0) {
      made_.push_back(prefix.string());
      continue;
    }
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

NewDirectories::~NewDirectories() {
  for (auto it = made_.rbegin(); it != made_.rend(); ++it) ::rmdir(it->c_str());
}

FolderLock::FolderLock() { acquire_signal_cleanup(); }

FolderLock::~FolderLock() {
  if (fd_ >= 0) {
    // Removed while still held: a build waiting on this file finds, once it
    // has the lock, that the name no longer leads to it, and starts again.
    untrack(slot_);
    ::unlinkat(dirfd_, kFileName, 0);
    ::close(fd_);
  }
  if (dirfd_ >= 0) ::close(dirfd_);
  release_signal_cleanup();
}

std::optional<WriteError> FolderLock::lock(const std::string& dir,
                                           const std::function<void()>& waiting) {
  const std::string shown = (fs::path(dir) / kFileName).string();
  auto fail = [&](int err, int fd) {
    if (fd >= 0) ::close(fd);
    // O_NOFOLLOW refuses a link with ELOOP, whose message would mislead.
    return WriteError{shown, err == ELOOP ? "it is a symbolic link" : reason_of(err)};
  };
  dirfd_ = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dirfd_ < 0) return WriteError{dir, reason_of(errno)};
  bool told = false;
  // Each turn of the loop follows another build's release of the folder.
  while (true) {
    // O_NOFOLLOW: the sources may bring an output folder with a link of this
    // name; O_NONBLOCK: or a FIFO, which would block the open.
    const int fd =
        ::openat(dirfd_, kFileName, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0666);
    if (fd < 0) return fail(errno, -1);
    struct stat held {};
    if (::fstat(fd, &held) != 0) return fail(errno, fd);
    if (!S_ISREG(held.st_mode)) {
      ::close(fd);
      return WriteError{shown, "not a regular file"};
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      if (errno != EWOULDBLOCK) return fail(errno, fd);
      if (!told) waiting();
      told = true;
      while (::flock(fd, LOCK_EX) != 0) {
        if (errno != EINTR) return fail(errno, fd);
      }
    }
    struct stat named {};
    if (::fstatat(dirfd_, kFileName, &named, AT_SYMLINK_NOFOLLOW) == 0 &&
        named.st_dev == held.st_dev && named.st_ino == held.st_ino) {
      fd_ = fd;
      slot_ = track(dirfd_, kFileName);
      return std::nullopt;
    }
    ::close(fd);
  }
}

OutputFiles::OutputFiles() { acquire_signal_cleanup(); }

OutputFiles::~OutputFiles() {
  files_.clear();
  release_signal_cleanup();
}

std::optional<WriteError> OutputFiles::add(const std::string& path) {
  auto& file = files_.emplace_back(std::make_unique<Temporary>(path));
  if (int err = file->open()) {
    files_.pop_back();
    return WriteError{path, reason_of(err)};
  }
  return std::nullopt;
}

OutputSink& OutputFiles::file(std::size_t index) { return *files_.at(index); }

std::optional<WriteError> OutputFiles::commit() {
  auto fail = [&](const Temporary& file, int err) {
    WriteError error{file.path(), reason_of(err)};
    files_.clear();
    return error;
  };
  for (auto& f : files_) {
    if (int err = f->close()) return fail(*f, err);
  }
  pause_before_rename_for_tests();
  for (auto& f : files_) {
    if (int err = f->rename()) return fail(*f, err);
  }
  for (auto& f : files_) {
    if (int err = f->sync_directory()) return fail(*f, err);
  }
  files_.clear();
  return std::nullopt;
}

std::optional<WriteError> write_files(std::span<const OutputFile> files) {
  OutputFiles out;
  for (const auto& f : files) {
    if (auto err = out.add(f.path)) return err;
  }
  for (std::size_t i = 0; i < files.size(); ++i) out.file(i).write(files[i].contents);
  return out.commit();
}

}  // namespace cwg
