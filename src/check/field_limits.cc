// Limits on Markdown text fields. Cheap scans bound what cmark-gfm could
// build from a text; only a text that might break a limit is parsed to measure it.
#include "check/field_limits.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "check/refs.h"
#include "text/line_index.h"

namespace cwg {

namespace {

constexpr std::size_t npos = std::string_view::npos;

bool is_ascii_punct(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
         (c >= '{' && c <= '~');
}

// The characters scan_lines only counts as ending a delimiter row: all but
// those its switch looks at.
constexpr auto kPlain = [] {
  std::array<bool, 256> plain{};
  plain.fill(true);
  for (unsigned char c : std::string_view(" \t\r:>+.)0123456789-|*_~[]!`&<\\")) plain[c] = false;
  return plain;
}();

bool is_plain(char c) { return kPlain[static_cast<unsigned char>(c)]; }

bool is_blank_line(std::string_view line) { return line.find_first_not_of(" \t\r") == npos; }

// Where the text of a field starts in its file: past the header line of a
// block scalar, or the opening quote, either of which may hold a byte the
// field's text holds too.
std::size_t content_start(const std::string& file, const Text& text) {
  std::size_t at = text.offset;
  if (at >= file.size()) return npos;
  const char first = file[at];
  if (first == '|' || first == '>') {
    at = file.find('\n', at);
    return at == npos ? npos : at + 1;
  }
  if (first == '"' || first == '\'') return at + 1;
  return at;
}

// The position in the file of the byte at `pos` of the field's text, found
// as the same occurrence of the same byte in the file. Only ASCII
// punctuation other than quotes and backslashes is looked for: YAML writes
// those, and letters and digits, differently inside escapes. Falls back to
// the next such byte on the line, then to the field's own position.
Location locate(const SourceFiles& files, const Text& text, std::size_t pos) {
  const std::string& v = text.value;
  while (pos < v.size() && v[pos] != '\n' &&
         (!is_ascii_punct(v[pos]) || v[pos] == '\\' || v[pos] == '"' || v[pos] == '\'')) {
    ++pos;
  }
  const std::string* file = files.find(text.loc.file);
  if (pos >= v.size() || v[pos] == '\n' || !file || !text.loc.has_position()) return text.loc;
  const char c = v[pos];
  const std::size_t nth = static_cast<std::size_t>(std::count(v.begin(), v.begin() + pos, c));
  std::size_t at = content_start(*file, text);
  for (std::size_t i = 0; at != npos; ++i) {
    at = file->find(c, at);
    if (at == npos || i == nth) break;
    ++at;
  }
  if (at == npos) return text.loc;
  const auto p = files.lines(text.loc.file)->position(at);
  return {text.loc.file, p.line, p.column};
}

void report(Diagnostics& diags, const Location& loc, std::string message,
            std::vector<Note> notes = {}) {
  // A text is converted each time it is printed (a document's title in
  // every list that names it): one report per place is enough.
  for (const Diagnostic& d : diags.all()) {
    if (d.code == "text-limit" && d.loc.file == loc.file && d.loc.line == loc.line &&
        d.loc.column == loc.column && d.message == message)
      return;
  }
  diags.report("text-limit", loc, std::move(message), std::move(notes));
}

// What one pass over the lines of a text finds.
struct LineScan {
  // The first line whose leading container markers could open more block
  // quotes and list items than the limit, or npos.
  std::size_t deep_line = npos;
  // The '[' that made too many open at once, or npos.
  std::size_t bracket = npos;
  // Whether some line could be a table's delimiter row ("|---|:-:|").
  bool delimiter_row = false;
  // The first line with more cells than the limit, or npos.
  std::size_t wide_line = npos;
  // An upper bound on how deep emphasis, strikethrough and links can nest.
  std::size_t inline_bound = 0;
  // The longest span from a line that could define a link reference
  // ("[r]: URL 'title'") to the end of its paragraph, which bounds what one
  // use of the reference prints; where it starts; and how many ']' could end
  // a use.
  std::size_t reference_span = 0;
  std::size_t reference_line = npos;
  std::size_t closing_brackets = 0;
  // Where the line breaks and punctuation that can start a node of
  // cmark-gfm's tree first outnumber the limit, or npos.
  std::size_t markup = npos;
};

// The length of a line's leading run of characters that can mark block
// quotes and list items, or indent them.
std::size_t prefix_length(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && std::string_view(" \t>-+*.)0123456789").find(line[i]) != npos) ++i;
  return i;
}

// An upper bound on the block quotes and list items a line can be inside:
// each one needs a '>', a list marker and its space, or two columns of
// indentation on the line (the continuation of a list item).
std::size_t prefix_bound(std::string_view prefix) {
  std::size_t half_levels = 0;
  for (char c : prefix) half_levels += c == ' ' ? 1 : c == '\t' ? 4 : 2;
  return half_levels / 2;
}

LineScan scan_lines(std::string_view v, const TextLimits& limits) {
  LineScan scan;
  std::size_t open = 0;  // '[' not yet closed in this paragraph
  std::size_t stars = 0, underscores = 0, tildes = 0, opens = 0, closes = 0;
  std::size_t definition = npos;  // the first line of this paragraph that could define a link
  std::size_t markup = 0;
  auto count_markup = [&](std::size_t at) {
    if (++markup > limits.max_markup && scan.markup == npos) scan.markup = at;
  };
  auto end_chunk = [&](std::size_t chunk_end) {
    if (definition != npos && chunk_end - definition > scan.reference_span) {
      scan.reference_span = chunk_end - definition;
      scan.reference_line = definition;
    }
    definition = npos;
    // Each level of emphasis or strikethrough takes one delimiter on each
    // side, each link a '[' and a ']'.
    scan.inline_bound = std::max(
        scan.inline_bound, stars / 2 + underscores / 2 + tildes / 2 + std::min(opens, closes));
    open = stars = underscores = tildes = opens = closes = 0;
  };
  std::size_t start = 0;
  while (start <= v.size()) {
    std::size_t end = v.find('\n', start);
    if (end == npos) end = v.size();
    const std::string_view line = v.substr(start, end - start);
    if (is_blank_line(line)) {
      end_chunk(start);
    } else {
      const std::size_t prefix = prefix_length(line);
      if (scan.deep_line == npos && prefix_bound(line.substr(0, prefix)) > limits.max_nesting)
        scan.deep_line = start;
      if (definition == npos && prefix < line.size() && line[prefix] == '[' &&
          line.find("]:", prefix) != npos)
        definition = start;
      std::size_t pipes = 0;
      std::size_t first = npos, last = npos;  // of the unescaped pipes
      bool dash = false, only_row_chars = true;
      for (std::size_t i = 0; i < line.size(); ++i) {
        // Letters and most other characters only end a delimiter row.
        if (is_plain(line[i])) {
          while (i + 1 < line.size() && is_plain(line[i + 1])) ++i;
          only_row_chars = false;
          continue;
        }
        const char c = line[i];
        if (c == '\\' && i + 1 < line.size() && is_ascii_punct(line[i + 1])) {
          count_markup(start + i);
          ++i;
          only_row_chars = false;
          continue;
        }
        switch (c) {
          case ' ':
          case '\t':
          case '\r':
          case ':':
          case '>':
          case '+':
          case '.':
          case ')':
          case '0':
          case '1':
          case '2':
          case '3':
          case '4':
          case '5':
          case '6':
          case '7':
          case '8':
          case '9':
            break;
          case '-':
            dash = true;
            break;
          case '|':
            if (first == npos) first = i;
            last = i;
            ++pipes;
            count_markup(start + i);
            break;
          case '*':
            ++stars;
            count_markup(start + i);
            break;
          case '_':
            ++underscores;
            only_row_chars = false;
            count_markup(start + i);
            break;
          case '~':
            ++tildes;
            only_row_chars = false;
            count_markup(start + i);
            break;
          case '[':
            ++opens;
            if (++open > limits.max_open_brackets && scan.bracket == npos) scan.bracket = start + i;
            only_row_chars = false;
            count_markup(start + i);
            break;
          case ']':
            ++closes;
            ++scan.closing_brackets;
            if (open > 0) --open;
            only_row_chars = false;
            count_markup(start + i);
            break;
          case '!':
          case '`':
          case '&':
          case '<':
          case '\\':
            only_row_chars = false;
            count_markup(start + i);
            break;
          default:
            only_row_chars = false;
            break;
        }
      }
      if (dash && pipes > 0 && only_row_chars) scan.delimiter_row = true;
      if (pipes > 0 && scan.wide_line == npos) {
        // A leading and a trailing pipe enclose the row's cells.
        std::size_t cells = pipes + 1;
        const std::size_t lead = line.find_first_not_of(" \t>");
        const std::size_t trail = line.find_last_not_of(" \t\r");
        if (lead == first) --cells;
        if (trail == last && last != first) --cells;
        if (cells > limits.max_table_columns) scan.wide_line = start;
      }
    }
    if (end < v.size()) count_markup(end);
    start = end + 1;
  }
  end_chunk(v.size());
  return scan;
}

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct IterDeleter {
  void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};

// Parses as the text converter does.
std::unique_ptr<cmark_node, NodeDeleter> parse(std::string_view text) {
  static const bool registered = [] {
    cmark_gfm_core_extensions_ensure_registered();
    return true;
  }();
  (void)registered;
  std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(CMARK_OPT_VALIDATE_UTF8));
  for (const char* name : {"strikethrough", "table"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
      cmark_parser_attach_syntax_extension(parser.get(), ext);
  }
  cmark_parser_feed(parser.get(), text.data(), text.size());
  return std::unique_ptr<cmark_node, NodeDeleter>(cmark_parser_finish(parser.get()));
}

bool is_block_container(cmark_node* n) {
  const cmark_node_type t = cmark_node_get_type(n);
  return t == CMARK_NODE_BLOCK_QUOTE || t == CMARK_NODE_ITEM;
}

bool is_inline_container(cmark_node* n) {
  switch (cmark_node_get_type(n)) {
    case CMARK_NODE_EMPH:
    case CMARK_NODE_STRONG:
    case CMARK_NODE_LINK:
    case CMARK_NODE_IMAGE:
      return true;
    default: {
      const char* type = cmark_node_get_type_string(n);
      return type && std::string_view(type) == "strikethrough";
    }
  }
}

// The first node that is more than `limit` deep in nodes of one kind, or
// null. The walk is iterative: the tree may be far deeper than the limit.
cmark_node* too_deep(cmark_node* doc, bool (*counts)(cmark_node*), std::size_t limit) {
  std::unique_ptr<cmark_iter, IterDeleter> it(cmark_iter_new(doc));
  std::size_t depth = 0;
  for (cmark_event_type ev; (ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it.get());
    if (!counts(n)) continue;
    if (ev == CMARK_EVENT_ENTER) {
      if (++depth > limit) return n;
    } else if (ev == CMARK_EVENT_EXIT) {
      --depth;
    }
  }
  return nullptr;
}

// The offset in `v` of a node's start: inline nodes are placed at the start
// of the nearest block that holds them.
std::size_t offset_of(std::string_view v, cmark_node* n) {
  while (n && (cmark_node_get_type(n) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_INLINE)
    n = cmark_node_parent(n);
  if (!n) return 0;
  const int line = cmark_node_get_start_line(n);
  const int column = cmark_node_get_start_column(n);
  std::size_t at = 0;
  for (int l = 1; l < line && at != npos; ++l) {
    at = v.find('\n', at);
    if (at != npos) ++at;
  }
  if (at == npos) return 0;
  return std::min(v.size(), at + static_cast<std::size_t>(std::max(column, 1) - 1));
}

// The text with everything that could make cmark-gfm slow, or hide block
// structure, turned into letters: inline delimiters, brackets, code fences,
// HTML and table pipes. The lines' leading container markers stay as they
// are, so the block quotes and list items it parses into nest at least as
// deep as the text's own, and it parses in linear time.
std::string block_skeleton(std::string_view v) {
  std::string out(v);
  std::size_t start = 0;
  while (start < out.size()) {
    std::size_t end = out.find('\n', start);
    if (end == npos) end = out.size();
    for (std::size_t i = start + prefix_length(std::string_view(out).substr(start, end - start));
         i < end; ++i) {
      if (std::string_view("*_~[]!`<&|\\").find(out[i]) != npos) out[i] = 'x';
    }
    start = end + 1;
  }
  return out;
}

}  // namespace

void ReportBudget::exhaust(Diagnostics& diags, const Location& loc) {
  exhausted_ = true;
  report(
      diags, loc,
      fmt::format("the report's text is more than {} bytes once printed", limits_.max_report_bytes),
      {{{},
        fmt::format("generated document lists, cross-references and link references repeat "
                    "text, and each text field counts at least {} bytes: list fewer "
                    "documents, refer to long titles less often, or split the report",
                    kMinCharge)}});
}

bool ReportBudget::fits(std::size_t bytes, const Location& loc, Diagnostics& diags) {
  if (exhausted_) return false;  // reported once, where it ran out
  if (printed_ + std::max(bytes, kMinCharge) <= limits_.max_report_bytes) return true;
  exhaust(diags, loc);
  return false;
}

bool ReportBudget::charge(std::size_t bytes, const Location& loc, Diagnostics& diags) {
  if (exhausted_) return false;
  printed_ += bytes;
  if (printed_ <= limits_.max_report_bytes) return true;
  exhaust(diags, loc);
  return false;
}

std::optional<std::size_t> check_field_size(const Text& text, const TextRefs& refs,
                                            const TextLimits& limits, Diagnostics& diags) {
  const std::string& v = text.value;
  if (v.size() > limits.max_field_bytes) {
    report(diags, text.loc,
           fmt::format("text is {} bytes, more than the limit of {} bytes", v.size(),
                       limits.max_field_bytes),
           {{{}, "split the text, or raise the limit with --max-field-size"}});
    return std::nullopt;
  }

  // A reference prints a title or a name, which may be long itself: a few
  // bytes of text can stand for megabytes of output.
  std::size_t printed = v.size();
  for (std::size_t i = 0; i < refs.tokens.size(); ++i) {
    const RefToken& tok = refs.tokens[i];
    const std::optional<ResolvedRef>& resolved = refs.resolved[i];
    if (!tok.error.empty()) continue;
    if (!resolved || resolved->text.size() <= tok.length) continue;
    printed += resolved->text.size() - tok.length;
    if (printed > limits.max_field_bytes) {
      report(diags, locate(diags.sources(), text, tok.offset),
             fmt::format("text is more than {} bytes once its cross-references are printed",
                         limits.max_field_bytes),
             {{{},
               fmt::format("'{}' prints {} bytes", v.substr(tok.offset, tok.length),
                           resolved->text.size())}});
      return std::nullopt;
    }
  }
  return printed;
}

bool check_inline_nesting(const Text& text, cmark_node* doc, const TextLimits& limits,
                          Diagnostics& diags) {
  cmark_node* deep = too_deep(doc, is_inline_container, limits.max_nesting);
  if (!deep) return true;
  report(diags, locate(diags.sources(), text, offset_of(text.value, deep)),
         fmt::format("emphasis, strikethrough and links nest more than {} levels deep",
                     limits.max_nesting),
         {{{}, "write '\\*', '\\_', '\\~' or '\\[' for a character that is text"}});
  return false;
}

bool check_inline_nesting(const Text& text, const TextLimits& limits, Diagnostics& diags) {
  auto doc = parse(text.value);
  return check_inline_nesting(text, doc.get(), limits, diags);
}

bool check_field_markup(const Text& text, const TextLimits& limits, Diagnostics& diags,
                        bool* inline_nesting) {
  const std::string& v = text.value;
  const SourceFiles& files = diags.sources();
  const LineScan scan = scan_lines(v, limits);
  // cmark-gfm copies a link reference's URL and title into every link that
  // uses it, before any limit of ours could see the result.
  if (scan.reference_span > 0 &&
      scan.closing_brackets * scan.reference_span > limits.max_field_bytes - v.size()) {
    report(diags, locate(files, text, scan.reference_line),
           fmt::format("text is more than {} bytes once its link references are printed",
                       limits.max_field_bytes),
           {{{}, "write links out in full: '[text](URL)'"}});
    return false;
  }
  bool ok = true;
  if (scan.bracket != npos) {
    report(
        diags, locate(files, text, scan.bracket),
        fmt::format("more than {} '[' are open at once in one paragraph", limits.max_open_brackets),
        {{{}, "write '\\[' for a bracket that opens no link"}});
    ok = false;
  }
  if (scan.delimiter_row && scan.wide_line != npos) {
    report(diags, locate(files, text, scan.wide_line),
           fmt::format("a Markdown table row has more than {} columns", limits.max_table_columns),
           {{{}, "write '\\|' for a '|' that separates no cells"}});
    ok = false;
  }
  if (!ok) return false;
  if (scan.markup != npos) {
    report(diags, locate(files, text, scan.markup),
           fmt::format("text has more than {} line breaks and Markdown punctuation characters",
                       limits.max_markup),
           {{{}, "split the text into several paragraphs or fields"}});
    return false;
  }

  // The scans only bound the nesting; a text that might go too deep is
  // parsed to measure it, blocks first on a skeleton that parses in linear
  // time whatever the text holds.
  if (scan.deep_line != npos) {
    auto doc = parse(block_skeleton(v));
    if (cmark_node* deep = too_deep(doc.get(), is_block_container, limits.max_nesting)) {
      report(diags, locate(files, text, offset_of(v, deep)),
             fmt::format("block quotes and list items nest more than {} levels deep",
                         limits.max_nesting),
             {{{}, "write '\\>', '\\-' or '\\*' for a character that starts no block"}});
      return false;
    }
  }
  if (scan.inline_bound > limits.max_nesting) {
    if (inline_nesting) {
      *inline_nesting = true;  // measured on the caller's parse
      return true;
    }
    return check_inline_nesting(text, limits, diags);
  }
  return true;
}

}  // namespace cwg
