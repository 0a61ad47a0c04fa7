// Text fields to report-tree inlines. Each cross-reference is swapped for a
// marker before cmark-gfm parses the text, so Markdown cannot split or
// reinterpret it, and the marker becomes an xref node.
#include "check/fields.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <memory>
#include <set>
#include <unordered_map>

#include "check/field_limits.h"
#include "lang/labels.h"
#include "lang/typography.h"
#include "text/code_point.h"
#include "text/report_text.h"

namespace cwg {

using text::is_noncharacter;
using text::report_text;

namespace {

// A marker is a run of Unicode noncharacters, which Unicode reserves for a
// program's internal use: U+FDD0, the marker's index in hexadecimal digits
// U+FDE0..U+FDEF, then U+FDD1. No source text can forge one: the reader
// rejects noncharacters, written or escaped, and the '&' of a character
// reference that would decode to one is itself put behind a marker
// (`numeric_reference`), so every noncharacter cmark-gfm hands back is ours.
// To cmark-gfm a marker reads as a word, as the reference's text would.
constexpr std::string_view kMarkerOpen = "\xEF\xB7\x90";   // U+FDD0
constexpr std::string_view kMarkerClose = "\xEF\xB7\x91";  // U+FDD1
constexpr unsigned char kDigitBase = 0xA0;                 // U+FDE0 is EF B7 A0

void append_marker(std::string& out, std::size_t index) {
  out += kMarkerOpen;
  int shift = 0;
  while (shift + 4 < static_cast<int>(sizeof index * 8) && (index >> (shift + 4)) != 0) shift += 4;
  for (; shift >= 0; shift -= 4) {
    out += "\xEF\xB7";
    out += static_cast<char>(kDigitBase + ((index >> shift) & 0xFu));
  }
  out += kMarkerClose;
}

// The marker starting at s[at] (which holds kMarkerOpen): its index and
// length, or nothing when the bytes there are not a whole marker.
std::optional<std::pair<std::size_t, std::size_t>> read_marker(std::string_view s, std::size_t at) {
  std::size_t i = at + kMarkerOpen.size();
  std::size_t index = 0;
  int digits = 0;
  while (i + 3 <= s.size() && s[i] == '\xEF' && s[i + 1] == '\xB7') {
    const auto b = static_cast<unsigned char>(s[i + 2]);
    if (b < kDigitBase || b > kDigitBase + 0xF) break;
    if (++digits > 15) return std::nullopt;
    index = (index << 4) | (b - kDigitBase);
    i += 3;
  }
  if (digits == 0 || s.substr(i, kMarkerClose.size()) != kMarkerClose) return std::nullopt;
  return std::pair{index, i + kMarkerClose.size() - at};
}

// Whether `text` holds a noncharacter. The reader lets none through; a text
// made some other way is sanitized first, so that it cannot forge a marker.
bool has_noncharacter(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    // Eight bytes at a time while all are ASCII, nearly all of a report.
    while (i + 8 <= text.size()) {
      std::uint64_t x;
      std::memcpy(&x, text.data() + i, 8);
      if ((x & 0x8080808080808080u) != 0) break;
      i += 8;
    }
    if (i == text.size()) break;
    const auto c = static_cast<unsigned char>(text[i]);
    // Every noncharacter's UTF-8 starts with one of these bytes.
    if (c != 0xEF && (c < 0xF0 || c > 0xF4)) continue;
    const text::Decoded d = text::decode(text.substr(i));
    if (d.size == 0) continue;
    if (is_noncharacter(d.code)) return true;
    i += d.size - 1;
  }
  return false;
}

// The length of the numeric character reference at v[at] ("&#64998;",
// "&#xFDD0;") when it names a noncharacter, else 0. cmark-gfm would decode
// it into one.
std::size_t numeric_reference(std::string_view v, std::size_t at) {
  std::size_t i = at + 1;
  if (i >= v.size() || v[i] != '#') return 0;
  ++i;
  const bool hex = i < v.size() && (v[i] == 'x' || v[i] == 'X');
  if (hex) ++i;
  const std::size_t start = i;
  char32_t cp = 0;
  while (i < v.size() && i - start < (hex ? 6u : 7u)) {
    const char c = v[i];
    unsigned d = 0;
    if (c >= '0' && c <= '9') {
      d = static_cast<unsigned>(c - '0');
    } else if (hex && c >= 'a' && c <= 'f') {
      d = static_cast<unsigned>(c - 'a' + 10);
    } else if (hex && c >= 'A' && c <= 'F') {
      d = static_cast<unsigned>(c - 'A' + 10);
    } else {
      break;
    }
    cp = cp * (hex ? 16 : 10) + d;
    ++i;
  }
  if (i == start || i >= v.size() || v[i] != ';' || cp > 0x10FFFF) return 0;
  return is_noncharacter(cp) ? i + 1 - at : 0;
}

// The bytes a converted text holds: what the renderers print from it.
std::size_t printed_bytes(const tree::Inlines& inlines);
std::size_t printed_bytes(const tree::Block& block);

std::size_t printed_bytes(const tree::Inlines& inlines) {
  std::size_t n = 0;
  for (const tree::Inline& in : inlines)
    n += in.text.size() + in.target.size() + printed_bytes(in.children);
  return n;
}

std::size_t printed_bytes(const tree::Block& block) {
  std::size_t n = block.number.size() + block.anchor.size() + printed_bytes(block.text);
  for (const tree::Block& child : block.children) n += printed_bytes(child);
  for (const tree::ListItem& item : block.items) {
    n += item.marker.size() + item.anchor.size() + printed_bytes(item.text);
    for (const tree::Block& child : item.children) n += printed_bytes(child);
  }
  n += printed_bytes(block.table.caption);
  for (const tree::Inlines& cell : block.table.header) n += printed_bytes(cell);
  for (const auto& row : block.table.rows)
    for (const tree::Inlines& cell : row) n += printed_bytes(cell);
  return n;
}

// Marks each run of inlines as written in `language`. The blocks of a text
// field nest as deep as its limits let them.
void mark_language(tree::Inlines& in, const std::string& language) {
  if (in.empty()) return;
  tree::Inline span{tree::Inline::Kind::foreign, language, {}, std::move(in)};
  in.clear();
  in.push_back(std::move(span));
}

void mark_language(tree::Block& block, const std::string& language) {
  mark_language(block.text, language);
  for (tree::Block& child : block.children) mark_language(child, language);
  for (tree::ListItem& item : block.items) {
    mark_language(item.text, language);
    for (tree::Block& child : item.children) mark_language(child, language);
  }
  mark_language(block.table.caption, language);
  for (tree::Inlines& cell : block.table.header) mark_language(cell, language);
  for (auto& row : block.table.rows)
    for (tree::Inlines& cell : row) mark_language(cell, language);
}

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};

