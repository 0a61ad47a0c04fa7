// Tests of the checker: numbering, anchors, and every reference resolved
// or reported at the place it is written.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <regex>

#include "check/model.h"
#include "lang/ordinals.h"
#include "source/loader.h"
#include "test_util.h"

using namespace cwg;
using cwg::test::TempDir;

namespace {

struct Checked {
  Diagnostics diags;
  std::shared_ptr<const Sources> src;
  Model model;
};

std::unique_ptr<Checked> check(const TempDir& dir) {
  auto c = std::make_unique<Checked>();
  auto loaded = load_sources(dir.str(), c->diags);
  REQUIRE(loaded);
  c->src = std::make_shared<const Sources>(std::move(*loaded));
  c->model = check_sources(c->src, c->diags);
  c->diags.sort();
  return c;
}

const Diagnostic* find(const Diagnostics& diags, std::string_view code) {
  for (const auto& d : diags.all())
    if (d.code == code) return &d;
  return nullptr;
}

}  // namespace

TEST_CASE("sections and paragraphs are numbered from their order") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  dir.write("sections/intro.yaml", R"(label: intro
heading: Introduction
paragraphs:
  - label: first
    text: One.
  - text: Not numbered.
    numbered: false
  - Two.
)");
  auto c = check(dir);
  CHECK(c->diags.all().empty());
  REQUIRE(c->model.sections.size() == 2);
  CHECK(c->model.sections[0].number == "1");
  CHECK(c->model.sections[0].anchor == "intro");
  CHECK(c->model.sections[1].anchor == "sec-2");
  const auto& p = c->model.sections[0].paragraphs;
  CHECK(p[0].number == "1.1");
  CHECK(p[0].anchor == "first");
  CHECK(p[1].number.empty());
  CHECK(p[2].number == "1.2");
  CHECK(p[2].anchor == "para-1-2");
  CHECK(c->model.documents[1].symbol == "CWG-T-3/2R1");
  CHECK(c->model.documents[1].key == "3/2R1");
}

TEST_CASE("generated anchors step around labels, footnotes' included") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  dir.write("sections/intro.yaml", R"(label: sec-2
heading: Introduction
paragraphs:
  - label: fn-1
    text: A note.{note:a}
    footnotes:
      - id: a
        text: The note.
  - text: See {note:a} again.
)");
  auto c = check(dir);
  CHECK(c->diags.all().empty());
  REQUIRE(c->model.sections.size() == 2);
  CHECK(c->model.sections[1].anchor == "sec-2-2");
  REQUIRE(c->model.notes.size() == 1);
  CHECK(c->model.notes[0].number == "1");
  CHECK(c->model.notes[0].anchor == "fn-1-2");
  // Both marks link to the footnote, not to the paragraph labelled fn-1.
  for (const auto& p : c->model.sections[0].paragraphs) {
    auto mark = std::find_if(p.text.first.begin(), p.text.first.end(), [](const auto& i) {
      return i.kind == tree::Inline::Kind::footnote_ref;
    });
    REQUIRE(mark != p.text.first.end());
    CHECK(mark->target == "fn-1-2");
  }
}

TEST_CASE("an unknown document is reported at the reference with a suggestion") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  dir.write("sections/intro.yaml",
            "heading: Introduction\nparagraphs:\n  - text: As {doc:3/1} and {doc:3/11} say.\n");
  auto c = check(dir);
  const Diagnostic* d = find(c->diags, "unknown-document");
  REQUIRE(d);
  CHECK(d->message == "unknown document '3/11'");
  CHECK(d->loc.line == 3);
  CHECK(d->loc.column == 28);
  REQUIRE(d->notes.size() == 1);
  CHECK(d->notes[0].message == "did you mean '3/1'?");
}

TEST_CASE("a key without revision names the only revision") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  auto c = check(dir);
  CHECK(c->diags.all().empty());
  CHECK(c->model.find_document("3/2") == c->model.find_document("3/2R1"));
}

TEST_CASE("duplicate labels point at the first definition") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  dir.write("sections/intro.yaml",
            "heading: Introduction\nparagraphs:\n  - label: uk-contribution\n    text: x\n");
  auto c = check(dir);
  const Diagnostic* d = find(c->diags, "duplicate-label");
  REQUIRE(d);
  CHECK(d->message == "duplicate label 'uk-contribution'");
  REQUIRE(d->notes.size() == 1);
  CHECK(d->notes[0].message == "first defined here");
  CHECK(d->notes[0].loc.file.ends_with("intro.yaml") != d->loc.file.ends_with("intro.yaml"));
}

