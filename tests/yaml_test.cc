// Tests for the strict YAML reader: positions, the YAML profile it enforces,
// encodings, limits and hostile inputs.
#include "cwgreport/yaml.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

using cwg::Diagnostic;
using cwg::Diagnostics;
using cwg::yaml::Kind;
using cwg::yaml::Limits;
using cwg::yaml::Node;

struct Result {
  std::optional<Node> root;
  Diagnostics diags;
};

Result parse(std::string_view text, const Limits& limits = {}) {
  Result r;
  r.root = cwg::yaml::parse(text, "f.yaml", r.diags, limits);
  return r;
}

std::string pos(const cwg::Location& loc) {
  return std::to_string(loc.line) + ":" + std::to_string(loc.column);
}

// The one diagnostic the input must produce, as "code line:col message".
std::string only_diag(const Result& r) {
  REQUIRE(r.diags.all().size() == 1);
  const Diagnostic& d = r.diags.all().front();
  CHECK(d.loc.file == "f.yaml");
  return d.code + " " + pos(d.loc) + " " + d.message;
}

const Node& at(const Node& map, std::string_view key) {
  const Node* n = map.find(key);
  REQUIRE(n != nullptr);
  return *n;
}

// A scratch directory removed at the end of the test.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    path = std::filesystem::temp_directory_path() /
           ("cwgreport-yaml-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string write(const std::string& name, std::string_view contents) const {
    std::ofstream out(path / name, std::ios::binary);
    out << contents;
    return (path / name).string();
  }
};

}  // namespace

TEST_CASE("nodes keep the line and column of their first byte") {
  auto r = parse(
      "group:\n"
      "  name: Working Group\n"
      "  acronym: CWG\n"
      "meetings:\n"
      "  - number: 14\n"
      "    date: 2018-01-23\n"
      "  - {number: 15, date: '2018-06-01'}\n"
      "list: [a, [b, c]]\n");
  REQUIRE(r.diags.all().empty());
  REQUIRE(r.root);
  const Node& root = *r.root;
  REQUIRE(root.is_map());
  CHECK(pos(root.loc) == "1:1");
  CHECK(root.entries.size() == 3);
  CHECK(root.entries[0].key.value == "group");
  CHECK(pos(root.entries[1].key.loc) == "4:1");

  const Node& group = at(root, "group");
  REQUIRE(group.is_map());
  CHECK(pos(group.loc) == "2:3");  // a block map starts at its first key
  CHECK(pos(at(group, "name").loc) == "2:9");
  CHECK(at(group, "name").value == "Working Group");
  CHECK(pos(at(group, "acronym").loc) == "3:12");
  CHECK(at(group, "acronym").offset == 40);

  const Node& meetings = at(root, "meetings");
  REQUIRE(meetings.is_sequence());
  REQUIRE(meetings.items.size() == 2);
  CHECK(pos(meetings.loc) == "5:3");
  CHECK(pos(meetings.items[0].loc) == "5:5");
  CHECK(pos(at(meetings.items[0], "date").loc) == "6:11");
  CHECK(at(meetings.items[0], "date").value == "2018-01-23");
  const Node& flow = meetings.items[1];
  REQUIRE(flow.is_map());
  CHECK(pos(flow.loc) == "7:5");
  CHECK(pos(flow.entries[1].key.loc) == "7:18");
  CHECK(pos(at(flow, "date").loc) == "7:24");

  const Node& list = at(root, "list");
  CHECK(pos(list.loc) == "8:7");
  CHECK(pos(list.items[1].loc) == "8:11");
  CHECK(pos(list.items[1].items[1].loc) == "8:15");
  CHECK(list.items[1].items[1].offset == 141);
}

TEST_CASE("plain, quoted and block scalars") {
  auto r = parse(
      "plain: hello world\n"
      "single: 'it''s'\n"
      "double: \"tab\\there\"\n"
      "literal: |\n"
      "  line one\n"
      "  line two\n"
      "folded: >-\n"
      "  one\n"
      "  two\n"
      "number: 14\n");
  REQUIRE(r.diags.all().empty());
  const Node& root = *r.root;
  CHECK(at(root, "plain").value == "hello world");
  CHECK(at(root, "plain").plain);
  CHECK(at(root, "single").value == "it's");
  CHECK_FALSE(at(root, "single").plain);
  CHECK(pos(at(root, "single").loc) == "2:9");
  CHECK(at(root, "double").value == "tab\there");
  CHECK_FALSE(at(root, "double").plain);
  CHECK(at(root, "literal").value == "line one\nline two\n");
  CHECK_FALSE(at(root, "literal").plain);
  CHECK(pos(at(root, "literal").loc) == "4:10");
  CHECK(at(root, "folded").value == "one two");
  CHECK_FALSE(at(root, "folded").plain);
  CHECK(at(root, "number").value == "14");
  CHECK(at(root, "number").plain);
  CHECK(at(root, "number").is_scalar());
}

TEST_CASE("null values: written out or left empty") {
  auto r = parse(
      "tilde: ~\n"
      "word: null\n"
      "empty:\n"
      "commented:   # nothing here\n"
      "\n"
      "quoted: '~'\n"
      "list:\n"
      "  -\n"
      "  - x\n"
      "flow: {a: , b: ~}\n");
  REQUIRE(r.diags.all().empty());
  const Node& root = *r.root;
  CHECK(at(root, "tilde").is_null());
  CHECK(at(root, "tilde").plain);
  CHECK(at(root, "tilde").value.empty());
  CHECK(pos(at(root, "tilde").loc) == "1:8");
  CHECK(at(root, "word").is_null());
  CHECK(at(root, "word").plain);
  // An empty value points just past its key's ':', not at the next line.
  CHECK(at(root, "empty").is_null());
  CHECK_FALSE(at(root, "empty").plain);
  CHECK(pos(at(root, "empty").loc) == "3:7");
  CHECK(pos(at(root, "commented").loc) == "4:11");
  CHECK(at(root, "quoted").is_scalar());
  CHECK(at(root, "quoted").value == "~");
  const Node& list = at(root, "list");
  REQUIRE(list.items.size() == 2);
  CHECK(list.items[0].is_null());
  CHECK(pos(list.items[0].loc) == "8:4");
  const Node& flow = at(root, "flow");
  CHECK(at(flow, "a").is_null());
  CHECK_FALSE(at(flow, "a").plain);
  CHECK(at(flow, "b").plain);
}

TEST_CASE("find and kind names") {
  auto r = parse("a: 1\nb: [x]\n");
  REQUIRE(r.root);
  CHECK(r.root->find("a") != nullptr);
  CHECK(r.root->find("b")->is_sequence());
  CHECK(r.root->find("c") == nullptr);
  CHECK(r.root->find("A") == nullptr);
  CHECK(cwg::yaml::kind_name(Kind::null) == "nothing");
  CHECK(cwg::yaml::kind_name(Kind::scalar) == "a string");
  CHECK(cwg::yaml::kind_name(Kind::sequence) == "a list");
  CHECK(cwg::yaml::kind_name(Kind::map) == "a mapping");
}

