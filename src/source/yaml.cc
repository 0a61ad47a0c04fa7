// The strict YAML reader: checks a file's bytes ourselves, then builds the
// node tree from a parser's event stream, enforcing our limits as it goes.
//
// Two parsers feed the same event handler. libyaml, the reference C parser,
// reads a file about ten times as fast as yaml-cpp and reads every clean file
// first. A file it rejects, or in which the handler finds anything to report,
// is read again from the start with yaml-cpp, whose errors this file turns
// into our diagnostics: every diagnostic comes from one path, and the fast
// one only ever has to produce a tree.
#include "cwgreport/yaml.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/emitterstyle.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>
#include <yaml.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <istream>
#include <streambuf>
#include <unordered_map>
#include <utility>

#include "text/code_point.h"
#include "text/line_index.h"

namespace cwg::yaml {

const Node* Node::find(std::string_view key) const {
  // Source maps are small; the reader has already rejected duplicates.
  for (const Entry& e : entries) {
    if (e.key.value == key) return &e.value;
  }
  return nullptr;
}

std::string_view kind_name(Kind kind) {
  switch (kind) {
    case Kind::null:
      return "nothing";
    case Kind::scalar:
      return "a string";
    case Kind::sequence:
      return "a list";
    case Kind::map:
      return "a mapping";
  }
  return "nothing";
}

namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// A problem found in the raw bytes: where, how many bytes, and what.
struct ByteProblem {
  std::size_t offset = 0;
  std::size_t length = 1;
  std::string message;
};

std::string code_point_name(char32_t cp) {
  return fmt::format("U+{:04X}", static_cast<unsigned>(cp));
}

// What a code point is, decided in text/. No source may hold a
// noncharacter, written or escaped: cwgreport marks cross-references with
// them while it converts a text.
using text::is_ascii_control;
using text::is_bidi_control;
using text::is_control;
using text::is_noncharacter;
using text::LineIndex;

// Replaces each noncharacter in valid UTF-8 `text` (a scalar as YAML escapes
// made it) with U+FFFD; returns the first one replaced, or nothing.
std::optional<char32_t> replace_noncharacters(std::string& text) {
  std::optional<char32_t> first;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c != 0xEF && (c < 0xF0 || c > 0xF4)) continue;
    const std::size_t len = c == 0xEF ? 3 : 4;
    if (i + len > text.size()) break;
    char32_t cp = c == 0xEF ? c & 0x0Fu : c & 0x07u;
    for (std::size_t k = 1; k < len; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
    if (is_noncharacter(cp)) {
      if (!first) first = cp;
      text.replace(i, len, "\uFFFD");
      i += 2;  // U+FFFD is three bytes
    } else {
      i += len - 1;
    }
  }
  return first;
}

// The first byte sequence at or after `from` that is not clean UTF-8 text.
std::optional<ByteProblem> find_byte_problem(std::string_view text, std::size_t from) {
  const std::size_t n = text.size();
  std::size_t i = from;
  while (i < n) {
    // Printable ASCII and line feeds, nearly all of a file, in a tight loop.
    while (i < n && ((static_cast<unsigned char>(text[i]) - 0x20u) < 0x5Fu || text[i] == '\n')) ++i;
    if (i == n) break;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c == 0) return ByteProblem{i, 1, "NUL byte is not allowed"};
      if (is_ascii_control(c) && c != '\t' && c != '\n' && c != '\r') {
        return ByteProblem{i, 1,
                           fmt::format("control character {} is not allowed", code_point_name(c))};
      }
      ++i;
      continue;
    }
    std::size_t len = 0;
    char32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07u;
    } else if (c >= 0x80 && c <= 0xBF) {
      return ByteProblem{i, 1,
                         fmt::format("invalid UTF-8: unexpected continuation byte 0x{:02x}; "
                                     "save the file as UTF-8",
                                     static_cast<unsigned>(c))};
    } else if (c == 0xC0 || c == 0xC1) {
      std::size_t bad = (i + 1 < n) ? 2 : 1;
      return ByteProblem{i, bad, "invalid UTF-8: overlong encoding"};
    } else {
      return ByteProblem{i, 1,
                         fmt::format("invalid UTF-8 byte 0x{:02x}; save the file as UTF-8",
                                     static_cast<unsigned>(c))};
    }
    std::size_t k = 1;
    for (; k < len; ++k) {
      if (i + k >= n) {
        return ByteProblem{i, k, "invalid UTF-8: sequence cut off by the end of the file"};
      }
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0u) != 0x80u) {
        return ByteProblem{i, k,
                           fmt::format("invalid UTF-8: incomplete sequence starting with byte "
                                       "0x{:02x}; save the file as UTF-8",
                                       static_cast<unsigned>(c))};
      }
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) {
      return ByteProblem{
          i, len, fmt::format("invalid UTF-8: overlong encoding of {}", code_point_name(cp))};
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      return ByteProblem{i, len,
                         fmt::format("invalid UTF-8: encoded surrogate {}", code_point_name(cp))};
    }
    if (cp > 0x10FFFF) {
      return ByteProblem{
          i, len,
          fmt::format("invalid UTF-8: code point {} is above U+10FFFF", code_point_name(cp))};
    }
    if (is_control(cp)) {  // C1: the ASCII ones were seen above
      return ByteProblem{i, len,
                         fmt::format("control character {} is not allowed", code_point_name(cp))};
    }
    if (is_noncharacter(cp)) {
      return ByteProblem{i, len,
                         fmt::format("noncharacter {} is not allowed", code_point_name(cp))};
    }
    if (cp == 0xFEFF && i != 0) {
      return ByteProblem{i, len, "byte-order mark is allowed only at the start of the file"};
    }
    i += len;
  }
  return std::nullopt;
}

// A problem with the whole file's encoding, reported at its start.
std::optional<std::string> wrong_encoding(std::string_view text) {
  auto starts = [&](std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; };
  using namespace std::string_view_literals;
  if (starts("\xFF\xFE\0\0"sv) || starts("\0\0\xFE\xFF"sv))
    return "file is UTF-32; save it as UTF-8";
  if (starts("\xFF\xFE"sv) || starts("\xFE\xFF"sv)) return "file is UTF-16; save it as UTF-8";
  // UTF-16 without a byte-order mark: ASCII text with every other byte NUL.
  if (text.size() >= 4 && ((text[0] != 0 && text[1] == 0 && text[2] != 0 && text[3] == 0) ||
                           (text[0] == 0 && text[1] != 0 && text[2] == 0 && text[3] != 0))) {
    return "file looks like UTF-16; save it as UTF-8";
  }
  return std::nullopt;
}

// The same text with every bad byte replaced by '?', so that diagnostics can
// quote its lines safely while offsets stay valid.
std::string sanitized(std::string_view text) {
  std::string out(text);
  std::size_t from = 0;
  while (auto p = find_byte_problem(out, from)) {
    std::fill_n(out.begin() + static_cast<std::ptrdiff_t>(p->offset), p->length, '?');
    from = p->offset + p->length;
  }
  return out;
}

// An istream over memory the caller owns, so the parser reads the text
// without a copy.
class MemoryBuffer : public std::streambuf {
 public:
  explicit MemoryBuffer(std::string_view text) {
    char* p = const_cast<char*>(text.data());
    setg(p, p, p + text.size());
  }
};

// Thrown from the event handler to abandon the parse; the problem has been
// reported already.
struct Stop {
  bool keep_tree = false;
};

