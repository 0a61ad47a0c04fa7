// The report builder: walks the checked model in print order and produces
// the report tree the renderers share.
#include "build/report_builder.h"

#include <fmt/format.h>

#include <set>

#include "build/field_limits.h"
#include "build/markdown_fields.h"
#include "lang/labels.h"
#include "lang/ordinals.h"
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

class Builder {
 public:
  Builder(const Model& model, Diagnostics& diags)
      : model_(model), src_(*model.src), diags_(diags), md_(model, diags) {}

  tree::Report run() {
    tree::Report r;
    r.words = lang::tree_words(words_);
    if (src_.cover) r.cover = cover(*src_.cover);
    r.title = report_title(src_);
    r.short_title = short_title();
    r.summary = blocks(src_.summary);
    r.action = blocks(src_.action);
    std::string sep = src_.reference_separator.present ? src_.reference_separator.value : ", ";
    for (std::size_t i = 0; i < src_.references.size(); ++i) {
      if (i) r.references.push_back(text_node(sep));
      for (auto& in : md_.convert_inline(src_.references[i].text))
        r.references.push_back(std::move(in));
    }
    for (std::size_t i = 0; i < src_.sections.size(); ++i)
      r.sections.push_back(section(src_.sections[i], model_.sections[i]));
    for (std::size_t i = 0; i < src_.annexes.size(); ++i)
      r.annexes.push_back(section(src_.annexes[i], model_.annexes[i]));
    if (src_.signature) {
      if (const Person* p = model_.find_person(src_.signature->person.value)) {
        r.signature.name = p->name.value;
        if (!p->country.value.empty()) r.signature.name += " (" + p->country.value + ")";
      }
      r.signature.role = src_.signature->role.value;
      if (!src_.signature->role.present) {
        // "Chair, CWG-COP", from the signer's role.
        const Person* p = model_.find_person(src_.signature->person.value);
        std::string title = p ? role_title(src_, p->role.value) : "";
        if (!title.empty()) r.signature.role = title + ", " + src_.group.acronym.value;
      }
      r.signature.name = report_text(r.signature.name);
      r.signature.role = report_text(r.signature.role);
    }
    // Footnotes in the order of their first mark; a footnote's own text may
    // mark further footnotes, which join the end of the list.
    for (std::size_t i = 0; i < md_.footnote_order().size(); ++i) {
      std::string id = md_.footnote_order()[i];
      auto it = model_.footnotes.find(id);
      if (it == model_.footnotes.end()) continue;
      tree::Footnote f;
      f.number = std::to_string(i + 1);
      f.anchor = "fn-" + f.number;
      f.text = md_.convert_inline(it->second->text);
      r.footnotes.push_back(std::move(f));
    }
    return r;
  }

 private:
  tree::Cover cover(const Cover& c) {
    tree::Cover out;
    auto add = [](std::vector<tree::CoverField>& side, std::string name, std::string label,
                  std::string value) {
      if (!value.empty()) side.push_back({std::move(name), std::move(label), report_text(value)});
    };
    add(out.left, "session", "", c.session.value);
    std::string place = c.place.value;
    if (!place.empty() && !c.dates.value.empty()) place += ", ";
    add(out.left, "place_dates", "", apply_typography(place + c.dates.value));
    add(out.right, "agenda_item", std::string(words_.agenda_item), c.agenda_item.value);
    if (c.symbol.present) {
      std::string symbol = c.symbol.value;
      if (c.revision.present) symbol += fmt::format("(Rev.{})", c.revision.value);
      if (c.language.present) symbol += "-" + c.language.value;
      add(out.right, "symbol", std::string(words_.document), symbol);
    }
    if (c.date.present) add(out.right, "date", "", long_date(c.date.value));
    if (c.original.present) {
      bool only = c.original.value.ends_with(words_.only);
      add(out.right, "original", only ? "" : std::string(words_.original), c.original.value);
    }
    if (c.source.present) {
      out.source_line = report_text(c.source.value);
    } else if (c.author.present) {
      out.source_line = report_text(fmt::format(fmt::runtime(words_.report_by),
                                                fmt::arg("role", role_title(src_, c.author.value)),
                                                fmt::arg("group", src_.group.name.value)));
    }
    return out;
  }

  std::string short_title() const {
    std::vector<std::string> numbers;
    for (const auto& m : src_.meetings)
      if (m.number.present) numbers.push_back(ordinal_numeral(m.number.value));
    auto pattern = numbers.size() > 1 ? words_.short_title_many : words_.short_title_one;
    return report_text(fmt::format(fmt::runtime(pattern),
                                   fmt::arg("acronym", src_.group.acronym.value),
                                   fmt::arg("meetings", lang::join_list(words_, numbers))));
  }

  std::vector<tree::Block> blocks(const Text& text) {
    std::vector<tree::Block> out;
    if (!text.present) return out;
    MarkdownText t = md_.convert(text);
    if (!t.first.empty()) {
      tree::Block p;
      p.text = std::move(t.first);
      out.push_back(std::move(p));
    }
    for (auto& b : t.rest) out.push_back(std::move(b));
    return out;
  }

  tree::Section section(const Section& s, const SectionInfo& info) {
    tree::Section out;
    out.number = info.number;
    out.anchor = info.anchor;
    out.heading = md_.convert_inline(s.heading);
    out.blocks.reserve(s.paragraphs.size());
    for (std::size_t j = 0; j < s.paragraphs.size(); ++j)
      out.blocks.push_back(paragraph(s.paragraphs[j], info.paragraphs[j]));
    return out;
  }

