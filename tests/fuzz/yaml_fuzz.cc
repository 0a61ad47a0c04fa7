// Fuzz harness for the strict YAML reader: any bytes, as one source file.
// The reader must report a problem or return a tree, never crash or hang;
// and libyaml's fast read must change nothing: the same tree and the same
// diagnostics as yaml-cpp alone gives.
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

bool same(const cwg::yaml::Node& a, const cwg::yaml::Node& b) {
  if (a.kind != b.kind || a.value != b.value || a.plain != b.plain || a.offset != b.offset ||
      a.loc.line != b.loc.line || a.loc.column != b.loc.column ||
      a.items.size() != b.items.size() || a.entries.size() != b.entries.size())
    return false;
  for (std::size_t i = 0; i < a.items.size(); ++i)
    if (!same(a.items[i], b.items[i])) return false;
  for (std::size_t i = 0; i < a.entries.size(); ++i)
    if (!same(a.entries[i].key, b.entries[i].key) || !same(a.entries[i].value, b.entries[i].value))
      return false;
  return true;
}

bool same(const cwg::Diagnostics& a, const cwg::Diagnostics& b) {
  if (a.all().size() != b.all().size()) return false;
  for (std::size_t i = 0; i < a.all().size(); ++i) {
    const auto &x = a.all()[i], &y = b.all()[i];
    if (x.code != y.code || x.message != y.message || x.loc.line != y.loc.line ||
        x.loc.column != y.loc.column)
      return false;
  }
  return true;
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
  cwg::Diagnostics slow_diags;
  auto slow = cwg::yaml::parse(text, "f.yaml", slow_diags, limits, nullptr,
                               cwg::yaml::Parsers::yaml_cpp_only);
  if (root.has_value() != slow.has_value() || (root && !same(*root, *slow)) ||
      !same(diags, slow_diags))
    __builtin_trap();
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
