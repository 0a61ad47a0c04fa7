// Fuzz harness for the strict YAML reader: any bytes, as one source file.
// The reader must report a problem or return a tree, never crash or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cwgreport/yaml.h"
#include "fuzz_util.h"

namespace {

// Walks the tree as the loader does, so that a malformed node is touched.
std::size_t walk(const cwg::yaml::Node& n) {
  std::size_t count = 1 + n.value.size() % 2;
  for (const auto& item : n.items) count += walk(item);
  for (const auto& e : n.entries) {
    if (n.find(e.key.value) == nullptr) __builtin_trap();  // keys are findable
    count += walk(e.key) + walk(e.value);
  }
  return count;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  cwg::Diagnostics diags;
  cwg::yaml::Limits limits;
  // Small enough that the nesting and node limits are reached by the fuzzer.
  limits.max_nodes = 20'000;
  auto root = cwg::yaml::parse(text, "f.yaml", diags, limits);
  if (root) walk(*root);
  // Every diagnostic is located in the file it names.
  for (const auto& d : diags.all()) {
    if (d.loc.file != "f.yaml") __builtin_trap();
    if (d.loc.line < 0 || d.loc.column < 0) __builtin_trap();
  }
  // Quoting the source line under a message must cope with any position, and
  // whatever the file holds, every byte printed is clean.
  cwg::fuzz::print_all(diags);
  return 0;
}
