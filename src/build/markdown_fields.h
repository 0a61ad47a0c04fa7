// Text fields: GitHub-flavoured Markdown with cross-references, parsed once
// with cmark-gfm into report-tree inlines and blocks.
#pragma once

#include "check/model.h"
#include "cwgreport/report_tree.h"

namespace cwg {

struct MarkdownText {
  tree::Inlines first;            // the first paragraph's inlines
  std::vector<tree::Block> rest;  // further paragraphs, lists, quotes, code
};

class MarkdownConverter {
 public:
  MarkdownConverter(const Model& model, Diagnostics& diags);

  // Parses a text field. References are resolved against the model; the
  // checker has reported the ones that do not resolve, which print as
  // written. Constructs a text field cannot hold are reported here.
  MarkdownText convert(const Text& text);

  // For one-line fields (headings, references): everything as inlines.
  tree::Inlines convert_inline(const Text& text);

  // Footnotes are numbered in the order their first reference is
  // converted, which is print order when the builder walks the report.
  const std::vector<std::string>& footnote_order() const { return footnote_order_; }

 private:
  friend class TextConverter;
  std::string footnote_number(const std::string& id);

  const Model& model_;
  Diagnostics& diags_;
  std::map<std::string, std::string> footnote_numbers_;
  std::vector<std::string> footnote_order_;
};

// Typography the reports use: a no-break space between "Resolution" (and
// "Decision") and its number and between a day and its month.
std::string apply_typography(std::string_view text);

}  // namespace cwg
