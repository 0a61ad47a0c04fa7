// Prints the diagnostics sink: for people (clang style, with the source line
// and a caret), and for tools (JSON Lines, SARIF 2.1.0, GitHub workflow commands).

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cwgreport/diagnostic.h"
#include "text/printable.h"
#include "text/width.h"

namespace cwg {

namespace {

using ordered_json = nlohmann::ordered_json;

using text::Glyph;

// Longest source line printed whole; longer ones are cut around the caret.
constexpr int kMaxLineWidth = 100;
// Most glyphs printed of one line, whatever their width: a line of a
// million combining marks is zero columns wide.
constexpr std::size_t kMaxGlyphs = 4 * kMaxLineWidth;
// Columns of context kept beside the caret before a line is cut on that side.
constexpr int kCaretContext = 10;
constexpr std::string_view kEllipsis = "...";
constexpr int kEllipsisWidth = 3;

// ANSI SGR sequences; used only when the caller asked for colour.
constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kRed = "\x1b[1;31m";
constexpr std::string_view kMagenta = "\x1b[1;35m";
constexpr std::string_view kCyan = "\x1b[1;36m";
constexpr std::string_view kGreen = "\x1b[1;32m";

// Positions on one source line: for any byte, the glyph that holds it, with
// the number of glyphs and the display columns before it. A mark every
// kStride bytes lets any position be found by decoding at most kStride
// bytes, so that many diagnostics on one long line cost the line once.
class LineMap {
 public:
  struct Point {
    std::size_t byte = 0;   // where a glyph starts (or the line's end)
    std::size_t glyph = 0;  // glyphs before it
    int display = 0;        // display columns before it
    // The grapheme cluster being read: a cluster takes the columns of its
    // widest code point, as text::display_width counts it.
    text::WidthCounter counter;
  };

  explicit LineMap(std::string_view line) : line_(line) {
    Point p;
    marks_.push_back(p);
    while (p.byte < line_.size()) {
      step(p);
      if (p.byte - marks_.back().byte >= kStride) marks_.push_back(p);
    }
    end_ = p;
  }

  std::string_view line() const { return line_; }
  const Point& end() const { return end_; }
  bool at_end(const Point& p) const { return p.byte >= line_.size(); }
  Glyph glyph(const Point& p) const { return text::read_glyph(line_.substr(p.byte), p.byte == 0); }
  void step(Point& p) const {
    const Glyph g = glyph(p);
    p.display += advance(p.counter, g);
    p.byte += g.size;
    ++p.glyph;
  }
  // The columns the glyph at `p` adds: 0 for one that continues a cluster
  // no wider than it (a skin tone after its emoji, a combining mark).
  int columns(const Point& p) const {
    text::WidthCounter counter = p.counter;
    return advance(counter, glyph(p));
  }

  // The start of the glyph that holds `byte`; the end past the line.
  Point at_byte(std::size_t byte) const {
    Point p = last_mark([&](const Point& m) { return m.byte <= byte; });
    while (!at_end(p) && p.byte + glyph(p).size <= byte) step(p);
    return p;
  }
  // The first glyph that starts at `display` columns or more; the end if none.
  Point at_display(int display) const {
    Point p = last_mark([&](const Point& m) { return m.display < display; });
    while (!at_end(p) && p.display < display) step(p);
    return p;
  }
  // The start of glyph number `index`.
  Point at_glyph(std::size_t index) const {
    Point p = last_mark([&](const Point& m) { return m.glyph <= index; });
    while (!at_end(p) && p.glyph < index) step(p);
    return p;
  }

 private:
  static constexpr std::size_t kStride = 128;

  static int advance(text::WidthCounter& counter, const Glyph& g) {
    if (g.kind == Glyph::Kind::plain) return counter.add(g.code);
    counter.reset();  // a tab, an escape or a hidden mark ends the cluster
    return g.width;
  }

  // The last mark for which `before` holds, or the first mark. Marks are in
  // order of every key, so the search is a binary one.
  template <class Pred>
  Point last_mark(Pred before) const {
    auto it = std::partition_point(marks_.begin(), marks_.end(), before);
    return it == marks_.begin() ? marks_.front() : *(it - 1);
  }

