// Prints the diagnostics sink: for people (clang style, with the source line
// and a caret), and for tools (JSON Lines, SARIF 2.1.0, GitHub workflow commands).
#include <utf8proc.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "cwgreport/diagnostic.h"

namespace cwg {

namespace {

using ordered_json = nlohmann::ordered_json;

// Longest source line printed whole; longer ones are cut around the caret.
constexpr int kMaxLineWidth = 100;
// A tab is measured at its widest, so a shortened line never exceeds the limit
// whatever tab stops the terminal uses.
constexpr int kTabWidth = 8;
// Columns of context kept beside the caret before a line is cut on that side.
constexpr int kCaretContext = 10;
constexpr std::string_view kEllipsis = "...";
constexpr int kEllipsisWidth = 3;
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// ANSI SGR sequences; used only when the caller asked for colour.
constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kRed = "\x1b[1;31m";
constexpr std::string_view kMagenta = "\x1b[1;35m";
constexpr std::string_view kCyan = "\x1b[1;36m";
constexpr std::string_view kGreen = "\x1b[1;32m";

// One user-perceived unit of a source line: a code point, or a byte that is
// not valid UTF-8.
struct Glyph {
  std::size_t begin = 0;  // byte offsets in the line
  std::size_t end = 0;
  int width = 0;  // display columns
  bool tab = false;
  // Invalid UTF-8 and control characters are printed as U+FFFD: the raw
  // bytes could garble the terminal (an ESC starts an escape sequence).
  bool replaced = false;
  bool hidden = false;  // a byte-order mark: counted in columns, never shown
};

bool is_control(std::int32_t cp) {
  return (cp < 0x20 && cp != '\t') || cp == 0x7F || (cp >= 0x80 && cp < 0xA0);
}

std::vector<Glyph> split_glyphs(std::string_view line) {
  std::vector<Glyph> glyphs;
  std::size_t i = 0;
  while (i < line.size()) {
    Glyph g;
    g.begin = i;
    utf8proc_int32_t cp = -1;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(line.data() + i),
                              static_cast<utf8proc_ssize_t>(line.size() - i), &cp);
    if (n <= 0) {
      g.end = i + 1;
      g.width = 1;
      g.replaced = true;
    } else {
      g.end = i + static_cast<std::size_t>(n);
      if (cp == '\t') {
        g.tab = true;
        g.width = kTabWidth;
      } else if (is_control(cp)) {
        g.replaced = true;
        g.width = 1;
      } else if (cp == 0xFEFF && i == 0) {
        g.hidden = true;
      } else {
        g.width = utf8proc_charwidth(cp);
      }
    }
    i = g.end;
    glyphs.push_back(g);
  }
  return glyphs;
}

void append_glyph(std::string& out, std::string_view line, const Glyph& g) {
  if (g.hidden) return;
  if (g.replaced) {
    out += kReplacement;
  } else {
    out += line.substr(g.begin, g.end - g.begin);
  }
}

// Text safe to print on a terminal: valid UTF-8, no control character but tab.
std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const Glyph& g : split_glyphs(text)) append_glyph(out, text, g);
  return out;
}

// The source line as printed, and what goes before the caret on the line
// below it: tabs where the source has tabs, so the caret lines up at any tab
// width, and spaces for everything else.
struct Snippet {
  std::string line;
  std::string caret_prefix;
};

// `column` is a 1-based byte column; 0 means no caret.
Snippet make_snippet(std::string_view line, int column) {
  std::vector<Glyph> glyphs = split_glyphs(line);
  const std::size_t n = glyphs.size();
  std::vector<int> pos(n + 1, 0);  // display column where each glyph starts
  for (std::size_t i = 0; i < n; ++i) pos[i + 1] = pos[i] + glyphs[i].width;
  const int total = pos[n];

  // The caret goes under the glyph that holds the column's byte, or just past
  // the end of the line when the column is beyond it.
  std::size_t target = n;
  if (column > 0) {
    const auto byte = static_cast<std::size_t>(column - 1);
    target = 0;
    while (target < n && glyphs[target].end <= byte) ++target;
  }
  const int caret = pos[target];
  const int caret_width = target < n ? std::max(1, glyphs[target].width) : 1;

  std::size_t first = 0;
  std::size_t last = n;
  if (total > kMaxLineWidth) {
    const int one_cut = kMaxLineWidth - kEllipsisWidth;
    auto fill_from = [&](std::size_t from, int budget) {
      std::size_t to = from;
      while (to < n && pos[to + 1] - pos[from] <= budget) ++to;
      return to;
    };
    auto start_at = [&](int display) {
      std::size_t i = 0;
      while (i < n && pos[i] < display) ++i;
      return i;
    };
    if (column == 0 || caret + caret_width + kCaretContext <= one_cut) {
      last = fill_from(0, one_cut);
    } else if (caret - (total - one_cut) >= kCaretContext) {
      first = start_at(total - one_cut);
    } else {
      const int both_cut = kMaxLineWidth - 2 * kEllipsisWidth;
      first = start_at(caret - both_cut / 2);
      last = fill_from(first, both_cut);
    }
    // A combining mark cut off from its base would print on the ellipsis.
    while (first > 0 && first < target && glyphs[first].width == 0) ++first;
  }

  Snippet s;
  if (first > 0) s.line += kEllipsis;
  for (std::size_t i = first; i < last; ++i) append_glyph(s.line, line, glyphs[i]);
  if (last < n) s.line += kEllipsis;

  if (column > 0) {
    if (first > 0) s.caret_prefix.append(kEllipsisWidth, ' ');
    for (std::size_t i = first; i < target; ++i) {
      if (glyphs[i].tab) {
        s.caret_prefix += '\t';
      } else {
        s.caret_prefix.append(static_cast<std::size_t>(glyphs[i].width), ' ');
      }
    }
  }
  return s;
}