// The node's text, which lives as long as the node.
std::string_view literal(cmark_node* n) {
  const char* s = cmark_node_get_literal(n);
  return s ? std::string_view(s) : std::string_view();
}

// Footnotes are numbered in the order their first mark is converted, which
// is print order: the fields are converted in that order. Each gets its
// anchor as it is numbered, "fn-N" unless a label took it.
class FootnoteNumbers {
 public:
  struct Mark {
    std::string number, anchor;
  };

  explicit FootnoteNumbers(Model& model) : model_(model) {}

  const Mark& mark(const std::string& id) {
    auto [it, fresh] = marks_.emplace(id, Mark());
    if (fresh) {
      order_.push_back(id);
      it->second.number = std::to_string(order_.size());
      it->second.anchor = model_.unique_anchor("fn-" + it->second.number);
    }
    return it->second;
  }
  const std::vector<std::string>& order() const { return order_; }

 private:
  Model& model_;
  std::unordered_map<std::string, Mark> marks_;
  std::vector<std::string> order_;
};

}  // namespace

class TextConverter {
 public:
  TextConverter(const Model& model, FootnoteNumbers& footnotes, Diagnostics& diags,
                const Text& text, const TextRefs& refs)
      : model_(model), footnotes_(footnotes), diags_(diags), text_(text), refs_(refs) {}

