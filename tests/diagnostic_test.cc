// Tests for the diagnostics sink, the -W policy, "did you mean" suggestions,
// the code table, and the documentation that must list every code.
#include "cwgreport/diagnostic.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using cwg::DiagnosticPolicy;
using cwg::Diagnostics;
using cwg::Location;
using cwg::Severity;

TEST_CASE("policy: -W error turns warnings into errors", "[policy]") {
  DiagnosticPolicy policy;
  CHECK(policy.apply("error") == std::nullopt);
  CHECK(policy.warnings_as_errors);
  CHECK(policy.severity_of("empty-section", Severity::warning) == Severity::error);
  CHECK(policy.severity_of("unknown-key", Severity::error) == Severity::error);

  Diagnostics diags(policy);
  diags.report("empty-section", {"a.yaml", 1, 1}, "empty");
  CHECK(diags.error_count() == 1);
  CHECK(diags.warning_count() == 0);
  CHECK(diags.all().at(0).severity == Severity::error);
}

TEST_CASE("policy: -W no-CODE turns a warning off", "[policy]") {
  DiagnosticPolicy policy;
  CHECK(policy.apply("no-unpresented-document") == std::nullopt);
  CHECK(policy.overrides.at("unpresented-document") == Severity::off);

  Diagnostics diags(policy);
  diags.report("unpresented-document", {"documents.yaml", 3, 5}, "not presented");
  CHECK(diags.all().empty());
  CHECK(diags.warning_count() == 0);
  CHECK_FALSE(diags.has_errors());
}

TEST_CASE("policy: -W CODE=LEVEL", "[policy]") {
  DiagnosticPolicy policy;
  CHECK(policy.apply("empty-section=error") == std::nullopt);
  CHECK(policy.severity_of("empty-section", Severity::warning) == Severity::error);
  CHECK(policy.apply("raw-html=off") == std::nullopt);
  CHECK(policy.severity_of("raw-html", Severity::warning) == Severity::off);
  // The last setting wins.
  CHECK(policy.apply("raw-html=warning") == std::nullopt);
  CHECK(policy.severity_of("raw-html", Severity::warning) == Severity::warning);
  // Raising an error to error is allowed, and changes nothing.
  CHECK(policy.apply("unknown-key=error") == std::nullopt);
  CHECK(policy.severity_of("unknown-key", Severity::error) == Severity::error);
}

TEST_CASE("policy: an error cannot be lowered", "[policy]") {
  DiagnosticPolicy policy;
  CHECK(policy.apply("unknown-key=warning") == "'unknown-key' is an error and cannot be lowered");
  CHECK(policy.apply("no-unknown-document") ==
        "'unknown-document' is an error and cannot be lowered");
  CHECK(policy.apply("date-order=off") == "'date-order' is an error and cannot be lowered");
  CHECK(policy.overrides.empty());
}

TEST_CASE("policy: unknown codes, levels and arguments", "[policy]") {
  DiagnosticPolicy policy;
  CHECK(policy.apply("unknown-dokument=off") ==
        "unknown diagnostic code 'unknown-dokument'; did you mean 'unknown-document'?");
  CHECK(policy.apply("no-empty-sections") ==
        "unknown diagnostic code 'empty-sections'; did you mean 'empty-section'?");
  CHECK(policy.apply("no-frobnicate") == "unknown diagnostic code 'frobnicate'");
  CHECK(policy.apply("empty-section=fatal") ==
        "unknown level 'fatal' in '-W empty-section=fatal' (expected error, warning or off)");
  CHECK(policy.apply("everything") ==
        "unknown -W argument 'everything' (expected error, no-CODE or CODE=error|warning|off)");
  CHECK(policy.overrides.empty());
  CHECK_FALSE(policy.warnings_as_errors);
}

TEST_CASE("edit_distance", "[suggest]") {
  CHECK(cwg::edit_distance("", "") == 0);
  CHECK(cwg::edit_distance("", "abc") == 3);
  CHECK(cwg::edit_distance("abc", "") == 3);
  CHECK(cwg::edit_distance("heading", "heading") == 0);
  CHECK(cwg::edit_distance("headng", "heading") == 1);
  CHECK(cwg::edit_distance("kitten", "sitting") == 3);
  CHECK(cwg::edit_distance("flaw", "lawn") == 2);
  // A swap of neighbours is one edit, the commonest typo.
  CHECK(cwg::edit_distance("ab", "ba") == 1);
  CHECK(cwg::edit_distance("dco", "doc") == 1);
  CHECK(cwg::edit_distance("chiar", "chair") == 1);
}

