// Resolving a path inside the meeting folder with lstat and readlink, one
// component at a time, so that the walk stops at the folder's edge.
#include "source/folder_path.h"

#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

namespace cwg {

namespace {

using Status = FolderPath::Status;

// Whether `p` is `base` or lies inside it.
bool inside(std::string_view p, std::string_view base) {
  if (base == "/") return true;
  return p.starts_with(base) && (p.size() == base.size() || p[base.size()] == '/');
}

// Whether `p` is one of the folders `base` lies in.
bool above(std::string_view p, std::string_view base) {
  if (p == "/") return base != "/";
  return base.size() > p.size() && base.starts_with(p) && base[p.size()] == '/';
}

std::string join(const std::string& dir, std::string_view name) {
  std::string out = dir;
  if (out != "/") out += '/';
  out += name;
  return out;
}

std::string parent(const std::string& p) {
  const std::size_t slash = p.rfind('/');
  return slash == 0 || slash == std::string::npos ? "/" : p.substr(0, slash);
}

// Adds the components of `path` to `todo`, a stack whose top is the next
// component to follow. Empty and "." components change nothing.
void push_components(std::vector<std::string>& todo, std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(start, end - start);
    if (!part.empty() && part != ".") parts.push_back(part);
    start = end + 1;
  }
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) todo.emplace_back(*it);
}

}  // namespace

FolderPath resolve_in_folder(const std::string& base, std::string_view rel) {
  constexpr int kMaxLinks = 40;  // as Linux allows in one lookup
  if (rel.size() >= PATH_MAX) return {Status::error, {}, ENAMETOOLONG};
  std::vector<std::string> todo;
  push_components(todo, rel);
  std::string cur = !rel.empty() && rel.front() == '/' ? "/" : base;
  int links = 0;
  while (!todo.empty()) {
    const std::string part = std::move(todo.back());
    todo.pop_back();
    if (part == "..") {
      // `cur` holds no symbolic link, so its parent is the lexical one.
      cur = parent(cur);
      continue;
    }
    std::string next = join(cur, part);
    // The folders on the way to `base` are real folders: `base` is canonical.
    if (above(next, base)) {
      cur = std::move(next);
      continue;
    }
    if (!inside(next, base)) return {Status::outside, std::move(next), 0};
    if (next.size() >= PATH_MAX) return {Status::error, std::move(next), ENAMETOOLONG};
    struct stat st {};
    if (::lstat(next.c_str(), &st) != 0) {
      const int err = errno;
      if (err != ENOENT) return {Status::error, std::move(next), err};
      for (auto it = todo.rbegin(); it != todo.rend(); ++it) next = join(next, *it);
      return {Status::missing, std::move(next), ENOENT};
    }
    if (S_ISLNK(st.st_mode)) {
      if (++links > kMaxLinks) return {Status::error, std::move(next), ELOOP};
      std::string target(PATH_MAX, '\0');
      const ssize_t n = ::readlink(next.c_str(), target.data(), target.size());
      if (n < 0) return {Status::error, std::move(next), errno};
      if (n == 0) return {Status::missing, std::move(next), ENOENT};
      if (static_cast<std::size_t>(n) >= target.size())
        return {Status::error, std::move(next), ENAMETOOLONG};
      target.resize(static_cast<std::size_t>(n));
      push_components(todo, target);
      if (target.front() == '/') cur.assign(1, '/');
      continue;
    }
    if (!todo.empty() && !S_ISDIR(st.st_mode)) return {Status::error, std::move(next), ENOTDIR};
    cur = std::move(next);
  }
  if (!inside(cur, base)) return {Status::outside, std::move(cur), 0};
  return {Status::found, std::move(cur), 0};
}

}  // namespace cwg
