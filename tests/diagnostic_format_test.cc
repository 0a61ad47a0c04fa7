// Tests for format_diagnostics: the exact text of every output format, as a
// reader, a terminal, a CI log or a code-scanning tool receives it.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cwgreport/diagnostic.h"

using cwg::DiagnosticFormat;
using cwg::DiagnosticPolicy;
using cwg::Diagnostics;
using cwg::Location;
using cwg::Note;
using cwg::PrintOptions;

namespace {

std::string human(const Diagnostics& diags, bool color = false) {
  PrintOptions opts;
  opts.color = color;
  return cwg::format_diagnostics(diags, opts);
}

std::string format(const Diagnostics& diags, DiagnosticFormat f, std::string version = "") {
  PrintOptions opts;
  opts.format = f;
  opts.tool_version = std::move(version);
  return cwg::format_diagnostics(diags, opts);
}

constexpr const char* kIntro =
    "heading: Introduction\n"
    "paragraphs:\n"
    "  - text: See {doc:14/99} for details.\n";

// Every case the SARIF schema validation should see: notes with and
// without a location, file-level and global diagnostics, awkward paths and a
// column after multibyte characters.
Diagnostics sample_diagnostics() {
  Diagnostics diags;
  diags.sources().add("sections/intro.yaml", kIntro);
  diags.sources().add("sections/caf\xC3\xA9 notes.yaml", "text: \xE2\x80\x94 {para:x}\n");
  diags.report("unknown-document", {"sections/intro.yaml", 3, 15}, "unknown document '14/99'",
               {Note{{}, "did you mean '14/9'?"}});
  diags.report("duplicate-label", {"sections/intro.yaml", 1, 1}, "duplicate label 'intro'",
               {Note{{"sections/intro.yaml", 2, 1}, "'intro' first defined here"},
                Note{{"sections/intro.yaml", 2, 1}, "'intro' first defined here"}});
  diags.report("unknown-label", {"sections/caf\xC3\xA9 notes.yaml", 1, 12},
               "unknown paragraph label 'x'");
  diags.report("unpresented-document", {"documents.yaml", 0, 0},
               "contribution '14/7' is not presented by any paragraph");
  diags.report("file-unreadable", {"C:\\reports\\100%:a,b.yaml", 0, 0}, "cannot read file");
  diags.report("empty-section", {"sections/empty.yaml", 4, 0}, "section 'x' has no paragraphs");
  diags.report("file-unreadable", {}, "no meeting folder given");
  return diags;
}

}  // namespace

TEST_CASE("human: caret under a mid-line column", "[format][human]") {
  Diagnostics diags;
  diags.sources().add("sections/intro.yaml", kIntro);
  diags.report("unknown-document", {"sections/intro.yaml", 3, 15}, "unknown document '14/99'");
  CHECK(human(diags) ==
        "sections/intro.yaml:3:15: error: unknown document '14/99' [unknown-document]\n"
        "  - text: See {doc:14/99} for details.\n"
        "              ^\n"
        "1 error generated\n");
}

TEST_CASE("human: tabs before the column stay tabs in the caret line", "[format][human]") {
  Diagnostics diags;
  diags.sources().add("a.yaml", "  text: \"a\tb {doc:14/99}\"\n");
  diags.report("unknown-document", {"a.yaml", 1, 14}, "unknown document '14/99'");
  CHECK(human(diags) ==
        "a.yaml:1:14: error: unknown document '14/99' [unknown-document]\n"
        "  text: \"a\tb {doc:14/99}\"\n"
        "          \t  ^\n"
        "1 error generated\n");
}

TEST_CASE("human: the caret counts display columns, not bytes", "[format][human]") {
  Diagnostics diags;
  // "é" is 2 bytes, "—" 3 bytes: both one column wide; each CJK character is
  // 3 bytes and two columns wide.
  diags.sources().add("a.yaml",
                      "  text: Caf\xC3\xA9 \xE2\x80\x94 \xE4\xBC\x9A\xE8\xAE\xAE {doc:14/99}\n");
  diags.report("unknown-document", {"a.yaml", 1, 26}, "unknown document '14/99'");
  CHECK(human(diags) ==
        "a.yaml:1:26: error: unknown document '14/99' [unknown-document]\n"
        "  text: Caf\xC3\xA9 \xE2\x80\x94 \xE4\xBC\x9A\xE8\xAE\xAE {doc:14/99}\n"
        "                    ^\n"
        "1 error generated\n");
}

TEST_CASE("human: the caret counts a grapheme cluster once", "[format][human]") {
  Diagnostics diags;
  // An emoji with a skin tone (U+1F44D U+1F3FD) is two columns, as a
  // terminal shows it, not four. A sequence joined by U+200D is shown with
  // the joiner escaped (8 columns), between two clusters of two.
  const std::string line =
      "  text: \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD "
      "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB {doc:14/99}";
  const std::string shown =
      "  text: \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD "
      "\xF0\x9F\x91\xA9<U+200D>\xF0\x9F\x92\xBB {doc:14/99}";
  diags.sources().add("a.yaml", line + "\n");
  diags.report("unknown-document", {"a.yaml", 1, 30}, "unknown document '14/99'");
  CHECK(human(diags) == "a.yaml:1:30: error: unknown document '14/99' [unknown-document]\n" +
                            shown + "\n" + std::string(24, ' ') + "^\n1 error generated\n");
}

