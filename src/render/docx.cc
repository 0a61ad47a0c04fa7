// The DOCX renderer: a WordprocessingML document laid out like an ITU
// document (A4, Calibri 12 pt, the cover as a two-column table, the box
// under the title in a frame, numbers hanging in a 1.5 cm column, a running
// header from page 2), written by this code and put in its zip container by
// libzip. The XML is escaped by the same routine as the HTML; every word
// printed comes from the report tree.
#include <utf8proc.h>
#include <zip.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "cwgreport/render.h"
#include "render/render.h"
#include "text/report_text.h"
#include "text/width.h"

namespace cwg {
namespace {

using detail::trim;
using tree::Align;
using tree::Block;
using tree::Inline;
using tree::Inlines;
using tree::ListItem;
using tree::ListStyle;
using tree::Report;
using tree::Section;

// Lengths in twentieths of a point (twips): 567 to the centimetre.
constexpr int kPageWidth = 11906;  // A4
constexpr int kPageHeight = 16838;
constexpr int kMarginTop = 1418;   // 2.5 cm: room for the running header
constexpr int kMarginSide = 1134;  // 2 cm, as the HTML prints
constexpr int kMarginBottom = 1134;
constexpr int kHeaderDistance = 567;
constexpr int kTextWidth = kPageWidth - 2 * kMarginSide;
constexpr int kNumberColumn = 851;     // 1.5 cm: where the text after a number starts
constexpr int kContentsColumn = 1134;  // 2 cm: the same in the table of contents
constexpr int kMarkerColumn = 567;     // 1 cm: a list marker's column
constexpr int kFootnoteColumn = 454;   // 0.8 cm

// Word shows nine levels of list; deeper lists keep the ninth's numbering.
constexpr int kListLevels = 9;

const std::string_view kNsW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const std::string_view kNsR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const std::string_view kXmlDecl = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

std::string esc(std::string_view s) { return detail::escape_markup(s); }

// The namespace declarations of a part's root element.
std::string root(std::string_view name) {
  return std::string(kXmlDecl) + "<" + std::string(name) + " xmlns:w=\"" + std::string(kNsW) +
         "\" xmlns:r=\"" + std::string(kNsR) + "\">";
}

// ---------------------------------------------------------------------------
// Bookmarks: a cross-reference is an internal hyperlink to a bookmark named
// after the label it refers to. Word allows letters, digits and "_" in a
// name of at most 40 characters, starting with a letter; a name that must
// be shortened or that is taken gets a number instead of its end.

class Bookmarks {
 public:
  void add(const std::string& anchor) {
    if (anchor.empty()) return;
    auto [it, fresh] = entries_.try_emplace(anchor);
    if (!fresh) return;
    std::string base;
    base.reserve(anchor.size() + 1);
    for (char c : anchor) {
      bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      base += keep ? c : '_';
    }
    if (!((base[0] >= 'a' && base[0] <= 'z') || (base[0] >= 'A' && base[0] <= 'Z')))
      base.insert(0, "x");
    std::string name = base;
    if (name.size() > kMaxName || !used_.insert(name).second) {
      base.resize(std::min(base.size(), kMaxName - 8));
      for (std::size_t n = 1;; ++n) {
        name = base + "_" + std::to_string(n);
        if (used_.insert(name).second) break;
      }
    }
    it->second.name = std::move(name);
  }

  // The bookmark of `anchor`, or nullptr if the report has none.
  const std::string* find(const std::string& anchor) const {
    auto it = entries_.find(anchor);
    return it == entries_.end() ? nullptr : &it->second.name;
  }

  // The XML that places the bookmark of `anchor` around what follows, once
  // in the document; `end` receives its closing tag.
  std::string start(const std::string& anchor, std::string& end) {
    auto it = entries_.find(anchor);
    if (it == entries_.end() || it->second.placed) return {};
    it->second.placed = true;
    std::string id = std::to_string(next_id_++);
    end += "<w:bookmarkEnd w:id=\"" + id + "\"/>";
    return "<w:bookmarkStart w:id=\"" + id + "\" w:name=\"" + it->second.name + "\"/>";
  }

 private:
  static constexpr std::size_t kMaxName = 40;
  struct Entry {
    std::string name;
    bool placed = false;
  };
  std::unordered_map<std::string, Entry> entries_;  // anchor -> its bookmark
  std::unordered_set<std::string> used_;            // the names given
  int next_id_ = 0;
};

// ---------------------------------------------------------------------------
// A part's relationships (document.xml.rels, footnotes.xml.rels): the
// external links, one per address.

class Relationships {
 public:
  explicit Relationships(int first) : next_(first) {}

  const std::string& link(std::string_view url) {
    auto it = ids_.find(std::string(url));
    if (it != ids_.end()) return it->second;
    std::string id = "rId" + std::to_string(next_++);
    xml_ += "<Relationship Id=\"" + id +
            "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
            "hyperlink\" Target=\"" +
            detail::escape_markup(url, detail::Escape::href) + "\" TargetMode=\"External\"/>";
    return ids_.emplace(std::string(url), std::move(id)).first->second;
  }

  const std::string& xml() const { return xml_; }

 private:
  int next_;
  std::map<std::string, std::string> ids_;
  std::string xml_;
};

// ---------------------------------------------------------------------------
// Numbering: one abstract numbering per list style, and one instance per
// list so that each list starts again at a), i) or 1).

struct ListFormat {
  std::string_view num_fmt;  // bullet, lowerLetter, lowerRoman, decimal
  bool ordered;
};

ListFormat list_format(ListStyle style) {
  switch (style) {
    case ListStyle::bullet:
    case ListStyle::dash:
      return {"bullet", false};
    case ListStyle::alpha:
      return {"lowerLetter", true};
    case ListStyle::roman:
      return {"lowerRoman", true};
    case ListStyle::number:
      return {"decimal", true};
  }
  return {"bullet", false};
}

// The suffix of an ordered marker ("a)" -> ")"); the marker of a bullet.
std::string marker_text(std::string_view marker, bool ordered) {
  marker = trim(marker);
  if (!ordered) return std::string(marker);
  std::size_t i = 0;
  while (i < marker.size() &&
         ((marker[i] >= '0' && marker[i] <= '9') || (marker[i] >= 'a' && marker[i] <= 'z')))
    ++i;
  return "%1" + std::string(marker.substr(i));
}

// Word's letters go a..z, aa, bb, cc; the report's go on aa, ab: a longer
// alphabetic list prints its own markers.
bool word_numbers_match(const Block& list) {
  return list.style != ListStyle::alpha || list.items.size() <= 27;
}

class Numbering {
 public:
  // A new instance of the numbering of `list`: its w:numId.
  int instance(const Block& list) {
    ListFormat f = list_format(list.style);
    std::string text =
        list.items.empty() ? std::string() : marker_text(list.items[0].marker, f.ordered);
    std::string key = std::string(f.num_fmt) + '\n' + text;
    auto it = abstract_.find(key);
    int abstract_id = 0;
    if (it == abstract_.end()) {
      abstract_id = static_cast<int>(abstract_.size());
      abstract_.emplace(key, abstract_id);
      abstract_xml_ += "<w:abstractNum w:abstractNumId=\"" + std::to_string(abstract_id) +
                       "\"><w:multiLevelType w:val=\"multilevel\"/>";
      for (int level = 0; level < kListLevels; ++level) {
        // %1 names the level's own counter: on level 3 it is %4.
        std::string lvl_text = text;
        if (f.ordered) lvl_text.replace(0, 2, "%" + std::to_string(level + 1));
        int left = kMarkerColumn * (level + 1);
        abstract_xml_ += "<w:lvl w:ilvl=\"" + std::to_string(level) +
                         "\"><w:start w:val=\"1\"/><w:numFmt w:val=\"" + std::string(f.num_fmt) +
                         "\"/><w:lvlText w:val=\"" + esc(lvl_text) +
                         "\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"" +
                         std::to_string(left) + "\" w:hanging=\"" + std::to_string(kMarkerColumn) +
                         "\"/></w:pPr>";
        if (!f.ordered)
          abstract_xml_ += "<w:rPr><w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\"/></w:rPr>";
        abstract_xml_ += "</w:lvl>";
      }
      abstract_xml_ += "</w:abstractNum>";
    } else {
      abstract_id = it->second;
    }
    int id = ++count_;
    num_xml_ += "<w:num w:numId=\"" + std::to_string(id) + "\"><w:abstractNumId w:val=\"" +
                std::to_string(abstract_id) + "\"/>";
    // Restarts every level, so that each list counts from its first item.
    for (int level = 0; level < kListLevels && f.ordered; ++level)
      num_xml_ += "<w:lvlOverride w:ilvl=\"" + std::to_string(level) +
                  "\"><w:startOverride w:val=\"1\"/></w:lvlOverride>";
    num_xml_ += "</w:num>";
    return id;
  }

  std::string xml() const {
    return root("w:numbering") + abstract_xml_ + num_xml_ + "</w:numbering>";
  }

