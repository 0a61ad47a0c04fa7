// Text fit to be kept in a report and written to its outputs: the code
// points no output may carry become U+FFFD, the replacement character.
// Where text.printable() escapes what a terminal is shown, so that a reader
// sees what a source holds, these replace: a report shows text, not a
// diagnosis of it. Both decide with code_point.h.
#pragma once

#include <string>
#include <string_view>

namespace cwg::text {

// `text` with every control character but tab and line feed (so no output
// can carry a terminal escape sequence; cmark-gfm makes them from numeric
// character references such as `&#27;`), every noncharacter (the builder's
// own markers, which must never reach an output) and every byte that is not
// UTF-8 replaced with U+FFFD. Text the report tree holds, and what the plain
// text and Markdown renderers print, is kept to this.
std::string report_text(std::string_view text);

// The same for HTML, which allows a carriage return in a document and
// forbids the rest: what the HTML renderer prints.
std::string html_text(std::string_view text);

// report_text(text) appended to `out`.
void append_report_text(std::string& out, std::string_view text);

// Whether report_text (html_text) would give `text` back as it is: text the
// report tree holds, which a renderer can then print without a copy.
bool is_report_text(std::string_view text);
bool is_html_text(std::string_view text);

}  // namespace cwg::text