TEST_CASE("an empty file is a null root") {
  for (std::string_view text : {"", "# only a comment\n", "\n\n", "\xEF\xBB\xBF"}) {
    auto r = parse(text);
    CHECK(r.diags.all().empty());
    REQUIRE(r.root);
    CHECK(r.root->is_null());
    CHECK(r.root->loc.file == "f.yaml");
    CHECK_FALSE(r.root->loc.has_position());
  }
}

TEST_CASE("the text is registered for quoting lines") {
  auto r = parse("a: 1\r\nb: 2\r\n");
  const std::string* text = r.diags.sources().find("f.yaml");
  REQUIRE(text != nullptr);
  CHECK(*text == "a: 1\r\nb: 2\r\n");
  CHECK(r.diags.sources().line("f.yaml", 2) == "b: 2");
}

TEST_CASE("duplicate keys are reported with the first definition") {
  auto r = parse(
      "title: One\n"
      "text: x\n"
      "title: Two\n");
  CHECK(only_diag(r) == "duplicate-key 3:1 duplicate key 'title'");
  const Diagnostic& d = r.diags.all().front();
  REQUIRE(d.notes.size() == 1);
  CHECK(d.notes[0].message == "first defined here");
  CHECK(d.notes[0].loc.file == "f.yaml");
  CHECK(pos(d.notes[0].loc) == "1:1");
  // The tree is still returned, with the first value and unique keys.
  REQUIRE(r.root);
  REQUIRE(r.root->entries.size() == 2);
  CHECK(at(*r.root, "title").value == "One");
}

TEST_CASE("duplicate keys are found in nested and flow maps, quoted or not") {
  auto r = parse(
      "a:\n"
      "  - {x: 1, 'x': 2}\n"
      "  - y: 1\n"
      "    z: 2\n"
      "    \"y\": 3\n"
      "b: {x: 1}\n");
  REQUIRE(r.diags.all().size() == 2);
  CHECK(r.diags.all()[0].message == "duplicate key 'x'");
  CHECK(pos(r.diags.all()[0].loc) == "2:12");
  CHECK(pos(r.diags.all()[0].notes[0].loc) == "2:6");
  CHECK(r.diags.all()[1].message == "duplicate key 'y'");
  CHECK(pos(r.diags.all()[1].loc) == "5:5");
  CHECK(pos(r.diags.all()[1].notes[0].loc) == "3:5");
}

TEST_CASE("40,000 distinct keys are read") {
  std::string text;
  for (int i = 0; i < 40000; ++i)
    text += "key" + std::to_string(i) + ": " + std::to_string(i) + "\n";
  auto r = parse(text);
  CHECK(r.diags.all().empty());
  REQUIRE(r.root);
  REQUIRE(r.root->entries.size() == 40000);
  CHECK(r.root->entries[39999].key.value == "key39999");
  CHECK(pos(r.root->entries[39999].key.loc) == "40000:1");
}

TEST_CASE("40,000 copies of one key are each reported") {
  std::string text;
  for (int i = 0; i < 40000; ++i) text += "key: " + std::to_string(i) + "\n";
  auto r = parse(text);
  CHECK(r.diags.error_count() == 39999);
  REQUIRE(r.root);
  CHECK(r.root->entries.size() == 1);
}

TEST_CASE("keys must be strings") {
  SECTION("a list") {
    auto r = parse("[a, b]: 1\nc: 2\n");
    CHECK(only_diag(r) == "yaml-complex-key 1:1 mapping key is a list; keys must be plain strings");
    REQUIRE(r.root);
    CHECK(r.root->entries.size() == 1);
  }
  SECTION("a mapping") {
    auto r = parse("? {a: 1}\n: x\n");
    CHECK(only_diag(r) ==
          "yaml-complex-key 1:3 mapping key is a mapping; keys must be plain strings");
  }
  SECTION("null written out") {
    auto r = parse("~: 1\n");
    CHECK(only_diag(r) ==
          "yaml-complex-key 1:1 mapping key '~' reads as nothing; keys must be strings");
  }
  SECTION("empty") {
    auto r = parse("a: 1\n: 2\n");
    CHECK(only_diag(r) == "yaml-complex-key 2:1 mapping key is empty");
  }
}

TEST_CASE("anchors and aliases are rejected") {
  SECTION("anchor and alias") {
    auto r = parse("a: &x 1\nb: *x\n");
    CHECK(only_diag(r) == "yaml-alias 1:4 anchor '&x' is not allowed; write the value out in full");
    REQUIRE(r.root);
    CHECK(at(*r.root, "b").is_null());
  }
  SECTION("an alias with no anchor") {
    auto r = parse("a: 1\nb: *nowhere\n");
    CHECK(only_diag(r) ==
          "yaml-alias 2:4 alias '*nowhere' is not allowed; write the value out in full");
    CHECK_FALSE(r.root);
  }
  SECTION("a list that contains itself") {
    auto r = parse("&a [1, *a]");
    CHECK(only_diag(r) == "yaml-alias 1:1 anchor '&a' is not allowed; write the value out in full");
  }
  SECTION("billion laughs") {
    std::string text =
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
    for (char c = 'b'; c <= 'i'; ++c) {
      const char prev = static_cast<char>(c - 1);
      text += std::string(1, c) + ": &" + c + " [";
      for (int i = 0; i < 9; ++i) text += std::string(i ? "," : "") + "*" + prev;
      text += "]\n";
    }
    auto r = parse(text);
    CHECK(only_diag(r) == "yaml-alias 1:4 anchor '&a' is not allowed; write the value out in full");
    REQUIRE(r.root);
    CHECK(r.root->entries.size() == 9);
    CHECK(at(*r.root, "i").items.size() == 9);
  }
}

TEST_CASE("explicit tags are rejected") {
  SECTION("core tag") {
    auto r = parse("a: !!str 14\n");
    CHECK(only_diag(r) == "yaml-tag 1:4 explicit tag '!!str' is not allowed");
    CHECK(at(*r.root, "a").value == "14");
  }
  SECTION("local tag") {
    auto r = parse("- !custom x\n");
    CHECK(only_diag(r) == "yaml-tag 1:3 explicit tag '!custom' is not allowed");
  }
  SECTION("non-specific tag on a plain scalar") {
    auto r = parse("a: ! 14\n");
    CHECK(only_diag(r) == "yaml-tag 1:4 explicit tag '!' is not allowed");
  }
  SECTION("tag on a collection") {
    auto r = parse("a: !!map\n  b: 1\nc: !!seq [x]\n");
    REQUIRE(r.diags.all().size() == 2);
    CHECK(r.diags.all()[0].message == "explicit tag '!!map' is not allowed");
    CHECK(pos(r.diags.all()[0].loc) == "1:4");
    CHECK(r.diags.all()[1].message == "explicit tag '!!seq' is not allowed");
    CHECK(pos(r.diags.all()[1].loc) == "3:4");
  }
}

