// Tests of the HTML renderer: the exact markup of each report element, the
// document skeleton, and that hostile text can never become markup or script.
#include <catch2/catch.hpp>
#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "cwgreport/render.h"
#include "lang/labels.h"
#include "render/tree_builders.h"

namespace {

using namespace cwg::tree;

// An empty report with the English words a builder gives it.
Report report() {
  Report r;
  r.words = cwg::lang::tree_words(cwg::lang::labels("en"));
  return r;
}

Inline text(std::string s) {
  Inline x;
  x.text = std::move(s);
  return x;
}

Inlines t(std::string s) {
  if (s.empty()) return {};
  return {text(std::move(s))};
}

Inline xref(std::string shown, std::string target) {
  Inline x;
  x.kind = Inline::Kind::xref;
  x.text = std::move(shown);
  x.target = std::move(target);
  return x;
}

Inline hyperlink(std::string url, Inlines children) {
  Inline x;
  x.kind = Inline::Kind::link;
  x.target = std::move(url);
  x.children = std::move(children);
  return x;
}

Inline footnote_ref(std::string number, std::string target) {
  Inline x;
  x.kind = Inline::Kind::footnote_ref;
  x.text = std::move(number);
  x.target = std::move(target);
  return x;
}

Inline emph(Inlines children) {
  Inline x;
  x.kind = Inline::Kind::emph;
  x.children = std::move(children);
  return x;
}

Block para(std::string number, std::string anchor, Inlines content) {
  Block b;
  b.number = std::move(number);
  b.anchor = std::move(anchor);
  b.text = std::move(content);
  return b;
}

ListItem item(std::string marker, std::string content, std::string anchor = {}) {
  ListItem i;
  i.marker = std::move(marker);
  i.text = t(std::move(content));
  i.anchor = std::move(anchor);
  return i;
}

Block list(ListStyle style, std::vector<ListItem> items) {
  Block b;
  b.kind = Block::Kind::list;
  b.style = style;
  b.items = std::move(items);
  return b;
}

Section section(std::string number, std::string anchor, std::string heading,
                std::vector<Block> blocks) {
  Section s;
  s.number = std::move(number);
  s.anchor = std::move(anchor);
  s.heading = t(std::move(heading));
  s.blocks = std::move(blocks);
  return s;
}

// A report with nothing in it but one section of the given blocks.
Report body(std::vector<Block> blocks) {
  Report r = report();
  r.sections.push_back(section("6", "discussions", "Discussions", std::move(blocks)));
  return r;
}

std::string html(const Report& r) { return cwg::render_html(r, {}); }

bool has(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

size_t count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size()))
    ++n;
  return n;
}

// The values of every `name="..."` attribute, in order.
std::vector<std::string> attribute_values(const std::string& out, const std::string& name) {
  std::vector<std::string> found;
  const std::string key = " " + name + "=\"";
  for (size_t at = out.find(key); at != std::string::npos; at = out.find(key, at + 1)) {
    size_t begin = at + key.size();
    found.push_back(out.substr(begin, out.find('"', begin) - begin));
  }
  return found;
}

std::string lowercase(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Ids are present, non-empty, without whitespace and unique, and every
// fragment link points at one of them.
void check_ids(const std::string& out) {
  std::vector<std::string> all = attribute_values(out, "id");
  std::set<std::string> unique(all.begin(), all.end());
  CHECK(unique.size() == all.size());
  for (const std::string& id : all) {
    CHECK_FALSE(id.empty());
    CHECK(id.find_first_of(" \t\n\r\f") == std::string::npos);
  }
  for (const std::string& href : attribute_values(out, "href")) {
    if (href.empty() || href[0] != '#') continue;
    INFO("href " << href);
    CHECK(unique.count(href.substr(1)) == 1);
  }
}

// True if the tag (from '<' to '>') has an attribute named on...: the quoted
// values are skipped, since text and values may well say " onclick=".
bool has_event_handler(const std::string& tag) {
  std::string names;
  bool quoted = false;
  for (char c : tag) {
    if (c == '"')
      quoted = !quoted;
    else if (!quoted)
      names += c;
  }
  for (size_t at = names.find(" on"); at != std::string::npos; at = names.find(" on", at + 1)) {
    size_t i = at + 3;
    while (i < names.size() && std::isalpha(static_cast<unsigned char>(names[i]))) ++i;
    while (i < names.size() && names[i] == ' ') ++i;
    if (i > at + 3 && i < names.size() && names[i] == '=') return true;
  }
  return false;
}

// No element, attribute or URL that could run script.
void check_inert(const std::string& out) {
  std::string lower = lowercase(out);
  CHECK_FALSE(has(lower, "<script"));
  CHECK_FALSE(has(lower, "<img"));
  CHECK_FALSE(has(lower, "<iframe"));
  for (size_t at = lower.find('<'); at != std::string::npos; at = lower.find('<', at + 1)) {
    std::string tag = lower.substr(at, lower.find('>', at) - at + 1);
    INFO("tag: " << tag);
    CHECK_FALSE(has_event_handler(tag));
  }
  for (const std::string& href : attribute_values(lower, "href")) {
    INFO("href: " << href);
    CHECK_FALSE(has(href, "javascript"));
    CHECK_FALSE(has(href, "vbscript"));
    CHECK(href.rfind("data:", 0) == std::string::npos);
    CHECK(href.rfind("file:", 0) == std::string::npos);
  }
}

Report full_report() {
  Report r = report();
  r.short_title = "CWG-COP 14th meeting report";
  r.cover.left = {{"session", "", "Council 2018"}, {"place_dates", "", "Geneva, 17-27 April 2018"}};
  r.cover.right = {{"agenda_item", "Agenda item:", "PL 1.5"},
                   {"symbol", "Document", "C18/14-E"},
                   {"date", "", "2 March 2018"},
                   {"original", "Original:", "English"}};
  r.cover.source_line =
      "Report by the Chair of the Council Working Group on Child Online Protection";
  r.title = "OUTCOME OF THE 14TH MEETING OF THE COUNCIL WORKING GROUP ON CHILD ONLINE PROTECTION";
  r.summary.push_back(para("", "", t("This report summarizes the main results.")));
  r.action.push_back(para("", "", t("The Council is invited to take note of the report.")));
  r.references = t("Resolution 179 (Rev. Busan, 2014), Council Resolution 1306");
  r.sections.push_back(section("1", "introduction", "Introduction",
                               {para("1.1", "", t("The 14th meeting was held in Geneva."))}));
  r.sections.push_back(section(
      "6", "discussions", "Discussions",
      {para("6.1", "uae-rights",
            {text("See "), xref("1.1", "missing"), text(" and "), footnote_ref("1", "fn-1"),
             text(".")}),
       para("6.2", "", {text("As in "), xref("6.1", "uae-rights"), footnote_ref("1", "fn-1")})}));
  r.annexes.push_back(section("Annex 1", "participants", "List of participants",
                              {para("", "", t("Fifty participants."))}));
  r.footnotes.push_back({"1", "fn-1", t("Online and in the room.")});
  r.signature = {"Ibrahim Al Dabal (UAE)", "Chair, CWG-COP"};
  return r;
}

}  // namespace

