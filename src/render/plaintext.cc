// The plain-text renderer: the layout of the reports the group publishes,
// with a TAB after each number, or wrapped with a hanging indent on request.
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "cwgreport/render.h"
#include "render/render.h"
#include "text/report_text.h"
#include "text/width.h"

namespace cwg {

using text::display_width;
using text::report_text;

namespace {

using namespace tree;

constexpr std::string_view rule = "____________";
constexpr int number_columns = 8;  // where wrapped text starts: a TAB stop
constexpr std::string_view quote_indent = "    ";
constexpr std::string_view list_indent = "    ";

class TextRenderer : public detail::ReportParts {
 public:
  TextRenderer(const RenderOptions& opts, OutputSink& sink)
      : width_(opts.width > 0 ? opts.width : 0), out_(sink, opts.chunk_bytes) {}

  void render(const Report& r) {
    language_ = r.language;
    detail::walk_report(r, *this);
    out_.finish();
  }

  void cover_and_title(const Report& r) override {
    cover(r.cover);
    if (!r.title.empty()) {
      text_lines(detail::one_line(report_text(r.title)), "", "");
      out_.blank_line();
    }
    for (const std::string* line : {&r.record.when, &r.record.chair})
      if (!line->empty()) text_lines(detail::one_line(report_text(*line)), "", "");
    out_.blank_line();
  }

  void box(const Report& r) override {
    summary_box(r);
    if (!r.record.subjects.empty()) {
      blocks(r.record.subjects, "");
      out_.blank_line();
    }
  }
  // The numbers in a column as wide as the widest ("Annex 1"), the
  // headings aligned after them, wrapped under themselves.
  void contents(const Report& r) override {
    out_.line(detail::one_line(report_text(r.words.contents)));
    int column = number_columns;
    for (const ContentsEntry& e : r.contents)
      column = std::max(column, display_width(detail::one_line(report_text(e.number))) + 2);
    const std::string indent(static_cast<std::size_t>(column), ' ');
    for (const ContentsEntry& e : r.contents)
      text_lines(detail::one_line(flat(detail::contents_heading(e))),
                 detail::pad(detail::one_line(report_text(e.number)), column), indent);
    out_.blank_line();
  }
  void preamble(const std::vector<Block>& bs) override {
    blocks(bs, "");
    out_.blank_line();
  }
  void section(const Section& s, std::size_t) override { section(s); }
  void annex(const Section& s, std::size_t) override { section(s); }

  void signature(const Signature& s) override {
    if (!s.name.empty()) out_.line(detail::one_line(report_text(s.name)));
    if (!s.role.empty()) out_.line(detail::one_line(report_text(s.role)));
    out_.blank_line();
  }

  // Two by two, side by side when the line has room: each signature's
  // lines start at its column. In a right-to-left report each line of a
  // column is an isolate of its own: the first signature stands on the
  // right, its name under its role whichever way each is written, and a
  // role's closing colon stays with it. A RIGHT-TO-LEFT MARK starts each:
  // a viewer that takes a line's direction from its first strong character
  // skips what isolates hold, and would lay the line out left to right.
  void signatures(const std::vector<Signature>& sigs) override {
    const bool rtl = detail::right_to_left(language_);
    auto lines_of = [&](const Signature& s) {
      std::vector<std::string> out;
      std::string name = detail::one_line(report_text(s.name));
      std::string role = detail::one_line(report_text(s.role));
      for (const std::string* l :
           s.role_above ? std::array{&role, &name} : std::array{&name, &role}) {
        if (l->empty()) continue;
        out.push_back(rtl ? std::string(detail::kRightToLeftMark) +
                                std::string(detail::kFirstStrongIsolate) + *l +
                                std::string(detail::kPopIsolate)
                          : *l);
      }
      return out;
    };
    constexpr int gap = 8;
    for (std::size_t i = 0; i < sigs.size(); i += 2) {
      std::vector<std::string> left = lines_of(sigs[i]);
      std::vector<std::string> right =
          i + 1 < sigs.size() ? lines_of(sigs[i + 1]) : std::vector<std::string>{};
      int left_width = 0, right_width = 0;
      for (const auto& l : left) left_width = std::max(left_width, display_width(l));
      for (const auto& l : right) right_width = std::max(right_width, display_width(l));
      if (width_ > 0 && left_width + gap + right_width > width_) {
        out_.lines(left);
        out_.blank_line();
        out_.lines(right);
      } else {
        for (std::size_t k = 0; k < std::max(left.size(), right.size()); ++k) {
          std::string l = k < left.size() ? left[k] : std::string();
          if (k < right.size()) l = detail::pad(l, left_width + gap) + right[k];
          out_.line(l);
        }
      }
      out_.blank_line();
    }
  }

