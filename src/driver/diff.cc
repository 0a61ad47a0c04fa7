// `cwgreport diff OLD NEW`: each side compiled as a build would, then
// compared as reports (src/diff/), and the changes printed.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "build/report_builder.h"
#include "check/model.h"
#include "diff/report_diff.h"
#include "driver/child.h"
#include "driver/driver.h"
#include "driver/git_folder.h"
#include "source/loader.h"
#include "text/printable.h"

namespace cwg {

namespace {

using diff::Change;
using diff::Word;

yaml::Limits limits_of(const CommonOptions& o) {
  yaml::Limits limits;
  limits.max_file_bytes = o.max_file_size;
  limits.max_folder_bytes = o.max_folder_size;
  limits.max_nodes = std::max<std::size_t>(1, o.max_folder_size / yaml::Limits::kBytesPerNode);
  return limits;
}

// One side compiled: its report, with the labels and the register the diff
// matches by. Nothing when the sources have an error (reported to `diags`).
std::optional<diff::Version> compile_side(const std::string& dir, const std::string& name,
                                          const std::string& shown, const CommonOptions& o,
                                          Diagnostics& diags) {
  auto loaded = load_sources(dir, diags, limits_of(o), shown);
  if (!loaded || diags.has_errors()) return std::nullopt;
  auto src = std::make_shared<const Sources>(std::move(*loaded));
  TextLimits text;
  text.max_field_bytes = o.max_field_size;
  Model model = check_sources(src, diags, text);
  if (diags.has_errors()) return std::nullopt;

  std::vector<std::string> section_labels;
  std::vector<std::vector<std::string>> paragraph_labels;
  for (const auto* sections : {&src->sections, &src->annexes}) {
    for (const Section& s : *sections) {
      section_labels.push_back(s.label.present ? s.label.value : "");
      auto& labels = paragraph_labels.emplace_back();
      for (const Paragraph& p : s.paragraphs)
        labels.push_back(p.label.present ? p.label.value : "");
    }
  }
  std::vector<diff::RegisterEntry> entries;
  for (std::size_t i = 0; i < model.documents.size() && i < src->documents.size(); ++i) {
    const DocumentInfo& d = model.documents[i];
    entries.push_back({d.key, d.symbol, src->documents[i].title.value});
  }
  tree::Report report = build_report(std::move(model));
  return diff::version_of(name, report, section_labels, paragraph_labels, entries);
}

// A side is a folder, or a git revision of one read into a private folder.
std::optional<diff::Version> read_side(const std::string& side, const CommonOptions& o,
                                       Diagnostics& diags) {
  if (!is_git_revision(side)) return compile_side(side, side, "", o, diags);
  PrivateFolder folder("diff");
  if (folder.path().empty()) throw std::runtime_error(folder.error());
  GitExport limits;
  limits.max_bytes = o.max_folder_size;
  std::string error;
  if (!export_git_folder(side, folder.path(), limits, error)) {
    print_error(error);
    return std::nullopt;
  }
  return compile_side(folder.path(), side, side, o, diags);
}

// ---------------------------------------------------------------------------
// Text

constexpr std::size_t kContextWords = 6;

struct Style {
  bool color = false;
  std::string del(const std::string& s) const {
    return color ? "\x1b[31m" + s + "\x1b[0m" : "[-" + s + "-]";
  }
  std::string ins(const std::string& s) const {
    return color ? "\x1b[32m" + s + "\x1b[0m" : "{+" + s + "+}";
  }
  std::string bold(const std::string& s) const { return color ? "\x1b[1m" + s + "\x1b[0m" : s; }
};

// The changed words with a few words of context around each change.
std::string words_text(const std::vector<Word>& words, const Style& style) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const Word& w = words[i];
    const std::string t = text::printable(w.text);
    if (!out.empty()) out += ' ';
    if (w.op == Word::Op::deleted) {
      out += style.del(t);
    } else if (w.op == Word::Op::inserted) {
      out += style.ins(t);
    } else {
      // Context: the end of a run before a change, the start of one after.
      std::vector<std::string_view> parts;
      std::string_view rest = w.text;
      for (std::size_t sp; (sp = rest.find(' ')) != std::string_view::npos;) {
        parts.push_back(rest.substr(0, sp));
        rest.remove_prefix(sp + 1);
      }
      parts.push_back(rest);
      const bool before = i > 0, after = i + 1 < words.size();
      const std::size_t keep = (before ? kContextWords : 0) + (after ? kContextWords : 0);
      if (parts.size() <= keep) {
        out += t;
        continue;
      }
      std::string head, tail;
      for (std::size_t k = 0; before && k < kContextWords; ++k)
        head += std::string(k ? " " : "") + std::string(parts[k]);
      for (std::size_t k = parts.size() - (after ? kContextWords : 0); k < parts.size(); ++k)
        tail += std::string(tail.empty() ? "" : " ") + std::string(parts[k]);
      out += text::printable(head);
      if (!head.empty()) out += ' ';
      out += "...";
      if (!tail.empty()) out += ' ' + text::printable(tail);
    }
  }
  return out;
}

