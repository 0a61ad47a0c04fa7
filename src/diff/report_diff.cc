// The report-level diff: see report_diff.h.
#include "diff/report_diff.h"

#include <algorithm>
#include <dtl/dtl.hpp>
#include <map>
#include <span>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "render/render.h"

namespace cwg::diff {

namespace {

constexpr std::size_t npos = static_cast<std::size_t>(-1);

// ---------------------------------------------------------------------------
// What a unit prints, as plain text, and with its formatting's marks

// The marks of a span's formatting, as the sources write them: *emphasis*,
// **strong**, ~~struck~~, `code`, [a link](its target). A language's span
// prints no mark of its own. Text that holds a mark's character has it
// escaped, so that "\*approved\*" typed as text and "*approved*" differ.
// Nesting is bounded by the checker's limits; `depth` keeps this walk
// bounded on any tree.
void marked_into(const tree::Inlines& xs, std::string& out, int depth) {
  for (const tree::Inline& x : xs) {
    std::string_view open, close;
    switch (x.kind) {
      case tree::Inline::Kind::text:
        for (char c : x.text) {
          if (c == '\\' || c == '*' || c == '~' || c == '`' || c == '[') out += '\\';
          out += c;
        }
        continue;
      case tree::Inline::Kind::emph:
        open = close = "*";
        break;
      case tree::Inline::Kind::strong:
        open = close = "**";
        break;
      case tree::Inline::Kind::strike:
        open = close = "~~";
        break;
      case tree::Inline::Kind::link:
        open = "[";
        close = "](";
        break;
      case tree::Inline::Kind::foreign:
        break;
      case tree::Inline::Kind::code:
        out += '`';
        out += detail::flatten(tree::Inlines(1, x));
        out += '`';
        continue;
      default:
        out += detail::flatten(tree::Inlines(1, x));
        continue;
    }
    out += open;
    if (depth < 64) marked_into(x.children, out, depth + 1);
    out += close;
    if (x.kind == tree::Inline::Kind::link) {
      out += x.target;
      out += ')';
    }
  }
}

// How a walk writes a run of inlines: plain, or with its marks.
using InlineText = std::string (*)(const tree::Inlines&);
std::string plain_inlines(const tree::Inlines& xs) { return detail::flatten(xs); }

void block_text(const tree::Block& b, std::string& out, int depth, InlineText flatten);

void blocks_text(const std::vector<tree::Block>& bs, std::string& out, int depth,
                 InlineText flatten) {
  for (const tree::Block& b : bs) block_text(b, out, depth, flatten);
}

void add_line(std::string& out, std::string_view line) {
  if (line.empty()) return;
  if (!out.empty()) out += '\n';
  out += line;
}

// Nesting is bounded by the checker's limits; `depth` keeps this walk
// bounded on any tree.
void block_text(const tree::Block& b, std::string& out, int depth, InlineText flatten) {
  if (depth > 64) return;
  switch (b.kind) {
    case tree::Block::Kind::paragraph:
    case tree::Block::Kind::quote: {
      std::string line = b.number.empty() || depth == 0 ? "" : b.number + " ";
      add_line(out, line + flatten(b.text));
      break;
    }
    case tree::Block::Kind::elision:
      add_line(out, "[...]");
      break;
    case tree::Block::Kind::list:
      for (const tree::ListItem& item : b.items) {
        add_line(out, item.marker + " " + flatten(item.text));
        blocks_text(item.children, out, depth + 1, flatten);
      }
      break;
    case tree::Block::Kind::table: {
      add_line(out, flatten(b.table.caption));
      std::string header;
      for (const auto& cell : b.table.header)
        header += (header.empty() ? "" : " | ") + flatten(cell);
      add_line(out, header);
      for (const auto& row : b.table.rows) {
        std::string line;
        for (const auto& cell : row) line += (line.empty() ? "" : " | ") + flatten(cell);
        add_line(out, line);
      }
      break;
    }
  }
  blocks_text(b.children, out, depth + 1, flatten);
}

// The footnotes a block cites, in the order of their first marks.
void cited_in(const tree::Inlines& xs, std::vector<std::string_view>& out, int depth) {
  if (depth > 64) return;
  for (const tree::Inline& x : xs) {
    if (x.kind == tree::Inline::Kind::footnote_ref && !x.target.empty() &&
        std::find(out.begin(), out.end(), x.target) == out.end())
      out.push_back(x.target);
    cited_in(x.children, out, depth + 1);
  }
}

void cited_in(std::span<const tree::Block> bs, std::vector<std::string_view>& out, int depth) {
  if (depth > 64) return;
  for (const tree::Block& b : bs) {
    cited_in(b.text, out, depth + 1);
    for (const tree::ListItem& item : b.items) {
      cited_in(item.text, out, depth + 1);
      cited_in(item.children, out, depth + 1);
    }
    for (const auto& cell : b.table.header) cited_in(cell, out, depth + 1);
    for (const auto& row : b.table.rows)
      for (const auto& cell : row) cited_in(cell, out, depth + 1);
    cited_in(b.table.caption, out, depth + 1);
    cited_in(b.children, out, depth + 1);
  }
}

using Footnotes = std::unordered_map<std::string_view, const tree::Footnote*>;

// A footnote's text belongs to the first unit that cites it: a changed
// footnote is a change of the paragraph that cites it, where a reader of the
// report finds it. The footnotes `bs` cites first, in order.
std::vector<const tree::Footnote*> first_cited(std::span<const tree::Block> bs,
                                               const Footnotes& footnotes,
                                               std::unordered_set<std::string_view>& seen) {
  std::vector<std::string_view> cited;
  cited_in(bs, cited, 0);
  std::vector<const tree::Footnote*> out;
  for (std::string_view anchor : cited) {
    auto it = footnotes.find(anchor);
    if (it != footnotes.end() && seen.insert(anchor).second) out.push_back(it->second);
  }
  return out;
}

void add_footnotes(const std::vector<const tree::Footnote*>& notes, std::string& out,
                   InlineText flatten) {
  for (const tree::Footnote* f : notes) add_line(out, "[" + f->number + "] " + flatten(f->text));
}

// ---------------------------------------------------------------------------
// Words

}  // namespace

std::string plain_text(const tree::Block& block) {
  std::string out;
  block_text(block, out, 0, plain_inlines);
  return out;
}

std::string marked_text(const tree::Inlines& xs) {
  std::string out;
  marked_into(xs, out, 0);
  return out;
}

std::string marked_text(const tree::Block& block) {
  std::string out;
  block_text(block, out, 0, marked_text);
  return out;
}

std::vector<std::string_view> words_of(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t')) ++i;
    std::size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\n' && text[i] != '\t') ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  return words;
}

double similarity(std::string_view a, std::string_view b) {
  auto wa = words_of(a), wb = words_of(b);
  if (wa.empty() && wb.empty()) return 1.0;
  std::unordered_map<std::string_view, int> count;
  for (auto w : wa) ++count[w];
  std::size_t common = 0;
  for (auto w : wb) {
    auto it = count.find(w);
    if (it != count.end() && it->second > 0) {
      --it->second;
      ++common;
    }
  }
  return 2.0 * static_cast<double>(common) / static_cast<double>(wa.size() + wb.size());
}

namespace {

void append(std::vector<Word>& out, Word::Op op, std::string_view word) {
  if (!out.empty() && out.back().op == op) {
    out.back().text += ' ';
    out.back().text += word;
  } else {
    out.push_back({op, std::string(word)});
  }
}

// ---------------------------------------------------------------------------
// Matching

// Which units are matched against each other: the cover's and the title's
// by name, headings with headings, paragraphs with paragraphs, documents
// with documents.
int group_of(Unit::Kind k) {
  switch (k) {
    case Unit::Kind::title:
    case Unit::Kind::cover:
    case Unit::Kind::summary:
    case Unit::Kind::contents:
    case Unit::Kind::record:
    case Unit::Kind::signature:
      return 0;
    case Unit::Kind::section:
    case Unit::Kind::annex:
      return 1;
    case Unit::Kind::paragraph:
    case Unit::Kind::preamble:
      return 2;
    case Unit::Kind::document:
      return 3;
  }
  return 0;
}

class Matcher {
 public:
  Matcher(const Version& o, const Version& n, const Limits& limits)
      : old_(o.units),
        new_(n.units),
        limits_(limits),
        to_old_(n.units.size(), npos),
        to_new_(o.units.size(), npos) {
    for (const Unit& u : old_)
      if (!u.label.empty()) old_labels_.insert(u.label);
    for (const Unit& u : new_)
      if (!u.label.empty()) new_labels_.insert(u.label);
  }