  std::string_view line_;
  std::vector<Point> marks_;
  Point end_;
};

// The source lines diagnostics point at, for one printing: lines are found
// with each file's line index (SourceFiles keeps one), and each long line is
// mapped once. Short lines are mapped again for each diagnostic, at a cost
// bounded by their length.
class SourceIndex {
 public:
  explicit SourceIndex(const SourceFiles& files) : files_(files) {}

  std::optional<std::string_view> line(std::string_view file, int line) const {
    return files_.line(file, line);
  }

  // The map of a line that line() returned.
  const LineMap& map(std::string_view line) {
    if (line.size() <= kShortLine) return scratch_.emplace(line);
    return long_lines_.try_emplace(line.data(), line).first->second;
  }

 private:
  static constexpr std::size_t kShortLine = 512;

  const SourceFiles& files_;
  std::map<const char*, LineMap> long_lines_;
  std::optional<LineMap> scratch_;
};

// The source line as printed, and what goes before the caret on the line
// below it: tabs where the source has tabs, so the caret lines up at any tab
// width, and spaces for everything else.
struct Snippet {
  std::string line;
  std::string caret_prefix;
};

// `column` is a 1-based byte column; 0 means no caret. Decodes only the part
// of the line that is printed, and the stretch between marks of the map.
Snippet make_snippet(const LineMap& map, int column) {
  using Point = LineMap::Point;
  const Point end = map.end();
  const int total = end.display;

  // The caret goes under the glyph that holds the column's byte, or just past
  // the end of the line when the column is beyond it.
  const Point target = column > 0 ? map.at_byte(static_cast<std::size_t>(column - 1)) : end;
  const int caret = target.display;
  const int caret_width = map.at_end(target) ? 1 : std::max(1, map.columns(target));

  Point first;
  int budget = total;  // columns printed from `first`
  std::size_t most = kMaxGlyphs;
  if (total > kMaxLineWidth || end.glyph > kMaxGlyphs) {
    const int one_cut = kMaxLineWidth - kEllipsisWidth;
    const int both_cut = kMaxLineWidth - 2 * kEllipsisWidth;
    const std::size_t near = static_cast<std::size_t>(kCaretContext);
    if (column == 0 ||
        (caret + caret_width + kCaretContext <= one_cut && target.glyph + near <= kMaxGlyphs)) {
      budget = one_cut;
    } else if (Point tail = map.at_display(total - one_cut);
               caret - (total - one_cut) >= kCaretContext && end.glyph - tail.glyph <= kMaxGlyphs) {
      first = tail;
    } else {
      first = map.at_display(caret - both_cut / 2);
      if (target.glyph - first.glyph > kMaxGlyphs / 2)
        first = map.at_glyph(target.glyph - kMaxGlyphs / 2);
      budget = both_cut;
    }
    // A combining mark cut off from its base would print on the ellipsis.
    while (first.glyph > 0 && first.glyph < target.glyph && map.columns(first) == 0)
      map.step(first);
  } else {
    most = end.glyph;
  }

  Snippet s;
  if (first.glyph > 0) s.line += kEllipsis;
  if (column > 0 && first.glyph > 0) s.caret_prefix.append(kEllipsisWidth, ' ');
  Point p = first;
  for (std::size_t shown = 0; !map.at_end(p) && shown < most; ++shown) {
    const Glyph g = map.glyph(p);
    const int width = map.columns(p);
    if (p.display + width - first.display > budget) break;
    text::append_glyph(s.line, map.line().substr(p.byte), g);
    if (column > 0 && p.glyph < target.glyph) {
      if (g.kind == Glyph::Kind::tab) {
        s.caret_prefix += '\t';
      } else {
        s.caret_prefix.append(static_cast<std::size_t>(width), ' ');
      }
    }
    map.step(p);
  }
  if (!map.at_end(p)) s.line += kEllipsis;
  return s;
}

// A file name as printed: the name may hold any byte but '/' and NUL.
std::string shown_file(const Location& loc) { return text::printable(loc.file); }

// "file:line:col" with whatever parts the location has; empty when none.
std::string location_text(const Location& loc, int column) {
  std::string text = shown_file(loc);
  if (loc.has_position()) {
    text += ':' + std::to_string(loc.line);
    if (column > 0) text += ':' + std::to_string(column);
  }
  return text;
}

// The 1-based column counted in code points, as SARIF and GitHub count, from
// the byte column that diagnostics carry. Without the source text the byte
// column is the best there is.
int code_point_column(SourceIndex& sources, const Location& loc) {
  if (!loc.has_position() || loc.column <= 0) return loc.column;
  auto line = sources.line(loc.file, loc.line);
  if (!line) return loc.column;
  const auto byte = static_cast<std::size_t>(loc.column - 1);
  auto column = static_cast<int>(sources.map(*line).at_byte(byte).glyph) + 1;
  // Past the end of the line every byte is one column, as in the human format.
  if (byte > line->size()) column += static_cast<int>(byte - line->size());
  return column;
}

std::string counted(std::size_t n, std::string_view what) {
  return std::to_string(n) + " " + std::string(what) + (n == 1 ? "" : "s");
}

// What the limits left out, one line per severity; every format ends with it.
std::vector<std::string> dropped_lines(const Diagnostics& diags) {
  std::vector<std::string> lines;
  if (std::size_t n = diags.dropped_errors())
    lines.push_back(counted(n, "more error") + " not shown (--max-errors)");
  if (std::size_t n = diags.dropped_warnings())
    lines.push_back(counted(n, "more warning") + " not shown (--max-warnings)");
  return lines;
}

// The code under which the machine formats report what the limits left out.
constexpr std::string_view kLimitCode = "diagnostic-limit";

std::string_view severity_color(Severity s) {
  switch (s) {
    case Severity::error:
      return kRed;
    case Severity::warning:
      return kMagenta;
    case Severity::note:
      return kCyan;
    case Severity::off:
      break;
  }
  return kBold;
}

class HumanPrinter {
 public:
  HumanPrinter(const SourceFiles& sources, bool color) : sources_(sources), color_(color) {}