 private:
  std::map<std::string, int> abstract_;
  std::string abstract_xml_;
  std::string num_xml_;
  int count_ = 0;
};

// ---------------------------------------------------------------------------
// Runs

// The character formatting of a run, from the inlines around it.
struct RunStyle {
  bool bold = false;
  bool italic = false;
  bool strike = false;
  bool code = false;
  bool superscript = false;
  std::string_view style;     // a character style, or empty
  std::string_view language;  // another language than the report's, or empty
};

// A language's attributes of w:lang. Word keeps three languages on a run:
// w:val for Latin text, w:eastAsia for Chinese, Japanese and Korean
// characters, w:bidi for right-to-left scripts; a language tagged only in
// w:val leaves Chinese characters in the language of the reader's Word.
std::string lang_attributes(std::string_view language) {
  const std::string code = esc(language);
  std::string out = " w:val=\"" + code + "\"";
  const std::string_view primary = language.substr(0, language.find('-'));
  if (primary == "zh" || primary == "ja" || primary == "ko") out += " w:eastAsia=\"" + code + "\"";
  if (detail::right_to_left(language)) out += " w:bidi=\"" + code + "\"";
  return out;
}

std::string run_properties(const RunStyle& s) {
  std::string p;
  if (!s.style.empty()) p += "<w:rStyle w:val=\"" + std::string(s.style) + "\"/>";
  if (s.code) p += "<w:rFonts w:ascii=\"Courier New\" w:hAnsi=\"Courier New\"/>";
  if (s.bold) p += "<w:b/>";
  if (s.italic) p += "<w:i/>";
  if (s.strike) p += "<w:strike/>";
  if (s.superscript) p += "<w:vertAlign w:val=\"superscript\"/>";
  if (!s.language.empty()) p += "<w:lang" + lang_attributes(s.language) + "/>";
  return p.empty() ? p : "<w:rPr>" + p + "</w:rPr>";
}

// Whether `text` is printable ASCII with nothing to escape or to replace,
// as most of a report is: then it is copied as it is.
bool plain_text(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    auto b = static_cast<unsigned char>(c);
    return b >= 0x20 && b < 0x7F && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'';
  });
}

// A text element: its spaces at either end are kept only when it says so.
std::string_view text_open(std::string_view text) {
  bool edge = text.front() == ' ' || text.back() == ' ';
  return edge ? "<w:t xml:space=\"preserve\">" : "<w:t>";
}

// Whether `text` holds a right-to-left letter (Arabic, Hebrew, ...).
bool has_rtl_letter(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    utf8proc_int32_t c = 0;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                              static_cast<utf8proc_ssize_t>(text.size() - i), &c);
    if (n <= 0) return false;
    int bidi = utf8proc_get_property(c)->bidi_class;
    if (bidi == UTF8PROC_BIDI_CLASS_R || bidi == UTF8PROC_BIDI_CLASS_AL) return true;
    i += static_cast<std::size_t>(n);
  }
  return false;
}

// A run of right-to-left text says so (w:rtl, last of the properties that
// run_properties writes), so that Word orders and shapes it as such.
std::string with_rtl(const std::string& props) {
  if (props.empty()) return "<w:rPr><w:rtl/></w:rPr>";
  // w:rtl comes before w:lang, the last that run_properties writes.
  const std::size_t lang = props.find("<w:lang ");
  std::string out = props;
  out.insert(lang == std::string::npos ? props.size() - 8 : lang, "<w:rtl/>");
  return out;
}

// Appends `text` as runs of one direction's properties: a TAB becomes
// <w:tab/>, a line end <w:br/>.
void add_runs_of(std::string_view text, const std::string& props, std::string& out) {
  if (plain_text(text)) {
    out += "<w:r>";
    out += props;
    out += text_open(text);
    out += text;
    out += "</w:t></w:r>";
    return;
  }
  std::string clean = text::html_text(text);
  std::string_view rest = clean;
  while (!rest.empty()) {
    std::size_t stop = rest.find_first_of("\t\n\r");
    std::string_view piece = rest.substr(0, stop);
    if (!piece.empty()) {
      out += "<w:r>";
      out += props;
      out += text_open(piece);
      // Cleaned already: only markup characters need the escape.
      if (piece.find_first_of("&<>\"'") == std::string_view::npos)
        out += piece;
      else
        out += esc(piece);
      out += "</w:t></w:r>";
    }
    if (stop == std::string_view::npos) break;
    out += "<w:r>";
    out += props;
    out += rest[stop] == '\t' ? "<w:tab/>" : rest[stop] == '\n' ? "<w:br/>" : "<w:t> </w:t>";
    out += "</w:r>";
    rest.remove_prefix(stop + 1);
  }
}

// Appends `text` as runs; a right-to-left stretch of it (from a
// right-to-left letter to the last one before a left-to-right letter,
// with what lies between) is a run of its own, marked w:rtl.
void add_runs(std::string_view text, const std::string& props, std::string& out) {
  if (text.empty()) return;
  if (!has_rtl_letter(text)) {
    add_runs_of(text, props, out);
    return;
  }
  const std::string rtl_props = with_rtl(props);
  std::size_t start = 0;  // of the current stretch
  bool rtl = false;       // its direction, once a strong letter says
  bool known = false;
  std::size_t end_strong = 0;  // where its last strong letter ends
  for (std::size_t i = 0; i < text.size();) {
    utf8proc_int32_t c = 0;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                              static_cast<utf8proc_ssize_t>(text.size() - i), &c);
    if (n <= 0) break;
    const int bidi = utf8proc_get_property(c)->bidi_class;
    const bool r = bidi == UTF8PROC_BIDI_CLASS_R || bidi == UTF8PROC_BIDI_CLASS_AL;
    const bool l = bidi == UTF8PROC_BIDI_CLASS_L;
    if (r || l) {
      if (known && r != rtl) {
        // The neutrals between two stretches go with the left-to-right one.
        const std::size_t cut = rtl ? end_strong : i;
        add_runs_of(text.substr(start, cut - start), rtl ? rtl_props : props, out);
        start = cut;
      }
      rtl = r;
      known = true;
      end_strong = i + static_cast<std::size_t>(n);
    }
    i += static_cast<std::size_t>(n);
  }
  add_runs_of(text.substr(start), known && rtl ? rtl_props : props, out);
}

// ---------------------------------------------------------------------------
// The renderer

// Paragraph properties that vary with where a paragraph is.
struct Para {
  std::string_view style = {};  // a paragraph style, or empty for Normal
  int left = 0;
  int hanging = 0;
  bool keep_next = false;
  bool page_break = false;
  bool center = false;
  int num_id = 0;  // a list's numbering instance, with `level`
  int level = 0;
};

// Appends the properties of a paragraph to `x`.
void paragraph_properties(const Para& p, std::string& x) {
  const std::size_t start = x.size();
  x += "<w:pPr>";
  if (!p.style.empty()) {
    x += "<w:pStyle w:val=\"";
    x += p.style;
    x += "\"/>";
  }
  if (p.keep_next) x += "<w:keepNext/>";
  if (p.page_break) x += "<w:pageBreakBefore/>";
  if (p.num_id != 0) {
    x += "<w:numPr><w:ilvl w:val=\"";
    x += std::to_string(p.level);
    x += "\"/><w:numId w:val=\"";
    x += std::to_string(p.num_id);
    x += "\"/></w:numPr>";
  }
  // A paragraph at the place of its style takes the indent from it.
  if (p.hanging > 0) {
    x += "<w:tabs><w:tab w:val=\"left\" w:pos=\"";
    x += std::to_string(p.left);
    x += "\"/></w:tabs>";
  }
  if (p.left != 0 || p.hanging != 0) {
    x += "<w:ind w:left=\"";
    x += std::to_string(p.left);
    x += '"';
    if (p.hanging > 0) {
      x += " w:hanging=\"";
      x += std::to_string(p.hanging);
      x += '"';
    }
    x += "/>";
  }
  if (p.center) x += "<w:jc w:val=\"center\"/>";
  if (x.size() == start + 7)
    x.resize(start);  // nothing but the style's defaults
  else
    x += "</w:pPr>";
}

class DocxRenderer : public detail::ReportParts {
 public:
  DocxRenderer(const Report& report, const RenderOptions& opts)
      : report_(report), opts_(opts), document_rels_(kFirstLinkId), footnote_rels_(1) {
    for (const auto& fn : report.footnotes) {
      if (!fn.anchor.empty()) footnote_by_anchor_.emplace(fn.anchor, &fn);
    }
    collect(report.summary);
    collect(report.action);
    collect(report.preamble);
    for (const auto* sections : {&report.sections, &report.annexes}) {
      for (const Section& s : *sections) {
        bookmarks_.add(s.anchor);
        collect(s.blocks);
      }
    }
    for (const auto& fn : report.footnotes) bookmarks_.add(fn.anchor);
  }

