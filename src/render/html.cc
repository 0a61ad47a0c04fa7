// The HTML renderer: one standalone HTML5 file laid out like a formal ITU
// document, with its CSS embedded for the screen and for A4 print.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "cwgreport/render.h"
#include "render/render.h"
#include "text/report_text.h"

namespace cwg {

using detail::trim;
using text::html_text;
namespace {

using tree::Align;
using tree::Block;
using tree::Inline;
using tree::Inlines;
using tree::ListItem;
using tree::ListStyle;
using tree::Report;
using tree::Section;

// src/render/html-rtl.css: the mirror of the others' left and right, for a
// right-to-left report.
#include "html_rtl_css.inc"
const std::string_view rtl_style_sheet(reinterpret_cast<const char*>(k_html_rtl_css),
                                       sizeof k_html_rtl_css);

// ---------------------------------------------------------------------------
// Escaping

std::string esc(std::string_view s) { return detail::escape_markup(s); }
std::string esc_href(std::string_view s) { return detail::escape_markup(s, detail::Escape::href); }

std::string attr(std::string_view name, std::string_view value) {
  std::string out = " ";
  out += name;
  out += "=\"";
  detail::append_escaped_html(out, value);
  out += '"';
  return out;
}

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool ascii_digit(char c) { return c >= '0' && c <= '9'; }

// ---------------------------------------------------------------------------
// Link targets

bool is_http(std::string_view url) {
  url = trim(url);
  auto starts = [&](std::string_view prefix) {
    if (url.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i)
      if (ascii_lower(url[i]) != prefix[i]) return false;
    return true;
  };
  return starts("http:") || starts("https:");
}

// ---------------------------------------------------------------------------
// Plain text, for comparing a link's text with its URL and for content nested
// beyond max_nesting. Iterative, so that no input depth can exhaust the stack.

// Markup nested deeper than this (lists in lists, emphasis in emphasis) is
// printed as plain text: real reports nest a few levels, and recursion
// stays bounded whatever the tree holds.
constexpr int max_nesting = 100;

void flatten(std::span<const Inline> xs, std::string& out) {
  std::vector<std::pair<std::span<const Inline>, size_t>> stack{{xs, 0}};
  while (!stack.empty()) {
    auto& [list, i] = stack.back();
    if (i == list.size()) {
      stack.pop_back();
      continue;
    }
    const Inline& x = list[i++];
    switch (x.kind) {
      case Inline::Kind::text:
      case Inline::Kind::code:
      case Inline::Kind::xref:
      case Inline::Kind::footnote_ref:
        out += x.text;
        break;
      case Inline::Kind::softbreak:
      case Inline::Kind::linebreak:
        out += ' ';
        break;
      case Inline::Kind::emph:
      case Inline::Kind::strong:
      case Inline::Kind::strike:
      case Inline::Kind::link:
      case Inline::Kind::foreign:
        stack.emplace_back(x.children, 0);  // `list` and `i` are not used after this
        break;
    }
  }
}

std::string flatten(std::span<const Inline> xs) {
  std::string out;
  flatten(xs, out);
  return out;
}

// The text of a block and everything in it, words separated by spaces.
std::string flatten(const Block& root) {
  std::string out;
  auto add = [&](std::string_view text) {
    text = trim(text);
    if (text.empty()) return;
    if (!out.empty()) out += ' ';
    out += text;
  };
  auto add_inlines = [&](const Inlines& xs) { add(flatten(xs)); };

  struct Node {
    const Block* block;
    const ListItem* item;
  };
  std::vector<Node> stack{{&root, nullptr}};
  while (!stack.empty()) {
    Node n = stack.back();
    stack.pop_back();
    const std::vector<Block>* children = nullptr;
    if (n.item != nullptr) {
      add(n.item->marker);
      add_inlines(n.item->text);
      children = &n.item->children;
    } else {
      const Block& b = *n.block;
      switch (b.kind) {
        case Block::Kind::paragraph:
          add(b.number);
          add_inlines(b.text);
          break;
        case Block::Kind::quote:
          add_inlines(b.text);
          break;
        case Block::Kind::elision:
          add("[...]");
          break;
        case Block::Kind::table:
          add_inlines(b.table.caption);
          for (const auto& cell : b.table.header) add_inlines(cell);
          for (const auto& row : b.table.rows)
            for (const auto& cell : row) add_inlines(cell);
          break;
        case Block::Kind::list:
          break;
      }
      children = &b.children;
      // Pushed in reverse so that they come out in document order, the
      // items before any further blocks.
      for (auto it = b.children.rbegin(); it != b.children.rend(); ++it)
        stack.push_back({&*it, nullptr});
      for (auto it = b.items.rbegin(); it != b.items.rend(); ++it) stack.push_back({nullptr, &*it});
      continue;
    }
    for (auto it = children->rbegin(); it != children->rend(); ++it)
      stack.push_back({&*it, nullptr});
  }
  return out;
}

// ---------------------------------------------------------------------------
// Ids

// A valid HTML id is non-empty and has no ASCII whitespace; this keeps it to
// characters that also read well in a URL fragment.
std::string sanitize_id(std::string_view anchor) {
  std::string id = html_text(trim(anchor));
  for (char& c : id) {
    auto b = static_cast<unsigned char>(c);
    bool keep = b >= 0x80 || ascii_alpha(c) || ascii_digit(c) || c == '-' || c == '_' || c == '.' ||
                c == ':';
    if (!keep) c = '-';
  }
  return id;
}

// Hands out ids that are unique in the document: a second "x" becomes "x-2".
class IdTable {
 public:
  std::string unique(std::string_view wanted) {
    std::string base = sanitize_id(wanted);
    if (base.empty()) return {};
    std::string id = base;
    for (int n = 2; used_.count(id) != 0; ++n) id = base + "-" + std::to_string(n);
    used_.insert(id);
    return id;
  }