std::string unit_text(diff::Unit::Kind what, const std::string& number, const std::string& label) {
  std::string s = diff::unit_name(what);
  if (!number.empty()) {
    s += ' ' + number;
  } else if (what == diff::Unit::Kind::paragraph) {
    s = "unnumbered paragraph";
  } else if (what == diff::Unit::Kind::cover || what == diff::Unit::Kind::summary) {
    s += ' ' + label;
  }
  return text::printable(s);
}

std::string format_text(const std::vector<Change>& changes, const std::string& old_name,
                        const std::string& new_name, bool color) {
  Style style{color};
  std::string out = style.bold("--- " + text::printable(old_name)) + "\n" +
                    style.bold("+++ " + text::printable(new_name)) + "\n";
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const Change& c = changes[i];
    if (c.kind == Change::Kind::renumbered) {
      // A run of units only renumbered is one quiet line.
      std::size_t j = i;
      while (j + 1 < changes.size() && changes[j + 1].kind == Change::Kind::renumbered &&
             changes[j + 1].what == c.what)
        ++j;
      const Change& last = changes[j];
      const std::size_t n = j - i + 1;
      std::string what = diff::unit_name(c.what);
      if (n == 1) {
        out += fmt::format("renumbered {} {}, was {}\n", what, text::printable(c.new_number),
                           text::printable(c.old_number));
      } else {
        out += fmt::format("renumbered {} {}s: {}\u2013{} are now {}\u2013{}\n", n, what,
                           text::printable(c.old_number), text::printable(last.old_number),
                           text::printable(c.new_number), text::printable(last.new_number));
      }
      i = j;
      continue;
    }
    const std::string kind = diff::kind_name(c.kind);
    switch (c.kind) {
      case Change::Kind::inserted:
        out += style.bold(kind + " " + unit_text(c.what, c.new_number, c.label)) + "\n";
        out += "  " + style.ins(text::printable(c.text)) + "\n";
        break;
      case Change::Kind::deleted:
        out += style.bold(kind + " " + unit_text(c.what, c.old_number, c.label)) +
               (c.old_number.empty() ? "" : " (old numbering)") + "\n";
        out += "  " + style.del(text::printable(c.text)) + "\n";
        break;
      case Change::Kind::changed:
      case Change::Kind::moved: {
        std::string head = kind + " " + unit_text(c.what, c.new_number, c.label);
        if (c.old_number != c.new_number && !c.old_number.empty())
          head += ", was " + text::printable(c.old_number);
        out += style.bold(head) + "\n";
        if (!c.words.empty()) out += "  " + words_text(c.words, style) + "\n";
        break;
      }
      case Change::Kind::renumbered:
        break;
    }
  }
  if (changes.empty()) out += "no change in the report\n";
  return out;
}

// ---------------------------------------------------------------------------
// JSON (schemas/diff.schema.json)

std::string format_json(const std::vector<Change>& changes, const std::string& old_name,
                        const std::string& new_name) {
  using json = nlohmann::ordered_json;
  json list = json::array();
  for (const Change& c : changes) {
    json j;
    j["kind"] = diff::kind_name(c.kind);
    j["what"] = diff::unit_name(c.what);
    j["old"] = c.has_old ? json(c.old_number) : json(nullptr);
    j["new"] = c.has_new ? json(c.new_number) : json(nullptr);
    j["label"] = c.label.empty() ? json(nullptr) : json(c.label);
    if (!c.text.empty()) j["text"] = c.text;
    if (!c.words.empty()) {
      json words = json::array();
      for (const Word& w : c.words) {
        const char* op = w.op == Word::Op::same       ? "same"
                         : w.op == Word::Op::inserted ? "inserted"
                                                      : "deleted";
        words.push_back({{"op", op}, {"text", w.text}});
      }
      j["words"] = std::move(words);
    }
    list.push_back(std::move(j));
  }
  json doc;
  doc["old"] = old_name;
  doc["new"] = new_name;
  doc["changes"] = std::move(list);
  // Invalid UTF-8 cannot reach here (the report's text is clean), but a
  // side's name comes from the command line.
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace

int run_diff(const DiffOptions& d) {
  const CommonOptions& o = d.common;
  if (o.dirs.size() != 2) throw UsageError("diff takes two versions: OLD and NEW");
  if (d.format != "text" && d.format != "json")
    throw UsageError("unknown diff format '" + d.format + "': expected text or json");
  check_options(o);
  PrintOptions print = make_print_options(o);
  std::optional<diff::Version> sides[2];
  bool failed = false;
  for (int i = 0; i < 2; ++i) {
    Diagnostics diags(make_policy(o));
    sides[i] = read_side(o.dirs[i], o, diags);
    diags.sort();
    if (!diags.all().empty() || diags.dropped() > 0)
      std::fputs(format_diagnostics(diags, print).c_str(), stderr);
    failed = failed || !sides[i];
  }
  if (failed) return kExitUsage;
  const std::vector<Change> changes = diff::compare(*sides[0], *sides[1]);
  const std::string out =
      d.format == "json" ? format_json(changes, o.dirs[0], o.dirs[1])
                         : format_text(changes, o.dirs[0], o.dirs[1], stdout_in_colour(o.color));
  std::fwrite(out.data(), 1, out.size(), stdout);
  return changes.empty() ? kExitOk : kExitInvalid;
}

}  // namespace cwg
