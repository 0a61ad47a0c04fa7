// The Markdown renderer: GitHub-flavoured Markdown that GitHub shows as the
// report, every literal text escaped so that it comes back as the same text.
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <array>
#include <memory>
#include <string>

#include "cwgreport/render.h"
#include "render/render.h"
#include "text/code_point.h"
#include "text/report_text.h"

namespace cwg {

using text::report_text;

namespace {

using namespace tree;

bool is_ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_ascii_punct(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
         (c >= '{' && c <= '~');
}

bool is_delimited(Inline::Kind kind) {
  return kind == Inline::Kind::emph || kind == Inline::Kind::strong || kind == Inline::Kind::strike;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n'; }

// Could `c` be, or begin, a character that CommonMark counts as punctuation?
// Bytes of other scripts are taken as maybe, since "’" and "»" are.
bool maybe_punct(char c) { return is_ascii_punct(c) || static_cast<unsigned char>(c) >= 0x80; }

// The code point starting at s[i] (well-formed UTF-8) as a numeric entity;
// `length` receives its byte count.
std::string numeric_entity(std::string_view s, size_t i, size_t& length) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned lead = byte(i);
  length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  if (i + length > s.size()) length = s.size() - i;
  unsigned cp = length == 1 ? lead : lead & (0xFFu >> (length + 1));
  for (size_t k = 1; k < length; ++k) cp = (cp << 6) | (byte(i + k) & 0x3Fu);
  return "&#" + std::to_string(cp) + ";";
}

bool is_www(std::string_view s, size_t i) {
  if (s.size() < i + 3) return false;
  for (size_t k = i; k < i + 3; ++k) {
    if (s[k] != 'w' && s[k] != 'W') return false;
  }
  return true;
}

// "&amp;", "&#38;", "&#x26;": text that a Markdown parser would decode.
bool entity_like(std::string_view s) {
  size_t i = 1;
  if (i < s.size() && s[i] == '#') ++i;
  size_t start = i;
  while (i < s.size() && is_ascii_alnum(s[i])) ++i;
  return i > start && i < s.size() && s[i] == ';';
}

std::string html_attribute(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// A link destination. The pointy form keeps spaces and TABs; otherwise
// the characters that would end or alter the destination are escaped. '|'
// is escaped too because a table cell would split there. An entity-like
// "&amp;" is written "&amp;amp;": in a destination cmark decodes entities
// before it removes backslashes, so "\&amp;" would still become "&".
std::string link_destination(std::string_view url) {
  std::string u = report_text(url);
  std::string out;
  if (u.find_first_of(" \t\n") != std::string::npos) {
    out += '<';
    for (size_t i = 0; i < u.size(); ++i) {
      char c = u[i];
      if (c == '\n') {
        out += "%0A";
      } else if (c == '&' && entity_like(std::string_view(u).substr(i))) {
        out += "&amp;";
      } else {
        if (c == '<' || c == '>' || c == '\\' || c == '|') out += '\\';
        out += c;
      }
    }
    out += '>';
    return out;
  }
  for (size_t i = 0; i < u.size(); ++i) {
    char c = u[i];
    if (c == '&' && entity_like(std::string_view(u).substr(i))) {
      out += "&amp;";
      continue;
    }
    if (c == '(' || c == ')' || c == '<' || c == '>' || c == '\\' || c == '|') out += '\\';
    out += c;
  }
  return out;
}

// GitHub footnote labels: keep them to characters that need no escaping.
std::string footnote_label(std::string_view number) {
  std::string out;
  for (char c : number) out += (is_ascii_alnum(c) || c == '-' || c == '_' || c == '.') ? c : '-';
  return out.empty() ? "-" : out;
}

std::vector<std::string> split_lines(std::string_view s) {
  std::vector<std::string> out;
  for (;;) {
    size_t nl = s.find('\n');
    out.emplace_back(s.substr(0, nl));
    if (nl == std::string_view::npos) break;
    s.remove_prefix(nl + 1);
  }
  return out;
}

// A parser strips the whitespace at both ends of a line, and four leading
// spaces would make a code block, two trailing ones a hard break: the
// outermost whitespace character is written as an entity instead.
std::string protect_line_edges(std::string line) {
  auto entity = [](char c) { return c == '\t' ? std::string("&#9;") : std::string("&#32;"); };
  // An odd number of backslashes at the end is a hard break, whose
  // backslash must stay last.
  size_t backslashes = line.size() - (line.find_last_not_of('\\') + 1);
  size_t end = backslashes % 2 == 1 ? line.size() - 1 : line.size();
  if (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t')) {
    line.replace(end - 1, 1, entity(line[end - 1]));
  }
  if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) line.replace(0, 1, entity(line[0]));
  return line;
}

// Writes inlines as Markdown. Each literal character is escaped when it
// could start Markdown syntax where it lands: anywhere for the emphasis,
// link, code, HTML, table and strikethrough characters, only at the start
// of a line for the block markers ("-", "+", "=", ":", "12." and "12)").
// The characters that InlineWriter::text copies as they are wherever they
// stand inside a line: all but those the switch there looks at.
constexpr auto kQuiet = [] {
  std::array<bool, 256> quiet{};
  quiet.fill(true);
  for (unsigned char c : std::string_view("\n\\*[]<>#`|~{}$_!&(:.")) quiet[c] = false;
  return quiet;
}();

bool is_quiet(char c) { return kQuiet[static_cast<unsigned char>(c)]; }

class InlineWriter {
 public:
  enum class Context {
    block,  // a paragraph: breaks become new lines
    line,   // a heading or a cover line: everything on one line
    cell,   // a table cell: also '|' escaped inside code spans
  };