TEST_CASE("references of the wrong kind or to unnumbered paragraphs are errors") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  dir.write("sections/intro.yaml", R"(label: intro
heading: Introduction
paragraphs:
  - label: quiet
    numbered: false
    text: See {sec:quiet}, {para:quiet}, {para:intro} and {dco:1}.
)");
  auto c = check(dir);
  std::vector<std::string> messages;
  for (const auto& d : c->diags.all()) messages.push_back(d.code + ": " + d.message);
  CHECK(messages == std::vector<std::string>{
                        "wrong-target: 'quiet' labels a paragraph, not a section",
                        "wrong-target: 'quiet' labels an unnumbered paragraph, which has no "
                        "number to print",
                        "wrong-target: 'intro' labels a section, not a paragraph",
                        "bad-xref: unknown reference kind 'dco'"});
}

TEST_CASE("register problems: duplicates, unknown sources, unpresented documents") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  dir.write("documents.yaml", R"(entities:
  - id: uk
    name: United Kingdom
documents:
  - number: 1
    title: Report on testing
    kind: information-report
    source: ukk
  - number: 1
    title: Again
    kind: contribution
  - number: 2
    revision: 1
    title: Contribution
    kind: contribution
  - number: 5
    title: Never discussed
    kind: contribution
)");
  auto c = check(dir);
  auto dup = find(c->diags, "duplicate-document");
  REQUIRE(dup);
  CHECK(dup->message == "document '3/1' is registered twice");
  CHECK(dup->loc.line == 9);
  auto src = find(c->diags, "unknown-id");
  REQUIRE(src);
  CHECK(src->message == "unknown entity 'ukk'");
  CHECK(src->notes.at(0).message == "did you mean 'uk'?");
  auto unp = find(c->diags, "unpresented-document");
  REQUIRE(unp);
  CHECK(unp->severity == Severity::warning);
  CHECK(unp->message == "contribution '3/5' is registered but no paragraph presents it");
  CHECK(unp->loc.line == 16);
}

namespace {

// The minimal meeting with the original of document 2 registered next to
// its revision 1, and `intro` as the introduction's paragraphs.
std::unique_ptr<Checked> check_two_revisions(const std::string& intro) {
  TempDir dir;
  test::write_minimal_meeting(dir);
  std::string docs = test::slurp(dir.path() / "documents.yaml");
  docs += "  - number: 2\n    title: Original\n    kind: contribution\n";
  dir.write("documents.yaml", docs);
  dir.write("sections/intro.yaml", "heading: Introduction\nparagraphs:\n" + intro);
  return check(dir);
}

}  // namespace

TEST_CASE("two revisions of one document presented is a warning") {
  auto c = check_two_revisions("  - text: x\n    presents: 3/2\n");
  auto d = find(c->diags, "revision-clash");
  REQUIRE(d);
  CHECK(d->message == "'3/2R1' and '3/2' are two revisions of one document");
}

TEST_CASE("two revisions in one generated list point at their registrations") {
  auto c = check_two_revisions(
      "  - text: x\n    presents: 3/2\n"
      "  - text: The contributions.\n    documents: {kind: contribution}\n");
  auto d = find(c->diags, "revision-clash");
  REQUIRE(d);
  REQUIRE(d->notes.size() == 2);
  for (const Note& n : d->notes) {
    CHECK(n.loc.file.ends_with("documents.yaml"));
    CHECK(n.message.ends_with("is registered here"));
  }
  CHECK(d->notes[0].loc.line != d->notes[1].loc.line);
}

TEST_CASE("counts in prose are checked against the register") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  dir.write("sections/intro.yaml",
            "heading: Introduction\nparagraphs:\n  - There were two contributions and 1 "
            "information report.\n");
  auto c = check(dir);
  auto d = find(c->diags, "count-mismatch");
  REQUIRE(d);
  CHECK(d->message == "the text says two contributions but the register has 1");
  CHECK(d->loc.line == 3);
  CHECK(d->loc.column == 16);
  CHECK(d->notes.at(0).message ==
        "write '{count:contribution} contributions' to have the number computed");
}

