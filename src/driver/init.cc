// `cwgreport init`: the commented scaffold of a new meeting folder, and the
// next meeting started from a previous report, written as plain YAML text.
#include "driver/init.h"

#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_set>
#include <vector>

#include "check/model.h"
#include "check/refs.h"
#include "cwgreport/diagnostic.h"
#include "driver/driver.h"
#include "driver/output.h"
#include "driver/schema_files.h"
#include "lang/ordinals.h"
#include "source/loader.h"
#include "text/line_index.h"
#include "text/printable.h"

namespace cwg {

namespace {

namespace fs = std::filesystem;

// The examples wrap their text at about 90 columns; so does what init writes.
constexpr std::size_t kWidth = 90;

constexpr const char* kDefaultGroupName = "Council Working Group on Example";
constexpr const char* kDefaultAcronym = "CWG-EX";

// What a section that init --from carries over holds until it is drafted.
// It is text rather than nothing because a section without paragraphs draws
// an empty-section warning, and a report started with --from must check
// cleanly; it prints as it is, so a forgotten one shows in the report.
constexpr const char* kPlaceholder = "To be drafted.";

// The bytes of one character of `s` from `i`, by its UTF-8 lead byte.
std::size_t char_length(std::string_view s, std::size_t i) {
  auto b = static_cast<unsigned char>(s[i]);
  std::size_t n = b < 0x80 ? 1 : b >> 5 == 0x6 ? 2 : b >> 4 == 0xE ? 3 : b >> 3 == 0x1E ? 4 : 1;
  return i + n <= s.size() ? n : 1;
}

// The columns `s` takes: one per character, which holds for the scripts a
// report is written in.
std::size_t width_of(std::string_view s) {
  std::size_t w = 0;
  for (unsigned char c : s) w += (c & 0xC0) != 0x80;
  return w;
}

// The code point of one character, given as its UTF-8 bytes.
char32_t code_point(std::string_view ch) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(ch[k]) & 0x3Fu; };
  const auto lead = static_cast<unsigned char>(ch[0]);
  switch (ch.size()) {
    case 2:
      return ((lead & 0x1Fu) << 6) | b(1);
    case 3:
      return ((lead & 0x0Fu) << 12) | (b(1) << 6) | b(2);
    case 4:
      return ((lead & 0x07u) << 18) | (b(1) << 12) | (b(2) << 6) | b(3);
    default:
      return lead;
  }
}

// Characters a source file may not hold as they are, or that YAML could
// take for a line break: C0 and C1 controls, DEL, U+2028, U+2029, a
// byte-order mark, and the noncharacters the reader rejects. The names of a
// previous report can hold any of them, written as YAML escapes.
bool must_escape(char32_t cp) {
  return text::is_control(cp) || text::is_line_separator(cp) || cp == 0xFEFF ||
         text::is_noncharacter(cp);
}

// One character of a double-quoted scalar: `"` and `\` escaped, and every
// character that YAML could take for a line break or that a file may not
// hold written as an escape, so that the value reads back exactly. A
// noncharacter, which no source may hold even escaped, becomes U+FFFD.
std::string escaped(std::string_view ch) {
  if (ch == "\"") return "\\\"";
  if (ch == "\\") return "\\\\";
  if (ch == "\n") return "\\n";
  if (ch == "\t") return "\\t";
  if (ch == "\r") return "\\r";
  const char32_t cp = code_point(ch);
  if (!must_escape(cp)) return std::string(ch);
  if (text::is_noncharacter(cp)) return "\uFFFD";
  if (text::is_ascii_control(cp)) return fmt::format("\\x{:02x}", static_cast<unsigned>(cp));
  return fmt::format("\\u{:04X}", static_cast<unsigned>(cp));
}

// `s` as a YAML double-quoted scalar on one line. Every string init writes
// is quoted this way, so that no value — a name ending with a colon, a
// title starting with a quote, "NO" — can be read as anything else.
std::string yaml_quoted(std::string_view s) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = char_length(s, i);
    out += escaped(s.substr(i, n));
    i += n;
  }
  return out + "\"";
}

// The same, folded over several lines when it does not fit after `column`;
// continuation lines are indented by `indent`. YAML folds a line break in a
// double-quoted scalar into one space, so lines break only at a single space
// that follows no backslash: the value reads back unchanged.
std::string quoted_wrapped(std::string_view s, std::size_t column, std::size_t indent) {
  std::vector<std::string> words(1);
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = char_length(s, i);
    bool breakable = s[i] == ' ' && i > 0 && s[i - 1] != ' ' && s[i - 1] != '\\' &&
                     i + 1 < s.size() && s[i + 1] != ' ';
    if (breakable)
      words.emplace_back();
    else
      words.back() += escaped(s.substr(i, n));
    i += n;
  }
  std::string out = "\"" + words[0];
  std::size_t col = column + 1 + width_of(words[0]);
  for (std::size_t k = 1; k < words.size(); ++k) {
    std::size_t w = width_of(words[k]);
    if (col + 1 + w + (k + 1 == words.size()) > kWidth) {
      out += "\n" + std::string(indent, ' ') + words[k];
      col = indent + w;
    } else {
      out += " " + words[k];
      col += 1 + w;
    }
  }
  return out + "\"";
}

// `key: "value"` at `indent`, folded when long, with its line break.
std::string field(std::size_t indent, std::string_view key, std::string_view value) {
  std::string lead = std::string(indent, ' ') + std::string(key) + ": ";
  return lead + quoted_wrapped(value, lead.size(), indent + 2) + "\n";
}