  // The parts of the package, in the order they are zipped.
  std::vector<std::pair<std::string, std::string>> render() {
    body_ = root("w:document") + "<w:body>";
    detail::walk_report(report_, *this);
    body_ +=
        "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId8\"/>"
        "<w:headerReference w:type=\"first\" r:id=\"rId9\"/><w:pgSz w:w=\"" +
        std::to_string(kPageWidth) + "\" w:h=\"" + std::to_string(kPageHeight) +
        "\"/><w:pgMar w:top=\"" + std::to_string(kMarginTop) + "\" w:right=\"" +
        std::to_string(kMarginSide) + "\" w:bottom=\"" + std::to_string(kMarginBottom) +
        "\" w:left=\"" + std::to_string(kMarginSide) + "\" w:header=\"" +
        std::to_string(kHeaderDistance) + "\" w:footer=\"" + std::to_string(kHeaderDistance) +
        "\" w:gutter=\"0\"/><w:titlePg/></w:sectPr>";
    body_ += "</w:body></w:document>";

    std::vector<std::pair<std::string, std::string>> parts;
    parts.emplace_back("[Content_Types].xml", content_types());
    parts.emplace_back("_rels/.rels", package_rels());
    parts.emplace_back("docProps/core.xml", core_properties());
    parts.emplace_back("docProps/app.xml", app_properties());
    parts.emplace_back("word/document.xml", std::move(body_));
    parts.emplace_back("word/_rels/document.xml.rels", document_rels());
    parts.emplace_back("word/styles.xml", styles());
    parts.emplace_back("word/settings.xml", settings());
    parts.emplace_back("word/fontTable.xml", font_table());
    parts.emplace_back("word/numbering.xml", numbering_.xml());
    parts.emplace_back("word/footnotes.xml",
                       root("w:footnotes") + footnote_separators() + footnotes_ + "</w:footnotes>");
    parts.emplace_back("word/_rels/footnotes.xml.rels", rels(footnote_rels_.xml()));
    parts.emplace_back("word/header1.xml", running_header());
    parts.emplace_back(
        "word/header2.xml",
        root("w:hdr") + "<w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr></w:p></w:hdr>");
    return parts;
  }

  // --- the parts, in the order of detail::walk_report

  void cover_and_title(const Report& r) override {
    cover(r.cover);
    if (!trim(r.cover.source_line).empty()) {
      Para p{.style = "Source"};
      paragraph(p, {}, [&](std::string& out) {
        marked_runs("source_line", trim(r.cover.source_line), {}, out);
      });
    }
    if (!trim(r.title).empty()) {
      Para p{.style = "ReportTitle"};
      paragraph(p, {}, [&](std::string& out) { marked_runs("title", trim(r.title), {}, out); });
    }
    bool record = false;
    for (const auto& key_line :
         {std::pair{&kRecordWhen, &r.record.when}, std::pair{&kRecordChair, &r.record.chair}}) {
      const std::string_view line = trim(*key_line.second);
      if (line.empty()) continue;
      paragraph(Para{.keep_next = true, .center = true}, {},
                [&](std::string& out) { marked_runs(*key_line.first, line, {}, out); });
      record = true;
    }
    // Space between a summary record's lines and its table of subjects.
    if (record) body_ += "<w:p><w:pPr><w:pStyle w:val=\"AfterBox\"/></w:pPr></w:p>";
  }

  void box(const Report& r) override {
    summary_box(r);
    blocks(r.record.subjects, Context{});
  }

  // Word's own table of contents: a TOC field over the headings of level
  // 1, without page numbers (\\n: a page is Word's to count), whose result
  // is written out, one hyperlink to a section's bookmark a line, so that a
  // reader shows it as it is and Word can update it.
  void contents(const Report& r) override {
    // A redline tracks the table when it comes or goes with the version.
    tracked_part(&r.contents, [&] { unmarked_contents(r); });
  }

  void unmarked_contents(const Report& r) {
    Para heading{.style = "TOCHeading", .keep_next = true};
    paragraph(heading, {}, [&](std::string& out) { add_runs(trim(r.words.contents), {}, out); });
    for (std::size_t i = 0; i < r.contents.size(); ++i) {
      const tree::ContentsEntry& e = r.contents[i];
      paragraph(Para{.style = "TOC1"}, {}, [&](std::string& out) {
        if (i == 0)
          out +=
              "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText "
              "xml:space=\"preserve\"> TOC \\o \"1-1\" \\h \\z \\n </w:instrText></w:r><w:r>"
              "<w:fldChar w:fldCharType=\"separate\"/></w:r>";
        const std::string* name = bookmarks_.find(e.anchor);
        if (name) out += "<w:hyperlink w:anchor=\"" + *name + "\" w:history=\"1\">";
        add_runs(trim(e.number), {}, out);
        if (!trim(e.number).empty()) out += "<w:r><w:tab/></w:r>";
        siblings(detail::contents_heading(e), {}, false, out);
        if (name) out += "</w:hyperlink>";
        if (i + 1 == r.contents.size()) out += "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
      });
    }
    *target_ += "<w:p><w:pPr><w:pStyle w:val=\"AfterBox\"/></w:pPr></w:p>";
  }
  // At the margin, as the box's paragraphs: nothing numbered hangs there.
  void preamble(const std::vector<Block>& bs) override { blocks(bs, Context{}); }

  // Two by two in a table without borders, the first at the left margin,
  // the second in the right half, as a record's signatures stand.
  void signatures(const std::vector<tree::Signature>& sigs) override {
    auto printed = [](const tree::Signature& s) {
      return !trim(s.name).empty() || !trim(s.role).empty();
    };
    std::vector<const tree::Signature*> shown;
    for (const auto& s : sigs)
      if (printed(s)) shown.push_back(&s);
    if (shown.empty()) return;
    const int half = kTextWidth / 2;
    body_ += "<w:p><w:pPr><w:keepNext/><w:spacing w:before=\"480\" w:after=\"0\"/></w:pPr></w:p>";
    body_ += "<w:tbl><w:tblPr>" + bidi_visual() + "<w:tblW w:w=\"" + std::to_string(kTextWidth) +
             "\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"0\" "
             "w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar><w:tblLook "
             "w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" "
             "w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid><w:gridCol "
             "w:w=\"" +
             std::to_string(half) + "\"/><w:gridCol w:w=\"" + std::to_string(kTextWidth - half) +
             "\"/></w:tblGrid>";
    // A row per line, so that the roles stand on one line and the names on
    // the next, as in the other formats and as a reader of the page reads
    // them; every row but the last keeps with the next.
    // Each line with its key in a redline's texts.
    using Line = std::pair<std::string, std::string_view>;
    auto lines_of = [&](const tree::Signature* s) {
      const std::size_t n = static_cast<std::size_t>(s - sigs.data()) + 1;
      const Line name{signature_key(n, "name"), trim(s->name)};
      const Line role{signature_key(n, "role"), trim(s->role)};
      std::vector<Line> out;
      for (const Line& l : s->role_above ? std::array{role, name} : std::array{name, role})
        if (!l.second.empty()) out.push_back(l);
      return out;
    };
    for (std::size_t i = 0; i < shown.size(); i += 2) {
      std::vector<Line> left = lines_of(shown[i]);
      std::vector<Line> right;
      if (i + 1 < shown.size()) right = lines_of(shown[i + 1]);
      const std::size_t rows = std::max(left.size(), right.size());
      for (std::size_t row = 0; row < rows; ++row) {
        body_ += "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
        for (const auto* column : {&left, &right}) {
          body_ += "<w:tc><w:tcPr><w:tcW w:w=\"" +
                   std::to_string(column == &left ? half : kTextWidth - half) +
                   "\" w:type=\"dxa\"/></w:tcPr>";
          Para p{.style = "Cover", .keep_next = row + 1 < rows};
          paragraph(p, {}, [&](std::string& out) {
            if (row < column->size())
              marked_runs((*column)[row].first, (*column)[row].second, {}, out);
          });
          body_ += "</w:tc>";
        }
        body_ += "</w:tr>";
      }
    }
    body_ += "</w:tbl>";
    // Space above the table, and a paragraph after it before an annex.
    body_ += "<w:p><w:pPr><w:pStyle w:val=\"AfterTable\"/></w:pPr></w:p>";
  }

  void summary_box(const Report& r) {
    bool summary = !r.summary.empty();
    bool action = !r.action.empty() || r.blank_action;
    bool references = !r.references.empty() || r.blank_references;
    if (!summary && !action && !references) return;
    // A one-cell table with a border: Word's usual frame around a part of a
    // page that holds paragraphs and lists.
    body_ += "<w:tbl><w:tblPr>" + bidi_visual() + "<w:tblW w:w=\"" + std::to_string(kTextWidth) +
             "\" w:type=\"dxa\"/><w:tblBorders>";
    for (std::string_view side : {"top", "left", "bottom", "right"})
      body_ += "<w:" + std::string(side) +
               " w:val=\"single\" w:sz=\"6\" w:space=\"0\" w:color=\"000000\"/>";
    body_ +=
        "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:top w:w=\"85\" "
        "w:type=\"dxa\"/><w:left w:w=\"113\" w:type=\"dxa\"/><w:bottom w:w=\"113\" "
        "w:type=\"dxa\"/><w:right w:w=\"113\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
        "<w:tblGrid><w:gridCol w:w=\"" +
        std::to_string(kTextWidth) + "\"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w=\"" +
        std::to_string(kTextWidth) + "\" w:type=\"dxa\"/></w:tcPr>";
    auto heading = [&](std::string_view text) {
      Para p{.style = "BoxHeading", .keep_next = true};
      paragraph(p, {}, [&](std::string& out) { add_runs(trim(text), {}, out); });
    };
    if (summary) {
      heading(r.words.summary);
      blocks(r.summary, Context{});
    }
    if (action) {
      heading(r.words.action_required);
      blocks(r.action, Context{});
    }
    if (references) {
      heading(r.words.references);
      if (!r.references.empty())
        paragraph(Para{}, {}, [&](std::string& out) { inlines(r.references, out); });
    }
    body_ += "</w:tc></w:tr></w:tbl>";
    // Word needs a paragraph between two tables, and a little space helps.
    body_ += "<w:p><w:pPr><w:pStyle w:val=\"AfterBox\"/></w:pPr></w:p>";
  }

