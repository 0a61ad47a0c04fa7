// Helpers shared by the tests: temporary meeting folders written from
// strings, and a diagnostics summary that is easy to compare.
#pragma once

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "cwgreport/diagnostic.h"

namespace cwg::test {

// The contents of a file; throws when it cannot be read.
inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Writes a file whole; throws when it cannot be written.
inline void spit(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / fmt::format("cwgreport-test-{:x}", rd());
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }

  void write(const std::string& rel, const std::string& contents) const {
    auto p = path_ / rel;
    std::filesystem::create_directories(p.parent_path());
    spit(p, contents);
  }

 private:
  std::filesystem::path path_;
};

// "line:col code" for each diagnostic, file names left out, in order.
inline std::vector<std::string> codes(const Diagnostics& diags) {
  std::vector<std::string> out;
  for (const auto& d : diags.all())
    out.push_back(fmt::format("{}:{} {}", d.loc.line, d.loc.column, d.code));
  return out;
}

// A small valid meeting folder that tests modify one file at a time.
inline void write_minimal_meeting(const TempDir& dir) {
  dir.write("report.yaml", R"(group:
  name: Council Working Group on Testing
  acronym: CWG-T
meetings:
  - number: 3
    date: 2024-05-06
people:
  - id: chair
    name: Ada Lovelace
    country: UK
    role: chair
summary: This report summarizes the {meeting:3} meeting.
action: The Council is invited to take note of the report.
references:
  - id: res1
    text: Resolution 1
sections:
  - sections/intro.yaml
  - sections/docs.yaml
signature:
  person: chair
  role: Chair, CWG-T
)");
  dir.write("documents.yaml", R"(entities:
  - id: uk
    name: United Kingdom
    short: UK
documents:
  - number: 1
    title: Report on testing
    kind: information-report
    source: uk
  - number: 2
    revision: 1
    title: Contribution from the United Kingdom
    kind: contribution
    source: [uk]
)");
  dir.write("sections/intro.yaml", R"(label: intro
heading: Introduction
paragraphs:
  - label: opening
    text: The meeting opened. See {para:uk-contribution} and {doc:3/2}.
  - A plain paragraph.
)");
  dir.write("sections/docs.yaml", R"(heading: Documents
paragraphs:
  - text: There was {count:contribution} contribution.
    documents: {kind: contribution}
  - label: uk-contribution
    presents: [3/1, 3/2R1]
    text: The United Kingdom presented {doc:3/2R1|full}.
)");
}

}  // namespace cwg::test
