// Display width: see width.h.
#include "text/width.h"

#include <utf8proc.h>

#include <algorithm>

#include "text/code_point.h"

namespace cwg::text {

int char_width(char32_t cp) {
  if (is_control(cp)) return 0;
  return std::max(0, utf8proc_charwidth(static_cast<utf8proc_int32_t>(cp)));
}

// A cluster counts as its widest code point: each code point adds what it
// widens the cluster by.
int WidthCounter::add(char32_t code) {
  const auto cp = static_cast<utf8proc_int32_t>(code);
  if (prev_ < 0) state_ = 0;
  if (prev_ < 0 || utf8proc_grapheme_break_stateful(prev_, cp, &state_)) cluster_ = 0;
  prev_ = cp;
  const int width = char_width(code);
  if (width <= cluster_) return 0;
  const int added = width - cluster_;
  cluster_ = width;
  return added;
}

int display_width(std::string_view text) {
  int total = 0;
  WidthCounter counter;
  while (!text.empty()) {
    const Decoded d = decode(text);
    if (d.size == 0) {
      ++total;  // printed as U+FFFD
      counter.reset();
      text.remove_prefix(1);
      continue;
    }
    total += counter.add(d.code);
    text.remove_prefix(d.size);
  }
  return total;
}

}  // namespace cwg::text
