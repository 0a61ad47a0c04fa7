// Tests of the report-level diff on versions made by hand: what is matched
// with what, and how each change is classified.
#include "diff/report_diff.h"

#include <catch2/catch.hpp>
#include <functional>
#include <string>
#include <vector>

#include "diff/redline.h"
#include "render/render.h"

namespace {

using cwg::diff::Change;
using cwg::diff::Unit;
using cwg::diff::Version;
using cwg::diff::Word;

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

// A section "6" whose paragraphs are {label, text}, numbered 6.1, 6.2...
Version section(const std::vector<std::pair<std::string, std::string>>& paragraphs,
                const std::vector<std::pair<std::string, std::string>>& documents = {}) {
  Version v;
  v.units.push_back({Unit::Kind::section, "6", "discussions", "Discussions", kNone});
  for (std::size_t i = 0; i < paragraphs.size(); ++i)
    v.units.push_back({Unit::Kind::paragraph, "6." + std::to_string(i + 1), paragraphs[i].first,
                       paragraphs[i].second, 0});
  for (const auto& [key, title] : documents)
    v.units.push_back({Unit::Kind::document, "CWG-T-3/" + key, key, title, kNone});
  return v;
}

std::string summary(const std::vector<Change>& changes) {
  std::string out;
  for (const Change& c : changes) {
    out += cwg::diff::kind_name(c.kind);
    out += ' ';
    out += c.has_old ? c.old_number : "-";
    out += '>';
    out += c.has_new ? c.new_number : "-";
    out += ';';
  }
  return out;
}

const std::vector<std::pair<std::string, std::string>> kBase = {
    {"a", "The Chair opened the meeting."},
    {"b", "Ten contributions were presented."},
    {"c", "The group agreed to continue."},
    {"d", "The meeting closed at noon."},
};

}  // namespace

TEST_CASE("diff: the same report has no change", "[diff]") {
  CHECK(compare(section(kBase), section(kBase)).empty());
}

TEST_CASE("diff: an insertion renumbers what follows, quietly", "[diff]") {
  auto after = kBase;
  after.insert(after.begin() + 1, {"new", "The agenda was adopted."});
  CHECK(summary(compare(section(kBase), section(after))) ==
        "inserted ->6.2;renumbered 6.2>6.3;renumbered 6.3>6.4;renumbered 6.4>6.5;");
}

TEST_CASE("diff: a deletion is listed where it stood", "[diff]") {
  auto after = kBase;
  after.erase(after.begin() + 1);
  auto changes = compare(section(kBase), section(after));
  CHECK(summary(changes) == "deleted 6.2>-;renumbered 6.3>6.2;renumbered 6.4>6.3;");
  CHECK(changes[0].text == "Ten contributions were presented.");
  CHECK(changes[0].label == "b");
}

TEST_CASE("diff: a withdrawn paragraph keeps its number and shows what it said", "[diff]") {
  Version after = section(kBase);
  after.units[2].text = "[Deleted]";
  after.units[2].withdrawn = true;
  auto changes = compare(section(kBase), after);
  REQUIRE(summary(changes) == "withdrawn 6.2>6.2;");
  CHECK(changes[0].label == "b");
  CHECK(changes[0].text == "Ten contributions were presented.");
  CHECK(changes[0].words.empty());
  // Withdrawn in both versions: no change.
  CHECK(compare(after, after).empty());
}

TEST_CASE("diff: a changed paragraph shows the words that changed", "[diff]") {
  auto after = kBase;
  after[1].second = "Eleven contributions were presented.";
  auto changes = compare(section(kBase), section(after));
  REQUIRE(summary(changes) == "changed 6.2>6.2;");
  const auto& w = changes[0].words;
  REQUIRE(w.size() == 3);
  CHECK((w[0].op == Word::Op::deleted && w[0].text == "Ten"));
  CHECK((w[1].op == Word::Op::inserted && w[1].text == "Eleven"));
  CHECK((w[2].op == Word::Op::same && w[2].text == "contributions were presented."));
}

TEST_CASE("diff: a paragraph moved is one change, not a deletion and an insertion", "[diff]") {
  auto after = kBase;
  std::swap(after[0], after[3]);  // d, b, c, a
  auto changes = compare(section(kBase), section(after));
  // b and c keep their order: the two others moved.
  CHECK(summary(changes) == "moved 6.4>6.1;moved 6.1>6.4;");
}

