// Reading translations/LANG/: every file a flat mapping of keys to
// {source, text}, so that a translator's change is one entry's lines in a
// diff. Paths are followed inside the meeting folder only, like the sources'.
#include "source/translations.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <system_error>

#include "lang/labels.h"
#include "source/folder_path.h"
#include "text/printable.h"

namespace cwg {

namespace fs = std::filesystem;

namespace {

constexpr std::array<const char*, 6> kLanguages = {"ar", "zh", "en", "fr", "ru", "es"};

std::string rtrim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

Text text_of(const yaml::Node& n) { return {rtrim(n.value), n.loc, n.offset, true}; }

std::size_t file_bytes(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return 0;
  return static_cast<std::size_t>(st.st_size);
}

// One entry's value: {source: HASH, text: TEXT}, both strings.
bool read_entry(const yaml::Entry& e, TranslationEntry& out, Diagnostics& diags) {
  out.key = text_of(e.key);
  if (!e.value.is_map()) {
    diags.report("wrong-type", e.value.loc.has_position() ? e.value.loc : e.key.loc,
                 fmt::format("the translation of '{}' is {}, expected a mapping with 'source' "
                             "and 'text'",
                             e.key.value, yaml::kind_name(e.value.kind)));
    return false;
  }
  bool ok = true;
  for (const auto& f : e.value.entries) {
    if (f.key.value == "source" || f.key.value == "text") continue;
    diags.report(
        "unknown-key", f.key.loc,
        fmt::format("unknown key '{}' in the translation of '{}'", f.key.value, e.key.value),
        {{{}, "valid keys here: 'source', 'text'"}});
    ok = false;
  }
  for (const char* key : {"source", "text"}) {
    const yaml::Node* n = e.value.find(key);
    if (!n) {
      diags.report("missing-key", e.key.loc,
                   fmt::format("the translation of '{}' has no '{}'", e.key.value, key));
      ok = false;
      continue;
    }
    if (!n->is_scalar() || n->value.empty()) {
      diags.report("wrong-type", n->loc,
                   fmt::format("'{}' of the translation of '{}' must be a non-empty string", key,
                               e.key.value));
      ok = false;
      continue;
    }
    (std::string_view(key) == "source" ? out.source : out.text) = text_of(*n);
  }
  return ok;
}

}  // namespace

std::string section_file(const Sources& src, const Section& s) {
  // The loader names a file by the folder as given and its path inside.
  fs::path file = fs::path(s.loc.file.str()).lexically_normal();
  fs::path dir = fs::path(src.dir.empty() ? "." : src.dir).lexically_normal();
  return file.lexically_relative(dir).generic_string();
}

std::vector<std::string> translated_files(const Sources& src) {
  std::vector<std::string> files = {"report.yaml", "documents.yaml"};
  for (const auto* list : {&src.preamble, &src.sections, &src.annexes}) {
    for (const Section& s : *list) {
      std::string rel = section_file(src, s);
      if (rel.empty() || rel.starts_with("..")) continue;
      if (std::find(files.begin(), files.end(), rel) == files.end()) files.push_back(rel);
    }
  }
  return files;
}

std::vector<std::string> translation_languages(const std::string& dir) {
  std::vector<std::string> found;
  std::error_code ec;
  std::string base = fs::canonical(dir, ec).string();
  if (ec) return found;
  for (const char* lang : kLanguages) {
    FolderPath p = resolve_in_folder(base, std::string("translations/") + lang);
    if (p.status == FolderPath::Status::found && fs::is_directory(p.path, ec))
      found.push_back(lang);
  }
  return found;
}

void report_unread_translations(const Sources& src, Diagnostics& diags) {
  std::error_code ec;
  const std::string base = fs::canonical(src.dir, ec).string();
  if (ec) return;
  const FolderPath top = resolve_in_folder(base, "translations");
  if (top.status != FolderPath::Status::found || !fs::is_directory(top.path, ec)) return;
  const std::vector<std::string> originals = translated_files(src);
  const std::vector<std::string> languages(kLanguages.begin(), kLanguages.end());
  auto shown = [&](const fs::path& rel) {
    return (fs::path(src.dir) / "translations" / rel).lexically_normal().generic_string();
  };
  std::size_t looked_at = 0;
  // In order, so that the diagnostics come in the same order on every machine.
  auto sorted_entries = [&](const fs::path& dir) {
    std::vector<fs::directory_entry> out;
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
      if (++looked_at > kMaxTranslationEntries) break;
      out.push_back(*it);
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      return a.path().filename() < b.path().filename();
    });
    return out;
  };
  for (const auto& lang : sorted_entries(top.path)) {
    const std::string name = lang.path().filename().string();
    if (lang.is_symlink(ec) || !lang.is_directory(ec)) continue;
    if (std::find(languages.begin(), languages.end(), name) == languages.end()) {
      std::vector<Note> notes;
      if (auto meant = lang::language_meant(name))
        notes.push_back({{}, fmt::format("did you mean '{}'?", *meant)});
      notes.push_back({{},
                       "a translation's folder is named by its language's code: ar, zh, en, "
                       "fr, ru or es"});
      diags.report("translation-unknown", Location{shown(name), 0, 0},
                   fmt::format("'{}' is not read: '{}' is not one of the six languages",
                               text::printable(shown(name)), text::printable(name)),
                   std::move(notes));
      continue;
    }
    // Which files mirror an original is known only when every section file
    // was read: with one missing, its translation would be "not read" too.
    if (src.sections_incomplete) continue;
    // The YAML files of the language's folder, by their path in it.
    std::vector<fs::path> pending = {fs::path()};
    while (!pending.empty() && looked_at <= kMaxTranslationEntries) {
      const fs::path rel = pending.back();
      pending.pop_back();
      for (const auto& e : sorted_entries(lang.path() / rel)) {
        const fs::path child = rel / e.path().filename();
        if (e.is_symlink(ec)) continue;
        if (e.is_directory(ec)) {
          if (std::distance(child.begin(), child.end()) < 8) pending.push_back(child);
          continue;
        }
        if (e.path().extension() != ".yaml") continue;
        const std::string original = child.generic_string();
        if (std::find(originals.begin(), originals.end(), original) != originals.end()) continue;
        std::vector<Note> notes;
        if (auto near = diags.suggest("translation-unknown", original, originals))
          notes.push_back({{}, fmt::format("did you mean '{}'?", text::printable(*near))});
        notes.push_back({{},
                         "a translation mirrors an original's path: report.yaml, "
                         "documents.yaml, or a file report.yaml lists"});
        const fs::path where = fs::path(name) / child;
        diags.report("translation-unknown", Location{shown(where), 0, 0},
                     fmt::format("'{}' is not read: the report has no source '{}'",
                                 text::printable(shown(where)), text::printable(original)),
                     std::move(notes));
      }
    }
  }
}

