// SPDX-License-Identifier: MulanPSL-2.0
// /api/v1/leads (docs/complaints.md, "Reports"): the case leads of the units
// in scope, each with its source and evidence. The routes only translate.
#pragma once

#include <memory>

#include "http/router.h"
#include "leads/lead_service.h"

namespace amr::leads {

void AddLeadRoutes(http::Router& router, std::shared_ptr<LeadService> service);

}  // namespace amr::leads