// yaml-cpp messages start with a capital in places ("YAML directives ...");
// ours are lowercase, but the part after ':' may quote the file.
std::string lowercase_message(std::string msg) {
  for (char& c : msg) {
    if (c == ':') break;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return msg;
}

// "No such file or directory" -> "no such file or directory".
std::string lowercase_first(std::string msg) {
  if (!msg.empty() && msg[0] >= 'A' && msg[0] <= 'Z')
    msg[0] = static_cast<char>(msg[0] - 'A' + 'a');
  return msg;
}

// The names of the bidirectional controls (is_bidi_control), which
// reorder the text around them when displayed; the marks only nudge neutral
// characters and are left alone.
std::string_view bidi_control_name(char32_t cp) {
  static constexpr std::pair<char32_t, std::string_view> names[] = {
      {0x202A, "left-to-right embedding"},    {0x202B, "right-to-left embedding"},
      {0x202C, "pop directional formatting"}, {0x202D, "left-to-right override"},
      {0x202E, "right-to-left override"},     {0x2066, "left-to-right isolate"},
      {0x2067, "right-to-left isolate"},      {0x2068, "first strong isolate"},
      {0x2069, "pop directional isolate"}};
  for (const auto& [code, name] : names)
    if (code == cp) return name;
  return {};
}

// The code point of a bidirectional control encoded at `at`, or 0.
char32_t bidi_control_at(std::string_view text, std::size_t at) {
  if (at + 2 >= text.size() || static_cast<unsigned char>(text[at]) != 0xE2) return 0;
  const auto b1 = static_cast<unsigned char>(text[at + 1]);
  const auto b2 = static_cast<unsigned char>(text[at + 2]);
  if ((b1 != 0x80 && b1 != 0x81) || (b2 & 0xC0) != 0x80) return 0;
  const char32_t cp = 0x2000 + ((b1 & 0x3Fu) << 6) + (b2 & 0x3Fu);
  return is_bidi_control(cp) ? cp : 0;
}

// yaml-cpp turns the escapes \N and \_ of a double-quoted scalar into the
// single bytes 0x85 and 0xA0 instead of the UTF-8 of U+0085 and U+00A0. The
// rest of such a scalar is valid UTF-8 (the file was checked, and the other
// escapes are encoded properly), so a continuation byte where a character
// should start can only come from one of them.
std::string repair_escapes(const std::string& value) {
  auto is_cont = [&](std::size_t i) {
    return i < value.size() && (static_cast<unsigned char>(value[i]) & 0xC0) == 0x80;
  };
  std::string out;
  std::size_t copied = 0;
  for (std::size_t i = 0; i < value.size();) {
    const auto c = static_cast<unsigned char>(value[i]);
    std::size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    if (len == 0) {  // a lone continuation byte: 0x85 or 0xA0
      out.append(value, copied, i - copied);
      out += '\xC2';
      out += static_cast<char>(c);
      copied = ++i;
      continue;
    }
    while (len > 1 && is_cont(i + 1)) {
      ++i;
      --len;
    }
    ++i;
  }
  if (copied == 0) return value;
  out.append(value, copied, std::string::npos);
  return out;
}

// A scalar's text as quoted in a message: one line, not too long.
std::string shown_text(std::string_view value) {
  constexpr std::size_t max_shown = 40;
  const std::size_t cut = std::min(value.find_first_of("\r\n"), max_shown);
  if (cut >= value.size()) return std::string(value);
  return std::string(value.substr(0, cut)) + "...";
}

class Reader final : public YAML::EventHandler {
 public:
  Reader(std::string_view text, std::size_t bom, const std::string& file, Diagnostics& diags,
         const Limits& limits, Parsers parsers = Parsers::libyaml_first)
      : text_(text),
        bom_(bom),
        file_(file),
        diags_(diags),
        limits_(limits),
        parsers_(parsers),
        lines_(text) {}

  std::optional<Node> run();
  std::size_t nodes_read() const { return nodes_; }

  void OnDocumentStart(const YAML::Mark& mark) override;
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override;
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override;
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override;
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override;
  void OnSequenceEnd() override { end_collection(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override;
  void OnMapEnd() override { end_collection(); }
  void OnAnchor(const YAML::Mark& mark, const std::string& name) override;

 private:
  struct Frame {
    Node node;
    bool flow = false;
    std::optional<Node> key;  // a map's key waiting for its value
    std::size_t key_offset = 0;
    bool keep_entry = false;                             // false when the key was rejected
    std::unordered_map<std::string, std::size_t> index;  // key -> entry
  };

  // Offsets are into text_, which includes any byte-order mark.
  std::size_t offset_of(const YAML::Mark& mark) const {
    if (mark.is_null() || mark.pos < 0) return text_.size();
    return std::min(static_cast<std::size_t>(mark.pos) + bom_, text_.size());
  }
  Location location(std::size_t offset) const {
    auto [line, column] = lines_.position(offset);
    return Location{file_, line, column};
  }
  Node make_node(Kind kind, std::size_t offset) const {
    Node n;
    n.kind = kind;
    n.loc = location(offset);
    n.offset = offset;
    return n;
  }

  void count_node(std::size_t offset);
  void start_collection(Kind kind, const YAML::Mark& mark, const std::string& tag,
                        YAML::EmitterStyle::value style);
  void end_collection();
  void add(Node node);
  bool accept_key(Frame& frame, const Node& key);
  void check_tag(const std::string& tag, std::size_t offset);
  void report_alias(std::size_t offset, std::string message);
  [[noreturn]] void syntax_error(std::size_t offset, std::string message);

  void check_folded_breaks(std::size_t indicator, std::string_view value);
  void check_comment_after_text(std::size_t content);
  std::size_t column_of(std::size_t offset) const;
  std::string_view word_at(std::size_t offset) const;
  std::optional<Note> quote_hint(std::size_t offset) const;
  std::size_t skip_anchor(std::size_t offset) const;
  std::string_view null_word(std::size_t offset) const;
  std::size_t empty_value_offset(std::size_t mark_offset) const;
  std::size_t quote_end(std::size_t open) const;
  std::size_t unclosed_quote(std::size_t from) const;
  std::size_t last_nonblank() const;
  std::size_t tab_indented_line(std::size_t up_to) const;
  void report_broken_block(std::size_t offset);
  bool explicit_document_start(std::size_t offset) const;
  std::size_t too_deep_flow() const;
  void report_bidi(std::size_t offset, char32_t cp, bool escaped);
  void check_bidi_controls();
  void check_bidi_escapes(std::size_t open, std::size_t close);
  [[noreturn]] void report_parser_error(const YAML::Exception& e);
  std::optional<Node> parse();
  std::optional<Node> parse_with_yaml_cpp();
  std::optional<Node> finish();
  enum class FastRead { tree, stopped, not_kept };
  FastRead adopt_fast_read();
  bool read_with_libyaml();

  std::string_view text_;
  std::size_t bom_;
  const FileName file_;  // interned once, copied into every node's location
  Diagnostics& diags_;
  const Limits& limits_;
  const Parsers parsers_;
  LineIndex lines_;

  std::vector<Frame> stack_;
  std::optional<Node> root_;
  std::size_t documents_ = 0;
  std::size_t nodes_ = 0;
  std::size_t last_event_ = 0;  // offset of the latest event with a position
  bool alias_reported_ = false;
  bool root_is_block_collection_ = false;
  bool root_seen_ = false;
  bool too_deep_ = false;
  bool node_limit_ = false;  // stopped at limits_.max_nodes
  // libyaml's read stopped inside a flow collection with a '?' after its
  // start, which yaml-cpp's look-ahead would meet before the stop.
  bool stopped_before_question_ = false;
  std::vector<std::string> anchor_names_;
  std::vector<int> bidi_lines_;  // lines warned about for a raw control, in order
  int bidi_escape_line_ = 0;     // the last line warned about for an escape
};

// A bidirectional control, once per line: a line of them is one mistake, and
// a file of them must not cost a diagnostic per character.
void Reader::report_bidi(std::size_t offset, char32_t cp, bool escaped) {
  Location loc = location(offset);
  if (escaped) {
    // Escapes are met in order, after every raw control has been.
    if (loc.line == bidi_escape_line_ ||
        std::binary_search(bidi_lines_.begin(), bidi_lines_.end(), loc.line))
      return;
    bidi_escape_line_ = loc.line;
  } else {
    bidi_lines_.push_back(loc.line);
  }
  if (!diags_.keeps("bidi-control")) {
    // Past the warning limit it is only counted: no text to build.
    diags_.report("bidi-control", std::move(loc), {});
    return;
  }
  diags_.report("bidi-control", std::move(loc),
                fmt::format("bidirectional control character {} ({}) changes the order in "
                            "which the text around it is displayed",
                            code_point_name(cp), bidi_control_name(cp)),
                {{{},
                  escaped ? "it is written as an escape here; delete the escape"
                          : "delete it: reviews of a change and most editors do not show it"}});
}

void Reader::check_bidi_controls() {
  for (std::size_t at = text_.find('\xE2'); at != std::string_view::npos;
       at = text_.find('\xE2', at + 1)) {
    if (const char32_t cp = bidi_control_at(text_, at)) {
      report_bidi(at, cp, false);
      at = text_.find('\n', at);  // once per line: on to the next
      if (at == std::string_view::npos) break;
    }
  }
}

// Escapes \uXXXX and \UXXXXXXXX in the double-quoted scalar text_[open, close)
// that stand for a bidirectional control: invisible in the source, but in the
// value all the same.
void Reader::check_bidi_escapes(std::size_t open, std::size_t close) {
  // Searched within the scalar only: a search to the end of the file for each
  // scalar would make a file of many scalars quadratic.
  const std::string_view scalar = text_.substr(0, close);
  for (std::size_t i = scalar.find('\\', open); i < close; i = scalar.find('\\', i)) {
    const char kind = i + 1 < close ? text_[i + 1] : '\0';
    const std::size_t digits = kind == 'u' ? 4 : kind == 'U' ? 8 : 0;
    if (digits > 0 && i + 2 + digits <= close) {
      char32_t cp = 0;
      bool hex = true;
      for (std::size_t k = 0; k < digits && hex; ++k) {
        const char h = text_[i + 2 + k];
        const int v = h >= '0' && h <= '9'   ? h - '0'
                      : h >= 'a' && h <= 'f' ? h - 'a' + 10
                      : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                             : -1;
        hex = v >= 0;
        cp = cp * 16 + static_cast<char32_t>(v);
      }
      if (hex && cp <= 0x10FFFF && is_bidi_control(cp)) report_bidi(i, cp, true);
    }
    i += 2;  // past the backslash and the character it escapes
  }
}

std::string_view Reader::word_at(std::size_t offset) const {
  std::size_t end = offset;
  while (end < text_.size() && !is_blank(text_[end]) && text_[end] != ',' && text_[end] != ']' &&
         text_[end] != '}') {
    ++end;
  }
  return text_.substr(offset, end - offset);
}

// Text that starts with a character YAML reads as syntax ('*All*' is an
// alias, '[ITU](...)' a list, '{doc:...}' a mapping, a backtick or '@'
// reserved) is the commonest cause of a syntax error in these sources:
// text pasted unquoted. Looks at the value on the error's line and the
// line before it, and suggests quoting when one starts so.
std::optional<Note> Reader::quote_hint(std::size_t offset) const {
  std::size_t line = lines_.line_start(std::min(offset, text_.size()));
  for (int back = 0; back < 2; ++back) {
    std::size_t end = text_.find('\n', line);
    std::string_view l =
        text_.substr(line, (end == std::string_view::npos ? text_.size() : end) - line);
    std::size_t at = l.find_first_not_of(" \t");
    if (at != std::string_view::npos && l.substr(at).starts_with("- ")) at += 2;
    if (std::size_t colon = l.find(": ", at);
        colon != std::string_view::npos && l.find_first_of("\"'", at) > colon)
      at = colon + 2;
    while (at < l.size() && l[at] == ' ') ++at;
    if (at < l.size()) {
      char c = l[at];
      std::string_view rest = l.substr(at);
      bool syntax = c == '*' || c == '[' || c == '{' || c == '`' || c == '@' || c == '&' ||
                    c == '!' || c == '%';
      // 'The chair's ...': a quote that ends before the text does.
      if ((c == '\'' || c == '"') && rest.size() > 1) {
        std::size_t close = rest.find(c, 1);
        if (close != std::string_view::npos && close + 1 < rest.size() &&
            rest.substr(close + 1).find_first_not_of(" \t\r") != std::string_view::npos &&
            rest[close + 1] != '#') {
          // Inside single quotes, the apostrophe of "It's" ends the value.
          if (c == '\'' && std::isalpha(static_cast<unsigned char>(rest[close + 1])))
            return Note{{},
                        fmt::format("the apostrophe in '{}' ends the quoted value: inside "
                                    "'single quotes' write it twice ('{}''{}...)",
                                    shown_text(rest.substr(1, close + 1)),
                                    shown_text(rest.substr(1, close - 1)), rest[close + 1])};
          syntax = true;
        }
      }
      if (syntax && !(c == '[' && rest.find(']') == std::string_view::npos &&
                      l.find(": ") == std::string_view::npos))
        return Note{{},
                    fmt::format("a value starting with {} is read as YAML syntax: write "
                                "text as a block (>-) or in quotes",
                                c == '\'' ? std::string("a quote") : fmt::format("'{}'", c))};
    }
    if (line == bom_ || line == 0) break;
    line = lines_.line_start(line - 1);
  }
  return std::nullopt;
}

std::size_t Reader::skip_anchor(std::size_t offset) const {
  if (offset >= text_.size() || text_[offset] != '&') return offset;
  offset += word_at(offset).size();
  while (offset < text_.size() && is_blank(text_[offset])) ++offset;
  return offset;
}

// yaml-cpp reports `~` and `null` written out, and a value left empty, both
// as a null; only the first kind starts with the word itself.
std::string_view Reader::null_word(std::size_t offset) const {
  for (std::string_view w : {"~", "null", "Null", "NULL"}) {
    if (text_.substr(offset, w.size()) != w) continue;
    // The word alone: "~ - id" starts a longer plain scalar, where yaml-cpp
    // marks the empty value before it.
    std::size_t end = offset + w.size();
    while (end < text_.size() && (text_[end] == ' ' || text_[end] == '\t')) ++end;
    if (end == text_.size()) return w;
    const char c = text_[end];
    if (c == '\r' || c == '\n' || c == ',' || c == ']' || c == '}' || c == ':' ||
        (c == '#' && end > offset + w.size()))
      return w;
  }
  return {};
}

// The parser marks an empty value at the token after it, often the next
// line's key. Point just past the previous content instead (after the key's
// ':' or the item's '-'), which is where the reader looks for the value.
std::size_t Reader::empty_value_offset(std::size_t mark_offset) const {
  std::size_t start = lines_.line_start(mark_offset);
  std::size_t text_start = start;
  while (text_start < mark_offset && is_blank(text_[text_start])) ++text_start;
  // After text on the mark's line: just past that text. A comment there
  // (the mark at the end of a file that ends in one) is no such text.
  if (text_start < mark_offset && text_[text_start] != '#') {
    std::size_t stop = mark_offset;
    if (mark_offset == text_.size()) {  // the file ends on this line, maybe in a comment
      for (std::size_t i = text_start + 1; i < mark_offset; ++i) {
        if (text_[i] == '#' && (text_[i - 1] == ' ' || text_[i - 1] == '\t')) {
          stop = i;
          break;
        }
      }
    }
    while (stop > text_start && is_blank(text_[stop - 1])) --stop;
    return stop;
  }
  std::size_t end = start;  // one past the previous line's '\n'
  while (end > last_event_ && end > 0) {
    const std::size_t line_begin = lines_.line_start(end - 1);
    std::string_view line = text_.substr(line_begin, end - 1 - line_begin);
    end = line_begin;
    const std::size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos || line[first] == '#') continue;
    std::size_t stop = line.size();
    for (std::size_t i = first; i < line.size(); ++i) {
      if (line[i] == '#' && (line[i - 1] == ' ' || line[i - 1] == '\t')) {
        stop = i;
        break;
      }
    }
    while (stop > first && is_blank(line[stop - 1])) --stop;
    const std::size_t result = line_begin + stop;
    return result > last_event_ ? result : mark_offset;
  }
  return mark_offset;
}

// One past the closing quote of the quoted scalar opening at `open`, or npos
// when the file ends first.
std::size_t Reader::quote_end(std::size_t open) const {
  const char q = text_[open];
  for (std::size_t i = open + 1; i < text_.size(); ++i) {
    if (q == '"' && text_[i] == '\\') {
      ++i;
    } else if (text_[i] == q) {
      if (q == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') {
        ++i;
      } else {
        return i + 1;
      }
    }
  }
  return std::string_view::npos;
}

// The opening quote of a quoted scalar that runs to the end of the file,
// searching from `from`; npos if none is found.
std::size_t Reader::unclosed_quote(std::size_t from) const {
  auto token_start = [&](std::size_t i) {
    if (i == 0) return true;
    const char p = text_[i - 1];
    return is_blank(p) || p == '[' || p == '{' || p == ',' || p == ':' || p == '-' || p == '?';
  };
  std::size_t i = from;
  while (i < text_.size()) {
    const char c = text_[i];
    if ((c == '"' || c == '\'') && token_start(i)) {
      const std::size_t end = quote_end(i);
      if (end == std::string_view::npos) return i;
      i = end;
    } else if (c == '#' && token_start(i)) {
      while (i < text_.size() && text_[i] != '\n') ++i;
    } else {
      ++i;
    }
  }
  return std::string_view::npos;
}

std::size_t Reader::last_nonblank() const {
  std::size_t i = text_.size();
  while (i > bom_ && is_blank(text_[i - 1])) --i;
  return i > bom_ ? i - 1 : bom_;
}

// The start of the first line up to `up_to` that is indented with a tab and
// holds more than a comment, or npos. YAML forbids tabs in indentation, and
// yaml-cpp either reports an unrelated error or silently misreads the line.
std::size_t Reader::tab_indented_line(std::size_t up_to) const {
  for (std::size_t start : lines_.starts()) {
    if (start > up_to || start >= text_.size()) break;
    if (text_[start] != '\t') continue;
    std::size_t i = start;
    while (i < text_.size() && (text_[i] == ' ' || text_[i] == '\t')) ++i;
    if (i < text_.size() && text_[i] != '\n' && text_[i] != '\r' && text_[i] != '#') return start;
  }
  return std::string_view::npos;
}

// A line of a block scalar (`text: >-`) indented less than the block's
// first line ends the block; YAML then reads it as the start of a plain
// value, and the parser fails only at the next key, lines later. When the
// error at `offset` follows such a line, with only more text, blank lines
// and comments between, the line that broke the block is reported instead,
// with the block's indentation. Returns when there is no such line.
void Reader::report_broken_block(std::size_t offset) {
  const std::size_t error_line = lines_.line_start(std::min(offset, text_.size()));
  struct Line {
    std::size_t start, indent;  // the line's offset and its indentation in spaces
    std::string_view body;      // after the indentation, without a line break
  };
  auto line_at = [&](std::size_t start) {
    std::size_t end = std::min(text_.find('\n', start), text_.size());
    std::string_view l = text_.substr(start, end - start);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    std::size_t indent = std::min(l.find_first_not_of(' '), l.size());
    return Line{start, indent, l.substr(indent)};
  };
  // Text, not a key, a list item or a comment: what a line of the block
  // that lost its indentation looks like. Keys of the format hold no space.
  auto text_like = [](std::string_view body) {
    if (body.empty() || body[0] == '#' || body == "-" || body.starts_with("- ")) return false;
    std::size_t colon = body.find(": ");
    if (colon == std::string_view::npos && body.back() == ':') colon = body.size() - 1;
    return colon == std::string_view::npos ||
           body.substr(0, colon).find(' ') != std::string_view::npos;
  };
  // The block header ending a line (`text: >-`, `- |`), if any: its offset.
  auto header = [&](const Line& l) -> std::optional<std::pair<std::size_t, std::size_t>> {
    std::string_view body = l.body.substr(0, l.body.find(" #"));
    while (!body.empty() && body.back() == ' ') body.remove_suffix(1);
    const std::size_t space = body.rfind(' ');
    const std::size_t at = space == std::string_view::npos ? 0 : space + 1;
    std::string_view token = body.substr(at);
    if (token.empty() || (token[0] != '>' && token[0] != '|') ||
        token.find_first_not_of("-+0123456789", 1) != std::string_view::npos)
      return std::nullopt;
    std::string_view before = body.substr(0, at);
    while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
    // The block belongs to a key (its column is the parent's indentation)
    // or to a list item (the dash's column).
    const std::size_t key = before.find_first_not_of("- ");
    if (!before.empty() && before.back() == ':' && key != std::string_view::npos)
      return std::pair{l.start + l.indent + at, l.indent + key};
    if (before.find_first_not_of("- ") == std::string_view::npos)
      return std::pair{l.start + l.indent + at, l.indent};
    return std::nullopt;
  };

  std::optional<std::size_t> indicator;  // of the block being read
  std::size_t parent = 0, content = 0;   // its parent's and its own indentation
  // The last block that ended on a text line, if `broken`. (Not a
  // std::optional: GCC 12 then warns that its fields may be uninitialized.)
  struct Broken {
    std::size_t line = 0, indicator = 0, content = 0;
    bool empty = false;  // the block's first line was not indented under its key
  } last;
  bool broken = false;
  for (std::size_t start : lines_.starts()) {
    if (start > error_line || start >= text_.size()) break;
    const Line l = line_at(start);
    if (l.body.empty()) continue;
    if (indicator) {
      if (content == 0 && l.indent > parent) content = l.indent;
      if (content != 0 && l.indent >= content) continue;
      broken = text_like(l.body);
      if (broken)
        last = Broken{start, *indicator, content != 0 ? content : parent + 2, content == 0};
      indicator.reset();
      content = 0;
      if (broken) continue;
    } else if (broken && start != error_line && !(text_like(l.body) || l.body[0] == '#')) {
      broken = false;
    }
    if (auto h = header(l)) {
      indicator = h->first;
      parent = h->second;
      broken = false;
    }
  }
  if (!broken) return;
  const Line l = line_at(last.line);
  std::string_view style = word_at(last.indicator);
  diags_.report(
      "yaml-syntax", location(last.line + l.indent),
      last.empty
          ? fmt::format("yaml syntax error: the line is not indented under the text block ({}) "
                        "above it, which is left empty",
                        style)
          : fmt::format("yaml syntax error: the line is indented less than the text block ({}) "
                        "above it, which ends the block",
                        style),
      {Note{location(last.indicator), "the block starts here"},
       Note{{},
            last.empty
                ? fmt::format("indent the lines of the block more than its key: by {} spaces",
                              last.content)
                : fmt::format("indent every line of the block by {} spaces, as its first line",
                              last.content)}});
  throw Stop{};
}

// Whether a document starting at `offset` was begun on purpose: with `---`,
// a directive, or after an explicit end `...`.
bool Reader::explicit_document_start(std::size_t offset) const {
  auto marker_at = [&](std::size_t at, std::string_view marker) {
    return text_.substr(at, 3) == marker && (at + 3 == text_.size() || is_blank(text_[at + 3]));
  };
  if (marker_at(offset, "---") || (offset < text_.size() && text_[offset] == '%')) return true;
  // Look back for `...` on the closest earlier line that is not blank or a comment.
  std::size_t end = lines_.line_start(offset);
  while (end > bom_) {
    const std::size_t begin = lines_.line_start(end - 1);
    std::string_view line = text_.substr(begin, end - 1 - begin);
    end = begin;
    const std::size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos || line[first] == '#') continue;
    return first == 0 && marker_at(begin, "...");
  }
  return false;
}

void Reader::syntax_error(std::size_t offset, std::string message) {
  std::vector<Note> notes;
  if (auto hint = quote_hint(offset)) notes.push_back(std::move(*hint));
  diags_.report("yaml-syntax", location(offset), "yaml syntax error: " + message, std::move(notes));
  throw Stop{};
}

void Reader::count_node(std::size_t offset) {
  if (limits_.nodes_before + ++nodes_ > limits_.max_nodes) {
    diags_.report(
        "yaml-limit", location(offset),
        limits_.nodes_before == 0
            ? fmt::format("more than {} nodes in one file", limits_.max_nodes)
            : fmt::format("more than {} nodes in the meeting folder's files", limits_.max_nodes),
        {{{},
          "the limit keeps a hostile folder from exhausting memory; a report of a "
          "few thousand paragraphs has some 20,000"}});
    node_limit_ = true;
    throw Stop{};
  }
}

void Reader::report_alias(std::size_t offset, std::string message) {
  // One report per file: the fix is the same everywhere, and a hostile file
  // full of aliases should not bury the other problems.
  if (alias_reported_) return;
  alias_reported_ = true;
  diags_.report("yaml-alias", location(offset), std::move(message));
}

void Reader::check_tag(const std::string& tag, std::size_t offset) {
  std::string shown(word_at(skip_anchor(offset)));
  if (shown.empty() || shown[0] != '!') {
    constexpr std::string_view core = "tag:yaml.org,2002:";
    shown = tag.starts_with(core) ? "!!" + tag.substr(core.size()) : tag;
  }
  diags_.report("yaml-tag", location(offset),
                fmt::format("explicit tag '{}' is not allowed", shown));
}

void Reader::OnDocumentStart(const YAML::Mark& mark) {
  const std::size_t offset = offset_of(mark);
  if (++documents_ == 1) return;
  // yaml-cpp also starts a new "document" after content it cannot attach to
  // the first one, and at a stray ',' it starts one at the same place
  // forever; either way we stop here.
  if (explicit_document_start(offset)) {
    diags_.report("yaml-multiple-documents", location(offset),
                  "a second YAML document starts here; a file holds exactly one");
    throw Stop{true};
  }
  const char c = offset < text_.size() ? text_[offset] : '\0';
  if (c == ',' || c == ']' || c == '}') syntax_error(offset, fmt::format("unexpected '{}'", c));
  syntax_error(offset, "content after the end of the top-level value; check the indentation");
}

void Reader::OnAnchor(const YAML::Mark& mark, const std::string& name) {
  const std::size_t offset = offset_of(mark);
  anchor_names_.push_back(name);
  report_alias(offset,
               fmt::format("anchor '&{}' is not allowed; write the value out in full", name));
}

void Reader::OnNull(const YAML::Mark& mark, YAML::anchor_t) {
  const std::size_t offset = offset_of(mark);
  count_node(offset);
  if (!stack_.empty()) {
    const Frame& top = stack_.back();
    // yaml-cpp takes a last line without ':' as a key with an empty value.
    if (top.node.is_map() && !top.flow && top.key && top.key_offset == offset) {
      report_broken_block(offset);
      syntax_error(offset, fmt::format("could not find expected ':' after '{}'",
                                       shown_text(top.key->value)));
    }
  }
  const bool written = !null_word(offset).empty();
  // An empty key is marked at its ':', which is right already.
  const bool is_key = !stack_.empty() && stack_.back().node.is_map() && !stack_.back().key;
  // yaml-cpp reads `[a, , b]` and `{, a: 1}` as holding an empty entry;
  // YAML does not allow one.
  if (!written && !stack_.empty() && stack_.back().flow &&
      (stack_.back().node.is_sequence() || is_key) && offset < text_.size() &&
      text_[offset] == ',') {
    syntax_error(offset, "unexpected ','");
  }
  Node n = make_node(Kind::null, written || is_key ? offset : empty_value_offset(offset));
  // For a null, `plain` records that `~` or `null` was written out, as
  // opposed to a value left empty.
  n.plain = written;
  last_event_ = offset;
  add(std::move(n));
}

void Reader::OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) {
  const std::size_t offset = offset_of(mark);
  count_node(offset);
  std::string_view word = word_at(offset);
  if (!word.empty() && word[0] == '*') word.remove_prefix(1);
  const std::string name =
      anchor >= 1 && anchor <= anchor_names_.size() ? anchor_names_[anchor - 1] : std::string(word);
  report_alias(offset,
               fmt::format("alias '*{}' is not allowed; write the value out in full", name));
  last_event_ = offset;
  add(make_node(Kind::null, offset));
}

