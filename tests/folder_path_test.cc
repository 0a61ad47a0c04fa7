// Tests of resolve_in_folder: links are followed inside the meeting folder
// and never past its edge.
#include "source/folder_path.h"

#include <catch2/catch.hpp>
#include <cerrno>
#include <filesystem>
#include <string>

#include "test_util.h"

using cwg::FolderPath;
using cwg::resolve_in_folder;
using cwg::test::TempDir;
namespace fs = std::filesystem;

namespace {

using Status = FolderPath::Status;

// A meeting folder `m` inside a scratch folder, beside a folder `outside`.
struct Layout {
  Layout() {
    dir.write("m/sections/intro.yaml", "x");
    dir.write("outside/secret.yaml", "x");
    base = fs::canonical(dir.path() / "m").string();
  }
  void link(const std::string& target, const std::string& rel) const {
    fs::create_symlink(target, dir.path() / "m" / rel);
  }
  TempDir dir;
  std::string base;
};

}  // namespace

TEST_CASE("resolve_in_folder follows links that stay inside") {
  Layout t;
  t.link("intro.yaml", "sections/alias.yaml");
  t.link("sections", "parts");
  t.link("../sections/intro.yaml", "sections/up.yaml");
  t.link("../../m/sections/intro.yaml", "sections/out-and-back.yaml");
  t.link(t.base + "/sections/intro.yaml", "sections/absolute.yaml");
  const std::string intro = t.base + "/sections/intro.yaml";
  for (const char* rel : {"sections/intro.yaml", "sections/alias.yaml", "parts/intro.yaml",
                          "parts/alias.yaml", "sections/up.yaml", "./sections//intro.yaml",
                          "sections/out-and-back.yaml", "sections/absolute.yaml"}) {
    INFO(rel);
    FolderPath p = resolve_in_folder(t.base, rel);
    CHECK(p.status == Status::found);
    CHECK(p.path == intro);
  }
  CHECK(resolve_in_folder(t.base, "sections").path == t.base + "/sections");
}

TEST_CASE("resolve_in_folder stops at a link leading out, whatever its target") {
  Layout t;
  const std::string outside = (t.dir.path() / "outside").string();
  t.link(outside + "/secret.yaml", "abs.yaml");
  t.link(outside + "/missing.yaml", "abs-missing.yaml");
  t.link("../outside/secret.yaml", "rel.yaml");
  t.link("../outside/missing.yaml", "rel-missing.yaml");
  t.link("../outside", "shared");
  t.link("/nonexistent/folder", "nowhere");
  t.link("rel.yaml", "chain.yaml");
  t.link("..", "parent");
  for (const char* rel : {"abs.yaml", "abs-missing.yaml", "rel.yaml", "rel-missing.yaml",
                          "shared/secret.yaml", "shared/missing.yaml", "nowhere/x.yaml",
                          "chain.yaml", "parent", "parent/m/../outside/secret.yaml"}) {
    INFO(rel);
    FolderPath p = resolve_in_folder(t.base, rel);
    CHECK(p.status == Status::outside);
  }
  // Out and back in by name is inside.
  CHECK(resolve_in_folder(t.base, "parent/m/sections/intro.yaml").status == Status::found);
}

TEST_CASE("resolve_in_folder reports what it cannot follow") {
  Layout t;
  t.link("loop-b.yaml", "loop-a.yaml");
  t.link("loop-a.yaml", "loop-b.yaml");
  t.link("gone.yaml", "dangling.yaml");
  FolderPath missing = resolve_in_folder(t.base, "sections/nothere.yaml");
  CHECK(missing.status == Status::missing);
  CHECK(missing.path == t.base + "/sections/nothere.yaml");
  FolderPath dangling = resolve_in_folder(t.base, "dangling.yaml");
  CHECK(dangling.status == Status::missing);
  CHECK(dangling.path == t.base + "/gone.yaml");
  CHECK(resolve_in_folder(t.base, "nothere/x.yaml").status == Status::missing);
  FolderPath loop = resolve_in_folder(t.base, "loop-a.yaml");
  CHECK(loop.status == Status::error);
  CHECK(loop.error == ELOOP);
  FolderPath not_dir = resolve_in_folder(t.base, "sections/intro.yaml/x.yaml");
  CHECK(not_dir.status == Status::error);
  CHECK(not_dir.error == ENOTDIR);
  FolderPath too_long = resolve_in_folder(t.base, std::string(5000, 'a'));
  CHECK(too_long.status == Status::error);
  CHECK(too_long.error == ENAMETOOLONG);
}
