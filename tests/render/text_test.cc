// Tests of the plain-text renderer and of the helpers the renderers share:
// the sample report's layout, wrapping, tables by display width.
#include <catch2/catch.hpp>
#include <string>

#include "cwgreport/render.h"
#include "render/render.h"
#include "render/tree_builders.h"

namespace {

using namespace cwg;
using namespace cwg::tree;
using namespace cwg::test;

std::string text(const Report& r, int width = 0) {
  RenderOptions opts;
  opts.width = width;
  return render_text(r, opts);
}

const std::string nbsp = "\u00A0";

}  // namespace

TEST_CASE("text: the sample report's layout", "[text]") {
  Report r = report();
  r.title = "OUTCOME OF THE 14TH MEETING OF THE COUNCIL WORKING GROUP ON CHILD ONLINE PROTECTION";
  r.summary = {para("", t("This report summarizes the main results of the 14th meeting."))};
  r.action = {para("", t("The Council is invited to take note of the report."))};
  r.references = t("Resolution 179 (Rev. Busan, 2014), Council Resolution 1306");
  r.sections.push_back(section(
      "1", "Introduction",
      {para("1.1", t("The 14th meeting of CWG-COP was held on 23" + nbsp + "January 2018."))}));
  r.sections.push_back(section("2", "Welcoming remarks",
                               {para("2.1", t("The Deputy Secretary-General opened the meeting.")),
                                para("2.2", t("The Chair welcomed the participants."))}));
  r.sections.push_back(
      section("4", "Information reports",
              {para("4.1", t("The following documents were presented by the ITU secretariat:"),
                    {list(ListStyle::bullet,
                          {item("·", "CWG-COP-14/2:" + nbsp + "Update on the ITU COP Initiative"),
                           item("·", "CWG-COP-14/10:" + nbsp + "Contribution from BDT")})})}));
  r.signature = {"Ibrahim Al Dabal (UAE)", "Chair, CWG-COP"};

  CHECK(text(r) ==
        "OUTCOME OF THE 14TH MEETING OF THE COUNCIL WORKING GROUP ON CHILD ONLINE PROTECTION\n"
        "\n"
        "Summary\n"
        "This report summarizes the main results of the 14th meeting.\n"
        "Action required\n"
        "The Council is invited to take note of the report.\n"
        "____________\n"
        "References\n"
        "Resolution 179 (Rev. Busan, 2014), Council Resolution 1306\n"
        "\n"
        "1\tIntroduction\n"
        "1.1\tThe 14th meeting of CWG-COP was held on 23\u00A0January 2018.\n"
        "\n"
        "2\tWelcoming remarks\n"
        "2.1\tThe Deputy Secretary-General opened the meeting.\n"
        "2.2\tThe Chair welcomed the participants.\n"
        "\n"
        "4\tInformation reports\n"
        "4.1\tThe following documents were presented by the ITU secretariat:\n"
        "· CWG-COP-14/2:\u00A0Update on the ITU COP Initiative\n"
        "· CWG-COP-14/10:\u00A0Contribution from BDT\n"
        "\n"
        "Ibrahim Al Dabal (UAE)\n"
        "Chair, CWG-COP\n");
}

TEST_CASE("cover: a label's gap, none after a full-width colon", "[text]") {
  // A Chinese label ends with "：", which carries its own space.
  Report r = report();
  CoverField field{"agenda_item", "\u8BAE\u9879\uFF1A", "PL 1.5"};
  field.gap = "";
  r.cover.right = {field};
  RenderOptions opts;
  for (const std::string& out : {render_text(r, opts), render_markdown(r, opts)}) {
    CHECK(out.find("\u8BAE\u9879\uFF1APL 1.5") != std::string::npos);
    CHECK(out.find("\uFF1A ") == std::string::npos);
  }
  CHECK(render_html(r, opts).find("\uFF1A</span><span class=\"value\">PL 1.5") !=
        std::string::npos);
}

