// Tests for the limits on Markdown text fields: what they stop, where they
// point, what they let through, and how they are changed.
#include <catch2/catch.hpp>
#include <string>
#include <thread>

#include "cwgreport/compile.h"
#include "test_util.h"

namespace {

using cwg::Diagnostics;
using cwg::TextLimits;
using cwg::test::TempDir;

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

// A YAML double-quoted string holding `text` exactly.
std::string yaml_quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

struct Result {
  bool built = false;
  Diagnostics diags;
};

// Compiles the minimal meeting with `text` as the first paragraph of its
// first section, written on line 5 from column 11.
// The limits the other guards are tested under: texts of up to 16 MiB, more
// than one field may hold by default, so that each guard is seen to stop
// its own input rather than the limit on size stopping it first.
TextLimits large_fields() {
  TextLimits limits;
  limits.max_field_bytes = std::size_t{16} << 20;
  return limits;
}

Result compile_with(std::string_view text, const TextLimits& limits = large_fields()) {
  TempDir dir;
  cwg::test::write_minimal_meeting(dir);
  dir.write("sections/intro.yaml",
            "label: intro\nheading: Introduction\nparagraphs:\n  - label: opening\n    text: " +
                yaml_quoted(text) + "\n");
  Result r;
  cwg::CompileOptions opts;
  opts.text = limits;
  r.built = cwg::compile(dir.str(), r.diags, opts).has_value();
  return r;
}

// "line:col message" of each text-limit diagnostic.
std::vector<std::string> limits_reported(const Result& r) {
  std::vector<std::string> out;
  for (const auto& d : r.diags.all()) {
    if (d.code == "text-limit")
      out.push_back(std::to_string(d.loc.line) + ":" + std::to_string(d.loc.column) + " " +
                    d.message);
  }
  return out;
}

using Reports = std::vector<std::string>;

}  // namespace

TEST_CASE("ordinary Markdown is within the limits", "[text-limits]") {
  const std::string texts[] = {
      "> > > > > quoted *five* levels deep",
      "- a\n  - b\n    - c\n      - d",
      "*one* _two_ **three** ~~four~~ [five](https://www.itu.int) and many more *words* in "
      "*emphasis*, *more* *than* *the* *limit* *of* *thirty-two* *even* *when* *counted* *one* "
      "*by* *one*, *since* *none* *of* *them* *nests* *inside* *another* *one*, *as* *real* "
      "*text* *never* *does* *anyway* *here*",
      "a table with leading and trailing pipes on 64 columns",
      "a line with sixty-five pipes but no table: " + std::string(65, '|'),
      "                                                                    deeply indented text",
  };
  for (std::string text : texts) {
    if (text.starts_with("a table")) {
      text = "|" + repeat(" c |", 64) + "\n|" + repeat("---|", 64) + "\n|" + repeat(" x |", 64);
    }
    INFO(text);
    Result r = compile_with(text);
    CHECK(limits_reported(r) == Reports{});
  }
}

TEST_CASE("block quotes nested too deep", "[text-limits]") {
  CHECK(limits_reported(compile_with(repeat(">", 32) + " deep enough")) == Reports{});
  Result r = compile_with(repeat(">", 33) + " too deep");
  CHECK_FALSE(r.built);
  // The 33rd '>', at column 12 + 32.
  CHECK(limits_reported(r) ==
        Reports{"5:44 block quotes and list items nest more than 32 levels deep"});
  REQUIRE(r.diags.all().front().notes.size() == 1);
  CHECK(r.diags.all().front().notes[0].message ==
        "write '\\>', '\\-' or '\\*' for a character that starts no block");
}

TEST_CASE("lists nested too deep by indentation", "[text-limits]") {
  // The 33rd item's '*', on line 5 of the file: the text is one quoted line.
  std::string text;
  for (int i = 0; i < 40; ++i) text += std::string(2 * static_cast<std::size_t>(i), ' ') + "* a\n";
  Result r = compile_with(text);
  CHECK(limits_reported(r) ==
        Reports{"5:1228 block quotes and list items nest more than 32 levels deep"});
}

