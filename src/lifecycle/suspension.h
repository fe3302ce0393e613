// SPDX-License-Identifier: MulanPSL-2.0
// 歇业 (suspension of business, 市场主体登记管理条例 第三十条): filed before the
// entity suspends, for a reason of data/lifecycle/suspension_reasons.csv; at
// most 3 years in total over all periods of an entity, extensions included
// (periods.json "suspension.max_total"); extended within 30 days before the
// period ends ("suspension.extension_window"); ended by a resumption filing
// or, at the end of the period, deemed resumed by the timer
// "suspension.expiry". Filing, extension, resumption and expiry are published
// (ListSuspensionNotices).
//
// Dates: start_on and end_on are the first and last day of the period
// (inclusive). The entity becomes suspended on start_on (at once when that is
// today, otherwise by the timer "suspension.start" at 00:00 China time) and
// active again on the day after end_on or on the resumption day.
//
// Writes run in the caller's transaction, check the caller with
// AuthorizeEntityAction (staff: registration.accept; applicants: the licence
// task "change") and append an audit record. Errors name the field.
//
// Thread-safety: functions; the session belongs to the caller.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/date.h"
#include "common/status.h"
#include "identity/caller.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::lifecycle {

inline constexpr std::string_view kSuspensionStartTimer = "suspension.start";
inline constexpr std::string_view kSuspensionExpiryTimer = "suspension.expiry";
// The outcome recorded when a period ends without a resumption filing.
inline constexpr std::string_view kDeemedResumed = "歇业期满，视为恢复营业";

struct SuspensionReason {
  std::string code;  // natural_disaster
  std::string name;  // 自然灾害
};
// The reasons of DataDir()/lifecycle/suspension_reasons.csv (aborts with a
// message if it cannot be read).
const std::vector<SuspensionReason>& SuspensionReasons();

struct Suspension {
  int64_t id = 0;
  std::string uscc;
  std::string entity_name;
  std::string reason_category;  // the reason's name (自然灾害 …)
  std::string reason;           // free text
  Date filed_on = Date::FromSysDays({});
  Date start_on = Date::FromSysDays({});
  Date end_on = Date::FromSysDays({});  // after extensions
  Date original_end_on = Date::FromSysDays({});
  int extensions = 0;
  std::string state;  // filed | in_effect | resumed | expired
  std::optional<Date> resumed_on;
  std::string outcome;  // why it ended (Chinese)
  std::string filed_by;
  std::string created_at;
  std::string updated_at;
};

struct SuspensionRequest {
  std::string reason_category;  // code or name of a SuspensionReason
  std::string reason;
  Date start_on = Date::FromSysDays({});
  Date end_on = Date::FromSysDays({});
};

// The 3-year budget of an entity.
struct SuspensionBudget {
  Date first_start = Date::FromSysDays({});
  int cap_days = 0;   // days from first_start to the same date 3 years later
  int used_days = 0;  // all periods, each to its resumption or its end
  int remaining_days = 0;
};

struct SuspensionNotice {
  int64_t id = 0;
  int64_t suspension_id = 0;
  std::string uscc;
  std::string entity_name;
  std::string kind;  // filing | extension | resumption | expiry
  Date published_on = Date::FromSysDays({});
  Date start_on = Date::FromSysDays({});
  Date end_on = Date::FromSysDays({});
  std::string text;
};

// Files a suspension of `uscc` today. Errors: InvalidArgument for an unknown
// reason_category, start_on before today ("start_on"), end_on before start_on;
// FailedPrecondition if the entity is not active or already has an open
// suspension ("uscc"), or if the period would pass the 3-year total
// ("end_on", with the remaining days and the last allowed day).
StatusOr<Suspension> FileSuspension(soci::session& sql, const identity::Caller& caller,
                                    std::string_view uscc, const SuspensionRequest& request,
                                    const Clock& clock);
// Moves the end of an open period to `new_end_on`, filed today within the
// extension window before end_on (FailedPrecondition naming "end_on" with the
// window otherwise) and within the 3-year total.
StatusOr<Suspension> ExtendSuspension(soci::session& sql, const identity::Caller& caller,
                                      std::string_view uscc, int64_t id, const Date& new_end_on,
                                      const Clock& clock);
// Resumption filed today: the entity is active again from today.
StatusOr<Suspension> ResumeBusiness(soci::session& sql, const identity::Caller& caller,
                                    std::string_view uscc, int64_t id, const Clock& clock);

StatusOr<std::vector<Suspension>> ListSuspensions(soci::session& sql, std::string_view uscc);
StatusOr<Suspension> GetSuspension(soci::session& sql, std::string_view uscc, int64_t id);
StatusOr<SuspensionBudget> SuspensionBudgetOf(soci::session& sql, std::string_view uscc,
                                              std::optional<Date> first_start = std::nullopt);
// Published notices, newest first; `uscc` "" = all.
StatusOr<std::vector<SuspensionNotice>> ListSuspensionNotices(soci::session& sql,
                                                              std::string_view uscc, int limit,
                                                              int offset);

// Timer handlers (payload {"suspension_id": n}); each returns the outcome.
// Start: filed → in_effect, entity suspended. Expiry: in_effect → expired,
// entity active, published, audited with kDeemedResumed; a period already
// resumed is left as it is.
StatusOr<std::string> StartSuspensionNow(soci::session& sql, int64_t id, const Clock& clock);
StatusOr<std::string> ExpireSuspension(soci::session& sql, int64_t id, const Clock& clock);

nlohmann::json SuspensionJson(const Suspension& s);
nlohmann::json SuspensionNoticeJson(const SuspensionNotice& n);
nlohmann::json SuspensionBudgetJson(const SuspensionBudget& b);

}  // namespace amr::lifecycle
