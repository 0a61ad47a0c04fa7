// What a code point is: see code_point.h. Decoding and the Unicode
// properties are utf8proc's, the library cmark-gfm and the renderers already
// rely on.
#include "text/code_point.h"

#include <utf8proc.h>

namespace cwg::text {

Decoded decode(std::string_view text) {
  utf8proc_int32_t cp = -1;
  const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                  static_cast<utf8proc_ssize_t>(text.size()), &cp);
  if (n <= 0) return {};
  return {static_cast<char32_t>(cp), static_cast<std::size_t>(n)};
}

bool is_escaped(char32_t cp) {
  if (cp < 0x80) return is_ascii_control(cp) && cp != '\t';
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
      return true;
    default:
      return false;
  }
}

}  // namespace cwg::text