TEST_CASE("human: a column inside a multibyte character points at it", "[format][human]") {
  Diagnostics diags;
  diags.sources().add("a.yaml", "x: \xC3\xA9t\xC3\xA9\n");
  diags.report("invalid-value", {"a.yaml", 1, 5}, "bad");
  CHECK(human(diags) ==
        "a.yaml:1:5: error: bad [invalid-value]\n"
        "x: \xC3\xA9t\xC3\xA9\n"
        "   ^\n"
        "1 error generated\n");
}

TEST_CASE("human: a column past the end of the line", "[format][human]") {
  Diagnostics diags;
  diags.sources().add("a.yaml", "text: 'open\n");
  diags.report("yaml-syntax", {"a.yaml", 1, 12}, "unterminated quoted string");
  CHECK(human(diags) ==
        "a.yaml:1:12: error: unterminated quoted string [yaml-syntax]\n"
        "text: 'open\n"
        "           ^\n"
        "1 error generated\n");
}

TEST_CASE("human: control characters and invalid UTF-8 are printed escaped", "[format][human]") {
  Diagnostics diags;
  diags.sources().add("a.yaml", "a: \x1b[31m\xFF x\n");
  diags.report("invalid-encoding", {"a.yaml", 1, 11}, "control character in 'a\x1b'");
  // The caret counts the escapes' width: 8 columns for <U+001B>, 4 for <FF>.
  CHECK(human(diags) ==
        "a.yaml:1:11: error: control character in 'a<U+001B>' [invalid-encoding]\n"
        "a: <U+001B>[31m<FF> x\n"
        "                    ^\n"
        "1 error generated\n");
}

TEST_CASE("human: a byte-order mark is not shown but counts in columns", "[format][human]") {
  Diagnostics diags;
  diags.sources().add("a.yaml", "\xEF\xBB\xBFheadng: x\n");
  diags.report("unknown-key", {"a.yaml", 1, 4}, "unknown key 'headng'");
  CHECK(human(diags) ==
        "a.yaml:1:4: error: unknown key 'headng' [unknown-key]\n"
        "headng: x\n"
        "^\n"
        "1 error generated\n");
}

TEST_CASE("human: long lines are cut around the caret", "[format][human]") {
  Diagnostics diags;
  SECTION("caret near the start: cut on the right") {
    std::string line = "text: " + std::string(200, 'x');
    diags.sources().add("a.yaml", line + "\n");
    diags.report("invalid-value", {"a.yaml", 1, 7}, "bad");
    CHECK(human(diags) == "a.yaml:1:7: error: bad [invalid-value]\n" + line.substr(0, 97) +
                              "...\n"
                              "      ^\n"
                              "1 error generated\n");
  }
  SECTION("caret near the end: cut on the left") {
    std::string line = std::string(200, 'x') + " {doc:1/2}";
    diags.sources().add("a.yaml", line + "\n");
    diags.report("invalid-value", {"a.yaml", 1, 202}, "bad");
    CHECK(human(diags) == "a.yaml:1:202: error: bad [invalid-value]\n..." + line.substr(113) +
                              "\n" + std::string(91, ' ') + "^\n1 error generated\n");
  }
  SECTION("caret in the middle: cut on both sides") {
    std::string line = std::string(100, 'a') + "X" + std::string(100, 'b');
    diags.sources().add("a.yaml", line + "\n");
    diags.report("invalid-value", {"a.yaml", 1, 101}, "bad");
    std::string shown = "..." + std::string(47, 'a') + "X" + std::string(46, 'b') + "...";
    CHECK(shown.size() == 100);
    CHECK(human(diags) == "a.yaml:1:101: error: bad [invalid-value]\n" + shown + "\n" +
                              std::string(50, ' ') + "^\n1 error generated\n");
  }
  SECTION("a line of exactly 100 columns is printed whole") {
    std::string line = std::string(99, 'a') + "\xC3\xA9";
    diags.sources().add("a.yaml", line + "\n");
    diags.report("invalid-value", {"a.yaml", 1, 100}, "bad");
    CHECK(human(diags) == "a.yaml:1:100: error: bad [invalid-value]\n" + line + "\n" +
                              std::string(99, ' ') + "^\n1 error generated\n");
  }
}