TEST_CASE("one document per file") {
  SECTION("a leading --- is fine") {
    auto r = parse("---\na: 1\n...\n# end\n");
    CHECK(r.diags.all().empty());
    CHECK(at(*r.root, "a").value == "1");
  }
  SECTION("a second document after ---") {
    auto r = parse("a: 1\n---\nb: 2\n");
    CHECK(only_diag(r) ==
          "yaml-multiple-documents 2:1 a second YAML document starts here; a file holds "
          "exactly one");
    // The first document is complete and still returned.
    REQUIRE(r.root);
    CHECK(r.root->entries.size() == 1);
  }
  SECTION("a second document after ...") {
    auto r = parse("a: 1\n...\n# note\nb: 2\n");
    CHECK(only_diag(r) ==
          "yaml-multiple-documents 4:1 a second YAML document starts here; a file holds "
          "exactly one");
  }
  SECTION("a trailing ---") {
    auto r = parse("a: 1\n---\n");
    CHECK(only_diag(r) ==
          "yaml-multiple-documents 2:1 a second YAML document starts here; a file holds "
          "exactly one");
  }
  SECTION("content that does not continue the top-level value") {
    auto r = parse("- a\nb: 1\n");
    CHECK(only_diag(r) ==
          "yaml-syntax 2:1 yaml syntax error: content after the end of the top-level value; "
          "check the indentation");
    CHECK_FALSE(r.root);
  }
}

TEST_CASE("stray commas end the parse with an error") {
  // yaml-cpp would start a new empty document at a stray ',' forever.
  CHECK(only_diag(parse(",\n")) == "yaml-syntax 1:1 yaml syntax error: unexpected ','");
  CHECK(only_diag(parse(",")) == "yaml-syntax 1:1 yaml syntax error: unexpected ','");
  CHECK(only_diag(parse("- a\n,\n")) == "yaml-syntax 2:1 yaml syntax error: unexpected ','");
  CHECK(only_diag(parse("a: 1\n,\n")) ==
        "yaml-syntax 2:1 yaml syntax error: unexpected content in a mapping; check the "
        "indentation");
  CHECK(only_diag(parse("a: [x, , y]\n")) == "yaml-syntax 1:8 yaml syntax error: unexpected ','");
  CHECK(only_diag(parse("a: [, y]\n")) == "yaml-syntax 1:5 yaml syntax error: unexpected ','");
  CHECK(only_diag(parse("a: {, b: 1}\n")) == "yaml-syntax 1:5 yaml syntax error: unexpected ','");
  // A trailing comma in a flow collection is valid YAML.
  auto ok = parse("a: [x, y,]\nb: {c: 1,}\n");
  CHECK(ok.diags.all().empty());
  CHECK(at(*ok.root, "a").items.size() == 2);
}

TEST_CASE("end of input inside a flow collection") {
  SECTION("list") {
    auto r = parse("[a,\n");
    CHECK(only_diag(r) == "yaml-syntax 1:3 yaml syntax error: end of sequence flow not found");
    REQUIRE(r.diags.all()[0].notes.size() == 1);
    CHECK(r.diags.all()[0].notes[0].message == "'[' opened here");
    CHECK(pos(r.diags.all()[0].notes[0].loc) == "1:1");
  }
  SECTION("nested list") {
    auto r = parse("a:\n  b: [1, [2, 3]\n");
    CHECK(only_diag(r) == "yaml-syntax 2:15 yaml syntax error: end of sequence flow not found");
    CHECK(pos(r.diags.all()[0].notes[0].loc) == "2:6");
  }
  SECTION("map") {
    auto r = parse("{");
    CHECK(only_diag(r) == "yaml-syntax 1:1 yaml syntax error: end of map flow not found");
    CHECK_FALSE(r.root);
  }
  SECTION("map with content") {
    auto r = parse("a: {b: 1\n\n");
    CHECK(only_diag(r) == "yaml-syntax 1:8 yaml syntax error: end of map flow not found");
    CHECK(pos(r.diags.all()[0].notes[0].loc) == "1:4");
  }
}

TEST_CASE("an unterminated quote does not swallow the file") {
  SECTION("double quote, more lines after it") {
    auto r = parse("a: \"abc\nb: 2\nc: 3\n");
    CHECK(only_diag(r) ==
          "yaml-syntax 1:4 yaml syntax error: unterminated quoted string; add the closing \"");
    CHECK_FALSE(r.root);
  }
  SECTION("single quote") {
    auto r = parse("a: 'it''s\nb: 2\n");
    CHECK(only_diag(r) ==
          "yaml-syntax 1:4 yaml syntax error: unterminated quoted string; add the closing '");
  }
  SECTION("at the very end") {
    auto r = parse("a: x\nb: \"abc");
    CHECK(only_diag(r) ==
          "yaml-syntax 2:4 yaml syntax error: unterminated quoted string; add the closing \"");
  }
  SECTION("an escaped quote does not close it") {
    auto r = parse("a: \"say \\\"hi\\\"\nb: 1\n");
    CHECK(only_diag(r) ==
          "yaml-syntax 1:4 yaml syntax error: unterminated quoted string; add the closing \"");
  }
  SECTION("a quote inside a comment or a plain value is not a string") {
    auto r = parse("a: it's # don't\nb: \"x\"\n");
    CHECK(r.diags.all().empty());
    CHECK(at(*r.root, "a").value == "it's");
  }
}

TEST_CASE("a line that breaks a block scalar is reported, not the key after it") {
  const std::string broken =
      "yaml syntax error: the line is indented less than the text block (>-) above it, which "
      "ends the block";
  // Whatever the indentation the line lost, and wherever YAML then fails:
  // at the next key, in the line itself, or at the end of the file.
  for (const char* indent : {"", "  ", "    ", "     "}) {
    INFO("indent '" << indent << "'");
    auto r = parse(std::string("- label: a\n  text: >-\n      one\n      two\n") + indent +
                   "three four.\n\n- label: b\n  text: c\n");
    CHECK(only_diag(r) ==
          "yaml-syntax 5:" + std::to_string(std::strlen(indent) + 1) + " " + broken);
  }
  // More lines of text after it, and the last paragraph of the file.
  CHECK(only_diag(parse("p:\n  - text: |-\n      one\n    two\n    three\n  - x\n")) ==
        "yaml-syntax 4:5 " + std::string(broken).replace(broken.find(">-"), 2, "|-"));
  CHECK(only_diag(parse("- text: >-\n    one\n  two\n")) == "yaml-syntax 3:3 " + broken);
  auto r = parse("- label: a\n  text: >-\n      one\n    two\n- label: b\n");
  REQUIRE(r.diags.all().size() == 1);
  const auto& notes = r.diags.all()[0].notes;
  REQUIRE(notes.size() == 2);
  CHECK(pos(notes[0].loc) == "2:9");
  CHECK(notes[0].message == "the block starts here");
  CHECK(notes[1].message == "indent every line of the block by 6 spaces, as its first line");

  // Text at the key's own indentation leaves the block empty.
  auto empty = parse("- text: >-\n  one two\n  lines: x\n");
  REQUIRE(empty.diags.all().size() == 1);
  CHECK(pos(empty.diags.all()[0].loc) == "2:3");
  CHECK(empty.diags.all()[0].message ==
        "yaml syntax error: the line is not indented under the text block (>-) above it, which "
        "is left empty");
  CHECK(empty.diags.all()[0].notes.at(1).message ==
        "indent the lines of the block more than its key: by 4 spaces");

  // A block that ends at a key or a list item, as blocks do, is not blamed
  // for a mistake below it.
  CHECK(only_diag(parse("a: >-\n  one\nb: x\n  c: y\n")) ==
        "yaml-syntax 4:4 yaml syntax error: unexpected ':'; check the indentation, or quote a "
        "value that contains ': '");
}

