// The diagnostics sink, the -W policy and "did you mean" suggestions.
#include "cwgreport/diagnostic.h"

#include <algorithm>
#include <mutex>
#include <numeric>
#include <unordered_set>

#include "text/line_index.h"
#include "text/printable.h"

namespace cwg {

FileName::FileName(std::string_view path) : path_(&empty_path()) {
  if (path.empty()) return;
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  // Never destroyed: a location may be read while the program exits.
  static auto& pool = *new std::unordered_set<std::string, Hash, std::equal_to<>>;
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = pool.find(path);
  if (it == pool.end()) it = pool.emplace(path).first;
  path_ = &*it;
}

namespace {

// A value quoted in a message longer than this many bytes is cut to its
// start and "…": the message names what is wrong, and the source line under
// it shows the value itself. A hostile file's 100 kB scalar would otherwise
// be printed whole in every format.
constexpr std::size_t kMaxQuotedBytes = 120;

bool closes_quote(std::string_view m, std::size_t at) {
  if (at + 1 == m.size()) return true;
  return std::string_view(" :,;.?!)").find(m[at + 1]) != std::string_view::npos;
}

// Quotes open at the start or after a space or '(' and close before the end,
// a space or punctuation, so that an apostrophe inside a word ("member's")
// is not taken for one.
void shorten_quoted_values(std::string& m) {
  std::size_t i = 0;
  while ((i = m.find('\'', i)) != std::string::npos) {
    if (i > 0 && m[i - 1] != ' ' && m[i - 1] != '(') {
      ++i;
      continue;
    }
    const std::size_t start = i + 1;
    std::size_t close = start;
    while ((close = m.find('\'', close)) != std::string::npos && !closes_quote(m, close)) ++close;
    if (close == std::string::npos) return;
    if (close - start > kMaxQuotedBytes) {
      std::size_t cut = start + kMaxQuotedBytes - 20;
      while (cut > start && (static_cast<unsigned char>(m[cut]) & 0xC0) == 0x80) --cut;
      // Nor an escape such as <U+202E> (text::printable).
      if (auto open = m.rfind('<', cut);
          open != std::string::npos && open >= start && cut - open < 10 && m.find('>', open) >= cut)
        cut = open;
      m.replace(cut, close - cut, "\u2026");
      close = cut + std::string_view("\u2026").size();
    }
    i = close + 1;
  }
}

}  // namespace

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::off:
      return "off";
    case Severity::note:
      return "note";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "error";
}

std::optional<std::string> DiagnosticPolicy::apply(std::string_view arg) {
  if (arg == "error") {
    warnings_as_errors = true;
    return std::nullopt;
  }
  std::string code;
  Severity sev = Severity::off;
  if (arg.starts_with("no-")) {
    code = std::string(arg.substr(3));
  } else if (auto eq = arg.find('='); eq != std::string_view::npos) {
    code = std::string(arg.substr(0, eq));
    std::string_view level = arg.substr(eq + 1);
    if (level == "error")
      sev = Severity::error;
    else if (level == "warning")
      sev = Severity::warning;
    else if (level == "off")
      sev = Severity::off;
    else
      return "unknown level '" + std::string(level) + "' in '-W " + std::string(arg) +
             "' (expected error, warning or off)";
  } else {
    return "unknown -W argument '" + std::string(arg) +
           "' (expected error, no-CODE or CODE=error|warning|off)";
  }
  const CodeInfo* info = find_code(code);
  if (!info) {
    std::vector<std::string> names;
    for (const auto& c : all_codes()) names.emplace_back(c.code);
    std::string msg = "unknown diagnostic code '" + code + "'";
    if (auto near = closest_match(code, names)) msg += "; did you mean '" + *near + "'?";
    return msg;
  }
  if (info->default_severity == Severity::error && sev != Severity::error) {
    return "'" + code + "' is an error and cannot be lowered";
  }
  if (info->default_severity == Severity::note) {
    return "'" + code + "' is a note about the run and cannot be changed";
  }
  overrides[code] = sev;
  return std::nullopt;
}