  explicit InlineWriter(Context context, bool line_start = true)
      : context_(context), line_start_(line_start) {}

  // A delimiter run the writer wrote: '*', '_' or '~', how many, and
  // whether it opens or closes. `runs()` lists them in the order they stand
  // in the markup, so that delimiters_read_back can judge them.
  struct Run {
    char c;
    std::size_t length;
    bool opener;
  };
  const std::vector<Run>& runs() const { return runs_; }
  // Whether the writer wrote markup that delimiters_read_back does not
  // judge, so that only a parse can tell how the text reads back.
  bool undecided() const { return undecided_; }
  void set_undecided() { undecided_ = true; }

  void inlines(const Inlines& in) {
    for (size_t i = 0; i < in.size(); ++i) {
      if (in[i].kind == Inline::Kind::text) {
        // Adjacent text runs are escaped as one, so that "12" followed by
        // ". " is seen as the ordered-list marker it makes.
        if (i + 1 == in.size() || in[i + 1].kind != Inline::Kind::text) {
          text(in[i].text);
          continue;
        }
        std::string run;
        while (i < in.size() && in[i].kind == Inline::Kind::text) run += in[i++].text;
        --i;
        text(run);
      } else if (is_delimited(in[i].kind) && i + 1 < in.size() && in[i + 1].kind == in[i].kind) {
        // "*a**b*" would not be two emphases: adjacent ones of a kind are
        // written as one, which looks the same.
        Inline merged = in[i];
        while (i + 1 < in.size() && in[i + 1].kind == merged.kind) {
          const Inlines& more = in[++i].children;
          merged.children.insert(merged.children.end(), more.begin(), more.end());
        }
        inline_node(merged);
      } else {
        inline_node(in[i]);
      }
    }
  }

  void text(std::string_view raw) {
    // The tree's text is fit already; a tree made otherwise is cleaned here.
    std::string cleaned;
    if (!text::is_report_text(raw)) cleaned = report_text(raw);
    const std::string_view s = cleaned.empty() ? raw : cleaned;
    const bool after_bracket = !out_.empty() && out_.back() == ']';
    size_t start = 0;
    if (protect_next_ && !s.empty() && !is_space(s[0]) && !is_ascii_punct(s[0])) {
      out_ += numeric_entity(s, 0, start);
      line_start_ = false;
    }
    protect_next_ = false;
    if (!s.empty()) closing_char_ = 0;
    for (size_t i = start; i < s.size(); ++i) {
      // Inside a line, a run of characters that are never escaped is
      // copied whole.
      if (!line_start_ && is_quiet(s[i])) {
        size_t j = i + 1;
        while (j < s.size() && is_quiet(s[j])) ++j;
        out_.append(s, i, j - i);
        i = j - 1;
        continue;
      }
      char c = s[i];
      if (c == '\n') {
        newline(false);
        continue;
      }
      if (line_start_ && c != ' ' && c != '\t') {
        if (c == '-' || c == '+' || c == '=' || c == ':') {
          out_ += '\\';
          out_ += c;
          line_start_ = false;
          continue;
        }
        if (is_digit(c)) {
          size_t j = i;
          while (j < s.size() && is_digit(s[j])) ++j;
          out_.append(s, i, j - i);
          if (j < s.size() && (s[j] == '.' || s[j] == ')')) {
            out_ += '\\';
            out_ += s[j];
            ++j;
          }
          i = j - 1;
          line_start_ = false;
          continue;
        }
      }
      if (c != ' ' && c != '\t') line_start_ = false;
      bool escape = false;
      switch (c) {
        case '\\':
        case '*':
        case '[':
        case ']':
        case '<':
        case '>':
        case '#':
        case '`':
        case '|':
        case '~':
        case '{':
        case '}':
        case '$':
          escape = true;
          break;
        case '_':
          // Between two letters or digits '_' can neither open nor close
          // emphasis: leave "snake_case" readable.
          escape =
              !(i > 0 && is_ascii_alnum(s[i - 1]) && i + 1 < s.size() && is_ascii_alnum(s[i + 1]));
          break;
        case '!':
          // "![" would start an image; at the end of a run the next inline
          // may be a link.
          escape = i + 1 == s.size() || s[i + 1] == '[';
          break;
        case '&':
          escape = entity_like(std::string_view(s).substr(i));
          break;
        case '(':
          // Right after a link or a footnote reference "](" would make a
          // link.
          escape = i == 0 && after_bracket;
          break;
        case ':':
          // "]:" would make a definition. GitHub's autolink extension
          // takes a URL's "://" from the raw source, backslashes and all,
          // so "https://x.org/\*" would show its backslash: "\:" keeps
          // it from starting. The text still reads the same.
          escape = (i == 0 && after_bracket) || s.compare(i + 1, 2, "//") == 0;
          break;
        case '.':
          // Likewise for "www.": a literal "www\." is not a link.
          escape = i >= 3 && (i == 3 || !is_ascii_alnum(s[i - 4])) && is_www(s, i - 3);
          break;
        default:
          break;
      }
      if (escape) out_ += '\\';
      out_ += c;
    }
  }

