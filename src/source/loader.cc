// The loader: YAML trees of report.yaml, documents.yaml and the section
// files become the source model. Shape errors (unknown keys, wrong types,
// values YAML would coerce) are reported here; references are left to the
// checker.
#include "source/loader.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "lang/labels.h"
#include "source/folder_path.h"
#include "text/code_point.h"

namespace cwg {

namespace fs = std::filesystem;

const std::vector<std::string>& document_kinds() {
  static const std::vector<std::string> kinds = {
      "agenda", "information-report", "contribution", "liaison-statement", "report", "other"};
  return kinds;
}

const std::vector<std::string>& list_styles() {
  static const std::vector<std::string> styles = {"bullet", "dash", "alpha", "roman", "number"};
  return styles;
}

const std::map<std::string, std::vector<std::string>>& source_keys() {
  static const std::map<std::string, std::vector<std::string>> table = {
      {"report",
       {"group",
        "kind",
        "language",
        "meetings",
        "earlier_meetings",
        "people",
        "cover",
        "chair_word",
        "title_ordinals",
        "title",
        "summary",
        "action",
        "references",
        "reference_separator",
        "contents",
        "preamble",
        "sections",
        "annexes",
        "signature",
        "signatures",
        "numbering"}},
      {"numbering", {"style", "annex_paragraphs", "deleted"}},
      {"group", {"name", "acronym", "parent", "series", "revision_form"}},
      {"meeting",
       {"number", "name", "date", "end_date", "start_time", "end_time", "venue", "participants",
        "mode", "chair"}},
      {"earlier_meeting", {"number", "date", "end_date", "venue"}},
      {"person", {"id", "name", "honorific", "country", "role"}},
      {"cover",
       {"session", "place", "dates", "agenda_item", "symbol", "revision", "language", "date",
        "original", "author", "source"}},
      {"reference", {"id", "text"}},
      {"signature", {"person", "role"}},
      {"signatory", {"person", "role", "role_position"}},
      {"section", {"label", "heading", "continued", "paragraphs"}},
      {"preamble", {"paragraphs"}},
      {"paragraph",
       {"label", "text", "presents", "numbered", "number", "quote", "table", "list", "documents",
        "footnotes", "deleted"}},
      {"footnote", {"id", "text"}},
      {"quote", {"source", "paragraphs"}},
      {"quoted_paragraph", {"number", "text", "elision"}},
      {"table", {"caption", "columns", "align", "rows"}},
      {"list", {"style", "items", "item_word"}},
      {"list_item", {"label", "text", "list"}},
      {"document_list", {"kind", "meeting"}},
      {"register", {"entities", "documents"}},
      {"entity", {"id", "name", "short"}},
      {"document",
       {"number", "revision", "addendum", "meeting", "series", "title", "kind", "source"}},
  };
  return table;
}

namespace {

const std::vector<std::string>& keys(const std::string& kind) { return source_keys().at(kind); }

const std::vector<std::string> kMeetingModes = {"in-person", "virtual", "hybrid"};
const std::vector<std::string> kRoles = {"chair", "vice-chair", "secretariat", "other"};
const std::vector<std::string> kOrdinalStyles = {"numeral", "words"};

// Whether a plain scalar is a number to YAML 1.1 or the 1.2 core schema:
// decimal with '_' separators and an exponent, 0x/0o/0b integers, .inf and
// .nan. A hand-written scanner: every plain value of the sources passes here,
// and std::regex would cost more than parsing the YAML.
bool reads_as_number(std::string_view v) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  auto all = [&](std::string_view s, auto pred) {
    return !s.empty() && std::all_of(s.begin(), s.end(), pred);
  };
  if (v.size() > 2 && v[0] == '0') {
    std::string_view rest = v.substr(2);
    if (v[1] == 'x')
      return all(rest, [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
               c == '_';
      });
    if (v[1] == 'o') return all(rest, [](char c) { return c >= '0' && c <= '7'; });
    if (v[1] == 'b') return all(rest, [](char c) { return c == '0' || c == '1' || c == '_'; });
  }
  if (v == ".nan" || v == ".NaN" || v == ".NAN") return true;
  std::size_t i = 0;
  if (i < v.size() && (v[i] == '+' || v[i] == '-')) ++i;
  std::string_view body = v.substr(i);
  if (body == ".inf" || body == ".Inf" || body == ".INF") return true;
  // [0-9][0-9_]*(\.[0-9_]*)? or \.[0-9]+
  if (i < v.size() && digit(v[i])) {
    ++i;
    while (i < v.size() && (digit(v[i]) || v[i] == '_')) ++i;
    if (i < v.size() && v[i] == '.') {
      ++i;
      while (i < v.size() && (digit(v[i]) || v[i] == '_')) ++i;
    }
  } else if (i + 1 < v.size() && v[i] == '.' && digit(v[i + 1])) {
    ++i;
    while (i < v.size() && digit(v[i])) ++i;
  } else {
    return false;
  }
  // ([eE][-+]?[0-9]+)?
  if (i < v.size() && (v[i] == 'e' || v[i] == 'E')) {
    ++i;
    if (i < v.size() && (v[i] == '+' || v[i] == '-')) ++i;
    if (i >= v.size() || !digit(v[i])) return false;
    while (i < v.size() && digit(v[i])) ++i;
  }
  return i == v.size();
}

// Plain scalars that some YAML reader (1.1 or the 1.2 core schema, which
// editors' schema validation uses) would take for something other than the
// text written. Dates are left alone: the 1.2 core schema reads them as text.
std::optional<std::string_view> coerced_type(std::string_view v) {
  static const std::array<std::string_view, 22> booleans = {
      "y",    "Y",    "yes",   "Yes",   "YES",   "n",  "N",  "no", "No",  "NO",  "true",
      "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF"};
  if (std::find(booleans.begin(), booleans.end(), v) != booleans.end()) return "a boolean";
  if (v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL") return "null";
  if (reads_as_number(v)) return "a number";
  return std::nullopt;
}

// Whether a text holds nothing but blank space: spaces, tabs, line breaks,
// no-break and other Unicode spaces (text::is_space).
bool only_spaces(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const text::Decoded d = text::decode(s.substr(i));
    if (d.size == 0 || !text::is_space(d.code)) return false;
    i += d.size;
  }
  return true;
}

bool valid_label(std::string_view s) {
  if (s.empty() || s.front() < 'a' || s.front() > 'z') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// Drops the line break a block scalar ends with; spaces a quoted value
// ends with are the author's ("; ").
std::string rtrim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

// For reading values that belong to no mapping (list items, paths).
const yaml::Node kNoKeys{yaml::Kind::map, {}, 0, {}, false, {}, {}};

std::string quoted_list(const std::vector<std::string>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += i + 1 == values.size() ? " or " : ", ";
    out += "'" + values[i] + "'";
  }
  return out;
}

// Text written plain that YAML reads as a mapping: `- The agenda was
// adopted with one change: ...` is a key and a value, `- agreed to:` a key
// with none, `- {doc:14/2} was presented` a flow mapping. An editor who
// does not know YAML sees a paragraph, so this is said instead of an
// unknown key and a missing one. `keys` are those a mapping may have where
// `n` stands (none where only a string may); a key among them, or a
// misspelling of one, is a mapping meant as such. Reports it and returns
// true when `n` is such text.
bool report_text_read_as_map(const yaml::Node& n, const std::vector<std::string>& keys,
                             Diagnostics& diags) {
  if (!n.is_map() || n.entries.size() != 1) return false;
  const yaml::Node& key = n.entries[0].key;
  const yaml::Node& value = n.entries[0].value;
  auto allowed = [&](std::string_view k) {
    return std::find(keys.begin(), keys.end(), k) != keys.end();
  };
  if (!key.is_scalar() || !key.plain || allowed(key.value) ||
      (key.value.find(' ') == std::string::npos && closest_match(key.value, keys)))
    return false;
  const std::string* file = diags.sources().find(n.loc.file);
  if (file && n.offset < file->size() && (*file)[n.offset] == '{') {
    diags.report("colon-in-text", n.loc, "the text starts with '{', so YAML reads it as a mapping",
                 {{{},
                   "put the whole text in double quotes (\"...\"): a plain text cannot start "
                   "with a cross-reference"}});
  } else if (value.is_scalar()) {
    diags.report("colon-in-text", key.loc,
                 "the text contains ': ', so YAML reads it as a key and a value",
                 {{{},
                   allowed("text") ? "put the whole text in double quotes (\"...\"), or write it "
                                     "as 'text: >-' with the text on the lines below"
                                   : "put the whole text in double quotes (\"...\"), or "
                                     "write it as a block: '>-' with the text on the lines "
                                     "below"}});
  } else if (value.is_null()) {
    const bool short_text = key.value.size() <= 60 && key.value.find('"') == std::string::npos &&
                            key.value.find('\\') == std::string::npos;
    diags.report("colon-in-text", key.loc,
                 "the text ends with ':', so YAML reads it as a key with no value",
                 {{{},
                   "put the whole text in double quotes, colon included" +
                       (short_text ? fmt::format(": \"{}:\"", key.value) : "")}});
  } else if (value.is_sequence()) {
    diags.report("colon-in-text", key.loc,
                 "the text ends with ':' and a list follows, so YAML reads them as a key and "
                 "its value",
                 {{{},
                   allowed("list") ? "write the text under 'text:' and the items under "
                                     "'list:', both at the indentation of the text"
                                   : "put the whole text in double quotes, colon included"}});
  } else {
    return false;
  }
  return true;
}

// Reads the keys of one mapping, reporting unknown ones up front.
class MapReader {
 public:
  MapReader(const yaml::Node& node, std::string what, Diagnostics& diags,
            std::vector<std::string> keys)
      : node_(node), what_(std::move(what)), diags_(diags) {
    for (const auto& e : node.entries) {
      if (std::find(keys.begin(), keys.end(), e.key.value) != keys.end()) continue;
      std::vector<Note> notes;
      if (auto near = closest_match(e.key.value, keys)) {
        notes.push_back({{}, fmt::format("did you mean '{}'?", *near)});
        // A misspelt required key is one mistake, not two: no 'missing'.
        if (!node.find(*near)) misspelt_.push_back(*near);
      } else
        notes.push_back({{}, fmt::format("valid keys here: {}", quoted_list(keys))});
      diags_.report("unknown-key", e.key.loc,
                    fmt::format("unknown key '{}' in {}", e.key.value, what_), std::move(notes));
    }
  }