TEST_CASE("syntax errors are located") {
  CHECK(only_diag(parse("title: x\n  text: y\n")) ==
        "yaml-syntax 2:7 yaml syntax error: unexpected ':'; check the indentation, or quote a "
        "value that contains ': '");
  const std::string in_value =
      "yaml syntax error: a value that contains ': ' must be quoted as a whole or written as a "
      "block";
  CHECK(only_diag(parse("a: b: c\n")) == "yaml-syntax 1:5 " + in_value);
  // Quoting part of the value is not enough.
  CHECK(only_diag(parse("- text: \"b\": c\n")) == "yaml-syntax 1:12 " + in_value);
  auto r = parse("heading: Opening: welcome\n");
  REQUIRE(r.diags.all().size() == 1);
  REQUIRE(r.diags.all()[0].notes.size() == 1);
  CHECK(r.diags.all()[0].notes[0].message ==
        "put the whole value in double quotes (\"...\"), or write it as 'heading: >-' with the "
        "text on the lines below");
  CHECK(only_diag(parse("a:\n  - b\n  c: 1\n")) ==
        "yaml-syntax 3:3 yaml syntax error: unexpected content in a mapping; check the "
        "indentation");
  CHECK(only_diag(parse("a:\n  b: 1\n  c\n")) ==
        "yaml-syntax 3:3 yaml syntax error: could not find expected ':' after 'c'");
  CHECK(only_diag(parse("]")) == "yaml-syntax 1:1 yaml syntax error: illegal flow end");
  CHECK(only_diag(parse("%YAML 1.2\n%YAML 1.2\n---\na\n")) ==
        "yaml-syntax 2:1 yaml syntax error: repeated yaml directive");
}

TEST_CASE("tabs used for indentation") {
  const std::string expected =
      "yaml syntax error: tab character used for indentation; indent with spaces";
  SECTION("a nested map") {
    auto r = parse("a:\n  b: 1\n\tc: 2\n");
    CHECK(only_diag(r) == "yaml-syntax 3:1 " + expected);
  }
  SECTION("a list item") {
    CHECK(only_diag(parse("a:\n\t- x\n")) == "yaml-syntax 2:1 " + expected);
  }
  SECTION("a value yaml-cpp would accept") {
    auto r = parse("a:\n\tb\nc: 1\n");
    CHECK(only_diag(r) == "yaml-syntax 2:1 " + expected);
    CHECK_FALSE(r.root);
  }
  SECTION("a tab after spaces is pointed at") {
    CHECK(only_diag(parse("a:\n  b: 1\n  \t  c: 2\n")) == "yaml-syntax 3:3 " + expected);
  }
  SECTION("a tab inside a line or a comment is fine") {
    auto r = parse("a:\tb\nc: \"x\ty\"\n\t# comment\n\t\n");
    CHECK(r.diags.all().empty());
    CHECK(at(*r.root, "c").value == "x\ty");
  }
}

TEST_CASE("CRLF line endings keep positions right") {
  auto r = parse(
      "a: 1\r\n"
      "b:\r\n"
      "  - x\r\n"
      "  - 'y'\r\n"
      "c: |\r\n"
      "  text\r\n");
  REQUIRE(r.diags.all().empty());
  const Node& root = *r.root;
  CHECK(at(root, "a").value == "1");
  CHECK(pos(at(root, "b").loc) == "3:3");
  CHECK(pos(at(root, "b").items[1].loc) == "4:5");
  CHECK(at(root, "b").items[1].value == "y");
  CHECK(at(root, "b").items[1].offset == 21);
  CHECK(pos(root.entries[2].key.loc) == "5:1");
  CHECK(at(root, "c").value == "text\n");

  auto bad = parse("a: 1\r\nb: [1,\r\n");
  CHECK(only_diag(bad) == "yaml-syntax 2:6 yaml syntax error: end of sequence flow not found");
}

TEST_CASE("a UTF-8 byte-order mark at the start is skipped") {
  auto r = parse(
      "\xEF\xBB\xBF"
      "a: 1\nb: x\n");
  REQUIRE(r.diags.all().empty());
  const Node& root = *r.root;
  // Columns count what the editor shows; offsets count bytes in the file.
  CHECK(pos(root.entries[0].key.loc) == "1:1");
  CHECK(root.entries[0].key.offset == 3);
  CHECK(pos(at(root, "a").loc) == "1:4");
  CHECK(at(root, "a").offset == 6);
  CHECK(pos(at(root, "b").loc) == "2:4");
  CHECK(at(root, "b").offset == 11);
  CHECK(r.diags.sources().find("f.yaml")->substr(at(root, "b").offset, 1) == "x");

  auto bad = parse(
      "\xEF\xBB\xBF"
      "a: [\n");
  CHECK(only_diag(bad) == "yaml-syntax 1:4 yaml syntax error: end of sequence flow not found");
}