void Reader::OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t,
                      const std::string& value) {
  const std::size_t offset = offset_of(mark);
  count_node(offset);
  Node n = make_node(Kind::scalar, offset);
  n.value = value;
  // The file's bytes hold no noncharacter, but an escape ("\\uFDD0") can
  // make one: it must not reach the text converter, which uses them.
  if (auto cp = replace_noncharacters(n.value)) {
    diags_.report("invalid-encoding", location(offset),
                  fmt::format("noncharacter {} is not allowed", code_point_name(*cp)),
                  {{{}, "Unicode reserves noncharacters for a program's internal use"}});
  }
  const std::size_t content = skip_anchor(offset);
  const char first = content < text_.size() ? text_[content] : '\0';
  if (tag == "?") {
    n.plain = true;
    check_comment_after_text(content);
  } else if (tag == "!" && (first == '"' || first == '\'')) {
    // yaml-cpp accepts a quoted scalar that runs to the end of the file,
    // which would silently swallow everything after the quote.
    const std::size_t end = quote_end(content);
    if (end == std::string_view::npos) {
      syntax_error(content, fmt::format("unterminated quoted string; add the closing {}", first));
    }
    if (first == '"') {
      n.value = repair_escapes(n.value);
      check_bidi_escapes(content, end);
    }
  } else if (tag == "!" && (first == '|' || first == '>')) {
    // A block scalar: not plain.
    if (first == '>') check_folded_breaks(content, value);
  } else {
    check_tag(tag, offset);
  }
  last_event_ = offset;
  add(std::move(n));
}

