// Tests of the report builder: titles, Markdown text, cross-references and
// generated document lists as the renderers receive them.
#include <catch2/catch.hpp>
#include <optional>

#include "check/fields.h"
#include "cwgreport/compile.h"
#include "lang/labels.h"
#include "lang/ordinals.h"
#include "lang/typography.h"
#include "test_util.h"

using namespace cwg;
using cwg::test::TempDir;
using K = tree::Inline::Kind;

TEST_CASE("ordinals and cardinals in words and numerals") {
  CHECK(ordinal_numeral(1) == "1st");
  CHECK(ordinal_numeral(11) == "11th");
  CHECK(ordinal_numeral(12) == "12th");
  CHECK(ordinal_numeral(13) == "13th");
  CHECK(ordinal_numeral(22) == "22nd");
  CHECK(ordinal_numeral(101) == "101st");
  CHECK(ordinal_numeral(111) == "111th");
  CHECK(ordinal_words(1) == "first");
  CHECK(ordinal_words(11) == "eleventh");
  CHECK(ordinal_words(12) == "twelfth");
  CHECK(ordinal_words(15) == "fifteenth");
  CHECK(ordinal_words(16) == "sixteenth");
  CHECK(ordinal_words(20) == "twentieth");
  CHECK(ordinal_words(23) == "twenty-third");
  CHECK(ordinal_words(40) == "fortieth");
  CHECK(ordinal_words(99) == "ninety-ninth");
  CHECK(ordinal_words(100) == "one hundredth");
  CHECK(ordinal_words(108) == "one hundred and eighth");
  CHECK(cardinal_words(10) == "ten");
  CHECK(cardinal_words(41) == "forty-one");
  CHECK(long_date("2018-01-23") == "23\u00A0January 2018");
  CHECK(upper_case("Conseil d\u2019\u00e9tat") == "CONSEIL D\u2019\u00c9TAT");
}

TEST_CASE("the minimal meeting compiles into the expected tree") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  Diagnostics diags;
  auto report = compile(dir.str(), diags);
  REQUIRE(report);
  CHECK(diags.all().empty());
  CHECK(report->title == "OUTCOME OF THE 3RD MEETING OF THE COUNCIL WORKING GROUP ON TESTING");
  CHECK(report->short_title == "CWG-T: outcome of the 3rd meeting");
  REQUIRE(report->summary.size() == 1);
  CHECK(report->summary[0].text.at(0).text == "This report summarizes the 3rd meeting.");
  CHECK(report->references.at(0).text == "Resolution\u00A01");
  CHECK(report->signature.name == "Ada Lovelace (UK)");
  CHECK(report->signature.role == "Chair, CWG-T");

  REQUIRE(report->sections.size() == 2);
  const auto& opening = report->sections[0].blocks.at(0);
  CHECK(opening.number == "1.1");
  CHECK(opening.anchor == "opening");
  REQUIRE(opening.text.size() == 5);
  CHECK(opening.text[0].text == "The meeting opened. See ");
  CHECK(opening.text[1].kind == K::xref);
  CHECK(opening.text[1].text == "2.2");
  CHECK(opening.text[1].target == "uk-contribution");
  // A document that is listed links to its listing.
  CHECK(opening.text[3].kind == K::xref);
  CHECK(opening.text[3].text == "CWG-T-3/2R1");
  CHECK(opening.text[3].target == "doc-3-2r1");

  const auto& docs = report->sections[1].blocks.at(0);
  CHECK(docs.text.at(0).text == "There was one contribution.");
  REQUIRE(docs.children.size() == 1);
  const auto& list = docs.children[0];
  CHECK(list.kind == tree::Block::Kind::list);
  REQUIRE(list.items.size() == 1);
  CHECK(list.items[0].marker == "\u00B7");
  CHECK(list.items[0].anchor == "doc-3-2r1");
  CHECK(list.items[0].text.at(0).text == "CWG-T-3/2R1:\u00A0Contribution from the United Kingdom");
}

