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
        "wrote m/sections/outcomes.yaml\n"
        "wrote m/schemas/report.schema.json\n"
        "wrote m/schemas/documents.schema.json\n"
        "wrote m/schemas/section.schema.json\n");

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

  // The modelines lead to the folder's own copy of the schemas, by a path
  // relative to each file, so that they work wherever the folder is cloned.
  CHECK(first_line(slurp(s.work() / "m" / "report.yaml")) ==
        "# yaml-language-server: $schema=schemas/report.schema.json");
  CHECK(first_line(slurp(s.work() / "m" / "documents.yaml")) ==
        "# yaml-language-server: $schema=schemas/documents.schema.json");
  CHECK(first_line(slurp(s.work() / "m" / "sections" / "outcomes.yaml")) ==
        "# yaml-language-server: $schema=../schemas/section.schema.json");
  for (const char* kind : {"report", "documents", "section"}) {
    std::string file = std::string(kind) + ".schema.json";
    CHECK(slurp(s.work() / "m" / "schemas" / file) == slurp(kSource / "schemas" / file));
  }

  // The constructs that would need data of the user's are shown commented
  // out, as a paragraph's keys.
  std::string discussions = slurp(s.work() / "m" / "sections" / "discussions.yaml");
  for (const char* shown : {"presents:", "footnotes:", "quote:", "table:"}) {
    INFO(shown);
    CHECK(discussions.find(std::string("\n  #   ") + shown) != std::string::npos);
  }
  CHECK(discussions.find("{note:revised}") != std::string::npos);
}

