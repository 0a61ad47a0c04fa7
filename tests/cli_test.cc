// Tests of the command line: runs the built cwgreport on copies of
// examples/meeting14 in temporary folders; checks exit codes, messages and
// what is (and is not) written.
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "cwgreport/compile.h"
#include "cwgreport/render.h"
#include "test_util.h"

namespace {

namespace fs = std::filesystem;

const fs::path kExample = fs::path(CWG_SOURCE_DIR) / "examples" / "meeting14";

using cwg::test::slurp;
using cwg::test::spit;

// The names in a folder, hidden ones included: temporary files start with '.'.
std::set<std::string> listing(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

// Every file under `dir` with its contents, to show that a run changed nothing.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files[fs::relative(e.path(), dir).string()] = slurp(e.path());
  }
  return files;
}

const std::set<std::string> kAllOutputs = {"report.html", "report.md", "report.txt"};

struct Result {
  int status = -1;  // the exit code, or 128 + the signal that ended the run
  std::string out;
  std::string err;
};

int status_of(int wait_status) {
  if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
  return -1;
}

using Env = std::vector<std::pair<std::string, std::string>>;

// A temporary folder holding a copy of the example as `m`, in which the
// binary runs. Runs happen in `work` so that the paths it prints are short
// and relative, as a user would see them.
class Sandbox {
 public:
  Sandbox() {
    std::string tmpl = (fs::temp_directory_path() / "cwgreport-cli-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    root_ = tmpl;
    work_ = root_ / "work";
    fs::create_directories(work_);
    fs::create_directories(root_ / "capture");
    fs::copy(kExample, work_ / "m", fs::copy_options::recursive);
    // A build of the example in the source tree must not leak into the copy.
    fs::remove_all(work_ / "m" / "out");
  }
  ~Sandbox() {
    // Permissions changed by a test must not stop the clean-up.
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root_, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_directory(ec))
        fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
    }
    fs::remove_all(root_, ec);
  }
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  const fs::path& work() const { return work_; }
  fs::path m() const { return work_ / "m"; }

  // Starts the binary without waiting; its output goes to capture files.
  pid_t start(const std::vector<std::string>& args, const Env& env = {}) {
    const int run = ++runs_;
    fs::path out = capture("out", run), err = capture("err", run);
    std::fflush(nullptr);  // or the child would write this process's buffered output
    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
      if (chdir(work_.c_str()) != 0) _exit(126);
      if (!freopen(out.c_str(), "w", stdout) || !freopen(err.c_str(), "w", stderr)) _exit(126);
      // The tests decide the environment that matters, whatever runs them.
      unsetenv("NO_COLOR");
      unsetenv("CWG_TEST_PAUSE_BEFORE_RENAME");
      unsetenv("SOURCE_DATE_EPOCH");
      for (const auto& [name, value] : env) setenv(name.c_str(), value.c_str(), 1);
      if (file_size_limit_) {
        // As `ulimit -f` in a shell: SIGXFSZ keeps its default action, which
        // would kill a program that did not ignore it.
        signal(SIGXFSZ, SIG_DFL);
        struct rlimit limit = {*file_size_limit_, *file_size_limit_};
        if (setrlimit(RLIMIT_FSIZE, &limit) != 0) _exit(126);
      }
      std::vector<char*> argv;
      std::string binary = CWG_BINARY;
      argv.push_back(binary.data());
      std::vector<std::string> copy = args;
      for (auto& a : copy) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(binary.c_str(), argv.data());
      _exit(127);
    }
    run_of_[pid] = run;
    return pid;
  }

  Result finish(pid_t pid) {
    int wait_status = 0;
    if (waitpid(pid, &wait_status, 0) != pid) throw std::runtime_error("waitpid failed");
    const int run = run_of_.at(pid);
    return {status_of(wait_status), slurp(capture("out", run)), slurp(capture("err", run))};
  }

  // What a run started with start() has written to standard error so far
  // (nothing before it has opened its capture file).
  std::string err_so_far(pid_t pid) const {
    std::ifstream in(capture("err", run_of_.at(pid)), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

  Result run(const std::vector<std::string>& args, const Env& env = {}) {
    return finish(start(args, env));
  }

  // Runs from now on may write files of at most `bytes`.
  void limit_file_size(rlim_t bytes) { file_size_limit_ = bytes; }

  // Adds a section of `paragraphs` numbered paragraphs to the example, so
  // that every output is several times the renderers' piece size.
  void grow(int paragraphs) {
    std::string report = slurp(m() / "report.yaml");
    const std::string last = "  - sections/outcomes.yaml\n";
    REQUIRE(report.find(last) != std::string::npos);
    if (report.find("sections/bulk.yaml") == std::string::npos)
      report.insert(report.find(last) + last.size(), "  - sections/bulk.yaml\n");
    spit(m() / "report.yaml", report);
    std::string bulk = "label: bulk\nheading: Further discussions\nparagraphs:\n";
    for (int i = 1; i <= paragraphs; ++i) {
      bulk += "  - text: The group discussed item " + std::to_string(i) +
              " of its work plan, *in detail*, and agreed to return to it.\n";
    }
    spit(m() / "sections" / "bulk.yaml", bulk);
  }

  // An error the checker must report however the example evolves: a key
  // that the format does not define, at the top level of report.yaml.
  void break_sources() {
    std::ofstream out(m() / "report.yaml", std::ios::app);
    out << "\nnot-a-key: 1\n";
  }

 private:
  fs::path capture(const char* what, int run) const {
    return root_ / "capture" / (std::string(what) + "-" + std::to_string(run));
  }

  fs::path root_, work_;
  int runs_ = 0;
  std::map<pid_t, int> run_of_;
  std::optional<rlim_t> file_size_limit_;
};

}  // namespace

TEST_CASE("option --help describes every command and shows examples", "[cli]") {
  Sandbox s;
  Result r = s.run({"--help"});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  for (const char* word : {"build", "check", "explain", "Examples:", "cwgreport build "}) {
    INFO(word);
    CHECK(r.out.find(word) != std::string::npos);
  }
  for (const char* command : {"build", "check", "explain"}) {
    INFO(command);
    Result sub = s.run({command, "--help"});
    CHECK(sub.status == 0);
    CHECK(sub.out.find(std::string("Usage: cwgreport ") + command) != std::string::npos);
    CHECK(sub.out.find("Examples:\n  cwgreport " + std::string(command)) != std::string::npos);
  }
}

TEST_CASE("option --version prints the name and version", "[cli]") {
  Sandbox s;
  Result r = s.run({"--version"});
  CHECK(r.status == 0);
  CHECK(r.out == "cwgreport 0.1.0\n");
}

TEST_CASE("explain prints a code's summary and explanation", "[cli]") {
  Sandbox s;
  Result r = s.run({"explain", "unknown-document"});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out.rfind(
            "unknown-document (error): a reference to a document that is not registered\n\n", 0) ==
        0);
  CHECK(r.out.find("\nFix: write the key the message names; otherwise correct the key") !=
        std::string::npos);

  Result bracketed = s.run({"explain", "[unknown-document]"});
  CHECK(bracketed.status == 0);
  CHECK(bracketed.out == r.out);

  Result all = s.run({"explain"});
  CHECK(all.status == 0);
  std::size_t lines = 0;
  for (const auto& c : cwg::all_codes()) {
    INFO(c.code);
    CHECK(all.out.find(std::string(c.code) + " ") != std::string::npos);
    ++lines;
  }
  CHECK(std::count(all.out.begin(), all.out.end(), '\n') == static_cast<long>(lines));
  CHECK(all.out.find("unknown-document           error    a reference to a document that is "
                     "not registered\n") != std::string::npos);

  Result typo = s.run({"explain", "unknown-documnt"});
  CHECK(typo.status == 2);
  CHECK(typo.out.empty());
  CHECK(typo.err ==
        "cwgreport: unknown diagnostic code 'unknown-documnt'; did you mean "
        "'unknown-document'?\nrun 'cwgreport explain --help' for usage\n");
}

TEST_CASE("usage errors exit with 2 and write nothing", "[cli]") {
  Sandbox s;
  auto before = snapshot(s.m());
  SECTION("no command") { CHECK(s.run({}).status == 2); }
  SECTION("unknown command, with a suggestion") {
    Result r = s.run({"buld", "m"});
    CHECK(r.status == 2);
    CHECK(r.err ==
          "cwgreport: unknown command 'buld'; did you mean 'build'?\n"
          "run 'cwgreport --help' for usage\n");
  }
  SECTION("missing DIR") {
    Result r = s.run({"build"});
    CHECK(r.status == 2);
    CHECK(r.err == "cwgreport: DIR is required\nrun 'cwgreport build --help' for usage\n");
  }
  SECTION("unknown option") { CHECK(s.run({"build", "m", "--frobnicate"}).status == 2); }
  SECTION("unknown output format") {
    Result r = s.run({"build", "m", "-f", "md,odt"});
    CHECK(r.status == 2);
    CHECK(r.err ==
          "cwgreport: unknown output format 'odt' (expected md, html, txt, docx or pdf)\n"
          "run 'cwgreport build --help' for usage\n");
    Result near = s.run({"build", "m", "-f", "htm"});
    CHECK(near.status == 2);
    CHECK(near.err.find("did you mean 'html'?") != std::string::npos);
  }
  SECTION("bad -W argument") {
    Result r = s.run({"check", "-W", "unpresented-documnt=off", "m"});
    CHECK(r.status == 2);
    CHECK(r.err ==
          "cwgreport: unknown diagnostic code 'unpresented-documnt'; did you mean "
          "'unpresented-document'?\nrun 'cwgreport check --help' for usage\n");
    Result lowered = s.run({"check", "m", "-W", "unknown-document=warning"});
    CHECK(lowered.status == 2);
    CHECK(lowered.err ==
          "cwgreport: 'unknown-document' is an error and cannot be lowered\n"
          "run 'cwgreport check --help' for usage\n");
  }
  SECTION("bad option values") {
    CHECK(s.run({"build", "m", "--width", "wide"}).status == 2);
    CHECK(s.run({"build", "m", "--width", "-1"}).status == 2);
    CHECK(s.run({"check", "m", "--color", "sometimes"}).status == 2);
    CHECK(s.run({"check", "m", "--diagnostics-format", "xml"}).status == 2);
    CHECK(s.run({"check", "m", "--max-errors", "many"}).status == 2);
    CHECK(s.run({"check", "m", "--max-file-size", "0"}).status == 2);
  }
  CHECK(snapshot(s.m()) == before);
}

TEST_CASE("build writes the three formats into DIR/out", "[cli]") {
  Sandbox s;
  Result r = s.run({"build", "m"});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out == "wrote m/out/report.md\nwrote m/out/report.html\nwrote m/out/report.txt\n");
  CHECK(listing(s.m() / "out") == kAllOutputs);
  for (const auto& name : kAllOutputs) {
    INFO(name);
    CHECK_FALSE(slurp(s.m() / "out" / name).empty());
  }
  // A normal file: 0666 less the umask, not the 0600 of a typical temporary file.
  mode_t mask = umask(0);
  umask(mask);
  struct stat st {};
  REQUIRE(stat((s.m() / "out" / "report.md").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == (0666 & ~mask));
}

TEST_CASE("build -q lists nothing", "[cli]") {
  Sandbox s;
  Result r = s.run({"build", "-q", "m"});
  CHECK(r.status == 0);
  CHECK(r.out.empty());
  CHECK(listing(s.m() / "out") == kAllOutputs);
}

