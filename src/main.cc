// The command line: `cwgreport build|check|diff|explain|init|schema`. Declares
// the commands (src/cli/: one file each, with its options and help), parses
// argv, runs the command that was named and turns what escapes it into an
// exit status.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#ifdef CWG_MIMALLOC
#include <mimalloc.h>
#endif

#include "cli/commands.h"
#include "driver/driver.h"
#include "text/printable.h"

#ifndef CWG_VERSION
#error "the build defines CWG_VERSION"
#endif

namespace cwg {

namespace {

int run(int argc, char** argv) {
  CLI::App app{
      "cwgreport compiles the YAML sources of a working-group meeting into its report, "
      "as Markdown, HTML, plain text, DOCX and PDF.",
      "cwgreport"};
  app.set_version_flag("--version", "cwgreport " CWG_VERSION, "Print the version and exit");
  app.require_subcommand(1);
  app.footer(
      "Examples:\n"
      "  cwgreport build examples/meeting14\n"
      "  cwgreport build examples/meeting14 -o public -f html,txt\n"
      "  cwgreport check examples/meeting14 -W error\n"
      "  cwgreport explain unknown-document\n"
      "\n"
      "Exit status: 0 success, 1 errors in the sources or an output that cannot be written,\n"
      "2 usage error, 3 internal error. diff has its own: see 'cwgreport diff --help'.");
  app.failure_message([](const CLI::App* top, const CLI::Error& e) {
    std::string cmd = "cwgreport";
    for (const CLI::App* sub : top->get_subcommands()) cmd += " " + sub->get_name();
    // An argument quoted in the message may hold any byte.
    return "cwgreport: " + text::printable_lines(lower_first(e.what())) + "\nrun '" + cmd +
           " --help' for usage\n";
  });

  // Each command's options and help: src/cli/.
  const cli::Command commands[] = {cli::add_build(app),   cli::add_check(app),  cli::add_diff(app),
                                   cli::add_explain(app), cli::add_freeze(app), cli::add_init(app),
                                   cli::add_schema(app)};

  // CLI11 would only say that the word was not expected; a command name
  // deserves a suggestion.
  if (argc > 1 && argv[1][0] != '-') {
    std::string_view word = argv[1];
    std::vector<std::string> names;
    for (const cli::Command& c : commands) names.push_back(c.app->get_name());
    if (std::find(names.begin(), names.end(), word) == names.end()) {
      throw UsageError("unknown command '" + std::string(word) + "'" + did_you_mean(word, names) +
                       "\nrun 'cwgreport --help' for usage");
    }
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version are "errors" with exit code 0 to CLI11.
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }

  // An option CLI11 accepted but the command rejects gets the same pointer
  // to the command's help as CLI11's own errors.
  for (const cli::Command& c : commands) {
    if (!c.app->parsed()) continue;
    try {
      return c.run();
    } catch (const UsageError& e) {
      throw UsageError(std::string(e.what()) + "\nrun 'cwgreport " + c.app->get_name() +
                       " --help' for usage");
    }
  }
  return kExitUsage;  // require_subcommand(1) makes this unreachable
}

}  // namespace

}  // namespace cwg

int main(int argc, char** argv) {
  // Past a file-size limit (ulimit -f) a write then fails with EFBIG, which
  // is reported and cleaned up after like a full disk, instead of the signal
  // killing the program and leaving its temporary files.
  std::signal(SIGXFSZ, SIG_IGN);
#ifdef CWG_MIMALLOC
  // mimalloc hands pages freed back to the system after 25 ms by default,
  // and a build that frees a file's parse and then parses the next one
  // faults them in again; a second keeps them for the next use
  // (docs/performance.md), while a long build still returns what it frees.
  mi_option_set(mi_option_decommit_delay, 1000);
#endif
  int status = cwg::kExitInternal;
  try {
    status = cwg::run(argc, argv);
  } catch (const cwg::UsageError& e) {
    cwg::print_error(e.what());
    return cwg::kExitUsage;
  } catch (const std::exception& e) {
    // A bug, not a problem of the input: say so plainly, with its own code,
    // rather than let the runtime abort with a core dump.
    cwg::print_error(std::string("internal error: ") + e.what());
    return cwg::kExitInternal;
  } catch (...) {
    cwg::print_error("internal error: unknown exception");
    return cwg::kExitInternal;
  }
  // A full disk or closed pipe on standard output must not pass for success.
  if (std::fflush(stdout) != 0) {
    cwg::print_error("cannot write standard output: " + cwg::reason_of(errno));
    return cwg::kExitInvalid;
  }
  if (std::ferror(stdout)) {
    cwg::print_error("cannot write standard output");
    return cwg::kExitInvalid;
  }
  return status;
}