  // Markup that is written as is (anchors, delimiters).
  void raw(std::string_view s) {
    protect_next_ = false;
    closing_char_ = 0;
    out_ += s;
    if (!s.empty()) line_start_ = s.back() == '\n';
  }

  std::string take() { return std::move(out_); }

  // The markup of a whole paragraph: breaks at its end are dropped, since a
  // backslash there would print as itself and an empty line end a block.
  std::string take_paragraph() {
    for (;;) {
      while (!out_.empty() && out_.back() == '\n') out_.pop_back();
      size_t backslashes = out_.size() - (out_.find_last_not_of('\\') + 1);
      if (backslashes % 2 == 0) break;
      out_.pop_back();
    }
    return std::move(out_);
  }

 private:
  void newline(bool hard) {
    protect_next_ = false;
    closing_char_ = 0;
    // A soft break on an empty line would make a blank line and end the
    // paragraph; a space looks the same.
    if (context_ != Context::block || (!hard && (out_.empty() || out_.back() == '\n'))) {
      out_ += ' ';
      return;
    }
    out_ += hard ? "\\\n" : "\n";
    line_start_ = true;
  }

  void inline_node(const Inline& in) {
    switch (in.kind) {
      case Inline::Kind::text:
        text(in.text);
        break;
      case Inline::Kind::code:
        code(in.text);
        break;
      case Inline::Kind::emph:
        delimited("*", kEmph, in.children);
        break;
      case Inline::Kind::strong:
        delimited("**", kStrong, in.children);
        break;
      case Inline::Kind::strike:
        delimited("~~", kStrike, in.children);
        break;
      case Inline::Kind::link:
        link(in);
        break;
      case Inline::Kind::xref:
        // A link inside a link's text would not be one.
        if (in.target.empty() || in_link_) {
          text(in.text);
        } else {
          InlineWriter label = nested(false);
          label.text(in.text);
          link_markup(label, "#" + in.target);
        }
        break;
      case Inline::Kind::footnote_ref:
        if (in_link_) {
          // A link's text cannot hold a footnote reference: the mark is a
          // plain superscript there, as in the HTML.
          std::string number = report_text(in.text);
          if (!number.empty()) raw("<sup>" + html_attribute(number) + "</sup>");
          undecided_ = true;  // shown as HTML, which the parse leaves out
        } else {
          raw("[^" + footnote_label(in.text) + "]");
        }
        break;
      case Inline::Kind::softbreak:
        newline(false);
        break;
      case Inline::Kind::linebreak:
        newline(true);
        break;
      case Inline::Kind::foreign:
        // Markdown has no markup for a language: the text, as it is.
        inlines(in.children);
        break;
    }
  }

  InlineWriter nested(bool line_start) const {
    InlineWriter w(context_, line_start);  // with no runs of its own
    w.in_link_ = in_link_;
    w.open_ = open_;
    w.tags_ = tags_;
    return w;
  }

  void code(std::string_view raw_code) {
    std::string c = report_text(raw_code);
    std::replace(c.begin(), c.end(), '\n', ' ');
    if (c.empty()) return;  // an empty code span cannot be written
    if (context_ == Context::cell) {
      std::string escaped;
      for (char ch : c) {
        if (ch == '|') escaped += '\\';
        escaped += ch;
      }
      c = std::move(escaped);
    }
    size_t longest = 0;
    size_t run = 0;
    for (char ch : c) {
      run = ch == '`' ? run + 1 : 0;
      longest = std::max(longest, run);
    }
    std::string fence(longest + 1, '`');
    // A parser removes one space at each end when both are there, and a
    // backtick at an end would join the fence.
    bool pad =
        c.front() == '`' || c.back() == '`' ||
        (c.front() == ' ' && c.back() == ' ' && c.find_first_not_of(' ') != std::string::npos);
    std::string space = pad ? " " : "";
    raw(fence + space + c + space + fence);
  }