TEST_CASE("build -o and -f choose the folder and the formats", "[cli]") {
  Sandbox s;
  Result r = s.run({"build", "m", "-o", "site/public", "-f", "txt,md"});
  CHECK(r.status == 0);
  CHECK(r.out == "wrote site/public/report.md\nwrote site/public/report.txt\n");
  CHECK(listing(s.work() / "site" / "public") == std::set<std::string>{"report.md", "report.txt"});
  CHECK_FALSE(fs::exists(s.m() / "out"));

  Result html = s.run({"build", "-f", "html", "m", "-o", "h"});
  CHECK(html.status == 0);
  CHECK(html.out == "wrote h/report.html\n");
}

TEST_CASE("two builds give byte-identical outputs", "[cli]") {
  Sandbox s;
  REQUIRE(s.run({"build", "m", "-o", "one"}).status == 0);
  REQUIRE(s.run({"build", "m", "-o", "two"}).status == 0);
  for (const auto& name : kAllOutputs) {
    INFO(name);
    CHECK(slurp(s.work() / "one" / name) == slurp(s.work() / "two" / name));
  }
}

TEST_CASE("option --width wraps the plain text only", "[cli]") {
  Sandbox s;
  REQUIRE(s.run({"build", "m", "-o", "flat"}).status == 0);
  REQUIRE(s.run({"build", "m", "-o", "wrapped", "--width", "60"}).status == 0);
  CHECK(slurp(s.work() / "flat" / "report.md") == slurp(s.work() / "wrapped" / "report.md"));
  CHECK(slurp(s.work() / "flat" / "report.html") == slurp(s.work() / "wrapped" / "report.html"));
  CHECK(slurp(s.work() / "flat" / "report.txt") != slurp(s.work() / "wrapped" / "report.txt"));
}

TEST_CASE("check validates and writes nothing", "[cli]") {
  Sandbox s;
  auto before = snapshot(s.work());
  Result r = s.run({"check", "m"});
  CHECK(r.status == 0);
  CHECK(r.out.empty());
  CHECK(r.err.empty());
  CHECK(snapshot(s.work()) == before);
  CHECK_FALSE(fs::exists(s.m() / "out"));
}

TEST_CASE("check reports a translation made from an earlier original", "[cli]") {
  Sandbox s;
  // The agenda paragraph is reworded after its French and Arabic translations.
  fs::path agenda = s.m() / "sections" / "adoption-of-agenda.yaml";
  std::string text = slurp(agenda);
  const std::string old_text = "The agenda was adopted as drafted.";
  REQUIRE(text.find(old_text) != std::string::npos);
  text.replace(text.find(old_text), old_text.size(), "The agenda was adopted as amended.");
  spit(agenda, text);
  auto before = snapshot(s.work());

  Result check = s.run({"check", "m"});
  CHECK(check.status == 0);  // warnings: a draft translation still builds
  CHECK(check.err.find("m/translations/fr/sections/adoption-of-agenda.yaml:") != std::string::npos);
  CHECK(check.err.find("m/translations/ar/sections/adoption-of-agenda.yaml:") != std::string::npos);
  CHECK(check.err.find("the translation of 'paragraph 1' was made from another wording of the "
                       "original [translation-stale]") != std::string::npos);
  // The original's untranslated sections are the translation's business.
  CHECK(check.err.find("[translation-missing]") == std::string::npos);
  CHECK(check.err.find("2 warnings generated") != std::string::npos);

  // A release gates on it, and nothing is written.
  Result gated = s.run({"build", "m", "--language", "fr", "-W", "error"});
  CHECK(gated.status == 1);
  CHECK(gated.err.find("error: the translation of 'paragraph 1'") != std::string::npos);
  CHECK(gated.err.find("[translation-missing]") != std::string::npos);
  CHECK(snapshot(s.work()) == before);
  CHECK_FALSE(fs::exists(s.m() / "out"));
}

TEST_CASE("a translation no build would read is reported, not silently ignored", "[cli]") {
  Sandbox s;
  // A folder named by a country's code, a regional variant, a file outside
  // sections/ and a misspelt file name: none is ever read.
  fs::copy(s.m() / "translations" / "fr", s.m() / "translations" / "cn",
           fs::copy_options::recursive);
  fs::create_directories(s.m() / "translations" / "fr-CA");
  fs::copy(s.m() / "translations/fr/sections/introduction.yaml",
           s.m() / "translations/fr/introduction.yaml");
  fs::rename(s.m() / "translations/fr/sections/welcoming-remarks.yaml",
             s.m() / "translations/fr/sections/welcome-remarks.yaml");
  spit(s.m() / "translations" / "README.md", "Translations of the report.\n");
  Result check = s.run({"check", "m", "--diagnostics-format", "json"});
  CHECK(check.status == 0);  // warnings
  std::vector<std::string> got;
  std::istringstream lines(check.err);
  for (std::string line; std::getline(lines, line);) {
    const auto d = nlohmann::json::parse(line);
    if (d["code"] == "translation-unknown")
      got.push_back(
          d["file"].get<std::string>() + ": " + d["message"].get<std::string>() +
          (d["notes"].size() > 1 ? " / " + d["notes"][0]["message"].get<std::string>() : ""));
  }
  CHECK(got == std::vector<std::string>{
                   "m/translations/cn: 'm/translations/cn' is not read: 'cn' is not one of the "
                   "six languages / did you mean 'zh'?",
                   "m/translations/fr-CA: 'm/translations/fr-CA' is not read: 'fr-CA' is not one "
                   "of the six languages / did you mean 'fr'?",
                   "m/translations/fr/introduction.yaml: 'm/translations/fr/introduction.yaml' is "
                   "not read: the report has no source 'introduction.yaml'",
                   "m/translations/fr/sections/welcome-remarks.yaml: "
                   "'m/translations/fr/sections/welcome-remarks.yaml' is not read: the report has "
                   "no source 'sections/welcome-remarks.yaml' / did you mean "
                   "'sections/welcoming-remarks.yaml'?"});
  // And with --language, where the French folder is the one read.
  Result fr = s.run({"check", "m", "--language", "fr"});
  CHECK(fr.err.find("'m/translations/fr/sections/welcome-remarks.yaml' is not read") !=
        std::string::npos);
  // With the list of sections unreadable, no file can be said to mirror
  // nothing: the one error stands alone.
  std::string report = slurp(s.m() / "report.yaml");
  report.replace(report.find("\nsections:\n"), std::string("\nsections:\n").size(),
                 "\nsections: sections/introduction.yaml\nold_sections:\n");
  spit(s.m() / "report.yaml", report);
  Result broken = s.run({"check", "m", "--language", "fr"});
  CHECK(broken.err.find("sections/introduction.yaml' is not read") == std::string::npos);
  CHECK(broken.err.find("'m/translations/cn' is not read") != std::string::npos);
}

TEST_CASE("a translation past the limit on nodes is reported once", "[cli]") {
  Sandbox s;
  // 3,000 nodes in 6 kB: within 32 KiB, past its 2,048 nodes. The section
  // files translated after it are not read, and not blamed.
  std::string dense = "summary: [";
  for (int i = 0; i < 3000; ++i) dense += i ? ",1" : "1";
  spit(s.m() / "translations" / "fr" / "report.yaml", dense + "]\n");
  Result r = s.run({"check", "m", "--language", "fr", "--max-folder-size", "32KiB", "-W",
                    "no-translation-missing"});
  CHECK(r.status == 1);
  CHECK(r.err.find("m/translations/fr/report.yaml:1:") != std::string::npos);
  CHECK(r.err.find("error: more than 2048 nodes in one file [yaml-limit]") != std::string::npos);
  CHECK(r.err.find("[folder-too-large]") == std::string::npos);
  CHECK(r.err.find("1 error generated") != std::string::npos);
}

TEST_CASE("a translation not started is an error that says so and how to start it", "[cli]") {
  Sandbox s;
  Result r = s.run({"build", "m", "--language", "es"});
  CHECK(r.status == 1);
  CHECK(r.err.find("error: the report has no translation into 'es': 'm/translations/es' does "
                   "not exist [file-unreadable]") != std::string::npos);
  CHECK(r.err.find("note: create 'm/translations/es' with one file for report.yaml") !=
        std::string::npos);
  CHECK_FALSE(fs::exists(s.m() / "out"));
  // A file where the folder should be is not a missing folder.
  spit(s.m() / "translations" / "es", "not a folder\n");
  r = s.run({"build", "m", "--language", "es"});
  CHECK(r.err.find("'m/translations/es' is not a folder that can be read") != std::string::npos);
  CHECK(r.err.find("note: 'm/translations/es' must be a folder that can be read") !=
        std::string::npos);
  // Nor is a link out of the meeting folder, which is not followed.
  fs::remove(s.m() / "translations" / "es");
  fs::create_directory(s.work() / "elsewhere");
  fs::create_directory_symlink(s.work() / "elsewhere", s.m() / "translations" / "es");
  r = s.run({"build", "m", "--language", "es"});
  CHECK(r.status == 1);
  CHECK(r.err.find("'m/translations/es' leads out of the meeting folder") != std::string::npos);
  CHECK(r.err.find("note: keep the translations in the meeting folder") != std::string::npos);
}

TEST_CASE("build --language writes the translation into DIR/out/LANG", "[cli]") {
  Sandbox s;
  Result r =
      s.run({"build", "m", "--language", "ar", "-f", "html,txt", "-W", "no-translation-missing"});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  std::string html = slurp(s.m() / "out" / "ar" / "report.html");
  CHECK(html.find("<html lang=\"ar\" dir=\"rtl\">") != std::string::npos);
  std::string txt = slurp(s.m() / "out" / "ar" / "report.txt");
  // Paragraph numbers and symbols are isolated left-to-right runs.
  CHECK(txt.find("\u2066"
                 "1.1"
                 "\u2069\t") != std::string::npos);
  CHECK(txt.find("\u2066"
                 "CWG-COP"
                 "\u2069") != std::string::npos);
  CHECK_FALSE(fs::exists(s.m() / "out" / "report.html"));  // the original's are not touched
}

TEST_CASE("a translation's table of contents marks an untranslated heading as the heading is",
          "[cli]") {
  Sandbox s;
  spit(s.m() / "report.yaml", slurp(s.m() / "report.yaml") + "\ncontents: true\n");
  Result r =
      s.run({"build", "m", "--language", "ar", "-f", "html,txt", "-W", "no-translation-missing"});
  REQUIRE(r.status == 0);
  const std::string html = slurp(s.m() / "out" / "ar" / "report.html");
  CHECK(html.find("<span class=\"number\">6</span> <span class=\"heading\"><span lang=\"en\" "
                  "dir=\"ltr\">Discussions</span></span>") != std::string::npos);
  // In the plain text, the heading is one isolate, as it is at the section.
  const std::string txt = slurp(s.m() / "out" / "ar" / "report.txt");
  const std::string isolated = "\u2066Discussions\u2069\n";
  const std::size_t in_contents = txt.find(isolated);
  REQUIRE(in_contents != std::string::npos);
  CHECK(txt.find(isolated, in_contents + 1) != std::string::npos);
  // A translated heading has no language of its own.
  CHECK(html.find("<span class=\"heading\">\u0645\u0642\u062F\u0645\u0629</span>") !=
        std::string::npos);
}

TEST_CASE("invalid sources exit with 1 and write nothing", "[cli]") {
  Sandbox s;
  s.break_sources();
  auto before = snapshot(s.work());
  Result build = s.run({"build", "m"});
  CHECK(build.status == 1);
  CHECK(build.out.empty());
  CHECK(build.err.find("m/report.yaml:") != std::string::npos);
  CHECK(build.err.find("[unknown-key]") != std::string::npos);
  CHECK(build.err.find("error generated\n") != std::string::npos);
  CHECK_FALSE(fs::exists(s.m() / "out"));
  CHECK(s.run({"check", "m"}).status == 1);
  CHECK(snapshot(s.work()) == before);
}

