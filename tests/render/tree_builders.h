// Small constructors of report trees, shared by the renderer tests: each test
// builds the tree it renders by hand, so a renderer is tested alone.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "cwgreport/report_tree.h"
#include "lang/labels.h"

namespace cwg::test {

using namespace cwg::tree;

inline Inline txt(std::string s) {
  Inline i;
  i.text = std::move(s);
  return i;
}

inline Inline node(Inline::Kind kind, std::string text = {}, std::string target = {},
                   Inlines children = {}) {
  Inline i;
  i.kind = kind;
  i.text = std::move(text);
  i.target = std::move(target);
  i.children = std::move(children);
  return i;
}

inline Inlines t(std::string s) { return {txt(std::move(s))}; }

inline Block para(std::string number, Inlines text, std::vector<Block> children = {},
                  std::string anchor = {}) {
  Block b;
  b.number = std::move(number);
  b.text = std::move(text);
  b.children = std::move(children);
  b.anchor = std::move(anchor);
  return b;
}

inline ListItem item(std::string marker, Inlines text, std::vector<Block> children = {}) {
  ListItem i;
  i.marker = std::move(marker);
  i.text = std::move(text);
  i.children = std::move(children);
  return i;
}

inline Block list(ListStyle style, std::vector<ListItem> items) {
  Block b;
  b.kind = Block::Kind::list;
  b.style = style;
  b.items = std::move(items);
  return b;
}

inline Block table(std::vector<Inlines> header, std::vector<std::vector<Inlines>> rows) {
  Block b;
  b.kind = Block::Kind::table;
  b.table.header = std::move(header);
  b.table.rows = std::move(rows);
  b.table.align.assign(b.table.header.size(), Align::none);
  return b;
}

inline Block quote(Inlines attribution, std::vector<Block> children) {
  Block b;
  b.kind = Block::Kind::quote;
  b.text = std::move(attribution);
  b.children = std::move(children);
  return b;
}

inline Section section(std::string number, Inlines heading, std::vector<Block> blocks,
                       std::string anchor = {}) {
  Section s;
  s.number = std::move(number);
  s.heading = std::move(heading);
  s.blocks = std::move(blocks);
  s.anchor = std::move(anchor);
  return s;
}

// An empty report with the English words a builder gives it.
inline Report report() {
  Report r;
  r.words = lang::tree_words(lang::labels("en"));
  return r;
}

inline Report body(std::vector<Block> blocks) {
  Report r = report();
  r.sections.push_back(section("", {}, std::move(blocks)));
  return r;
}

// A summary record: its title, day and hours, chairman, table of subjects,
// one item continued and two signatures, the roles above the names.
inline Report summary_record() {
  Report r = report();
  r.kind = DocumentKind::summary_record;
  r.title = "SUMMARY RECORD OF THE SECOND PLENARY MEETING";
  r.record.when = "Wednesday, 10\u00A0June 2026, from 0930 to 1225 hours";
  r.record.chair = "Chairman: Mr P\u00E9ter Varga (Hungary)";
  r.record.subjects.push_back(table(
      {t("Subjects discussed"), t("Documents")},
      {{t("1 Strategic plan (continued)"), t("C26/35")}, {t("2 Future sessions"), t("C26/8")}}));
  r.sections.push_back(section("1", t("Strategic plan (continued)"),
                               {para("1.1", t("The Council took note of C26/35."))}));
  r.signatures.push_back({"Eva Lindqvist", "The Secretary-General:", true});
  r.signatures.push_back({"P\u00E9ter Varga", "The Chairman:", true});
  return r;
}

// Plain-string forms, for the common case of unformatted text.
inline ListItem item(std::string marker, std::string text, std::vector<Block> children = {}) {
  return item(std::move(marker), t(std::move(text)), std::move(children));
}

inline Section section(std::string number, std::string heading, std::vector<Block> blocks) {
  return section(std::move(number), t(std::move(heading)), std::move(blocks));
}

}  // namespace cwg::test
