// The schemas a meeting folder carries for editors, and the modelines that
// lead its files to them. A copy inside the folder, named by a relative
// path, works on every machine the folder is cloned to, whether or where
// cwgreport is installed there; a path to one machine's installed schemas
// or a URL would not.
#include "driver/schema_files.h"

#include <fmt/core.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "cwgreport/diagnostic.h"
#include "cwgreport/yaml.h"
#include "driver/driver.h"
#include "driver/output.h"
#include "driver/schemas.h"
#include "source/loader.h"
#include "text/printable.h"

namespace cwg {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kPrefix = "# yaml-language-server: $schema=";
constexpr std::string_view kBom = "\xEF\xBB\xBF";

// A line that yaml-language-server reads as a modeline: "#", blanks, then
// "yaml-language-server:" (blanks allowed before the colon) or "$schema:".
bool is_modeline(std::string_view line) {
  if (line.empty() || line[0] != '#') return false;
  std::size_t i = 1;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  if (i == 1) return false;
  std::string_view rest = line.substr(i);
  if (rest.starts_with("$schema:")) return true;
  if (!rest.starts_with("yaml-language-server")) return false;
  rest.remove_prefix(std::string_view("yaml-language-server").size());
  while (!rest.empty() && (rest[0] == ' ' || rest[0] == '\t')) rest.remove_prefix(1);
  return rest.starts_with(":");
}

// The bytes of the regular file `path`, no more than the loader accepts, or
// nothing, with the reason in `why`.
std::optional<std::string> read_text(const fs::path& path, std::string& why) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    why = "it is not a regular file";
    return std::nullopt;
  }
  const std::uintmax_t limit = yaml::Limits{}.max_file_bytes;
  std::uintmax_t size = fs::file_size(path, ec);
  if (ec || size > limit) {
    why = ec ? ec.message() : "it is larger than " + std::to_string(limit) + " bytes";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::string text;
  text.reserve(static_cast<std::size_t>(size));
  // The file may have grown since it was measured: read past the limit by
  // one buffer at most.
  char buf[65536];
  while (text.size() <= limit) {
    in.read(buf, sizeof buf);
    text.append(buf, static_cast<std::size_t>(in.gcount()));
    if (!in) break;
  }
  if (text.size() > limit) {
    why = "it is larger than " + std::to_string(limit) + " bytes";
    return std::nullopt;
  }
  // Only the end of the file may stop the reading: a file that cannot be
  // opened, or fails midway, must not pass for an empty or shorter one.
  if (in.bad() || !in.eof()) {
    why = "it cannot be read";
    return std::nullopt;
  }
  return text;
}

// A file of the meeting folder `dir`, named as the loader names it.
std::string display(const std::string& dir, std::string_view rel) {
  return (fs::path(dir) / std::string(rel)).lexically_normal().generic_string();
}