TEST_CASE("text: cover block, source line and annexes", "[text]") {
  Report r = report();
  r.cover.left = {{"session", "", "Council 2020"}, {"place_dates", "", "Geneva, 9-19 June 2020"}};
  r.cover.right = {{"agenda_item", "Agenda item:", "PL 1.5"},
                   {"symbol", "Document", "C20/57-E"},
                   {"date", "", "12 May 2020"},
                   {"original", "Original:", "English"}};
  r.cover.source_line =
      "Report by the Chair of the Council Working Group on Child Online Protection";
  r.title = "OUTCOME OF THE 15TH AND 16TH MEETINGS";
  r.sections.push_back(section("1", "Introduction", {para("1.1", t("See Annex 1."))}));
  r.annexes.push_back(section("Annex 1", "List of participants", {para("", t("Argentina"))}));

  CHECK(text(r) ==
        "Council 2020\n"
        "Geneva, 9-19 June 2020\n"
        "Agenda item: PL 1.5\n"
        "Document C20/57-E\n"
        "12 May 2020\n"
        "Original: English\n"
        "Report by the Chair of the Council Working Group on Child Online Protection\n"
        "\n"
        "OUTCOME OF THE 15TH AND 16TH MEETINGS\n"
        "\n"
        "1\tIntroduction\n"
        "1.1\tSee Annex 1.\n"
        "\n"
        "Annex 1\tList of participants\n"
        "Argentina\n");
}

TEST_CASE("text: a missing field prints nothing", "[text]") {
  Report r = report();
  r.summary = {para("", t("Only a summary."))};
  CHECK(text(r) == "Summary\nOnly a summary.\n");

  Report action_only = report();
  action_only.action = {para("", t("Take note."))};
  CHECK(text(action_only) == "Action required\nTake note.\n");

  CHECK(text(Report{}) == "\n");

  Report no_role;
  no_role.signature.name = "A. Chair";
  CHECK(text(no_role) == "A. Chair\n");
}

TEST_CASE("text: unnumbered and continuation paragraphs", "[text]") {
  Report r = report();
  r.sections.push_back(section(
      "3", "Adoption of the agenda",
      {para("", t("Some unnumbered text.")),
       para("3.1", t("The agenda was adopted."), {para("", t("It was adopted as drafted."))}),
       para("3.2", {})}));
  r.sections.push_back(section("", "Unnumbered heading", {para("", t("Text."))}));
  CHECK(text(r) ==
        "3\tAdoption of the agenda\n"
        "Some unnumbered text.\n"
        "3.1\tThe agenda was adopted.\n"
        "\tIt was adopted as drafted.\n"
        "3.2\n"
        "\n"
        "Unnumbered heading\n"
        "Text.\n");
}

TEST_CASE("text: nested lists with lettered and roman markers", "[text]") {
  Block inner = list(ListStyle::roman, {item("i)", "first detail"), item("ii)", "second detail")});
  Block outer =
      list(ListStyle::alpha, {item("a)", "first point", {inner}), item("b)", "second point")});
  Block dashes = list(ListStyle::dash,
                      {item("–", "a dash item", {list(ListStyle::number, {item("1)", "deep")})})});
  Report r = body({para("5.1", t("The meeting agreed:"), {outer, dashes})});
  CHECK(text(r) ==
        "5.1\tThe meeting agreed:\n"
        "a) first point\n"
        "    i) first detail\n"
        "    ii) second detail\n"
        "b) second point\n"
        "– a dash item\n"
        "    1) deep\n");
}

TEST_CASE("text: a list item's further paragraph lines up under its text", "[text]") {
  Report r = body({list(ListStyle::alpha, {item("a)", "first", {para("", t("more"))})})});
  CHECK(text(r) ==
        "a) first\n"
        "   more\n");
}