TEST_CASE("diff: a paragraph moved into the next section moved, not the section", "[diff]") {
  // Section 6 (a, b), section 7 (c); then b becomes the first of section 7.
  auto version = [](bool moved) {
    Version v;
    v.units.push_back({Unit::Kind::section, "6", "s6", "Discussions", kNone});
    v.units.push_back({Unit::Kind::paragraph, "6.1", "a", kBase[0].second, 0});
    if (!moved) v.units.push_back({Unit::Kind::paragraph, "6.2", "b", kBase[1].second, 0});
    const std::size_t seven = v.units.size();
    v.units.push_back({Unit::Kind::section, "7", "s7", "Outcomes", kNone});
    if (moved) v.units.push_back({Unit::Kind::paragraph, "7.1", "b", kBase[1].second, seven});
    v.units.push_back({Unit::Kind::paragraph, moved ? "7.2" : "7.1", "c", kBase[2].second, seven});
    return v;
  };
  CHECK(summary(compare(version(false), version(true))) == "moved 6.2>7.1;renumbered 7.1>7.2;");
  CHECK(summary(compare(version(true), version(false))) == "moved 7.1>6.2;renumbered 7.2>7.1;");
}

TEST_CASE("diff: unlabelled paragraphs are matched by their text", "[diff]") {
  auto before = kBase, after = kBase;
  for (auto& p : before) p.first.clear();
  for (auto& p : after) p.first.clear();
  after.insert(after.begin(), {"", "A new opening paragraph."});
  after[3].second = "The group agreed to continue its work.";  // was c
  auto changes = compare(section(before), section(after));
  CHECK(summary(changes) ==
        "inserted ->6.1;renumbered 6.1>6.2;renumbered 6.2>6.3;changed 6.3>6.4;renumbered "
        "6.4>6.5;");
}

TEST_CASE("diff: unlabelled paragraphs too different to match are deleted and inserted", "[diff]") {
  auto before = kBase, after = kBase;
  for (auto& p : before) p.first.clear();
  for (auto& p : after) p.first.clear();
  after[1].second = "Nothing in common here at all.";
  CHECK(summary(compare(section(before), section(after))) == "inserted ->6.2;deleted 6.2>-;");
}

TEST_CASE("diff: the register's documents are matched by key", "[diff]") {
  auto before = section(kBase, {{"1", "Report on testing"}, {"2", "Contribution"}});
  auto after = section(kBase, {{"1", "Report on the testing"}, {"3", "Another contribution"}});
  auto changes = compare(before, after);
  CHECK(summary(changes) ==
        "changed CWG-T-3/1>CWG-T-3/1;inserted ->CWG-T-3/3;deleted CWG-T-3/2>-;");
  for (const Change& c : changes) CHECK(c.what == Unit::Kind::document);
}

TEST_CASE("diff: a long changed stretch past the limit is shown replaced whole", "[diff]") {
  std::string a, b;
  for (int i = 0; i < 300; ++i) {
    a += "a" + std::to_string(i) + " ";
    b += "b" + std::to_string(i) + " ";
  }
  auto words = cwg::diff::word_diff("same " + a + "end", "same " + b + "end", 1000);
  REQUIRE(words.size() == 4);
  CHECK(words[0].op == Word::Op::same);
  CHECK(words[1].op == Word::Op::deleted);
  CHECK(words[2].op == Word::Op::inserted);
  CHECK((words[3].op == Word::Op::same && words[3].text == "end"));
}

namespace {

using cwg::tree::Block;
using cwg::tree::Inline;

Inline text(std::string s) {
  Inline x;
  x.text = std::move(s);
  return x;
}

// A report of one section "6" with one paragraph citing footnote 1.
cwg::tree::Report with_footnote(const std::string& paragraph, const std::string& note) {
  cwg::tree::Report r;
  cwg::tree::Section s;
  s.number = "6";
  s.heading = {text("Discussions")};
  Block b;
  b.number = "6.1";
  Inline mark;
  mark.kind = Inline::Kind::footnote_ref;
  mark.text = "1";
  mark.target = "fn-1";
  b.text = {text(paragraph), mark};
  s.blocks.push_back(b);
  r.sections.push_back(s);
  cwg::tree::Footnote f;
  f.number = "1";
  f.anchor = "fn-1";
  f.text = {text(note)};
  r.footnotes.push_back(f);
  return r;
}

}  // namespace

