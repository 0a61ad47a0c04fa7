// The typography of a language that a report applies to the text of its
// sources as well as to the words it generates.
#pragma once

#include <string>
#include <string_view>

namespace cwg::lang {

// French: a space the text already has before ":" becomes a no-break space
// (U+00A0), before ";", "!" and "?" a narrow no-break space (U+202F), and
// the space inside « » a no-break space, so that the sign never starts a
// line. Only a space the writer typed changes: "10:30" and "http://" have
// none and stay as they are. The text of a code span or a link's address
// never comes here.
std::string french_spacing(std::string_view text);

}  // namespace cwg::lang