  // Emphasis, strong emphasis and strikethrough. CommonMark's flanking
  // rules decide whether a delimiter opens or closes: whitespace at the
  // ends of the content goes outside the delimiters, and where content
  // that starts or ends with punctuation touches a letter outside
  // ("x*(a)*y"), that letter is written as an entity, which counts as
  // punctuation ("&#120;*(a)*&#121;") and reads the same.
  void delimited(std::string_view delim, unsigned kind, const Inlines& children) {
    // Emphasis inside emphasis looks like emphasis (so does strong inside
    // strong, and strikethrough inside strikethrough), but its delimiters
    // would touch the outer ones: "*a *b**" is not what it was, and a run
    // such as "b*a" opens and closes at once, where CommonMark's rule of
    // three can pair it with the wrong one. Only the outermost is written.
    if (open_ & kind) {
      inlines(children);
      return;
    }
    // Right after a closing "*", an opening "**" would join its run:
    // then the underscore form is used, which needs the letter after its
    // closing delimiter protected as well.
    std::string chosen(delim);
    bool protect_after = false;
    if (closing_char_ == '*' && delim[0] == '*') {
      chosen.assign(delim.size(), '_');
      protect_after = true;
    }
    // cmark-gfm looks through a "~~" run to the character beyond it when
    // it decides whether a "*" opens or closes, so a letter just inside or
    // just before a strikethrough may need protecting for the "*" next to it.
    const bool protect_first = protect_next_;
    const char closed_before = closing_char_;
    InlineWriter inner = nested(false);
    inner.open_ |= kind;
    if (delim[0] == '~') inner.protect_next_ = protect_first;
    inner.inlines(children);
    std::string s = inner.take();
    // Breaks count as whitespace too; a hard break is a backslash that
    // ends a line after an even number of other backslashes.
    auto hard_break_at = [&s](size_t i) {
      if (i + 1 >= s.size() || s[i] != '\\' || s[i + 1] != '\n') return false;
      size_t run = 1;
      while (run <= i && s[i - run] == '\\') ++run;
      return run % 2 == 1;
    };
    size_t first = 0;
    for (;;) {
      first = s.find_first_not_of(" \t\n", first);
      if (first == std::string::npos || !hard_break_at(first)) break;
      first += 2;
    }
    if (first == std::string::npos) {
      raw(s);
      return;
    }
    size_t end = s.size();  // one past the content
    for (;;) {
      end = s.find_last_not_of(" \t\n", end - 1) + 1;
      if (end < 1 || !hard_break_at(end - 1)) break;
      --end;
    }
    protect_next_ = false;
    undecided_ |= inner.undecided_;
    if (tags_) {
      runs_.insert(runs_.end(), inner.runs_.begin(), inner.runs_.end());
      // No delimiter run to pair: what is inside the tags is emphasised.
      const std::string name = kind == kEmph ? "em" : kind == kStrong ? "strong" : "del";
      out_ += s.substr(0, first);
      out_ += "<" + name + ">";
      out_ += s.substr(first, end - first);
      out_ += "</" + name + ">";
      out_ += s.substr(end);
      line_start_ = out_.back() == '\n';
      closing_char_ = 0;
      return;
    }
    out_ += s.substr(0, first);
    if (first == 0 && maybe_punct(s[0])) {
      size_t before = out_.size();  // one past the character before the delimiter
      if (closed_before == '~') {
        while (before > 0 && out_[before - 1] == '~') --before;
      }
      if (before > 0 && !is_space(out_[before - 1]) && !is_ascii_punct(out_[before - 1])) {
        size_t start = before - 1;
        while (start > 0 && (static_cast<unsigned char>(out_[start]) & 0xC0) == 0x80) --start;
        size_t length = 0;
        std::string entity = numeric_entity(out_, start, length);
        out_.replace(start, length, entity);
      }
    }
    out_ += chosen;
    out_ += s.substr(first, end - first);
    out_ += chosen;
    out_ += s.substr(end);
    runs_.push_back({chosen[0], chosen.size(), true});
    runs_.insert(runs_.end(), inner.runs_.begin(), inner.runs_.end());
    runs_.push_back({chosen[0], chosen.size(), false});
    line_start_ = out_.back() == '\n';
    const bool touches = end == s.size();
    protect_next_ = touches && (protect_after || maybe_punct(s[end - 1]));
    closing_char_ = touches ? chosen[0] : 0;
  }

  void link(const Inline& in) {
    if (in_link_) {
      inlines(in.children);
      return;
    }
    // The same link policy as the HTML: a javascript: or data: target is
    // never written as a link, which a Markdown renderer would honour.
    if (detail::classify_url(in.target) == detail::UrlKind::unsafe) {
      if (in.children.empty())
        text(in.target);
      else
        inlines(in.children);
      return;
    }
    InlineWriter label = nested(false);
    label.in_link_ = true;
    if (in.children.empty()) {
      label.text(in.target);
    } else {
      label.inlines(in.children);
    }
    link_markup(label, in.target);
  }

  // "[label](destination)", with the label's delimiter runs.
  void link_markup(InlineWriter& label, std::string_view target) {
    const std::string destination = link_destination(target);
    // The pointy form is left to the parse.
    undecided_ |= label.undecided_ || (!destination.empty() && destination.front() == '<');
    runs_.insert(runs_.end(), label.runs_.begin(), label.runs_.end());
    raw("[" + label.take() + "](" + destination + ")");
  }

  // The delimited kinds the writer is inside of, as kEmph | kStrong | kStrike.
  static constexpr unsigned kEmph = 1, kStrong = 2, kStrike = 4;
  unsigned open_ = 0;

 public:
  // Emphasis, strong emphasis and strikethrough written as the HTML tags
  // <em>, <strong> and <del>, which GitHub shows as the same: for a text
  // whose delimiters would not read back as written (with_checked_emphasis).
  bool tags_ = false;

 private:
  Context context_;
  bool line_start_;
  bool in_link_ = false;
  bool protect_next_ = false;  // a closing delimiter after punctuation
  char closing_char_ = 0;      // the closing delimiter just written, if any
  std::string out_;
  std::vector<Run> runs_;
  bool undecided_ = false;
};

bool has_delimited(const Inlines& in) {
  for (const Inline& x : in) {
    if (is_delimited(x.kind) || has_delimited(x.children)) return true;
  }
  return false;
}

// Each visible character with the emphasis it shows, as the bits of
// InlineWriter's kEmph, kStrong and kStrike: what the HTML shows of a tree,
// and what a parser reads from Markdown. Whitespace, which the writer may
// move out of emphasis, and code, which holds none, are left out.
using Shown = std::vector<std::pair<char, unsigned>>;

void shown_text(std::string_view text, unsigned emphasis, Shown& out) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\n') out.emplace_back(c, emphasis);
  }
}

