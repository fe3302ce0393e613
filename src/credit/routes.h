// SPDX-License-Identifier: MulanPSL-2.0
// /api/v1/entities/{uscc}/annual-reports and /credit (docs/credit.md): annual
// reports filed and read, the lists the entity is on and why, and the
// application to leave. The routes only translate; CreditService decides.
#pragma once

#include <memory>

#include "credit/credit_service.h"
#include "credit/instant_service.h"
#include "credit/punishment_service.h"
#include "credit/repair_service.h"
#include "credit/risk_service.h"
#include "credit/serious_service.h"
#include "http/router.h"

namespace amr::credit {

// `risk` (may be null) adds the risk class and its explanation to the credit
// view for staff who may see it (credit.risk_read over the entity).
void AddCreditRoutes(http::Router& router, std::shared_ptr<CreditService> service,
                     std::shared_ptr<RiskService> risk = nullptr,
                     std::shared_ptr<SeriousService> serious = nullptr);
// /api/v1/credit/serious…: the 严重违法失信名单 procedure (queue, prior notice,
// statement, decision).
void AddSeriousRoutes(http::Router& router, std::shared_ptr<SeriousService> service);
// /api/v1/entities/{uscc}/credit-risk, /api/v1/credit/risk-distribution and
// /api/v1/credit/risk-classification: the risk classes (staff only).
void AddRiskRoutes(http::Router& router, std::shared_ptr<RiskService> service);

// /api/v1/joint-punishment/…: the catalogue (public), a department's query
// of a party and its feedback, the figures.
void AddPunishmentRoutes(http::Router& router, std::shared_ptr<PunishmentService> service);

// /api/v1/entities/{uscc}/penalties and /credit-repairs, /api/v1/credit/repairs…
// and /api/v1/credit/repair-rules: penalty publications and credit repair.
void AddRepairRoutes(http::Router& router, std::shared_ptr<RepairService> service);

// /api/v1/entities/{uscc}/instant-info and /publish-orders,
// /api/v1/credit/instant-info-rules: instant information and orders to publish.
void AddInstantRoutes(http::Router& router, std::shared_ptr<InstantInfoService> service);

}  // namespace amr::credit
