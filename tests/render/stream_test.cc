// Tests of how every renderer hands its file to a sink: in bounded pieces as
// it goes, with nothing lost, doubled or reordered at a piece's edge.
#include <catch2/catch.hpp>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "cwgreport/render.h"
#include "render/render.h"
#include "render/tree_builders.h"

namespace {

using namespace cwg;
using namespace cwg::tree;
using namespace cwg::test;

class Recorder : public OutputSink {
 public:
  void write(std::string_view bytes) override { pieces.emplace_back(bytes); }
  std::string whole() const {
    std::string s;
    for (const auto& p : pieces) s += p;
    return s;
  }
  std::vector<std::string> pieces;
};

Inline footnote_ref(const std::string& n) { return node(Inline::Kind::footnote_ref, n, "fn-" + n); }

// A report of every kind of block, repeated: numbered and unnumbered
// paragraphs, nested lists, a quote with an elision, a table, footnotes and
// annexes, so that prefixes and blank lines fall across piece edges.
Report every_block(int repeats) {
  Report r = report();
  r.title = "OUTCOME OF THE MEETING";
  r.summary = {para("", t("The summary."))};
  r.action = {para("", t("The Council is invited to take note."))};
  r.references = t("Resolution 1");
  for (int s = 1; s <= repeats; ++s) {
    const std::string n = std::to_string(s);
    Block elision;
    elision.kind = Block::Kind::elision;
    std::vector<Block> blocks = {
        para(n + ".1", {txt("A paragraph with a note"), footnote_ref(n), txt(".")},
             {list(ListStyle::alpha,
                   {item("a)", "first", {list(ListStyle::roman, {item("i)", "nested")})}),
                    item("b)", "second")}),
              para("", t("Its continuation."))}),
        quote(t("Resolution " + n + " resolves:"),
              {para("1", t("to quote")), elision, para("3", t("and to go on"))}),
        table({t("Subject"), t("Documents")}, {{t("Item " + n), t("C/" + n)}}),
        para("", t("An unnumbered paragraph.")),
        list(ListStyle::dash, {item("–", "a dash item")}),
    };
    r.sections.push_back(section(n, "Section " + n, std::move(blocks)));
    r.footnotes.push_back({n, "fn-" + n, t("Note " + n + ".")});
  }
  r.annexes.push_back(section("Annex 1", "Participants", {para("", t("All of them."))}));
  r.signature = {"A. Chair", "Chair"};
  return r;
}

}  // namespace

TEST_CASE("every renderer writes the same bytes whatever the size of its pieces", "[render]") {
  const Report report = every_block(300);
  for (const OutputFormat& format : output_formats()) {
    for (int width : {0, 30}) {
      if (width > 0 && format.name != "txt") continue;
      INFO("format " << format.name << ", width " << width);
      RenderOptions whole;
      whole.width = width;
      whole.chunk_bytes = std::numeric_limits<std::size_t>::max();
      Recorder one;
      format.write(report, whole, one);
      REQUIRE(one.pieces.size() == 1);
      const std::string expected = one.pieces[0];
      // A DOCX is compressed: the same report makes fewer bytes.
      REQUIRE(expected.size() > (format.name == "docx" ? 4 : 8) * 4096);
      for (std::size_t chunk : {std::size_t{1}, std::size_t{7}, std::size_t{4096}}) {
        INFO("pieces of " << chunk);
        RenderOptions opts = whole;
        opts.chunk_bytes = chunk;
        Recorder sink;
        format.write(report, opts, sink);
        CHECK(sink.whole() == expected);
        CHECK(sink.pieces.size() > expected.size() / (chunk + 200));
        for (const auto& piece : sink.pieces) {
          CHECK_FALSE(piece.empty());
          // A piece ends at the first line's end past the size; the HTML
          // style sheet, some 6 kB, is one line.
          if (chunk == 4096) CHECK(piece.size() < chunk + 8 * 1024);
        }
      }
    }
  }
}

TEST_CASE("the line writer drops the line feeds at the end across a piece's edge", "[render]") {
  // Pieces of one byte: every line is passed on as soon as it is written,
  // except its line feed, which waits to see whether the output ends.
  Recorder sink;
  detail::LineWriter out(sink, 1);
  const std::string line(80, 'x');
  for (int i = 0; i < 3; ++i) out.line(line);
  out.line("");
  out.line("");
  out.finish();
  CHECK(sink.whole() == line + "\n" + line + "\n" + line + "\n");
  CHECK(sink.pieces.size() == 4);
}
