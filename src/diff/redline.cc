// The redline: see redline.h. Marks are recorded by address, so every
// vector of the tree is complete before its elements are marked; moving a
// vector afterwards keeps its elements where they are.
#include "diff/redline.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "render/render.h"

namespace cwg::diff {

namespace {

using Mark = ChangeMarks::Mark;
using tree::Block;
using tree::Inline;
using tree::Inlines;
using tree::ListItem;
using tree::Section;

static_assert(std::is_nothrow_move_constructible_v<Block> &&
                  std::is_nothrow_move_constructible_v<Inline> &&
                  std::is_nothrow_move_constructible_v<Section>,
              "a moved node must keep its children where they are");

constexpr std::size_t npos = static_cast<std::size_t>(-1);

// Whether a table's rows start with their number (Builder::rows).
enum class Rows { plain, numbered };
// Deeper than this, a node is copied as it is: the checker's limits keep
// real trees far shallower.
constexpr int kMaxDepth = 64;

Mark mark_of(Word::Op op) {
  return op == Word::Op::same       ? Mark::none
         : op == Word::Op::inserted ? Mark::inserted
                                    : Mark::deleted;
}

// A copy of what the old version printed, to show deleted: it owns no
// anchor (the new version's anchors are the report's) and refers to no
// footnote (its marks print as numbers).
void make_deleted(Inlines& xs, int depth) {
  if (depth > kMaxDepth) return;
  for (Inline& x : xs) {
    if (x.kind == Inline::Kind::footnote_ref) x.target.clear();
    make_deleted(x.children, depth + 1);
  }
}

void make_deleted(std::vector<Block>& bs, int depth);

void make_deleted(Block& b, int depth) {
  if (depth > kMaxDepth) return;
  b.anchor.clear();
  make_deleted(b.text, depth + 1);
  for (ListItem& item : b.items) {
    item.anchor.clear();
    make_deleted(item.text, depth + 1);
    make_deleted(item.children, depth + 1);
  }
  make_deleted(b.table.caption, depth + 1);
  for (auto& cell : b.table.header) make_deleted(cell, depth + 1);
  for (auto& row : b.table.rows)
    for (auto& cell : row) make_deleted(cell, depth + 1);
  make_deleted(b.children, depth + 1);
}

void make_deleted(std::vector<Block>& bs, int depth) {
  for (Block& b : bs) make_deleted(b, depth);
}

template <typename T>
T deleted_copy(const T& node) {
  T copy = node;
  make_deleted(copy, 0);
  return copy;
}

// Two tables are compatible when their headers are: their rows are aligned
// (Builder::rows).
bool compatible(const Block& a, const Block& b) {
  if (a.kind != b.kind) return false;
  return a.kind != Block::Kind::table || a.table.header.size() == b.table.header.size();
}

std::string item_text(const ListItem& item) {
  std::string out = marked_text(item.text);
  for (const Block& b : item.children) out += '\n' + marked_text(b);
  return out;
}

class Builder {
 public:
  Builder(ChangeMarks& marks, const Limits& limits)
      : marks_(marks), limits_(limits), budget_(limits.max_total_cells) {}

  // --- inlines: the words of both, aligned, put back in the inlines that
  // held them