  void section(const Section& s, std::size_t) override {
    tracked_part(&s, [&] { section(s, false); });
  }
  void annex(const Section& s, std::size_t) override {
    tracked_part(&s, [&] { section(s, true); });
  }

  void signature(const tree::Signature& s) override {
    bool first = true;
    for (const auto& part_line : {std::pair{"name", std::string_view(s.name)},
                                  std::pair{"role", std::string_view(s.role)}}) {
      const std::string_view line = trim(part_line.second);
      if (line.empty()) continue;
      const std::string key = signature_key(0, part_line.first);
      Para p{.style = first ? "Signature" : "SignatureRole"};
      paragraph(p, {}, [&](std::string& out) { marked_runs(key, line, {}, out); });
      first = false;
    }
  }

  void footnotes(const std::vector<tree::Footnote>& notes) override {
    // A footnote that nothing refers to cannot be a Word footnote: it is
    // printed after the text, as the other formats print every footnote.
    for (const auto& fn : notes) {
      if (written_footnotes_.count(&fn) != 0) continue;
      Para p{.style = "FootnoteText"};
      paragraph(p, fn.anchor, [&](std::string& out) {
        add_runs(trim(fn.number), {}, out);
        out += "<w:r><w:tab/></w:r>";
        inlines(fn.text, out);
      });
    }
  }

 private:
  static constexpr int kFirstLinkId = 10;  // rId1..rId9 are the fixed parts

  // Where a block is: the column its text starts at, and whether it is
  // directly in a section (where unnumbered paragraphs start at the margin).
  struct Context {
    int column = 0;
    bool top = false;
    int list_level = 0;
  };

  // --- a redline's marks (opts.changes), as Word's tracked changes

  using Mark = ChangeMarks::Mark;

  Mark mark_of(const void* node) const {
    if (!opts_.changes) return Mark::none;
    Mark m = opts_.changes->of(node);
    // A move is a deletion and an insertion in Word: the diff sends those.
    return m == Mark::moved ? Mark::none : m;
  }

  std::string change_attributes() {
    return " w:id=\"" + std::to_string(++revision_) + "\" w:author=\"" +
           esc(opts_.changes->author) + "\" w:date=\"" + esc(opts_.changes->date) + "\"";
  }

  // `xml` (runs, paragraphs, table rows this renderer wrote) as one tracked
  // insertion or deletion: each run in w:ins or w:del (a deleted run's text
  // in w:delText), each paragraph mark and table row marked too, so that
  // accepting or rejecting the change leaves no empty paragraph behind.
  std::string tracked(std::string_view xml, Mark m) {
    if (m != Mark::inserted && m != Mark::deleted) return std::string(xml);
    const std::string tag = m == Mark::deleted ? "w:del" : "w:ins";
    std::string out;
    std::size_t i = 0;
    while (i < xml.size()) {
      const std::size_t r = xml.find("<w:r>", i), p = xml.find("<w:p>", i),
                        empty = xml.find("<w:p/>", i), row = xml.find("</w:trPr>", i),
                        ins = xml.find("<w:ins ", i), del = xml.find("<w:del ", i);
      const std::size_t next = std::min({r, p, empty, row, ins, del});
      if (next == std::string_view::npos) {
        out += xml.substr(i);
        break;
      }
      out += xml.substr(i, next - i);
      if (next == ins || next == del) {
        // A change already tracked inside this one (a paragraph deleted in
        // a section inserted whole, the words of a moved paragraph): kept
        // as it is, since a tracked change cannot hold another.
        const std::size_t open_end = xml.find('>', next);
        std::size_t end = open_end == std::string_view::npos ? xml.size() : open_end + 1;
        if (end < xml.size() && xml[end - 2] != '/') {
          const std::size_t close = xml.find(next == ins ? "</w:ins>" : "</w:del>", end);
          end = close == std::string_view::npos ? xml.size() : close + 8;
        }
        out += xml.substr(next, end - next);
        i = end;
      } else if (next == r) {
        // The runs that follow one another are one change.
        std::size_t end = r;
        while (xml.compare(end, 5, "<w:r>") == 0) {
          std::size_t stop = xml.find("</w:r>", end);
          end = stop == std::string_view::npos ? xml.size() : stop + 6;
        }
        std::string run(xml.substr(r, end - r));
        if (m == Mark::deleted) {
          for (auto [from, to] :
               {std::pair<std::string_view, std::string_view>{"<w:t>", "<w:delText>"},
                {"<w:t xml:space=\"preserve\">", "<w:delText xml:space=\"preserve\">"},
                {"</w:t>", "</w:delText>"}}) {
            for (std::size_t at = run.find(from); at != std::string::npos;
                 at = run.find(from, at + to.size()))
              run.replace(at, from.size(), to);
          }
        }
        out += "<" + tag + change_attributes() + ">" + run + "</" + tag + ">";
        i = end;
      } else if (next == p) {
        const std::string mark = "<w:rPr><" + tag + change_attributes() + "/></w:rPr>";
        out += "<w:p>";
        i = p + 5;
        const std::size_t close =
            xml.compare(i, 7, "<w:pPr>") == 0 ? xml.find("</w:pPr>", i) : std::string_view::npos;
        if (close != std::string_view::npos) {
          out += xml.substr(i, close - i);
          // A paragraph mark tracked already keeps its change.
          if (xml.substr(i, close - i).find("<w:rPr>") == std::string_view::npos) out += mark;
          out += "</w:pPr>";
          i = close + 8;
        } else {
          out += "<w:pPr>" + mark + "</w:pPr>";
        }
      } else if (next == empty) {
        out += "<w:p><w:pPr><w:rPr><" + tag + change_attributes() + "/></w:rPr></w:pPr></w:p>";
        i = empty + 6;
      } else {
        const std::size_t start = xml.rfind("<w:trPr>", row);
        const std::string_view props =
            start == std::string_view::npos ? std::string_view() : xml.substr(start, row - start);
        if (props.find("<w:ins ") == std::string_view::npos &&
            props.find("<w:del ") == std::string_view::npos)
          out += "<" + tag + change_attributes() + "/>";
        out += "</w:trPr>";
        i = row + 9;
      }
    }
    return out;
  }

  // Writes a part of the body (a section, a block, a list item) through
  // `write`, as a tracked change when `node` is marked.
  template <typename F>
  void tracked_part(const void* node, F write) {
    const Mark m = mark_of(node);
    if (m == Mark::none) {
      write();
      return;
    }
    std::string* saved = target_;
    std::string part;
    target_ = &part;
    write();
    target_ = saved;
    *target_ += tracked(part, m);
  }

  // A plain text of the tree, or its runs when the redline changed it.
  void marked_runs(const std::string& key, std::string_view text, const std::string& props,
                   std::string& out) {
    const ChangeMarks::Run whole{Mark::none, std::string(text)};
    std::span<const ChangeMarks::Run> runs(&whole, 1);
    if (opts_.changes) {
      auto it = opts_.changes->texts.find(key);
      if (it != opts_.changes->texts.end()) runs = it->second;
    }
    for (const ChangeMarks::Run& run : runs) {
      std::string part;
      add_runs(run.text, props, part);
      out += tracked(part, run.mark);
    }
  }

  // --- collecting the bookmarks before any output, so that a reference
  // may point forward

  void collect(const std::vector<Block>& bs) {
    for (const Block& b : bs) {
      bookmarks_.add(b.anchor);
      for (const ListItem& item : b.items) {
        bookmarks_.add(item.anchor);
        collect(item.children);
      }
      collect(b.children);
    }
  }

  // --- paragraphs

  // One paragraph: properties, the bookmark of `anchor`, then the runs that
  // `content` appends.
  template <typename F>
  void paragraph(const Para& p, const std::string& anchor, F content) {
    std::string& out = *target_;
    out += "<w:p>";
    paragraph_properties(p, out);
    std::string end;
    if (!anchor.empty()) out += bookmarks_.start(anchor, end);
    content(out);
    out += end;
    out += "</w:p>";
  }

  // --- cover