TEST_CASE("Markdown, escapes, raw HTML and control characters in text") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  dir.write("sections/intro.yaml", R"(heading: Introduction
paragraphs:
  - 'Literal \{doc:3/1} and *emphasis* with <b>tag</b> and &#27;[2J.'
  - text: |-
      First line
      second line.

      A continuation paragraph.
    list:
      style: alpha
      items:
        - one
        - text: two
          list: {style: roman, items: [nested]}
)");
  Diagnostics diags;
  auto report = compile(dir.str(), diags);
  REQUIRE(report);
  REQUIRE(diags.all().size() == 1);
  CHECK(diags.all()[0].code == "raw-html");
  CHECK(diags.all()[0].loc.line == 3);
  const auto& p = report->sections[0].blocks.at(0);
  REQUIRE(p.text.size() == 3);
  CHECK(p.text[0].text == "Literal {doc:3/1} and ");
  CHECK(p.text[1].kind == K::emph);
  CHECK(p.text[2].text == " with <b>tag</b> and \uFFFD[2J.");
  const auto& q = report->sections[0].blocks.at(1);
  CHECK(q.text.at(1).kind == K::softbreak);
  REQUIRE(q.children.size() == 2);
  CHECK(q.children[0].kind == tree::Block::Kind::paragraph);
  CHECK(q.children[1].items.at(1).marker == "b)");
  CHECK(q.children[1].items.at(1).children.at(0).items.at(0).marker == "i)");
}

TEST_CASE("a Markdown heading in a text field is an error, and nothing is built") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  dir.write("sections/intro.yaml", "heading: Introduction\nparagraphs:\n  - \"# Not a heading\"\n");
  Diagnostics diags;
  CHECK_FALSE(compile(dir.str(), diags));
  REQUIRE(diags.all().size() == 1);
  CHECK(diags.all()[0].code == "markdown-block");
  CHECK(diags.all()[0].message == "a Markdown heading cannot stand in a text field");
}

TEST_CASE("titles in words for several meetings") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  std::string report = test::slurp(dir.path() / "report.yaml");
  report.replace(report.find("    date: 2024-05-06\n"), 21,
                 "    date: 2024-05-06\n  - number: 16\n    date: 2024-09-01\n");
  report += "title_ordinals: words\n";
  dir.write("report.yaml", report);
  std::string docs = test::slurp(dir.path() / "documents.yaml");
  for (std::string_view at : {"  - number: 1\n", "  - number: 2\n"}) {
    auto pos = docs.find(at);
    docs.insert(pos + at.size(), "    meeting: 3\n");
  }
  dir.write("documents.yaml", docs);
  Diagnostics diags;
  auto r = compile(dir.str(), diags);
  REQUIRE(r);
  CHECK(r->title ==
        "OUTCOME OF THE THIRD AND SIXTEENTH MEETINGS OF THE COUNCIL WORKING GROUP ON TESTING");
}

TEST_CASE("typography: no-break spaces in resolution numbers and dates") {
  const lang::Labels& en = lang::labels("en");
  CHECK(lang::no_break_spaces("Resolution 179 of 23 January 2018", en) ==
        "Resolution\u00A0179 of 23\u00A0January 2018");
  CHECK(lang::no_break_spaces("Decision 5, 2023 May and 123 March", en) ==
        "Decision\u00A05, 2023 May and 123 March");
  CHECK(lang::no_break_spaces("the Resolution was on 1 Mayday", en) ==
        "the Resolution was on 1 Mayday");
}

TEST_CASE("text cannot forge the marker of a cross-reference") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  // U+F0000 was the marker of the first reference: text holding it printed
  // the reference's text once for each. A character reference that would
  // decode to a noncharacter, which markers are made of now, prints as
  // written, in text and in code.
  dir.write("sections/intro.yaml",
            "heading: Introduction\nparagraphs:\n"
            "  - \"{doc:3/1|title} \\U000F0000\\U000F0000 &#xFDD0; `&#xFDD0;` \\\\&#xFDD0;\"\n"
            "  - '<span title=\"{meeting:3}\">{doc:3/2R1}</span>'\n");
  Diagnostics diags;
  auto report = compile(dir.str(), diags);
  REQUIRE(report);
  const auto& p = report->sections[0].blocks.at(0);
  REQUIRE(p.text.size() == 3);
  CHECK(p.text[0].text == "Report on testing \U000F0000\U000F0000 &#xFDD0; ");
  CHECK(p.text[1].kind == K::code);
  CHECK(p.text[1].text == "&#xFDD0;");
  CHECK(p.text[2].text == " &#xFDD0;");
  // A reference inside raw HTML prints its text, as everywhere else.
  const auto& h = report->sections[0].blocks.at(1);
  REQUIRE(h.text.size() == 3);
  CHECK(h.text[0].text == "<span title=\"3rd\">");
  CHECK(h.text[1].kind == K::xref);
  CHECK(h.text[1].text == "CWG-T-3/2R1");
  CHECK(h.text[2].text == "</span>");
  REQUIRE(diags.all().size() == 1);
  CHECK(diags.all()[0].code == "raw-html");
  // The message quotes the source, references as written.
  CHECK(diags.all()[0].message == "raw HTML '<span title=\"{meeting:3}\">' is printed as text");
  CHECK(diags.all()[0].loc.line == 4);
  CHECK(diags.all()[0].loc.column == 6);
}

