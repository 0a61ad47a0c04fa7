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
using cwg::FileName;
using cwg::Location;
using cwg::Severity;

TEST_CASE("file names: the same path is one name, and names sort as their paths", "[location]") {
  std::string built = std::string("sections/") + "intro.yaml";
  FileName a("sections/intro.yaml"), b(built), c("annex.yaml");
  CHECK(a == b);
  CHECK(&a.str() == &b.str());  // interned: one copy of the path
  CHECK(a == "sections/intro.yaml");
  CHECK(a == built);
  CHECK_FALSE(a == c);
  CHECK(c < a);
  CHECK_FALSE(a < b);
  CHECK(FileName().empty());
  CHECK(FileName("") == FileName());
  CHECK("in " + a + ":" == "in sections/intro.yaml:");
  // Diagnostics in two files sort by path, then by position.
  Diagnostics diags;
  diags.report("unknown-key", Location{"b.yaml", 1, 1}, "one");
  diags.report("unknown-key", Location{"a.yaml", 9, 1}, "two");
  diags.sort();
  CHECK(diags.all()[0].loc.file == "a.yaml");
}

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

TEST_CASE("closest_match: the banded search agrees with the full distance", "[suggest]") {
  // Every pair of short words over a small alphabet: the band and the early
  // stop must not change which candidate is closest, nor whether one is.
  std::vector<std::string> words = {""};
  for (std::size_t len = 1; len <= 5; ++len) {
    const std::size_t before = words.size();
    for (std::size_t i = 0; i < before; ++i)
      if (words[i].size() == len - 1)
        for (char c : {'a', 'b', 'c'}) words.push_back(words[i] + c);
  }
  for (const std::string& word :
       {std::string("abcab"), std::string("ba"), std::string("cccc"), std::string("abcabcabc")}) {
    const std::size_t limit = std::min<std::size_t>(3, std::max<std::size_t>(1, word.size() / 3));
    for (const std::string& c : words) {
      const bool near = cwg::edit_distance(word, c) <= limit;
      INFO(word << " / " << c);
      CHECK(cwg::closest_match(word, {c}).has_value() == near);
    }
  }
}

TEST_CASE("closest_match: bounded whatever the length of the word", "[suggest]") {
  // Two 20,000-byte labels one edit apart: a full table would be 400 million
  // cells; a word that long gets no suggestion at all.
  const std::string word(20000, 'a');
  std::string other = word;
  other[10000] = 'b';
  cwg::ClosestMatch m(word);
  m.consider(other);
  CHECK(m.result() == std::nullopt);
  CHECK(m.work() == 1);
  // Up to 100 bytes a typo is still found, and costs a band of the table only.
  const std::string label(100, 'x');
  std::string typo = label;
  typo[50] = 'y';
  cwg::ClosestMatch near(typo);
  near.consider(label);
  CHECK(near.result() == label);
  CHECK(near.work() <= 1 + 100 + 100 * 7);
  // A candidate out of reach is mostly told by its characters alone.
  cwg::ClosestMatch far(typo);
  far.consider(std::string(100, 'z'));
  CHECK(far.result() == std::nullopt);
  CHECK(far.work() == 1 + 100);
  // The same characters in another order: the rows stop once all are out
  // of reach.
  cwg::ClosestMatch reordered("abcdefghijkl");
  reordered.consider("lkjihgfedcba");
  CHECK(reordered.result() == std::nullopt);
  CHECK(reordered.work() <= 1 + 12 + 5 * 7);
}

TEST_CASE("suggest: none once the diagnostic would not be shown", "[suggest]") {
  DiagnosticPolicy policy;
  policy.max_errors = 1;
  REQUIRE_FALSE(policy.apply("no-unlisted-section"));
  Diagnostics diags(policy);
  const std::vector<std::string> labels = {"opening", "closing"};
  CHECK(diags.keeps("unknown-label"));
  CHECK(diags.suggest("unknown-label", "openng", labels) == "opening");
  diags.report("unknown-label", {"a.yaml", 1, 1}, "unknown label 'openng'");
  CHECK_FALSE(diags.keeps("unknown-label"));
  CHECK(diags.suggest("unknown-label", "openng", labels) == std::nullopt);
  // A warning has its own limit; a code turned off is never kept.
  CHECK(diags.keeps("empty-section"));
  CHECK_FALSE(diags.keeps("unlisted-section"));
  // closest() is for decisions: it does not depend on the limits.
  CHECK(diags.closest("openng", labels) == "opening");
}