std::size_t Reader::column_of(std::size_t offset) const {
  const std::size_t nl = offset == 0 ? std::string_view::npos : text_.rfind('\n', offset - 1);
  return nl == std::string_view::npos ? offset - bom_ : offset - nl - 1;
}

// A plain value ends where " #" starts a comment, so "The campaign
// #TodosSomosUnicos was noted." keeps only "The campaign", and a line of a
// plain value that starts with "#" ends it too. YAML allows it; the report
// silently loses the words. A comment whose "#" is followed by a space, as
// comments are written, is taken for one; a "#" followed by text (a hashtag,
// "#5") is reported. Only values in block collections: the scan follows the
// plain value's lines (those indented more than its key or list entry), each
// byte once.
void Reader::check_comment_after_text(std::size_t content) {
  if (stack_.empty() || stack_.back().flow) return;
  const Frame& top = stack_.back();
  if (top.node.is_map() && !top.key) return;  // a key, not a value
  const std::size_t parent = column_of(top.node.is_map() ? top.key_offset : top.node.offset);
  const std::size_t n = text_.size();
  auto report = [&](std::size_t hash) {
    std::size_t end = hash;
    while (end < n && text_[end] != '\n' && text_[end] != '\r') ++end;
    diags_.report("comment-in-text", location(hash),
                  fmt::format("'{}' is read as a YAML comment and left out of the text",
                              shown_text(text_.substr(hash, end - hash))),
                  {{{},
                    "a '#' after a space starts a comment in a plain value: put the whole value "
                    "in quotes, or write it as a block (>-) on the lines below its key"}});
  };
  std::size_t i = content;
  for (bool first = true;; first = false) {
    if (!first) {
      std::size_t indent = 0;
      while (i + indent < n && text_[i + indent] == ' ') ++indent;
      const std::size_t at = i + indent;
      if (at >= n) return;
      if (text_[at] != '\n' && text_[at] != '\r') {
        if (indent <= parent) return;  // the value has ended
        if (text_[at] == '#') {
          if (at + 1 < n && !is_blank(text_[at + 1])) report(at);
          return;
        }
      }
      i = at;
    }
    for (; i < n && text_[i] != '\n'; ++i) {
      if (text_[i] == '#' && i > content && (text_[i - 1] == ' ' || text_[i - 1] == '\t')) {
        if (i + 1 < n && !is_blank(text_[i + 1])) report(i);
        return;
      }
    }
    if (i >= n) return;
    ++i;  // past the line feed
  }
}