TEST_CASE("a count counts documents, not addenda or revisions") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  // Three contributions: 2R1 (with an addendum), 4 and 5 (with two revisions).
  dir.write("documents.yaml", R"(documents:
  - number: 2
    revision: 1
    title: Contribution from the United Kingdom
    kind: contribution
  - number: 2
    revision: 1
    addendum: 1
    title: Annex to the contribution from the United Kingdom
    kind: contribution
  - number: 4
    title: Contribution from France
    kind: contribution
  - number: 5
    title: Contribution from Spain
    kind: contribution
  - number: 5
    revision: 1
    title: Contribution from Spain
    kind: contribution
)");
  dir.write("sections/intro.yaml",
            "heading: Introduction\nparagraphs:\n  - There were three contributions "
            "({count:contribution|digits}).\n");
  dir.write("sections/docs.yaml", "heading: Documents\nparagraphs: [Second.]\n");
  auto c = check(dir);
  CHECK_FALSE(find(c->diags, "count-mismatch"));
  CHECK(c->model.kind_counts.at("contribution") == 3);
}

TEST_CASE("an earlier meeting is declared apart, and only referred to") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  std::string report = test::slurp(dir.path() / "report.yaml");
  const std::string people = "people:\n";
  report.replace(report.find(people), people.size(),
                 "earlier_meetings:\n  - number: 2\n    date: 2023-11-20\n    venue: Online\n"
                 "  - number: 1\npeople:\n");
  dir.write("report.yaml", report);
  SECTION("its number, words, date and venue resolve") {
    dir.write("sections/intro.yaml",
              "heading: Introduction\nparagraphs:\n  - After the {meeting:2} "
              "({meeting:2|words}, {meeting:2|date}, {meeting:2|venue}) and the {meeting:1}.\n");
    auto c = check(dir);
    CHECK(c->diags.all().empty());
    CHECK(c->model.earlier_meetings.size() == 2);
    CHECK_FALSE(c->model.meetings.contains(2));
  }
  SECTION("what it lacks is reported") {
    dir.write("sections/intro.yaml",
              "heading: Introduction\nparagraphs:\n  - The {meeting:1|date}, "
              "{meeting:2|participants} and {meeting:0}.\n");
    auto c = check(dir);
    std::vector<std::string> got;
    for (const auto& d : c->diags.all()) got.push_back(d.code + " " + d.message);
    CHECK(got == std::vector<std::string>{
                     "missing-key earlier meeting 1 has no 'date' to print",
                     "bad-xref form 'participants' is for the meetings the report covers, not "
                     "for the earlier meeting 2",
                     "unknown-meeting the report covers no meeting '0'"});
    REQUIRE(c->diags.all().back().notes.size() == 1);
    CHECK(c->diags.all().back().notes[0].message.starts_with(
        "to refer to an earlier meeting of the group, declare it under 'earlier_meetings:'"));
  }
}

TEST_CASE("an earlier meeting must come before the meetings covered") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  std::string report = test::slurp(dir.path() / "report.yaml");
  const std::string people = "people:\n";
  report.replace(report.find(people), people.size(),
                 "earlier_meetings:\n  - number: 4\n  - number: 3\n  - number: 2\n"
                 "    date: 2024-06-01\n  - number: 2\npeople:\n");
  dir.write("report.yaml", report);
  // A document registered for an earlier meeting: the note names the series.
  dir.write("documents.yaml", test::slurp(dir.path() / "documents.yaml") +
                                  "  - number: 5\n    meeting: 2\n    title: Report\n"
                                  "    kind: report\n");
  auto c = check(dir);
  std::vector<std::string> got;
  for (const auto& d : c->diags.all()) got.push_back(d.code + " " + d.message);
  CHECK(got ==
        std::vector<std::string>{
            "unknown-meeting document 5 belongs to meeting 2, which the report does not cover",
            "invalid-value earlier meeting 4 comes after meeting 3, the first the report covers",
            "duplicate-id meeting 3 is listed both as covered and as earlier",
            "date-order earlier meeting 2 is dated 2024-06-01, not before meeting 3 (2024-05-06)",
            "duplicate-id meeting 2 is listed twice"});
  REQUIRE_FALSE(c->diags.all().empty());
  CHECK(c->diags.all()[0].notes.at(0).message ==
        "a document of an earlier meeting is registered with its series: 'series: CWG-T-2/'");
}

