// Tests of the Markdown renderer: the layout GitHub shows, and a round trip
// of hostile text through cmark-gfm's parser that must give the text back.
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <catch2/catch.hpp>
#include <functional>
#include <memory>
#include <random>
#include <string>

#include "cwgreport/render.h"
#include "render/tree_builders.h"

namespace {

using namespace cwg;
using namespace cwg::tree;
using namespace cwg::test;

std::string md(const Report& r) { return render_markdown(r, RenderOptions{}); }

// Parsing as GitHub does: cmark-gfm with its table, strikethrough and
// autolink extensions, and footnotes.
struct NodeFree {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
using Document = std::unique_ptr<cmark_node, NodeFree>;

Document parse(const std::string& markdown) {
  cmark_gfm_core_extensions_ensure_registered();
  cmark_parser* parser = cmark_parser_new(CMARK_OPT_FOOTNOTES);
  for (const char* name : {"table", "strikethrough", "autolink"}) {
    cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(name));
  }
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  Document doc(cmark_parser_finish(parser));
  cmark_parser_free(parser);
  return doc;
}

// The text a reader sees: literal text and code, a line break for a break,
// nothing for raw HTML (the anchors).
std::string visible(cmark_node* n) {
  std::string out;
  for (cmark_node* c = cmark_node_first_child(n); c != nullptr; c = cmark_node_next(c)) {
    switch (cmark_node_get_type(c)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        out += cmark_node_get_literal(c);
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        out += '\n';
        break;
      case CMARK_NODE_HTML_INLINE:
        break;
      default:
        out += visible(c);
    }
  }
  return out;
}

std::string type_name(cmark_node* n) { return cmark_node_get_type_string(n); }

int count_children(cmark_node* n) {
  int count = 0;
  for (cmark_node* c = cmark_node_first_child(n); c != nullptr; c = cmark_node_next(c)) ++count;
  return count;
}

// Follows first children: path {0, 1} is the second child of the first child.
cmark_node* child_at(cmark_node* n, std::initializer_list<int> path) {
  for (int index : path) {
    n = cmark_node_first_child(n);
    for (int i = 0; i < index && n != nullptr; ++i) n = cmark_node_next(n);
    if (n == nullptr) return nullptr;
  }
  return n;
}

int count_type(cmark_node* n, cmark_node_type type) {
  int count = cmark_node_get_type(n) == type ? 1 : 0;
  for (cmark_node* c = cmark_node_first_child(n); c != nullptr; c = cmark_node_next(c)) {
    count += count_type(c, type);
  }
  return count;
}

std::string without_newlines(std::string s) {
  for (char& c : s) {
    if (c == '\n') c = ' ';
  }
  return s;
}

// Text that looks like Markdown, and must not act like it.
const std::vector<std::string> hostile = {
    "*not emphasis* and _not this_ nor **this** or __that__",
    "[not a link](http://example.org) ![no image](x.png) [ref] [^1]",
    "<b>not html</b> <!-- not a comment --> <http://not.an.autolink> <x@y.z>",
    "# not a heading",
    "## not a heading either #",
    "- not a list",
    "+ nor this",
    "* nor this",
    "1. not an ordered list",
    "12) nor this",
    "2018. A year",
    "> not a quote",
    "    not code",
    "\tnot code either",
    "```not a fence```",
    "~~~",
    "~~not struck~~ ~nor this~",
    "| not | a | table |",
    ":---",
    "=== not a setext underline",
    "---",
    "***",
    "___",
    "&amp; &#38; &#x26; R&D &copy &;",
    "back\\slash \\* \\\\ and a final backslash\\",
    "trailing spaces  ",
    "{braces} $x^2$ costs 100$",
    "[^1]: not a footnote definition",
    "[label]: /not-a-definition",
    "https://www.itu.int/a_b_c www.itu.int and snake_case_name __init__ _x_",
    "see https://x.org/a*b*<c> ftp://y.org/[z] (www.itu.int/*x*) WWW.ITU.INT/~a~ x@y.org\\*",
    "x*(a)* and a*b*c",
    "<a id=\"x\"></a>",
    "`code` and ``double`` ticks",
    "r\u00E9sum\u00E9 \u2014 \u65E5\u672C\u8A9E \u2460 \u00A0nbsp",
    "!",
    "\\",
    "a|b",
    " ",
    "  ",
};

}  // namespace

