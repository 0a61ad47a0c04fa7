// Tests of the JSON schemas in schemas/: they accept exactly the keys the
// loader reads, so an editor's completion and the compiler cannot drift apart.
#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "source/loader.h"

using nlohmann::json;

namespace {

const std::vector<std::string> kSchemaFiles = {"report.schema.json", "documents.schema.json",
                                               "section.schema.json"};

// Where each kind of mapping in source_keys() is described: the schema file
// and the JSON pointer of its object schema.
struct Location {
  std::string file;
  std::string pointer;
};
const std::map<std::string, Location> kLocations = {
    {"report", {"report.schema.json", ""}},
    {"group", {"report.schema.json", "/$defs/group"}},
    {"meeting", {"report.schema.json", "/$defs/meeting"}},
    {"earlier_meeting", {"report.schema.json", "/$defs/earlier_meeting"}},
    {"person", {"report.schema.json", "/$defs/person"}},
    {"cover", {"report.schema.json", "/$defs/cover"}},
    {"reference", {"report.schema.json", "/$defs/reference"}},
    {"signature", {"report.schema.json", "/$defs/signature"}},
    {"signatory", {"report.schema.json", "/$defs/signatory"}},
    {"numbering", {"report.schema.json", "/$defs/numbering"}},
    {"register", {"documents.schema.json", ""}},
    {"entity", {"documents.schema.json", "/$defs/entity"}},
    {"document", {"documents.schema.json", "/$defs/document"}},
    {"section", {"section.schema.json", ""}},
    {"preamble", {"section.schema.json", "/$defs/preamble"}},
    {"paragraph", {"section.schema.json", "/$defs/paragraph"}},
    {"footnote", {"section.schema.json", "/$defs/footnote"}},
    {"quote", {"section.schema.json", "/$defs/quote"}},
    {"quoted_paragraph", {"section.schema.json", "/$defs/quoted_paragraph"}},
    {"table", {"section.schema.json", "/$defs/table"}},
    {"list", {"section.schema.json", "/$defs/list"}},
    {"list_item", {"section.schema.json", "/$defs/list_item"}},
    {"document_list", {"section.schema.json", "/$defs/document_list"}},
};

const json& schema(const std::string& file) {
  static const std::map<std::string, json> schemas = [] {
    std::map<std::string, json> out;
    for (const auto& name : kSchemaFiles) {
      std::ifstream in(std::string(CWG_SOURCE_DIR) + "/schemas/" + name);
      if (!in) throw std::runtime_error("cannot read schemas/" + name);
      out[name] = json::parse(in);
    }
    return out;
  }();
  return schemas.at(file);
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

std::vector<std::string> property_names(const json& object_schema) {
  std::vector<std::string> names;
  for (const auto& [name, _] : object_schema.at("properties").items()) names.push_back(name);
  return sorted(names);
}

// Calls visit(path, node) for every schema in the file: the root and every
// subschema under properties, $defs, items, additionalProperties and the
// combinators, so that no nested shape escapes the checks below.
void walk(const json& node, const std::string& path,
          const std::function<void(const std::string&, const json&)>& visit) {
  if (!node.is_object()) return;
  visit(path, node);
  for (const char* map_key : {"properties", "$defs"}) {
    if (auto it = node.find(map_key); it != node.end())
      for (const auto& [name, sub] : it->items())
        walk(sub, path + "/" + map_key + "/" + name, visit);
  }
  for (const char* key : {"items", "additionalProperties", "not"}) {
    if (auto it = node.find(key); it != node.end()) walk(*it, path + "/" + key, visit);
  }
  for (const char* list_key : {"oneOf", "anyOf", "allOf"}) {
    if (auto it = node.find(list_key); it != node.end())
      for (std::size_t i = 0; i < it->size(); ++i)
        walk((*it)[i], path + "/" + list_key + "/" + std::to_string(i), visit);
  }
}

// The "enum" a string schema allows, following a local $ref.
std::vector<std::string> enum_of(const json& root, const std::string& pointer) {
  json node = root.at(json::json_pointer(pointer));
  if (node.contains("$ref"))
    node = root.at(json::json_pointer(node.at("$ref").get<std::string>().substr(1)));
  return node.at("enum").get<std::vector<std::string>>();
}

}  // namespace

TEST_CASE("every kind of mapping the loader reads has a place in the schemas") {
  std::set<std::string> loader_kinds;
  for (const auto& [kind, _] : cwg::source_keys()) loader_kinds.insert(kind);
  std::set<std::string> mapped_kinds;
  for (const auto& [kind, _] : kLocations) mapped_kinds.insert(kind);
  CHECK(loader_kinds == mapped_kinds);
}

TEST_CASE("each schema object accepts exactly the keys the loader accepts") {
  for (const auto& [kind, keys] : cwg::source_keys()) {
    auto where = kLocations.find(kind);
    if (where == kLocations.end()) continue;  // reported by the test above
    const auto& [file, pointer] = where->second;
    INFO("kind '" << kind << "' at " << file << "#" << pointer);
    const json& object = schema(file).at(json::json_pointer(pointer));
    REQUIRE(object.value("type", "") == "object");
    CHECK(property_names(object) == sorted(keys));
  }
}

TEST_CASE("the schemas declare draft 2020-12 and their own id") {
  for (const auto& name : kSchemaFiles) {
    INFO(name);
    CHECK(schema(name).at("$schema") == "https://json-schema.org/draft/2020-12/schema");
    CHECK(schema(name).at("$id") == "https://cwgreport.example/schemas/" + name);
  }
}

TEST_CASE("every object schema is closed and every property is documented") {
  for (const auto& name : kSchemaFiles) {
    walk(schema(name), "", [&](const std::string& path, const json& node) {
      if (node.value("type", "") != "object") return;
      INFO(name << "#" << path);
      CHECK(node.value("additionalProperties", json(true)) == json(false));
      REQUIRE(node.contains("properties"));
      for (const auto& [key, property] : node.at("properties").items()) {
        INFO("property '" << key << "'");
        // Editors show the title and description on hover and in completion;
        // an example value says more than a definition.
        CHECK(!property.value("title", "").empty());
        CHECK(property.value("description", "").find("Example") != std::string::npos);
      }
    });
  }
}

TEST_CASE("every $ref in the schemas points at a schema in the same file") {
  for (const auto& name : kSchemaFiles) {
    const json& root = schema(name);
    walk(root, "", [&](const std::string& path, const json& node) {
      auto ref = node.find("$ref");
      if (ref == node.end()) return;
      INFO(name << "#" << path << ": $ref " << *ref);
      const std::string target = ref->get<std::string>();
      REQUIRE(target.rfind("#/", 0) == 0);
      CHECK(root.contains(json::json_pointer(target.substr(1))));
    });
  }
}

TEST_CASE("the schemas' enumerations are the loader's") {
  CHECK(enum_of(schema("documents.schema.json"), "/$defs/document/properties/kind") ==
        cwg::document_kinds());
  CHECK(enum_of(schema("section.schema.json"), "/$defs/document_kind") == cwg::document_kinds());
  CHECK(enum_of(schema("section.schema.json"), "/$defs/list/properties/style") ==
        cwg::list_styles());
}

TEST_CASE("a shape defined in several schemas is the same in each") {
  // Each schema file stands alone so that an editor needs only the one it is
  // given; the price is a few copied $defs, which must not diverge.
  std::map<std::string, std::pair<std::string, json>> first;
  for (const auto& name : kSchemaFiles) {
    for (const auto& [def, body] : schema(name).at("$defs").items()) {
      auto [it, fresh] = first.try_emplace(def, name, body);
      if (fresh) continue;
      INFO("$defs/" << def << " in " << it->second.first << " and " << name);
      CHECK(body == it->second.second);
    }
  }
}

TEST_CASE("labels and ids have the loader's pattern in every schema") {
  for (const auto& name : kSchemaFiles) {
    INFO(name);
    CHECK(schema(name).at(json::json_pointer("/$defs/label/pattern")) == "^[a-z][a-z0-9-]*$");
  }
}

TEST_CASE("every pattern comes with a sentence for the editor to show instead") {
  // yaml-language-server shows `patternErrorMessage` when a value does not
  // match `pattern` (or its `format`); without it, the user reads the
  // regular expression.
  for (const auto& name : kSchemaFiles) {
    walk(schema(name), "", [&](const std::string& path, const json& node) {
      if (!node.contains("pattern")) return;
      INFO(name << "#" << path);
      const std::string message = node.value("patternErrorMessage", "");
      REQUIRE(!message.empty());
      CHECK(message.find(node.at("pattern").get<std::string>()) == std::string::npos);
      CHECK(message.find('^') == std::string::npos);
    });
  }
}
