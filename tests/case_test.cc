// The diagnostics corpus: every file in tests/cases/*.case is a broken
// meeting (the valid meeting in tests/cases/base/ with some files replaced)
// that states the exact diagnostics it must produce. This test checks each
// one through the front end, and through the command line that it exits 1
// and writes nothing.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <sstream>

#include "cwgreport/compile.h"
#include "test_util.h"

using namespace cwg;
namespace fs = std::filesystem;

namespace {

struct Case {
  std::string name;
  std::vector<std::string> expect;   // "file:line:col: severity: message [code]"
  std::vector<std::string> options;  // -W arguments
  std::vector<std::pair<std::string, std::string>> files;  // path, contents
  std::vector<std::string> remove;                         // base files to delete
  std::string language;  // --language: the translation to build, or empty
};

Case parse_case(const fs::path& path) {
  Case c;
  c.name = path.stem().string();
  std::istringstream in(test::slurp(path));
  std::string line;
  std::string* current = nullptr;
  while (std::getline(in, line)) {
    if (line.starts_with("--- ")) {
      c.files.emplace_back(line.substr(4), "");
      current = &c.files.back().second;
    } else if (current) {
      *current += line + "\n";
    } else if (line.starts_with("# expect: ")) {
      c.expect.push_back(line.substr(10));
    } else if (line.starts_with("# option: ")) {
      c.options.push_back(line.substr(10));
    } else if (line.starts_with("# remove: ")) {
      c.remove.push_back(line.substr(10));
    } else if (line.starts_with("# language: ")) {
      c.language = line.substr(12);
    }
  }
  return c;
}

void write_case(const Case& c, const test::TempDir& dir) {
  fs::copy(fs::path(CWG_SOURCE_DIR) / "tests/cases/base", dir.path(),
           fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  for (const auto& r : c.remove) fs::remove(dir.path() / r);
  for (const auto& [rel, contents] : c.files) dir.write(rel, contents);
}

std::vector<fs::path> case_files() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(fs::path(CWG_SOURCE_DIR) / "tests/cases"))
    if (e.path().extension() == ".case") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("the base meeting of the corpus is valid") {
  test::TempDir dir;
  write_case(Case{}, dir);
  Diagnostics diags;
  CHECK(compile(dir.str(), diags));
  CHECK(test::codes(diags).empty());
}

TEST_CASE("every case of the corpus yields exactly its diagnostics") {
  auto files = case_files();
  REQUIRE(files.size() >= 40);
  for (const auto& path : files) {
    Case c = parse_case(path);
    INFO("case " << c.name);
    REQUIRE_FALSE(c.expect.empty());
    test::TempDir dir;
    write_case(c, dir);
    DiagnosticPolicy policy;
    for (const auto& o : c.options) REQUIRE_FALSE(policy.apply(o));
    Diagnostics diags(policy);
    CompileOptions opts;
    opts.language = c.language;
    auto report = compile(dir.str(), diags, opts);
    CHECK_FALSE(report);
    std::vector<std::string> got;
    std::string prefix = dir.str() + "/";
    for (const auto& d : diags.all()) {
      std::string file =
          d.loc.file.starts_with(prefix) ? d.loc.file.substr(prefix.size()) : d.loc.file.str();
      got.push_back(
          d.loc.has_position()
              ? fmt::format("{}:{}:{}: {}: {} [{}]", file, d.loc.line, d.loc.column,
                            severity_name(d.severity), d.message, d.code)
              : fmt::format("{}: {}: {} [{}]", file, severity_name(d.severity), d.message, d.code));
    }
    CHECK(got == c.expect);
  }
}

TEST_CASE("the command line exits 1 on every case and writes nothing") {
  for (const auto& path : case_files()) {
    Case c = parse_case(path);
    INFO("case " << c.name);
    test::TempDir dir;
    write_case(c, dir);
    std::string cmd = fmt::format("'{}' build -q '{}'", CWG_BINARY, dir.str());
    for (const auto& o : c.options) cmd += " -W '" + o + "'";
    if (!c.language.empty()) cmd += " --language " + c.language;
    cmd += " 2>/dev/null";
    int status = std::system(cmd.c_str());
    CHECK(WEXITSTATUS(status) == 1);
    CHECK_FALSE(fs::exists(dir.path() / "out"));
  }
}