std::optional<Translations> load_translations(const Sources& src, const std::string& language,
                                              Diagnostics& diags, const yaml::Limits& limits) {
  Translations t;
  t.language = language;
  const std::string folder = "translations/" + language;
  t.shown_dir = (fs::path(src.dir) / folder).lexically_normal().generic_string();
  std::error_code ec;
  const std::string base = fs::canonical(src.dir, ec).string();
  FolderPath where;
  if (!ec) where = resolve_in_folder(base, folder);
  if (ec || where.status != FolderPath::Status::found || !fs::is_directory(where.path, ec)) {
    // Why, and what to do, in the words of each case: the folder is not
    // there yet, a link leads away, or something else stands in its place.
    const bool missing = where.status == FolderPath::Status::missing;
    const bool outside = where.status == FolderPath::Status::outside;
    const std::string_view why = missing   ? "does not exist"
                                 : outside ? "leads out of the meeting folder"
                                           : "is not a folder that can be read";
    const std::string fix =
        missing ? fmt::format(
                      "create '{}' with one file for report.yaml, documents.yaml and "
                      "each section file (see 'Translations' in docs/format.md)",
                      t.shown_dir)
        : outside ? "keep the translations in the meeting folder: a link out of it is not followed"
                  : fmt::format("'{}' must be a folder that can be read", t.shown_dir);
    diags.report(
        "file-unreadable", {t.shown_dir, 0, 0},
        fmt::format("the report has no translation into '{}': '{}' {}", language, t.shown_dir, why),
        {{{}, fix}});
    return std::nullopt;
  }
  // The translations count against the limits of the folder they sit in.
  std::size_t bytes = 0, nodes = 0;
  for (const std::string& original : translated_files(src)) {
    TranslationFile f;
    f.original = original;
    const std::string rel = folder + "/" + original;
    f.shown = (fs::path(src.dir) / rel).lexically_normal().generic_string();
    FolderPath p = resolve_in_folder(base, rel);
    if (p.status == FolderPath::Status::missing) {
      t.files.push_back(std::move(f));
      continue;
    }
    f.found = true;
    f.complete = false;
    if (p.status != FolderPath::Status::found) {
      diags.report("bad-path", {f.shown, 0, 0},
                   p.status == FolderPath::Status::outside
                       ? fmt::format("'{}' leads outside the meeting folder through a symbolic "
                                     "link",
                                     f.shown)
                       : fmt::format("cannot read '{}': {}", f.shown,
                                     std::generic_category().message(p.error)));
      t.files.push_back(std::move(f));
      continue;
    }
    // Past the limit on nodes, the reader has said so at the node that
    // passed it: the files after it are not read.
    if (nodes > limits.max_nodes) {
      t.files.push_back(std::move(f));
      break;
    }
    bytes += file_bytes(p.path);
    if (bytes > limits.max_folder_bytes) {
      diags.report("folder-too-large", {f.shown, 0, 0},
                   fmt::format("the translation files come to more than the limit of {} bytes",
                               limits.max_folder_bytes),
                   {{{}, "raise the limit with --max-folder-size if the files are genuine"}});
      t.files.push_back(std::move(f));
      break;
    }
    yaml::Limits l = limits;
    l.nodes_before = nodes;
    std::size_t read_nodes = 0;
    auto root = yaml::read_file(p.path, f.shown, diags, l, &read_nodes);
    nodes += read_nodes;
    if (!root) {
      t.files.push_back(std::move(f));
      continue;
    }
    if (root->is_null()) {
      f.complete = true;  // an empty file: every text is missing
    } else if (!root->is_map()) {
      diags.report("wrong-type", root->loc,
                   fmt::format("'{}' is {}, expected a mapping of keys to translations", f.shown,
                               yaml::kind_name(root->kind)));
    } else {
      f.complete = true;
      for (const auto& e : root->entries) {
        TranslationEntry entry;
        if (read_entry(e, entry, diags))
          f.entries.push_back(std::move(entry));
        else
          f.complete = false;
      }
    }
    t.files.push_back(std::move(f));
  }
  return t;
}

}  // namespace cwg