  // Takes `id` (already valid) if it is still free.
  bool take(const std::string& id) { return used_.insert(id).second; }

 private:
  std::unordered_set<std::string> used_;
};

// What will be printed and under which ids, settled before any output so
// that a reference can be checked against what will really exist. A block
// that prints nothing gets no id, and a reference to it prints as text
// instead of pointing nowhere.
class Plan {
 public:
  IdTable ids;
  std::unordered_map<std::string, std::string> target;           // anchor -> id (first use)
  std::unordered_map<std::string, std::string> footnote_target;  // anchor -> footnote id

  // The tree's anchors are unique already (the checker made them so, around
  // the labels): each is taken as it is, only made a valid id. A duplicate
  // in a tree built by other means keeps its first use, so the ids stay
  // unique. Only the ids this renderer derives ("…-heading", "fnref-…") are
  // made unique here, around the tree's.
  const std::string& claim(const void* node, const std::string& anchor) {
    std::string id = sanitize_id(anchor);
    if (!id.empty() && !ids.take(id)) id.clear();
    if (!id.empty()) target.emplace(anchor, id);
    return id_of_[node] = std::move(id);
  }

  void set_id(const void* node, std::string id) { id_of_[node] = std::move(id); }

  std::string id_of(const void* node) const {
    auto it = id_of_.find(node);
    return it == id_of_.end() ? std::string() : it->second;
  }

  // Memoized, so that asking at every level of a deep tree stays linear.
  bool printable(const Block& b, int depth) {
    if (depth >= max_nesting) return true;  // printed flattened, see block()
    auto it = printable_.find(&b);
    if (it != printable_.end()) return it->second;
    bool result = false;
    switch (b.kind) {
      case Block::Kind::paragraph:
        result = !trim(b.number).empty() || !b.text.empty() || any_printable(b.children, depth + 1);
        break;
      case Block::Kind::list:
        result = std::any_of(b.items.begin(), b.items.end(),
                             [&](const ListItem& item) { return printable(item, depth + 1); });
        break;
      case Block::Kind::table:
        result =
            !b.table.header.empty() || std::any_of(b.table.rows.begin(), b.table.rows.end(),
                                                   [](const auto& row) { return !row.empty(); });
        break;
      case Block::Kind::quote:
        result = !b.text.empty() || any_printable(b.children, depth + 1);
        break;
      case Block::Kind::elision:
        result = true;
        break;
    }
    printable_.emplace(&b, result);
    return result;
  }

  bool printable(const ListItem& item, int depth) {
    return !trim(item.marker).empty() || !item.text.empty() || any_printable(item.children, depth);
  }

  bool any_printable(const std::vector<Block>& bs, int depth) {
    return std::any_of(bs.begin(), bs.end(), [&](const Block& b) { return printable(b, depth); });
  }

  void blocks(const std::vector<Block>& bs, int depth = 0) {
    if (depth >= max_nesting) return;
    for (const Block& b : bs) {
      if (!printable(b, depth)) continue;
      if (!b.anchor.empty()) claim(&b, b.anchor);
      for (const ListItem& item : b.items) {
        if (!printable(item, depth + 1)) continue;
        if (!item.anchor.empty()) claim(&item, item.anchor);
        blocks(item.children, depth + 1);
      }
      blocks(b.children, depth + 1);
    }
  }

  void sections(const std::vector<Section>& ss) {
    for (const Section& s : ss) {
      if (!s.anchor.empty()) claim(&s, s.anchor);
      blocks(s.blocks);
    }
  }

 private:
  std::unordered_map<const void*, std::string> id_of_;  // tree node -> id
  std::unordered_map<const Block*, bool> printable_;
};

// ---------------------------------------------------------------------------
// The style sheet. The face is the ITU house style (Calibri, 12 pt), with
// Carlito, its metric twin shipped by Debian, so that a page breaks where the
// Office original would; Arial-like faces are the fallback.

// src/render/html.css, embedded at build time by cmake/embed_file.cmake.
#include "html_css.inc"
const std::string_view style_sheet(reinterpret_cast<const char*>(k_html_css), sizeof k_html_css);
#include "html_paged_css.inc"
const std::string_view paged_style_sheet(reinterpret_cast<const char*>(k_html_paged_css),
                                         sizeof k_html_paged_css);
// src/render/html-record.css: the rules of a summary record's own parts.
#include "html_record_css.inc"
const std::string_view record_style_sheet(reinterpret_cast<const char*>(k_html_record_css),
                                          sizeof k_html_record_css);
// src/render/html-redline.css: the marks of a redline.
#include "html_redline_css.inc"
const std::string_view redline_style_sheet(reinterpret_cast<const char*>(k_html_redline_css),
                                           sizeof k_html_redline_css);
// src/render/html-contents.css: the table of contents and the preamble.
#include "html_contents_css.inc"
const std::string_view contents_style_sheet(reinterpret_cast<const char*>(k_html_contents_css),
                                            sizeof k_html_contents_css);

// ---------------------------------------------------------------------------
// The renderer

class HtmlRenderer : public detail::ReportParts {
 public:
  HtmlRenderer(const Report& report, const RenderOptions& opts, OutputSink& sink)
      : report_(report),
        sink_(sink),
        chunk_bytes_(opts.chunk_bytes),
        paged_(opts.paged_media),
        changes_(opts.changes) {
    plan_.blocks(report.summary);
    plan_.blocks(report.action);
    plan_.blocks(report.record.subjects);
    plan_.blocks(report.preamble);
    plan_.sections(report.sections);
    plan_.sections(report.annexes);
    for (const auto& fn : report.footnotes) {
      if (fn.anchor.empty()) {
        // Unreachable by references, but every footnote still gets an id.
        plan_.set_id(&fn, plan_.ids.unique("fn-" + std::string(trim(fn.number))));
        continue;
      }
      const std::string& id = plan_.claim(&fn, fn.anchor);
      if (!id.empty()) {
        plan_.footnote_target.emplace(fn.anchor, id);
        footnote_of_.emplace(id, &fn);
      }
    }
  }

