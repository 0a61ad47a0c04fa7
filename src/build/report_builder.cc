// The report builder: walks the checked model in print order and produces
// the report tree the renderers share.
#include "build/report_builder.h"

#include <fmt/format.h>

#include <algorithm>

#include "check/fields.h"
#include "lang/labels.h"
#include "lang/ordinals.h"
#include "lang/typography.h"
#include "text/report_text.h"

namespace cwg {

using text::report_text;

namespace {

tree::ListStyle style_of(std::string_view s) {
  if (s == "dash") return tree::ListStyle::dash;
  if (s == "alpha") return tree::ListStyle::alpha;
  if (s == "roman") return tree::ListStyle::roman;
  if (s == "number") return tree::ListStyle::number;
  return tree::ListStyle::bullet;
}

tree::Inline text_node(std::string s) { return {tree::Inline::Kind::text, report_text(s), {}, {}}; }

// The meeting a summary record is the record of: its first.
const Meeting* record_meeting(const FrontMatter& front) {
  return front.meetings.empty() ? nullptr : &front.meetings.front();
}

// {"second", "plenary meeting"}: the ordinal and what the meeting is
// called. A summary record spells its number in words unless told
// otherwise.
std::pair<std::string, std::string> record_meeting_words(const FrontMatter& front,
                                                         const lang::Labels& labels) {
  const Meeting* m = record_meeting(front);
  if (!m || !m->number.present) return {};
  bool numeral = front.title_ordinals == "numeral";
  return {number_text(m->number.value, labels,
                      numeral ? labels.ordinal_numeral_rules : labels.record_rules),
          m->name.present ? m->name.value : std::string(labels.meeting)};
}

// "0930" for "09:30", as the records print hours.
std::string record_hour(std::string_view hhmm) {
  std::string out(hhmm);
  out.erase(std::remove(out.begin(), out.end(), ':'), out.end());
  return out;
}

class Builder {
 public:
  explicit Builder(Model& model) : model_(model), front_(model.front) {}

  tree::Report run() {
    tree::Report r;
    r.kind = document_kind(front_.kind);
    r.words = lang::tree_words(words_);
    r.language = model_.language;
    switch (r.kind) {
      case tree::DocumentKind::group_document:
        r.cover = group_header();
        break;
      case tree::DocumentKind::chair_report:
        // No cover: the source line alone, above the title.
        r.cover.source_line = report_text(chair_report_by());
        break;
      case tree::DocumentKind::outcome:
      case tree::DocumentKind::summary_record:
        if (front_.cover) r.cover = cover(*front_.cover);
        break;
    }
    r.title = report_title(front_);
    r.short_title = front_.title ? report_text(*front_.title) : short_title();
    if (r.kind == tree::DocumentKind::summary_record) {
      r.record = record();
      for (const FrontMatter::Signed& s : front_.signatures) r.signatures.push_back(signatory(s));
    }
    r.summary = blocks(std::move(model_.summary));
    r.action = blocks(std::move(model_.action));
    r.blank_action = model_.action_blank;
    r.blank_references = model_.references_blank;
    const std::string& sep = front_.reference_separator;
    for (std::size_t i = 0; i < model_.reference_texts.size(); ++i) {
      if (i) r.references.push_back(text_node(sep));
      for (auto& in : model_.reference_texts[i]) r.references.push_back(std::move(in));
    }
    for (SectionInfo& s : model_.preamble)
      for (ParagraphInfo& p : s.paragraphs) r.preamble.push_back(paragraph(p));
    for (SectionInfo& s : model_.sections) r.sections.push_back(section(s));
    for (SectionInfo& s : model_.annexes) r.annexes.push_back(section(s));
    if (front_.contents) {
      for (const auto* parts : {&r.sections, &r.annexes})
        for (const tree::Section& s : *parts)
          r.contents.push_back(
              {s.number, contents_heading(s.heading), s.anchor,
               s.heading.size() == 1 && s.heading[0].kind == tree::Inline::Kind::foreign
                   ? s.heading[0].text
                   : std::string()});
    }
    if (front_.signature) {
      r.signature.name = report_text(front_.signature->name);
      r.signature.role = typeset(front_.signature->role);
    }
    // Footnotes in the order of their first mark.
    for (FootnoteText& note : model_.notes) {
      tree::Footnote f;
      f.number = std::move(note.number);
      f.anchor = std::move(note.anchor);
      f.text = std::move(note.text);
      r.footnotes.push_back(std::move(f));
    }
    return r;
  }

