// Tests of the DOCX renderer: the package opened with libzip, as a word
// processor opens it, and the WordprocessingML a user relies on found in its
// parts. tests/output_checks/docx.sh opens the examples in LibreOffice and
// pandoc.
#include <zip.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "cwgreport/render.h"
#include "render/tree_builders.h"

namespace {

using namespace cwg;
using namespace cwg::tree;
using namespace cwg::test;

// The parts of a zip held in memory, by name, in the order of the archive.
struct Package {
  std::vector<std::string> names;
  std::map<std::string, std::string> parts;
  const std::string& operator[](const std::string& name) const {
    auto it = parts.find(name);
    if (it == parts.end()) FAIL("no part " << name);
    return it->second;
  }
};

Package unzip(const std::string& bytes) {
  Package p;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  REQUIRE(source != nullptr);
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  REQUIRE(archive != nullptr);
  zip_int64_t n = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    auto index = static_cast<zip_uint64_t>(i);
    zip_stat_t st;
    REQUIRE(zip_stat_index(archive, index, 0, &st) == 0);
    std::string name = st.name;
    zip_file_t* file = zip_fopen_index(archive, index, 0);
    REQUIRE(file != nullptr);
    std::string data(static_cast<std::size_t>(st.size), '\0');
    REQUIRE(zip_fread(file, data.data(), st.size) == static_cast<zip_int64_t>(st.size));
    zip_fclose(file);
    CHECK(st.comp_method == ZIP_CM_DEFLATE);
    p.names.push_back(name);
    p.parts.emplace(name, std::move(data));
  }
  zip_close(archive);
  zip_error_fini(&error);
  return p;
}

Package docx(const Report& r, const RenderOptions& opts = {}) {
  return unzip(render_docx(r, opts));
}

bool has(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

Inline footnote_ref(const std::string& n) { return node(Inline::Kind::footnote_ref, n, "fn-" + n); }

Report sample() {
  Report r = report();
  r.short_title = "CWG-COP: outcome of the 14th meeting";
  r.title = "OUTCOME OF THE 14TH MEETING";
  r.cover.left = {{"session", "", "Council 2020"}};
  r.cover.right = {{"agenda_item", "Agenda item:", "PL 1.5"}, {"symbol", "Document", "C20/57-E"}};
  r.summary = {para("", t("The summary."))};
  Block numbered = para("6.3", {txt("See "), node(Inline::Kind::xref, "6.4", "p64"),
                                txt(" and the "), footnote_ref("1")});
  Block target = para("6.4", t("The target."), {}, "p64");
  Block letters = list(ListStyle::alpha, {item("a)", "first"), item("b)", "second")});
  Block grid = table({t("Item"), t("Subject")}, {{t("1"), t("Opening")}});
  Block links =
      para("6.5", {node(Inline::Kind::link, "", "https://itu.int/x?a=1&b=2", t("ITU")), txt(" "),
                   node(Inline::Kind::link, "", "javascript:alert(1)", t("bad"))});
  r.sections.push_back(
      section("6", t("Discussions"), {numbered, target, letters, grid, links}, "s6"));
  Footnote fn;
  fn.number = "1";
  fn.anchor = "fn-1";
  fn.text = t("The note.");
  r.footnotes.push_back(fn);
  r.signature = {"Ibrahim Al Dabal (UAE)", "Chair, CWG-COP"};
  return r;
}

}  // namespace

TEST_CASE("a DOCX is the package Word opens", "[docx]") {
  Package p = docx(sample());
  REQUIRE_FALSE(p.names.empty());
  CHECK(p.names.front() == "[Content_Types].xml");
  for (const char* name :
       {"_rels/.rels", "docProps/core.xml", "docProps/app.xml", "word/document.xml",
        "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml",
        "word/numbering.xml", "word/footnotes.xml", "word/header1.xml", "word/header2.xml"}) {
    INFO(name);
    CHECK(p.parts.count(name) == 1);
    // Each part but the relationships has its content type.
    if (!has(name, "_rels"))
      CHECK(has(p["[Content_Types].xml"], "PartName=\"/" + std::string(name) + "\""));
  }
}