  void print(const Diagnostic& d) {
    header(d.loc, d.severity, d.message);
    if (!d.code.empty()) out_ += " [" + d.code + "]";
    out_ += '\n';
    snippet(d.loc);
    for (const Note& note : d.notes) {
      header(note.loc, Severity::note, note.message);
      out_ += '\n';
      snippet(note.loc);
    }
  }

  void summary(const Diagnostics& diags) {
    std::string line;
    if (diags.error_count() > 0) line = counted(diags.error_count(), "error");
    if (diags.warning_count() > 0)
      line += (line.empty() ? "" : ", ") + counted(diags.warning_count(), "warning");
    if (!line.empty()) out_ += line + " generated\n";
    for (const std::string& dropped : dropped_lines(diags)) out_ += dropped + '\n';
  }

  std::string take() { return std::move(out_); }

 private:
  void styled(std::string_view style, std::string_view text) {
    if (color_) out_ += style;
    out_ += text;
    if (color_) out_ += kReset;
  }

  void header(const Location& loc, Severity severity, std::string_view message) {
    std::string where = location_text(loc, loc.column);
    if (!where.empty()) {
      styled(kBold, where + ":");
      out_ += ' ';
    }
    styled(severity_color(severity), std::string(severity_name(severity)) + ":");
    out_ += ' ';
    out_ += message;
  }

  void snippet(const Location& loc) {
    if (!loc.has_position()) return;
    auto line = sources_.line(loc.file, loc.line);
    if (!line) return;
    Snippet s = make_snippet(sources_.map(*line), loc.column);
    out_ += s.line + '\n';
    if (loc.column > 0) {
      out_ += s.caret_prefix;
      styled(kGreen, "^");
      out_ += '\n';
    }
  }

