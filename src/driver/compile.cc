// The front end in one call: load, check, build.
#include "cwgreport/compile.h"

#include "build/report_builder.h"
#include "check/model.h"
#include "source/loader.h"

namespace cwg {

std::optional<tree::Report> compile(const std::string& dir, Diagnostics& diags,
                                    const CompileOptions& opts) {
  auto sources = load_sources(dir, diags, opts.limits);
  if (!sources) {
    diags.sort();
    return std::nullopt;
  }
  Model model = check_sources(*sources, diags);
  // The builder runs even after errors: it reports problems of its own
  // (Markdown a field cannot hold), and a user wants them all in one run.
  tree::Report report = build_report(model, diags);
  diags.sort();
  if (diags.has_errors()) return std::nullopt;
  return report;
}

}  // namespace cwg