TEST_CASE("html: a standalone document with head, landmarks and one trailing newline", "[html]") {
  std::string out = html(full_report());
  CHECK(out.rfind("<!DOCTYPE html>\n"
                  "<html lang=\"en\">\n"
                  "<head>\n"
                  "<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<title>CWG-COP 14th meeting report</title>\n"
                  "<style>\n",
                  0) == 0);
  CHECK(out.size() > 2);
  CHECK(out.substr(out.size() - 8) == "</html>\n");
  CHECK(out[out.size() - 2] != '\n');
  CHECK(count(out, "<style>") == 1);
  CHECK(count(out, "<h1") == 1);
  CHECK(count(out, "<header class=\"cover\">") == 1);
  CHECK(count(out, "<main>") == 1);
  CHECK(count(out, "<footer>") == 1);
  CHECK(has(out, "@page {\n        size: A4;\n        margin: 2.5cm 2cm 2cm;\n"));
  // Print's running header: the page number, from page 2 on.
  CHECK(has(out, "content: \"- \" counter(page) \" -\";"));
  CHECK(has(out, "@page :first {\n        @top-center {\n          content: none;"));
  // Nothing is fetched from elsewhere.
  CHECK_FALSE(has(out, "<link"));
  CHECK_FALSE(has(out, "src="));
  CHECK_FALSE(has(out, "@import"));
  CHECK_FALSE(has(out, "url("));
  check_inert(out);
  check_ids(out);
  CHECK(html(full_report()) == out);
}

TEST_CASE("html: the title element falls back from short title to title", "[html]") {
  Report r = full_report();
  r.short_title = "";
  CHECK(has(html(r),
            "<title>OUTCOME OF THE 14TH MEETING OF THE COUNCIL WORKING GROUP ON CHILD "
            "ONLINE PROTECTION</title>\n"));
  r.title = "";
  CHECK(has(html(r), "<title>C18/14-E</title>\n"));
  CHECK(has(html(report()), "<title>Report</title>\n"));
}

TEST_CASE("html: lang is the report's language when it is well formed", "[html]") {
  Report r = report();
  r.language = "fr";
  CHECK(has(html(r), "<html lang=\"fr\">\n"));
  r.language = "zh-Hans-CN";
  CHECK(has(html(r), "<html lang=\"zh-Hans-CN\">\n"));
  r.language = "en\" onload=\"x";
  CHECK(has(html(r), "<html lang=\"en\">\n"));
  r.language = "";
  CHECK(has(html(r), "<html lang=\"en\">\n"));
}

TEST_CASE("html: a numbered paragraph hangs its number and carries its anchor", "[html]") {
  std::string out =
      html(body({para("6.1", "uae-rights", t("Following the adoption of the agenda.")),
                 para("", "", t("An unnumbered paragraph."))}));
  CHECK(has(out,
            "\n      <p id=\"uae-rights\" class=\"para\"><span class=\"number\">6.1</span> "
            "Following the adoption of the agenda.</p>\n"));
  CHECK(has(out, "\n      <p class=\"para unnumbered\">An unnumbered paragraph.</p>\n"));
}

TEST_CASE("html: a paragraph with children becomes a group", "[html]") {
  Block p = para("4.1", "secretariat-docs", t("The following documents were presented:"));
  p.children.push_back(list(ListStyle::bullet, {item("\xC2\xB7", "CWG-COP-14/2: Update")}));
  p.children.push_back(para("", "", t("Both were noted.")));
  CHECK(has(
      html(body({p})),
      "      <div id=\"secretariat-docs\" class=\"para\">\n"
      "        <p><span class=\"number\">4.1</span> The following documents were presented:</p>\n"
      "        <ul class=\"list list-bullet\">\n"
      "          <li><span class=\"marker\">\xC2\xB7</span> CWG-COP-14/2: Update</li>\n"
      "        </ul>\n"
      "        <p class=\"para unnumbered\">Both were noted.</p>\n"
      "      </div>\n"));
}