TEST_CASE("a failed build leaves the previous outputs untouched", "[cli]") {
  Sandbox s;
  REQUIRE(s.run({"build", "m"}).status == 0);
  auto previous = snapshot(s.m() / "out");
  s.break_sources();
  CHECK(s.run({"build", "m"}).status == 1);
  CHECK(snapshot(s.m() / "out") == previous);
  CHECK(listing(s.m() / "out") == kAllOutputs);
}

TEST_CASE("a meeting folder that does not exist is an error of the sources", "[cli]") {
  Sandbox s;
  Result r = s.run({"build", "nowhere"});
  CHECK(r.status == 1);
  CHECK(r.err.find("[file-unreadable]") != std::string::npos);
  CHECK_FALSE(fs::exists(s.work() / "nowhere"));

  spit(s.work() / "plain-file", "not a folder\n");
  Result file = s.run({"check", "plain-file"});
  CHECK(file.status == 1);
  CHECK(file.err.find("[file-unreadable]") != std::string::npos);
}

TEST_CASE("option --max-file-size sets the limit for source files", "[cli]") {
  Sandbox s;
  Result r = s.run({"check", "m", "--max-file-size", "16"});
  CHECK(r.status == 1);
  CHECK(r.err.find("[file-too-large]") != std::string::npos);
  CHECK(s.run({"check", "m", "--max-file-size", "1MiB"}).status == 0);
}

TEST_CASE("option --max-errors limits the errors shown", "[cli]") {
  Sandbox s;
  {
    std::ofstream out(s.m() / "report.yaml", std::ios::app);
    out << "\nnot-a-key: 1\nnor-this-one: 2\n";
  }
  Result all = s.run({"check", "m"});
  CHECK(all.status == 1);
  CHECK(all.err.find("2 errors generated\n") != std::string::npos);
  Result one = s.run({"check", "m", "--max-errors", "1"});
  CHECK(one.status == 1);
  CHECK(one.err.find("'not-a-key'") != std::string::npos);
  CHECK(one.err.find("'nor-this-one'") == std::string::npos);
  CHECK(one.err.find("1 more error not shown (--max-errors)\n") != std::string::npos);
}

TEST_CASE("option --max-warnings limits the warnings shown", "[cli]") {
  Sandbox s;
  {
    std::ofstream out(s.m() / "sections" / "extra.yaml");
    out << "heading: Extra\nparagraphs:\n  - <b>one</b>\n  - <i>two</i>\n  - <u>three</u>\n";
  }
  // Listed as a section of its own, so that its three raw-html warnings count.
  std::string report = slurp(s.m() / "report.yaml");
  const auto at = report.find("sections:\n") + std::string("sections:\n").size();
  report.insert(at, "  - sections/extra.yaml\n");
  std::ofstream(s.m() / "report.yaml") << report;
  Result all = s.run({"check", "m", "--max-warnings", "0"});
  CHECK(all.status == 0);
  CHECK(all.err.find("3 warnings generated\n") != std::string::npos);
  Result one = s.run({"check", "m", "--max-warnings", "1"});
  CHECK(one.status == 0);
  CHECK(one.err.find("extra.yaml:3:5: warning: raw HTML '<b>'") != std::string::npos);
  CHECK(one.err.find("'<i>'") == std::string::npos);
  CHECK(one.err.ends_with("3 warnings generated\n2 more warnings not shown (--max-warnings)\n"));
  Result json = s.run({"check", "m", "--max-warnings", "1", "--diagnostics-format", "json"});
  CHECK(json.err.ends_with(
      R"j({"file":"","line":null,"column":null,"severity":"note","code":"diagnostic-limit",)j"
      R"j("message":"2 more warnings not shown (--max-warnings)","notes":[]})j"
      "\n"));
}

TEST_CASE("json diagnostics are one object per line", "[cli]") {
  Sandbox s;
  s.break_sources();
  Result r = s.run({"check", "m", "--diagnostics-format", "json"});
  CHECK(r.status == 1);
  REQUIRE_FALSE(r.err.empty());
  std::istringstream lines(r.err);
  std::string line;
  bool found = false;
  while (std::getline(lines, line)) {
    INFO(line);
    auto j = nlohmann::json::parse(line);  // throws, and fails the test, if not JSON
    REQUIRE(j.is_object());
    if (j.at("code") == "unknown-key") {
      found = true;
      CHECK(j.at("file") == "m/report.yaml");
      CHECK(j.at("severity") == "error");
      CHECK(j.at("line").is_number_integer());
    }
  }
  CHECK(found);
}

TEST_CASE("github diagnostics are workflow commands", "[cli]") {
  Sandbox s;
  s.break_sources();
  Result r = s.run({"build", "m", "--diagnostics-format", "github"});
  CHECK(r.status == 1);
  CHECK(r.err.rfind("::", 0) == 0);
  CHECK(r.err.find("::error file=m/report.yaml,line=") != std::string::npos);
  CHECK(r.err.find(",title=unknown-key::") != std::string::npos);
  CHECK(r.err.find("generated") == std::string::npos);  // no human summary line
}

TEST_CASE("option --diagnostics-output writes the diagnostics to a file", "[cli]") {
  Sandbox s;
  s.break_sources();
  Result r = s.run(
      {"check", "m", "--diagnostics-format", "sarif", "--diagnostics-output", "cwgreport.sarif"});
  CHECK(r.status == 1);
  CHECK(r.err.empty());
  auto log = nlohmann::json::parse(slurp(s.work() / "cwgreport.sarif"));
  CHECK(log.at("version") == "2.1.0");
  CHECK(log.at("runs").at(0).at("results").size() >= 1);
  CHECK(listing(s.work()) == std::set<std::string>{"cwgreport.sarif", "m"});

  SECTION("and writes it, empty of results, on a clean run") {
    Sandbox clean;
    Result ok = clean.run(
        {"check", "m", "--diagnostics-format", "sarif", "--diagnostics-output", "clean.sarif"});
    CHECK(ok.status == 0);
    CHECK(ok.err.empty());
    auto empty = nlohmann::json::parse(slurp(clean.work() / "clean.sarif"));
    CHECK(empty.at("runs").at(0).at("results").empty());
  }
}

TEST_CASE("colour follows --color and NO_COLOR", "[cli]") {
  Sandbox s;
  s.break_sources();
  const std::string esc = "\x1b[";
  // Standard error is a file here, so auto means no colour whatever NO_COLOR says.
  CHECK(s.run({"check", "m"}).err.find(esc) == std::string::npos);
  CHECK(s.run({"check", "m", "--color", "auto"}, {{"NO_COLOR", "1"}}).err.find(esc) ==
        std::string::npos);
  CHECK(s.run({"check", "m", "--color", "never"}).err.find(esc) == std::string::npos);
  // An explicit request wins over NO_COLOR, as the convention asks.
  CHECK(s.run({"check", "m", "--color", "always"}, {{"NO_COLOR", "1"}}).err.find(esc) !=
        std::string::npos);
  CHECK(s.run({"check", "m", "--color", "always", "--diagnostics-format", "json"}).err.find(esc) ==
        std::string::npos);
}

TEST_CASE("a write failure exits with 1 and leaves no temporary file", "[cli]") {
  Sandbox s;
  SECTION("the output folder is a file") {
    spit(s.work() / "blocker", "x");
    Result r = s.run({"build", "m", "-o", "blocker"});
    CHECK(r.status == 1);
    CHECK(r.out.empty());
    CHECK(r.err == "cwgreport: cannot write 'blocker': not a directory\n");
    CHECK(slurp(s.work() / "blocker") == "x");
  }
  SECTION("a target is a folder: no file is replaced") {
    REQUIRE(s.run({"build", "m"}).status == 0);
    auto previous = slurp(s.m() / "out" / "report.md");
    fs::remove(s.m() / "out" / "report.txt");
    fs::create_directory(s.m() / "out" / "report.txt");
    spit(s.m() / "out" / "report.md", "old");
    Result r = s.run({"build", "m"});
    CHECK(r.status == 1);
    CHECK(r.err == "cwgreport: cannot write 'm/out/report.txt': is a directory\n");
    CHECK(slurp(s.m() / "out" / "report.md") == "old");
    CHECK(listing(s.m() / "out") == kAllOutputs);
  }
  SECTION("the output folder is not writable") {
    if (geteuid() == 0) return;  // permissions do not bind root
    fs::create_directory(s.work() / "ro");
    fs::permissions(s.work() / "ro", fs::perms::owner_read | fs::perms::owner_exec);
    Result r = s.run({"build", "m", "-o", "ro"});
    CHECK(r.status == 1);
    CHECK(r.err == "cwgreport: cannot write 'ro/report.md': permission denied\n");
    CHECK(listing(s.work() / "ro").empty());
  }
}

TEST_CASE("outputs larger than a piece are written exactly as rendered", "[cli]") {
  Sandbox s;
  s.grow(3000);
  Result r = s.run({"build", "m", "-o", "big", "-q"});
  REQUIRE(r.status == 0);
  cwg::Diagnostics diags;
  auto report = cwg::compile(s.m().string(), diags);
  REQUIRE(report);
  for (const cwg::OutputFormat& format : cwg::output_formats()) {
    // The formats a build writes without -f; tests/render/stream_test.cc
    // passes a DOCX through pieces too.
    if (!format.by_default) continue;
    INFO(format.name);
    cwg::RenderOptions whole;
    whole.chunk_bytes = std::numeric_limits<std::size_t>::max();
    const std::string expected = format.render(*report, whole);
    CHECK(expected.size() > 4 * cwg::kRenderChunkBytes);
    CHECK(slurp(s.work() / "big" / ("report." + std::string(format.extension))) == expected);
  }
}

// A run under `ulimit -f` was killed by SIGXFSZ at the first write past the
// limit, leaving its temporary files; it now reports the write as failed.
TEST_CASE("a write that fails midway changes no output and leaves no temporary file", "[cli]") {
  Sandbox s;
  s.grow(3000);
  REQUIRE(s.run({"build", "m", "-q"}).status == 0);
  const auto before = snapshot(s.m() / "out");
  s.grow(3100);
  s.limit_file_size(3 * cwg::kRenderChunkBytes);
  Result r = s.run({"build", "m"});
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Catch::Matches("cwgreport: cannot write 'm/out/report\\.(md|html|txt)': "
                                   "file too large\n"));
  CHECK(snapshot(s.m() / "out") == before);
  CHECK(listing(s.m() / "out") == kAllOutputs);
}

TEST_CASE("a write that fails leaves no output folder it made", "[cli]") {
  Sandbox s;
  s.grow(3000);
  s.limit_file_size(cwg::kRenderChunkBytes);
  Result r = s.run({"build", "m", "-o", "new/public"});
  CHECK(r.status == 1);
  CHECK_THAT(r.err, Catch::Matches("cwgreport: cannot write 'new/public/report\\.(md|html|txt)': "
                                   "file too large\n"));
  CHECK_FALSE(fs::exists(s.work() / "new"));
}

TEST_CASE("build refuses to overwrite a source file", "[cli]") {
  Sandbox s;
  // Make a section file be m/report.txt, then build into m itself.
  std::string report = slurp(s.m() / "report.yaml");
  const std::string section = "sections/introduction.yaml";
  auto at = report.find(section);
  REQUIRE(at != std::string::npos);
  report.replace(at, section.size(), "report.txt");
  spit(s.m() / "report.yaml", report);
  fs::rename(s.m() / section, s.m() / "report.txt");
  REQUIRE(s.run({"check", "m"}).status == 0);
  auto before = snapshot(s.m());

  Result r = s.run({"build", "m", "-o", "m"});
  CHECK(r.status == 1);
  CHECK(r.err == "cwgreport: cannot write 'm/report.txt': it is a source file of the report\n");
  CHECK(snapshot(s.m()) == before);

  Result other = s.run({"build", "m", "-o", "m", "-f", "md,html"});
  CHECK(other.status == 0);
  CHECK(other.out == "wrote m/report.md\nwrote m/report.html\n");
}