TEST_CASE("markdown: the report's layout", "[markdown]") {
  Report r = report();
  r.cover.left = {{"session", "", "Council 2020"}};
  r.cover.right = {{"agenda_item", "Agenda item:", "PL 1.5"}};
  r.cover.source_line =
      "Report by the Chair of the Council Working Group on Child Online Protection";
  r.title = "OUTCOME OF THE 14TH MEETING";
  r.summary = {para("", t("This report summarizes the main results."))};
  r.action = {para("", {txt("The Council is invited to take note of the report (see "),
                        node(Inline::Kind::xref, "7.1", "para-7-1"), txt(").")})};
  r.references = t("Resolution 179 (Rev. Busan, 2014), Council Resolution 1306");
  r.sections.push_back(section("1", t("Introduction"),
                               {para("1.1",
                                     {txt("The 14th meeting was held on 23\u00A0January 2018."),
                                      node(Inline::Kind::footnote_ref, "1", "fn-1")},
                                     {}, "para-1-1")},
                               "sec-1"));
  r.sections.push_back(
      section("4", t("Information reports"),
              {para("4.1", t("The following documents were presented:"),
                    {list(ListStyle::bullet,
                          {item("·", t("CWG-COP-14/2:\u00A0Update on the ITU COP Initiative")),
                           item("·", t("CWG-COP-14/10:\u00A0Contribution from BDT"))})})}));
  r.annexes.push_back(
      section("Annex 1", t("List of participants"), {para("", t("Argentina"))}, "annex-1"));
  r.footnotes = {{"1", "fn-1", t("Both physically and remotely.")}};
  r.signature = {"Ibrahim Al Dabal (UAE)", "Chair, CWG-COP"};

  CHECK(md(r) ==
        "Council 2020\\\n"
        "Agenda item: PL 1.5\n"
        "\n"
        "Report by the Chair of the Council Working Group on Child Online Protection\n"
        "\n"
        "# OUTCOME OF THE 14TH MEETING\n"
        "\n"
        "## Summary\n"
        "\n"
        "This report summarizes the main results.\n"
        "\n"
        "## Action required\n"
        "\n"
        "The Council is invited to take note of the report (see [7.1](#para-7-1)).\n"
        "\n"
        "***\n"
        "\n"
        "## References\n"
        "\n"
        "Resolution 179 (Rev. Busan, 2014), Council Resolution 1306\n"
        "\n"
        "<a id=\"sec-1\"></a>\n"
        "\n"
        "## 1 Introduction\n"
        "\n"
        "<a id=\"para-1-1\"></a>\n"
        "\n"
        "**1.1** The 14th meeting was held on 23\u00A0January 2018.[^1]\n"
        "\n"
        "## 4 Information reports\n"
        "\n"
        "**4.1** The following documents were presented:\n"
        "\n"
        "- CWG-COP-14/2:\u00A0Update on the ITU COP Initiative\n"
        "- CWG-COP-14/10:\u00A0Contribution from BDT\n"
        "\n"
        "Ibrahim Al Dabal (UAE)\\\n"
        "Chair, CWG-COP\n"
        "\n"
        "<a id=\"annex-1\"></a>\n"
        "\n"
        "## Annex 1 \u2014 List of participants\n"
        "\n"
        "Argentina\n"
        "\n"
        "[^1]: Both physically and remotely.\n");
}

