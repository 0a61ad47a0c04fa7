// The JSON Schemas a meeting folder carries for editors: its own copy in
// schemas/, the modelines that lead each source file to its schema, and
// `cwgreport schema --write`, which brings an existing folder up to date.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cwg {

// The folder of a meeting folder that holds its copy of the schemas.
inline constexpr std::string_view kSchemaFolder = "schemas";

// The modeline of the file at `path` (relative to the meeting folder,
// '/'-separated) of the given kind ("report", "documents", "section"),
// without its line break:
//   # yaml-language-server: $schema=../schemas/section.schema.json
// `location` is where the schemas are: a URL, an absolute folder, or a
// folder relative to the meeting folder, which a file further down reaches
// through "..". Empty: the folder's own copy, kSchemaFolder.
std::string schema_modeline(std::string_view location, std::string_view kind,
                            std::string_view path);

// Why `location` cannot be given to schema_modeline, or "" when it can. The
// value of `$schema=` ends at the first space, so it may hold none.
std::string schema_location_problem(std::string_view location);

// The files of a meeting folder's copy of the schemas: their paths in the
// folder ("schemas/report.schema.json", ...) and the schemas' bytes, those
// `cwgreport schema KIND` prints.
struct SchemaFile {
  std::string path;
  std::string_view text;
};
std::vector<SchemaFile> schema_copy();

// `text` with its modeline set to `modeline` (given without a line break):
// the first modeline among the comments that open the file is replaced,
// or, when there is none, the modeline becomes the first line (after a
// byte order mark). Every other byte is kept, and the line break is the
// file's own ("\r\n" or "\n").
std::string with_modeline(std::string_view text, std::string_view modeline);

// The command `cwgreport schema --write DIR...`: for each meeting folder,
// writes its copy of the schemas and sets the modeline of report.yaml,
// documents.yaml and every section and annex file that report.yaml lists.
// Lists the files it changed; prints its own messages. Returns the exit
// status: 0, or 1 when a folder could not be read or written.
int run_schema_write(const std::vector<std::string>& dirs);

}  // namespace cwg