TEST_CASE("a build killed while writing leaves the previous outputs intact", "[cli]") {
  Sandbox s;
  REQUIRE(s.run({"build", "m"}).status == 0);
  auto previous = snapshot(s.m() / "out");
  // A change that shows in every format, so that a completed rename would show.
  std::string report = slurp(s.m() / "report.yaml");
  auto at = report.find("summary: >-\n");
  REQUIRE(at != std::string::npos);
  report.insert(at + 12, "  Changed.\n");
  spit(s.m() / "report.yaml", report);

  // The hook makes the build stop after its temporary files are complete and
  // before the first rename, and tells us so by creating the marker.
  const fs::path marker = s.work() / "paused";
  pid_t pid = s.start({"build", "m"}, {{"CWG_TEST_PAUSE_BEFORE_RENAME", marker.string()}});
  bool paused = false;
  for (int i = 0; i < 3000 && !paused; ++i) {
    int wait_status = 0;
    if (waitpid(pid, &wait_status, WNOHANG) == pid) FAIL("the build ended before pausing");
    paused = fs::exists(marker);
    if (!paused) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(pid, SIGKILL);
  Result r = s.finish(pid);
  REQUIRE(paused);
  CHECK(r.status == 128 + SIGKILL);
  CHECK(r.out.empty());
  // The new text was complete on disk, but no output was replaced.
  CHECK(snapshot(s.m() / "out").size() > previous.size());
  for (const auto& [name, text] : previous) {
    INFO(name);
    CHECK(slurp(s.m() / "out" / name) == text);
  }

  // The next build replaces the outputs; the stale temporaries are hidden files.
  Result again = s.run({"build", "m", "-q"});
  CHECK(again.status == 0);
  CHECK(slurp(s.m() / "out" / "report.txt") != previous.at("report.txt"));
}

TEST_CASE("SIGTERM while writing removes the temporary files", "[cli]") {
  Sandbox s;
  const fs::path marker = s.work() / "paused";
  pid_t pid = s.start({"build", "m"}, {{"CWG_TEST_PAUSE_BEFORE_RENAME", marker.string()}});
  for (int i = 0; i < 3000 && !fs::exists(marker); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  REQUIRE(fs::exists(marker));
  kill(pid, SIGTERM);
  Result r = s.finish(pid);
  CHECK(r.status == 128 + SIGTERM);
  CHECK(listing(s.m() / "out").empty());
}

namespace {

// Waits until `ready` holds; false if it never does. The clock only guards
// against a hang: the tests wait for a state, never for a time.
template <typename Pred>
bool wait_until(Pred ready) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!ready()) {
    if (std::chrono::steady_clock::now() > give_up) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

}  // namespace

TEST_CASE("two builds into one folder at once replace its files one whole set after the other",
          "[cli]") {
  Sandbox s;
  // A second meeting whose every output differs from the first one's.
  fs::copy(s.m(), s.work() / "m2", fs::copy_options::recursive);
  std::string report = slurp(s.work() / "m2" / "report.yaml");
  auto at = report.find("summary: >-\n");
  REQUIRE(at != std::string::npos);
  report.insert(at + 12, "  Changed.\n");
  spit(s.work() / "m2" / "report.yaml", report);
  REQUIRE(s.run({"build", "m2", "-o", "alone", "-q"}).status == 0);

  // The first build stops with its files complete, before replacing any.
  const fs::path marker = s.work() / "paused";
  pid_t first = s.start({"build", "m", "-o", "public", "-q"},
                        {{"CWG_TEST_PAUSE_BEFORE_RENAME", marker.string()}});
  REQUIRE(wait_until([&] { return fs::exists(marker); }));
  // Unlocked, the second build would replace the three files now, and the
  // first one's renames would then replace them in turn, one by one.
  pid_t second = s.start({"build", "m2", "-o", "public", "-q"});
  const std::string waiting = "cwgreport: waiting for another build writing into 'public'\n";
  auto ended = [](pid_t pid) {
    siginfo_t info{};
    return waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
           info.si_pid == pid;
  };
  REQUIRE(wait_until([&] { return s.err_so_far(second) == waiting || ended(second); }));
  CHECK_FALSE(ended(second));  // it says it waits, and does
  fs::remove(marker);
  Result r1 = s.finish(first);
  Result r2 = s.finish(second);
  CHECK(r1.status == 0);
  CHECK(r1.err.empty());
  CHECK(r2.status == 0);
  CHECK(r2.err == waiting);
  // The second build replaced the files after the first: all are its own.
  CHECK(snapshot(s.work() / "public") == snapshot(s.work() / "alone"));
  CHECK(listing(s.work() / "public") == kAllOutputs);
}

TEST_CASE("the output folder's lock file must be a regular file", "[cli]") {
  Sandbox s;
  fs::create_directories(s.m() / "out");
  const fs::path lock = s.m() / "out" / ".cwgreport.lock";
  SECTION("a symbolic link, which is not followed") {
    fs::create_symlink(s.work() / "elsewhere", lock);
    Result r = s.run({"build", "m"});
    CHECK(r.status == 1);
    CHECK(r.err == "cwgreport: cannot lock 'm/out/.cwgreport.lock': it is a symbolic link\n");
    CHECK_FALSE(fs::exists(s.work() / "elsewhere"));
  }
  SECTION("a folder") {
    fs::create_directory(lock);
    Result r = s.run({"build", "m"});
    CHECK(r.status == 1);
    CHECK(r.err == "cwgreport: cannot lock 'm/out/.cwgreport.lock': is a directory\n");
  }
  CHECK(listing(s.m() / "out") == std::set<std::string>{".cwgreport.lock"});
}

TEST_CASE("no temporary file is left after a successful build", "[cli]") {
  Sandbox s;
  REQUIRE(s.run({"build", "m"}).status == 0);
  REQUIRE(s.run({"build", "m"}).status == 0);
  CHECK(listing(s.m() / "out") == kAllOutputs);
}

// -f pdf runs a PDF engine found on the PATH. These tests put a stand-in
// for it, a shell script, on a PATH of its own; tests/output_checks/pdf.sh
// runs the real engines.

namespace {

// Makes work/bin/NAME, a script with `body`, and returns work/bin for PATH.
std::string fake_engine(const Sandbox& s, const std::string& name, const std::string& body) {
  fs::path bin = s.work() / "bin";
  fs::create_directories(bin);
  spit(bin / name, "#!/bin/sh\n" + body);
  fs::permissions(bin / name, fs::perms::owner_all);
  return bin.string();
}

const std::string kNoWeasyprint =
    "cwgreport: cannot write 'm/out/report.pdf': the PDF engine 'weasyprint' is not installed; "
    "install it (Debian: apt-get install weasyprint) or pass --pdf-engine chromium\n";

}  // namespace

TEST_CASE("without its PDF engine, a build writes the other formats and says what to install",
          "[cli][pdf]") {
  Sandbox s;
  fs::create_directories(s.work() / "empty");
  const Env path = {{"PATH", (s.work() / "empty").string()}};
  SECTION("the default engine") {
    // A previous PDF stays as it was.
    fs::create_directories(s.m() / "out");
    spit(s.m() / "out" / "report.pdf", "%PDF- previous");
    Result r = s.run({"build", "m", "-f", "html,txt,pdf"}, path);
    CHECK(r.status == 1);
    CHECK(r.out == "wrote m/out/report.html\nwrote m/out/report.txt\n");
    CHECK(r.err == kNoWeasyprint);
    CHECK(listing(s.m() / "out") ==
          std::set<std::string>{"report.html", "report.pdf", "report.txt"});
    CHECK(slurp(s.m() / "out" / "report.pdf") == "%PDF- previous");
  }
  SECTION("chromium") {
    Result r = s.run({"build", "m", "-f", "pdf,md", "--pdf-engine", "chromium"}, path);
    CHECK(r.status == 1);
    CHECK(r.out == "wrote m/out/report.md\n");
    CHECK(r.err ==
          "cwgreport: cannot write 'm/out/report.pdf': the PDF engine 'chromium' is not "
          "installed; install it (Debian: apt-get install chromium) or use the default engine, "
          "weasyprint\n");
    CHECK(listing(s.m() / "out") == std::set<std::string>{"report.md"});
  }
  SECTION("the PDF alone leaves no output folder behind") {
    Result r = s.run({"build", "m", "-f", "pdf"}, path);
    CHECK(r.status == 1);
    CHECK(r.out.empty());
    CHECK(r.err == kNoWeasyprint);
    CHECK_FALSE(fs::exists(s.m() / "out"));
  }
  SECTION("an unknown engine is a usage error") {
    Result r = s.run({"build", "m", "-f", "pdf", "--pdf-engine", "prince"}, path);
    CHECK(r.status == 2);
    CHECK_FALSE(fs::exists(s.m() / "out"));
  }
}

TEST_CASE("the PDF engine gets the report's HTML and SOURCE_DATE_EPOCH, without a shell",
          "[cli][pdf]") {
  Sandbox s;
  // weasyprint --encoding utf-8 --media-type print HTML PDF; the folder's
  // name must not reach a shell, so the meeting's is made hostile.
  const std::string bin =
      fake_engine(s, "weasyprint",
                  "[ \"$1 $2 $3 $4\" = '--encoding utf-8 --media-type print' ] || exit 9\n"
                  "{ printf '%%PDF-1.7 %s\\n' \"$SOURCE_DATE_EPOCH\"; cat \"$5\"; } > \"$6\"\n");
  fs::rename(s.m(), s.work() / "m;$(touch pwned)");
  Result r = s.run({"build", "m;$(touch pwned)", "-f", "pdf,html", "-o", "out"},
                   {{"PATH", bin + ":/usr/bin:/bin"}});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out == "wrote out/report.html\nwrote out/report.pdf\n");
  // The HTML for paged media: the HTML's style sheet and more, the same body
  // (the example has no footnote to float).
  const std::string pdf = slurp(s.work() / "out" / "report.pdf");
  const std::string html = slurp(s.work() / "out" / "report.html");
  CHECK(pdf.rfind("%PDF-1.7 0\n<!DOCTYPE html>", 0) == 0);
  CHECK(pdf.find("string-set: symbol") != std::string::npos);
  REQUIRE(html.find("</style>") != std::string::npos);
  CHECK(pdf.substr(pdf.find("</style>")) == html.substr(html.find("</style>")));
  CHECK_FALSE(fs::exists(s.work() / "pwned"));

  Result epoch = s.run({"build", "m;$(touch pwned)", "-f", "pdf", "-o", "out"},
                       {{"PATH", bin + ":/usr/bin:/bin"}, {"SOURCE_DATE_EPOCH", "1516665600"}});
  CHECK(epoch.status == 0);
  CHECK(slurp(s.work() / "out" / "report.pdf").rfind("%PDF-1.7 1516665600\n", 0) == 0);
}

TEST_CASE("a PDF engine that fails, hangs or writes no PDF is reported, the other formats written",
          "[cli][pdf]") {
  Sandbox s;
  std::string script, expected;
  std::vector<std::string> extra;
  SECTION("it fails: its last message is quoted, made printable") {
    script =
        "echo 'WARNING: something minor' >&2\nprintf 'boom: no \\033[31mfont\\n' >&2\nexit 3\n";
    expected = "the PDF engine 'weasyprint' failed with exit status 3: boom: no <U+001B>[31mfont";
  }
  SECTION("it hangs: stopped after --pdf-timeout") {
    script = "exec /bin/sleep 60\n";
    extra = {"--pdf-timeout", "1"};
    expected =
        "the PDF engine 'weasyprint' did not finish within 1 s; it was stopped "
        "(see --pdf-timeout)";
  }
  SECTION("it writes something that is not a PDF") {
    script = "echo 'not a PDF' > \"$6\"\n";
    expected = "the PDF engine 'weasyprint' wrote no PDF";
  }
  const std::string bin = fake_engine(s, "weasyprint", script);
  std::vector<std::string> args = {"build", "m", "-f", "txt,pdf"};
  args.insert(args.end(), extra.begin(), extra.end());
  auto start = std::chrono::steady_clock::now();
  Result r = s.run(args, {{"PATH", bin}});
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(30));
  CHECK(r.status == 1);
  CHECK(r.out == "wrote m/out/report.txt\n");
  CHECK(r.err == "cwgreport: cannot write 'm/out/report.pdf': " + expected + "\n");
  CHECK(listing(s.m() / "out") == std::set<std::string>{"report.txt"});
}

