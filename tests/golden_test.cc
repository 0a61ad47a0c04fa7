// Golden tests: every example's outputs compared byte for byte with
// tests/golden/, and the text output of meeting14 against the sample report.
// CWG_UPDATE_GOLDEN=1 rewrites the expected files from the current outputs.
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "cwgreport/compile.h"
#include "cwgreport/render.h"
#include "test_util.h"

namespace {

namespace fs = std::filesystem;

const fs::path kSourceDir = CWG_SOURCE_DIR;
const fs::path kExamples = kSourceDir / "examples";
const fs::path kGolden = kSourceDir / "tests" / "golden";

bool update_golden() {
  const char* v = std::getenv("CWG_UPDATE_GOLDEN");
  return v && std::string_view(v) == "1";
}

using cwg::test::slurp;
using cwg::test::spit;

std::vector<std::string> subfolders(const fs::path& dir) {
  std::vector<std::string> names;
  if (!fs::is_directory(dir)) return names;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_directory()) names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// `diff -u expected actual`, the actual text going through a temporary file.
std::string unified_diff(const fs::path& expected, const std::string& actual) {
  std::string tmpl = (fs::temp_directory_path() / "cwgreport-golden-XXXXXX").string();
  int fd = mkstemp(tmpl.data());
  if (fd < 0) return "(cannot create a temporary file for the diff)";
  close(fd);
  spit(tmpl, actual);
  std::string label = fs::relative(expected, kSourceDir).generic_string();
  std::string command = "diff -u --label " + shell_quote(label) + " --label actual " +
                        shell_quote(expected.string()) + " " + shell_quote(tmpl);
  std::string out;
  if (FILE* p = popen(command.c_str(), "r")) {
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
  } else {
    out = "(cannot run diff)";
  }
  fs::remove(tmpl);
  return out;
}

// Compiles an example, failing the test with the diagnostics if it has errors.
cwg::tree::Report compile_example(const std::string& name) {
  cwg::Diagnostics diags;
  auto report = cwg::compile((kExamples / name).string(), diags);
  if (!report)
    FAIL("examples/" << name << " does not compile:\n" << cwg::format_diagnostics(diags, {}));
  return *report;
}

std::string render(const cwg::OutputFormat& format, const cwg::tree::Report& report) {
  cwg::RenderOptions opts;
  opts.width = 0;
  return format.render(report, opts);
}

// The length in bytes of the space character at s[i], or 0: ASCII spaces
// and tabs, and the Unicode spaces (no-break, thin, ideographic, ...).
std::size_t space_at(std::string_view s, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f') return 1;
  std::string_view rest = s.substr(i);
  if (rest.starts_with("\xC2\xA0")) return 2;      // U+00A0
  if (rest.starts_with("\xE1\x9A\x80")) return 3;  // U+1680
  if (rest.size() >= 3 && rest.starts_with("\xE2\x80")) {
    unsigned char last = static_cast<unsigned char>(rest[2]);
    if (last <= 0x8A || last == 0xAF) return 3;  // U+2000..U+200A, U+202F
  }
  if (rest.starts_with("\xE2\x81\x9F")) return 3;  // U+205F
  if (rest.starts_with("\xE3\x80\x80")) return 3;  // U+3000
  return 0;
}

// What a line of the sample and a line of the output have in common once
// typography is set aside: each run of spaces becomes one space, and the
// ends are trimmed.
std::string normalise(std::string_view line) {
  std::string out;
  bool pending_space = false;
  for (std::size_t i = 0; i < line.size();) {
    if (std::size_t n = space_at(line, i)) {
      pending_space = true;
      i += n;
      continue;
    }
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    out += line[i++];
  }
  return out;
}

std::vector<std::string> normalised_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(normalise(line));
  return lines;
}

}  // namespace

TEST_CASE("every example matches its golden outputs", "[golden]") {
  auto examples = subfolders(kExamples);
  REQUIRE_FALSE(examples.empty());
  for (const auto& name : examples) {
    DYNAMIC_SECTION("examples/" << name) {
      cwg::tree::Report report = compile_example(name);
      for (const auto& format : cwg::output_formats()) {
        // A zip is no text to review as a diff: tests/render/docx_test.cc
        // and tests/output_checks/docx.sh check the DOCX.
        if (format.name == "docx") continue;
        std::string actual = render(format, report);
        fs::path expected = kGolden / name / ("report." + std::string(format.extension));
        INFO("tests/golden/" << name << "/" << expected.filename().string());
        if (update_golden()) {
          fs::create_directories(expected.parent_path());
          spit(expected, actual);
          continue;
        }
        if (!fs::exists(expected)) {
          FAIL_CHECK("missing; run the tests with CWG_UPDATE_GOLDEN=1 to create it");
          continue;
        }
        if (slurp(expected) != actual) {
          FAIL_CHECK(
              "the output differs from the golden file (if the change is intended, run "
              "the tests with CWG_UPDATE_GOLDEN=1 and review the diff):\n"
              << unified_diff(expected, actual));
        }
      }
    }
  }
}

