// SPDX-License-Identifier: MulanPSL-2.0
#include "cli/timer_wiring.h"

// lifecycle:susp begin
#include "lifecycle/suspension_timers.h"
// lifecycle:susp end
// lifecycle:dereg begin
#include <spdlog/spdlog.h>

#include <memory>

#include "cli/credit_wiring.h"
#include "cli/registration_wiring.h"
#include "complaints/complaint_service.h"
#include "credit/credit_service.h"
#include "credit/serious_service.h"
#include "lifecycle/beneficial_owner_due.h"
#include "lifecycle/compulsory.h"
#include "lifecycle/simplified_timers.h"
#include "names/name_service.h"
// lifecycle:dereg end

namespace amr::cli {

void RegisterTimerHandlers(scheduler::Scheduler& scheduler, storage::Database& db,
                           const Clock& clock, const codes::CalendarSource& calendar) {
  // lifecycle:susp begin
  lifecycle::RegisterSuspensionTimers(scheduler, clock);  // suspension.*, liquidation.step_overdue
  // lifecycle:susp end
  // lifecycle:dereg begin — 简易注销 notice end and lapse, 一屏注销 window end.
  {
    // The name service only records the name's end (no index needed); the
    // service's deleter keeps it alive as long as the handlers.
    auto names = std::make_shared<names::NameService>(&db, clock);
    std::shared_ptr<const lifecycle::DeregistrationService> service(
        new lifecycle::DeregistrationService(lifecycle::DeregistrationPeriods::Default(),
                                             lifecycle::RestrictionKinds::Default(), clock,
                                             calendar, DeregistrationWiring(*names, clock)),
        [names](const lifecycle::DeregistrationService* s) { delete s; });
    lifecycle::RegisterDeregistrationTimers(scheduler, std::move(service));
    lifecycle::RegisterCompulsoryTimers(scheduler, clock);  // compulsory.notice_end
  }
  // lifecycle:dereg end
  // 12315: a mediation still open after its last day ends; reminders; an ODR
  // enterprise's limit passed (complaint_service.h).
  complaints::RegisterComplaintTimers(scheduler, clock, calendar);
  // Credit: the 经营异常名录 of entities without an annual report on the
  // first working day after the window, the reminders before it; the risk
  // classes monthly (each schedules its next; ScheduleRecurringTimers below
  // puts the first on the timetable).
  credit::RegisterCreditTimers(scheduler, clock, calendar);
  credit::RegisterSeriousTimers(scheduler, clock);
  credit::RegisterRiskTimers(scheduler, clock, CreditRiskSources());
  // The beneficial-owner filing after a change (beneficial_owner_due.h).
  lifecycle::RegisterBeneficialOwnerTimers(scheduler, clock);  // beneficial_owner.filing_due
}

void ScheduleRecurringTimers(storage::Database& db, const Clock& clock,
                             const codes::CalendarSource& calendar) {
  const Date today = ChinaDate(clock.Now());
  credit::CreditService credit(db, clock, calendar);
  if (Status s = credit.ScheduleNoReportBatch(today); !s.ok()) {
    spdlog::warn("未能安排年报列异批量任务：{}", s.message());
  }
  if (Status s = credit.ScheduleReminder(today); !s.ok()) {
    spdlog::warn("未能安排年报提醒任务：{}", s.message());
  }
  if (Status s = credit::SeriousService(db, clock, calendar).ScheduleDaily(today); !s.ok()) {
    spdlog::warn("未能安排严重违法失信名单提请任务：{}", s.message());
  }
  if (Status s = credit::RiskService(db, clock, CreditRiskSources()).ScheduleMonthly(today);
      !s.ok()) {
    spdlog::warn("未能安排信用风险分类任务：{}", s.message());
  }
}

}  // namespace amr::cli
