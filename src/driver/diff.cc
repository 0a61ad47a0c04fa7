// `cwgreport diff OLD NEW`: each side compiled as a build would, then
// compared as reports (src/diff/), and the changes printed.
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <tuple>

#include "build/report_builder.h"
#include "check/model.h"
#include "diff/redline.h"
#include "diff/report_diff.h"
#include "driver/child.h"
#include "driver/driver.h"
#include "driver/git_folder.h"
#include "driver/output.h"
#include "lang/labels.h"
#include "lang/ordinals.h"
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

// One version compiled: its report tree, and its units with the labels and
// the register the diff matches by.
struct Side {
  diff::Version version;
  tree::Report report;
  std::string date;  // the document's date, YYYY-MM-DD, or ""
};

bool iso_date(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (d[i] < '0' || d[i] > '9') return false;
  return true;
}

// One side compiled: its report, with the labels and the register the diff
// matches by. Nothing when the sources have an error (reported to `diags`).
std::optional<Side> compile_side(const std::string& dir, const std::string& name,
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
  std::vector<std::vector<diff::ParagraphKey>> paragraphs;
  for (const auto& [sections, infos] :
       {std::pair{&src->sections, &model.sections}, std::pair{&src->annexes, &model.annexes}}) {
    for (std::size_t i = 0; i < sections->size(); ++i) {
      const Section& s = (*sections)[i];
      section_labels.push_back(s.label.present ? s.label.value : "");
      auto& keys = paragraphs.emplace_back();
      for (std::size_t j = 0; j < s.paragraphs.size(); ++j) {
        // A withdrawn paragraph the report omits prints nothing, and the
        // keys follow what the report prints.
        if (i < infos->size() && j < (*infos)[i].paragraphs.size() &&
            (*infos)[i].paragraphs[j].omitted)
          continue;
        const Paragraph& p = s.paragraphs[j];
        keys.push_back({p.label.present ? p.label.value : "", p.deleted});
      }
    }
  }
  std::vector<std::string> preamble_labels;
  for (const Section& s : src->preamble)
    for (const Paragraph& p : s.paragraphs)
      preamble_labels.push_back(p.label.present ? p.label.value : "");
  std::vector<diff::RegisterEntry> entries;
  for (std::size_t i = 0; i < model.documents.size() && i < src->documents.size(); ++i) {
    const DocumentInfo& d = model.documents[i];
    entries.push_back({d.key, d.symbol, src->documents[i].title.value});
  }
  // The date a redline's tracked changes carry: the document's own, else
  // the day of its last meeting.
  std::string date;
  if (src->cover && iso_date(src->cover->date.value)) date = src->cover->date.value;
  for (const Meeting& m : src->meetings) {
    if (!date.empty()) break;
    for (const Text* d : {&m.end_date, &m.date})
      if (date.empty() && iso_date(d->value)) date = d->value;
  }
  Side side;
  side.report = build_report(std::move(model));
  side.version =
      diff::version_of(name, side.report, section_labels, paragraphs, entries, preamble_labels);
  side.date = std::move(date);
  return side;
}