Severity DiagnosticPolicy::severity_of(std::string_view code, Severity default_severity) const {
  Severity sev = default_severity;
  if (auto it = overrides.find(code); it != overrides.end()) sev = it->second;
  if (warnings_as_errors && sev == Severity::warning) sev = Severity::error;
  return sev;
}

void SourceFiles::add(std::string path, std::string contents) {
  auto lines = std::make_shared<const text::LineIndex>(contents);
  files_[std::move(path)] = File{std::move(contents), std::move(lines)};
}

void SourceFiles::move_from(SourceFiles& from, std::string_view path) {
  auto it = from.files_.find(path);
  if (it == from.files_.end()) return;
  if (auto old = files_.find(path); old != files_.end()) files_.erase(old);
  files_.insert(from.files_.extract(it));
}

const std::string* SourceFiles::find(std::string_view path) const {
  auto it = files_.find(path);
  return it == files_.end() ? nullptr : &it->second.contents;
}

const text::LineIndex* SourceFiles::lines(std::string_view path) const {
  auto it = files_.find(path);
  return it == files_.end() ? nullptr : it->second.lines.get();
}

std::vector<std::string> SourceFiles::paths() const {
  std::vector<std::string> out;
  for (const auto& [path, _] : files_) out.push_back(path);
  return out;
}

std::optional<std::string_view> SourceFiles::line(std::string_view path, int line) const {
  auto it = files_.find(path);
  if (it == files_.end()) return std::nullopt;
  return it->second.lines->line(it->second.contents, line);
}

void Diagnostics::report(std::string_view code, Location loc, std::string message,
                         std::vector<Note> notes) {
  const CodeInfo* info = find_code(code);
  Severity sev = policy_.severity_of(code, info ? info->default_severity : Severity::error);
  if (sev == Severity::off) return;
  if (sev == Severity::error) {
    ++errors_;
    if (policy_.max_errors != 0 && errors_ > policy_.max_errors) {
      ++dropped_errors_;
      return;
    }
  } else if (sev == Severity::warning) {
    ++warnings_;
    if (policy_.max_warnings != 0 && warnings_ > policy_.max_warnings) {
      ++dropped_warnings_;
      return;
    }
  }
  // Escaped first, so that the shortened value is what is printed.
  message = text::printable(message);
  shorten_quoted_values(message);
  for (Note& note : notes) {
    note.message = text::printable(note.message);
    shorten_quoted_values(note.message);
  }
  list_.push_back(
      Diagnostic{sev, std::string(code), std::move(loc), std::move(message), std::move(notes)});
}

void Diagnostics::absorb(const Diagnostics& other) {
  for (const Diagnostic& d : other.list_) report(d.code, d.loc, d.message, d.notes);
  errors_ += other.dropped_errors_;
  warnings_ += other.dropped_warnings_;
  dropped_errors_ += other.dropped_errors_;
  dropped_warnings_ += other.dropped_warnings_;
}

bool Diagnostics::limit_reached() const {
  return policy_.max_errors != 0 && errors_ >= policy_.max_errors;
}

bool Diagnostics::keeps(std::string_view code) const {
  const CodeInfo* info = find_code(code);
  switch (policy_.severity_of(code, info ? info->default_severity : Severity::error)) {
    case Severity::off:
      return false;
    case Severity::error:
      return policy_.max_errors == 0 || errors_ < policy_.max_errors;
    case Severity::warning:
      return policy_.max_warnings == 0 || warnings_ < policy_.max_warnings;
    case Severity::note:
      break;
  }
  return true;
}

void Diagnostics::sort() {
  std::stable_sort(list_.begin(), list_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.loc.file != b.loc.file) return a.loc.file < b.loc.file;
    if (a.loc.line != b.loc.line) return a.loc.line < b.loc.line;
    return a.loc.column < b.loc.column;
  });
}