  // Parses the text, which has passed the limits, and converts it. Reports
  // the constructs a text field cannot hold. With `nesting`, first measures
  // how deep the text's inlines nest (check_field_markup left it to this
  // parse), and converts nothing when too deep.
  std::optional<FieldText> run(const TextLimits* nesting = nullptr) {
    // Markers read otherwise than the references they stand for (a '{' is
    // punctuation beside a '*', a marker is not): a text that will hold any
    // is measured as written, with a parse of its own, before its
    // references are numbered.
    if (nesting && (!refs_.tokens.empty() || text_.value.find("&#") != std::string::npos ||
                    has_noncharacter(text_.value))) {
      if (!check_inline_nesting(text_, *nesting, diags_)) return std::nullopt;
      nesting = nullptr;
    }
    std::string prepared = prepare();
    static const bool registered = [] {
      cmark_gfm_core_extensions_ensure_registered();
      return true;
    }();
    (void)registered;
    // Never CMARK_OPT_UNSAFE; always validate UTF-8 (invalid bytes would
    // otherwise truncate some renderers' output).
    std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(CMARK_OPT_VALIDATE_UTF8));
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension("strikethrough"))
      cmark_parser_attach_syntax_extension(parser.get(), ext);
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension("table"))
      cmark_parser_attach_syntax_extension(parser.get(), ext);
    cmark_parser_feed(parser.get(), prepared.data(), prepared.size());
    std::unique_ptr<cmark_node, NodeDeleter> doc(cmark_parser_finish(parser.get()));
    if (nesting && !check_inline_nesting(text_, doc.get(), *nesting, diags_)) return std::nullopt;

    FieldText out;
    bool first = true;
    for (cmark_node* b = cmark_node_first_child(doc.get()); b; b = cmark_node_next(b)) {
      if (first && cmark_node_get_type(b) == CMARK_NODE_PARAGRAPH) {
        out.first = inlines(b);
      } else if (auto block = convert_block(b)) {
        out.rest.push_back(std::move(*block));
      }
      first = false;
    }
    if (&text_language() != &model_.language) {
      mark_language(out.first, text_language());
      for (tree::Block& b : out.rest) mark_language(b, text_language());
    }
    return out;
  }

 private:
  // The text with each reference, and each '&' that would decode to a
  // noncharacter, replaced by a marker.
  std::string prepare() {
    // The reader lets no noncharacter through: only a text made some other
    // way is cleaned, and its references, moved, are found and resolved again.
    if (has_noncharacter(text_.value)) {
      cleaned_ = text::report_text(text_.value);
      cleaned_refs_.tokens = scan_refs(*cleaned_);
      for (const RefToken& tok : cleaned_refs_.tokens)
        cleaned_refs_.resolved.push_back(
            resolve_ref(model_, tok, nullptr, text_.loc, text_language()));
    }
    const std::string& v = cleaned_ ? *cleaned_ : text_.value;
    const TextRefs& refs = cleaned_ ? cleaned_refs_ : refs_;
    const std::vector<RefToken>& tokens = refs.tokens;
    std::string out;
    out.reserve(v.size());
    std::size_t pos = 0;
    auto next_ref = tokens.begin();
    // A backslash escapes the next character: an escaped '&' starts no
    // character reference, in text as in code.
    bool escaped = false;
    // The next '&' and '\\' at or after i, each found once.
    std::size_t amp = v.find('&'), backslash = v.find('\\');
    for (std::size_t i = 0; i < v.size(); ++i) {
      // A run before the next reference without '&' or '\\' is kept as it is.
      if (amp != std::string::npos && amp < i) amp = v.find('&', i);
      if (backslash != std::string::npos && backslash < i) backslash = v.find('\\', i);
      const std::size_t stop = std::min(
          {next_ref != tokens.end() ? next_ref->offset : v.size(), amp, backslash, v.size()});
      if (i < stop) {
        i = stop - 1;
        escaped = false;
        continue;
      }
      if (next_ref != tokens.end() && i == next_ref->offset) {
        out.append(v, pos, i - pos);
        add_ref(*next_ref, refs.resolved[static_cast<std::size_t>(next_ref - tokens.begin())], v,
                out);
        i += next_ref->length - 1;
        pos = i + 1;
        ++next_ref;
        escaped = false;
        continue;
      }
      if (v[i] == '&' && !escaped && numeric_reference(v, i) > 0) {
        out.append(v, pos, i - pos);
        markers_.push_back({{tree::Inline::Kind::text, "&", {}, {}}, "&"});
        append_marker(out, markers_.size() - 1);
        pos = i + 1;
      }
      escaped = v[i] == '\\' && !escaped;
    }
    out.append(v, pos, std::string::npos);
    return out;
  }

  void add_ref(const RefToken& tok, const std::optional<ResolvedRef>& resolved,
               const std::string& v, std::string& out) {
    std::string raw = v.substr(tok.offset, tok.length);
    tree::Inline node;
    if (resolved && resolved->footnote) {
      node.kind = tree::Inline::Kind::footnote_ref;
      const FootnoteNumbers::Mark& mark = footnotes_.mark(resolved->text);
      node.text = mark.number;
      node.target = mark.anchor;
    } else if (resolved && !resolved->target.empty()) {
      node.kind = tree::Inline::Kind::xref;
      node.text = report_text(resolved->text);
      node.target = resolved->target;
    } else {
      node.text = report_text(resolved ? resolved->text : raw);
    }
    markers_.push_back({std::move(node), std::move(raw)});
    append_marker(out, markers_.size() - 1);
  }

  // Splits literal text at markers into text and xref nodes.
  void add_text(tree::Inlines& out, std::string_view s) {
    std::size_t start = 0;
    for (std::size_t at = s.find(kMarkerOpen); at != std::string_view::npos;
         at = s.find(kMarkerOpen, at + 1)) {
      auto marker = read_marker(s, at);
      if (!marker || marker->first >= markers_.size()) continue;
      if (at > start) push_text(out, s.substr(start, at - start));
      const tree::Inline& node = markers_[marker->first].node;
      if (node.kind == tree::Inline::Kind::text)
        push_text(out, node.text);
      else
        out.push_back(node);
      start = at + marker->second;
      // "1 февраля 2019 г." at the end of a sentence: its full stop is the
      // sentence's.
      start += lang::absorbed_full_stop(node.text, s.substr(start));
      at = start - 1;
    }
    if (start < s.size()) push_text(out, s.substr(start));
  }

  void push_text(tree::Inlines& out, std::string_view s) const {
    if (out.empty() || out.back().kind != tree::Inline::Kind::text)
      out.push_back({tree::Inline::Kind::text, {}, {}, {}});
    std::string& text = out.back().text;
    std::size_t from = text.size();
    // The no-break spaces of the text's language ("Resolution 179", "23
    // janvier"). The text cmark-gfm hands back is nearly always fit as it is.
    const std::string& language = text_language();
    const lang::Labels& words = lang::labels(language);
    if (text::is_report_text(s))
      lang::append_no_break_spaces(text, s, words);
    else
      lang::append_no_break_spaces(text, text::report_text(s), words);
    // A French report's spaces before ": ; ! ?" and inside « », in the
    // writer's text as in the generated words; the spaces inside "10 480"
    // in every language but English.
    if (language != "en")
      text.replace(from, std::string::npos,
                   lang::language_typography(std::string_view(text).substr(from), language));
  }

  // The language the field is written in: the report's, or the original's
  // for a text its translation leaves out.
  const std::string& text_language() const { return language_of(model_, text_); }

  // Markers inside code or URLs print as the reference's text.
  std::string expand(std::string_view s) {
    tree::Inlines parts;
    add_text(parts, s);
    std::string out;
    for (const auto& p : parts) out += p.text;
    return out;
  }

  // The text as the source spells it: each marker back to what it replaced.
  std::string source_spelling(std::string_view s) const {
    std::string out;
    std::size_t start = 0;
    for (std::size_t at = s.find(kMarkerOpen); at != std::string_view::npos;
         at = s.find(kMarkerOpen, at + 1)) {
      auto marker = read_marker(s, at);
      if (!marker || marker->first >= markers_.size()) continue;
      out.append(s.substr(start, at - start));
      out += markers_[marker->first].source;
      start = at + marker->second;
      at = start - 1;
    }
    out.append(s.substr(start));
    return out;
  }

  tree::Inlines inlines(cmark_node* parent) {
    tree::Inlines out;
    for (cmark_node* n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
      using K = tree::Inline::Kind;
      switch (cmark_node_get_type(n)) {
        case CMARK_NODE_TEXT:
          add_text(out, literal(n));
          break;
        case CMARK_NODE_CODE:
          out.push_back({K::code, report_text(expand(literal(n))), {}, {}});
          break;
        case CMARK_NODE_SOFTBREAK:
          out.push_back({K::softbreak, {}, {}, {}});
          break;
        case CMARK_NODE_LINEBREAK:
          out.push_back({K::linebreak, {}, {}, {}});
          break;
        case CMARK_NODE_EMPH:
          out.push_back({K::emph, {}, {}, inlines(n)});
          break;
        case CMARK_NODE_STRONG:
          out.push_back({K::strong, {}, {}, inlines(n)});
          break;
        case CMARK_NODE_LINK: {
          const char* url = cmark_node_get_url(n);
          out.push_back({K::link, {}, report_text(expand(url ? url : "")), inlines(n)});
          break;
        }
        case CMARK_NODE_IMAGE:
          // Reports carry no images; the alternative text stands in.
          for (auto& child : inlines(n)) out.push_back(std::move(child));
          break;
        case CMARK_NODE_HTML_INLINE:
          // Printed as text, references and all.
          warn_html(literal(n));
          add_text(out, literal(n));
          break;
        default: {
          const char* type = cmark_node_get_type_string(n);
          if (type && std::string_view(type) == "strikethrough") {
            out.push_back({K::strike, {}, {}, inlines(n)});
          } else {
            for (auto& child : inlines(n)) out.push_back(std::move(child));
          }
        }
      }
    }
    // The inlines live until the report is printed, every paragraph's at
    // once: a vector grown by doubling holds up to twice what it needs.
    if (out.capacity() - out.size() > out.size() / 4) out.shrink_to_fit();
    return out;
  }

  void warn_html(std::string_view html) {
    if (warned_html_) return;
    warned_html_ = true;
    // The message quotes the first line only, shortened, as the source
    // spells it: a whole HTML block would break the one-line form of a
    // diagnostic.
    const std::string source = source_spelling(html);
    std::string_view first_line = std::string_view(source).substr(0, source.find('\n'));
    std::string shown(first_line.substr(0, 40));
    if (shown.size() < first_line.size()) shown += "...";
    diags_.report("raw-html", locate_in_text(diags_.sources(), text_, first_line, 0),
                  fmt::format("raw HTML '{}' is printed as text", shown),
                  {{{}, "use Markdown, or write '\\<' for a literal '<'"}});
  }

  // The offending line of the text, found in the file, and the line itself
  // without its indentation.
  std::pair<Location, std::string_view> block_location(cmark_node* b) const {
    Location at = text_.loc;
    std::string_view token;
    if (int line = cmark_node_get_start_line(b); line > 0) {
      std::string_view rest = text_.value;
      for (int n = 1; n < line && rest.find('\n') != std::string_view::npos; ++n)
        rest.remove_prefix(rest.find('\n') + 1);
      token = rest.substr(0, rest.find('\n'));
      while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
      if (!token.empty()) at = locate_in_text(diags_.sources(), text_, token, 0);
      // A folded block (>-) joins the lines of the file into one line of
      // text, which the file does not hold: look for its start instead, the
      // marker and the word after it.
      std::size_t space = token.find(' ', token.find(' ') + 1);
      bool not_found = at.line == text_.loc.line && at.column == text_.loc.column;
      if (not_found && space != std::string_view::npos)
        at = locate_in_text(diags_.sources(), text_, token.substr(0, space), 0);
    }
    return {at, token};
  }

  std::optional<tree::Block> convert_block(cmark_node* b) {
    tree::Block block;
    switch (cmark_node_get_type(b)) {
      case CMARK_NODE_PARAGRAPH:
        block.kind = tree::Block::Kind::paragraph;
        block.text = inlines(b);
        return block;
      case CMARK_NODE_LIST: {
        // A list is written with 'list:', which has the report's styles
        // (a), i), -), labels for {para:...} and one form in every source;
        // '- ' lines in a text would be a second way, with none of these.
        // Usually the line was meant as text: '1) to engage ...'.
        auto [at, line] = block_location(b);
        std::size_t marker = line.find_first_not_of("0123456789");
        std::string escaped = marker == std::string_view::npos
                                  ? std::string("\\-")
                                  : std::string(line.substr(0, marker)) + "\\" + line[marker];
        diags_.report("markdown-block", at,
                      "a Markdown list cannot stand in a text field: write its items under "
                      "'list:'",
                      {{{},
                        fmt::format("a paragraph's list is its 'list:' key (see the format "
                                    "reference, Lists); if the line is text, write '{}'",
                                    escaped)}});
        return std::nullopt;
      }
      case CMARK_NODE_BLOCK_QUOTE:
        block.kind = tree::Block::Kind::quote;
        for (cmark_node* c = cmark_node_first_child(b); c; c = cmark_node_next(c))
          if (auto child = convert_block(c)) block.children.push_back(std::move(*child));
        return block;
      case CMARK_NODE_CODE_BLOCK: {
        // A report prints no code blocks. The indented kind is mostly an
        // accident: a continuation paragraph indented four spaces more
        // than the text, which printed in a monospace font as one line.
        int length = 0, offset = 0;
        char fence = 0;
        const bool fenced = cmark_node_get_fenced(b, &length, &offset, &fence) != 0;
        Location at = block_location(b).first;
        if (fenced)
          diags_.report("markdown-block", at, "a Markdown code block cannot stand in a text field",
                        {{{},
                          "a report prints no code blocks: write the lines as text, with "
                          "`backticks` around what must print as typed"}});
        else
          diags_.report("markdown-block", at,
                        "text that starts a paragraph four spaces in or more is read as a "
                        "Markdown code block",
                        {{{},
                          "remove the spaces before it (in a block, indent it as the text "
                          "above it); a report prints no code blocks"}});
        return std::nullopt;
      }
      case CMARK_NODE_HTML_BLOCK:
        warn_html(literal(b));
        block.kind = tree::Block::Kind::paragraph;
        add_text(block.text, literal(b));
        return block;
      default:
        break;
    }
    const char* type = cmark_node_get_type_string(b);
    if (type && std::string_view(type) == "table") return convert_table(b);
    std::string what = type ? type : "block";
    if (cmark_node_get_type(b) == CMARK_NODE_HEADING) what = "heading";
    if (cmark_node_get_type(b) == CMARK_NODE_THEMATIC_BREAK) what = "thematic break";
    Location at = block_location(b).first;
    diags_.report("markdown-block", at,
                  fmt::format("a Markdown {} cannot stand in a text field", what),
                  {{{},
                    "headings come from section files; escape a leading '#', '-' or '*' "
                    "with '\\' if it is text"}});
    return std::nullopt;
  }

  std::optional<tree::Block> convert_table(cmark_node* t) {
    tree::Block block;
    block.kind = tree::Block::Kind::table;
    uint16_t columns = cmark_gfm_extensions_get_table_columns(t);
    uint8_t* align = cmark_gfm_extensions_get_table_alignments(t);
    for (uint16_t i = 0; i < columns; ++i) {
      char a = align ? static_cast<char>(align[i]) : 0;
      block.table.align.push_back(a == 'l'   ? tree::Align::left
                                  : a == 'c' ? tree::Align::center
                                  : a == 'r' ? tree::Align::right
                                             : tree::Align::none);
    }
    for (cmark_node* row = cmark_node_first_child(t); row; row = cmark_node_next(row)) {
      std::vector<tree::Inlines> cells;
      for (cmark_node* cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell))
        cells.push_back(inlines(cell));
      cells.resize(columns);
      if (cmark_gfm_extensions_get_table_row_is_header(row))
        block.table.header = std::move(cells);
      else
        block.table.rows.push_back(std::move(cells));
    }
    return block;
  }

  const Model& model_;
  FootnoteNumbers& footnotes_;
  Diagnostics& diags_;
  const Text& text_;
  const TextRefs& refs_;
  // What each marker stands for, and the source text it replaced.
  struct Marker {
    tree::Inline node;
    std::string source;
  };
  std::vector<Marker> markers_;
  std::optional<std::string> cleaned_;  // the text, when it held noncharacters
  TextRefs cleaned_refs_;               // and its references
  bool warned_html_ = false;
};