TEST_CASE("{meeting:all} prints every form of every meeting") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  std::string report = test::slurp(dir.path() / "report.yaml");
  report.replace(report.find("    date: 2024-05-06\n"), 21,
                 "    date: 2024-05-06\n    participants: 40\n"
                 "  - number: 4\n    date: 2024-09-10\n    participants: 52\n");
  report.replace(report.find("{meeting:3} meeting."), 20,
                 "{meeting:all} meetings, of {meeting:all|participants} participants.");
  dir.write("report.yaml", report);
  std::string docs = test::slurp(dir.path() / "documents.yaml");
  for (std::size_t at = docs.find("  - number: "); at != std::string::npos;
       at = docs.find("  - number: ", at + 1))
    docs.insert(docs.find('\n', at) + 1, "    meeting: 3\n");
  dir.write("documents.yaml", docs);
  Diagnostics diags;
  auto built = compile(dir.str(), diags);
  REQUIRE(built);
  CHECK(built->summary.at(0).text.at(0).text ==
        "This report summarizes the 3rd and 4th meetings, of 40 and 52 participants.");
}

TEST_CASE("the days of a meeting as the reports print them") {
  CHECK(long_date_range("2018-01-25", "") == "25\u00A0January 2018");
  CHECK(long_date_range("2018-01-25", "2018-01-25") == "25\u00A0January 2018");
  CHECK(long_date_range("2018-01-25", "2018-01-26") == "25-26\u00A0January 2018");
  CHECK(long_date_range("2017-11-30", "2017-12-01") ==
        "30\u00A0November \u2013 1\u00A0December 2017");
  CHECK(long_date_range("2017-12-30", "2018-01-02") ==
        "30\u00A0December 2017 \u2013 2\u00A0January 2018");
  CHECK(long_date("2018-1a-23") == "2018-1a-23");
}

namespace {

// The minimal meeting as another kind of document: `kind` and `extra` added
// to report.yaml, `meeting` to its meeting, the keys of the Summary box
// removed.
std::optional<tree::Report> compile_kind(const TempDir& dir, std::string_view kind,
                                         std::string_view extra, Diagnostics& diags,
                                         std::string_view meeting = "") {
  test::write_minimal_meeting(dir);
  std::string report = test::slurp(dir.path() / "report.yaml");
  report.insert(report.find("    date: 2024-05-06\n") + 21, meeting);
  for (std::string_view key : {"summary: This report summarizes the {meeting:3} meeting.\n",
                               "action: The Council is invited to take note of the report.\n",
                               "references:\n  - id: res1\n    text: Resolution 1\n"})
    report.erase(report.find(key), key.size());
  report += "kind: " + std::string(kind) + "\n" + std::string(extra);
  dir.write("report.yaml", report);
  return compile(dir.str(), diags);
}

// The minimal meeting as the summary record of a plenary meeting: hours,
// two signatures, and its second item taken up again.
void write_minimal_record(const TempDir& dir, std::string_view hours) {
  test::write_minimal_meeting(dir);
  std::string report = test::slurp(dir.path() / "report.yaml");
  report.erase(report.find("summary:"), report.find("sections:") - report.find("summary:"));
  report.erase(report.find("signature:"));
  report.replace(report.find("    date: 2024-05-06\n"), 21,
                 "    name: plenary meeting\n    date: 2024-05-06\n" + std::string(hours));
  report = "kind: summary-record\nchair_word: Chairman\n" + report +
           "signatures:\n"
           "  - person: sg\n    role: 'The Secretary-General:'\n    role_position: above\n"
           "  - person: chair\n    role: Chairman\n";
  // The people list ends where 'sections:' starts.
  report.insert(report.find("sections:"), "  - id: sg\n    name: Grace Hopper\n    role: other\n");
  dir.write("report.yaml", report);
  std::string docs = test::slurp(dir.path() / "sections/docs.yaml");
  docs.replace(0, std::string_view("heading: Documents\n").size(),
               "heading: Documents ({doc:3/1})\ncontinued: true\n");
  dir.write("sections/docs.yaml", docs);
}

}  // namespace