TEST_CASE("html: a section is a labelled landmark with a numbered heading", "[html]") {
  std::string out = html(body({}));
  CHECK(has(
      out,
      "    <section id=\"discussions\" class=\"section\" aria-labelledby=\"discussions-heading\">\n"
      "      <h2 id=\"discussions-heading\"><span class=\"number\">6</span> Discussions</h2>\n"
      "    </section>\n"));

  Report r = report();
  r.sections.push_back(section("1", "", "", {}));
  r.sections.push_back(section("", "", "", {para("", "", t("Loose text."))}));
  out = html(r);
  CHECK(has(out,
            "    <section class=\"section\" aria-labelledby=\"section-1-heading\">\n"
            "      <h2 id=\"section-1-heading\"><span class=\"number\">1</span></h2>\n"));
  // Nothing to label it with: no landmark and no empty heading.
  CHECK(has(out,
            "    <div class=\"section\">\n"
            "      <p class=\"para unnumbered\">Loose text.</p>\n"
            "    </div>\n"));
  CHECK_FALSE(has(out, "<h2></h2>"));
}

TEST_CASE("html: annexes follow the signature and are marked as annexes", "[html]") {
  std::string out = html(full_report());
  CHECK(has(out,
            "    <div class=\"signature\">\n"
            "      <p class=\"signature-name\">Ibrahim Al Dabal (UAE)</p>\n"
            "      <p class=\"signature-role\">Chair, CWG-COP</p>\n"
            "    </div>\n"
            "    <section id=\"participants\" class=\"section annex\" "
            "aria-labelledby=\"participants-heading\">\n"
            "      <h2 id=\"participants-heading\"><span class=\"number\">Annex 1</span> List of "
            "participants</h2>\n"));
}

TEST_CASE("html: lists print the tree's markers, nested lists inside their item", "[html]") {
  ListItem a = item("a)", "first", "item-a");
  a.children.push_back(list(ListStyle::roman, {item("i)", "one"), item("ii)", "two")}));
  Block p = para("7.1", "", t("Agreed:"));
  p.children.push_back(list(ListStyle::alpha, {a, item("b)", "second")}));
  p.children.push_back(list(ListStyle::dash, {item("\xE2\x80\x93", "dash")}));
  CHECK(has(html(body({p})),
            "        <ol class=\"list list-alpha\">\n"
            "          <li id=\"item-a\"><span class=\"marker\">a)</span> first\n"
            "            <ol class=\"list list-roman\">\n"
            "              <li><span class=\"marker\">i)</span> one</li>\n"
            "              <li><span class=\"marker\">ii)</span> two</li>\n"
            "            </ol>\n"
            "          </li>\n"
            "          <li><span class=\"marker\">b)</span> second</li>\n"
            "        </ol>\n"
            "        <ul class=\"list list-dash\">\n"
            "          <li><span class=\"marker\">\xE2\x80\x93</span> dash</li>\n"
            "        </ul>\n"));
}

// A list of style `number` once had the class "list number", and took the
// style sheet's rule for the hanging paragraph numbers (float, 1.5 cm wide):
// its text ran down the margin one word a line, over the next paragraphs.
TEST_CASE("html: a list's style is a class of its own, not one of the style sheet's others",
          "[html]") {
  Block p = para("4.3", "", t("In three steps:"));
  p.children.push_back(list(ListStyle::number, {item("1)", "merge"), item("2)", "review")}));
  p.children.push_back(list(ListStyle::bullet, {item("\xC2\xB7", "bullet")}));
  p.children.push_back(list(ListStyle::dash, {item("\xE2\x80\x93", "dash")}));
  p.children.push_back(list(ListStyle::alpha, {item("a)", "alpha")}));
  p.children.push_back(list(ListStyle::roman, {item("i)", "roman")}));
  std::string out = html(body({p}));
  CHECK(has(out, "<ol class=\"list list-number\">\n"));
  CHECK(has(out, "<ul class=\"list list-bullet\">\n"));
  CHECK(has(out, "<ul class=\"list list-dash\">\n"));
  CHECK(has(out, "<ol class=\"list list-alpha\">\n"));
  CHECK(has(out, "<ol class=\"list list-roman\">\n"));
  // "number", the class of the hanging numbers, is on numbers only.
  std::vector<std::string> numbered;
  for (size_t at = out.find('<'); at != std::string::npos; at = out.find('<', at + 1)) {
    std::string tag = out.substr(at, out.find('>', at) - at + 1);
    size_t cls = tag.find(" class=\"");
    if (cls == std::string::npos) continue;
    std::string value = tag.substr(cls + 8, tag.find('"', cls + 8) - cls - 8);
    std::string token;
    for (char c : value + " ") {
      if (c != ' ') {
        token += c;
      } else {
        if (token == "number") numbered.push_back(tag);
        token.clear();
      }
    }
  }
  REQUIRE_FALSE(numbered.empty());
  for (const std::string& tag : numbered) CHECK(tag == "<span class=\"number\">");
}

TEST_CASE("html: a table has a caption, column headers and padded rows", "[html]") {
  Block b;
  b.kind = Block::Kind::table;
  b.table.align = {Align::none, Align::right};
  b.table.header = {t("Subjects discussed"), t("Documents")};
  b.table.rows = {{t("Child online protection"), t("2")}, {t("Logo")}};
  b.table.caption = t("Table 1 \xE2\x80\x93 Subjects");
  CHECK(has(html(body({b})),
            "      <table>\n"
            "        <caption>Table 1 \xE2\x80\x93 Subjects</caption>\n"
            "        <thead>\n"
            "          <tr>\n"
            "            <th scope=\"col\">Subjects discussed</th>\n"
            "            <th scope=\"col\" class=\"align-right\">Documents</th>\n"
            "          </tr>\n"
            "        </thead>\n"
            "        <tbody>\n"
            "          <tr>\n"
            "            <td>Child online protection</td>\n"
            "            <td class=\"align-right\">2</td>\n"
            "          </tr>\n"
            "          <tr>\n"
            "            <td>Logo</td>\n"
            "            <td class=\"align-right\"></td>\n"
            "          </tr>\n"
            "        </tbody>\n"
            "      </table>\n"));

  b.table.caption = {};
  std::string out = html(body({b}));
  CHECK(has(out, "      <table>\n        <thead>\n"));
  CHECK_FALSE(has(out, "<caption"));
}

