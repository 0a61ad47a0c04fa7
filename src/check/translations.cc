// The units of translation: each translatable text of the sources, by the
// file it is written in and its key there. Paragraphs are keyed by their
// label, or by their position in the section when they have none: the hash
// each translation records turns a shifted position into a stale
// translation, never into a text printed in the wrong place.
#include "check/translations.h"

#include <fmt/format.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <vector>

#include "lang/labels.h"

namespace cwg {

std::string source_hash(std::string_view original) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : original) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return fmt::format("{:016x}", h).substr(0, 12);
}

namespace {

struct Unit {
  std::string key;
  Text* text;
  Location at;  // where a missing translation is reported: the original's place
};

void add(std::vector<Unit>& units, std::string key, Text& t, const Location& fallback) {
  if (!t.present || t.value.empty()) return;
  units.push_back({std::move(key), &t, t.loc.has_position() ? t.loc : fallback});
}

void add_list(std::vector<Unit>& units, const std::string& prefix, List& list,
              const std::string& path) {
  // What the text calls an item ("question 3"): "paragraph LABEL list word",
  // or "... item 2 list word" for a nested list (a label has no space, so
  // no item's key is the same).
  add(units, prefix + (path.empty() ? "" : " item " + path) + " list word", list.item_word,
      list.loc);
  std::size_t i = 0;
  for (ListItem& item : list.items) {
    std::string pos = path.empty() ? std::to_string(++i) : path + "." + std::to_string(++i);
    std::string name = item.label.present && !item.label.value.empty() ? item.label.value : pos;
    add(units, prefix + " item " + name, item.text, item.loc);
    for (List& sub : item.list) add_list(units, prefix, sub, pos);
  }
}

void add_section(std::vector<Unit>& units, Section& s) {
  add(units, "heading", s.heading, s.loc);
  std::size_t position = 0;
  for (Paragraph& p : s.paragraphs) {
    ++position;
    const std::string key =
        "paragraph " +
        (p.label.present && !p.label.value.empty() ? p.label.value : std::to_string(position));
    add(units, key, p.text, p.loc);
    for (List& l : p.list) add_list(units, key, l, "");
    for (Footnote& f : p.footnotes) add(units, key + " footnote " + f.id.value, f.text, f.loc);
    for (Quote& q : p.quote) {
      add(units, key + " quote source", q.source, q.loc);
      std::size_t n = 0;
      for (QuotedParagraph& qp : q.paragraphs) {
        ++n;
        add(units, key + " quote " + std::to_string(n), qp.text, qp.loc);
      }
    }
    for (SourceTable& t : p.table) {
      add(units, key + " caption", t.caption, t.loc);
      for (std::size_t c = 0; c < t.columns.size(); ++c)
        add(units, fmt::format("{} column {}", key, c + 1), t.columns[c], t.loc);
      for (std::size_t r = 0; r < t.rows.size(); ++r)
        for (std::size_t c = 0; c < t.rows[r].size(); ++c)
          add(units, fmt::format("{} cell {}.{}", key, r + 1, c + 1), t.rows[r][c], t.loc);
    }
  }
}

// The units of each original file, by its path in the meeting folder.
std::map<std::string, std::vector<Unit>> units_of(Sources& src) {
  std::map<std::string, std::vector<Unit>> units;
  const Location report_file{
      (std::filesystem::path(src.dir) / "report.yaml").lexically_normal().generic_string(), 0, 0};
  auto& report = units["report.yaml"];
  add(report, "title", src.title, report_file);
  add(report, "group name", src.group.name, src.group.loc);
  add(report, "summary", src.summary, report_file);
  add(report, "action", src.action, report_file);
  for (Reference& r : src.references) add(report, "reference " + r.id.value, r.text, r.loc);
  // The words the report prints around the names: a meeting's venue and
  // what a record calls it, a person's honorific and country (the name
  // stays as written), the roles under the signatures, the cover's fields
  // written in words.
  for (auto* list : {&src.meetings, &src.earlier_meetings})
    for (Meeting& m : *list) {
      if (!m.number.present) continue;
      const std::string key = fmt::format("meeting {}", m.number.value);
      add(report, key + " venue", m.venue, m.loc);
      add(report, key + " name", m.name, m.loc);
    }
  for (Person& p : src.people) {
    add(report, "person " + p.id.value + " honorific", p.honorific, p.loc);
    add(report, "person " + p.id.value + " country", p.country, p.loc);
  }
  if (src.signature) add(report, "signature role", src.signature->role, src.signature->loc);
  for (Signatory& s : src.signatures)
    add(report, "signature " + s.person.value + " role", s.role, s.loc);
  if (src.cover) {
    Cover& c = *src.cover;
    add(report, "cover session", c.session, c.loc);
    add(report, "cover place", c.place, c.loc);
    add(report, "cover dates", c.dates, c.loc);
    add(report, "cover original", c.original, c.loc);
    add(report, "cover source", c.source, c.loc);
  }
  auto& docs = units["documents.yaml"];
  for (Document& d : src.documents) {
    if (!d.number.present) continue;
    std::string key = fmt::format("{}", d.number.value);
    if (d.revision.present) key += fmt::format("R{}", d.revision.value);
    if (d.addendum.present) key += fmt::format("A{}", d.addendum.value);
    if (d.series.present)
      key = d.series.value + key;
    else if (d.meeting.present)
      key = fmt::format("{}/{}", d.meeting.value, key);
    add(docs, "document " + key, d.title, d.loc);
  }
  // An entity's name as the report's language writes it ("Fédération de
  // Russie"), in the lists of documents and in {entity:...}.
  for (Entity& e : src.entities) {
    add(docs, "entity " + e.id.value + " name", e.name, e.loc);
    add(docs, "entity " + e.id.value + " short", e.short_name, e.loc);
  }
  for (auto* list : {&src.preamble, &src.sections, &src.annexes})
    for (Section& s : *list) add_section(units[section_file(src, s)], s);
  return units;
}

// The entry to add for a missing translation, as the translator copies it.
std::string entry_hint(const Unit& u) {
  return fmt::format("add '{}: {{source: {}, text: ...}}'", u.key, source_hash(u.text->value));
}

}  // namespace

