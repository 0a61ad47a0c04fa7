// Paths inside the meeting folder, resolved without looking outside it: the
// sources may bring symbolic links to anywhere, and whether a file exists
// outside the folder must not show in what the program does or reports.
#pragma once

#include <string>
#include <string_view>

namespace cwg {

struct FolderPath {
  enum class Status {
    found,    // `path` exists; it names the file without any symbolic link
    missing,  // a component of the path does not exist; `path` as far as resolved
    outside,  // the path, or a symbolic link on its way, leads out of the folder
    error,    // `error` says why the path cannot be followed (ELOOP, ENOTDIR, ...)
  };
  Status status = Status::error;
  std::string path;
  int error = 0;
};

// Follows `rel`, a path relative to the folder `base`, one component at a
// time, reading symbolic links itself. `base` must be canonical (absolute,
// with no symbolic link, '.' or '..'). Nothing is looked at that is neither
// inside `base` nor one of its parent folders: a link that leads elsewhere
// ends the walk as `outside` before its target is examined, so a target that
// exists and one that does not are told apart by nothing. `..` steps back
// within the folder as the file system would.
FolderPath resolve_in_folder(const std::string& base, std::string_view rel);

}  // namespace cwg