TEST_CASE("a group's own document: its header, its title, no box") {
  TempDir dir;
  Diagnostics diags;
  auto r = compile_kind(dir, "group-document",
                        "title: Draft report of the third meeting\n"
                        "cover:\n  place: Geneva\n  symbol: CWG-T-3/10\n  language: E\n"
                        "  date: 2024-05-20\n  original: English only\n",
                        diags, "    end_date: 2024-05-07\n");
  REQUIRE(r);
  CHECK(diags.all().empty());
  CHECK(r->kind == tree::DocumentKind::group_document);
  REQUIRE(r->cover.left.size() == 2);
  CHECK(r->cover.left[0].name == "session");
  CHECK(r->cover.left[0].value == "Council Working Group on Testing");
  CHECK(r->cover.left[1].name == "meeting");
  CHECK(r->cover.left[1].value == "Third meeting \u2013 Geneva, 6-7\u00A0May 2024");
  REQUIRE(r->cover.right.size() == 3);
  CHECK(r->cover.right[0].label == "Document");
  CHECK(r->cover.right[0].value == "CWG-T-3/10-E");
  CHECK(r->cover.right[1].value == "20\u00A0May 2024");
  CHECK(r->cover.right[2].label.empty());
  CHECK(r->cover.right[2].value == "English only");
  CHECK(r->cover.source_line.empty());
  // Written in full, printed in capitals as every title is; the page's
  // title keeps it as written.
  CHECK(r->title == "DRAFT REPORT OF THE THIRD MEETING");
  CHECK(r->short_title == "Draft report of the third meeting");
  CHECK(r->summary.empty());
  CHECK(r->action.empty());
  CHECK(r->references.empty());
}

TEST_CASE("a group's document without a place prints the meeting's venue") {
  TempDir dir;
  Diagnostics diags;
  auto r =
      compile_kind(dir, "group-document", "title: Draft agenda\n", diags, "    venue: Online\n");
  REQUIRE(r);
  CHECK(diags.all().empty());
  REQUIRE(r->cover.left.size() == 2);
  CHECK(r->cover.left[1].value == "Third meeting \u2013 Online, 6\u00A0May 2024");
  CHECK(r->cover.right.empty());
}

TEST_CASE("a chair's report: a source line and the title, no cover, no box") {
  TempDir dir;
  Diagnostics diags;
  auto r = compile_kind(dir, "chair-report", "chair_word: Chairman\n", diags);
  REQUIRE(r);
  CHECK(diags.all().empty());
  CHECK(r->kind == tree::DocumentKind::chair_report);
  CHECK(r->cover.left.empty());
  CHECK(r->cover.right.empty());
  CHECK(r->cover.source_line == "Report by the Chairman of the Council Working Group on Testing");
  CHECK(r->title == "OUTCOME OF THE 3RD MEETING OF THE COUNCIL WORKING GROUP ON TESTING");
  CHECK(r->summary.empty());
  CHECK(r->action.empty());
  CHECK(r->references.empty());
}

TEST_CASE("chair_word names the office in an English report only") {
  // chair_word is an English word: a report in another language takes the
  // office's word from its label table, in the source line and in the
  // record's line of who chaired, so that no "Chairman" is left in it.
  SECTION("French chair's report") {
    TempDir dir;
    Diagnostics diags;
    auto r = compile_kind(dir, "chair-report", "language: fr\nchair_word: Chairman\n", diags);
    REQUIRE(r);
    CHECK(diags.all().empty());
    CHECK(r->cover.source_line == "Rapport du Pr\u00E9sident du Council Working Group on Testing");
  }
  SECTION("Russian chair's report, declined") {
    TempDir dir;
    Diagnostics diags;
    auto r = compile_kind(dir, "chair-report", "language: ru\nchair_word: Chairperson\n", diags);
    REQUIRE(r);
    CHECK(r->cover.source_line.find(
              "\u041F\u0440\u0435\u0434\u0441\u0435\u0434\u0430\u0442\u0435\u043B\u044F") !=
          std::string::npos);  // "Председателя"
    CHECK(r->cover.source_line.find("Chair") == std::string::npos);
  }
  SECTION("French summary record") {
    TempDir dir;
    write_minimal_record(dir, "");
    std::string report = test::slurp(dir.path() / "report.yaml");
    dir.write("report.yaml", "language: fr\n" + report);
    Diagnostics diags;
    auto r = compile(dir.str(), diags);
    REQUIRE(r);
    CHECK(r->record.chair == "Pr\u00E9sident\u00A0: Ada Lovelace (UK)");
  }
}