namespace {

// One text field's way through the checks and the conversion, kept across
// its uses: a document's title is printed by every list that names it, and
// is checked, reported and converted once.
struct FieldState {
  bool sized = false;
  std::optional<std::size_t> printed;  // with its references printed; none: too big
  bool marked = false;
  bool markup_ok = false;
  bool inline_nesting = false;  // to measure on the converter's parse
  bool converted = false;
  std::size_t bytes = 0;  // what the conversion prints
  TextRefs refs;          // when the checker did not resolve them
};

// Walks the report in print order, as the builder will, converting each
// text field and charging each use against the report's budget.
class FieldPass {
 public:
  FieldPass(Model& model, const Sources& src, std::unordered_map<const Text*, TextRefs>& refs,
            const TextLimits& limits, Diagnostics& diags)
      : model_(model),
        src_(src),
        refs_(refs),
        budget_(limits),
        diags_(diags),
        footnotes_(model),
        titles_(src.documents.size()) {}

  void run() {
    model_.summary = convert(src_.summary);
    model_.action = convert(src_.action);
    for (const auto& r : src_.references) model_.reference_texts.push_back(convert_inline(r.text));
    sections(src_.preamble, model_.preamble);
    sections(src_.sections, model_.sections);
    sections(src_.annexes, model_.annexes);
    // Footnotes in the order of their first mark; a footnote's own text may
    // mark further footnotes, which join the end of the list.
    for (std::size_t i = 0; i < footnotes_.order().size(); ++i) {
      auto it = model_.footnotes.find(footnotes_.order()[i]);
      if (it == model_.footnotes.end()) continue;
      tree::Inlines text = convert_inline(it->second->text);
      const FootnoteNumbers::Mark& mark = footnotes_.mark(footnotes_.order()[i]);
      model_.notes.push_back({mark.number, mark.anchor, std::move(text)});
    }
  }