// "file:line:col" with whatever parts the location has; empty when none.
std::string location_text(const Location& loc, int column) {
  std::string text = loc.file;
  if (loc.has_position()) {
    text += ':' + std::to_string(loc.line);
    if (column > 0) text += ':' + std::to_string(column);
  }
  return text;
}

// The 1-based column counted in code points, as SARIF and GitHub count, from
// the byte column that diagnostics carry. Without the source text the byte
// column is the best there is.
int code_point_column(const SourceFiles& sources, const Location& loc) {
  if (!loc.has_position() || loc.column <= 0) return loc.column;
  auto line = sources.line(loc.file, loc.line);
  if (!line) return loc.column;
  const auto byte = static_cast<std::size_t>(loc.column - 1);
  int column = 1;
  for (const Glyph& g : split_glyphs(*line)) {
    if (g.end > byte) break;
    ++column;
  }
  // Past the end of the line every byte is one column, as in the human format.
  if (byte > line->size()) column += static_cast<int>(byte - line->size());
  return column;
}

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

  void summary(std::size_t errors, std::size_t warnings, std::size_t dropped) {
    std::string line;
    if (errors > 0) line = count(errors, "error");
    if (warnings > 0) line += (line.empty() ? "" : ", ") + count(warnings, "warning");
    if (!line.empty()) out_ += line + " generated\n";
    if (dropped > 0) {
      out_ += std::to_string(dropped) + (dropped == 1 ? " more error" : " more errors") +
              " not shown (--max-errors)\n";
    }
  }

  std::string take() { return std::move(out_); }

 private:
  static std::string count(std::size_t n, std::string_view what) {
    return std::to_string(n) + " " + std::string(what) + (n == 1 ? "" : "s");
  }

  void styled(std::string_view style, std::string_view text) {
    if (color_) out_ += style;
    out_ += text;
    if (color_) out_ += kReset;
  }

  void header(const Location& loc, Severity severity, std::string_view message) {
    std::string where = printable(location_text(loc, loc.column));
    if (!where.empty()) {
      styled(kBold, where + ":");
      out_ += ' ';
    }
    styled(severity_color(severity), std::string(severity_name(severity)) + ":");
    out_ += ' ';
    out_ += printable(message);
  }

  void snippet(const Location& loc) {
    if (!loc.has_position()) return;
    auto line = sources_.line(loc.file, loc.line);
    if (!line) return;
    Snippet s = make_snippet(*line, loc.column);
    out_ += s.line + '\n';
    if (loc.column > 0) {
      out_ += s.caret_prefix;
      styled(kGreen, "^");
      out_ += '\n';
    }
  }

  const SourceFiles& sources_;
  bool color_;
  std::string out_;
};

std::string format_human(const Diagnostics& diags, bool color) {
  HumanPrinter p(diags.sources(), color);
  for (const Diagnostic& d : diags.all()) p.print(d);
  p.summary(diags.error_count(), diags.warning_count(), diags.dropped());
  return p.take();
}

// Messages may quote source text; replacing invalid UTF-8 keeps the output
// valid JSON instead of throwing.
std::string dump(const ordered_json& j, int indent) {
  return j.dump(indent, ' ', false, ordered_json::error_handler_t::replace);
}

ordered_json json_position(const Location& loc) {
  ordered_json j;
  j["file"] = loc.file;
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

ordered_json sarif_physical_location(const SourceFiles& sources, const Location& loc) {
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
      location["physicalLocation"] = sarif_physical_location(diags.sources(), d.loc);
      r["locations"] = ordered_json::array({std::move(location)});
    }
    ordered_json related = ordered_json::array();
    for (const Note& note : d.notes) {
      if (note.loc.file.empty()) continue;
      ordered_json location;
      // Ids keep two equal notes distinct: the array must hold unique items.
      location["id"] = related.size() + 1;
      location["physicalLocation"] = sarif_physical_location(diags.sources(), note.loc);
      location["message"]["text"] = note.message;
      related.push_back(std::move(location));
    }
    if (!related.empty()) r["relatedLocations"] = std::move(related);
    results.push_back(std::move(r));
  }

  ordered_json driver;
  driver["name"] = "cwgreport";
  if (!opts.tool_version.empty()) driver["version"] = opts.tool_version;
  driver["rules"] = std::move(rules);

  ordered_json run;
  run["tool"]["driver"] = std::move(driver);
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
  std::string out;
  for (const Diagnostic& d : diags.all()) {
    std::vector<std::string> props;
    if (!d.loc.file.empty()) {
      props.push_back("file=" + github_escape(d.loc.file, true));
      if (d.loc.has_position()) {
        props.push_back("line=" + std::to_string(d.loc.line));
        int column = code_point_column(diags.sources(), d.loc);
        if (column > 0) props.push_back("col=" + std::to_string(column));
      }
    }
    if (!d.code.empty()) props.push_back("title=" + github_escape(d.code, true));

    // An annotation has no notes: they follow the message on lines of their
    // own, written as the human format writes them.
    std::string message = d.message;
    for (const Note& note : d.notes) {
      std::string where = location_text(note.loc, code_point_column(diags.sources(), note.loc));
      message += '\n';
      if (!where.empty()) message += where + ": ";
      message += "note: " + note.message;
    }

    out += "::";
    out += github_command(d.severity);
    for (std::size_t i = 0; i < props.size(); ++i) out += (i == 0 ? " " : ",") + props[i];
    out += "::" + github_escape(message, false) + '\n';
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