TEST_CASE("a Chinese cover puts no space after its full-width colons") {
  TempDir dir;
  Diagnostics diags;
  auto r =
      compile_kind(dir, "group-document",
                   "title: Draft\nlanguage: zh\ncover:\n  agenda_item: PL 1.5\n  symbol: C20/57\n"
                   "  original: English\n",
                   diags);
  REQUIRE(r);
  REQUIRE(r->cover.right.size() == 3);
  for (const tree::CoverField& f : r->cover.right) {
    INFO(f.name);
    CHECK(f.gap.empty());
  }
  CHECK(r->cover.right[0].label == "\u8BAE\u9879\uFF1A");  // "议项："
  // In English the label and the value keep their space.
  TempDir en;
  auto e =
      compile_kind(en, "group-document", "title: Draft\ncover:\n  agenda_item: PL 1.5\n", diags);
  REQUIRE(e);
  REQUIRE(e->cover.right.size() == 1);
  CHECK(e->cover.right[0].gap == " ");
}

TEST_CASE("a title written in full replaces the generated one in an outcome report") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  std::string report = test::slurp(dir.path() / "report.yaml");
  dir.write("report.yaml", report + "title: Outcome of the third meeting, held online\n");
  Diagnostics diags;
  auto r = compile(dir.str(), diags);
  REQUIRE(r);
  CHECK(diags.all().empty());
  CHECK(r->kind == tree::DocumentKind::outcome);
  CHECK(r->title == "OUTCOME OF THE THIRD MEETING, HELD ONLINE");
  CHECK(r->short_title == "Outcome of the third meeting, held online");
  CHECK(r->summary.size() == 1);
}

TEST_CASE("the Summary box is optional outside an outcome report") {
  TempDir dir;
  Diagnostics diags;
  // Without a summary, no box.
  auto r = compile_kind(dir, "chair-report", "", diags);
  REQUIRE(r);
  CHECK(diags.all().empty());
  CHECK(r->kind == tree::DocumentKind::chair_report);
  CHECK(r->summary.empty());
  // A chair's report may have one.
  TempDir with_box;
  test::write_minimal_meeting(with_box);
  std::string report = test::slurp(with_box.path() / "report.yaml");
  with_box.write("report.yaml", report + "kind: chair-report\n");
  Diagnostics again;
  auto boxed = compile(with_box.str(), again);
  REQUIRE(boxed);
  CHECK(again.all().empty());
  CHECK(boxed->summary.size() == 1);
}

TEST_CASE("parts left blank on purpose reach the tree as blank") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  std::string report = test::slurp(dir.path() / "report.yaml");
  const std::string action = "action: The Council is invited to take note of the report.";
  report.replace(report.find(action), action.size(),
                 "action: ''\ncover:\n  agenda_item: ''\n  symbol: ''\n  original: ''");
  const std::string refs = "references:\n  - id: res1\n    text: Resolution 1\n";
  report.replace(report.find(refs), refs.size(), "references: []\n");
  dir.write("report.yaml", report);
  Diagnostics diags;
  auto r = compile(dir.str(), diags);
  REQUIRE(r);
  CHECK(diags.all().empty());
  CHECK(r->action.empty());
  CHECK(r->blank_action);
  CHECK(r->references.empty());
  CHECK(r->blank_references);
  REQUIRE(r->cover.right.size() == 3);
  for (const auto& f : r->cover.right) {
    CHECK(f.value.empty());
    CHECK(f.blank);
  }
  CHECK(r->cover.right[1].label == "Document");

  // The minimal meeting as it is: nothing blank.
  TempDir full;
  test::write_minimal_meeting(full);
  Diagnostics d2;
  auto f = compile(full.str(), d2);
  REQUIRE(f);
  CHECK_FALSE(f->blank_action);
  CHECK_FALSE(f->blank_references);
}