// Several meeting folders in one run: built in parallel, reported in order.

namespace {

// A copy of the example as work/NAME, broken with one unknown key if asked.
void add_meeting(const Sandbox& s, const std::string& name, bool broken = false) {
  fs::create_directories((s.work() / name).parent_path());
  fs::copy(s.m(), s.work() / name, fs::copy_options::recursive);
  if (broken) {
    std::ofstream out(s.work() / name / "report.yaml", std::ios::app);
    out << "\nnot-a-key: 1\n";
  }
}

}  // namespace

TEST_CASE("build with several folders writes each and prints one line per folder", "[cli]") {
  Sandbox s;
  add_meeting(s, "m2");
  add_meeting(s, "m3", true);
  Result r = s.run({"build", "m", "m3", "m2", "-o", "public"});
  CHECK(r.status == 1);
  CHECK(r.out == "ok m (3 files)\nFAILED m3 (1 error)\nok m2 (3 files)\n");
  CHECK(r.err.find("m3/report.yaml:") != std::string::npos);
  CHECK(r.err.find("1 error generated\n") != std::string::npos);
  // Not a terminal: no progress line.
  CHECK(r.err.find("[1/3]") == std::string::npos);
  CHECK(listing(s.work() / "public") == std::set<std::string>{"m", "m2"});
  CHECK(listing(s.work() / "public" / "m") == kAllOutputs);
  CHECK(slurp(s.work() / "public" / "m" / "report.md") ==
        slurp(s.work() / "public" / "m2" / "report.md"));
  CHECK_FALSE(fs::exists(s.m() / "out"));
}

TEST_CASE("several folders without -o are written into each DIR/out", "[cli]") {
  Sandbox s;
  add_meeting(s, "archive/15");
  Result r = s.run({"build", "m", "archive/15/", "-j", "1"});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out == "ok m (3 files)\nok archive/15/ (3 files)\n");
  CHECK(listing(s.m() / "out") == kAllOutputs);
  CHECK(listing(s.work() / "archive" / "15" / "out") == kAllOutputs);

  Result quiet = s.run({"build", "m", "archive/15", "-q"});
  CHECK(quiet.status == 0);
  CHECK(quiet.out.empty());
}

TEST_CASE("check with several folders prints each folder's diagnostics whole, in order", "[cli]") {
  Sandbox s;
  add_meeting(s, "a", true);
  add_meeting(s, "b", true);
  add_meeting(s, "c");
  Result alone_a = s.run({"check", "a"});
  Result alone_b = s.run({"check", "b"});
  REQUIRE(alone_a.status == 1);
  REQUIRE_FALSE(alone_a.err.empty());
  for (const char* jobs : {"1", "3"}) {
    INFO(jobs);
    Result r = s.run({"check", "b", "c", "a", "-j", jobs});
    CHECK(r.status == 1);
    CHECK(r.err == alone_b.err + alone_a.err);
    CHECK(r.out == "FAILED b (1 error)\nok c\nFAILED a (1 error)\n");
  }
  Result clean = s.run({"check", "c", "m"});
  CHECK(clean.status == 0);
  CHECK(clean.err.empty());
  CHECK(clean.out == "ok c\nok m\n");

  // -q, as for build: only the folders that failed are named.
  Result quiet = s.run({"check", "-q", "b", "c"});
  CHECK(quiet.status == 1);
  CHECK(quiet.err == alone_b.err);
  CHECK(quiet.out == "FAILED b (1 error)\n");
  CHECK(s.run({"check", "--quiet", "c"}).out.empty());
}

TEST_CASE("folder names print escaped in the lines of several folders", "[cli]") {
  // Folders matched by a glob may be named anything: a terminal sequence, a
  // C1 control, a right-to-left override.
  Sandbox s;
  const std::string name = "m\x1b]0;x\x07\xC2\x9B\xE2\x80\xAE";
  add_meeting(s, name, true);
  Result r = s.run({"check", "m", name});
  CHECK(r.status == 1);
  CHECK(r.out == "ok m\nFAILED m<U+001B>]0;x<U+0007><U+009B><U+202E> (1 error)\n");
  CHECK(r.err.find("m<U+001B>]0;x<U+0007><U+009B><U+202E>/report.yaml:") != std::string::npos);
  CHECK(r.err.find('\x1b') == std::string::npos);
  add_meeting(s, name + "2");
  Result wrote = s.run({"build", name + "2"});
  CHECK(wrote.status == 0);
  CHECK(wrote.out.starts_with("wrote m<U+001B>]0;x<U+0007><U+009B><U+202E>2/out/report.md\n"));
  Result missing = s.run({"explain", "no-such-\x1b[2J"});
  CHECK(missing.status == 2);
  CHECK(missing.err.starts_with("cwgreport: unknown diagnostic code 'no-such-<U+001B>[2J'"));
}

TEST_CASE("usage errors of several folders stop the run before any folder is read", "[cli]") {
  Sandbox s;
  add_meeting(s, "x/m");
  auto before = snapshot(s.work());
  Result twice = s.run({"build", "m", "./m/"});
  CHECK(twice.status == 2);
  CHECK(twice.err ==
        "cwgreport: the meeting folder './m/' is given twice\n"
        "run 'cwgreport build --help' for usage\n");
  Result clash = s.run({"build", "m", "x/m", "-o", "public"});
  CHECK(clash.status == 2);
  CHECK(clash.err ==
        "cwgreport: 'm' and 'x/m' would both be written to 'public/m'; build them separately\n"
        "run 'cwgreport build --help' for usage\n");
  Result output = s.run({"check", "m", "x/m", "--diagnostics-output", "d.txt"});
  CHECK(output.status == 2);
  CHECK(output.err ==
        "cwgreport: --diagnostics-output takes a single meeting folder, not 2\n"
        "run 'cwgreport check --help' for usage\n");
  Result sarif = s.run({"check", "m", "x/m", "--diagnostics-format", "sarif"});
  CHECK(sarif.status == 2);
  CHECK(s.run({"check", "m", "x/m", "-j", "0"}).status == 2);
  CHECK(snapshot(s.work()) == before);
}

// ---------------------------------------------------------------------------
// cwgreport diff

namespace {

// Runs `command` in `dir` through the shell (git, to make a repository).
void shell_in(const fs::path& dir, const std::string& command) {
  const std::string line = "cd '" + dir.string() + "' && " + command + " >/dev/null 2>&1";
  REQUIRE(std::system(line.c_str()) == 0);
}

// The example's section 6 with a paragraph inserted after its second and
// "three research reports" become "four".
void edit_discussions(const fs::path& m) {
  const fs::path file = m / "sections" / "discussions.yaml";
  std::string s = slurp(file);
  const std::string anchor = "  - label: uae-country-repository";
  const auto at = s.find(anchor);
  REQUIRE(at != std::string::npos);
  s.insert(at, "  - label: chair-thanks\n    text: The Chair thanked the secretariat.\n\n");
  const auto three = s.find("presented three research");
  REQUIRE(three != std::string::npos);
  s.replace(three, 15, "presented four");
  spit(file, s);
}

}  // namespace

TEST_CASE("diff of a folder with an unchanged copy exits 0", "[cli][diff]") {
  Sandbox box;
  fs::copy(box.m(), box.work() / "copy", fs::copy_options::recursive);
  Result r = box.run({"diff", "m", "copy"});
  CHECK(r.status == 0);
  CHECK(r.out == "--- m\n+++ copy\nno change in the report\n");
  CHECK(r.err.empty());
}

TEST_CASE("diff lists an insertion, the renumbering it causes and a word change", "[cli][diff]") {
  Sandbox box;
  fs::copy(box.m(), box.work() / "old", fs::copy_options::recursive);
  edit_discussions(box.m());
  Result r = box.run({"diff", "old", "m"});
  CHECK(r.status == 1);
  CHECK(r.out ==
        "--- old\n+++ m\n"
        "inserted paragraph 6.3\n"
        "  {+The Chair thanked the secretariat.+}\n"
        "renumbered 2 paragraphs: 6.3\u20136.4 are now 6.4\u20136.5\n"
        "changed paragraph 6.6, was 6.5\n"
        "  ... safety in schools. He also presented [-three-] {+four+} research reports and "
        "emphasized the need ...\n"
        "renumbered 10 paragraphs: 6.6\u20136.15 are now 6.7\u20136.16\n");
  Result j = box.run({"diff", "old", "m", "-f", "json"});
  CHECK(j.status == 1);
  auto doc = nlohmann::json::parse(j.out);
  CHECK(doc["old"] == "old");
  CHECK(doc["new"] == "m");
  std::vector<std::string> kinds;
  for (const auto& c : doc["changes"]) kinds.push_back(c["kind"]);
  REQUIRE(!kinds.empty());
  CHECK(kinds.front() == "inserted");
  CHECK(doc["changes"][0]["new"] == "6.3");
  CHECK(doc["changes"][0]["old"].is_null());
  CHECK(doc["changes"][0]["label"] == "chair-thanks");
  // Every change has the keys and values schemas/diff.schema.json declares.
  auto schema =
      nlohmann::json::parse(slurp(fs::path(CWG_SOURCE_DIR) / "schemas" / "diff.schema.json"));
  const auto& change = schema["$defs"]["change"];
  for (const auto& c : doc["changes"]) {
    for (const auto& key : change["required"]) CHECK(c.contains(key));
    for (const auto& [key, value] : c.items()) CHECK(change["properties"].contains(key));
    const auto& kind_names = change["properties"]["kind"]["enum"];
    const auto& whats = change["properties"]["what"]["enum"];
    CHECK(std::find(kind_names.begin(), kind_names.end(), c["kind"]) != kind_names.end());
    CHECK(std::find(whats.begin(), whats.end(), c["what"]) != whats.end());
  }
}

