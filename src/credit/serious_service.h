// SPDX-License-Identifier: MulanPSL-2.0
// The 严重违法失信名单 as a procedure (serious.h; docs/credit.md): each day the
// platform proposes the entities still on the 经营异常名录 after the rules'
// years and reminds those whose day comes within the reminder days (outbox
// topic "credit.escalation_reminder"); the registration authority (注册官,
// credit.decide) gives the prior notice, the entity states its case within
// the statement period (credit.file), the authority decides. Only listed and
// removed records are public.
//
// Thread-safety: thread-safe (the database and calendar are).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "codes/calendar.h"
#include "common/clock.h"
#include "common/status.h"
#include "credit/credit_rules.h"
#include "credit/serious.h"
#include "identity/caller.h"
#include "scheduler/scheduler.h"
#include "storage/database.h"

namespace amr::credit {

inline constexpr std::string_view kEscalationTimer = "credit.escalation";
inline constexpr std::string_view kEscalationReminderTopic = "credit.escalation_reminder";

struct EscalationRun {
  int64_t proposed = 0;
  int64_t reminded = 0;  // reminders enqueued now (each listing is reminded once)
  int64_t removed = 0;   // listings whose period ended, removed now
};

class SeriousService {
 public:
  SeriousService(storage::Database& db, const Clock& clock, const codes::CalendarSource& calendar,
                 const CreditRules& rules = CreditRules::Default());

  // The day's escalation, audited "credit.serious_propose" per proposal.
  StatusOr<EscalationRun> Escalate(const Date& today);
  static StatusOr<EscalationRun> EscalateIn(soci::session& sql, const Date& today,
                                            const Clock& clock, const CreditRules& rules);
  // Tomorrow's escalation at 01:00 as a persistent timer (kEscalationTimer,
  // key the day); each run schedules the next. Idempotent.
  Status ScheduleDaily(const Date& today);
  static Status ScheduleIn(soci::session& sql, const Date& today, const Clock& clock);

  // The authority proposes the entity on a penalty of the 严重 tier (第二条: a
  // 较重行政处罚) under a category of the rules proposed on penalties:
  // InvalidArgument "category" for another; NotFound "penalty_id" for
  // another entity's or none; FailedPrecondition "penalty_id" for a lighter
  // tier or one proposed already, "uscc" while the entity is listed or
  // proposed. Then notice, statement and decision as for the escalation.
  // Audited "credit.serious_propose".
  StatusOr<SeriousListing> Propose(const identity::Caller& caller, const std::string& uscc,
                                   const std::string& category, int64_t penalty_id);
  // The prior notice (告知) of a proposal: the statement period starts.
  StatusOr<SeriousListing> Notice(const identity::Caller& caller, int64_t id);
  // The entity's statement (陈述、申辩) within its period.
  StatusOr<SeriousListing> State(const identity::Caller& caller, int64_t id, std::string text);
  // The decision: listed for the rules' years, or not (with the reason).
  StatusOr<SeriousListing> Decide(const identity::Caller& caller, int64_t id, bool list,
                                  std::string reason);
  // Proposals and notices awaiting the caller (credit.decide scope).
  StatusOr<std::vector<SeriousListing>> Queue(const identity::Caller& caller);
  const CreditRules& rules() const { return rules_; }
  // What the public sees of an entity: its listings (current and removed).
  StatusOr<std::vector<SeriousListing>> PublicOf(const std::string& uscc);

 private:
  StatusOr<SeriousListing> Change(
      const identity::Caller& caller, int64_t id, std::string_view permission,
      std::string_view action, const std::function<Status(soci::session&, SeriousListing&)>& step);

  storage::Database& db_;
  const Clock& clock_;
  const codes::CalendarSource& calendar_;
  const CreditRules& rules_;
};

void RegisterSeriousTimers(scheduler::Scheduler& scheduler, const Clock& clock,
                           const CreditRules& rules = CreditRules::Default());

}  // namespace amr::credit
