// Atomic file output: a reader of an output file sees either the previous
// version or the complete new one, never a half-written file.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "cwgreport/render.h"

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

// Files replaced together. Each is written, as its text is produced, to a
// temporary file beside its target (a normal file, mode 0666 & ~umask);
// commit() flushes them all to disk and only when every one is complete
// renames them over their targets and flushes the directories. A failure
// before the renames changes no target. Temporary files never outlive the
// object, a failure, or SIGINT, SIGTERM or SIGHUP. Each file may be written
// from its own thread.
class OutputFiles {
 public:
  OutputFiles();
  ~OutputFiles();
  OutputFiles(const OutputFiles&) = delete;
  OutputFiles& operator=(const OutputFiles&) = delete;

  // Creates the temporary file for `path`; file(i) of the i-th call
  // receives its text.
  std::optional<WriteError> add(const std::string& path);
  OutputSink& file(std::size_t index);

  std::optional<WriteError> commit();

 private:
  class Temporary;
  std::vector<std::unique_ptr<Temporary>> files_;
};

// The same for texts already in memory.
std::optional<WriteError> write_files(std::span<const OutputFile> files);

}  // namespace cwg