TEST_CASE("init -q writes the same files and lists none", "[init]") {
  Sandbox s;
  Result r = s.run({"init", "-q", "m", "--date", "2024-05-14"});
  CHECK(r.status == 0);
  CHECK(r.out.empty());
  CHECK(r.err.empty());
  CHECK(compile_folder(s.work() / "m").diagnostics == "");
  CHECK(fs::exists(s.work() / "m" / "sections" / "outcomes.yaml"));
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

  // The schemas are where --schemas says: the folder gets no copy.
  CHECK(!fs::exists(s.work() / "m" / "schemas"));
  CHECK(r.out.find("schema.json") == std::string::npos);

  Result url = s.run({"init", "u", "--date", "2024-05-14", "--schemas", "https://example.org/s/"});
  CHECK(url.status == 0);
  CHECK(first_line(slurp(s.work() / "u" / "sections" / "opening.yaml")) ==
        "# yaml-language-server: $schema=https://example.org/s/section.schema.json");

  Result absolute = s.run({"init", "a", "--date", "2024-05-14", "--schemas", "/opt/cwg/schemas/"});
  CHECK(absolute.status == 0);
  CHECK(first_line(slurp(s.work() / "a" / "sections" / "opening.yaml")) ==
        "# yaml-language-server: $schema=/opt/cwg/schemas/section.schema.json");

  // The modeline's value ends at the first space.
  Result space = s.run({"init", "x", "--date", "2024-05-14", "--schemas", "my schemas"});
  CHECK(space.status == 2);
  CHECK(first_line(space.err) ==
        "cwgreport: --schemas: the value holds a space, which would end the modeline's "
        "'$schema=' value");
  CHECK(!fs::exists(s.work() / "x"));
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
        "wrote meeting15/sections/outcomes.yaml\n"
        "wrote meeting15/schemas/report.schema.json\n"
        "wrote meeting15/schemas/documents.schema.json\n"
        "wrote meeting15/schemas/section.schema.json\n");
  CHECK(first_line(slurp(s.work() / "meeting15" / "report.yaml")) ==
        "# yaml-language-server: $schema=schemas/report.schema.json");
  CHECK(first_line(slurp(s.work() / "meeting15" / "sections" / "outcomes.yaml")) ==
        "# yaml-language-server: $schema=../schemas/section.schema.json");
  CHECK(slurp(s.work() / "meeting15" / "schemas" / "section.schema.json") ==
        slurp(kSource / "schemas" / "section.schema.json"));

  Compiled prev = compile_folder(s.work() / "meeting14");
  Compiled next = compile_folder(s.work() / "meeting15");
  CHECK(next.diagnostics == "");
  REQUIRE(prev.report);
  REQUIRE(next.report);
  CHECK(next.report->title ==
        "OUTCOME OF THE 15TH MEETING OF THE COUNCIL WORKING GROUP ON CHILD ONLINE PROTECTION");
  // The summary is the new meeting's, citing what the old one cited.
  CHECK(plain(next.report->summary[0].text) ==
        "This report summarizes the main results of the 15th meeting of the Council Working "
        "Group on Child Online Protection (CWG-COP), held on 20\u00A0September 2018, in "
        "accordance with Council Resolution\u00A01306 and Resolution\u00A0179 (Rev. Busan, "
        "2014).");
  CHECK(plain(next.report->references) == plain(prev.report->references));
  CHECK(next.report->signature.name == prev.report->signature.name);
  CHECK(next.report->signature.role == prev.report->signature.role);

  // The sections keep their headings and anchors (from their labels); a
  // heading naming the old meeting names the new one. Sections 4 and 5 keep
  // their lists generated from the register, the others await their text.
  REQUIRE(next.report->sections.size() == prev.report->sections.size());
  for (std::size_t i = 0; i < next.report->sections.size(); ++i) {
    const auto& sec = next.report->sections[i];
    INFO(sec.anchor);
    CHECK(sec.anchor == prev.report->sections[i].anchor);
    REQUIRE(sec.blocks.size() == 1);
    CHECK(sec.blocks[0].number == sec.number + ".1");
    if (i == 3 || i == 4) {
      // The register is empty, so far.
      CHECK(plain(sec.blocks[0].text) ==
            (i == 3 ? "The following documents were presented by the ITU secretariat:"
                    : "There were zero contributions from different stakeholders."));
      CHECK(sec.blocks[0].anchor == prev.report->sections[i].blocks[0].anchor);
    } else {
      CHECK(plain(sec.blocks[0].text) == "To be drafted.");
    }
  }
  CHECK(plain(next.report->sections[1].heading) == "Welcoming remarks");
  CHECK(plain(next.report->sections[6].heading) == "Outcomes of the 15th meeting of the CWG-COP");

  // Where and how the meeting is held is carried over, marked so; the 14th
  // meeting becomes an earlier meeting the text can refer to.
  std::string report = slurp(s.work() / "meeting15" / "report.yaml");
  CHECK(report.find("\n    venue: \"ITU Headquarters in Geneva\"   # as at the 14th meeting\n") !=
        std::string::npos);
  CHECK(report.find("\n    mode: \"hybrid\"   # as at the 14th meeting") != std::string::npos);
  CHECK(report.find("\nearlier_meetings:\n  - number: 14\n    date: 2018-01-23\n") !=
        std::string::npos);

  // The comments that teach the format, as a plain init writes them.
  CHECK(report.find("\n# The meetings the report covers, in chronological order.") !=
        std::string::npos);
  CHECK(report.find("\n# The section files, numbered 1, 2, 3 ... in this order.\n") !=
        std::string::npos);
  std::string discussions = slurp(s.work() / "meeting15" / "sections" / "discussions.yaml");
  for (const char* shown : {"presents:", "footnotes:", "quote:", "table:"}) {
    INFO(shown);
    CHECK(discussions.find(std::string("\n  #   ") + shown) != std::string::npos);
  }
  CHECK(slurp(s.work() / "meeting15" / "sections" / "outcomes.yaml")
            .find("  # Paragraphs are numbered 7.1, 7.2 ... in this order.") != std::string::npos);

  std::string documents = slurp(s.work() / "meeting15" / "documents.yaml");
  CHECK(documents.find("\ndocuments: []\n") != std::string::npos);
  CHECK(documents.find("\n# Kinds: agenda, information-report, contribution,") !=
        std::string::npos);
  CHECK(
      documents.find("  - id: \"uae\"\n    name: \"United Arab Emirates\"\n    short: \"UAE\"\n") !=
      std::string::npos);
}