  SourceIndex sources_;
  bool color_;
  std::string out_;
};

std::string format_human(const Diagnostics& diags, bool color) {
  HumanPrinter p(diags.sources(), color);
  for (const Diagnostic& d : diags.all()) p.print(d);
  p.summary(diags);
  return p.take();
}

// Messages may quote source text; replacing invalid UTF-8 keeps the output
// valid JSON instead of throwing.
std::string dump(const ordered_json& j, int indent) {
  return j.dump(indent, ' ', false, ordered_json::error_handler_t::replace);
}

ordered_json json_position(const Location& loc) {
  ordered_json j;
  j["file"] = shown_file(loc);
  j["line"] = loc.has_position() ? ordered_json(loc.line) : ordered_json(nullptr);
  j["column"] =
      loc.has_position() && loc.column > 0 ? ordered_json(loc.column) : ordered_json(nullptr);
  return j;
}

std::string format_json(const Diagnostics& diags) {
  std::string out;
  for (const Diagnostic& d : diags.all()) {
    ordered_json j = json_position(d.loc);
    j["severity"] = severity_name(d.severity);
    j["code"] = d.code;
    j["message"] = d.message;
    j["notes"] = ordered_json::array();
    for (const Note& note : d.notes) {
      ordered_json n = json_position(note.loc);
      n["message"] = note.message;
      j["notes"].push_back(std::move(n));
    }
    out += dump(j, -1) + '\n';
  }
  // What the limits left out, as a note shaped like every other line.
  for (const std::string& dropped : dropped_lines(diags)) {
    ordered_json j = json_position(Location{});
    j["severity"] = severity_name(Severity::note);
    j["code"] = kLimitCode;
    j["message"] = dropped;
    j["notes"] = ordered_json::array();
    out += dump(j, -1) + '\n';
  }
  return out;
}

// A path as a relative URI reference: forward slashes, and everything outside
// the unreserved and sub-delimiter characters percent-encoded. ':' is encoded
// too, or "c:/x" and "a:b.yaml" would read as a scheme.
std::string path_to_uri(std::string_view path) {
  static constexpr std::string_view kKeep = "-._~!$&'()*+,;=@/";
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string uri;
  for (char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    if (ch == '\\') {
      uri += '/';
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               kKeep.find(ch) != std::string_view::npos) {
      uri += ch;
    } else {
      uri += '%';
      uri += kHex[c >> 4];
      uri += kHex[c & 0xF];
    }
  }
  return uri;
}

std::string_view sarif_level(Severity s) {
  switch (s) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::note:
      return "note";
    case Severity::off:
      break;
  }
  return "none";
}

ordered_json sarif_physical_location(SourceIndex& sources, const Location& loc) {
  ordered_json physical;
  physical["artifactLocation"]["uri"] = path_to_uri(loc.file);
  if (loc.has_position()) {
    physical["region"]["startLine"] = loc.line;
    int column = code_point_column(sources, loc);
    if (column > 0) physical["region"]["startColumn"] = column;
  }
  return physical;
}

// A note without a location has no place among SARIF's related locations, so
// it joins the result's message, where every viewer shows it.
std::string sarif_message(const Diagnostic& d) {
  std::string text = d.message;
  for (const Note& note : d.notes) {
    if (note.loc.file.empty()) text += "\nnote: " + note.message;
  }
  return text;
}

std::string format_sarif(const Diagnostics& diags, const PrintOptions& opts) {
  SourceIndex sources(diags.sources());
  // One rule per code used, in the order of the code table so that the log
  // does not depend on which problem was found first.
  std::vector<std::string> codes;
  for (const CodeInfo& info : all_codes()) {
    bool used = std::any_of(diags.all().begin(), diags.all().end(),
                            [&](const Diagnostic& d) { return d.code == info.code; });
    if (used) codes.emplace_back(info.code);
  }
  for (const Diagnostic& d : diags.all()) {
    if (std::find(codes.begin(), codes.end(), d.code) == codes.end()) codes.push_back(d.code);
  }

  ordered_json rules = ordered_json::array();
  for (const std::string& code : codes) {
    ordered_json rule;
    rule["id"] = code;
    if (const CodeInfo* info = find_code(code)) {
      rule["shortDescription"]["text"] = info->summary;
      rule["fullDescription"]["text"] = info->explanation;
      rule["defaultConfiguration"]["level"] = sarif_level(info->default_severity);
    } else {
      rule["defaultConfiguration"]["level"] = sarif_level(Severity::error);
    }
    rules.push_back(std::move(rule));
  }

  ordered_json results = ordered_json::array();
  for (const Diagnostic& d : diags.all()) {
    ordered_json r;
    r["ruleId"] = d.code;
    r["ruleIndex"] = std::find(codes.begin(), codes.end(), d.code) - codes.begin();
    r["level"] = sarif_level(d.severity);
    r["message"]["text"] = sarif_message(d);
    if (!d.loc.file.empty()) {
      ordered_json location;
      location["physicalLocation"] = sarif_physical_location(sources, d.loc);
      r["locations"] = ordered_json::array({std::move(location)});
    }
    ordered_json related = ordered_json::array();
    for (const Note& note : d.notes) {
      if (note.loc.file.empty()) continue;
      ordered_json location;
      // Ids keep two equal notes distinct: the array must hold unique items.
      location["id"] = related.size() + 1;
      location["physicalLocation"] = sarif_physical_location(sources, note.loc);
      location["message"]["text"] = note.message;
      related.push_back(std::move(location));
    }
    if (!related.empty()) r["relatedLocations"] = std::move(related);
    results.push_back(std::move(r));
  }

  // What the limits left out is a notification about the run, not a result.
  ordered_json notifications = ordered_json::array();
  for (const std::string& dropped : dropped_lines(diags)) {
    ordered_json n;
    n["level"] = sarif_level(Severity::note);
    n["message"]["text"] = dropped;
    n["descriptor"]["id"] = kLimitCode;
    n["descriptor"]["index"] = 0;
    notifications.push_back(std::move(n));
  }

  ordered_json driver;
  driver["name"] = "cwgreport";
  if (!opts.tool_version.empty()) driver["version"] = opts.tool_version;
  driver["rules"] = std::move(rules);
  if (!notifications.empty()) {
    ordered_json descriptor;
    descriptor["id"] = kLimitCode;
    if (const CodeInfo* info = find_code(kLimitCode)) {
      descriptor["shortDescription"]["text"] = info->summary;
      descriptor["fullDescription"]["text"] = info->explanation;
    }
    driver["notifications"] = ordered_json::array({std::move(descriptor)});
  }

  ordered_json run;
  run["tool"]["driver"] = std::move(driver);
  if (!notifications.empty()) {
    ordered_json invocation;
    invocation["executionSuccessful"] = true;
    invocation["toolExecutionNotifications"] = std::move(notifications);
    run["invocations"] = ordered_json::array({std::move(invocation)});
  }
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = std::move(results);

  ordered_json log;
  log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  log["version"] = "2.1.0";
  log["runs"] = ordered_json::array({std::move(run)});
  return dump(log, 2) + '\n';
}

// Workflow-command escaping as GitHub documents it: data escapes '%', CR and
// LF; property values also ':' and ','.
std::string github_escape(std::string_view text, bool property) {
  std::string out;
  for (char ch : text) {
    switch (ch) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      case ':':
        out += property ? "%3A" : ":";
        break;
      case ',':
        out += property ? "%2C" : ",";
        break;
      default:
        out += ch;
    }
  }
  return out;
}

