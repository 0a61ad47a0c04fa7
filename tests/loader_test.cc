// Tests of the loader: the shape of every source file is checked, with
// positions, and a valid folder loads without a word.
#include "source/loader.h"

#include <catch2/catch.hpp>
#include <regex>
#include <set>

#include "test_util.h"

using namespace cwg;
using cwg::test::TempDir;

namespace {

std::vector<std::string> load_codes(const TempDir& dir, Diagnostics& diags) {
  load_sources(dir.str(), diags);
  diags.sort();
  return test::codes(diags);
}

}  // namespace

TEST_CASE("a valid folder loads without diagnostics") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  Diagnostics diags;
  auto src = load_sources(dir.str(), diags);
  REQUIRE(src);
  CHECK(diags.all().empty());
  CHECK(src->group.acronym.value == "CWG-T");
  REQUIRE(src->sections.size() == 2);
  CHECK(src->sections[0].paragraphs.size() == 2);
  CHECK(src->sections[0].paragraphs[1].text.value == "A plain paragraph.");
  CHECK(src->sections[0].paragraphs[0].label.loc.line == 4);
  CHECK(src->sections[0].paragraphs[0].label.loc.column == 12);
  REQUIRE(src->documents.size() == 2);
  CHECK(src->documents[1].revision.value == 1);
  CHECK(src->documents[1].source.at(0).value == "uk");
}

TEST_CASE("an unknown key is reported with the closest valid key") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  dir.write("sections/intro.yaml", "headng: Introduction\nparagraphs: [Text.]\n");
  Diagnostics diags;
  auto c = load_codes(dir, diags);
  // One mistake, one diagnostic: the misspelt required key is not also
  // reported missing.
  REQUIRE(c == std::vector<std::string>{"1:1 unknown-key"});
  const Diagnostic& d = diags.all()[0];
  CHECK(d.message == "unknown key 'headng' in a section");
  REQUIRE(d.notes.size() == 1);
  CHECK(d.notes[0].message == "did you mean 'heading'?");
  CHECK(d.loc.file.ends_with("sections/intro.yaml"));
}

TEST_CASE("values YAML would coerce must be quoted") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  dir.write("documents.yaml",
            "entities:\n  - id: no\n    name: Norway\n    short: NO\n"
            "documents:\n  - number: 08\n    title: 1.10\n    kind: other\n");
  Diagnostics diags;
  auto c = load_codes(dir, diags);
  CHECK(c == std::vector<std::string>{"2:9 ambiguous-scalar", "4:12 ambiguous-scalar",
                                      "6:13 ambiguous-scalar", "7:12 ambiguous-scalar"});
  CHECK(diags.all()[1].message == "'NO' is read as a boolean by YAML: quote it if it is text");
  CHECK(diags.all()[2].message ==
        "'08' has a leading zero, which some YAML readers take for an octal number: write 8");
}

TEST_CASE("wrong types, invalid values and dates are located") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  dir.write("documents.yaml",
            "documents:\n  - number: '4'\n    title: [a]\n    kind: contributon\n");
  Diagnostics diags;
  auto c = load_codes(dir, diags);
  CHECK(c == std::vector<std::string>{"2:13 wrong-type", "3:12 wrong-type", "4:11 invalid-value"});
  CHECK(diags.all()[0].message == "'number' must be a whole number, not a quoted string");
  CHECK(diags.all()[2].notes.at(0).message == "did you mean 'contribution'?");

  std::string report = *diags.sources().find(dir.str() + "/report.yaml");
  report.replace(report.find("2024-05-06"), 10, "2024-02-30");
  dir.write("report.yaml", report);
  Diagnostics d2;
  load_sources(dir.str(), d2);
  bool found = false;
  for (const auto& d : d2.all())
    if (d.code == "invalid-date" && d.loc.line == 6 && d.loc.column == 11) found = true;
  CHECK(found);
}