TEST_CASE("bytes that are not clean UTF-8 text") {
  struct Case {
    std::string text;
    std::string expected;
  };
  using namespace std::string_literals;
  const Case cases[] = {
      {"\xFF\xFE"
       "a\0:\0"s,
       "1:1 file is UTF-16; save it as UTF-8"},
      {"\xFE\xFF\0a\0:"s, "1:1 file is UTF-16; save it as UTF-8"},
      {"\xFF\xFE\0\0a\0\0\0"s, "1:1 file is UTF-32; save it as UTF-8"},
      {"\0\0\xFE\xFF\0\0\0a"s, "1:1 file is UTF-32; save it as UTF-8"},
      {"a\0:\0 \0"s, "1:1 file looks like UTF-16; save it as UTF-8"},
      {"a: 1\nb: x\0y\n"s, "2:5 NUL byte is not allowed"},
      {"a: 1\nb: \x07\n", "2:4 control character U+0007 is not allowed"},
      {"a: \x1b[0m\n", "1:4 control character U+001B is not allowed"},
      {"a: x\x7F\n", "1:5 control character U+007F is not allowed"},
      {"a: \xC2\x85\n", "1:4 control character U+0085 is not allowed"},
      {"a: \xC2\x9F\n", "1:4 control character U+009F is not allowed"},
      {"a: caf\xE9\n",
       "1:7 invalid UTF-8: incomplete sequence starting with byte 0xe9; save "
       "the file as UTF-8"},
      {"a: \xFF\n", "1:4 invalid UTF-8 byte 0xff; save the file as UTF-8"},
      {"a: \xF5\x80\x80\x80\n", "1:4 invalid UTF-8 byte 0xf5; save the file as UTF-8"},
      {"a: x\n\n  b\x80\n",
       "3:4 invalid UTF-8: unexpected continuation byte 0x80; save the "
       "file as UTF-8"},
      {"a: \xC0\xAF\n", "1:4 invalid UTF-8: overlong encoding"},
      {"a: \xE0\x80\xAF\n", "1:4 invalid UTF-8: overlong encoding of U+002F"},
      {"a: \xF0\x80\x80\xAF\n", "1:4 invalid UTF-8: overlong encoding of U+002F"},
      {"a: \xED\xA0\x80\n", "1:4 invalid UTF-8: encoded surrogate U+D800"},
      {"a: \xED\xBF\xBF\n", "1:4 invalid UTF-8: encoded surrogate U+DFFF"},
      {"a: \xF4\x90\x80\x80\n", "1:4 invalid UTF-8: code point U+110000 is above U+10FFFF"},
      {"a: \xE2\x82", "1:4 invalid UTF-8: sequence cut off by the end of the file"},
      {"a: 1\nb: \xEF\xBB\xBFx\n", "2:4 byte-order mark is allowed only at the start of the file"},
      {"\xEF\xBB\xBF\xEF\xBB\xBF"
       "a: 1\n",
       "1:1 byte-order mark is allowed only at the start of the file"},
      {"\xEF\xBB\xBF"
       "a: \x01\n",
       "1:4 control character U+0001 is not allowed"},
  };
  for (const Case& c : cases) {
    INFO(c.expected);
    auto r = parse(c.text);
    CHECK(only_diag(r) == "invalid-encoding " + c.expected);
    CHECK_FALSE(r.root);
  }
}

TEST_CASE("valid UTF-8 and allowed whitespace are accepted") {
  auto r = parse("name: \"Caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xEF\xBF\xBD\"\r\nx:\ty\n");
  CHECK(r.diags.all().empty());
  REQUIRE(r.root);
  CHECK(at(*r.root, "name").value == "Caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xEF\xBF\xBD");
  // Columns count bytes, as compilers do.
  auto bad = parse("\xC3\xA9: [\xE2\x82\xAC,\n");
  CHECK(only_diag(bad) == "yaml-syntax 1:9 yaml syntax error: end of sequence flow not found");
}

TEST_CASE("escapes of double-quoted scalars give UTF-8") {
  // yaml-cpp gives the single bytes 0xA0 and 0x85 for \_ and \N; the reader
  // gives U+00A0 and U+0085, as YAML says, next to characters that hold those
  // bytes in their own encoding (à is C3 A0, … is E2 80 A6).
  auto r = parse(
      "nbsp: \"14\\_June\"\n"
      "nel: \"a\\Nb\"\n"
      "mixed: \"\\_\xC3\xA0\\_\xE2\x80\xA6\\N\\_\"\n"
      "single: '\\_'\n"
      "others: \"\\x41\\u00e9\\U0001F600\\L\"\n");
  REQUIRE(r.diags.all().empty());
  CHECK(at(*r.root, "nbsp").value == "14\xC2\xA0June");
  CHECK(at(*r.root, "nel").value ==
        "a\xC2\x85"
        "b");
  CHECK(at(*r.root, "mixed").value == "\xC2\xA0\xC3\xA0\xC2\xA0\xE2\x80\xA6\xC2\x85\xC2\xA0");
  CHECK(at(*r.root, "single").value == "\\_");  // no escapes in single quotes
  CHECK(at(*r.root, "others").value == "A\xC3\xA9\xF0\x9F\x98\x80\xE2\x80\xA8");
}

TEST_CASE("bidirectional controls are reported once per line, raw or escaped") {
  // U+202E (E2 80 AE) and U+2067 (E2 81 A7) written raw, in text and in a
  // comment; U+202A and U+2069 as escapes; U+200F (a mark) is left alone.
  auto r = parse(
      "a: CHF \xE2\x80\xAE"
      "0001\xE2\x80\xAC and \xE2\x80\xAE again\n"
      "# \xE2\x81\xA7 in a comment\n"
      "b: \"x\\u202A y\\U00002069\"\n"
      "c: \"not \\\\u202A an escape, \xE2\x80\x8F a mark\"\n"
      "d: '\\u202E stays text'\n");
  std::vector<std::string> found;
  for (const Diagnostic& d : r.diags.all())
    found.push_back(d.code + " " + pos(d.loc) + " " + d.message);
  CHECK(found == std::vector<std::string>{
                     "bidi-control 1:8 bidirectional control character U+202E (right-to-left "
                     "override) changes the order in which the text around it is displayed",
                     "bidi-control 2:3 bidirectional control character U+2067 (right-to-left "
                     "isolate) changes the order in which the text around it is displayed",
                     "bidi-control 3:6 bidirectional control character U+202A (left-to-right "
                     "embedding) changes the order in which the text around it is displayed"});
  REQUIRE(r.root);
  CHECK(r.diags.error_count() == 0);
  CHECK(at(*r.root, "b").value == "x\xE2\x80\xAA y\xE2\x81\xA9");
  CHECK(r.diags.all()[2].notes.at(0).message ==
        "it is written as an escape here; delete the escape");
}

TEST_CASE("a file of bidirectional controls costs one warning per line") {
  std::string text = "a: \"";
  for (int i = 0; i < 200000; ++i) text += "\xE2\x80\xAE";
  text += "\"\n";
  for (int i = 0; i < 100000; ++i) text += "# \xE2\x80\xAE\xE2\x80\xAE\n";
  auto r = parse(text);
  CHECK(r.diags.warning_count() == 100001);
  CHECK(r.diags.all().size() == 50);
  CHECK(r.diags.dropped_warnings() == 100001 - 50);
}

TEST_CASE("a file with bad bytes is registered with them replaced") {
  using namespace std::string_literals;
  auto r = parse("a: 1\nb: x\0\xFF\xE2\x82z\n"s);
  const std::string* text = r.diags.sources().find("f.yaml");
  REQUIRE(text != nullptr);
  CHECK(*text == "a: 1\nb: x????z\n");
}