// In a folded block (>) one empty line between two lines of text becomes a
// single line break, and so does a more-indented line: Markdown reads either
// as a space, so what looks like a new paragraph is not one. Reported once
// per block, at the first empty line with text on both sides (else at the
// indicator).
void Reader::check_folded_breaks(std::size_t indicator, std::string_view value) {
  // Line breaks before the text and after it change nothing.
  const std::size_t begin = value.find_first_not_of('\n');
  if (begin == std::string_view::npos) return;
  const std::size_t end = value.find_last_not_of('\n');
  bool single = false;
  for (std::size_t i = value.find('\n', begin); i < end && !single; i = value.find('\n', i + 1))
    single = value[i - 1] != '\n' && value[i + 1] != '\n';
  if (!single) return;

  // The block's lines follow the indicator's line; the first line of text
  // sets their indentation.
  auto line_end = [&](std::size_t at) {
    std::size_t nl = text_.find('\n', at);
    return nl == std::string_view::npos ? text_.size() : nl;
  };
  auto indent_of = [&](std::size_t at) {
    std::size_t n = 0;
    while (at + n < text_.size() && text_[at + n] == ' ') ++n;
    return n;
  };
  auto blank = [&](std::size_t at) {
    std::size_t n = indent_of(at);
    return at + n >= line_end(at) || text_[at + n] == '\r';
  };
  std::size_t at = indicator;
  std::size_t where = indicator;
  std::size_t indent = 0;
  int blanks = 0;
  bool after_text = false;  // the last non-empty line was text at the indentation
  std::size_t blank_at = 0;
  while (where == indicator) {
    at = line_end(at);
    if (at >= text_.size()) break;
    ++at;
    if (blank(at)) {
      if (blanks++ == 0) blank_at = at;
      continue;
    }
    std::size_t n = indent_of(at);
    if (indent == 0) indent = n;
    if (n < indent) break;
    if (n == indent && after_text && blanks == 1) where = blank_at;
    after_text = n == indent;
    blanks = 0;
  }
  diags_.report("folded-line-break", location(where),
                where == indicator
                    ? "a more-indented line in a folded block (>) is joined to the text "
                      "before it"
                    : "one empty line in a folded block (>) does not start a new paragraph: "
                      "it is read as a space",
                {{{},
                  "leave two empty lines to start a continuation paragraph, or write the "
                  "block with '|-', where one empty line is enough"}});
}

void Reader::OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t,
                             YAML::EmitterStyle::value style) {
  start_collection(Kind::sequence, mark, tag, style);
}

void Reader::OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t,
                        YAML::EmitterStyle::value style) {
  start_collection(Kind::map, mark, tag, style);
}

void Reader::start_collection(Kind kind, const YAML::Mark& mark, const std::string& tag,
                              YAML::EmitterStyle::value style) {
  const std::size_t offset = offset_of(mark);
  count_node(offset);
  if (stack_.size() + 1 > limits_.max_depth) {
    too_deep_ = true;
    diags_.report("yaml-limit", location(offset),
                  fmt::format("nesting deeper than {} levels", limits_.max_depth));
    throw Stop{};
  }
  if (tag != "?") check_tag(tag, offset);
  if (!root_seen_) {
    root_seen_ = true;
    root_is_block_collection_ = style != YAML::EmitterStyle::Flow;
  }
  Frame f;
  f.node = make_node(kind, offset);
  f.flow = style == YAML::EmitterStyle::Flow;
  stack_.push_back(std::move(f));
  last_event_ = offset;
}

void Reader::end_collection() {
  Node n = std::move(stack_.back().node);
  stack_.pop_back();
  add(std::move(n));
}

void Reader::add(Node node) {
  if (stack_.empty()) {
    root_seen_ = true;
    root_ = std::move(node);
    return;
  }
  Frame& f = stack_.back();
  if (f.node.is_sequence()) {
    f.node.items.push_back(std::move(node));
    return;
  }
  if (!f.key) {
    f.keep_entry = accept_key(f, node);
    f.key_offset = node.offset;
    f.key = std::move(node);
    return;
  }
  if (f.keep_entry) {
    f.node.entries.push_back(Entry{std::move(*f.key), std::move(node)});
  }
  f.key.reset();
}

