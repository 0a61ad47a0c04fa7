// `cwgreport schema KIND` and `cwgreport schema --write DIR...`.
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.h"
#include "driver/driver.h"
#include "driver/schema_files.h"
#include "driver/schemas.h"

namespace cwg::cli {

namespace {

struct SchemaOptions {
  std::string kind;
  std::vector<std::string> dirs;
};

int run_schema(const SchemaOptions& o) {
  if (!o.dirs.empty()) return run_schema_write(o.dirs);
  if (o.kind.empty()) throw UsageError("KIND or --write DIR is required");
  std::string_view text = find_schema(o.kind)->text;
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

}  // namespace

Command add_schema(CLI::App& app) {
  auto opts = std::make_shared<SchemaOptions>();
  CLI::App* schema = app.add_subcommand(
      "schema",
      "Print the JSON Schema of one kind of source file, or write the schemas into meeting "
      "folders for editors");
  CLI::Option* kind =
      schema
          ->add_option("KIND", opts->kind,
                       "report (report.yaml), documents (documents.yaml) or section (a section "
                       "or annex file)")
          ->check(CLI::IsMember({"report", "documents", "section"}));
  schema
      ->add_option("--write", opts->dirs,
                   "Write the schemas into each meeting folder DIR, as DIR/schemas/*.schema.json, "
                   "and start each of its source files with a modeline that leads to them")
      ->type_name("DIR")
      ->excludes(kind);
  schema->footer(
      "The schemas let an editor check a file as it is typed. 'cwgreport init' writes them into\n"
      "the new folder; --write brings an existing folder up to date, after an upgrade of\n"
      "cwgreport or for a folder made before init wrote them. It writes the three schemas and\n"
      "sets the first modeline of report.yaml, documents.yaml and every section and annex file\n"
      "('# yaml-language-server: $schema=schemas/report.schema.json'), adding one where there\n"
      "is none, and lists the files it changed. The schemas are also installed in\n"
      "PREFIX/share/cwgreport/schemas.\n"
      "\n"
      "Examples:\n"
      "  cwgreport schema report\n"
      "  cwgreport schema section > section.schema.json\n"
      "  cwgreport schema --write meeting14\n"
      "  cwgreport schema --write archive/*/");
  return {schema, [opts] { return run_schema(*opts); }};
}

}  // namespace cwg::cli