TEST_CASE("a summary record's keys are read with their positions") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  std::string report = test::slurp(dir.path() / "report.yaml");
  report.erase(report.find("summary:"), report.find("sections:") - report.find("summary:"));
  report.erase(report.find("signature:"));
  report.replace(report.find("    date: 2024-05-06\n"), 21,
                 "    name: plenary meeting\n    date: 2024-05-06\n    start_time: \"09:30\"\n"
                 "    end_time: \"12:25\"\n");
  report = "kind: summary-record\n" + report +
           "signatures:\n  - person: chair\n    role: 'The Chairman:'\n"
           "    role_position: above\n";
  dir.write("report.yaml", report);
  dir.write("sections/docs.yaml", "heading: Documents\ncontinued: true\nparagraphs: [Text.]\n");
  Diagnostics diags;
  auto src = load_sources(dir.str(), diags);
  REQUIRE(src);
  CHECK(diags.all().empty());
  CHECK(src->kind.value == "summary-record");
  CHECK_FALSE(src->summary.present);  // a summary record needs no Summary box
  const Meeting& m = src->meetings.at(0);
  CHECK(m.name.value == "plenary meeting");
  CHECK(m.start_time.value == "09:30");
  CHECK(m.end_time.value == "12:25");
  REQUIRE(src->signatures.size() == 1);
  CHECK(src->signatures[0].person.value == "chair");
  CHECK(src->signatures[0].role.value == "The Chairman:");
  CHECK(src->signatures[0].role_position.value == "above");
  CHECK(src->sections.at(1).continued);
  CHECK(src->sections.at(1).continued_loc.line == 2);
  CHECK(src->sections.at(1).continued_loc.column == 12);
  CHECK_FALSE(src->sections.at(0).continued);
  CHECK(src->sections.at(0).continued_loc.line == 0);

  // An outcome report, the default, cannot do without its summary.
  report.erase(0, std::string_view("kind: summary-record\n").size());
  dir.write("report.yaml", report);
  Diagnostics d2;
  load_sources(dir.str(), d2);
  REQUIRE(d2.all().size() == 1);
  CHECK(d2.all()[0].code == "missing-key");
  CHECK(d2.all()[0].message == "report.yaml has no 'summary'");
}

TEST_CASE("a time of day is HH:MM on the 24-hour clock") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  std::string report = test::slurp(dir.path() / "report.yaml");
  for (auto [written, note] : {std::pair{"9:30", "write \"09:30\""}, std::pair{"\"24:00\"", ""},
                               std::pair{"\"12.25\"", ""}, std::pair{"\"09:60\"", ""}}) {
    INFO(written);
    std::string r = report;
    r.replace(r.find("    date: 2024-05-06\n"), 21,
              "    date: 2024-05-06\n    start_time: " + std::string(written) + "\n");
    dir.write("report.yaml", r);
    Diagnostics diags;
    auto src = load_sources(dir.str(), diags);
    REQUIRE(diags.all().size() == 1);
    CHECK(diags.all()[0].code == "invalid-time");
    CHECK(diags.all()[0].loc.line == 7);
    CHECK(diags.all()[0].loc.column == 17);
    if (*note) {
      REQUIRE(diags.all()[0].notes.size() == 1);
      CHECK(diags.all()[0].notes[0].message == note);
    } else {
      CHECK(diags.all()[0].notes.empty());
    }
    // Reported once: the key is written, with no time to compare.
    CHECK(src->meetings.at(0).start_time.present);
    CHECK(src->meetings.at(0).start_time.value.empty());
  }
}

TEST_CASE("listed paths must stay inside the meeting folder") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  TempDir outside;
  outside.write("x.yaml", "heading: Outside\nparagraphs: [x]\n");
  std::filesystem::create_symlink(outside.path() / "x.yaml", dir.path() / "link.yaml");
  std::string report = test::slurp(dir.path() / "report.yaml");
  report.replace(report.find("  - sections/docs.yaml\n"), 23,
                 "  - ../x.yaml\n  - /etc/passwd\n  - link.yaml\n  - sections/intro.yaml\n");
  dir.write("report.yaml", report);
  std::filesystem::remove(dir.path() / "sections/docs.yaml");  // no longer listed
  Diagnostics diags;
  load_sources(dir.str(), diags);
  std::vector<std::string> messages;
  for (const auto& d : diags.all()) {
    CHECK(d.code == "bad-path");
    messages.push_back(d.message);
  }
  CHECK(messages == std::vector<std::string>{
                        "'../x.yaml' leaves the meeting folder ('..' is not allowed)",
                        "'/etc/passwd' is an absolute path; paths are relative to the meeting "
                        "folder",
                        "'link.yaml' leads outside the meeting folder through a symbolic link",
                        "'sections/intro.yaml' is listed twice"});
}

