// The Markdown report, as GitHub would show it, and the HTML report must say
// the same thing: both are rendered, reduced to the words a reader sees, and
// compared word for word.
//
// The Markdown goes through cmark-gfm with GitHub's extensions and footnotes
// and comes out as HTML. Both documents then lose their tags, have their
// character references decoded, and are split into words at ASCII
// whitespace (a no-break space stays inside its word). Left out, because
// they legitimately differ or are not seen:
//  - <head>, <style> and <script>: the document's title and style sheet,
//    which Markdown has no place for;
//  - elements of class "visually-hidden" in cwgreport's HTML (the
//    "Footnotes" heading, the title when there is none): for screen readers,
//    not seen;
//  - footnote back-links, cwgreport's "backref" and cmark-gfm's
//    "footnote-backref": arrows (↩︎ against ↩) that are not report text;
//  - the markers of bullet and dash lists in cwgreport's HTML ("·", "–"):
//    a Markdown "-" item gets the bullet that GitHub draws. Lettered, roman
//    and numbered lists print their markers as text in both;
//  - the numbers of cwgreport's footnote list: cmark-gfm numbers the
//    footnotes with its <ol>'s own counter, which is not text;
//  - a word of a heading that is only an em dash, in both: the Markdown
//    joins an annex's number and title with one ("Annex 1 — Agenda"), where
//    the HTML sets them on two lines.
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "cwgreport/compile.h"
#include "cwgreport/diagnostic.h"
#include "cwgreport/render.h"
#include "render/tree_builders.h"

// After the C++ headers: houdini.h defines `likely` and `unlikely` as macros.
#include <cmark-gfm/buffer.h>
#include <cmark-gfm/houdini.h>
#undef likely
#undef unlikely

namespace {

namespace fs = std::filesystem;
using namespace cwg;
using namespace cwg::tree;
using namespace cwg::test;

// ---------------------------------------------------------------------------
// Markdown to HTML, as GitHub does it

std::string github_html(const std::string& markdown) {
  cmark_gfm_core_extensions_ensure_registered();
  // Raw HTML is kept, as GitHub keeps (and then sanitizes) the <a id> anchors.
  const int options = CMARK_OPT_FOOTNOTES | CMARK_OPT_UNSAFE;
  cmark_parser* parser = cmark_parser_new(options);
  for (const char* name : {"table", "strikethrough", "autolink", "tagfilter", "tasklist"}) {
    cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(name));
  }
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  cmark_node* doc = cmark_parser_finish(parser);
  char* html = cmark_render_html(doc, options, cmark_parser_get_syntax_extensions(parser));
  std::string out = html;
  cmark_get_default_mem_allocator()->free(html);
  cmark_node_free(doc);
  cmark_parser_free(parser);
  return out;
}

// ---------------------------------------------------------------------------
// The words a reader sees in an HTML document

enum class Source {
  cwgreport,  // cwgreport's own HTML output
  github,     // cmark-gfm's rendering of the Markdown output
};

std::string decode_references(std::string_view text) {
  cmark_strbuf buf;
  cmark_strbuf_init(cmark_get_default_mem_allocator(), &buf, 0);
  std::string out(text);
  if (houdini_unescape_html(&buf, reinterpret_cast<const uint8_t*>(text.data()),
                            static_cast<bufsize_t>(text.size())) != 0) {
    out.assign(reinterpret_cast<const char*>(buf.ptr), static_cast<size_t>(buf.size));
  }
  cmark_strbuf_free(&buf);
  return out;
}

bool ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower(std::string_view s) {
  std::string out;
  for (char c : s) out += lower(c);
  return out;
}

// The classes of a tag's attribute text.
std::vector<std::string> classes(std::string_view attributes) {
  std::vector<std::string> out;
  size_t at = attributes.find("class=\"");
  if (at == std::string_view::npos) return out;
  std::string_view value = attributes.substr(at + 7);
  value = value.substr(0, value.find('"'));
  std::istringstream words{std::string(value)};
  for (std::string w; words >> w;) out.push_back(w);
  return out;
}