TEST_CASE("human: locations without line or file", "[format][human]") {
  Diagnostics diags;
  diags.report("file-unreadable", {"report.yaml", 0, 0}, "cannot read 'report.yaml'");
  diags.report("empty-section", {"sections/empty.yaml", 4, 0}, "section 'x' has no paragraphs");
  diags.report("file-unreadable", {}, "no meeting folder given");
  CHECK(human(diags) ==
        "report.yaml: error: cannot read 'report.yaml' [file-unreadable]\n"
        "sections/empty.yaml:4: warning: section 'x' has no paragraphs [empty-section]\n"
        "error: no meeting folder given [file-unreadable]\n"
        "2 errors, 1 warning generated\n");
}

TEST_CASE("human: a line that is not in the sources prints no snippet", "[format][human]") {
  Diagnostics diags;
  diags.sources().add("a.yaml", "one line\n");
  diags.report("invalid-value", {"a.yaml", 5, 2}, "bad");
  diags.report("invalid-value", {"b.yaml", 1, 2}, "bad");
  CHECK(human(diags) ==
        "a.yaml:5:2: error: bad [invalid-value]\n"
        "b.yaml:1:2: error: bad [invalid-value]\n"
        "2 errors generated\n");
}

TEST_CASE("human: notes with and without a location", "[format][human]") {
  Diagnostics diags;
  diags.sources().add("sections/intro.yaml", kIntro);
  diags.report("duplicate-label", {"sections/intro.yaml", 3, 5}, "duplicate label 'intro'",
               {Note{{"sections/intro.yaml", 1, 10}, "'intro' first defined here"},
                Note{{}, "labels must be unique across the report"},
                Note{{"report.yaml", 0, 0}, "listed in 'report.yaml'"}});
  CHECK(human(diags) ==
        "sections/intro.yaml:3:5: error: duplicate label 'intro' [duplicate-label]\n"
        "  - text: See {doc:14/99} for details.\n"
        "    ^\n"
        "sections/intro.yaml:1:10: note: 'intro' first defined here\n"
        "heading: Introduction\n"
        "         ^\n"
        "note: labels must be unique across the report\n"
        "report.yaml: note: listed in 'report.yaml'\n"
        "1 error generated\n");
}

TEST_CASE("human: colour", "[format][human]") {
  Diagnostics diags;
  diags.sources().add("sections/intro.yaml", kIntro);
  diags.report("unknown-document", {"sections/intro.yaml", 3, 15}, "unknown document '14/99'",
               {Note{{}, "did you mean '14/9'?"}});
  diags.report("empty-section", {"sections/b.yaml", 0, 0}, "section 'b' has no paragraphs");

  SECTION("on: bold location, red error, magenta warning, cyan note, green caret") {
    CHECK(human(diags, true) ==
          "\x1b[1msections/intro.yaml:3:15:\x1b[0m \x1b[1;31merror:\x1b[0m unknown document "
          "'14/99' [unknown-document]\n"
          "  - text: See {doc:14/99} for details.\n"
          "              \x1b[1;32m^\x1b[0m\n"
          "\x1b[1;36mnote:\x1b[0m did you mean '14/9'?\n"
          "\x1b[1msections/b.yaml:\x1b[0m \x1b[1;35mwarning:\x1b[0m section 'b' has no "
          "paragraphs [empty-section]\n"
          "1 error, 1 warning generated\n");
  }
  SECTION("off: no escape sequence at all") {
    std::string out = human(diags, false);
    CHECK(out.find('\x1b') == std::string::npos);
    CHECK(out ==
          "sections/intro.yaml:3:15: error: unknown document '14/99' [unknown-document]\n"
          "  - text: See {doc:14/99} for details.\n"
          "              ^\n"
          "note: did you mean '14/9'?\n"
          "sections/b.yaml: warning: section 'b' has no paragraphs [empty-section]\n"
          "1 error, 1 warning generated\n");
  }
}

TEST_CASE("human: summary line", "[format][human]") {
  Diagnostics diags;
  SECTION("nothing at all when there are no diagnostics") { CHECK(human(diags).empty()); }
  SECTION("one error") {
    diags.report("missing-key", {"a.yaml", 0, 0}, "missing key 'title'");
    CHECK(human(diags) ==
          "a.yaml: error: missing key 'title' [missing-key]\n"
          "1 error generated\n");
  }
  SECTION("warnings only") {
    for (int i = 0; i < 3; ++i) diags.report("empty-section", {"a.yaml", 0, 0}, "empty");
    CHECK(human(diags).ends_with("\n3 warnings generated\n"));
  }
  SECTION("one warning") {
    diags.report("empty-section", {"a.yaml", 0, 0}, "empty");
    CHECK(human(diags).ends_with("]\n1 warning generated\n"));
  }
  SECTION("errors and warnings") {
    diags.report("missing-key", {"a.yaml", 0, 0}, "missing");
    diags.report("empty-section", {"a.yaml", 0, 0}, "empty");
    diags.report("missing-key", {"a.yaml", 0, 0}, "missing");
    CHECK(human(diags).ends_with("]\n2 errors, 1 warning generated\n"));
  }
}