TEST_CASE("closest_match", "[suggest]") {
  const std::vector<std::string> keys = {"label", "heading", "paragraphs", "presents"};
  CHECK(cwg::closest_match("headng", keys) == "heading");
  CHECK(cwg::closest_match("paragraph", keys) == "paragraphs");
  CHECK(cwg::closest_match("presnets", keys) == "presents");
  // Too far from anything: no suggestion rather than a misleading one.
  CHECK(cwg::closest_match("title", keys) == std::nullopt);
  CHECK(cwg::closest_match("summary", keys) == std::nullopt);
  // A short word allows one edit only.
  CHECK(cwg::closest_match("lbl", keys) == std::nullopt);
  CHECK(cwg::closest_match("labl", keys) == "label");
  CHECK(cwg::closest_match("anything", {}) == std::nullopt);
  // Two candidates equally close: no guess.
  CHECK(cwg::closest_match("cat", {"bat", "cap"}) == std::nullopt);
  CHECK(cwg::closest_match("3/5", {"3/1", "3/2", "3/4"}) == std::nullopt);
  CHECK(cwg::closest_match("dco", {"doc", "para", "sec"}) == "doc");
}

TEST_CASE("report: severities and counts", "[sink]") {
  Diagnostics diags;
  diags.report("unknown-key", {"a.yaml", 2, 3}, "unknown key 'headng'",
               {cwg::Note{{}, "did you mean 'heading'?"}});
  diags.report("empty-section", {"b.yaml", 0, 0}, "section 'b' has no paragraphs");
  diags.report("revision-clash", {"c.yaml", 1, 1}, "both revisions presented");
  REQUIRE(diags.all().size() == 3);
  CHECK(diags.error_count() == 1);
  CHECK(diags.warning_count() == 2);
  CHECK(diags.has_errors());
  CHECK(diags.dropped() == 0);

  const cwg::Diagnostic& d = diags.all()[0];
  CHECK(d.severity == Severity::error);
  CHECK(d.code == "unknown-key");
  CHECK(d.loc.file == "a.yaml");
  CHECK(d.loc.line == 2);
  CHECK(d.loc.column == 3);
  CHECK(d.message == "unknown key 'headng'");
  REQUIRE(d.notes.size() == 1);
  CHECK(d.notes[0].message == "did you mean 'heading'?");
  CHECK(diags.all()[1].severity == Severity::warning);
}

TEST_CASE("report: long quoted values are shortened in messages", "[sink]") {
  Diagnostics diags;
  const std::string digits(40000, '1');
  diags.report("wrong-type", {"a.yaml", 2, 3},
               "'number' must be a whole number from 1 to 999, not '" + digits + "'",
               {cwg::Note{{}, "write '" + digits + "' in quotes"}});
  const std::string shown = "'" + std::string(100, '1') + "\u2026'";
  REQUIRE(diags.all().size() == 1);
  CHECK(diags.all()[0].message == "'number' must be a whole number from 1 to 999, not " + shown);
  CHECK(diags.all()[0].notes[0].message == "write " + shown + " in quotes");

  // Short values, and apostrophes inside words, stay as they are.
  const std::string word = "the member's text '" + std::string(120, 'x') + "' is fine";
  diags.report("wrong-type", {"a.yaml", 3, 1}, word);
  CHECK(diags.all()[1].message == word);

  // A cut never splits a UTF-8 sequence.
  std::string accents;
  for (int i = 0; i < 100; ++i) accents += "\u00E9";  // two bytes each
  diags.report("wrong-type", {"a.yaml", 4, 1}, "unknown label '" + accents + "'");
  CHECK(diags.all()[2].message == "unknown label '" + accents.substr(0, 100) + "\u2026'");
}

TEST_CASE("report: warnings alone are not errors", "[sink]") {
  Diagnostics diags;
  diags.report("raw-html", {"a.yaml", 1, 1}, "raw HTML");
  CHECK_FALSE(diags.has_errors());
  CHECK(diags.warning_count() == 1);
}

TEST_CASE("report: max_errors keeps the first errors and counts the rest", "[sink]") {
  DiagnosticPolicy policy;
  policy.max_errors = 3;
  Diagnostics diags(policy);
  for (int i = 1; i <= 2; ++i) diags.report("missing-key", {"a.yaml", i, 1}, "missing");
  CHECK_FALSE(diags.limit_reached());
  diags.report("missing-key", {"a.yaml", 3, 1}, "missing");
  CHECK(diags.limit_reached());
  for (int i = 4; i <= 7; ++i) diags.report("missing-key", {"a.yaml", i, 1}, "missing");
  // Warnings are not limited.
  diags.report("empty-section", {"a.yaml", 8, 1}, "empty");

  CHECK(diags.error_count() == 7);
  CHECK(diags.dropped() == 4);
  CHECK(diags.warning_count() == 1);
  REQUIRE(diags.all().size() == 4);
  CHECK(diags.all()[2].loc.line == 3);
  CHECK(diags.all()[3].code == "empty-section");
}

