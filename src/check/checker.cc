// The checker: numbers sections and paragraphs, computes document symbols,
// resolves every cross-reference and reports what does not add up.
#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <unordered_map>

#include "check/field_limits.h"
#include "check/fields.h"
#include "check/model.h"
#include "lang/labels.h"
#include "lang/ordinals.h"
#include "source/loader.h"
#include "text/line_index.h"

namespace cwg {

std::optional<std::size_t> Model::find_document(std::string_view key, bool* ambiguous) const {
  if (auto it = document_by_key.find(key); it != document_by_key.end()) return it->second;
  // "14/4" names the only revision registered of document 4.
  std::optional<std::size_t> found;
  std::size_t matches = 0;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    const std::string& k = documents[i].key;
    if (k.size() > key.size() + 1 && k.starts_with(key) && k[key.size()] == 'R') {
      found = i;
      ++matches;
    }
  }
  if (matches > 1) {
    if (ambiguous) *ambiguous = true;
    return std::nullopt;
  }
  return found;
}

const Person* Model::find_person(std::string_view id) const {
  auto it = people.find(id);
  return it == people.end() ? nullptr : &src->people[it->second];
}

const Entity* Model::find_entity(std::string_view id) const {
  auto it = entities.find(id);
  return it == entities.end() ? nullptr : &src->entities[it->second];
}

std::string Model::unique_anchor(const std::string& wanted) {
  std::string a = wanted;
  for (int n = 2; anchors.contains(a); ++n) a = fmt::format("{}-{}", wanted, n);
  anchors.insert(a);
  return a;
}

namespace {

// Finds tokens of one text value in its source file, and their lines and
// columns with the file's line index: counting lines from the start of the
// file for each reference made a large file with many references quadratic.
class TextLocator {
 public:
  TextLocator(const SourceFiles& files, const Text& text)
      : contents_(files.find(text.loc.file)), lines_(files.lines(text.loc.file)), text_(text) {}

  // The position of the n-th occurrence (0-based) of `token` at or after the
  // value's start; the value's own location when there is none. Callers ask
  // for tokens in the order of the text, so the first occurrence of a token
  // not asked for before is sought after the last one found: a text of many
  // different failing references costs one pass, not one pass each.
  Location locate(std::string_view token, std::size_t occurrence) {
    if (!contents_ || text_.offset > contents_->size()) return text_.loc;
    auto [it, fresh] = found_.try_emplace(std::string(token), 0, 0);
    auto& [count, last] = it->second;
    bool from_start = !fresh || occurrence > 0;
    if (occurrence + 1 < count) count = 0;  // asked out of order: search again
    while (count <= occurrence) {
      std::size_t from = count > 0    ? last + token.size()
                         : from_start ? text_.offset
                                      : std::max(text_.offset, after_);
      std::size_t at = contents_->find(token, from);
      if (at == std::string::npos) {
        count = 0;
        return text_.loc;
      }
      last = at;
      ++count;
    }
    after_ = std::max(after_, last + token.size());
    return position(last);
  }

 private:
  Location position(std::size_t at) const {
    const text::LinePosition p = lines_->position(at);
    return Location{text_.loc.file, p.line, p.column};
  }

  const std::string* contents_;
  const text::LineIndex* lines_;  // set with contents_
  const Text& text_;
  std::size_t after_ = 0;  // the end of the last token found
  std::unordered_map<std::string, std::pair<std::size_t, std::size_t>> found_;  // count, last
};

}  // namespace

Location locate_in_text(const SourceFiles& files, const Text& text, std::string_view token,
                        std::size_t occurrence) {
  return TextLocator(files, text).locate(token, occurrence);
}

namespace {

// A number followed by a plural document noun in prose: "ten contributions".
struct CountPhrase {
  std::string_view whole;   // "ten contributions"
  std::string_view number;  // "ten", "10", "twenty-one", as written
  std::string_view noun;    // "contributions", "information reports", ...
};

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_word_char(char c) { return is_alpha(c) || (c >= '0' && c <= '9') || c == '_'; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    if (x != b[i]) return false;
  }
  return true;
}

// Every phrase matching, in any letter case,
//   \b([0-9]+|[a-z]+(-[a-z]+)?) (contributions|information reports|liaison statements)\b
// left to right and without overlap, as a regex search would find them; word
// characters are ASCII letters, digits and '_'. Scanned by hand: std::regex
// cost more than the rest of the checker.
std::vector<CountPhrase> find_count_phrases(std::string_view s) {
  static constexpr std::string_view nouns[] = {"contributions", "information reports",
                                               "liaison statements"};
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  std::vector<CountPhrase> out;
  const std::size_t n = s.size();
  std::size_t done = 0;  // the end of the last phrase found: phrases do not overlap
  // From each space followed by a noun, back to the word before it: a text
  // is mostly words that are neither, and is not scanned a letter at a time.
  for (std::size_t q = s.find(' '); q != std::string_view::npos; q = s.find(' ', q + 1)) {
    if (q == 0 || q + 1 >= n) continue;
    const char first = static_cast<char>(s[q + 1] | 0x20);
    if (first != 'c' && first != 'i' && first != 'l') continue;
    std::string_view noun;
    for (std::string_view candidate : nouns) {
      const std::size_t end = q + 1 + candidate.size();
      if (end > n || !iequals(s.substr(q + 1, candidate.size()), candidate)) continue;
      if (end < n && is_word_char(s[end])) continue;
      noun = s.substr(q + 1, candidate.size());
      break;
    }
    if (noun.empty()) continue;
    // The number starts a word: [0-9]+, or [a-z]+(-[a-z]+)?, or the part
    // after its hyphen when the whole does not start a word.
    std::size_t p = q;
    if (is_digit(s[q - 1])) {
      while (p > 0 && is_digit(s[p - 1])) --p;
      if ((p > 0 && is_word_char(s[p - 1])) || p < done) continue;
    } else if (is_alpha(s[q - 1])) {
      while (p > 0 && is_alpha(s[p - 1])) --p;
      std::size_t start = p;
      if (p >= 2 && s[p - 1] == '-' && is_alpha(s[p - 2])) {
        std::size_t r = p - 1;
        while (r > 0 && is_alpha(s[r - 1])) --r;
        if ((r == 0 || !is_word_char(s[r - 1])) && r >= done) start = r;
      }
      if (start == p && ((p > 0 && is_word_char(s[p - 1])) || p < done)) continue;
      p = start;
    } else {
      continue;
    }
    const std::size_t end = q + 1 + noun.size();
    out.push_back({s.substr(p, end - p), s.substr(p, q - p), noun});
    done = end;
    q = end - 1;
  }
  return out;
}

// "ten" -> 10, for the numbers from zero to a hundred written in words; -1
// for any other word.
long number_of_word(const std::string& word) {
  static const std::unordered_map<std::string, long> numbers = [] {
    std::unordered_map<std::string, long> m;
    for (long k = 0; k <= 100; ++k) m.emplace(cardinal_words(k), k);
    return m;
  }();
  auto it = numbers.find(word);
  return it == numbers.end() ? -1 : it->second;
}

// A "did you mean" note for a diagnostic under `code`: none without a sink,
// nor when the diagnostic would not be kept (Diagnostics::suggest).
template <class Range, class Key = std::identity>
std::vector<Note> suggest(Diagnostics* diags, std::string_view code, std::string_view word,
                          const Range& candidates, Key key = {}) {
  if (!diags) return {};
  if (auto near = diags->suggest(code, word, candidates, key))
    return {{{}, fmt::format("did you mean '{}'?", *near)}};
  return {};
}

// The candidates a map offers are its keys.
constexpr auto key_of = [](const auto& entry) -> const auto& { return entry.first; };
constexpr auto number_of = [](const auto& entry) { return std::to_string(entry.first); };

// The registered key an unknown document key is most likely a typo of. When
// the register had an error, only a key one edit away counts: a farther one
// may name the document that failed.
std::optional<std::string> document_typo(const Model& model, Diagnostics& diags,
                                         std::string_view key) {
  auto near = diags.closest(key, model.documents, &DocumentInfo::key);
  if (near && model.register_incomplete && edit_distance(key, *near) > 1) return std::nullopt;
  return near;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The registered keys that a key written another way means: the symbol as
// the report prints it ('CWG-COP-15/5', '15/4(Add.1)', 'C17/130(Rev.1)-E')
// or a document's bare number ('5', in each meeting covered). Empty when
// `written` is neither, or names no registered document so.
std::vector<std::string> keys_meant(const Model& model, std::string_view written) {
  std::vector<std::string> out;
  if (all_digits(written)) {
    if (written.size() > 4) return out;
    for (const auto& [meeting, i] : model.meetings)
      if (auto idx =
              model.find_document(fmt::format("{}/{}", meeting, std::stol(std::string(written)))))
        out.push_back(model.documents[*idx].key);
    return out;
  }
  std::string key(written);
  const std::string& acronym = model.src->group.acronym.value;
  if (!acronym.empty() && key.size() > acronym.size() + 1 && key.starts_with(acronym) &&
      key[acronym.size()] == '-')
    key.erase(0, acronym.size() + 1);
  // A group's own series with the meeting's number: 'EG-ITRs 1/2' is '1/2'.
  const std::string& series = model.src->group.series.value;
  if (std::size_t m = series.find("{meeting}");
      m != std::string::npos && m > 0 && key.size() > m && key.starts_with(series.substr(0, m)))
    key.erase(0, m);
  // A language suffix, as on a cover: 'C17/130(Rev.1)-E'.
  if (key.size() > 2 && key[key.size() - 2] == '-' &&
      std::string_view("ACEFRS").find(key.back()) != std::string_view::npos)
    key.resize(key.size() - 2);
  // '(Rev.1)' and '(Add.1)', as another series prints them, are R1 and A1.
  for (auto [printed, compact] : {std::pair{"(Rev.", 'R'}, std::pair{"(Add.", 'A'}}) {
    std::size_t at = key.find(printed);
    if (at == std::string::npos) continue;
    std::size_t digits = at + std::string_view(printed).size();
    while (digits < key.size() && key[digits] == ' ') ++digits;
    std::size_t end = digits;
    while (end < key.size() && key[end] >= '0' && key[end] <= '9') ++end;
    if (end == digits || end >= key.size() || key[end] != ')') continue;
    // The spaced form, '1/1 (Rev.1)', with a space or a no-break space.
    if (at > 0 && key[at - 1] == ' ')
      --at;
    else if (at > 1 && key.compare(at - 2, 2, "\u00A0") == 0)
      at -= 2;
    key.replace(at, end + 1 - at, compact + key.substr(digits, end - digits));
  }
  if (key == written) return out;
  if (auto idx = model.find_document(key)) out.push_back(model.documents[*idx].key);
  return out;
}

// The message and note for a key written as a symbol or a bare number.
std::pair<std::string, std::vector<Note>> key_meant_diagnostic(
    std::string_view written, const std::vector<std::string>& meant) {
  std::string keys;
  for (std::size_t i = 0; i < meant.size(); ++i)
    keys += (i == 0 ? "" : i + 1 == meant.size() ? " or " : ", ") + fmt::format("'{}'", meant[i]);
  if (all_digits(written))
    return {fmt::format("'{}' is a document's number, not its key: write {}", written, keys),
            {{{}, "a key is the meeting's number, a slash and the document's number"}}};
  return {fmt::format("'{}' is a document's symbol as the report prints it, not its key: write {}",
                      written, keys),
          {{{},
            "a key is the symbol without the group's acronym, with 'R1' for '(Rev.1)' and 'A1' "
            "for '(Add.1)'"}}};
}

std::string meeting_chair(const Model& model, const Meeting& m) {
  const Person* p = meeting_chair_person(model, m);
  return p ? person_display(*p, true) : std::string();
}

// How to refer to meeting `number`, which comes before the meetings a
// report covers.
std::string earlier_meeting_hint(long number) {
  return fmt::format(
      "to refer to an earlier meeting of the group, declare it under "
      "'earlier_meetings:' in report.yaml (number: {}, with its date for "
      "'|date'); 'meetings:' lists only the meetings the report covers",
      number);
}

}  // namespace