TEST_CASE("the file size limit") {
  Limits limits;
  limits.max_file_bytes = 10;
  CHECK(parse("a: 1234567", limits).diags.all().empty());
  auto r = parse("a: 12345678", limits);
  CHECK(only_diag(r) == "file-too-large 0:0 file is 11 bytes, more than the limit of 10 bytes");
  CHECK_FALSE(r.root);
}

TEST_CASE("the nesting limit") {
  Limits limits;
  limits.max_depth = 3;
  CHECK(parse("a: [[x]]\n", limits).diags.all().empty());
  auto r = parse("a:\n  b: [[x]]\n", limits);
  CHECK(only_diag(r) == "yaml-limit 2:7 nesting deeper than 3 levels");
  CHECK_FALSE(r.root);

  std::string ok64 = std::string(64, '[') + std::string(64, ']');
  CHECK(parse(ok64).diags.all().empty());
  std::string deep65 = std::string(65, '[') + std::string(65, ']');
  CHECK(only_diag(parse(deep65)) == "yaml-limit 1:65 nesting deeper than 64 levels");
}

TEST_CASE("5,000-deep nesting is stopped early") {
  SECTION("flow lists") {
    const std::string text = std::string(5000, '[') + std::string(5000, ']');
    CHECK(only_diag(parse(text)) == "yaml-limit 1:65 nesting deeper than 64 levels");
  }
  SECTION("flow maps") {
    std::string text;
    for (int i = 0; i < 5000; ++i) text += "{a: ";
    text += "1" + std::string(5000, '}');
    CHECK(only_diag(parse(text)) == "yaml-limit 1:257 nesting deeper than 64 levels");
  }
  SECTION("block lists") {
    std::string text;
    for (int i = 0; i < 5000; ++i) text += "- ";
    text += "x\n";
    CHECK(only_diag(parse(text)) == "yaml-limit 1:129 nesting deeper than 64 levels");
  }
  SECTION("block maps") {
    // 1,000 levels: indenting 5,000 would take more than the file size limit.
    std::string text;
    for (int i = 0; i < 1000; ++i) text += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
    auto r = parse(text);
    CHECK(only_diag(r) == "yaml-limit 65:65 nesting deeper than 64 levels");
  }
  SECTION("with our limit raised, a clean file is read whole") {
    Limits limits;
    limits.max_depth = 100000;
    auto r = parse(std::string(5000, '[') + std::string(5000, ']'), limits);
    CHECK(r.diags.all().empty());
    REQUIRE(r.root);
    const Node* n = &*r.root;
    int depth = 1;
    while (!n->items.empty()) {
      n = &n->items.front();
      ++depth;
    }
    CHECK(depth == 5000);
  }
  SECTION("yaml-cpp's own guard, with our limit raised") {
    Limits limits;
    limits.max_depth = 100000;
    // The tag, something to report, sends the file to yaml-cpp, which reads
    // the files that have something to report.
    const std::string text = std::string(5000, '[') + "!!str a" + std::string(5000, ']');
    auto r = parse(text, limits);
    // yaml-cpp 0.7 gives up at 500 levels; the report points at the deepest
    // list it opened.
    CHECK(only_diag(r) ==
          "yaml-limit 1:499 nesting too deep for the YAML parser (more than 499 levels)");
    CHECK_FALSE(r.root);
  }
}

TEST_CASE("a million unclosed brackets are stopped at the limit") {
  // yaml-cpp reads a whole flow collection ahead before its first event;
  // the reader must stop before that, at the first bracket too deep.
  CHECK(only_diag(parse(std::string(1000000, '['))) ==
        "yaml-limit 1:65 nesting deeper than 64 levels");
  CHECK(only_diag(parse("a:\n  b: " + std::string(1000000, '{'))) ==
        "yaml-limit 2:70 nesting deeper than 64 levels");
}

TEST_CASE("brackets in text do not count as nesting") {
  const std::string many(100, '[');
  auto r = parse("a: |\n  " + many + "\n  " + many + "\nb: '" + many + "'\nc: \"" + many + "\" # " +
                 many + "\nd: x " + many + "\n# " + many + "\ne: >\n\n  " + many + "\n");
  CHECK(r.diags.all().empty());
  REQUIRE(r.root);
  CHECK(at(*r.root, "a").value == many + "\n" + many + "\n");
  CHECK(at(*r.root, "d").value == "x " + many);
  CHECK(at(*r.root, "e").value == "\n" + many + "\n");
}

TEST_CASE("the node limit") {
  Limits limits;
  limits.max_nodes = 7;  // the map, three keys and three values
  CHECK(parse("a: 1\nb: 2\nc: 3\n", limits).diags.all().empty());
  auto r = parse("a: 1\nb: 2\nc: 3\nd: 4\n", limits);
  CHECK(only_diag(r) == "yaml-limit 4:1 more than 7 nodes in one file");
  CHECK_FALSE(r.root);
}

TEST_CASE("read_file reads a regular file") {
  TempDir dir;
  const std::string path = dir.write("report.yaml", "group:\n  name: X\n");
  Diagnostics diags;
  auto root = cwg::yaml::read_file(path, "meeting14/report.yaml", diags);
  CHECK(diags.all().empty());
  REQUIRE(root);
  CHECK(root->entries[0].key.loc.file == "meeting14/report.yaml");
  CHECK(pos(at(at(*root, "group"), "name").loc) == "2:9");
  REQUIRE(diags.sources().find("meeting14/report.yaml") != nullptr);
  CHECK(*diags.sources().find("meeting14/report.yaml") == "group:\n  name: X\n");
}

TEST_CASE("read_file reports what it cannot read") {
  TempDir dir;
  SECTION("missing") {
    Diagnostics diags;
    CHECK_FALSE(cwg::yaml::read_file((dir.path / "nope.yaml").string(), "nope.yaml", diags));
    REQUIRE(diags.all().size() == 1);
    CHECK(diags.all()[0].code == "file-unreadable");
    CHECK(diags.all()[0].message == "cannot read 'nope.yaml': no such file or directory");
    CHECK(diags.all()[0].loc.file == "nope.yaml");
    CHECK_FALSE(diags.all()[0].loc.has_position());
  }
  SECTION("a directory") {
    Diagnostics diags;
    CHECK_FALSE(cwg::yaml::read_file(dir.path.string(), "sections", diags));
    REQUIRE(diags.all().size() == 1);
    CHECK(diags.all()[0].code == "file-unreadable");
    CHECK(diags.all()[0].message == "'sections' is a directory, not a file");
  }
  SECTION("a FIFO does not block") {
    const std::string fifo = (dir.path / "pipe.yaml").string();
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    Diagnostics diags;
    CHECK_FALSE(cwg::yaml::read_file(fifo, "pipe.yaml", diags));
    REQUIRE(diags.all().size() == 1);
    CHECK(diags.all()[0].code == "file-unreadable");
    CHECK(diags.all()[0].message == "'pipe.yaml' is not a regular file");
  }
  SECTION("too large, before reading") {
    const std::string path = dir.write("big.yaml", std::string(100, 'x'));
    Diagnostics diags;
    Limits limits;
    limits.max_file_bytes = 99;
    CHECK_FALSE(cwg::yaml::read_file(path, "big.yaml", diags, limits));
    REQUIRE(diags.all().size() == 1);
    CHECK(diags.all()[0].code == "file-too-large");
    CHECK(diags.all()[0].message == "file is 100 bytes, more than the limit of 99 bytes");
    CHECK(diags.sources().find("big.yaml") == nullptr);
  }
  SECTION("bad bytes") {
    const std::string path = dir.write("latin1.yaml", "name: Caf\xE9\n");
    Diagnostics diags;
    CHECK_FALSE(cwg::yaml::read_file(path, "latin1.yaml", diags));
    REQUIRE(diags.all().size() == 1);
    CHECK(diags.all()[0].code == "invalid-encoding");
    CHECK(pos(diags.all()[0].loc) == "1:10");
  }
}