// `text` as YAML comment lines at `indent`, wrapped at spaces. A line
// break or other character a file may not hold, in a name from the previous
// report, becomes a space: it would end the comment, or the file would not
// read back.
std::string comment(std::string_view raw, std::size_t indent = 0) {
  std::string clean;
  for (std::size_t i = 0; i < raw.size();) {
    std::size_t n = char_length(raw, i);
    std::string_view ch = raw.substr(i, n);
    clean += must_escape(code_point(ch)) ? std::string_view(" ") : ch;
    i += n;
  }
  std::string_view text = clean;
  std::string lead = std::string(indent, ' ') + "#";
  std::string out, line = lead;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(start, end - start);
    if (line.size() > lead.size() && width_of(line) + 1 + width_of(word) > kWidth) {
      out += line + "\n";
      line = lead;
    }
    line += " ";
    line += word;
    start = end + 1;
  }
  return out + line + "\n";
}

// Plain text put into a Markdown field: the characters Markdown or a
// cross-reference would read as syntax are escaped, so it prints as given.
std::string markdown_literal(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::string_view("\\`*_[]<>{}&~").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// The first line of a file: its editor modeline (schema_files.h).
std::string modeline(const MeetingSettings& s, std::string_view kind, std::string_view path) {
  return schema_modeline(s.schemas, kind, path) + "\n";
}

// "the 14th meeting", "the 15th and 16th meetings".
std::string meetings_phrase(const std::vector<long>& numbers) {
  std::string out = "the ";
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    if (i) out += i + 1 == numbers.size() ? " and " : ", ";
    out += ordinal_numeral(numbers[i]);
  }
  return out + (numbers.size() == 1 ? " meeting" : " meetings");
}

std::string summary_text(long number, std::string_view name, std::string_view acronym) {
  std::string n = std::to_string(number);
  return "This report summarizes the main results of the {meeting:" + n + "} meeting of the " +
         markdown_literal(name) + " (" + markdown_literal(acronym) + "), held on {meeting:" + n +
         "|date}.";
}

std::string new_report(const MeetingSettings& s, long number, const std::string& name,
                       const std::string& acronym) {
  std::string n = std::to_string(number);
  std::string out = modeline(s, "report", "report.yaml");
  out += comment("The report of the " + ordinal_numeral(number) + " meeting of " + acronym +
                 ": the group, the meeting, the officers, the summary box, the section files in "
                 "print order and the signature. Text fields are Markdown; `cwgreport schema "
                 "report` prints the JSON Schema of this file.");
  out += "\ngroup:\n";
  out += field(2, "name", name);
  out += field(2, "acronym", acronym);
  out +=
      "  # The body the report goes to, named again in the action text below.\n"
      "  parent: \"Council\"\n"
      "\n"
      "# The meetings the report covers, in chronological order. A report on two meetings\n"
      "# lists both, and each document in documents.yaml then says which one it belongs to.\n"
      "meetings:\n"
      "  - number: " +
      n + "\n    date: " + s.date +
      "\n"
      "    # end_date: " +
      s.date +
      "               # the last day of a meeting over several days\n"
      "    # venue: \"ITU Headquarters in Geneva\"\n"
      "    # participants: 40                   # approximately\n"
      "    # mode: \"hybrid\"                     # in-person | virtual | hybrid\n"
      "    # chair: \"chair\"                     # default: the person whose role is chair\n"
      "\n"
      "# The officers the report names. {person:chair} prints the honorific, the name and the\n"
      "# country: \"Ms Ana Lima (Brazil)\".\n"
      "people:\n"
      "  - id: \"chair\"\n"
      "    name: \"Name of the Chair\"\n"
      "    # honorific: \"Ms\"\n"
      "    # country: \"Brazil\"\n"
      "    role: \"chair\"                       # chair | vice-chair | secretariat | other\n"
      "\n"
      "# title_ordinals: \"words\"               # FIRST rather than 1ST in the title\n"
      "\n"
      "# The \"Summary\" box. Cross-references in braces print computed text: {meeting:" +
      n +
      "}\n"
      "# prints \"" +
      ordinal_numeral(number) + "\", {meeting:" + n + "|date} the date of the meeting.\n";
  out += field(0, "summary", summary_text(number, name, acronym));
  out +=
      "\n"
      "action: \"The Council is invited to take note of the report.\"\n"
      "\n"
      "# The resolutions and decisions listed under \"References\"; {ref:res179} prints one.\n"
      "# references:\n"
      "#   - id: \"res179\"\n"
      "#     text: \"Resolution 179 (Rev. Busan, 2014)\"\n"
      "\n"
      "# The section files, numbered 1, 2, 3 ... in this order.\n"
      "sections:\n"
      "  - \"sections/opening.yaml\"\n"
      "  - \"sections/discussions.yaml\"\n"
      "  - \"sections/outcomes.yaml\"\n"
      "\n"
      "# Annexes have the form of a section file and are numbered Annex 1, Annex 2 ...;\n"
      "# {annex:participants} prints \"Annex 1\".\n"
      "# annexes:\n"
      "#   - \"sections/participants.yaml\"\n"
      "\n"
      "signature:\n"
      "  person: \"chair\"\n"
      "  # The line under the name; by default the person's role and the acronym:\n"
      "  # role: " +
      yaml_quoted("Chair, " + acronym) + "\n";
  return out;
}

