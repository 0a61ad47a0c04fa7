// The driver of `build` and `check` over several meeting folders: a pool of
// threads, each folder's messages printed whole and in argument order.
#include <fmt/core.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "driver/driver.h"
#include "text/printable.h"

namespace cwg {

namespace fs = std::filesystem;

namespace {

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

}  // namespace

// `cwgreport build|check DIR...` with several folders: up to `jobs` at once,
// each folder's messages printed whole and in argument order, then a line
// saying how it went. On a terminal, a progress line shows while waiting.
int run_many(const CommonOptions& common, const BuildOptions* build) {
  check_many(common, build);
  validate_options(common, build);

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
      std::string line =
          fmt::format("[{}/{}] {} {}", finished, n, verb, text::printable(common.dirs[i]));
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
    // A folder's name may hold any byte: an archive's folders come from a glob.
    const std::string dir = text::printable(common.dirs[i]);
    if (job.status == kExitOk) {
      std::vector<std::string> parts;
      if (build) parts.push_back(counted(job.io.files, "file"));
      if (job.io.warnings) parts.push_back(counted(job.io.warnings, "warning"));
      std::string detail;
      for (const auto& part : parts) detail += (detail.empty() ? " (" : ", ") + part;
      if (!detail.empty()) detail += ")";
      if (!common.quiet) fmt::print("ok {}{}\n", dir, detail);
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

}  // namespace cwg
