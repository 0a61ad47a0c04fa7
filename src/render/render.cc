// The output format table and the helpers shared by the renderers: display
// width, wrapping, flattening, table layout and the line writer.
#include "render/render.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>

#include "cwgreport/render.h"

namespace cwg {

namespace {

constexpr std::array<OutputFormat, 3> formats = {{
    {"md", "md", render_markdown},
    {"html", "html", render_html},
    {"txt", "txt", render_text},
}};

}  // namespace

std::span<const OutputFormat> output_formats() { return formats; }

const OutputFormat* find_output_format(std::string_view name) {
  for (const OutputFormat& f : formats) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

namespace detail {

namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD

// Decodes the code point at the start of `s`. Returns the bytes it takes,
// or 0 when the bytes there are not well-formed UTF-8.
size_t decode(std::string_view s, utf8proc_int32_t& cp) {
  utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                                        static_cast<utf8proc_ssize_t>(s.size()), &cp);
  return n > 0 ? static_cast<size_t>(n) : 0;
}

bool is_control(utf8proc_int32_t cp) {
  if (cp == '\t' || cp == '\n') return false;
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

void rtrim(std::string& s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
}

void flatten_into(const tree::Inlines& inlines, std::string& out) {
  using Kind = tree::Inline::Kind;
  for (const tree::Inline& in : inlines) {
    switch (in.kind) {
      case Kind::text:
      case Kind::code:
      case Kind::xref:
        out += sanitize(in.text);
        break;
      case Kind::emph:
      case Kind::strong:
      case Kind::strike:
        flatten_into(in.children, out);
        break;
      case Kind::link: {
        std::string text;
        flatten_into(in.children, text);
        std::string url = sanitize(in.target);
        out += text;
        // A link whose text is its address ("https://itu.int", or an e-mail
        // address for "mailto:") would only print the address twice.
        if (text.empty()) {
          out += url;
        } else if (!url.empty() && url != text && url != "mailto:" + text) {
          out += " (" + url + ")";
        }
        break;
      }
      case Kind::footnote_ref:
        out += "[" + sanitize(in.text) + "]";
        break;
      case Kind::softbreak:
        out += ' ';
        break;
      case Kind::linebreak:
        out += '\n';
        break;
    }
  }
}

}  // namespace

std::string sanitize(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    // Printable ASCII, nearly all of a report, is copied a run at a time.
    std::size_t run = 0;
    while (run < text.size()) {
      const auto c = static_cast<unsigned char>(text[run]);
      if (c >= 0x7F || (c < 0x20 && c != '\t' && c != '\n')) break;
      ++run;
    }
    if (run > 0) {
      out.append(text.data(), run);
      text.remove_prefix(run);
      continue;
    }
    utf8proc_int32_t cp = 0;
    size_t n = decode(text, cp);
    if (n == 0) {
      out += replacement;
      text.remove_prefix(1);
      continue;
    }
    if (is_control(cp)) {
      out += replacement;
    } else {
      out += text.substr(0, n);
    }
    text.remove_prefix(n);
  }
  return out;
}

int display_width(std::string_view text) {
  int total = 0;
  int cluster = 0;  // width of the grapheme cluster being read
  utf8proc_int32_t prev = -1;
  utf8proc_int32_t state = 0;
  while (!text.empty()) {
    utf8proc_int32_t cp = 0;
    size_t n = decode(text, cp);
    if (n == 0) {
      total += cluster + 1;
      cluster = 0;
      prev = -1;
      state = 0;
      text.remove_prefix(1);
      continue;
    }
    if (prev < 0 || utf8proc_grapheme_break_stateful(prev, cp, &state)) {
      total += cluster;
      cluster = 0;
    }
    if (!is_control(cp) && cp != '\t' && cp != '\n') {
      cluster = std::max(cluster, std::max(0, utf8proc_charwidth(cp)));
    }
    prev = cp;
    text.remove_prefix(n);
  }
  return total + cluster;
}

std::string flatten(const tree::Inlines& inlines) {
  std::string out;
  flatten_into(inlines, out);
  return out;
}

std::string one_line(std::string_view text) {
  std::string out(text);
  std::replace(out.begin(), out.end(), '\n', ' ');
  std::replace(out.begin(), out.end(), '\t', ' ');
  return out;
}

std::vector<std::string> wrap(std::string_view text, int width, std::string_view first,
                              std::string_view rest) {
  std::vector<std::string> lines;
  const int rest_width = display_width(rest);
  for (;;) {
    size_t nl = text.find('\n');
    std::string_view segment = text.substr(0, nl);
    std::string line(lines.empty() ? first : rest);
    if (width <= 0) {
      line += segment;
    } else {
      int column = display_width(line);
      bool has_word = false;
      while (!segment.empty()) {
        size_t start = segment.find_first_not_of(" \t");
        if (start == std::string_view::npos) break;
        segment.remove_prefix(start);
        size_t end = segment.find_first_of(" \t");
        std::string_view word = segment.substr(0, end);
        segment.remove_prefix(word.size());
        int w = display_width(word);
        if (has_word && column + 1 + w > width) {
          lines.push_back(std::move(line));
          line = std::string(rest);
          column = rest_width;
          has_word = false;
        }
        if (has_word) {
          line += ' ';
          ++column;
        }
        line += word;
        column += w;
        has_word = true;
      }
    }
    lines.push_back(std::move(line));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

std::string pad(std::string_view text, int width, tree::Align align) {
  int fill = width - display_width(text);
  if (fill <= 0) return std::string(text);
  int before = 0;
  if (align == tree::Align::right) before = fill;
  if (align == tree::Align::center) before = fill / 2;
  std::string out(static_cast<size_t>(before), ' ');
  out += text;
  out.append(static_cast<size_t>(fill - before), ' ');
  return out;
}

std::vector<int> column_widths(const std::vector<std::vector<std::string>>& rows) {
  std::vector<int> widths;
  for (const auto& row : rows) {
    if (row.size() > widths.size()) widths.resize(row.size(), 0);
    for (size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], display_width(row[i]));
    }
  }
  return widths;
}

void LineWriter::line(std::string_view text) {
  for (;;) {
    size_t nl = text.find('\n');
    if (blank_pending_ && !out_.empty()) {
      out_ += blank_prefix();
      out_ += '\n';
    }
    blank_pending_ = false;
    std::string l = current_prefix();
    l += text.substr(0, nl);
    rtrim(l);
    out_ += l;
    out_ += '\n';
    for (Prefix& p : prefixes_) p.started = true;
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
}

void LineWriter::lines(const std::vector<std::string>& texts) {
  for (const std::string& t : texts) line(t);
}

void LineWriter::blank_line() { blank_pending_ = true; }

void LineWriter::push_prefix(std::string first, std::string rest) {
  prefixes_.push_back({std::move(first), std::move(rest), false});
}

void LineWriter::pop_prefix() {
  if (!prefixes_.empty()) prefixes_.pop_back();
}

std::string LineWriter::current_prefix() const {
  std::string s;
  for (const Prefix& p : prefixes_) s += p.started ? p.rest : p.first;
  return s;
}

std::string LineWriter::blank_prefix() const {
  std::string s;
  for (const Prefix& p : prefixes_) {
    if (!p.started) break;
    s += p.rest;
  }
  rtrim(s);
  return s;
}

std::string LineWriter::finish() const {
  std::string out = out_;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  out += '\n';
  return out;
}

}  // namespace detail
}  // namespace cwg