// Brings one meeting folder up to date; false when it could not be.
bool write_into(const std::string& dir) {
  Diagnostics diags;
  auto sources = load_sources(dir, diags);
  if (!sources) {
    // Only report.yaml tells which files are section files.
    diags.sort();
    PrintOptions print;
    print.color = stderr_in_colour();
    std::string text = format_diagnostics(diags, print);
    std::fwrite(text.data(), 1, text.size(), stderr);
    print_error("cannot update '" + dir + "': its report.yaml cannot be read");
    return false;
  }

  // The folder as a path the loader's names are relative to: "m/" is "m".
  fs::path base = fs::path(dir).lexically_normal();
  if (!base.has_filename() && base.has_relative_path()) base = base.parent_path();
  // The files the loader read, the ones with errors included: report.yaml,
  // documents.yaml, then the sections and annexes in report order.
  std::vector<std::string> order = {display(dir, "report.yaml"), display(dir, "documents.yaml")};
  for (const auto* list : {&sources->sections, &sources->annexes})
    for (const auto& section : *list) order.push_back(section.loc.file);
  for (const auto& path : diags.sources().paths()) order.push_back(path);

  std::vector<OutputFile> out;
  // A source file is replaced by a new one: it keeps its permissions.
  std::vector<std::pair<std::string, fs::perms>> modes;
  std::set<std::string> seen;
  for (const auto& path : order) {
    if (!diags.sources().find(path) || !seen.insert(path).second) continue;
    std::string rel = fs::path(path).lexically_relative(base).generic_string();
    std::string_view kind = rel == "report.yaml"      ? "report"
                            : rel == "documents.yaml" ? "documents"
                                                      : "section";
    std::string modeline = schema_modeline("", kind, rel);
    std::error_code ec;
    if (fs::is_symlink(path, ec)) {
      // Replacing the link by a file would cut it from what it points at.
      print_error("left '" + path +
                  "' as it is: it is a symbolic link; its first line should be: " + modeline);
      continue;
    }
    std::string why;
    auto text = read_text(path, why);
    if (!text) {
      print_error("cannot update '" + path + "': " + why);
      return false;
    }
    std::string updated = with_modeline(*text, modeline);
    if (updated == *text) continue;
    modes.emplace_back(path, fs::status(path, ec).permissions());
    out.push_back({path, std::move(updated)});
  }

  // The copy of the schemas. A schemas/ that is a link could lead anywhere.
  const std::string folder = display(dir, kSchemaFolder);
  std::error_code ec;
  if (fs::is_symlink(folder, ec)) {
    print_error("cannot write '" + folder +
                "': it is a symbolic link; remove it, and the schemas are written in its place");
    return false;
  }
  bool any_schema = false;
  for (const auto& file : schema_copy()) {
    std::string path = display(dir, file.path);
    std::string why;
    auto text = fs::exists(path, ec) ? read_text(path, why) : std::nullopt;
    if (text && *text == file.text) continue;
    out.push_back({path, std::string(file.text)});
    any_schema = true;
  }
  if (any_schema) {
    if (auto err = create_directories(folder)) {
      print_error("cannot write '" + err->path + "': " + err->reason);
      return false;
    }
  }
  if (auto err = write_files(out)) {
    print_error("cannot write '" + err->path + "': " + err->reason);
    return false;
  }
  for (const auto& [path, perms] : modes) {
    if (perms != fs::perms::unknown) fs::permissions(path, perms, ec);
  }
  for (const auto& f : out) fmt::print("wrote {}\n", text::printable(f.path));
  return true;
}

}  // namespace

std::string schema_modeline(std::string_view location, std::string_view kind,
                            std::string_view path) {
  const SchemaText* schema = find_schema(kind);
  std::string where = location.empty() ? std::string(kSchemaFolder) : std::string(location);
  if (where.find("://") != std::string::npos) {
    if (where.back() != '/') where += '/';
    return std::string(kPrefix) + where + std::string(schema->file);
  }
  fs::path target = fs::path(where) / std::string(schema->file);
  if (target.is_relative()) {
    // From the file's folder back up to the meeting folder.
    fs::path up;
    for (const auto& part : fs::path(std::string(path)).lexically_normal().parent_path()) {
      if (!part.empty() && part != ".") up /= "..";
    }
    target = up / target;
  }
  return std::string(kPrefix) + target.lexically_normal().generic_string();
}

std::string schema_location_problem(std::string_view location) {
  if (location.empty()) return "the value is empty";
  for (unsigned char c : location) {
    if (text::is_ascii_control(c)) return "the value holds a control character";
    if (c == ' ') return "the value holds a space, which would end the modeline's '$schema=' value";
  }
  return "";
}

std::vector<SchemaFile> schema_copy() {
  std::vector<SchemaFile> files;
  for (const auto& schema : schema_texts())
    files.push_back({std::string(kSchemaFolder) + "/" + std::string(schema.file), schema.text});
  return files;
}

std::string with_modeline(std::string_view text, std::string_view modeline) {
  std::string bom;
  if (text.starts_with(kBom)) {
    bom = kBom;
    text.remove_prefix(kBom.size());
  }
  std::size_t first_break = text.find('\n');
  std::string eol =
      first_break != std::string_view::npos && first_break > 0 && text[first_break - 1] == '\r'
          ? "\r\n"
          : "\n";
  // yaml-language-server reads a modeline only among the comments that open
  // the file, before its first content.
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = text.find('\n', at);
    std::string_view line =
        text.substr(at, (end == std::string_view::npos ? text.size() : end) - at);
    if (line.ends_with('\r')) line.remove_suffix(1);
    std::size_t lead = line.find_first_not_of(" \t");
    if (lead != std::string_view::npos && line[lead] != '#') break;
    if (is_modeline(line)) {
      return bom + std::string(text.substr(0, at)) + std::string(modeline) +
             std::string(text.substr(at + line.size()));
    }
    if (end == std::string_view::npos) break;
    at = end + 1;
  }
  return bom + std::string(modeline) + eol + std::string(text);
}

int run_schema_write(const std::vector<std::string>& dirs) {
  int status = 0;
  for (const auto& dir : dirs) {
    if (!write_into(dir)) status = 1;
  }
  return status;
}

}  // namespace cwg
