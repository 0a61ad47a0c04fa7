// A meeting folder as a git revision holds it, read from the repository
// without checking anything out: `cwgreport diff HEAD~1:meeting14 meeting14`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace cwg {

// Whether `side` names a git revision of a folder ("REV:PATH") rather than a
// folder: it has a ':' and is not an existing path.
bool is_git_revision(const std::string& side);

struct GitExport {
  std::uint64_t max_bytes = 8u << 20;  // of the YAML files together
  std::size_t max_files = 2000;        // YAML files
  unsigned timeout_seconds = 120;      // for each run of git
};

// Writes the YAML files of the folder `spec` ("REV:PATH", PATH from the top
// of the repository of the current folder, or "./PATH" from the current
// folder, as git reads it) into `into`, an empty private folder, with their
// paths inside the folder. Only regular files ending in .yaml or .yml are
// written: a symbolic link in the revision is left out, and what reads the
// folder reports the file missing. Returns false and sets `error` (a
// lowercase message) when git cannot read the revision or the folder is
// larger than `limits` allow.
bool export_git_folder(const std::string& spec, const std::string& into, const GitExport& limits,
                       std::string& error);

}  // namespace cwg
