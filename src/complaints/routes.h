// SPDX-License-Identifier: MulanPSL-2.0
// /api/v1/complaints/… (docs/complaints.md): 12315 intake, the consumer's
// tracking page, the units' queue and the acceptance decision. The routes
// only translate; ComplaintService decides.
#pragma once

#include <memory>

#include "complaints/complaint_service.h"
#include "http/router.h"

namespace amr::complaints {

void AddComplaintRoutes(http::Router& router, std::shared_ptr<ComplaintService> service,
                        const codes::CalendarSource& calendar, const Clock& clock);

}  // namespace amr::complaints