 private:
  // One use of a text field: the limits, the budget, then the conversion,
  // each done once for the field. Fills `out` and returns true when the
  // field prints.
  bool use(const Text& text, FieldState& f, FieldText& out) {
    if (!text.present) return false;
    const TextRefs* refs = &f.refs;
    if (auto it = refs_.find(&text); it != refs_.end()) {
      refs = &it->second;
    } else if (!f.sized) {
      f.refs.tokens = scan_refs(text.value);
      for (const RefToken& tok : f.refs.tokens)
        f.refs.resolved.push_back(
            resolve_ref(model_, tok, nullptr, text.loc, language_of(model_, text)));
    }
    if (!f.sized) {
      f.sized = true;
      f.printed = check_field_size(text, *refs, budget_.limits(), diags_);
    }
    if (!f.printed || !budget_.fits(*f.printed, text.loc, diags_)) return false;
    if (!f.marked) {
      f.marked = true;
      f.markup_ok = check_field_markup(text, budget_.limits(), diags_, &f.inline_nesting);
    }
    if (!f.markup_ok) return false;
    if (!f.converted) {
      f.converted = true;
      std::optional<FieldText> converted = TextConverter(model_, footnotes_, diags_, text, *refs)
                                               .run(f.inline_nesting ? &budget_.limits() : nullptr);
      if (!converted) {
        f.markup_ok = false;
        return false;
      }
      out = std::move(*converted);
      f.bytes = printed_bytes(out.first);
      for (const tree::Block& b : out.rest) f.bytes += printed_bytes(b);
    }
    // Charged as used, so that nothing the report prints escapes its budget.
    return budget_.charge(std::max(f.bytes, kMinCharge), text.loc, diags_);
  }