  void cover(const tree::Cover& c) {
    auto has_value = [](const std::vector<tree::CoverField>& fields) {
      return std::any_of(fields.begin(), fields.end(),
                         [](const auto& f) { return !trim(f.value).empty() || f.blank; });
    };
    if (!has_value(c.left) && !has_value(c.right)) return;
    const int right = kTextWidth * 2 / 5;
    const int left = kTextWidth - right;
    body_ += "<w:tbl><w:tblPr>" + bidi_visual() + "<w:tblW w:w=\"" + std::to_string(kTextWidth) +
             "\" w:type=\"dxa\"/><w:tblBorders><w:bottom w:val=\"single\" w:sz=\"6\" "
             "w:space=\"0\" w:color=\"000000\"/></w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
             "<w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/><w:bottom w:w=\"113\" "
             "w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar>"
             "<w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" "
             "w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>"
             "<w:gridCol w:w=\"" +
             std::to_string(left) + "\"/><w:gridCol w:w=\"" + std::to_string(right) +
             "\"/></w:tblGrid><w:tr>";
    cover_cell(c.left, left);
    cover_cell(c.right, right);
    body_ += "</w:tr></w:tbl>";
  }

  void cover_cell(const std::vector<tree::CoverField>& fields, int width) {
    body_ += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/></w:tcPr>";
    bool any = false;
    for (const auto& f : fields) {
      // A label alone is a part a draft leaves blank ("Document").
      if (trim(f.value).empty() && !f.blank) continue;
      any = true;
      Para p{.style = f.name == "session" ? "CoverSession" : "Cover"};
      paragraph(p, {}, [&](std::string& out) {
        if (!trim(f.label).empty()) {
          add_runs(trim(f.label), {}, out);
          if (!trim(f.value).empty() && !f.gap.empty()) add_runs(f.gap, {}, out);
        }
        RunStyle value;
        value.bold = f.name == "symbol";
        marked_runs(f.name, trim(f.value), run_properties(value), out);
      });
    }
    if (!any) body_ += "<w:p/>";  // a cell holds at least one paragraph
    body_ += "</w:tc>";
  }

  // --- sections

  void section(const Section& s, bool annex) {
    std::string number(trim(s.number));
    if (number.empty() && s.heading.empty()) {
      // Nothing for the navigation pane: no heading, only its bookmark.
      if (!s.anchor.empty()) paragraph(Para{}, s.anchor, [](std::string&) {});
      blocks(s.blocks, Context{.column = kNumberColumn, .top = true});
      return;
    }
    Para p{.style = "Heading1", .keep_next = true};
    if (annex) {
      p.page_break = true;
      p.center = true;
    } else if (!number.empty()) {
      p.left = kNumberColumn;
      p.hanging = kNumberColumn;
    }
    paragraph(p, s.anchor, [&](std::string& out) {
      add_runs(number, {}, out);
      if (!number.empty() && !s.heading.empty())
        out += annex ? "<w:r><w:br/></w:r>" : "<w:r><w:tab/></w:r>";
      inlines(s.heading, out);
    });
    blocks(s.blocks, Context{.column = kNumberColumn, .top = true});
  }

  // --- blocks

  void blocks(const std::vector<Block>& bs, const Context& at) {
    for (const Block& b : bs) block(b, at);
  }

  void block(const Block& b, const Context& at) {
    tracked_part(&b, [&] { unmarked_block(b, at); });
  }

  void unmarked_block(const Block& b, const Context& at) {
    switch (b.kind) {
      case Block::Kind::paragraph:
        text_paragraph(b, at);
        break;
      case Block::Kind::list:
        list(b, at);
        break;
      case Block::Kind::table:
        table(b, at);
        break;
      case Block::Kind::quote:
        quote(b, at);
        break;
      case Block::Kind::elision: {
        Para p{.left = at.column};
        paragraph(p, b.anchor, [&](std::string& out) { add_runs("[...]", {}, out); });
        break;
      }
    }
  }

  // "6.3<TAB>text" with the number hanging in its column; an unnumbered
  // paragraph directly in a section starts at the margin, one inside
  // another lines up with its text.
  void text_paragraph(const Block& b, const Context& at) {
    std::string number(trim(b.number));
    Para p;
    if (!number.empty() && at.column >= kNumberColumn) {
      p.style = "ParaNumbered";
      if (at.column != kNumberColumn) {
        p.left = at.column;
        p.hanging = kNumberColumn;
      }
    } else {
      p.left = at.top ? at.column - kNumberColumn : at.column;
    }
    paragraph(p, b.anchor, [&](std::string& out) {
      add_runs(number, {}, out);
      if (!number.empty() && !b.text.empty()) out += "<w:r><w:tab/></w:r>";
      inlines(b.text, out);
    });
    Context inner{.column = number.empty() ? p.left : at.column, .list_level = at.list_level};
    blocks(b.children, inner);
  }

  void list(const Block& b, const Context& at) {
    if (b.items.empty()) {
      if (!b.anchor.empty()) paragraph(Para{.left = at.column}, b.anchor, [](std::string&) {});
      return;
    }
    const bool numbered = word_numbers_match(b);
    const int num_id = numbered ? numbering_.instance(b) : 0;
    const int level = std::min(at.list_level, kListLevels - 1);
    const int text_column = at.column + kMarkerColumn;
    bool first = true;
    for (const ListItem& item : b.items) {
      const Mark item_mark = mark_of(&item);
      std::string* saved = target_;
      std::string tracked_item;
      if (item_mark != Mark::none) target_ = &tracked_item;
      Para p{.style = "ListParagraph"};
      p.num_id = num_id;
      p.level = level;
      // The numbering's own indent, unless the list stands elsewhere.
      if (num_id == 0 || text_column != kMarkerColumn * (level + 1)) {
        p.left = text_column;
        p.hanging = kMarkerColumn;
      }
      // The list's bookmark goes on its first item, then the item's own.
      std::string end;
      std::string& out = *target_;
      out += "<w:p>";
      paragraph_properties(p, out);
      if (first) out += bookmarks_.start(b.anchor, end);
      out += bookmarks_.start(item.anchor, end);
      if (!numbered) {
        add_runs(trim(item.marker), {}, out);
        out += "<w:r><w:tab/></w:r>";
      }
      inlines(item.text, out);
      out += end;
      out += "</w:p>";
      first = false;
      blocks(item.children, Context{.column = text_column, .list_level = at.list_level + 1});
      if (item_mark != Mark::none) {
        target_ = saved;
        *target_ += tracked(tracked_item, item_mark);
      }
    }
  }

  static std::string_view alignment(const std::vector<Align>& align, std::size_t col) {
    if (col >= align.size()) return {};
    switch (align[col]) {
      case Align::none:
      case Align::left:
        return {};
      case Align::center:
        return "center";
      case Align::right:
        return "right";
    }
    return {};
  }

  void table(const Block& b, const Context& at) {
    const tree::Table& t = b.table;
    std::size_t columns = t.header.size();
    for (const auto& row : t.rows) columns = std::max(columns, row.size());
    if (!t.caption.empty() || columns == 0) {
      Para p{.style = "TableCaption", .left = at.column, .keep_next = columns > 0};
      std::string anchor = b.anchor;
      paragraph(p, anchor, [&](std::string& out) { inlines(t.caption, out); });
    }
    if (columns == 0) return;
    // Columns share the width by the length of their longest cell (within
    // bounds), so that a column of numbers does not take as much as one of
    // titles.
    const int width = std::max(kTextWidth - at.column, kNumberColumn);
    std::vector<int> weight(columns, 4);
    auto measure = [&](const std::vector<Inlines>& cells) {
      for (std::size_t c = 0; c < cells.size() && c < columns; ++c)
        weight[c] =
            std::max(weight[c], std::min(40, text::display_width(detail::flatten(cells[c]))));
    };
    measure(t.header);
    for (const auto& r : t.rows) measure(r);
    int total_weight = 0;
    for (int w : weight) total_weight += w;
    std::vector<int> cells(columns);
    int table_width = 0;
    for (std::size_t c = 0; c < columns; ++c) {
      cells[c] =
          std::max(static_cast<int>(static_cast<long long>(width) * weight[c] / total_weight), 1);
      table_width += cells[c];
    }
    std::string& out = *target_;
    out += "<w:tbl><w:tblPr><w:tblStyle w:val=\"ReportTable\"/>" + bidi_visual() +
           "<w:tblW w:w=\"" + std::to_string(table_width) + "\" w:type=\"dxa\"/><w:tblInd w:w=\"" +
           std::to_string(at.column) +
           "\" w:type=\"dxa\"/><w:tblLook w:val=\"0020\" w:firstRow=\"1\" w:lastRow=\"0\" "
           "w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr>"
           "<w:tblGrid>";
    for (std::size_t c = 0; c < columns; ++c)
      out += "<w:gridCol w:w=\"" + std::to_string(cells[c]) + "\"/>";
    out += "</w:tblGrid>";
    bool anchor_placed = !t.caption.empty();
    auto row = [&](const std::vector<Inlines>& row_cells, bool header) {
      // The header row is repeated at the top of every page the table
      // runs onto.
      out += header ? "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
                    : "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
      for (std::size_t c = 0; c < columns; ++c) {
        out += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(cells[c]) + "\" w:type=\"dxa\"/>";
        if (header) out += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F0F0F0\"/>";
        out += "</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"";
        out += header ? "TableHead" : "TableText";
        out += "\"/>";
        std::string_view jc = alignment(t.align, c);
        if (!jc.empty()) out += "<w:jc w:val=\"" + std::string(jc) + "\"/>";
        out += "</w:pPr>";
        std::string end;
        if (!anchor_placed) {
          out += bookmarks_.start(b.anchor, end);
          anchor_placed = true;
        }
        if (c < row_cells.size()) inlines(row_cells[c], out);
        out += end;
        out += "</w:p></w:tc>";
      }
      out += "</w:tr>";
    };
    bool any_header =
        std::any_of(t.header.begin(), t.header.end(), [](const Inlines& h) { return !h.empty(); });
    // A table has at least one row.
    if (any_header || t.rows.empty()) row(t.header, true);
    for (const auto& r : t.rows) {
      // A redline's row inserted or deleted whole is one tracked change,
      // its row mark included: accepting or rejecting it leaves no empty row.
      const Mark m = mark_of(&r);
      if (m != Mark::inserted && m != Mark::deleted) {
        row(r, false);
        continue;
      }
      const std::size_t start = out.size();
      row(r, false);
      const std::string xml = tracked(std::string_view(out).substr(start), m);
      out.resize(start);
      out += xml;
    }
    out += "</w:tbl>";
    // Two tables in a row would merge into one.
    out += "<w:p><w:pPr><w:pStyle w:val=\"AfterTable\"/></w:pPr></w:p>";
  }

