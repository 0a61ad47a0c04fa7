// `cwgreport freeze DIR`: records the numbers of the report as circulated in
// DIR/frozen.yaml, and gives every numbered section, annex and paragraph
// without a label one, written into its source file, so that later builds
// find each circulated unit again whatever is edited around it.
//
// The sources are edited as text, never reformatted: a `label:` line is
// inserted before the first key of a mapping, at its indentation, and a
// paragraph written as a plain string becomes a mapping of `label` and
// `text`, its continuation lines indented by as much as its text moved. Each
// edited file is read again and must give the same tree with the labels
// added, or nothing is written.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check/model.h"
#include "driver/driver.h"
#include "driver/output.h"
#include "source/folder_path.h"
#include "source/loader.h"
#include "source/translations.h"
#include "text/printable.h"

namespace cwg {

namespace fs = std::filesystem;

namespace {

// One label to write: into the section file's root mapping (`paragraph` is
// npos) or into its paragraph number `paragraph`.
struct LabelEdit {
  std::size_t paragraph = std::string::npos;
  std::string label;
};

// The header of frozen.yaml: what the file is and who writes it.
constexpr std::string_view kFrozenHeader =
    "# The numbers of this report as circulated, by label: every build keeps\n"
    "# them. A paragraph inserted since is numbered after the one before it\n"
    "# (6.3bis, 6.3ter ...); a deleted one stays in its section with\n"
    "# 'deleted: true'. Written by 'cwgreport freeze'; commit it with the\n"
    "# sources, and run 'cwgreport freeze' again to circulate a revision.\n";

// A double-quoted YAML scalar. Numbers and labels hold no control
// character; a quote or a backslash is escaped all the same.
std::string yaml_quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// Trees compared as the loader reads them: kinds, values and order, not
// positions.
bool same_tree(const yaml::Node& a, const yaml::Node& b) {
  if (a.kind != b.kind || a.value != b.value || a.plain != b.plain) return false;
  if (a.items.size() != b.items.size() || a.entries.size() != b.entries.size()) return false;
  for (std::size_t i = 0; i < a.items.size(); ++i)
    if (!same_tree(a.items[i], b.items[i])) return false;
  for (std::size_t i = 0; i < a.entries.size(); ++i)
    if (!same_tree(a.entries[i].key, b.entries[i].key) ||
        !same_tree(a.entries[i].value, b.entries[i].value))
      return false;
  return true;
}

yaml::Node scalar(std::string value) {
  yaml::Node n;
  n.kind = yaml::Kind::scalar;
  n.value = std::move(value);
  n.plain = true;
  return n;
}

// The tree `root` is expected to become once `edits` are made.
yaml::Node expected_tree(yaml::Node root, const std::vector<LabelEdit>& edits) {
  auto add_label = [](yaml::Node& map, const std::string& label) {
    map.entries.insert(map.entries.begin(), yaml::Entry{scalar("label"), scalar(label)});
  };
  yaml::Node* paragraphs = nullptr;
  for (auto& entry : root.entries)
    if (entry.key.value == "paragraphs") paragraphs = &entry.value;
  for (const LabelEdit& e : edits) {
    if (e.paragraph == std::string::npos || !paragraphs) continue;  // the root's: below
    yaml::Node& p = paragraphs->items.at(e.paragraph);
    if (p.is_map()) {
      add_label(p, e.label);
    } else {
      yaml::Node map;
      map.kind = yaml::Kind::map;
      map.entries.push_back(yaml::Entry{scalar("text"), std::move(p)});
      add_label(map, e.label);
      p = std::move(map);
    }
  }
  for (const LabelEdit& e : edits)
    if (e.paragraph == std::string::npos) add_label(root, e.label);
  return root;
}

// The text of a section file with `edits` made, or nothing when a label
// cannot be added without rewriting more than its line (a flow mapping, a
// block scalar with an explicit indentation).
std::optional<std::string> edit_section_file(const std::string& text, const yaml::Node& root,
                                             const std::vector<LabelEdit>& edits,
                                             std::string& problem) {
  const std::string nl = text.find("\r\n") != std::string::npos ? "\r\n" : "\n";
  auto line_start = [&](std::size_t offset) {
    std::size_t s = text.rfind('\n', offset == 0 ? 0 : offset - 1);
    return s == std::string::npos || offset == 0 ? std::size_t{0} : s + 1;
  };
  // Insertions at byte offsets, made from the end so that offsets hold.
  std::map<std::size_t, std::string, std::greater<>> inserts;
  // Where every node of the file starts, in order: a string paragraph ends
  // before the next one.
  std::vector<std::size_t> starts;
  std::vector<const yaml::Node*> stack = {&root};
  while (!stack.empty()) {
    const yaml::Node* n = stack.back();
    stack.pop_back();
    starts.push_back(n->offset);
    for (const auto& i : n->items) stack.push_back(&i);
    for (const auto& en : n->entries) {
      starts.push_back(en.key.offset);
      stack.push_back(&en.value);
    }
  }
  std::sort(starts.begin(), starts.end());
  const yaml::Node* paragraphs = root.find("paragraphs");
  for (const LabelEdit& e : edits) {
    const yaml::Node* node = &root;
    if (e.paragraph != std::string::npos) {
      if (!paragraphs || e.paragraph >= paragraphs->items.size()) {
        problem = "the paragraph is not where the file was read";
        return std::nullopt;
      }
      node = &paragraphs->items[e.paragraph];
    }
    if (node->is_map()) {
      // Before the first key, at its column.
      if (node->entries.empty()) {
        problem = "an empty mapping";
        return std::nullopt;
      }
      const std::size_t at = node->entries.front().key.offset;
      if (text[node->offset] == '{' || text[at] == '{') {
        problem = "a mapping written in braces";
        return std::nullopt;
      }
      inserts[at] +=
          fmt::format("label: {}{}{}", e.label, nl, std::string(at - line_start(at), ' '));
      continue;
    }
    // A string paragraph becomes `label:` and `text:` at the string's column.
    const std::size_t at = node->offset;
    const std::size_t start = line_start(at);
    const std::size_t column = at - start;
    const std::size_t dash = text.rfind('-', at);
    if (dash == std::string::npos || dash < start) {
      problem = "a paragraph not written as an item of 'paragraphs'";
      return std::nullopt;
    }
    inserts[at] += fmt::format("label: {}{}{}text: ", e.label, nl, std::string(column, ' '));
    // Its continuation lines move right as far as the text did, up to the
    // next node of the file.
    auto after = std::upper_bound(starts.begin(), starts.end(), at);
    const std::size_t end = after == starts.end() ? text.size() : line_start(*after);
    const bool block = text[at] == '>' || text[at] == '|';
    if (block) {
      std::size_t header_end = text.find('\n', at);
      std::string_view header(text.data() + at,
                              (header_end == std::string::npos ? text.size() : header_end) - at);
      if (header.find_first_of("123456789") != std::string_view::npos) {
        problem = "a block scalar with an explicit indentation";
        return std::nullopt;
      }
    }
    const std::string shift(column - (dash - start), ' ');
    std::size_t content_indent = 0;  // a block scalar's, from its first line
    std::size_t pos = text.find('\n', at);
    while (pos != std::string::npos && pos + 1 < end) {
      const std::size_t ls = pos + 1;
      std::size_t le = text.find('\n', ls);
      if (le == std::string::npos) le = text.size();
      std::string_view line(text.data() + ls, le - ls);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      const std::size_t indent = line.find_first_not_of(' ');
      const bool blank = indent == std::string_view::npos;
      if (block) {
        if (!blank && content_indent == 0) content_indent = indent;
        if (!blank && indent < content_indent) break;
        if (!(blank && line.size() < std::max<std::size_t>(content_indent, 1)))
          inserts[ls] += shift;
      } else {
        if (!blank && line[indent] == '#') break;
        if (!blank) inserts[ls] += shift;
      }
      pos = le;
    }
  }
  std::string out = text;
  for (const auto& [offset, s] : inserts) out.insert(offset, s);
  return out;
}

struct FreezePlan {
  std::vector<OutputFile> files;   // the section files edited, then frozen.yaml
  std::vector<std::string> lines;  // what is printed once they are written
};

// The keys a translation file gives the paragraphs freeze labels: "paragraph
// 3" (and its parts, "paragraph 3 item 2") becomes "paragraph LABEL", as the
// checker keys a labelled paragraph. `renames` maps old keys to new ones.
// The keys are edited as text where they are written; nothing when one is
// not written plainly, or when the edited file would read otherwise than
// with the keys renamed.
std::optional<std::string> rename_translation_keys(
    const std::string& text, const TranslationFile& file,
    const std::vector<std::pair<std::string, std::string>>& renames, std::size_t& renamed) {
  std::vector<std::pair<std::size_t, std::pair<std::string, std::string>>> edits;
  std::map<std::string, std::string> new_keys;
  for (const TranslationEntry& e : file.entries) {
    for (const auto& [from, to] : renames) {
      const std::string& key = e.key.value;
      if (key != from && !key.starts_with(from + " ")) continue;
      if (text.compare(e.key.offset, key.size(), key) != 0) return std::nullopt;  // quoted
      std::string now = to + key.substr(from.size());
      new_keys[key] = now;
      edits.push_back({e.key.offset, {key, std::move(now)}});
      break;
    }
  }
  renamed = edits.size();
  if (edits.empty()) return text;
  std::sort(edits.begin(), edits.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  std::string out = text;
  for (const auto& [at, change] : edits) out.replace(at, change.first.size(), change.second);
  Diagnostics before, after;
  auto a = yaml::parse(text, file.shown, before);
  auto b = yaml::parse(out, file.shown, after);
  if (!a || !b || before.has_errors() || after.has_errors() || !a->is_map()) return std::nullopt;
  for (auto& entry : a->entries)
    if (auto it = new_keys.find(entry.key.value); it != new_keys.end())
      entry.key.value = it->second;
  if (!same_tree(*a, *b)) return std::nullopt;
  return out;
}

// The labels `src` lacks and the numbers `model` gives, as files to write;
// nothing when a label cannot be written (reported to `io`).
std::optional<FreezePlan> plan_freeze(const std::string& dir, const Sources& src,
                                      const Model& model, const Diagnostics& diags,
                                      FolderOutput& io) {
  std::error_code ec;
  const std::string base = fs::canonical(dir, ec).string();
  if (ec) {
    io.error("cannot read '" + dir + "': " + reason_of(ec.value()));
    return std::nullopt;
  }
  const fs::path shown_dir = fs::path(dir).lexically_normal();
  // The real path (no symbolic link left) of a file the loader read.
  auto real_path = [&](const std::string& shown) -> std::optional<std::string> {
    const std::string rel = fs::path(shown).lexically_relative(shown_dir).generic_string();
    FolderPath where = resolve_in_folder(base, rel);
    if (where.status != FolderPath::Status::found && where.status != FolderPath::Status::missing) {
      io.error("cannot write '" + shown + "': " +
               (where.status == FolderPath::Status::outside
                    ? std::string("it leads outside the meeting folder")
                    : reason_of(where.error)));
      return std::nullopt;
    }
    return where.path;
  };

  FreezePlan plan;
  std::string frozen = std::string(kFrozenHeader);
  std::vector<std::string> sections, annexes, paragraphs, items;
  auto entry = [](const std::string& label, const std::string& number) {
    return fmt::format("  {}: {}\n", label, yaml_quoted(number));
  };
  // Items are walked in print order; their numbers are the checker's.
  auto walk_items = [&](auto&& self, const List& list) -> void {
    for (const auto& item : list.items) {
      if (item.label.present && !item.label.value.empty()) {
        auto it = model.labels.find(item.label.value);
        if (it != model.labels.end()) items.push_back(entry(item.label.value, it->second.number));
      }
      for (const auto& l : item.list) self(self, l);
    }
  };
  // Translation keys to rename, by the original file they translate.
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> renames;
  for (const bool annex : {false, true}) {
    const auto& src_sections = annex ? src.annexes : src.sections;
    const auto& infos = annex ? model.annexes : model.sections;
    for (std::size_t i = 0; i < src_sections.size() && i < infos.size(); ++i) {
      const Section& s = src_sections[i];
      const SectionInfo& info = infos[i];
      std::vector<LabelEdit> edits;
      std::string label = s.label.present ? s.label.value : "";
      if (label.empty()) {
        label = info.anchor;
        edits.push_back({std::string::npos, label});
      }
      // The number without the trailing dot a report may print.
      auto bare = [&](std::string n) {
        if (!n.empty() && n.back() == '.') n.pop_back();
        return n;
      };
      (annex ? annexes : sections).push_back(entry(label, bare(info.number)));
      for (std::size_t j = 0; j < s.paragraphs.size() && j < info.paragraphs.size(); ++j) {
        const Paragraph& p = s.paragraphs[j];
        const ParagraphInfo& pi = info.paragraphs[j];
        for (const auto& l : p.list) walk_items(walk_items, l);
        if (pi.number.empty()) continue;
        std::string plabel = p.label.present ? p.label.value : "";
        if (plabel.empty()) {
          plabel = pi.anchor;
          edits.push_back({j, plabel});
        }
        paragraphs.push_back(entry(plabel, bare(pi.number)));
      }
      if (edits.empty()) continue;
      for (const auto& e : edits) {
        if (e.paragraph != std::string::npos)
          renames[section_file(src, s)].push_back(
              {"paragraph " + std::to_string(e.paragraph + 1), "paragraph " + e.label});
      }
      const std::string* text = diags.sources().find(s.loc.file);
      if (!text) {
        io.error("cannot read '" + s.loc.file + "' again to label it");
        return std::nullopt;
      }
      Diagnostics scratch;
      auto root = yaml::parse(*text, s.loc.file, scratch);
      std::string problem;
      std::optional<std::string> edited;
      if (root && root->is_map() && !scratch.has_errors())
        edited = edit_section_file(*text, *root, edits, problem);
      if (edited) {
        Diagnostics again;
        auto reread = yaml::parse(*edited, s.loc.file, again);
        if (!reread || again.has_errors() || !same_tree(*reread, expected_tree(*root, edits))) {
          edited.reset();
          problem = "the file would read differently";
        }
      }
      if (!edited) {
        io.error(fmt::format(
            "cannot add the labels of '{}' without rewriting it ({}): write "
            "them by hand ({}), then freeze again",
            s.loc.file, problem, [&] {
              std::string names;
              for (const auto& e : edits)
                names += (names.empty() ? "" : ", ") + std::string("'label: ") + e.label + "'";
              return names;
            }()));
        return std::nullopt;
      }
      auto path = real_path(s.loc.file);
      if (!path) return std::nullopt;
      plan.files.push_back({*path, std::move(*edited)});
      const std::size_t labelled_paragraphs =
          edits.size() - (edits.front().paragraph == std::string::npos ? 1 : 0);
      std::vector<std::string> what;
      if (edits.front().paragraph == std::string::npos)
        what.push_back(annex ? "the annex" : "the section");
      if (labelled_paragraphs > 0)
        what.push_back(fmt::format("{} paragraph{}", labelled_paragraphs,
                                   labelled_paragraphs == 1 ? "" : "s"));
      plan.lines.push_back(fmt::format("labelled {} in {}",
                                       what.size() == 2 ? what[0] + " and " + what[1] : what[0],
                                       text::printable(s.loc.file)));
    }
  }
  // A translation keyed an unlabelled paragraph by its position; the label
  // would leave that entry naming nothing, and the translated report would
  // print the paragraph in the original's language.
  for (const std::string& language :
       renames.empty() ? std::vector<std::string>{} : translation_languages(dir)) {
    Diagnostics scratch;
    auto translations = load_translations(src, language, scratch);
    if (!translations) continue;
    for (const TranslationFile& file : translations->files) {
      auto it = renames.find(file.original);
      if (!file.found || it == renames.end()) continue;
      const std::string* text = scratch.sources().find(file.shown);
      std::size_t renamed = 0;
      std::optional<std::string> edited;
      if (text && file.complete) edited = rename_translation_keys(*text, file, it->second, renamed);
      if (!edited) {
        io.error(fmt::format(
            "cannot rename the keys of the paragraphs labelled in '{}' without rewriting it: "
            "rename them by hand ('paragraph N' to 'paragraph LABEL'), then freeze again",
            text::printable(file.shown)));
        return std::nullopt;
      }
      if (renamed == 0) continue;
      auto path = real_path(file.shown);
      if (!path) return std::nullopt;
      plan.files.push_back({*path, std::move(*edited)});
      plan.lines.push_back(fmt::format("renamed {} key{} in {}", renamed, renamed == 1 ? "" : "s",
                                       text::printable(file.shown)));
    }
  }
  std::size_t numbers = 0;
  for (const auto& [key, list] : {std::pair{"sections", &sections},
                                  {"annexes", &annexes},
                                  {"paragraphs", &paragraphs},
                                  {"items", &items}}) {
    if (list->empty()) continue;
    frozen += std::string(key) + ":\n";
    for (const auto& line : *list) frozen += line;
    numbers += list->size();
  }
  const std::string frozen_shown = (shown_dir / kFrozenFile).generic_string();
  auto frozen_path = real_path(frozen_shown);
  if (!frozen_path) return std::nullopt;
  plan.files.push_back({*frozen_path, std::move(frozen)});
  plan.lines.push_back(
      fmt::format("wrote {} ({} numbers)", text::printable(frozen_shown), numbers));
  return plan;
}

}  // namespace

int run_freeze(const CommonOptions& o, FolderOutput& io) {
  check_options(o);
  Diagnostics diags(make_policy(o));
  PrintOptions print = make_print_options(o);
  yaml::Limits limits;
  limits.max_file_bytes = o.max_file_size;
  limits.max_folder_bytes = o.max_folder_size;
  limits.max_nodes = std::max<std::size_t>(1, o.max_folder_size / yaml::Limits::kBytesPerNode);
  TextLimits text_limits;
  text_limits.max_field_bytes = o.max_field_size;
  auto sources = load_sources(o.dir, diags, limits);
  std::optional<Model> model;
  std::shared_ptr<const Sources> src;
  if (sources) {
    src = std::make_shared<const Sources>(std::move(*sources));
    model.emplace(check_sources(src, diags, text_limits));
  }
  diags.sort();
  io.errors = diags.error_count();
  io.warnings = diags.warning_count();
  if (!diags.all().empty() || diags.dropped() > 0) io.write_err(format_diagnostics(diags, print));
  if (!model || diags.has_errors()) {
    io.error("'" + o.dir + "' has errors: nothing frozen, no file changed");
    return kExitInvalid;
  }
  auto plan = plan_freeze(o.dir, *src, *model, diags, io);
  if (!plan) return kExitInvalid;
  if (auto err = write_files(plan->files)) {
    io.error("cannot write '" + err->path + "': " + err->reason + "; no file changed");
    return kExitInvalid;
  }
  if (!o.quiet)
    for (const auto& line : plan->lines) io.write_out(line + "\n");
  return kExitOk;
}

}  // namespace cwg
