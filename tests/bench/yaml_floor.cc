// The floor of the benchmark: only loads a meeting's YAML files with
// yaml-cpp's YAML::LoadFile, which any YAML-based tool must at least do.
//
//   yaml_floor PATH...   (a file, or a folder whose *.yaml files are loaded, recursively)
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    fs::path p(argv[i]);
    if (fs::is_directory(p)) {
      for (const auto& e : fs::recursive_directory_iterator(p))
        if (e.is_regular_file() && e.path().extension() == ".yaml") files.push_back(e.path());
    } else {
      files.push_back(p.string());
    }
  }
  std::sort(files.begin(), files.end());
  std::size_t nodes = 0;
  try {
    for (const auto& f : files) {
      YAML::Node root = YAML::LoadFile(f);
      // Touch the tree so that the load cannot be optimized away.
      nodes += root.size();
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "yaml_floor: %s\n", e.what());
    return 1;
  }
  return nodes == static_cast<std::size_t>(-1) ? 1 : 0;
}