  void footnotes(const std::vector<Footnote>& notes) override {
    if (notes.empty()) return;
    out_.line(rule);
    for (const Footnote& f : notes) {
      std::string mark = "[" + detail::one_line(report_text(f.number)) + "] ";
      text_lines(flat(f.text), mark, std::string(display_width(mark), ' '));
    }
    out_.blank_line();
  }

 private:
  // What goes before a number's text: the number and a TAB, or, when
  // wrapping, the number padded to the TAB stop so that the text column
  // does not depend on a terminal's TAB setting.
  std::string number_prefix(std::string_view number) const {
    std::string n = detail::one_line(report_text(number));
    if (width_ == 0) return n + "\t";
    if (display_width(n) >= number_columns) return n + " ";
    return detail::pad(n, number_columns);
  }

  std::string hanging_indent() const {
    return width_ == 0 ? std::string("\t") : std::string(number_columns, ' ');
  }

  // One paragraph of text after `first` (on its first line) or `rest` (on
  // the others).
  void text_lines(std::string_view text, const std::string& first, const std::string& rest) {
    out_.lines(detail::wrap(text, width_, first, rest));
  }

  void cover(const Cover& c) {
    bool any = false;
    for (const auto* fields : {&c.left, &c.right}) {
      for (const CoverField& f : *fields) {
        if (f.value.empty() && !f.blank) continue;
        std::string l = report_text(f.label);
        if (!l.empty() && !f.value.empty()) l += f.gap;
        l += report_text(f.value);
        out_.line(detail::one_line(l));
        any = true;
      }
    }
    if (!c.source_line.empty()) {
      text_lines(report_text(c.source_line), "", "");
      any = true;
    }
    if (any) out_.blank_line();
  }

  void summary_box(const Report& r) {
    bool any = false;
    if (!r.summary.empty()) {
      out_.line(detail::one_line(report_text(r.words.summary)));
      blocks(r.summary, "");
      any = true;
    }
    if (!r.action.empty() || r.blank_action) {
      out_.line(detail::one_line(report_text(r.words.action_required)));
      blocks(r.action, "");
      any = true;
    }
    if (!r.references.empty() || r.blank_references) {
      out_.line(rule);
      out_.line(detail::one_line(report_text(r.words.references)));
      if (!r.references.empty()) text_lines(flat(r.references), "", "");
      any = true;
    }
    if (any) out_.blank_line();
  }

  void section(const Section& s) {
    std::string heading = detail::one_line(flat(s.heading));
    if (s.number.empty()) {
      if (!heading.empty()) text_lines(heading, "", "");
    } else if (heading.empty()) {
      out_.line(detail::one_line(report_text(s.number)));
    } else {
      text_lines(heading, number_prefix(s.number), hanging_indent());
    }
    blocks(s.blocks, "");
    out_.blank_line();
  }

  void blocks(const std::vector<Block>& bs, const std::string& indent) {
    for (const Block& b : bs) block(b, indent, false);
  }

  // `continuation`: a paragraph that carries on the text of the paragraph
  // above it, printed after a TAB like the text of a numbered paragraph.
  void block(const Block& b, const std::string& indent, bool continuation) {
    switch (b.kind) {
      case Block::Kind::paragraph:
        paragraph(b, indent, continuation);
        break;
      case Block::Kind::list:
        list(b, indent);
        break;
      case Block::Kind::table:
        table(b.table, indent);
        break;
      case Block::Kind::quote:
        quote(b, indent);
        break;
      case Block::Kind::elision:
        out_.line(indent + "[...]");
        break;
    }
  }

  void paragraph(const Block& b, const std::string& indent, bool continuation) {
    std::string text = flat(b.text);
    if (!b.number.empty()) {
      if (text.empty()) {
        out_.line(indent + detail::one_line(report_text(b.number)));
      } else {
        text_lines(text, indent + number_prefix(b.number), indent + hanging_indent());
      }
    } else if (continuation) {
      if (!text.empty()) text_lines(text, indent + hanging_indent(), indent + hanging_indent());
    } else if (!text.empty()) {
      text_lines(text, indent, indent);
    }
    for (const Block& child : b.children) block(child, indent, true);
  }