 private:
  tree::Cover cover(const Cover& c) {
    tree::Cover out;
    // A field's text with its references printed, as the checker expanded it.
    auto text = [&](std::string_view key, const Text& field) -> std::string {
      auto it = model_.cover_text.find(key);
      return it != model_.cover_text.end() ? it->second : field.value;
    };
    // `blank`: written '' on purpose, a draft's: the label alone.
    auto add = [this](std::vector<tree::CoverField>& side, std::string name, std::string label,
                      std::string value, bool blank = false) {
      if (!value.empty() || blank)
        side.push_back({std::move(name), std::move(label), typeset(value), value.empty() && blank,
                        std::string(words_.cover_label_gap)});
    };
    add(out.left, "session", "", text("session", c.session));
    std::string place = text("place", c.place);
    const std::string dates = text("dates", c.dates);
    if (!place.empty() && !dates.empty()) place += words_.comma;
    add(out.left, "place_dates", "", lang::no_break_spaces(place + dates, words_));
    add(out.right, "agenda_item", std::string(words_.agenda_item),
        text("agenda_item", c.agenda_item), c.agenda_item.present);
    if (c.symbol.present) {
      std::string symbol = text("symbol", c.symbol);
      if (c.revision.present) symbol += fmt::format("(Rev.{})", c.revision.value);
      // The letter of the cover, or else that of report.yaml's language.
      if (c.language.present)
        symbol += "-" + c.language.value;
      else if (front_.language_written)
        symbol += "-" + std::string(words_.symbol_letter);
      add(out.right, "symbol", std::string(words_.document), symbol, true);
    }
    if (c.date.present) add(out.right, "date", "", long_date(c.date.value, words_));
    if (c.original.present) {
      const std::string original = text("original", c.original);
      bool only = original.ends_with(words_.only) || original.starts_with(words_.only);
      add(out.right, "original", only ? "" : std::string(words_.original), original, true);
    }
    if (c.source.present) {
      out.source_line = report_text(text("source", c.source));
    } else if (c.author.present) {
      out.source_line = report_text(fmt::format(fmt::runtime(words_.report_by),
                                                fmt::arg("role", front_.author_title),
                                                fmt::arg("group", front_.group_name)));
    }
    return out;
  }

  static tree::DocumentKind document_kind(std::string_view kind) {
    if (kind == "group-document") return tree::DocumentKind::group_document;
    if (kind == "summary-record") return tree::DocumentKind::summary_record;
    if (kind == "chair-report") return tree::DocumentKind::chair_report;
    return tree::DocumentKind::outcome;
  }

  std::string chair_report_by() const {
    return fmt::format(fmt::runtime(words_.report_by), fmt::arg("role", front_.chair_title),
                       fmt::arg("group", front_.group_name));
  }