TEST_CASE("html: a quote keeps its own numbers, its attribution and elisions", "[html]") {
  Block q;
  q.kind = Block::Kind::quote;
  q.text = t("Resolution 179 (Rev. Busan, 2014) resolves:");
  Block elision;
  elision.kind = Block::Kind::elision;
  q.children = {para("1", "", t("to continue the work;")), elision,
                para("1.2", "", t("to report."))};
  CHECK(
      has(html(body({q})),
          "      <figure class=\"quote\">\n"
          "        <figcaption>Resolution 179 (Rev. Busan, 2014) resolves:</figcaption>\n"
          "        <blockquote>\n"
          "          <p class=\"para\"><span class=\"number\">1</span> to continue the work;</p>\n"
          "          <p class=\"elision\">[...]</p>\n"
          "          <p class=\"para\"><span class=\"number\">1.2</span> to report.</p>\n"
          "        </blockquote>\n"
          "      </figure>\n"));

  q.text = {};
  CHECK(has(html(body({q})),
            "      <blockquote class=\"quote\">\n"
            "        <p class=\"para\"><span class=\"number\">1</span> to continue "
            "the work;</p>\n"));
}

TEST_CASE("html: footnote references link both ways with unique ids", "[html]") {
  std::string out = html(full_report());
  CHECK(has(out, "and <sup><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup>."));
  CHECK(has(out, "<sup><a href=\"#fn-1\" id=\"fnref-1-2\">1</a></sup>"));
  CHECK(has(out,
            "  <footer>\n"
            "    <section class=\"footnotes\" aria-labelledby=\"footnotes-heading\">\n"
            "      <h2 id=\"footnotes-heading\" class=\"visually-hidden\">Footnotes</h2>\n"
            "      <ol class=\"footnote-list\">\n"
            "        <li id=\"fn-1\"><span class=\"marker\">1</span> Online and in the room. "
            "<a href=\"#fnref-1\" class=\"backref\" aria-label=\"Back to reference 1\">"
            "\xE2\x86\xA9\xEF\xB8\x8E</a> "
            "<a href=\"#fnref-1-2\" class=\"backref\" aria-label=\"Back to reference 1, use 2\">"
            "\xE2\x86\xA9\xEF\xB8\x8E<sup>2</sup></a></li>\n"
            "      </ol>\n"
            "    </section>\n"
            "  </footer>\n"));
  check_ids(out);

  // A reference to a footnote that does not exist is only a number.
  Report r = body({para("6.1", "", {text("x"), footnote_ref("9", "fn-9")})});
  out = html(r);
  CHECK(has(out, "x<sup>9</sup></p>"));
  CHECK_FALSE(has(out, "<footer>"));
}

TEST_CASE("html: for paged media, footnotes are set at their first mark to float", "[html]") {
  cwg::RenderOptions paged;
  paged.paged_media = true;
  std::string out = cwg::render_html(full_report(), paged);
  // The engine numbers the call; a later mark links to the footnote.
  CHECK(has(out, "and <span class=\"footnote\" id=\"fn-1\">Online and in the room.</span>."));
  CHECK(has(out, "<sup><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup>"));
  CHECK_FALSE(has(out, "<footer>"));
  CHECK(has(out, "string-set: symbol content(text);"));
  CHECK(has(out, "float: footnote;"));
  CHECK(count(out, "<style>") == 1);
  check_ids(out);
  // Neither rule in the HTML for screens and browsers.
  std::string plain = html(full_report());
  CHECK_FALSE(has(plain, "string-set"));
  CHECK_FALSE(has(plain, "float: footnote"));

  // A first mark in a link's text is only a number: footnote 1 cannot float
  // there, and footnote 2 cannot float as the engine's first footnote. Both
  // stay in the list at the end, with their report numbers.
  Report r = body({para("6.1", "", {hyperlink("https://x.org/", {footnote_ref("1", "fn-1")})}),
                   para("6.2", "", {text("y"), footnote_ref("2", "fn-2")})});
  r.footnotes = {{"1", "fn-1", t("First.")}, {"2", "fn-2", t("Second.")}};
  out = cwg::render_html(r, paged);
  CHECK_FALSE(has(out, "class=\"footnote\""));
  CHECK(has(out, "y<sup><a href=\"#fn-2\" id=\"fnref-2\">2</a></sup>"));
  CHECK(has(out, "<li id=\"fn-1\"><span class=\"marker\">1</span> First."));
  CHECK(has(out, "<li id=\"fn-2\"><span class=\"marker\">2</span> Second."));

  // A footnote marked in another footnote's text is listed at the end.
  r = body({para("6.1", "", {text("x"), footnote_ref("1", "fn-1")})});
  r.footnotes = {{"1", "fn-1", {text("See"), footnote_ref("2", "fn-2")}},
                 {"2", "fn-2", t("Nested.")}};
  out = cwg::render_html(r, paged);
  CHECK(has(out, "x<span class=\"footnote\" id=\"fn-1\">See<sup>"));
  CHECK(has(out, "<li id=\"fn-2\"><span class=\"marker\">2</span> Nested."));
  CHECK_FALSE(has(out, "<li id=\"fn-1\""));
}