TEST_CASE("report: max_errors 0 means no limit", "[sink]") {
  DiagnosticPolicy policy;
  policy.max_errors = 0;
  Diagnostics diags(policy);
  for (int i = 0; i < 200; ++i) diags.report("missing-key", {"a.yaml", i + 1, 1}, "missing");
  CHECK(diags.all().size() == 200);
  CHECK(diags.dropped() == 0);
  CHECK_FALSE(diags.limit_reached());
}

TEST_CASE("report: the default limit is 50 errors", "[sink]") {
  Diagnostics diags;
  for (int i = 0; i < 60; ++i) diags.report("missing-key", {"a.yaml", i + 1, 1}, "missing");
  CHECK(diags.all().size() == 50);
  CHECK(diags.dropped() == 10);
  CHECK(diags.error_count() == 60);
}

TEST_CASE("sort: by file, line and column, stable for equal positions", "[sink]") {
  Diagnostics diags;
  diags.report("missing-key", {"b.yaml", 1, 1}, "b1");
  diags.report("missing-key", {"a.yaml", 10, 2}, "a10:2");
  diags.report("missing-key", {"a.yaml", 2, 9}, "a2:9 first");
  diags.report("missing-key", {"a.yaml", 10, 1}, "a10:1");
  diags.report("missing-key", {"a.yaml", 2, 9}, "a2:9 second");
  diags.report("missing-key", {"a.yaml", 0, 0}, "a file");
  diags.sort();
  std::vector<std::string> order;
  for (const auto& d : diags.all()) order.push_back(d.message);
  CHECK(order ==
        std::vector<std::string>{"a file", "a2:9 first", "a2:9 second", "a10:1", "a10:2", "b1"});
}

TEST_CASE("SourceFiles::line", "[sources]") {
  cwg::SourceFiles files;
  files.add("a.yaml", "one\r\ntwo\n\nfour");
  CHECK(files.line("a.yaml", 1) == "one");
  CHECK(files.line("a.yaml", 2) == "two");
  CHECK(files.line("a.yaml", 3) == "");
  CHECK(files.line("a.yaml", 4) == "four");
  CHECK(files.line("a.yaml", 5) == std::nullopt);
  CHECK(files.line("a.yaml", 0) == std::nullopt);
  CHECK(files.line("b.yaml", 1) == std::nullopt);
  REQUIRE(files.find("a.yaml") != nullptr);
  CHECK(files.find("b.yaml") == nullptr);
}

TEST_CASE("parse_diagnostic_format", "[format]") {
  CHECK(cwg::parse_diagnostic_format("human") == cwg::DiagnosticFormat::human);
  CHECK(cwg::parse_diagnostic_format("json") == cwg::DiagnosticFormat::json);
  CHECK(cwg::parse_diagnostic_format("sarif") == cwg::DiagnosticFormat::sarif);
  CHECK(cwg::parse_diagnostic_format("github") == cwg::DiagnosticFormat::github);
  CHECK(cwg::parse_diagnostic_format("JSON") == std::nullopt);
  CHECK(cwg::parse_diagnostic_format("") == std::nullopt);
}

TEST_CASE("code table: names and texts follow the message style", "[codes]") {
  std::set<std::string_view> seen;
  for (const cwg::CodeInfo& c : cwg::all_codes()) {
    INFO(c.code);
    CHECK(seen.insert(c.code).second);
    CHECK(c.code.find_first_not_of("abcdefghijklmnopqrstuvwxyz-") == std::string_view::npos);
    CHECK(c.default_severity != Severity::off);
    REQUIRE_FALSE(c.summary.empty());
    CHECK(c.summary.back() != '.');
    CHECK_FALSE((c.summary[0] >= 'A' && c.summary[0] <= 'Z'));
    CHECK_FALSE(c.explanation.empty());
    CHECK(cwg::find_code(c.code) == &c);
  }
  CHECK(cwg::find_code("no-such-code") == nullptr);
}

// Keeps docs/diagnostics.md in step with the code table: every code has a
// "### code" section, and every such section names a code.
TEST_CASE("docs/diagnostics.md documents exactly the codes in the table", "[codes][docs]") {
  std::ifstream in(CWG_SOURCE_DIR "/docs/diagnostics.md");
  REQUIRE(in.good());
  std::multiset<std::string> documented;
  bool in_fence = false;
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("```")) in_fence = !in_fence;
    if (in_fence || !line.starts_with("### ")) continue;
    std::string heading = line.substr(4);
    while (!heading.empty() && (heading.back() == ' ' || heading.back() == '\r')) {
      heading.pop_back();
    }
    documented.insert(heading);
  }
  std::set<std::string> codes;
  for (const cwg::CodeInfo& c : cwg::all_codes()) codes.emplace(c.code);

  for (const auto& code : codes) {
    INFO("code without a section in docs/diagnostics.md: " << code);
    CHECK(documented.count(code) == 1);
  }
  for (const auto& heading : documented) {
    INFO("section for an unknown code in docs/diagnostics.md: " << heading);
    CHECK(codes.count(heading) == 1);
  }
}
