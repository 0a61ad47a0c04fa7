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

int display_width(std::string_view text) {
  int total = 0;
  int cluster = 0;  // width of the grapheme cluster being read
  utf8proc_int32_t prev = -1;
  utf8proc_int32_t state = 0;
  while (!text.empty()) {
    const Decoded d = decode(text);
    if (d.size == 0) {
      total += cluster + 1;
      cluster = 0;
      prev = -1;
      state = 0;
      text.remove_prefix(1);
      continue;
    }
    const auto cp = static_cast<utf8proc_int32_t>(d.code);
    if (prev < 0 || utf8proc_grapheme_break_stateful(prev, cp, &state)) {
      total += cluster;
      cluster = 0;
    }
    cluster = std::max(cluster, char_width(d.code));
    prev = cp;
    text.remove_prefix(d.size);
  }
  return total + cluster;
}

}  // namespace cwg::text
