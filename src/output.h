// Atomic file output: a reader of an output file sees either the previous
// version or the complete new one, never a half-written file.
#pragma once

#include <optional>
#include <span>
#include <string>

namespace cwg {

struct OutputFile {
  std::string path;  // as shown to the user; relative to the working directory
  std::string contents;
};

struct WriteError {
  std::string path;    // the file or directory that could not be written
  std::string reason;  // lowercase, e.g. "permission denied"
};

// Creates `dir` and any missing parent directories (mode 0777 & ~umask).
std::optional<WriteError> create_directories(const std::string& dir);

// Writes every file beside its target as a temporary file (a normal file,
// mode 0666 & ~umask), flushes each to disk, and only when all of them are
// complete renames them over their targets and flushes the directories.
// A failure before the renames changes no target. On any failure, and on
// SIGINT, SIGTERM or SIGHUP while writing, no temporary file is left.
std::optional<WriteError> write_files(std::span<const OutputFile> files);

}  // namespace cwg
