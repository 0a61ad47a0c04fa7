// The driver in process: the same functions the command line calls, with the
// messages captured in a buffered FolderOutput instead of the terminal.
#include "driver/driver.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "test_util.h"

namespace fs = std::filesystem;
using cwg::test::slurp;
using cwg::test::TempDir;

namespace {

cwg::CommonOptions options_for(const fs::path& dir) {
  cwg::CommonOptions o;
  o.dir = dir.string();
  o.dirs = {o.dir};
  return o;
}

const fs::path kExample = fs::path(CWG_SOURCE_DIR) / "examples" / "meeting14";
const fs::path kGolden = fs::path(CWG_SOURCE_DIR) / "tests" / "golden" / "meeting14";

}  // namespace

TEST_CASE("driver: build writes the requested formats and only those", "[driver]") {
  TempDir out;
  cwg::BuildOptions b;
  b.out_dir = out.str();
  b.formats = {"txt,md"};
  cwg::FolderOutput io;
  io.buffered = true;
  REQUIRE(cwg::run_build(options_for(kExample), b, io) == cwg::kExitOk);
  CHECK(io.err.empty());
  CHECK(io.files == 2);
  // A buffered folder is one of several: its summary line, printed by
  // run_many, replaces the list of files.
  CHECK(io.out.empty());
  CHECK(slurp(out.path() / "report.txt") == slurp(kGolden / "report.txt"));
  CHECK(slurp(out.path() / "report.md") == slurp(kGolden / "report.md"));
  CHECK_FALSE(fs::exists(out.path() / "report.html"));
}

TEST_CASE("driver: a DOCX is written when asked for", "[driver]") {
  TempDir out;
  cwg::BuildOptions b;
  b.out_dir = out.str();
  cwg::FolderOutput io;
  io.buffered = true;
  REQUIRE(cwg::run_build(options_for(kExample), b, io) == cwg::kExitOk);
  CHECK(io.files == 3);
  CHECK_FALSE(fs::exists(out.path() / "report.docx"));

  b.formats = {"docx"};
  REQUIRE(cwg::run_build(options_for(kExample), b, io) == cwg::kExitOk);
  CHECK(slurp(out.path() / "report.docx").rfind("PK\x03\x04", 0) == 0);
}

TEST_CASE("driver: SOURCE_DATE_EPOCH is a number of seconds or an error", "[driver]") {
  cwg::CommonOptions o = options_for(kExample);
  cwg::BuildOptions b;
  b.formats = {"docx"};
  const char* before = std::getenv("SOURCE_DATE_EPOCH");
  const std::string saved = before ? before : "";
  setenv("SOURCE_DATE_EPOCH", "1516699800", 1);
  CHECK_NOTHROW(cwg::validate_options(o, &b));
  setenv("SOURCE_DATE_EPOCH", "yesterday", 1);
  CHECK_THROWS_WITH(cwg::validate_options(o, &b),
                    "SOURCE_DATE_EPOCH is 'yesterday', not a number of seconds since 1970");
  setenv("SOURCE_DATE_EPOCH", "-1", 1);
  CHECK_THROWS_AS(cwg::validate_options(o, &b), cwg::UsageError);
  if (before)
    setenv("SOURCE_DATE_EPOCH", saved.c_str(), 1);
  else
    unsetenv("SOURCE_DATE_EPOCH");
}

TEST_CASE("driver: errors in the sources are reported and nothing is written", "[driver]") {
  TempDir src, out;
  for (const auto& e : fs::recursive_directory_iterator(kExample)) {
    if (e.path().filename() == "out" || !e.is_regular_file()) continue;
    src.write(fs::relative(e.path(), kExample).string(), slurp(e.path()));
  }
  std::string report = slurp(src.path() / "sections" / "discussions.yaml");
  auto at = report.find("presents: 14/6");
  REQUIRE(at != std::string::npos);
  report.replace(at, 14, "presents: 14/66");
  src.write("sections/discussions.yaml", report);

  cwg::BuildOptions b;
  b.out_dir = out.str();
  cwg::CommonOptions o = options_for(src.path());
  o.diagnostics_format = "json";
  cwg::FolderOutput io;
  io.buffered = true;
  CHECK(cwg::run_build(o, b, io) == cwg::kExitInvalid);
  CHECK(io.errors == 1);
  CHECK(io.err.find("\"code\":\"unknown-document\"") != std::string::npos);
  CHECK(io.out.empty());
  CHECK(fs::is_empty(out.path()));

  cwg::FolderOutput checked;
  checked.buffered = true;
  CHECK(cwg::run_check(o, checked) == cwg::kExitInvalid);
  CHECK(checked.err == io.err);
}

TEST_CASE("driver: mistakes in the options are usage errors", "[driver]") {
  cwg::CommonOptions o = options_for(kExample);
  cwg::BuildOptions b;
  b.formats = {"md,odt"};
  CHECK_THROWS_WITH(cwg::validate_options(o, &b),
                    "unknown output format 'odt' (expected md, html, txt, docx or pdf)");
  b.formats = {"pfd"};
  CHECK_THROWS_WITH(cwg::validate_options(o, &b),
                    "unknown output format 'pfd' (expected md, html, txt, docx or pdf); did you "
                    "mean 'pdf'?");
  b.formats = {"htm"};
  CHECK_THROWS_WITH(cwg::validate_options(o, &b),
                    "unknown output format 'htm' (expected md, html, txt, docx or pdf); did you "
                    "mean 'html'?");
  o.warnings = {"bogus=error"};
  CHECK_THROWS_AS(cwg::validate_options(o, nullptr), cwg::UsageError);
  CHECK_THROWS_AS(cwg::run_explain("no-such-code"), cwg::UsageError);
}