  void list(const Block& b, const std::string& indent) {
    for (const ListItem& item : b.items) {
      std::string first = indent + detail::one_line(report_text(item.marker)) + " ";
      std::string rest(display_width(first), ' ');
      text_lines(flat(item.text), first, rest);
      for (const Block& child : item.children) {
        if (child.kind == Block::Kind::list) {
          list(child, indent + std::string(list_indent));
        } else {
          // Further paragraphs of an item line up under its text.
          block(child, rest, false);
        }
      }
    }
  }

  void table(const Table& t, const std::string& indent) {
    if (!t.caption.empty()) {
      text_lines(detail::one_line(flat(t.caption)), indent, indent);
    }
    const size_t columns = t.header.size();
    if (columns == 0) return;
    std::vector<std::vector<std::string>> cells;
    auto add_row = [&](const std::vector<Inlines>& row) {
      std::vector<std::string> r;
      for (size_t i = 0; i < columns; ++i) {
        r.push_back(i < row.size() ? detail::one_line(flat(row[i])) : std::string());
      }
      cells.push_back(std::move(r));
    };
    add_row(t.header);
    for (const auto& row : t.rows) add_row(row);
    std::vector<int> widths = detail::column_widths(cells);

    auto align = [&](size_t i) { return i < t.align.size() ? t.align[i] : Align::none; };
    auto print = [&](const std::vector<std::string>& r) {
      std::string l = indent;
      for (size_t i = 0; i < columns; ++i) {
        if (i > 0) l += "  ";
        l += detail::pad(r[i], widths[i], align(i));
      }
      out_.line(l);
    };
    print(cells[0]);
    std::string dashes = indent;
    for (size_t i = 0; i < columns; ++i) {
      if (i > 0) dashes += "  ";
      dashes.append(static_cast<size_t>(widths[i]), '-');
    }
    out_.line(dashes);
    for (size_t r = 1; r < cells.size(); ++r) print(cells[r]);
  }

  void quote(const Block& b, const std::string& indent) {
    std::string inner = indent + std::string(quote_indent);
    std::string attribution = flat(b.text);
    if (!attribution.empty()) text_lines(attribution, inner, inner);
    for (const Block& child : b.children) block(child, inner, false);
  }

  // Text in a language written the other way is isolated: see flatten.
  std::string flat(const Inlines& xs) const { return detail::flatten(xs, language_); }