bool Reader::accept_key(Frame& frame, const Node& key) {
  if (key.is_sequence() || key.is_map()) {
    diags_.report(
        "yaml-complex-key", key.loc,
        fmt::format("mapping key is {}; keys must be plain strings", kind_name(key.kind)));
    return false;
  }
  if (key.is_null()) {
    diags_.report("yaml-complex-key", key.loc,
                  key.plain ? fmt::format("mapping key '{}' reads as nothing; keys must be strings",
                                          null_word(key.offset))
                            : std::string("mapping key is empty"));
    return false;
  }
  // A hash per map keeps a file with tens of thousands of keys linear.
  auto [it, inserted] = frame.index.try_emplace(key.value, frame.node.entries.size());
  if (!inserted) {
    diags_.report("duplicate-key", key.loc,
                  fmt::format("duplicate key '{}'", shown_text(key.value)),
                  {Note{frame.node.entries[it->second].key.loc, "first defined here"}});
    return false;
  }
  return true;
}

void Reader::report_parser_error(const YAML::Exception& e) {
  // yaml-cpp marks some errors at the end of the input, or not at all;
  // the last thing written is a better place to point at.
  std::size_t offset = offset_of(e.mark);
  if (offset >= text_.size()) offset = last_nonblank();
  if (root_is_block_collection_ || !root_seen_) {
    std::size_t tab = tab_indented_line(offset);
    if (tab != std::string_view::npos) {
      syntax_error(tab, "tab character used for indentation; indent with spaces");
    }
  }
  if (e.msg == YAML::ErrorMsg::TAB_IN_INDENTATION) {
    // At the tab itself, which may follow spaces.
    std::size_t tab = lines_.line_start(offset);
    for (std::size_t i = tab; i < text_.size() && (text_[i] == ' ' || text_[i] == '\t'); ++i) {
      if (text_[i] == '\t') {
        tab = i;
        break;
      }
    }
    syntax_error(tab, "tab character used for indentation; indent with spaces");
  }
  if (e.msg == YAML::ErrorMsg::MAP_VALUE || e.msg == YAML::ErrorMsg::BLOCK_ENTRY ||
      e.msg == YAML::ErrorMsg::END_OF_MAP || e.msg == YAML::ErrorMsg::END_OF_SEQ)
    report_broken_block(offset);
  if (e.msg == YAML::ErrorMsg::EOF_IN_SCALAR) {
    std::size_t open = unclosed_quote(last_event_);
    if (open != std::string_view::npos) {
      syntax_error(open,
                   fmt::format("unterminated quoted string; add the closing {}", text_[open]));
    }
    syntax_error(offset, "unterminated quoted string");
  }
  if (e.msg == YAML::ErrorMsg::UNKNOWN_ANCHOR) {
    std::string_view word = word_at(offset);
    if (!word.empty() && word[0] == '*') word.remove_prefix(1);
    // '*All* delegations' is emphasis meant as text, not an alias.
    std::size_t after = offset + 1 + word.size();
    std::size_t eol = std::min(text_.find('\n', after), text_.size());
    bool more_text =
        text_.substr(after, eol - after).find_first_not_of(" \t\r") != std::string_view::npos;
    std::optional<Note> hint;
    if (word.ends_with('*') || more_text) hint = quote_hint(offset);
    if (hint) {
      diags_.report("yaml-syntax", location(offset),
                    fmt::format("yaml syntax error: '*{}' reads as an alias", word),
                    {std::move(*hint)});
      throw Stop{};
    }
    diags_.report("yaml-alias", location(offset),
                  fmt::format("alias '*{}' is not allowed; write the value out in full", word));
    throw Stop{};
  }
  std::string message = "yaml syntax error: ";
  // Some of yaml-cpp's messages name its internals; say what the user sees.
  std::vector<Note> notes;
  bool hinted = false;  // a note of its own: quote_hint's would mislead
  if (e.msg == YAML::ErrorMsg::MAP_VALUE) {
    // `heading: Opening: welcome ...`: a second ': ' on the line of a key
    // is in the value, which a plain value cannot hold.
    const std::size_t start = lines_.line_start(offset);
    std::string_view before = text_.substr(start, offset - start);
    const std::size_t indent = before.find_first_not_of(" -");
    const std::size_t colon = before.find(": ");
    if (indent != std::string_view::npos && colon != std::string_view::npos && colon > indent) {
      std::string_view key = before.substr(indent, colon - indent);
      message += "a value that contains ': ' must be quoted as a whole or written as a block";
      notes.push_back(Note{{},
                           fmt::format("put the whole value in double quotes (\"...\"), or write "
                                       "it as '{}: >-' with the text on the lines below",
                                       shown_text(key))});
    } else {
      message += "unexpected ':'; check the indentation, or quote a value that contains ': '";
    }
  } else if (e.msg == YAML::ErrorMsg::UNKNOWN_TOKEN && offset < text_.size() &&
             text_[offset] == '?') {
    // yaml-cpp ends a plain value inside [ ] or { } at a '?' (and only
    // there: in a block a '?' is text): a table row
    // "[Argentina, Ms Lucía Fernández (to be confirmed?)]" fails there.
    hinted = true;
    message += "a '?' inside '[ ]' or '{ }' must be in a quoted value";
    // The value: back to the '[', '{' or ',' before it, or the ': ' of its
    // key, and on to the next ',', ']' or '}'. One that runs over a line
    // gets the general fix.
    std::size_t from = offset, to = offset;
    while (from > 0 && std::string_view("[{,\n").find(text_[from - 1]) == std::string_view::npos &&
           !(text_[from - 1] == ' ' && from > 1 && text_[from - 2] == ':'))
      --from;
    while (to < text_.size() && std::string_view(",]}\n").find(text_[to]) == std::string_view::npos)
      ++to;
    const bool one_line =
        (from == 0 || text_[from - 1] != '\n') && (to == text_.size() || text_[to] != '\n');
    std::string_view value = text_.substr(from, to - from);
    const std::size_t first = value.find_first_not_of(" \t");
    const std::size_t last = value.find_last_not_of(" \t\r");
    value = first == std::string_view::npos ? std::string_view()
                                            : value.substr(first, last - first + 1);
    if (one_line && !value.empty() && value.find_first_of("\"\\") == std::string_view::npos)
      notes.push_back(Note{{}, fmt::format("write it as \"{}\"", shown_text(value))});
    else
      notes.push_back(Note{{}, "put the value that holds the '?' in double quotes (\"...\")"});
  } else if (e.msg == YAML::ErrorMsg::BLOCK_ENTRY) {
    message += "unexpected '-'; check the indentation";
  } else if (e.msg == YAML::ErrorMsg::END_OF_MAP) {
    message += "unexpected content in a mapping; check the indentation";
  } else if (e.msg == YAML::ErrorMsg::END_OF_SEQ) {
    message += "unexpected content in a list; check the indentation";
  } else {
    message += lowercase_message(e.msg);
  }
  if (e.msg == YAML::ErrorMsg::END_OF_SEQ_FLOW || e.msg == YAML::ErrorMsg::END_OF_MAP_FLOW) {
    const Kind kind = e.msg == YAML::ErrorMsg::END_OF_SEQ_FLOW ? Kind::sequence : Kind::map;
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      if (it->flow && it->node.kind == kind && it->node.offset != offset) {
        notes.push_back(Note{it->node.loc,
                             fmt::format("'{}' opened here", kind == Kind::sequence ? '[' : '{')});
        break;
      }
    }
  }
  if (!hinted)
    if (auto hint = quote_hint(offset)) notes.push_back(std::move(*hint));
  diags_.report("yaml-syntax", location(offset), std::move(message), std::move(notes));
  throw Stop{};
}