// Optimal string alignment distance: insertions, deletions, substitutions
// and transpositions of neighbours ('dco' is one edit from 'doc').
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev2(b.size() + 1), prev(b.size() + 1), row(b.size() + 1);
  std::iota(prev.begin(), prev.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        row[j] = std::min(row[j], prev2[j - 2] + 1);
    }
    std::swap(prev2, prev);
    std::swap(prev, row);
  }
  return prev[b.size()];
}

ClosestMatch::ClosestMatch(std::string_view word)
    : word_(word),
      limit_(std::min<std::size_t>(3, std::max<std::size_t>(1, word.size() / 3))),
      enabled_(word.size() <= kMaxTypoBytes),
      best_distance_(limit_ + 1) {
  for (char ch : word_) ++counts_[static_cast<unsigned char>(ch)];
}

// The optimal string alignment distance as edit_distance computes it, but only
// within limit_ of the diagonal (a cell farther away is more than limit_ edits)
// and only while some cell of the row is within reach.
void ClosestMatch::consider(std::string_view c) {
  ++work_;
  if (!enabled_) return;
  const std::size_t n = word_.size(), m = c.size(), k = limit_;
  if (m > n + k || n > m + k) return;

  // A bound first, at the cost of reading the candidate twice: an edit adds
  // at most one character and removes at most one, so a candidate with more
  // than limit_ characters the word lacks (or the other way round) is out of
  // reach. Most candidates of a long list stop here.
  std::size_t extra = 0;  // characters of the candidate the word lacks
  for (char ch : c) extra += --counts_[static_cast<unsigned char>(ch)] < 0 ? 1 : 0;
  for (char ch : c) ++counts_[static_cast<unsigned char>(ch)];
  work_ += m;
  if (extra > k || n - (m - extra) > k) return;

  const std::size_t far = k + 1;  // "out of reach": every value is capped here
  if (row_.size() < m + 2) {
    prev2_.resize(m + 2);
    prev_.resize(m + 2);
    row_.resize(m + 2);
  }
  // Row 0 as far as row 1 reads it; each row sets the cells beside its band
  // that the next one reads, so nothing else needs clearing.
  for (std::size_t j = 0; j <= std::min(m, k + 1); ++j) prev_[j] = j <= k ? j : far;
  for (std::size_t i = 1; i <= n; ++i) {
    const std::size_t lo = i > k ? i - k : 1;
    const std::size_t hi = std::min(m, i + k);
    row_[lo - 1] = lo == 1 && i <= k ? i : far;
    std::size_t best_in_row = row_[lo - 1];
    for (std::size_t j = lo; j <= hi; ++j) {
      const std::size_t cost = word_[i - 1] == c[j - 1] ? 0 : 1;
      std::size_t v = std::min({prev_[j] + 1, row_[j - 1] + 1, prev_[j - 1] + cost});
      if (i > 1 && j > 1 && word_[i - 1] == c[j - 2] && word_[i - 2] == c[j - 1])
        v = std::min(v, prev2_[j - 2] + 1);
      row_[j] = std::min(v, far);
      best_in_row = std::min(best_in_row, row_[j]);
    }
    work_ += hi + 1 - lo;
    row_[hi + 1] = far;
    if (best_in_row > k) return;
    std::swap(prev2_, prev_);
    std::swap(prev_, row_);
  }
  const std::size_t d = prev_[m];
  if (d < best_distance_) {
    best_distance_ = d;
    best_ = std::string(c);
    tie_ = false;
  } else if (d == best_distance_ && best_ && *best_ != c) {
    tie_ = true;
  }
}

std::optional<std::string> ClosestMatch::result() const {
  // Two candidates equally close make no suggestion: a guess would mislead.
  if (tie_) return std::nullopt;
  return best_;
}

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates) {
  ClosestMatch match(word);
  for (const auto& c : candidates) match.consider(c);
  return match.result();
}

std::optional<DiagnosticFormat> parse_diagnostic_format(std::string_view name) {
  if (name == "human") return DiagnosticFormat::human;
  if (name == "json") return DiagnosticFormat::json;
  if (name == "sarif") return DiagnosticFormat::sarif;
  if (name == "github") return DiagnosticFormat::github;
  return std::nullopt;
}

}  // namespace cwg