std::string person_display(const Person& p, bool honorific) {
  std::string out;
  if (honorific && !p.honorific.value.empty()) out = p.honorific.value + " ";
  out += p.name.value;
  if (!p.country.value.empty()) out += " (" + p.country.value + ")";
  return out;
}

const Person* meeting_chair_person(const Model& model, const Meeting& m) {
  const Person* p = m.chair.present ? model.find_person(m.chair.value) : nullptr;
  if (!p) {
    for (const auto& candidate : model.src->people)
      if (candidate.role.value == "chair") {
        p = &candidate;
        break;
      }
  }
  return p;
}

bool follows_from_earlier_error(const Model& model, std::string_view code,
                                std::string_view ref_kind) {
  if (model.src->sections_incomplete && code == "unknown-label") return true;
  if (model.register_incomplete &&
      (code == "unknown-document" || (code == "unknown-id" && ref_kind == "entity")))
    return true;
  return false;
}

std::optional<std::string> chair_word(const Sources& src) {
  // An English word (Chair, Chairman, Chairperson): a report in another
  // language, written so or translated, names the office in its own words.
  const std::string& language = src.language.value;
  if (!src.chair_word.present || !(language.empty() || language == "en")) return std::nullopt;
  return src.chair_word.value;
}

std::string role_title(const Sources& src, std::string_view role, bool report_by) {
  const lang::Labels& labels = lang::labels(src.language.value);
  const std::optional<std::string> written = chair_word(src);
  std::string word = written     ? *written
                     : report_by ? std::string(labels.chair_of)
                                 : std::string(labels.chair);
  if (role == "vice-chair")
    return fmt::format(fmt::runtime(report_by ? labels.vice_chair_of : labels.vice_chair),
                       fmt::arg("chair", word));
  if (role == "chair") return word;
  return {};
}

const std::string& language_of(const Model& model, const Text& text) {
  if (text.untranslated && model.src && !model.src->original_language.empty())
    return model.src->original_language;
  return model.language;
}

std::optional<ResolvedRef> resolve_ref(const Model& model, const RefToken& tok, Diagnostics* diags,
                                       const Location& loc, std::string_view language) {
  const lang::Labels& words = lang::labels(language.empty() ? model.language : language);
  auto fail = [&](std::string_view code, std::string msg, std::vector<Note> notes = {}) {
    // With a file that failed to load, an unknown name may be defined in it:
    // report it only when it looks like a typo of a name that is known.
    // A meeting named may be the one 'meetings' failed to give: no guess.
    const bool meeting_unknown = code == "unknown-meeting" && model.src->meetings_incomplete;
    if (diags && !meeting_unknown &&
        (!notes.empty() || !follows_from_earlier_error(model, code, tok.kind)))
      diags->report(code, loc, std::move(msg), std::move(notes));
    return std::nullopt;
  };
  if (!tok.error.empty())
    return fail("bad-xref", fmt::format("malformed reference '{}': {}", tok.kind, tok.error));
  const auto& kinds = ref_kinds();
  if (std::find(kinds.begin(), kinds.end(), tok.kind) == kinds.end())
    return fail("bad-xref", fmt::format("unknown reference kind '{}'", tok.kind),
                suggest(diags, "bad-xref", tok.kind, kinds));
  const auto& forms = ref_forms(tok.kind);
  if (std::find(forms.begin(), forms.end(), tok.form) == forms.end()) {
    std::vector<std::string> named(forms.begin() + 1, forms.end());
    return fail("bad-xref",
                fmt::format("unknown form '{}' for a '{}' reference", tok.form, tok.kind),
                suggest(diags, "bad-xref", tok.form, named));
  }
  const Sources& src = *model.src;

  if (tok.kind == "doc") {
    bool ambiguous = false;
    auto idx = model.find_document(tok.key, &ambiguous);
    if (!idx) {
      if (ambiguous)
        return fail("unknown-document",
                    fmt::format("'{}' names several revisions: add the revision ('{}R1')", tok.key,
                                tok.key));
      if (auto meant = keys_meant(model, tok.key); !meant.empty()) {
        auto [message, notes] = key_meant_diagnostic(tok.key, meant);
        return fail("unknown-document", std::move(message), std::move(notes));
      }
      // Past the error limit the note would not be shown: no search then.
      std::vector<Note> notes;
      if (diags && diags->keeps("unknown-document"))
        if (auto near = document_typo(model, *diags, tok.key))
          notes.push_back({{}, fmt::format("did you mean '{}'?", *near)});
      return fail("unknown-document", fmt::format("unknown document '{}'", tok.key),
                  std::move(notes));
    }
    const DocumentInfo& info = model.documents[*idx];
    const Document& doc = src.documents[*idx];
    if (tok.form == "title") return ResolvedRef{doc.title.value, info.anchor};
    if (tok.form == "full")
      return ResolvedRef{info.symbol + std::string(words.symbol_colon) + doc.title.value,
                         info.anchor};
    return ResolvedRef{info.symbol, info.anchor};
  }
  if (tok.kind == "para" || tok.kind == "sec" || tok.kind == "annex") {
    auto it = model.labels.find(tok.key);
    if (it == model.labels.end())
      return fail("unknown-label", fmt::format("unknown label '{}'", tok.key),
                  suggest(diags, "unknown-label", tok.key, model.labels, key_of));
    const Target& t = it->second;
    bool ok = (tok.kind == "para" &&
               (t.kind == Target::Kind::paragraph || t.kind == Target::Kind::item)) ||
              (tok.kind == "sec" && t.kind == Target::Kind::section) ||
              (tok.kind == "annex" && t.kind == Target::Kind::annex);
    static const char* names[] = {"a section", "an annex", "a paragraph", "a list item"};
    if (!ok)
      return fail("wrong-target",
                  fmt::format("'{}' labels {}, not {}", tok.key, names[static_cast<int>(t.kind)],
                              tok.kind == "para"  ? "a paragraph"
                              : tok.kind == "sec" ? "a section"
                                                  : "an annex"),
                  {{t.loc, "the label is defined here"}});
    if (t.number.empty())
      return fail(
          "wrong-target",
          fmt::format("'{}' labels an unnumbered paragraph, which has no number to print", tok.key),
          {{t.loc, "the label is defined here"}});
    if (t.deleted)
      return fail(
          "wrong-target",
          fmt::format("'{}' labels a deleted paragraph, which has no text to refer to", tok.key),
          {{t.loc, "it is deleted here"},
           {{}, "refer to the paragraph that replaces it, or write its number as text"}});
    return ResolvedRef{t.number, t.anchor};
  }
  if (tok.kind == "ref") {
    auto it = model.references.find(tok.key);
    if (it == model.references.end())
      return fail("unknown-id", fmt::format("unknown reference '{}'", tok.key),
                  suggest(diags, "unknown-id", tok.key, model.references, key_of));
    return ResolvedRef{src.references[it->second].text.value, ""};
  }
  if (tok.kind == "entity") {
    const Entity* e = model.find_entity(tok.key);
    if (!e)
      return fail("unknown-id", fmt::format("unknown entity '{}'", tok.key),
                  suggest(diags, "unknown-id", tok.key, model.entities, key_of));
    bool use_short = tok.form != "name" && !e->short_name.value.empty();
    return ResolvedRef{use_short ? e->short_name.value : e->name.value, ""};
  }
  if (tok.kind == "person") {
    const Person* p = model.find_person(tok.key);
    if (!p)
      return fail("unknown-id", fmt::format("unknown person '{}'", tok.key),
                  suggest(diags, "unknown-id", tok.key, model.people, key_of));
    return ResolvedRef{tok.form == "name" ? p->name.value : person_display(*p, true), ""};
  }
  if (tok.kind == "count") {
    const auto& kinds_list = document_kinds();
    if (std::find(kinds_list.begin(), kinds_list.end(), tok.key) == kinds_list.end())
      return fail("bad-xref", fmt::format("unknown document kind '{}' to count", tok.key),
                  suggest(diags, "bad-xref", tok.key, kinds_list));
    auto it = model.kind_counts.find(tok.key);
    long n = it == model.kind_counts.end() ? 0 : static_cast<long>(it->second);
    return ResolvedRef{tok.form == "digits"
                           ? std::to_string(n)
                           : number_text(n, words, lang::count_rules(words, tok.key)),
                       ""};
  }
  if (tok.kind == "note") {
    if (!model.footnotes.contains(tok.key))
      return fail("unknown-label", fmt::format("unknown footnote '{}'", tok.key),
                  suggest(diags, "unknown-label", tok.key, model.footnotes, key_of));
    return ResolvedRef{std::string(tok.key), "", true};
  }
  // meeting
  if (tok.key == "all") {
    // Each form of one meeting, for every meeting in turn, so that a sentence
    // can say "held on {meeting:all|date}, respectively".
    std::vector<std::string> parts;
    for (const auto& m : src.meetings) {
      if (!m.number.present) continue;
      RefToken one = tok;
      const std::string key = std::to_string(m.number.value);  // `one` views it
      one.key = key;
      // "Fifteenth and sixteenth": only the sentence's first word is capitalised.
      if (tok.form == "Words" && !parts.empty()) one.form = "words";
      auto part = resolve_ref(model, one, diags, loc, language);
      if (!part) return std::nullopt;
      parts.push_back(std::move(part->text));
    }
    std::string joined;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (i)
        joined += i + 1 == parts.size()
                      ? (tok.form == "date" || tok.form == "dates" ? words.list_last_date
                                                                   : words.list_last)
                      : words.list_separator;
      joined += parts[i];
    }
    return ResolvedRef{joined, ""};
  }
  // A meeting number is written as the report writes it: "03" is no number.
  long number = 0;
  bool digits =
      !tok.key.empty() && tok.key.size() < 5 && (tok.key.size() == 1 || tok.key[0] != '0') &&
      std::all_of(tok.key.begin(), tok.key.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits) number = std::stol(std::string(tok.key));
  const Meeting* found = nullptr;
  bool earlier = false;
  if (auto it = model.meetings.find(number); digits && it != model.meetings.end()) {
    found = &src.meetings[it->second];
  } else if (auto e = model.earlier_meetings.find(number);
             digits && e != model.earlier_meetings.end()) {
    found = &src.earlier_meetings[e->second];
    earlier = true;
  }
  if (!found) {
    if (digits && !model.meetings.empty() && number < model.meetings.begin()->first)
      return fail("unknown-meeting", fmt::format("the report covers no meeting '{}'", tok.key),
                  {{{}, earlier_meeting_hint(number)}});
    std::vector<std::string> known;
    if (diags && diags->keeps("unknown-meeting")) {
      for (const auto& [n, i] : model.meetings) known.push_back(std::to_string(n));
      for (const auto& [n, i] : model.earlier_meetings) known.push_back(std::to_string(n));
    }
    return fail("unknown-meeting", fmt::format("the report covers no meeting '{}'", tok.key),
                suggest(diags, "unknown-meeting", tok.key, known));
  }
  const Meeting& m = *found;
  if (earlier && (tok.form == "participants" || tok.form == "chair"))
    return fail("bad-xref",
                fmt::format("form '{}' is for the meetings the report covers, not for the earlier "
                            "meeting {}",
                            tok.form, number));
  if (tok.form == "words")
    return ResolvedRef{number_text(number, words, words.ordinal_words_rules), ""};
  if (tok.form == "Words")  // at the start of a sentence: "Fifteenth"
    return ResolvedRef{
        capitalize_first(number_text(number, words, words.ordinal_words_rules), words), ""};
  if (tok.form == "date" || tok.form == "dates") {
    if (!m.date.present)
      return fail("missing-key", fmt::format("earlier meeting {} has no 'date' to print", number));
    // "dates": every day of a meeting over several, "25-26 January 2018".
    if (tok.form == "dates" && m.end_date.present)
      return ResolvedRef{long_date_range(m.date.value, m.end_date.value, words), ""};
    return ResolvedRef{long_date(m.date.value, words), ""};
  }
  if (tok.form == "participants") {
    if (!m.participants.present)
      return fail("missing-key", fmt::format("meeting {} has no 'participants' to print", number));
    return ResolvedRef{std::to_string(m.participants.value), ""};
  }
  if (tok.form == "venue") {
    if (!m.venue.present)
      return fail("missing-key", fmt::format("{}meeting {} has no 'venue' to print",
                                             earlier ? "earlier " : "", number));
    return ResolvedRef{m.venue.value, ""};
  }
  if (tok.form == "chair") {
    std::string chair = meeting_chair(model, m);
    if (chair.empty())
      return fail("missing-key",
                  fmt::format("meeting {} has no chair: give it 'chair:' or a person with "
                              "'role: chair'",
                              number));
    return ResolvedRef{chair, ""};
  }
  return ResolvedRef{number_text(number, words, words.ordinal_numeral_rules), ""};
}