  Inlines inlines(const Inlines& a, const Inlines& b) {
    if (marked_text(a) == marked_text(b)) return b;
    std::vector<Token> ta, tb;
    std::vector<const Inline*> path;
    std::string tail_a, tail_b;
    tokens(a, path, ta, tail_a, 0);
    tokens(b, path, tb, tail_b, 0);
    // A word is compared with its formatting: a word whose emphasis, strike
    // or link changed is deleted as it was and inserted as it is.
    std::vector<std::string> ca, cb;
    for (const Token& t : ta) ca.push_back(compared(t));
    for (const Token& t : tb) cb.push_back(compared(t));
    std::vector<std::string_view> ka(ca.begin(), ca.end()), kb(cb.begin(), cb.end());

    Node root;
    std::vector<std::pair<const Inline*, Node*>> open;
    for (const Step& s : align(ka, kb, limits_.max_word_cells, &budget_)) {
      const Token& t = s.op == Word::Op::deleted ? ta[s.a] : tb[s.b];
      const Mark m = mark_of(s.op);
      std::size_t k = 0;
      while (k < open.size() && k < t.path.size() && open[k].first == t.path[k]) ++k;
      open.resize(k);
      auto container = [&] { return open.empty() ? &root : open.back().second; };
      // The space before a word is its own version's: part of the change
      // for a changed word, and for a kept one marked where the versions
      // differ in it, so that accepting every change gives exactly the new
      // text and rejecting every one the old.
      if (m == Mark::none)
        put_gap(*container(), ta[s.a].gap, t.gap);
      else
        put_text(*container(), t.gap, m);
      for (; k < t.path.size(); ++k) {
        Node* parent = container();
        Node wrapper;
        wrapper.proto.kind = t.path[k]->kind;
        wrapper.proto.target = t.path[k]->target;
        wrapper.proto.text = t.path[k]->text;
        parent->kids.push_back(std::move(wrapper));
        open.emplace_back(t.path[k], &parent->kids.back());
      }
      if (t.atom) {
        Node n;
        n.proto = *t.atom;
        if (m == Mark::deleted) make_deleted(n.proto.children, 0);
        if (m == Mark::deleted && n.proto.kind == Inline::Kind::footnote_ref)
          n.proto.target.clear();
        n.mark = m;
        container()->kids.push_back(std::move(n));
      } else {
        put_text(*container(), t.key, m);
      }
    }
    put_gap(root, tail_a, tail_b);
    return convert(root.kids);
  }

  // --- blocks: aligned by their text; a changed one shows its words

  Block block(const Block& o, const Block& n, int depth, Rows numbered = Rows::plain) {
    if (depth > kMaxDepth || !compatible(o, n)) return n;
    Block r;
    r.kind = n.kind;
    r.number = n.number;
    r.anchor = n.anchor;
    r.style = n.style;
    r.text = inlines(o.text, n.text);
    r.children = blocks(o.children, n.children, depth + 1);
    r.items = items(o.items, n.items, depth + 1);
    if (n.kind == Block::Kind::table) {
      r.table.align = n.table.align;
      r.table.caption = inlines(o.table.caption, n.table.caption);
      r.table.header.reserve(n.table.header.size());
      for (std::size_t c = 0; c < n.table.header.size(); ++c)
        r.table.header.push_back(inlines(o.table.header[c], n.table.header[c]));
      r.table.rows = rows(o.table.rows, n.table.rows, numbered);
    }
    return r;
  }

  // --- table rows: aligned by their cells' text, as blocks are; a row
  // inserted or deleted whole is marked as a row. With Rows::numbered, the
  // first inline of a row's first cell is its number (a summary record's
  // table of subjects): not compared, since renumbering is not a change.

  using Row = std::vector<Inlines>;

