// Diagnostics: located problems, collected in a sink by every phase and
// printed once by the command line.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cwg {

namespace text {
class LineIndex;
}

// The path of a source file, as locations name it. Every node, field and
// paragraph carries a location, so the path is interned: copying a location
// copies a pointer, and two locations compare their files by address. The
// pool keeps each path once for the life of the process, and only grows by
// the paths of the files the process reads or names in a diagnostic.
class FileName {
 public:
  FileName() : path_(&empty_path()) {}
  FileName(std::string_view path);
  FileName(const std::string& path) : FileName(std::string_view(path)) {}
  FileName(const char* path) : FileName(std::string_view(path)) {}

  const std::string& str() const { return *path_; }
  operator const std::string&() const { return *path_; }
  operator std::string_view() const { return *path_; }
  bool empty() const { return path_->empty(); }
  bool starts_with(std::string_view s) const { return path_->starts_with(s); }
  bool ends_with(std::string_view s) const { return path_->ends_with(s); }
  std::string substr(std::size_t pos, std::size_t n = std::string::npos) const {
    return path_->substr(pos, n);
  }

  friend bool operator==(const FileName& a, const FileName& b) { return a.path_ == b.path_; }
  friend bool operator==(const FileName& a, const std::string& b) { return *a.path_ == b; }
  friend bool operator==(const FileName& a, std::string_view b) { return *a.path_ == b; }
  friend bool operator==(const FileName& a, const char* b) { return *a.path_ == b; }
  friend bool operator<(const FileName& a, const FileName& b) {
    return a.path_ != b.path_ && *a.path_ < *b.path_;
  }
  friend std::string operator+(std::string a, const FileName& b) { return a += *b.path_; }
  friend std::string operator+(const char* a, const FileName& b) { return a + *b.path_; }
  friend std::string operator+(const FileName& a, std::string_view b) {
    std::string s = *a.path_;
    return s += b;
  }

 private:
  // A function's static, so that a FileName made while the program's
  // statics are being initialized already points at a constructed string;
  // never destroyed, like the pool, so that one read at exit still is.
  static const std::string& empty_path() {
    static const std::string& empty = *new std::string;
    return empty;
  }
  const std::string* path_;
};

// A position in a source file. Lines and columns are 1-based; column counts
// bytes, as compilers do. line == 0 means "the whole file" (or unknown).
struct Location {
  FileName file;
  int line = 0;
  int column = 0;

  bool has_position() const { return line > 0; }
};

enum class Severity { off, note, warning, error };

std::string_view severity_name(Severity s);

struct Note {
  Location loc;  // may have no position: then printed as a bare "note:"
  std::string message;
};

struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;  // stable identifier, e.g. "unknown-document"
  Location loc;
  std::string message;  // lowercase, no final period, names in quotes
  std::vector<Note> notes;
};

// Every code the program can emit, with its default severity and the text
// `cwgreport explain CODE` prints. The table lives in diagnostic_codes.cc
// and is the single list docs/diagnostics.md is checked against.
struct CodeInfo {
  std::string_view code;
  Severity default_severity;
  std::string_view summary;      // one line
  std::string_view explanation;  // a paragraph or more, with example and fix
};

const std::vector<CodeInfo>& all_codes();
const CodeInfo* find_code(std::string_view code);

// Per-code severity overrides from -W options.
struct DiagnosticPolicy {
  bool warnings_as_errors = false;
  std::map<std::string, Severity, std::less<>> overrides;
  std::size_t max_errors = 50;    // 0 = no limit
  std::size_t max_warnings = 50;  // 0 = no limit

  // Parses one -W argument: "error", "no-CODE", "CODE=error|warning|off".
  // Returns an error message, or nothing on success.
  std::optional<std::string> apply(std::string_view arg);
  Severity severity_of(std::string_view code, Severity default_severity) const;
};

// The text of every file read, so that diagnostics can quote source lines.
class SourceFiles {
 public:
  // Keeps `contents` and indexes its lines, once.
  void add(std::string path, std::string contents);
  // Takes over the file `path` that `from` read, with its index, without
  // copying its text; nothing when `from` did not read it.
  void move_from(SourceFiles& from, std::string_view path);
  const std::string* find(std::string_view path) const;
  // The line index of a file read, for every offset a phase turns into a
  // line and a column; nothing when the file was not read. Valid until the
  // same path is added again.
  const text::LineIndex* lines(std::string_view path) const;
  // The paths of the files read, in sorted order.
  std::vector<std::string> paths() const;
  // The text of the given 1-based line without its line break, or nothing.
  std::optional<std::string_view> line(std::string_view path, int line) const;

 private:
  struct File {
    std::string contents;
    std::shared_ptr<const text::LineIndex> lines;  // shared: SourceFiles is copied
  };
  std::map<std::string, File, std::less<>> files_;
};

// The search behind "did you mean": candidates are offered one at a time and
// the closest is kept, if it is close enough to be a plausible typo (at most a
// third of the word's length away, and never more than three edits) and no
// other candidate is as close. Each comparison computes only the band of the
// edit distance table a typo can lie in, and stops as soon as the candidate
// is out of reach; a word longer than kMaxTypoBytes gets no suggestion.
class ClosestMatch {
 public:
  static constexpr std::size_t kMaxTypoBytes = 100;

