// SPDX-License-Identifier: MulanPSL-2.0
#include "lifecycle/beneficial_owner_due.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <nlohmann/json.hpp>

#include "audit/audit_log.h"
#include "calendar/deadline_store.h"
#include "lifecycle/beneficial_owner.h"
#include "lifecycle/timed_deadline.h"

namespace amr::lifecycle {
namespace {

using nlohmann::json;

std::string Key(std::string_view uscc) { return "beneficial_owner:" + std::string(uscc); }

}  // namespace

Status TrackBeneficialOwnerFiling(soci::session& sql, const registry::Entity& entity,
                                  const Date& changed_on, std::string_view authority_path,
                                  const codes::WorkdayCalendar& calendar, const Clock& clock) {
  // Calendar days; a last day off moves to the next working day (Art. 203).
  const codes::PeriodRule rule{BeneficialOwnerRules::Default().change_days(),
                               codes::PeriodUnit::kCalendarDays};
  // A second change restarts the time limit even after the first one's timer
  // fired or a filing cancelled it.
  return RestartDeadline(sql, calendar,
                         {kBeneficialOwnerDueTimer, Key(entity.uscc),
                          fmt::format("受益所有人变更备案期限 · {}", entity.name),
                          std::string(authority_path), codes::DeadlineInput{changed_on, rule},
                          json{{"uscc", entity.uscc}, {"changed_on", changed_on.ToString()}}},
                         clock)
      .status();
}

Status MeetBeneficialOwnerFiling(soci::session& sql, std::string_view uscc, const Clock& clock) {
  return CancelDeadline(sql, kBeneficialOwnerDueTimer, Key(uscc), clock);
}

StatusOr<std::optional<BeneficialOwnerDue>> OpenBeneficialOwnerDue(soci::session& sql,
                                                                   std::string_view uscc,
                                                                   const Date& today) {
  ASSIGN_OR_RETURN(std::optional<calendar::Deadline> d,
                   calendar::FindDeadline(sql, kBeneficialOwnerDueTimer, Key(uscc)));
  if (!d || !d->open) return std::optional<BeneficialOwnerDue>();
  return std::optional<BeneficialOwnerDue>(BeneficialOwnerDue{d->due, d->due.date < today});
}

StatusOr<std::string> CheckBeneficialOwnerFilingDue(soci::session& sql, std::string_view uscc_view,
                                                    const Date& changed_on, const Clock& clock) {
  const std::string uscc(uscc_view);
  // A filing on or after the day of the change meets it (the filing itself
  // closes the time limit; this covers one made while the timer was due).
  const std::string from = changed_on.ToString();
  long long filed = 0;
  sql << "SELECT COUNT(*) FROM beneficial_owner_filing WHERE uscc = :u AND filed_at >= :d",
      soci::use(uscc), soci::use(from), soci::into(filed);
  if (filed > 0) {
    RETURN_IF_ERROR(CloseFiredDeadline(sql, kBeneficialOwnerDueTimer, Key(uscc), clock));
    return fmt::format("{} 已按期备案受益所有人", uscc);
  }
  audit::Actor scheduler_actor;
  scheduler_actor.username = "scheduler";
  RETURN_IF_ERROR(audit::Append(sql,
                                {scheduler_actor, "beneficial_owner.overdue", "entity", uscc,
                                 json(nullptr), json{{"changed_on", from}}},
                                clock));
  return fmt::format("{} 自 {} 变更后逾期未备案受益所有人", uscc, from);
}

void RegisterBeneficialOwnerTimers(scheduler::Scheduler& scheduler, const Clock& clock) {
  const Clock* c = &clock;
  scheduler.Register(std::string(kBeneficialOwnerDueTimer),
                     [c](soci::session& sql, const scheduler::Timer& timer,
                         Clock::TimePoint) -> StatusOr<std::string> {
                       const std::string uscc = timer.payload.value("uscc", std::string());
                       auto changed_on =
                           Date::Parse(timer.payload.value("changed_on", std::string()));
                       if (uscc.empty() || !changed_on.ok()) {
                         return InvalidArgumentError("定时任务缺少 uscc 或 changed_on", "payload");
                       }
                       return CheckBeneficialOwnerFilingDue(sql, uscc, *changed_on, *c);
                     });
}

Status MoveBeneficialOwnerDeadline(soci::session& sql, std::string_view key, const Date& new_due,
                                   const Clock& clock) {
  return MoveTimedDeadline(sql, kBeneficialOwnerDueTimer, key, new_due, clock);
}

}  // namespace amr::lifecycle