TEST_CASE("diff: a changed footnote is a change of the paragraph citing it", "[diff]") {
  auto before = with_footnote("The Chair spoke.", "In person.");
  auto after = with_footnote("The Chair spoke.", "Online.");
  auto version = [](const cwg::tree::Report& r) {
    return cwg::diff::version_of("v", r, {"s"}, {{{"p"}}}, {});
  };
  auto changes = compare(version(before), version(after));
  REQUIRE(changes.size() == 1);
  CHECK(summary(changes) == "changed 6.1>6.1;");
  std::string words;
  for (const Word& w : changes[0].words)
    words += (w.op == Word::Op::same ? "=" : w.op == Word::Op::deleted ? "-" : "+") + w.text + "|";
  CHECK(words == "=The Chair spoke.[1] [1]|-In person.|+Online.|");
  CHECK(compare(version(before), version(before)).empty());
}

TEST_CASE("diff: in a changed stretch, the deleted words come first", "[diff]") {
  auto words = cwg::diff::word_diff("take note of the report.",
                                    "take note of the report and endorse it.", 1000);
  REQUIRE(words.size() == 3);
  CHECK(words[1].op == Word::Op::deleted);
  CHECK(words[1].text == "report.");
  CHECK(words[2].op == Word::Op::inserted);
  CHECK(words[2].text == "report and endorse it.");
}

TEST_CASE("redline: the words that changed are marked at the inlines that hold them", "[diff]") {
  using Mark = cwg::ChangeMarks::Mark;
  auto before = with_footnote("The Chair spoke.", "In person.");
  auto after = with_footnote("The Chair spoke briefly.", "In person.");
  auto version = [](const cwg::tree::Report& r) {
    return cwg::diff::version_of("v", r, {"s"}, {{{"p"}}}, {});
  };
  const auto o = version(before), n = version(after);
  cwg::diff::Alignment alignment;
  compare(o, n, {}, &alignment);
  auto red = cwg::diff::redline(before, o, after, n, alignment, {});
  REQUIRE(red->report.sections.size() == 1);
  REQUIRE(red->report.sections[0].blocks.size() == 1);
  std::string marked;
  for (const Inline& x : red->report.sections[0].blocks[0].text) {
    const Mark m = red->marks.of(&x);
    marked += (m == Mark::none ? "=" : m == Mark::deleted ? "-" : "+") + x.text + "|";
  }
  // The footnote mark stays a mark, unchanged.
  CHECK(marked == "=The Chair|- spoke.|+ spoke briefly.|=1|");
  CHECK(red->report.sections[0].blocks[0].text.back().kind == Inline::Kind::footnote_ref);
  CHECK(red->marks.of(&red->report.sections[0]) == Mark::none);
}

TEST_CASE("diff: a label written on an unlabelled paragraph keeps it the same", "[diff]") {
  // What `cwgreport freeze` does to an unlabelled numbered paragraph.
  auto before = kBase;
  before[1].first = "";
  CHECK(compare(section(before), section(kBase)).empty());
  // A label that both versions have still decides: "b" is not "a".
  auto swapped = kBase;
  std::swap(swapped[0].first, swapped[1].first);
  CHECK_FALSE(compare(section(kBase), section(swapped)).empty());
}

TEST_CASE("diff: a paragraph inserted into a frozen report renumbers nothing", "[diff]") {
  Version before = section(kBase);
  Version after = section(kBase);
  after.units.insert(after.units.begin() + 3,
                     {Unit::Kind::paragraph, "6.2bis", "new", "The Chair thanked them.", 0});
  CHECK(summary(compare(before, after)) == "inserted ->6.2bis;");
}