TEST_CASE("text pasted unquoted gets a hint to quote it") {
  struct Case {
    const char* yaml;
    const char* message;
  };
  const Case cases[] = {
      {"text: *All* delegations agreed.\n", "yaml syntax error: '*All*' reads as an alias"},
      {"text: [ITU](https://itu.int) hosted it.\n", nullptr},
  };
  for (const auto& c : cases) {
    INFO(c.yaml);
    cwg::Diagnostics diags;
    cwg::yaml::parse(c.yaml, "t.yaml", diags);
    REQUIRE(diags.all().size() == 1);
    CHECK(diags.all()[0].code == "yaml-syntax");
    if (c.message) CHECK(diags.all()[0].message == c.message);
    REQUIRE(diags.all()[0].notes.size() >= 1);
    CHECK(diags.all()[0].notes.back().message.find("is read as YAML syntax: write text as a "
                                                   "block (>-) or in quotes") != std::string::npos);
  }
}

TEST_CASE("a '?' in a value inside a flow collection gets the fix for it") {
  cwg::Diagnostics diags;
  cwg::yaml::parse("rows:\n  - [Argentina, Ms Lucía Fernández (to be confirmed?), x]\n", "t.yaml",
                   diags);
  REQUIRE(diags.all().size() == 1);
  CHECK(pos(diags.all()[0].loc) == "2:54");
  CHECK(diags.all()[0].message ==
        "yaml syntax error: a '?' inside '[ ]' or '{ }' must be in a quoted value");
  REQUIRE(diags.all()[0].notes.size() == 1);
  CHECK(diags.all()[0].notes[0].message == "write it as \"Ms Lucía Fernández (to be confirmed?)\"");
  // In a flow mapping, the value alone; over two lines, the general fix.
  for (const auto& [yaml, note] : {
           std::pair<const char*, const char*>{"x: {name: Who?, b: c}\n", "write it as \"Who?\""},
           {"rows:\n  - [Argentina, Ms Lucía Fernández (to be\n      confirmed?)]\n",
            "put the value that holds the '?' in double quotes (\"...\")"},
       }) {
    cwg::Diagnostics d;
    cwg::yaml::parse(yaml, "t.yaml", d);
    REQUIRE(d.all().size() == 1);
    REQUIRE(d.all()[0].notes.size() == 1);
    CHECK(d.all()[0].notes[0].message == note);
  }
  // Quoted, the same row reads.
  cwg::Diagnostics quoted;
  CHECK(cwg::yaml::parse("rows:\n  - [Argentina, \"Ms Lucía Fernández (to be confirmed?)\", x]\n",
                         "t.yaml", quoted));
  CHECK(quoted.all().empty());
}

TEST_CASE("an apostrophe inside single quotes gets the fix for it") {
  for (const char* yaml : {"text: 'The chair's view'\n", "- 'The chair's view'\n"}) {
    INFO(yaml);
    cwg::Diagnostics diags;
    cwg::yaml::parse(yaml, "t.yaml", diags);
    REQUIRE(diags.all().size() == 1);
    CHECK(diags.all()[0].code == "yaml-syntax");
    REQUIRE(diags.all()[0].notes.size() == 1);
    CHECK(diags.all()[0].notes[0].message ==
          "the apostrophe in 'The chair's' ends the quoted value: inside 'single quotes' write "
          "it twice ('The chair''s...)");
  }
}

namespace {

// A tree written out with every field the loader reads, so that two trees
// that differ show where.
void describe(const Node& n, std::string& out, int depth = 0) {
  out += std::string(static_cast<std::size_t>(depth) * 2, ' ');
  out += std::to_string(static_cast<int>(n.kind)) + " " + pos(n.loc) + " @" +
         std::to_string(n.offset) + (n.plain ? " plain" : "") + " [" + n.value + "]\n";
  for (const Node& item : n.items) describe(item, out, depth + 1);
  for (const auto& e : n.entries) {
    describe(e.key, out, depth + 1);
    describe(e.value, out, depth + 2);
  }
}

// What a read gives: the tree and the diagnostics, as text.
std::string read_both_ways(std::string_view text, cwg::yaml::Parsers parsers) {
  Diagnostics diags;
  auto root = cwg::yaml::parse(text, "f.yaml", diags, {}, nullptr, parsers);
  std::string out;
  for (const Diagnostic& d : diags.all()) out += d.code + " " + pos(d.loc) + " " + d.message + "\n";
  if (root) describe(*root, out);
  return out;
}

void check_same_reading(std::string_view text) {
  CAPTURE(text);
  CHECK(read_both_ways(text, cwg::yaml::Parsers::libyaml_first) ==
        read_both_ways(text, cwg::yaml::Parsers::yaml_cpp_only));
}

}  // namespace