namespace {

class Checker {
 public:
  Checker(const Sources& src, std::shared_ptr<const Sources> owner, Diagnostics& diags,
          const TextLimits& limits)
      : src_(src), diags_(diags), limits_(limits), resolved_budget_(limits) {
    model_.src = std::move(owner);
    if (src.language.present) model_.language = src.language.value;
    model_.register_incomplete = src.register_incomplete;
  }

  Model run() {
    check_kind();
    check_language_letter();
    model_.action_blank = src_.action.present && src_.action.value.empty();
    model_.references_blank = src_.references_blank;
    index_ids();
    index_meetings();
    index_documents();
    number_preamble();
    index_frozen();
    number_sections(src_.sections, model_.sections, false);
    number_sections(src_.annexes, model_.annexes, true);
    check_frozen();
    check_people_refs();
    check_documents();
    anchor_listed_documents();
    check_texts();
    expand_cover();
    check_presented();
    check_record();
    for (const auto& [id, f] : model_.footnotes)
      if (!used_notes_.contains(id))
        diags_.report(
            "unused-footnote", f->id.loc, fmt::format("footnote '{}' is never referred to", id),
            {{{}, fmt::format("write '{{note:{}}}' where the footnote mark belongs", id)}});
    // Every reference is resolved: the text fields can be converted.
    convert_fields(model_, src_, refs_, limits_, diags_);
    refs_.clear();
    front_matter();
    return std::move(model_);
  }

 private:
  // What the builder prints around the sections, with the people and roles
  // it names looked up, so that it reads the model alone.
  void front_matter() {
    FrontMatter& f = model_.front;
    f.kind = src_.kind.value;
    if (src_.title.present) f.title = src_.title.value;
    f.title_ordinals = src_.title_ordinals.value;
    f.language = model_.language;
    f.language_written = src_.language.present;
    f.group_name = src_.group.name.value;
    f.group_acronym = src_.group.acronym.value;
    f.meetings = src_.meetings;
    f.cover = src_.cover;
    f.chair_word = chair_word(src_);
    // The references of the box are a list: the language's separator,
    // unless report.yaml writes one.
    f.reference_separator = src_.reference_separator.present
                                ? src_.reference_separator.value
                                : std::string(lang::labels(model_.language).list_separator);
    f.contents = src_.contents;
    f.chair_title = role_title(src_, "chair", true);
    if (src_.cover && src_.cover->author.present)
      f.author_title = role_title(src_, src_.cover->author.value, true);
    if (!src_.meetings.empty())
      if (const Person* p = meeting_chair_person(model_, src_.meetings.front()))
        f.record_chair = person_display(*p, true);
    for (const Signatory& s : src_.signatures) {
      FrontMatter::Signed out;
      if (const Person* p = model_.find_person(s.person.value)) out.name = p->name.value;
      out.role = s.role.value;
      out.role_above = s.role_position.value == "above";
      f.signatures.push_back(std::move(out));
    }
    if (src_.signature) {
      // The name with the country; the role as written, or else "Chair,
      // CWG-COP" from the signer's role.
      FrontMatter::Signed out;
      const Person* p = model_.find_person(src_.signature->person.value);
      if (p) {
        out.name = p->name.value;
        if (!p->country.value.empty()) out.name += " (" + p->country.value + ")";
      }
      out.role = src_.signature->role.value;
      if (!src_.signature->role.present) {
        std::string title = p ? role_title(src_, p->role.value) : "";
        if (!title.empty())
          out.role =
              title + std::string(lang::labels(model_.language).comma) + src_.group.acronym.value;
      }
      f.signature = std::move(out);
    }
  }

  // What the document's kind prints: a key that it would not print is an
  // error rather than a text silently dropped.
  void check_kind() {
    const Text& kind = src_.kind;
    // `what`: "'summary'", or "a second meeting".
    auto not_in_kind = [&](const Location& loc, std::string_view what, std::string why,
                           std::string fix) {
      diags_.report(
          "not-in-kind", loc,
          fmt::format("{} has no place in a document of kind '{}': {}", what, kind.value, why),
          {{kind.loc, "the kind is set here"}, {{}, std::move(fix)}});
    };
    if (kind.value == "group-document") {
      const std::string fix_box =
          "remove it, or write 'kind: outcome' for a report with a Summary box";
      if (src_.summary.present)
        not_in_kind(src_.summary.loc, "'summary'", "a group's document has no Summary box",
                    fix_box);
      if (src_.action.present)
        not_in_kind(src_.action.loc, "'action'", "a group's document has no Summary box", fix_box);
      if (!src_.references.empty())
        not_in_kind(src_.references.front().loc, "'references'",
                    "a group's document has no Summary box", fix_box);
      if (src_.reference_separator.present)
        not_in_kind(src_.reference_separator.loc, "'reference_separator'",
                    "a group's document has no Summary box", fix_box);
      if (src_.cover) {
        if (src_.cover->session.present)
          not_in_kind(src_.cover->session.loc, "'session'",
                      "its header names the group, from 'group: name'", "remove it");
        if (src_.cover->dates.present)
          not_in_kind(src_.cover->dates.loc, "'dates'",
                      "its meeting line prints the meeting's 'date' and 'end_date'",
                      "remove it, and give the meeting its 'end_date' if it lasted several days");
      }
      if (src_.meetings.size() > 1)
        not_in_kind(src_.meetings[1].loc, "a second meeting",
                    "a group's document belongs to one meeting",
                    "list only the meeting the document is for");
      if (!src_.title.present)
        diags_.report("missing-key", kind.loc,
                      "report.yaml has no 'title': a document of kind 'group-document' has no "
                      "generated title",
                      {{{}, "write the document's title in full under 'title:'"}});
    } else if (kind.value == "chair-report") {
      if (src_.cover)
        not_in_kind(src_.cover->loc, "'cover'", "a chair's report is printed without a cover",
                    "remove it, or write 'kind: outcome' for a report with a cover");
    }
  }