std::string new_documents(const MeetingSettings& s, long number) {
  std::string n = std::to_string(number);
  std::string out = modeline(s, "documents", "documents.yaml");
  out += comment("The document register of the " + ordinal_numeral(number) +
                 " meeting: who submits documents, and the documents in register order. "
                 "\"presents:\" and {doc:" +
                 n +
                 "/2R1} name a document by its key: the meeting's number, a slash, the "
                 "document's number and its revision.");
  out +=
      "\n"
      "# The Member States, organizations and bureaux that submit documents.\n"
      "# {entity:secretariat} prints \"short\", or \"name\" when there is no \"short\".\n"
      "entities:\n"
      "  - id: \"secretariat\"\n"
      "    name: \"Secretariat\"\n"
      "  # - id: \"br\"\n"
      "  #   name: \"Federative Republic of Brazil\"\n"
      "  #   short: \"Brazil\"\n"
      "\n"
      "# Kinds: agenda, information-report, contribution, liaison-statement, report, other.\n"
      "documents:\n"
      "  - number: 1\n"
      "    title: \"Agenda\"\n"
      "    kind: \"agenda\"\n"
      "    source: \"secretariat\"\n"
      "  # Every contribution and information report must be presented by a paragraph:\n"
      "  # \"presents: " +
      n +
      "/2R1\" in a section file.\n"
      "  # - number: 2\n"
      "  #   revision: 1\n"
      "  #   title: \"Proposal for a common report template\"\n"
      "  #   kind: \"contribution\"\n"
      "  #   source: [\"br\"]\n"
      "  # A document of another series: its key is its symbol, C24/12.\n"
      "  # - number: 12\n"
      "  #   series: \"C24/\"\n"
      "  #   title: \"Report of the Chair to the Council\"\n"
      "  #   kind: \"report\"\n";
  return out;
}

std::string new_opening(const MeetingSettings& s, long number, const std::string& acronym) {
  std::string n = std::to_string(number);
  std::string out = modeline(s, "section", "sections/opening.yaml");
  out +=
      "# Section 1: the opening of the meeting and the adoption of the agenda. Its paragraphs\n"
      "# are numbered 1.1, 1.2 ... in this order; no source file writes a number.\n"
      "\n"
      "# {sec:opening} prints the number of this section.\n"
      "label: \"opening\"\n"
      "heading: \"Opening of the meeting and adoption of the agenda\"\n"
      "paragraphs:\n"
      "  # A paragraph may be a string: its text.\n";
  out += "  - " +
         quoted_wrapped("The {meeting:" + n + "} meeting of " + markdown_literal(acronym) +
                            " was held on {meeting:" + n + "|date}, chaired by {person:chair}.",
                        4, 4) +
         "\n";
  out +=
      "\n"
      "  # Or a map. A label names the paragraph for {para:agenda-adopted}, which prints \"1.2\".\n"
      "  - label: \"agenda-adopted\"\n"
      "    text: \"The meeting adopted its agenda ({doc:" +
      n +
      "/1}).\"\n"
      "\n"
      "  # \"numbered: false\" prints a paragraph without a number. \"documents:\" lists the\n"
      "  # registered documents of the kinds named, \"SYMBOL: Title\" in register order; a list\n"
      "  # of keys, [" +
      n + "/1, " + n +
      "/2R1], lists those documents instead.\n"
      "  - numbered: false\n"
      "    text: \"The documents before the meeting were:\"\n"
      "    documents: {kind: [\"agenda\", \"information-report\", \"contribution\", "
      "\"liaison-statement\"]}\n";
  return out;
}

std::string paragraph_examples(const std::string& key);

std::string new_discussions(const MeetingSettings& s, long number) {
  std::string key = std::to_string(number) + "/2R1";
  std::string out = modeline(s, "section", "sections/discussions.yaml");
  out +=
      "# Section 2: the documents presented and what was said about them.\n"
      "\n"
      "label: \"discussions\"\n"
      "heading: \"Discussions\"\n"
      "paragraphs:\n" +
      paragraph_examples(key) +
      "\n"
      "  - \"To be drafted: one paragraph per document presented or subject discussed.\"\n";
  return out;
}

// The commented examples of a paragraph that presents a document, with a
// footnote, of a quote and of a table, for the section of discussions.
// `key` is the key of the example's document.
std::string paragraph_examples(const std::string& key) {
  return "  # One paragraph per document presented. \"presents:\" takes its key (or a list of\n"
         "  # keys); {doc:" +
         key + "|full} prints its symbol and title, {entity:br} its submitter.\n" +
         "  # A footnote is marked in a text with {note:ID} and printed at the end of the report.\n"
         "  # - label: \"template-proposal\"\n"
         "  #   presents: \"" +
         key +
         "\"\n"
         "  #   text: >-\n"
         "  #     The delegate of {entity:br} introduced {doc:" +
         key +
         "|full}.{note:revised} Long text\n"
         "  #     is best written as a folded block like this one, wrapped at about 90 columns.\n"
         "  #\n"
         "  #\n"
         "  #     Two empty lines start a continuation paragraph, printed without a number\n"
         "  #     (in a folded block like this one, a single empty line is read as a space).\n"
         "  #   footnotes:\n"
         "  #     - id: \"revised\"\n"
         "  #       text: \"The proposal was revised after the meeting.\"\n"
         "\n"
         "  # A quoted excerpt keeps the numbers of its source: they are written, not computed.\n"
         "  # - text: \"The Plenipotentiary Conference, in {ref:res179}, resolves:\"\n"
         "  #   quote:\n"
         "  #     source: \"Resolution 179 (Rev. Busan, 2014)\"\n"
         "  #     paragraphs:\n"
         "  #       - number: \"1\"\n"
         "  #         text: \"to continue the work on child online protection;\"\n"
         "  #       - elision: true                  # printed \"[...]\"\n"
         "  #       - number: \"3\"\n"
         "  #         text: \"to report to the Council.\"\n"
         "\n"
         "  # A table: the header row, then rows of as many cells as there are columns.\n"
         "  # - text: \"The subjects discussed were:\"\n"
         "  #   table:\n"
         "  #     caption: \"Subjects and documents\"\n"
         "  #     columns: [\"Subject\", \"Documents\"]\n"
         "  #     align: [\"left\", \"right\"]           # left | center | right\n"
         "  #     rows:\n"
         "  #       - [\"Report templates\", \"{doc:" +
         key + "}\"]\n";
}

