// Fuzz harness for Markdown text fields: a fixed, valid meeting in which the
// input becomes a paragraph's text, the section's heading, a table cell and a
// listed document's title. The meeting is checked, built and rendered.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "build/report_builder.h"
#include "check/model.h"
#include "fuzz_util.h"
#include "source/loader.h"

namespace {

constexpr std::string_view kReport = R"(group:
  name: Council Working Group on Fuzzing
  acronym: CWG-F
meetings:
  - number: 3
    date: 2024-05-06
people:
  - id: chair
    name: Ada Lovelace
    role: chair
summary: The {meeting:3} meeting.
references:
  - id: res1
    text: Resolution 1
sections:
  - s1.yaml
)";

constexpr std::string_view kDocuments = R"(entities:
  - id: uk
    name: United Kingdom
    short: UK
documents:
  - number: 1
    title: Agenda
    kind: agenda
  - number: 2
    revision: 1
    title: Contribution
    kind: contribution
    source: uk
)";

constexpr std::string_view kSection = R"(label: intro
heading: Introduction
paragraphs:
  - label: first
    presents: 3/2R1
    text: The text.
    table:
      columns: [Subject, Documents]
      rows:
        - [Cell, "{doc:3/1}"]
    footnotes:
      - id: n1
        text: A note.
  - text: See {para:first}{note:n1} and {ref:res1}.
    documents: {kind: [agenda, contribution]}
)";

// Text fields hold valid UTF-8: the reader rejects anything else. Code
// points YAML escapes can write (NUL, ESC, C1 controls) are kept.
std::string valid_utf8(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size();) {
    const auto c = static_cast<unsigned char>(in[i]);
    std::size_t len = c < 0x80                 ? 1
                      : c >= 0xC2 && c <= 0xDF ? 2
                      : c >= 0xE0 && c <= 0xEF ? 3
                      : c >= 0xF0 && c <= 0xF4 ? 4
                                               : 0;
    bool ok = len > 0 && i + len <= in.size();
    char32_t cp = len == 1 ? c : len == 2 ? c & 0x1Fu : len == 3 ? c & 0x0Fu : c & 0x07u;
    for (std::size_t k = 1; ok && k < len; ++k) {
      const auto cc = static_cast<unsigned char>(in[i + k]);
      ok = (cc & 0xC0u) == 0x80u;
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    ok = ok && !(len == 3 && cp < 0x800) && !(len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) &&
         !(cp >= 0xD800 && cp <= 0xDFFF);
    if (ok) {
      out.append(in.substr(i, len));
      i += len;
    } else {
      out += "\uFFFD";
      ++i;
    }
  }
  return out;
}

// The meeting as loaded, and the files read, which diagnostics quote.
struct Base {
  cwg::Sources src;
  cwg::SourceFiles files;
};

const Base& base() {
  static const Base loaded = [] {
    const std::string& dir = cwg::fuzz::scratch_dir();
    cwg::fuzz::write_file(dir + "/report.yaml", kReport);
    cwg::fuzz::write_file(dir + "/documents.yaml", kDocuments);
    cwg::fuzz::write_file(dir + "/s1.yaml", kSection);
    cwg::Diagnostics diags;
    auto src = cwg::load_sources(dir, diags);
    if (!src || diags.has_errors()) __builtin_trap();
    return Base{*src, diags.sources()};
  }();
  return loaded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = valid_utf8({reinterpret_cast<const char*>(data), size});
  cwg::Sources src = base().src;
  cwg::Section& section = src.sections.at(0);
  section.heading.value = text;
  section.paragraphs.at(0).text.value = text;
  section.paragraphs.at(0).table.at(0).rows.at(0).at(0).value = text;
  src.documents.at(1).title.value = text;

  cwg::Diagnostics diags;
  diags.sources() = base().files;
  cwg::Model model =
      cwg::check_sources(std::make_shared<const cwg::Sources>(std::move(src)), diags);
  // The builder reports nothing and builds what it can even after errors.
  const std::size_t reported = diags.all().size();
  cwg::tree::Report report = cwg::build_report(std::move(model));
  if (diags.all().size() != reported) __builtin_trap();
  if (!diags.has_errors()) cwg::fuzz::render_all(report);
  (void)cwg::format_diagnostics(diags, {});
  return 0;
}