TEST_CASE("libyaml's fast read gives the tree yaml-cpp gives") {
  SECTION("every YAML file of the examples and the tests") {
    std::size_t files = 0;
    for (const char* top : {"examples", "tests", "schemas"}) {
      const auto dir = std::filesystem::path(CWG_SOURCE_DIR) / top;
      for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
        if (!e.is_regular_file() || e.path().extension() != ".yaml") continue;
        std::ifstream in(e.path(), std::ios::binary);
        const std::string text{std::istreambuf_iterator<char>(in), {}};
        CAPTURE(e.path().string());
        check_same_reading(text);
        ++files;
      }
    }
    CHECK(files > 100);
  }
  SECTION("the constructs of YAML a source may use") {
    for (std::string_view text : {
             "a: 1\nb: two words\nc: 'single ''quoted'''\nd: \"double \\\"quoted\\\"\"\n",
             "é: ü\n日本: 中文 text\nemoji: \"\xF0\x9F\x98\x80 after\"\n",
             "a: 1\r\nb:\r\n  - x\r\n  - y\r\nc: |\r\n  one\r\n  two\r\n",
             "\xEF\xBB\xBF"
             "a: bom\nb: [1, 2]\n",
             "---\na: 1\n...\n",
             "# only a comment\n",
             "",
             "a:\nb: ~\nc: null\nd: Null\ne: NULL\nf: ''\ng: \"\"\nh: nul\n",
             "list:\n- a\n-\n- - nested\n  - more\n- {k: v, e: }\n- []\n- {}\n",
             "flow: [a, b, {c: d}, [e, f], \"g, h\", 'i]']\n",
             "multi: plain text\n  that goes on\n\n  and a new line\nnext: x\n",
             "q: \"a quoted\n  line that\n\n  folds\"\ns: 'single\n  folds'\n",
             "lit: |\n  one\n    indented\n\n  three\nkeep: |+\n  kept\n\nstrip: |-\n  stripped\n",
             "fold: >\n  one\n  two\n\n\n  three\n    indented\n  four\nf2: >-\n  x\n",
             "ind: |2\n    two more\n  base\nlast: x\n",
             "esc: \"\\t\\n\\\\ \\x41 \\u00e9 \\U0001F600 \\N \\_ \\/ \\e \\0 \\a \\b \\v \\f \\r "
             "\\L\"\n",
             "a: 1 # comment\n# between\nb: 2 #x\nc: 'x' # y\n",
             "key with spaces: value: with colon\nurl: http://example.org/a#b\n",
             "a: -1\nb: 1e3\nc: 0x1F\nd: 2024-05-06\ne: yes\nf: 1:30\n",
             "a:\n  b:\n    c:\n      d: deep\n  e: back\nf: top\n",
             "- a: 1\n  b: 2\n- a: 3\n",
             "a: [\n  1,\n  2,\n]\nb: {\n  x: 1,\n  y: 2\n}\n",
             "a:\t1\nb: [1,\t2]\n",
             "a: \"tab\there\"\nb: 'x\ty'\n",
             "? complex\n: value\n",
             "a: &anchor 1\nb: *anchor\n",
             "a: !!str 1\n",
             "%YAML 1.2\n---\na: 1\n",
             "a: 1\n---\nb: 2\n",
             "a: 1\na: 2\n",
             "a: \"unterminated\n",
             "a: [1, , 2]\n",
             "  a: 1\n b: 2\n",
             "a:\n\t- x\n",
             "a: b: c\n",
             "text: \"\xE2\x80\xA8 line separator\"\n",
             "text: plain \xC2\x85 next line\n",
             "a: 1\nb:\n# comment at the end",
             "a: 1\nb: # comment at the end",
             "a: 1\nb: ",
             "a: {b: , c: }\nd: [e, ]\n",
             "a:\n  -\n  - x\n  -   \n",
             "a: 1\rb: 2\r",
             "#am# yaml-lch.\n\nentities:\n~ - id: ste",
             "# comment\r\rkey: value\n",
             "a: 1\r",
             "a: >\n  one\n\n  two\n",
             "a: x\u202Ey\n",
             "a: \"\\u202E\"\n",
             "a: [What?]\nb: [x?y, z]\nc: [x ?y]\n",
             "a: [?x]\n",
             "a: {?x: 1}\nb: {a?: b}\n",
             "a: [ ? x ]\n",
             "a: [\"y?\", 'z?', b]\nc: {d: \"e?\"}\n",
             "a: [[x], [y?]]\n",
             "a: x?y\n? b\n: c\nd: ?e\n",
             "a: {b\n  c}\n",
             "a: {\"b\n  c\"}\n",
             "a: [{b\n  c}]\n",
             "a: {b: c, d\n e}\n",
             "a: {b: c\n  d}\nf: {\"g\n  h\": i}\n",
             "? x",
             "a:\n  ? x\n  b: c\n",
             "?\n  x\n",
             "? |\n  x\n",
             "- ? x\n- y\n",
             "a: >-\n  x\n  ",
             "a: >\n  x\n  ",
             "a: |-\n  x\n  ",
         })
      check_same_reading(text);
  }
}

// libyaml's read stopped at the node limit is kept, but not inside a flow
// collection with a '?' after its start: yaml-cpp reads the collection
// ahead whole and rejects the '?' before it counts the nodes.
TEST_CASE("the node limit inside a flow collection holding a '?' is met as yaml-cpp meets it") {
  std::string row = "x: [a?b";
  for (int i = 0; i < 200; ++i) row += ", 1";
  row += "]\n";
  std::string plain = "x: [ab";
  for (int i = 0; i < 200; ++i) plain += ", 1";
  plain += "]\n";
  cwg::yaml::Limits limits;
  limits.max_nodes = 100;
  for (const std::string& text : {row, plain}) {
    CAPTURE(text.substr(0, 12));
    Diagnostics fast, slow;
    cwg::yaml::parse(text, "f.yaml", fast, limits);
    cwg::yaml::parse(text, "f.yaml", slow, limits, nullptr, cwg::yaml::Parsers::yaml_cpp_only);
    REQUIRE(fast.all().size() == 1);
    REQUIRE(slow.all().size() == 1);
    CHECK(fast.all()[0].code == slow.all()[0].code);
    CHECK(pos(fast.all()[0].loc) == pos(slow.all()[0].loc));
    CHECK(fast.all()[0].message == slow.all()[0].message);
  }
}

TEST_CASE("text after ' #' in a plain value is reported, comments are not") {
  SECTION("a hashtag on the value's line") {
    CHECK(only_diag(parse("- The campaign #TodosSomosUnicos was noted.\n")) ==
          "comment-in-text 1:16 '#TodosSomosUnicos was noted.' is read as a YAML comment and "
          "left out of the text");
  }
  SECTION("a line of the value that starts with '#'") {
    CHECK(only_diag(parse("a:\n  text: The group discussed item\n    #5 of the agenda.\n")) ==
          "comment-in-text 3:5 '#5 of the agenda.' is read as a YAML comment and left out of "
          "the text");
  }
  SECTION("after a tab") {
    CHECK(only_diag(parse("a: before\t#tag\n")) ==
          "comment-in-text 1:11 '#tag' is read as a YAML comment and left out of the text");
  }
  SECTION("what is not reported") {
    for (std::string_view text : {
             "date: 2024-05-14  # the first day\n",
             "a: C# and F#\nb: https://example.org/page#part\n",
             "a: value\n#b: commented out\n",
             "- id: x\n  name: y\n  #country: UK\n",
             "a:\n  b: c\n#d: e\n",
             "a: 'quoted #tag'\nb: \"quoted #tag\"\n",
             "a: >-\n  block\n  #5 is text here\n",
             "a: [x, y]  #comment\n",
             "#TodosSomosUnicos: key\n",
             "a: x\n\n  # a comment\n",
         }) {
      CAPTURE(text);
      auto r = parse(text);
      CHECK(r.diags.all().empty());
    }
  }
}
