// Helpers shared by the renderers: word wrapping, plain-text
// flattening, table layout and a line writer that owns prefixes and blank lines.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "cwgreport/render.h"
#include "cwgreport/report_tree.h"

namespace cwg::detail {

// `text` made fit for HTML or XML (text::html_text: controls other than TAB,
// LF and CR, noncharacters, which include the U+FFFE and U+FFFF that XML 1.0
// forbids, and bytes that are not UTF-8 become U+FFFD), then escaped as HTML
// text (& < > " become the references cmark-gfm's own HTML renderer writes,
// which XML 1.0 reads the same) or, by cmark-gfm's houdini, as a URL
// (percent-encoded). The result is valid as text and inside a double-quoted
// attribute.
enum class Escape { html, href };
std::string escape_markup(std::string_view text, Escape how = Escape::html);
// The same as HTML text, appended to `out`: the renderers' text runs are
// most of their output, and nearly all of it has nothing to escape.
void append_escaped_html(std::string& out, std::string_view text);

// The plain text of inlines: an xref prints its text, a link its text plus
// " (URL)" when the URL differs, a footnote reference "[N]", a soft break a
// space and a hard break "\n". The result is clean (text::report_text).
// With `isolate_in`, the report's language, text in a language written the
// other way (a foreign span) is put between U+2066 (left to right) or U+2067
// (right to left) and U+2069: plain text has no other markup to say it.
std::string flatten(const tree::Inlines& inlines, std::string_view isolate_in = {});

// A heading of the table of contents as inlines: its text, in a foreign
// span when it was left untranslated, for the renderers to mark as they
// mark the heading itself.
tree::Inlines contents_heading(const tree::ContentsEntry& entry);

// `text` on one line: LF and TAB become spaces (table cells, headings).
std::string one_line(std::string_view text);

// `text` without the ASCII white space (space, TAB, LF, CR, FF) at its ends:
// what HTML collapses, and what a DOCX or an attribute would keep.
std::string_view trim(std::string_view text);

// Wraps `text` at `width` columns. The first line starts with `first`, the
// others with `rest` (a hanging indent). Words are never split: a word wider
// than the line gets a line of its own. Only spaces (and TABs) break, so
// U+00A0 and U+202F keep their neighbours together. A "\n" in `text` forces
// a new line. Width 0 or less: no wrapping, only the forced breaks.
std::vector<std::string> wrap(std::string_view text, int width, std::string_view first,
                              std::string_view rest);

// `text` padded with spaces to `width` display columns, placed by `align`
// (none and left pad on the right).
std::string pad(std::string_view text, int width, tree::Align align = tree::Align::none);

// The display width of each column: the widest cell among `rows`.
std::vector<int> column_widths(const std::vector<std::vector<std::string>>& rows);

// Collects output lines, as cmark's render.c does: it owns the prefix of
// nested containers (quote markers, list indentation) and the blank lines
// between blocks, so that no renderer ever writes two blank lines in a row,
// a blank line at the start, or trailing whitespace. Lines go on to `sink`
// whenever `chunk_bytes` have gathered.
class LineWriter {
 public:
  LineWriter(OutputSink& sink, size_t chunk_bytes) : sink_(sink), chunk_bytes_(chunk_bytes) {}

  // Writes the current prefix, then `text`; an LF in `text` starts another
  // line with the prefix.
  void line(std::string_view text);
  void lines(const std::vector<std::string>& texts);

  // Asks for one blank line before the next line. Requests collapse, and
  // one at the start of the output is dropped.
  void blank_line();

  // Lines written from now on start with `first` once, then with `rest`,
  // after the prefixes of the enclosing containers (e.g. "- " then "  ").
  void push_prefix(std::string first, std::string rest);
  void pop_prefix();

  // Bytes written so far: tells a renderer whether anything was written
  // since it last looked.
  size_t written() const { return passed_ + out_.size(); }

  // Ends the output with exactly one "\n" (an empty output is a single
  // "\n") and passes the rest of it to the sink.
  void finish();

 private:
  struct Prefix {
    std::string first;
    std::string rest;
    bool started = false;  // a line has been written inside
  };
  std::string current_prefix() const;
  // The prefix of a blank line: only the containers already started, so a
  // blank line asked for just before a quote opens stays outside it.
  std::string blank_prefix() const;

  std::vector<Prefix> prefixes_;
  OutputSink& sink_;
  size_t chunk_bytes_;
  std::string out_;    // not yet passed to the sink
  size_t passed_ = 0;  // bytes passed to the sink
  bool blank_pending_ = false;
};

// The parts of a report in print order, the same in every format: the
// cover and title (with a summary record's day, hours and chair), the box
// under the title (or a summary record's table of subjects), the sections,
// the signature
// (a report is signed at the end of its body, before the annexes, as the
// reports print it), the annexes and the footnotes. A renderer supplies one
// function per part and walk_report calls them, so the order is written
// once.
class ReportParts {
 public:
  virtual ~ReportParts() = default;
  virtual void cover_and_title(const tree::Report& r) = 0;
  // Around the box, the sections, the signature and the annexes.
  virtual void begin_body() {}
  virtual void end_body() {}
  virtual void box(const tree::Report& r) = 0;
  // The table of contents (r.contents), when the report has one, and the
  // preamble, the unnumbered content before the first section.
  virtual void contents(const tree::Report& r) = 0;
  virtual void preamble(const std::vector<tree::Block>& blocks) = 0;
  virtual void section(const tree::Section& s, std::size_t index) = 0;
  virtual void signature(const tree::Signature& s) = 0;
  // A summary record's signatures, side by side.
  virtual void signatures(const std::vector<tree::Signature>& s) = 0;
  virtual void annex(const tree::Section& s, std::size_t index) = 0;
  virtual void footnotes(const std::vector<tree::Footnote>& notes) = 0;
};
void walk_report(const tree::Report& r, ReportParts& parts);

// What a link's target may become. Every renderer applies the same policy:
// only http:, https:, mailto: and fragments (references inside the report)
// are links; any other scheme (javascript:, data:, vbscript: ..., in any
// spelling, also once HTML character references are decoded) and any
// relative reference ("page.html", "//host") is printed as text.
enum class UrlKind {
  unsafe,    // printed as text, never as a link
  local,     // a fragment: "#..."
  absolute,  // http:, https: or mailto:
};
UrlKind classify_url(std::string_view raw);

// The directional isolates: U+2066 LEFT-TO-RIGHT ISOLATE, U+2067
// RIGHT-TO-LEFT ISOLATE, and U+2069 POP DIRECTIONAL ISOLATE, which ends
// any of them.
inline constexpr std::string_view kLeftToRightIsolate = "\u2066";
inline constexpr std::string_view kRightToLeftIsolate = "\u2067";
inline constexpr std::string_view kPopIsolate = "\u2069";
// U+2068 FIRST STRONG ISOLATE: its direction is its text's.
inline constexpr std::string_view kFirstStrongIsolate = "\u2068";
// U+200F RIGHT-TO-LEFT MARK: a strong right-to-left character that prints
// nothing.
inline constexpr std::string_view kRightToLeftMark = "\u200F";

// Whether a language (BCP 47) is written right to left: Arabic, and the
// other scripts of that direction a report may be written in.
bool right_to_left(std::string_view language);

// `language` trimmed when it has the shape of a BCP 47 tag (subtags of one
// to eight letters and digits, joined by '-', the first a letter), else "":
// the value lands in an attribute, and a broken one would fail the checks
// of a document's languages.
std::string language_tag(std::string_view language);

}  // namespace cwg::detail