  void run() {
    for (int group = 0; group < 4; ++group) {
      by_label(group);
      // The cover's lines are only ever matched by name.
      if (group == 0) continue;
      by_text(group);
      if (group == 2) by_similarity();
    }
    find_moved();
  }

  std::size_t old_of(std::size_t n) const { return to_old_[n]; }
  std::size_t new_of(std::size_t o) const { return to_new_[o]; }
  bool moved(std::size_t n) const { return moved_.size() > n && moved_[n]; }

 private:
  // A unit whose label the other version does not have is matched as an
  // unlabelled one: a label written where there was none (as `cwgreport
  // freeze` writes them) does not make the paragraph another one.
  bool unlabelled_old(std::size_t o) const {
    return old_[o].label.empty() || !new_labels_.contains(old_[o].label);
  }
  bool unlabelled_new(std::size_t n) const {
    return new_[n].label.empty() || !old_labels_.contains(new_[n].label);
  }

  void pair(std::size_t o, std::size_t n) {
    to_old_[n] = o;
    to_new_[o] = n;
  }

  void by_label(int group) {
    std::unordered_map<std::string_view, std::size_t> labels;
    for (std::size_t o = 0; o < old_.size(); ++o)
      if (group_of(old_[o].kind) == group && !old_[o].label.empty())
        labels.emplace(old_[o].label, o);
    for (std::size_t n = 0; n < new_.size(); ++n) {
      if (group_of(new_[n].kind) != group || new_[n].label.empty()) continue;
      auto it = labels.find(new_[n].label);
      if (it != labels.end() && to_new_[it->second] == npos) pair(it->second, n);
    }
  }

