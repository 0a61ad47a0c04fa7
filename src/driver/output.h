// Atomic file output: a reader of an output file sees either the previous
// version or the complete new one, never a half-written file.
#pragma once

#include <cstddef>
#include <functional>
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

// The same for the folder of a build's outputs: unless keep() is called, the
// directories it created are removed again, each once empty, when the object
// goes, so that a build that fails leaves no folder behind.
class NewDirectories {
 public:
  NewDirectories() = default;
  ~NewDirectories();
  NewDirectories(const NewDirectories&) = delete;
  NewDirectories& operator=(const NewDirectories&) = delete;

  std::optional<WriteError> create(const std::string& dir);
  void keep() { made_.clear(); }

 private:
  std::vector<std::string> made_;  // parents first
};

// Holds an output folder while a build replaces its files, so that two
// builds writing into the same folder at once replace them one set after the
// other, never mixed. The lock is flock(2) on OUTDIR/.cwgreport.lock, a file
// created for the purpose and removed when the lock is released (and on
// SIGINT, SIGTERM or SIGHUP, as temporary files are). A build that finds the
// folder held waits for the other to finish.
class FolderLock {
 public:
  static constexpr const char* kFileName = ".cwgreport.lock";

  FolderLock();
  ~FolderLock();
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

  // Locks the folder `dir`, which exists. If another build holds it,
  // `waiting` is called once, then this waits.
  std::optional<WriteError> lock(const std::string& dir, const std::function<void()>& waiting);

 private:
  int dirfd_ = -1;
  int fd_ = -1;
  int slot_ = -1;  // in the table of files the signal handler removes
};

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