TEST_CASE("init --from gives a folder that builds with its lists once the register is filled",
          "[init]") {
  Sandbox s;
  s.copy_example("meeting14", "meeting14");
  REQUIRE(s.run({"init", "meeting15", "--from", "meeting14", "--date", "2018-09-20"}).status == 0);

  // What an editor fills in: the register (uncommenting the example's
  // form), and the paragraphs that present its documents, one of them
  // referring to the previous meeting.
  fs::path folder = s.work() / "meeting15";
  std::string documents = slurp(folder / "documents.yaml");
  documents.replace(documents.find("documents: []\n"), 15,
                    "documents:\n"
                    "  - number: 1\n    title: \"Agenda\"\n    kind: \"agenda\"\n"
                    "  - number: 2\n    title: \"Update on the COP Initiative\"\n"
                    "    kind: \"information-report\"\n    source: \"secretariat\"\n"
                    "  - number: 3\n    title: \"Contribution from the United Arab Emirates\"\n"
                    "    kind: \"contribution\"\n    source: \"uae\"\n"
                    "  - number: 4\n    revision: 1\n    title: \"Contribution from Argentina\"\n"
                    "    kind: \"contribution\"\n    source: \"argentina\"\n");
  spit(folder / "documents.yaml", documents);
  std::string discussions = slurp(folder / "sections" / "discussions.yaml");
  const std::string placeholder = "  - \"To be drafted.\"\n";
  discussions.replace(discussions.find(placeholder), placeholder.size(),
                      "  - presents: \"15/2\"\n"
                      "    text: \"As agreed at the {meeting:14} meeting ({meeting:14|date}), "
                      "the secretariat presented {doc:15/2}.\"\n"
                      "  - presents: [\"15/3\", \"15/4R1\"]\n"
                      "    text: \"The contributions were presented.\"\n");
  spit(folder / "sections" / "discussions.yaml", discussions);

  Result r = s.run({"build", "meeting15", "-f", "txt"});
  CHECK(r.err == "");
  REQUIRE(r.status == 0);
  std::string text = slurp(folder / "out" / "report.txt");
  CHECK(text.find("4\tInformation reports\n"
                  "4.1\tThe following documents were presented by the ITU secretariat:\n"
                  "\u00B7 CWG-COP-15/2:\u00A0Update on the COP Initiative\n") != std::string::npos);
  CHECK(text.find("5\tContributions\n"
                  "5.1\tThere were two contributions from different stakeholders.\n"
                  "\u00B7 CWG-COP-15/3:\u00A0Contribution from the United Arab Emirates\n"
                  "\u00B7 CWG-COP-15/4R1:\u00A0Contribution from Argentina\n") !=
        std::string::npos);
  CHECK(text.find("6.1\tAs agreed at the 14th meeting (23\u00A0January 2018), the secretariat "
                  "presented CWG-COP-15/2.\n") != std::string::npos);
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
  // Nothing in the new report's check points at it: init does, at the
  // backslash, even with -q.
  CHECK(r.err ==
        "meeting15/sections/welcoming-remarks.yaml:6:22: note: '{doc:14/2|title}' is carried as "
        "text and prints as written: what it names is not carried over; rewrite it, or remove "
        "the backslash once it resolves\n");
  fs::remove_all(s.work() / "meeting15");
  CHECK(s.run({"init", "meeting15", "--from", "meeting14", "--date", "2018-09-20", "-q"}).err ==
        r.err);
}

