// SPDX-License-Identifier: MulanPSL-2.0
// What the parts of ComplaintService share (complaint_service.cc, the
// reports, ODR and registers files). Not for other contexts.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "complaints/complaint.h"
#include "identity/caller.h"

namespace amr::complaints::internal {

// "complaint:<id>": the subject of its deadlines and timers.
std::string Subject(int64_t id);
// The key of a stage's reminder timer: "complaint:<id>:<stage>".
std::string ReminderKey(int64_t id, std::string_view stage);
// What the audit trail keeps of a record: never the phone or the name.
nlohmann::json AuditJson(const Complaint& c);
// The caller's username (or the name of a service caller).
std::string WhoOf(const identity::Caller& caller);
// Whether the caller handles complaints in the unit at `unit_path`.
bool Handles(const identity::Caller& caller, std::string_view unit_path);
// Handles complaints at the unit at `unit_path` or at a unit below it (a
// station of the county keeps the county's registers).
bool HandlesWithin(const identity::Caller& caller, std::string_view unit_path);

}  // namespace amr::complaints::internal