unsigned emphasis_bit(Inline::Kind kind) {
  return kind == Inline::Kind::emph     ? 1u
         : kind == Inline::Kind::strong ? 2u
         : kind == Inline::Kind::strike ? 4u
                                        : 0u;
}

void shown_tree(const Inlines& in, unsigned emphasis, bool in_link, Shown& out) {
  for (const Inline& x : in) {
    switch (x.kind) {
      case Inline::Kind::text:
      case Inline::Kind::xref:
        shown_text(report_text(x.text), emphasis, out);
        break;
      case Inline::Kind::footnote_ref:
        shown_text(in_link ? report_text(x.text) : "[^" + footnote_label(x.text) + "]", emphasis,
                   out);
        break;
      case Inline::Kind::link:
        if (x.children.empty())
          shown_text(report_text(x.target), emphasis, out);
        else
          shown_tree(x.children, emphasis, true, out);
        break;
      case Inline::Kind::emph:
      case Inline::Kind::strong:
      case Inline::Kind::strike:
      case Inline::Kind::foreign:
        shown_tree(x.children, emphasis | emphasis_bit(x.kind), in_link, out);
        break;
      default:
        break;
    }
  }
}

void shown_parsed(cmark_node* n, unsigned emphasis, Shown& out) {
  for (cmark_node* c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
    switch (cmark_node_get_type(c)) {
      case CMARK_NODE_TEXT:
        shown_text(cmark_node_get_literal(c), emphasis, out);
        break;
      case CMARK_NODE_CODE:
      case CMARK_NODE_HTML_INLINE:
        break;
      case CMARK_NODE_EMPH:
        shown_parsed(c, emphasis | 1u, out);
        break;
      case CMARK_NODE_STRONG:
        shown_parsed(c, emphasis | 2u, out);
        break;
      default: {
        const char* type = cmark_node_get_type_string(c);
        const bool strike = type && std::string_view(type) == "strikethrough";
        shown_parsed(c, emphasis | (strike ? 4u : 0u), out);
      }
    }
  }
}

// Whether `markup`, read back as GitHub reads it, shows the emphasis of `in`
// on the same characters. CommonMark's flanking rules and its rule of three
// decide how delimiter runs pair up, and the runs of neighbouring emphasis,
// escaped asterisks and strikethrough can pair otherwise than written.
bool emphasis_reads_back(std::string_view markup, std::string_view lead, const Inlines& in) {
  struct ParserFree {
    void operator()(cmark_parser* p) const { cmark_parser_free(p); }
  };
  struct NodeFree {
    void operator()(cmark_node* n) const { cmark_node_free(n); }
  };
  static const bool registered = [] {
    cmark_gfm_core_extensions_ensure_registered();
    return true;
  }();
  (void)registered;
  std::unique_ptr<cmark_parser, ParserFree> parser(cmark_parser_new(CMARK_OPT_DEFAULT));
  if (cmark_syntax_extension* ext = cmark_find_syntax_extension("strikethrough"))
    cmark_parser_attach_syntax_extension(parser.get(), ext);
  cmark_parser_feed(parser.get(), markup.data(), markup.size());
  std::unique_ptr<cmark_node, NodeFree> doc(cmark_parser_finish(parser.get()));
  // One entry per visible character: the markup's size is about right for both.
  Shown want, got;
  want.reserve(lead.size() + markup.size());
  got.reserve(lead.size() + markup.size());
  shown_text(report_text(lead), 0, want);
  shown_tree(in, 0, false, want);
  shown_parsed(doc.get(), 0, got);
  return want == got;
}

// How CommonMark classes the character beside a delimiter run: whitespace
// (cmark-gfm's list: Unicode's Zs, tab, line feed, form feed, carriage
// return), punctuation, or neither. Of a character outside ASCII only
// whether it is whitespace is known here: it may or may not be punctuation.
struct Beside {
  bool space = false;
  bool punct = false;
  bool maybe_punct = false;  // punctuation is unknown: both are tried
};

Beside beside(char32_t c) {
  if (c < 0x80) {
    const char a = static_cast<char>(c);
    return {a == ' ' || a == '\t' || a == '\n' || a == '\f' || a == '\r', is_ascii_punct(a), false};
  }
  const bool space = c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
                     c == 0x205F || c == 0x3000;
  return {space, false, !space};
}

// Whether a run of `c` between `before` and `after` can only open (or, with
// `opener` false, only close), as CommonMark's flanking rules decide for '*'
// and '_' and cmark-gfm's strikethrough for '~'.
bool only(bool opener, char c, bool space_before, bool punct_before, bool space_after,
          bool punct_after) {
  const bool left = !space_after && (!punct_after || space_before || punct_before);
  const bool right = !space_before && (!punct_before || space_after || punct_after);
  bool can_open = left, can_close = right;
  if (c == '_') {
    can_open = left && (!right || punct_before);
    can_close = right && (!left || punct_after);
  }
  return opener ? can_open && !can_close : can_close && !can_open;
}

bool only(bool opener, char c, Beside before, Beside after) {
  for (bool pb : {false, true}) {
    if (pb && !before.maybe_punct) continue;
    for (bool pa : {false, true}) {
      if (pa && !after.maybe_punct) continue;
      if (!only(opener, c, before.space, before.punct || pb, after.space, after.punct || pa))
        return false;
    }
  }
  return true;
}

