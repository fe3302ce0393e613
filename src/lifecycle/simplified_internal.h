// SPDX-License-Identifier: MulanPSL-2.0
// Shared by simplified.cc and simplified_one_screen.cc; not a public header.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "lifecycle/simplified.h"

namespace amr::lifecycle::internal {

// Applicants through AuthorizeEntityAction (task "deregistration"); staff
// holding `staff_permission` for the entity (AuthorizeStaff); no principal:
// the platform.
StatusOr<EntityAccess> AccessEntity(soci::session& sql, const identity::Caller& caller,
                                    std::string_view uscc, std::string_view staff_permission,
                                    const Clock& clock);

// Every failed condition of `procedure` for the entity; `ignore_application`
// is an application of that procedure not to count as unfinished (the one
// being completed).
std::vector<FailedCondition> FailedConditions(soci::session& sql, const registry::Entity& entity,
                                              std::string_view procedure,
                                              const RestrictionKinds& kinds,
                                              int64_t ignore_application = 0);

Status AuditChange(soci::session& sql, const audit::Actor& actor, std::string action,
                   std::string target_type, int64_t id, nlohmann::json before, nlohmann::json after,
                   const Clock& clock);

// The actor of timer handlers.
audit::Actor SchedulerActor();

Status CheckText(std::string_view value, std::string_view field, size_t max, bool required,
                 std::string_view what);

// Whether `region` starts with one of `prefixes` ("" = all).
bool InRegions(std::string_view region, const std::vector<std::string>& prefixes);

}  // namespace amr::lifecycle::internal