TEST_CASE("html: cross-references link to anchors that exist, otherwise print text", "[html]") {
  std::string out = html(full_report());
  CHECK(has(out, "As in <a href=\"#uae-rights\">6.1</a>"));
  CHECK(has(out, "See 1.1 and"));
}

TEST_CASE("html: the summary box has its three parts and the short rule", "[html]") {
  std::string out = html(full_report());
  CHECK(has(out,
            "    <section class=\"summary-box\" aria-labelledby=\"summary-heading\">\n"
            "      <div class=\"part summary\">\n"
            "        <h2 id=\"summary-heading\">Summary</h2>\n"
            "        <p class=\"para unnumbered\">This report summarizes the main results.</p>\n"
            "      </div>\n"
            "      <div class=\"part action\">\n"
            "        <h2>Action required</h2>\n"
            "        <p class=\"para unnumbered\">The Council is invited to take note of the "
            "report.</p>\n"
            "      </div>\n"
            "      <div class=\"part references\">\n"
            "        <h2>References</h2>\n"
            "        <p>Resolution 179 (Rev. Busan, 2014), Council Resolution 1306</p>\n"
            "      </div>\n"
            "    </section>\n"));

  Report r = full_report();
  r.summary.clear();
  r.references.clear();
  out = html(r);
  CHECK(has(out,
            "    <section class=\"summary-box\" aria-labelledby=\"action-heading\">\n"
            "      <div class=\"part action\">\n"
            "        <h2 id=\"action-heading\">Action required</h2>\n"));
  CHECK_FALSE(has(out, ">Summary<"));
  CHECK_FALSE(has(out, ">References<"));

  r.action.clear();
  CHECK_FALSE(has(html(r), "summary-box\""));
}

TEST_CASE("html: the cover prints the fields it has and nothing for the others", "[html]") {
  std::string out = html(full_report());
  CHECK(
      has(out,
          "  <header class=\"cover\">\n"
          "    <div class=\"cover-fields\">\n"
          "      <div class=\"cover-left\">\n"
          "        <p class=\"cover-session\"><span class=\"value\">Council 2018</span></p>\n"
          "        <p class=\"cover-place-dates\"><span class=\"value\">Geneva, 17-27 April "
          "2018</span></p>\n"
          "      </div>\n"
          "      <div class=\"cover-right\">\n"
          "        <p class=\"cover-agenda-item\"><span class=\"label\">Agenda item:</span> <span "
          "class=\"value\">PL 1.5</span></p>\n"
          "        <p class=\"cover-symbol\"><span class=\"label\">Document</span> <span "
          "class=\"value\">C18/14-E</span></p>\n"
          "        <p class=\"cover-date\"><span class=\"value\">2 March 2018</span></p>\n"
          "        <p class=\"cover-original\"><span class=\"label\">Original:</span> <span "
          "class=\"value\">English</span></p>\n"
          "      </div>\n"
          "    </div>\n"
          "    <p class=\"source\">Report by the Chair of the Council Working Group on Child "
          "Online Protection</p>\n"
          "    <h1>OUTCOME OF THE 14TH MEETING OF THE COUNCIL WORKING GROUP ON CHILD ONLINE "
          "PROTECTION</h1>\n"
          "  </header>\n"));

  Report r = full_report();
  r.cover.left.clear();
  r.cover.right = {{"agenda_item", "Agenda item:", ""}, {"symbol", "Document", "C18/14-E"}};
  r.cover.source_line = "";
  out = html(r);
  CHECK(has(out,
            "  <header class=\"cover\">\n"
            "    <div class=\"cover-fields\">\n"
            "      <div class=\"cover-right\">\n"
            "        <p class=\"cover-symbol\"><span class=\"label\">Document</span> <span "
            "class=\"value\">C18/14-E</span></p>\n"
            "      </div>\n"
            "    </div>\n"
            "    <h1>"));
  CHECK_FALSE(has(out, "cover-left"));
  CHECK_FALSE(has(out, "Agenda item"));
  CHECK_FALSE(has(out, "class=\"source\""));

  r.cover.right.clear();
  r.title = "";
  out = html(r);
  // Without a title the top heading is there for screen readers only.
  CHECK(has(out,
            "  <header class=\"cover\">\n"
            "    <h1 class=\"visually-hidden\">CWG-COP 14th meeting report</h1>\n"
            "  </header>\n"));
  CHECK_FALSE(has(out, "<p></p>"));
  CHECK_FALSE(has(out, "<div class=\"signature\">\n    </div>"));

  r.signature = {};
  CHECK_FALSE(has(html(r), "class=\"signature"));
}

