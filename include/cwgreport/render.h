// The renderers: one per output format, each a function from the report
// tree to the text of one file, written to a sink as it is produced.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cwgreport/report_tree.h"

namespace cwg {

// What a redline marks on the tree it renders (`cwgreport diff -f html`,
// `-f docx`): the tree is the new version with the old one's deleted parts
// put back where they stood, and this says which of its nodes were
// inserted, deleted or moved. The diff decides every mark and every word;
// a renderer only lays them out, as <ins>/<del> or as tracked changes.
struct ChangeMarks {
  enum class Mark { none, inserted, deleted, moved };
  // Sections, blocks, list items, table rows and inlines of the tree, by
  // address: the tree must not be copied or changed once its nodes are
  // marked.
  std::unordered_map<const void*, Mark> marks;
  // A visible note before a marked section or block ("moved from 6.2").
  std::unordered_map<const void*, std::string> notes;
  // Plain texts of the tree as runs, for the title ("title"), the source
  // line ("source_line"), the cover fields (by name), a summary record's
  // header lines (kRecordWhen, kRecordChair) and the signatures
  // (signature_key) that changed.
  struct Run {
    Mark mark = Mark::none;
    std::string text;
  };
  std::unordered_map<std::string, std::vector<Run>> texts;
  // What the marks mean, printed before the report (HTML), and the
  // language of its words and of the notes (BCP 47).
  std::vector<Run> legend;
  std::string language = "en";
  // What a screen reader hears before inserted and deleted words and after
  // both (HTML), in `language`: "[inserted:", "[deleted:", "]". Empty: nothing.
  std::string inserted_words, deleted_words, end_words;
  // Tracked changes (DOCX): who made them and when, in W3CDTF.
  std::string author;
  std::string date;

  Mark of(const void* node) const {
    auto it = marks.find(node);
    return it == marks.end() ? Mark::none : it->second;
  }
};

// The keys of ChangeMarks::texts for a summary record's header lines.
inline const std::string kRecordWhen = "record.when";
inline const std::string kRecordChair = "record.chair";

// The key of ChangeMarks::texts for a signature's "name" or "role": 0 for
// the report's signature, N for a summary record's Nth.
inline std::string signature_key(std::size_t n, std::string_view part) {
  return (n == 0 ? std::string("signature.") : "signatures." + std::to_string(n) + ".") +
         std::string(part);
}

inline constexpr std::size_t kRenderChunkBytes = 64 * 1024;

struct RenderOptions {
  // Plain text: 0 keeps each paragraph on one line, as the sample report
  // does; N > 0 wraps at N columns with a hanging indent.
  int width = 0;
  // A renderer passes its text on to the sink whenever it has gathered this
  // many bytes (a piece ends at a line's end, so one longer line is one
  // piece). Changes nothing in the bytes written.
  std::size_t chunk_bytes = kRenderChunkBytes;
  // DOCX: the time its properties give as created and modified, in W3CDTF
  // ("2018-01-23T09:30:00Z"). Empty: none, so that the same sources give
  // the same bytes whenever they are built. The driver takes it from
  // SOURCE_DATE_EPOCH.
  std::string timestamp;
  // HTML only: the document is for a PDF engine that implements CSS paged
  // media with generated content (WeasyPrint). The style sheet gains
  // html-paged.css (the report's symbol in the running header), and each
  // footnote is set at its first mark, to float to the foot of the page;
  // only those that cannot be listed at the end.
  bool paged_media = false;
  // A redline: the changes to mark on the tree (HTML and DOCX only), or
  // none for the report itself.
  const ChangeMarks* changes = nullptr;
};

// Receives a rendered file in order, a piece at a time, as the renderer
// produces it: a build streams each format into its file instead of holding
// the whole text in memory.
class OutputSink {
 public:
  virtual ~OutputSink() = default;
  virtual void write(std::string_view bytes) = 0;
};

// Each renderer writes one file to `out`, in pieces of about
// opts.chunk_bytes.
void render_text(const tree::Report& report, const RenderOptions& opts, OutputSink& out);
void render_markdown(const tree::Report& report, const RenderOptions& opts, OutputSink& out);
void render_html(const tree::Report& report, const RenderOptions& opts, OutputSink& out);
// A DOCX (WordprocessingML in its zip container): binary, built whole, then
// passed on in pieces.
void render_docx(const tree::Report& report, const RenderOptions& opts, OutputSink& out);

// The same, returning the whole file.
std::string render_text(const tree::Report& report, const RenderOptions& opts);
std::string render_markdown(const tree::Report& report, const RenderOptions& opts);
std::string render_html(const tree::Report& report, const RenderOptions& opts);
std::string render_docx(const tree::Report& report, const RenderOptions& opts);

struct OutputFormat {
  std::string_view name;       // "txt", "md", "html": the -f names
  std::string_view extension;  // file name extension, without the dot
  void (*write)(const tree::Report&, const RenderOptions&, OutputSink&);
  // Written when -f is not given.
  bool by_default = true;

  // The whole file as a string.
  std::string render(const tree::Report& report, const RenderOptions& opts) const;
};

// All formats in a fixed order (md, html, txt, docx).
std::span<const OutputFormat> output_formats();
const OutputFormat* find_output_format(std::string_view name);

}  // namespace cwg