// yaml-cpp reads a whole flow collection ahead before it reports its first
// event, keeping every token in memory (over 100 bytes per input byte), so
// `[[[[...` would take gigabytes before the event handler could stop it.
// This light scan finds flow nesting deeper than the limit first, and
// returns the offending bracket or npos. It only needs to be exact about
// brackets: quoted strings, comments and block scalars are skipped.
std::size_t Reader::too_deep_flow() const {
  const std::size_t n = text_.size();
  std::size_t depth = 0;
  bool node_start = true;                             // block context: a node may start here
  std::size_t line_indent = 0;                        // indentation of the current line
  std::size_t block_scalar = std::string_view::npos;  // its parent's indentation
  std::size_t i = bom_;
  auto blank_after = [&](std::size_t at) { return at + 1 >= n || is_blank(text_[at + 1]); };
  auto skip_line = [&] {
    while (i < n && text_[i] != '\n') ++i;
  };
  while (i < n) {
    const char c = text_[i];
    if (depth > 0) {
      if (c == '[' || c == '{') {
        if (++depth > limits_.max_depth) return i;
      } else if (c == ']' || c == '}') {
        --depth;
      } else if ((c == '"' || c == '\'') && i > 0 &&
                 (is_blank(text_[i - 1]) ||
                  std::string_view("[{,:").find(text_[i - 1]) != std::string_view::npos)) {
        i = quote_end(i);
        if (i == std::string_view::npos) return std::string_view::npos;
        continue;
      } else if (c == '#' && i > 0 && is_blank(text_[i - 1])) {
        skip_line();
        continue;
      }
      ++i;
      continue;
    }
    if (c == '\n') {
      ++i;
      node_start = true;
      std::size_t j = i;
      while (j < n && text_[j] == ' ') ++j;
      line_indent = j - i;
      if (block_scalar != std::string_view::npos) {
        const bool blank_line = j >= n || text_[j] == '\n' || text_[j] == '\r' || text_[j] == '\t';
        if (blank_line || line_indent > block_scalar) {
          i = j;
          skip_line();
          continue;
        }
        block_scalar = std::string_view::npos;
      }
      i = j;
      continue;
    }
    if (is_blank(c)) {
      ++i;
      continue;
    }
    if (c == '#' && (i == bom_ || is_blank(text_[i - 1]))) {
      skip_line();
      continue;
    }
    if (!node_start) {
      if (c == ':' && blank_after(i)) node_start = true;
      ++i;
      continue;
    }
    if (c == '[' || c == '{') {
      depth = 1;
      node_start = false;
      if (depth > limits_.max_depth) return i;
    } else if (c == '"' || c == '\'') {
      i = quote_end(i);
      if (i == std::string_view::npos) return std::string_view::npos;
      node_start = false;
      continue;
    } else if (c == '|' || c == '>') {
      block_scalar = line_indent;
      skip_line();
      continue;
    } else if (c == '&' || c == '!') {
      i += word_at(i).size();
      continue;
    } else if ((c == '-' || c == '?' || c == ':') && blank_after(i)) {
      // Still at the start of a node.
    } else if (text_.substr(i, 3) == "---" && (i + 3 >= n || is_blank(text_[i + 3]))) {
      i += 3;
      continue;
    } else {
      node_start = false;
    }
    ++i;
  }
  return std::string_view::npos;
}

// libyaml counts its positions in code points; the handler takes byte
// offsets. Events come in order, so a cursor walks the (valid UTF-8) text
// forward, and back a little for a node that starts before the last event
// ended: linear in all.
class CodePointOffsets {
 public:
  explicit CodePointOffsets(std::string_view text) : text_(text) {}
  std::size_t byte_offset(std::size_t index) {
    while (index_ < index && byte_ < text_.size()) {
      const auto c = static_cast<unsigned char>(text_[byte_]);
      byte_ += c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      ++index_;
    }
    while (index_ > index && byte_ > 0) {
      do --byte_;
      while (byte_ > 0 && (static_cast<unsigned char>(text_[byte_]) & 0xC0) == 0x80);
      --index_;
    }
    return std::min(byte_, text_.size());
  }

 private:
  std::string_view text_;
  std::size_t index_ = 0;
  std::size_t byte_ = 0;
};

// libyaml reads YAML 1.1, where U+0085, U+2028 and U+2029 break lines;
// yaml-cpp, like YAML 1.2, takes them as text. libyaml also breaks a line at
// a carriage return alone, where yaml-cpp reads on. A file holding any of
// them is read by yaml-cpp alone, so that its text means one thing.
//
// So is a file with an explicit key ('? ' starting a node): for a key
// with no ': ' after it, the two place the empty value at different
// offsets. A line of text that starts with "? " is taken for one too,
// which costs only the speed of the fast read. And a file that ends in a
// line of blanks with no line break: yaml-cpp adds a space to a folded
// block that ends there.
bool libyaml_reads_as_yaml_cpp(std::string_view text) {
  if (text.find("\xC2\x85") != std::string_view::npos ||
      text.find("\xE2\x80\xA8") != std::string_view::npos ||
      text.find("\xE2\x80\xA9") != std::string_view::npos)
    return false;
  for (std::size_t cr = text.find('\r'); cr != std::string_view::npos;
       cr = text.find('\r', cr + 1)) {
    if (cr + 1 == text.size() || text[cr + 1] != '\n') return false;
  }
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  for (std::size_t q = text.find('?'); q != std::string_view::npos; q = text.find('?', q + 1)) {
    if (q + 1 < text.size() && !blank(text[q + 1]) && text[q + 1] != '\n' && text[q + 1] != '\r')
      continue;
    // Only blanks and "- " between the line's start and the '?'.
    std::size_t i = q;
    while (i > 0 && (blank(text[i - 1]) || (text[i - 1] == '-' && blank(text[i])))) --i;
    if (i == 0 || text[i - 1] == '\n') return false;
  }
  const std::size_t last_line = text.rfind('\n') + 1;  // 0 with no line break
  if (last_line < text.size() && text.find_first_not_of(" \t", last_line) == std::string_view::npos)
    return false;
  return true;
}

// Reads the file with libyaml into a reader of its own that reports into a
// scratch sink, and takes its tree when the read was clean: libyaml reached
// the end, and nothing was reported or stopped the handler. It also takes a
// read stopped at the node limit with nothing else reported: a hostile file
// of millions of nodes is not read twice, and the limit is met at the same
// node by either parser (the fuzzer compares them). Otherwise nothing of it
// is kept, and parse() reads the file with yaml-cpp.
Reader::FastRead Reader::adopt_fast_read() {
  if (parsers_ == Parsers::yaml_cpp_only || !libyaml_reads_as_yaml_cpp(text_.substr(bom_)))
    return FastRead::not_kept;
  Diagnostics scratch;
  Reader fast(text_, bom_, file_, scratch, limits_);
  const bool clean = fast.read_with_libyaml();
  if (!clean && fast.node_limit_ && !fast.stopped_before_question_ && scratch.all().size() == 1 &&
      scratch.dropped() == 0) {
    nodes_ = fast.nodes_;
    diags_.absorb(scratch);
    return FastRead::stopped;
  }
  if (!clean || !scratch.all().empty() || scratch.dropped() != 0) return FastRead::not_kept;
  root_ = std::move(fast.root_);
  nodes_ = fast.nodes_;
  documents_ = fast.documents_;
  root_seen_ = fast.root_seen_;
  root_is_block_collection_ = fast.root_is_block_collection_;
  return FastRead::tree;
}