TEST_CASE("markers that open no block do not count", "[text-limits]") {
  // Forty dashes are a thematic break (an error of its own), not forty lists.
  Result r = compile_with(repeat("- ", 40));
  CHECK(limits_reported(r) == Reports{});
  CHECK(cwg::test::codes(r.diags) == std::vector<std::string>{"5:12 markdown-block"});
}

TEST_CASE("the quadratic inputs of cmark-gfm 0.29 are stopped before parsing", "[text-limits]") {
  // Each of these takes cmark-gfm 0.29.0.gfm.6 from 15 s to minutes.
  CHECK(limits_reported(compile_with(repeat(">", 50000) + repeat("a*", 50000))) ==
        Reports{"5:44 block quotes and list items nest more than 32 levels deep"});
  CHECK(limits_reported(compile_with(repeat("- ", 50000) + repeat("a*", 50000))) ==
        Reports{"5:76 block quotes and list items nest more than 32 levels deep"});
  CHECK(limits_reported(compile_with(repeat("![[]()", 160000))) ==
        Reports{"5:200 more than 32 '[' are open at once in one paragraph"});
  std::string row = repeat("a|", 10000) + "a\n";
  // At the row's first '|'.
  CHECK(limits_reported(compile_with(row + repeat("-|", 10000) + "-\n" + row)) ==
        Reports{"5:13 a Markdown table row has more than 64 columns"});
}

TEST_CASE("open brackets are counted per paragraph", "[text-limits]") {
  CHECK(limits_reported(compile_with(repeat("[", 32) + "a")) == Reports{});
  CHECK(limits_reported(compile_with(repeat("[", 20) + "\n\n" + repeat("[", 20))) == Reports{});
  CHECK(limits_reported(compile_with(repeat("\\[", 40))) == Reports{});
  CHECK(limits_reported(compile_with(repeat("[]", 100))) == Reports{});
  CHECK(limits_reported(compile_with("text " + repeat("[", 33))) ==
        Reports{"5:49 more than 32 '[' are open at once in one paragraph"});
}

TEST_CASE("table rows are counted with their outer pipes", "[text-limits]") {
  auto table = [](std::size_t columns) {
    return "|" + repeat(" c |", columns) + "\n|" + repeat("---|", columns) + "\n|" +
           repeat(" x |", columns);
  };
  CHECK(limits_reported(compile_with(table(64))) == Reports{});
  CHECK(limits_reported(compile_with(table(65))) ==
        Reports{"5:12 a Markdown table row has more than 64 columns"});
}

TEST_CASE("emphasis and links nested too deep", "[text-limits]") {
  auto nest = [](std::size_t n) { return repeat("*a _", n / 2) + "b" + repeat("_ a*", n / 2); };
  CHECK(limits_reported(compile_with(nest(32))) == Reports{});
  CHECK(limits_reported(compile_with(nest(34))) ==
        Reports{"5:12 emphasis, strikethrough and links nest more than 32 levels deep"});
  // 65,000 levels would overflow the stack of the converters.
  CHECK(limits_reported(compile_with(repeat("*a **a ", 65000) + "b" + repeat(" a** a*", 65000)))
            .size() == 1);
  CHECK(limits_reported(compile_with(repeat("![", 30) + "a" + repeat("](u)", 30))) == Reports{});
  // Measured on the text as written, whether it holds cross-references
  // (its own parse) or not (the converter's parse), and the same either way.
  CHECK(limits_reported(compile_with("{para:opening} " + nest(34))) ==
        Reports{"5:12 emphasis, strikethrough and links nest more than 32 levels deep"});
  CHECK(limits_reported(compile_with("{para:opening} " + nest(32))) == Reports{});
  CHECK(limits_reported(compile_with("&#65; " + nest(34))) ==
        Reports{"5:12 emphasis, strikethrough and links nest more than 32 levels deep"});
}