TEST_CASE("markdown: the layout parses into the intended structure", "[markdown]") {
  Report r = report();
  r.title = "TITLE";
  r.summary = {para("", t("Summary text."))};
  r.sections.push_back(section(
      "1", t("Introduction"),
      {para("1.1", {txt("Text"), node(Inline::Kind::footnote_ref, "1", "fn-1")}, {}, "p-1-1"),
       para("1.2", {txt("See "), node(Inline::Kind::xref, "1.1", "p-1-1")})},
      "sec-1"));
  r.footnotes = {{"1", "fn-1", t("Note.")}};
  r.signature = {"Name", "Role"};
  Document doc = parse(md(r));
  CHECK(count_type(doc.get(), CMARK_NODE_HEADING) == 3);
  CHECK(count_type(doc.get(), CMARK_NODE_LINK) == 1);
  CHECK(count_type(doc.get(), CMARK_NODE_FOOTNOTE_REFERENCE) == 1);
  CHECK(count_type(doc.get(), CMARK_NODE_FOOTNOTE_DEFINITION) == 1);
  CHECK(count_type(doc.get(), CMARK_NODE_LINEBREAK) == 1);
  CHECK(count_type(doc.get(), CMARK_NODE_THEMATIC_BREAK) == 0);
  cmark_node* link = child_at(doc.get(), {7, 2});
  REQUIRE(link != nullptr);
  CHECK(type_name(link) == "link");
  CHECK(std::string(cmark_node_get_url(link)) == "#p-1-1");
}

TEST_CASE("markdown: lists keep their computed markers", "[markdown]") {
  Block inner = list(ListStyle::roman, {item("i)", t("first detail")), item("ii)", t("second"))});
  Block outer = list(ListStyle::alpha,
                     {item("a)", t("first point"), {inner}), item("b)", t("second point"))});
  Block numbers = list(ListStyle::number, {item("1)", t("one")), item("12)", t("twelve"))});
  Block dashes = list(ListStyle::dash, {item("–", t("a dash item"))});
  Report r =
      body({para("5.1", t("The meeting agreed:"), {outer, numbers}), para("", {}, {dashes})});
  CHECK(md(r) ==
        "**5.1** The meeting agreed:\n"
        "\n"
        "- a) first point\n"
        "  - i) first detail\n"
        "  - ii) second\n"
        "- b) second point\n"
        "\n"
        "* 1\\) one\n"
        "* 12\\) twelve\n"
        "\n"
        "- a dash item\n");
  Document doc = parse(md(r));
  CHECK(count_type(doc.get(), CMARK_NODE_LIST) == 4);
  CHECK(visible(child_at(doc.get(), {2, 0})) == "1) one");
  CHECK(visible(child_at(doc.get(), {1, 0, 1, 1})) == "ii) second");
}

TEST_CASE("markdown: list items with anchors and paragraphs", "[markdown]") {
  ListItem first = item("a)", t("first"), {para("", t("more about it"))});
  first.anchor = "item-a";
  Report r = body({list(ListStyle::alpha, {first, item("b)", t("second"))})});
  CHECK(md(r) ==
        "- <a id=\"item-a\"></a>a) first\n"
        "\n"
        "  more about it\n"
        "\n"
        "- b) second\n");
}

TEST_CASE("markdown: quotes with their own numbering and elisions", "[markdown]") {
  Block elision;
  elision.kind = Block::Kind::elision;
  Block q = quote(t("Resolution 179 (Rev. Busan, 2014) resolves:"),
                  {para("1", t("to continue the COP initiative;")), elision,
                   para("1.1", t("to take children's views into account."))});
  Report r = body({para("6.11", t("The proposal quotes:"), {q}), para("6.12", t("Next."))});
  CHECK(md(r) ==
        "**6.11** The proposal quotes:\n"
        "\n"
        "> Resolution 179 (Rev. Busan, 2014) resolves:\n"
        ">\n"
        "> **1** to continue the COP initiative;\n"
        ">\n"
        "> \\[...\\]\n"
        ">\n"
        "> **1.1** to take children's views into account.\n"
        "\n"
        "**6.12** Next.\n");
  Document doc = parse(md(r));
  cmark_node* bq = child_at(doc.get(), {1});
  REQUIRE(bq != nullptr);
  CHECK(type_name(bq) == "block_quote");
  CHECK(count_children(bq) == 4);
  CHECK(visible(child_at(bq, {2})) == "[...]");
}

