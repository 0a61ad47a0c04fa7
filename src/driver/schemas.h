// The JSON Schemas of the three kinds of source file, embedded in the binary
// at build time so that `cwgreport schema` needs no file beside it.
#pragma once

#include <string_view>
#include <vector>

namespace cwg {

struct SchemaText {
  std::string_view kind;  // "report", "documents" or "section"
  std::string_view file;  // "report.schema.json"
  std::string_view id;    // the schema's "$id"
  std::string_view text;  // the file's bytes
};

// The schemas, in the order report, documents, section.
const std::vector<SchemaText>& schema_texts();
const SchemaText* find_schema(std::string_view kind);

}  // namespace cwg
