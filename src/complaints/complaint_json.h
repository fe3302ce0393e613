// SPDX-License-Identifier: MulanPSL-2.0
// The JSON forms of complaints (docs/complaints.md, data/api/routes.json).
#pragma once

#include <nlohmann/json.hpp>

#include "codes/calendar.h"
#include "common/date.h"
#include "common/status.h"
#include "complaints/complaint.h"
#include "complaints/complaint_service.h"

namespace amr::complaints {

// {"kind", "channel"?, "business": {"uscc"? , "name"?, "region_code"?},
//  "consumer": {"name"?, "phone"}, "summary", "occurred_on"?}. InvalidArgument
// naming the member for a wrong type or an unknown key; the rules themselves
// are Validate's (complaint.h).
StatusOr<NewComplaint> ParseNewComplaint(const nlohmann::json& body);
// Decision bodies: {"reason"} for not accepting, {"unit_code", "note"} for a
// transfer, {"note"?} for accepting.
StatusOr<Decision> ParseDecision(Decision::Kind kind, const nlohmann::json& body);

// What staff see (with the consumer's contact) and what the filer is told.
// While undecided, "accept_clock" says the working days left on `calendar`
// (negative once overdue).
nlohmann::json ComplaintJson(const Complaint& c, const ComplaintRules& rules,
                             const codes::WorkdayCalendar& calendar, const Date& today);
// The consumer's view through the query code: no contact, no staff names.
nlohmann::json TrackJson(const TrackView& view, const ComplaintRules& rules,
                         const codes::WorkdayCalendar& calendar, const Date& today);

}  // namespace amr::complaints