// Whether the delimiter runs a writer wrote (`runs`, in order) are, in its
// `markup`, the only ones, each standing alone and only opening or only
// closing: then a parser pairs each opener with its own closer, since the
// writer nests them, and shows the emphasis written. The writer escapes
// every other '*', '~' and '_' (but a '_' between letters, which can neither
// open nor close), and its text reads back as itself; false when the rule
// cannot tell, for markup it does not judge: runs side by side or after a
// backslash, a delimiter character in a code span or a URL, lines that a
// parser would read as other blocks.
bool delimiters_read_back(std::string_view m, const std::vector<InlineWriter::Run>& runs) {
  constexpr char32_t kNotUtf8 = 0xFFFFFFFF;
  if (runs.empty() || m.empty() || m[0] == ' ' || m[0] == '\t' || m.back() == '\n') return false;
  // A '_' between letters is passed over below as text: the writer's own
  // '_' runs (written only after a closing '*') are left to the parse.
  for (const InlineWriter::Run& run : runs)
    if (run.c == '_') return false;
  for (std::size_t nl = m.find('\n'); nl != std::string_view::npos; nl = m.find('\n', nl + 1)) {
    const char next = m[nl + 1];
    if (next == ' ' || next == '\t' || next == '\n') return false;
  }
  auto is_delimiter = [](char c) { return c == '*' || c == '_' || c == '~'; };
  auto code_before = [&](std::size_t i) -> char32_t {
    if (i == 0) return '\n';
    std::size_t start = i - 1;
    while (start > 0 && i - start < 4 && (static_cast<unsigned char>(m[start]) & 0xC0) == 0x80)
      --start;
    const text::Decoded d = text::decode(m.substr(start, i - start));
    return d.size == i - start ? d.code : kNotUtf8;
  };
  auto code_at = [&](std::size_t i) -> char32_t {
    if (i == m.size()) return '\n';
    const text::Decoded d = text::decode(m.substr(i));
    return d.size > 0 ? d.code : kNotUtf8;
  };
  std::size_t next_run = 0;
  for (std::size_t i = 0; i < m.size();) {
    if (!is_delimiter(m[i])) {
      ++i;
      continue;
    }
    std::size_t backslashes = 0;
    while (backslashes < i && m[i - 1 - backslashes] == '\\') ++backslashes;
    if (backslashes % 2 == 1) {
      ++i;  // escaped: text
      continue;
    }
    const char c = m[i];
    std::size_t j = i;
    while (j < m.size() && m[j] == c) ++j;
    const bool inert = c == '_' && j == i + 1 && i > 0 && j < m.size() &&
                       is_ascii_alnum(m[i - 1]) && is_ascii_alnum(m[j]);
    if (!inert) {
      if (next_run == runs.size()) return false;
      const InlineWriter::Run& run = runs[next_run++];
      if (run.c != c || run.length != j - i) return false;
      const char32_t before = code_before(i), after = code_at(j);
      if (before == kNotUtf8 || after == kNotUtf8) return false;
      if ((before < 0x80 && is_delimiter(static_cast<char>(before))) ||
          (after < 0x80 && is_delimiter(static_cast<char>(after))))
        return false;
      if (!only(run.opener, c, beside(before), beside(after))) return false;
    }
    i = j;
  }
  return next_run == runs.size();
}

// The markup `write` makes with a fresh InlineWriter of `shown` (after the
// plain text `lead`); made again with emphasis as HTML tags when its
// delimiters would not read back as the tree's emphasis, so that report.md
// never shows other emphasis than report.html.
template <class Write>
std::string with_checked_emphasis(std::string_view lead, const Inlines& shown,
                                  InlineWriter::Context context, Write write) {
  InlineWriter w(context);
  std::string markup = write(w);
  if (!has_delimited(shown)) return markup;
  // The rule decides nearly every paragraph; the parse, the rest.
  if (!w.undecided() && delimiters_read_back(markup, w.runs())) return markup;
  if (emphasis_reads_back(markup, lead, shown)) return markup;
  InlineWriter tags(context);
  tags.tags_ = true;
  return write(tags);
}

std::string one_line_markdown(const Inlines& in, InlineWriter::Context context) {
  return with_checked_emphasis({}, in, context, [&](InlineWriter& w) {
    w.inlines(in);
    return protect_line_edges(w.take());
  });
}

std::string one_line_markdown(std::string_view text) {
  InlineWriter w(InlineWriter::Context::line);
  w.text(text);
  return protect_line_edges(w.take());
}

class MarkdownRenderer : public detail::ReportParts {
 public:
  MarkdownRenderer(const RenderOptions& opts, OutputSink& sink) : out_(sink, opts.chunk_bytes) {}

  void render(const Report& r) {
    detail::walk_report(r, *this);
    out_.finish();
  }

  void cover_and_title(const Report& r) override {
    cover(r.cover);
    if (!r.title.empty()) {
      out_.blank_line();
      out_.line("# " + one_line_markdown(r.title));
    }
    std::vector<std::string> record;
    for (const std::string* line : {&r.record.when, &r.record.chair})
      if (!line->empty()) record.push_back(one_line_markdown(detail::one_line(*line)));
    line_group(record);
  }