TEST_CASE("suggest: the searches of one sink share a bounded budget", "[suggest]") {
  // 20,000 missing files next to 20,000 files a few edits from each: every
  // search compares them all, however many missing files there are.
  std::vector<std::string> paths;
  for (int i = 0; i < 20000; ++i) paths.push_back("sections/s" + std::to_string(10000 + i));
  DiagnosticPolicy policy;
  policy.max_errors = 0;  // no limit: only the budget stops the searches
  Diagnostics diags(policy);
  int searches = 0;
  while (diags.closest("sections/s10000", paths) == "sections/s10000" && searches < 20000) {
    diags.suggest("file-unreadable", "sections/t" + std::to_string(10000 + searches), paths);
    ++searches;
  }
  CHECK(searches > 5);
  CHECK(searches < 1000);
  // Spent: no search at all any more.
  CHECK(diags.suggest("file-unreadable", "sections/s10001", paths) == std::nullopt);
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
  // Warnings have a limit of their own.
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

TEST_CASE("report: max_warnings keeps the first warnings and counts the rest", "[sink]") {
  DiagnosticPolicy policy;
  policy.max_warnings = 2;
  Diagnostics diags(policy);
  for (int i = 1; i <= 5; ++i) diags.report("empty-section", {"a.yaml", i, 1}, "empty");
  diags.report("missing-key", {"a.yaml", 9, 1}, "missing");
  CHECK(diags.warning_count() == 5);
  CHECK(diags.dropped_warnings() == 3);
  CHECK(diags.dropped_errors() == 0);
  CHECK(diags.dropped() == 3);
  REQUIRE(diags.all().size() == 3);
  CHECK(diags.all()[1].loc.line == 2);
  CHECK(diags.all()[2].code == "missing-key");
  // -W error makes them errors, under the error limit.
  DiagnosticPolicy strict = policy;
  REQUIRE_FALSE(strict.apply("error"));
  Diagnostics as_errors(strict);
  for (int i = 1; i <= 5; ++i) as_errors.report("empty-section", {"a.yaml", i, 1}, "empty");
  CHECK(as_errors.all().size() == 5);
}

TEST_CASE("report: the default limits are 50 warnings and 50 errors", "[sink]") {
  Diagnostics warnings;
  for (int i = 0; i < 40000; ++i) warnings.report("raw-html", {"a.yaml", 2, i + 1}, "raw HTML");
  CHECK(warnings.all().size() == 50);
  CHECK(warnings.dropped_warnings() == 39950);
}

TEST_CASE("report: absorb takes over another sink's diagnostics and counts", "[sink]") {
  DiagnosticPolicy policy;
  policy.max_warnings = 3;
  Diagnostics main(policy), file(policy);
  main.report("empty-section", {"a.yaml", 1, 1}, "empty");
  main.report("empty-section", {"a.yaml", 2, 1}, "empty");
  for (int i = 1; i <= 5; ++i) file.report("empty-section", {"b.yaml", i, 1}, "empty");
  main.absorb(file);
  CHECK(main.warning_count() == 7);
  REQUIRE(main.all().size() == 3);
  CHECK(main.all()[2].loc.file == "b.yaml");
  CHECK(main.dropped_warnings() == 4);
}

TEST_CASE("report: messages are kept as printable text", "[sink]") {
  Diagnostics diags;
  diags.report("unknown-key", {"a.yaml", 1, 1}, "unknown key '\x1b[2J\xC2\x9B\xE2\x80\xAE'",
               {cwg::Note{{}, "valid keys: '\x07'"}});
  CHECK(diags.all()[0].message == "unknown key '<U+001B>[2J<U+009B><U+202E>'");
  CHECK(diags.all()[0].notes[0].message == "valid keys: '<U+0007>'");
  // A shortened value is cut before an escape, never inside one.
  std::string value(99, 'x');
  for (int i = 0; i < 10; ++i) value += "\x1b";
  diags.report("unknown-key", {"a.yaml", 2, 1}, "unknown key '" + value + "'");
  CHECK(diags.all()[1].message == "unknown key '" + std::string(99, 'x') + "\u2026'");
}

TEST_CASE("policy: a note about the run cannot be changed", "[policy]") {
  DiagnosticPolicy policy;
  CHECK(policy.apply("diagnostic-limit=error") ==
        "'diagnostic-limit' is a note about the run and cannot be changed");
  CHECK(policy.apply("no-diagnostic-limit").has_value());
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