TEST_CASE("meetings out of order and impossible date ranges are errors") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  std::string report = test::slurp(dir.path() / "report.yaml");
  report.replace(report.find("    date: 2024-05-06\n"), 21,
                 "    date: 2024-05-06\n    end_date: 2024-05-01\n  - number: 4\n"
                 "    date: 2024-01-01\n");
  dir.write("report.yaml", report);
  dir.write("documents.yaml", "documents: []\n");
  dir.write("sections/intro.yaml", "heading: Introduction\nparagraphs: [First.]\n");
  dir.write("sections/docs.yaml", "heading: Documents\nparagraphs: [Second.]\n");
  auto c = check(dir);
  std::vector<std::string> got;
  for (const auto& d : c->diags.all()) got.push_back(d.message);
  CHECK(got ==
        std::vector<std::string>{"meeting 3 ends on 2024-05-01 before it starts on 2024-05-06",
                                 "meeting 4 is dated 2024-01-01, before meeting 3 listed above it "
                                 "(2024-05-06)"});
}

// check_counts scans prose by hand; this pattern is the definition it must
// agree with. The register of the minimal meeting has one contribution, one
// information report and no liaison statement.
TEST_CASE("counts in prose are found exactly where the count pattern matches") {
  static const std::regex pattern(
      R"(\b([0-9]+|[a-z]+(?:-[a-z]+)?) (contributions|information reports|liaison statements)\b)",
      std::regex::icase);
  const std::vector<std::string> texts = {
      "There were two contributions and 1 information reports.",
      "Ten Contributions were received, and TWO information reports.",
      "twenty-one liaison statements, forty-two-three contributions were noted",
      "abc123 contributions, _2 contributions, 2 contributionsx, 2  contributions",
      "x-ten contributions and the one-hundred contributions",
      "10th contributions, 1000000 contributions, 0 liaison statements_",
      "é2 contributions and 3 contributions. Then eleven information reports,",
      "TEN CONTRIBUTIONS written in capitals only are not looked at",
      "nine information  reports; seven liaison Statements; a-b-c contributions",
      "one contributions, 1 information reports, zero liaison statements"};
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  std::vector<std::string> expected;
  for (const auto& t : texts) {
    if (t.find("contribution") == std::string::npos && t.find("report") == std::string::npos &&
        t.find("statement") == std::string::npos)
      continue;
    for (auto it = std::sregex_iterator(t.begin(), t.end(), pattern); it != std::sregex_iterator();
         ++it) {
      std::string word = lower((*it)[1].str());
      long n = -1;
      if (std::isdigit(static_cast<unsigned char>(word[0]))) {
        if (word.size() < 7) n = std::stol(word);
      } else {
        for (long k = 0; k <= 100; ++k)
          if (cardinal_words(k) == word) n = k;
      }
      std::string noun = lower((*it)[2].str());
      long actual = noun == "liaison statements" ? 0 : 1;
      if (n >= 0 && n != actual)
        expected.push_back(fmt::format("the text says {} {} but the register has {}",
                                       (*it)[1].str(), (*it)[2].str(), actual));
    }
  }
  TempDir dir;
  test::write_minimal_meeting(dir);
  std::string section = "heading: Introduction\nparagraphs:\n";
  for (const auto& t : texts) section += "  - '" + t + "'\n";
  dir.write("sections/intro.yaml", section);
  auto c = check(dir);
  std::vector<std::string> found;
  for (const auto& d : c->diags.all())
    if (d.code == "count-mismatch") found.push_back(d.message);
  CHECK(found == expected);
  CHECK(found.size() >= 8);
}

TEST_CASE("a count phrase written twice is reported at each place") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  dir.write("sections/intro.yaml",
            "heading: Introduction\nparagraphs:\n  - There were two contributions.\n"
            "  - >-\n    Then, two contributions\n    and again two contributions.\n");
  auto c = check(dir);
  std::vector<std::string> where;
  for (const auto& d : c->diags.all())
    if (d.code == "count-mismatch") where.push_back(fmt::format("{}:{}", d.loc.line, d.loc.column));
  CHECK(where == std::vector<std::string>{"3:16", "5:11", "6:15"});
}