TEST_CASE("markdown: tables as GFM tables", "[markdown]") {
  Block b =
      table({t("Subjects discussed"), t("Documents")},
            {{t("a|b"), {node(Inline::Kind::code, "x|y")}},
             {t("C\u00F4te d'Ivoire"), {txt("line"), node(Inline::Kind::linebreak), txt("break")}},
             {{}, t("empty cell")}});
  b.table.align = {Align::left, Align::right};
  b.table.caption = t("Table 1: Subjects");
  Report r = body({b});
  CHECK(md(r) ==
        "Table 1: Subjects\n"
        "\n"
        "| Subjects discussed | Documents |\n"
        "| :-- | --: |\n"
        "| a\\|b | `x\\|y` |\n"
        "| C\u00F4te d'Ivoire | line break |\n"
        "| | empty cell |\n");
  Document doc = parse(md(r));
  cmark_node* tbl = child_at(doc.get(), {1});
  REQUIRE(tbl != nullptr);
  CHECK(type_name(tbl) == "table");
  CHECK(count_children(tbl) == 4);
  CHECK(visible(child_at(tbl, {1, 0})) == "a|b");
  CHECK(visible(child_at(tbl, {1, 1})) == "x|y");
}

TEST_CASE("markdown: links, code spans and emphasis", "[markdown]") {
  Inlines in = {
      node(Inline::Kind::link, "", "https://www.itu.int/cop", t("the COP site")),
      txt(", "),
      node(Inline::Kind::link, "", "https://example.org/a doc.pdf", t("a doc")),
      txt(", "),
      node(Inline::Kind::link, "", "https://en.wikipedia.org/wiki/Foo_(bar)", {}),
      txt(", "),
      node(Inline::Kind::code, "a`b"),
      txt(", "),
      node(Inline::Kind::code, "`x`"),
      txt(", "),
      node(Inline::Kind::emph, "", "", t(" spaced ")),
      txt(", "),
      node(Inline::Kind::strong, "", "", t("bold")),
      txt(" and "),
      node(Inline::Kind::strike, "", "", t("gone")),
  };
  Report r = body({para("", in)});
  CHECK(md(r) ==
        "[the COP site](https://www.itu.int/cop), [a doc](<https://example.org/a doc.pdf>), "
        "[https\\://en.wikipedia.org/wiki/Foo\\_(bar)](https://en.wikipedia.org/wiki/"
        "Foo_\\(bar\\)), ``a`b``, `` `x` ``,  *spaced* , **bold** and ~~gone~~\n");
}

TEST_CASE("markdown: links and code come back as they were", "[markdown]") {
  const std::vector<std::string> urls = {"https://www.itu.int/cop", "https://example.org/a doc.pdf",
                                         "https://en.wikipedia.org/wiki/Foo_(bar)",
                                         "https://x.org/?a=1&amp;b=2", "https://x.org/<weird>|\\"};
  for (const std::string& url : urls) {
    Report r = body({para("", {node(Inline::Kind::link, "", url, t("text"))})});
    Document doc = parse(md(r));
    cmark_node* link = child_at(doc.get(), {0, 0});
    REQUIRE(link != nullptr);
    CHECK(type_name(link) == "link");
    CHECK(std::string(cmark_node_get_url(link)) == url);
    CHECK(visible(link) == "text");
  }
  const std::vector<std::string> codes = {"a`b", "`x`", " both ", " ", "``", "x|y", "a  b "};
  for (const std::string& code : codes) {
    Report r = body({para("", {node(Inline::Kind::code, code)})});
    Document doc = parse(md(r));
    CHECK(visible(doc.get()) == code);
  }
}

TEST_CASE("markdown: breaks at the ends of emphasis stay outside it", "[markdown]") {
  Inline emph = node(Inline::Kind::emph, "", "",
                     {node(Inline::Kind::linebreak), txt("foo"), node(Inline::Kind::linebreak)});
  Report r = body({para("", {txt("a"), emph, txt(" bar")})});
  CHECK(md(r) ==
        "a\\\n"
        "*foo*\\\n"
        "&#32;bar\n");
  Document doc = parse(md(r));
  CHECK(count_type(doc.get(), CMARK_NODE_EMPH) == 1);
  CHECK(visible(doc.get()) == "a\nfoo\n bar");
}