TEST_CASE("text: quotes keep their own numbering and elisions", "[text]") {
  Block quote;
  quote.kind = Block::Kind::quote;
  quote.text = t("Resolution 179 (Rev. Busan, 2014) resolves:");
  Block elision;
  elision.kind = Block::Kind::elision;
  quote.children = {para("1", t("to continue the COP initiative;")), elision,
                    para("1.1", t("to take into account the children's views.")),
                    para("", t("unnumbered quoted text"))};
  Report r =
      body({para("6.11", t("The proposal quotes:"), {quote}), para("6.12", t("Next paragraph."))});
  CHECK(text(r) ==
        "6.11\tThe proposal quotes:\n"
        "    Resolution 179 (Rev. Busan, 2014) resolves:\n"
        "    1\tto continue the COP initiative;\n"
        "    [...]\n"
        "    1.1\tto take into account the children's views.\n"
        "    unnumbered quoted text\n"
        "6.12\tNext paragraph.\n");
}

TEST_CASE("text: tables are aligned by display width", "[text]") {
  Block b;
  b.kind = Block::Kind::table;
  b.table.caption = t("Table 1: Subjects");
  b.table.align = {Align::left, Align::right};
  b.table.header = {t("Subjects discussed"), t("Documents")};
  b.table.rows = {
      {t("日本語の報告"), t("3")},                  // wide: 12 columns
      {t("Re\u0301sume\u0301"), t("14/2, 14/10")},  // combining accents: 6 columns
      {t("Côte d'Ivoire"), {txt("line"), node(Inline::Kind::linebreak), txt("break")}},
  };
  Report r = body({b});
  CHECK(text(r) ==
        "Table 1: Subjects\n"
        "Subjects discussed    Documents\n"
        "------------------  -----------\n"
        "日本語の報告                  3\n"
        "Re\u0301sume\u0301              14/2, 14/10\n"
        "Côte d'Ivoire        line break\n");
}

TEST_CASE("text: footnotes and their references", "[text]") {
  Report r = body({para("1.1", {txt("Approximately 50 participants"),
                                node(Inline::Kind::footnote_ref, "1", "fn-1"), txt(".")})});
  r.footnotes = {{"1", "fn-1", t("Both physically and remotely.")},
                 {"2", "fn-2", t("Second note.")}};
  r.signature = {"Ibrahim Al Dabal (UAE)", "Chair, CWG-COP"};
  CHECK(text(r) ==
        "1.1\tApproximately 50 participants[1].\n"
        "\n"
        "Ibrahim Al Dabal (UAE)\n"
        "Chair, CWG-COP\n"
        "\n"
        "____________\n"
        "[1] Both physically and remotely.\n"
        "[2] Second note.\n");
}

TEST_CASE("text: links print their address, cross-references their text", "[text]") {
  Inlines in = {txt("See "),
                node(Inline::Kind::link, "", "https://www.itu.int/cop", t("the COP site")),
                txt(", "),
                node(Inline::Kind::link, "", "https://itu.int", t("https://itu.int")),
                txt(", "),
                node(Inline::Kind::link, "", "mailto:cop@itu.int", t("cop@itu.int")),
                txt(", paragraph "),
                node(Inline::Kind::xref, "6.3", "para-6-3"),
                txt(" and "),
                node(Inline::Kind::emph, "", "", {node(Inline::Kind::code, "ICCAM")}),
                node(Inline::Kind::softbreak),
                txt("continued.")};
  Report r = body({para("7.5", in)});
  CHECK(text(r) ==
        "7.5\tSee the COP site (https://www.itu.int/cop), https://itu.int, cop@itu.int, "
        "paragraph 6.3 and ICCAM continued.\n");
}

