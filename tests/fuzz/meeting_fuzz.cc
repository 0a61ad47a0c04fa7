// Fuzz harness for a whole meeting folder: the input is report.yaml,
// documents.yaml and section files s1.yaml, s2.yaml ... separated by NUL
// bytes (which no source file may hold). The folder is compiled and, when it
// has no error, rendered in every format.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "cwgreport/compile.h"
#include "fuzz_util.h"

namespace {

constexpr std::size_t kMaxSections = 8;

std::string file_name(std::size_t part) {
  if (part == 0) return "report.yaml";
  if (part == 1) return "documents.yaml";
  return "s" + std::to_string(part - 1) + ".yaml";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string& dir = cwg::fuzz::scratch_dir();
  std::size_t part = 0;
  while (part < 2 + kMaxSections) {
    const std::size_t nul = input.find('\0');
    cwg::fuzz::write_file(dir + "/" + file_name(part), input.substr(0, nul));
    ++part;
    if (nul == std::string_view::npos) break;
    input.remove_prefix(nul + 1);
  }
  // Section files the input does not hold are missing, not left over from
  // the input before.
  for (; part < 2 + kMaxSections; ++part) ::unlink((dir + "/" + file_name(part)).c_str());

  cwg::Diagnostics diags;
  cwg::CompileOptions opts;
  opts.limits.max_nodes = 50'000;
  auto report = cwg::compile(dir, diags, opts);
  if (report) cwg::fuzz::render_all(*report);
  if (report && diags.has_errors()) __builtin_trap();  // compile() returns no report then
  cwg::fuzz::print_all(diags);
  return 0;
}