std::string new_outcomes(const MeetingSettings& s, long number) {
  std::string n = std::to_string(number);
  std::string out = modeline(s, "section", "sections/outcomes.yaml");
  out +=
      "# Section 3: what the meeting agreed, requested and recommended.\n"
      "\n"
      "label: \"outcomes\"\n"
      "heading: \"Outcomes of the {meeting:" +
      n +
      "} meeting\"\n"
      "paragraphs:\n"
      "  # \"list:\" prints a list after the text. A list of strings is a bullet list; a map\n"
      "  # names its style: bullet (·), dash (–), alpha (a), b) ...), roman (i), ii) ...) or\n"
      "  # number (1), 2) ...). An item is a string, or a map with a text, a label and a list.\n"
      "  - label: \"agreements\"\n"
      "    text: \"The group:\"\n"
      "    list:\n"
      "      style: \"alpha\"\n"
      "      items:\n"
      "        - \"took note of the documents presented in section {sec:discussions};\"\n"
      "        - text: \"agreed to:\"\n"
      "          list:\n"
      "            style: \"roman\"\n"
      "            items:\n"
      "              - \"to be drafted;\"\n"
      "        - \"requested the secretariat to report on progress at the next meeting.\"\n";
  return out;
}

// Text carried from the previous report into the next one. Its
// cross-references are kept where they still resolve: a meeting's number
// becomes the new meeting's, and sections, annexes, references, people,
// entities and counts are all carried over. Documents, paragraphs and
// footnotes are not, so such a reference is escaped to print as written,
// a visible mark of what to rewrite, instead of failing the new report.
std::string carried_text(std::string_view text, const std::set<long>& old_meetings, long number,
                         std::unordered_set<std::string>& escaped) {
  std::string out;
  std::size_t at = 0;
  for (const RefToken& tok : scan_refs(text)) {
    out.append(text.substr(at, tok.offset - at));
    at = tok.offset + tok.length;
    std::string_view whole = text.substr(tok.offset, tok.length);
    bool numbered_meeting = false;
    if (tok.kind == "meeting" && tok.error.empty()) {
      char* end = nullptr;
      const std::string key(tok.key);
      long k = std::strtol(key.c_str(), &end, 10);
      numbered_meeting = !tok.key.empty() && *end == '\0' && old_meetings.count(k);
    }
    bool kept =
        tok.error.empty() && (tok.kind == "sec" || tok.kind == "annex" || tok.kind == "ref" ||
                              tok.kind == "person" || tok.kind == "entity" || tok.kind == "count" ||
                              (tok.kind == "meeting" && tok.key == "all"));
    if (numbered_meeting) {
      out += "{meeting:" + std::to_string(number) +
             (tok.form.empty() ? "" : "|" + std::string(tok.form)) + "}";
    } else if (kept) {
      out.append(whole);
    } else {
      out += "\\";
      out.append(whole);
      escaped.emplace(whole);
    }
  }
  out.append(text.substr(at));
  return out;
}

// ", in accordance with {ref:cr1306} and {ref:res179}": the references the
// previous summary cites, in their order, for the new summary; "" if none.
std::string summary_references(const Sources& prev) {
  std::vector<std::string> ids;
  for (const RefToken& tok : scan_refs(prev.summary.value)) {
    if (tok.kind != "ref" || !tok.error.empty() || !tok.form.empty()) continue;
    bool known = false;
    for (const auto& r : prev.references) known = known || r.id.value == tok.key;
    if (known && std::find(ids.begin(), ids.end(), tok.key) == ids.end()) ids.emplace_back(tok.key);
  }
  std::string out;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    out += i == 0 ? ", in accordance with " : i + 1 == ids.size() ? " and " : ", ";
    out += "{ref:" + ids[i] + "}";
  }
  return out;
}

// The kinds of a generated list, as a YAML flow value.
std::string kinds_value(const std::vector<Text>& kinds) {
  if (kinds.size() == 1) return yaml_quoted(kinds[0].value);
  std::string out = "[";
  for (std::size_t i = 0; i < kinds.size(); ++i)
    out += (i ? ", " : "") + yaml_quoted(kinds[i].value);
  return out + "]";
}

// The paragraphs of a previous section that the next meeting's report needs
// again: those with a list generated from the register by kind, with their
// text (which usually counts the list: "There were {count:contribution}
// contributions"). They print the new register, so they are right as soon
// as documents.yaml is. A list by keys names old documents and is left
// out, and so is a list already carried (the same kinds, once a meeting
// filter is dropped: the new report covers one meeting).
std::string carried_lists(const Section& sec, const std::function<std::string(const Text&)>& carry,
                          std::set<std::string>& carried_kinds) {
  std::string out;
  for (const auto& p : sec.paragraphs) {
    if (p.documents.empty() || p.documents[0].kinds.empty()) continue;
    std::string kinds = kinds_value(p.documents[0].kinds);
    if (!carried_kinds.insert(kinds).second) continue;
    if (out.empty())
      out += comment(
          "Carried over: \"documents:\" lists the registered documents of the kinds named, in "
          "register order, and {count:KIND} counts them, so both follow documents.yaml.",
          2);
    out += "  - ";
    std::string indent;
    if (p.label.present) {
      out += "label: " + yaml_quoted(p.label.value) + "\n";
      indent = "    ";
    }
    if (!p.numbered) {
      out += indent + "numbered: false\n";
      indent = "    ";
    }
    if (p.text.present) {
      std::string text = field(4, "text", carry(p.text));
      out += indent + text.substr(4);
      indent = "    ";
    }
    out += indent + "documents: {kind: " + kinds + "}\n";
  }
  return out;
}