TEST_CASE("diff reports the preamble's paragraphs by their place, in text and JSON",
          "[cli][diff]") {
  Sandbox box;
  // The old version has a preamble of two paragraphs; the new one inserts
  // one between them, changes a word of the last and asks for contents.
  spit(box.m() / "report.yaml",
       slurp(box.m() / "report.yaml") + "\npreamble: sections/preamble.yaml\n");
  spit(box.m() / "sections" / "preamble.yaml",
       "paragraphs:\n"
       "  - label: scope\n"
       "    text: This report records the outcome of the meeting.\n"
       "  - Its decisions are listed in section 6 and in the annexes.\n");
  fs::copy(box.m(), box.work() / "old", fs::copy_options::recursive);
  spit(box.m() / "report.yaml", slurp(box.m() / "report.yaml") + "contents: true\n");
  spit(box.m() / "sections" / "preamble.yaml",
       "paragraphs:\n"
       "  - label: scope\n"
       "    text: This report records the outcome of the meeting.\n"
       "  - label: remote\n"
       "    text: The meeting was held in Geneva, with remote participation.\n"
       "  - Its decisions are listed in section 6 and in the annex.\n");
  Result r = box.run({"diff", "old", "m"});
  CHECK(r.status == 1);
  CHECK(r.err.empty());
  CHECK(r.out ==
        "--- old\n+++ m\n"
        "inserted table of contents\n"
        "  {+Contents+}\n"
        "inserted paragraph 2 of the preamble\n"
        "  {+The meeting was held in Geneva, with remote participation.+}\n"
        "changed paragraph 3 of the preamble, was 2\n"
        "  ... in section 6 and in the [-annexes.-] {+annex.+}\n");

  Result j = box.run({"diff", "old", "m", "-f", "json"});
  CHECK(j.status == 1);
  auto doc = nlohmann::json::parse(j.out);
  REQUIRE(doc["changes"].size() == 3);
  const auto& contents = doc["changes"][0];
  CHECK(contents["kind"] == "inserted");
  CHECK(contents["what"] == "contents");
  const auto& inserted = doc["changes"][1];
  CHECK(inserted["kind"] == "inserted");
  CHECK(inserted["what"] == "preamble");
  CHECK(inserted["old"].is_null());
  CHECK(inserted["new"] == "2");
  CHECK(inserted["label"] == "remote");
  const auto& changed = doc["changes"][2];
  CHECK(changed["kind"] == "changed");
  CHECK(changed["what"] == "preamble");
  CHECK(changed["old"] == "2");
  CHECK(changed["new"] == "3");
  CHECK(changed["label"].is_null());
  // Every change is one schemas/diff.schema.json declares.
  auto schema =
      nlohmann::json::parse(slurp(fs::path(CWG_SOURCE_DIR) / "schemas" / "diff.schema.json"));
  const auto& whats = schema["$defs"]["change"]["properties"]["what"]["enum"];
  for (const auto& c : doc["changes"])
    CHECK(std::find(whats.begin(), whats.end(), c["what"]) != whats.end());

  // The redline marks them in the preamble, and the contents as inserted.
  Result h = box.run({"diff", "old", "m", "-f", "html"});
  CHECK(h.status == 1);
  const auto pre = h.out.find("<div class=\"preamble\">");
  REQUIRE(pre != std::string::npos);
  const auto ins = h.out.find("<ins class=\"redline redline-block\">", pre);
  REQUIRE(ins != std::string::npos);
  CHECK(h.out.find("The meeting was held in Geneva", ins) != std::string::npos);
  CHECK(h.out.find("in the<del class=\"redline\"> annexes.</del><ins class=\"redline\"> "
                   "annex.</ins>",
                   pre) != std::string::npos);
  const auto toc = h.out.find("<nav class=\"contents\"");
  REQUIRE(toc != std::string::npos);
  CHECK(h.out.rfind("<ins class=\"redline redline-block\">", toc) != std::string::npos);
  CHECK(h.out.rfind("<ins class=\"redline redline-block\">", toc) > h.out.rfind("<main>", toc));
}

TEST_CASE("diff reads a side from a git revision without checking it out", "[cli][diff]") {
  Sandbox box;
  shell_in(box.work(),
           "git init -q && git add m && git -c user.name=t -c user.email=t@example.org "
           "commit -q -m circulated");
  edit_discussions(box.m());
  const auto before = snapshot(box.work() / "m");
  Result r = box.run({"diff", "HEAD:m", "m"});
  CHECK(r.status == 1);
  CHECK(r.out.starts_with("--- HEAD:m\n+++ m\ninserted paragraph 6.3\n"));
  // From inside the folder, as git reads "./".
  Result here = box.run({"diff", "HEAD:./m", "m"});
  CHECK(here.out.substr(here.out.find('\n', 12)) == r.out.substr(r.out.find('\n', 8)));
  // The work tree is left as it was, and an error in the revision names it.
  CHECK(snapshot(box.work() / "m") == before);
  spit(box.m() / "report.yaml", slurp(box.m() / "report.yaml") + "bogus: 1\n");
  shell_in(box.work(), "git -c user.name=t -c user.email=t@example.org commit -q -am broken");
  Result bad = box.run({"diff", "HEAD:m", "HEAD~1:m"});
  CHECK(bad.status == 2);
  CHECK(bad.err.find("HEAD:m/report.yaml:") != std::string::npos);
  CHECK(bad.out.empty());
  Result missing = box.run({"diff", "HEAD:nowhere", "m"});
  CHECK(missing.status == 2);
  CHECK(missing.err.find("cwgreport: git cannot read 'HEAD:nowhere'") == 0);
}

// A range says of each unit what became of it: "7.3–7.5 are now 7.5–7.6"
// for 7.3 -> 7.5 and 7.5 -> 7.6 would say that 7.4 became 7.5 too.
TEST_CASE("diff: a renumbered run is consecutive numbers, and a number lost is a line of its own",
          "[cli][diff]") {
  Sandbox box;
  fs::copy(box.m(), box.work() / "old", fs::copy_options::recursive);
  const fs::path outcomes = box.m() / "sections" / "outcomes.yaml";
  const std::string original = slurp(outcomes);
  std::string s = original;
  const std::string country = "  - label: country-repository\n";
  REQUIRE(s.find(country) != std::string::npos);
  s.insert(s.find(country) + country.size(), "    numbered: false\n");
  spit(outcomes, s);
  Result lost = box.run({"diff", "old", "m"});
  CHECK(lost.status == 1);
  CHECK(lost.out ==
        "--- old\n+++ m\n"
        "renumbered unnumbered paragraph after 7.1, was 7.2\n"
        "renumbered 3 paragraphs: 7.3\u20137.5 are now 7.2\u20137.4\n");
  Result gained = box.run({"diff", "m", "old"});
  CHECK(gained.status == 1);
  CHECK(gained.out ==
        "--- m\n+++ old\n"
        "renumbered paragraph 7.2, was unnumbered\n"
        "renumbered 3 paragraphs: 7.2\u20137.4 are now 7.3\u20137.5\n");

  // 7.3 and 7.4 swapped, and a paragraph inserted at the top: 7.3 becomes
  // 7.5 and 7.5 becomes 7.6, two lines.
  s = original;
  const auto youth = s.find("  - label: youth-responses");
  const auto stakeholders = s.find("  - label: stakeholder-participation");
  const auto best = s.find("  - label: best-practice-link");
  REQUIRE((youth < stakeholders && stakeholders < best && best != std::string::npos));
  s = s.substr(0, youth) + s.substr(stakeholders, best - stakeholders) +
      s.substr(youth, stakeholders - youth) + s.substr(best);
  s.insert(s.find("paragraphs:\n") + 12, "  - The Chair opened the item.\n\n");
  spit(outcomes, s);
  Result swapped = box.run({"diff", "old", "m"});
  CHECK(swapped.status == 1);
  CHECK(swapped.out ==
        "--- old\n+++ m\n"
        "inserted paragraph 7.1\n"
        "  {+The Chair opened the item.+}\n"
        "renumbered 2 paragraphs: 7.1\u20137.2 are now 7.2\u20137.3\n"
        "moved paragraph 7.4\n"
        "renumbered paragraph 7.5, was 7.3\n"
        "renumbered paragraph 7.6, was 7.5\n");
}

namespace {

const fs::path kRedline = fs::path(CWG_SOURCE_DIR) / "tests" / "diff" / "redline";

// A redline against its golden file in tests/diff/redline/ (rewritten when
// CWG_UPDATE_GOLDEN is set, as the examples' goldens are).
void check_redline_golden(const std::string& name, const std::string& actual) {
  const fs::path golden = kRedline / name;
  INFO("tests/diff/redline/" << name);
  const char* update = std::getenv("CWG_UPDATE_GOLDEN");
  if (update && *update) {
    spit(golden, actual);
    return;
  }
  REQUIRE(fs::exists(golden));
  CHECK(slurp(golden) == actual);
}

// The pair of versions of tests/diff/redline in the sandbox as "old" and
// "new", so that their names in the redline do not depend on where the
// sources are.
void copy_redline_pair(const fs::path& work) {
  fs::copy(kRedline / "old", work / "old", fs::copy_options::recursive);
  fs::copy(kRedline / "new", work / "new", fs::copy_options::recursive);
}

// Inserts two paragraphs after 6.3 of the example and withdraws 6.4.
void revise_discussions(const fs::path& m) {
  const fs::path file = m / "sections" / "discussions.yaml";
  std::string s = slurp(file);
  const std::string bdt = "  - label: bdt-activities\n";
  const auto at = s.find(bdt);
  REQUIRE(at != std::string::npos);
  const auto next = s.find("  - label: uk-sic-aqdar-esafe");
  REQUIRE(next != std::string::npos);
  s.replace(at, next - at,
            "  - label: chair-thanks\n    text: The Chair thanked the delegate.\n\n"
            "  - The secretariat took note.\n\n" +
                bdt + "    presents: 14/10\n    deleted: true\n\n");
  spit(file, s);
}

// The lines of the plain text output that start with `prefix`.
std::string lines_starting(const std::string& text, const std::string& prefix) {
  std::string out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.starts_with(prefix)) out += line.substr(0, line.find('\t') + 1 + 11) + "\n";
  return out;
}

}  // namespace

TEST_CASE("diff -f html is the new report's HTML with the changes marked", "[cli][diff]") {
  Sandbox box;
  copy_redline_pair(box.work());
  Result r = box.run({"diff", "old", "new", "-f", "html"});
  CHECK(r.status == 1);
  CHECK(r.err.empty());
  // A changed word, an inserted and a deleted paragraph, a move, a changed
  // footnote, the register, the summary box.
  // The space before a changed word belongs to the change: accepting or
  // rejecting it leaves one space.
  CHECK(r.out.find("presented<del class=\"redline\"> three</del><ins class=\"redline\"> four</ins> "
                   "research") != std::string::npos);
  CHECK(r.out.find("<ins class=\"redline redline-block\">\n        <p id=\"chair-thanks\"") !=
        std::string::npos);
  CHECK(r.out.find("<del class=\"redline redline-block\">") != std::string::npos);
  CHECK(r.out.find("<p class=\"redline-note\" lang=\"en\">moved from 7.5</p>") !=
        std::string::npos);
  CHECK(r.out.find("in person and<del class=\"redline\"> remotely.</del><ins "
                   "class=\"redline\"> online, free of charge.</ins>") != std::string::npos);
  CHECK(r.out.find("Digital<del class=\"redline\"> literacy</del><ins "
                   "class=\"redline\"> Literacy</ins>") != std::string::npos);
  CHECK(r.out.find("<aside class=\"redline-legend\" lang=\"en\">") != std::string::npos);
  // Renumbering is not marked: 6.4 was 6.3.
  CHECK(r.out.find("<span class=\"number\">6.4</span> The delegate from the UAE") !=
        std::string::npos);
  check_redline_golden("redline.html", r.out);
  // The same bytes again, and the same in a file given with -o.
  CHECK(box.run({"diff", "old", "new", "-f", "html"}).out == r.out);
  Result o = box.run({"diff", "old", "new", "-f", "html", "-o", "redline.html"});
  CHECK(o.status == 1);
  CHECK(o.out.empty());
  CHECK(slurp(box.work() / "redline.html") == r.out);
  // A file that cannot be written is an error, and nothing is left.
  Result bad = box.run({"diff", "old", "new", "-f", "html", "-o", "nowhere/redline.html"});
  CHECK(bad.status == 2);
  CHECK(bad.err.find("cannot write 'nowhere/redline.html'") != std::string::npos);
  CHECK_FALSE(fs::exists(box.work() / "nowhere"));
  // Nor is a source file of either version replaced.
  const std::string before = slurp(box.work() / "new" / "report.yaml");
  Result source = box.run({"diff", "old", "new", "-f", "html", "-o", "new/./report.yaml"});
  CHECK(source.status == 2);
  CHECK(source.err.find("cannot write 'new/./report.yaml': it would be a source file of 'new'") ==
        std::string("cwgreport: ").size());
  CHECK(slurp(box.work() / "new" / "report.yaml") == before);
}