namespace {

// A report whose preamble holds `paragraphs` (unnumbered), before a section
// "1" of one paragraph.
cwg::tree::Report with_preamble(const std::vector<std::string>& paragraphs) {
  cwg::tree::Report r;
  for (const std::string& p : paragraphs) {
    Block b;
    b.text = {text(p)};
    r.preamble.push_back(b);
  }
  cwg::tree::Section s;
  s.number = "1";
  s.heading = {text("Opening")};
  Block b;
  b.number = "1.1";
  b.text = {text("The Chair opened the meeting.")};
  s.blocks.push_back(b);
  r.sections.push_back(s);
  return r;
}

cwg::diff::Version preamble_version(const cwg::tree::Report& r,
                                    const std::vector<std::string>& labels = {}) {
  return cwg::diff::version_of("v", r, {"opening"}, {{{"opened"}}}, {}, labels);
}

const std::vector<std::string> kPreamble = {
    "This report was prepared by the secretariat of the group.",
    "It records the decisions of the meeting and the documents it examined.",
};

}  // namespace

TEST_CASE("diff: a paragraph inserted in the preamble is named by its place there", "[diff]") {
  auto after = kPreamble;
  after.insert(after.begin() + 1, "The group met in Geneva, with remote participation.");
  auto changes =
      compare(preamble_version(with_preamble(kPreamble)), preamble_version(with_preamble(after)));
  // Its place is not a number the report prints: the paragraph after it
  // is not renumbered.
  REQUIRE(summary(changes) == "inserted ->2;");
  CHECK(changes[0].what == Unit::Kind::preamble);
  CHECK(changes[0].text == "The group met in Geneva, with remote participation.");
  CHECK(std::string(cwg::diff::unit_name(changes[0].what)) == "preamble");
}

TEST_CASE("diff: a paragraph deleted from the preamble is listed where it stood", "[diff]") {
  auto after = kPreamble;
  after.erase(after.begin());
  auto changes = compare(preamble_version(with_preamble(kPreamble), {"prepared", "records"}),
                         preamble_version(with_preamble(after), {"records"}));
  REQUIRE(summary(changes) == "deleted 1>-;");
  CHECK(changes[0].what == Unit::Kind::preamble);
  CHECK(changes[0].label == "prepared");
  CHECK(changes[0].text == kPreamble[0]);
}

TEST_CASE("diff: a changed preamble paragraph is matched by similarity and shows its words",
          "[diff]") {
  auto after = kPreamble;
  after[1] = "It records the decisions of the meeting and the contributions it examined.";
  auto changes =
      compare(preamble_version(with_preamble(kPreamble)), preamble_version(with_preamble(after)));
  REQUIRE(summary(changes) == "changed 2>2;");
  CHECK(changes[0].what == Unit::Kind::preamble);
  std::string words;
  for (const Word& w : changes[0].words)
    words += (w.op == Word::Op::same ? "=" : w.op == Word::Op::deleted ? "-" : "+") + w.text + "|";
  CHECK(words ==
        "=It records the decisions of the meeting and the|-documents|+contributions|=it "
        "examined.|");
  // A labelled one is matched by its label through any rewording.
  after[1] = "Everything else was postponed.";
  auto labelled = compare(preamble_version(with_preamble(kPreamble), {"", "records"}),
                          preamble_version(with_preamble(after), {"", "records"}));
  CHECK(summary(labelled) == "changed 2>2;");
}

TEST_CASE("redline: the preamble's changes are marked in the preamble", "[diff]") {
  using Mark = cwg::ChangeMarks::Mark;
  auto before = with_preamble(kPreamble);
  auto after_texts = kPreamble;
  after_texts.erase(after_texts.begin());
  after_texts.push_back("The group met in Geneva.");
  auto after = with_preamble(after_texts);
  const auto o = preamble_version(before), n = preamble_version(after);
  cwg::diff::Alignment alignment;
  compare(o, n, {}, &alignment);
  auto red = cwg::diff::redline(before, o, after, n, alignment, {});
  const auto& pre = red->report.preamble;
  REQUIRE(pre.size() == 3);
  CHECK(red->marks.of(&pre[0]) == Mark::deleted);
  CHECK(cwg::diff::plain_text(pre[0]) == kPreamble[0]);
  CHECK(red->marks.of(&pre[1]) == Mark::none);
  CHECK(red->marks.of(&pre[2]) == Mark::inserted);
  // The section is the new one's, unmarked.
  REQUIRE(red->report.sections.size() == 1);
  CHECK(red->marks.of(&red->report.sections[0]) == Mark::none);
}