TEST_CASE("human: errors past --max-errors are counted and announced", "[format][human]") {
  DiagnosticPolicy policy;
  policy.max_errors = 2;
  Diagnostics diags(policy);
  for (int i = 1; i <= 5; ++i) {
    diags.report("missing-key", {"a.yaml", i, 0}, "missing key " + std::to_string(i));
  }
  diags.report("empty-section", {"b.yaml", 0, 0}, "empty");
  CHECK(human(diags) ==
        "a.yaml:1: error: missing key 1 [missing-key]\n"
        "a.yaml:2: error: missing key 2 [missing-key]\n"
        "b.yaml: warning: empty [empty-section]\n"
        "5 errors, 1 warning generated\n"
        "3 more errors not shown (--max-errors)\n");

  DiagnosticPolicy one;
  one.max_errors = 1;
  Diagnostics two(one);
  two.report("missing-key", {"a.yaml", 0, 0}, "a");
  two.report("missing-key", {"a.yaml", 0, 0}, "b");
  CHECK(human(two).ends_with("\n2 errors generated\n1 more error not shown (--max-errors)\n"));
}

TEST_CASE("human: output does not depend on anything but the diagnostics", "[format][human]") {
  Diagnostics diags = sample_diagnostics();
  CHECK(human(diags) == human(diags));
  CHECK(human(diags, true) == human(diags, true));
}

TEST_CASE("json: one object per line with fixed keys", "[format][json]") {
  Diagnostics diags;
  diags.sources().add("sections/intro.yaml", kIntro);
  diags.report("duplicate-label", {"sections/intro.yaml", 3, 5}, "duplicate label 'intro'",
               {Note{{"sections/intro.yaml", 1, 10}, "'intro' first defined here"},
                Note{{}, "labels must be unique"}});
  diags.report("empty-section", {"sections/b.yaml", 0, 0}, "section \"b\" is empty");
  const std::string out = format(diags, DiagnosticFormat::json);
  CHECK(out == R"({"file":"sections/intro.yaml","line":3,"column":5,"severity":"error",)"
               R"("code":"duplicate-label","message":"duplicate label 'intro'","notes":[)"
               R"({"file":"sections/intro.yaml","line":1,"column":10,)"
               R"("message":"'intro' first defined here"},)"
               R"({"file":"","line":null,"column":null,"message":"labels must be unique"}]})"
               "\n"
               R"({"file":"sections/b.yaml","line":null,"column":null,"severity":"warning",)"
               R"("code":"empty-section","message":"section \"b\" is empty","notes":[]})"
               "\n");

  SECTION("each line parses back") {
    std::istringstream in(out);
    std::vector<nlohmann::json> objects;
    for (std::string line; std::getline(in, line);) objects.push_back(nlohmann::json::parse(line));
    REQUIRE(objects.size() == 2);
    CHECK(objects[0]["code"] == "duplicate-label");
    CHECK(objects[0]["line"] == 3);
    CHECK(objects[0]["notes"].size() == 2);
    CHECK(objects[0]["notes"][0]["column"] == 10);
    CHECK(objects[0]["notes"][1]["file"] == "");
    CHECK(objects[1]["severity"] == "warning");
    CHECK(objects[1]["message"] == "section \"b\" is empty");
    CHECK(objects[1]["line"].is_null());
  }
}

TEST_CASE("json: invalid UTF-8 in a message still gives valid JSON", "[format][json]") {
  Diagnostics diags;
  diags.report("invalid-encoding", {"a.yaml", 1, 1}, "byte '\xFF' is not UTF-8");
  const std::string out = format(diags, DiagnosticFormat::json);
  auto j = nlohmann::json::parse(out);
  CHECK(j["message"] == "byte '<FF>' is not UTF-8");
  CHECK(format(Diagnostics{}, DiagnosticFormat::json).empty());
}

TEST_CASE("sarif: a log without results", "[format][sarif]") {
  CHECK(format(Diagnostics{}, DiagnosticFormat::sarif, "0.1.0") ==
        R"({
  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
  "version": "2.1.0",
  "runs": [
    {
      "tool": {
        "driver": {
          "name": "cwgreport",
          "version": "0.1.0",
          "rules": []
        }
      },
      "columnKind": "unicodeCodePoints",
      "results": []
    }
  ]
}
)");
}

