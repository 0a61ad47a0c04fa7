// Tests of `cwgreport init` and `cwgreport schema`: runs the built binary in
// temporary folders, then compiles what init wrote with the front end.
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "cwgreport/compile.h"
#include "cwgreport/diagnostic.h"
#include "cwgreport/report_tree.h"

#include "test_util.h"

namespace {

namespace fs = std::filesystem;

const fs::path kSource = CWG_SOURCE_DIR;

using cwg::test::slurp;
using cwg::test::spit;

struct Result {
  int status = -1;
  std::string out;
  std::string err;
};

// A temporary working folder in which the binary runs, so that the paths it
// prints are the short relative ones a user sees.
class Sandbox {
 public:
  Sandbox() {
    std::string tmpl = (fs::temp_directory_path() / "cwgreport-init-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    root_ = tmpl;
    fs::create_directories(root_ / "work");
  }
  ~Sandbox() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  fs::path work() const { return root_ / "work"; }

  // A copy of one of the examples, as work/NAME.
  void copy_example(const std::string& example, const std::string& name) const {
    fs::copy(kSource / "examples" / example, work() / name, fs::copy_options::recursive);
    fs::remove_all(work() / name / "out");
  }

  Result run(const std::vector<std::string>& args) {
    fs::path out = root_ / "stdout", err = root_ / "stderr";
    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
      if (chdir(work().c_str()) != 0) _exit(126);
      if (!freopen(out.c_str(), "w", stdout) || !freopen(err.c_str(), "w", stderr)) _exit(126);
      unsetenv("NO_COLOR");
      std::vector<std::string> copy = args;
      std::string binary = CWG_BINARY;
      std::vector<char*> argv = {binary.data()};
      for (auto& a : copy) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(binary.c_str(), argv.data());
      _exit(127);
    }
    int status = 0;
    if (waitpid(pid, &status, 0) != pid) throw std::runtime_error("waitpid failed");
    return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), slurp(out),
            slurp(err)};
  }

 private:
  fs::path root_;
};

// The front end's verdict on a folder: every diagnostic, one per line.
struct Compiled {
  std::optional<cwg::tree::Report> report;
  std::string diagnostics;
};

Compiled compile_folder(const fs::path& dir) {
  cwg::Diagnostics diags;
  Compiled c;
  c.report = cwg::compile(dir.string(), diags);
  for (const auto& d : diags.all())
    c.diagnostics +=
        d.loc.file + ":" + std::to_string(d.loc.line) + ": " + d.message + " [" + d.code + "]\n";
  return c;
}

// The printed text of some inlines, without their formatting.
std::string plain(const cwg::tree::Inlines& inlines) {
  std::string out;
  for (const auto& i : inlines) {
    out += i.children.empty() ? i.text : plain(i.children);
    if (i.kind == cwg::tree::Inline::Kind::softbreak) out += " ";
  }
  return out;
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

TEST_CASE("init writes a scaffold that builds with no diagnostics", "[init]") {
  Sandbox s;
  Result r = s.run({"init", "m", "--date", "2024-05-14"});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out ==
        "wrote m/report.yaml\n"
        "wrote m/documents.yaml\n"
        "wrote m/sections/opening.yaml\n"
        "wrote m/sections/discussions.yaml\n"
        "wrote m/sections/outcomes.yaml\n");

  Compiled c = compile_folder(s.work() / "m");
  CHECK(c.diagnostics == "");
  REQUIRE(c.report);
  CHECK(c.report->title == "OUTCOME OF THE 1ST MEETING OF THE COUNCIL WORKING GROUP ON EXAMPLE");
  REQUIRE(c.report->sections.size() == 3);
  CHECK(plain(c.report->sections[0].heading) ==
        "Opening of the meeting and adoption of the agenda");
  CHECK(plain(c.report->sections[2].heading) == "Outcomes of the 1st meeting");
  CHECK(plain(c.report->sections[0].blocks[1].text) ==
        "The meeting adopted its agenda (CWG-EX-1/1).");

  // The build of the binary in the build tree has no installed schemas
  // beside it: the modelines name each schema by its $id.
  CHECK(first_line(slurp(s.work() / "m" / "report.yaml")) ==
        "# yaml-language-server: $schema=https://cwgreport.example/schemas/report.schema.json");
  CHECK(first_line(slurp(s.work() / "m" / "sections" / "outcomes.yaml")) ==
        "# yaml-language-server: $schema=https://cwgreport.example/schemas/section.schema.json");

  // The constructs that would need data of the user's are shown commented
  // out, as a paragraph's keys.
  std::string discussions = slurp(s.work() / "m" / "sections" / "discussions.yaml");
  for (const char* shown : {"presents:", "footnotes:", "quote:", "table:"}) {
    INFO(shown);
    CHECK(discussions.find(std::string("\n  #   ") + shown) != std::string::npos);
  }
  CHECK(discussions.find("{note:revised}") != std::string::npos);
}