bool has(const std::vector<std::string>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

bool inline_element(std::string_view name) {
  for (std::string_view n : {"a", "span", "em", "strong", "del", "s", "code", "sup", "sub", "b",
                             "i", "small", "mark", "ins", "abbr", "kbd", "q"})
    if (name == n) return true;
  return false;
}

bool void_element(std::string_view name) {
  for (std::string_view n : {"br", "hr", "img", "input", "meta", "link", "wbr", "col", "area",
                             "base", "source", "embed", "track"})
    if (name == n) return true;
  return false;
}

bool heading_element(std::string_view name) {
  return name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6';
}

// Whether an element and everything in it is left out (see the top of the
// file); `list` is the classes of the nearest enclosing <ul> or <ol>.
bool excluded(Source from, std::string_view name, const std::vector<std::string>& cls,
              const std::vector<std::string>& list) {
  if (name == "head" || name == "style" || name == "script" || name == "title") return true;
  if (from == Source::github) return name == "a" && has(cls, "footnote-backref");
  if (has(cls, "visually-hidden") || has(cls, "backref")) return true;
  if (name == "span" && has(cls, "marker")) {
    return has(list, "list-bullet") || has(list, "list-dash") || has(list, "footnote-list");
  }
  return false;
}

std::vector<std::string> visible_words(std::string_view html, Source from) {
  struct Open {
    std::string name;
    bool skip;
    bool heading;
    std::vector<std::string> list;  // classes of the nearest <ul>/<ol>
  };
  std::vector<Open> stack{{"", false, false, {}}};
  std::vector<std::string> words;
  std::string word;
  auto end_word = [&] {
    // An em dash alone is the Markdown's separator in annex headings.
    if (!word.empty() && !(stack.back().heading && word == "\xE2\x80\x94")) words.push_back(word);
    word.clear();
  };
  auto add_text = [&](std::string_view raw) {
    if (stack.back().skip) return;
    for (char c : decode_references(raw)) {
      if (ascii_space(c))
        end_word();
      else
        word += c;
    }
  };

  size_t i = 0;
  while (i < html.size()) {
    size_t lt = html.find('<', i);
    add_text(html.substr(i, lt == std::string_view::npos ? std::string_view::npos : lt - i));
    if (lt == std::string_view::npos) break;
    if (html.compare(lt, 4, "<!--") == 0) {  // a comment
      size_t end = html.find("-->", lt + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    // The tag runs to the first '>' outside a quoted attribute value.
    size_t end = lt + 1;
    char quote = 0;
    for (; end < html.size(); ++end) {
      char c = html[end];
      if (quote != 0) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        break;
      }
    }
    std::string_view tag = html.substr(lt + 1, end - lt - 1);
    i = end < html.size() ? end + 1 : html.size();
    if (tag.empty() || tag[0] == '!' || tag[0] == '?') continue;  // doctype
    bool closing = tag[0] == '/';
    if (closing) tag.remove_prefix(1);
    size_t name_end = 0;
    while (name_end < tag.size() && !ascii_space(tag[name_end]) && tag[name_end] != '/') ++name_end;
    std::string name = lower(tag.substr(0, name_end));
    std::string_view attributes = tag.substr(name_end);

    // Every element but the inline ones separates words.
    if (!inline_element(name)) end_word();
    if (closing) {
      auto open = std::find_if(stack.rbegin(), stack.rend() - 1,
                               [&](const Open& o) { return o.name == name; });
      if (open != stack.rend() - 1) stack.erase(std::next(open).base(), stack.end());
      continue;
    }
    if (void_element(name) || (!attributes.empty() && attributes.back() == '/')) continue;
    const Open& parent = stack.back();
    std::vector<std::string> cls = classes(attributes);
    Open open{name, parent.skip || excluded(from, name, cls, parent.list),
              parent.heading || heading_element(name), parent.list};
    if (name == "ul" || name == "ol") open.list = cls;
    // The text of raw-text elements is not markup: skip to their end tag.
    if (name == "style" || name == "script" || name == "title") {
      size_t close = lower(html.substr(i)).find("</" + name);
      i = close == std::string::npos ? html.size() : i + close;
    }
    stack.push_back(std::move(open));
  }
  end_word();
  return words;
}

// ---------------------------------------------------------------------------
// Comparison

std::string join(const std::vector<std::string>& words, size_t from, size_t to) {
  std::string out;
  for (size_t k = from; k < std::min(to, words.size()); ++k) {
    if (!out.empty()) out += ' ';
    out += words[k];
  }
  return out;
}

// Empty when the two agree; otherwise where they first part, with context.
std::string difference(const std::vector<std::string>& markdown,
                       const std::vector<std::string>& html) {
  size_t n = 0;
  while (n < markdown.size() && n < html.size() && markdown[n] == html[n]) ++n;
  if (n == markdown.size() && n == html.size()) return {};
  size_t from = n < 8 ? 0 : n - 8;
  std::ostringstream s;
  s << "the texts part at word " << n + 1 << " (Markdown has " << markdown.size() << " words, HTML "
    << html.size() << ")\n"
    << "  before:   " << join(html, from, n) << "\n"
    << "  Markdown: " << join(markdown, n, n + 12) << "\n"
    << "  HTML:     " << join(html, n, n + 12);
  return s.str();
}

struct Texts {
  std::vector<std::string> markdown;
  std::vector<std::string> html;
};

Texts texts_of(const Report& report) {
  RenderOptions opts;
  return {visible_words(github_html(render_markdown(report, opts)), Source::github),
          visible_words(render_html(report, opts), Source::cwgreport)};
}

// ---------------------------------------------------------------------------
// A report tree with every kind of block and inline

Report every_construct() {
  Report r = report();
  r.short_title = "Test report";
  r.cover.left = {{"session", "", "Council 2020"}, {"place_dates", "", "Geneva, 9-19 June 2020"}};
  r.cover.right = {{"agenda_item", "Agenda item:", "PL 1.5"},
                   {"symbol", "Document", "C20/57-E"},
                   {"original", "Original:", "English"}};
  r.cover.source_line = "Report by the Chair of the Council Working Group";
  r.title = "OUTCOME OF THE 14TH MEETING";
  r.summary = {para("", t("This report summarizes the main results."))};
  r.action = {para("", {txt("The Council is invited to note paragraph "),
                        node(Inline::Kind::xref, "2.1", "p-2-1"), txt(".")})};
  r.references = t("Resolution 179 (Rev. Busan, 2014); Council Resolution 1306");

  Inlines styled = {txt("Plain, "),
                    node(Inline::Kind::emph, {}, {}, t("emphasis")),
                    txt(", "),
                    node(Inline::Kind::strong, {}, {}, t("strong")),
                    txt(", "),
                    node(Inline::Kind::strike, {}, {}, t("struck out")),
                    txt(", "),
                    node(Inline::Kind::code, "code_span()"),
                    txt(" and a "),
                    node(Inline::Kind::link, {}, "https://www.itu.int/en/council/", t("link")),
                    txt(" to "),
                    node(Inline::Kind::link, {}, "https://www.itu.int/"),
                    txt(", "),
                    node(Inline::Kind::link, {}, "https://www.itu.int/",
                         {txt("a linked note"), node(Inline::Kind::footnote_ref, "1", "fn-1")}),
                    txt("."),
                    node(Inline::Kind::footnote_ref, "1", "fn-1")};
  Inlines awkward = {txt("Characters Markdown would read: *stars*, _under_, #hash, a|pipe, "
                         "<b>tag</b>, &amp; entity, back\\slash, ~~tildes~~, [brackets], "
                         "snake_case, 100% and 12. at the start of no line"),
                     node(Inline::Kind::linebreak),
                     txt("1. after a hard break"),
                     node(Inline::Kind::softbreak),
                     txt("- after a soft break; www.itu.int and https://www.itu.int/x_y/."),
                     node(Inline::Kind::footnote_ref, "1", "fn-1")};
  Block nested = list(ListStyle::roman, {item("i)", t("first detail")), item("ii)", t("second"))});
  Block lettered =
      list(ListStyle::alpha, {item("a)", t("first point"), {nested}),
                              item("b)", t("second"), {para("", t("A further paragraph."))})});
  Block dashes = list(ListStyle::dash, {item("\xE2\x80\x93", t("a dash item"))});
  Block bullets = list(ListStyle::bullet, {item("\xC2\xB7", t("CWG-COP-14/2:\xC2\xA0Update"))});
  Block numbers = list(ListStyle::number, {item("1)", t("one")), item("12)", t("twelve"))});

  Block table;
  table.kind = Block::Kind::table;
  table.table.caption = t("Subjects and documents");
  table.table.align = {Align::left, Align::center, Align::right};
  table.table.header = {t("Subject"), t("Documents"), t("Count")};
  table.table.rows = {{t("Opening | adoption"), {node(Inline::Kind::code, "a|b")}, t("1")},
                      {t("Contributions"), t("CWG-COP-14/3 to 14/13"), t("10")}};

  Block quote;
  quote.kind = Block::Kind::quote;
  quote.text = {node(Inline::Kind::emph, {}, {}, t("Resolution 179 (Rev. Busan, 2014)")),
                txt(", instructs the Secretary-General")};
  Block elision;
  elision.kind = Block::Kind::elision;
  quote.children = {para("1", t("to continue the initiative;")), elision,
                    para("3", t("to report to the Council."))};

  Block unattributed;
  unattributed.kind = Block::Kind::quote;
  unattributed.children = {para("", t("An excerpt without attribution."))};

  r.sections.push_back(
      section("1", t("Introduction"), {para("", styled), para("1.1", awkward)}, "introduction"));
  r.sections.push_back(section(
      "2", {txt("Discussions of "), node(Inline::Kind::code, "C20/57")},
      {para("2.1", t("The meeting agreed:"), {lettered, numbers}, "p-2-1"),
       para("2.2", t("Documents:"), {bullets, dashes, table}),
       para("2.3", t("The resolution reads:"), {quote}),
       para("2.4",
            {txt("See "), node(Inline::Kind::xref, "2.1", "p-2-1"), txt(" and "),
             node(Inline::Kind::xref, "Annex 1", "annex-1"), txt(", not "),
             node(Inline::Kind::link, {}, "javascript:alert(1)", t("a script")), txt(" nor "),
             node(Inline::Kind::link, {}, "other.html#x", t("a page")), txt(".")},
            {unattributed})},
      "discussions"));
  r.signature = {"Ibrahim Al Dabal (UAE)", "Chair, CWG-COP"};
  r.annexes.push_back(section("Annex 1", t("List of participants"),
                              {para("", t("Argentina, Brazil, Côte d’Ivoire"))}, "annex-1"));
  r.footnotes = {
      {"1",
       "fn-1",
       {txt("Both physically and "), node(Inline::Kind::emph, {}, {}, t("remotely")), txt(".")}}};
  return r;
}

std::vector<std::string> example_names() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(fs::path(CWG_SOURCE_DIR) / "examples")) {
    if (fs::is_regular_file(e.path() / "report.yaml")) names.push_back(e.path().filename());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE("md/html text: every example shows the same words on GitHub as in the HTML",
          "[md-html]") {
  std::vector<std::string> names = example_names();
  REQUIRE(names.size() >= 3);
  for (const std::string& name : names) {
    DYNAMIC_SECTION(name) {
      Diagnostics diags;
      auto report = compile((fs::path(CWG_SOURCE_DIR) / "examples" / name).string(), diags);
      if (!report)
        FAIL("examples/" << name << " does not compile:\n" << format_diagnostics(diags, {}));
      Texts texts = texts_of(*report);
      // Not vacuous: a whole document's worth of words on both sides (the
      // shortest example, a chair's report of one page, has about 200).
      CHECK(texts.html.size() > 150);
      std::string diff = difference(texts.markdown, texts.html);
      INFO(diff);
      CHECK(diff.empty());
    }
  }
}

TEST_CASE("md/html text: every kind of block and inline reads the same in both", "[md-html]") {
  Texts texts = texts_of(every_construct());
  std::string diff = difference(texts.markdown, texts.html);
  INFO(diff);
  CHECK(diff.empty());
  // Spot checks that the words are the report's, escapes and all.
  std::string all = join(texts.html, 0, texts.html.size());
  CHECK(all.find("*stars*, _under_, #hash, a|pipe, <b>tag</b>, &amp; entity, back\\slash, "
                 "~~tildes~~, [brackets], snake_case") != std::string::npos);
  CHECK(all.find("1. after a hard break - after a soft break;") != std::string::npos);
  CHECK(all.find("link to https://www.itu.int/, a linked note1.1") != std::string::npos);
  CHECK(all.find("Annex 1 List of participants Argentina") != std::string::npos);
}

TEST_CASE("md/html text: what the comparison leaves out", "[md-html]") {
  CHECK(visible_words("<head><title>T</title><style>a::after { content: \"<x>\" }</style></head>"
                      "<p>one<br>two <em>th</em>ree &amp; &#8212;&nbsp;x</p><!-- c -->",
                      Source::cwgreport) ==
        std::vector<std::string>{"one", "two", "three", "&", "\xE2\x80\x94\xC2\xA0x"});
  // Bullet and dash markers, footnote numbers, back-links and hidden text.
  CHECK(
      visible_words("<ul class=\"list list-bullet\"><li><span class=\"marker\">·</span> a</li></ul>"
                    "<ol class=\"list list-alpha\"><li><span class=\"marker\">a)</span> b</li></ol>"
                    "<h2 class=\"visually-hidden\">Footnotes</h2>"
                    "<ol class=\"footnote-list\"><li id=\"fn-1\"><span class=\"marker\">1</span>"
                    " Note. <a href=\"#fnref-1\" class=\"backref\">↩︎</a></li></ol>",
                    Source::cwgreport) == std::vector<std::string>{"a", "a)", "b", "Note."});
  CHECK(visible_words("<li id=\"fn-1\"><p>Note. <a href=\"#fnref-1\" class=\"footnote-backref\">"
                      "↩<sup>2</sup></a></p></li><h2>Annex 1 — Agenda</h2><p>a — b</p>",
                      Source::github) ==
        std::vector<std::string>{"Note.", "Annex", "1", "Agenda", "a", "\xE2\x80\x94", "b"});
}