TEST_CASE("references are located on their own line far into a large file") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  std::string section = "heading: Introduction\nparagraphs:\n";
  for (int i = 0; i < 2000; ++i) section += fmt::format("  - Paragraph {} cites {{doc:3/1}}.\n", i);
  section += "  - >-\n    Folded text\n    that cites {doc:3/77} and then {doc:3/78}.\n";
  dir.write("sections/intro.yaml", section);
  auto c = check(dir);
  std::vector<std::string> where;
  for (const auto& d : c->diags.all())
    if (d.code == "unknown-document")
      where.push_back(fmt::format("{}:{} {}", d.loc.line, d.loc.column, d.message));
  CHECK(where == std::vector<std::string>{"2005:16 unknown document '3/77'",
                                          "2005:36 unknown document '3/78'"});
}

TEST_CASE("a summary record's keys in another kind of document say how to fix them") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  std::string report = test::slurp(dir.path() / "report.yaml");
  report.replace(report.find("    date: 2024-05-06\n"), 21,
                 "    date: 2024-05-06\n    end_time: \"12:00\"\n");
  dir.write("report.yaml", report);
  auto c = check(dir);
  const Diagnostic* d = find(c->diags, "not-in-kind");
  REQUIRE(d);
  CHECK(d->message ==
        "'end_time' has no place in a document of kind 'outcome': only a summary record prints "
        "it");
  CHECK(d->loc.line == 7);
  // The kind is not written: the only note is the fix.
  REQUIRE(d->notes.size() == 1);
  CHECK(d->notes[0].message ==
        "remove it, or write 'kind: summary-record' if the document is a summary record");
  // In a summary record, an end without a start is a missing key instead.
  dir.write("report.yaml", "kind: summary-record\n" + report.substr(0, report.find("signature:")));
  auto r = check(dir);
  CHECK(test::codes(r->diags) == std::vector<std::string>{"8:15 missing-key"});
  REQUIRE(find(r->diags, "missing-key"));
  CHECK(find(r->diags, "missing-key")->notes.at(0).message ==
        "give the hour the meeting started as 'start_time: \"HH:MM\"'");
}

TEST_CASE("a summary record's table of subjects takes each section's documents once, in order") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  std::string report = test::slurp(dir.path() / "report.yaml");
  dir.write("report.yaml", "kind: summary-record\n" + report.substr(0, report.find("signature:")));
  dir.write("sections/docs.yaml",
            "heading: Documents ({doc:3/2R1})\n"
            "paragraphs:\n"
            "  - text: There was {count:contribution} contribution, and {doc:3/1} was cited.\n"
            "    documents: {kind: contribution}\n"
            "  - label: uk-contribution\n"
            "    presents: [3/1, 3/2R1]\n"
            "    text: The United Kingdom presented {doc:3/2R1|full}.\n");
  auto c = check(dir);
  CHECK(c->diags.all().empty());
  REQUIRE(c->model.sections.size() == 2);
  CHECK(c->model.sections[0].documents.empty());
  // Cited in the heading first, then presented; listed again, not repeated.
  REQUIRE(c->model.sections[1].documents.size() == 2);
  CHECK(c->model.documents[c->model.sections[1].documents[0]].key == "3/2R1");
  CHECK(c->model.documents[c->model.sections[1].documents[1]].key == "3/1");
}

TEST_CASE("a fixed paragraph number is kept and the count goes on from it") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  dir.write("sections/intro.yaml", R"(label: intro
heading: Introduction
paragraphs:
  - label: only
    number: 2
    text: The report has no 1.2... nor 1.1.
  - label: next
    text: Next.
  - number: 7
    text: Seven.
)");
  auto c = check(dir);
  CHECK(c->diags.all().empty());
  const auto& p = c->model.sections[0].paragraphs;
  CHECK(p[0].number == "1.2");
  CHECK(p[1].number == "1.3");
  CHECK(p[2].number == "1.7");
  CHECK(c->model.labels.at("next").number == "1.3");
}