TEST_CASE("init --number, --group-name and --acronym set the group and the meeting", "[init]") {
  Sandbox s;
  // Characters that YAML, Markdown or a cross-reference would read as syntax
  // are all printed as typed.
  Result r = s.run({"init", "m", "--date", "2024-02-29", "--number", "7", "--group-name",
                    "Group \"Q\" \\ on *things*: {doc:1/1} & <b>", "--acronym", "Q\\WG"});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  Compiled c = compile_folder(s.work() / "m");
  CHECK(c.diagnostics == "");
  REQUIRE(c.report);
  CHECK(c.report->title ==
        "OUTCOME OF THE 7TH MEETING OF THE GROUP \"Q\" \\ ON *THINGS*: "
        "{DOC:1/1} & <B>");
  REQUIRE(c.report->summary.size() == 1);
  CHECK(plain(c.report->summary[0].text) ==
        "This report summarizes the main results of the 7th meeting of the Group \"Q\" \\ on "
        "*things*: {doc:1/1} & <b> (Q\\WG), held on 29\u00A0February 2024.");
  CHECK(plain(c.report->sections[0].blocks[1].text) ==
        "The meeting adopted its agenda (Q\\WG-7/1).");
}

TEST_CASE("init --schemas points the modelines at a folder relative to the meeting", "[init]") {
  Sandbox s;
  Result r = s.run({"init", "m", "--date", "2024-05-14", "--schemas", "../../schemas"});
  CHECK(r.status == 0);
  CHECK(first_line(slurp(s.work() / "m" / "report.yaml")) ==
        "# yaml-language-server: $schema=../../schemas/report.schema.json");
  CHECK(first_line(slurp(s.work() / "m" / "documents.yaml")) ==
        "# yaml-language-server: $schema=../../schemas/documents.schema.json");
  CHECK(first_line(slurp(s.work() / "m" / "sections" / "opening.yaml")) ==
        "# yaml-language-server: $schema=../../../schemas/section.schema.json");

  Result url = s.run({"init", "u", "--date", "2024-05-14", "--schemas", "https://example.org/s/"});
  CHECK(url.status == 0);
  CHECK(first_line(slurp(s.work() / "u" / "sections" / "opening.yaml")) ==
        "# yaml-language-server: $schema=https://example.org/s/section.schema.json");
}

TEST_CASE("init --from the 14th meeting starts the 15th, which compiles cleanly", "[init]") {
  Sandbox s;
  s.copy_example("meeting14", "meeting14");
  Result r = s.run({"init", "meeting15", "--from", "meeting14", "--date", "2018-09-20"});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out ==
        "wrote meeting15/report.yaml\n"
        "wrote meeting15/documents.yaml\n"
        "wrote meeting15/sections/introduction.yaml\n"
        "wrote meeting15/sections/welcoming-remarks.yaml\n"
        "wrote meeting15/sections/adoption-of-agenda.yaml\n"
        "wrote meeting15/sections/information-reports.yaml\n"
        "wrote meeting15/sections/contributions.yaml\n"
        "wrote meeting15/sections/discussions.yaml\n"
        "wrote meeting15/sections/outcomes.yaml\n");

  Compiled prev = compile_folder(s.work() / "meeting14");
  Compiled next = compile_folder(s.work() / "meeting15");
  CHECK(next.diagnostics == "");
  REQUIRE(prev.report);
  REQUIRE(next.report);
  CHECK(next.report->title ==
        "OUTCOME OF THE 15TH MEETING OF THE COUNCIL WORKING GROUP ON CHILD ONLINE PROTECTION");
  CHECK(plain(next.report->summary[0].text) ==
        "This report summarizes the main results of the 15th meeting of the Council Working "
        "Group on Child Online Protection (CWG-COP), held on 20\u00A0September 2018.");
  CHECK(plain(next.report->references) == plain(prev.report->references));
  CHECK(next.report->signature.name == prev.report->signature.name);
  CHECK(next.report->signature.role == prev.report->signature.role);

  // The sections keep their headings and anchors (from their labels); a
  // heading naming the old meeting names the new one.
  REQUIRE(next.report->sections.size() == prev.report->sections.size());
  for (std::size_t i = 0; i < next.report->sections.size(); ++i) {
    const auto& sec = next.report->sections[i];
    INFO(sec.anchor);
    CHECK(sec.anchor == prev.report->sections[i].anchor);
    REQUIRE(sec.blocks.size() == 1);
    CHECK(sec.blocks[0].number == sec.number + ".1");
    CHECK(plain(sec.blocks[0].text) == "To be drafted.");
  }
  CHECK(plain(next.report->sections[1].heading) == "Welcoming remarks");
  CHECK(plain(next.report->sections[6].heading) == "Outcomes of the 15th meeting of the CWG-COP");

  std::string documents = slurp(s.work() / "meeting15" / "documents.yaml");
  CHECK(documents.find("\ndocuments: []\n") != std::string::npos);
  CHECK(
      documents.find("  - id: \"uae\"\n    name: \"United Arab Emirates\"\n    short: \"UAE\"\n") !=
      std::string::npos);
}