  void render() {
    out_ += "<!DOCTYPE html>\n";
    out_ += "<html" + attr("lang", language()) +
            (detail::right_to_left(language()) ? std::string(" dir=\"rtl\"") : std::string()) +
            ">\n";
    out_ += "<head>\n";
    out_ += "<meta charset=\"utf-8\">\n";
    out_ += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out_ += "<title>" + esc(document_title()) + "</title>\n";
    out_ += "<style>";
    out_ += style_sheet;
    if (report_.kind == tree::DocumentKind::summary_record) out_ += record_style_sheet;
    if (!report_.contents.empty() || !report_.preamble.empty()) out_ += contents_style_sheet;
    if (paged_) out_ += paged_style_sheet;
    if (changes_) {
      out_ += redline_style_sheet;
      redline_words();
    }
    if (detail::right_to_left(language())) out_ += rtl_style_sheet;
    out_ += "</style>\n";
    out_ += "</head>\n";
    out_ += "<body>\n";
    open("<div class=\"page\">");
    legend();
    detail::walk_report(report_, *this);
    close("</div>");
    out_ += "</body>\n";
    out_ += "</html>\n";
    sink_.write(out_);
    out_.clear();
  }

  // --- the parts, in the order of detail::walk_report

  void cover_and_title(const Report&) override { cover(); }
  void begin_body() override { open("<main>"); }
  void end_body() override { close("</main>"); }
  void box(const Report&) override {
    summary_box();
    if (plan_.any_printable(report_.record.subjects, 0)) {
      open("<div class=\"subjects\">");
      blocks(report_.record.subjects);
      close("</div>");
    }
  }
  // A navigation landmark: one link a section, its number in a column of
  // its own.
  void contents(const Report& r) override {
    // A redline marks the table when it comes or goes with the version.
    const char* tag = open_mark(&r.contents);
    std::string heading_id = plan_.ids.unique("contents-heading");
    open("<nav class=\"contents\"" + attr("aria-labelledby", heading_id) + ">");
    line("<h2" + id_attr(heading_id) + ">" + esc(trim(r.words.contents)) + "</h2>");
    open("<ul>");
    for (const tree::ContentsEntry& e : r.contents) {
      std::string text;
      if (!trim(e.number).empty())
        text += "<span class=\"number\">" + esc(trim(e.number)) + "</span> ";
      text += "<span class=\"heading\">" + inlines(detail::contents_heading(e)) + "</span>";
      auto it = plan_.target.find(e.anchor);
      line("<li>" +
           (it == plan_.target.end()
                ? text
                : "<a href=\"#" + esc_href(it->second) + "\">" + text + "</a>") +
           "</li>");
    }
    close("</ul>");
    close("</nav>");
    close_mark(tag);
  }
  void preamble(const std::vector<Block>& bs) override {
    if (!plan_.any_printable(bs, 0)) return;
    open("<div class=\"preamble\">");
    blocks(bs);
    close("</div>");
  }
  void section(const Section& s, size_t index) override {
    const char* tag = open_mark(&s);
    section(s, "section-" + std::to_string(index + 1), false);
    close_mark(tag);
  }
  void annex(const Section& s, size_t index) override {
    const char* tag = open_mark(&s);
    section(s, "annex-" + std::to_string(index + 1), true);
    close_mark(tag);
  }
  void signature(const tree::Signature&) override { signature(); }
  void signatures(const std::vector<tree::Signature>& sigs) override {
    auto printed = [](const tree::Signature& s) {
      return !trim(s.name).empty() || !trim(s.role).empty();
    };
    if (std::none_of(sigs.begin(), sigs.end(), printed)) return;
    open("<div class=\"signatures\">");
    for (std::size_t k = 0; k < sigs.size(); ++k) {
      const tree::Signature& s = sigs[k];
      if (!printed(s)) continue;
      open("<div class=\"signature\">");
      std::string name = trim(s.name).empty()
                             ? std::string()
                             : "<p class=\"signature-name\">" +
                                   marked_text(signature_key(k + 1, "name"), trim(s.name)) + "</p>";
      std::string role = trim(s.role).empty()
                             ? std::string()
                             : "<p class=\"signature-role\">" +
                                   marked_text(signature_key(k + 1, "role"), trim(s.role)) + "</p>";
      for (const std::string* l :
           s.role_above ? std::array{&role, &name} : std::array{&name, &role})
        if (!l->empty()) line(*l);
      close("</div>");
    }
    close("</div>");
  }
  void footnotes(const std::vector<tree::Footnote>&) override { footnotes(); }

 private:
  // --- output with indentation