TEST_CASE("markdown: stray breaks never end a paragraph early", "[markdown]") {
  Report r =
      body({para("", {node(Inline::Kind::softbreak), txt("a"), node(Inline::Kind::softbreak),
                      node(Inline::Kind::softbreak), txt("b"), node(Inline::Kind::linebreak)}),
            para("", t("next"))});
  CHECK(md(r) ==
        "&#32;a\n"
        "&#32;b\n"
        "\n"
        "next\n");
  Document doc = parse(md(r));
  CHECK(count_children(doc.get()) == 2);
  CHECK(visible(child_at(doc.get(), {0})) == " a\n b");
}

TEST_CASE("markdown: anchors before quotes and tables", "[markdown]") {
  Block q = quote({}, {para("1", t("quoted"))});
  q.anchor = "q-1";
  Block tb = table({t("A")}, {{t("1")}});
  tb.anchor = "table-1";
  Report r = body({q, tb});
  CHECK(md(r) ==
        "<a id=\"q-1\"></a>\n"
        "\n"
        "> **1** quoted\n"
        "\n"
        "<a id=\"table-1\"></a>\n"
        "\n"
        "| A |\n"
        "| --- |\n"
        "| 1 |\n");
}

TEST_CASE("markdown: what follows a link or footnote reference stays text", "[markdown]") {
  Report r = body({
      para("", {txt("Look!"), node(Inline::Kind::xref, "6.3", "p-6-3")}),
      para("", {node(Inline::Kind::footnote_ref, "1", "fn-1"), txt(": not a definition")}),
      para("", {node(Inline::Kind::footnote_ref, "1", "fn-1"), txt("(not a link)")}),
  });
  r.footnotes = {{"1", "fn-1", t("Note.")}};
  CHECK(md(r) ==
        "Look\\![6.3](#p-6-3)\n"
        "\n"
        "[^1]\\: not a definition\n"
        "\n"
        "[^1]\\(not a link)\n"
        "\n"
        "[^1]: Note.\n");
  Document doc = parse(md(r));
  CHECK(count_type(doc.get(), CMARK_NODE_IMAGE) == 0);
  CHECK(count_type(doc.get(), CMARK_NODE_FOOTNOTE_REFERENCE) == 2);
  CHECK(count_type(doc.get(), CMARK_NODE_FOOTNOTE_DEFINITION) == 1);
}