  std::vector<Row> rows(const std::vector<Row>& o, const std::vector<Row>& n, Rows numbered) {
    auto text_of = [&](const Row& row) {
      std::string out;
      for (std::size_t c = 0; c < row.size(); ++c) {
        if (c > 0) out += '\t';
        const Inlines& cell = row[c];
        const std::size_t skip = numbered == Rows::numbered && c == 0 && !cell.empty() ? 1 : 0;
        out += marked_text(Inlines(cell.begin() + static_cast<std::ptrdiff_t>(skip), cell.end()));
      }
      return out;
    };
    std::vector<Row> out;
    std::vector<Mark> marks;
    std::vector<std::string> ta, tb;
    for (const Row& row : o) ta.push_back(text_of(row));
    for (const Row& row : n) tb.push_back(text_of(row));
    auto keep = [&](std::size_t i, std::size_t j) {
      if (ta[i] == tb[j]) {
        out.push_back(n[j]);
      } else {
        Row row;
        for (std::size_t c = 0; c < n[j].size(); ++c) {
          const Inlines &a = o[i][c], &b = n[j][c];
          if (numbered == Rows::numbered && c == 0 && !a.empty() && !b.empty()) {
            Inlines renumbered = a;  // the old words under the new number
            renumbered.front() = b.front();
            row.push_back(inlines(renumbered, b));
          } else {
            row.push_back(inlines(a, b));
          }
        }
        out.push_back(std::move(row));
      }
      marks.push_back(Mark::none);
    };
    auto del = [&](std::size_t i) {
      Row row = o[i];
      for (Inlines& cell : row) make_deleted(cell, 0);
      out.push_back(std::move(row));
      marks.push_back(Mark::deleted);
    };
    auto ins = [&](std::size_t j) {
      out.push_back(n[j]);
      marks.push_back(Mark::inserted);
    };
    // Between two rows kept, a deleted row is the changed form of the
    // first inserted one after the last paired that has as many cells and
    // at least half its words: a row inserted before another that changed
    // is not taken for it. At most max_candidates are tried for each.
    auto between = [&](const std::vector<std::size_t>& dels, const std::vector<std::size_t>& inss) {
      std::size_t next = 0;
      for (std::size_t i : dels) {
        std::size_t found = inss.size();
        for (std::size_t k = next; k < inss.size() && k < next + limits_.max_candidates; ++k) {
          const std::size_t j = inss[k];
          if (o[i].size() == n[j].size() && similarity(ta[i], tb[j]) >= 0.5) {
            found = k;
            break;
          }
        }
        if (found == inss.size()) {
          del(i);
          continue;
        }
        for (; next < found; ++next) ins(inss[next]);
        keep(i, inss[found]);
        next = found + 1;
      }
      for (; next < inss.size(); ++next) ins(inss[next]);
    };
    align_runs(ta, tb, keep, between);
    record(out, marks);
    return out;
  }

  std::vector<Block> blocks(const std::vector<Block>& o, const std::vector<Block>& n, int depth,
                            Rows numbered = Rows::plain) {
    std::vector<Block> out;
    std::vector<Mark> marks;
    if (depth > kMaxDepth) return n;
    std::vector<std::string> ta, tb;
    for (const Block& b : o) ta.push_back(marked_text(b));
    for (const Block& b : n) tb.push_back(marked_text(b));
    pair_runs(
        ta, tb,
        [&](std::size_t i, std::size_t j) {
          bool same = ta[i] == tb[j];
          if (!same && !compatible(o[i], n[j])) return false;
          if (same)
            out.push_back(n[j]);
          else
            out.push_back(block(o[i], n[j], depth + 1, numbered));
          marks.push_back(Mark::none);
          return true;
        },
        [&](std::size_t i) {
          out.push_back(deleted_copy(o[i]));
          marks.push_back(Mark::deleted);
        },
        [&](std::size_t j) {
          out.push_back(n[j]);
          marks.push_back(Mark::inserted);
        });
    record(out, marks);
    return out;
  }

  std::vector<ListItem> items(const std::vector<ListItem>& o, const std::vector<ListItem>& n,
                              int depth) {
    std::vector<ListItem> out;
    std::vector<Mark> marks;
    if (depth > kMaxDepth) return n;
    std::vector<std::string> ta, tb;
    for (const ListItem& item : o) ta.push_back(item_text(item));
    for (const ListItem& item : n) tb.push_back(item_text(item));
    pair_runs(
        ta, tb,
        [&](std::size_t i, std::size_t j) {
          if (ta[i] == tb[j]) {
            out.push_back(n[j]);
          } else {
            ListItem r;
            r.marker = n[j].marker;
            r.anchor = n[j].anchor;
            r.text = inlines(o[i].text, n[j].text);
            r.children = blocks(o[i].children, n[j].children, depth + 1);
            out.push_back(std::move(r));
          }
          marks.push_back(Mark::none);
          return true;
        },
        [&](std::size_t i) {
          ListItem r = o[i];
          r.anchor.clear();
          make_deleted(r.text, 0);
          make_deleted(r.children, 0);
          out.push_back(std::move(r));
          marks.push_back(Mark::deleted);
        },
        [&](std::size_t j) {
          out.push_back(n[j]);
          marks.push_back(Mark::inserted);
        });
    record(out, marks);
    return out;
  }