  void box(const Report& r) override {
    summary_box(r);
    blocks(r.record.subjects);
  }
  // A heading and a list of links, one a section.
  void contents(const Report& r) override {
    label(r.words.contents);
    out_.blank_line();
    for (const ContentsEntry& e : r.contents) {
      std::string text = e.number;
      if (!text.empty() && !e.heading.empty()) text += ' ';
      text += e.heading;
      Inlines link = {{Inline::Kind::xref, detail::one_line(text), e.anchor, {}}};
      out_.line("- " + one_line_markdown(link, InlineWriter::Context::line));
    }
  }
  void preamble(const std::vector<Block>& bs) override { blocks(bs); }
  void section(const Section& s, std::size_t) override { section(s, " "); }
  void annex(const Section& s, std::size_t) override {
    section(s, " \xE2\x80\x94 ");  // an em dash
  }

  void footnotes(const std::vector<Footnote>& notes) override {
    for (const Footnote& f : notes) {
      out_.blank_line();
      out_.push_prefix("[^" + footnote_label(f.number) + "]: ", "    ");
      paragraph_text("", f.text);
      out_.pop_prefix();
    }
  }

 private:
  // The lines of a paragraph: `lead` (markup such as the bold number)
  // before the first.
  void paragraph_text(const std::string& lead, const Inlines& text) {
    std::string markup =
        with_checked_emphasis({}, text, InlineWriter::Context::block, [&](InlineWriter& w) {
          w.inlines(text);
          return w.take_paragraph();
        });
    std::vector<std::string> lines = split_lines(markup);
    for (size_t i = 0; i < lines.size(); ++i) {
      std::string l = protect_line_edges(std::move(lines[i]));
      out_.line(i == 0 ? lead + l : l);
    }
  }

  // The anchor goes on a line of its own, a blank line before the block,
  // so that the block keeps its own Markdown meaning (a heading, a list).
  void anchor(const std::string& id) {
    if (id.empty()) return;
    out_.blank_line();
    out_.line("<a id=\"" + html_attribute(report_text(id)) + "\"></a>");
  }

  // Lines joined by hard breaks, for the cover and the signature.
  void line_group(const std::vector<std::string>& lines) {
    if (lines.empty()) return;
    out_.blank_line();
    for (size_t i = 0; i < lines.size(); ++i) {
      out_.line(i + 1 < lines.size() ? lines[i] + "\\" : lines[i]);
    }
  }

  void cover(const Cover& c) {
    std::vector<std::string> lines;
    for (const auto* fields : {&c.left, &c.right}) {
      for (const CoverField& f : *fields) {
        if (f.value.empty() && !f.blank) continue;
        std::string l = f.label;
        if (!l.empty() && !f.value.empty()) l += f.gap;
        l += f.value;
        lines.push_back(one_line_markdown(detail::one_line(l)));
      }
    }
    line_group(lines);
    if (!c.source_line.empty()) {
      out_.blank_line();
      out_.line(one_line_markdown(detail::one_line(c.source_line)));
    }
  }

  // The summary box's labels are headings, as in the HTML: a bold line
  // would leave them out of the outline that screen readers and GitHub's
  // table of contents are built from.
  void label(std::string_view text) {
    out_.blank_line();
    out_.line("## " + one_line_markdown(text));
  }

  void summary_box(const Report& r) {
    if (!r.summary.empty()) {
      label(r.words.summary);
      blocks(r.summary);
    }
    if (!r.action.empty() || r.blank_action) {
      label(r.words.action_required);
      blocks(r.action);
    }
    if (!r.references.empty() || r.blank_references) {
      // "***" rather than "---": at the top of a file GitHub would take
      // "---" for the start of front matter.
      out_.blank_line();
      out_.line("***");
      label(r.words.references);
      out_.blank_line();
      if (!r.references.empty()) paragraph_text("", r.references);
    }
  }

  void section(const Section& s, std::string_view separator) {
    anchor(s.anchor);
    std::string heading = one_line_markdown(s.heading, InlineWriter::Context::line);
    std::string number = s.number.empty() ? "" : one_line_markdown(detail::one_line(s.number));
    std::string title = number;
    if (!number.empty() && !heading.empty()) title += separator;
    title += heading;
    if (!title.empty()) {
      out_.blank_line();
      out_.line("## " + title);
    }
    blocks(s.blocks);
  }

  void signature(const Signature& s) override {
    std::vector<std::string> lines;
    if (!s.name.empty()) lines.push_back(one_line_markdown(detail::one_line(s.name)));
    if (!s.role.empty()) lines.push_back(one_line_markdown(detail::one_line(s.role)));
    line_group(lines);
  }

  // One after the other: Markdown has no columns.
  void signatures(const std::vector<Signature>& sigs) override {
    for (const Signature& s : sigs) {
      std::vector<std::string> lines;
      std::string name = s.name.empty() ? "" : one_line_markdown(detail::one_line(s.name));
      std::string role = s.role.empty() ? "" : one_line_markdown(detail::one_line(s.role));
      for (const std::string* l :
           s.role_above ? std::array{&role, &name} : std::array{&name, &role})
        if (!l->empty()) lines.push_back(*l);
      line_group(lines);
    }
  }

  void blocks(const std::vector<Block>& bs) {
    for (const Block& b : bs) block(b);
  }