TEST_CASE("labels are restricted to anchor-safe characters") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  dir.write("sections/intro.yaml", "label: Intro_1\nheading: Introduction\nparagraphs: [x]\n");
  Diagnostics diags;
  CHECK(load_codes(dir, diags) == std::vector<std::string>{"1:8 invalid-label"});
}

TEST_CASE("a missing folder or report.yaml is reported") {
  Diagnostics diags;
  CHECK_FALSE(load_sources("/nonexistent/meeting", diags));
  REQUIRE(diags.all().size() == 1);
  CHECK(diags.all()[0].message == "no such directory '/nonexistent/meeting'");
  TempDir dir;
  Diagnostics d2;
  CHECK_FALSE(load_sources(dir.str(), d2));
  REQUIRE(d2.all().size() == 1);
  CHECK(d2.all()[0].code == "file-unreadable");
}

// The loader recognizes numbers with a hand-written scanner; this pattern is
// the definition it must agree with, value for value.
TEST_CASE("plain values read as numbers are exactly those of the YAML number pattern") {
  static const std::regex number(
      R"([-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|0x[0-9a-fA-F_]+|0o[0-7]+)"
      R"(|0b[01_]+|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))");
  const std::vector<std::string> values = {
      "1",     "-1",          "+1",    "1.5",   "1.",     ".5",   "-.5",      "1e5",
      "1E+5",  "1e",          "1.e5",  ".e5",   "1_000",  "1__",  "_1",       "0x1F",
      "0x",    "0xg",         "0x_",   "0o17",  "0o8",    "0o",   "0b101",    "0b2",
      "0b",    "0b_",         ".inf",  "-.inf", "+.Inf",  ".INF", ".iNf",     ".nan",
      "-.nan", ".NaN",        "nan",   "inf",   "1.2.3",  "12a",  "0e5",      "1-2",
      "+",     ".",           "1e5.0", "1e-07", "+.5e+3", "3/2",  "1,000",    "2018-01-23",
      "1.10",  "6.5 million", "0x1p3", "1e5e5", "++1",    "-+1",  "1__.__e9", "0b1_0",
      "0o7_",  "00",          "0.0.0", "x1"};
  TempDir dir;
  test::write_minimal_meeting(dir);
  std::string text = "entities:\n";
  for (std::size_t i = 0; i < values.size(); ++i)
    text += fmt::format("  - id: e{}\n    name: {}\n", i, values[i]);
  text += "documents: []\n";
  dir.write("documents.yaml", text);
  Diagnostics diags;
  load_sources(dir.str(), diags);
  std::set<std::string> reported;
  for (const auto& d : diags.all()) {
    if (d.code != "ambiguous-scalar") continue;
    const std::string suffix = "' is read as a number by YAML: quote it if it is text";
    if (d.message.ends_with(suffix))
      reported.insert(d.message.substr(1, d.message.size() - 1 - suffix.size()));
  }
  for (const auto& v : values) {
    INFO(v);
    CHECK(reported.contains(v) == std::regex_match(v, number));
  }
}

namespace {

// "file:line:col message" of each diagnostic with `code`, the folder left out.
std::vector<std::string> reported(const Diagnostics& diags, const TempDir& dir,
                                  std::string_view code) {
  std::vector<std::string> out;
  const std::string prefix = dir.str() + "/";
  for (const auto& d : diags.all()) {
    if (d.code != code) continue;
    std::string file =
        d.loc.file.starts_with(prefix) ? d.loc.file.substr(prefix.size()) : d.loc.file.str();
    out.push_back(fmt::format("{}:{}:{} {}", file, d.loc.line, d.loc.column, d.message));
  }
  return out;
}

std::string flow_list(std::string_view item, std::size_t n) {
  std::string out = "[";
  for (std::size_t i = 0; i < n; ++i) {
    if (i) out += ',';
    out += item;
  }
  return out + "]";
}

}  // namespace