  template <class T>
  void index(const std::vector<T>& items, std::map<std::string, std::size_t, std::less<>>& map,
             std::string_view what) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      const Text& id = items[i].id;
      if (!id.present || id.value.empty()) continue;
      auto [it, fresh] = map.emplace(id.value, i);
      if (!fresh)
        diags_.report("duplicate-id", id.loc, fmt::format("duplicate {} id '{}'", what, id.value),
                      {{items[it->second].id.loc, "first defined here"}});
    }
  }

  void index_footnotes() {
    for (const auto* sections : {&src_.preamble, &src_.sections, &src_.annexes})
      for (const auto& s : *sections)
        for (const auto& p : s.paragraphs)
          for (const auto& f : p.footnotes) {
            if (!f.id.present || f.id.value.empty()) continue;
            auto [it, fresh] = model_.footnotes.emplace(f.id.value, &f);
            if (!fresh)
              diags_.report("duplicate-id", f.id.loc,
                            fmt::format("duplicate footnote id '{}'", f.id.value),
                            {{it->second->id.loc, "first defined here"}});
          }
  }

  void index_ids() {
    index_footnotes();
    index(src_.people, model_.people, "person");
    index(src_.entities, model_.entities, "entity");
    index(src_.references, model_.references, "reference");
  }

  void index_meetings() {
    // Only dates the loader accepted are compared: an invalid one has been
    // reported, and compared as text it would make a false date-order.
    auto dated = [](const Text& t) { return t.present && valid_date(t.value); };
    const Meeting* previous = nullptr;
    for (std::size_t i = 0; i < src_.meetings.size(); ++i) {
      const Meeting& m = src_.meetings[i];
      if (!m.number.present) continue;
      auto [it, fresh] = model_.meetings.emplace(m.number.value, i);
      if (!fresh)
        diags_.report("duplicate-id", m.number.loc,
                      fmt::format("meeting {} is listed twice", m.number.value),
                      {{src_.meetings[it->second].number.loc, "first listed here"}});
      if (dated(m.end_date) && dated(m.date) && m.end_date.value < m.date.value)
        diags_.report("date-order", m.end_date.loc,
                      fmt::format("meeting {} ends on {} before it starts on {}", m.number.value,
                                  m.end_date.value, m.date.value));
      if (previous && dated(previous->date) && dated(m.date) && m.date.value < previous->date.value)
        diags_.report("date-order", m.date.loc,
                      fmt::format("meeting {} is dated {}, before meeting {} listed above it ({})",
                                  m.number.value, m.date.value, previous->number.value,
                                  previous->date.value));
      previous = &m;
    }
    const Meeting* first = src_.meetings.empty() ? nullptr : &src_.meetings.front();
    for (std::size_t i = 0; i < src_.earlier_meetings.size(); ++i) {
      const Meeting& m = src_.earlier_meetings[i];
      if (!m.number.present) continue;
      if (auto covered = model_.meetings.find(m.number.value); covered != model_.meetings.end()) {
        diags_.report(
            "duplicate-id", m.number.loc,
            fmt::format("meeting {} is listed both as covered and as earlier", m.number.value),
            {{src_.meetings[covered->second].number.loc, "listed here"}});
        continue;
      }
      if (!model_.meetings.empty() && m.number.value > model_.meetings.begin()->first) {
        diags_.report("invalid-value", m.number.loc,
                      fmt::format("earlier meeting {} comes after meeting {}, the first the "
                                  "report covers",
                                  m.number.value, model_.meetings.begin()->first),
                      {{{}, "list a meeting the report covers under 'meetings:'"}});
        continue;
      }
      auto [it, fresh] = model_.earlier_meetings.emplace(m.number.value, i);
      if (!fresh) {
        diags_.report("duplicate-id", m.number.loc,
                      fmt::format("meeting {} is listed twice", m.number.value),
                      {{src_.earlier_meetings[it->second].number.loc, "first listed here"}});
        continue;
      }
      if (dated(m.end_date) && dated(m.date) && m.end_date.value < m.date.value)
        diags_.report("date-order", m.end_date.loc,
                      fmt::format("meeting {} ends on {} before it starts on {}", m.number.value,
                                  m.end_date.value, m.date.value));
      if (first && dated(first->date) && dated(m.date) && !(m.date.value < first->date.value))
        diags_.report(
            "date-order", m.date.loc,
            fmt::format("earlier meeting {} is dated {}, not before meeting {} ({})",
                        m.number.value, m.date.value, first->number.value, first->date.value));
    }
  }

  void index_documents() {
    model_.documents.resize(src_.documents.size());
    std::set<std::string> counted;  // kind and document, for kind_counts
    std::optional<long> only_meeting;
    if (src_.meetings.size() == 1 && src_.meetings[0].number.present)
      only_meeting = src_.meetings[0].number.value;
    for (std::size_t i = 0; i < src_.documents.size(); ++i) {
      const Document& d = src_.documents[i];
      DocumentInfo& info = model_.documents[i];
      if (!d.number.present) continue;
      // Keys use the compact suffixes R1 and A1; symbols print them as the
      // series does: a working group's own "4R1", a Council's "12(Rev.1)".
      std::string suffix;
      if (d.revision.present) suffix += fmt::format("R{}", d.revision.value);
      if (d.addendum.present) suffix += fmt::format("A{}", d.addendum.value);
      std::string number = fmt::format("{}{}", d.number.value, suffix);
      // The group's own series, when its symbols do not follow
      // "ACRONYM-N/": one with the meeting's number is the meeting's series
      // printed otherwise, one without it a series like another body's.
      const Text& group_series = src_.group.series;
      const bool meeting_series = group_series.value.find("{meeting}") != std::string::npos;
      if (d.series.present || (group_series.present && !meeting_series)) {
        const std::string& series = d.series.present ? d.series.value : group_series.value;
        info.symbol =
            series + printed_number(d, d.series.present ? "bracketed" : group_revision_form());
        info.key = series + number;
      } else {
        long meeting = 0;
        if (d.meeting.present) {
          meeting = d.meeting.value;
          if (!model_.meetings.contains(meeting) && !src_.meetings_incomplete) {
            std::vector<Note> notes;
            if (!model_.meetings.empty() && meeting < model_.meetings.begin()->first)
              notes = {{{},
                        fmt::format("a document of an earlier meeting is registered with its "
                                    "series: 'series: {}-{}/'",
                                    src_.group.acronym.value, meeting)}};
            else
              notes = suggest(&diags_, "unknown-meeting", std::to_string(meeting), model_.meetings,
                              number_of);
            diags_.report("unknown-meeting", d.meeting.loc,
                          fmt::format("document {} belongs to meeting {}, which the report "
                                      "does not cover",
                                      number, meeting),
                          std::move(notes));
          }
        } else if (only_meeting) {
          meeting = *only_meeting;
        } else {
          if (!src_.meetings_incomplete)
            diags_.report("missing-key", d.loc,
                          fmt::format("document {} has no 'meeting': the report covers several "
                                      "meetings",
                                      number));
          model_.register_incomplete = true;
          continue;
        }
        if (meeting_series) {
          std::string series = group_series.value;
          series.replace(series.find("{meeting}"), 9, std::to_string(meeting));
          info.symbol = series + printed_number(d, group_revision_form());
        } else if (src_.group.revision_form.present) {
          info.symbol = fmt::format("{}-{}/{}", src_.group.acronym.value, meeting,
                                    printed_number(d, src_.group.revision_form.value));
        } else {
          std::string printed =
              fmt::format("{}{}", d.number.value,
                          d.revision.present ? fmt::format("R{}", d.revision.value) : "");
          if (d.addendum.present) printed += fmt::format("(Add.{})", d.addendum.value);
          info.symbol = fmt::format("{}-{}/{}", src_.group.acronym.value, meeting, printed);
        }
        info.meeting = meeting;
        info.key = fmt::format("{}/{}", meeting, number);
      }
      auto [it, fresh] = model_.document_by_key.emplace(info.key, i);
      if (!fresh) {
        diags_.report("duplicate-document", d.number.loc,
                      fmt::format("document '{}' is registered twice", info.key),
                      {{src_.documents[it->second].loc, "first registered here"}});
        info = {};  // the duplicate takes no further part
        continue;
      }
      // A count counts documents: an addendum belongs to the document it
      // adds to, and two revisions of one document are one document.
      std::string base = d.series.present ? d.series.value + std::to_string(d.number.value)
                                          : fmt::format("{}/{}", info.meeting, d.number.value);
      if (d.kind.present && !d.addendum.present &&
          counted.insert(d.kind.value + "\n" + base).second)
        ++model_.kind_counts[d.kind.value];
    }
  }

  // How the group's own series prints a revision: as written under
  // 'revision_form', or else compact in the meeting's series ("4R1") and
  // bracketed in one series for every document ("35(Rev.1)").
  std::string group_revision_form() const {
    if (src_.group.revision_form.present) return src_.group.revision_form.value;
    return src_.group.series.value.find("{meeting}") != std::string::npos ? "compact" : "bracketed";
  }

  // A document's number with its revision and addendum as `form` prints
  // them: "4R1(Add.1)" (compact; an addendum is always bracketed),
  // "4(Rev.1)(Add.1)" (bracketed) or "4 (Rev.1) (Add.1)" (spaced).
  static std::string printed_number(const Document& d, std::string_view form) {
    std::string out = std::to_string(d.number.value);
    // The spaced form's space is a no-break one: a symbol is not broken
    // across lines.
    const char* space = form == "spaced" ? "\u00A0" : "";
    if (d.revision.present)
      out += form == "compact" ? fmt::format("R{}", d.revision.value)
                               : fmt::format("{}(Rev.{})", space, d.revision.value);
    if (d.addendum.present) out += fmt::format("{}(Add.{})", space, d.addendum.value);
    return out;
  }

  void define_label(const Text& label, Target target) {
    if (!label.present || label.value.empty()) return;
    auto [it, fresh] = model_.labels.emplace(label.value, target);
    if (!fresh)
      diags_.report("duplicate-label", label.loc, fmt::format("duplicate label '{}'", label.value),
                    {{it->second.loc, "first defined here"}});
  }

  void number_sections(const std::vector<Section>& sections, std::vector<SectionInfo>& infos,
                       bool annex) {
    // Labels become anchors first, so that generated anchors avoid them.
    for (const auto& s : sections) {
      if (s.label.present) model_.anchors.insert(s.label.value);
      for (const auto& p : s.paragraphs) {
        if (p.label.present) model_.anchors.insert(p.label.value);
        for (const auto& l : p.list) reserve_item_labels(l);
      }
    }
    // "6." and "6.2." as printed; a reference prints "6" and "6.2".
    const std::string dot = src_.numbering.style.value == "trailing-dot" ? "." : "";
    for (std::size_t i = 0; i < sections.size(); ++i) {
      const Section& s = sections[i];
      SectionInfo info;
      std::string n = std::to_string(i + 1);
      info.number = annex ? std::string(lang::labels(model_.language).annex) + " " + n : n;
      info.anchor = s.label.present && !s.label.value.empty()
                        ? s.label.value
                        : model_.unique_anchor(annex ? "annex-" + n : "sec-" + n);
      define_label(s.label, {annex ? Target::Kind::annex : Target::Kind::section, info.number,
                             info.anchor, s.label.loc});
      if (!annex) info.number += dot;
      if (s.paragraphs.empty() && s.heading.present && s.complete)
        diags_.report(
            "empty-section", s.heading.loc,
            fmt::format("{} '{}' has no paragraphs", annex ? "annex" : "section", s.heading.value));
      std::size_t count = 0;
      const Paragraph* last_numbered = nullptr;
      std::string prefix = annex ? "A" + n : n;
      info.paragraphs.reserve(s.paragraphs.size());
      // The positions of the paragraphs frozen in this section.
      // A section renumbered since the freeze is reported once, by
      // check_frozen(): its paragraphs are read with its frozen number.
      std::string frozen_prefix = prefix;
      if (auto f = frozen_units_.find(s.label.present ? s.label.value : "");
          f != frozen_units_.end()) {
        const std::string& was = f->second->value;
        frozen_prefix = annex ? "A" + was.substr(was.rfind(' ') + 1) : was;
      }
      std::vector<std::optional<FrozenPosition>> frozen = frozen_positions(s, frozen_prefix);
      const bool section_frozen =
          std::any_of(frozen.begin(), frozen.end(), [](const auto& f) { return f.has_value(); });
      std::optional<FrozenPosition> last_frozen;
      // For each paragraph, the frozen number of the next numbered paragraph
      // that has one: what an insertion must stay below.
      std::vector<std::optional<FrozenPosition>> next_frozen(s.paragraphs.size());
      for (std::size_t k = s.paragraphs.size(); k-- > 1;)
        next_frozen[k - 1] = frozen[k] && s.paragraphs[k].numbered ? frozen[k] : next_frozen[k];
      for (std::size_t j = 0; j < s.paragraphs.size(); ++j) {
        const Paragraph& p = s.paragraphs[j];
        ParagraphInfo pi;
        pi.deleted = p.deleted;
        pi.omitted = p.deleted && src_.numbering.deleted.value == "omitted";
        if (p.deleted && !frozen[j] && p.label.present && !frozen_.contains(p.label.value))
          diags_.report("invalid-value", p.deleted_loc,
                        fmt::format("paragraph '{}' is marked deleted but was not in the "
                                    "circulated report: {} has no number for it",
                                    p.label.value, kFrozenFile),
                        {{{},
                          "remove the paragraph: only a circulated paragraph keeps its "
                          "number once deleted"}});
        std::string suffix_name;  // "3" or "3bis", for the generated anchor
        // A deleted paragraph without a frozen number is reported above, and
        // counts for nothing.
        const bool numbered = p.numbered && !(p.deleted && !frozen[j]);
        if (numbered && section_frozen) {
          bool conflict = false;
          FrozenPosition at =
              frozen[j] ? *frozen[j]
                        : insert_after(s, j, prefix, frozen, next_frozen, last_frozen, conflict);
          if (frozen[j] && last_frozen && at <= *last_frozen)
            diags_.report(
                "frozen-number-changed", p.label.loc,
                fmt::format("paragraph '{}' keeps its number {}.{} but now comes after {}.{}",
                            p.label.value, prefix, at.name(), prefix, last_frozen->name()),
                {{frozen_.at(p.label.value)->loc, "its number is frozen here"},
                 {{},
                  "move it back where it was circulated: the numbers of a section stay in "
                  "order"}});
          if (!conflict) last_frozen = at;
          suffix_name = at.name();
          pi.number = fmt::format("{}.{}", prefix, suffix_name);
        } else if (numbered) {
          count = fixed_number(p, count, prefix, last_numbered);
          last_numbered = &p;
          suffix_name = std::to_string(count);
          pi.number = fmt::format("{}.{}", prefix, count);
        }
        std::string generated =
            numbered ? fmt::format("{}-{}", annex ? "annex-" + n : "para-" + n, suffix_name)
                     : fmt::format("{}-u{}", annex ? "annex-" + n : "para-" + n, j + 1);
        pi.anchor = p.label.present && !p.label.value.empty() ? p.label.value
                                                              : model_.unique_anchor(generated);
        Target target{Target::Kind::paragraph, pi.number, pi.anchor, p.label.loc};
        target.deleted = p.deleted;
        define_label(p.label, target);
        if (!pi.number.empty()) pi.number += dot;
        for (const auto& l : p.list) define_item_labels(l);
        info.paragraphs.push_back(std::move(pi));
      }
      info.continued = s.continued;
      infos.push_back(std::move(info));
    }
  }

  // The preamble's paragraphs are unnumbered: their labels name a
  // paragraph, a table or a list item, and their anchors are generated
  // like those of unnumbered paragraphs.
  void number_preamble() {
    if (src_.preamble.empty()) return;
    // Every label is an anchor before one is generated here.
    for (const auto* sections : {&src_.preamble, &src_.sections, &src_.annexes})
      for (const auto& s : *sections) {
        if (s.label.present) model_.anchors.insert(s.label.value);
        for (const auto& p : s.paragraphs) {
          if (p.label.present) model_.anchors.insert(p.label.value);
          for (const auto& l : p.list) reserve_item_labels(l);
        }
      }
    for (const auto& s : src_.preamble) {
      SectionInfo info;
      info.paragraphs.reserve(s.paragraphs.size());
      for (std::size_t j = 0; j < s.paragraphs.size(); ++j) {
        const Paragraph& p = s.paragraphs[j];
        ParagraphInfo pi;
        pi.anchor = p.label.present && !p.label.value.empty()
                        ? p.label.value
                        : model_.unique_anchor(fmt::format("preamble-{}", j + 1));
        define_label(p.label, {Target::Kind::paragraph, "", pi.anchor, p.label.loc});
        for (const auto& l : p.list) define_item_labels(l);
        info.paragraphs.push_back(std::move(pi));
      }
      model_.preamble.push_back(std::move(info));
    }
  }

  // A paragraph's place in the frozen numbering of its section: 6.3 is
  // {3, 0}, 6.3bis {3, 1}, 6.3ter {3, 2}.
  struct FrozenPosition {
    std::size_t count = 0, inserted = 0;
    auto operator<=>(const FrozenPosition&) const = default;
    // Past the suffixes (an error, reported) still a name of its own, so
    // that generated anchors stay distinct without a search.
    std::string name() const {
      if (inserted > kMaxInsertions) return fmt::format("{}-{}", count, inserted);
      return fmt::format("{}{}", count, insertion_suffix(inserted));
    }
  };

  // "6.3" or "6.3bis" read as a number of section `prefix`.
  static std::optional<FrozenPosition> parse_frozen(std::string_view number,
                                                    std::string_view prefix) {
    if (!number.starts_with(prefix) || number.size() <= prefix.size() + 1 ||
        number[prefix.size()] != '.')
      return std::nullopt;
    std::string_view rest = number.substr(prefix.size() + 1);
    std::size_t digits = 0;
    while (digits < rest.size() && digits < 5 && rest[digits] >= '0' && rest[digits] <= '9')
      ++digits;
    if (digits == 0 || rest[0] == '0') return std::nullopt;
    FrozenPosition at;
    at.count = static_cast<std::size_t>(std::stoul(std::string(rest.substr(0, digits))));
    if (digits < rest.size()) {
      at.inserted = insertion_index(rest.substr(digits));
      if (at.inserted == 0) return std::nullopt;
    }
    return at;
  }

  void index_frozen() {
    for (const auto& [label, number] : src_.frozen.paragraphs)
      frozen_.emplace(label.value, &number);
    for (const auto* entries : {&src_.frozen.sections, &src_.frozen.annexes})
      for (const auto& [label, number] : *entries) frozen_units_.emplace(label.value, &number);
  }

  // The frozen position of each paragraph of `s` that frozen.yaml numbers.
  // A frozen label whose number belongs to another section is reported:
  // a circulated paragraph cannot move out of its section.
  std::vector<std::optional<FrozenPosition>> frozen_positions(const Section& s,
                                                              const std::string& prefix) {
    std::vector<std::optional<FrozenPosition>> out(s.paragraphs.size());
    if (frozen_.empty()) return out;
    for (std::size_t j = 0; j < s.paragraphs.size(); ++j) {
      const Paragraph& p = s.paragraphs[j];
      if (!p.label.present) continue;
      auto it = frozen_.find(p.label.value);
      if (it == frozen_.end()) continue;
      const Text& number = *it->second;
      out[j] = parse_frozen(number.value, prefix);
      if (!out[j])
        diags_.report(
            "frozen-number-changed", p.label.loc,
            fmt::format("paragraph '{}' was {} in the circulated report, and is now "
                        "in {} {}",
                        p.label.value, number.value, prefix.starts_with("A") ? "annex" : "section",
                        prefix.starts_with("A") ? prefix.substr(1) : prefix),
            {{number.loc, "its number is frozen here"},
             {{},
              "move it back to where it was circulated; a circulated paragraph "
              "keeps its number"}});
      else if (!p.numbered)
        diags_.report("frozen-number-changed", p.label.loc,
                      fmt::format("paragraph '{}' was {} in the circulated report, and is now "
                                  "unnumbered",
                                  p.label.value, number.value),
                      {{number.loc, "its number is frozen here"},
                       {{}, "remove 'numbered: false': a circulated paragraph keeps its number"}});
    }
    return out;
  }

  // The number of the paragraph `j` of `s`, inserted after the report was
  // frozen: the next Latin suffix after the paragraph before it (6.3bis
  // after 6.3, 6.3ter after 6.3bis). There is none before the section's
  // first frozen paragraph, nor between two frozen numbers with no suffix
  // left between them (6.3 and 6.3bis); both are reported.
  FrozenPosition insert_after(const Section& s, std::size_t j, const std::string& prefix,
                              const std::vector<std::optional<FrozenPosition>>& frozen,
                              const std::vector<std::optional<FrozenPosition>>& next_frozen,
                              const std::optional<FrozenPosition>& last, bool& conflict) {
    const Paragraph& p = s.paragraphs[j];
    const Location& at = p.label.present ? p.label.loc : p.loc;
    if (p.number.present)
      diags_.report("invalid-value", p.number.loc,
                    "'number' on a paragraph inserted in a frozen section: its number follows "
                    "the frozen number before it",
                    {{{}, "remove 'number'"}});
    const std::optional<FrozenPosition>& next = next_frozen[j];
    if (!last) {
      // frozen[] has a value somewhere: the section is frozen.
      std::string first = "?";
      for (const auto& f : frozen)
        if (f) {
          first = fmt::format("{}.{}", prefix, f->name());
          break;
        }
      diags_.report(
          "no-free-number", at,
          fmt::format("a paragraph inserted before {}, the first circulated paragraph of its "
                      "section, has no number: the numbers before it were circulated or never "
                      "given",
                      first),
          {{{},
            fmt::format("move it after {} (it becomes {}bis), or write 'numbered: false'", first,
                        first)}});
      return {0, 0};
    }
    FrozenPosition want{last->count, last->inserted + 1};
    const std::string after = fmt::format("{}.{}", prefix, last->name());
    if (want.inserted > kMaxInsertions) {
      // Reported at the first paragraph past the bound; those after it
      // follow from it.
      if (want.inserted > kMaxInsertions + 1) return want;
      diags_.report(
          "too-many-insertions", at,
          fmt::format("more than {} paragraphs inserted after {}: the suffixes end "
                      "with {}{}",
                      kMaxInsertions, fmt::format("{}.{}", prefix, last->count), after, ""),
          {{{}, "write some of them as one paragraph, or 'numbered: false'"}});
      return want;
    }
    if (next && *next <= want) {
      diags_.report(
          "no-free-number", at,
          fmt::format("a paragraph inserted between {} and {}.{} has no number: "
                      "{}.{} is taken",
                      after, prefix, next->name(), prefix, want.name()),
          {{{},
            fmt::format("move it after {}.{}, or write 'numbered: false'", prefix, next->name())}});
      // A place of its own past the suffixes, which the paragraphs after it
      // do not follow: the frozen one after it is in order.
      conflict = true;
      return {last->count, kMaxInsertions + 1 + j};
    }
    return want;
  }

  // Every frozen label must still be in the report, with its number; a
  // paragraph withdrawn after circulation stays, with 'deleted: true'.
  void check_frozen() {
    if (!src_.frozen.present || src_.sections_incomplete) return;
    std::set<std::string, std::less<>> frozen_labels;
    for (const auto* entries :
         {&src_.frozen.sections, &src_.frozen.annexes, &src_.frozen.paragraphs, &src_.frozen.items})
      for (const auto& [label, number] : *entries) frozen_labels.insert(label.value);
    std::size_t suggested = 0;
    auto check = [&](const Frozen::Entries& entries, Target::Kind kind, std::string_view what) {
      for (const auto& [label, number] : entries) {
        auto it = model_.labels.find(label.value);
        if (it == model_.labels.end()) {
          std::string fix = kind == Target::Kind::paragraph
                                ? fmt::format(
                                      "keep the paragraph with its label and 'deleted: true' (it "
                                      "prints '{} {}'), or restore its label",
                                      number.value, lang::labels().deleted_paragraph)
                                : fmt::format("restore the label '{}' on the {} that was {}",
                                              label.value, what, number.value);
          std::vector<Note> notes;
          // A label renamed: a label of the same kind that frozen.yaml lacks.
          // Looked for only for the first few: each look is a pass over
          // every label of the report.
          std::vector<std::string> fresh;
          if (++suggested <= 20)
            for (const auto& [name, target] : model_.labels)
              if (target.kind == kind && !frozen_labels.contains(name)) fresh.push_back(name);
          if (auto near = fresh.empty() ? std::nullopt : closest_match(label.value, fresh)) {
            notes.push_back(
                {model_.labels.at(*near).loc,
                 fmt::format("'{}' is not in {}: was the label renamed?", *near, kFrozenFile)});
            fix = fmt::format("give the {} its label '{}' again", what, label.value);
          }
          notes.push_back({{}, std::move(fix)});
          diags_.report("frozen-label-removed", label.loc,
                        fmt::format("{} '{}' ({}) of the circulated report is no longer in the "
                                    "sources",
                                    what, label.value, number.value),
                        std::move(notes));
          continue;
        }
        const Target& t = it->second;
        if (kind == Target::Kind::paragraph) continue;  // numbered as frozen, or reported
        if (t.kind == kind && t.number == number.value) continue;
        diags_.report(
            "frozen-number-changed", t.loc,
            fmt::format("{} '{}' was {} in the circulated report, and is now {}", what, label.value,
                        number.value, t.number.empty() ? "unnumbered" : t.number),
            {{label.loc, "its number is frozen here"},
             {{},
              fmt::format("keep the {} where it was circulated; new ones go after "
                          "the circulated ones",
                          what)}});
      }
    };
    check(src_.frozen.sections, Target::Kind::section, "section");
    check(src_.frozen.annexes, Target::Kind::annex, "annex");
    check(src_.frozen.paragraphs, Target::Kind::paragraph, "paragraph");
    check(src_.frozen.items, Target::Kind::item, "list item");
  }

  // The number of a numbered paragraph that follows number `count` of its
  // section: the next one, or the one it fixes with 'number:' where the
  // report skips numbers. A fixed number must be after the one before it:
  // numbers that go backwards or repeat would make two paragraphs 6.2.
  std::size_t fixed_number(const Paragraph& p, std::size_t count, const std::string& prefix,
                           const Paragraph* previous) {
    if (!p.number.present) return count + 1;
    const auto fixed = static_cast<std::size_t>(p.number.value);
    if (fixed > count) return fixed;
    std::vector<Note> notes;
    if (previous) notes.push_back({previous->loc, fmt::format("{}.{} is here", prefix, count)});
    notes.push_back({{},
                     fmt::format("write a number after {}, or remove 'number' to have {}.{} "
                                 "computed",
                                 count, prefix, count + 1)});
    diags_.report("number-order", p.number.loc,
                  fmt::format("paragraph number {}.{} is not after {}.{}, the paragraph before it",
                              prefix, fixed, prefix, count),
                  std::move(notes));
    return count + 1;
  }

  void reserve_item_labels(const List& list) {
    for (const auto& item : list.items) {
      if (item.label.present) model_.anchors.insert(item.label.value);
      for (const auto& l : item.list) reserve_item_labels(l);
    }
  }

  // A labelled list item is referred to by its marker, e.g. "b)", or by
  // the list's word for its items and the marker, joined by a no-break
  // space: "item b)", "question 3" (a number without its bracket, as prose
  // writes it).
  void define_item_labels(const List& list) {
    for (std::size_t i = 0; i < list.items.size(); ++i) {
      const ListItem& item = list.items[i];
      std::string name = list_marker(list.style.value, i);
      if (!list.item_word.value.empty())
        name = list.item_word.value + "\u00A0" +
               (list.style.value == "number" ? std::to_string(i + 1) : name);
      if (item.label.present && !item.label.value.empty())
        define_label(item.label, {Target::Kind::item, name, item.label.value, item.label.loc});
      for (const auto& l : item.list) define_item_labels(l);
    }
  }

  // The cover's letter names the language of the document: it must be the
  // letter of the language the report is written in, or the document is
  // filed under the wrong language.
  void check_language_letter() {
    if (!src_.cover || !src_.cover->language.present || !src_.language.present) return;
    const Text& letter = src_.cover->language;
    std::string_view expected = lang::labels(src_.language.value).symbol_letter;
    if (letter.value == expected) return;
    diags_.report(
        "language-mismatch", letter.loc,
        fmt::format("the cover's language '{}' contradicts 'language: {}', whose letter is '{}'",
                    letter.value, src_.language.value, expected),
        {{{},
          fmt::format("write 'language: {}' or leave it out: the symbol then ends "
                      "in '-{}'",
                      expected, expected)}});
  }

  void check_people_refs() {
    auto check_person = [&](const Text& id) {
      if (!id.present || id.value.empty() || model_.people.contains(id.value)) return;
      diags_.report("unknown-id", id.loc, fmt::format("unknown person '{}'", id.value),
                    suggest(&diags_, "unknown-id", id.value, model_.people, key_of));
    };
    for (const auto& m : src_.meetings) check_person(m.chair);
    if (src_.signature) check_person(src_.signature->person);
  }

  void check_documents() {
    for (const auto& d : src_.documents) {
      for (const auto& s : d.source) {
        if (model_.entities.contains(s.value)) continue;
        diags_.report("unknown-id", s.loc, fmt::format("unknown entity '{}'", s.value),
                      suggest(&diags_, "unknown-id", s.value, model_.entities, key_of));
      }
    }
  }

  void check_text(const Text& text) {
    if (!text.present) return;
    TextRefs& refs = refs_[&text];
    refs.tokens = scan_refs(text.value);
    refs.resolved.reserve(refs.tokens.size());
    // Made only for a reference that fails: it looks up the file.
    std::optional<TextLocator> locator;
    std::unordered_map<std::string_view, std::size_t> seen;
    for (const auto& tok : refs.tokens) {
      // A reference is located in the file only when it fails to resolve:
      // that costs a scan of the file, which a clean report never pays.
      auto r = resolve_ref(model_, tok, nullptr, text.loc, language_of(model_, text));
      if (!r) {
        std::string_view raw = std::string_view(text.value).substr(tok.offset, tok.length);
        // The occurrences of a failed reference before this one.
        std::size_t occurrence = seen[raw]++;
        if (!locator) locator.emplace(diags_.sources(), text);
        resolve_ref(model_, tok, &diags_, locator->locate(raw, occurrence),
                    language_of(model_, text));
      }
      if (r && r->footnote) used_notes_.emplace(tok.key);
      // Reported once, at the field that spent the budget.
      if (r) resolved_budget_.charge(r->text.size(), text.loc, diags_);
      if (resolved_budget_.exhausted()) r.reset();
      refs.resolved.push_back(std::move(r));
    }
    check_counts(text);
  }

  // "There were ten contributions": a number written in prose before a
  // kind of document must agree with the register.
  void check_counts(const Text& text) {
    if (text.value.find("contribution") == std::string::npos &&
        text.value.find("report") == std::string::npos &&
        text.value.find("statement") == std::string::npos)
      return;
    // A second pass over the text: a locator of its own, made for a mismatch.
    std::optional<TextLocator> locator;
    std::unordered_map<std::string_view, std::size_t> seen;
    for (const CountPhrase& m : find_count_phrases(text.value)) {
      std::string word(m.number);
      std::transform(word.begin(), word.end(), word.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      long n = -1;
      if (std::isdigit(static_cast<unsigned char>(word[0]))) {
        if (word.size() < 7) n = std::stol(word);
      } else {
        n = number_of_word(word);
      }
      std::size_t occurrence = seen[m.whole]++;
      if (n < 0) continue;
      std::string noun(m.noun);
      std::string lower = noun;
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      std::string kind = lower == "contributions"         ? "contribution"
                         : lower == "information reports" ? "information-report"
                                                          : "liaison-statement";
      auto c = model_.kind_counts.find(kind);
      long actual = c == model_.kind_counts.end() ? 0 : static_cast<long>(c->second);
      if (n == actual) continue;
      if (!locator) locator.emplace(diags_.sources(), text);
      diags_.report(
          "count-mismatch", locator->locate(m.whole, occurrence),
          fmt::format("the text says {} {} but the register has {}", m.number, noun, actual),
          {{{}, fmt::format("write '{{count:{}}} {}' to have the number computed", kind, noun)}});
    }
  }

  void check_list(const List& list) {
    for (const auto& item : list.items) {
      check_text(item.text);
      for (const auto& l : item.list) check_list(l);
    }
  }

  // The cover's fields are plain text, printed as written but for their
  // cross-references ("{meeting:11|dates}"), each printed as its text: a
  // cover has no links. '\{' prints '{'. Each field, once expanded, is
  // held to the limit of one field; the report's budget already bounds the
  // references' text.
  void expand_cover() {
    if (!src_.cover) return;
    const Cover& c = *src_.cover;
    for (const auto& [key, text] : {std::pair<std::string_view, const Text*>{"session", &c.session},
                                    {"place", &c.place},
                                    {"dates", &c.dates},
                                    {"agenda_item", &c.agenda_item},
                                    {"symbol", &c.symbol},
                                    {"original", &c.original},
                                    {"source", &c.source}}) {
      if (!text->present || text->value.empty()) continue;
      check_text(*text);
      const TextRefs& refs = refs_[text];
      std::string out;
      std::size_t at = 0;
      std::string_view v = text->value;
      auto copy = [&](std::string_view part) {
        // '\{' is a brace that starts no reference.
        for (std::size_t i = 0; i < part.size(); ++i) {
          if (part[i] == '\\' && i + 1 < part.size() && part[i + 1] == '{') continue;
          out += part[i];
        }
      };
      for (std::size_t i = 0; i < refs.tokens.size() && out.size() <= limits_.max_field_bytes;
           ++i) {
        const RefToken& tok = refs.tokens[i];
        copy(v.substr(at, tok.offset - at));
        const auto& r = refs.resolved[i];
        out += r ? std::string_view(r->text) : v.substr(tok.offset, tok.length);
        at = tok.offset + tok.length;
      }
      if (out.size() <= limits_.max_field_bytes) copy(v.substr(at));
      if (out.size() > limits_.max_field_bytes) {
        diags_.report("text-limit", text->loc,
                      fmt::format("the cover's '{}' is more than {} bytes once its references "
                                  "are printed",
                                  key, limits_.max_field_bytes),
                      {{{}, "shorten the text or the references it prints"}});
        continue;
      }
      model_.cover_text.emplace(key, std::move(out));
    }
  }

  void check_texts() {
    check_text(src_.summary);
    check_text(src_.action);
    for (const auto& r : src_.references) check_text(r.text);
    for (const auto* sections : {&src_.preamble, &src_.sections, &src_.annexes}) {
      for (const auto& s : *sections) {
        check_text(s.heading);
        for (const auto& p : s.paragraphs) {
          check_text(p.text);
          for (const auto& q : p.quote) {
            check_text(q.source);
            for (const auto& qp : q.paragraphs) check_text(qp.text);
          }
          for (const auto& t : p.table) {
            check_text(t.caption);
            for (const auto& c : t.columns) check_text(c);
            for (const auto& row : t.rows)
              for (const auto& c : row) check_text(c);
          }
          for (const auto& f : p.footnotes) check_text(f.text);
          for (const auto& l : p.list) check_list(l);
          for (const auto& dl : p.documents) check_document_list(dl);
        }
      }
    }
  }

  void check_document_list(const DocumentList& dl) {
    for (const auto& key : dl.keys) {
      auto idx = find_or_report(key);
      if (idx) note_use(*idx, key.loc, listed_);
    }
    if (dl.meeting.present && !model_.meetings.contains(dl.meeting.value) &&
        !src_.meetings_incomplete)
      diags_.report("unknown-meeting", dl.meeting.loc,
                    fmt::format("the report covers no meeting {}", dl.meeting.value));
    // Every document of the listed kinds (and meeting), in register order.
    for (std::size_t i = 0; i < src_.documents.size(); ++i) {
      if (dl.meeting.present && model_.documents[i].meeting != dl.meeting.value) continue;
      for (const auto& k : dl.kinds)
        if (src_.documents[i].kind.value == k.value && !model_.documents[i].key.empty())
          note_use(i, dl.loc, listed_);
    }
  }

  // A listed document's anchor, which a {doc:...} reference links to, is
  // made before any reference is resolved: a reference may come before the
  // list.
  void anchor_listed_documents() {
    auto anchor = [&](std::size_t i) {
      DocumentInfo& info = model_.documents[i];
      if (info.anchor.empty() && !info.key.empty())
        info.anchor = model_.unique_anchor("doc-" + anchor_part(info.key));
    };
    for (const auto* sections : {&src_.preamble, &src_.sections, &src_.annexes})
      for (const auto& s : *sections)
        for (const auto& p : s.paragraphs)
          for (const auto& dl : p.documents) {
            for (std::size_t i = 0; i < src_.documents.size(); ++i) {
              if (dl.meeting.present && model_.documents[i].meeting != dl.meeting.value) continue;
              for (const auto& k : dl.kinds)
                if (src_.documents[i].kind.value == k.value) anchor(i);
            }
            for (const auto& key : dl.keys)
              if (auto idx = model_.find_document(key.value)) anchor(*idx);
          }
  }

  static std::string anchor_part(std::string_view key) {
    std::string out;
    for (char c : key) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        out += c;
      else if (c >= 'A' && c <= 'Z')
        out += static_cast<char>(c - 'A' + 'a');
      else
        out += '-';
    }
    return out;
  }

  // The key of a document without its revision: the same for every
  // revision of one document (an addendum is a document of its own).
  std::string revision_base(std::size_t idx) const {
    std::string base = model_.documents[idx].key;
    const Document& d = src_.documents[idx];
    if (d.revision.present) {
      std::string suffix = fmt::format("R{}", d.revision.value);
      if (d.addendum.present) suffix += fmt::format("A{}", d.addendum.value);
      base.erase(base.size() - suffix.size());
      if (d.addendum.present) base += fmt::format("A{}", d.addendum.value);
    }
    return base;
  }

  std::optional<std::size_t> find_or_report(const Text& key) {
    bool ambiguous = false;
    auto idx = model_.find_document(key.value, &ambiguous);
    if (idx) return idx;
    if (auto meant = keys_meant(model_, key.value); !meant.empty()) {
      auto [message, notes] = key_meant_diagnostic(key.value, meant);
      diags_.report("unknown-document", key.loc, std::move(message), std::move(notes));
      // The document meant takes part in the checks that follow, so that
      // one mistake is one error.
      if (meant.size() == 1) return model_.find_document(meant[0]);
      return std::nullopt;
    }
    // Past the error limit the note would not be shown: no search then (with
    // an incomplete register, such a key is left out of the count of errors
    // not shown).
    std::optional<std::string> near;
    if (diags_.keeps("unknown-document")) near = document_typo(model_, diags_, key.value);
    if (model_.register_incomplete && !near) return std::nullopt;
    std::vector<Note> notes;
    if (near) notes.push_back({{}, fmt::format("did you mean '{}'?", *near)});
    diags_.report("unknown-document", key.loc,
                  ambiguous
                      ? fmt::format("'{}' names several revisions: add the revision", key.value)
                      : fmt::format("unknown document '{}'", key.value),
                  std::move(notes));
    return std::nullopt;
  }

  // Records a use of a document, warning when another revision of the same
  // document was used the same way.
  void note_use(std::size_t idx, const Location& loc,
                std::map<std::string, std::pair<std::size_t, Location>>& uses) {
    if (model_.documents[idx].key.empty()) return;  // reported when registered
    std::string base = revision_base(idx);
    auto [it, fresh] = uses.emplace(base, std::make_pair(idx, loc));
    if (!fresh && it->second.first != idx && reported_clash_.insert(base).second) {
      const Location& other = it->second.second;
      // A generated list uses both revisions at one place: then the notes
      // show where each is registered instead.
      std::vector<Note> notes;
      if (other.file == loc.file && other.line == loc.line && other.column == loc.column) {
        for (std::size_t i : {it->second.first, idx})
          notes.push_back({src_.documents[i].loc,
                           fmt::format("'{}' is registered here", model_.documents[i].key)});
      } else {
        notes.push_back({other, "the other revision is used here"});
      }
      diags_.report("revision-clash", loc,
                    fmt::format("'{}' and '{}' are two revisions of one document",
                                model_.documents[it->second.first].key, model_.documents[idx].key),
                    std::move(notes));
    }
  }

  // What only a summary record has: in one, its meeting, hours and
  // signatures, and the documents of each item for its table of subjects;
  // in a report of another kind, any of its keys, which would print
  // nothing.
  void check_record() {
    const bool record = src_.kind.value == "summary-record";
    const Text& kind = src_.kind;
    // As check_kind reports a key the kind would not print.
    auto not_in_kind = [&](const Location& loc, std::string_view what, std::string why,
                           std::string fix) {
      std::vector<Note> notes;
      if (kind.present) notes.push_back({kind.loc, "the kind is set here"});
      notes.push_back({{}, std::move(fix)});
      diags_.report("not-in-kind", loc,
                    fmt::format("{} has no place in a document of kind '{}': {}", what,
                                kind.present ? kind.value : "outcome", why),
                    std::move(notes));
    };
    const std::string only_record = "only a summary record prints it";
    const std::string remove_or_kind =
        "remove it, or write 'kind: summary-record' if the document is a summary record";
    for (const auto& m : src_.meetings) {
      if (!record) {
        for (const Text* t : {&m.name, &m.start_time, &m.end_time})
          if (t->present)
            not_in_kind(t->loc,
                        t == &m.name         ? "'name'"
                        : t == &m.start_time ? "'start_time'"
                                             : "'end_time'",
                        only_record, remove_or_kind);
        continue;
      }
      // A record's day line names one day: a second would not be printed.
      if (m.end_date.present)
        not_in_kind(m.end_date.loc, "'end_date'",
                    "a summary record is the record of a meeting held on one day",
                    "remove it; a meeting over several days has a summary record for each of "
                    "its sittings");
      if (m.end_time.present && !m.start_time.present)
        diags_.report(
            "missing-key", m.end_time.loc,
            fmt::format("meeting {} has an 'end_time' but no 'start_time'", m.number.value),
            {{{}, "give the hour the meeting started as 'start_time: \"HH:MM\"'"}});
      // An invalid time is reported, and left empty.
      if (!m.start_time.value.empty() && !m.end_time.value.empty() &&
          m.end_time.value < m.start_time.value)
        diags_.report("date-order", m.end_time.loc,
                      fmt::format("meeting {} ends at {} before it starts at {}", m.number.value,
                                  m.end_time.value, m.start_time.value));
    }
    for (const auto& s : src_.sections)
      if (!record && s.continued_loc.line != 0)
        not_in_kind(s.continued_loc, "'continued'", only_record, remove_or_kind);
    if (!record) {
      if (!src_.signatures.empty() || src_.signatures_loc.line != 0)
        not_in_kind(src_.signatures_loc, "'signatures'",
                    "only a summary record is signed by several people side by side",
                    "sign under 'signature:', by one person, or write 'kind: summary-record' "
                    "if the document is a summary record");
      return;
    }
    if (src_.meetings.size() > 1)
      not_in_kind(src_.meetings[1].loc, "a second meeting",
                  "a summary record is the record of one meeting",
                  "write one summary record per meeting");
    if (src_.signature)
      not_in_kind(src_.signature->loc, "'signature'",
                  "a summary record is signed under 'signatures:'",
                  "write 'signatures:' with a list of 'person:' and 'role:', e.g. the "
                  "Secretary-General and the Chairman");
    // A person signs once: the signature names the signer, and its
    // translation is keyed by the signer ('signature PERSON role').
    std::map<std::string_view, const Signatory*> signers;
    for (const auto& sig : src_.signatures) {
      if (!sig.person.present) continue;
      auto [first, fresh] = signers.emplace(sig.person.value, &sig);
      if (!fresh)
        diags_.report("duplicate-id", sig.person.loc,
                      fmt::format("'{}' signs the record twice", sig.person.value),
                      {{first->second->person.loc, "first signature here"}});
      if (model_.people.contains(sig.person.value)) continue;
      diags_.report("unknown-id", sig.person.loc,
                    fmt::format("unknown person '{}'", sig.person.value),
                    suggest(&diags_, "unknown-id", sig.person.value, model_.people, key_of));
    }
    // Each item's documents, in the order the section first names them.
    for (std::size_t i = 0; i < src_.sections.size() && i < model_.sections.size(); ++i) {
      const Section& sec = src_.sections[i];
      SectionInfo& info = model_.sections[i];
      std::set<std::size_t> seen;
      auto add = [&](std::optional<std::size_t> idx) {
        if (idx && !model_.documents[*idx].key.empty() && seen.insert(*idx).second)
          info.documents.push_back(*idx);
      };
      if (auto it = refs_.find(&sec.heading); it != refs_.end())
        for (std::size_t k = 0; k < it->second.tokens.size(); ++k)
          if (it->second.tokens[k].kind == "doc" && k < it->second.resolved.size() &&
              it->second.resolved[k])
            add(model_.find_document(it->second.tokens[k].key));
      for (const auto& p : sec.paragraphs) {
        for (const auto& key : p.presents) add(model_.find_document(key.value));
        for (const auto& dl : p.documents) {
          for (const auto& key : dl.keys) add(model_.find_document(key.value));
          for (std::size_t d = 0; d < src_.documents.size(); ++d) {
            if (dl.meeting.present && model_.documents[d].meeting != dl.meeting.value) continue;
            for (const auto& k : dl.kinds)
              if (src_.documents[d].kind.value == k.value) add(d);
          }
        }
      }
    }
  }

  void check_presented() {
    std::set<std::string> presented_bases;
    for (const auto* sections : {&src_.preamble, &src_.sections}) {
      for (const auto& s : *sections) {
        for (const auto& p : s.paragraphs) {
          for (const auto& key : p.presents) {
            auto idx = find_or_report(key);
            if (!idx) {
              // The key is most likely a typo for its closest match: count that
              // document as presented rather than warn about it as a follow-on.
              if (auto near = document_typo(model_, diags_, key.value))
                if (auto i = model_.find_document(*near)) presented_bases.insert(revision_base(*i));
              continue;
            }
            presented_bases.insert(revision_base(*idx));
            note_use(*idx, key.loc, presented_);
            const std::string& kind = src_.documents[*idx].kind.value;
            if (kind == "agenda" || kind == "other")
              diags_.report("wrong-document-kind", key.loc,
                            fmt::format("paragraph presents '{}', which is registered as {} '{}'",
                                        key.value, kind == "agenda" ? "an" : "of kind", kind),
                            {{src_.documents[*idx].loc, "registered here"}});
          }
        }
      }
    }
    for (std::size_t i = 0; i < src_.documents.size(); ++i) {
      const Document& d = src_.documents[i];
      const std::string& kind = d.kind.value;
      // Presenting any revision of a document presents the document.
      if (model_.documents[i].key.empty() || presented_bases.contains(revision_base(i))) continue;
      if (src_.sections_incomplete || model_.register_incomplete) continue;
      if (kind != "contribution" && kind != "information-report" && kind != "liaison-statement")
        continue;
      diags_.report("unpresented-document", d.loc,
                    fmt::format("{} '{}' is registered but no paragraph presents it",
                                kind == "contribution" ? "contribution" : "document",
                                model_.documents[i].key),
                    {{{},
                      fmt::format("add 'presents: {}' to the paragraph that discusses it",
                                  model_.documents[i].key)}});
    }
  }

 public:
  static std::string list_marker(std::string_view style, std::size_t i);

 private:
  const Sources& src_;
  Diagnostics& diags_;
  const TextLimits& limits_;
  Model model_;
  // The references of each text field checked, as resolved: the fields'
  // conversion prints them.
  std::unordered_map<const Text*, TextRefs> refs_;
  // What the references kept in refs_ print, together: every one prints at
  // least once, so once this passes the report's budget the build cannot
  // succeed, and keeping more (3,000 references to a 1 MB title are 3 GB)
  // would only exhaust memory.
  ReportBudget resolved_budget_;
  std::map<std::string, std::pair<std::size_t, Location>> listed_, presented_;
  std::set<std::string> reported_clash_;
  std::set<std::string> used_notes_;
  // frozen.yaml's paragraphs: label -> the number as circulated.
  std::map<std::string, const Text*, std::less<>> frozen_;
  // Its sections and annexes: label -> "6" or "Annex 1".
  std::map<std::string, const Text*, std::less<>> frozen_units_;
};

std::string roman(std::size_t n) {
  static const std::pair<std::size_t, const char*> table[] = {
      {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
      {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
  std::string out;
  for (const auto& [v, s] : table)
    while (n >= v) {
      out += s;
      n -= v;
    }
  return out;
}

std::string alpha(std::size_t n) {  // 1 -> a, 26 -> z, 27 -> aa
  std::string out;
  while (n > 0) {
    --n;
    out.insert(out.begin(), static_cast<char>('a' + n % 26));
    n /= 26;
  }
  return out;
}

std::string Checker::list_marker(std::string_view style, std::size_t i) {
  if (style == "alpha") return alpha(i + 1) + ")";
  if (style == "roman") return roman(i + 1) + ")";
  if (style == "number") return std::to_string(i + 1) + ")";
  if (style == "dash") return "\u2013";
  return "\u00B7";
}

}  // namespace

std::string list_marker(std::string_view style, std::size_t index) {
  return Checker::list_marker(style, index);
}

Model check_sources(std::shared_ptr<const Sources> src, Diagnostics& diags,
                    const TextLimits& limits) {
  const Sources& sources = *src;
  return Checker(sources, std::move(src), diags, limits).run();
}

}  // namespace cwg