TEST_CASE("text: wrapping at 40 columns with a hanging indent", "[text]") {
  Report r = report();
  r.sections.push_back(
      section("6", "Discussions",
              {para("6.1", t("The representative from the UAE presented the activities related to "
                             "Resolution" +
                             nbsp + "1306 in a digital world.")),
               para("", t("An unnumbered paragraph that is long enough to wrap.")),
               para("6.2", t("Short."),
                    {list(ListStyle::bullet, {item("·", "CWG-COP-14/2:" + nbsp +
                                                            "Update on the ITU Child Online "
                                                            "Protection Initiative")})})}));
  r.annexes.push_back(section("Annex 1", "A heading that is much longer than forty columns", {}));
  r.title = "OUTCOME OF THE FOURTEENTH MEETING OF THE WORKING GROUP";
  CHECK(text(r, 40) ==
        "OUTCOME OF THE FOURTEENTH MEETING OF THE\n"
        "WORKING GROUP\n"
        "\n"
        "6       Discussions\n"
        "6.1     The representative from the UAE\n"
        "        presented the activities related\n"
        "        to Resolution\u00A01306 in a digital\n"
        "        world.\n"
        "An unnumbered paragraph that is long\n"
        "enough to wrap.\n"
        "6.2     Short.\n"
        "· CWG-COP-14/2:\u00A0Update on the ITU Child\n"
        "  Online Protection Initiative\n"
        "\n"
        "Annex 1 A heading that is much longer\n"
        "        than forty columns\n");
}

TEST_CASE("text: a non-breaking space never breaks a line", "[text]") {
  // "Resolution 1306" and "23 January" would break at 20 columns if the
  // spaces between them were ordinary ones.
  Report r = body({para("1.1", t("Under Resolution\u00A01306 on 23\u202FJanuary 2018."))});
  CHECK(text(r, 20) ==
        "1.1     Under\n"
        "        Resolution\u00A01306\n"
        "        on\n"
        "        23\u202FJanuary\n"
        "        2018.\n");
}

TEST_CASE("text: wrapped footnotes and quotes", "[text]") {
  Block quote;
  quote.kind = Block::Kind::quote;
  quote.children = {para("1.1", t("to invite Member States to share experience"))};
  Report r = body({quote});
  r.footnotes = {{"1", "fn-1", t("A footnote that needs two lines.")}};
  CHECK(text(r, 30) ==
        "    1.1     to invite Member\n"
        "            States to share\n"
        "            experience\n"
        "\n"
        "____________\n"
        "[1] A footnote that needs two\n"
        "    lines.\n");
}

TEST_CASE("text: control characters never reach the terminal", "[text]") {
  Report r = body({para("1.1", t("bell\a escape\x1b[31m c1\u0085 tab\tkept"))});
  r.title = "TITLE\x7F";
  CHECK(text(r) ==
        "TITLE\uFFFD\n"
        "\n"
        "1.1\tbell\uFFFD escape\uFFFD[31m c1\uFFFD tab\tkept\n");
}

TEST_CASE("text: rendering is a pure function of the tree", "[text]") {
  Report r = body({para("1.1", t("Same bytes."))});
  CHECK(text(r) == text(r));
  CHECK(text(r, 40) == text(r, 40));
}

TEST_CASE("render helpers: wrap", "[render]") {
  using detail::wrap;
  using V = std::vector<std::string>;
  CHECK(wrap("one two three", 0, "> ", "  ") == V{"> one two three"});
  CHECK(wrap("one two three", 9, "> ", "  ") == V{"> one two", "  three"});
  CHECK(wrap("a https://www.itu.int/en/council/cwg-cop b", 10, "", "") ==
        V{"a", "https://www.itu.int/en/council/cwg-cop", "b"});
  CHECK(wrap("first\nsecond", 0, "1.1\t", "\t") == V{"1.1\tfirst", "\tsecond"});
  CHECK(wrap("日本語 日本語", 10, "", "") == V{"日本語", "日本語"});
  CHECK(wrap("", 10, "4.1 ", "    ") == V{"4.1 "});
}

TEST_CASE("render helpers: flatten, pad and column widths", "[render]") {
  Inlines in = {node(Inline::Kind::strong, "", "", t("Bold")), node(Inline::Kind::linebreak),
                node(Inline::Kind::link, "", "https://x.org", {})};
  CHECK(detail::flatten(in) == "Bold\nhttps://x.org");
  CHECK(detail::pad("日本", 6, Align::right) == "  日本");
  CHECK(detail::pad("ab", 6, Align::center) == "  ab  ");
  CHECK(detail::pad("abcdef", 3) == "abcdef");
  CHECK(detail::column_widths({{"a", "日本"}, {"abc", "x"}}) == std::vector<int>{3, 4});
}

