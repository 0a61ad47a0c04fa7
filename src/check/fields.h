// Text fields: GitHub-flavoured Markdown with cross-references, parsed once
// each with cmark-gfm, in the check phase, into report-tree inlines and
// blocks kept in the model. Constructs a text field cannot hold (`raw-html`,
// `markdown-block`) and fields past the limits (`text-limit`) are reported
// here; the report builder only moves the result into the tree.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "check/model.h"
#include "check/refs.h"

namespace cwg {

// Converts every text field the report prints, in print order, into
// `model` (sections' headings and paragraphs, summary, action, references,
// the titles of listed documents, the footnotes marked), charging what each
// use prints against limits.max_report_bytes. `refs` holds each field's
// references as the checker resolved them; a field it lacks (a document's
// title) is resolved here, once; each entry is let go once its field is
// converted.
void convert_fields(Model& model, const Sources& src,
                    std::unordered_map<const Text*, TextRefs>& refs, const TextLimits& limits,
                    Diagnostics& diags);

}  // namespace cwg