TEST_CASE("init --from keeps a heading's references that still resolve", "[init]") {
  Sandbox s;
  s.copy_example("meeting14", "meeting14");
  fs::path file = s.work() / "meeting14" / "sections" / "welcoming-remarks.yaml";
  std::string text = slurp(file);
  std::string old_heading = "heading: Welcoming remarks\n";
  REQUIRE(text.find(old_heading) != std::string::npos);
  text.replace(text.find(old_heading), old_heading.size(),
               "heading: Remarks on {doc:14/2|title}, {sec:introduction}, {meeting:14|words} "
               "and {person:al-dabal}\n");
  spit(file, text);
  REQUIRE(compile_folder(s.work() / "meeting14").diagnostics == "");

  Result r = s.run({"init", "meeting15", "--from", "meeting14", "--date", "2018-09-20"});
  CHECK(r.status == 0);
  Compiled next = compile_folder(s.work() / "meeting15");
  CHECK(next.diagnostics == "");
  REQUIRE(next.report);
  // The register is not carried over: the document reference prints as
  // written, for the author to rewrite.
  CHECK(plain(next.report->sections[1].heading) ==
        "Remarks on {doc:14/2|title}, 1, fifteenth and Mr Ibrahim Al Dabal (UAE)");
  CHECK(slurp(s.work() / "meeting15" / "sections" / "welcoming-remarks.yaml")
            .find("heading: \"Remarks on \\\\{doc:14/2|title}, {sec:introduction}, "
                  "{meeting:15|words} and\n  {person:al-dabal}\"\n") != std::string::npos);
}

TEST_CASE("init --from a report on two meetings starts the one after the last", "[init]") {
  Sandbox s;
  s.copy_example("cwg-cop-15-16", "prev");
  Result r = s.run({"init", "next", "--from", "prev", "--date", "2020-09-24"});
  CHECK(r.status == 0);
  Compiled next = compile_folder(s.work() / "next");
  CHECK(next.diagnostics == "");
  REQUIRE(next.report);
  CHECK(next.report->title.find("SEVENTEENTH MEETING") != std::string::npos);
  REQUIRE(next.report->annexes.size() == 1);
  CHECK(next.report->annexes[0].number == "Annex 1");
  // "Discussions at the {meeting:16|words} meeting" follows the new number.
  bool found = false;
  for (const auto& sec : next.report->sections)
    found = found || plain(sec.heading) == "Discussions at the seventeenth meeting";
  CHECK(found);
  // The Vice-Chair chaired the 16th meeting in the Chair's place: that is
  // not carried over as a fact about the 17th.
  CHECK(slurp(s.work() / "next" / "report.yaml").find("    # chair: \"dlamini\"") !=
        std::string::npos);
}

TEST_CASE("init --number overrides the number that --from would give", "[init]") {
  Sandbox s;
  s.copy_example("meeting14", "meeting14");
  Result r = s.run({"init", "m", "--from", "meeting14", "--date", "2019-01-20", "--number", "16"});
  CHECK(r.status == 0);
  Compiled c = compile_folder(s.work() / "m");
  CHECK(c.diagnostics == "");
  REQUIRE(c.report);
  CHECK(c.report->title.rfind("OUTCOME OF THE 16TH MEETING", 0) == 0);
}

