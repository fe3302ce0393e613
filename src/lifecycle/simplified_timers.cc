// SPDX-License-Identifier: MulanPSL-2.0
#include "lifecycle/simplified_timers.h"

namespace amr::lifecycle {
namespace {

StatusOr<int64_t> IdOf(const scheduler::Timer& timer) {
  auto it = timer.payload.find("id");
  if (it == timer.payload.end() || !it->is_number_integer() || it->get<int64_t>() <= 0) {
    return InvalidArgumentError("定时任务缺少申请编号 id", "payload");
  }
  return it->get<int64_t>();
}

using Step = StatusOr<std::string> (DeregistrationService::*)(soci::session&, int64_t) const;

scheduler::Handler HandlerFor(std::shared_ptr<const DeregistrationService> service, Step step) {
  return [service = std::move(service), step](soci::session& sql, const scheduler::Timer& timer,
                                              Clock::TimePoint) -> StatusOr<std::string> {
    ASSIGN_OR_RETURN(int64_t id, IdOf(timer));
    return ((*service).*step)(sql, id);
  };
}

}  // namespace

void RegisterDeregistrationTimers(scheduler::Scheduler& scheduler,
                                  std::shared_ptr<const DeregistrationService> service) {
  scheduler.Register(std::string(kNoticeEndTimer),
                     HandlerFor(service, &DeregistrationService::EndNotice));
  scheduler.Register(std::string(kCompletionExpiredTimer),
                     HandlerFor(service, &DeregistrationService::ExpireCompletion));
  scheduler.Register(std::string(kOneScreenWindowTimer),
                     HandlerFor(service, &DeregistrationService::EndOneScreenWindow));
}

}  // namespace amr::lifecycle