TEST_CASE("redline: a summary record's table of subjects marks rows and words, not numbers",
          "[diff]") {
  using Mark = cwg::ChangeMarks::Mark;
  using Row = std::vector<cwg::tree::Inlines>;
  auto record = [](const std::vector<Row>& rows) {
    auto r = with_preamble({});
    Block table;
    table.kind = Block::Kind::table;
    table.table.header = {{text("Subjects discussed")}, {text("Documents")}};
    table.table.rows = rows;
    r.record.subjects.push_back(table);
    return r;
  };
  auto row = [](const std::string& number, const std::string& subject, const std::string& docs) {
    return Row{{text(number + " "), text(subject)}, {text(docs)}};
  };
  // An item inserted before the budget renumbers it, the budget gains a
  // document, and the closing item goes.
  auto before = record({row("1", "Opening", "C/1"), row("2", "Budget of the Union for 2026", "C/2"),
                        row("3", "Closing of the session", "")});
  auto after = record({row("1", "Opening", "C/1"), row("2", "Other business", ""),
                       row("3", "Budget of the Union for 2026", "C/2, C/3")});
  const auto o = preamble_version(before), n = preamble_version(after);
  cwg::diff::Alignment alignment;
  compare(o, n, {}, &alignment);
  auto red = cwg::diff::redline(before, o, after, n, alignment, {});
  REQUIRE(red->report.record.subjects.size() == 1);
  const auto& rows = red->report.record.subjects[0].table.rows;
  REQUIRE(rows.size() == 4);
  auto marked = [&](const cwg::tree::Inlines& cell) {
    std::string out;
    for (const Inline& x : cell) {
      const Mark m = red->marks.of(&x);
      out += (m == Mark::none ? "=" : m == Mark::deleted ? "-" : "+") + x.text + "|";
    }
    return out;
  };
  CHECK(red->marks.of(&rows[0]) == Mark::none);
  CHECK(red->marks.of(&rows[1]) == Mark::inserted);
  CHECK(red->marks.of(&rows[2]) == Mark::none);
  // The new number, unmarked; the words that changed, marked.
  CHECK(marked(rows[2][0]) == "=3 |=Budget of the Union for 2026|");
  CHECK(marked(rows[2][1]) == "-C/2|+C/2, C/3|");
  CHECK(red->marks.of(&rows[3]) == Mark::deleted);
  CHECK(marked(rows[3][0]) == "=3 |=Closing of the session|");
}

TEST_CASE("redline: a table's rows are aligned, a row changed shows its words", "[diff]") {
  using Mark = cwg::ChangeMarks::Mark;
  using Row = std::vector<cwg::tree::Inlines>;
  auto with_table = [](const std::vector<Row>& rows) {
    auto r = with_preamble({});
    Block table;
    table.kind = Block::Kind::table;
    table.table.header = {{text("Language")}, {text("Pages")}};
    table.table.rows = rows;
    r.sections[0].blocks[0].children.push_back(table);
    return r;
  };
  auto row = [](const std::string& language, const std::string& pages) {
    return Row{{text(language)}, {text(pages)}};
  };
  auto before =
      with_table({row("Arabic", "10 480"), row("English", "2 950"), row("French", "12 430")});
  auto after =
      with_table({row("Arabic", "10 480"), row("French", "12 530"), row("Portuguese", "100")});
  const auto o = preamble_version(before, {"opened"}), n = preamble_version(after, {"opened"});
  cwg::diff::Alignment alignment;
  compare(o, n, {}, &alignment);
  auto red = cwg::diff::redline(before, o, after, n, alignment, {});
  REQUIRE(red->report.sections.size() == 1);
  REQUIRE(red->report.sections[0].blocks.size() == 1);
  REQUIRE(red->report.sections[0].blocks[0].children.size() == 1);
  const auto& rows = red->report.sections[0].blocks[0].children[0].table.rows;
  REQUIRE(rows.size() == 4);
  CHECK(red->marks.of(&rows[0]) == Mark::none);
  CHECK(red->marks.of(&rows[1]) == Mark::deleted);
  CHECK(red->marks.of(&rows[2]) == Mark::none);
  std::string marked;
  for (const Inline& x : rows[2][1]) {
    const Mark m = red->marks.of(&x);
    marked += (m == Mark::none ? "=" : m == Mark::deleted ? "-" : "+") + x.text + "|";
  }
  CHECK(marked == "=12|- 430|+ 530|");
  CHECK(red->marks.of(&rows[3]) == Mark::inserted);
}