  void line(std::string_view text) {
    // Deep nesting should not turn indentation into most of the file.
    out_.append(static_cast<size_t>(std::min(depth_, 24)) * 2, ' ');
    out_ += text;
    out_ += '\n';
    if (out_.size() >= chunk_bytes_) {
      sink_.write(out_);
      out_.clear();
    }
  }
  void open(std::string_view tag) {
    line(tag);
    ++depth_;
  }
  void close(std::string_view tag) {
    --depth_;
    line(tag);
  }

  static std::string id_attr(const std::string& id) {
    return id.empty() ? std::string() : attr("id", id);
  }

  // --- a redline's marks (opts.changes): laid out, never decided here

  using Mark = ChangeMarks::Mark;

  Mark mark_of(const void* node) const { return changes_ ? changes_->of(node) : Mark::none; }

  // Opens the element a marked section or block stands in, with its note,
  // and returns the tag that closes it (nullptr: not marked).
  const char* open_mark(const void* node) {
    const char* close_tag = nullptr;
    switch (mark_of(node)) {
      case Mark::none:
        return nullptr;
      case Mark::inserted:
        open("<ins class=\"redline redline-block\">");
        close_tag = "</ins>";
        break;
      case Mark::deleted:
        open("<del class=\"redline redline-block\">");
        close_tag = "</del>";
        break;
      case Mark::moved:
        open("<div class=\"redline-block redline-moved\">");
        close_tag = "</div>";
        break;
    }
    auto note = changes_->notes.find(node);
    if (note != changes_->notes.end() && !note->second.empty())
      line("<p class=\"redline-note\"" + attr("lang", changes_->language) + ">" +
           esc(note->second) + "</p>");
    return close_tag;
  }
  void close_mark(const char* tag) {
    if (tag) close(tag);
  }

  // A plain text of the tree, or its runs when the redline changed it.
  std::string marked_text(const std::string& key, std::string_view text) const {
    if (changes_) {
      auto it = changes_->texts.find(key);
      if (it != changes_->texts.end()) return runs(it->second);
    }
    return esc(text);
  }

  static std::string runs(const std::vector<ChangeMarks::Run>& rs) {
    std::string out;
    for (const auto& r : rs) {
      if (r.mark == Mark::inserted)
        out += "<ins class=\"redline\">" + esc(r.text) + "</ins>";
      else if (r.mark == Mark::deleted)
        out += "<del class=\"redline\">" + esc(r.text) + "</del>";
      else
        detail::append_escaped_html(out, r.text);
    }
    return out;
  }

  // The words a screen reader hears around marked words, in the report's
  // language: generated content, which it reads and the page does not show.
  void redline_words() {
    auto rule = [&](const char* selector, const std::string& words, bool before) {
      if (words.empty()) return;
      out_ += "    ";
      out_ += selector;
      out_ += " {\n      content: \"";
      // As a CSS string: no quote, backslash or line break ends it, and no
      // "<" can close the style element.
      const std::string text = before ? " " + words + " " : words + " ";
      for (char c : text) {
        if (c == '"' || c == '\\' || c == '<' || c == '\n' || c == '\r' || c == '\f')
          out_ += fmt::format("\\{:x} ", static_cast<unsigned char>(c));
        else
          out_ += c;
      }
      out_ += "\";\n    }\n";
    };
    rule("ins.redline::before", changes_->inserted_words, true);
    rule("del.redline::before", changes_->deleted_words, true);
    rule("ins.redline::after,\n    del.redline::after", changes_->end_words, false);
  }

  void legend() {
    if (!changes_ || changes_->legend.empty()) return;
    open("<aside class=\"redline-legend\"" + attr("lang", changes_->language) + ">");
    line("<p>" + runs(changes_->legend) + "</p>");
    close("</aside>");
  }

  // --- head

  std::string language() const {
    std::string tag = detail::language_tag(report_.language);
    return tag.empty() ? "en" : tag;
  }

  std::string document_title() const {
    for (std::string_view t :
         {std::string_view(report_.short_title), std::string_view(report_.title)})
      if (!trim(t).empty()) return std::string(trim(t));
    for (const auto& f : report_.cover.right)
      if (f.name == "symbol" && !trim(f.value).empty()) return std::string(trim(f.value));
    return std::string(trim(report_.words.untitled));
  }

  // --- cover block and title

  static std::string field_class(std::string_view name) {
    std::string cls;
    for (char c : name) {
      c = ascii_lower(c);
      if (ascii_alpha(c) || ascii_digit(c))
        cls += c;
      else if ((c == '_' || c == '-') && !cls.empty() && cls.back() != '-')
        cls += '-';
    }
    while (!cls.empty() && cls.back() == '-') cls.pop_back();
    return cls.empty() ? cls : "cover-" + cls;
  }

  // A field is printed when it has a value, or is blank on purpose: a
  // draft's label alone ("Document", with no symbol yet).
  static bool printed(const tree::CoverField& f) { return !trim(f.value).empty() || f.blank; }
  static bool has_value(const std::vector<tree::CoverField>& fields) {
    return std::any_of(fields.begin(), fields.end(), printed);
  }

  void cover_column(const std::vector<tree::CoverField>& fields, std::string_view cls) {
    if (!has_value(fields)) return;
    open("<div class=\"" + std::string(cls) + "\">");
    for (const auto& f : fields) {
      if (!printed(f)) continue;
      std::string cls_name = field_class(f.name);
      std::string text;
      if (!trim(f.label).empty()) text = "<span class=\"label\">" + esc(trim(f.label)) + "</span>";
      // The value alone: print takes the symbol from it for the running header.
      if (!trim(f.value).empty())
        text += (text.empty() ? std::string() : f.gap) +
                ("<span class=\"value\">" + marked_text(f.name, trim(f.value)) + "</span>");
      line("<p" + (cls_name.empty() ? std::string() : attr("class", cls_name)) + ">" + text +
           "</p>");
    }
    close("</div>");
  }