  // A field used once: its references are no longer needed after it, and
  // are let go, so that they and the converted texts are not all held at once.
  FieldText convert(const Text& text) {
    FieldState f;
    FieldText out;
    const bool printed = use(text, f, out);
    refs_.erase(&text);
    if (!printed) return {};
    return out;
  }

  // For one-line fields (headings, references): everything as inlines.
  tree::Inlines as_inlines(const Text& text, FieldText t) {
    tree::Inlines out = std::move(t.first);
    for (auto& b : t.rest) {
      if (b.kind != tree::Block::Kind::paragraph) {
        diags_.report("markdown-block", text.loc, "this field holds one line of text, not blocks");
        break;
      }
      out.push_back({tree::Inline::Kind::softbreak, {}, {}, {}});
      for (auto& i : b.text) out.push_back(std::move(i));
    }
    return out;
  }

  tree::Inlines convert_inline(const Text& text) { return as_inlines(text, convert(text)); }

  void sections(const std::vector<Section>& in, std::vector<SectionInfo>& out) {
    for (std::size_t i = 0; i < in.size() && i < out.size(); ++i) {
      const Section& s = in[i];
      SectionInfo& info = out[i];
      info.heading = convert_inline(s.heading);
      for (std::size_t j = 0; j < s.paragraphs.size() && j < info.paragraphs.size(); ++j)
        paragraph(s.paragraphs[j], info.paragraphs[j]);
    }
  }