TEST_CASE("diff: a table of contents that comes or goes is one change, not its lines", "[diff]") {
  auto before = with_preamble(kPreamble);
  auto after = before;
  after.words.contents = "Contents";
  after.contents.push_back({"1", "Opening", "opening", ""});
  auto changes = compare(preamble_version(before), preamble_version(after));
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].kind == Change::Kind::inserted);
  CHECK(changes[0].what == Unit::Kind::contents);
  // A heading changed: the change of its section, not of the contents too.
  auto renamed = after;
  renamed.sections[0].heading = {text("Opening of the meeting")};
  renamed.contents[0].heading = "Opening of the meeting";
  auto heading = compare(preamble_version(after), preamble_version(renamed));
  REQUIRE(heading.size() == 1);
  CHECK(heading[0].what == Unit::Kind::section);
  CHECK(heading[0].kind == Change::Kind::changed);
}

namespace {

using Mark = cwg::ChangeMarks::Mark;

// What a redline's inlines read with every change accepted (the deleted
// ones dropped) or rejected (the inserted ones dropped).
std::string taken(const cwg::tree::Inlines& xs, const cwg::ChangeMarks& marks, Mark dropped) {
  std::string out;
  for (const Inline& x : xs) {
    if (marks.of(&x) == dropped) continue;
    if (x.kind == Inline::Kind::emph || x.kind == Inline::Kind::strong ||
        x.kind == Inline::Kind::strike || x.kind == Inline::Kind::link ||
        x.kind == Inline::Kind::foreign)
      out += taken(x.children, marks, dropped);
    else
      out += cwg::detail::flatten({x});
  }
  return out;
}

Inline inline_of(Inline::Kind kind, std::string text, std::vector<Inline> children = {}) {
  Inline x;
  x.kind = kind;
  x.text = std::move(text);
  x.children = std::move(children);
  return x;
}

}  // namespace

// A change at the start of a text, or next to a reference, left a space
// before the new words that the old ones did not have: "3.1<TAB> This
// agenda", "( 6.4)", " 15 April 2018".
TEST_CASE("redline: accepting every change gives the new text exactly, rejecting the old",
          "[diff]") {
  using cwg::tree::Inlines;
  const Inline xref3 = inline_of(Inline::Kind::xref, "6.3");
  const Inline xref4 = inline_of(Inline::Kind::xref, "6.4");
  const Inline soft = inline_of(Inline::Kind::softbreak, "");
  const std::vector<std::pair<Inlines, Inlines>> pairs = {
      {{text("The agenda was adopted.")}, {text("This agenda was adopted.")}},
      {{text("14 April 2018")}, {text("15 April 2018")}},
      {{text("The representative spoke twice.")}, {text("[Deleted]")}},
      {{text("efforts ("), xref3, text(").")}, {text("efforts ("), xref4, text(").")}},
      {{text("efforts (para. "), xref3, text(")")}, {text("efforts ("), xref4, text(")")}},
      {{text("The Chair spoke.")}, {text("Chair spoke.")}},
      {{text("Chair spoke.")}, {text("The Chair spoke.")}},
      {{text("The Chair spoke.")}, {text("The Chair spoke at length.")}},
      {{text("a  b c")}, {text("a b c d")}},
      {{text("one"), soft, text("two three")}, {text("one two"), soft, text("four")}},
      {{inline_of(Inline::Kind::emph, "", {text("Draft")}), text(" report")},
       {inline_of(Inline::Kind::emph, "", {text("Final")}), text(" report")}},
      {{text("Noted. ")}, {text("Noted, with thanks. ")}},
  };
  for (const auto& [was, now] : pairs) {
    const std::string old_text = cwg::detail::flatten(was), new_text = cwg::detail::flatten(now);
    INFO(old_text << " -> " << new_text);
    auto report = [](const Inlines& paragraph) {
      auto r = with_preamble({});
      r.sections[0].blocks[0].text = paragraph;
      // The same words in a table's cell.
      Block table;
      table.kind = Block::Kind::table;
      table.table.header = {{text("Item")}, {text("Date")}};
      table.table.rows = {{{text("Meeting")}, paragraph}};
      r.sections[0].blocks[0].children.push_back(table);
      return r;
    };
    const auto before = report(was), after = report(now);
    const auto o = preamble_version(before), n = preamble_version(after);
    cwg::diff::Alignment alignment;
    compare(o, n, {}, &alignment);
    auto red = cwg::diff::redline(before, o, after, n, alignment, {});
    REQUIRE(red->report.sections.size() == 1);
    REQUIRE(red->report.sections[0].blocks.size() == 1);
    const Block& p = red->report.sections[0].blocks[0];
    CHECK(taken(p.text, red->marks, Mark::deleted) == new_text);
    CHECK(taken(p.text, red->marks, Mark::inserted) == old_text);
    // The row changed, or (too different) deleted and inserted whole.
    REQUIRE(p.children.size() == 1);
    auto cells = [&](Mark dropped) {
      std::string out;
      for (const auto& row : p.children[0].table.rows)
        if (red->marks.of(&row) != dropped) out += taken(row[1], red->marks, dropped);
      return out;
    };
    CHECK(cells(Mark::deleted) == new_text);
    CHECK(cells(Mark::inserted) == old_text);
  }
}