  const yaml::Node* get(std::string_view key) const { return node_.find(key); }

  const yaml::Node* require(std::string_view key, std::vector<Note> notes = {}) const {
    const yaml::Node* n = node_.find(key);
    if (!n && std::find(misspelt_.begin(), misspelt_.end(), key) == misspelt_.end()) {
      diags_.report("missing-key", node_.loc, fmt::format("{} has no '{}'", what_, key),
                    std::move(notes));
    }
    return n;
  }

  Text text(std::string_view key, bool required = false) const {
    const yaml::Node* n = required ? require(key) : get(key);
    if (!n) return {};
    return to_text(*n, key);
  }

  Text label(std::string_view key, bool required = false) const {
    Text t = text(key, required);
    if (t.present && !t.value.empty() && !valid_label(t.value)) {
      diags_.report("invalid-label", t.loc,
                    fmt::format("'{}' is not a valid {}: use lowercase letters, digits and '-', "
                                "starting with a letter",
                                t.value, key));
      t.present = false;  // reported once: no 'unknown' follows for it
    }
    return t;
  }

  Text choice(std::string_view key, const std::vector<std::string>& allowed,
              bool required = false) const {
    // A fixed value YAML would coerce ('yes') is simply not one of them:
    // advising quotes would only lead to the next error.
    if (const yaml::Node* n = get(key);
        n && n->is_scalar() && n->plain && coerced_type(n->value) &&
        std::find(allowed.begin(), allowed.end(), n->value) == allowed.end()) {
      diags_.report(
          "invalid-value", n->loc,
          fmt::format("invalid {} '{}': expected {}", key, n->value, quoted_list(allowed)));
      return {};
    }
    Text t = text(key, required);
    if (t.present && std::find(allowed.begin(), allowed.end(), t.value) == allowed.end()) {
      std::vector<Note> notes;
      // A language code is not a word to spell closest: "cn" means "zh".
      if (key == "language") {
        if (auto meant = lang::language_meant(t.value))
          notes.push_back({{}, fmt::format("did you mean '{}'?", *meant)});
      } else if (auto near = closest_match(t.value, allowed))
        notes.push_back({{}, fmt::format("did you mean '{}'?", *near)});
      diags_.report("invalid-value", t.loc,
                    fmt::format("invalid {} '{}': expected {}", key, t.value, quoted_list(allowed)),
                    std::move(notes));
    }
    return t;
  }

  Text date(std::string_view key, bool required = false) const {
    Text t = text(key, required);
    if (t.present && !valid_date(t.value)) {
      diags_.report("invalid-date", t.loc,
                    fmt::format("invalid date '{}': expected an existing date written "
                                "YYYY-MM-DD",
                                t.value));
    }
    return t;
  }

  // A time of day, "HH:MM" on the 24-hour clock: "09:30".
  Text time(std::string_view key) const {
    Text t = text(key);
    if (t.present && !valid_time(t.value)) {
      std::vector<Note> notes;
      // "9:30" is 09:30 without its zero; it is also a number to YAML 1.1.
      const std::string& v = t.value;
      if (v.size() == 4 && v[1] == ':' && valid_time("0" + v))
        notes.push_back({{}, fmt::format("write \"0{}\"", v)});
      diags_.report("invalid-time", t.loc,
                    fmt::format("invalid time '{}': expected a time of day written HH:MM, from "
                                "00:00 to 23:59",
                                t.value),
                    std::move(notes));
      // Written, so not reported missing, but with no time to compare.
      t.value.clear();
    }
    return t;
  }

  Number number(std::string_view key, long min, long max, bool required = false) const {
    const yaml::Node* n = required ? require(key) : get(key);
    Number out;
    if (!n) return out;
    out.loc = n->loc;
    out.present = true;
    if (!n->is_scalar() || !n->plain) {
      diags_.report("wrong-type", n->loc,
                    fmt::format("'{}' must be a whole number, not {}", key,
                                n->is_scalar() ? "a quoted string" : yaml::kind_name(n->kind)));
      out.present = false;
      return out;
    }
    const std::string& v = n->value;
    bool digits =
        !v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
    // A number too long to be valid is reported as such below, leading zero
    // or not.
    if (digits && v.size() > 1 && v.size() <= 9 && v[0] == '0') {
      diags_.report("ambiguous-scalar", n->loc,
                    fmt::format("'{}' has a leading zero, which some YAML readers take for an "
                                "octal number: write {}",
                                v,
                                v.find_first_not_of('0') == std::string::npos
                                    ? "0"
                                    : v.substr(v.find_first_not_of('0'))));
      out.present = false;
      return out;
    }
    if (!digits || v.size() > 9) {
      diags_.report(
          "wrong-type", n->loc,
          fmt::format("'{}' must be a whole number from {} to {}, not '{}'", key, min, max, v));
      out.present = false;
      return out;
    }
    out.value = std::stol(v);
    if (out.value < min || out.value > max) {
      diags_.report("invalid-value", n->loc,
                    fmt::format("'{}' must be from {} to {}, not {}", key, min, max, v));
      out.present = false;
    }
    return out;
  }

  std::optional<bool> boolean(std::string_view key) const {
    const yaml::Node* n = get(key);
    if (!n) return std::nullopt;
    if (n->is_scalar() && n->plain && (n->value == "true" || n->value == "false"))
      return n->value == "true";
    diags_.report("wrong-type", n->loc, fmt::format("'{}' must be true or false", key));
    return std::nullopt;
  }

  // A string or a list of strings; `number_ok` as for to_text.
  std::vector<Text> text_list(std::string_view key, bool number_ok = false) const {
    std::vector<Text> out;
    const yaml::Node* n = get(key);
    if (!n) return out;
    if (n->is_sequence()) {
      for (const auto& item : n->items) {
        Text t = to_text(item, key, number_ok);
        if (t.present) out.push_back(std::move(t));
      }
    } else {
      Text t = to_text(*n, key, number_ok);
      if (t.present) out.push_back(std::move(t));
    }
    return out;
  }