TEST_CASE("html: only safe link targets become links", "[html]") {
  auto render_link = [](const std::string& url, const std::string& label) {
    return html(body({para("6.1", "", {hyperlink(url, t(label))})}));
  };
  CHECK(has(render_link("https://www.itu.int/cop?a=1&b=2", "ITU"),
            "<a href=\"https://www.itu.int/cop?a=1&amp;b=2\" class=\"ext\" "
            "rel=\"noopener noreferrer\">ITU</a>"));
  CHECK(has(render_link("HTTP://itu.int", "HTTP://itu.int"),
            "<a href=\"HTTP://itu.int\" rel=\"noopener noreferrer\">HTTP://itu.int</a>"));
  CHECK(has(render_link("mailto:cop@itu.int", "write"),
            "<a href=\"mailto:cop@itu.int\" rel=\"noopener noreferrer\">write</a>"));
  CHECK(has(render_link("#uae-rights", "6.1"), "<a href=\"#uae-rights\">6.1</a>"));
  CHECK(has(render_link("https://www.itu.int/\"><script>", "x"),
            "<a href=\"https://www.itu.int/%22%3E%3Cscript%3E\" class=\"ext\" "
            "rel=\"noopener noreferrer\">x</a>"));

  const std::vector<std::string> hostile = {
      "javascript:alert(1)",
      "JavaScript:alert(1)",
      "  javascript:alert(1)",
      "\x01javascript:alert(1)",
      "java\tscript:alert(1)",
      "java\nscript:alert(1)",
      "jav&#x09;ascript:alert(1)",
      "javascript&colon;alert(1)",
      "&#106;avascript:alert(1)",
      "vbscript:msgbox(1)",
      "VBScript:msgbox(1)",
      "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
      "file:///etc/passwd",
      "ftp://example.org/",
      "\xC2\xA0javascript:alert(1)",
      "https://example.org/\x01",
      "",
      // A relative reference resolves against wherever the report is
      // published, which its sources cannot know.
      "annex 1.pdf",
      "evil.html",
      "/etc/passwd",
      "?q=1",
      "//evil.example",
      "\\\\evil.example",
      "/\\evil.example",
  };
  for (const std::string& url : hostile) {
    INFO("url: " << url);
    std::string out = render_link(url, "click");
    CHECK(has(out, "<span class=\"number\">6.1</span> click</p>"));
    CHECK(count(out, "<a ") == 0);
    check_inert(out);
  }
  // Without a text of its own, a refused link prints its target as text.
  std::string out = html(body({para("6.1", "", {hyperlink("javascript:alert(1)", {})})}));
  CHECK(has(out, "<span class=\"number\">6.1</span> javascript:alert(1)</p>"));
  CHECK(count(out, "<a ") == 0);
}

TEST_CASE("html: links never nest", "[html]") {
  Report r = full_report();
  r.sections[0].blocks.push_back(
      para("1.2", "",
           {hyperlink("https://www.itu.int",
                      {text("see "), xref("6.1", "uae-rights"), footnote_ref("1", "fn-1")})}));
  std::string out = html(r);
  CHECK(has(out,
            "<a href=\"https://www.itu.int\" class=\"ext\" rel=\"noopener noreferrer\">see "
            "6.1<sup>1</sup></a>"));
  check_ids(out);
}

TEST_CASE("html: a special character is escaped wherever it falls in a long run", "[html]") {
  // Long runs are scanned eight bytes at a time: a character to escape at
  // every offset, before, inside and after a word, in runs of every length
  // around the width, is escaped, and the rest is copied unchanged.
  for (std::size_t len = 1; len <= 20; ++len) {
    for (std::size_t at = 0; at < len; ++at) {
      for (char c : {'<', '>', '&', '"', '\'', '/'}) {
        std::string text(len, 'a');
        text[at] = c;
        std::string want(len, 'a');
        const std::string ref = c == '<'   ? "&lt;"
                                : c == '>' ? "&gt;"
                                : c == '&' ? "&amp;"
                                : c == '"' ? "&quot;"
                                           : std::string(1, c);
        want.replace(at, 1, ref);
        Report r = report();
        r.summary.push_back(para("", "", t(text)));
        CHECK(has(html(r), "<p class=\"para unnumbered\">" + want + "</p>"));
      }
    }
  }
}

TEST_CASE("html: hostile text in every field is escaped", "[html]") {
  const std::string evil = "<script>alert(1)</script>\" onmouseover=\"alert(2)' onclick='x' &amp;";
  const std::string escaped =
      "&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;alert(2)' "
      "onclick='x' &amp;amp;";
  Report r = report();
  r.language = evil;
  r.short_title = evil;
  r.title = evil;
  r.cover.left = {{evil, evil, evil}};
  r.cover.right = {{"symbol", evil, evil}};
  r.cover.source_line = evil;
  r.summary.push_back(para(evil, evil, t(evil)));
  r.action.push_back(para("", "", {emph(t(evil))}));
  r.references = {xref(evil, evil)};
  Section s = section(evil, evil, evil, {});
  Block p = para(evil, evil,
                 {xref(evil, evil), hyperlink(evil, t(evil)),
                  hyperlink("https://x.org/" + evil, t(evil)), footnote_ref(evil, evil)});
  ListItem i = item(evil, evil, evil);
  p.children.push_back(list(ListStyle::bullet, {i, i}));
  Block table;
  table.kind = Block::Kind::table;
  table.table.header = {t(evil)};
  table.table.rows = {{t(evil)}};
  table.table.caption = t(evil);
  Block quote;
  quote.kind = Block::Kind::quote;
  quote.text = t(evil);
  quote.children = {para(evil, evil, t(evil))};
  s.blocks = {p, table, quote};
  r.sections = {s, s};
  r.annexes = {s};
  r.footnotes = {{evil, evil, t(evil)}, {evil, evil, t(evil)}};
  r.signature = {evil, evil};

  std::string out = html(r);
  check_inert(out);
  check_ids(out);
  CHECK(has(out, "<html lang=\"en\">"));
  CHECK(has(out, "<title>" + escaped + "</title>"));
  CHECK(has(out, "<h1>" + escaped + "</h1>"));
  CHECK(has(out, "<p class=\"source\">" + escaped + "</p>"));
  CHECK(has(out, "<p class=\"signature-name\">" + escaped + "</p>"));
  CHECK(has(out, "<p class=\"signature-role\">" + escaped + "</p>"));
  CHECK(has(out, "<span class=\"marker\">" + escaped + "</span> " + escaped + "</li>"));
  CHECK(has(out, "<caption>" + escaped + "</caption>"));
  CHECK(has(out, "<th scope=\"col\">" + escaped + "</th>"));
  CHECK(has(out, "<figcaption>" + escaped + "</figcaption>"));
  CHECK(has(out, "<span class=\"label\">" + escaped + "</span> <span class=\"value\">" + escaped +
                     "</span></p>"));
  CHECK(has(out, "<span class=\"number\">" + escaped + "</span> "));
  // The anchor becomes a valid id and cross-references follow it.
  CHECK(has(out, "id=\"-script-alert-1---script---onmouseover--alert-2---onclick--x---amp-\""));
  CHECK(
      has(out, "<a href=\"#-script-alert-1---script---onmouseover--alert-2---onclick--x---amp-\">" +
                   escaped + "</a>"));
  // Without a scheme the URL is a relative reference: no link, only its text.
  CHECK_FALSE(has(out, "<a href=\"%3Cscript"));
  // With one, everything that could end the attribute or open a tag is
  // percent-encoded.
  CHECK(has(out,
            "<a href=\"https://x.org/%3Cscript%3Ealert(1)%3C/script%3E%22%20onmouseover=%22"
            "alert(2)&#x27;%20onclick=&#x27;x&#x27;%20&amp;amp;\" class=\"ext\" "
            "rel=\"noopener noreferrer\">" +
                escaped + "</a>"));
  CHECK(count(out, "<h1>") == 1);
}

