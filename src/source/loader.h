// The loader: reads a meeting folder's YAML files into the source model,
// checking the shape of every value against the source format.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cwgreport/diagnostic.h"
#include "cwgreport/source.h"
#include "cwgreport/yaml.h"

namespace cwg {

// The file of a meeting folder that keeps the numbers of the circulated
// report, written by `cwgreport freeze` and read by every build.
inline constexpr const char* kFrozenFile = "frozen.yaml";

// Reads DIR/report.yaml, DIR/documents.yaml and every section and annex
// file report.yaml lists. Reports every problem it finds and returns what it
// could read; returns nothing only when report.yaml itself is unusable.
// Files are named in diagnostics by their path from `shown_dir` when it is
// given (a git revision read into a temporary folder: "HEAD~1:meeting14"),
// else from `dir` as given.
std::optional<Sources> load_sources(const std::string& dir, Diagnostics& diags,
                                    const yaml::Limits& limits = {},
                                    const std::string& shown_dir = "");

// The keys each kind of mapping in the sources accepts, by kind: "report",
// "group", "meeting", "paragraph", ... The loader reads with these lists and
// the JSON schemas in schemas/ must agree with them (a test checks).
const std::map<std::string, std::vector<std::string>>& source_keys();

// Whether `v` is a date as the sources write one: YYYY-MM-DD, a day that
// exists. The loader reports any other as invalid-date; a check that
// compares dates skips it, so one mistake gives one diagnostic.
bool valid_date(std::string_view v);

// Allowed values of the enumerated fields, in documentation order.
const std::vector<std::string>& document_kinds();
const std::vector<std::string>& list_styles();

}  // namespace cwg