TEST_CASE("init --from writes names with any character so that they read back", "[init]") {
  Sandbox s;
  s.copy_example("meeting14", "meeting14");
  fs::path file = s.work() / "meeting14" / "report.yaml";
  std::string text = slurp(file);
  // Written as YAML escapes, which the reader accepts: a C1 control (CSI),
  // a next-line, a line separator and a byte-order mark, each of which a
  // file may not hold as it is, or YAML reads as a line break.
  const std::string name = "  name: Council Working Group on Child Online Protection\n";
  REQUIRE(text.find(name) != std::string::npos);
  text.replace(text.find(name), name.size(),
               "  name: \"Council \\u009B31m Working \\u0085Group\\u2028 on \\uFEFFChild "
               "Online Protection\"\n");
  spit(file, text);
  REQUIRE(compile_folder(s.work() / "meeting14").diagnostics == "");

  Result r = s.run({"init", "meeting15", "--from", "meeting14", "--date", "2018-09-20"});
  CHECK(r.status == 0);
  // The names go into comments too, where an escape means nothing: there
  // each such character is a space.
  const std::string report = slurp(s.work() / "meeting15" / "report.yaml");
  CHECK(report.find("\xC2\x9B") == std::string::npos);
  CHECK(report.find("\\u009B31m") != std::string::npos);
  Compiled next = compile_folder(s.work() / "meeting15");
  CHECK(next.diagnostics == "");
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

TEST_CASE("init --from a document of another kind starts one of the same kind", "[init]") {
  Sandbox s;
  s.copy_example("cwg-internet-11-document", "doc11");
  s.copy_example("cwg-cop-14-chair-report", "chair14");
  REQUIRE(s.run({"init", "doc12", "--from", "doc11", "--date", "2018-09-20"}).status == 0);
  REQUIRE(s.run({"init", "chair15", "--from", "chair14", "--date", "2018-09-20"}).status == 0);

  // A group's document: its kind and a title, which it needs; no Summary
  // box, which it may not have.
  Compiled doc = compile_folder(s.work() / "doc12");
  CHECK(doc.diagnostics == "");
  REQUIRE(doc.report);
  CHECK(doc.report->kind == cwg::tree::DocumentKind::group_document);
  CHECK(doc.report->summary.empty());
  REQUIRE(doc.report->cover.left.size() == 2);
  // The cover, with its place, is the new document's to write: until then
  // the meeting line takes the venue carried over.
  CHECK(doc.report->cover.left[1].value ==
        "Twelfth meeting \u2013 ITU Headquarters in Geneva, 20\u00A0September 2018");
  std::string yaml = slurp(s.work() / "doc12" / "report.yaml");
  CHECK(yaml.find("\ntitle: ") != std::string::npos);
  CHECK(yaml.find("summary:") == std::string::npos);

  // A chair's report: its kind, no cover, the usual Summary box.
  Compiled chair = compile_folder(s.work() / "chair15");
  CHECK(chair.diagnostics == "");
  REQUIRE(chair.report);
  CHECK(chair.report->kind == cwg::tree::DocumentKind::chair_report);
  CHECK(chair.report->cover.source_line.starts_with("Report by the Chairman of"));
  CHECK(chair.report->title.find("FIFTEENTH MEETING") != std::string::npos);
}

TEST_CASE("init --from a summary record keeps the meeting's name, hours and signatures", "[init]") {
  Sandbox s;
  s.copy_example("council-summary-record", "record2");
  REQUIRE(s.run({"init", "record3", "--from", "record2", "--date", "2026-06-11"}).status == 0);
  Compiled c = compile_folder(s.work() / "record3");
  CHECK(c.diagnostics == "");
  REQUIRE(c.report);
  CHECK(c.report->kind == cwg::tree::DocumentKind::summary_record);
  // The title is made of the meeting's name; the hours are the previous
  // meeting's until the editor changes them.
  CHECK(c.report->title == "SUMMARY RECORD OF THE THIRD PLENARY MEETING");
  CHECK(c.report->record.when == "Thursday, 11\u00A0June 2026, from 0930 to 1225 hours");
  CHECK(c.report->record.chair == "Chairman: Mr P\u00E9ter Varga (Hungary)");
  // A record without a Summary box stays without one.
  CHECK(c.report->summary.empty());
  REQUIRE(c.report->signatures.size() == 2);
  CHECK(c.report->signatures[0].name == "Eva Lindqvist");
  CHECK(c.report->signatures[0].role == "The Secretary-General:");
  CHECK(c.report->signatures[0].role_above);
  CHECK(c.report->signatures[1].role == "The Chairman:");
  std::string yaml = slurp(s.work() / "record3" / "report.yaml");
  CHECK(yaml.find("  series: \"C26/\"\n") != std::string::npos);
  CHECK(yaml.find("end_date") == std::string::npos);
}

TEST_CASE("init --from keeps the table of contents, the preamble and the group's series",
          "[init]") {
  Sandbox s;
  s.copy_example("every-construct", "lang14");
  s.copy_example("cwg-internet-11-document", "doc11");
  REQUIRE(s.run({"init", "lang15", "--from", "lang14", "--date", "2025-09-01"}).status == 0);
  REQUIRE(s.run({"init", "doc12", "--from", "doc11", "--date", "2018-09-20"}).status == 0);
  Compiled c = compile_folder(s.work() / "lang15");
  CHECK(c.diagnostics == "");
  REQUIRE(c.report);
  CHECK(c.report->contents.size() == c.report->sections.size() + c.report->annexes.size());
  REQUIRE(c.report->preamble.size() == 1);
  CHECK(c.report->preamble[0].number.empty());
  CHECK(slurp(s.work() / "lang15" / "sections" / "preamble.yaml").find("To be drafted.") !=
        std::string::npos);
  std::string yaml = slurp(s.work() / "doc12" / "report.yaml");
  CHECK(yaml.find("  series: \"CWG-Internet {meeting}/\"\n  revision_form: \"spaced\"\n") !=
        std::string::npos);
  CHECK(compile_folder(s.work() / "doc12").diagnostics == "");
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
  CHECK(first_line(none.err) == "cwgreport: KIND or --write DIR is required");

  Result both = s.run({"schema", "report", "--write", "m"});
  CHECK(both.status == 2);
  CHECK(first_line(both.err) == "cwgreport: KIND excludes --write");
}

namespace {

// Every line of `text` but the first.
std::string after_first_line(const std::string& text) { return text.substr(text.find('\n') + 1); }

}  // namespace

TEST_CASE("schema --write gives a copied folder its own schemas and modelines", "[schema]") {
  Sandbox s;
  // Copied out of the repository, the example's modelines, which lead to
  // ../../schemas, lead nowhere.
  s.copy_example("meeting14", "meeting14");
  fs::path dir = s.work() / "meeting14";
  std::vector<std::string> sources = {"report.yaml",
                                      "documents.yaml",
                                      "sections/introduction.yaml",
                                      "sections/welcoming-remarks.yaml",
                                      "sections/adoption-of-agenda.yaml",
                                      "sections/information-reports.yaml",
                                      "sections/contributions.yaml",
                                      "sections/discussions.yaml",
                                      "sections/outcomes.yaml"};
  std::vector<std::string> before;
  for (const auto& f : sources) before.push_back(slurp(dir / f));

  Result r = s.run({"schema", "--write", "meeting14"});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  std::string listed;
  for (const auto& f : sources) listed += "wrote meeting14/" + f + "\n";
  listed +=
      "wrote meeting14/schemas/report.schema.json\n"
      "wrote meeting14/schemas/documents.schema.json\n"
      "wrote meeting14/schemas/section.schema.json\n";
  CHECK(r.out == listed);

  // Only the modeline changed.
  for (std::size_t i = 0; i < sources.size(); ++i) {
    INFO(sources[i]);
    std::string after = slurp(dir / sources[i]);
    std::string kind = i == 0 ? "report" : i == 1 ? "documents" : "section";
    std::string up = i < 2 ? "" : "../";
    CHECK(first_line(after) ==
          "# yaml-language-server: $schema=" + up + "schemas/" + kind + ".schema.json");
    CHECK(after_first_line(after) == after_first_line(before[i]));
  }
  for (const char* file : {"report.schema.json", "documents.schema.json", "section.schema.json"})
    CHECK(slurp(dir / "schemas" / file) == slurp(kSource / "schemas" / file));
  CHECK(compile_folder(dir).diagnostics == "");

  // A second run finds nothing to do, and says nothing.
  Result again = s.run({"schema", "--write", "meeting14/"});
  CHECK(again.status == 0);
  CHECK(again.out.empty());
  CHECK(again.err.empty());

  // After an upgrade, a stale copy of a schema is replaced, and only it.
  spit(dir / "schemas" / "section.schema.json", "{}\n");
  Result stale = s.run({"schema", "--write", "meeting14"});
  CHECK(stale.status == 0);
  CHECK(stale.out == "wrote meeting14/schemas/section.schema.json\n");
}

TEST_CASE("schema --write adds a modeline where there is none, keeping every byte", "[schema]") {
  Sandbox s;
  Result init = s.run({"init", "m", "--date", "2024-05-14"});
  REQUIRE(init.status == 0);
  fs::path dir = s.work() / "m";
  // A file without modeline, one with Windows line breaks and a byte order
  // mark, and one whose modeline follows other comments and names a URL.
  std::string report = after_first_line(slurp(dir / "report.yaml"));
  spit(dir / "report.yaml", report);
  std::string documents = after_first_line(slurp(dir / "documents.yaml"));
  std::string crlf;
  for (char c : documents) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  spit(dir / "documents.yaml", "\xEF\xBB\xBF" + crlf);
  std::string opening = after_first_line(slurp(dir / "sections" / "opening.yaml"));
  spit(dir / "sections" / "opening.yaml",
       "# Notes of the secretariat.\n"
       "#   yaml-language-server :  $schema=https://cwgreport.example/schemas/x.json\n" +
           opening);
  // A section file that is not even YAML still gets its modeline: the
  // editor then shows where the syntax breaks.
  spit(dir / "sections" / "outcomes.yaml", "label: [unclosed\n");
  fs::remove_all(dir / "schemas");
  // A file replaced by its new text keeps its permissions.
  fs::permissions(dir / "report.yaml", fs::perms::owner_read | fs::perms::owner_write);

  Result r = s.run({"schema", "--write", "m"});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(slurp(dir / "report.yaml") ==
        "# yaml-language-server: $schema=schemas/report.schema.json\n" + report);
  CHECK(slurp(dir / "documents.yaml") ==
        "\xEF\xBB\xBF# yaml-language-server: $schema=schemas/documents.schema.json\r\n" + crlf);
  CHECK(slurp(dir / "sections" / "opening.yaml") ==
        "# Notes of the secretariat.\n"
        "# yaml-language-server: $schema=../schemas/section.schema.json\n" +
            opening);
  CHECK(slurp(dir / "sections" / "outcomes.yaml") ==
        "# yaml-language-server: $schema=../schemas/section.schema.json\n"
        "label: [unclosed\n");
  CHECK(fs::is_regular_file(dir / "schemas" / "report.schema.json"));
  CHECK(fs::status(dir / "report.yaml").permissions() ==
        (fs::perms::owner_read | fs::perms::owner_write));
}

TEST_CASE("schema --write changes nothing in a folder it cannot update", "[schema]") {
  Sandbox s;
  s.copy_example("meeting14", "broken");
  fs::path dir = s.work() / "broken";
  // Without a readable report.yaml, which files are section files is unknown.
  spit(dir / "report.yaml", "group: [unclosed\n");
  std::string section = slurp(dir / "sections" / "outcomes.yaml");
  Result r = s.run({"schema", "--write", "broken"});
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find("[yaml-syntax]") != std::string::npos);
  CHECK(r.err.substr(r.err.rfind('\n', r.err.size() - 2) + 1) ==
        "cwgreport: cannot update 'broken': its report.yaml cannot be read\n");
  CHECK(slurp(dir / "sections" / "outcomes.yaml") == section);
  CHECK(!fs::exists(dir / "schemas"));

  // A schemas folder that is a symbolic link could lead anywhere: nothing
  // is written through it, and no source is changed either.
  s.copy_example("meeting14", "linked");
  fs::create_directories(s.work() / "elsewhere");
  fs::create_directory_symlink(s.work() / "elsewhere", s.work() / "linked" / "schemas");
  std::string report = slurp(s.work() / "linked" / "report.yaml");
  Result link = s.run({"schema", "--write", "linked"});
  CHECK(link.status == 1);
  CHECK(link.out.empty());
  CHECK(link.err ==
        "cwgreport: cannot write 'linked/schemas': it is a symbolic link; remove it, and the "
        "schemas are written in its place\n");
  CHECK(fs::is_empty(s.work() / "elsewhere"));
  CHECK(slurp(s.work() / "linked" / "report.yaml") == report);

  // A section file that is a link is left as it is, with its modeline
  // shown; the other files are updated.
  s.copy_example("meeting14", "section-link");
  fs::path sections = s.work() / "section-link" / "sections";
  fs::rename(sections / "outcomes.yaml", sections / "outcomes-text.yaml");
  fs::create_symlink("outcomes-text.yaml", sections / "outcomes.yaml");
  std::string outcomes = slurp(sections / "outcomes-text.yaml");
  Result sl = s.run({"schema", "--write", "section-link"});
  CHECK(sl.status == 0);
  CHECK(
      sl.err ==
      "cwgreport: left 'section-link/sections/outcomes.yaml' as it is: it is a symbolic link; "
      "its first line should be: # yaml-language-server: $schema=../schemas/section.schema.json\n");
  CHECK(fs::is_symlink(sections / "outcomes.yaml"));
  CHECK(slurp(sections / "outcomes-text.yaml") == outcomes);
  CHECK(first_line(slurp(sections / "discussions.yaml")) ==
        "# yaml-language-server: $schema=../schemas/section.schema.json");
}

TEST_CASE("init --from refuses a date not after the meetings started from", "[init]") {
  Sandbox s;
  s.copy_example("meeting14", "meeting14");
  s.copy_example("cwg-cop-15-16", "prev");
  // The 14th meeting was held on 2018-01-23: the same day, or before, would
  // start a report that fails its own check with date-order.
  for (const char* date : {"2018-01-23", "2017-12-01"}) {
    Result r = s.run({"init", "meeting15", "--from", "meeting14", "--date", date});
    CHECK(r.status == 2);
    CHECK(first_line(r.err) == std::string("cwgreport: --date ") + date +
                                   " is not after meeting 14 of 'meeting14' (2018-01-23): give "
                                   "the date of the new meeting");
    CHECK(!fs::exists(s.work() / "meeting15"));
  }
  CHECK(s.run({"init", "meeting15", "--from", "meeting14", "--date", "2018-01-24", "-q"}).status ==
        0);
  // Of two meetings, the later counts.
  Result r = s.run({"init", "next", "--from", "prev", "--date", "2019-01-01"});
  CHECK(r.status == 2);
  CHECK(first_line(r.err).find("is not after meeting 16 of 'prev'") != std::string::npos);
}
