// A redline: the new version of a report with what changed since the old one
// marked on it, for a renderer to lay out (`cwgreport diff -f html|docx`).
#pragma once

#include <memory>

#include "cwgreport/render.h"
#include "cwgreport/report_tree.h"
#include "diff/report_diff.h"

namespace cwg::diff {

// The tree to render and its marks, which point into it: kept together,
// and never copied.
struct Redline {
  tree::Report report;
  ChangeMarks marks;
};

struct RedlineOptions {
  // Word's tracked changes have no "moved" a reviewer can reject into the
  // old order: a moved unit is then deleted at its old place and inserted
  // at its new one. Otherwise it is shown once, where it is, marked moved.
  bool moves_as_edits = false;
  Limits limits;
  // The note on a moved part, in the report's language: `moved` when it had
  // no number or kept it, else `moved_from` with its old {number}.
  std::string moved, moved_from;
};

// The new report (`new_report`, the tree of `new_version`) with the old
// one's deleted units put back where they stood, marked deleted; inserted
// units marked inserted; in a changed unit, the words that changed, at the
// inlines that hold them, so that links, emphasis and references stay. Numbers
// are the new report's: renumbering is not a change of the text.
std::unique_ptr<Redline> redline(const tree::Report& old_report, const Version& old_version,
                                 const tree::Report& new_report, const Version& new_version,
                                 const Alignment& alignment, const RedlineOptions& options);

}  // namespace cwg::diff
