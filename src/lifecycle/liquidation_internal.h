// SPDX-License-Identifier: MulanPSL-2.0
// What the liquidation files share; not for other contexts.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "audit/audit_log.h"
#include "codes/calendar.h"
#include "common/clock.h"
#include "common/date.h"
#include "common/status.h"
#include "lifecycle/liquidation.h"
#include "lifecycle/periods.h"

namespace amr::lifecycle::internal {

// The period `key` ("liquidation.public_notice") for an entity of `form`:
// the form's own section ("liquidation_sole_proprietorship.public_notice")
// when periods.json has one, nullopt when that section says there is none
// ("unit": "none"), else the general one.
StatusOr<std::optional<Period>> PeriodFor(std::string_view form, std::string_view key);
// The last day of that period counted from `from`; NotFound when the form has none.
StatusOr<Date> EndOf(std::string_view form, std::string_view key, const Date& from,
                     const codes::WorkdayCalendar& calendar);

// A stored date ("YYYY-MM-DD"); the epoch for anything else.
Date DateOf(const std::string& text);
// Appends the audit entry of a liquidation's state change.
Status AuditLiquidation(soci::session& sql, const audit::Actor& actor, std::string action,
                        int64_t id, nlohmann::json before, nlohmann::json after,
                        const Clock& clock);
// The step of that name in `l`, or null.
const LiquidationStep* StepOf(const Liquidation& l, std::string_view step);

}  // namespace amr::lifecycle::internal