TEST_CASE("markdown: hostile text comes back as the same text", "[markdown]") {
  for (const std::string& h : hostile) {
    INFO("text: " << h);
    {
      Document doc = parse(md(body({para("", t(h))})));
      CHECK(count_children(doc.get()) == 1);
      CHECK(type_name(child_at(doc.get(), {0})) == "paragraph");
      CHECK(visible(doc.get()) == h);
    }
    {
      Document doc = parse(md(body({para("6.3", t(h))})));
      CHECK(count_children(doc.get()) == 1);
      CHECK(visible(doc.get()) == "6.3 " + h);
    }
    for (Inline::Kind breaks : {Inline::Kind::softbreak, Inline::Kind::linebreak}) {
      // After a line break the text starts a line, where block syntax is.
      Document doc = parse(
          md(body({para("", {txt("first"), node(breaks), txt(h), node(breaks), txt("last")})})));
      CHECK(count_children(doc.get()) == 1);
      CHECK(visible(doc.get()) == "first\n" + h + "\nlast");
    }
    for (Inline::Kind kind : {Inline::Kind::emph, Inline::Kind::strong, Inline::Kind::strike}) {
      Document doc = parse(md(body({para("", {node(kind, "", "", t(h))})})));
      CHECK(visible(doc.get()) == h);
    }
    {
      Document doc =
          parse(md(body({para("", {node(Inline::Kind::link, "", "https://x.org", t(h))})})));
      CHECK(count_type(doc.get(), CMARK_NODE_LINK) >= 1);
      CHECK(visible(doc.get()) == h);
    }
    {
      Document doc = parse(md(body({para("", {node(Inline::Kind::code, h)})})));
      CHECK(visible(doc.get()) == h);
    }
    {
      Document doc =
          parse(md(body({list(ListStyle::bullet, {item("·", t(h))}), para("", t("after")),
                         list(ListStyle::number, {item("1)", t(h))})})));
      REQUIRE(count_children(doc.get()) == 3);
      CHECK(visible(child_at(doc.get(), {0, 0})) == h);
      CHECK(visible(child_at(doc.get(), {2, 0})) == "1) " + h);
    }
    {
      Document doc = parse(md(body({quote(t(h), {para("1", t(h))})})));
      REQUIRE(count_children(doc.get()) == 1);
      CHECK(visible(child_at(doc.get(), {0, 0})) == h);
      CHECK(visible(child_at(doc.get(), {0, 1})) == "1 " + h);
    }
    {
      Report r = report();
      r.title = h;
      r.sections.push_back(section("1", t(h), {}));
      Document doc = parse(md(r));
      REQUIRE(count_children(doc.get()) == 2);
      CHECK(type_name(child_at(doc.get(), {0})) == "heading");
      CHECK(visible(child_at(doc.get(), {0})) == without_newlines(h));
      CHECK(visible(child_at(doc.get(), {1})) == "1 " + without_newlines(h));
    }
    {
      Document doc =
          parse(md(body({table({t(h), t("B")}, {{t(h), {node(Inline::Kind::code, h)}}})})));
      cmark_node* tbl = child_at(doc.get(), {0});
      REQUIRE(tbl != nullptr);
      CHECK(type_name(tbl) == "table");
      CHECK(count_children(tbl) == 2);
      CHECK(visible(child_at(tbl, {0, 0})) == h);
      CHECK(visible(child_at(tbl, {1, 0})) == h);
      CHECK(visible(child_at(tbl, {1, 1})) == h);
    }
  }
}

TEST_CASE("markdown: control characters become U+FFFD", "[markdown]") {
  Report r = body({para("", t("bell\a escape\x1b[31m"))});
  CHECK(md(r) == "bell\uFFFD escape\uFFFD\\[31m\n");
}

TEST_CASE("markdown: blank lines never double and the file ends with one newline", "[markdown]") {
  Report r = report();
  r.sections.push_back(
      section("1", t("A"),
              {para("", {}), para("", {}, {list(ListStyle::bullet, {})}), para("1.1", t("x"))}));
  r.sections.push_back(section("", Inlines{}, {}));
  r.sections.push_back(section("2", t("B"), {}));
  std::string out = md(r);
  CHECK(out == "## 1 A\n\n**1.1** x\n\n## 2 B\n");
  CHECK(md(Report{}) == "\n");
}