TEST_CASE("markup that would take cmark-gfm gigabytes", "[text-limits]") {
  // 500,000 delimiters are about 100 MB of parser nodes; cmark-gfm aborts
  // the program when an allocation fails.
  CHECK(limits_reported(compile_with(repeat("a*", 500000))) == Reports{});
  CHECK(limits_reported(compile_with(repeat("a*", 500001))) ==
        Reports{"5:1000013 text has more than 500000 line breaks and Markdown punctuation "
                "characters"});
  TextLimits limits;
  limits.max_markup = 10;
  CHECK(limits_reported(compile_with("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11", limits)) == Reports{});
  CHECK(limits_reported(
            compile_with("- 1\n- 2\n- 3\n- 4\n- 5\n- 6\n- 7\n- 8\n- 9\n- 10\n- 11\n- 12", limits))
            .size() == 1);
}

TEST_CASE("link references that would print too much", "[text-limits]") {
  CHECK(limits_reported(compile_with(
            "[r]: https://www.itu.int\n\nSee [r], [r] and [the ITU][r].")) == Reports{});
  // Each use would copy a megabyte: 7,000 of them make 7 GB.
  Result r = compile_with("text\n\n[r]: https://example.org/" + std::string(1 << 20, 'x') + "\n\n" +
                          repeat("[r]", 7000));
  CHECK(limits_reported(r) ==
        Reports{"5:20 text is more than 16777216 bytes once its link references are printed"});
  CHECK(r.diags.all().front().notes.at(0).message == "write links out in full: '[text](URL)'");
}

TEST_CASE("the size of a field and what its references print", "[text-limits]") {
  // By default 256 KiB: cmark-gfm took 67 s on one paragraph of 7.6 MB.
  CHECK(TextLimits{}.max_field_bytes == std::size_t{256} << 10);
  TextLimits limits;
  limits.max_field_bytes = 1000;
  CHECK(limits_reported(compile_with(std::string(1000, 'a'), limits)) == Reports{});
  Result big = compile_with(std::string(1001, 'a'), limits);
  CHECK(limits_reported(big) ==
        Reports{"5:11 text is 1001 bytes, more than the limit of 1000 bytes"});
  CHECK(big.diags.all().front().notes.at(0).message ==
        "split the text, or raise the limit with --max-field-size");

  // The title of 3/2R1 is 36 bytes: 28 references print 1008.
  Result refs = compile_with(repeat("{doc:3/2R1|title}", 28), limits);
  CHECK(limits_reported(refs) ==
        Reports{"5:471 text is more than 1000 bytes once its cross-references are printed"});
  CHECK(refs.diags.all().front().notes.at(0).message == "'{doc:3/2R1|title}' prints 36 bytes");
  CHECK(limits_reported(compile_with(repeat("{doc:3/2R1|title}", 27), limits)) == Reports{});
}

TEST_CASE("each compile has its own limits, whatever runs beside it", "[text-limits]") {
  // The limits travel in the compile's options: compiles on other threads,
  // with other limits, see none of them.
  TextLimits ten;
  ten.max_nesting = 10;
  TextLimits five;
  five.max_nesting = 5;
  const std::string text = repeat(">", 8) + " a";
  Result with_five, with_default;
  std::thread a([&] { with_five = compile_with(text, five); });
  std::thread b([&] { with_default = compile_with(text); });
  Result with_ten = compile_with(repeat(">", 11) + " a", ten);
  a.join();
  b.join();
  CHECK(limits_reported(with_five) ==
        Reports{"5:17 block quotes and list items nest more than 5 levels deep"});
  CHECK(limits_reported(with_default) == Reports{});
  CHECK(with_default.built);
  CHECK(limits_reported(with_ten) ==
        Reports{"5:22 block quotes and list items nest more than 10 levels deep"});
}

