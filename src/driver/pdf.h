// The PDF: the report's HTML printed to PDF by a PDF engine, an installed
// program run as a child process. The HTML's style sheet holds the paged
// media rules (page size, margins, running header); the engine lays out the
// pages.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cwg {

struct PdfOptions {
  std::string engine = "weasyprint";  // "weasyprint" or "chromium"
  unsigned timeout_seconds = 1200;    // then the engine is killed
};

// The engines --pdf-engine accepts, the default first.
const std::vector<std::string>& pdf_engines();

// Whether the engine implements CSS paged media with generated content
// (string-set, float: footnote), for RenderOptions::paged_media: WeasyPrint
// does, Chromium does not.
bool pdf_engine_has_paged_media(const std::string& engine);

// Prints `html` to PDF with o.engine: writes it into a private temporary
// folder, runs the engine there without a shell, without network and for at
// most o.timeout_seconds, and returns the PDF's bytes. On failure returns
// nothing and sets `error` to a lowercase message that says what to do, such
// as which package to install. The engine's own messages are kept only for
// that message. The temporary folder is removed either way.
std::optional<std::string> print_pdf(std::string_view html, const PdfOptions& o,
                                     std::string& error);

// The environment variable that fixes the timestamps an engine writes;
// passed through when set, else set to this value for the engine.
inline constexpr const char* kPdfDefaultSourceDateEpoch = "0";

}  // namespace cwg