TEST_CASE("diff -f docx writes Word tracked changes with an author and a date", "[cli][diff]") {
  Sandbox box;
  copy_redline_pair(box.work());
  Result r = box.run({"diff", "old", "new", "-f", "docx", "-o", "redline.docx"});
  CHECK(r.status == 1);
  CHECK(r.err.empty());
  shell_in(box.work(), "unzip -q redline.docx word/document.xml -d redline");
  std::string xml = slurp(box.work() / "redline" / "word" / "document.xml");
  // The date is the new version's (its meeting's), the author the default.
  CHECK(xml.find("<w:del w:id=\"16777217\" w:author=\"cwgreport\" "
                 "w:date=\"2018-01-23T00:00:00Z\">") != std::string::npos);
  CHECK(xml.find("<w:delText xml:space=\"preserve\"> three</w:delText>") != std::string::npos);
  CHECK(xml.find("<w:t xml:space=\"preserve\"> four</w:t>") != std::string::npos);
  // One paragraph a line, to review a change of the golden as a diff.
  std::string lines;
  for (std::size_t at = 0; at < xml.size();) {
    std::size_t end = xml.find("</w:p>", at);
    end = end == std::string::npos ? xml.size() : end + 6;
    lines += xml.substr(at, end - at) + "\n";
    at = end;
  }
  check_redline_golden("redline-document.xml", lines);
  // The same bytes again; SOURCE_DATE_EPOCH and --author when given.
  Result again = box.run({"diff", "old", "new", "-f", "docx", "-o", "again.docx"});
  CHECK(slurp(box.work() / "again.docx") == slurp(box.work() / "redline.docx"));
  Result dated = box.run(
      {"diff", "old", "new", "-f", "docx", "-o", "dated.docx", "--author", "Secretariat & Chair"},
      {{"SOURCE_DATE_EPOCH", "1700000000"}});
  CHECK(dated.status == 1);
  shell_in(box.work(), "unzip -q dated.docx word/document.xml -d dated");
  CHECK(slurp(box.work() / "dated" / "word" / "document.xml")
            .find("w:author=\"Secretariat &amp; Chair\" w:date=\"2023-11-14T22:13:20Z\"") !=
        std::string::npos);
}

TEST_CASE("diff -f docx is never written to a terminal", "[cli][diff]") {
  Sandbox box;
  copy_redline_pair(box.work());
  if (std::system("command -v script >/dev/null 2>&1") != 0) {
    WARN("script(1) is not installed: not checked");
    return;
  }
  // script(1) runs the command with a pseudo-terminal as its output.
  const std::string command = "cd '" + box.work().string() + "' && script -qec \"'" +
                              std::string(CWG_BINARY) +
                              "' diff old new -f docx\" /dev/null > tty.txt 2>&1";
  const int status = std::system(command.c_str());
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 2);
  const std::string out = slurp(box.work() / "tty.txt");
  CHECK(out.find("cwgreport: a docx redline is binary, not for a terminal: write it to a file "
                 "with -o FILE or redirect the output") != std::string::npos);
  CHECK(out.find("PK") == std::string::npos);
}

// 1 says that the reports differ, and a CI step takes it for success
// (docs/reviewing.md): an output that cannot be written is 2, in every
// format, while build and check keep their 1 for it.
TEST_CASE("diff that cannot write its output exits with 2 and not 1", "[cli][diff]") {
  Sandbox box;
  fs::copy(box.m(), box.work() / "old", fs::copy_options::recursive);
  fs::copy(box.m(), box.work() / "same", fs::copy_options::recursive);
  edit_discussions(box.m());
  if (!fs::exists("/dev/full")) {
    WARN("/dev/full is missing: not checked");
    return;
  }
  // Standard output on a full device: the status, and what is said, once.
  auto to_full = [&](const std::string& args) {
    const std::string command = "cd '" + box.work().string() + "' && '" + std::string(CWG_BINARY) +
                                "' " + args + " >/dev/full 2>err.txt";
    const int status = std::system(command.c_str());
    REQUIRE(WIFEXITED(status));
    return Result{WEXITSTATUS(status), "", slurp(box.work() / "err.txt")};
  };
  const std::string full = "cwgreport: cannot write standard output: no space left on device\n";
  for (const char* format : {"text", "json", "html", "docx"}) {
    INFO(format);
    Result r = to_full(std::string("diff old m -f ") + format);
    CHECK(r.status == 2);
    CHECK(r.err == full);
    // Unchanged reports print a line too.
    Result same = to_full(std::string("diff old same -f ") + format);
    CHECK(same.status == 2);
    CHECK(same.err == full);
  }
  // A file past a size limit (ulimit -f) as well.
  box.limit_file_size(128);
  Result r = box.run({"diff", "old", "m", "-o", "changes.txt"});
  CHECK(r.status == 2);
  CHECK(r.err == "cwgreport: cannot write 'changes.txt': file too large\n");
  CHECK_FALSE(fs::exists(box.work() / "changes.txt"));
  // What build and check document: 1 for an output that cannot be written.
  Result build = to_full("build m");
  CHECK(build.status == 1);
  CHECK(build.err == full);
  Result check = to_full("check m same");
  CHECK(check.status == 1);
  CHECK(check.err.starts_with("cwgreport: cannot write standard output"));
  Result quiet = to_full("check m");  // it prints nothing
  CHECK(quiet.status == 0);
  CHECK(quiet.err.empty());
}

TEST_CASE("freeze records the numbers and labels the unlabelled paragraphs", "[cli][freeze]") {
  Sandbox box;
  REQUIRE(box.run({"build", "m", "-q"}).status == 0);
  const auto before = snapshot(box.m() / "out");
  REQUIRE(box.run({"build", "m", "-q", "--language", "fr", "-o", "m/out-fr", "-W",
                   "no-translation-missing"})
              .status == 0);
  const auto before_fr = snapshot(box.m() / "out-fr");
  const std::string fr_file = slurp(box.m() / "translations/fr/sections/adoption-of-agenda.yaml");
  Result r = box.run({"freeze", "m"});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out ==
        "labelled 1 paragraph in m/sections/adoption-of-agenda.yaml\n"
        "renamed 1 key in m/translations/ar/sections/adoption-of-agenda.yaml\n"
        "renamed 1 key in m/translations/fr/sections/adoption-of-agenda.yaml\n"
        "wrote m/frozen.yaml (34 numbers)\n");
  // The translations key a labelled paragraph by its label: their entry for
  // it follows, and the translated report prints the same bytes.
  CHECK(slurp(box.m() / "translations/fr/sections/adoption-of-agenda.yaml") ==
        std::string(fr_file).replace(fr_file.find("\nparagraph 1:"),
                                     std::string("\nparagraph 1:").size(),
                                     "\nparagraph para-3-1:"));
  CHECK(box.run({"check", "m", "-W", "error"}).status == 0);
  REQUIRE(box.run({"build", "m", "-q", "--language", "fr", "-o", "m/out-fr", "-W",
                   "no-translation-missing"})
              .status == 0);
  CHECK(snapshot(box.m() / "out-fr") == before_fr);
  // The label is a line inserted at the file's indentation; nothing else moves.
  CHECK(slurp(box.m() / "sections" / "adoption-of-agenda.yaml") ==
        slurp(kExample / "sections" / "adoption-of-agenda.yaml")
            .replace(
                slurp(kExample / "sections" / "adoption-of-agenda.yaml").find("  - The agenda"),
                std::string("  - The agenda").size(), "  - label: para-3-1\n    text: The agenda"));
  const std::string frozen = slurp(box.m() / "frozen.yaml");
  CHECK(frozen.starts_with("# The numbers of this report as circulated, by label"));
  CHECK(frozen.find("sections:\n  introduction: \"1\"\n") != std::string::npos);
  CHECK(frozen.find("\n  para-3-1: \"3.1\"\n  information-reports-list: \"4.1\"\n") !=
        std::string::npos);
  CHECK(frozen.find("\n  unicef-childrens-rights: \"6.15\"\n") != std::string::npos);
  // The label is the paragraph's anchor: the report prints the same bytes.
  REQUIRE(box.run({"build", "m", "-q"}).status == 0);
  CHECK(snapshot(box.m() / "out") == before);
  CHECK(listing(box.m()).count("frozen.yaml") == 1);
}

TEST_CASE("freeze refuses sources with errors and changes no file", "[cli][freeze]") {
  Sandbox box;
  box.break_sources();
  const auto before = snapshot(box.m());
  Result r = box.run({"freeze", "m"});
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find("[unknown-key]") != std::string::npos);
  CHECK(r.err.ends_with("cwgreport: 'm' has errors: nothing frozen, no file changed\n"));
  CHECK(snapshot(box.m()) == before);
}

TEST_CASE("freeze changes no file when a label cannot be written in place", "[cli][freeze]") {
  Sandbox box;
  const fs::path file = box.m() / "sections" / "adoption-of-agenda.yaml";
  std::string s = slurp(file);
  s.replace(s.find("  - The agenda was adopted as drafted."),
            std::string("  - The agenda was adopted as drafted.").size(),
            "  - {text: The agenda was adopted as drafted.}");
  spit(file, s);
  REQUIRE(box.run({"check", "m"}).status == 0);
  const auto before = snapshot(box.m());
  Result r = box.run({"freeze", "m"});
  CHECK(r.status == 1);
  CHECK(r.err ==
        "cwgreport: cannot add the labels of 'm/sections/adoption-of-agenda.yaml' without "
        "rewriting it (a mapping written in braces): write them by hand ('label: para-3-1'), "
        "then freeze again\n");
  CHECK(snapshot(box.m()) == before);
}

TEST_CASE("freeze changes no file when a translation's key cannot be renamed in place",
          "[cli][freeze]") {
  Sandbox box;
  const fs::path file = box.m() / "translations/fr/sections/adoption-of-agenda.yaml";
  std::string s = slurp(file);
  s.replace(s.find("\nparagraph 1:"), std::string("\nparagraph 1:").size(), "\n\"paragraph 1\":");
  spit(file, s);
  REQUIRE(box.run({"check", "m", "--language", "fr", "-W", "no-translation-missing"}).status == 0);
  const auto before = snapshot(box.m());
  Result r = box.run({"freeze", "m"});
  CHECK(r.status == 1);
  CHECK(r.err ==
        "cwgreport: cannot rename the keys of the paragraphs labelled in "
        "'m/translations/fr/sections/adoption-of-agenda.yaml' without rewriting it: rename them "
        "by hand ('paragraph N' to 'paragraph LABEL'), then freeze again\n");
  CHECK(snapshot(box.m()) == before);
}

