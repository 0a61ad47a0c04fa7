// A strict YAML reader: turns one source file into a tree of nodes that keep
// their position, built from libyaml's or yaml-cpp's event stream with our
// own limits.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cwgreport/diagnostic.h"

namespace cwg::yaml {

struct Limits {
  static constexpr std::size_t kBytesPerNode = 16;

  std::size_t max_file_bytes = 8u << 20;  // 8 MiB per file
  std::size_t max_depth = 64;             // nested collections
  // All the files of a meeting folder together, in bytes: the loader
  // enforces it, a single read does not.
  std::size_t max_folder_bytes = 8u << 20;
  // Nodes in one file, or in all the files of a meeting folder together: the
  // loader reads each file with the nodes already read from the others in
  // nodes_before. One for every 16 bytes of max_folder_bytes (the command
  // line keeps them so): real sources have one for every 50 to 100.
  std::size_t max_nodes = max_folder_bytes / kBytesPerNode;
  std::size_t nodes_before = 0;
};

enum class Kind { null, scalar, sequence, map };

struct Entry;

struct Node {
  Kind kind = Kind::null;
  Location loc;                // where the node starts
  std::size_t offset = 0;      // byte offset of the node's start in the file
  std::string value;           // scalar text (empty for null)
  bool plain = false;          // scalar written without quotes or block style
  std::vector<Node> items;     // sequence
  std::vector<Entry> entries;  // map, in source order, keys unique

  bool is_null() const { return kind == Kind::null; }
  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_sequence() const { return kind == Kind::sequence; }
  bool is_map() const { return kind == Kind::map; }
  // The value for a key of a map, or nullptr.
  const Node* find(std::string_view key) const;
};

struct Entry {
  Node key;  // always a scalar
  Node value;
};

// Reads `path`: a regular file no larger than limits.max_file_bytes, strict
// UTF-8 (no NUL, no control characters other than tab, LF and CR, a BOM
// only at the start), one YAML document, no aliases or anchors, no
// duplicate keys, no complex keys, nesting and node count within limits.
// Every problem is reported to `diags` with its position; the file's text is
// registered in diags.sources(). Returns the root node when the file could
// be read (possibly with errors reported), or nothing when not at all.
// `display_path` is the name used in diagnostics.
// `nodes`, when given, receives the number of nodes read.
std::optional<Node> read_file(const std::string& path, const std::string& display_path,
                              Diagnostics& diags, const Limits& limits = {},
                              std::size_t* nodes = nullptr);

// Which parsers read a file. By default libyaml reads it first, and yaml-cpp
// again only when libyaml rejects it or the reader finds something to report;
// the trees must be the same either way, which the tests and the fuzzer check
// by reading with yaml-cpp alone.
enum class Parsers { libyaml_first, yaml_cpp_only };

// The same for text already in memory (tests, fuzzing).
std::optional<Node> parse(std::string_view text, const std::string& display_path,
                          Diagnostics& diags, const Limits& limits = {},
                          std::size_t* nodes = nullptr, Parsers parsers = Parsers::libyaml_first);

// The name of a node's kind as used in messages: "a string", "a list", ...
std::string_view kind_name(Kind kind);

}  // namespace cwg::yaml
