// The embedded JSON Schemas; the bytes come from schemas/*.schema.json
// through the generated schema_data.inc (see cmake/embed_schemas.cmake).
#include "driver/schemas.h"

#include <string_view>

namespace cwg {

namespace {

#include "schema_data.inc"

template <std::size_t N>
std::string_view bytes_of(const unsigned char (&bytes)[N]) {
  return {reinterpret_cast<const char*>(bytes), N};
}

}  // namespace

const std::vector<SchemaText>& schema_texts() {
  static const std::vector<SchemaText> schemas = {
      {"report", "report.schema.json", k_report_id, bytes_of(k_report_bytes)},
      {"documents", "documents.schema.json", k_documents_id, bytes_of(k_documents_bytes)},
      {"section", "section.schema.json", k_section_id, bytes_of(k_section_bytes)},
  };
  return schemas;
}

const SchemaText* find_schema(std::string_view kind) {
  for (const auto& s : schema_texts()) {
    if (s.kind == kind) return &s;
  }
  return nullptr;
}

}  // namespace cwg