TEST_CASE("a frozen report keeps its numbers: bis paragraphs, [Deleted], a second freeze",
          "[cli][freeze]") {
  Sandbox box;
  REQUIRE(box.run({"freeze", "m", "-q"}).status == 0);
  revise_discussions(box.m());
  Result b = box.run({"build", "m", "-f", "txt", "-q"});
  REQUIRE(b.err.empty());
  REQUIRE(b.status == 0);
  const std::string text = slurp(box.m() / "out" / "report.txt");
  CHECK(lines_starting(text, "6.") ==
        "6.1\tFollowing t\n"
        "6.2\tThe secreta\n"
        "6.3\tThe delegat\n"
        "6.3bis\tThe Chair t\n"
        "6.3ter\tThe secreta\n"
        "6.4\t[Deleted]\n"
        "6.5\tThe represe\n"
        "6.6\tIn addition\n"
        "6.7\tThe represe\n"
        "6.8\tThe represe\n"
        "6.9\tThe contrib\n"
        "6.10\tThe represe\n"
        "6.11\tThe delegat\n"
        "6.12\tThe contrib\n"
        "6.13\tThe represe\n"
        "6.14\tAfter the l\n"
        "6.15\tThe represe\n");
  // A cross-reference prints the bis number.
  {
    const fs::path outcomes = box.m() / "sections" / "outcomes.yaml";
    std::string s = slurp(outcomes);
    s.replace(s.find("Group.\n"), 7, "Group (see paragraph {para:chair-thanks}).\n");
    spit(outcomes, s);
    REQUIRE(box.run({"build", "m", "-f", "txt", "-q"}).status == 0);
    CHECK(slurp(box.m() / "out" / "report.txt").find("Group (see paragraph 6.3bis).") !=
          std::string::npos);
  }
  // The diff reads as the revision: two insertions and a deletion, no renumbering.
  fs::copy(box.m(), box.work() / "rev1", fs::copy_options::recursive);
  // Rev.2: freezing again records the bis numbers, and labels 6.3ter.
  Result f = box.run({"freeze", "m"});
  CHECK(f.status == 0);
  CHECK(f.out ==
        "labelled 1 paragraph in m/sections/discussions.yaml\n"
        "wrote m/frozen.yaml (36 numbers)\n");
  const std::string frozen = slurp(box.m() / "frozen.yaml");
  CHECK(frozen.find("\n  uae-country-repository: \"6.3\"\n  chair-thanks: \"6.3bis\"\n  "
                    "para-6-3ter: \"6.3ter\"\n  bdt-activities: \"6.4\"\n") != std::string::npos);
  CHECK(slurp(box.m() / "sections" / "discussions.yaml")
            .find("  - label: para-6-3ter\n    text: The secretariat took note.\n") !=
        std::string::npos);
  // After Rev.2, a paragraph inserted after 6.3ter is 6.3quater.
  {
    const fs::path file = box.m() / "sections" / "discussions.yaml";
    std::string s = slurp(file);
    s.insert(s.find("  - label: bdt-activities"), "  - Another paragraph.\n");
    spit(file, s);
    REQUIRE(box.run({"build", "m", "-f", "txt", "-q"}).status == 0);
    CHECK(slurp(box.m() / "out" / "report.txt").find("\n6.3quater\tAnother paragraph.\n") !=
          std::string::npos);
  }
  Result d = box.run({"diff", "rev1", "m", "--color", "never"});
  CHECK(d.status == 1);
  CHECK(d.out ==
        "--- rev1\n+++ m\n"
        "inserted paragraph 6.3quater\n"
        "  {+Another paragraph.+}\n");
}

TEST_CASE("with numbering: {deleted: omitted}, a deleted paragraph leaves its number unused",
          "[cli][freeze]") {
  Sandbox box;
  REQUIRE(box.run({"freeze", "m", "-q"}).status == 0);
  revise_discussions(box.m());
  std::string report = slurp(box.m() / "report.yaml");
  report.insert(report.find("sections:\n"), "numbering:\n  deleted: omitted\n\n");
  spit(box.m() / "report.yaml", report);
  Result b = box.run({"build", "m", "-q"});
  REQUIRE(b.status == 0);
  const std::string text = slurp(box.m() / "out" / "report.txt");
  CHECK(text.find("\n6.3ter\tThe secretariat took note.\n6.5\tThe representative") !=
        std::string::npos);
  CHECK(text.find("[Deleted]") == std::string::npos);
  CHECK(slurp(box.m() / "out" / "report.html").find("bdt-activities") == std::string::npos);
}

TEST_CASE("diff: a withdrawn paragraph is withdrawn, marked or omitted", "[cli][diff][freeze]") {
  Sandbox box;
  REQUIRE(box.run({"freeze", "m", "-q"}).status == 0);
  fs::copy(box.m(), box.work() / "circulated", fs::copy_options::recursive);
  revise_discussions(box.m());
  const std::string inserted =
      "--- circulated\n+++ m\n"
      "inserted paragraph 6.3bis\n  {+The Chair thanked the delegate.+}\n"
      "inserted paragraph 6.3ter\n  {+The secretariat took note.+}\n";
  // Marked: it keeps its number, and its "[Deleted]" is not a change of words.
  Result marked = box.run({"diff", "circulated", "m", "--color", "never"});
  CHECK(marked.status == 1);
  CHECK(marked.out.starts_with(inserted +
                               "withdrawn paragraph 6.4\n  [-The representative from ITU"));
  CHECK(marked.out.find("[Deleted]") == std::string::npos);
  CHECK(marked.out.find("changed") == std::string::npos);
  Result json = box.run({"diff", "circulated", "m", "-f", "json"});
  CHECK(json.out.find("\"kind\": \"withdrawn\",\n      \"what\": \"paragraph\",\n      "
                      "\"old\": \"6.4\",\n      \"new\": \"6.4\"") != std::string::npos);
  // Omitted: the report prints nothing of it, and the paragraphs after it
  // are still matched with themselves, not with their neighbours.
  std::string report = slurp(box.m() / "report.yaml");
  report.insert(report.find("sections:\n"), "numbering:\n  deleted: omitted\n\n");
  spit(box.m() / "report.yaml", report);
  Result omitted = box.run({"diff", "circulated", "m", "--color", "never"});
  CHECK(omitted.status == 1);
  CHECK(omitted.out.starts_with(inserted + "deleted paragraph 6.4 (old numbering)\n  [-The "
                                           "representative from ITU"));
  CHECK(omitted.out.find("changed") == std::string::npos);
  CHECK(omitted.out.find("renumbered") == std::string::npos);
}

TEST_CASE("diff: a paragraph moved across a heading is the paragraph that moved", "[cli][diff]") {
  Sandbox box;
  fs::copy(box.m(), box.work() / "old", fs::copy_options::recursive);
  // The last paragraph of section 6 becomes the first of section 7: the
  // section did not move, and 6.15 is not just renumbered.
  const fs::path discussions = box.m() / "sections" / "discussions.yaml";
  const fs::path outcomes = box.m() / "sections" / "outcomes.yaml";
  std::string d = slurp(discussions), o = slurp(outcomes);
  const auto at = d.find("  - label: unicef-childrens-rights\n");
  REQUIRE(at != std::string::npos);
  const std::string paragraph = d.substr(at);
  d.erase(at);
  o.insert(o.find("  - label: logo-comments\n"), paragraph + "\n");
  spit(discussions, d);
  spit(outcomes, o);
  Result r = box.run({"diff", "old", "m", "--color", "never"});
  CHECK(r.status == 1);
  CHECK(r.out ==
        "--- old\n+++ m\n"
        "moved paragraph 7.1, was 6.15\n"
        "renumbered 5 paragraphs: 7.1\u20137.5 are now 7.2\u20137.6\n");
  // Out of the preamble into section 1: where it was is a place in the
  // preamble, not a number.
  spit(box.work() / "old" / "sections" / "preamble.yaml",
       "paragraphs:\n  - label: about\n    text: This report was prepared by the "
       "secretariat.\n");
  std::string report = slurp(box.work() / "old" / "report.yaml");
  report.insert(report.find("sections:\n"), "preamble: sections/preamble.yaml\n\n");
  spit(box.work() / "old" / "report.yaml", report);
  const fs::path introduction = box.m() / "sections" / "introduction.yaml";
  std::string i = slurp(introduction);
  i.insert(i.find("  - label: meeting-held\n"),
           "  - label: about\n    text: This report was prepared by the secretariat.\n");
  spit(introduction, i);
  Result p = box.run({"diff", "old", "m", "--color", "never"});
  CHECK(p.status == 1);
  CHECK(
      p.out.starts_with("--- old\n+++ m\n"
                        "moved paragraph 1.1, was paragraph 1 of the preamble\n"));
  Result back = box.run({"diff", "m", "old", "--color", "never"});
  CHECK(
      back.out.starts_with("--- m\n+++ old\n"
                           "moved paragraph 1 of the preamble, was paragraph 1.1\n"));
  Result json = box.run({"diff", "old", "m", "-f", "json"});
  CHECK(json.out.find("\"kind\": \"moved\",\n      \"what\": \"paragraph\",\n      "
                      "\"old_what\": \"preamble\",\n      \"old\": \"1\",\n      "
                      "\"new\": \"1.1\"") != std::string::npos);
}

TEST_CASE("diff: a signature or a record's header line that changed is a change", "[cli][diff]") {
  Sandbox box;
  fs::copy(box.m(), box.work() / "old", fs::copy_options::recursive);
  std::string report = slurp(box.m() / "report.yaml");
  report.replace(report.find("role: Chair, CWG-COP"), 20, "role: Chairman, CWG-COP");
  spit(box.m() / "report.yaml", report);
  Result r = box.run({"diff", "old", "m", "--color", "never"});
  CHECK(r.status == 1);
  CHECK(r.out ==
        "--- old\n+++ m\n"
        "changed signature\n"
        "  Ibrahim Al Dabal (UAE) [-Chair,-] {+Chairman,+} CWG-COP\n");
  // A summary record: its time line, and its signatures by their place.
  const fs::path record = fs::path(CWG_SOURCE_DIR) / "examples" / "council-summary-record";
  fs::copy(record, box.work() / "record-old", fs::copy_options::recursive);
  fs::copy(record, box.work() / "record-new", fs::copy_options::recursive);
  fs::remove_all(box.work() / "record-old" / "out");
  fs::remove_all(box.work() / "record-new" / "out");
  std::string yaml = slurp(box.work() / "record-new" / "report.yaml");
  yaml.replace(yaml.find("start_time: \"09:30\""), 19, "start_time: \"09:45\"");
  yaml.replace(yaml.find("role: \"The Chairman:\""), 21, "role: \"The Chair:\"");
  spit(box.work() / "record-new" / "report.yaml", yaml);
  Result d = box.run({"diff", "record-old", "record-new", "--color", "never"});
  CHECK(d.status == 1);
  CHECK(d.out ==
        "--- record-old\n+++ record-new\n"
        "changed record time\n"
        "  Wednesday, 10\u00A0June 2026, from [-0930-] {+0945+} to 1225 hours\n"
        "changed signature 2\n"
        "  The [-Chairman:-] {+Chair:+} P\u00E9ter Varga\n");
  // The redline marks the words that changed where they stand.
  Result html = box.run({"diff", "record-old", "record-new", "-f", "html"});
  CHECK(html.out.find("<p class=\"record-when\">Wednesday, 10\u00A0June 2026, from<del "
                      "class=\"redline\"> 0930</del><ins class=\"redline\"> 0945</ins> to 1225 "
                      "hours</p>") != std::string::npos);
  CHECK(html.out.find("<p class=\"signature-role\">The<del class=\"redline\"> Chairman:</del><ins "
                      "class=\"redline\"> Chair:</ins></p>") != std::string::npos);
  Result json = box.run({"diff", "record-old", "record-new", "-f", "json"});
  CHECK(json.out.find("\"what\": \"signature\",\n      \"old\": \"\",\n      \"new\": "
                      "\"\",\n      \"label\": \"signature 2\"") != std::string::npos);
}

TEST_CASE("a frozen label removed is an error at its line in frozen.yaml", "[cli][freeze]") {
  Sandbox box;
  REQUIRE(box.run({"freeze", "m", "-q"}).status == 0);
  const fs::path file = box.m() / "sections" / "discussions.yaml";
  std::string s = slurp(file);
  s.replace(s.find("  - label: bdt-activities\n"), 26, "  - label: bdt-activity\n");
  spit(file, s);
  Result r = box.run({"check", "m", "--color", "never"});
  CHECK(r.status == 1);
  CHECK(r.err.starts_with(
      "m/frozen.yaml:25:3: error: paragraph 'bdt-activities' (6.4) of the circulated report is "
      "no longer in the sources [frozen-label-removed]\n"
      "  bdt-activities: \"6.4\"\n"
      "  ^\n"
      "m/sections/discussions.yaml:29:12: note: 'bdt-activity' is not in frozen.yaml: was the "
      "label renamed?\n"));
  // And freeze refuses, so that a revision cannot silently renumber.
  const auto before = snapshot(box.m());
  CHECK(box.run({"freeze", "m"}).status == 1);
  CHECK(snapshot(box.m()) == before);
}