  explicit ClosestMatch(std::string_view word);
  void consider(std::string_view candidate);
  std::optional<std::string> result() const;
  // What the search has cost: one per candidate, plus the cells computed.
  std::size_t work() const { return work_; }

 private:
  std::string_view word_;
  std::size_t limit_ = 0;
  bool enabled_ = true;
  std::optional<std::string> best_;
  std::size_t best_distance_ = 0;
  bool tie_ = false;
  std::size_t work_ = 0;
  std::array<int, 256> counts_{};  // of each byte in the word
  std::vector<std::size_t> prev2_, prev_, row_;
};

class Diagnostics {
 public:
  Diagnostics() = default;
  explicit Diagnostics(DiagnosticPolicy policy) : policy_(std::move(policy)) {}

  // Reports a diagnostic under a code from all_codes(); its severity is the
  // code's default unless the policy overrides it. Codes set to "off" are
  // dropped. Past max_errors, further errors are counted but not kept, and so
  // are warnings past max_warnings. The message and the notes' messages are
  // kept as printable text (text::printable): a value quoted from the sources
  // cannot act on the terminal or the log that shows it.
  void report(std::string_view code, Location loc, std::string message,
              std::vector<Note> notes = {});
  // Takes over what another sink (one file's, read on another thread)
  // collected: its diagnostics as if reported here, and its counts of dropped
  // ones.
  void absorb(const Diagnostics& other);

  const std::vector<Diagnostic>& all() const { return list_; }
  std::size_t error_count() const { return errors_; }
  std::size_t warning_count() const { return warnings_; }
  bool has_errors() const { return errors_ > 0; }
  // True once max_errors has been reached; phases may stop early then.
  bool limit_reached() const;
  // Whether a diagnostic under `code` reported now would be kept: it is not
  // turned off and its severity's limit is not reached. Work done only for the
  // text of a diagnostic can be skipped when it would not.
  bool keeps(std::string_view code) const;
  std::size_t dropped_errors() const { return dropped_errors_; }
  std::size_t dropped_warnings() const { return dropped_warnings_; }
  std::size_t dropped() const { return dropped_errors_ + dropped_warnings_; }

  // "Did you mean" for a diagnostic under `code` about `word`: the closest of
  // `candidates` (each passed through `key`), as ClosestMatch finds it.
  // Nothing when the diagnostic would not be kept, so that suggestions stop
  // with the error limit.
  template <class Range, class Key = std::identity>
  std::optional<std::string> suggest(std::string_view code, std::string_view word,
                                     const Range& candidates, Key key = {}) {
    if (!keeps(code)) return std::nullopt;
    return closest(word, candidates, key);
  }
  // The same search for a decision rather than a note. The searches of one
  // sink share a budget of kSuggestionWork: however many unknown names the
  // sources hold and however many candidates there are, suggestions cost a
  // bounded time in all; past it, none is made.
  template <class Range, class Key = std::identity>
  std::optional<std::string> closest(std::string_view word, const Range& candidates, Key key = {}) {
    if (suggestion_work_ >= kSuggestionWork) return std::nullopt;
    ClosestMatch match(word);
    for (const auto& c : candidates) {
      if (suggestion_work_ + match.work() >= kSuggestionWork) {
        // An unfinished search may have missed the closest candidate.
        suggestion_work_ = kSuggestionWork;
        return std::nullopt;
      }
      match.consider(std::invoke(key, c));
    }
    suggestion_work_ += match.work();
    return match.result();
  }
  static constexpr std::size_t kSuggestionWork = 20'000'000;

  SourceFiles& sources() { return sources_; }
  const SourceFiles& sources() const { return sources_; }
  const DiagnosticPolicy& policy() const { return policy_; }

  // Sorts by file, line, column (stable for equal positions) so output does
  // not depend on the order phases ran in.
  void sort();

 private:
  DiagnosticPolicy policy_;
  SourceFiles sources_;
  std::vector<Diagnostic> list_;
  std::size_t errors_ = 0;
  std::size_t warnings_ = 0;
  std::size_t dropped_errors_ = 0;
  std::size_t dropped_warnings_ = 0;
  std::size_t suggestion_work_ = 0;
};

// Edit distance (optimal string alignment), for "did you mean" notes.
std::size_t edit_distance(std::string_view a, std::string_view b);
// The candidate closest to `word`, as ClosestMatch finds it, for a short list
// of fixed names.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

enum class DiagnosticFormat { human, json, sarif, github };
std::optional<DiagnosticFormat> parse_diagnostic_format(std::string_view name);

struct PrintOptions {
  DiagnosticFormat format = DiagnosticFormat::human;
  bool color = false;
  std::string tool_version;  // for SARIF
};

// Renders all diagnostics in the chosen format (human: with the source line
// and a caret; json: one object per line; sarif: one SARIF 2.1.0 log;
// github: workflow commands), followed, for human output, by a summary line.
// Diagnostics dropped past a limit are counted at the end in every format.
// Costs time in proportion to the diagnostics and the source lines they quote,
// never their product.
std::string format_diagnostics(const Diagnostics& diags, const PrintOptions& opts);

}  // namespace cwg
