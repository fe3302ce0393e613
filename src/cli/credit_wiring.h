// SPDX-License-Identifier: MulanPSL-2.0
// The records of other contexts that count in the credit risk classes
// (credit/risk_service.h RiskSources): complaints received
// (complaints::ComplaintCountsByBusiness) and inspections that found a
// problem (inspection::ProblemVisitsByEntity).
#pragma once

#include "credit/risk_service.h"

namespace amr::cli {

credit::RiskSources CreditRiskSources();

}  // namespace amr::cli
