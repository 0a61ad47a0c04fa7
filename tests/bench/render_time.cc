// Times each renderer alone on one compiled report, for the benchmark
// (tests/bench/measure.py): the front end runs once, then every format named
// is rendered RUNS times to a sink that only counts bytes. Prints one line per
// format: its name, the median wall time and the median CPU time of this
// thread, in seconds, and the bytes written.
//
//   render_time DIR RUNS FORMAT...
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "cwgreport/compile.h"
#include "cwgreport/render.h"

namespace {

class CountingSink : public cwg::OutputSink {
 public:
  void write(std::string_view bytes) override { bytes_ += bytes.size(); }
  std::size_t bytes_ = 0;
};

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: render_time DIR RUNS FORMAT...\n");
    return 2;
  }
  cwg::Diagnostics diags;
  auto report = cwg::compile(argv[1], diags);
  if (!report) {
    std::fprintf(stderr, "render_time: %s does not compile\n", argv[1]);
    return 1;
  }
  const int runs = std::max(1, std::atoi(argv[2]));
  for (int f = 3; f < argc; ++f) {
    const cwg::OutputFormat* format = cwg::find_output_format(argv[f]);
    if (format == nullptr) {
      std::fprintf(stderr, "render_time: no format %s\n", argv[f]);
      return 2;
    }
    std::vector<double> wall, cpu;
    std::size_t bytes = 0;
    for (int i = 0; i < runs; ++i) {
      CountingSink sink;
      auto start = std::chrono::steady_clock::now();
      double cpu_start = thread_cpu_seconds();
      format->write(*report, cwg::RenderOptions{}, sink);
      cpu.push_back(thread_cpu_seconds() - cpu_start);
      wall.push_back(
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
      bytes = sink.bytes_;
    }
    std::printf("%s %.6f %.6f %zu\n", argv[f], median(wall), median(cpu), bytes);
  }
  return 0;
}