TEST_CASE("a summary record: title, day and hours, chairman, subjects and signatures") {
  TempDir dir;
  write_minimal_record(dir, "    start_time: \"09:30\"\n    end_time: \"12:25\"\n");
  Diagnostics diags;
  auto r = compile(dir.str(), diags);
  REQUIRE(r);
  CHECK(diags.all().empty());
  CHECK(r->kind == tree::DocumentKind::summary_record);
  CHECK(r->title == "SUMMARY RECORD OF THE THIRD PLENARY MEETING");
  CHECK(r->short_title == "CWG-T: summary record of the third plenary meeting");
  CHECK(r->summary.empty());
  CHECK(r->record.when == "Monday, 6\u00A0May 2024, from 0930 to 1225 hours");
  CHECK(r->record.chair == "Chairman: Ada Lovelace (UK)");

  // One row per section: its number and heading, and its documents in the
  // order the section names them: cited in the heading, presented, listed.
  REQUIRE(r->record.subjects.size() == 1);
  const tree::Table& t = r->record.subjects[0].table;
  REQUIRE(t.header.size() == 2);
  CHECK(t.header[0].at(0).text == "Subjects discussed");
  CHECK(t.header[1].at(0).text == "Documents");
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0][0].at(0).text == "1 ");
  CHECK(t.rows[0][0].at(1).text == "Introduction");
  CHECK(t.rows[0][1].empty());  // a citation in a paragraph's text is not a subject
  std::string docs;
  for (const auto& in : t.rows[1][1]) docs += in.text;
  CHECK(docs == "CWG-T-3/1, CWG-T-3/2R1");
  CHECK(t.rows[1][1].at(2).kind == K::xref);
  CHECK(t.rows[1][1].at(2).target == "doc-3-2r1");
  CHECK(t.rows[1][0].back().text == " (continued)");
  // The item's own heading says it too.
  CHECK(r->sections.at(1).heading.back().text == " (continued)");
  CHECK(r->sections.at(0).heading.back().text == "Introduction");

  REQUIRE(r->signatures.size() == 2);
  CHECK(r->signatures[0].name == "Grace Hopper");
  CHECK(r->signatures[0].role == "The Secretary-General:");
  CHECK(r->signatures[0].role_above);
  CHECK(r->signatures[1].name == "Ada Lovelace");
  CHECK_FALSE(r->signatures[1].role_above);
  CHECK(r->signature.name.empty());
}

TEST_CASE("a summary record's hours: at the start alone, or no hours at all") {
  {
    TempDir dir;
    write_minimal_record(dir, "    start_time: \"14:30\"\n");
    Diagnostics diags;
    auto r = compile(dir.str(), diags);
    REQUIRE(r);
    CHECK(r->record.when == "Monday, 6\u00A0May 2024, at 1430 hours");
  }
  {
    TempDir dir;
    write_minimal_record(dir, "");
    Diagnostics diags;
    auto r = compile(dir.str(), diags);
    REQUIRE(r);
    CHECK(r->record.when == "Monday, 6\u00A0May 2024");
  }
}

TEST_CASE("a summary record's title: numerals on request, and a meeting without a name") {
  TempDir dir;
  write_minimal_record(dir, "");
  std::string report = test::slurp(dir.path() / "report.yaml");
  report.erase(report.find("    name: plenary meeting\n"), 26);
  dir.write("report.yaml", report + "title_ordinals: numeral\n");
  Diagnostics diags;
  auto r = compile(dir.str(), diags);
  REQUIRE(r);
  CHECK(r->title == "SUMMARY RECORD OF THE 3RD MEETING");
  CHECK(r->short_title == "CWG-T: summary record of the 3rd meeting");
}

TEST_CASE("an outcome report has no summary record's parts") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  Diagnostics diags;
  auto r = compile(dir.str(), diags);
  REQUIRE(r);
  CHECK(r->kind == tree::DocumentKind::outcome);
  CHECK(r->record.when.empty());
  CHECK(r->record.chair.empty());
  CHECK(r->record.subjects.empty());
  CHECK(r->signatures.empty());
}

TEST_CASE("the day of the week of a date") {
  CHECK(weekday("2018-01-23") == 1);  // a Tuesday
  CHECK(weekday("2026-06-10") == 2);  // a Wednesday
  CHECK(weekday("2000-02-29") == 1);
  CHECK(weekday("2024-12-29") == 6);  // a Sunday
  CHECK(weekday("2023-02-29") == -1);
  CHECK(weekday("23/01/2018") == -1);
}

