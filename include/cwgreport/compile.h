// The whole front end in one call: load, check and build the report tree of
// one meeting folder. What the command line and the tests use.
#pragma once

#include <optional>
#include <string>

#include "cwgreport/diagnostic.h"
#include "cwgreport/report_tree.h"
#include "cwgreport/text_limits.h"
#include "cwgreport/yaml.h"

namespace cwg {

struct CompileOptions {
  yaml::Limits limits;  // of the reader and the loader
  TextLimits text;      // of the text fields and of the report's text, checked by the checker
  // ar | zh | en | fr | ru | es: the report in this language, built from the
  // original's structure and the texts of DIR/translations/LANGUAGE/. Empty
  // or the original's own language: the original.
  std::string language;
  // With the original: also match every folder of DIR/translations/ against
  // it, reporting stale and unknown translations (what `check` does).
  bool check_translations = false;
};

// Reports every problem found to `diags`. Returns the report tree when the
// sources have no error (warnings allowed), or nothing.
std::optional<tree::Report> compile(const std::string& dir, Diagnostics& diags,
                                    const CompileOptions& opts = {});

}  // namespace cwg