// The checker makes the tree's anchors unique; the renderer takes them as
// they are and keeps the ids it derives apart from them. A tree built by
// other means that repeats an anchor still gets unique ids: the first use
// keeps it.
TEST_CASE("html: duplicate and clashing anchors still give unique ids", "[html]") {
  Report r = full_report();
  r.sections[0].anchor = "summary-heading";
  r.sections[0].blocks.push_back(para("1.2", "uae-rights", t("Same anchor as 6.1.")));
  r.sections[0].blocks.push_back(para("1.3", "fnref-1", t("Clashes with a footnote reference.")));
  r.sections[0].blocks.push_back(para("1.4", "with space", t("Spaces are not allowed in ids.")));
  r.sections[0].blocks.push_back(para("1.5", "   ", t("Blank anchor.")));
  std::string out = html(r);
  check_ids(out);
  CHECK(has(out,
            "<section id=\"summary-heading\" class=\"section\" "
            "aria-labelledby=\"summary-heading-heading\">"));
  CHECK(has(out, "aria-labelledby=\"summary-heading-2\">"));
  CHECK(has(out, "<p id=\"uae-rights\" class=\"para\"><span class=\"number\">1.2</span>"));
  CHECK(has(out, "<p class=\"para\"><span class=\"number\">6.1</span>"));
  CHECK_FALSE(has(out, "uae-rights-2"));
  CHECK(has(out, "<p id=\"with-space\" class=\"para\">"));
  CHECK(has(out, "<p class=\"para\"><span class=\"number\">1.5</span> Blank anchor.</p>"));
  // The first reference skips the id an anchor took.
  CHECK(has(out, "<sup><a href=\"#fn-1\" id=\"fnref-1-2\">1</a></sup>"));
  CHECK(has(out, "<sup><a href=\"#fn-1\" id=\"fnref-1-3\">1</a></sup>"));
  CHECK_FALSE(has(out, "id=\"\""));
}

TEST_CASE("html: control characters and broken UTF-8 become U+FFFD", "[html]") {
  std::string out = html(body({para("6.1", "",
                                    t("a\x01"
                                      "b\x7f"
                                      "c\xff"
                                      "d\xEF\xBF\xBE"
                                      "e\tf"))}));
  CHECK(has(out,
            "<span class=\"number\">6.1</span> a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD"
            "c\xEF\xBF\xBD"
            "d\xEF\xBF\xBD"
            "e\tf</p>"));
}

TEST_CASE("html: empty blocks print nothing", "[html]") {
  Block empty_list = list(ListStyle::bullet, {item("", "")});
  empty_list.anchor = "nothing";
  Block empty_table;
  empty_table.kind = Block::Kind::table;
  Block empty_quote;
  empty_quote.kind = Block::Kind::quote;
  empty_quote.children = {para("", "", {})};
  std::string out = html(
      body({para("", "", {}), empty_list, empty_table, empty_quote,
            para("6.1", "", {text("Only this, not "), xref("a list", "nothing"), text(".")})}));
  CHECK(
      has(out,
          "      <h2 id=\"discussions-heading\"><span class=\"number\">6</span> Discussions</h2>\n"
          "      <p class=\"para\"><span class=\"number\">6.1</span> Only this, not a list.</p>\n"
          "    </section>\n"));
}

TEST_CASE("html: markup nested beyond a hundred levels prints as text", "[html]") {
  constexpr int levels = 2000;
  Block top = list(ListStyle::bullet, {});
  Block* cur = &top;
  for (int i = 0; i < levels; ++i) {
    cur->items.push_back(item("\xC2\xB7", "level " + std::to_string(i)));
    cur->items.back().children.push_back(list(ListStyle::bullet, {}));
    cur = &cur->items.back().children.back();
  }
  cur->items.push_back(item("\xC2\xB7", "bottom"));

  Block p = para("6.1", "", {});
  p.text.resize(1);
  Inline* e = &p.text[0];
  for (int i = 0; i < levels; ++i) {
    e->kind = Inline::Kind::emph;
    e->children.resize(1);
    e = &e->children[0];
  }
  e->text = "deep <text>";

  std::string out = html(body({top, p}));
  CHECK(count(out, "<li>") == 100);
  CHECK(count(out, "<em>") == 100);
  CHECK(has(out, "<p>\xC2\xB7 level 100 \xC2\xB7 level 101 "));
  CHECK(has(out, "\xC2\xB7 level 1999 \xC2\xB7 bottom</p>\n"));
  CHECK(has(out, "<em>deep &lt;text&gt;</em></em>"));
  CHECK(out.substr(out.size() - 8) == "</html>\n");
}