  template <typename T>
  void record(const std::vector<T>& nodes, const std::vector<Mark>& marks) {
    for (std::size_t i = 0; i < nodes.size(); ++i)
      if (marks[i] != Mark::none) marks_.marks[&nodes[i]] = marks[i];
  }

  // A plain text's words, with the spaces between them as `inlines` puts
  // them: accepting every run gives `b`, rejecting every one `a`.
  std::vector<ChangeMarks::Run> runs(std::string_view a, std::string_view b) {
    const auto wa = words_of(a), wb = words_of(b);
    // What is before word `k` of `text` (k == words.size(): after the last).
    auto gap = [](std::string_view text, const std::vector<std::string_view>& words,
                  std::size_t k) {
      const char* from = k == 0 ? text.data() : words[k - 1].data() + words[k - 1].size();
      const char* to = k < words.size() ? words[k].data() : text.data() + text.size();
      return text.substr(static_cast<std::size_t>(from - text.data()),
                         static_cast<std::size_t>(to - from));
    };
    std::vector<ChangeMarks::Run> out;
    auto put = [&](Mark m, std::string_view text) {
      if (text.empty()) return;
      if (!out.empty() && out.back().mark == m)
        out.back().text += text;
      else
        out.push_back({m, std::string(text)});
    };
    auto put_gap = [&](std::string_view was, std::string_view now) {
      if (was == now) return put(Mark::none, now);
      put(Mark::deleted, was);
      put(Mark::inserted, now);
    };
    for (const Step& s : align(wa, wb, limits_.max_word_cells, &budget_)) {
      if (s.op == Word::Op::same) {
        put_gap(gap(a, wa, s.a), gap(b, wb, s.b));
        put(Mark::none, wb[s.b]);
      } else if (s.op == Word::Op::deleted) {
        put(Mark::deleted, gap(a, wa, s.a));
        put(Mark::deleted, wa[s.a]);
      } else {
        put(Mark::inserted, gap(b, wb, s.b));
        put(Mark::inserted, wb[s.b]);
      }
    }
    put_gap(gap(a, wa, wa.size()), gap(b, wb, wb.size()));
    return out;
  }

 private:
  struct Token {
    std::string key;
    const Inline* atom = nullptr;     // a code span, reference, footnote mark or line break
    std::vector<const Inline*> path;  // the emphasis and links around it
    std::string gap;                  // the spaces before it, as printed (a soft break: " ")
  };

  // A token's key with the formatting around it: each span's kind, and a
  // link's target.
  static std::string compared(const Token& t) {
    std::string out = t.key;
    for (const Inline* x : t.path) {
      out += '\x1F';
      out += static_cast<char>('A' + static_cast<int>(x->kind));
      if (x->kind == Inline::Kind::link) out += x->target;
      if (x->kind == Inline::Kind::foreign) out += x->text;  // its language
    }
    return out;
  }

  struct Node {
    Inline proto;
    Mark mark = Mark::none;
    std::vector<Node> kids;
  };

  // The words and atoms of `xs`, each with the spaces before it; `gap`
  // holds the spaces after the last one.
  void tokens(const Inlines& xs, std::vector<const Inline*>& path, std::vector<Token>& out,
              std::string& gap, int depth) {
    for (const Inline& x : xs) {
      switch (x.kind) {
        case Inline::Kind::text: {
          std::string_view rest = x.text;
          while (!rest.empty()) {
            const std::size_t start = std::min(rest.find_first_not_of(" \t\n"), rest.size());
            gap += rest.substr(0, start);
            rest.remove_prefix(start);
            if (rest.empty()) break;
            std::size_t end = std::min(rest.find_first_of(" \t\n"), rest.size());
            out.push_back({std::string(rest.substr(0, end)), nullptr, path, std::move(gap)});
            gap.clear();
            rest.remove_prefix(end);
          }
          break;
        }
        case Inline::Kind::softbreak:
          // Printed as a space (a line break in HTML's source, where it
          // reads as one).
          gap += ' ';
          break;
        case Inline::Kind::emph:
        case Inline::Kind::strong:
        case Inline::Kind::strike:
        case Inline::Kind::link:
        case Inline::Kind::foreign:
          if (depth < kMaxDepth) {
            path.push_back(&x);
            tokens(x.children, path, out, gap, depth + 1);
            path.pop_back();
            break;
          }
          [[fallthrough]];
        case Inline::Kind::code:
        case Inline::Kind::xref:
        case Inline::Kind::footnote_ref:
        case Inline::Kind::linebreak: {
          // Compared by what they print; the kind keeps "1" the footnote
          // apart from "1" the word.
          std::string key(1, static_cast<char>('\x01' + static_cast<int>(x.kind)));
          key += detail::flatten(Inlines(1, x));
          out.push_back({std::move(key), &x, path, std::move(gap)});
          gap.clear();
          break;
        }
      }
    }
  }

