// The subcommands of the command line. Each add_* function declares one
// subcommand's options on `app` (CLI11 fills them in while parsing) and
// returns what to run once argv has been parsed into them. A command is
// only argv to the driver's options (driver/driver.h): the work is done by
// the driver.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace cwg::cli {

struct Command {
  CLI::App* app = nullptr;   // the subcommand, owned by the top-level app
  std::function<int()> run;  // its exit status; throws UsageError
};

Command add_build(CLI::App& app);    // build.cc
Command add_check(CLI::App& app);    // build.cc
Command add_diff(CLI::App& app);     // diff.cc
Command add_explain(CLI::App& app);  // explain.cc
Command add_freeze(CLI::App& app);   // freeze.cc
Command add_init(CLI::App& app);     // init.cc
Command add_schema(CLI::App& app);   // schema.cc

}  // namespace cwg::cli