  void cover() {
    const auto& c = report_.cover;
    bool fields = has_value(c.left) || has_value(c.right);
    bool source = !trim(c.source_line).empty();
    bool title = !trim(report_.title).empty();

    open("<header class=\"cover\">");
    if (fields) {
      open("<div class=\"cover-fields\">");
      cover_column(c.left, "cover-left");
      cover_column(c.right, "cover-right");
      close("</div>");
    }
    if (source)
      line("<p class=\"source\">" + marked_text("source_line", trim(c.source_line)) + "</p>");
    if (title)
      line("<h1>" + marked_text("title", trim(report_.title)) + "</h1>");
    else  // the page still needs its one top heading, if only for screen readers
      line("<h1 class=\"visually-hidden\">" + esc(document_title()) + "</h1>");
    if (!trim(report_.record.when).empty())
      line("<p class=\"record-when\">" + marked_text(kRecordWhen, trim(report_.record.when)) +
           "</p>");
    if (!trim(report_.record.chair).empty())
      line("<p class=\"record-chair\">" + marked_text(kRecordChair, trim(report_.record.chair)) +
           "</p>");
    close("</header>");
  }

  // --- summary box

  void summary_box() {
    bool summary = !report_.summary.empty();
    bool action = !report_.action.empty() || report_.blank_action;
    bool references = !report_.references.empty() || report_.blank_references;
    if (!summary && !action && !references) return;

    std::string label_id = plan_.ids.unique(summary  ? "summary-heading"
                                            : action ? "action-heading"
                                                     : "references-heading");
    open("<section class=\"summary-box\"" + attr("aria-labelledby", label_id) + ">");
    bool first = true;
    auto part = [&](std::string_view cls, std::string_view heading) {
      open("<div class=\"part " + std::string(cls) + "\">");
      line("<h2" + (first ? id_attr(label_id) : std::string()) + ">" + esc(trim(heading)) +
           "</h2>");
      first = false;
    };
    if (summary) {
      part("summary", report_.words.summary);
      blocks(report_.summary);
      close("</div>");
    }
    if (action) {
      part("action", report_.words.action_required);
      blocks(report_.action);
      close("</div>");
    }
    if (references) {
      part("references", report_.words.references);
      if (!report_.references.empty()) line("<p>" + inlines(report_.references) + "</p>");
      close("</div>");
    }
    close("</section>");
  }

  // --- sections

  void section(const Section& s, const std::string& fallback, bool annex) {
    std::string id = plan_.id_of(&s);
    std::string number = esc(trim(s.number));
    std::string heading = inlines(s.heading);
    std::string cls = annex ? "section annex" : "section";

    if (number.empty() && heading.empty()) {
      // Nothing to label it with: a plain grouping, not a landmark.
      open("<div" + id_attr(id) + attr("class", cls) + ">");
      blocks(s.blocks);
      close("</div>");
      return;
    }

    std::string heading_id = plan_.ids.unique((id.empty() ? fallback : id) + "-heading");
    open("<section" + id_attr(id) + attr("class", cls) + attr("aria-labelledby", heading_id) + ">");
    std::string h = "<h2" + id_attr(heading_id) + ">";
    if (!number.empty()) h += "<span class=\"number\">" + number + "</span>";
    if (!number.empty() && !heading.empty()) h += ' ';
    h += heading + "</h2>";
    line(h);
    blocks(s.blocks);
    close("</section>");
  }

  // --- blocks

  void blocks(const std::vector<Block>& bs, int depth = 0) {
    for (const Block& b : bs) block(b, depth);
  }

  void block(const Block& b, int depth) {
    if (!plan_.printable(b, depth)) return;
    const char* tag = open_mark(&b);
    marked_block(b, depth);
    close_mark(tag);
  }

  void marked_block(const Block& b, int depth) {
    if (depth >= max_nesting) {
      std::string text = esc(flatten(b));
      if (!text.empty()) line("<p>" + text + "</p>");
      return;
    }
    switch (b.kind) {
      case Block::Kind::paragraph:
        paragraph(b, depth);
        break;
      case Block::Kind::list:
        list(b, depth);
        break;
      case Block::Kind::table:
        table(b);
        break;
      case Block::Kind::quote:
        quote(b, depth);
        break;
      case Block::Kind::elision: {
        line("<p" + id_attr(plan_.id_of(&b)) + " class=\"elision\">[...]</p>");
        break;
      }
    }
  }

  void paragraph(const Block& b, int depth) {
    std::string id = plan_.id_of(&b);
    std::string number = esc(trim(b.number));
    std::string text = inlines(b.text);
    std::string inner;
    if (!number.empty()) inner = "<span class=\"number\">" + number + "</span>";
    if (!number.empty() && !text.empty()) inner += ' ';
    inner += text;
    std::string cls = number.empty() ? " class=\"para unnumbered\"" : " class=\"para\"";

    if (!plan_.any_printable(b.children, depth + 1)) {
      // Text that renders to nothing is kept only as the target of an anchor.
      if (!inner.empty() || !id.empty()) line("<p" + id_attr(id) + cls + ">" + inner + "</p>");
      return;
    }
    open("<div" + id_attr(id) + cls + ">");
    if (!inner.empty()) line("<p>" + inner + "</p>");
    blocks(b.children, depth + 1);
    close("</div>");
  }

