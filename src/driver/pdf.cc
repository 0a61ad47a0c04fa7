// The PDF engines: WeasyPrint (the default) and headless Chromium, run as a
// child process with an argument vector, never through a shell.
#include "driver/pdf.h"

#include <unistd.h>

#include <cerrno>

#include "driver/child.h"
#include "driver/driver.h"

namespace cwg {

namespace {

// The arguments of each engine. Neither may reach the network: WeasyPrint
// fetches only what the HTML references, and the report's HTML references
// nothing outside itself (its style sheet is embedded, it has no image, no
// script, no link to a style sheet); Chromium is also told to resolve no
// host name and to send any request to a proxy that does not exist.
std::vector<std::string> engine_argv(const std::string& engine, const std::string& dir,
                                     const std::string& html, const std::string& pdf) {
  if (engine == "weasyprint")
    return {"weasyprint", "--encoding", "utf-8", "--media-type", "print", html, pdf};
  std::vector<std::string> argv = {
      "chromium",
      "--headless",
      "--disable-gpu",
      "--no-first-run",
      "--no-default-browser-check",
      "--disable-extensions",
      "--disable-sync",
      "--disable-default-apps",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-breakpad",
      "--user-data-dir=" + dir + "/profile",
      "--host-resolver-rules=MAP * ~NOTFOUND",
      "--proxy-server=127.0.0.1:9",
      "--proxy-bypass-list=<-loopback>",
      "--no-pdf-header-footer",
      "--generate-pdf-document-outline",
      "--print-to-pdf=" + pdf,
  };
  // Chromium refuses to run as root inside its sandbox.
  if (::geteuid() == 0) argv.push_back("--no-sandbox");
  argv.push_back("file://" + html);
  return argv;
}

std::string install_hint(const std::string& engine) {
  if (engine == "weasyprint")
    return "install it (Debian: apt-get install weasyprint) or pass --pdf-engine chromium";
  return "install it (Debian: apt-get install chromium) or use the default engine, weasyprint";
}

}  // namespace

const std::vector<std::string>& pdf_engines() {
  static const std::vector<std::string> engines = {"weasyprint", "chromium"};
  return engines;
}

bool pdf_engine_has_paged_media(const std::string& engine) { return engine == "weasyprint"; }

std::optional<std::string> print_pdf(std::string_view html, const PdfOptions& o,
                                     std::string& error) {
  const std::string& engine = o.engine;
  PrivateFolder dir("pdf");
  if (dir.path().empty()) {
    error = dir.error();
    return std::nullopt;
  }
  const std::string html_path = dir.path() + "/report.html";
  const std::string pdf_path = dir.path() + "/report.pdf";
  const std::string log_path = dir.path() + "/engine.log";
  if (!write_new_file(html_path, html)) {
    error =
        "cannot write the HTML for the PDF engine into '" + dir.path() + "': " + reason_of(errno);
    return std::nullopt;
  }

  // The engine inherits the environment, with SOURCE_DATE_EPOCH set unless
  // it already is, so that the timestamps it writes do not change with the
  // day of the build.
  ChildRun run;
  run.argv = engine_argv(engine, dir.path(), html_path, pdf_path);
  run.cwd = dir.path();
  run.stdout_path = run.stderr_path = log_path;
  run.env = {std::string("SOURCE_DATE_EPOCH=") + kPdfDefaultSourceDateEpoch};
  run.timeout_seconds = o.timeout_seconds;
  const ChildResult r = run_child(run);
  if (r.spawn_error == ENOENT) {
    error = "the PDF engine '" + engine + "' is not installed; " + install_hint(engine);
    return std::nullopt;
  }
  if (r.spawn_error != 0) {
    error = "cannot run the PDF engine '" + engine + "': " + reason_of(r.spawn_error);
    return std::nullopt;
  }
  if (r.timed_out) {
    error = "the PDF engine '" + engine + "' did not finish within " +
            std::to_string(o.timeout_seconds) + " s; it was stopped (see --pdf-timeout)";
    return std::nullopt;
  }
  std::string message = last_line_of(log_path);
  std::string said = message.empty() ? "" : ": " + message;
  if (r.signal != 0) {
    error =
        "the PDF engine '" + engine + "' was killed by signal " + std::to_string(r.signal) + said;
    return std::nullopt;
  }
  if (r.status == 127) {
    // A launcher script found, but not what it launches.
    error = "the PDF engine '" + engine + "' could not start" + said + "; " + install_hint(engine);
    return std::nullopt;
  }
  if (r.status != 0) {
    error = "the PDF engine '" + engine + "' failed with exit status " + std::to_string(r.status) +
            said;
    return std::nullopt;
  }
  bool complete = false;
  std::string pdf = read_file_tail(pdf_path, std::size_t{1} << 32, &complete);
  if (!complete || pdf.compare(0, 5, "%PDF-") != 0) {
    error = "the PDF engine '" + engine + "' wrote no PDF" + said;
    return std::nullopt;
  }
  return pdf;
}

}  // namespace cwg