  // Unlabelled units that print the same text, in order.
  void by_text(int group) {
    std::unordered_map<std::string_view, std::vector<std::size_t>> texts;
    for (std::size_t o = old_.size(); o-- > 0;)
      if (group_of(old_[o].kind) == group && unlabelled_old(o) && to_new_[o] == npos)
        texts[old_[o].compared()].push_back(o);  // reversed: the first is at the back
    for (std::size_t n = 0; n < new_.size(); ++n) {
      if (group_of(new_[n].kind) != group || !unlabelled_new(n) || to_old_[n] != npos) continue;
      auto it = texts.find(new_[n].compared());
      if (it == texts.end() || it->second.empty()) continue;
      pair(it->second.back(), n);
      it->second.pop_back();
    }
  }

  // An unlabelled paragraph left over is compared with the unlabelled ones
  // left over in the old version of its section (or of the preamble), and
  // takes the most similar one with at least half its words.
  void by_similarity() {
    // The preamble's paragraphs are kept under npos, which no section is.
    std::map<std::size_t, std::vector<std::size_t>> free_by_parent;
    for (std::size_t o = 0; o < old_.size(); ++o) {
      const Unit& u = old_[o];
      if (!unlabelled_old(o) || to_new_[o] != npos) continue;
      if (u.kind == Unit::Kind::paragraph && u.parent != npos)
        free_by_parent[u.parent].push_back(o);
      else if (u.kind == Unit::Kind::preamble)
        free_by_parent[npos].push_back(o);
    }
    for (std::size_t n = 0; n < new_.size(); ++n) {
      const Unit& u = new_[n];
      if (!unlabelled_new(n) || to_old_[n] != npos) continue;
      std::size_t parent;
      if (u.kind == Unit::Kind::preamble) {
        parent = npos;
      } else if (u.kind == Unit::Kind::paragraph && u.parent != npos && to_old_[u.parent] != npos) {
        parent = to_old_[u.parent];
      } else {
        continue;
      }
      auto it = free_by_parent.find(parent);
      if (it == free_by_parent.end()) continue;
      std::size_t best = npos;
      double best_score = 0.5;
      std::size_t tried = 0;
      for (std::size_t o : it->second) {
        if (to_new_[o] != npos) continue;
        if (++tried > limits_.max_candidates) break;
        double score = similarity(old_[o].text, u.text);
        if (score >= best_score) {
          best_score = score;
          best = o;
        }
      }
      if (best != npos) pair(best, n);
    }
  }