  void quote(const Block& b, const Context& at) {
    bool placed = false;
    if (!b.text.empty()) {
      Para p{.style = "QuoteAttribution", .left = at.column, .keep_next = true};
      paragraph(p, b.anchor, [&](std::string& out) { inlines(b.text, out); });
      placed = true;
    } else if (b.children.empty() && !b.anchor.empty()) {
      paragraph(Para{.left = at.column}, b.anchor, [](std::string&) {});
      placed = true;
    }
    Context inner{.column = at.column + kNumberColumn, .list_level = at.list_level};
    if (!placed && !b.children.empty() && !b.anchor.empty()) {
      // The quote's bookmark on its first paragraph.
      std::string end;
      std::string mark = bookmarks_.start(b.anchor, end);
      std::size_t at_first = target_->size();
      block(b.children.front(), inner);
      std::size_t p = target_->find("</w:pPr>", at_first);
      if (p != std::string::npos) {
        target_->insert(p + 8, mark);
        std::size_t close = target_->find("</w:p>", p);
        if (close != std::string::npos) target_->insert(close, end);
      }
      for (std::size_t i = 1; i < b.children.size(); ++i) block(b.children[i], inner);
      return;
    }
    blocks(b.children, inner);
  }

  // --- inlines

  void inlines(const Inlines& xs, std::string& out) {
    RunStyle style;
    siblings(xs, style, false, out);
  }

  // Neighbouring texts (and the spaces of soft breaks) go in one run.
  void siblings(const Inlines& xs, const RunStyle& style, bool in_link, std::string& out) {
    std::string props;
    bool props_made = false;
    for (std::size_t i = 0; i < xs.size();) {
      std::size_t j = i;
      while (j < xs.size() &&
             (xs[j].kind == Inline::Kind::text || xs[j].kind == Inline::Kind::softbreak) &&
             mark_of(&xs[j]) == Mark::none)
        ++j;
      if (j - i >= 2) {
        std::string text;
        for (std::size_t k = i; k < j; ++k)
          text += xs[k].kind == Inline::Kind::text ? std::string_view(xs[k].text) : " ";
        if (!props_made) props = run_properties(style);
        props_made = true;
        add_runs(text, props, out);
        i = j;
        continue;
      }
      inline_node(xs[i], style, in_link, out);
      ++i;
    }
  }

  void inline_node(const Inline& x, const RunStyle& style, bool in_link, std::string& out) {
    const Mark m = mark_of(&x);
    if (m == Mark::none) return unmarked_inline(x, style, in_link, out);
    std::string part;
    unmarked_inline(x, style, in_link, part);
    out += tracked(part, m);
  }

  void unmarked_inline(const Inline& x, const RunStyle& style, bool in_link, std::string& out) {
    switch (x.kind) {
      case Inline::Kind::text:
        add_runs(x.text, run_properties(style), out);
        break;
      case Inline::Kind::code: {
        RunStyle s = style;
        s.code = true;
        add_runs(x.text, run_properties(s), out);
        break;
      }
      case Inline::Kind::emph:
      case Inline::Kind::strong:
      case Inline::Kind::strike: {
        RunStyle s = style;
        if (x.kind == Inline::Kind::emph) s.italic = true;
        if (x.kind == Inline::Kind::strong) s.bold = true;
        if (x.kind == Inline::Kind::strike) s.strike = true;
        siblings(x.children, s, in_link, out);
        break;
      }
      case Inline::Kind::link:
        link(x, style, in_link, out);
        break;
      case Inline::Kind::xref: {
        const std::string* name = in_link ? nullptr : bookmarks_.find(x.target);
        if (name == nullptr) {
          add_runs(x.text, run_properties(style), out);
          break;
        }
        out += "<w:hyperlink w:anchor=\"" + *name + "\">";
        add_runs(x.text, run_properties(style), out);
        out += "</w:hyperlink>";
        break;
      }
      case Inline::Kind::footnote_ref:
        footnote_ref(x, style, in_link, out);
        break;
      case Inline::Kind::softbreak:
        add_runs(" ", run_properties(style), out);
        break;
      case Inline::Kind::linebreak:
        out += "<w:r><w:br/></w:r>";
        break;
      case Inline::Kind::foreign: {
        // Its language, for the proofing tools and screen readers. Where
        // it runs the other way from the report, between a directional
        // isolate (U+2066 or U+2067) and U+2069: WordprocessingML has no
        // property for that, and an English sentence in an Arabic report
        // would otherwise have its full stop at its left end.
        const std::string tag = detail::language_tag(x.text);
        RunStyle s = style;
        if (!tag.empty()) s.language = tag;
        const bool isolate = !tag.empty() && detail::right_to_left(tag) != rtl();
        if (isolate)
          add_runs(rtl() ? detail::kLeftToRightIsolate : detail::kRightToLeftIsolate,
                   run_properties(s), out);
        siblings(x.children, s, in_link, out);
        if (isolate) add_runs(detail::kPopIsolate, run_properties(s), out);
        break;
      }
    }
  }

  void link(const Inline& x, const RunStyle& style, bool in_link, std::string& out) {
    std::string url(trim(x.target));
    detail::UrlKind kind = in_link ? detail::UrlKind::unsafe : detail::classify_url(x.target);
    const std::string* bookmark = nullptr;
    if (kind == detail::UrlKind::local) {
      bookmark = bookmarks_.find(url.substr(1));
      if (bookmark == nullptr) kind = detail::UrlKind::unsafe;
    }
    RunStyle s = style;
    if (kind == detail::UrlKind::absolute) s.style = "Hyperlink";
    std::size_t start = out.size();
    if (kind == detail::UrlKind::absolute) {
      Relationships& rels = target_ == &footnotes_ ? footnote_rels_ : document_rels_;
      out += "<w:hyperlink r:id=\"" + rels.link(url) + "\">";
    } else if (kind == detail::UrlKind::local) {
      out += "<w:hyperlink w:anchor=\"" + *bookmark + "\">";
    }
    std::size_t body = out.size();
    siblings(x.children, s, true, out);
    if (out.size() == body) add_runs(url, run_properties(s), out);
    if (out.size() == body) {
      out.resize(start);
      return;
    }
    if (kind != detail::UrlKind::unsafe) out += "</w:hyperlink>";
  }

  // A real Word footnote at its first reference. Word numbers footnotes in
  // order; where the report's number differs, the reference carries it.
  void footnote_ref(const Inline& x, const RunStyle& style, bool in_link, std::string& out) {
    std::string number(trim(x.text));
    if (number.empty()) return;
    auto it = footnote_by_anchor_.find(x.target);
    bool in_footnote = target_ == &footnotes_;
    if (in_link || in_footnote || it == footnote_by_anchor_.end() ||
        written_footnotes_.count(it->second) != 0) {
      // A second reference to a note, or one where Word has no footnote:
      // the number, raised.
      RunStyle s = style;
      s.superscript = true;
      add_runs(number, run_properties(s), out);
      return;
    }
    const tree::Footnote& fn = *it->second;
    written_footnotes_.insert(&fn);
    int id = ++footnote_count_;
    bool custom = number != std::to_string(id);
    out += "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteReference ";
    if (custom) out += "w:customMarkFollows=\"1\" ";
    out += "w:id=\"" + std::to_string(id) + "\"/>";
    if (custom) out += "<w:t>" + esc(number) + "</w:t>";
    out += "</w:r>";

    std::string* saved = target_;
    target_ = &footnotes_;
    footnotes_ += "<w:footnote w:id=\"" + std::to_string(id) + "\">";
    Para p{.style = "FootnoteText"};
    paragraph(p, fn.anchor, [&](std::string& o) {
      o += "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr>";
      o += custom ? "<w:t>" + esc(number) + "</w:t>" : std::string("<w:footnoteRef/>");
      o += "</w:r><w:r><w:tab/></w:r>";
      inlines(fn.text, o);
    });
    footnotes_ += "</w:footnote>";
    target_ = saved;
  }

