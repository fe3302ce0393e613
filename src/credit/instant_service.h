// SPDX-License-Identifier: MulanPSL-2.0
// Instant information and orders to publish as procedures (instant_info.h;
// docs/credit.md), each step one transaction with its audit record:
//
//   InstantInfoService instant(db, clock, calendar);
//   instant.Publish(owner, uscc, {"equity_transfer", "2026-03-02", "…"});
//   instant.Order(registrar, uscc, "equity_transfer", "2026 年 2 月股权转让");
//   // not obeyed by its last day: a finding in CreditService::Findings,
//   // listed with CreditService::DecideListing (source "publish_order:ID")
//
// Who: the entity's licence administrators or agents (credit.file, task
// annual_report) or the county's window publish; the registration authority
// (credit.decide over the entity's county) orders. Items and orders are
// public.
//
// Thread-safety: thread-safe (the database and calendar are).
#pragma once

#include <string>
#include <vector>

#include "codes/calendar.h"
#include "common/clock.h"
#include "common/status.h"
#include "credit/credit_rules.h"
#include "credit/instant_info.h"
#include "identity/caller.h"
#include "storage/database.h"

namespace amr::credit {

inline constexpr std::string_view kPublishOrderTopic = "credit.publish_order";

struct NewInstantInfo {
  std::string kind, event_on, summary;
};

struct PublishedInfo {
  InstantInfo info;
  bool created = true;             // false: the same item again, nothing written
  std::vector<int64_t> fulfilled;  // the open orders it fulfilled
};

class InstantInfoService {
 public:
  InstantInfoService(storage::Database& db, const Clock& clock,
                     const codes::CalendarSource& calendar,
                     const CreditRules& rules = CreditRules::Default());

  // InvalidArgument as MakeInstantInfo; NotFound "uscc"; FailedPrecondition
  // "uscc" for an entity deregistered or an individual business (no instant
  // information); PermissionDenied for a caller who may not act for it.
  // Due 20 working days after the event (the rules), marked late after.
  // Fulfils the entity's open orders of the kind. Audited
  // "credit.instant_publish"; in the change feed.
  StatusOr<PublishedInfo> Publish(const identity::Caller& caller, const std::string& uscc,
                                  const NewInstantInfo& in);
  StatusOr<std::vector<InstantInfo>> Of(const std::string& uscc);

  // 责令公示: the entity must publish `kind` (`what`: 5–500 characters) within
  // the rules' days; an outbox event (kPublishOrderTopic) tells it.
  // FailedPrecondition "kind" while an order of the kind is open. Audited
  // "credit.publish_order".
  StatusOr<PublishOrder> Order(const identity::Caller& caller, const std::string& uscc,
                               const std::string& kind, const std::string& what);
  StatusOr<std::vector<PublishOrder>> OrdersOf(const std::string& uscc);

  const CreditRules& rules() const { return rules_; }
  Date Today() const { return ChinaDate(clock_.Now()); }

 private:
  storage::Database& db_;
  const Clock& clock_;
  const codes::CalendarSource& calendar_;
  const CreditRules& rules_;
};

}  // namespace amr::credit