  // Matched units whose order differs: those outside the heaviest run kept
  // in order were moved. A heading weighs more than all the paragraphs
  // together, so that a paragraph moved across one (the last of section 6
  // now the first of section 7) is the paragraph that moved, never the
  // section. The run is found in n log n: a Fenwick tree over the old
  // indices holds the heaviest run ending before each.
  void find_moved() {
    moved_.assign(new_.size(), false);
    std::vector<std::size_t> seq;  // new indices of matched units, in new order
    for (std::size_t n = 0; n < new_.size(); ++n)
      if (to_old_[n] != npos) seq.push_back(n);
    const std::size_t heavy = seq.size() + 1;
    struct Best {
      std::size_t weight = 0;
      std::size_t at = npos;  // index into seq of the run's last unit
    };
    auto better = [](const Best& a, const Best& b) {
      // On a tie, the run that ends later in the new order.
      return a.weight > b.weight ||
             (a.weight == b.weight && a.at != npos && (b.at == npos || a.at > b.at));
    };
    std::vector<Best> tree(old_.size() + 1);
    std::vector<std::size_t> prev(seq.size(), npos);
    Best top;
    for (std::size_t i = 0; i < seq.size(); ++i) {
      const std::size_t o = to_old_[seq[i]];
      Best before;  // the heaviest run among old indices below o
      for (std::size_t k = o; k > 0; k &= k - 1)
        if (better(tree[k], before)) before = tree[k];
      const Best here{before.weight + (is_heading(new_[seq[i]].kind) ? heavy : 1), i};
      prev[i] = before.at;
      for (std::size_t k = o + 1; k < tree.size(); k += k & (~k + 1))
        if (better(here, tree[k])) tree[k] = here;
      if (better(here, top)) top = here;
    }
    std::vector<bool> kept(seq.size(), false);
    for (std::size_t i = top.at; i != npos; i = prev[i]) kept[i] = true;
    for (std::size_t i = 0; i < seq.size(); ++i)
      if (!kept[i]) moved_[seq[i]] = true;
  }