TEST_CASE("render helpers: output formats", "[render]") {
  auto formats = output_formats();
  REQUIRE(formats.size() == 4);
  CHECK(formats[0].name == "md");
  CHECK(formats[0].extension == "md");
  CHECK(formats[1].name == "html");
  CHECK(formats[1].extension == "html");
  CHECK(formats[2].name == "txt");
  CHECK(formats[2].extension == "txt");
  CHECK(formats[3].name == "docx");
  CHECK(formats[3].extension == "docx");
  // A build without -f writes the text formats; a DOCX is asked for.
  CHECK(formats[0].by_default);
  CHECK_FALSE(formats[3].by_default);
  REQUIRE(find_output_format("txt") != nullptr);
  using Writer = void (*)(const tree::Report&, const RenderOptions&, OutputSink&);
  CHECK(find_output_format("txt")->write == Writer{&render_text});
  CHECK(find_output_format("md")->write == Writer{&render_markdown});
  CHECK(find_output_format("docx")->write == Writer{&render_docx});
  CHECK(find_output_format("odt") == nullptr);
}

TEST_CASE("text: a summary record's header, subjects and signatures side by side", "[text]") {
  Report r = summary_record();
  const std::string out = text(r);
  CHECK(out ==
        "SUMMARY RECORD OF THE SECOND PLENARY MEETING\n"
        "\n"
        "Wednesday, 10" +
            nbsp +
            "June 2026, from 0930 to 1225 hours\n"
            "Chairman: Mr P\u00E9ter Varga (Hungary)\n"
            "\n"
            "Subjects discussed            Documents\n"
            "----------------------------  ---------\n"
            "1 Strategic plan (continued)  C26/35\n"
            "2 Future sessions             C26/8\n"
            "\n"
            "1\tStrategic plan (continued)\n"
            "1.1\tThe Council took note of C26/35.\n"
            "\n"
            "The Secretary-General:        The Chairman:\n"
            "Eva Lindqvist                 P\u00E9ter Varga\n");

  // A role below the name, and a line too narrow for two columns.
  r.signatures[1].role_above = false;
  const std::string narrow = text(r, 30);
  CHECK(
      narrow.ends_with("The Secretary-General:\n"
                       "Eva Lindqvist\n"
                       "\n"
                       "P\u00E9ter Varga\n"
                       "The Chairman:\n"));
}

// In a right-to-left report the columns run right to left: each line of a
// signature is an isolate of its own, so that the first signature stands on
// the right and each name under its role, whichever way each is written.
// As one left-to-right run, "The Secretary-General:        The Chairman"
// put the English roles left to right over Arabic names laid out right to
// left, and left the last role's colon outside.
TEST_CASE("text: a right-to-left report's signatures: each line of a column isolated", "[text]") {
  const std::string fsi = "\u2068", pdi = "\u2069", rlm = "\u200F";
  Report r = summary_record();
  r.language = "ar";
  const std::string out = text(r);
  // Each line starts with a RIGHT-TO-LEFT MARK: what isolates hold does not
  // count for a line's direction, which a viewer may take from its first
  // strong character.
  CHECK(out.ends_with(rlm + fsi + "The Secretary-General:" + pdi + "        " + rlm + fsi +
                      "The Chairman:" + pdi + "\n" + rlm + fsi + "Eva Lindqvist" + pdi +
                      "                 " + rlm + fsi + "P\u00E9ter Varga" + pdi + "\n"));
  // A left-to-right report's are left as they are.
  r.language = "en";
  CHECK(text(r).find(fsi) == std::string::npos);
}

