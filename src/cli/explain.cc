// `cwgreport explain [CODE]`.
#include <memory>
#include <string>

#include "cli/commands.h"
#include "driver/driver.h"

namespace cwg::cli {

Command add_explain(CLI::App& app) {
  auto code = std::make_shared<std::string>();
  CLI::App* explain =
      app.add_subcommand("explain", "Explain a diagnostic code: what it means and how to fix it");
  explain->add_option("CODE", *code,
                      "The code shown in brackets after a diagnostic; without it, every code is "
                      "listed with its default severity");
  explain->footer(
      "Examples:\n"
      "  cwgreport explain unknown-document\n"
      "  cwgreport explain revision-clash\n"
      "  cwgreport explain");
  return {explain, [code] { return run_explain(*code); }};
}

}  // namespace cwg::cli