TEST_CASE("a report holds at most so many of each thing", "[limits]") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  // Two paragraphs elsewhere: 99,998 here make 100,000, the limit.
  dir.write("sections/docs.yaml",
            "heading: Documents\nparagraphs: " + flow_list("a", 99998) + "\n");
  {
    Diagnostics diags;
    auto src = load_sources(dir.str(), diags);
    REQUIRE(src);
    CHECK(reported(diags, dir, "count-limit").empty());
    CHECK(src->sections[1].paragraphs.size() == 99998);
  }
  dir.write("sections/docs.yaml",
            "heading: Documents\nparagraphs: " + flow_list("a", 99999) + "\n");
  {
    Diagnostics diags;
    auto src = load_sources(dir.str(), diags);
    REQUIRE(src);
    // The first one over the limit is reported where it is, and no more is read.
    CHECK(reported(diags, dir, "count-limit") ==
          std::vector<std::string>{"sections/docs.yaml:2:200010 the report has more than 100000 "
                                   "paragraphs (quoted paragraphs included)"});
    CHECK(src->sections[1].paragraphs.size() == 99998);
    CHECK(src->sections_incomplete);
  }
  // List items, nested or not, are counted across the whole report.
  dir.write("sections/docs.yaml",
            "heading: Documents\nparagraphs:\n  - text: x\n    list: " + flow_list("a", 60000) +
                "\n  - text: y\n    list: " + flow_list("{text: b, list: [c]}", 20001) + "\n");
  {
    Diagnostics diags;
    load_sources(dir.str(), diags);
    const auto r = reported(diags, dir, "count-limit");
    REQUIRE(r.size() == 1);
    CHECK(r[0].ends_with(" the report has more than 100000 list items"));
  }
  // Registered documents.
  std::string docs = "documents:\n";
  for (int i = 1; i <= 10001; ++i)
    docs += fmt::format("  - {{number: {}, title: T, kind: other}}\n", i);
  test::write_minimal_meeting(dir);
  dir.write("documents.yaml", docs);
  {
    Diagnostics diags;
    auto src = load_sources(dir.str(), diags);
    REQUIRE(src);
    CHECK(reported(diags, dir, "count-limit") ==
          std::vector<std::string>{
              "documents.yaml:10002:5 the report has more than 10000 registered documents"});
    CHECK(src->documents.size() == 10000);
    CHECK(src->register_incomplete);
  }
}

TEST_CASE("the files of a folder together have a size and a node limit", "[limits]") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  std::string big = "heading: Documents\nparagraphs:\n  - >-\n    " + std::string(5000, 'x') + "\n";
  dir.write("sections/docs.yaml", big);
  yaml::Limits limits;
  limits.max_folder_bytes = 4000;
  {
    Diagnostics diags;
    load_sources(dir.str(), diags, limits);
    // Reported where report.yaml lists the file that does not fit.
    const auto r = reported(diags, dir, "folder-too-large");
    REQUIRE(r.size() == 1);
    CHECK(
        r[0].starts_with("report.yaml:19:5 'sections/docs.yaml' would bring the meeting "
                         "folder's files to "));
    CHECK(r[0].ends_with(" bytes, more than the limit of 4000 bytes"));
  }
  limits.max_folder_bytes = 1 << 20;
  {
    Diagnostics diags;
    load_sources(dir.str(), diags, limits);
    CHECK(reported(diags, dir, "folder-too-large").empty());
  }
  // Nodes are counted across files, in the order they are listed: the
  // second section file goes over, whether or not it was parsed ahead.
  dir.write("sections/intro.yaml", "heading: Intro\nparagraphs: " + flow_list("a", 300) + "\n");
  dir.write("sections/docs.yaml", "heading: Docs\nparagraphs: " + flow_list("a", 300) + "\n");
  limits.max_nodes = 500;
  for (int run = 0; run < 3; ++run) {
    Diagnostics diags;
    load_sources(dir.str(), diags, limits);
    const auto r = reported(diags, dir, "yaml-limit");
    REQUIRE(r.size() == 1);
    CHECK(r[0].starts_with("sections/docs.yaml:2:"));
    CHECK(r[0].ends_with(" more than 500 nodes in the meeting folder's files"));
  }
}

TEST_CASE("the kind of document decides whether the Summary box is required") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  std::string report = test::slurp(dir.path() / "report.yaml");
  const std::string summary = "summary: This report summarizes the {meeting:3} meeting.\n";
  report.erase(report.find(summary), summary.size());
  {
    dir.write("report.yaml", report);
    Diagnostics diags;
    auto src = load_sources(dir.str(), diags);
    REQUIRE(src);
    REQUIRE(diags.all().size() == 1);
    CHECK(diags.all()[0].code == "missing-key");
    CHECK(diags.all()[0].message == "report.yaml has no 'summary'");
    REQUIRE(diags.all()[0].notes.size() == 1);
    CHECK(diags.all()[0].notes[0].message.find("'kind:'") != std::string::npos);
    CHECK_FALSE(src->kind.present);
  }
  for (std::string kind : {"group-document", "summary-record", "chair-report"}) {
    INFO(kind);
    dir.write("report.yaml", report + "kind: " + kind + "\ntitle: A title\n");
    Diagnostics diags;
    auto src = load_sources(dir.str(), diags);
    REQUIRE(src);
    CHECK(diags.all().empty());
    CHECK(src->kind.value == kind);
    CHECK(src->title.value == "A title");
    CHECK_FALSE(src->summary.present);
  }
}

