// The output format table and the helpers shared by the renderers: wrapping,
// flattening, table layout and the line writer.
#include "render/render.h"

#include <cmark-gfm.h>
#include <cmark-gfm/buffer.h>
#include <cmark-gfm/houdini.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "cwgreport/render.h"
#include "text/code_point.h"
#include "text/report_text.h"
#include "text/width.h"

namespace cwg {

using text::display_width;
using text::is_ascii_control;
using text::report_text;

namespace {

constexpr std::array<OutputFormat, 4> formats = {{
    {"md", "md", render_markdown},
    {"html", "html", render_html},
    {"txt", "txt", render_text},
    {"docx", "docx", render_docx, false},
}};

}  // namespace

std::span<const OutputFormat> output_formats() { return formats; }

namespace {

class StringSink : public OutputSink {
 public:
  void write(std::string_view bytes) override { text += bytes; }
  std::string text;
};

std::string render_to_string(void (*write)(const tree::Report&, const RenderOptions&, OutputSink&),
                             const tree::Report& report, const RenderOptions& opts) {
  StringSink sink;
  write(report, opts, sink);
  return std::move(sink.text);
}

}  // namespace

std::string OutputFormat::render(const tree::Report& report, const RenderOptions& opts) const {
  return render_to_string(write, report, opts);
}

std::string render_text(const tree::Report& report, const RenderOptions& opts) {
  return render_to_string(render_text, report, opts);
}

std::string render_markdown(const tree::Report& report, const RenderOptions& opts) {
  return render_to_string(render_markdown, report, opts);
}

std::string render_html(const tree::Report& report, const RenderOptions& opts) {
  return render_to_string(render_html, report, opts);
}

std::string render_docx(const tree::Report& report, const RenderOptions& opts) {
  return render_to_string(render_docx, report, opts);
}

const OutputFormat* find_output_format(std::string_view name) {
  for (const OutputFormat& f : formats) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

namespace detail {

namespace {

void rtrim(std::string& s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
}

void flatten_into(const tree::Inlines& inlines, std::string& out, std::string_view language) {
  using Kind = tree::Inline::Kind;
  for (const tree::Inline& in : inlines) {
    switch (in.kind) {
      case Kind::text:
      case Kind::code:
      case Kind::xref:
        text::append_report_text(out, in.text);
        break;
      case Kind::emph:
      case Kind::strong:
      case Kind::strike:
        flatten_into(in.children, out, language);
        break;
      case Kind::foreign: {
        const std::string tag = language.empty() ? std::string() : language_tag(in.text);
        const bool isolate = !tag.empty() && right_to_left(tag) != right_to_left(language);
        if (isolate) out += right_to_left(tag) ? kRightToLeftIsolate : kLeftToRightIsolate;
        flatten_into(in.children, out, language);
        if (isolate) out += kPopIsolate;
        break;
      }
      case Kind::link: {
        std::string text;
        flatten_into(in.children, text, language);
        std::string url = report_text(in.target);
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
        out += "[" + report_text(in.text) + "]";
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

namespace {

// The bytes houdini_escape_html0 replaces when not in its "secure" mode, and
// by what: cmark-gfm's own HTML renderer writes the same.
std::string_view html_reference(char c) {
  switch (c) {
    case '"':
      return "&quot;";
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    default:
      return {};
  }
}

// Whether any of the eight bytes in `x` is one that html_reference replaces.
bool has_html_special(std::uint64_t x) {
  constexpr std::uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
  const auto has_zero = [](std::uint64_t v) { return ((v - ones) & ~v & highs) != 0; };
  return has_zero(x ^ (ones * '"')) || has_zero(x ^ (ones * '&')) || has_zero(x ^ (ones * '<')) ||
         has_zero(x ^ (ones * '>'));
}

void append_escaped_fit(std::string& out, std::string_view s) {
  std::size_t copied = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    // Eight bytes at a time while none is to be replaced.
    while (i + 8 <= s.size()) {
      std::uint64_t x;
      std::memcpy(&x, s.data() + i, 8);
      if (has_html_special(x)) break;
      i += 8;
    }
    if (i == s.size()) break;
    const std::string_view ref = html_reference(s[i]);
    if (ref.empty()) continue;
    out.append(s.data() + copied, i - copied);
    out += ref;
    copied = i + 1;
  }
  out.append(s.data() + copied, s.size() - copied);
}

}  // namespace

void append_escaped_html(std::string& out, std::string_view text) {
  // The tree's text is fit already; a tree made otherwise is cleaned here.
  if (text::is_html_text(text))
    append_escaped_fit(out, text);
  else
    append_escaped_fit(out, text::html_text(text));
}

std::string escape_markup(std::string_view text, Escape how) {
  if (how == Escape::html) {
    std::string out;
    append_escaped_html(out, text);
    return out;
  }
  // The tree's text is fit already; a tree made otherwise is cleaned here.
  std::string cleaned;
  if (!text::is_html_text(text)) cleaned = text::html_text(text);
  const std::string_view s = cleaned.empty() ? text : cleaned;
  // bufsize_t is 32-bit: feed long strings in pieces. The escape works
  // byte by byte, so splitting anywhere is harmless.
  static constexpr size_t chunk = size_t{1} << 28;
  std::string out;
  cmark_strbuf buf;
  cmark_strbuf_init(cmark_get_default_mem_allocator(), &buf, 0);
  for (size_t at = 0; at < s.size(); at += chunk) {
    size_t len = std::min(chunk, s.size() - at);
    const auto* src = reinterpret_cast<const uint8_t*>(s.data() + at);
    houdini_escape_href(&buf, src, static_cast<bufsize_t>(len));
    out.append(reinterpret_cast<const char*>(buf.ptr), static_cast<size_t>(buf.size));
    cmark_strbuf_clear(&buf);
  }
  cmark_strbuf_free(&buf);
  return out;
}

void walk_report(const tree::Report& r, ReportParts& parts) {
  parts.cover_and_title(r);
  parts.begin_body();
  parts.box(r);
  if (!r.contents.empty()) parts.contents(r);
  if (!r.preamble.empty()) parts.preamble(r.preamble);
  for (std::size_t i = 0; i < r.sections.size(); ++i) parts.section(r.sections[i], i);
  parts.signature(r.signature);
  parts.signatures(r.signatures);
  for (std::size_t i = 0; i < r.annexes.size(); ++i) parts.annex(r.annexes[i], i);
  parts.end_body();
  parts.footnotes(r.footnotes);
}

std::string flatten(const tree::Inlines& inlines, std::string_view isolate_in) {
  std::string out;
  flatten_into(inlines, out, isolate_in);
  return out;
}

tree::Inlines contents_heading(const tree::ContentsEntry& entry) {
  tree::Inline text{tree::Inline::Kind::text, entry.heading, {}, {}};
  if (entry.language.empty()) return {std::move(text)};
  return {tree::Inline{tree::Inline::Kind::foreign, entry.language, {}, {std::move(text)}}};
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
    if (blank_pending_ && written() > 0) {
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
  if (out_.size() >= chunk_bytes_) {
    // Line feeds at the end stay: finish() may drop them.
    size_t keep = out_.find_last_not_of('\n') + 1;
    if (keep == 0) return;
    sink_.write(std::string_view(out_).substr(0, keep));
    passed_ += keep;
    out_.erase(0, keep);
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

void LineWriter::finish() {
  while (!out_.empty() && out_.back() == '\n') out_.pop_back();
  out_ += '\n';
  sink_.write(out_);
  passed_ += out_.size();
  out_.clear();
}

// ---------------------------------------------------------------------------
// Link targets

// Decides on the string a browser would see: it drops tabs and line ends
// anywhere and spaces at both ends before looking for the scheme. Anything
// with a scheme outside the allow-list is unsafe, and so is anything holding
// another control character, wherever it is.
namespace {

char lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

UrlKind classify_url_once(std::string_view raw) {
  std::string url;
  for (char c : raw)
    if (c != '\t' && c != '\n' && c != '\r') url += c;
  std::string_view u = url;
  while (!u.empty() && u.front() == ' ') u.remove_prefix(1);
  while (!u.empty() && u.back() == ' ') u.remove_suffix(1);
  if (u.empty()) return UrlKind::unsafe;
  for (char c : u) {
    if (is_ascii_control(static_cast<unsigned char>(c))) return UrlKind::unsafe;
  }

  size_t end = u.find_first_of(":/?#\\");
  if (end != std::string_view::npos && u[end] == ':') {
    std::string scheme;
    for (char c : u.substr(0, end)) scheme += lower_ascii(c);
    if (scheme == "http" || scheme == "https" || scheme == "mailto") return UrlKind::absolute;
    return UrlKind::unsafe;
  }
  // A fragment stays in the report. Any other reference without a scheme
  // ("evil.html", "/x", "//host", "?q") would resolve against wherever the
  // report is published, which its sources cannot know: text.
  return u.front() == '#' ? UrlKind::local : UrlKind::unsafe;
}

}  // namespace

// Also judges the target with HTML character references decoded, so that a
// target that some later step decodes again ("javascript&colon;...") can
// never turn into a script link.
UrlKind classify_url(std::string_view raw) {
  UrlKind kind = classify_url_once(raw);
  if (kind == UrlKind::unsafe || raw.find('&') == std::string_view::npos) return kind;
  cmark_strbuf buf;
  cmark_strbuf_init(cmark_get_default_mem_allocator(), &buf, 0);
  bool changed = raw.size() < (size_t{1} << 30) &&
                 houdini_unescape_html(&buf, reinterpret_cast<const uint8_t*>(raw.data()),
                                       static_cast<bufsize_t>(raw.size())) != 0;
  std::string decoded =
      changed ? std::string(reinterpret_cast<const char*>(buf.ptr), static_cast<size_t>(buf.size))
              : std::string();
  cmark_strbuf_free(&buf);
  if (changed && classify_url_once(decoded) == UrlKind::unsafe) return UrlKind::unsafe;
  return kind;
}

std::string_view trim(std::string_view text) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

std::string language_tag(std::string_view language) {
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  const std::string_view lang = trim(language);
  bool ok = !lang.empty() && alpha(lang.front());
  std::size_t part = 0;
  for (char c : lang) {
    if (c == '-') {
      ok = ok && part > 0;
      part = 0;
    } else {
      ok = ok && (alpha(c) || (c >= '0' && c <= '9')) && ++part <= 8;
    }
  }
  return ok && part > 0 ? std::string(lang) : std::string();
}

bool right_to_left(std::string_view language) {
  std::string_view primary = language.substr(0, language.find('-'));
  for (std::string_view rtl : {"ar", "he", "fa", "ur", "ps", "yi", "dv", "sd", "ug", "ckb"})
    if (primary == rtl) return true;
  return false;
}

}  // namespace detail
}  // namespace cwg