// A side is a folder, or a git revision of one read into a private folder.
std::optional<Side> read_side(const std::string& side, const CommonOptions& o, Diagnostics& diags) {
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

// An unnumbered paragraph is placed by what its section prints before it:
// "unnumbered paragraph after 6.3", "the 2nd unnumbered paragraph after
// 6.3", "unnumbered paragraph at the start of section 6", "the 3rd
// unnumbered paragraph of annex Annex 1".
std::string unit_text(diff::Unit::Kind what, const std::string& number, const std::string& label,
                      const std::string& in = {}, const std::string& after = {},
                      std::size_t nth = 0) {
  // The preamble prints no numbers: its paragraphs are named by place.
  if (what == diff::Unit::Kind::preamble)
    return text::printable("paragraph " + number + " of the preamble");
  if (what == diff::Unit::Kind::contents) return "table of contents";
  if (what == diff::Unit::Kind::signature) return text::printable(label);
  std::string s = diff::unit_name(what);
  if (!number.empty()) {
    s += ' ' + number;
  } else if (what == diff::Unit::Kind::paragraph) {
    s = "unnumbered paragraph";
    if (nth > 1) s = "the " + ordinal_numeral(static_cast<long>(nth)) + " " + s;
    if (!after.empty())
      s += " after " + after;
    else if (!in.empty())
      s += (nth > 1 ? " of " : " at the start of ") + in;
  } else if (what == diff::Unit::Kind::cover || what == diff::Unit::Kind::summary ||
             what == diff::Unit::Kind::record) {
    s += ' ' + label;
  }
  return text::printable(s);
}

// A unit in both versions, by its new number, then its old one where it
// differs: "paragraph 6.4, was 6.3"; "paragraph 1.1, was paragraph 1 of the
// preamble" when it moved out of the preamble (whose places are not numbers).
std::string now_and_was(const Change& c) {
  std::string s = unit_text(c.what, c.new_number, c.label, c.in, c.after, c.nth);
  if (c.old_what != c.what) {
    s += ", was " + unit_text(c.old_what, c.old_number, c.label);
  } else if (c.old_number != c.new_number) {
    // A number lost reads "unnumbered paragraph after 7.1, was 7.2".
    s += ", was " + (c.old_number.empty() ? "unnumbered" : text::printable(c.old_number));
  }
  return s;
}

// Whether `b` is the number after `a`: the same but for the digits that end
// them (before the dot of the trailing-dot style), and those one more ("7.4"
// after "7.3", "6.10." after "6.9.", "Annex 2" after "Annex 1"). Not "7.5"
// after "7.3", "7.1" after "6.15", "6.3ter" after "6.3bis", nor "" after
// anything.
bool follows(std::string_view a, std::string_view b) {
  auto split = [](std::string_view s) {
    std::size_t end = s.ends_with('.') ? s.size() - 1 : s.size(), at = end;
    while (at > 0 && s[at - 1] >= '0' && s[at - 1] <= '9') --at;
    return std::tuple{s.substr(0, at), s.substr(at, end - at), s.substr(end)};
  };
  const auto [a_head, a_digits, a_tail] = split(a);
  const auto [b_head, b_digits, b_tail] = split(b);
  if (a_digits.empty() || b_digits.empty() || a_head != b_head || a_tail != b_tail) return false;
  // Past 18 digits the value could overflow: no number a report prints.
  if (a_digits.size() > 18 || b_digits.size() > 18) return false;
  return std::stoull(std::string(a_digits)) + 1 == std::stoull(std::string(b_digits));
}

// Whether `next` continues a run of renumbered units ending at `last`: of
// the same kind, with numbers consecutive in both versions, so that a range
// ("6.3–6.4 are now 6.4–6.5") says of each unit what became of it.
bool continues_run(const Change& last, const Change& next) {
  return next.kind == Change::Kind::renumbered && next.what == last.what &&
         next.old_what == next.what && last.old_what == last.what &&
         follows(last.old_number, next.old_number) && follows(last.new_number, next.new_number);
}

std::string format_text(const std::vector<Change>& changes, const std::string& old_name,
                        const std::string& new_name, bool color) {
  Style style{color};
  std::string out = style.bold("--- " + text::printable(old_name)) + "\n" +
                    style.bold("+++ " + text::printable(new_name)) + "\n";
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const Change& c = changes[i];
    if (c.kind == Change::Kind::renumbered) {
      // A run of units only renumbered is one quiet line. A unit moved out
      // of the preamble or into it, or that lost or gained its number, is a
      // line of its own.
      std::size_t j = i;
      while (j + 1 < changes.size() && continues_run(changes[j], changes[j + 1])) ++j;
      const Change& last = changes[j];
      const std::size_t n = j - i + 1;
      if (n == 1) {
        out += "renumbered " + now_and_was(c) + "\n";
      } else {
        out += fmt::format("renumbered {} {}s: {}\u2013{} are now {}\u2013{}\n", n,
                           diff::unit_name(c.what), text::printable(c.old_number),
                           text::printable(last.old_number), text::printable(c.new_number),
                           text::printable(last.new_number));
      }
      i = j;
      continue;
    }
    const std::string kind = diff::kind_name(c.kind);
    switch (c.kind) {
      case Change::Kind::inserted:
        out += style.bold(kind + " " +
                          unit_text(c.what, c.new_number, c.label, c.in, c.after, c.nth)) +
               "\n";
        out += "  " + style.ins(text::printable(c.text)) + "\n";
        break;
      case Change::Kind::deleted:
        out += style.bold(kind + " " +
                          unit_text(c.what, c.old_number, c.label, c.in, c.after, c.nth)) +
               (c.old_number.empty() && c.after.empty() ? "" : " (old numbering)") + "\n";
        out += "  " + style.del(text::printable(c.text)) + "\n";
        break;
      case Change::Kind::changed:
      case Change::Kind::moved:
        out += style.bold(kind + " " + now_and_was(c)) + "\n";
        if (!c.words.empty()) out += "  " + words_text(c.words, style) + "\n";
        break;
      case Change::Kind::withdrawn:
        out += style.bold(kind + " " + now_and_was(c)) + "\n";
        out += "  " + style.del(text::printable(c.text)) + "\n";
        break;
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
    if (c.old_what != c.what) j["old_what"] = diff::unit_name(c.old_what);
    j["old"] = c.has_old ? json(c.old_number) : json(nullptr);
    j["new"] = c.has_new ? json(c.new_number) : json(nullptr);
    j["label"] = c.label.empty() ? json(nullptr) : json(c.label);
    if (!c.in.empty()) j["in"] = c.in;
    if (!c.after.empty()) j["after"] = c.after;
    if (c.nth > 0) j["nth"] = c.nth;
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

// Whether `path` is a YAML file in the folder `dir`, which the output must
// never replace: a redline written over a section would destroy it.
bool inside_sources(const std::string& path, const std::string& dir) {
  std::error_code ec_path, ec_dir;
  const std::filesystem::path target = std::filesystem::weakly_canonical(path, ec_path);
  const std::filesystem::path root = std::filesystem::weakly_canonical(dir, ec_dir);
  if (ec_path || ec_dir) return false;
  const std::filesystem::path rel = target.lexically_relative(root);
  if (rel.empty() || *rel.begin() == "..") return false;
  const std::string ext = target.extension().string();
  return ext == ".yaml" || ext == ".yml";
}

// What a redline's marks mean, said before the report, in the words of
// the new version's language.
std::vector<ChangeMarks::Run> legend(const lang::Labels& l, const std::string& old_name,
                                     const std::string& new_name, bool same) {
  using Mark = ChangeMarks::Mark;
  const std::string versions = fmt::format(
      fmt::runtime(same ? l.redline_no_change : l.redline_versions),
      fmt::arg("old", text::printable(old_name)), fmt::arg("new", text::printable(new_name)));
  std::vector<ChangeMarks::Run> runs{{Mark::none, versions}};
  if (same) return runs;
  // The pattern, with the two samples of marked text where it puts them.
  std::string_view rest = l.redline_legend;
  while (!rest.empty()) {
    const std::size_t ins = rest.find("{inserted}"), del = rest.find("{deleted}");
    const std::size_t at = std::min(ins, del);
    if (at == std::string_view::npos) {
      runs.push_back({Mark::none, std::string(rest)});
      break;
    }
    if (at > 0) runs.push_back({Mark::none, std::string(rest.substr(0, at))});
    if (at == ins) {
      runs.push_back({Mark::inserted, std::string(l.redline_inserted_sample)});
      rest.remove_prefix(at + std::string_view("{inserted}").size());
    } else {
      runs.push_back({Mark::deleted, std::string(l.redline_deleted_sample)});
      rest.remove_prefix(at + std::string_view("{deleted}").size());
    }
  }
  return runs;
}

// The whole of `text` on standard output: whether it was written. Written
// to the descriptor, past stdio, and reported here: main would report a
// failure left in stdout's buffer with the status of build (1), which for
// diff says that the reports differ.
bool write_stdout(std::string_view text) {
  int err = 0;
  while (!text.empty()) {
    const ssize_t n = ::write(STDOUT_FILENO, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      err = n < 0 ? errno : EIO;
      break;
    }
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  if (err == 0) return true;
  print_error("cannot write standard output: " + reason_of(err));
  return false;
}

}  // namespace

int run_diff(const DiffOptions& d) {
  const CommonOptions& o = d.common;
  if (o.dirs.size() != 2) throw UsageError("diff takes two versions: OLD and NEW");
  if (d.format != "text" && d.format != "json" && d.format != "html" && d.format != "docx")
    throw UsageError("unknown diff format '" + d.format + "': expected text, json, html or docx");
  // Checked before any work: a zip on a terminal is noise, and may be
  // read as commands.
  if (d.format == "docx" && d.output.empty() && ::isatty(STDOUT_FILENO))
    throw UsageError(
        "a docx redline is binary, not for a terminal: write it to a file with -o FILE or "
        "redirect the output");
  check_options(o);
  if (!d.output.empty()) {
    for (const std::string& side : o.dirs)
      if (!is_git_revision(side) && inside_sources(d.output, side))
        throw UsageError("cannot write '" + text::printable(d.output) +
                         "': it would be a source file of '" + text::printable(side) + "'");
  }
  // The date of the tracked changes: SOURCE_DATE_EPOCH, read (and checked)
  // before any work.
  const std::string epoch = d.format == "docx" ? source_date_epoch() : std::string();
  PrintOptions print = make_print_options(o);
  std::optional<Side> sides[2];
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
  diff::Alignment alignment;
  const std::vector<Change> changes =
      diff::compare(sides[0]->version, sides[1]->version, {}, &alignment);
  std::string out;
  if (d.format == "json") {
    out = format_json(changes, o.dirs[0], o.dirs[1]);
  } else if (d.format == "html" || d.format == "docx") {
    // The redline's own words are the new version's language's.
    const lang::Labels& words = lang::labels(sides[1]->report.language);
    diff::RedlineOptions ro;
    ro.moves_as_edits = d.format == "docx";
    ro.moved = words.redline_moved;
    ro.moved_from = words.redline_moved_from;
    auto red = diff::redline(sides[0]->report, sides[0]->version, sides[1]->report,
                             sides[1]->version, alignment, ro);
    red->marks.legend = legend(words, o.dirs[0], o.dirs[1], changes.empty());
    red->marks.language = sides[1]->report.language;
    red->marks.inserted_words = words.redline_inserted;
    red->marks.deleted_words = words.redline_deleted;
    red->marks.end_words = words.redline_end;
    red->marks.author = d.author;
    red->marks.date = !epoch.empty()            ? epoch
                      : !sides[1]->date.empty() ? sides[1]->date + "T00:00:00Z"
                                                : "1970-01-01T00:00:00Z";
    RenderOptions ropts;
    ropts.changes = &red->marks;
    ropts.timestamp = epoch;
    out = d.format == "html" ? render_html(red->report, ropts) : render_docx(red->report, ropts);
  } else {
    const bool colour = d.output.empty() && stdout_in_colour(o.color);
    out = format_text(changes, o.dirs[0], o.dirs[1], colour);
  }
  if (d.output.empty()) {
    // 1 says that the reports differ: an output not written is 2, or a
    // script that takes 1 for "changed" would take the failure for success.
    if (!write_stdout(out)) return kExitUsage;
  } else {
    OutputFile file{d.output, std::move(out)};
    if (auto err = write_files({&file, 1})) {
      print_error("cannot write '" + text::printable(err->path) + "': " + err->reason);
      return kExitUsage;
    }
  }
  return changes.empty() ? kExitOk : kExitInvalid;
}

}  // namespace cwg