TEST_CASE("a fixed number that goes backwards or repeats is an error") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  dir.write("sections/intro.yaml", R"(heading: Introduction
paragraphs:
  - One.
  - Two.
  - number: 2
    text: Two again.
  - number: 1
    numbered: true
    text: Backwards.
)");
  auto c = check(dir);
  REQUIRE(c->diags.all().size() == 2);
  const Diagnostic& d = c->diags.all()[0];
  CHECK(d.code == "number-order");
  CHECK(d.loc.line == 5);
  CHECK(d.loc.column == 13);
  CHECK(d.message == "paragraph number 1.2 is not after 1.2, the paragraph before it");
  REQUIRE(d.notes.size() == 2);
  CHECK(d.notes[0].loc.line == 4);
  CHECK(d.notes[0].message == "1.2 is here");
  CHECK(d.notes[1].message == "write a number after 2, or remove 'number' to have 1.3 computed");
  // The paragraph in error took the next number, so the next one is
  // measured against it: one mistake, not a cascade.
  CHECK(c->diags.all()[1].message ==
        "paragraph number 1.1 is not after 1.3, the paragraph before it");
}

TEST_CASE("the trailing-dot style prints 6. and 6.2.; references print 6 and 6.2") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  dir.write("report.yaml", test::slurp(dir.path() / "report.yaml") +
                               "numbering:\n  style: trailing-dot\n  annex_paragraphs: true\n"
                               "annexes: [sections/annex.yaml]\n");
  dir.write("sections/annex.yaml", R"(label: annex
heading: An annex
paragraphs:
  - label: annex-first
    text: Numbered by default.
  - numbered: false
    text: Not numbered.
)");
  auto c = check(dir);
  CHECK(c->diags.all().empty());
  CHECK(c->model.sections[0].number == "1.");
  CHECK(c->model.sections[0].paragraphs[0].number == "1.1.");
  CHECK(c->model.labels.at("intro").number == "1");
  CHECK(c->model.labels.at("opening").number == "1.1");
  CHECK(c->model.annexes[0].number == "Annex 1");
  CHECK(c->model.annexes[0].paragraphs[0].number == "A1.1.");
  CHECK(c->model.annexes[0].paragraphs[1].number.empty());
  CHECK(c->model.labels.at("annex-first").number == "A1.1");
}

TEST_CASE("a list's item word makes references to its items read as prose") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  dir.write("sections/intro.yaml", R"(label: intro
heading: Introduction
paragraphs:
  - label: opening
    text: 'See {para:q-two}, {para:item-b} and {para:plain-b}.'
    list:
      style: number
      item_word: question
      items:
        - One?
        - label: q-two
          text: Two?
          list:
            style: alpha
            item_word: item
            items:
              - a.
              - label: item-b
                text: b.
  - text: 'Plain:'
    list:
      style: alpha
      items:
        - a.
        - label: plain-b
          text: b.
)");
  auto c = check(dir);
  CHECK(c->diags.all().empty());
  CHECK(c->model.labels.at("q-two").number == "question\u00A02");
  CHECK(c->model.labels.at("item-b").number == "item\u00A0b)");
  CHECK(c->model.labels.at("plain-b").number == "b)");
}

// Groups whose symbols do not follow "ACRONYM-N/" say so once, under
// 'group:'; the keys stay those of the meeting's series.
TEST_CASE("a group's own series and revision form make the symbols") {
  struct Form {
    std::string group_keys;
    std::string symbol_1, symbol_2, key_2;
  };
  const std::vector<Form> forms = {
      {"", "CWG-T-3/1", "CWG-T-3/2R1", "3/2R1"},
      {"  revision_form: spaced\n", "CWG-T-3/1", "CWG-T-3/2\u00A0(Rev.1)", "3/2R1"},
      {"  series: \"EG-T {meeting}/\"\n", "EG-T 3/1", "EG-T 3/2R1", "3/2R1"},
      {"  series: \"EG-T {meeting}/\"\n  revision_form: spaced\n", "EG-T 3/1",
       "EG-T 3/2\u00A0(Rev.1)", "3/2R1"},
      {"  series: C26/\n", "C26/1", "C26/2(Rev.1)", "C26/2R1"},
      {"  series: C26/\n  revision_form: compact\n", "C26/1", "C26/2R1", "C26/2R1"},
  };
  for (const Form& f : forms) {
    TempDir dir;
    test::write_minimal_meeting(dir);
    std::string report = test::slurp(dir.path() / "report.yaml");
    report.replace(report.find("  acronym: CWG-T\n"), 16, "  acronym: CWG-T\n" + f.group_keys);
    dir.write("report.yaml", report);
    // The sources refer to the documents by the keys of their series.
    for (const char* file : {"sections/intro.yaml", "sections/docs.yaml"}) {
      std::string text = test::slurp(dir.path() / file);
      for (std::string from : {std::string("3/2R1"), std::string("3/2"), std::string("3/1")}) {
        std::string to = f.key_2.starts_with("C26/") ? "C26/" + from.substr(2) : from;
        for (std::size_t at = text.find(from); at != std::string::npos;
             at = text.find(from, at + to.size()))
          text.replace(at, from.size(), to);
      }
      dir.write(file, text);
    }
    auto c = check(dir);
    INFO(f.group_keys);
    CHECK(c->diags.all().empty());
    REQUIRE(c->model.documents.size() == 2);
    CHECK(c->model.documents[0].symbol == f.symbol_1);
    CHECK(c->model.documents[1].symbol == f.symbol_2);
    CHECK(c->model.documents[1].key == f.key_2);
  }
}

