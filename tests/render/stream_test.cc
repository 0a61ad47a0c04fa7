// Tests of how every renderer hands its file to a sink: in bounded pieces as
// it goes, with nothing lost, doubled or reordered at a piece's edge.
#include <catch2/catch.hpp>
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

// A report far larger than one piece: numbered paragraphs, each followed by
// a list, so that blank lines and list prefixes fall across piece edges.
Report large_report(int paragraphs) {
  std::vector<Block> blocks;
  for (int i = 1; i <= paragraphs; ++i) {
    std::string n = std::to_string(i);
    blocks.push_back(para(n, t("Paragraph " + n + " says what the meeting heard about it.")));
    blocks.push_back(list(ListStyle::dash, {item("-", "an item of paragraph " + n)}));
  }
  return body(std::move(blocks));
}

}  // namespace

TEST_CASE("every renderer streams its file in bounded pieces", "[render]") {
  const Report report = large_report(4000);
  for (const OutputFormat& format : output_formats()) {
    INFO("format " << format.name);
    Recorder sink;
    format.write(report, RenderOptions{}, sink);
    const std::string whole = sink.whole();
    REQUIRE(whole.size() > 4 * kRenderChunkBytes);
    // Streamed: several pieces, none much larger than a piece.
    CHECK(sink.pieces.size() >= 4);
    for (const auto& piece : sink.pieces) CHECK(piece.size() < kRenderChunkBytes + 1024);
    // The same bytes as the whole file, ending with one line feed.
    CHECK(whole == format.render(report, RenderOptions{}));
    CHECK(whole.back() == '\n');
    CHECK(whole.find("\n\n\n") == std::string::npos);
    // Every paragraph and list item once, in order.
    std::size_t at = 0;
    for (int i = 1; i <= 4000; ++i) {
      std::string n = std::to_string(i);
      std::size_t p = whole.find("Paragraph " + n + " says", at);
      std::size_t item =
          whole.find("an item of paragraph " + n + (format.name == "html" ? "<" : "\n"), at);
      REQUIRE(p != std::string::npos);
      REQUIRE(item != std::string::npos);
      CHECK(p < item);
      at = item;
    }
  }
}

TEST_CASE("the line writer drops the line feeds at the end across a piece's edge", "[render]") {
  Recorder sink;
  detail::LineWriter out(sink);
  const std::string line(80, 'x');
  while (out.written() < 2 * kRenderChunkBytes) out.line(line);
  out.line("");
  out.line("");
  std::size_t before = sink.pieces.size();
  out.finish();
  CHECK(sink.pieces.size() == before + 1);
  const std::string whole = sink.whole();
  CHECK(whole.size() % (line.size() + 1) == 0);
  CHECK(whole.substr(whole.size() - 2) == "x\n");
}
