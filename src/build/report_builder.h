// The report builder: the checked model becomes the render-neutral report
// tree, with every text parsed once.
#pragma once

#include "check/model.h"
#include "cwgreport/report_tree.h"

namespace cwg {

tree::Report build_report(const Model& model, Diagnostics& diags);

// "OUTCOME OF THE 14TH MEETING OF THE COUNCIL WORKING GROUP ON ..."
std::string report_title(const Sources& src);

}  // namespace cwg