  // --- the other parts

  std::string symbol() const {
    for (const auto& f : report_.cover.right)
      if (f.name == "symbol" && !trim(f.value).empty()) return std::string(trim(f.value));
    return {};
  }

  std::string document_title() const {
    for (std::string_view t :
         {std::string_view(report_.short_title), std::string_view(report_.title)})
      if (!trim(t).empty()) return std::string(trim(t));
    std::string s = symbol();
    return s.empty() ? std::string(trim(report_.words.untitled)) : s;
  }

  std::string language() const {
    std::string tag = detail::language_tag(report_.language);
    return tag.empty() ? "en" : tag;
  }

  std::string running_header() const {
    // "- 2 -" from the page number field, then the symbol, centred.
    std::string x = root("w:hdr");
    x += "<w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr><w:r><w:t xml:space=\"preserve\">- "
         "</w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText "
         "xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r><w:fldChar "
         "w:fldCharType=\"separate\"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar "
         "w:fldCharType=\"end\"/></w:r><w:r><w:t xml:space=\"preserve\"> -</w:t></w:r></w:p>";
    if (std::string s = symbol(); !s.empty()) {
      x += "<w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr>";
      add_runs(s, {}, x);
      x += "</w:p>";
    }
    x += "</w:hdr>";
    return x;
  }

  static std::string footnote_separators() {
    return "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:pPr><w:spacing w:before=\"0\" "
           "w:after=\"0\"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>"
           "<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:pPr><w:spacing "
           "w:before=\"0\" w:after=\"0\"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>"
           "</w:footnote>";
  }

  static std::string rels(const std::string& inner) {
    return std::string(kXmlDecl) +
           "<Relationships "
           "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
           inner + "</Relationships>";
  }