std::string_view github_command(Severity s) {
  switch (s) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::note:
    case Severity::off:
      break;
  }
  return "notice";
}

std::string format_github(const Diagnostics& diags) {
  SourceIndex sources(diags.sources());
  std::string out;
  for (const Diagnostic& d : diags.all()) {
    std::vector<std::string> props;
    if (!d.loc.file.empty()) {
      props.push_back("file=" + github_escape(shown_file(d.loc), true));
      if (d.loc.has_position()) {
        props.push_back("line=" + std::to_string(d.loc.line));
        int column = code_point_column(sources, d.loc);
        if (column > 0) props.push_back("col=" + std::to_string(column));
      }
    }
    if (!d.code.empty()) props.push_back("title=" + github_escape(d.code, true));

    // An annotation has no notes: they follow the message on lines of their
    // own, written as the human format writes them.
    std::string message = d.message;
    for (const Note& note : d.notes) {
      std::string where = location_text(note.loc, code_point_column(sources, note.loc));
      message += '\n';
      if (!where.empty()) message += where + ": ";
      message += "note: " + note.message;
    }

    out += "::";
    out += github_command(d.severity);
    for (std::size_t i = 0; i < props.size(); ++i) out += (i == 0 ? " " : ",") + props[i];
    out += "::" + github_escape(message, false) + '\n';
  }
  for (const std::string& dropped : dropped_lines(diags)) {
    out += "::" + std::string(github_command(Severity::note)) +
           " title=" + github_escape(kLimitCode, true) + "::" + github_escape(dropped, false) +
           '\n';
  }
  return out;
}

}  // namespace

std::string format_diagnostics(const Diagnostics& diags, const PrintOptions& opts) {
  switch (opts.format) {
    case DiagnosticFormat::human:
      return format_human(diags, opts.color);
    case DiagnosticFormat::json:
      return format_json(diags);
    case DiagnosticFormat::sarif:
      return format_sarif(diags, opts);
    case DiagnosticFormat::github:
      return format_github(diags);
  }
  return format_human(diags, opts.color);
}

}  // namespace cwg