// A section's path in the previous folder, as report.yaml lists it. The
// loader names each section by the folder joined with that path.
std::string section_path(const Section& section, const std::string& dir) {
  fs::path base = fs::path(dir).lexically_normal();
  if (!base.has_filename() && base.has_relative_path()) base = base.parent_path();
  std::string rel = fs::path(section.loc.file.str()).lexically_relative(base).generic_string();
  if (rel.empty() || rel.rfind("..", 0) == 0)
    return "sections/" + fs::path(section.loc.file.str()).filename().string();
  return rel;
}

}  // namespace

std::string date_problem(std::string_view v) {
  auto digit = [&](std::size_t i) { return v[i] >= '0' && v[i] <= '9'; };
  bool shape = v.size() == 10 && v[4] == '-' && v[7] == '-' && digit(0) && digit(1) && digit(2) &&
               digit(3) && digit(5) && digit(6) && digit(8) && digit(9);
  if (!shape) return "'" + std::string(v) + "' is not a date written YYYY-MM-DD";
  if (!valid_date(v)) return "'" + std::string(v) + "' is not a day that exists";
  return "";
}

std::string line_problem(std::string_view v) {
  if (v.empty()) return "the value is empty";
  for (unsigned char c : v) {
    if (text::is_ascii_control(c)) return "the value holds a control character";
  }
  return "";
}

std::vector<InitFile> new_meeting_files(const MeetingSettings& s) {
  long number = s.number > 0 ? s.number : 1;
  std::string name = s.group_name.empty() ? kDefaultGroupName : s.group_name;
  std::string acronym = s.acronym.empty() ? kDefaultAcronym : s.acronym;
  return {
      {"report.yaml", new_report(s, number, name, acronym)},
      {"documents.yaml", new_documents(s, number)},
      {"sections/opening.yaml", new_opening(s, number, acronym)},
      {"sections/discussions.yaml", new_discussions(s, number)},
      {"sections/outcomes.yaml", new_outcomes(s, number)},
  };
}