TEST_CASE("text: a part left blank on purpose prints its label alone", "[text]") {
  Report r = report();
  r.cover.right = {{"agenda_item", "Agenda item:", "", true},
                   {"symbol", "Document", "", true},
                   {"original", "Original:", "", false}};  // not blank: nothing
  r.blank_action = true;
  r.blank_references = true;
  CHECK(text(r) ==
        "Agenda item:\n"
        "Document\n"
        "\n"
        "Action required\n"
        "____________\n"
        "References\n");
}

TEST_CASE("text: the table of contents aligns the headings after the widest number", "[text]") {
  Report r = report();
  r.contents = {{"1.", "Introduction", "intro", ""},
                {"Annex 10", "Participants in the meeting and the consultation", "people", ""}};
  r.preamble = {para("", t("Before section 1."))};
  r.sections = {section("1.", t("Introduction"), {para("1.1.", t("Text."))})};
  CHECK(text(r) ==
        "Contents\n"
        "1.        Introduction\n"
        "Annex 10  Participants in the meeting and the consultation\n"
        "\n"
        "Before section 1.\n"
        "\n"
        "1.\tIntroduction\n"
        "1.1.\tText.\n");
  // Wrapped, a long heading goes on under itself.
  CHECK(
      text(r, 40).starts_with("Contents\n"
                              "1.        Introduction\n"
                              "Annex 10  Participants in the meeting\n"
                              "          and the consultation\n"));
}

TEST_CASE("text: a right-to-left report isolates untranslated text whole, line by line", "[text]") {
  const std::string lri = "\u2066", pdi = "\u2069";
  const Inlines english = {
      node(Inline::Kind::foreign, "en", "", t("The Chair (UAE) opened the meeting."))};
  Report r = body({para("1.1", {txt("\u0642\u0627\u0644: "), english[0]})});
  r.language = "ar";
  // The sentence is one isolate, its full stop inside; the number is a
  // left-to-right run of its own.
  CHECK(text(r).find(lri + "1.1" + pdi + "\t\u0642\u0627\u0644: " + lri +
                     "The Chair (UAE) opened the meeting." + pdi + "\n") != std::string::npos);
  // Wrapped, each line closes the isolate it leaves open, and the next line
  // opens it again after its indent: a viewer ends every isolate at the end
  // of a line.
  const std::string wrapped = text(r, 30);
  CHECK(wrapped.find(lri + "The Chair (UAE)" + pdi + "\n") != std::string::npos);
  CHECK(wrapped.find("\n        " + lri + "opened the meeting." + pdi + "\n") != std::string::npos);
  // A language written the same way as the report's is not isolated.
  r.language = "fr";
  CHECK(text(r).find(lri) == std::string::npos);
}

TEST_CASE("text: a left-to-right report isolates right-to-left text, balanced on each line",
          "[text]") {
  const std::string rli = "\u2067", pdi = "\u2069";
  const std::string arabic =
      "\u0648\u0627\u0641\u0642 \u0627\u0644\u0627\u062C\u062A\u0645\u0627\u0639 "
      "\u0639\u0644\u0649 \u0627\u0644\u062A\u0642\u0631\u064A\u0631.";
  Report r =
      body({para("7.1", {txt("It said: "), node(Inline::Kind::foreign, "ar", "", t(arabic))})});
  r.language = "en";
  CHECK(text(r).find("7.1\tIt said: " + rli + arabic + pdi + "\n") != std::string::npos);
  // Wrapped, every line that holds part of it opens and closes its own
  // isolate; the numbers and the English words are not isolated.
  const std::string wrapped = text(r, 24);
  std::size_t lines = 0;
  for (std::size_t at = 0, nl; (nl = wrapped.find('\n', at)) != std::string::npos; at = nl + 1) {
    const std::string line = wrapped.substr(at, nl - at);
    if (line.find(rli) == std::string::npos) continue;
    ++lines;
    CHECK(line.size() >= pdi.size());
    CHECK(line.compare(line.size() - pdi.size(), pdi.size(), pdi) == 0);
  }
  CHECK(lines >= 2);
  CHECK(wrapped.find("\u2066") == std::string::npos);
}