  // A working group's own document: the group and the meeting on the left,
  // the document's identity on the right, as on an outcome report's cover.
  // The checker let no key through that this header would not print.
  tree::Cover group_header() {
    tree::Cover out;
    out.left.push_back({"session", "", report_text(front_.group_name)});
    if (!front_.meetings.empty() && front_.meetings.front().number.present) {
      const Meeting& m = front_.meetings.front();
      std::string ordinal =
          capitalize_first(number_text(m.number.value, words_, words_.ordinal_words_rules), words_);
      // The place as the checker printed its references, if it has any.
      auto place = model_.cover_text.find("place");
      std::string where =
          front_.cover && front_.cover->place.present
              ? (place != model_.cover_text.end() ? place->second : front_.cover->place.value)
              : m.venue.value;
      std::string dates = long_date_range(m.date.value, m.end_date.value, words_);
      if (!where.empty() && !dates.empty()) where += words_.comma;
      where += dates;
      out.left.push_back({"meeting", "",
                          report_text(lang::no_break_spaces(
                              fmt::format(fmt::runtime(words_.meeting_line),
                                          fmt::arg("meeting", ordinal), fmt::arg("where", where)),
                              words_))});
    }
    if (front_.cover) {
      tree::Cover identity = cover(*front_.cover);
      out.right = std::move(identity.right);
      out.source_line = std::move(identity.source_line);
    }
    return out;
  }

  // The day and hours, who chaired, and the table of subjects.
  tree::Record record() {
    tree::Record out;
    if (const Meeting* m = record_meeting(front_)) {
      int day = weekday(m->date.value);
      std::string date = long_date(m->date.value, words_);
      if (day >= 0) {
        auto pattern = !m->start_time.present ? words_.record_day
                       : m->end_time.present  ? words_.record_from_to
                                              : words_.record_at;
        out.when = report_text(fmt::format(
            fmt::runtime(pattern), fmt::arg("day", words_.weekdays[static_cast<std::size_t>(day)]),
            fmt::arg("date", date), fmt::arg("start", record_hour(m->start_time.value)),
            fmt::arg("end", record_hour(m->end_time.value))));
      }
      if (front_.record_chair) {
        std::string role = front_.chair_word ? *front_.chair_word : std::string(words_.chair);
        out.chair =
            report_text(fmt::format(fmt::runtime(words_.record_chair), fmt::arg("role", role),
                                    fmt::arg("name", *front_.record_chair)));
      }
    }
    if (model_.sections.empty()) return out;
    tree::Block table;
    table.kind = tree::Block::Kind::table;
    table.table.header = {{text_node(std::string(words_.subjects_discussed))},
                          {text_node(std::string(words_.documents))}};
    table.table.align = {tree::Align::none, tree::Align::none};
    table.table.rows.reserve(model_.sections.size());
    for (const SectionInfo& s : model_.sections) {
      tree::Inlines subject;
      subject.push_back(text_node(s.number + " "));
      for (const tree::Inline& in : s.heading) subject.push_back(in);
      if (s.continued) subject.push_back(text_node(" " + std::string(words_.continued)));
      tree::Inlines documents;
      for (std::size_t i = 0; i < s.documents.size(); ++i) {
        const DocumentInfo& d = model_.documents[s.documents[i]];
        if (i) documents.push_back(text_node(", "));
        documents.push_back({tree::Inline::Kind::xref, report_text(d.symbol), d.anchor, {}});
      }
      table.table.rows.push_back({std::move(subject), std::move(documents)});
    }
    out.subjects.push_back(std::move(table));
    return out;
  }

  // A plain text of the sources (a cover field, a signature's role), fit to
  // print and set by the typography of the report's language, as the
  // checker sets the Markdown fields ("Le Président\u00A0:").
  std::string typeset(std::string_view s) const {
    return lang::language_typography(report_text(s), words_.language);
  }

  // A summary record's signature: the name alone, the role as written.
  tree::Signature signatory(const FrontMatter::Signed& s) const {
    tree::Signature out;
    out.name = report_text(s.name);
    out.role = typeset(s.role);
    out.role_above = s.role_above;
    return out;
  }

