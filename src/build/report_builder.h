// The report builder: the checked model becomes the render-neutral report
// tree, with every text parsed once.
#pragma once

#include "cwgreport/report_tree.h"
#include "check/model.h"

namespace cwg {

tree::Report build_report(const Model& model, Diagnostics& diags);

// "OUTCOME OF THE 14TH MEETING OF THE COUNCIL WORKING GROUP ON ..."
std::string report_title(const Sources& src);

}  // namespace cwg