  void paragraph(const Paragraph& p, ParagraphInfo& info) {
    info.text = convert(p.text);
    for (const auto& q : p.quote) {
      QuoteInfo& quote = info.quotes.emplace_back();
      quote.source = convert_inline(q.source);
      for (const auto& qp : q.paragraphs) {
        QuoteInfo::Paragraph& para = quote.paragraphs.emplace_back();
        para.elision = qp.elision;
        if (qp.elision) continue;
        para.number = qp.number.value;
        para.text = convert(qp.text);
      }
    }
    for (const auto& t : p.table) {
      TableInfo& table = info.tables.emplace_back();
      table.caption = convert_inline(t.caption);
      for (std::size_t i = 0; i < t.columns.size(); ++i) {
        table.columns.push_back(convert_inline(t.columns[i]));
        table.align.push_back(i < t.align.size() ? t.align[i].value : "");
      }
      table.rows.reserve(t.rows.size());
      for (const auto& row : t.rows) {
        std::vector<tree::Inlines>& cells = table.rows.emplace_back();
        cells.reserve(row.size());
        for (const auto& c : row) cells.push_back(convert_inline(c));
      }
    }
    for (const auto& l : p.list) info.lists.push_back(list(l));
    for (const auto& dl : p.documents) info.document_lists.push_back(document_list(dl));
  }