namespace {

// Each visible character of a parsed document with the emphasis it shows
// (bits: 1 emphasis, 2 strong, 4 strikethrough), counting the <em>,
// <strong> and <del> tags the renderer may write as well; whitespace left
// out, as the renderer may move it out of emphasis.
using Shown = std::vector<std::pair<char, unsigned>>;

struct TagDepth {
  int em = 0, strong = 0, del = 0;
  unsigned bits() const {
    return (em > 0 ? 1u : 0u) | (strong > 0 ? 2u : 0u) | (del > 0 ? 4u : 0u);
  }
};

void shown_parsed(cmark_node* n, unsigned bits, TagDepth& tags, Shown& out) {
  for (cmark_node* c = cmark_node_first_child(n); c != nullptr; c = cmark_node_next(c)) {
    switch (cmark_node_get_type(c)) {
      case CMARK_NODE_TEXT:
        for (const char* p = cmark_node_get_literal(c); *p; ++p)
          if (*p != ' ' && *p != '\n') out.emplace_back(*p, bits | tags.bits());
        break;
      case CMARK_NODE_HTML_INLINE: {
        const std::string tag = cmark_node_get_literal(c);
        tags.em += tag == "<em>" ? 1 : tag == "</em>" ? -1 : 0;
        tags.strong += tag == "<strong>" ? 1 : tag == "</strong>" ? -1 : 0;
        tags.del += tag == "<del>" ? 1 : tag == "</del>" ? -1 : 0;
        break;
      }
      case CMARK_NODE_EMPH:
        shown_parsed(c, bits | 1u, tags, out);
        break;
      case CMARK_NODE_STRONG:
        shown_parsed(c, bits | 2u, tags, out);
        break;
      default:
        shown_parsed(c, bits | (type_name(c) == "strikethrough" ? 4u : 0u), tags, out);
    }
  }
}

void shown_tree(const Inlines& in, unsigned bits, Shown& out) {
  for (const Inline& x : in) {
    const unsigned more = x.kind == Inline::Kind::emph     ? 1u
                          : x.kind == Inline::Kind::strong ? 2u
                          : x.kind == Inline::Kind::strike ? 4u
                                                           : 0u;
    for (char c : x.text)
      if (c != ' ' && c != '\n') out.emplace_back(c, bits);
    shown_tree(x.children, bits | more, out);
  }
}

// Whether GitHub shows the paragraph's emphasis on the characters the HTML
// shows it on.
bool emphasis_reads_back(const Inlines& in) {
  Document doc = parse(md(body({para("", in)})));
  Shown want, got;
  TagDepth tags;
  shown_tree(in, 0, want);
  shown_parsed(doc.get(), 0, tags, got);
  return want == got;
}

Inline emph(Inlines c) { return node(Inline::Kind::emph, "", "", std::move(c)); }
Inline strong(Inlines c) { return node(Inline::Kind::strong, "", "", std::move(c)); }
Inline strike(Inlines c) { return node(Inline::Kind::strike, "", "", std::move(c)); }

}  // namespace

TEST_CASE("markdown: emphasis reads back as the HTML shows it", "[markdown]") {
  // "_**b**a**a**_": the run "**" between two letters both opens and
  // closes, and CommonMark's rule of three pairs it with the wrong one.
  CHECK(emphasis_reads_back({emph({strong(t("b")), txt("a"), strong(t("a"))})}));
  // "_a *b\**_": emphasis inside emphasis, around an escaped asterisk.
  CHECK(emphasis_reads_back({emph({txt("a "), emph(t("b*"))})}));
  CHECK(emphasis_reads_back({strong({emph(t("*")), txt("a"), emph(t("~a"))})}));
  CHECK(emphasis_reads_back({txt("a"), strike(t("b")), strong(t("*"))}));
  CHECK(emphasis_reads_back({emph({txt("("), emph(t("."))})}));
  // Emphasis inside emphasis looks like emphasis: written once.
  CHECK(md(body({para("", {emph({txt("a "), emph(t("b"))})})})) == "*a b*\n");
  // What reads back as written keeps its delimiters.
  CHECK(md(body({para("", {txt("a "), emph(t("b")), txt(" "), strong(t("c"))})})) ==
        "a *b* **c**\n");

  // Every tree of a few pieces of text and emphasis, nested: 20,000 drawn
  // at random with a fixed seed.
  const std::vector<std::string> pieces = {"a", "*", " ", "_", "(", "\\", "b", "**", ".", "~"};
  std::mt19937 rng(11);
  std::function<Inlines(int)> draw = [&](int depth) {
    Inlines out;
    for (auto n = rng() % 4 + 1; n > 0; --n) {
      const auto r = rng() % 10;
      if (r < 6 || depth >= 3) {
        out.push_back(txt(pieces[rng() % pieces.size()]));
      } else {
        Inlines children = draw(depth + 1);
        out.push_back(r < 8 ? emph(children) : r < 9 ? strong(children) : strike(children));
      }
    }
    return out;
  };
  int failures = 0;
  for (int i = 0; i < 20000 && failures < 5; ++i) {
    Inlines in = draw(0);
    if (!emphasis_reads_back(in)) {
      ++failures;
      INFO("markdown: " << md(body({para("", in)})));
      CHECK(false);
    }
  }
  CHECK(failures == 0);

  // Prose: words, punctuation, quotes and spaces of other scripts, and links
  // beside the emphasis, which the renderer judges without parsing
  // what it wrote; 20,000 more trees.
  const std::vector<std::string> prose = {"a",      "b1",     " ",      "(",      ").",
                                          ",",      "\u201C", "\u201D", "\u00E9", "\u00A0",
                                          "\u3000", "\u65E5", "-",      "'",      "a_b"};
  std::function<Inlines(int)> draw_prose = [&](int depth) {
    Inlines out;
    for (auto n = rng() % 4 + 1; n > 0; --n) {
      const auto r = rng() % 11;
      if (r < 6 || depth >= 3) {
        out.push_back(txt(prose[rng() % prose.size()]));
      } else if (r == 10) {
        out.push_back(node(Inline::Kind::link, "", "https://x.org/a_b", draw_prose(depth + 1)));
      } else {
        Inlines children = draw_prose(depth + 1);
        out.push_back(r < 8 ? emph(children) : r < 9 ? strong(children) : strike(children));
      }
    }
    return out;
  };
  for (int i = 0; i < 20000 && failures < 5; ++i) {
    Inlines in = draw_prose(0);
    if (!emphasis_reads_back(in)) {
      ++failures;
      INFO("markdown: " << md(body({para("", in)})));
      CHECK(false);
    }
  }
  CHECK(failures == 0);
}

