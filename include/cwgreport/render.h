// The renderers: one per output format, each a function from the report
// tree to the text of one file.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "cwgreport/report_tree.h"

namespace cwg {

struct RenderOptions {
  // Plain text: 0 keeps each paragraph on one line, as the sample report
  // does; N > 0 wraps at N columns with a hanging indent.
  int width = 0;
};

std::string render_text(const tree::Report& report, const RenderOptions& opts);
std::string render_markdown(const tree::Report& report, const RenderOptions& opts);
std::string render_html(const tree::Report& report, const RenderOptions& opts);

struct OutputFormat {
  std::string_view name;       // "txt", "md", "html": the -f names
  std::string_view extension;  // file name extension, without the dot
  std::string (*render)(const tree::Report&, const RenderOptions&);
};

// All formats in a fixed order (md, html, txt).
std::span<const OutputFormat> output_formats();
const OutputFormat* find_output_format(std::string_view name);

}  // namespace cwg