  std::string short_title() const {
    if (front_.kind == "summary-record") {
      auto [number, name] = record_meeting_words(front_, words_);
      return report_text(fmt::format(fmt::runtime(words_.record_short_title),
                                     fmt::arg("acronym", front_.group_acronym),
                                     fmt::arg("number", number), fmt::arg("name", name)));
    }
    std::vector<std::string> numbers;
    for (const auto& m : front_.meetings)
      if (m.number.present)
        numbers.push_back(number_text(m.number.value, words_, words_.ordinal_numeral_rules));
    auto pattern = numbers.size() > 1 ? words_.short_title_many : words_.short_title_one;
    return report_text(fmt::format(fmt::runtime(pattern), fmt::arg("acronym", front_.group_acronym),
                                   fmt::arg("meetings", lang::join_list(words_, numbers))));
  }

  // A heading as the table of contents prints it: its text on one line,
  // a link's text without its address, no footnote mark.
  static std::string contents_heading(const tree::Inlines& inlines) {
    std::string out;
    for (const tree::Inline& in : inlines) {
      switch (in.kind) {
        case tree::Inline::Kind::text:
        case tree::Inline::Kind::code:
        case tree::Inline::Kind::xref:
          out += in.text;
          break;
        case tree::Inline::Kind::emph:
        case tree::Inline::Kind::strong:
        case tree::Inline::Kind::strike:
        case tree::Inline::Kind::link:
        case tree::Inline::Kind::foreign:
          out += contents_heading(in.children);
          break;
        case tree::Inline::Kind::softbreak:
        case tree::Inline::Kind::linebreak:
          out += ' ';
          break;
        case tree::Inline::Kind::footnote_ref:
          break;
      }
    }
    return out;
  }

  static std::vector<tree::Block> blocks(FieldText t) {
    std::vector<tree::Block> out;
    if (!t.first.empty()) {
      tree::Block p;
      p.text = std::move(t.first);
      out.push_back(std::move(p));
    }
    for (auto& b : t.rest) out.push_back(std::move(b));
    return out;
  }

  tree::Section section(SectionInfo& info) {
    tree::Section out;
    out.number = info.number;
    out.anchor = info.anchor;
    out.heading = std::move(info.heading);
    if (info.continued) out.heading.push_back(text_node(" " + std::string(words_.continued)));
    out.blocks.reserve(info.paragraphs.size());
    for (ParagraphInfo& p : info.paragraphs) {
      // A paragraph deleted after circulation: "6.4 [Deleted]", or nothing
      // where the report leaves its number unused.
      if (p.omitted) continue;
      if (p.deleted) p.text.first.push_back(text_node(std::string(words_.deleted_paragraph)));
      out.blocks.push_back(paragraph(p));
    }
    return out;
  }

  tree::Block paragraph(ParagraphInfo& p) {
    tree::Block b;
    b.kind = tree::Block::Kind::paragraph;
    b.number = p.number;
    b.anchor = p.anchor;
    b.text = std::move(p.text.first);
    for (auto& c : p.text.rest) b.children.push_back(std::move(c));
    for (QuoteInfo& q : p.quotes) b.children.push_back(quote(q));
    for (TableInfo& t : p.tables) b.children.push_back(table(t));
    for (ListInfo& l : p.lists) b.children.push_back(list(l));
    for (const auto& dl : p.document_lists) b.children.push_back(document_list(dl));
    return b;
  }

  static tree::Block quote(QuoteInfo& q) {
    tree::Block b;
    b.kind = tree::Block::Kind::quote;
    b.text = std::move(q.source);
    for (QuoteInfo::Paragraph& qp : q.paragraphs) {
      tree::Block p;
      if (qp.elision) {
        p.kind = tree::Block::Kind::elision;
      } else {
        p.kind = tree::Block::Kind::paragraph;
        p.number = report_text(qp.number);
        p.text = std::move(qp.text.first);
        for (auto& c : qp.text.rest) p.children.push_back(std::move(c));
      }
      b.children.push_back(std::move(p));
    }
    return b;
  }

