// SPDX-License-Identifier: MulanPSL-2.0
// The last step every kind of deregistration shares (简易注销, 个体工商户一屏注销,
// 一般注销, and the individual business closed by 个转企): the entity ends, and
// in the same transaction 证照并销 cancels what the AMR issued to it — the
// electronic business licence and every AMR-issued permit still in force.
// One deregistration_record row per entity feeds the figures the year-end
// reports quote (counts by kind, 证照并销, average days from application).
//
// Thread-safety: functions; the session belongs to the caller.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_log.h"
#include "common/clock.h"
#include "common/date.h"
#include "common/status.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::lifecycle {

// simplified (简易注销), one_screen (个体工商户一屏注销), ordinary (一般注销),
// conversion (个转企: the individual business closes as the enterprise opens),
// compulsory (强制注销, 公司法 Art. 241: lifecycle/compulsory.h).
inline constexpr std::string_view kDeregistrationKinds[] = {"simplified", "one_screen", "ordinary",
                                                            "conversion", "compulsory"};
std::string_view DeregistrationKindName(std::string_view kind);  // "简易注销" …

struct DeregistrationFact {
  std::string uscc;
  std::string kind;             // one of kDeregistrationKinds
  std::string application_ref;  // the application that ends it: "simplified:12", "liquidation:3"
  // Required (the defaults are placeholders, refused as before the entity's
  // establishment).
  Date applied_on = Date::FromSysDays({});       // the day the applicant applied
  Date deregistered_on = Date::FromSysDays({});  // the day of the decision
  std::string reason;                            // Chinese, shown on the public profile
};

struct DeregistrationResult {
  bool license_cancelled = false;              // the e-licence existed and is now cancelled
  std::vector<std::string> permits_cancelled;  // permit numbers cancelled with it (证照并销)
};

// The parts other contexts own, wired by cli::App (defaults do nothing).
struct DeregistrationHooks {
  // names: the name's one-year protection starts (NameService::RecordNameEnded).
  std::function<Status(soci::session&, std::string_view uscc, const Date& on,
                       std::string_view reason)>
      record_name_ended;
  // credit: the entity's current 经营异常名录 records end with it
  // (credit::EndListingsOfDeregistered).
  std::function<Status(soci::session&, std::string_view uscc, const Date& on)> end_listings;
  // outbox::Enqueue: topic "entity.deregistered" to tax, social insurance …
  std::function<Status(soci::session&, std::string_view topic, const nlohmann::json& payload,
                       std::string_view dedupe_key)>
      enqueue_event;
};

// Inside the caller's transaction: the entity becomes deregistered, the
// record is written, the licence and permits are cancelled, the hooks run,
// the change is audited (action "entity.deregister") and logged.
// FailedPrecondition naming "uscc" if the entity is already deregistered or
// revoked (a revoked one only by kind "compulsory"); InvalidArgument naming "kind" for an unknown
// kind; NotFound "uscc".
StatusOr<DeregistrationResult> DeregisterEntity(soci::session& sql, const DeregistrationFact& fact,
                                                const audit::Actor& actor,
                                                const DeregistrationHooks& hooks,
                                                const Clock& clock);

// The deregistration record of `uscc`, if it has ended.
struct DeregistrationRecord {
  DeregistrationFact fact;
  DeregistrationResult result;
  std::string recorded_at;
};
StatusOr<std::optional<DeregistrationRecord>> GetDeregistration(soci::session& sql,
                                                                std::string_view uscc);

// Figures over entities deregistered in [from, to] (China dates) whose region
// starts with one of `region_prefixes` ("" = all; empty list = none).
struct DeregistrationStats {
  struct KindFigures {
    std::string kind;
    int64_t count = 0;
    double average_days = 0;  // calendar days from application to deregistration
  };
  std::vector<KindFigures> by_kind;  // every kind, in kDeregistrationKinds order
  int64_t total = 0;
  int64_t with_permits_cancelled = 0;  // 证照并销: deregistrations that cancelled ≥ 1 permit
  int64_t permits_cancelled = 0;       // permits cancelled in all
  double average_days = 0;
};
StatusOr<DeregistrationStats> ComputeDeregistrationStats(
    soci::session& sql, const Date& from, const Date& to,
    const std::vector<std::string>& region_prefixes);

}  // namespace amr::lifecycle