std::vector<InitFile> next_meeting_files(const Sources& prev, const MeetingSettings& s,
                                         std::unordered_set<std::string>* escaped) {
  std::unordered_set<std::string> ignored;
  std::unordered_set<std::string>& escapes = escaped ? *escaped : ignored;
  std::vector<long> old_numbers;
  for (const auto& m : prev.meetings) old_numbers.push_back(m.number.value);
  std::set<long> old_set(old_numbers.begin(), old_numbers.end());
  const Meeting* last = prev.meetings.empty() ? nullptr : &prev.meetings.back();
  long number = s.number > 0 ? s.number : (last ? last->number.value + 1 : 1);
  std::string n = std::to_string(number);
  std::string name = s.group_name.empty() ? prev.group.name.value : s.group_name;
  std::string acronym = s.acronym.empty() ? prev.group.acronym.value : s.acronym;
  std::string previous = meetings_phrase(old_numbers);
  auto carry = [&](const Text& t) { return carried_text(t.value, old_set, number, escapes); };

  std::string report = modeline(s, "report", "report.yaml");
  report += comment("The report of the " + ordinal_numeral(number) + " meeting of " + acronym +
                    ", started from the report of " + previous +
                    " with `cwgreport init --from`: the group, the officers, the venue and mode, "
                    "the references, the headings of the sections and their lists of "
                    "documents are carried over; the other sections hold one paragraph, \"" +
                    kPlaceholder + "\", in place of the text to write.");
  report += "\ngroup:\n";
  report += field(2, "name", name);
  report += field(2, "acronym", acronym);
  if (prev.group.parent.present) report += field(2, "parent", prev.group.parent.value);
  // The group's symbols are printed as before.
  if (prev.group.series.present) report += field(2, "series", prev.group.series.value);
  if (prev.group.revision_form.present)
    report += field(2, "revision_form", prev.group.revision_form.value);
  // The same kind of document as the previous one; a group's document has
  // no Summary box, and its title is its own.
  const bool group_document = prev.kind.value == "group-document";
  const bool record = prev.kind.value == "summary-record";
  if (prev.kind.present) report += field(0, "kind", prev.kind.value);
  if (prev.title.present) {
    report += "\n" + comment("The title of the document of " + previous + ": write this one's.");
    report += (group_document ? "" : "# ") + field(0, "title", prev.title.value);
  }
  if (prev.cover && group_document) {
    report += "\n" + comment("The document of " + previous +
                             " had its symbol and date under \"cover:\"; this one needs its "
                             "own.");
  } else if (prev.cover) {
    report += "\n" + comment("The report of " + previous +
                             " had a cover block (\"cover:\"); a report to the parent body "
                             "needs its own.");
  }
  report +=
      "\n# The meetings the report covers, in chronological order. A report on two meetings\n"
      "# lists both, and each document in documents.yaml then says which one it belongs to.\n";
  report += "meetings:\n  - number: " + n + "\n";
  // A summary record's meeting is called as the previous one was ("plenary
  // meeting"): its title is made of it.
  if (last && last->name.present) report += field(4, "name", last->name.value);
  report += "    date: " + s.date + "\n";
  if (last) {
    const Person* role_chair = nullptr;
    for (const auto& p : prev.people) {
      if (p.role.value == "chair" && !role_chair) role_chair = &p;
    }
    bool usual_chair = role_chair && last->chair.value == role_chair->id.value;
    std::string as_before = "as at the " + ordinal_numeral(last->number.value) + " meeting";
    // Most meetings are held where and as the previous one was: carried
    // over, and marked so, for the editor to change when not.
    if (last->venue.present)
      report += "    venue: " + yaml_quoted(last->venue.value) + "   # " + as_before + "\n";
    // A summary record's meeting is held on one day, and its hours are
    // printed: the previous meeting's, marked, for the editor to change.
    if (!record)
      report += "    # end_date: " + s.date + "   # the last day of a meeting over several days\n";
    if (last->start_time.present)
      report += "    start_time: " + yaml_quoted(last->start_time.value) + "   # " + as_before +
                ": the hour the meeting opened\n";
    if (last->end_time.present)
      report += "    end_time: " + yaml_quoted(last->end_time.value) + "   # " + as_before +
                ": the hour it rose\n";
    report += "    # participants: 40   # approximately\n";
    if (last->mode.present)
      report += "    mode: " + yaml_quoted(last->mode.value) + "   # " + as_before +
                ": in-person | virtual | hybrid\n";
    // The usual chair is carried over; someone who stood in for the chair
    // stays a comment, since the chair is back by default.
    if (last->chair.present && usual_chair)
      report += "    chair: " + yaml_quoted(last->chair.value) + "\n";
    else if (last->chair.present)
      report += "    # chair: " + yaml_quoted(last->chair.value) + "   # " + as_before + "\n";
  }
  // The previous report's meetings become earlier meetings, so that the
  // text can refer to them: "as agreed at its {meeting:14} meeting".
  std::string earlier;
  for (const auto& m : prev.meetings) {
    if (!m.number.present || m.number.value >= number) continue;
    earlier += "  - number: " + std::to_string(m.number.value) + "\n";
    if (m.date.present) earlier += "    date: " + m.date.value + "\n";
    if (m.end_date.present) earlier += "    end_date: " + m.end_date.value + "\n";
    if (m.venue.present) earlier += field(4, "venue", m.venue.value);
  }
  if (!earlier.empty()) {
    const long k = prev.meetings.back().number.value;
    report +=
        "\n" + comment("Earlier meetings the text refers to: {meeting:" + std::to_string(k) +
                       "} prints \"" + ordinal_numeral(k) + "\", {meeting:" + std::to_string(k) +
                       "|date} its date. The report does not cover them: they are not in "
                       "its title, and documents.yaml registers no document of theirs.");
    report += "earlier_meetings:\n" + earlier;
  }
  if (!prev.people.empty()) {
    report += "\n" + comment("The officers the report names. {person:" + prev.people[0].id.value +
                             "} prints the honorific, the name and the country.");
    report += "people:\n";
    for (const auto& p : prev.people) {
      report += "  - id: " + yaml_quoted(p.id.value) + "\n";
      report += field(4, "name", p.name.value);
      if (p.honorific.present) report += field(4, "honorific", p.honorific.value);
      if (p.country.present) report += field(4, "country", p.country.value);
      if (p.role.present) report += field(4, "role", p.role.value);
    }
  }
  if (prev.chair_word.present) report += "\n" + field(0, "chair_word", prev.chair_word.value);
  if (prev.title_ordinals.present)
    report += "\n" + field(0, "title_ordinals", prev.title_ordinals.value);
  // The summary is written anew for the new meeting, citing the references
  // the previous one cited; the rest of the old summary told of old work.
  // A summary record, or a chair's report, without a Summary box stays
  // without one.
  const bool box = !group_document &&
                   (prev.summary.present || !prev.kind.present || prev.kind.value == "outcome");
  if (box) {
    std::string summary = summary_text(number, name, acronym);
    if (std::string refs = summary_references(prev); !refs.empty()) {
      summary.pop_back();
      summary += refs + ".";
    }
    report += "\n" + comment(
                         "The \"Summary\" box. Cross-references in braces print computed text: "
                         "{meeting:" +
                         n + "} prints \"" + ordinal_numeral(number) + "\", {meeting:" + n +
                         "|date} the date of the meeting, {ref:ID} a "
                         "reference below.");
    report += field(0, "summary", summary);
    if (prev.action.present) {
      // The usual "The Council is invited to take note of the report" carries
      // over; an action that refers to paragraphs of the old report does not.
      if (scan_refs(prev.action.value).empty()) {
        report += "\n" + field(0, "action", prev.action.value);
      } else if (prev.group.parent.present) {
        report += "\n" + field(0, "action",
                               "The " + markdown_literal(prev.group.parent.value) +
                                   " is invited to take note of the report.");
      }
    }
    if (!prev.references.empty()) {
      report +=
          "\n# The resolutions and decisions listed under \"References\"; {ref:ID} prints one.\n"
          "references:\n";
      for (const auto& r : prev.references) {
        report += "  - id: " + yaml_quoted(r.id.value) + "\n";
        report += field(4, "text", carry(r.text));
      }
    }
    if (prev.reference_separator.present)
      report += field(0, "reference_separator", prev.reference_separator.value);
  }

  // The section of discussions, whose paragraphs presented documents, gets
  // the commented examples that a plain init writes there; with none, the
  // first section that carries no list.
  const Section* discussions = nullptr;
  std::size_t most = 0;
  for (const auto& sec : prev.sections) {
    std::size_t presented = 0;
    for (const auto& p : sec.paragraphs) presented += p.presents.size();
    if (presented > most) {
      most = presented;
      discussions = &sec;
    }
  }
  for (const auto& sec : prev.sections) {
    if (discussions) break;
    bool lists = false;
    for (const auto& p : sec.paragraphs) lists = lists || !p.documents.empty();
    if (!lists) discussions = &sec;
  }
  std::set<std::string> carried_kinds;
  std::vector<InitFile> sections;
  auto add_sections = [&](const std::vector<Section>& list, const char* key, bool annex) {
    if (list.empty()) return;
    report += annex ? "\n# Annexes have the form of a section file and are numbered Annex 1, "
                      "Annex 2 ...\n"
                    : "\n# The section files, numbered 1, 2, 3 ... in this order.\n";
    report += std::string(key) + ":\n";
    for (std::size_t i = 0; i < list.size(); ++i) {
      const Section& sec = list[i];
      std::string path = section_path(sec, prev.dir);
      report += "  - " + yaml_quoted(path) + "\n";
      std::string what =
          annex ? "Annex " + std::to_string(i + 1) : "Section " + std::to_string(i + 1);
      std::string text = modeline(s, "section", path);
      std::string lists = annex ? std::string() : carried_lists(sec, carry, carried_kinds);
      text += comment(what + " of the report of the " + ordinal_numeral(number) +
                      " meeting: its heading and label" +
                      (lists.empty() ? "" : ", and its lists of documents,") +
                      " are carried over from the report of " + previous +
                      (lists.empty() ? "; its paragraphs are to be written." : "."));
      text += "\n";
      if (sec.label.present) text += "label: " + yaml_quoted(sec.label.value) + "\n";
      text += field(0, "heading", carry(sec.heading));
      text += "paragraphs:\n";
      std::string prefix = annex ? "A" + std::to_string(i + 1) : std::to_string(i + 1);
      text += comment("Paragraphs are numbered " + prefix + ".1, " + prefix +
                          ".2 ... in this order. A paragraph is a string, its text, or a map "
                          "with a \"text:\" and a \"label:\" that names it for {para:LABEL}, "
                          "which prints its number.",
                      2);
      if (&sec == discussions) text += paragraph_examples(n + "/2R1") + "\n";
      text += lists.empty() ? "  - " + yaml_quoted(kPlaceholder) + "\n" : lists;
      sections.push_back({path, std::move(text)});
    }
  };
  if (prev.contents)
    report += "\n# A table of contents of the sections and annexes.\ncontents: true\n";
  // The preamble's file, with its place kept and its text to write.
  for (const Section& pre : prev.preamble) {
    std::string path = section_path(pre, prev.dir);
    report += "\n# The content before section 1: unnumbered paragraphs.\n";
    report += "preamble: " + yaml_quoted(path) + "\n";
    std::string text = modeline(s, "section", path);
    text += comment("The preamble of the report of the " + ordinal_numeral(number) +
                    " meeting: the text before section 1, in paragraphs that are not "
                    "numbered; it is to be written.");
    text += "\nparagraphs:\n  - " + yaml_quoted(kPlaceholder) + "\n";
    sections.push_back({path, std::move(text)});
  }
  add_sections(prev.sections, "sections", false);
  add_sections(prev.annexes, "annexes", true);

  if (prev.signature) {
    report += "\nsignature:\n";
    report += "  person: " + yaml_quoted(prev.signature->person.value) + "\n";
    if (prev.signature->role.present) report += field(2, "role", prev.signature->role.value);
  }
  // A summary record's signatures, side by side: the same people sign the
  // next record of the session.
  if (!prev.signatures.empty()) {
    report += "\nsignatures:\n";
    for (const Signatory& sig : prev.signatures) {
      report += "  - person: " + yaml_quoted(sig.person.value) + "\n";
      if (sig.role.present) report += field(4, "role", sig.role.value);
      if (sig.role_position.present)
        report += "    role_position: " + yaml_quoted(sig.role_position.value) + "\n";
    }
  }

  std::string docs = modeline(s, "documents", "documents.yaml");
  docs += comment("The document register of the " + ordinal_numeral(number) + " meeting of " +
                  acronym + ". The entities are carried over from the report of " + previous +
                  "; the documents are to be registered.");
  if (!prev.entities.empty()) {
    docs +=
        "\n# The Member States, organizations and bureaux that submit documents.\n"
        "# {entity:ID} prints \"short\", or \"name\" when there is no \"short\".\n"
        "entities:\n";
    for (const auto& e : prev.entities) {
      docs += "  - id: " + yaml_quoted(e.id.value) + "\n";
      docs += field(4, "name", e.name.value);
      if (e.short_name.present) docs += field(4, "short", e.short_name.value);
    }
  }
  docs += "\n" + comment(
                     "The documents, in register order: the lists generated by kind print "
                     "them in this order. Kinds: agenda, information-report, contribution, "
                     "liaison-statement, report, other. \"presents: " +
                     n + "/2R1\" and {doc:" + n +
                     "/2R1} name a document by its key: the meeting's number, a slash, "
                     "the document's number and its revision. Every contribution and "
                     "information report must be presented by a paragraph. Replace [] by "
                     "the documents, as in the example:");
  docs += "documents: []\n";
  const std::string source =
      prev.entities.empty() ? "" : "  #   source: " + yaml_quoted(prev.entities[0].id.value) + "\n";
  docs +=
      "  # - number: 1\n"
      "  #   title: \"Agenda\"\n"
      "  #   kind: \"agenda\"\n" +
      source +
      "  # - number: 2\n"
      "  #   revision: 1\n"
      "  #   title: \"Proposal for a common report template\"\n"
      "  #   kind: \"contribution\"\n" +
      source +
      "  # A document of another series: its key is its symbol, C24/12.\n"
      "  # - number: 12\n"
      "  #   series: \"C24/\"\n"
      "  #   title: \"Report of the Chair to the Council\"\n"
      "  #   kind: \"report\"\n";

  std::vector<InitFile> files = {{"report.yaml", std::move(report)},
                                 {"documents.yaml", std::move(docs)}};
  for (auto& f : sections) files.push_back(std::move(f));
  return files;
}