TEST_CASE("sarif: results, rules and locations", "[format][sarif]") {
  Diagnostics diags = sample_diagnostics();
  const auto log = nlohmann::ordered_json::parse(format(diags, DiagnosticFormat::sarif, "1.2.3"));
  REQUIRE(log["runs"].size() == 1);
  const auto& run = log["runs"][0];
  CHECK(run["tool"]["driver"]["name"] == "cwgreport");
  CHECK(run["tool"]["driver"]["version"] == "1.2.3");
  CHECK_FALSE(run["tool"]["driver"].contains("informationUri"));

  SECTION("one rule per code used, in the order of the code table") {
    const auto& rules = run["tool"]["driver"]["rules"];
    std::vector<std::string> ids;
    for (const auto& rule : rules) ids.push_back(rule["id"].get<std::string>());
    CHECK(ids == std::vector<std::string>{"file-unreadable", "unknown-document", "unknown-label",
                                          "duplicate-label", "unpresented-document",
                                          "empty-section"});
    for (const auto& rule : rules) {
      const cwg::CodeInfo* info = cwg::find_code(rule["id"].get<std::string>());
      REQUIRE(info != nullptr);
      CHECK(rule["shortDescription"]["text"] == std::string(info->summary));
      CHECK(rule["fullDescription"]["text"] == std::string(info->explanation));
      CHECK(rule["defaultConfiguration"]["level"] ==
            std::string(cwg::severity_name(info->default_severity)));
    }
  }

  SECTION("results in the order of the diagnostics") {
    const auto& results = run["results"];
    REQUIRE(results.size() == 7);
    for (const auto& r : results) {
      CHECK(run["tool"]["driver"]["rules"][r["ruleIndex"].get<std::size_t>()]["id"] == r["ruleId"]);
    }
    // A located note becomes a related location; a bare one joins the message.
    CHECK(results[0].dump(2) == R"({
  "ruleId": "unknown-document",
  "ruleIndex": 1,
  "level": "error",
  "message": {
    "text": "unknown document '14/99'\nnote: did you mean '14/9'?"
  },
  "locations": [
    {
      "physicalLocation": {
        "artifactLocation": {
          "uri": "sections/intro.yaml"
        },
        "region": {
          "startLine": 3,
          "startColumn": 15
        }
      }
    }
  ]
})");
    CHECK(results[1]["relatedLocations"].dump() ==
          R"([{"id":1,"physicalLocation":{"artifactLocation":{"uri":"sections/intro.yaml"},)"
          R"("region":{"startLine":2,"startColumn":1}},)"
          R"("message":{"text":"'intro' first defined here"}},)"
          R"({"id":2,"physicalLocation":{"artifactLocation":{"uri":"sections/intro.yaml"},)"
          R"("region":{"startLine":2,"startColumn":1}},)"
          R"("message":{"text":"'intro' first defined here"}}])");
    // Percent-encoded path; column 12 in bytes is 10 in code points.
    CHECK(results[2]["locations"][0]["physicalLocation"].dump() ==
          R"({"artifactLocation":{"uri":"sections/caf%C3%A9%20notes.yaml"},)"
          R"("region":{"startLine":1,"startColumn":10}})");
    // No line: no region.
    CHECK(results[3]["level"] == "warning");
    CHECK(results[3]["locations"][0]["physicalLocation"].dump() ==
          R"({"artifactLocation":{"uri":"documents.yaml"}})");
    CHECK(results[4]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
          "C%3A/reports/100%25%3Aa,b.yaml");
    CHECK(results[5]["locations"][0]["physicalLocation"]["region"].dump() == R"({"startLine":4})");
    // No file: no location at all.
    CHECK_FALSE(results[6].contains("locations"));
    CHECK_FALSE(results[6].contains("relatedLocations"));
  }

  SECTION("-W overrides show in the result level, not in the rule") {
    DiagnosticPolicy policy;
    REQUIRE_FALSE(policy.apply("error"));
    Diagnostics strict(policy);
    strict.report("empty-section", {"a.yaml", 0, 0}, "empty");
    const auto j = nlohmann::json::parse(format(strict, DiagnosticFormat::sarif));
    CHECK(j["runs"][0]["results"][0]["level"] == "error");
    CHECK(j["runs"][0]["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] == "warning");
    CHECK_FALSE(j["runs"][0]["tool"]["driver"].contains("version"));
  }
}

TEST_CASE("sarif: the output ends with a newline and is deterministic", "[format][sarif]") {
  Diagnostics diags = sample_diagnostics();
  const std::string out = format(diags, DiagnosticFormat::sarif, "0.1.0");
  CHECK(out.ends_with("}\n"));
  CHECK(out == format(diags, DiagnosticFormat::sarif, "0.1.0"));
}

// Writes SARIF logs for tests/sarif_validate.sh, which checks them against the
// SARIF 2.1.0 schema. Hidden: it runs only when asked for by its tag.
TEST_CASE("sarif: write sample logs for schema validation", "[.][sarif-samples]") {
  const char* dir = std::getenv("CWG_SARIF_DIR");
  if (dir == nullptr) {
    WARN("CWG_SARIF_DIR is not set: no sample written");
    return;
  }
  auto write = [&](const std::string& name, const Diagnostics& diags) {
    std::ofstream out(std::string(dir) + "/" + name + ".json", std::ios::binary);
    out << format(diags, DiagnosticFormat::sarif, "0.1.0");
    REQUIRE(out.good());
  };
  write("empty", Diagnostics{});
  write("sample", sample_diagnostics());
  DiagnosticPolicy policy;
  REQUIRE_FALSE(policy.apply("error"));
  Diagnostics strict(policy);
  strict.report("raw-html", {"sections/a.yaml", 2, 7}, "raw HTML '<b>' is printed as text");
  write("warnings-as-errors", strict);
  DiagnosticPolicy few;
  few.max_errors = 1;
  few.max_warnings = 1;
  Diagnostics limited(few);
  for (int i = 1; i <= 3; ++i) {
    limited.report("missing-key", {"a.yaml", i, 0}, "missing");
    limited.report("empty-section", {"b.yaml", i, 0}, "empty");
  }
  write("limits", limited);
}

TEST_CASE("github: workflow commands", "[format][github]") {
  Diagnostics diags;
  diags.sources().add("sections/intro.yaml", kIntro);
  diags.report("duplicate-label", {"sections/intro.yaml", 3, 5}, "duplicate label 'intro'",
               {Note{{"sections/intro.yaml", 1, 10}, "first defined here"},
                Note{{}, "labels must be unique"}});
  diags.report("empty-section", {"sections/b.yaml", 0, 0}, "section 'b' has no paragraphs");
  diags.report("file-unreadable", {}, "no meeting folder given");
  CHECK(format(diags, DiagnosticFormat::github) ==
        "::error file=sections/intro.yaml,line=3,col=5,title=duplicate-label::duplicate label "
        "'intro'%0Asections/intro.yaml:1:10: note: first defined here%0Anote: labels must be "
        "unique\n"
        "::warning file=sections/b.yaml,title=empty-section::section 'b' has no paragraphs\n"
        "::error title=file-unreadable::no meeting folder given\n");
}

TEST_CASE("github: escaping of data and property values", "[format][github]") {
  Diagnostics diags;
  // A message is one line: a line break quoted in it is shown escaped, so
  // that only the notes start lines of their own.
  diags.report("invalid-value", {"dir,1/a:b%.yaml", 2, 3}, "100% wrong: a,b\r\nsecond line",
               {Note{{}, "x"}});
  CHECK(format(diags, DiagnosticFormat::github) ==
        "::error file=dir%2C1/a%3Ab%25.yaml,line=2,col=3,title=invalid-value::100%25 wrong: "
        "a,b<U+000D><U+000A>second line%0Anote: x\n");
}

TEST_CASE("github: columns are counted in characters", "[format][github]") {
  Diagnostics diags;
  diags.sources().add("a.yaml", "text: \xE2\x80\x94 {para:x}\n");
  diags.report("unknown-label", {"a.yaml", 1, 12}, "unknown paragraph label 'x'");
  CHECK(format(diags, DiagnosticFormat::github) ==
        "::error file=a.yaml,line=1,col=10,title=unknown-label::unknown paragraph label 'x'\n");
}

// --- Every byte printed is clean ----------------------------------------------

namespace {

// A file name and a message quoting a key written "\e]0;x\a\u009B\u202E" in
// YAML: an OSC title sequence, a bell, a C1 CSI and a right-to-left override.
Diagnostics hostile_diagnostics() {
  Diagnostics diags;
  const std::string file = "sections/\x1b]0;x\x07\xC2\x9B\xE2\x80\xAE.yaml";
  diags.sources().add(file,
                      "\xE2\x80\xAE"
                      "a: 1\n");
  diags.report("unknown-key", {file, 1, 4},
               "unknown key '\x1b]0;x\x07\xC2\x9B\xE2\x80\xAE' in a section",
               {Note{{file, 1, 1}, "note on '\xC2\x9B'"}, Note{{}, "bare note '\x07'"}});
  return diags;
}

// The bytes a terminal or a log viewer would act on: C0 controls but tab and
// line feed, DEL, C1 controls (UTF-8 C2 80 to C2 9F), and the bidirectional
// controls U+202A-U+202E and U+2066-U+2069.
bool has_unsafe_bytes(const std::string& out) {
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto b = static_cast<unsigned char>(out[i]);
    const auto next = i + 1 < out.size() ? static_cast<unsigned char>(out[i + 1]) : 0;
    const auto third = i + 2 < out.size() ? static_cast<unsigned char>(out[i + 2]) : 0;
    if ((b < 0x20 && b != '\t' && b != '\n') || b == 0x7F) return true;
    if (b == 0xC2 && next >= 0x80 && next <= 0x9F) return true;
    if (b == 0xE2 && next == 0x80 && third >= 0xAA && third <= 0xAE) return true;
    if (b == 0xE2 && next == 0x81 && third >= 0xA6 && third <= 0xA9) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("every format: messages and file names are printed escaped", "[format][clean]") {
  const Diagnostics diags = hostile_diagnostics();
  const std::string key = "<U+001B>]0;x<U+0007><U+009B><U+202E>";
  const std::string file = "sections/" + key + ".yaml";

  SECTION("human") {
    const std::string out = human(diags);
    CHECK_FALSE(has_unsafe_bytes(out));
    CHECK(out == file + ":1:4: error: unknown key '" + key +
                     "' in a section [unknown-key]\n"
                     "<U+202E>a: 1\n"
                     "        ^\n" +
                     file + ":1:1: note: note on '<U+009B>'\n" +
                     "<U+202E>a: 1\n"
                     "^\n"
                     "note: bare note '<U+0007>'\n"
                     "1 error generated\n");
  }
  SECTION("human in colour: only our own escape sequences") {
    std::string out = human(diags, true);
    for (std::string_view sgr : {"\x1b[0m", "\x1b[1m", "\x1b[1;31m", "\x1b[1;36m", "\x1b[1;32m"}) {
      for (std::size_t at; (at = out.find(sgr)) != std::string::npos;) out.erase(at, sgr.size());
    }
    CHECK_FALSE(has_unsafe_bytes(out));
  }
  SECTION("json") {
    const std::string out = format(diags, DiagnosticFormat::json);
    CHECK_FALSE(has_unsafe_bytes(out));
    CHECK(out.find("\\u001b") == std::string::npos);  // not even JSON-escaped
    const auto j = nlohmann::json::parse(out);
    CHECK(j["file"] == file);
    CHECK(j["message"] == "unknown key '" + key + "' in a section");
    CHECK(j["notes"][0]["file"] == file);
    CHECK(j["notes"][0]["message"] == "note on '<U+009B>'");
    CHECK(j["notes"][1]["message"] == "bare note '<U+0007>'");
  }
  SECTION("sarif") {
    const std::string out = format(diags, DiagnosticFormat::sarif);
    CHECK_FALSE(has_unsafe_bytes(out));
    const auto log = nlohmann::json::parse(out);
    const auto& r = log["runs"][0]["results"][0];
    CHECK(r["message"]["text"] ==
          "unknown key '" + key + "' in a section\nnote: bare note '<U+0007>'");
    // The URI percent-encodes every byte a URI cannot hold as it is.
    CHECK(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
          "sections/%1B%5D0;x%07%C2%9B%E2%80%AE.yaml");
    // The override is one code point: 'a' is the second.
    CHECK(r["locations"][0]["physicalLocation"]["region"]["startColumn"] == 2);
    CHECK(r["relatedLocations"][0]["message"]["text"] == "note on '<U+009B>'");
  }
  SECTION("github") {
    const std::string out = format(diags, DiagnosticFormat::github);
    CHECK_FALSE(has_unsafe_bytes(out));
    CHECK(out ==
          "::error file=sections/<U+001B>]0;x<U+0007><U+009B><U+202E>.yaml,line=1,col=2,"
          "title=unknown-key::unknown key '" +
              key + "' in a section%0A" + file +
              ":1:1: note: note on '<U+009B>'%0Anote: bare note '<U+0007>'\n");
  }
}

TEST_CASE("human: a bidirectional control in a source line is shown escaped", "[format][human]") {
  Diagnostics diags;
  // "CHF <RLO>0001<PDF>" would display as "CHF 1000".
  diags.sources().add("a.yaml",
                      "text: CHF \xE2\x80\xAE"
                      "0001\xE2\x80\xAC x\n");
  diags.report("invalid-value", {"a.yaml", 1, 11}, "a control");
  diags.report("invalid-value", {"a.yaml", 1, 22}, "bad");
  CHECK(human(diags) ==
        "a.yaml:1:11: error: a control [invalid-value]\n"
        "text: CHF <U+202E>0001<U+202C> x\n"
        "          ^\n"
        "a.yaml:1:22: error: bad [invalid-value]\n"
        "text: CHF <U+202E>0001<U+202C> x\n"
        "                               ^\n"
        "2 errors generated\n");
}

// --- Limits on every severity ---------------------------------------------------

TEST_CASE("every format: diagnostics past the limits are counted at the end", "[format][limit]") {
  DiagnosticPolicy policy;
  policy.max_errors = 1;
  policy.max_warnings = 2;
  Diagnostics diags(policy);
  for (int i = 1; i <= 3; ++i) diags.report("missing-key", {"a.yaml", i, 0}, "missing");
  for (int i = 1; i <= 5; ++i) diags.report("empty-section", {"b.yaml", i, 0}, "empty");
  REQUIRE(diags.all().size() == 3);
  CHECK(diags.dropped_errors() == 2);
  CHECK(diags.dropped_warnings() == 3);

  SECTION("human") {
    CHECK(human(diags) ==
          "a.yaml:1: error: missing [missing-key]\n"
          "b.yaml:1: warning: empty [empty-section]\n"
          "b.yaml:2: warning: empty [empty-section]\n"
          "3 errors, 5 warnings generated\n"
          "2 more errors not shown (--max-errors)\n"
          "3 more warnings not shown (--max-warnings)\n");
  }
  SECTION("json: a note shaped like every other line") {
    const std::string out = format(diags, DiagnosticFormat::json);
    CHECK(out.ends_with(
        R"({"file":"","line":null,"column":null,"severity":"note","code":"diagnostic-limit",)"
        R"j("message":"2 more errors not shown (--max-errors)","notes":[]})j"
        "\n"
        R"({"file":"","line":null,"column":null,"severity":"note","code":"diagnostic-limit",)"
        R"j("message":"3 more warnings not shown (--max-warnings)","notes":[]})j"
        "\n"));
    CHECK(std::count(out.begin(), out.end(), '\n') == 5);
  }
  SECTION("sarif: notifications of the invocation") {
    const auto log = nlohmann::json::parse(format(diags, DiagnosticFormat::sarif));
    const auto& run = log["runs"][0];
    CHECK(run["results"].size() == 3);
    REQUIRE(run["invocations"].size() == 1);
    CHECK(run["invocations"][0]["executionSuccessful"] == true);
    const auto& n = run["invocations"][0]["toolExecutionNotifications"];
    REQUIRE(n.size() == 2);
    CHECK(n[0]["level"] == "note");
    CHECK(n[0]["message"]["text"] == "2 more errors not shown (--max-errors)");
    CHECK(n[1]["message"]["text"] == "3 more warnings not shown (--max-warnings)");
    CHECK(n[1]["descriptor"]["id"] == "diagnostic-limit");
    CHECK(run["tool"]["driver"]["notifications"][0]["id"] == "diagnostic-limit");
  }
  SECTION("github") {
    CHECK(format(diags, DiagnosticFormat::github)
              .ends_with("::notice title=diagnostic-limit::2 more errors not shown (--max-errors)\n"
                         "::notice title=diagnostic-limit::3 more warnings not shown "
                         "(--max-warnings)\n"));
  }
  SECTION("nothing left out: no such line, no invocation") {
    Diagnostics few;
    few.report("empty-section", {"b.yaml", 1, 0}, "empty");
    CHECK(format(few, DiagnosticFormat::json).find("diagnostic-limit") == std::string::npos);
    CHECK(format(few, DiagnosticFormat::github).find("diagnostic-limit") == std::string::npos);
    CHECK_FALSE(nlohmann::json::parse(format(few, DiagnosticFormat::sarif))["runs"][0].contains(
        "invocations"));
  }
}

// --- Cost in proportion to the input --------------------------------------------

TEST_CASE("human: many diagnostics on one long line", "[format][human]") {
  // 100,000 columns: each diagnostic is cut around its own caret.
  const std::string line = std::string(50000, 'a') + "X" + std::string(49999, 'b') + "Y";
  Diagnostics diags;
  diags.sources().add("a.yaml", "first\n" + line + "\nlast\n");
  for (int round = 0; round < 2; ++round) {
    diags.report("invalid-value", {"a.yaml", 2, 50001}, "bad X");
    diags.report("invalid-value", {"a.yaml", 2, 100001}, "bad Y");
    diags.report("invalid-value", {"a.yaml", 2, 1}, "bad start");
    diags.report("invalid-value", {"a.yaml", 3, 2}, "bad last");
  }
  const std::string x = "a.yaml:2:50001: error: bad X [invalid-value]\n..." + std::string(47, 'a') +
                        "X" + std::string(46, 'b') + "...\n" + std::string(50, ' ') + "^\n";
  const std::string y = "a.yaml:2:100001: error: bad Y [invalid-value]\n..." +
                        std::string(96, 'b') + "Y\n" + std::string(99, ' ') + "^\n";
  const std::string start =
      "a.yaml:2:1: error: bad start [invalid-value]\n" + std::string(97, 'a') + "...\n^\n";
  const std::string last = "a.yaml:3:2: error: bad last [invalid-value]\nlast\n ^\n";
  CHECK(human(diags) == x + y + start + last + x + y + start + last + "8 errors generated\n");
  // The same columns in characters for SARIF and GitHub.
  CHECK(format(diags, DiagnosticFormat::github).find("line=2,col=100001,") != std::string::npos);
}

TEST_CASE("human: a line of combining marks prints at most 400 glyphs", "[format][human]") {
  // A million zero-width marks are zero columns wide, but not zero bytes.
  std::string line = "x: a";
  for (int i = 0; i < 100000; ++i) line += "\xCC\x81";
  line += " b";
  Diagnostics diags;
  diags.sources().add("a.yaml", line + "\n");
  diags.report("invalid-value", {"a.yaml", 1, 4}, "start");
  diags.report("invalid-value", {"a.yaml", 1, static_cast<int>(line.size())}, "end");
  const std::string out = human(diags);
  CHECK(out.size() < 4000);
  std::string marks;
  for (int i = 0; i < 396; ++i) marks += "\xCC\x81";
  CHECK(out.starts_with("a.yaml:1:4: error: start [invalid-value]\nx: a" + marks + "...\n   ^\n"));
  // Near the end, the marks left of the caret have lost their base: none is
  // printed on the ellipsis.
  CHECK(out.ends_with("error: end [invalid-value]\n... b\n    ^\n2 errors generated\n"));
}