  static std::string content_types() {
    const std::string wml = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
    std::string x = std::string(kXmlDecl) +
                    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    "<Default Extension=\"rels\" "
                    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>";
    auto part = [&](std::string_view name, std::string_view type) {
      x += "<Override PartName=\"" + std::string(name) + "\" ContentType=\"" + std::string(type) +
           "\"/>";
    };
    part("/word/document.xml", wml + "document.main+xml");
    part("/word/styles.xml", wml + "styles+xml");
    part("/word/settings.xml", wml + "settings+xml");
    part("/word/fontTable.xml", wml + "fontTable+xml");
    part("/word/numbering.xml", wml + "numbering+xml");
    part("/word/footnotes.xml", wml + "footnotes+xml");
    part("/word/header1.xml", wml + "header+xml");
    part("/word/header2.xml", wml + "header+xml");
    part("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
    part("/docProps/app.xml",
         "application/vnd.openxmlformats-officedocument.extended-properties+xml");
    return x + "</Types>";
  }

  static std::string package_rels() {
    const std::string r = "http://schemas.openxmlformats.org/";
    return rels(
        "<Relationship Id=\"rId1\" Type=\"" + r +
        "officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
        "<Relationship Id=\"rId2\" Type=\"" +
        r +
        "package/2006/relationships/metadata/core-properties\" "
        "Target=\"docProps/core.xml\"/><Relationship Id=\"rId3\" Type=\"" +
        r +
        "officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>");
  }

  std::string document_rels() const {
    const std::string r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    std::string x;
    auto rel = [&](int id, std::string_view type, std::string_view target) {
      x += "<Relationship Id=\"rId" + std::to_string(id) + "\" Type=\"" + r + std::string(type) +
           "\" Target=\"" + std::string(target) + "\"/>";
    };
    rel(1, "styles", "styles.xml");
    rel(2, "settings", "settings.xml");
    rel(3, "fontTable", "fontTable.xml");
    rel(4, "numbering", "numbering.xml");
    rel(5, "footnotes", "footnotes.xml");
    rel(8, "header", "header1.xml");
    rel(9, "header", "header2.xml");
    return rels(x + document_rels_.xml());
  }

  std::string core_properties() const {
    std::string x = std::string(kXmlDecl) +
                    "<cp:coreProperties "
                    "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/"
                    "core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                    "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
                    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">";
    x += "<dc:title>" + esc(document_title()) + "</dc:title>";
    if (std::string s = symbol(); !s.empty()) x += "<dc:subject>" + esc(s) + "</dc:subject>";
    x += "<dc:language>" + language() + "</dc:language>";
    if (!opts_.timestamp.empty()) {
      x += "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + esc(opts_.timestamp) +
           "</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">" +
           esc(opts_.timestamp) + "</dcterms:modified>";
    }
    return x + "</cp:coreProperties>";
  }

  static std::string app_properties() {
    return std::string(kXmlDecl) +
           "<Properties "
           "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
           "<Application>cwgreport</Application></Properties>";
  }

  bool rtl() const { return detail::right_to_left(language()); }
  // A right-to-left report's tables run right to left too: the first
  // column on the right, as the cover's and the signatures' blocks are.
  std::string bidi_visual() const { return rtl() ? "<w:bidiVisual/>" : ""; }

  std::string settings() const {
    return root("w:settings") + "<w:defaultTabStop w:val=\"" + std::to_string(kNumberColumn) +
           "\"/><w:characterSpacingControl w:val=\"doNotCompress\"/><w:footnotePr><w:footnote "
           "w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr><w:compat><w:compatSetting "
           "w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" "
           "w:val=\"15\"/></w:compat><w:themeFontLang w:val=\"" +
           language() + "\"" + (rtl() ? " w:bidi=\"" + language() + "\"" : std::string()) +
           "/></w:settings>";
  }

  // Calibri, as the ITU documents are set; LibreOffice substitutes its metric
  // twin Carlito, so that lines and pages break where Word breaks them.
  static std::string font_table() {
    return root("w:fonts") +
           "<w:font w:name=\"Calibri\"><w:altName w:val=\"Carlito\"/><w:panose1 "
           "w:val=\"020F0502020204030204\"/><w:charset w:val=\"00\"/><w:family w:val=\"swiss\"/>"
           "<w:pitch w:val=\"variable\"/></w:font><w:font w:name=\"Courier New\"><w:panose1 "
           "w:val=\"02070309020205020404\"/><w:charset w:val=\"00\"/><w:family "
           "w:val=\"modern\"/><w:pitch w:val=\"fixed\"/></w:font></w:fonts>";
  }

  std::string styles() const {
    std::string x = root("w:styles");
    // A right-to-left report: every paragraph is right to left (w:bidi),
    // and its script has the Noto font of Debian's fonts-noto-core.
    const bool rtl_doc = rtl();
    x += "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Calibri\" w:eastAsia=\"Calibri\" "
         "w:hAnsi=\"Calibri\" w:cs=\"" +
         std::string(rtl_doc ? "Noto Naskh Arabic" : "Calibri") +
         "\"/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/><w:lang" + lang_attributes(language()) +
         "/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>" +
         std::string(rtl_doc ? "<w:bidi/>" : "") +
         "<w:spacing w:before=\"120\" "
         "w:after=\"0\"/></w:pPr></w:pPrDefault></w:docDefaults>";
    // id, name, type, then what follows w:name in w:style, then pPr and rPr.
    auto style = [&](std::string_view type, std::string_view id, std::string_view name,
                     std::string_view extra, std::string_view ppr, std::string_view rpr) {
      x += "<w:style w:type=\"" + std::string(type) + "\"";
      if (id == "Normal" || id == "DefaultParagraphFont" || id == "TableNormal")
        x += " w:default=\"1\"";
      x += " w:styleId=\"" + std::string(id) + "\"><w:name w:val=\"" + std::string(name) + "\"/>";
      x += extra;
      if (!ppr.empty()) x += "<w:pPr>" + std::string(ppr) + "</w:pPr>";
      if (!rpr.empty()) x += "<w:rPr>" + std::string(rpr) + "</w:rPr>";
      if (type == "table" && id == "TableNormal")
        x += "<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" "
             "w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" "
             "w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>";
      if (id == "ReportTable")
        x += "<w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
             "w:color=\"000000\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
             "w:color=\"000000\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
             "w:color=\"000000\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
             "w:color=\"000000\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
             "w:color=\"000000\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
             "w:color=\"000000\"/></w:tblBorders><w:tblCellMar><w:left w:w=\"85\" "
             "w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>";
      x += "</w:style>";
    };
    const std::string normal = "<w:basedOn w:val=\"Normal\"/>";
    const std::string q = "<w:qFormat/>";
    style("paragraph", "Normal", "Normal", q, "", "");
    style("character", "DefaultParagraphFont", "Default Paragraph Font",
          "<w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/>", "", "");
    style("table", "TableNormal", "Normal Table",
          "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/>", "", "");
    style("table", "ReportTable", "Table Grid", "<w:basedOn w:val=\"TableNormal\"/>", "", "");
    // The headings carry outline levels: Word's navigation pane and its
    // tables of contents list them.
    style("paragraph", "Heading1", "heading 1", normal + "<w:next w:val=\"Normal\"/>" + q,
          "<w:keepNext/><w:keepLines/><w:spacing w:before=\"360\" w:after=\"120\"/>"
          "<w:outlineLvl w:val=\"0\"/>",
          "<w:b/><w:bCs/>");
    style("paragraph", "Heading2", "heading 2", normal + "<w:next w:val=\"Normal\"/>" + q,
          "<w:keepNext/><w:keepLines/><w:spacing w:before=\"240\" w:after=\"0\"/>"
          "<w:outlineLvl w:val=\"1\"/>",
          "<w:b/><w:bCs/>");
    style("paragraph", "ReportTitle", "Report Title", normal + "<w:next w:val=\"Normal\"/>" + q,
          "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"480\"/><w:jc w:val=\"center\"/>",
          "<w:b/><w:bCs/>");  // in capitals already, by the language's rules
    style("paragraph", "Cover", "Cover", normal, "<w:spacing w:before=\"0\" w:after=\"0\"/>", "");
    style("paragraph", "CoverSession", "Cover Session", "<w:basedOn w:val=\"Cover\"/>", "",
          "<w:b/><w:bCs/><w:sz w:val=\"30\"/><w:szCs w:val=\"30\"/>");
    style("paragraph", "Source", "Source", normal,
          "<w:keepNext/><w:spacing w:before=\"480\" w:after=\"120\"/><w:jc w:val=\"center\"/>",
          "<w:b/><w:bCs/>");
    style("paragraph", "BoxHeading", "Box Heading", normal,
          "<w:keepNext/><w:spacing w:before=\"120\" w:after=\"0\"/>", "<w:b/><w:bCs/>");
    // The table of contents: Word's own styles for its heading and its
    // first level, the number in a column as wide as "Annex 1".
    style("paragraph", "TOCHeading", "TOC Heading", normal + "<w:next w:val=\"Normal\"/>" + q,
          "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/>", "<w:b/><w:bCs/>");
    style("paragraph", "TOC1", "toc 1", normal + "<w:next w:val=\"Normal\"/>",
          "<w:tabs><w:tab w:val=\"left\" w:pos=\"" + std::to_string(kContentsColumn) +
              "\"/></w:tabs><w:spacing w:before=\"60\" w:after=\"0\"/><w:ind w:left=\"" +
              std::to_string(kContentsColumn) + "\" w:hanging=\"" +
              std::to_string(kContentsColumn) + "\"/>",
          "");
    style("paragraph", "AfterBox", "After Box", normal,
          "<w:spacing w:before=\"0\" w:after=\"240\"/>", "");
    style("paragraph", "AfterTable", "After Table", normal,
          "<w:spacing w:before=\"0\" w:after=\"120\"/>", "");
    // A numbered paragraph: "6.3", a TAB, and its text in the column
    // where the number hangs.
    style("paragraph", "ParaNumbered", "Numbered Paragraph", normal + q,
          "<w:tabs><w:tab w:val=\"left\" w:pos=\"" + std::to_string(kNumberColumn) +
              "\"/></w:tabs><w:ind w:left=\"" + std::to_string(kNumberColumn) + "\" w:hanging=\"" +
              std::to_string(kNumberColumn) + "\"/>",
          "");
    style("paragraph", "ListParagraph", "List Paragraph", normal + q,
          "<w:spacing w:before=\"80\" w:after=\"0\"/>", "");
    style("paragraph", "QuoteAttribution", "Quote Attribution", normal, "<w:keepNext/>",
          "<w:i/><w:iCs/>");
    style("paragraph", "TableCaption", "Table Caption", normal,
          "<w:keepNext/><w:jc w:val=\"center\"/>", "<w:b/><w:bCs/>");
    style("paragraph", "TableText", "Table Text", normal,
          "<w:spacing w:before=\"40\" w:after=\"40\"/>",
          "<w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/>");
    style("paragraph", "TableHead", "Table Head", "<w:basedOn w:val=\"TableText\"/>",
          "<w:keepNext/>", "<w:b/><w:bCs/>");
    style("paragraph", "Signature", "Signature", normal,
          "<w:keepNext/><w:spacing w:before=\"720\" w:after=\"0\"/><w:jc w:val=\"right\"/>", "");
    style("paragraph", "SignatureRole", "Signature Role", normal,
          "<w:spacing w:before=\"0\" w:after=\"0\"/><w:jc w:val=\"right\"/>", "");
    style("paragraph", "FootnoteText", "footnote text", normal,
          "<w:tabs><w:tab w:val=\"left\" w:pos=\"" + std::to_string(kFootnoteColumn) +
              "\"/></w:tabs><w:spacing w:before=\"60\" w:after=\"0\"/><w:ind w:left=\"" +
              std::to_string(kFootnoteColumn) + "\" w:hanging=\"" +
              std::to_string(kFootnoteColumn) + "\"/>",
          "<w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/>");
    style("character", "FootnoteReference", "footnote reference",
          "<w:basedOn w:val=\"DefaultParagraphFont\"/>", "",
          "<w:vertAlign w:val=\"superscript\"/>");
    style("paragraph", "Header", "header", normal,
          "<w:spacing w:before=\"0\" w:after=\"0\"/><w:jc w:val=\"center\"/>",
          "<w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>");
    style("character", "Hyperlink", "Hyperlink", "<w:basedOn w:val=\"DefaultParagraphFont\"/>", "",
          "<w:color w:val=\"0000FF\"/><w:u w:val=\"single\"/>");
    return x + "</w:styles>";
  }

  const Report& report_;
  const RenderOptions& opts_;
  Bookmarks bookmarks_;
  Numbering numbering_;
  Relationships document_rels_;
  Relationships footnote_rels_;
  std::unordered_map<std::string, const tree::Footnote*> footnote_by_anchor_;
  std::unordered_set<const tree::Footnote*> written_footnotes_;
  int footnote_count_ = 0;
  std::string body_;
  std::string footnotes_;
  std::string* target_ = &body_;  // the part being written: the body or a footnote
  // The last w:id of a tracked change: above the bookmarks' ids, which
  // count from 0, as annotations of a document need ids of their own.
  int revision_ = 1 << 24;
};

// ---------------------------------------------------------------------------
// The container

[[noreturn]] void zip_failed(zip_error_t* error) {
  std::string what = std::string("cannot build the DOCX container: ") + zip_error_strerror(error);
  zip_error_fini(error);
  throw std::runtime_error(what);
}

// The parts zipped in memory by libzip. Every entry gets the same time
// (1980-01-01 00:00, the first a zip can hold), so that the same report
// gives the same bytes.
std::string zip_parts(const std::vector<std::pair<std::string, std::string>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (buffer == nullptr) zip_failed(&error);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (archive == nullptr) {
    zip_source_free(buffer);
    zip_failed(&error);
  }
  zip_source_keep(buffer);  // it holds the archive after zip_close
  auto archive_failed = [&]() {
    zip_error_set(&error, zip_error_code_zip(zip_get_error(archive)),
                  zip_error_code_system(zip_get_error(archive)));
    zip_discard(archive);
    zip_source_free(buffer);
    zip_failed(&error);
  };
  constexpr zip_uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;  // 1980-01-01
  for (const auto& [name, data] : parts) {
    zip_source_t* source = zip_source_buffer(archive, data.data(), data.size(), 0);
    if (source == nullptr) archive_failed();
    zip_int64_t index = zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(source);
      archive_failed();
    }
    auto i = static_cast<zip_uint64_t>(index);
    // Deflate's fastest level: a DOCX is mostly repeated markup, which it
    // compresses well even so, and the higher levels took longer than
    // writing the XML.
    if (zip_set_file_compression(archive, i, ZIP_CM_DEFLATE, 1) != 0 ||
        zip_file_set_dostime(archive, i, 0, kDosDate, 0) != 0)
      archive_failed();
  }
  if (zip_close(archive) != 0) archive_failed();

  std::string out;
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_source_stat(buffer, &st) != 0 || (st.valid & ZIP_STAT_SIZE) == 0 ||
      zip_source_open(buffer) != 0) {
    zip_error_set(&error, ZIP_ER_INTERNAL, 0);
    zip_source_free(buffer);
    zip_failed(&error);
  }
  out.resize(static_cast<std::size_t>(st.size));
  zip_int64_t n = zip_source_read(buffer, out.data(), st.size);
  zip_source_close(buffer);
  zip_source_free(buffer);
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) {
    zip_error_set(&error, ZIP_ER_READ, 0);
    zip_failed(&error);
  }
  zip_error_fini(&error);
  return out;
}

}  // namespace

void render_docx(const tree::Report& report, const RenderOptions& opts, OutputSink& out) {
  std::string bytes = zip_parts(DocxRenderer(report, opts).render());
  std::string_view rest = bytes;
  const std::size_t chunk = std::max<std::size_t>(opts.chunk_bytes, 1);
  while (!rest.empty()) {
    std::size_t n = std::min(chunk, rest.size());
    out.write(rest.substr(0, n));
    rest.remove_prefix(n);
  }
}

}  // namespace cwg