TEST_CASE("{meeting:N|dates} and {meeting:N|Words}") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  std::string report = test::slurp(dir.path() / "report.yaml");
  report.replace(report.find("    date: 2024-05-06\n"), 21,
                 "    date: 2024-05-06\n    end_date: 2024-05-07\n");
  report.replace(report.find("summary: This report summarizes the {meeting:3} meeting."),
                 std::string("summary: This report summarizes the {meeting:3} meeting.").size(),
                 "summary: '{meeting:3|Words} meeting, {meeting:3|dates}; {meeting:all|Words}.'");
  dir.write("report.yaml", report);
  Diagnostics diags;
  auto r = compile(dir.str(), diags);
  REQUIRE(r);
  CHECK(diags.all().empty());
  REQUIRE(r->summary.size() == 1);
  std::string text;
  for (const auto& in : r->summary[0].text) text += in.text;
  CHECK(text == "Third meeting, 6-7\u00A0May 2024; Third.");
}

TEST_CASE("a Russian date ending a sentence keeps one full stop") {
  // "г." ends the date and the sentence: "… 2024 г.", never "… 2024 г..".
  TempDir dir;
  test::write_minimal_meeting(dir);
  std::string report = test::slurp(dir.path() / "report.yaml");
  const std::string summary = "summary: This report summarizes the {meeting:3} meeting.";
  report.replace(report.find(summary), summary.size(),
                 "summary: 'Собрание {meeting:3|date}. Итоги {meeting:3|dates}... "
                 "{meeting:3|date}, {meeting:3|date}? Конец {meeting:all|date}.'");
  dir.write("report.yaml", "language: ru\n" + report);
  Diagnostics diags;
  auto r = compile(dir.str(), diags);
  REQUIRE(r);
  CHECK(diags.all().empty());
  REQUIRE(r->summary.size() == 1);
  std::string text;
  for (const auto& in : r->summary[0].text) text += in.text;
  const std::string date = "6\u00A0мая 2024\u202Fг.";
  // An ellipsis stays whole; another sign follows the abbreviation's stop.
  CHECK(text ==
        "Собрание " + date + " Итоги " + date + "... " + date + ", " + date + "? Конец " + date);
}

TEST_CASE("a French cover writes the first of a month 1er") {
  TempDir dir;
  Diagnostics diags;
  auto r = compile_kind(dir, "group-document",
                        "title: Projet\nlanguage: fr\ncover:\n  date: 2019-05-01\n", diags);
  REQUIRE(r);
  REQUIRE(r->cover.right.size() == 1);
  CHECK(r->cover.right[0].value == "1er\u00A0mai 2019");
}

TEST_CASE("cross-references are printed in every field of the cover") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  dir.write("report.yaml", test::slurp(dir.path() / "report.yaml") +
                               "cover:\n"
                               "  session: '{meeting:3|Words} meeting'\n"
                               "  place: '{meeting:3|venue}'\n"
                               "  dates: '{meeting:3|dates}'\n"
                               "  agenda_item: 'on {doc:3/1}'\n"
                               "  symbol: '{doc:3/2R1}'\n"
                               "  original: '{entity:uk} \\{only}'\n"
                               "  source: 'Report by {person:chair}'\n");
  std::string report = test::slurp(dir.path() / "report.yaml");
  report.replace(report.find("    date: 2024-05-06\n"), 21,
                 "    date: 2024-05-06\n    venue: Geneva\n");
  dir.write("report.yaml", report);
  Diagnostics diags;
  auto r = compile(dir.str(), diags);
  REQUIRE(r);
  CHECK(diags.all().empty());
  REQUIRE(r->cover.left.size() == 2);
  CHECK(r->cover.left[0].value == "Third meeting");
  CHECK(r->cover.left[1].value == "Geneva, 6\u00A0May 2024");
  REQUIRE(r->cover.right.size() == 3);
  CHECK(r->cover.right[0].value == "on CWG-T-3/1");
  CHECK(r->cover.right[1].value == "CWG-T-3/2R1");
  CHECK(r->cover.right[2].value == "UK {only}");
  CHECK(r->cover.source_line == "Report by Ada Lovelace (UK)");
}
