// SPDX-License-Identifier: MulanPSL-2.0
#include "cli/credit_wiring.h"

#include "complaints/complaint_figures.h"
#include "inspection/visit_store.h"

namespace amr::cli {

credit::RiskSources CreditRiskSources() {
  credit::RiskSources sources;
  sources.emplace("complaints", &complaints::ComplaintCountsByBusiness);
  sources.emplace("inspection_problems", &inspection::ProblemVisitsByEntity);
  return sources;
}

}  // namespace amr::cli