// The translations of an example, each built as `build --language LANG`,
// against tests/golden/NAME/LANG/: the original's structure, the
// translation's texts, and for Arabic the right-to-left markup.
TEST_CASE("every translation of an example matches its golden outputs", "[golden]") {
  // The sample report carries a French and an Arabic translation.
  auto languages = subfolders(kExamples / "meeting14" / "translations");
  CHECK(std::find(languages.begin(), languages.end(), "fr") != languages.end());
  CHECK(std::find(languages.begin(), languages.end(), "ar") != languages.end());
  for (const auto& name : subfolders(kExamples)) {
    for (const auto& language : subfolders(kExamples / name / "translations")) {
      DYNAMIC_SECTION("examples/" << name << " --language " << language) {
        cwg::Diagnostics diags;
        cwg::CompileOptions opts;
        opts.language = language;
        auto report = cwg::compile((kExamples / name).string(), diags, opts);
        INFO(cwg::format_diagnostics(diags, {}));
        REQUIRE(report.has_value());
        CHECK(report->language == language);
        // The examples translate part of the report: only what is not
        // translated may be reported.
        for (const auto& d : diags.all()) CHECK(d.code == "translation-missing");
        for (const auto& format : cwg::output_formats()) {
          if (format.name == "docx") continue;
          std::string actual = render(format, *report);
          fs::path expected =
              kGolden / name / language / ("report." + std::string(format.extension));
          INFO("tests/golden/" << name << "/" << language << "/" << expected.filename().string());
          if (update_golden()) {
            fs::create_directories(expected.parent_path());
            spit(expected, actual);
            continue;
          }
          REQUIRE(fs::exists(expected));
          if (slurp(expected) != actual)
            FAIL_CHECK("the output differs from the golden file:\n"
                       << unified_diff(expected, actual));
        }
      }
    }
  }
}

TEST_CASE("every golden folder belongs to an example", "[golden]") {
  auto examples = subfolders(kExamples);
  for (const auto& name : subfolders(kGolden)) {
    INFO("tests/golden/" << name << " has no examples/" << name << "; remove it");
    CHECK(std::find(examples.begin(), examples.end(), name) != examples.end());
  }
}

TEST_CASE("the examples compile without diagnostics", "[golden]") {
  for (const auto& name : subfolders(kExamples)) {
    cwg::Diagnostics diags;
    auto report = cwg::compile((kExamples / name).string(), diags);
    INFO("examples/" << name << ":\n" << cwg::format_diagnostics(diags, {}));
    CHECK(report.has_value());
    CHECK(diags.all().empty());
  }
}

TEST_CASE("an example built twice gives byte-identical outputs", "[golden]") {
  for (const auto& name : subfolders(kExamples)) {
    cwg::tree::Report first = compile_example(name);
    cwg::tree::Report second = compile_example(name);
    for (const auto& format : cwg::output_formats()) {
      INFO("examples/" << name << " as " << format.name);
      CHECK(render(format, first) == render(format, second));
      CHECK(render(format, first) == render(format, first));
    }
  }
}

TEST_CASE("the text output contains every paragraph of the sample word for word", "[golden]") {
  std::string sample = slurp(kSourceDir / "tests" / "data" / "sample-report.txt");
  const cwg::OutputFormat* txt = cwg::find_output_format("txt");
  REQUIRE(txt != nullptr);
  std::string output = render(*txt, compile_example("meeting14"));
  auto produced = normalised_lines(output);
  std::set<std::string> lines(produced.begin(), produced.end());

  std::size_t checked = 0;
  std::string missing;
  for (std::string line : normalised_lines(sample)) {
    // An artefact of the sample's extraction, not part of the report.
    if (auto at = line.find("stakeholders<."); at != std::string::npos) {
      line.erase(at + 12, 1);
    }
    if (line.empty()) continue;
    ++checked;
    if (!lines.count(line)) missing += "  " + line + "\n";
  }
  CHECK(checked >= 50);  // the whole sample, not an empty or truncated file
  INFO("lines of the sample missing from the text output:\n" << missing);
  CHECK(missing.empty());
}