  // The spaces before a word kept, as the old version had them (`was`) and
  // the new one has them (`now`): unmarked when they are the same.
  static void put_gap(Node& container, std::string_view was, std::string_view now) {
    if (was == now) return put_text(container, now, Mark::none);
    put_text(container, was, Mark::deleted);
    put_text(container, now, Mark::inserted);
  }

  static void put_text(Node& container, std::string_view text, Mark m) {
    if (text.empty()) return;
    if (!container.kids.empty()) {
      Node& last = container.kids.back();
      if (last.proto.kind == Inline::Kind::text && last.mark == m && last.kids.empty()) {
        last.proto.text += text;
        return;
      }
    }
    Node n;
    n.proto.text = std::string(text);
    n.mark = m;
    container.kids.push_back(std::move(n));
  }

  Inlines convert(std::vector<Node>& nodes) {
    Inlines out;
    out.reserve(nodes.size());
    for (Node& n : nodes) {
      Inline x = std::move(n.proto);
      if (!n.kids.empty()) x.children = convert(n.kids);
      out.push_back(std::move(x));
    }
    for (std::size_t i = 0; i < nodes.size(); ++i)
      if (nodes[i].mark != Mark::none) marks_.marks[&out[i]] = nodes[i].mark;
    return out;
  }

  // Aligns two lists by their texts: `keep` gets each element kept (its
  // index in both), `between` the deleted and the inserted ones between two
  // kept, in order.
  template <typename Keep, typename Between>
  void align_runs(const std::vector<std::string>& ta, const std::vector<std::string>& tb, Keep keep,
                  Between between) {
    std::vector<std::string_view> ka(ta.begin(), ta.end()), kb(tb.begin(), tb.end());
    std::vector<std::size_t> dels, inss;
    for (const Step& s : align(ka, kb, limits_.max_word_cells, &budget_)) {
      if (s.op == Word::Op::deleted) {
        dels.push_back(s.a);
      } else if (s.op == Word::Op::inserted) {
        inss.push_back(s.b);
      } else {
        between(dels, inss);
        dels.clear();
        inss.clear();
        keep(s.a, s.b);
      }
    }
    between(dels, inss);
  }

  // Aligns two lists by their texts; between two kept elements, the ones
  // deleted and inserted are paired in order while `pair` accepts them
  // (their words then show the change), the others are deleted, then
  // inserted.
  template <typename Pair, typename Del, typename Ins>
  void pair_runs(const std::vector<std::string>& ta, const std::vector<std::string>& tb, Pair pair,
                 Del del, Ins ins) {
    auto between = [&](const std::vector<std::size_t>& dels, const std::vector<std::size_t>& inss) {
      std::size_t k = 0;
      for (; k < dels.size() && k < inss.size(); ++k) {
        if (pair(dels[k], inss[k])) continue;
        del(dels[k]);
        ins(inss[k]);
      }
      for (std::size_t d = k; d < dels.size(); ++d) del(dels[d]);
      for (std::size_t i = k; i < inss.size(); ++i) ins(inss[i]);
    };
    align_runs(
        ta, tb, [&](std::size_t a, std::size_t b) { pair(a, b); }, between);
  }