  const std::vector<Unit>& old_;
  const std::vector<Unit>& new_;
  const Limits& limits_;
  std::vector<std::size_t> to_old_, to_new_;
  std::unordered_set<std::string_view> old_labels_, new_labels_;
  std::vector<bool> moved_;
};

// A unit's number as a change names it: a paragraph of the preamble by its
// place there.
std::string number_of(const Unit& u) {
  return u.kind == Unit::Kind::preamble ? std::to_string(u.block + 1) : u.number;
}

Change change_of(Change::Kind kind, const Unit* o, const Unit* n) {
  Change c;
  c.kind = kind;
  c.what = (n ? n : o)->kind;
  c.old_what = (o ? o : n)->kind;
  c.label = (n ? n : o)->label;
  c.in = (n ? n : o)->in;
  c.after = (n ? n : o)->after;
  c.nth = (n ? n : o)->nth;
  if (o) {
    c.has_old = true;
    c.old_number = number_of(*o);
  }
  if (n) {
    c.has_new = true;
    c.new_number = number_of(*n);
  }
  return c;
}

}  // namespace

// ---------------------------------------------------------------------------

Version version_of(std::string name, const tree::Report& report,
                   const std::vector<std::string>& section_labels,
                   const std::vector<std::vector<ParagraphKey>>& paragraphs,
                   const std::vector<RegisterEntry>& register_entries,
                   const std::vector<std::string>& preamble_labels) {
  Version v;
  v.name = std::move(name);
  // A unit; `marked`, its text with its marks, is kept when they add any.
  auto add = [&](Unit::Kind kind, std::string number, std::string label, std::string text,
                 std::string marked = {}) {
    if (marked == text) marked.clear();
    v.units.push_back({kind, std::move(number), std::move(label), std::move(text), npos});
    v.units.back().marked = std::move(marked);
  };
  auto add_inlines = [&](Unit::Kind kind, std::string number, std::string label,
                         const tree::Inlines& xs) {
    add(kind, std::move(number), std::move(label), detail::flatten(xs), marked_text(xs));
  };

  Footnotes footnotes;
  for (const tree::Footnote& f : report.footnotes)
    if (!f.anchor.empty()) footnotes.emplace(f.anchor, &f);
  std::unordered_set<std::string_view> seen;
  // A unit of blocks.
  auto add_blocks = [&](Unit::Kind kind, std::string number, std::string label,
                        std::span<const tree::Block> blocks) {
    std::string text, marked;
    for (const tree::Block& b : blocks) {
      block_text(b, text, 0, plain_inlines);
      block_text(b, marked, 0, marked_text);
    }
    const auto notes = first_cited(blocks, footnotes, seen);
    add_footnotes(notes, text, plain_inlines);
    add_footnotes(notes, marked, marked_text);
    add(kind, std::move(number), std::move(label), std::move(text), std::move(marked));
  };
  add(Unit::Kind::title, "", "title", report.title);
  for (const auto* side : {&report.cover.left, &report.cover.right})
    for (const tree::CoverField& f : *side) add(Unit::Kind::cover, "", f.name, f.value);
  if (!report.cover.source_line.empty())
    add(Unit::Kind::cover, "", "source_line", report.cover.source_line);
  if (!report.record.when.empty()) add(Unit::Kind::record, "", "time", report.record.when);
  if (!report.record.chair.empty()) add(Unit::Kind::record, "", "chair", report.record.chair);
  for (const auto& [part, blocks] :
       {std::pair{"summary", &report.summary}, std::pair{"action", &report.action}}) {
    if (blocks->empty()) continue;
    add_blocks(Unit::Kind::summary, "", part, *blocks);
  }
  if (!report.references.empty())
    add_inlines(Unit::Kind::summary, "", "references", report.references);
  // The table of contents is a unit only by being there: its lines are the
  // headings, whose changes are their sections'.
  if (!report.contents.empty()) add(Unit::Kind::contents, "", "contents", report.words.contents);
  for (std::size_t j = 0; j < report.preamble.size(); ++j) {
    add_blocks(Unit::Kind::preamble, "", j < preamble_labels.size() ? preamble_labels[j] : "",
               std::span<const tree::Block>(&report.preamble[j], 1));
    v.units.back().block = j;
  }
  std::size_t index = 0;
  for (const auto* sections : {&report.sections, &report.annexes}) {
    for (const tree::Section& s : *sections) {
      const std::size_t parent = v.units.size();
      add_inlines(sections == &report.sections ? Unit::Kind::section : Unit::Kind::annex, s.number,
                  index < section_labels.size() ? section_labels[index] : "", s.heading);
      v.units.back().section = index;
      const std::string heading_name =
          std::string(unit_name(v.units.back().kind)) + " " + v.units.back().number;
      std::string last_numbered;
      std::size_t unnumbered = 0;  // since the last numbered paragraph
      for (std::size_t j = 0; j < s.blocks.size(); ++j) {
        ParagraphKey key;
        if (index < paragraphs.size() && j < paragraphs[index].size()) key = paragraphs[index][j];
        add_blocks(Unit::Kind::paragraph, s.blocks[j].number, std::move(key.label),
                   std::span<const tree::Block>(&s.blocks[j], 1));
        v.units.back().withdrawn = key.withdrawn;
        v.units.back().parent = parent;
        v.units.back().section = index;
        v.units.back().block = j;
        if (s.blocks[j].number.empty()) {
          v.units.back().in = heading_name;
          v.units.back().after = last_numbered;
          v.units.back().nth = ++unnumbered;
        } else {
          last_numbered = s.blocks[j].number;
          unnumbered = 0;
        }
      }
      ++index;
    }
    // The signatures, printed after the sections and before the annexes;
    // a summary record's by their place.
    if (sections != &report.sections) continue;
    auto signed_as = [](const tree::Signature& s) {
      return s.role_above ? s.role + " " + s.name : s.name + " " + s.role;
    };
    if (!report.signature.name.empty() || !report.signature.role.empty())
      add(Unit::Kind::signature, "", "signature", signed_as(report.signature));
    for (std::size_t k = 0; k < report.signatures.size(); ++k)
      add(Unit::Kind::signature, "", "signature " + std::to_string(k + 1),
          signed_as(report.signatures[k]));
  }
  for (const RegisterEntry& e : register_entries)
    add(Unit::Kind::document, e.symbol, e.key, e.title);
  return v;
}

std::vector<Step> align(const std::vector<std::string_view>& a,
                        const std::vector<std::string_view>& b, std::size_t max_cells,
                        std::size_t* budget) {
  std::vector<Step> out;
  std::size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) {
    out.push_back({Word::Op::same, head, head});
    ++head;
  }
  std::size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head &&
         a[a.size() - 1 - tail] == b[b.size() - 1 - tail])
    ++tail;
  const std::size_t a_end = a.size() - tail, b_end = b.size() - tail;
  const std::size_t cells = (a_end - head + 1) * (b_end - head + 1);
  if (a_end > head && b_end > head && cells <= max_cells && (!budget || cells <= *budget)) {
    if (budget) *budget -= cells;
    const std::vector<std::string_view> ma(a.begin() + head, a.begin() + a_end);
    const std::vector<std::string_view> mb(b.begin() + head, b.begin() + b_end);
    dtl::Diff<std::string_view, std::vector<std::string_view>> d(ma, mb);
    d.compose();
    std::size_t i = head, j = head;
    for (const auto& [word, info] : d.getSes().getSequence()) {
      switch (info.type) {
        case dtl::SES_COMMON:
          out.push_back({Word::Op::same, i++, j++});
          break;
        case dtl::SES_DELETE:
          out.push_back({Word::Op::deleted, i++, 0});
          break;
        case dtl::SES_ADD:
          out.push_back({Word::Op::inserted, 0, j++});
          break;
      }
    }
  } else {
    // Too long a stretch to align word by word: shown replaced whole.
    for (std::size_t i = head; i < a_end; ++i) out.push_back({Word::Op::deleted, i, 0});
    for (std::size_t j = head; j < b_end; ++j) out.push_back({Word::Op::inserted, 0, j});
  }
  for (std::size_t k = 0; k < tail; ++k) out.push_back({Word::Op::same, a_end + k, b_end + k});
  // Between two kept words, what was there comes before what replaced it,
  // as a reader takes a correction: struck, then written.
  for (auto it = out.begin(); it != out.end();) {
    auto end = std::find_if(it, out.end(), [](const Step& st) { return st.op == Word::Op::same; });
    std::stable_partition(it, end, [](const Step& st) { return st.op == Word::Op::deleted; });
    it = end == out.end() ? end : end + 1;
  }
  return out;
}

