// Offsets to lines and columns: see line_index.h.
#include "text/line_index.h"

#include <algorithm>
#include <cstring>

namespace cwg::text {

LineIndex::LineIndex(std::string_view text)
    : size_(text.size()), bom_(text.starts_with("\xEF\xBB\xBF") ? 3 : 0) {
  starts_.push_back(0);
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  for (const char* p = begin; p < end;) {
    const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    if (!nl) break;
    p = static_cast<const char*>(nl) + 1;
    starts_.push_back(static_cast<std::size_t>(p - begin));
  }
}

std::size_t LineIndex::line_start(std::size_t offset) const {
  return *(std::upper_bound(starts_.begin(), starts_.end(), std::min(offset, size_)) - 1);
}

LinePosition LineIndex::position(std::size_t offset) const {
  offset = std::min(offset, size_);
  const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  const auto line = static_cast<std::size_t>(it - starts_.begin());
  std::size_t column = offset - *(it - 1) + 1;
  if (line == 1 && offset >= bom_) column -= bom_;
  return {static_cast<int>(line), static_cast<int>(column)};
}

std::optional<std::string_view> LineIndex::line(std::string_view text, int line) const {
  if (line < 1 || static_cast<std::size_t>(line) > starts_.size() || text.size() != size_)
    return std::nullopt;
  const auto n = static_cast<std::size_t>(line);
  const std::size_t begin = starts_[n - 1];
  const std::size_t end = n < starts_.size() ? starts_[n] - 1 : text.size();
  std::string_view l = text.substr(begin, end - begin);
  if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
  return l;
}

}  // namespace cwg::text
