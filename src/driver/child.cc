// Running another program: see child.h.
#include "driver/child.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <system_error>

#include "driver/driver.h"
#include "text/printable.h"

extern char** environ;

namespace cwg {

namespace fs = std::filesystem;

PrivateFolder::PrivateFolder(std::string_view purpose) {
  const char* tmp = std::getenv("TMPDIR");
  std::string base = tmp && tmp[0] == '/' ? tmp : "/tmp";
  std::string pattern = base + "/cwgreport-" + std::string(purpose) + "-XXXXXX";
  if (::mkdtemp(pattern.data())) {
    path_ = pattern;
  } else {
    error_ =
        "cannot create a temporary folder in '" + text::printable(base) + "': " + reason_of(errno);
  }
}

PrivateFolder::~PrivateFolder() {
  if (path_.empty()) return;
  std::error_code ec;
  fs::remove_all(path_, ec);
}

bool write_new_file(const std::string& path, std::string_view data) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  bool ok = true;
  while (ok && !data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) data.remove_prefix(static_cast<std::size_t>(n));
  }
  return ::close(fd) == 0 && ok;
}

std::string read_file_tail(const std::string& path, std::size_t limit, bool* complete) {
  std::string data;
  if (complete) *complete = false;
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return data;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    auto size = static_cast<std::size_t>(st.st_size);
    if (size > limit) ::lseek(fd, static_cast<off_t>(size - limit), SEEK_SET);
    char buffer[64 * 1024];
    while (data.size() < limit) {
      ssize_t n = ::read(fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      data.append(buffer, static_cast<std::size_t>(n));
    }
    if (complete) *complete = size <= limit && data.size() == size;
  }
  ::close(fd);
  return data;
}

std::string last_line_of(const std::string& path) {
  std::string log = read_file_tail(path, 4096);
  std::size_t end = log.find_last_not_of(" \t\r\n");
  if (end == std::string::npos) return "";
  std::size_t start = log.find_last_of('\n', end);
  start = start == std::string::npos ? 0 : start + 1;
  std::string line = log.substr(start, end + 1 - start);
  if (line.size() > 300) line = line.substr(0, 300) + "...";
  return text::printable(line);
}

ChildResult run_child(const ChildRun& run) {
  ChildResult result;
  std::vector<std::string> args = run.argv;
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  std::vector<std::string> env_store;
  std::vector<char*> envp;
  for (char** e = environ; *e; ++e) envp.push_back(*e);
  for (const std::string& add : run.env) {
    const std::string name = add.substr(0, add.find('=') + 1);
    bool set = false;
    for (char** e = environ; *e && !set; ++e)
      set = std::strncmp(*e, name.c_str(), name.size()) == 0;
    if (!set) env_store.push_back(add);
  }
  for (auto& e : env_store) envp.push_back(e.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  const char* out = run.stdout_path.empty() ? "/dev/null" : run.stdout_path.c_str();
  posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (run.stderr_path == run.stdout_path) {
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
  } else {
    const char* err = run.stderr_path.empty() ? "/dev/null" : run.stderr_path.c_str();
    posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  }
  if (!run.cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, run.cwd.c_str());
  pid_t pid = -1;
  result.spawn_error = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (result.spawn_error != 0) return result;

  using clock = std::chrono::steady_clock;
  const auto deadline = clock::now() + std::chrono::seconds(run.timeout_seconds);
  int status = 0;
  while (true) {
    pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) {
      result.spawn_error = errno;
      return result;
    }
    if (clock::now() >= deadline) {
      ::kill(pid, SIGKILL);
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      result.timed_out = true;
      return result;
    }
    struct timespec pause = {0, 5'000'000};
    ::nanosleep(&pause, nullptr);
  }
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  if (WIFEXITED(status)) result.status = WEXITSTATUS(status);
  return result;
}

}  // namespace cwg