TEST_CASE("html: a summary record's header, subjects and signatures", "[html]") {
  Report r = cwg::test::summary_record();
  const std::string out = html(r);
  CHECK(has(out,
            "    <h1>SUMMARY RECORD OF THE SECOND PLENARY MEETING</h1>\n"
            "    <p class=\"record-when\">Wednesday, 10\u00A0June 2026, from 0930 to 1225 "
            "hours</p>\n"
            "    <p class=\"record-chair\">Chairman: Mr P\u00E9ter Varga (Hungary)</p>\n"
            "  </header>\n"));
  CHECK(has(out, "    <div class=\"subjects\">\n      <table>\n"));
  CHECK(has(out, "<th scope=\"col\">Subjects discussed</th>"));
  CHECK(has(out,
            "    <div class=\"signatures\">\n"
            "      <div class=\"signature\">\n"
            "        <p class=\"signature-role\">The Secretary-General:</p>\n"
            "        <p class=\"signature-name\">Eva Lindqvist</p>\n"
            "      </div>\n"));
  // No summary box, and no signatures block without a signature.
  CHECK_FALSE(has(out, "class=\"summary-box\""));
  r.signatures = {{"", "", true}};
  r.record = {};
  const std::string bare = html(r);
  CHECK_FALSE(has(bare, "class=\"signatures\""));
  CHECK_FALSE(has(bare, "<div class=\"subjects\">"));
  CHECK_FALSE(has(bare, "class=\"record-when\""));
}

TEST_CASE("html: a part left blank on purpose prints its label alone", "[html]") {
  Report r = report();
  r.cover.right = {{"agenda_item", "Agenda item:", "", true},
                   {"symbol", "Document", "", true},
                   {"original", "Original:", "", false}};  // not blank: nothing
  r.blank_action = true;
  r.blank_references = true;
  std::string out = html(r);
  CHECK(has(out,
            "      <div class=\"cover-right\">\n"
            "        <p class=\"cover-agenda-item\"><span class=\"label\">Agenda item:</span></p>\n"
            "        <p class=\"cover-symbol\"><span class=\"label\">Document</span></p>\n"
            "      </div>\n"));
  CHECK_FALSE(has(out, "Original"));
  CHECK(has(out,
            "    <section class=\"summary-box\" aria-labelledby=\"action-heading\">\n"
            "      <div class=\"part action\">\n"
            "        <h2 id=\"action-heading\">Action required</h2>\n"
            "      </div>\n"
            "      <div class=\"part references\">\n"
            "        <h2>References</h2>\n"
            "      </div>\n"
            "    </section>\n"));
}

TEST_CASE(
    "html: text in the original's language is a span with its lang, and dir where it "
    "runs the other way",
    "[html]") {
  const Inline english = cwg::test::node(Inline::Kind::foreign, "en", "", t("Contributions"));
  Report r = body({para("5", "", {english})});
  r.language = "fr";
  CHECK(has(html(r), "<span class=\"number\">5</span> <span lang=\"en\">Contributions</span></p>"));
  // In a right-to-left report it is isolated in its own direction, so that
  // a full stop at its end stays at its end.
  r.language = "ar";
  CHECK(has(html(r), "<span lang=\"en\" dir=\"ltr\">Contributions</span>"));
  // A tag of the wrong shape is not printed; the text is.
  r.sections[0].blocks[0].text[0].text = "en\" onmouseover=\"x";
  const std::string broken = html(r);
  CHECK(has(broken, "<span class=\"number\">5</span> Contributions</p>"));
  CHECK_FALSE(has(broken, "onmouseover"));
  // Nothing inside: no empty span.
  r.sections[0].blocks[0].text = {cwg::test::node(Inline::Kind::foreign, "en", "", {})};
  CHECK_FALSE(has(html(r), "<span lang=\"en\""));
}

TEST_CASE("html: for paged media, the text beside a span of the other direction is marked",
          "[html]") {
  // WeasyPrint does not isolate the span: the runs around it start with
  // the report's direction mark, the span's text with its own.
  cwg::RenderOptions paged;
  paged.paged_media = true;
  const Inline english =
      cwg::test::node(Inline::Kind::foreign, "en", "", t("Financial report for 2025"));
  Report r = body({para("5", "", {text("3 "), english, text(" ok")})});
  r.language = "ar";
  const std::string lrm = "&#x200e;", rlm = "&#x200f;";
  CHECK(has(cwg::render_html(r, paged), "<span class=\"number\">5</span> " + rlm + "3 " + rlm +
                                            "<span lang=\"en\" dir=\"ltr\">" + lrm +
                                            "Financial report for 2025" + lrm + "</span>" + rlm +
                                            " ok</p>"));
  // A symbol before it: its run is laid out right to left, the colon on
  // the side of the title.
  r.sections[0].blocks[0].text = {text("CWG-COP-14/2: "), english};
  CHECK(has(cwg::render_html(r, paged), "> " + rlm + "CWG-COP-14/2: " + rlm + "<span lang="));
  // The other way round in a left-to-right report.
  r.language = "en";
  r.sections[0].blocks[0].text = {
      text("3 "), cwg::test::node(Inline::Kind::foreign, "ar", "", t("\u0645\u0644\u062e\u0635"))};
  CHECK(has(cwg::render_html(r, paged), lrm + "3 " + lrm + "<span lang=\"ar\" dir=\"rtl\">" + rlm));
  // The same language's direction, or the HTML for browsers: no mark.
  r.language = "fr";
  r.sections[0].blocks[0].text = {text("3 "), english};
  CHECK_FALSE(has(cwg::render_html(r, paged), "&#x20"));
  r.language = "ar";
  CHECK_FALSE(has(html(r), "&#x20"));
}