// The title, the cover's lines, a record's header lines and the signatures
// are marked as runs of plain text: the same holds of them.
TEST_CASE("redline: a plain text's runs give the new text accepted, the old rejected", "[diff]") {
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"Draft report of the meeting", "Final report of the meeting"},
      {"14 April 2018", "15 April 2018"},
      {"Report of the meeting", "Report of the 14th meeting, Geneva"},
      {"The Chair", "Chair"},
      {"Chair", "Vice-Chair of the Group"},
      {"Report  of the meeting", "Report of the meeting"},
  };
  for (const auto& [was, now] : pairs) {
    INFO(was << " -> " << now);
    auto before = with_preamble({}), after = with_preamble({});
    before.title = was;
    after.title = now;
    const auto o = preamble_version(before), n = preamble_version(after);
    cwg::diff::Alignment alignment;
    compare(o, n, {}, &alignment);
    auto red = cwg::diff::redline(before, o, after, n, alignment, {});
    REQUIRE(red->marks.texts.count("title") == 1);
    std::string accepted, rejected;
    for (const cwg::ChangeMarks::Run& run : red->marks.texts.at("title")) {
      if (run.mark != Mark::deleted) accepted += run.text;
      if (run.mark != Mark::inserted) rejected += run.text;
    }
    CHECK(accepted == now);
    CHECK(rejected == was);
  }
}