  static tree::Block table(TableInfo& t) {
    tree::Block b;
    b.kind = tree::Block::Kind::table;
    b.table.caption = std::move(t.caption);
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      b.table.header.push_back(std::move(t.columns[i]));
      std::string_view a = t.align[i];
      b.table.align.push_back(a == "left"     ? tree::Align::left
                              : a == "center" ? tree::Align::center
                              : a == "right"  ? tree::Align::right
                                              : tree::Align::none);
    }
    b.table.rows.reserve(t.rows.size());
    for (auto& row : t.rows) {
      row.resize(t.columns.size());  // the checker reported a short or long row
      b.table.rows.push_back(std::move(row));
    }
    return b;
  }

  static tree::Block list(ListInfo& l) {
    tree::Block b;
    b.kind = tree::Block::Kind::list;
    b.style = style_of(l.style);
    b.items.reserve(l.items.size());
    for (ListInfo::Item& item : l.items) {
      tree::ListItem li;
      li.marker = std::move(item.marker);
      li.anchor = std::move(item.anchor);
      li.text = std::move(item.text.first);
      for (auto& c : item.text.rest) li.children.push_back(std::move(c));
      for (ListInfo& sub : item.lists) li.children.push_back(list(sub));
      b.items.push_back(std::move(li));
    }
    return b;
  }

  // "· CWG-COP-14/2: Update on ...": the symbol, a colon, a no-break space
  // and the title, as the reports print register entries.
  tree::ListItem document_item(const ListedDocument& listed) const {
    const DocumentInfo& info = model_.documents[listed.document];
    tree::ListItem li;
    li.marker = list_marker("bullet", 0);
    if (listed.anchored) li.anchor = info.anchor;
    li.text.push_back(text_node(info.symbol + std::string(words_.symbol_colon)));
    for (const tree::Inline& in : info.title) {
      if (in.kind == tree::Inline::Kind::text && li.text.back().kind == tree::Inline::Kind::text)
        li.text.back().text += in.text;
      else
        li.text.push_back(in);
    }
    return li;
  }

  tree::Block document_list(const std::vector<ListedDocument>& listed) const {
    tree::Block b;
    b.kind = tree::Block::Kind::list;
    b.style = tree::ListStyle::bullet;
    b.items.reserve(listed.size());
    for (const ListedDocument& d : listed) b.items.push_back(document_item(d));
    return b;
  }

  Model& model_;
  const FrontMatter& front_;
  const lang::Labels& words_ = lang::labels(model_.language);
};
}  // namespace

std::string report_title(const FrontMatter& src) {
  const lang::Labels& labels = lang::labels(src.language);
  // Written in full, it is printed in capitals like the generated one.
  if (src.title) return report_text(upper_case(*src.title, labels));
  if (src.kind == "summary-record") {
    auto [number, name] = record_meeting_words(src, labels);
    return report_text(upper_case(fmt::format(fmt::runtime(labels.record_title),
                                              fmt::arg("number", number), fmt::arg("name", name)),
                                  labels));
  }
  bool words = src.title_ordinals == "words";
  std::vector<std::string> numbers;
  for (const auto& m : src.meetings)
    if (m.number.present)
      numbers.push_back(number_text(m.number.value, labels,
                                    words ? labels.title_words_rules : labels.title_numeral_rules));
  auto pattern = numbers.size() > 1 ? labels.title_many : labels.title_one;
  // English capitalises its numerals ("14TH"); the others keep theirs as
  // they are written ("14e", "14-го"), so the title is put in capitals
  // around them.
  constexpr std::string_view kNumerals = "\x01";
  bool keep = !words && labels.language != "en";
  std::string title = upper_case(
      fmt::format(
          fmt::runtime(pattern),
          fmt::arg("meetings", keep ? std::string(kNumerals) : lang::join_list(labels, numbers)),
          fmt::arg("group", src.group_name)),
      labels);
  if (auto at = title.find(kNumerals); keep && at != std::string::npos)
    title.replace(at, kNumerals.size(), lang::join_list(labels, numbers));
  return report_text(title);
}

tree::Report build_report(Model model) { return Builder(model).run(); }

}  // namespace cwg