  ListInfo list(const List& l) {
    ListInfo out;
    out.style = l.style.value;
    out.items.reserve(l.items.size());
    for (std::size_t i = 0; i < l.items.size(); ++i) {
      const ListItem& item = l.items[i];
      ListInfo::Item& li = out.items.emplace_back();
      li.marker = list_marker(l.style.value, i);
      if (item.label.present) li.anchor = item.label.value;
      li.text = convert(item.text);
      for (const auto& sub : item.list) li.lists.push_back(list(sub));
    }
    return out;
  }

  // "· CWG-COP-14/2: Update on ...": the builder prints the symbol, a colon,
  // a no-break space and the title, which is converted at its first use.
  ListedDocument document_item(std::size_t idx, const Location& list) {
    DocumentInfo& info = model_.documents[idx];
    ListedDocument out{idx, !info.anchor.empty() && anchored_.insert(idx).second};
    // The title's use charges the title; the rest of the line is charged here.
    budget_.charge(list_marker("bullet", 0).size() + (out.anchored ? info.anchor.size() : 0) +
                       text::report_text(info.symbol + ":\u00A0").size(),
                   list, diags_);
    const Text& title = src_.documents[idx].title;
    FieldState& f = titles_[idx];
    const bool first = !f.converted;
    FieldText converted;
    if (use(title, f, converted) && first) info.title = as_inlines(title, std::move(converted));
    return out;
  }

  std::vector<ListedDocument> document_list(const DocumentList& dl) {
    std::vector<ListedDocument> out;
    for (const auto& key : dl.keys) {
      // Once the report has printed all the text limits allow (an error is
      // reported), listing more would only spend time and memory.
      if (budget_.exhausted()) break;
      if (auto idx = model_.find_document(key.value)) out.push_back(document_item(*idx, dl.loc));
    }
    for (std::size_t i = 0; i < src_.documents.size() && i < model_.documents.size(); ++i) {
      if (budget_.exhausted()) break;
      if (model_.documents[i].key.empty()) continue;
      if (dl.meeting.present && model_.documents[i].meeting != dl.meeting.value) continue;
      for (const auto& k : dl.kinds)
        if (src_.documents[i].kind.value == k.value) out.push_back(document_item(i, dl.loc));
    }
    return out;
  }

  Model& model_;
  const Sources& src_;
  std::unordered_map<const Text*, TextRefs>& refs_;
  ReportBudget budget_;
  Diagnostics& diags_;
  FootnoteNumbers footnotes_;
  std::vector<FieldState> titles_;  // of the documents, by index
  std::set<std::size_t> anchored_;
};

}  // namespace

void convert_fields(Model& model, const Sources& src,
                    std::unordered_map<const Text*, TextRefs>& refs, const TextLimits& limits,
                    Diagnostics& diags) {
  FieldPass(model, src, refs, limits, diags).run();
}

}  // namespace cwg