TEST_CASE("a part written '' is blank on purpose; only spaces is empty") {
  const std::string action = "action: The Council is invited to take note of the report.";
  // The minimal meeting with its 'action' line (line 13) replaced.
  auto with_action = [&](const TempDir& dir, const std::string& line) {
    test::write_minimal_meeting(dir);
    std::string report = test::slurp(dir.path() / "report.yaml");
    report.replace(report.find(action), action.size(), line);
    dir.write("report.yaml", report);
  };
  TempDir dir;
  with_action(dir, "action: ''\ncover:\n  agenda_item: \"\"\n  symbol: ''\n  original: ''");
  Diagnostics diags;
  auto src = load_sources(dir.str(), diags);
  REQUIRE(src);
  CHECK(diags.all().empty());
  CHECK((src->action.present && src->action.value.empty()));
  REQUIRE(src->cover);
  CHECK((src->cover->agenda_item.present && src->cover->agenda_item.value.empty()));
  CHECK((src->cover->symbol.present && src->cover->symbol.value.empty()));
  CHECK((src->cover->original.present && src->cover->original.value.empty()));
  CHECK_FALSE(src->references_blank);

  // Blank space is no blank on purpose: it is invisible in the sources, so
  // it is an error however it is spelt, in a part that may be blank or not.
  for (std::string spaces : {"'   '", "\"\\t\"", "\"\\u00A0\\u3000\""}) {
    TempDir d;
    with_action(d, "action: " + spaces);
    std::string r = test::slurp(d.path() / "report.yaml");
    r.replace(r.find("name: Ada Lovelace"), std::string("name: Ada Lovelace").size(),
              "name: " + spaces);
    d.write("report.yaml", r);
    Diagnostics d2;
    CHECK(load_codes(d, d2) == std::vector<std::string>{"9:11 empty-text", "13:9 empty-text"});
    CHECK(d2.all().at(0).message == "'name' holds only blank space");
    CHECK(d2.all().at(0).notes.at(0).message == "write the text, or remove the entry");
    CHECK(d2.all().at(1).message == "'action' holds only blank space");
    CHECK(d2.all().at(1).notes.at(0).message ==
          "write the text, or '' to leave the part blank on purpose");
  }

  // A block with no text under it, or a null, does not say the blank is
  // meant.
  for (std::string empty : {"action: >-", "action:"}) {
    TempDir d;
    with_action(d, empty);
    Diagnostics d2;
    CHECK(load_codes(d, d2) ==
          std::vector<std::string>{empty.size() > 7 ? "13:9 empty-text" : "13:8 empty-text"});
  }
}

TEST_CASE("'references: []' is blank on purpose") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  std::string report = test::slurp(dir.path() / "report.yaml");
  report.replace(report.find("references:\n  - id: res1\n    text: Resolution 1\n"),
                 std::string("references:\n  - id: res1\n    text: Resolution 1\n").size(),
                 "references: []\n");
  dir.write("report.yaml", report);
  Diagnostics diags;
  auto src = load_sources(dir.str(), diags);
  REQUIRE(src);
  CHECK(diags.all().empty());
  CHECK(src->references_blank);
}

TEST_CASE("a revision or language after a blank symbol is an error") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  dir.write("report.yaml", test::slurp(dir.path() / "report.yaml") +
                               "cover:\n  symbol: ''\n  revision: 1\n  language: E\n");
  Diagnostics diags;
  CHECK(load_codes(dir, diags) ==
        std::vector<std::string>{"25:13 invalid-value", "26:13 invalid-value"});
  CHECK(diags.all()[0].message ==
        "'revision' has no symbol to follow: the cover's 'symbol' is blank");
  CHECK(diags.all()[1].notes.back().message ==
        "write the symbol, or remove 'language' until there is one");
}