  std::string language_;
  int width_;
  detail::LineWriter out_;
};

using detail::kLeftToRightIsolate;
using detail::kPopIsolate;
bool opens_isolate(char32_t c) { return c >= 0x2066 && c <= 0x2068; }  // LRI, RLI, FSI
constexpr char32_t kPopIsolateCode = 0x2069;

// Whether `text` holds a directional isolate or its end (U+2066 to U+2069).
bool has_isolate(std::string_view text) {
  for (std::size_t at = text.find("\xE2\x81"); at != std::string_view::npos;
       at = text.find("\xE2\x81", at + 2)) {
    const auto third = at + 2 < text.size() ? static_cast<unsigned char>(text[at + 2]) : 0;
    if (third >= 0xA6 && third <= 0xA9) return true;
  }
  return false;
}

// The isolates in the text, around untranslated text running the other way
// (flatten), are kept whole, with what they hold. A viewer ends every
// isolate at the end of a line, so one that a wrapped line leaves open is
// closed there and opened again on the next line, after its indent: `open`
// carries them from line to line.
//
// With `ltr_runs` (a right-to-left report): a plain text has no markup to
// say which runs are written left to right, so each one is put between
// LEFT-TO-RIGHT ISOLATE (U+2066) and POP DIRECTIONAL ISOLATE (U+2069).
// Without them a viewer lays out "6.3", "CWG-COP-14/2" or "Mr Ibrahim Al
// Dabal (UAE)" by the surrounding Arabic: "CWG-COP-14/2" would read
// "2/14-CWG-COP". A run starts at a strong left-to-right character or a
// European digit and goes on through neutrals to the last such character
// before the next right-to-left one or isolate; a closing bracket of a
// bracket the run opened belongs to it, or it would be mirrored outside.
std::string isolate_line(std::string_view line, std::vector<std::string>& open, bool ltr_runs) {
  struct Cp {
    std::size_t at, size;
    utf8proc_int32_t code;
    int bidi;
  };
  std::vector<Cp> cps;
  for (std::size_t i = 0; i < line.size();) {
    utf8proc_int32_t c = 0;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(line.data() + i),
                              static_cast<utf8proc_ssize_t>(line.size() - i), &c);
    if (n <= 0) return std::string(line);  // not UTF-8: left as it is
    cps.push_back({i, static_cast<std::size_t>(n), c, utf8proc_get_property(c)->bidi_class});
    i += static_cast<std::size_t>(n);
  }
  auto ltr = [](int b) { return b == UTF8PROC_BIDI_CLASS_L || b == UTF8PROC_BIDI_CLASS_EN; };
  auto rtl = [](int b) {
    return b == UTF8PROC_BIDI_CLASS_R || b == UTF8PROC_BIDI_CLASS_AL || b == UTF8PROC_BIDI_CLASS_AN;
  };
  std::string out;
  std::size_t i = 0;
  if (!open.empty()) {  // after the line's indent, which stays at its start
    for (; i < cps.size() && (cps[i].code == ' ' || cps[i].code == '\t'); ++i)
      out.append(line.substr(cps[i].at, cps[i].size));
    for (const std::string& opener : open) out += opener;
  }
  while (i < cps.size()) {
    const Cp& cp = cps[i];
    const std::string_view bytes = line.substr(cp.at, cp.size);
    if (opens_isolate(static_cast<char32_t>(cp.code))) {
      open.emplace_back(bytes);
    } else if (!ltr_runs || !open.empty() || !ltr(cp.bidi)) {
      if (cp.code == kPopIsolateCode && !open.empty()) open.pop_back();
    } else {
      std::size_t last = i;  // the run's last left-to-right character
      for (std::size_t j = i; j < cps.size() && !rtl(cps[j].bidi) && cps[j].code != '\t' &&
                              !opens_isolate(static_cast<char32_t>(cps[j].code));
           ++j)
        if (ltr(cps[j].bidi)) last = j;
      int brackets = 0;
      for (std::size_t k = i; k <= last; ++k) {
        if (cps[k].code == '(' || cps[k].code == '[') ++brackets;
        if ((cps[k].code == ')' || cps[k].code == ']') && brackets > 0) --brackets;
      }
      while (brackets > 0 && last + 1 < cps.size() &&
             (cps[last + 1].code == ')' || cps[last + 1].code == ']')) {
        ++last;
        --brackets;
      }
      const std::size_t end = cps[last].at + cps[last].size;
      out += kLeftToRightIsolate;
      out.append(line.substr(cp.at, end - cp.at));
      out += kPopIsolate;
      i = last + 1;
      continue;
    }
    out.append(bytes);
    ++i;
  }
  for (std::size_t k = 0; k < open.size(); ++k) out += kPopIsolate;
  return out;
}

// Passes whole lines through isolate_line. In a left-to-right report most
// text holds no isolate: it passes as it is, a line at a time only around
// an isolate.
class IsolatingSink : public OutputSink {
 public:
  IsolatingSink(OutputSink& out, bool ltr_runs) : out_(out), ltr_runs_(ltr_runs) {}
  void write(std::string_view bytes) override {
    if (!ltr_runs_ && open_.empty() && pending_.empty() && !has_isolate(bytes)) {
      const std::size_t last = bytes.rfind('\n');
      if (last == std::string_view::npos) {
        pending_.append(bytes);
        return;
      }
      out_.write(bytes.substr(0, last + 1));
      bytes.remove_prefix(last + 1);
    }
    for (std::size_t nl; (nl = bytes.find('\n')) != std::string_view::npos;) {
      pending_.append(bytes.substr(0, nl));
      write_line("\n");
      bytes.remove_prefix(nl + 1);
    }
    pending_.append(bytes);
  }
  void finish() {
    if (!pending_.empty()) write_line("");
  }

 private:
  // Writes the pending line and `end`; isolate_line only for a line that
  // needs it (a line written in pieces comes here whole).
  void write_line(std::string_view end) {
    if (ltr_runs_ || !open_.empty() || has_isolate(pending_)) {
      pending_ = isolate_line(pending_, open_, ltr_runs_);
    }
    pending_.append(end);
    out_.write(pending_);
    pending_.clear();
  }

  OutputSink& out_;
  const bool ltr_runs_;
  std::string pending_;
  std::vector<std::string> open_;  // isolates a line left open
};

}  // namespace

void render_text(const tree::Report& report, const RenderOptions& opts, OutputSink& out) {
  IsolatingSink isolating(out, detail::right_to_left(report.language));
  TextRenderer(opts, isolating).render(report);
  isolating.finish();
}

}  // namespace cwg
