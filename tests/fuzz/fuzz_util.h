// What the whole-meeting harnesses share: a scratch meeting folder, reused by
// every input of one fuzzing process, and the run of the whole pipeline.
#pragma once

#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "cwgreport/compile.h"
#include "cwgreport/render.h"

namespace cwg::fuzz {

// A folder created on first use, reused by every input of one fuzzing
// process. It lives in CWG_FUZZ_SCRATCH when set (run.sh sets it and removes
// it afterwards: libFuzzer ends a run without running exit handlers), else
// in /dev/shm when there is one, since the meeting harness rewrites its files
// for every input.
inline const std::string& scratch_dir() {
  // Never destroyed: the exit handler that removes the folder needs it.
  static const std::string* dir = [] {
    namespace fs = std::filesystem;
    std::error_code ec;
    const char* chosen = std::getenv("CWG_FUZZ_SCRATCH");
    fs::path base = chosen && *chosen                  ? fs::path(chosen)
                    : fs::is_directory("/dev/shm", ec) ? fs::path("/dev/shm")
                                                       : fs::temp_directory_path();
    auto* path = new std::string((base / "cwgreport-fuzz-XXXXXX").string());
    if (!::mkdtemp(path->data())) __builtin_trap();
    std::atexit([] {
      std::error_code ignored;
      fs::remove_all(scratch_dir(), ignored);
    });
    return path;
  }();
  return *dir;
}

inline void write_file(const std::string& path, std::string_view text) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) __builtin_trap();
  if (!text.empty() && std::fwrite(text.data(), 1, text.size(), f) != text.size()) __builtin_trap();
  std::fclose(f);
}

// Whether HTML holds markup that could run script: a script element, an
// event-handler attribute, or a link to a scheme other than the safe ones.
// Text is escaped by the renderer, so every '<' left in the output starts
// markup the renderer wrote.
inline bool html_is_safe(std::string_view html) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  for (std::size_t lt = html.find('<'); lt != std::string_view::npos; lt = html.find('<', lt + 1)) {
    std::size_t gt = html.find('>', lt);
    if (gt == std::string_view::npos) return false;
    std::string tag;
    for (char c : html.substr(lt, gt - lt)) tag += lower(c);
    if (tag.starts_with("<script") || tag.starts_with("<iframe") || tag.starts_with("<object") ||
        tag.starts_with("<embed"))
      return false;
    if (tag.starts_with("<style")) {
      // CSS may hold '<' in strings; the style sheet is the renderer's own.
      gt = html.find("</style", gt);
      if (gt == std::string_view::npos) return false;
      lt = gt;
      continue;
    }
    // Attribute names follow a space and precede '='; values are quoted.
    bool quoted = false;
    for (std::size_t i = 1; i < tag.size(); ++i) {
      if (tag[i] == '"') quoted = !quoted;
      if (quoted || tag[i - 1] != ' ') continue;
      if (tag.compare(i, 2, "on") == 0 && tag.find('=', i) != std::string::npos) {
        std::size_t k = i + 2;
        while (k < tag.size() && tag[k] >= 'a' && tag[k] <= 'z') ++k;
        if (k < tag.size() && tag[k] == '=') return false;
      }
      if (tag.compare(i, 6, "href=\"") == 0 || tag.compare(i, 5, "src=\"") == 0) {
        std::size_t v = tag.find('"', i) + 1;
        std::string value;
        for (std::size_t k = v; k < tag.size() && tag[k] != '"'; ++k)
          if (tag[k] > ' ') value += tag[k];
        for (std::string_view scheme : {"javascript:", "vbscript:", "data:"})
          if (value.starts_with(scheme)) return false;
      }
    }
  }
  return true;
}

// Renders a report in every format, as `cwgreport build` does. Each output
// is checked for what a published report must never hold.
inline void render_all(const tree::Report& report) {
  for (const OutputFormat& f : output_formats()) {
    // Only plain text wraps.
    for (int width : {0, 40}) {
      if (width > 0 && f.name != "txt") continue;
      RenderOptions opts;
      opts.width = width;
      std::string out = f.render(report, opts);
      if (f.name == "txt") {
        for (unsigned char c : out) {
          // Plain text goes to terminals: no control character but TAB and
          // line feed may reach them.
          if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) __builtin_trap();
        }
        // Nor a C1 control character, which UTF-8 writes as C2 80 to C2 9F.
        for (std::size_t i = 0; i + 1 < out.size(); ++i) {
          if (static_cast<unsigned char>(out[i]) == 0xC2 &&
              static_cast<unsigned char>(out[i + 1]) >= 0x80 &&
              static_cast<unsigned char>(out[i + 1]) <= 0x9F)
            __builtin_trap();
        }
      }
      if (f.name == "html" && !html_is_safe(out)) __builtin_trap();
    }
  }
}

// Traps unless `out` is clean as everything printed must be: no C0 control
// but tab and line feed, no DEL, no C1 control (UTF-8 C2 80 to C2 9F), no
// bidirectional control (U+202A-U+202E, U+2066-U+2069).
inline void require_clean(std::string_view out) {
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto b = static_cast<unsigned char>(out[i]);
    const auto next = i + 1 < out.size() ? static_cast<unsigned char>(out[i + 1]) : 0;
    const auto third = i + 2 < out.size() ? static_cast<unsigned char>(out[i + 2]) : 0;
    if ((b < 0x20 && b != '\t' && b != '\n') || b == 0x7F) __builtin_trap();
    if (b == 0xC2 && next >= 0x80 && next <= 0x9F) __builtin_trap();
    if (b == 0xE2 && next == 0x80 && third >= 0xAA && third <= 0xAE) __builtin_trap();
    if (b == 0xE2 && next == 0x81 && third >= 0xA6 && third <= 0xA9) __builtin_trap();
  }
}

// Every diagnostics format, each checked clean.
inline void print_all(const Diagnostics& diags) {
  for (auto format : {DiagnosticFormat::human, DiagnosticFormat::json, DiagnosticFormat::sarif,
                      DiagnosticFormat::github}) {
    PrintOptions opts;
    opts.format = format;
    require_clean(format_diagnostics(diags, opts));
  }
}

}  // namespace cwg::fuzz
