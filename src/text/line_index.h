// Byte offsets to 1-based lines and columns, for one text: its line starts
// are found once, and each position costs a binary search. Every location a
// diagnostic gives, from the YAML reader's nodes to a token inside a field,
// is counted here.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace cwg::text {

struct LinePosition {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in bytes from the line's start
};

class LineIndex {
 public:
  // Indexes `text`, which the index does not keep.
  explicit LineIndex(std::string_view text);

  // The line and column of the byte at `offset`. A line ends after its line
  // feed, so a CR before it counts as the line's last column. On the first
  // line a byte-order mark is not counted, as editors do not show it. An
  // offset past the end is taken as the end of the text.
  LinePosition position(std::size_t offset) const;

  // The offset where the line holding `offset` starts.
  std::size_t line_start(std::size_t offset) const;

  // How many lines the text has: a text ending with a line feed has an empty
  // last line after it.
  std::size_t line_count() const { return starts_.size(); }

  // The text of 1-based `line` of `text` (the text indexed) without its line
  // break, LF or CRLF; nothing when there is no such line.
  std::optional<std::string_view> line(std::string_view text, int line) const;

  // The offset where each line starts, in order; the first is 0.
  const std::vector<std::size_t>& starts() const { return starts_; }

 private:
  std::vector<std::size_t> starts_;
  std::size_t size_ = 0;
  std::size_t bom_ = 0;
};

}  // namespace cwg::text
