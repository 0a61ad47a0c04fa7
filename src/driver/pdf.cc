// The PDF engines: WeasyPrint (the default) and headless Chromium, run as a
// child process with an argument vector, never through a shell.
#include "driver/pdf.h"

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

#include "text/printable.h"

extern char** environ;

namespace cwg {

namespace {

namespace fs = std::filesystem;

std::string reason_of(int err) {
  std::string s = std::generic_category().message(err);
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

// A folder of its own (mode 0700) under TMPDIR, removed with everything in
// it when the object goes.
class PrivateFolder {
 public:
  PrivateFolder() {
    const char* tmp = std::getenv("TMPDIR");
    std::string base = tmp && tmp[0] == '/' ? tmp : "/tmp";
    std::string pattern = base + "/cwgreport-pdf-XXXXXX";
    if (::mkdtemp(pattern.data())) {
      path_ = pattern;
    } else {
      error_ = "cannot create a temporary folder in '" + base + "': " + reason_of(errno);
    }
  }
  ~PrivateFolder() {
    if (path_.empty()) return;
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  PrivateFolder(const PrivateFolder&) = delete;
  PrivateFolder& operator=(const PrivateFolder&) = delete;

  const std::string& path() const { return path_; }
  const std::string& error() const { return error_; }

 private:
  std::string path_;
  std::string error_;
};

bool write_file(const std::string& path, std::string_view data) {
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

// At most `limit` bytes of the end of the file at `path`, or "".
std::string read_file(const std::string& path, std::size_t limit, bool* complete = nullptr) {
  std::string data;
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

// The engine's last message, to quote in an error: its last non-empty
// line, made printable and cut short.
std::string last_message(const std::string& log_path) {
  std::string log = read_file(log_path, 4096);
  std::size_t end = log.find_last_not_of(" \t\r\n");
  if (end == std::string::npos) return "";
  std::size_t start = log.find_last_of('\n', end);
  start = start == std::string::npos ? 0 : start + 1;
  std::string line = log.substr(start, end + 1 - start);
  if (line.size() > 300) line = line.substr(0, 300) + "...";
  return text::printable(line);
}

// The arguments of each engine. Neither may reach the network: WeasyPrint
// fetches only what the HTML references, and the report's HTML references
// nothing outside itself (its style sheet is embedded, it has no image, no
// script, no link to a style sheet); Chromium is also told to resolve no
// host name and to send any request to a proxy that does not exist.
std::vector<std::string> engine_argv(const std::string& engine, const std::string& dir,
                                     const std::string& html, const std::string& pdf) {
  if (engine == "weasyprint")
    return {"weasyprint", "--encoding", "utf-8", "--media-type", "print", html, pdf};
  std::vector<std::string> argv = {
      "chromium",
      "--headless",
      "--disable-gpu",
      "--no-first-run",
      "--no-default-browser-check",
      "--disable-extensions",
      "--disable-sync",
      "--disable-default-apps",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-breakpad",
      "--user-data-dir=" + dir + "/profile",
      "--host-resolver-rules=MAP * ~NOTFOUND",
      "--proxy-server=127.0.0.1:9",
      "--proxy-bypass-list=<-loopback>",
      "--no-pdf-header-footer",
      "--generate-pdf-document-outline",
      "--print-to-pdf=" + pdf,
  };
  // Chromium refuses to run as root inside its sandbox.
  if (::geteuid() == 0) argv.push_back("--no-sandbox");
  argv.push_back("file://" + html);
  return argv;
}

std::string install_hint(const std::string& engine) {
  if (engine == "weasyprint")
    return "install it (Debian: apt-get install weasyprint) or pass --pdf-engine chromium";
  return "install it (Debian: apt-get install chromium) or use the default engine, weasyprint";
}

}  // namespace

const std::vector<std::string>& pdf_engines() {
  static const std::vector<std::string> engines = {"weasyprint", "chromium"};
  return engines;
}

bool pdf_engine_has_paged_media(const std::string& engine) { return engine == "weasyprint"; }

std::optional<std::string> print_pdf(std::string_view html, const PdfOptions& o,
                                     std::string& error) {
  const std::string& engine = o.engine;
  PrivateFolder dir;
  if (dir.path().empty()) {
    error = dir.error();
    return std::nullopt;
  }
  const std::string html_path = dir.path() + "/report.html";
  const std::string pdf_path = dir.path() + "/report.pdf";
  const std::string log_path = dir.path() + "/engine.log";
  if (!write_file(html_path, html)) {
    error =
        "cannot write the HTML for the PDF engine into '" + dir.path() + "': " + reason_of(errno);
    return std::nullopt;
  }

  std::vector<std::string> args = engine_argv(engine, dir.path(), html_path, pdf_path);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  // The engine inherits the environment, with SOURCE_DATE_EPOCH set unless
  // it already is, so that the timestamps it writes do not change with the
  // day of the build.
  std::vector<std::string> env_store;
  std::vector<char*> envp;
  bool has_epoch = false;
  for (char** e = environ; *e; ++e) {
    has_epoch = has_epoch || std::strncmp(*e, "SOURCE_DATE_EPOCH=", 18) == 0;
    envp.push_back(*e);
  }
  if (!has_epoch)
    env_store.push_back(std::string("SOURCE_DATE_EPOCH=") + kPdfDefaultSourceDateEpoch);
  for (auto& e : env_store) envp.push_back(e.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addchdir_np(&actions, dir.path().c_str());
  pid_t pid = -1;
  int err = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (err == ENOENT) {
    error = "the PDF engine '" + engine + "' is not installed; " + install_hint(engine);
    return std::nullopt;
  }
  if (err != 0) {
    error = "cannot run the PDF engine '" + engine + "': " + reason_of(err);
    return std::nullopt;
  }

  // Waits for the engine, at most o.timeout_seconds.
  using clock = std::chrono::steady_clock;
  const auto deadline = clock::now() + std::chrono::seconds(o.timeout_seconds);
  int status = 0;
  bool timed_out = false;
  while (true) {
    pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) {
      error = "cannot wait for the PDF engine '" + engine + "': " + reason_of(errno);
      return std::nullopt;
    }
    if (clock::now() >= deadline) {
      ::kill(pid, SIGKILL);
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      timed_out = true;
      break;
    }
    struct timespec pause = {0, 20'000'000};
    ::nanosleep(&pause, nullptr);
  }
  if (timed_out) {
    error = "the PDF engine '" + engine + "' did not finish within " +
            std::to_string(o.timeout_seconds) + " s; it was stopped (see --pdf-timeout)";
    return std::nullopt;
  }
  std::string message = last_message(log_path);
  std::string said = message.empty() ? "" : ": " + message;
  if (WIFSIGNALED(status)) {
    error = "the PDF engine '" + engine + "' was killed by signal " +
            std::to_string(WTERMSIG(status)) + said;
    return std::nullopt;
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
    // A launcher script found, but not what it launches.
    error = "the PDF engine '" + engine + "' could not start" + said + "; " + install_hint(engine);
    return std::nullopt;
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    error = "the PDF engine '" + engine + "' failed with exit status " +
            std::to_string(WEXITSTATUS(status)) + said;
    return std::nullopt;
  }
  bool complete = false;
  std::string pdf = read_file(pdf_path, std::size_t{1} << 32, &complete);
  if (!complete || pdf.compare(0, 5, "%PDF-") != 0) {
    error = "the PDF engine '" + engine + "' wrote no PDF" + said;
    return std::nullopt;
  }
  return pdf;
}

}  // namespace cwg