TEST_CASE("a DOCX is laid out as an ITU document", "[docx]") {
  Package p = docx(sample());
  const std::string& doc = p["word/document.xml"];
  const std::string& styles = p["word/styles.xml"];
  SECTION("A4, with the running header from page 2") {
    CHECK(has(doc, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
    CHECK(has(doc, "<w:titlePg/>"));
    CHECK(has(doc, "<w:headerReference w:type=\"default\" r:id=\"rId8\"/>"));
    CHECK(has(p["word/_rels/document.xml.rels"],
              "Id=\"rId8\" "
              "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" "
              "Target=\"header1.xml\""));
    const std::string& header = p["word/header1.xml"];
    CHECK(has(header, "- </w:t>"));
    CHECK(has(header, "<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"));
    CHECK(has(header, ">C20/57-E</w:t>"));
    CHECK_FALSE(has(p["word/header2.xml"], "PAGE"));
  }
  SECTION("Calibri, which LibreOffice sets in Carlito") {
    CHECK(has(styles, "<w:rFonts w:ascii=\"Calibri\""));
    CHECK(
        has(p["word/fontTable.xml"], "<w:font w:name=\"Calibri\"><w:altName w:val=\"Carlito\"/>"));
  }
  SECTION("the cover as a two-column table, the box in a frame") {
    CHECK(has(doc, "<w:gridCol w:w=\"5783\"/><w:gridCol w:w=\"3855\"/>"));
    CHECK(has(doc, ">Council 2020</w:t>"));
    CHECK(has(doc, "<w:rPr><w:b/></w:rPr><w:t>C20/57-E</w:t>"));
    CHECK(has(doc, "<w:tblBorders><w:top w:val=\"single\""));
    CHECK(has(doc, ">Summary</w:t>"));
  }
  SECTION("headings are Word's, with an outline level") {
    CHECK(has(doc, "<w:pStyle w:val=\"Heading1\"/>"));
    CHECK(has(styles, "w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"));
    CHECK(has(styles, "<w:outlineLvl w:val=\"0\"/>"));
  }
  SECTION("numbered paragraphs: the number, a TAB, a hanging indent") {
    CHECK(has(doc,
              "<w:pPr><w:pStyle w:val=\"ParaNumbered\"/></w:pPr><w:r><w:t>6.3</w:t></w:r>"
              "<w:r><w:tab/></w:r>"));
    CHECK(has(styles, "w:styleId=\"ParaNumbered\">"));
    CHECK(has(styles, "<w:ind w:left=\"851\" w:hanging=\"851\"/>"));
  }
  SECTION("a cross-reference links to the bookmark of its label") {
    CHECK(has(doc, "<w:hyperlink w:anchor=\"p64\"><w:r><w:t>6.4</w:t>"));
    CHECK(has(doc, " w:name=\"p64\"/>"));
    CHECK(has(doc, "<w:bookmarkStart w:id=\"0\" w:name=\"s6\"/>"));
  }
  SECTION("a footnote is Word's") {
    CHECK(has(doc, "<w:footnoteReference w:id=\"1\"/>"));
    const std::string& notes = p["word/footnotes.xml"];
    CHECK(has(notes, "<w:footnote w:type=\"separator\" w:id=\"-1\">"));
    CHECK(has(notes, "<w:footnote w:id=\"1\">"));
    CHECK(has(notes, "<w:footnoteRef/>"));
    CHECK(has(notes, ">The note.</w:t>"));
  }
  SECTION("a list is numbered by Word, from a) in every list") {
    CHECK(has(doc, "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>"));
    const std::string& numbering = p["word/numbering.xml"];
    CHECK(has(numbering, "<w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"%1)\"/>"));
    CHECK(has(numbering, "<w:startOverride w:val=\"1\"/>"));
    CHECK_FALSE(has(doc, ">a)</w:t>"));
  }
  SECTION("a table repeats its header row on each page") {
    CHECK(has(doc, "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"));
    CHECK(has(doc, ">Subject</w:t>"));
  }
  SECTION("links: http as an external relationship, javascript: as text") {
    const std::string& rels = p["word/_rels/document.xml.rels"];
    CHECK(has(rels, "Target=\"https://itu.int/x?a=1&amp;b=2\" TargetMode=\"External\""));
    CHECK_FALSE(has(rels, "javascript"));
    CHECK(has(doc, ">bad</w:t>"));
    CHECK_FALSE(has(doc, "javascript"));
  }
  SECTION("the document's properties: title and symbol") {
    const std::string& core = p["docProps/core.xml"];
    CHECK(has(core, "<dc:title>CWG-COP: outcome of the 14th meeting</dc:title>"));
    CHECK(has(core, "<dc:subject>C20/57-E</dc:subject>"));
    CHECK_FALSE(has(core, "dcterms:created"));
  }
}

TEST_CASE("a DOCX of a group's own document: its header, no box", "[docx]") {
  Report r = report();
  r.kind = DocumentKind::group_document;
  r.title = "DRAFT REPORT OF THE ELEVENTH MEETING";
  r.cover.left = {{"session", "", "Council Working Group on Testing"},
                  {"meeting", "", "Eleventh meeting \u2013 Geneva, 25-26\u00A0January 2018"}};
  r.cover.right = {{"symbol", "Document", "CWG-T-11/3-E"},
                   {"date", "", "12\u00A0January 2018"},
                   {"original", "", "English only"}};
  r.sections = {section("1", t("Introduction"), {para("1.1", t("Text."))})};
  Package p = docx(r);
  const std::string& doc = p["word/document.xml"];
  // The group's name where an outcome report's cover has the session, in its
  // style; the meeting line under it.
  CHECK(has(doc,
            "<w:pStyle w:val=\"CoverSession\"/></w:pPr><w:r><w:t>Council Working Group on "
            "Testing</w:t>"));
  CHECK(has(doc, ">Eleventh meeting \u2013 Geneva, 25-26\u00A0January 2018</w:t>"));
  CHECK(has(doc, "<w:rPr><w:b/></w:rPr><w:t>CWG-T-11/3-E</w:t>"));
  CHECK(has(doc, ">English only</w:t>"));
  CHECK(has(doc, ">DRAFT REPORT OF THE ELEVENTH MEETING</w:t>"));
  // No Summary box: no frame, no heading of it.
  CHECK_FALSE(has(doc, "<w:tblBorders><w:top w:val=\"single\""));
  CHECK_FALSE(has(doc, "Summary"));
}

TEST_CASE("a DOCX has the same bytes for the same report", "[docx]") {
  const Report r = sample();
  CHECK(render_docx(r, {}) == render_docx(r, {}));
  RenderOptions at;
  at.timestamp = "2018-01-23T09:30:00Z";
  Package p = docx(r, at);
  CHECK(has(p["docProps/core.xml"],
            "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2018-01-23T09:30:00Z</dcterms:created>"));
  CHECK(render_docx(r, at) == render_docx(r, at));
}

TEST_CASE("no character XML 1.0 forbids reaches a DOCX", "[docx]") {
  // A control, U+FFFE, U+FFFF, a lone continuation byte and markup.
  const std::string hostile =
      "a\x01"
      "b\xEF\xBF\xBE"
      "c\xEF\xBF\xBF"
      "d\x80"
      "e & <f> \"g\"";
  Report r = report();
  r.title = hostile;
  r.cover.right = {{"symbol", "", hostile}};
  r.sections.push_back(section("1", t(hostile), {para("1.1", t(hostile))}, hostile));
  Package p = docx(r);
  for (const auto& [name, xml] : p.parts) {
    INFO(name);
    for (char c : xml) {
      auto b = static_cast<unsigned char>(c);
      CHECK((b >= 0x20 || b == '\n'));
    }
    CHECK_FALSE(has(xml, "\xEF\xBF\xBE"));
    CHECK_FALSE(has(xml, "\xEF\xBF\xBF"));
    CHECK_FALSE(has(xml, "<f>"));
  }
  CHECK(has(p["word/document.xml"],
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD"
            "c\xEF\xBF\xBD"
            "d\xEF\xBF\xBD"
            "e &amp; &lt;f&gt; &quot;g&quot;"));
  // A bookmark's name keeps only letters, digits and "_", and 40 at most.
  CHECK(has(p["word/document.xml"], "w:name=\"a_b___c___d_e____f___g_\"/>"));
}

TEST_CASE("a DOCX summary record: its header lines, subjects and signatures", "[docx]") {
  Package p = docx(summary_record());
  const std::string& doc = p["word/document.xml"];
  // The day and hours and the chairman, centred under the title.
  auto when = doc.find(">Wednesday, 10\u00A0June 2026, from 0930 to 1225 hours</w:t>");
  REQUIRE(when != std::string::npos);
  auto props = doc.rfind("<w:pPr>", when);
  CHECK(doc.substr(props, when - props)
            .starts_with("<w:pPr><w:keepNext/><w:jc w:val=\"center\"/></w:pPr>"));
  CHECK(has(doc, ">Chairman: Mr P\u00E9ter Varga (Hungary)</w:t>"));
  // The table of subjects, before the first item, with its header row.
  auto subjects = doc.find(">Subjects discussed</w:t>");
  REQUIRE(subjects != std::string::npos);
  CHECK(subjects < doc.find(">Strategic plan (continued)</w:t>"));
  CHECK(has(doc, "<w:tblHeader/>"));
  // The signatures side by side: one row of two cells, the role first.
  auto table = doc.rfind("<w:tbl>");
  REQUIRE(table != std::string::npos);
  std::string signatures = doc.substr(table);
  CHECK(has(signatures, "<w:gridCol w:w=\"4819\"/><w:gridCol w:w=\"4819\"/>"));
  auto role = signatures.find(">The Secretary-General:</w:t>");
  auto name = signatures.find(">Eva Lindqvist</w:t>");
  auto second = signatures.find(">The Chairman:</w:t>");
  REQUIRE(role != std::string::npos);
  REQUIRE(name != std::string::npos);
  REQUIRE(second != std::string::npos);
  // A row per line: the two roles, then the two names.
  CHECK(role < second);
  CHECK(second < name);
  CHECK(signatures.find(">P\u00E9ter Varga</w:t>") > name);
}

TEST_CASE("a DOCX prints the label alone of a part left blank on purpose", "[docx]") {
  Report r = report();
  r.cover.right = {{"agenda_item", "Agenda item:", "", true},
                   {"symbol", "Document", "", true},
                   {"original", "Original:", "", false}};  // not blank: nothing
  r.blank_action = true;
  r.blank_references = true;
  const std::string doc = docx(r)["word/document.xml"];
  CHECK(has(doc, "<w:t>Agenda item:</w:t></w:r></w:p>"));
  CHECK(has(doc, "<w:t>Document</w:t></w:r></w:p>"));
  CHECK_FALSE(has(doc, "Original"));
  CHECK(has(doc, ">Action required</w:t>"));
  CHECK(has(doc, ">References</w:t></w:r></w:p></w:tc>"));
}

TEST_CASE("a DOCX's table of contents is a Word field whose lines link to the sections", "[docx]") {
  Report r = report();
  r.title = "OUTCOME OF THE 14TH MEETING";
  r.sections = {section("1", t("Introduction"), {para("1.1", t("Text."))}, "intro")};
  r.annexes = {section("Annex 1", t("Participants"), {para("", t("A list."))}, "people")};
  r.contents = {{"1", "Introduction", "intro", ""}, {"Annex 1", "Participants", "people", ""}};
  r.preamble = {para("", t("Before section 1."))};
  Package p = docx(r);
  const std::string& doc = p["word/document.xml"];
  CHECK(has(doc, "<w:pStyle w:val=\"TOCHeading\"/><w:keepNext/></w:pPr><w:r><w:t>Contents</w:t>"));
  // One field over the lines: it begins in the first and ends in the last.
  CHECK(
      has(doc, "<w:instrText xml:space=\"preserve\"> TOC \\o \"1-1\" \\h \\z \\n </w:instrText>"));
  CHECK(doc.find("w:fldCharType=\"begin\"") < doc.find(">Introduction</w:t>"));
  CHECK(doc.find("w:fldCharType=\"end\"") > doc.find(">Participants</w:t>"));
  // Each line is a link to the bookmark its section's heading carries.
  for (const char* anchor : {"intro", "people"}) {
    const std::string name = "w:name=\"" + std::string(anchor) + "\"";
    CHECK(has(doc, "<w:bookmarkStart w:id=\""));
    CHECK(has(doc, name));
    CHECK(has(doc, "<w:hyperlink w:anchor=\"" + std::string(anchor) + "\" w:history=\"1\">"));
  }
  CHECK(has(p["word/styles.xml"], "w:styleId=\"TOC1\"><w:name w:val=\"toc 1\"/>"));
  // The preamble comes after the contents and before section 1.
  CHECK(doc.find(">Participants</w:t>") < doc.find(">Before section 1.</w:t>"));
  CHECK(doc.find(">Before section 1.</w:t>") < doc.find(">Text.</w:t>"));
}

TEST_CASE("a DOCX marks text in the original's language on its runs", "[docx]") {
  Report r = report();
  r.language = "ar";
  const Inline english = node(Inline::Kind::foreign, "en", "",
                              {txt("Contributions from "), txt("\xD9\x85\xD8\xB5\xD8\xB1")});
  r.sections.push_back(section("5", t("x"), {para("5.1", {english})}, "s5"));
  const std::string xml = docx(r)["word/document.xml"];
  CHECK(has(xml,
            "<w:r><w:rPr><w:lang w:val=\"en\"/></w:rPr><w:t xml:space=\"preserve\">"
            "Contributions from </w:t></w:r>"));
  // A right-to-left stretch inside it: w:rtl comes before w:lang, as the
  // schema orders them.
  CHECK(has(xml, "<w:rPr><w:rtl/><w:lang w:val=\"en\"/></w:rPr>"));
  // Left to right in a right-to-left report, it stands between an isolate
  // and its end, so that its punctuation stays where it is.
  CHECK(has(xml, "<w:t>\u2066</w:t>"));
  CHECK(has(xml, "<w:t>\u2069</w:t>"));
  // In a report that runs its way, no isolate.
  r.language = "fr";
  const std::string french = docx(r)["word/document.xml"];
  CHECK(has(french, "<w:lang w:val=\"en\"/>"));
  CHECK_FALSE(has(french, "\u2066"));
  CHECK_FALSE(has(french, "\u2069"));
}

// Word keeps a run's language for Chinese characters apart (w:eastAsia):
// tagged only in w:val, a Chinese report's characters took the language of
// the reader's Word, for proofing and for the choice of font.
TEST_CASE("a DOCX tags Chinese in the East Asian language slot", "[docx]") {
  Report r = report();
  r.language = "zh";
  const Inline chinese = node(Inline::Kind::foreign, "zh", "", {txt("\xE4\xB8\xAD\xE6\x96\x87")});
  r.sections.push_back(section("5", t("x"), {para("5.1", {chinese})}, "s5"));
  auto parts = docx(r);
  CHECK(has(parts["word/styles.xml"], "<w:lang w:val=\"zh\" w:eastAsia=\"zh\"/>"));
  r.language = "en";
  const std::string xml = docx(r)["word/document.xml"];
  CHECK(has(xml, "<w:lang w:val=\"zh\" w:eastAsia=\"zh\"/>"));
  // Arabic keeps its right-to-left slot, and no East Asian one.
  r.language = "ar";
  CHECK(has(docx(r)["word/styles.xml"], "<w:lang w:val=\"ar\" w:bidi=\"ar\"/>"));
}