  void block(const Block& b) {
    anchor(b.anchor);
    switch (b.kind) {
      case Block::Kind::paragraph:
        paragraph(b);
        break;
      case Block::Kind::list:
        out_.blank_line();
        list(b);
        break;
      case Block::Kind::table:
        table(b.table);
        break;
      case Block::Kind::quote:
        quote(b);
        break;
      case Block::Kind::elision:
        out_.blank_line();
        out_.line("\\[...\\]");
        break;
    }
  }

  void paragraph(const Block& b) {
    std::string lead;
    if (!b.number.empty()) {
      InlineWriter number(InlineWriter::Context::line, false);
      number.text(detail::one_line(b.number));
      lead = "**" + number.take() + "**";
    }
    if (!lead.empty() || !b.text.empty()) {
      out_.blank_line();
      if (b.text.empty()) {
        out_.line(lead);
      } else {
        paragraph_text(lead.empty() ? lead : lead + " ", b.text);
      }
    }
    blocks(b.children);
  }

  // Every list is a "-" list. The computed markers of lettered, roman and
  // numbered lists ("a)", "iv)", "3)") are printed as the start of the
  // item's text: GFM has no lettered or roman lists, and GitHub shows an
  // ordered list as "1." whatever its source said, so only a literal
  // marker (escaped where it would start an ordered list: "3\)") keeps it.
  // Nesting stays a real nested list, which GitHub indents.
  void list(const Block& b) {
    const bool literal_markers =
        b.style == ListStyle::alpha || b.style == ListStyle::roman || b.style == ListStyle::number;
    // An item with a paragraph or a table needs blank lines around its
    // blocks, which makes the whole list loose: then items are spaced too.
    bool loose = false;
    for (const ListItem& item : b.items) {
      for (const Block& child : item.children) loose |= child.kind != Block::Kind::list;
    }
    // Two lists separated only by a blank line would be read as one: the
    // second one takes the other bullet character.
    const char bullet =
        last_list_.end == out_.written() && last_list_.depth == depth_ && last_list_.bullet == '-'
            ? '*'
            : '-';
    for (const ListItem& item : b.items) {
      if (loose) out_.blank_line();
      out_.push_prefix(std::string(1, bullet) + " ", "  ");
      const std::string marker =
          literal_markers && !item.marker.empty() ? detail::one_line(item.marker) : "";
      std::string markup = with_checked_emphasis(
          marker, item.text, InlineWriter::Context::block, [&](InlineWriter& w) {
            // An item's anchor goes inline: a line of its own would end the list.
            if (!item.anchor.empty()) {
              w.raw("<a id=\"" + html_attribute(report_text(item.anchor)) + "\"></a>");
              if (!std::all_of(item.anchor.begin(), item.anchor.end(), [](char c) {
                    return is_ascii_alnum(c) || c == '-' || c == '.' || c == ':';
                  }))
                w.set_undecided();
            }
            if (!marker.empty()) {
              w.text(marker);
              if (!item.text.empty()) w.text(" ");
            }
            w.inlines(item.text);
            return w.take_paragraph();
          });
      std::vector<std::string> lines = split_lines(markup);
      for (std::string& l : lines) out_.line(protect_line_edges(std::move(l)));
      ++depth_;
      for (const Block& child : item.children) {
        if (child.kind == Block::Kind::list && child.anchor.empty()) {
          list(child);
        } else {
          block(child);
        }
      }
      --depth_;
      out_.pop_prefix();
    }
    last_list_ = {out_.written(), depth_, bullet};
  }

  void table(const Table& t) {
    if (!t.caption.empty()) {
      out_.blank_line();
      paragraph_text("", t.caption);
    }
    const size_t columns = t.header.size();
    if (columns == 0) return;
    auto row_line = [&](const std::vector<Inlines>& row) {
      std::string l = "|";
      for (size_t i = 0; i < columns; ++i) {
        std::string cell =
            i < row.size() ? one_line_markdown(row[i], InlineWriter::Context::cell) : "";
        l += cell.empty() ? " |" : " " + cell + " |";
      }
      return l;
    };
    out_.blank_line();
    out_.line(row_line(t.header));
    std::string delimiter = "|";
    for (size_t i = 0; i < columns; ++i) {
      Align a = i < t.align.size() ? t.align[i] : Align::none;
      switch (a) {
        case Align::none:
          delimiter += " --- |";
          break;
        case Align::left:
          delimiter += " :-- |";
          break;
        case Align::center:
          delimiter += " :-: |";
          break;
        case Align::right:
          delimiter += " --: |";
          break;
      }
    }
    out_.line(delimiter);
    for (const auto& row : t.rows) out_.line(row_line(row));
  }

  void quote(const Block& b) {
    out_.blank_line();
    out_.push_prefix("> ", "> ");
    if (!b.text.empty()) paragraph_text("", b.text);
    ++depth_;
    for (const Block& child : b.children) block(child);
    --depth_;
    out_.pop_prefix();
  }

  struct ListEnd {
    size_t end = static_cast<size_t>(-1);  // output size when the list ended
    int depth = 0;
    char bullet = '-';
  };

  detail::LineWriter out_;
  int depth_ = 0;  // containers open: list items and quotes
  ListEnd last_list_;
};

}  // namespace

void render_markdown(const tree::Report& report, const RenderOptions& opts, OutputSink& out) {
  MarkdownRenderer(opts, out).render(report);
}

}  // namespace cwg