// Feeds libyaml's events to the handler as yaml-cpp would: a plain scalar
// that YAML reads as null ("", "~", "null", "Null", "NULL") as OnNull, the
// tag "?" for a plain node and "!" for a quoted or block scalar. Anything the
// handler would report (an anchor, an alias, a tag, a directive) ends the
// read at once; yaml-cpp's read reports it.
//
// The two parsers read a '?' inside a flow collection differently: libyaml
// takes "[What?]" and "[x?y]" as plain text and "[?x]" as a key, yaml-cpp
// ends a plain scalar at the '?' and rejects what follows. A flow
// collection that holds a '?' anywhere, even quoted, is left to yaml-cpp.
// So is a key of a flow mapping that runs over two lines ("{b\n c}"), which
// libyaml reads as the key "b c" and yaml-cpp rejects.
bool Reader::read_with_libyaml() {
  const std::string_view body = text_.substr(bom_);
  struct Parser {
    yaml_parser_t p;
    Parser() { yaml_parser_initialize(&p); }
    ~Parser() { yaml_parser_delete(&p); }
    Parser(const Parser&) = delete;
    Parser& operator=(const Parser&) = delete;
  } parser;
  struct Event {
    yaml_event_t e{};
    bool held = false;
    ~Event() {
      if (held) yaml_event_delete(&e);
    }
  };
  yaml_parser_set_input_string(&parser.p, reinterpret_cast<const unsigned char*>(body.data()),
                               body.size());
  CodePointOffsets offsets(body);
  std::size_t flow_depth = 0, flow_start = 0;
  const auto flow_start_at = [&](std::size_t at) {
    if (flow_depth++ == 0) flow_start = at;
  };
  // False when the outermost flow collection, now ended, holds a '?'.
  const auto flow_end_at = [&](const yaml_mark_t& end) {
    if (flow_depth == 0 || --flow_depth != 0) return true;
    const std::size_t stop = offsets.byte_offset(end.index);
    return stop <= flow_start ||
           body.substr(flow_start, stop - flow_start).find('?') == std::string_view::npos;
  };
  // Per open collection: a flow mapping, and how many nodes it holds yet (a
  // key when even). The handler bounds the depth.
  struct Open {
    bool flow_map;
    std::size_t nodes;
  };
  std::vector<Open> open;
  // False for a key of a flow mapping that runs over two lines.
  const auto node_at = [&](const yaml_event_t& e) {
    if (open.empty()) return true;
    Open& parent = open.back();
    const bool key = parent.flow_map && parent.nodes % 2 == 0;
    ++parent.nodes;
    return !key || e.start_mark.line == e.end_mark.line;
  };
  try {
    for (;;) {
      Event event;
      if (!yaml_parser_parse(&parser.p, &event.e)) return false;
      event.held = true;
      const yaml_event_t& e = event.e;
      YAML::Mark mark;
      mark.pos = static_cast<int>(offsets.byte_offset(e.start_mark.index));
      switch (e.type) {
        case YAML_STREAM_START_EVENT:
          break;
        case YAML_STREAM_END_EVENT:
          return true;
        case YAML_DOCUMENT_START_EVENT:
          if (e.data.document_start.version_directive ||
              e.data.document_start.tag_directives.start !=
                  e.data.document_start.tag_directives.end)
            return false;
          OnDocumentStart(mark);
          break;
        case YAML_DOCUMENT_END_EVENT:
          OnDocumentEnd();
          break;
        case YAML_ALIAS_EVENT:
          return false;
        case YAML_SCALAR_EVENT: {
          const auto& scalar = e.data.scalar;
          if (scalar.anchor || scalar.tag) return false;
          const std::string_view value(reinterpret_cast<const char*>(scalar.value), scalar.length);
          if (!node_at(e)) return false;
          const bool plain = scalar.style == YAML_PLAIN_SCALAR_STYLE;
          if (plain && (value.empty() || value == "~" || value == "null" || value == "Null" ||
                        value == "NULL")) {
            OnNull(mark, YAML::NullAnchor);
          } else {
            OnScalar(mark, plain ? "?" : "!", YAML::NullAnchor, std::string(value));
          }
          break;
        }
        case YAML_SEQUENCE_START_EVENT:
          if (e.data.sequence_start.anchor || e.data.sequence_start.tag) return false;
          if (e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE || flow_depth > 0)
            flow_start_at(mark.pos);
          node_at(e);
          open.push_back({false, 0});
          OnSequenceStart(mark, "?", YAML::NullAnchor,
                          e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                              ? YAML::EmitterStyle::Flow
                              : YAML::EmitterStyle::Block);
          break;
        case YAML_SEQUENCE_END_EVENT:
          if (!flow_end_at(e.end_mark)) return false;
          if (!open.empty()) open.pop_back();
          OnSequenceEnd();
          break;
        case YAML_MAPPING_START_EVENT:
          if (e.data.mapping_start.anchor || e.data.mapping_start.tag) return false;
          if (e.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE || flow_depth > 0)
            flow_start_at(mark.pos);
          node_at(e);
          open.push_back({e.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE, 0});
          OnMapStart(mark, "?", YAML::NullAnchor,
                     e.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                         ? YAML::EmitterStyle::Flow
                         : YAML::EmitterStyle::Block);
          break;
        case YAML_MAPPING_END_EVENT:
          if (!flow_end_at(e.end_mark)) return false;
          if (!open.empty()) open.pop_back();
          OnMapEnd();
          break;
        case YAML_NO_EVENT:
          return false;
      }
    }
  } catch (const Stop&) {
    // yaml-cpp reads a flow collection ahead whole, and rejects a '?' in it
    // before its handler could stop at the same node.
    stopped_before_question_ =
        flow_depth > 0 && body.find('?', flow_start) != std::string_view::npos;
    return false;
  }
}

std::optional<Node> Reader::run() {
  check_bidi_controls();
  if (const std::size_t deep = too_deep_flow(); deep != std::string_view::npos) {
    // The scan can misread unusual valid YAML; confirm with the parser on
    // the text up to the bracket, whose look-ahead is then bounded.
    Diagnostics scratch;
    Reader prefix(text_.substr(0, deep + 1), bom_, file_, scratch, limits_, parsers_);
    prefix.parse();
    if (prefix.too_deep_) {
      diags_.report("yaml-limit", location(deep),
                    fmt::format("nesting deeper than {} levels", limits_.max_depth));
      return std::nullopt;
    }
  }
  return parse();
}

std::optional<Node> Reader::parse() {
  switch (adopt_fast_read()) {
    case FastRead::tree:
      return finish();
    case FastRead::stopped:
      return std::nullopt;
    case FastRead::not_kept:
      break;
  }
  return parse_with_yaml_cpp();
}

std::optional<Node> Reader::parse_with_yaml_cpp() {
  MemoryBuffer buffer(text_.substr(bom_));
  std::istream in(&buffer);
  try {
    try {
      YAML::Parser parser(in);
      if (parser.HandleNextDocument(*this)) {
        // A second document stops in OnDocumentStart.
        parser.HandleNextDocument(*this);
      }
    } catch (const YAML::DeepRecursion& e) {
      too_deep_ = true;
      // The parser's mark is wherever its scanner got to; the deepest
      // collection opened so far is where the nesting went too far.
      const std::size_t offset =
          stack_.empty() ? std::min(offset_of(e.mark), last_nonblank()) : stack_.back().node.offset;
      diags_.report(
          "yaml-limit", location(offset),
          fmt::format("nesting too deep for the YAML parser (more than {} levels)", stack_.size()));
      return std::nullopt;
    } catch (const YAML::Exception& e) {
      report_parser_error(e);
    }
  } catch (const Stop& stop) {
    if (!stop.keep_tree || !root_) return std::nullopt;
    return std::move(root_);
  }
  return finish();
}

// What is checked once the whole file has been read.
std::optional<Node> Reader::finish() {
  if (root_is_block_collection_) {
    const std::size_t tab = tab_indented_line(text_.size());
    if (tab != std::string_view::npos) {
      diags_.report("yaml-syntax", location(tab),
                    "yaml syntax error: tab character used for indentation; indent with spaces");
      return std::nullopt;
    }
  }
  if (!root_) {
    // No document at all: an empty file, or only comments.
    Node empty;
    empty.loc = Location{file_, 0, 0};
    return empty;
  }
  return std::move(root_);
}

Location file_location(const std::string& file) { return Location{file, 0, 0}; }

}  // namespace

std::optional<Node> parse(std::string_view text, const std::string& display_path,
                          Diagnostics& diags, const Limits& limits, std::size_t* nodes,
                          Parsers parsers) {
  if (nodes) *nodes = 0;
  if (text.size() > limits.max_file_bytes) {
    diags.report("file-too-large", file_location(display_path),
                 fmt::format("file is {} bytes, more than the limit of {} bytes", text.size(),
                             limits.max_file_bytes));
    return std::nullopt;
  }
  const std::size_t bom = text.starts_with(utf8_bom) ? utf8_bom.size() : 0;
  std::optional<std::pair<std::size_t, std::string>> bad;
  if (auto whole = wrong_encoding(text)) {
    bad.emplace(0, std::move(*whole));
  } else if (auto p = find_byte_problem(text, bom)) {
    bad.emplace(p->offset, std::move(p->message));
  }
  if (bad) {
    diags.sources().add(display_path, sanitized(text));
    auto [line, column] = LineIndex(text).position(bad->first);
    diags.report("invalid-encoding", Location{display_path, line, column}, std::move(bad->second));
    return std::nullopt;
  }
  diags.sources().add(display_path, std::string(text));
  Reader reader(text, bom, display_path, diags, limits, parsers);
  auto root = reader.run();
  if (nodes) *nodes = reader.nodes_read();
  return root;
}

std::optional<Node> read_file(const std::string& path, const std::string& display_path,
                              Diagnostics& diags, const Limits& limits, std::size_t* nodes) {
  if (nodes) *nodes = 0;
  auto unreadable = [&](int err) {
    diags.report(
        "file-unreadable", file_location(display_path),
        fmt::format("cannot read '{}': {}", display_path, lowercase_first(std::strerror(err))));
    return std::nullopt;
  };
  // stat first: opening a FIFO would block, and a directory opens fine.
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return unreadable(errno);
  if (S_ISDIR(st.st_mode)) {
    diags.report("file-unreadable", file_location(display_path),
                 fmt::format("'{}' is a directory, not a file", display_path));
    return std::nullopt;
  }
  if (!S_ISREG(st.st_mode)) {
    diags.report("file-unreadable", file_location(display_path),
                 fmt::format("'{}' is not a regular file", display_path));
    return std::nullopt;
  }
  if (static_cast<std::uintmax_t>(st.st_size) > limits.max_file_bytes) {
    diags.report("file-too-large", file_location(display_path),
                 fmt::format("file is {} bytes, more than the limit of {} bytes",
                             static_cast<std::uintmax_t>(st.st_size), limits.max_file_bytes));
    return std::nullopt;
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return unreadable(errno);
  std::string text;
  // Read at most one byte past the limit: the file may have grown since stat.
  const std::size_t cap = limits.max_file_bytes + 1;
  char buf[65536];
  while (text.size() < cap) {
    const std::size_t want = std::min(sizeof buf, cap - text.size());
    const ssize_t got = ::read(fd, buf, want);
    if (got < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      return unreadable(err);
    }
    if (got == 0) break;
    text.append(buf, static_cast<std::size_t>(got));
  }
  ::close(fd);
  return parse(text, display_path, diags, limits, nodes);
}

}  // namespace cwg::yaml
