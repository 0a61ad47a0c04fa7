// The examples together use every construct of the source format: every key
// of every kind of mapping the loader reads, every list style, every kind of
// document, every kind and form of cross-reference, and each way of writing
// a value that has several. The golden tests, the output checks and the
// layout check run on the examples, so a construct that no example uses is
// one that none of them sees. The lists come from the loader and the
// reference scanner: a construct added there fails this test until an
// example uses it.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "check/refs.h"
#include "cwgreport/diagnostic.h"
#include "cwgreport/yaml.h"
#include "source/loader.h"

namespace {

namespace fs = std::filesystem;
using cwg::yaml::Node;

const fs::path kExamples = fs::path(CWG_SOURCE_DIR) / "examples";

// The kind of mapping a key holds, for the keys that hold mappings (or lists
// of them); the kinds are those of cwg::source_keys().
const std::map<std::pair<std::string, std::string>, std::string> kChildren = {
    {{"report", "group"}, "group"},
    {{"report", "meetings"}, "meeting"},
    {{"report", "earlier_meetings"}, "earlier_meeting"},
    {{"report", "people"}, "person"},
    {{"report", "cover"}, "cover"},
    {{"report", "references"}, "reference"},
    {{"report", "signature"}, "signature"},
    {{"report", "signatures"}, "signatory"},
    {{"report", "numbering"}, "numbering"},
    {{"register", "entities"}, "entity"},
    {{"register", "documents"}, "document"},
    {{"section", "paragraphs"}, "paragraph"},
    {{"preamble", "paragraphs"}, "paragraph"},
    {{"paragraph", "quote"}, "quote"},
    {{"paragraph", "table"}, "table"},
    {{"paragraph", "list"}, "list"},
    {{"paragraph", "documents"}, "document_list"},
    {{"paragraph", "footnotes"}, "footnote"},
    {{"quote", "paragraphs"}, "quoted_paragraph"},
    {{"list", "items"}, "list_item"},
    {{"list_item", "list"}, "list"},
};

// The ways of writing a value that has several, as the walk below names them.
const std::vector<std::string> kForms = {
    "a paragraph written as a string",
    "a list item written as a string",
    "a quoted paragraph written as a string",
    "a list in the short form (a list of items)",
    "a generated list of document keys",
    "a generated list of several kinds",
    "a paragraph presenting several documents",
    "a document with several sources",
    "a continuation paragraph (a blank line in a text)",
    "a reference to every meeting ({meeting:all})",
};

// Everything the examples use, by name.
struct Used {
  std::set<std::string> names;
  void add(const std::string& name) { names.insert(name); }
  bool has(const std::string& name) const { return names.count(name) != 0; }
};

void scan_text(const std::string& text, Used& used) {
  if (text.find("\n\n") != std::string::npos) used.add(kForms[8]);
  for (const cwg::RefToken& ref : cwg::scan_refs(text)) {
    if (!ref.error.empty()) continue;
    used.add("{" + std::string(ref.kind) + ":…" +
             (ref.form.empty() ? "" : "|" + std::string(ref.form)) + "}");
    if (ref.kind == "meeting" && ref.key == "all") used.add(kForms[9]);
  }
}

// Walks a node that holds a mapping of `kind`, or a list of them.
void walk(const Node& node, const std::string& kind, Used& used) {
  if (node.is_scalar()) {
    scan_text(node.value, used);
    if (kind == "paragraph") used.add(kForms[0]);
    if (kind == "list_item") used.add(kForms[1]);
    if (kind == "quoted_paragraph") used.add(kForms[2]);
    return;
  }
  if (node.is_sequence()) {
    if (kind == "list") {
      used.add(kForms[3]);
      for (const Node& item : node.items) walk(item, "list_item", used);
    } else if (kind == "document_list") {
      used.add(kForms[4]);
    } else {
      for (const Node& item : node.items) walk(item, kind, used);
    }
    return;
  }
  if (!node.is_map()) return;
  for (const auto& entry : node.entries) {
    const std::string& key = entry.key.value;
    const Node& value = entry.value;
    used.add(kind + ": " + key);
    if (auto child = kChildren.find({kind, key}); child != kChildren.end()) {
      walk(value, child->second, used);
      continue;
    }
    if (kind == "list" && key == "style") used.add("list style " + value.value);
    if (kind == "document" && key == "kind") used.add("document kind " + value.value);
    if (kind == "document_list" && key == "kind" && value.is_sequence()) used.add(kForms[5]);
    if (kind == "paragraph" && key == "presents" && value.is_sequence()) used.add(kForms[6]);
    if (kind == "document" && key == "source" && value.is_sequence()) used.add(kForms[7]);
    // Texts, and the cells of a table's rows.
    std::vector<const Node*> todo = {&value};
    while (!todo.empty()) {
      const Node* n = todo.back();
      todo.pop_back();
      if (n->is_scalar()) scan_text(n->value, used);
      for (const Node& item : n->items) todo.push_back(&item);
    }
  }
}

Used used_by_examples(std::vector<std::string>& read) {
  Used used;
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(kExamples)) {
    if (fs::exists(e.path() / "report.yaml")) dirs.push_back(e.path());
  }
  std::sort(dirs.begin(), dirs.end());
  for (const fs::path& dir : dirs) {
    std::vector<std::pair<fs::path, std::string>> files = {{dir / "report.yaml", "report"},
                                                           {dir / "documents.yaml", "register"}};
    // The preamble's file, which report.yaml names, holds a preamble's keys.
    fs::path preamble;
    {
      cwg::Diagnostics diags;
      auto report = cwg::yaml::read_file((dir / "report.yaml").string(), "report.yaml", diags);
      if (report && report->is_map())
        for (const auto& entry : report->entries)
          if (entry.key.value == "preamble" && entry.value.is_scalar())
            preamble = (dir / entry.value.value).lexically_normal();
    }
    for (const auto& e : fs::directory_iterator(dir / "sections")) {
      if (e.path().extension() == ".yaml")
        files.emplace_back(e.path(),
                           e.path().lexically_normal() == preamble ? "preamble" : "section");
    }
    for (const auto& [path, kind] : files) {
      cwg::Diagnostics diags;
      auto root = cwg::yaml::read_file(path.string(), path.string(), diags);
      INFO(path.string());
      REQUIRE(root);
      REQUIRE(diags.all().empty());
      walk(*root, kind, used);
      read.push_back(fs::relative(path, kExamples).generic_string());
    }
  }
  return used;
}

}  // namespace

