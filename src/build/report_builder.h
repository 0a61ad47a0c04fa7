// The report builder: the checked model becomes the render-neutral report
// tree. It only transforms: every text field was converted, every reference
// resolved and every limit checked by the check phase, which reported what
// was wrong; the builder reports nothing, and is run on a model without
// errors (on another it builds what it can). After it, the tree holds
// sanitized text, unique anchors, markers and numbers.
#pragma once

#include "check/model.h"
#include "cwgreport/report_tree.h"

namespace cwg {

// Consumes the model: its converted texts move into the tree.
tree::Report build_report(Model model);

// "OUTCOME OF THE 14TH MEETING OF THE COUNCIL WORKING GROUP ON ..."
std::string report_title(const FrontMatter& front);

}  // namespace cwg