  static bool ordered(ListStyle style) {
    return style == ListStyle::alpha || style == ListStyle::roman || style == ListStyle::number;
  }

  // The class of a list's style. It is prefixed so that no style's name can
  // be taken for another class of the style sheet: a bare "number" took the
  // rule of the hanging paragraph numbers.
  static std::string_view style_class(ListStyle style) {
    switch (style) {
      case ListStyle::bullet:
        return "list-bullet";
      case ListStyle::dash:
        return "list-dash";
      case ListStyle::alpha:
        return "list-alpha";
      case ListStyle::roman:
        return "list-roman";
      case ListStyle::number:
        return "list-number";
    }
    return "list-bullet";
  }

  void list(const Block& b, int depth) {
    // Ordered styles are <ol> so that assistive technology announces them
    // as such; either way the printed marker is the tree's, not the browser's.
    std::string tag = ordered(b.style) ? "ol" : "ul";
    open("<" + tag + id_attr(plan_.id_of(&b)) + " class=\"list " +
         std::string(style_class(b.style)) + "\">");
    for (const ListItem& item : b.items) {
      if (!plan_.printable(item, depth + 1)) continue;
      const Mark item_mark = mark_of(&item);
      std::string head = "<li" + id_attr(plan_.id_of(&item)) + ">";
      if (item_mark == Mark::inserted) head += "<ins class=\"redline redline-block\">";
      if (item_mark == Mark::deleted) head += "<del class=\"redline redline-block\">";
      const std::string end_item = item_mark == Mark::inserted  ? "</ins></li>"
                                   : item_mark == Mark::deleted ? "</del></li>"
                                                                : "</li>";
      std::string marker = esc(trim(item.marker));
      std::string text = inlines(item.text);
      if (!marker.empty()) head += "<span class=\"marker\">" + marker + "</span>";
      if (!marker.empty() && !text.empty()) head += ' ';
      head += text;
      if (!plan_.any_printable(item.children, depth + 1)) {
        line(head + end_item);
        continue;
      }
      open(head);
      blocks(item.children, depth + 1);
      close(end_item);
    }
    close("</" + tag + ">");
  }

  static std::string align_attr(const std::vector<Align>& align, size_t col) {
    if (col >= align.size()) return {};
    switch (align[col]) {
      case Align::none:
        return {};
      case Align::left:
        return " class=\"align-left\"";
      case Align::center:
        return " class=\"align-center\"";
      case Align::right:
        return " class=\"align-right\"";
    }
    return {};
  }

  void table(const Block& b) {
    const tree::Table& t = b.table;
    size_t columns = t.header.size();
    for (const auto& row : t.rows) columns = std::max(columns, row.size());

    std::vector<std::string> header;
    bool any_header = false;
    for (size_t c = 0; c < columns; ++c) {
      header.push_back(c < t.header.size() ? inlines(t.header[c]) : std::string());
      any_header = any_header || !header.back().empty();
    }

    open("<table" + id_attr(plan_.id_of(&b)) + ">");
    std::string caption = inlines(t.caption);
    if (!caption.empty()) line("<caption>" + caption + "</caption>");
    if (any_header) {
      open("<thead>");
      open("<tr>");
      for (size_t c = 0; c < columns; ++c)
        line("<th scope=\"col\"" + align_attr(t.align, c) + ">" + header[c] + "</th>");
      close("</tr>");
      close("</thead>");
    }
    if (!t.rows.empty()) {
      open("<tbody>");
      for (const auto& row : t.rows) {
        // A redline's row inserted or deleted whole: its cells' words are
        // marked, since <ins> and <del> cannot hold a row.
        const Mark mark = mark_of(&row);
        const bool marked = mark == Mark::inserted || mark == Mark::deleted;
        open("<tr>");
        // Short rows are padded so that every row has the table's width.
        for (size_t c = 0; c < columns; ++c) {
          std::string cell = c < row.size() ? inlines(row[c]) : "";
          if (marked && !cell.empty())
            cell =
                (mark == Mark::inserted ? "<ins class=\"redline\">" : "<del class=\"redline\">") +
                cell + (mark == Mark::inserted ? "</ins>" : "</del>");
          line("<td" + align_attr(t.align, c) + ">" + cell + "</td>");
        }
        close("</tr>");
      }
      close("</tbody>");
    }
    close("</table>");
  }

  void quote(const Block& b, int depth) {
    std::string id = plan_.id_of(&b);
    std::string attribution = inlines(b.text);
    if (attribution.empty()) {
      open("<blockquote" + id_attr(id) + " class=\"quote\">");
      blocks(b.children, depth + 1);
      close("</blockquote>");
      return;
    }
    open("<figure" + id_attr(id) + " class=\"quote\">");
    line("<figcaption>" + attribution + "</figcaption>");
    if (plan_.any_printable(b.children, depth + 1)) {
      open("<blockquote>");
      blocks(b.children, depth + 1);
      close("</blockquote>");
    }
    close("</figure>");
  }

  // --- inlines: appended to one string, so that deep nesting stays linear

  std::string inlines(const Inlines& xs) {
    std::string out;
    inlines(xs, false, 0, out);
    return out;
  }

  void inlines(const Inlines& xs, bool in_link, int depth, std::string& out) {
    for (const Inline& x : xs) inline_node(x, in_link, depth, out);
  }