  ChangeMarks& marks_;
  const Limits& limits_;
  std::size_t budget_;
};

const Section& section_at(const tree::Report& r, std::size_t index) {
  return index < r.sections.size() ? r.sections[index] : r.annexes[index - r.sections.size()];
}

// A paragraph's block: in the preamble, or in its section or annex.
const Block& block_at(const tree::Report& r, const Unit& u) {
  return u.kind == Unit::Kind::preamble ? r.preamble[u.block]
                                        : section_at(r, u.section).blocks[u.block];
}

bool structural(Unit::Kind k) {
  return k == Unit::Kind::section || k == Unit::Kind::annex || k == Unit::Kind::paragraph ||
         k == Unit::Kind::preamble;
}

const tree::CoverField* find_field(const tree::Cover& c, const std::string& name) {
  for (const auto* side : {&c.left, &c.right})
    for (const tree::CoverField& f : *side)
      if (f.name == name) return &f;
  return nullptr;
}

}  // namespace

std::unique_ptr<Redline> redline(const tree::Report& old_report, const Version& old_version,
                                 const tree::Report& new_report, const Version& new_version,
                                 const Alignment& alignment, const RedlineOptions& options) {
  auto result = std::make_unique<Redline>();
  tree::Report& r = result->report;
  ChangeMarks& marks = result->marks;
  Builder b(marks, options.limits);
  const auto& ou = old_version.units;
  const auto& nu = new_version.units;

  std::vector<std::size_t> new_of(ou.size(), npos);
  for (std::size_t n = 0; n < nu.size(); ++n)
    if (alignment.old_of[n] != npos) new_of[alignment.old_of[n]] = n;
  auto edited_move = [&](std::size_t n) { return options.moves_as_edits && alignment.moved[n]; };
  // The old unit matched with new unit `n`, unless it is shown as an edit.
  auto old_of = [&](std::size_t n) { return edited_move(n) ? npos : alignment.old_of[n]; };

  // Where each old unit shown deleted goes: after the new unit that the
  // last old unit kept in its place became.
  std::vector<std::size_t> front;
  std::vector<std::vector<std::size_t>> after(nu.size());
  std::size_t last = npos;
  for (std::size_t o = 0; o < ou.size(); ++o) {
    if (!structural(ou[o].kind)) continue;
    const std::size_t n = new_of[o];
    if (n != npos && !edited_move(n)) {
      if (!alignment.moved[n]) last = n;
      continue;
    }
    (last == npos ? front : after[last]).push_back(o);
  }

  struct Item {
    bool old;
    std::size_t unit;
    Mark mark;
  };
  std::vector<Item> order;
  for (std::size_t o : front) order.push_back({true, o, Mark::deleted});
  for (std::size_t n = 0; n < nu.size(); ++n) {
    if (!structural(nu[n].kind)) continue;
    const Mark m = old_of(n) == npos    ? Mark::inserted
                   : alignment.moved[n] ? Mark::moved
                                        : Mark::none;
    order.push_back({false, n, m});
    for (std::size_t o : after[n]) order.push_back({true, o, Mark::deleted});
  }

  struct Built {
    Section section;
    bool annex = false;
    Mark mark = Mark::none;
    std::string note;
    std::vector<Block> blocks;
    std::vector<Mark> block_marks;
    std::vector<std::string> block_notes;
  };
  std::vector<Built> built;
  Built preamble;  // the preamble's paragraphs, old ones deleted among them
  std::size_t current = npos, current_new = npos;
  auto moved_note = [&](const Unit& old_unit, const Unit& new_unit) {
    if (old_unit.number.empty() || old_unit.number == new_unit.number) return options.moved;
    std::string note = options.moved_from;
    const std::string_view slot = "{number}";
    const std::size_t at = note.find(slot);
    if (at != std::string::npos) note.replace(at, slot.size(), old_unit.number);
    return note;
  };
  for (const Item& item : order) {
    const Unit& u = item.old ? ou[item.unit] : nu[item.unit];
    const tree::Report& from = item.old ? old_report : new_report;
    const std::size_t o = item.old ? npos : old_of(item.unit);
    if (is_heading(u.kind)) {
      const Section& s = section_at(from, u.section);
      Built next;
      next.annex = u.kind == Unit::Kind::annex;
      next.mark = item.mark;
      next.section.number = s.number;
      if (item.old) {
        next.section.heading = deleted_copy(s.heading);
      } else {
        next.section.anchor = s.anchor;
        if (o == npos)
          next.section.heading = s.heading;
        else
          next.section.heading =
              b.inlines(section_at(old_report, ou[o].section).heading, s.heading);
        if (item.mark == Mark::moved) next.note = moved_note(ou[o], u);
      }
      built.push_back(std::move(next));
      current = built.size() - 1;
      if (!item.old) current_new = current;
      continue;
    }
    std::size_t into = item.old ? current : current_new;
    if (into == npos && u.kind != Unit::Kind::preamble) {
      // Deleted before any section that is kept: a plain group of its own.
      built.emplace_back();
      into = current = built.size() - 1;
    }
    Built& target = u.kind == Unit::Kind::preamble ? preamble : built[into];
    const Block& blk = block_at(from, u);
    auto add = [&](Block block, Mark m, std::string note) {
      // In a section inserted or deleted whole, its paragraphs are marked
      // with it, once: a tracked change cannot hold another of its kind.
      if (m == target.mark && m != Mark::moved) m = Mark::none;
      target.blocks.push_back(std::move(block));
      target.block_marks.push_back(m);
      target.block_notes.push_back(std::move(note));
    };
    if (item.old) {
      add(deleted_copy(blk), Mark::deleted, "");
    } else if (o == npos) {
      add(blk, item.mark, "");
    } else {
      const Block& old_blk = block_at(old_report, ou[o]);
      const std::string note = item.mark == Mark::moved ? moved_note(ou[o], u) : "";
      if (ou[o].compared() == u.compared()) {
        add(blk, item.mark, note);
      } else if (compatible(old_blk, blk)) {
        add(b.block(old_blk, blk, 0), item.mark, note);
      } else {
        add(deleted_copy(old_blk), Mark::deleted, "");
        add(blk, Mark::inserted, "");
      }
    }
  }

  // The rest of the report: the new version's, with the changes of its
  // box, cover and footnotes.
  r.kind = new_report.kind;
  r.language = new_report.language;
  r.words = new_report.words;
  r.short_title = new_report.short_title;
  r.cover = new_report.cover;
  r.title = new_report.title;
  r.record = new_report.record;
  r.blank_action = new_report.blank_action;
  r.blank_references = new_report.blank_references;
  r.signature = new_report.signature;
  r.signatures = new_report.signatures;
  // A summary record's table of subjects follows its headings and
  // documents, whose changes the diff reports; its rows and words are
  // marked too, so that the redline shows no changed text unmarked.
  r.record.subjects =
      b.blocks(old_report.record.subjects, new_report.record.subjects, 0, Rows::numbered);
  r.summary = b.blocks(old_report.summary, new_report.summary, 0);
  r.action = b.blocks(old_report.action, new_report.action, 0);
  r.references = b.inlines(old_report.references, new_report.references);

  if (old_report.title != new_report.title)
    marks.texts["title"] = b.runs(old_report.title, new_report.title);
  if (old_report.cover.source_line != new_report.cover.source_line)
    marks.texts["source_line"] = b.runs(old_report.cover.source_line, new_report.cover.source_line);
  for (const auto* side : {&new_report.cover.left, &new_report.cover.right}) {
    for (const tree::CoverField& f : *side) {
      const tree::CoverField* was = find_field(old_report.cover, f.name);
      if (!was || was->value != f.value)
        marks.texts[f.name] = b.runs(was ? was->value : "", f.value);
    }
  }
  for (auto [from, to] : {std::pair{&old_report.cover.left, &r.cover.left},
                          std::pair{&old_report.cover.right, &r.cover.right}}) {
    for (const tree::CoverField& f : *from) {
      if (find_field(new_report.cover, f.name)) continue;
      to->push_back(f);
      marks.texts[f.name] = {{Mark::deleted, f.value}};
    }
  }
  // A summary record's header lines, and the signatures: a signature gone
  // from the new version is shown struck through where it stood.
  auto text_change = [&](const std::string& key, const std::string& was, const std::string& now) {
    if (was != now) marks.texts[key] = b.runs(was, now);
  };
  text_change(kRecordWhen, old_report.record.when, new_report.record.when);
  text_change(kRecordChair, old_report.record.chair, new_report.record.chair);
  auto signature_change = [&](std::size_t k, const tree::Signature* was,
                              const tree::Signature& now) {
    const tree::Signature none;
    if (!was) was = &none;
    text_change(signature_key(k, "name"), was->name, now.name);
    text_change(signature_key(k, "role"), was->role, now.role);
  };
  const bool had = !old_report.signature.name.empty() || !old_report.signature.role.empty();
  const bool has = !new_report.signature.name.empty() || !new_report.signature.role.empty();
  if (had && !has) {
    r.signature = old_report.signature;
    marks.texts[signature_key(0, "name")] = {{Mark::deleted, old_report.signature.name}};
    marks.texts[signature_key(0, "role")] = {{Mark::deleted, old_report.signature.role}};
  } else {
    signature_change(0, &old_report.signature, new_report.signature);
  }
  for (std::size_t k = 0; k < new_report.signatures.size(); ++k)
    signature_change(k + 1, k < old_report.signatures.size() ? &old_report.signatures[k] : nullptr,
                     new_report.signatures[k]);
  for (std::size_t k = new_report.signatures.size(); k < old_report.signatures.size(); ++k) {
    r.signatures.push_back(old_report.signatures[k]);
    marks.texts[signature_key(k + 1, "name")] = {{Mark::deleted, old_report.signatures[k].name}};
    marks.texts[signature_key(k + 1, "role")] = {{Mark::deleted, old_report.signatures[k].role}};
  }

  // Footnotes: each with the old one of the same text, else of the same
  // number, else inserted whole.
  std::unordered_map<std::string, const tree::Footnote*> old_by_text, old_by_number;
  for (const tree::Footnote& f : old_report.footnotes) {
    old_by_text.emplace(detail::flatten(f.text), &f);
    old_by_number.emplace(f.number, &f);
  }
  r.footnotes.reserve(new_report.footnotes.size());
  for (const tree::Footnote& f : new_report.footnotes) {
    tree::Footnote note = f;
    if (!old_by_text.count(detail::flatten(f.text))) {
      auto it = old_by_number.find(f.number);
      note.text = b.inlines(it == old_by_number.end() ? Inlines{} : it->second->text, f.text);
    }
    r.footnotes.push_back(std::move(note));
  }

  // The table of contents follows the headings, whose changes are marked
  // in the sections: it is marked only when it comes or goes.
  if (!new_report.contents.empty()) {
    r.contents = new_report.contents;
    if (old_report.contents.empty()) marks.marks[&r.contents] = Mark::inserted;
  } else if (!old_report.contents.empty()) {
    r.contents = old_report.contents;
    marks.marks[&r.contents] = Mark::deleted;
  }

  r.preamble = std::move(preamble.blocks);
  for (std::size_t i = 0; i < r.preamble.size(); ++i) {
    const Block* p = &r.preamble[i];
    if (preamble.block_marks[i] != Mark::none) marks.marks[p] = preamble.block_marks[i];
    if (!preamble.block_notes[i].empty()) marks.notes[p] = preamble.block_notes[i];
  }
  for (Built& s : built) {
    s.section.blocks = std::move(s.blocks);
    for (std::size_t i = 0; i < s.section.blocks.size(); ++i) {
      const Block* p = &s.section.blocks[i];
      if (s.block_marks[i] != Mark::none) marks.marks[p] = s.block_marks[i];
      if (!s.block_notes[i].empty()) marks.notes[p] = s.block_notes[i];
    }
    (s.annex ? r.annexes : r.sections).push_back(std::move(s.section));
  }
  std::size_t si = 0, ai = 0;
  for (const Built& s : built) {
    const Section* p = s.annex ? &r.annexes[ai++] : &r.sections[si++];
    if (s.mark != Mark::none) marks.marks[p] = s.mark;
    if (!s.note.empty()) marks.notes[p] = s.note;
  }
  return result;
}

}  // namespace cwg::diff