TEST_CASE("the suffixes of inserted paragraphs are the Latin multiplicative adverbs") {
  CHECK(insertion_suffix(1) == "bis");
  CHECK(insertion_suffix(2) == "ter");
  CHECK(insertion_suffix(3) == "quater");
  CHECK(insertion_suffix(4) == "quinquies");
  CHECK(insertion_suffix(kMaxInsertions) == "decies");
  CHECK(insertion_suffix(0).empty());
  CHECK(insertion_suffix(kMaxInsertions + 1).empty());
  for (std::size_t n = 1; n <= kMaxInsertions; ++n)
    CHECK(insertion_index(insertion_suffix(n)) == n);
  CHECK(insertion_index("") == 0);
  CHECK(insertion_index("bisx") == 0);
}

TEST_CASE("a frozen section keeps its numbers: inserted paragraphs take suffixes") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  dir.write("frozen.yaml", R"(sections:
  intro: "1"
paragraphs:
  a: "1.1"
  b: "1.2"
  c: "1.2bis"
  d: "1.4"
)");
  dir.write("sections/intro.yaml", R"(label: intro
heading: Introduction
paragraphs:
  - label: a
    text: One.
  - New after 1.1.
  - label: b
    text: Two.
  - label: c
    text: Two bis.
  - New after 1.2bis.
  - text: Not numbered.
    numbered: false
  - Another new one.
  - label: d
    deleted: true
  - New after 1.4, which is deleted.
)");
  auto c = check(dir);
  CHECK(c->diags.error_count() == 0);
  std::vector<std::string> numbers;
  for (const auto& p : c->model.sections[0].paragraphs) numbers.push_back(p.number);
  CHECK(numbers == std::vector<std::string>{"1.1", "1.1bis", "1.2", "1.2bis", "1.2ter", "",
                                            "1.2quater", "1.4", "1.4bis"});
  const auto& p = c->model.sections[0].paragraphs;
  CHECK(p[1].anchor == "para-1-1bis");
  CHECK(p[7].deleted);
  CHECK(c->model.labels.at("d").deleted);
  // The section without frozen paragraphs counts as before.
  CHECK(c->model.sections[1].paragraphs[0].number == "2.1");
}

TEST_CASE("a frozen annex paragraph keeps its number") {
  TempDir dir;
  test::write_minimal_meeting(dir);
  std::string report = test::slurp(dir.path() / "report.yaml");
  report.insert(report.find("signature:"), "annexes:\n  - annex.yaml\n");
  dir.write("report.yaml", report);
  dir.write("annex.yaml", R"(label: terms
heading: Terms of reference
paragraphs:
  - label: t1
    numbered: true
    text: One.
  - numbered: true
    text: Inserted.
)");
  dir.write("frozen.yaml", "annexes:\n  terms: \"Annex 1\"\nparagraphs:\n  t1: \"A1.1\"\n");
  auto c = check(dir);
  CHECK(c->diags.error_count() == 0);
  REQUIRE(c->model.annexes.size() == 1);
  CHECK(c->model.annexes[0].paragraphs[1].number == "A1.1bis");
}