void match_translations(Sources& src, const Translations& t, Diagnostics& diags, bool apply) {
  auto units = units_of(src);
  for (const TranslationFile& f : t.files) {
    auto it = units.find(f.original);
    if (it == units.end() || it->second.empty()) continue;
    std::vector<Unit>& file_units = it->second;
    // Named by its path in the meeting folder, as report.yaml names files.
    const std::string rel = "translations/" + t.language + "/" + f.original;
    if (!f.found) {
      if (!apply) continue;
      for (Unit& u : file_units) u.text->untranslated = true;
      // One diagnostic for the whole file, not one per paragraph.
      const Unit& first = file_units.front();
      diags.report("translation-missing", first.at,
                   fmt::format("'{}' has no translation into '{}': '{}' does not exist", f.original,
                               t.language, rel),
                   {{{},
                     fmt::format("create '{}' with the {} text{} of '{}'; for the first: {}", rel,
                                 file_units.size(), file_units.size() == 1 ? "" : "s", f.original,
                                 entry_hint(first))}});
      continue;
    }
    std::map<std::string, const Unit*> by_key;
    std::vector<std::string> keys;
    for (const Unit& u : file_units) {
      by_key.emplace(u.key, &u);
      keys.push_back(u.key);
    }
    std::set<std::string> translated;
    for (const TranslationEntry& e : f.entries) {
      auto u = by_key.find(e.key.value);
      if (u == by_key.end()) {
        std::vector<Note> notes;
        if (auto near = closest_match(e.key.value, keys))
          notes.push_back({{}, fmt::format("did you mean '{}'?", *near)});
        diags.report("translation-unknown", e.key.loc,
                     fmt::format("'{}' names no text of '{}'", e.key.value, f.original),
                     std::move(notes));
        continue;
      }
      translated.insert(e.key.value);
      const Unit& unit = *u->second;
      const std::string now = source_hash(unit.text->value);
      if (e.source.value != now) {
        diags.report(
            "translation-stale", e.source.loc,
            fmt::format("the translation of '{}' was made from another wording of the "
                        "original",
                        e.key.value),
            {{unit.at, "the original, as it reads now"},
             {{}, fmt::format("bring the translation up to date, then set 'source: {}'", now)}});
      }
    }
    // An incomplete file has had its errors reported: its absent entries
    // may be ones that failed to read.
    if (f.complete && apply) {
      for (const Unit& u : file_units) {
        if (translated.count(u.key)) continue;
        diags.report(
            "translation-missing", u.at,
            fmt::format("'{}' has no translation into '{}' in '{}'", u.key, t.language, rel),
            {{{}, entry_hint(u)}});
      }
    }
    if (apply) {
      for (const Unit& u : file_units)
        if (!translated.count(u.key)) u.text->untranslated = true;
      for (const TranslationEntry& e : f.entries) {
        auto u = by_key.find(e.key.value);
        if (u != by_key.end()) *u->second->text = e.text;
      }
    }
  }
  if (apply) {
    src.original_language = src.language.present ? src.language.value : "en";
    src.language.value = t.language;
    src.language.present = true;
    // The cover's letter names the language of the document: the
    // translation's ("C26/118-F"), not the original's.
    if (src.cover && src.cover->language.present)
      src.cover->language.value = std::string(lang::labels(t.language).symbol_letter);
  }
}

}  // namespace cwg