std::vector<Word> word_diff(std::string_view old_text, std::string_view new_text,
                            std::size_t max_cells, std::size_t* budget) {
  const auto a = words_of(old_text), b = words_of(new_text);
  std::vector<Word> out;
  for (const Step& s : align(a, b, max_cells, budget))
    append(out, s.op, s.op == Word::Op::deleted ? a[s.a] : b[s.b]);
  return out;
}

std::vector<Change> compare(const Version& old_version, const Version& new_version,
                            const Limits& limits, Alignment* alignment) {
  const auto& ou = old_version.units;
  const auto& nu = new_version.units;
  Matcher m(old_version, new_version, limits);
  m.run();
  if (alignment) {
    alignment->old_of.resize(nu.size());
    alignment->moved.resize(nu.size());
    for (std::size_t n = 0; n < nu.size(); ++n) {
      alignment->old_of[n] = m.old_of(n);
      alignment->moved[n] = m.moved(n);
    }
  }

  std::vector<Change> changes;
  std::size_t budget = limits.max_total_cells;
  std::size_t flushed = 0;  // deletions before this old index are out
  auto flush_deleted = [&](std::size_t before) {
    for (; flushed < before; ++flushed) {
      if (m.new_of(flushed) != npos) continue;
      Change c = change_of(Change::Kind::deleted, &ou[flushed], nullptr);
      c.text = ou[flushed].text;
      changes.push_back(std::move(c));
    }
  };
  for (std::size_t n = 0; n < nu.size(); ++n) {
    const std::size_t o = m.old_of(n);
    if (o == npos) {
      Change c = change_of(Change::Kind::inserted, nullptr, &nu[n]);
      c.text = nu[n].text;
      changes.push_back(std::move(c));
      continue;
    }
    if (!m.moved(n)) flush_deleted(o);
    if (nu[n].withdrawn && !ou[o].withdrawn) {
      // Its "[Deleted]" is not a change of its words: the paragraph goes,
      // and its number stays.
      Change c = change_of(Change::Kind::withdrawn, &ou[o], &nu[n]);
      c.text = ou[o].text;
      changes.push_back(std::move(c));
      continue;
    }
    const bool same_text = ou[o].compared() == nu[n].compared();
    Change::Kind kind;
    if (m.moved(n)) {
      kind = Change::Kind::moved;
    } else if (!same_text) {
      kind = Change::Kind::changed;
    } else if (ou[o].number != nu[n].number) {
      kind = Change::Kind::renumbered;
    } else {
      continue;
    }
    Change c = change_of(kind, &ou[o], &nu[n]);
    if (!same_text)
      c.words = word_diff(ou[o].compared(), nu[n].compared(), limits.max_word_cells, &budget);
    changes.push_back(std::move(c));
  }
  flush_deleted(ou.size());
  return changes;
}

const char* kind_name(Change::Kind k) {
  switch (k) {
    case Change::Kind::inserted:
      return "inserted";
    case Change::Kind::deleted:
      return "deleted";
    case Change::Kind::changed:
      return "changed";
    case Change::Kind::moved:
      return "moved";
    case Change::Kind::renumbered:
      return "renumbered";
    case Change::Kind::withdrawn:
      return "withdrawn";
  }
  return "changed";
}

const char* unit_name(Unit::Kind k) {
  switch (k) {
    case Unit::Kind::title:
      return "title";
    case Unit::Kind::cover:
      return "cover";
    case Unit::Kind::summary:
      return "summary";
    case Unit::Kind::section:
      return "section";
    case Unit::Kind::annex:
      return "annex";
    case Unit::Kind::paragraph:
      return "paragraph";
    case Unit::Kind::document:
      return "document";
    case Unit::Kind::preamble:
      return "preamble";
    case Unit::Kind::contents:
      return "contents";
    case Unit::Kind::record:
      return "record";
    case Unit::Kind::signature:
      return "signature";
  }
  return "paragraph";
}

}  // namespace cwg::diff