TEST_CASE("the report as a whole has a budget", "[text-limits]") {
  // The default budget, 64 MiB, is far above a real report.
  CHECK(TextLimits{}.max_report_bytes == std::size_t{64} << 20);
  CHECK(limits_reported(compile_with(std::string(20000, 'a'))) == Reports{});
  TextLimits limits;
  limits.max_report_bytes = 10000;
  Result r = compile_with(std::string(20000, 'a'), limits);
  CHECK_FALSE(r.built);
  CHECK(limits_reported(r) ==
        Reports{"5:11 the report's text is more than 10000 bytes once printed"});
  // Each compile has a fresh budget.
  Result second = compile_with("short", limits);
  CHECK(second.built);
  CHECK(limits_reported(second) == Reports{});
}

TEST_CASE("a text converted several times is reported once", "[text-limits]") {
  TempDir dir;
  cwg::test::write_minimal_meeting(dir);
  // The title of 3/2R1 is printed by each generated list that names it.
  std::string docs = cwg::test::slurp(dir.path() / "documents.yaml");
  docs.replace(docs.find("Contribution from the United Kingdom"), 36,
               yaml_quoted(repeat(">", 40) + " title"));
  dir.write("documents.yaml", docs);
  dir.write("sections/more.yaml", R"(heading: More
paragraphs:
  - documents: {kind: contribution}
  - documents: {kind: contribution}
)");
  std::string report = cwg::test::slurp(dir.path() / "report.yaml");
  report.replace(report.find("  - sections/docs.yaml\n"), 23,
                 "  - sections/docs.yaml\n  - sections/more.yaml\n");
  dir.write("report.yaml", report);
  Diagnostics diags;
  CHECK_FALSE(cwg::compile(dir.str(), diags));
  std::size_t count = 0;
  for (const auto& d : diags.all()) count += d.code == "text-limit";
  CHECK(count == 1);
}

TEST_CASE("a title printed by several lists is warned about once", "[text-limits]") {
  // The title is parsed once, however many generated lists print it: its
  // raw HTML is one problem in one place.
  TempDir dir;
  cwg::test::write_minimal_meeting(dir);
  std::string docs = cwg::test::slurp(dir.path() / "documents.yaml");
  docs.replace(docs.find("Contribution from the United Kingdom"), 36,
               "Contribution from the <b>United Kingdom</b>");
  dir.write("documents.yaml", docs);
  dir.write("sections/more.yaml", R"(heading: More
paragraphs:
  - documents: {kind: contribution}
  - documents: {kind: contribution}
)");
  std::string report = cwg::test::slurp(dir.path() / "report.yaml");
  report.replace(report.find("  - sections/docs.yaml\n"), 23,
                 "  - sections/docs.yaml\n  - sections/more.yaml\n");
  dir.write("report.yaml", report);
  Diagnostics diags;
  auto tree = cwg::compile(dir.str(), diags);
  REQUIRE(tree);
  std::size_t count = 0;
  for (const auto& d : diags.all()) count += d.code == "raw-html";
  CHECK(count == 1);
}

TEST_CASE("the report's budget counts every byte a conversion produces", "[text-limits]") {
  // Each use of [r] copies its address: 30 uses of a 3,000-byte address
  // print 90 kB from a field of 3 kB, which the check before conversion
  // cannot see. Three such fields print 270 kB.
  const std::string field =
      "[r]: https://example.org/" + std::string(3000, 'x') + "\n\n" + repeat("[r] ", 30);
  TempDir dir;
  cwg::test::write_minimal_meeting(dir);
  dir.write("sections/intro.yaml", "label: intro\nheading: Introduction\nparagraphs:\n  - " +
                                       yaml_quoted(field) + "\n  - " + yaml_quoted(field) +
                                       "\n  - " + yaml_quoted(field) + "\n");
  cwg::CompileOptions opts;
  opts.text.max_report_bytes = 200'000;
  Result r;
  r.built = cwg::compile(dir.str(), r.diags, opts).has_value();
  CHECK_FALSE(r.built);
  CHECK(limits_reported(r) ==
        Reports{"6:5 the report's text is more than 200000 bytes once printed"});
}