  // Text in another language than the report's: a screen reader reads it
  // in its own language's voice, and where the two run in opposite
  // directions it is set in its own, isolated from the text around it.
  //
  // A browser isolates an element with `dir` (its style sheet gives it
  // `unicode-bidi: isolate`). WeasyPrint 57 implements no `unicode-bidi`:
  // it lays out each run of text between two tags by itself, in the
  // direction of the run's first strong letter, and orders the runs of a
  // line by the direction of their block. The runs beside an English span
  // in an Arabic report are then laid out left to right whenever they start
  // with a Latin letter or have none, with their colon or space on the
  // wrong side, and run into the span ("… InitiativeCWG-COP-14/2:" for
  // "CWG-COP-14/2: " before a title, "… for 20253" for "3 "). For
  // WeasyPrint (paged_), the runs around the span start with the mark of
  // the report's direction (U+200F in Arabic), and the span's text with
  // the mark of its own, so that each run is laid out as a browser lays it
  // out.
  void foreign(const Inline& x, bool in_link, int depth, std::string& out) {
    const std::string tag = detail::language_tag(x.text);
    if (tag.empty()) return inlines(x.children, in_link, depth + 1, out);
    std::string attributes = " lang=\"" + tag + "\"";
    const bool rtl = detail::right_to_left(tag);
    const bool opposite = rtl != detail::right_to_left(language());
    if (opposite) attributes += rtl ? " dir=\"rtl\"" : " dir=\"ltr\"";
    const size_t start = out.size();
    wrap("span", x, in_link, depth, out, attributes);
    if (!paged_ || !opposite || out.size() == start) return;
    constexpr std::string_view kLrm = "&#x200e;", kRlm = "&#x200f;";
    const std::string_view outside = rtl ? kLrm : kRlm, inside = rtl ? kRlm : kLrm;
    out.insert(out.size() - std::string_view("</span>").size(), inside);
    out.insert(out.find('>', start) + 1, inside);
    out.insert(start, outside);
    // The run before the span, from its start as far as `out` holds it.
    const size_t tag_end = start == 0 ? std::string::npos : out.rfind('>', start - 1);
    const size_t run = tag_end == std::string::npos ? 0 : tag_end + 1;
    if (run < start && out.compare(run, outside.size(), outside) != 0) out.insert(run, outside);
    out += outside;
  }

  // An element around the children's HTML, left out when that is empty.
  void wrap(std::string_view tag, const Inline& x, bool in_link, int depth, std::string& out,
            std::string_view attributes = {}) {
    size_t start = out.size();
    out += '<';
    out += tag;
    out += attributes;
    out += '>';
    size_t body = out.size();
    inlines(x.children, in_link, depth + 1, out);
    if (out.size() == body) {
      out.resize(start);
      return;
    }
    out += "</";
    out += tag;
    out += '>';
  }

  void inline_node(const Inline& x, bool in_link, int depth, std::string& out) {
    const Mark mark = mark_of(&x);
    if (mark != Mark::inserted && mark != Mark::deleted)
      return unmarked_inline(x, in_link, depth, out);
    const size_t start = out.size();
    out += mark == Mark::inserted ? "<ins class=\"redline\">" : "<del class=\"redline\">";
    const size_t body = out.size();
    unmarked_inline(x, in_link, depth, out);
    if (out.size() == body)
      out.resize(start);
    else
      out += mark == Mark::inserted ? "</ins>" : "</del>";
  }

  void unmarked_inline(const Inline& x, bool in_link, int depth, std::string& out) {
    if (depth >= max_nesting) {
      out += esc(flatten(std::span<const Inline>(&x, 1)));
      return;
    }
    switch (x.kind) {
      case Inline::Kind::text:
        detail::append_escaped_html(out, x.text);
        break;
      case Inline::Kind::code:
        if (!x.text.empty()) out += "<code>" + esc(x.text) + "</code>";
        break;
      case Inline::Kind::emph:
        wrap("em", x, in_link, depth, out);
        break;
      case Inline::Kind::strong:
        wrap("strong", x, in_link, depth, out);
        break;
      case Inline::Kind::strike:
        wrap("del", x, in_link, depth, out);
        break;
      case Inline::Kind::foreign:
        foreign(x, in_link, depth, out);
        break;
      case Inline::Kind::link:
        link(x, in_link, depth, out);
        break;
      case Inline::Kind::xref: {
        if (x.text.empty()) break;
        auto it = plan_.target.find(x.target);
        if (in_link || it == plan_.target.end())
          detail::append_escaped_html(out, x.text);
        else
          out += "<a href=\"#" + esc_href(it->second) + "\">" + esc(x.text) + "</a>";
        break;
      }
      case Inline::Kind::footnote_ref:
        footnote_ref(x, in_link, out);
        break;
      case Inline::Kind::softbreak:
        out += ' ';
        break;
      case Inline::Kind::linebreak:
        out += "<br>";
        break;
    }
  }

  void link(const Inline& x, bool in_link, int depth, std::string& out) {
    std::string_view url = trim(x.target);
    detail::UrlKind kind = detail::classify_url(x.target);
    bool as_link = !in_link && kind != detail::UrlKind::unsafe;
    size_t start = out.size();
    if (as_link) {
      out += "<a href=\"" + esc_href(url) + "\"";
      if (kind == detail::UrlKind::absolute) {
        // Printed copies show the address unless the text already is it.
        std::string shown(trim(flatten(x.children)));
        if (is_http(url) && !shown.empty() && shown != url) out += " class=\"ext\"";
        out += " rel=\"noopener noreferrer\"";
      }
      out += '>';
    }
    size_t body = out.size();
    // The children print as text inside: links never nest.
    inlines(x.children, true, depth + 1, out);
    if (out.size() == body) out += esc(url);
    if (out.size() == body) {
      out.resize(start);
      return;
    }
    if (as_link) out += "</a>";
  }