namespace {

std::string today() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return fmt::format("{:04}-{:02}-{:02}", local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

}  // namespace

namespace {

// Where each reference carried as text stands in the files written, as a
// note to rewrite it: the new report checks without error, so nothing else
// would point at it. Each file is read once, in order; at most kMaxNotes
// notes.
void print_escaped_references(const std::vector<OutputFile>& files,
                              const std::unordered_set<std::string>& escaped) {
  if (escaped.empty()) return;
  constexpr std::size_t kMaxNotes = 100;
  // As yaml_quoted writes the escape: the backslash, escaped.
  constexpr std::string_view kEscape = "\\\\{";
  std::size_t printed = 0, found = 0;
  for (const OutputFile& f : files) {
    const std::string_view text = f.contents;
    std::optional<text::LineIndex> lines;
    for (std::size_t at = text.find(kEscape); at != std::string_view::npos;
         at = text.find(kEscape, at + kEscape.size())) {
      const std::size_t start = at + kEscape.size() - 1;  // the brace
      const std::size_t close = text.find_first_of("}\n", start);
      if (close == std::string_view::npos || text[close] != '}') continue;
      const std::string ref(text.substr(start, close - start + 1));
      if (!escaped.count(ref)) continue;
      ++found;
      if (printed == kMaxNotes) continue;
      ++printed;
      if (!lines) lines.emplace(text);
      const text::LinePosition pos = lines->position(at);
      fmt::print(stderr,
                 "{}:{}:{}: note: '{}' is carried as text and prints as written: what it "
                 "names is not carried over; rewrite it, or remove the backslash once it "
                 "resolves\n",
                 text::printable(f.path), pos.line, pos.column, text::printable(ref));
    }
  }
  if (found > printed) fmt::print(stderr, "note: {} more like these\n", found - printed);
}

}  // namespace

int run_init(const InitOptions& opts) {
  MeetingSettings settings = opts.meeting;

  std::error_code ec;
  fs::file_status status = fs::status(opts.dir, ec);
  if (fs::exists(status)) {
    if (!fs::is_directory(status)) {
      print_error("cannot initialize '" + opts.dir + "': it exists and is not a folder");
      return 1;
    }
    if (!fs::is_empty(opts.dir, ec) || ec) {
      print_error("cannot initialize '" + opts.dir +
                  "': the folder is not empty; init writes only into a new or empty folder");
      return 1;
    }
  }

  std::vector<InitFile> files;
  std::unordered_set<std::string> escaped;  // references carried as text, to rewrite
  if (!opts.from.empty()) {
    Diagnostics diags;
    auto prev = load_sources(opts.from, diags);
    if (prev && !diags.has_errors()) check_sources(std::make_shared<const Sources>(*prev), diags);
    if (!prev || diags.has_errors()) {
      diags.sort();
      PrintOptions print;
      print.color = stderr_in_colour();
      std::string text = format_diagnostics(diags, print);
      std::fwrite(text.data(), 1, text.size(), stderr);
      print_error("cannot start from '" + opts.from + "': its sources have errors");
      return 1;
    }
    // The new meeting comes after every meeting the old report covers: a
    // date not after them would start a report that fails its own check
    // (date-order), with nothing to say so until then.
    std::string last;  // the latest day of a meeting the old report covers
    long last_number = 0;
    for (const Meeting& m : prev->meetings) {
      for (const Text* d : {&m.date, &m.end_date}) {
        if (d->present && valid_date(d->value) && d->value > last) {
          last = d->value;
          last_number = m.number.value;
        }
      }
    }
    if (!last.empty() && settings.date <= last) {
      print_error(
          fmt::format("--date {} is not after meeting {} of '{}' ({}): give the date of "
                      "the new meeting",
                      settings.date, last_number, text::printable(opts.from), last));
      return 2;
    }
    files = next_meeting_files(*prev, settings, &escaped);
  } else {
    if (settings.date.empty()) settings.date = today();
    files = new_meeting_files(settings);
  }
  // Without --schemas, the modelines lead to the folder's own copy.
  if (settings.schemas.empty()) {
    for (const auto& f : schema_copy()) files.push_back({f.path, std::string(f.text)});
  }

  std::vector<OutputFile> out;
  std::set<std::string> folders = {opts.dir};
  for (const auto& f : files) {
    fs::path path = fs::path(opts.dir) / f.path;
    folders.insert(path.parent_path().string());
    out.push_back({path.string(), f.text});
  }
  for (const auto& folder : folders) {
    if (auto err = create_directories(folder)) {
      print_error("cannot write '" + err->path + "': " + err->reason);
      return 1;
    }
  }
  if (auto err = write_files(out)) {
    print_error("cannot write '" + err->path + "': " + err->reason);
    return 1;
  }
  if (!opts.quiet)
    for (const auto& f : out) fmt::print("wrote {}\n", text::printable(f.path));
  print_escaped_references(out, escaped);
  return 0;
}

}  // namespace cwg