  tree::Block paragraph(const Paragraph& p, const ParagraphInfo& info) {
    tree::Block b;
    b.kind = tree::Block::Kind::paragraph;
    b.number = info.number;
    b.anchor = info.anchor;
    MarkdownText t = md_.convert(p.text);
    b.text = std::move(t.first);
    for (auto& c : t.rest) b.children.push_back(std::move(c));
    for (const auto& q : p.quote) b.children.push_back(quote(q));
    for (const auto& tb : p.table) b.children.push_back(table(tb));
    for (const auto& l : p.list) b.children.push_back(list(l));
    for (const auto& dl : p.documents) b.children.push_back(document_list(dl));
    return b;
  }

  tree::Block quote(const Quote& q) {
    tree::Block b;
    b.kind = tree::Block::Kind::quote;
    b.text = md_.convert_inline(q.source);
    for (const auto& qp : q.paragraphs) {
      tree::Block p;
      if (qp.elision) {
        p.kind = tree::Block::Kind::elision;
      } else {
        p.kind = tree::Block::Kind::paragraph;
        p.number = report_text(qp.number.value);
        MarkdownText t = md_.convert(qp.text);
        p.text = std::move(t.first);
        for (auto& c : t.rest) p.children.push_back(std::move(c));
      }
      b.children.push_back(std::move(p));
    }
    return b;
  }

  tree::Block table(const SourceTable& t) {
    tree::Block b;
    b.kind = tree::Block::Kind::table;
    b.table.caption = md_.convert_inline(t.caption);
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      b.table.header.push_back(md_.convert_inline(t.columns[i]));
      std::string_view a = i < t.align.size() ? std::string_view(t.align[i].value) : "";
      b.table.align.push_back(a == "left"     ? tree::Align::left
                              : a == "center" ? tree::Align::center
                              : a == "right"  ? tree::Align::right
                                              : tree::Align::none);
    }
    b.table.rows.reserve(t.rows.size());
    for (const auto& row : t.rows) {
      std::vector<tree::Inlines> cells;
      cells.reserve(t.columns.size());
      for (const auto& c : row) cells.push_back(md_.convert_inline(c));
      cells.resize(t.columns.size());  // the checker reported a short or long row
      b.table.rows.push_back(std::move(cells));
    }
    return b;
  }

  tree::Block list(const List& l) {
    tree::Block b;
    b.kind = tree::Block::Kind::list;
    b.style = style_of(l.style.value);
    b.items.reserve(l.items.size());
    for (std::size_t i = 0; i < l.items.size(); ++i) {
      const ListItem& item = l.items[i];
      tree::ListItem li;
      li.marker = list_marker(l.style.value, i);
      if (item.label.present) li.anchor = item.label.value;
      MarkdownText t = md_.convert(item.text);
      li.text = std::move(t.first);
      for (auto& c : t.rest) li.children.push_back(std::move(c));
      for (const auto& sub : item.list) li.children.push_back(list(sub));
      b.items.push_back(std::move(li));
    }
    return b;
  }

  // "· CWG-COP-14/2: Update on ...": the symbol, a colon, a no-break space
  // and the title, as the reports print register entries.
  tree::ListItem document_item(std::size_t idx, const Location& list) {
    const DocumentInfo& info = model_.documents[idx];
    tree::ListItem li;
    li.marker = list_marker("bullet", 0);
    if (!info.anchor.empty() && anchored_.insert(idx).second) li.anchor = info.anchor;
    li.text.push_back(text_node(info.symbol + ":\u00A0"));
    // The title's conversion charges the title; the symbol is charged here.
    charge_report(li.marker.size() + li.anchor.size() + li.text.back().text.size(), list, diags_);
    Text title = src_.documents[idx].title;
    for (auto& in : md_.convert_inline(title)) {
      if (in.kind == tree::Inline::Kind::text && li.text.back().kind == tree::Inline::Kind::text)
        li.text.back().text += in.text;
      else
        li.text.push_back(std::move(in));
    }
    return li;
  }

  tree::Block document_list(const DocumentList& dl) {
    tree::Block b;
    b.kind = tree::Block::Kind::list;
    b.style = tree::ListStyle::bullet;
    for (const auto& key : dl.keys) {
      if (report_budget_exhausted()) break;
      if (auto idx = model_.find_document(key.value))
        b.items.push_back(document_item(*idx, dl.loc));
    }
    for (std::size_t i = 0; i < src_.documents.size(); ++i) {
      // Once the report has printed all the text limits allow (an error is
      // reported), generating more items would only spend time and memory.
      if (report_budget_exhausted()) break;
      if (model_.documents[i].key.empty()) continue;
      if (dl.meeting.present && model_.documents[i].meeting != dl.meeting.value) continue;
      for (const auto& k : dl.kinds)
        if (src_.documents[i].kind.value == k.value) b.items.push_back(document_item(i, dl.loc));
    }
    return b;
  }

  const Model& model_;
  const Sources& src_;
  Diagnostics& diags_;
  MarkdownConverter md_;
  const lang::Labels& words_ = lang::labels();
  std::set<std::size_t> anchored_;
};

}  // namespace

std::string report_title(const Sources& src) {
  bool words = src.title_ordinals.value == "words";
  std::vector<std::string> numbers;
  for (const auto& m : src.meetings)
    if (m.number.present)
      numbers.push_back(words ? ordinal_words(m.number.value) : ordinal_numeral(m.number.value));
  const lang::Labels& labels = lang::labels();
  auto pattern = numbers.size() > 1 ? labels.title_many : labels.title_one;
  std::string title =
      fmt::format(fmt::runtime(pattern), fmt::arg("meetings", lang::join_list(labels, numbers)),
                  fmt::arg("group", src.group.name.value));
  return report_text(upper_case(title));
}

tree::Report build_report(const Model& model, Diagnostics& diags) {
  return Builder(model, diags).run();
}

}  // namespace cwg