  void footnote_ref(const Inline& x, bool in_link, std::string& out) {
    std::string number = esc(trim(x.text));
    if (number.empty()) return;
    auto it = plan_.footnote_target.find(x.target);
    if (in_link || it == plan_.footnote_target.end()) {
      out += "<sup>" + number + "</sup>";
      return;
    }
    const std::string& fn_id = it->second;
    if (paged_ && !in_footnote_ && float_footnote(fn_id, out)) return;
    auto& refs = footnote_refs_[fn_id];
    // "fn-1" is referenced from "fnref-1", then "fnref-1-2", "fnref-1-3"...
    // skipping any taken by an anchor of the report.
    std::string base = fn_id.rfind("fn-", 0) == 0 ? "fnref-" + fn_id.substr(3) : "fnref-" + fn_id;
    std::string ref_id;
    for (size_t n = refs.size() + 1;; ++n) {
      ref_id = n == 1 ? base : base + "-" + std::to_string(n);
      if (plan_.ids.take(ref_id)) break;
    }
    refs.push_back(ref_id);
    out +=
        "<sup><a href=\"#" + esc_href(fn_id) + "\"" + id_attr(ref_id) + ">" + number + "</a></sup>";
  }

  // For a paged-media engine: the footnote's text at its first mark, which
  // the engine floats to the foot of the page and numbers with its footnote
  // counter, in the order of the marks. The report numbers footnotes in the
  // order of their first marks too, but a first mark inside a link's text
  // is only a number, so a footnote floats only while the two numbers
  // agree; the others are listed at the end. Returns whether it floated.
  bool float_footnote(const std::string& fn_id, std::string& out) {
    auto fn = footnote_of_.find(fn_id);
    if (fn == footnote_of_.end() || floated_.count(fn_id)) return false;
    if (trim(fn->second->number) != std::to_string(floated_.size() + 1)) return false;
    floated_.insert(fn_id);
    in_footnote_ = true;
    std::string text = inlines(fn->second->text);
    in_footnote_ = false;
    out += "<span class=\"footnote\"" + id_attr(fn_id) + ">" + text + "</span>";
    return true;
  }

  // --- end matter

  void signature() {
    std::string_view name = trim(report_.signature.name);
    std::string_view role = trim(report_.signature.role);
    if (name.empty() && role.empty()) return;
    open("<div class=\"signature\">");
    if (!name.empty())
      line("<p class=\"signature-name\">" + marked_text(signature_key(0, "name"), name) + "</p>");
    if (!role.empty())
      line("<p class=\"signature-role\">" + marked_text(signature_key(0, "role"), role) + "</p>");
    close("</div>");
  }

  void footnotes() {
    auto listed = [&](const tree::Footnote& fn) { return !floated_.count(plan_.id_of(&fn)); };
    if (std::none_of(report_.footnotes.begin(), report_.footnotes.end(), listed)) return;
    std::string heading_id = plan_.ids.unique("footnotes-heading");
    open("<footer>");
    open("<section class=\"footnotes\"" + attr("aria-labelledby", heading_id) + ">");
    line("<h2" + id_attr(heading_id) + " class=\"visually-hidden\">" +
         esc(trim(report_.words.footnotes)) + "</h2>");
    open("<ol class=\"footnote-list\">");
    for (const auto& fn : report_.footnotes) {
      if (!listed(fn)) continue;
      std::string id = plan_.id_of(&fn);
      std::string number = esc(trim(fn.number));
      std::string text = inlines(fn.text);
      std::string li = "<li" + id_attr(id) + ">";
      if (!number.empty()) li += "<span class=\"marker\">" + number + "</span>";
      if (!number.empty() && !text.empty()) li += ' ';
      li += text;
      auto refs = footnote_refs_.find(id);
      if (!id.empty() && refs != footnote_refs_.end()) {
        for (size_t i = 0; i < refs->second.size(); ++i) {
          std::string n(trim(fn.number));
          std::string label = i == 0
                                  ? fmt::format(fmt::runtime(report_.words.back_to_reference),
                                                fmt::arg("number", n))
                                  : fmt::format(fmt::runtime(report_.words.back_to_reference_use),
                                                fmt::arg("number", n), fmt::arg("use", i + 1));
          li += " <a href=\"#" + esc_href(refs->second[i]) + "\" class=\"backref\"" +
                attr("aria-label", label) + ">\xE2\x86\xA9\xEF\xB8\x8E";
          if (i > 0) li += "<sup>" + std::to_string(i + 1) + "</sup>";
          li += "</a>";
        }
      }
      line(li + "</li>");
    }
    close("</ol>");
    close("</section>");
    close("</footer>");
  }

  const Report& report_;
  Plan plan_;
  // Footnote id -> the ids of its references, in order, for the back-links.
  std::unordered_map<std::string, std::vector<std::string>> footnote_refs_;
  // For paged media: footnote id -> footnote, and those floated at a mark.
  std::unordered_map<std::string, const tree::Footnote*> footnote_of_;
  std::unordered_set<std::string> floated_;
  bool in_footnote_ = false;  // rendering a floated footnote's text
  OutputSink& sink_;
  std::size_t chunk_bytes_;
  bool paged_;
  const ChangeMarks* changes_;  // a redline's marks, or none
  std::string out_;             // not yet passed to the sink
  int depth_ = 0;
};

}  // namespace

void render_html(const tree::Report& report, const RenderOptions& opts, OutputSink& out) {
  HtmlRenderer(report, opts, out).render();
}

}  // namespace cwg