TEST_CASE("init refuses a folder that is not empty and writes nothing", "[init]") {
  Sandbox s;
  fs::create_directories(s.work() / "m");
  spit(s.work() / "m" / "notes.txt", "mine\n");
  Result r = s.run({"init", "m", "--date", "2024-05-14"});
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(r.err ==
        "cwgreport: cannot initialize 'm': the folder is not empty; init writes only into a new "
        "or empty folder\n");
  CHECK(slurp(s.work() / "m" / "notes.txt") == "mine\n");
  CHECK(std::distance(fs::directory_iterator(s.work() / "m"), fs::directory_iterator()) == 1);

  Result file = s.run({"init", "m/notes.txt", "--date", "2024-05-14"});
  CHECK(file.status == 1);
  CHECK(file.err == "cwgreport: cannot initialize 'm/notes.txt': it exists and is not a folder\n");

  // An empty folder is fine: a fresh clone's meeting folder, say.
  fs::create_directories(s.work() / "empty");
  CHECK(s.run({"init", "empty", "--date", "2024-05-14"}).status == 0);
  CHECK(fs::exists(s.work() / "empty" / "report.yaml"));
}

TEST_CASE("init --from refuses a previous report with errors", "[init]") {
  Sandbox s;
  s.copy_example("meeting14", "meeting14");
  std::ofstream(s.work() / "meeting14" / "report.yaml", std::ios::app) << "\nnot-a-key: 1\n";
  Result r = s.run({"init", "meeting15", "--from", "meeting14", "--date", "2018-09-20"});
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find("error: unknown key 'not-a-key' in report.yaml [unknown-key]") !=
        std::string::npos);
  CHECK(r.err.size() > 1);
  CHECK(r.err.substr(r.err.rfind('\n', r.err.size() - 2) + 1) ==
        "cwgreport: cannot start from 'meeting14': its sources have errors\n");
  CHECK(!fs::exists(s.work() / "meeting15"));

  Result missing = s.run({"init", "x", "--from", "nowhere", "--date", "2018-09-20"});
  CHECK(missing.status == 1);
  CHECK(missing.err.find("cwgreport: cannot start from 'nowhere': its sources have errors\n") !=
        std::string::npos);
}

TEST_CASE("init checks its options before writing anything", "[init]") {
  Sandbox s;
  Result from = s.run({"init", "m", "--from", "meeting14"});
  CHECK(from.status == 2);
  CHECK(from.err == "cwgreport: --from requires --date\nrun 'cwgreport init --help' for usage\n");

  Result date = s.run({"init", "m", "--date", "2023-02-29"});
  CHECK(date.status == 2);
  CHECK(date.err ==
        "cwgreport: --date: '2023-02-29' is not a day that exists\n"
        "run 'cwgreport init --help' for usage\n");

  Result shape = s.run({"init", "m", "--date", "29/02/2024"});
  CHECK(shape.status == 2);
  CHECK(first_line(shape.err) ==
        "cwgreport: --date: '29/02/2024' is not a date written YYYY-MM-DD");

  Result acronym = s.run({"init", "m", "--acronym", ""});
  CHECK(acronym.status == 2);
  CHECK(first_line(acronym.err) == "cwgreport: --acronym: the value is empty");

  CHECK(s.run({"init", "m", "--number", "1000"}).status == 2);
  CHECK(!fs::exists(s.work() / "m"));
}

TEST_CASE("schema prints the JSON Schema of each kind of file", "[schema]") {
  Sandbox s;
  for (const char* kind : {"report", "documents", "section"}) {
    INFO(kind);
    Result r = s.run({"schema", kind});
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    CHECK(r.out == slurp(kSource / "schemas" / (std::string(kind) + ".schema.json")));
  }
  Result bad = s.run({"schema", "register"});
  CHECK(bad.status == 2);
  CHECK(bad.out.empty());
  CHECK(first_line(bad.err) == "cwgreport: KIND: register not in {report,documents,section}");

  Result none = s.run({"schema"});
  CHECK(none.status == 2);
  CHECK(first_line(none.err) == "cwgreport: KIND is required");
}
