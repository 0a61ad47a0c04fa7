// The render-neutral report tree: everything a renderer needs, with all
// numbers, markers, anchors and cross-reference texts already computed.
// Renderers read only this; they never see YAML or the source model.
#pragma once

#include <string>
#include <vector>

namespace cwg::tree {

struct Inline {
  enum class Kind {
    text,          // `text` is literal text (UTF-8, unescaped)
    code,          // `text` is literal code
    emph,          // children
    strong,        // children
    strike,        // children
    link,          // `target` is the URL, children are the link text
    xref,          // cross-reference: `text` is what to print ("6.3",
                   // "CWG-COP-14/2", "Annex 1"); `target` is the anchor id
                   // in this report (without '#')
    footnote_ref,  // `text` is the footnote's number ("1"); `target` its anchor
    softbreak,     // a line break in the source: printed as a space
    linebreak,     // a hard line break
    foreign,       // children are in another language than the report's:
                   // `text` is its BCP 47 code ("en"); a translated
                   // report's text that its translation leaves out
  };
  Kind kind = Kind::text;
  std::string text;
  std::string target;
  std::vector<Inline> children;
};
using Inlines = std::vector<Inline>;

enum class ListStyle {
  bullet,  // "·"
  dash,    // "–"
  alpha,   // "a)"
  roman,   // "i)"
  number,  // "1)"
};

struct Block;

struct ListItem {
  std::string marker;  // computed: "·", "–", "a)", "iv)", "3)"
  std::string anchor;  // id for HTML, may be empty
  Inlines text;
  std::vector<Block> children;  // nested lists and further paragraphs
};

enum class Align { none, left, center, right };

struct Table {
  std::vector<Align> align;                // one per column
  std::vector<Inlines> header;             // one per column
  std::vector<std::vector<Inlines>> rows;  // each row has header.size() cells
  Inlines caption;                         // may be empty
};

struct Block {
  enum class Kind {
    paragraph,  // `number` (may be empty: unnumbered), `anchor`, `text`,
                // `children` (continuation paragraphs, lists, tables)
    list,       // `style`, `items`
    table,      // `table`
    quote,      // a quoted excerpt: `text` is its attribution line (may be
                // empty), `children` its paragraphs, numbered with their
                // own numbering in `number`
    elision,    // "[...]" inside a quote
  };
  Kind kind = Kind::paragraph;
  std::string number;
  std::string anchor;
  Inlines text;
  std::vector<Block> children;
  ListStyle style = ListStyle::bullet;
  std::vector<ListItem> items;
  Table table;
};

struct Section {
  std::string number;  // "6"; for annexes "Annex 1"; may be empty
  std::string anchor;
  Inlines heading;
  std::vector<Block> blocks;
};

struct Footnote {
  std::string number;  // "1"
  std::string anchor;  // "fn-1"; references point here
  Inlines text;
};

// One labelled line of the cover block, in print order, e.g.
// {"", "Council 2020"}, {"Agenda item:", "PL 1.5"}, {"Document", "C20/57-E"}.
// A working group's own document has the same block: the group's name in
// the place of the session, its meeting line under it.
struct CoverField {
  std::string name;   // stable key: session (the body meeting: "Council
                      // 2020", or the group's name), place_dates, meeting
                      // ("Eleventh meeting – Geneva, 25-26 January 2018"),
                      // agenda_item, symbol, date, original
  std::string label;  // printed before the value, may be empty
  std::string value;
  // Left blank on purpose (a draft's "Document" with no symbol yet): the
  // label is printed with nothing after it. An empty value otherwise
  // prints nothing.
  bool blank = false;
  // Between the label and the value: " ", none after a full-width colon
  // (Chinese "议项：PL 1.5").
  std::string gap = " ";
};

struct Cover {
  std::vector<CoverField> left;   // session, place and dates
  std::vector<CoverField> right;  // agenda item, symbol, date, original
  std::string source_line;        // "Report by the Chair of ..." (may be empty)
};

struct Signature {
  std::string name;         // "Ibrahim Al Dabal (UAE)"
  std::string role;         // "Chair, CWG-COP"
  bool role_above = false;  // the role is printed above the name
};

// What a summary record prints between its title and its first item.
// Empty for the other kinds of document.
struct Record {
  std::string when;             // "Tuesday, 23 January 2018, from 0930 to 1225 hours"
  std::string chair;            // "Chairman: Mr Ibrahim Al Dabal (UAE)"
  std::vector<Block> subjects;  // the "Subjects discussed | Documents" table, or nothing
};

// One line of the table of contents: a section or an annex, its number
// and its heading as plain text (a link would nest in the line's own).
struct ContentsEntry {
  std::string number;  // "6", "6." or "Annex 1"
  std::string heading;
  std::string anchor;    // the section's
  std::string language;  // a heading left untranslated: the original's (BCP 47), else ""
};

// The fixed words the renderers print around the content, in the report's
// language: the builder fills them from its table (src/lang/labels.cc), so
// a renderer holds no word of its own. The two patterns name their
// arguments in braces, for fmt's named arguments.
struct Words {
  std::string summary;                // heading of the box's first part
  std::string action_required;        // heading of its second part
  std::string references;             // heading of its third part
  std::string footnotes;              // heading of the footnotes
  std::string untitled;               // page title of a report with none
  std::string back_to_reference;      // "Back to reference {number}"
  std::string back_to_reference_use;  // "Back to reference {number}, use {use}"
  // The table of contents.
  std::string contents;  // its heading: "Contents"
};

// What the document is, as report.yaml's `kind:` says. The builder lays the
// cover fields, the source line and the title out for it; a renderer may
// read it to mark the page, never to decide what to print.
enum class DocumentKind { outcome, group_document, summary_record, chair_report };

struct Report {
  DocumentKind kind = DocumentKind::outcome;
  std::string language = "en";  // BCP 47, for <html lang>
  Words words;
  std::string short_title;  // for <title>: "CWG-COP 14th meeting report"
  Cover cover;
  std::string title;           // "OUTCOME OF THE 14TH MEETING OF THE ..."
  Record record;               // a summary record's header
  std::vector<Block> summary;  // "Summary" box paragraphs
  std::vector<Block> action;   // "Action required" (may be empty)
  Inlines references;          // "Resolution 179 ..., Council Resolution 1306"
  // A part the sources leave blank on purpose ('action: ""', 'references:
  // []'): its heading is printed with nothing under it.
  bool blank_action = false, blank_references = false;
  // A table of contents, when the sources ask for one: every section and
  // annex, printed after the box. Empty: none.
  std::vector<ContentsEntry> contents;
  // The content before the first section: unnumbered paragraphs and what
  // they carry (tables, lists), printed after the table of contents.
  std::vector<Block> preamble;
  std::vector<Section> sections;
  std::vector<Section> annexes;
  std::vector<Footnote> footnotes;
  Signature signature;  // empty name and role: no signature block
  // A summary record's signatures, side by side at the end of its body.
  std::vector<Signature> signatures;
};

}  // namespace cwg::tree