TEST_CASE("the examples together use every construct of the source format", "[examples]") {
  std::vector<std::string> read;
  const Used used = used_by_examples(read);
  REQUIRE(read.size() > 3);

  std::vector<std::string> expected;
  for (const auto& [kind, keys] : cwg::source_keys()) {
    for (const std::string& key : keys) expected.push_back(kind + ": " + key);
  }
  for (const std::string& style : cwg::list_styles()) expected.push_back("list style " + style);
  for (const std::string& kind : cwg::document_kinds()) expected.push_back("document kind " + kind);
  for (const std::string& kind : cwg::ref_kinds()) {
    for (const std::string& form : cwg::ref_forms(kind))
      expected.push_back("{" + kind + ":…" + (form.empty() ? "" : "|" + form) + "}");
  }
  expected.insert(expected.end(), kForms.begin(), kForms.end());

  std::vector<std::string> unused;
  for (const std::string& name : expected) {
    if (!used.has(name)) unused.push_back(name);
  }
  std::string message =
      "used by no example under examples/ (examples/every-construct is the "
      "place for a new construct of the outcome report):";
  for (const std::string& name : unused) message += "\n  " + name;
  INFO(message);
  CHECK(unused.empty());
}

TEST_CASE("the walk of the examples sees what it is looking for", "[examples]") {
  // Each kind of mapping the walk descends into is one the loader knows, so
  // that a renamed kind cannot make the walk skip a part of the sources.
  for (const auto& [where, kind] : kChildren) {
    INFO(where.first << "." << where.second << " -> " << kind);
    REQUIRE(cwg::source_keys().count(where.first) == 1);
    REQUIRE(cwg::source_keys().count(kind) == 1);
    const auto& keys = cwg::source_keys().at(where.first);
    CHECK(std::find(keys.begin(), keys.end(), where.second) != keys.end());
  }
  // And a source that uses a construct is seen to use it.
  cwg::Diagnostics diags;
  auto root = cwg::yaml::parse(
      "label: s\nheading: H\nparagraphs:\n"
      "  - A string, {meeting:all|words}.\n"
      "  - text: \"x\\n\\ny {doc:1/2|title}\"\n"
      "    list: {style: roman, items: [a, {text: b, list: [c]}]}\n"
      "    documents: [1/2]\n",
      "s.yaml", diags);
  REQUIRE(root);
  Used used;
  walk(*root, "section", used);
  for (const char* name :
       {"section: label", "paragraph: list", "list: style", "list style roman", "list_item: list",
        "{meeting:…|words}", "{doc:…|title}", "a paragraph written as a string",
        "a list item written as a string", "a list in the short form (a list of items)",
        "a generated list of document keys", "a continuation paragraph (a blank line in a text)",
        "a reference to every meeting ({meeting:all})"}) {
    INFO(name);
    CHECK(used.has(name));
  }
  CHECK_FALSE(used.has("list style bullet"));
  CHECK_FALSE(used.has("paragraph: quote"));
}