  // `number_ok`: a plain whole number is taken as the text written, for a
  // document key written as a bare number ('presents: 5'), which the
  // checker answers with the key meant rather than with a note on quotes.
  // `blank_ok`: the key may be left blank on purpose (see blankable), which
  // the note on a text of only spaces says.
  Text to_text(const yaml::Node& n, std::string_view key, bool number_ok = false,
               bool blank_ok = false) const {
    Text t;
    t.loc = n.loc;
    t.offset = n.offset;
    if (n.is_null()) {
      // The reader marks a null written as a word ('~', 'null') as plain.
      if (n.plain)
        diags_.report("ambiguous-scalar", n.loc,
                      fmt::format("'{}' is read as null by YAML: quote it if it is text", key),
                      {{{}, "write the text in quotes"}});
      else
        diags_.report("empty-text", n.loc, fmt::format("'{}' is empty", key));
      return t;
    }
    if (!n.is_scalar()) {
      if (!report_text_read_as_map(n, {}, diags_))
        diags_.report("wrong-type", n.loc,
                      fmt::format("'{}' must be a string, not {}", key, yaml::kind_name(n.kind)));
      return t;
    }
    const bool whole_number =
        !n.value.empty() && n.value.size() <= 9 &&
        std::all_of(n.value.begin(), n.value.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (n.plain && !(number_ok && whole_number)) {
      if (auto type = coerced_type(n.value)) {
        diags_.report(
            "ambiguous-scalar", n.loc,
            fmt::format("'{}' is read as {} by YAML: quote it if it is text", n.value, *type),
            {{{}, fmt::format("write it in quotes: \"{}\"", n.value)}});
        return t;
      }
    }
    t.value = rtrim(n.value);
    t.present = true;
    if (t.value.empty()) {
      diags_.report("empty-text", n.loc, fmt::format("'{}' is empty", key));
    } else if (only_spaces(t.value)) {
      // Printed, it would be as empty as '', and invisible in the sources.
      diags_.report("empty-text", n.loc, fmt::format("'{}' holds only blank space", key),
                    {{{},
                      blank_ok ? "write the text, or '' to leave the part blank on purpose"
                               : "write the text, or remove the entry"}});
    }
    return t;
  }

  static bool valid_time(std::string_view v) {
    if (v.size() != 5 || v[2] != ':') return false;
    for (std::size_t i : {0, 1, 3, 4})
      if (v[i] < '0' || v[i] > '9') return false;
    return (v[0] - '0') * 10 + (v[1] - '0') < 24 && v[3] < '6';
  }

  // A text that a report may leave blank on purpose, as a draft leaves its
  // document number: written '' (or ""), it is present and empty, and the
  // part prints its heading or label with nothing after it. Anything else
  // is read as to_text reads it: a block with no text under the key, a
  // null or a text of only blank space is an error still, since none of
  // them says that the blank is meant.
  Text blankable(std::string_view key) const {
    const yaml::Node* n = get(key);
    if (!n) return {};
    if (n->is_scalar() && !n->plain && n->value.empty()) {
      const std::string* file = diags_.sources().find(n->loc.file);
      if (file && n->offset < file->size() &&
          ((*file)[n->offset] == '\'' || (*file)[n->offset] == '"'))
        return Text{"", n->loc, n->offset, true};
    }
    return to_text(*n, key, false, true);
  }

  const yaml::Node& node() const { return node_; }
  Diagnostics& diags() const { return diags_; }
  // Whether an unknown key was reported as a misspelling of `key`.
  bool misspelt(std::string_view key) const {
    return std::find(misspelt_.begin(), misspelt_.end(), key) != misspelt_.end();
  }

 private:
  const yaml::Node& node_;
  std::string what_;
  Diagnostics& diags_;
  std::vector<std::string> misspelt_;
};

// The first character of `path` that no file name in a meeting folder
// should hold, with its offset: a C0 or C1 control character, DEL, a line or
// paragraph separator, a bidirectional formatting character (the path would
// show as something else than it is), or a byte that is not UTF-8. A NUL
// would end the path where the system reads it, so that "report.yaml\0"
// passed for a section file other than report.yaml.
std::optional<std::pair<std::size_t, std::string>> unfit_character(std::string_view path) {
  for (std::size_t i = 0; i < path.size();) {
    const auto b = static_cast<unsigned char>(path[i]);
    if (b < 0x80) {
      if (text::is_ascii_control(b))
        return std::pair{i,
                         fmt::format("the control character U+{:04X}", static_cast<unsigned>(b))};
      ++i;
      continue;
    }
    const std::size_t len = b >= 0xC2 && b <= 0xDF   ? 2
                            : b >= 0xE0 && b <= 0xEF ? 3
                            : b >= 0xF0 && b <= 0xF4 ? 4
                                                     : 0;
    char32_t cp = len == 2 ? b & 0x1F : len == 3 ? b & 0x0F : b & 0x07;
    bool valid = len != 0 && i + len <= path.size();
    for (std::size_t k = 1; valid && k < len; ++k) {
      const auto c = static_cast<unsigned char>(path[i + k]);
      valid = (c & 0xC0) == 0x80;
      cp = (cp << 6) | (c & 0x3F);
    }
    if (!valid) return std::pair{i, fmt::format("the byte 0x{:02X}, which is not UTF-8", b)};
    if (text::is_control(cp) || text::is_bidi_mark(cp) || text::is_line_separator(cp) ||
        text::is_bidi_control(cp))
      return std::pair{i, fmt::format("the {} character U+{:04X}",
                                      text::is_control(cp) ? "control" : "invisible formatting",
                                      static_cast<unsigned>(cp))};
    i += len;
  }
  return std::nullopt;
}

// Why a path written in report.yaml cannot name a section file, whatever the
// folder holds; nothing when it may. Checked before the path is used at all.
std::optional<std::string> listed_path_problem(const std::string& value) {
  if (auto bad = unfit_character(value)) {
    // The path is quoted only up to the character, which is not printed.
    const std::string before = value.substr(0, bad->first);
    return fmt::format("the path contains {}{}: file names in a meeting folder are plain text",
                       bad->second,
                       before.empty() ? " at its start" : fmt::format(" after '{}'", before));
  }
  fs::path p(value);
  if (p.is_absolute())
    return fmt::format("'{}' is an absolute path; paths are relative to the meeting folder", value);
  for (const auto& part : p)
    if (part == "..")
      return fmt::format("'{}' leaves the meeting folder ('..' is not allowed)", value);
  std::string norm = p.lexically_normal().generic_string();
  if (norm == "report.yaml" || norm == "documents.yaml")
    return fmt::format("'{}' is not a section file", value);
  return std::nullopt;
}

bool expect(const yaml::Node& n, yaml::Kind kind, std::string_view what, Diagnostics& diags) {
  if (n.kind == kind) return true;
  diags.report(
      "wrong-type", n.loc,
      fmt::format("{} must be {}, not {}", what, yaml::kind_name(kind), yaml::kind_name(n.kind)));
  return false;
}

// The items of a list-valued key, or nothing (reported) if it is not a list.
const std::vector<yaml::Node>* list_of(const MapReader& r, std::string_view key, bool required) {
  const yaml::Node* n = required ? r.require(key) : r.get(key);
  if (!n) return nullptr;
  if (!expect(*n, yaml::Kind::sequence, fmt::format("'{}'", key), r.diags())) return nullptr;
  return &n->items;
}

// How many of each thing one report may hold. Far above any real report (the
// largest have a few thousand paragraphs and some hundred documents), these
// keep what a hostile folder can make the tool hold, and the time each of
// them costs further on, to a bound: a paragraph is some hundreds of bytes
// in each phase, however short its text.
enum class Counted { files, paragraphs, list_items, table_cells, footnotes, documents, ids };
struct CountLimit {
  std::string_view what;  // "the report has more than N ..."
  std::size_t max;
};
constexpr CountLimit kCountLimits[] = {
    {"section and annex files", 10'000},
    {"paragraphs (quoted paragraphs included)", 100'000},
    {"list items", 100'000},
    {"table cells", 100'000},
    {"footnotes", 10'000},
    {"registered documents", 10'000},
    {"people, entities and references", 10'000},
};

// Parses section files ahead of the loader, on spare cores: YAML parsing is
// most of the time of a large report, and its files are independent. Each
// file is parsed with its own Diagnostics; the loader takes the result where
// it would have read the file, and the diagnostics are reported to it then,
// so what is reported, and in which order, is what reading the files one by
// one gives. At most a few files, and a few hundred kilobytes, are parsed
// ahead of the one the loader takes, which bounds the memory held in parsed
// trees; a larger file the loader reads itself, in turn.
class Prefetcher {
 public:
  // A file to parse: the relative path the loader takes it by, its display
  // name, the path to open, already checked, and its size.
  struct File {
    std::string rel, display, path;
    std::size_t bytes = 0;
  };
  // Parses one file: the path to open, its display name, the sink, where to
  // count its nodes.
  using ParseFn = std::function<std::optional<yaml::Node>(const std::string&, const std::string&,
                                                          Diagnostics&, std::size_t*)>;

  ~Prefetcher() { stop(); }

  // Starts parsing `files`, in the order the loader will take them, with as
  // many helper threads as are spare.
  void start(std::vector<File> files, ParseFn parse, const DiagnosticPolicy& policy) {
    if (files.size() < 2) return;
    const auto wanted = static_cast<int>(std::min<std::size_t>(kMaxHelpers, files.size() - 1));
    int got = 0;
    for (int left = spare_threads().load(); got < wanted && left > 0;) {
      if (spare_threads().compare_exchange_weak(left, left - 1)) {
        ++got;
        left = spare_threads().load();
      }
    }
    if (got == 0) return;
    parse_ = std::move(parse);
    // The same limits: a file's sink keeps no more than the loader's would,
    // and counts the rest for it.
    policy_ = policy;
    slots_.resize(files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
      slots_[i].rel = std::move(files[i].rel);
      slots_[i].display = std::move(files[i].display);
      slots_[i].path = std::move(files[i].path);
      slots_[i].bytes = files[i].bytes;
      index_.emplace(slots_[i].rel, i);
    }
    for (int t = 0; t < got; ++t) helpers_.emplace_back([this] { work(); });
  }

  // The parse of `rel`, its diagnostics and text handed to `diags`, and its
  // count of nodes in `nodes`. Nothing when `rel` was not prefetched, or
  // when it holds more than `max_nodes` nodes: the caller then reads it
  // itself, and says so where reading it one file after the other would.
  std::optional<std::optional<yaml::Node>> take(const std::string& rel, Diagnostics& diags,
                                                std::size_t max_nodes, std::size_t& nodes) {
    auto it = index_.find(rel);
    if (it == index_.end()) return std::nullopt;
    Slot& slot = slots_[it->second];
    std::unique_lock<std::mutex> lock(mutex_);
    if (slot.state == State::taken) return std::nullopt;
    taken_upto_ = std::max(taken_upto_, it->second + 1);
    changed_.notify_all();
    if (slot.state == State::waiting) {
      slot.state = State::taken;
      return std::nullopt;
    }
    while (slot.state != State::done) {
      // Rather than wait idle, parse the next file due.
      Slot* job = next_job();
      if (!job) {
        changed_.wait(lock);
        continue;
      }
      job->state = State::running;
      lock.unlock();
      run(*job);
      lock.lock();
    }
    slot.state = State::taken;
    in_flight_ -= slot.bytes;
    changed_.notify_all();
    lock.unlock();
    if (slot.error) std::rethrow_exception(slot.error);
    if (slot.nodes > max_nodes) {
      slot.diags.reset();
      slot.root.reset();
      return std::nullopt;
    }
    nodes = slot.nodes;
    diags.sources().move_from(slot.diags->sources(), slot.display);
    diags.absorb(*slot.diags);
    std::optional<yaml::Node> root = std::move(slot.root);
    slot.diags.reset();
    return root;
  }

 private:
  static constexpr std::size_t kMaxHelpers = 4;
  static constexpr std::size_t kAhead = 8;  // files parsed ahead of the loader
  // Bytes of files parsed ahead of the loader: some hundred thousand nodes
  // at most, however the files are written.
  static constexpr std::size_t kAheadBytes = 512 << 10;

  enum class State { waiting, running, done, taken };
  struct Slot {
    std::string rel, display, path;
    std::size_t bytes = 0;
    State state = State::waiting;
    std::unique_ptr<Diagnostics> diags;
    std::optional<yaml::Node> root;
    std::size_t nodes = 0;
    std::exception_ptr error;
  };

  // Helper threads shared by every load in the process, so that a build of
  // several folders at once does not multiply them.
  static std::atomic<int>& spare_threads() {
    static std::atomic<int> spare{
        static_cast<int>(std::max(1u, std::thread::hardware_concurrency())) - 1};
    return spare;
  }

  // The next file to parse ahead, if any is due and fits beside those parsed
  // and not yet taken; called with mutex_ held.
  Slot* next_job() {
    while (next_ < slots_.size() && next_ < taken_upto_ + kAhead) {
      Slot& slot = slots_[next_];
      if (slot.state == State::waiting && slot.bytes <= kAheadBytes) {
        if (in_flight_ + slot.bytes > kAheadBytes) return nullptr;
        ++next_;
        in_flight_ += slot.bytes;
        return &slot;
      }
      ++next_;  // taken already, or the loader reads it itself
    }
    return nullptr;
  }

  void run(Slot& slot) {
    std::unique_ptr<Diagnostics> diags;
    std::optional<yaml::Node> root;
    std::size_t nodes = 0;
    std::exception_ptr error;
    try {
      diags = std::make_unique<Diagnostics>(policy_);
      root = parse_(slot.path, slot.display, *diags, &nodes);
    } catch (...) {
      error = std::current_exception();
    }
    std::lock_guard<std::mutex> lock(mutex_);
    slot.diags = std::move(diags);
    slot.root = std::move(root);
    slot.nodes = nodes;
    slot.error = error;
    slot.state = State::done;
    changed_.notify_all();
  }

  void work() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
      Slot* job = next_job();
      if (!job) {
        if (next_ >= slots_.size()) return;
        changed_.wait(lock);
        continue;
      }
      job->state = State::running;
      lock.unlock();
      run(*job);
      lock.lock();
    }
  }

  void stop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
      changed_.notify_all();
    }
    for (auto& t : helpers_) t.join();
    spare_threads() += static_cast<int>(helpers_.size());
    helpers_.clear();
  }

  ParseFn parse_;
  DiagnosticPolicy policy_;
  std::vector<Slot> slots_;
  std::map<std::string, std::size_t> index_;
  std::vector<std::thread> helpers_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::size_t next_ = 0, taken_upto_ = 0;
  std::size_t in_flight_ = 0;  // bytes of the files parsed ahead and not yet taken
  bool stopping_ = false;
};

class Loader {
 public:
  Loader(std::string dir, Diagnostics& diags, const yaml::Limits& limits)
      : dir_(std::move(dir)), diags_(diags), limits_(limits) {}

  void show_as(std::string shown_dir) { shown_dir_ = std::move(shown_dir); }

  std::optional<Sources> run() {
    std::error_code ec;
    if (!fs::is_directory(dir_, ec)) {
      diags_.report("file-unreadable", {dir_, 0, 0},
                    fs::exists(dir_, ec) ? fmt::format("'{}' is not a directory", dir_)
                                         : fmt::format("no such directory '{}'", dir_));
      return std::nullopt;
    }
    // Listed paths are resolved against the folder with no symbolic link in
    // its name, so that a link's target can be judged inside or not.
    base_ = fs::canonical(dir_, ec).string();
    if (ec) {
      unreadable(dir_, ec.value());
      return std::nullopt;
    }
    Sources src;
    src.dir = dir_;
    src_ = &src;
    auto report = read_in_folder("report.yaml");
    if (!report) return std::nullopt;
    if (report->is_map()) {
      load_report(*report, src);
    } else {
      expect(*report, yaml::Kind::map, "report.yaml", diags_);
      return std::nullopt;
    }
    {
      ErrorWatch watch(diags_, src.register_incomplete);
      auto docs = read_in_folder("documents.yaml");
      if (!docs) src.register_incomplete = true;
      if (docs && expect(*docs, yaml::Kind::map, "documents.yaml", diags_))
        load_register(*docs, src);
    }
    load_frozen(src);
    return src;
  }

 private:
  std::string display(const std::string& rel) const {
    return (fs::path(shown_dir_.empty() ? dir_ : shown_dir_) / rel)
        .lexically_normal()
        .generic_string();
  }

  // Where `rel`, a normalized relative path, leads; each path is followed
  // once, whoever asks.
  const FolderPath& resolve(const std::string& rel) {
    auto it = resolved_.find(rel);
    if (it == resolved_.end()) it = resolved_.emplace(rel, resolve_in_folder(base_, rel)).first;
    return it->second;
  }

  void unreadable(const std::string& shown, int err) {
    std::string reason = std::generic_category().message(err);
    if (!reason.empty() && reason[0] >= 'A' && reason[0] <= 'Z')
      reason[0] = static_cast<char>(reason[0] - 'A' + 'a');
    diags_.report("file-unreadable", {shown, 0, 0},
                  fmt::format("cannot read '{}': {}", shown, reason));
  }

  // The size of a file as stat gives it; 0 when it is not a regular file,
  // which reading reports.
  static std::size_t file_bytes(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return 0;
    return static_cast<std::size_t>(st.st_size);
  }

  // Counts a file against the folder's size limit before it is read;
  // reports, at `at`, a file that does not fit. A file over the limit of
  // one file is left for the reader to report.
  bool fits_folder(const std::string& rel, std::size_t bytes, const Location& at) {
    if (folder_full_) return false;  // reported at the first file that did not fit
    if (bytes > limits_.max_file_bytes) return true;
    if (folder_bytes_ + bytes > limits_.max_folder_bytes) {
      folder_full_ = true;
      diags_.report("folder-too-large", at,
                    fmt::format("'{}' would bring the meeting folder's files to {} bytes, more "
                                "than the limit of {} bytes",
                                rel, folder_bytes_ + bytes, limits_.max_folder_bytes),
                    {{{}, "split the report, or raise the limit with --max-folder-size"}});
      return false;
    }
    folder_bytes_ += bytes;
    return true;
  }

  // Reads a file of the folder by the path `resolve` found for it, which has
  // no symbolic link left to follow, or takes it from the prefetcher; its
  // size and nodes are counted with those of the files read before it, and
  // `at` is where it is listed. Once the folder's files hold all the nodes
  // allowed (an error is reported), no further file is read.
  std::optional<yaml::Node> read(const std::string& rel, const FolderPath& where,
                                 const Location& at) {
    if (where.status != FolderPath::Status::found) {
      unreadable(display(rel), where.error);
      return std::nullopt;
    }
    if (folder_nodes_ > limits_.max_nodes) return std::nullopt;
    if (!fits_folder(rel, file_bytes(where.path), at)) return std::nullopt;
    std::size_t nodes = 0;
    if (auto prefetched = prefetcher_.take(rel, diags_, limits_.max_nodes - folder_nodes_, nodes)) {
      folder_nodes_ += nodes;
      return std::move(*prefetched);
    }
    yaml::Limits limits = limits_;
    limits.nodes_before = folder_nodes_;
    auto root = yaml::read_file(where.path, display(rel), diags_, limits, &nodes);
    folder_nodes_ += nodes;
    return root;
  }

  // How many more of `what` the report may hold.
  std::size_t room(Counted what) const {
    const auto i = static_cast<std::size_t>(what);
    return counts_[i] < kCountLimits[i].max ? kCountLimits[i].max - counts_[i] : 0;
  }

  // Whether one more of `what` fits in the report; reports, at `at`, the
  // first one that does not.
  bool admit(Counted what, const Location& at) {
    const auto i = static_cast<std::size_t>(what);
    if (++counts_[i] <= kCountLimits[i].max) return true;
    if (counts_[i] == kCountLimits[i].max + 1)
      diags_.report(
          "count-limit", at,
          fmt::format("the report has more than {} {}", kCountLimits[i].max, kCountLimits[i].what),
          {{{},
            "the limit keeps a hostile folder from exhausting memory and time; "
            "split the report if it is genuine"}});
    return false;
  }

  // report.yaml and documents.yaml, like listed files, must not lead outside
  // the folder: a diagnostic would quote lines of the file.
  std::optional<yaml::Node> read_in_folder(const std::string& rel) {
    const FolderPath& where = resolve(rel);
    if (where.status == FolderPath::Status::outside) {
      diags_.report(
          "bad-path", {display(rel), 0, 0},
          fmt::format("'{}' leads outside the meeting folder through a symbolic link", rel));
      return std::nullopt;
    }
    return read(rel, where, {display(rel), 0, 0});
  }

  // Starts parsing the section and annex files that pass the checks of
  // checked_path, in the order they are listed: nothing is opened before it
  // is known to be a file inside the folder. checked_path still decides which
  // are loaded.
  void prefetch_section_files(const MapReader& r) {
    std::vector<Prefetcher::File> files;
    std::set<std::string> seen;
    for (const char* key : {"sections", "annexes"}) {
      const yaml::Node* list = r.get(key);
      if (!list || !list->is_sequence()) continue;
      for (const auto& item : list->items) {
        if (!item.is_scalar() || item.value.empty() || listed_path_problem(item.value)) continue;
        std::string norm = fs::path(item.value).lexically_normal().generic_string();
        if (!seen.insert(norm).second) continue;
        const FolderPath& where = resolve(norm);
        if (where.status != FolderPath::Status::found) continue;
        files.push_back({norm, display(norm), where.path, file_bytes(where.path)});
      }
    }
    yaml::Limits limits = limits_;
    prefetcher_.start(
        std::move(files),
        [limits](const std::string& path, const std::string& shown, Diagnostics& diags,
                 std::size_t* nodes) { return yaml::read_file(path, shown, diags, limits, nodes); },
        diags_.policy());
  }

  void load_report(const yaml::Node& root, Sources& src) {
    MapReader r(root, "report.yaml", diags_, keys("report"));
    if (const yaml::Node* g = r.require("group")) {
      if (expect(*g, yaml::Kind::map, "'group'", diags_)) {
        MapReader gr(*g, "'group'", diags_, keys("group"));
        src.group.name = gr.text("name", true);
        src.group.acronym = gr.text("acronym", true);
        src.group.parent = gr.text("parent");
        src.group.series = gr.text("series");
        // A series reported is left out: the documents keep the default.
        if (!valid_group_series(src.group.series)) src.group.series = {};
        src.group.revision_form = gr.choice("revision_form", {"compact", "bracketed", "spaced"});
        src.group.loc = g->loc;
      }
    }
    if (auto items = list_of(r, "meetings", true)) {
      if (items->empty())
        diags_.report("missing-key", r.get("meetings")->loc,
                      "'meetings' is empty: a report covers at least one meeting");
      for (const auto& m : *items) {
        if (!expect(m, yaml::Kind::map, "a meeting", diags_)) {
          src.meetings_incomplete = true;
          continue;
        }
        MapReader mr(m, "a meeting", diags_, keys("meeting"));
        Meeting meeting;
        meeting.loc = m.loc;
        meeting.number = mr.number("number", 1, 999, true);
        if (!meeting.number.present) src.meetings_incomplete = true;
        meeting.name = mr.text("name");
        meeting.date = mr.date("date", true);
        meeting.end_date = mr.date("end_date");
        meeting.start_time = mr.time("start_time");
        meeting.end_time = mr.time("end_time");
        meeting.venue = mr.text("venue");
        meeting.participants = mr.number("participants", 0, 1'000'000);
        meeting.mode = mr.choice("mode", kMeetingModes);
        meeting.chair = mr.label("chair");
        src.meetings.push_back(std::move(meeting));
      }
    } else {
      src.meetings_incomplete = true;
    }
    if (auto items = list_of(r, "earlier_meetings", false)) {
      for (const auto& m : *items) {
        if (!expect(m, yaml::Kind::map, "an earlier meeting", diags_)) continue;
        MapReader mr(m, "an earlier meeting", diags_, keys("earlier_meeting"));
        Meeting meeting;
        meeting.loc = m.loc;
        meeting.number = mr.number("number", 1, 999, true);
        meeting.date = mr.date("date");
        meeting.end_date = mr.date("end_date");
        meeting.venue = mr.text("venue");
        src.earlier_meetings.push_back(std::move(meeting));
      }
    }
    if (auto items = list_of(r, "people", false)) {
      for (const auto& p : *items) {
        if (!admit(Counted::ids, p.loc)) break;
        if (!expect(p, yaml::Kind::map, "a person", diags_)) continue;
        MapReader pr(p, "a person", diags_, keys("person"));
        Person person;
        person.loc = p.loc;
        person.id = pr.label("id", true);
        person.name = pr.text("name", true);
        person.honorific = pr.text("honorific");
        person.country = pr.text("country");
        person.role = pr.choice("role", kRoles);
        src.people.push_back(std::move(person));
      }
    }
    if (const yaml::Node* c = r.get("cover")) {
      if (expect(*c, yaml::Kind::map, "'cover'", diags_)) {
        MapReader cr(*c, "'cover'", diags_, keys("cover"));
        Cover cover;
        cover.loc = c->loc;
        cover.session = cr.text("session");
        cover.place = cr.text("place");
        cover.dates = cr.text("dates");
        cover.agenda_item = cr.blankable("agenda_item");
        cover.symbol = cr.blankable("symbol");
        cover.revision = cr.number("revision", 1, 99);
        cover.language = cr.choice("language", {"A", "C", "E", "F", "R", "S"});
        cover.date = cr.date("date");
        cover.original = cr.blankable("original");
        cover.author = cr.choice("author", {"chair", "vice-chair"});
        cover.source = cr.text("source");
        report_suffix_without_symbol(cover);
        src.cover = std::move(cover);
      }
    }
    src.kind = r.choice("kind", {"outcome", "group-document", "summary-record", "chair-report"});
    src.language = r.choice("language", {"ar", "zh", "en", "fr", "ru", "es"});
    src.chair_word = r.choice("chair_word", {"Chair", "Chairman", "Chairperson"});
    src.title_ordinals = r.choice("title_ordinals", kOrdinalStyles);
    src.title = r.text("title");
    // The Summary box is the outcome report's: other kinds may go without.
    if (!src.kind.present || src.kind.value == "outcome")
      r.require("summary", {{{},
                             "an outcome report opens with a Summary box: write its paragraph "
                             "under 'summary:', or say under 'kind:' what other document this "
                             "is"}});
    src.summary = r.text("summary");
    src.action = r.blankable("action");
    if (auto items = list_of(r, "references", false)) {
      src.references_blank = items->empty();
      for (const auto& ref : *items) {
        if (!admit(Counted::ids, ref.loc)) break;
        if (!expect(ref, yaml::Kind::map, "a reference", diags_)) continue;
        MapReader rr(ref, "a reference", diags_, keys("reference"));
        src.references.push_back({rr.label("id", true), rr.text("text", true), ref.loc});
      }
    }
    src.reference_separator = r.choice("reference_separator", {", ", "; "});
    load_numbering(r, src);  // before the sections: it sets their defaults
    prefetch_section_files(r);
    if (auto c = r.boolean("contents")) src.contents = *c;
    if (const yaml::Node* p = r.get("preamble"))
      load_section_file(*p, src.preamble, Part::preamble);
    // A list of files that could not be read (missing, or not a list) leaves
    // the report unknown: every file would be "not listed", every document
    // "not presented", every label "unknown". The one error says it all.
    bool listed = true;
    if (auto items = list_of(r, "sections", true)) {
      for (const auto& path : *items) load_section_file(path, src.sections, Part::section);
    } else {
      listed = false;
    }
    if (auto items = list_of(r, "annexes", false)) {
      for (const auto& path : *items) load_section_file(path, src.annexes, Part::annex);
    } else if (r.get("annexes")) {
      listed = false;
    }
    if (listed) {
      report_unlisted_files();
    } else {
      src.sections_incomplete = true;
    }
    if (const yaml::Node* s = r.get("signature")) {
      if (expect(*s, yaml::Kind::map, "'signature'", diags_)) {
        MapReader sr(*s, "'signature'", diags_, keys("signature"));
        src.signature = Signature{sr.label("person", true), sr.text("role"), s->loc};
      }
    }
    if (auto items = list_of(r, "signatures", false)) {
      src.signatures_loc = r.get("signatures")->loc;
      for (const auto& s : *items) {
        if (!expect(s, yaml::Kind::map, "a signature", diags_)) continue;
        MapReader sr(s, "a signature", diags_, keys("signatory"));
        src.signatures.push_back({sr.label("person", true), sr.text("role", true),
                                  sr.choice("role_position", {"above", "below"}), s.loc});
      }
    }
  }

  // How the report numbers its sections and paragraphs.
  void load_numbering(const MapReader& r, Sources& src) {
    const yaml::Node* n = r.get("numbering");
    if (!n || !expect(*n, yaml::Kind::map, "'numbering'", diags_)) return;
    MapReader nr(*n, "'numbering'", diags_, keys("numbering"));
    src.numbering.style = nr.choice("style", {"plain", "trailing-dot"});
    src.numbering.annex_paragraphs = nr.boolean("annex_paragraphs").value_or(false);
    src.numbering.deleted = nr.choice("deleted", {"marked", "omitted"});
    src.numbering.loc = n->loc;
  }

  // frozen.yaml, when the folder has one: label -> number as circulated,
  // under one key per kind of unit.
  void load_frozen(Sources& src) {
    const FolderPath& where = resolve(kFrozenFile);
    if (where.status == FolderPath::Status::missing) return;
    auto root = read_in_folder(kFrozenFile);
    if (!root) {
      src.sections_incomplete = true;
      return;
    }
    src.frozen.present = true;
    src.frozen.loc = {display(kFrozenFile), 0, 0};
    if (root->is_null()) return;
    if (!expect(*root, yaml::Kind::map, kFrozenFile, diags_)) return;
    // Not a source written by hand, so not in source_keys(): its schema,
    // schemas/frozen.schema.json, describes a map of labels.
    MapReader fr(*root, kFrozenFile, diags_, {"sections", "annexes", "paragraphs", "items"});
    auto entries = [&](std::string_view key, Frozen::Entries& out) {
      const yaml::Node* n = fr.get(key);
      if (!n || n->is_null()) return;
      if (!expect(*n, yaml::Kind::map, fmt::format("'{}'", key), diags_)) return;
      MapReader none(kNoKeys, "", diags_, {});
      // As many entries as the file's nodes, which the reader bounds.
      for (const auto& e : n->entries) {
        Text label = none.to_text(e.key, "label");
        Text number = none.to_text(e.value, "number", true);
        if (!valid_label(label.value)) {
          diags_.report("invalid-label", label.loc,
                        fmt::format("'{}' is not a valid label: use lowercase letters, digits "
                                    "and '-', starting with a letter",
                                    label.value));
          continue;
        }
        if (!number.present || number.value.empty()) {
          diags_.report("missing-key", e.key.loc,
                        fmt::format("frozen label '{}' has no number", label.value),
                        {{{}, "run 'cwgreport freeze' to write frozen.yaml again"}});
          continue;
        }
        out.emplace_back(std::move(label), std::move(number));
      }
    };
    entries("sections", src.frozen.sections);
    entries("annexes", src.frozen.annexes);
    entries("paragraphs", src.frozen.paragraphs);
    entries("items", src.frozen.items);
  }

  // A blank symbol is a draft's: a revision or a language suffix would
  // print after nothing.
  void report_suffix_without_symbol(const Cover& cover) {
    if (!cover.symbol.present || !cover.symbol.value.empty()) return;
    auto report = [&](const Location& loc, std::string_view key) {
      diags_.report(
          "invalid-value", loc,
          fmt::format("'{}' has no symbol to follow: the cover's 'symbol' is blank", key),
          {{cover.symbol.loc, "the blank symbol"},
           {{}, fmt::format("write the symbol, or remove '{}' until there is one", key)}});
    };
    if (cover.revision.present) report(cover.revision.loc, "revision");
    if (cover.language.present) report(cover.language.loc, "language");
  }

  // Checks a path listed in report.yaml before anything is opened: plain
  // text, relative, inside the folder (also after following symbolic links),
  // and not listed twice. Returns it normalized.
  std::optional<std::string> checked_path(const Text& path) {
    auto bad = [&](std::string why) {
      diags_.report("bad-path", path.loc, std::move(why));
      return std::nullopt;
    };
    if (auto why = listed_path_problem(path.value)) return bad(*why);
    std::string norm = fs::path(path.value).lexically_normal().generic_string();
    if (resolve(norm).status == FolderPath::Status::outside)
      return bad(
          fmt::format("'{}' leads outside the meeting folder through a symbolic link", path.value));
    if (!listed_.insert(norm).second) return bad(fmt::format("'{}' is listed twice", path.value));
    return norm;
  }

  // A YAML file beside the listed section files that report.yaml does not
  // list is most likely a section the editor added and forgot to list: it
  // would silently be left out of the report. A symbolic link counts when it
  // leads to a file of the folder that is not listed under another name; one
  // that leads elsewhere is not followed, so that the warning cannot tell
  // whether its target exists.
  void report_unlisted_files() {
    std::set<std::string> folders;
    for (const auto& rel : listed_) folders.insert(fs::path(rel).parent_path().generic_string());
    std::set<std::string> known;  // the files the report reads, as resolved
    for (const auto& [rel, where] : resolved_)
      if (where.status == FolderPath::Status::found) known.insert(where.path);
    std::vector<std::string> unlisted;
    for (const auto& folder : folders) {
      const FolderPath& place = resolve(folder.empty() ? "." : folder);
      if (place.status != FolderPath::Status::found) continue;
      std::error_code ec;
      for (const auto& e : fs::directory_iterator(place.path, ec)) {
        const std::string name = e.path().filename().string();
        if (name.starts_with(".") || !(name.ends_with(".yaml") || name.ends_with(".yml"))) continue;
        const std::string rel = (fs::path(folder) / name).generic_string();
        if (rel == "report.yaml" || rel == "documents.yaml" || rel == kFrozenFile ||
            listed_.contains(rel))
          continue;
        const fs::file_type type = e.symlink_status(ec).type();
        if (type == fs::file_type::symlink) {
          FolderPath target = resolve_in_folder(base_, rel);
          struct stat st {};
          if (target.status == FolderPath::Status::found && !known.contains(target.path) &&
              ::lstat(target.path.c_str(), &st) == 0 && S_ISREG(st.st_mode))
            unlisted.push_back(rel);
        } else if (type == fs::file_type::regular) {
          unlisted.push_back(rel);
        }
      }
    }
    std::sort(unlisted.begin(), unlisted.end());
    for (const auto& rel : unlisted)
      diags_.report("unlisted-section", {display(rel), 0, 0},
                    fmt::format("'{}' is not listed in report.yaml, so it is not part of the "
                                "report",
                                rel),
                    {{{}, "list it under 'sections:' or 'annexes:' in report.yaml, or delete it"}});
  }

  // The entries of the folder where the missing `rel` would be (`resolved`,
  // its path as far as it resolves), named as `rel` names its folder and
  // sorted; each folder is listed once, however many missing files name it.
  const std::vector<std::string>& folder_listing(const std::string& rel,
                                                 const std::string& resolved) {
    const fs::path listed = fs::path(resolved).parent_path();
    const fs::path named = fs::path(rel).parent_path();
    auto [it, fresh] = listings_.try_emplace(listed.string() + '\0' + named.generic_string());
    if (fresh) {
      std::error_code ec;
      for (const auto& e : fs::directory_iterator(listed, ec))
        it->second.push_back((named / e.path().filename()).generic_string());
      std::sort(it->second.begin(), it->second.end());
    }
    return it->second;
  }

  // A section file, an annex file or the preamble's file, which holds
  // paragraphs only.
  enum class Part { section, annex, preamble };

  // A group's own series is printed as written, with the meeting's number
  // in place of "{meeting}": no other brace may stand in it.
  bool valid_group_series(const Text& series) {
    if (!series.present) return true;
    if (series.value.empty()) return false;  // reported by the reader
    std::string rest = series.value;
    if (auto at = rest.find("{meeting}"); at != std::string::npos) rest.erase(at, 9);
    if (rest.find_first_of("{}") == std::string::npos) return true;
    diags_.report(
        "invalid-value", series.loc,
        fmt::format("'series' '{}' holds a brace other than one '{{meeting}}'", series.value),
        {{{},
          "write the start of the group's symbols, with '{meeting}' where the "
          "meeting's number goes: 'EG-ITRs {meeting}/', or 'C26/' for one series"}});
    return false;
  }

  void load_section_file(const yaml::Node& path_node, std::vector<Section>& out, Part part) {
    const bool annex = part == Part::annex;
    const bool preamble = part == Part::preamble;
    // Any error in a section file leaves the report incomplete: the checker
    // then keeps quiet about what the file might have defined.
    ErrorWatch watch(diags_, src_->sections_incomplete);
    MapReader none(kNoKeys, "", diags_, {});
    Text path = none.to_text(path_node, preamble ? "preamble" : annex ? "annexes" : "sections");
    if (!path.present || path.value.empty()) return;  // an empty path is reported as such
    auto rel = checked_path(path);
    if (!rel) return;
    const FolderPath& where = resolve(*rel);
    if (where.status == FolderPath::Status::missing) {
      // Reported where the path is written, with the files that do exist.
      std::vector<Note> notes;
      if (diags_.keeps("file-unreadable")) {
        if (auto near = diags_.suggest("file-unreadable", *rel, folder_listing(*rel, where.path)))
          notes.push_back({{}, fmt::format("did you mean '{}'?", *near)});
      }
      diags_.report("file-unreadable", path.loc, fmt::format("no such file '{}'", *rel),
                    std::move(notes));
      return;
    }
    if (!admit(Counted::files, path.loc)) return;
    auto root = read(*rel, where, path.loc);
    if (!root) return;
    Section section;
    section.loc = {display(*rel), 0, 0};
    if (!expect(*root, yaml::Kind::map, fmt::format("'{}'", *rel), diags_)) {
      out.push_back(std::move(section));
      return;
    }
    MapReader sr(*root,
                 preamble ? "the preamble"
                 : annex  ? "an annex"
                          : "a section",
                 diags_, keys(preamble ? "preamble" : "section"));
    if (!preamble) {
      section.label = sr.label("label");
      section.heading = sr.text("heading", true);
    }
    if (const yaml::Node* c = preamble ? nullptr : sr.get("continued")) {
      section.continued = sr.boolean("continued").value_or(false);
      section.continued_loc = c->loc;
    }
    if (auto items = list_of(sr, "paragraphs", true)) {
      section.paragraphs.reserve(std::min(items->size(), room(Counted::paragraphs)));
      for (const auto& p : *items) {
        if (!admit(Counted::paragraphs, p.loc)) break;
        load_paragraph(p, section.paragraphs, part);
      }
    } else {
      section.complete = false;
    }
    out.push_back(std::move(section));
  }

  void load_paragraph(const yaml::Node& n, std::vector<Paragraph>& out, Part part) {
    const bool annex = part == Part::annex;
    Paragraph para;
    para.loc = n.loc;
    para.numbered =
        part == Part::section || (part == Part::annex && src_->numbering.annex_paragraphs);
    if (n.is_scalar() || n.is_null()) {
      MapReader none(kNoKeys, "", diags_, {});
      para.text = none.to_text(n, "paragraph");
      out.push_back(std::move(para));
      return;
    }
    if (report_text_read_as_map(n, keys("paragraph"), diags_)) return;
    if (!expect(n, yaml::Kind::map, "a paragraph", diags_)) return;
    MapReader pr(n, "a paragraph", diags_, keys("paragraph"));
    para.label = pr.label("label");
    para.text = pr.text("text");
    para.presents = pr.text_list("presents", true);
    if (auto b = pr.boolean("numbered")) para.numbered = *b;
    if (part == Part::preamble && para.numbered) {
      diags_.report("invalid-value", pr.get("numbered")->loc,
                    "a paragraph of the preamble is not numbered: numbers start with section 1",
                    {{{}, "remove 'numbered', or move the paragraph into a section"}});
      para.numbered = false;
    }
    para.number = pr.number("number", 1, 9999);
    if (auto d = pr.boolean("deleted"); d && *d && part == Part::preamble) {
      // Unnumbered: there is no number for it to keep.
      diags_.report("invalid-value", pr.get("deleted")->loc,
                    "'deleted' on a paragraph of the preamble, which has no number to keep",
                    {{{}, "remove the paragraph"}});
      out.push_back(std::move(para));
      return;
    } else if (d && *d) {
      para.deleted = true;
      para.deleted_loc = pr.get("deleted")->loc;
      if (!para.label.present)
        diags_.report("missing-key", para.deleted_loc,
                      "a deleted paragraph has no 'label': the label is what keeps its number",
                      {{{}, "write the label the paragraph had when the report was frozen"}});
      for (const char* key : {"text", "list", "documents", "quote", "table", "footnotes"})
        if (const yaml::Node* k = pr.get(key))
          diags_.report("invalid-value", k->loc,
                        fmt::format("'{}' on a deleted paragraph, which prints no text", key),
                        {{{},
                          "remove it: a deleted paragraph keeps only its label (the "
                          "history of the sources keeps its text)"}});
      out.push_back(std::move(para));
      return;
    }
    if (para.number.present && !para.numbered)
      diags_.report(
          "invalid-value", para.number.loc,
          "'number' on a paragraph that is not numbered: it has no number to keep",
          {{{},
            part == Part::preamble         ? "a paragraph of the preamble is not numbered: numbers "
                                             "start with section 1"
            : annex && !pr.get("numbered") ? "an annex's paragraphs are unnumbered unless they "
                                             "say 'numbered: true' (or report.yaml says "
                                             "'numbering: {annex_paragraphs: true}')"
                                           : "remove 'number', or 'numbered: false'"}});
    if (const yaml::Node* q = pr.get("quote")) {
      if (auto quote = load_quote(*q)) para.quote.push_back(std::move(*quote));
    }
    if (const yaml::Node* t = pr.get("table")) {
      if (auto table = load_table(*t)) para.table.push_back(std::move(*table));
    }
    if (auto items = list_of(pr, "footnotes", false)) {
      for (const auto& f : *items) {
        if (!admit(Counted::footnotes, f.loc)) break;
        if (!expect(f, yaml::Kind::map, "a footnote", diags_)) continue;
        MapReader fr(f, "a footnote", diags_, keys("footnote"));
        para.footnotes.push_back({fr.label("id", true), fr.text("text", true), f.loc});
      }
    }
    if (const yaml::Node* l = pr.get("list")) {
      if (auto list = load_list(*l)) para.list.push_back(std::move(*list));
    }
    if (const yaml::Node* d = pr.get("documents")) load_document_list(*d, para);
    if (!para.text.present && para.list.empty() && para.documents.empty() && para.quote.empty() &&
        para.table.empty() && !pr.get("text") && !pr.misspelt("text")) {
      diags_.report("missing-key", n.loc,
                    "a paragraph has no 'text' (nor a 'quote', 'table', 'list' or 'documents')");
    }
    out.push_back(std::move(para));
  }

  std::optional<Quote> load_quote(const yaml::Node& n) {
    if (!expect(n, yaml::Kind::map, "'quote'", diags_)) return std::nullopt;
    MapReader qr(n, "a quote", diags_, keys("quote"));
    Quote quote;
    quote.loc = n.loc;
    quote.source = qr.text("source");
    auto items = list_of(qr, "paragraphs", true);
    if (!items) return quote;
    for (const auto& item : *items) {
      if (!admit(Counted::paragraphs, item.loc)) break;
      QuotedParagraph qp;
      qp.loc = item.loc;
      if (item.is_scalar()) {
        MapReader none(kNoKeys, "", diags_, {});
        qp.text = none.to_text(item, "paragraph");
      } else if (report_text_read_as_map(item, keys("quoted_paragraph"), diags_)) {
        continue;
      } else if (expect(item, yaml::Kind::map, "a quoted paragraph", diags_)) {
        MapReader pr(item, "a quoted paragraph", diags_, keys("quoted_paragraph"));
        qp.number = pr.text("number");
        qp.elision = pr.boolean("elision").value_or(false);
        if (!qp.elision) qp.text = pr.text("text", true);
      } else {
        continue;
      }
      quote.paragraphs.push_back(std::move(qp));
    }
    return quote;
  }

  std::optional<SourceTable> load_table(const yaml::Node& n) {
    if (!expect(n, yaml::Kind::map, "'table'", diags_)) return std::nullopt;
    MapReader tr(n, "a table", diags_, keys("table"));
    SourceTable table;
    table.loc = n.loc;
    table.caption = tr.text("caption");
    MapReader none(kNoKeys, "", diags_, {});
    if (auto cols = list_of(tr, "columns", true)) {
      for (const auto& c : *cols) {
        if (!admit(Counted::table_cells, c.loc)) break;
        table.columns.push_back(none.to_text(c, "columns"));
      }
    }
    if (auto aligns = list_of(tr, "align", false)) {
      for (const auto& a : *aligns) {
        Text t = none.to_text(a, "align");
        if (t.present) check_choice(t, "align", {"left", "center", "right"});
        table.align.push_back(std::move(t));
      }
      if (table.align.size() != table.columns.size())
        diags_.report("wrong-type", tr.get("align")->loc,
                      fmt::format("'align' has {} entries but the table has {} columns",
                                  table.align.size(), table.columns.size()));
    }
    if (auto rows = list_of(tr, "rows", true)) {
      for (const auto& row : *rows) {
        if (!expect(row, yaml::Kind::sequence, "a table row", diags_)) continue;
        std::vector<Text> cells;
        for (const auto& cell : row.items) {
          if (!admit(Counted::table_cells, cell.loc)) return table;
          cells.push_back(none.to_text(cell, "cell"));
        }
        if (cells.size() != table.columns.size())
          diags_.report("wrong-type", row.loc,
                        fmt::format("the row has {} cell{} but the table has {} column{}",
                                    cells.size(), cells.size() == 1 ? "" : "s",
                                    table.columns.size(), table.columns.size() == 1 ? "" : "s"));
        table.rows.push_back(std::move(cells));
      }
    }
    return table;
  }

  std::optional<List> load_list(const yaml::Node& n, std::size_t depth = 0) {
    List list;
    list.loc = n.loc;
    const std::vector<yaml::Node>* items = nullptr;
    if (n.is_sequence()) {
      items = &n.items;
    } else if (expect(n, yaml::Kind::map, "'list'", diags_)) {
      MapReader lr(n, "a list", diags_, keys("list"));
      list.style = lr.choice("style", list_styles());
      list.item_word = lr.text("item_word");
      if (list.item_word.present && !list.item_word.value.empty() &&
          (list.style.value.empty() || list.style.value == "bullet" || list.style.value == "dash"))
        diags_.report("invalid-value", list.item_word.loc,
                      "'item_word' on a list whose markers are bullets or dashes: a reference "
                      "to an item would print the word and a bullet",
                      {{{},
                        "give the list the style 'alpha', 'roman' or 'number', or remove "
                        "'item_word'"}});
      items = list_of(lr, "items", true);
    }
    if (!items) return std::nullopt;
    if (items->empty()) diags_.report("empty-text", n.loc, "the list has no items");
    for (const auto& item : *items) {
      if (!admit(Counted::list_items, item.loc)) break;
      ListItem li;
      li.loc = item.loc;
      if (item.is_scalar()) {
        MapReader none(kNoKeys, "", diags_, {});
        li.text = none.to_text(item, "item");
      } else if (report_text_read_as_map(item, keys("list_item"), diags_)) {
        continue;
      } else if (expect(item, yaml::Kind::map, "a list item", diags_)) {
        MapReader ir(item, "a list item", diags_, keys("list_item"));
        li.label = ir.label("label");
        li.text = ir.text("text", true);
        if (const yaml::Node* sub = ir.get("list")) {
          if (auto nested = load_list(*sub, depth + 1)) li.list.push_back(std::move(*nested));
        }
      } else {
        continue;
      }
      list.items.push_back(std::move(li));
    }
    return list;
  }

  void load_document_list(const yaml::Node& n, Paragraph& para) {
    DocumentList dl;
    dl.loc = n.loc;
    if (n.is_sequence()) {
      MapReader none(kNoKeys, "", diags_, {});
      for (const auto& k : n.items) {
        Text t = none.to_text(k, "documents", true);
        if (t.present) dl.keys.push_back(std::move(t));
      }
    } else if (expect(n, yaml::Kind::map, "'documents'", diags_)) {
      MapReader dr(n, "'documents'", diags_, keys("document_list"));
      if (!dr.require("kind")) return;
      dl.kinds = dr.text_list("kind");
      dl.meeting = dr.number("meeting", 1, 999);
      for (const auto& k : dl.kinds) check_choice(k, "kind", document_kinds());
    } else {
      return;
    }
    para.documents.push_back(std::move(dl));
  }

  void check_choice(const Text& t, std::string_view key, const std::vector<std::string>& allowed) {
    if (std::find(allowed.begin(), allowed.end(), t.value) != allowed.end()) return;
    std::vector<Note> notes;
    if (auto near = closest_match(t.value, allowed))
      notes.push_back({{}, fmt::format("did you mean '{}'?", *near)});
    diags_.report("invalid-value", t.loc,
                  fmt::format("invalid {} '{}': expected {}", key, t.value, quoted_list(allowed)),
                  std::move(notes));
  }

  void load_register(const yaml::Node& root, Sources& src) {
    MapReader r(root, "documents.yaml", diags_, keys("register"));
    if (auto items = list_of(r, "entities", false)) {
      for (const auto& e : *items) {
        if (!admit(Counted::ids, e.loc)) break;
        if (!expect(e, yaml::Kind::map, "an entity", diags_)) continue;
        MapReader er(e, "an entity", diags_, keys("entity"));
        src.entities.push_back(
            {er.label("id", true), er.text("name", true), er.text("short"), e.loc});
      }
    }
    if (auto items = list_of(r, "documents", true)) {
      for (const auto& d : *items) {
        if (!admit(Counted::documents, d.loc)) break;
        if (!expect(d, yaml::Kind::map, "a document", diags_)) continue;
        MapReader dr(d, "a document", diags_, keys("document"));
        Document doc;
        doc.loc = d.loc;
        doc.number = dr.number("number", 1, 9999, true);
        doc.revision = dr.number("revision", 1, 99);
        doc.addendum = dr.number("addendum", 1, 99);
        doc.meeting = dr.number("meeting", 1, 999);
        doc.series = dr.text("series");
        doc.title = dr.text("title", true);
        doc.kind = dr.choice("kind", document_kinds(), true);
        doc.source = dr.text_list("source");
        src.documents.push_back(std::move(doc));
      }
    }
  }

  // Sets `flag` when errors were reported during its lifetime.
  struct ErrorWatch {
    ErrorWatch(const Diagnostics& d, bool& f) : diags(d), flag(f), before(d.error_count()) {}
    ~ErrorWatch() {
      if (diags.error_count() > before) flag = true;
    }
    const Diagnostics& diags;
    bool& flag;
    std::size_t before;
  };

  Sources* src_ = nullptr;
  std::string dir_;
  std::string shown_dir_;  // the folder as messages name it, when not dir_
  Diagnostics& diags_;
  yaml::Limits limits_;
  std::string base_;  // the folder, canonical
  std::set<std::string> listed_;
  std::map<std::string, FolderPath> resolved_;  // by normalized relative path
  std::size_t folder_bytes_ = 0;                // of the files read so far
  std::size_t folder_nodes_ = 0;                // YAML nodes in them
  bool folder_full_ = false;                    // a file did not fit: no further file is read
  std::size_t counts_[std::size(kCountLimits)] = {};
  std::map<std::string, std::vector<std::string>> listings_;  // folder_listing()
  Prefetcher prefetcher_;  // last: its threads stop before the rest goes
};

}  // namespace

std::optional<Sources> load_sources(const std::string& dir, Diagnostics& diags,
                                    const yaml::Limits& limits, const std::string& shown_dir) {
  Loader loader(dir, diags, limits);
  loader.show_as(shown_dir);
  return loader.run();
}

bool valid_date(std::string_view v) {
  // YYYY-MM-DD, digits only.
  if (v.size() != 10 || v[4] != '-' || v[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (v[i] < '0' || v[i] > '9') return false;
  int y = std::stoi(std::string(v.substr(0, 4)));
  int m = std::stoi(std::string(v.substr(5, 2)));
  int d = std::stoi(std::string(v.substr(8, 2)));
  if (m < 1 || m > 12 || d < 1) return false;
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= days[m - 1] + (m == 2 && leap ? 1 : 0);
}

}  // namespace cwg