TEST_CASE("markdown: only http(s), mailto and fragments are links", "[markdown]") {
  for (const char* url : {"evil.html", "/etc/passwd", "//evil.example", "?q=1",
                          "javascript:alert(1)", "file:///etc/passwd"}) {
    INFO("url: " << url);
    const std::string out = md(body({para("", {node(Inline::Kind::link, "", url, t("x"))})}));
    CHECK(out == "x\n");
  }
  CHECK(md(body({para("", {node(Inline::Kind::link, "", "#intro", t("x"))})})) == "[x](#intro)\n");
  CHECK(md(body({para("", {node(Inline::Kind::link, "", "mailto:a@b.org", t("x"))})})) ==
        "[x](mailto:a@b.org)\n");
}

TEST_CASE("markdown: a summary record's header, subjects and signatures", "[markdown]") {
  Report r = summary_record();
  const std::string out = md(r);
  auto has = [](const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
  };
  CHECK(has(out,
            "# SUMMARY RECORD OF THE SECOND PLENARY MEETING\n"
            "\n"
            "Wednesday, 10\u00A0June 2026, from 0930 to 1225 hours\\\n"
            "Chairman: Mr P\u00E9ter Varga (Hungary)\n"
            "\n"
            "| Subjects discussed | Documents |\n"
            "| --- | --- |\n"
            "| 1 Strategic plan (continued) | C26/35 |\n"));
  CHECK(has(out,
            "The Secretary-General:\\\n"
            "Eva Lindqvist\n"
            "\n"
            "The Chairman:\\\n"
            "P\u00E9ter Varga\n"));
  CHECK_FALSE(has(out, "## Summary"));
}

TEST_CASE("markdown: a part left blank on purpose prints its label alone", "[markdown]") {
  Report r = report();
  r.cover.right = {{"agenda_item", "Agenda item:", "", true},
                   {"symbol", "Document", "", true},
                   {"original", "Original:", "", false}};  // not blank: nothing
  r.blank_action = true;
  r.blank_references = true;
  CHECK(md(r) ==
        "Agenda item:\\\n"
        "Document\n"
        "\n"
        "## Action required\n"
        "\n"
        "***\n"
        "\n"
        "## References\n");
}

TEST_CASE("markdown and plain text print text in another language as it is", "[markdown]") {
  const Inlines words = {txt("The "), node(Inline::Kind::emph, "", "", t("Chair")),
                         txt(" opened the meeting.")};
  Report plain = body({para("1.1", words)});
  Report marked = body({para("1.1", {node(Inline::Kind::foreign, "en", "", words)})});
  marked.language = plain.language = "fr";
  CHECK(md(marked) == md(plain));
  CHECK(render_text(marked, RenderOptions{}) == render_text(plain, RenderOptions{}));
}
