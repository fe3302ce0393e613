// SPDX-License-Identifier: MulanPSL-2.0
#include "lifecycle/suspension_timers.h"

#include <string>

#include "lifecycle/liquidation.h"
#include "lifecycle/suspension.h"

namespace amr::lifecycle {
namespace {

StatusOr<int64_t> IdOf(const scheduler::Timer& timer, const char* name) {
  if (!timer.payload.contains(name) || !timer.payload[name].is_number_integer()) {
    return InvalidArgumentError(std::string("定时任务缺少 ") + name, "payload");
  }
  return timer.payload[name].get<int64_t>();
}

}  // namespace

void RegisterSuspensionTimers(scheduler::Scheduler& scheduler, const Clock& clock) {
  const Clock* c = &clock;
  scheduler.Register(std::string(kSuspensionStartTimer),
                     [c](soci::session& sql, const scheduler::Timer& timer,
                         Clock::TimePoint) -> StatusOr<std::string> {
                       ASSIGN_OR_RETURN(int64_t id, IdOf(timer, "suspension_id"));
                       return StartSuspensionNow(sql, id, *c);
                     });
  scheduler.Register(std::string(kSuspensionExpiryTimer),
                     [c](soci::session& sql, const scheduler::Timer& timer,
                         Clock::TimePoint) -> StatusOr<std::string> {
                       ASSIGN_OR_RETURN(int64_t id, IdOf(timer, "suspension_id"));
                       return ExpireSuspension(sql, id, *c);
                     });
  scheduler.Register(std::string(kStepOverdueTimer),
                     [c](soci::session& sql, const scheduler::Timer& timer,
                         Clock::TimePoint) -> StatusOr<std::string> {
                       ASSIGN_OR_RETURN(int64_t id, IdOf(timer, "liquidation_id"));
                       if (!timer.payload.contains("step") || !timer.payload["step"].is_string()) {
                         return InvalidArgumentError("定时任务缺少 step", "payload");
                       }
                       return MarkStepOverdue(sql, id, timer.payload["step"].get<std::string>(),
                                              *c);
                     });
}

}  // namespace amr::lifecycle