// Removing a strikethrough reverses what the sentence records, with the same
// words: the diff and the redline both show it.
TEST_CASE("diff: a change of formatting alone is a change, shown with its marks", "[diff]") {
  using cwg::tree::Inlines;
  const Inlines struck = {text("The group "),
                          inline_of(Inline::Kind::strike, "", {text("did not agree")}),
                          text(" to continue.")};
  const Inlines plain = {text("The group did not agree to continue.")};
  auto report = [](const Inlines& paragraph) {
    auto r = with_preamble({});
    r.sections[0].blocks[0].text = paragraph;
    return r;
  };
  const auto before = report(struck), after = report(plain);
  const auto o = preamble_version(before), n = preamble_version(after);
  cwg::diff::Alignment alignment;
  const auto changes = compare(o, n, {}, &alignment);
  REQUIRE(changes.size() == 1);
  CHECK(summary(changes) == "changed 1.1>1.1;");
  std::string words;
  for (const Word& w : changes[0].words)
    words += (w.op == Word::Op::same ? "=" : w.op == Word::Op::deleted ? "-" : "+") + w.text + "|";
  // Words are compared with the marks written against them, as a word diff
  // of the sources shows them.
  CHECK(words == "=The group|-~~did|+did|=not|-agree~~|+agree|=to continue.|");

  // The redline deletes the struck words as they were and inserts them plain.
  auto red = cwg::diff::redline(before, o, after, n, alignment, {});
  REQUIRE(red->report.sections.size() == 1);
  const Inlines& p = red->report.sections[0].blocks[0].text;
  std::function<std::string(const Inlines&)> marks_of = [&](const Inlines& xs) {
    std::string out;
    for (const Inline& x : xs) {
      const Mark m = red->marks.of(&x);
      out += m == Mark::none ? "=" : m == Mark::deleted ? "-" : "+";
      out += x.kind == Inline::Kind::strike ? "~~{" + marks_of(x.children) + "}~~" : x.text;
      out += "|";
    }
    return out;
  };
  CHECK(marks_of(p) == "=The group|- |=~~{-did not agree|}~~|+ did not agree|= to continue.|");
  CHECK(taken(p, red->marks, Mark::deleted) == "The group did not agree to continue.");

  // A link whose target changed, its words the same, is a change too.
  const Inlines linked = {inline_of(Inline::Kind::link, "", {text("the report")})};
  Inlines relinked = linked;
  relinked[0].target = "https://example.org/new";
  CHECK(cwg::diff::marked_text(linked) != cwg::diff::marked_text(relinked));
  // A change of words and none of marks still compares as plain words.
  CHECK(cwg::diff::marked_text(plain) == "The group did not agree to continue.");
}

// An unnumbered paragraph has no number to be found by: the diff places it
// by what its section prints before it.
TEST_CASE("diff: an unnumbered paragraph is placed in its section", "[diff]") {
  auto report = [](const std::string& first, const std::string& last) {
    cwg::tree::Report r;
    cwg::tree::Section s;
    s.number = "6";
    s.heading = {text("Discussions")};
    for (const auto& [number, words] : {std::pair<std::string, std::string>{"", first},
                                        {"6.1", "The Chair spoke."},
                                        {"", last}}) {
      Block b;
      b.number = number;
      b.text = {text(words)};
      s.blocks.push_back(b);
    }
    r.sections.push_back(s);
    return r;
  };
  auto version = [](const cwg::tree::Report& r) {
    return cwg::diff::version_of("v", r, {"s"}, {{{"", false}, {"p", false}, {"", false}}}, {});
  };
  const auto changes = compare(
      version(report("Opening remarks were made by all.", "The group thanked the interpreters.")),
      version(report("Opening remarks were made by many.",
                     "The group thanked the interpreters warmly.")));
  REQUIRE(changes.size() == 2);
  CHECK(changes[0].in == "section 6");
  CHECK(changes[0].after.empty());
  CHECK(changes[0].nth == 1);
  CHECK(changes[1].in == "section 6");
  CHECK(changes[1].after == "6.1");
  CHECK(changes[1].nth == 1);
}

TEST_CASE("diff: unnumbered paragraphs in a row are counted from the last numbered one", "[diff]") {
  cwg::tree::Report r;
  cwg::tree::Section s;
  s.number = "Annex 1";
  s.heading = {text("Participants")};
  for (const char* words : {"First list of names.", "Second list of names.", "Third."}) {
    Block b;
    b.text = {text(words)};
    s.blocks.push_back(b);
  }
  r.annexes.push_back(s);
  const auto v =
      cwg::diff::version_of("v", r, {"a"}, {{{"", false}, {"", false}, {"", false}}}, {});
  std::vector<std::size_t> nth;
  for (const Unit& u : v.units)
    if (u.kind == Unit::Kind::paragraph) {
      CHECK(u.in == "annex Annex 1");
      CHECK(u.after.empty());
      nth.push_back(u.nth);
    }
  CHECK(nth == std::vector<std::size_t>{1, 2, 3});
}

TEST_CASE("diff: text that holds a mark's character is not taken for the mark", "[diff]") {
  using cwg::tree::Inlines;
  const Inlines typed = {text("until it is *approved*")};
  const Inlines emphasized = {text("until it is "),
                              inline_of(Inline::Kind::emph, "", {text("approved")})};
  CHECK(cwg::diff::marked_text(typed) == "until it is \\*approved\\*");
  CHECK(cwg::diff::marked_text(emphasized) == "until it is *approved*");
}
