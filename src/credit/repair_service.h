// SPDX-License-Identifier: MulanPSL-2.0
// 行政处罚信息公示 and 信用修复 as procedures (repair.h; docs/credit.md).
//
//   RepairService repair(db, clock, calendar, credit);
//   repair.PublishPenalty(officer, penalty);       // public from today
//   repair.Options(uscc);                          // what can be repaired, and when
//   repair.Apply(owner, uscc, kind, id, form);     // one form for every record
//   repair.Decide(registrar, application, true, "");
//
// Who: the registration authority (credit.decide over the entity's county)
// publishes penalties and decides applications; the entity's licence
// administrators or agents (credit.file, task annual_report), or the county's
// window for a paper application, apply. An application to leave the
// 经营异常名录 is the listing's own removal (CreditService::ApplyForRemoval),
// reached through the same form. Every step is one transaction with its
// audit record; the options and the public penalties are public.
//
// Thread-safety: thread-safe (the database and calendar are).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "codes/calendar.h"
#include "common/clock.h"
#include "common/status.h"
#include "credit/credit_service.h"
#include "credit/repair.h"
#include "credit/repair_store.h"
#include "identity/caller.h"
#include "storage/database.h"

namespace amr::credit {

struct PublishedPenalty {
  PenaltyPublication penalty;
  bool created = true;  // false: a retry of the same decision number, nothing written
};

// A record the entity may repair, with where each condition stands.
struct RepairOption {
  RepairRecord record = RepairRecord::kPenalty;
  int64_t record_id = 0;
  std::string title;  // "行政处罚 杭西市监罚〔2026〕12号"
  std::string since;  // decided / listed on
  RepairReading reading;
  std::optional<RepairApplication> pending;  // an application awaiting the decision
};

struct RepairForm {
  std::string statement, evidence;
  bool commitment = false;
};

struct RepairOutcome {
  std::optional<RepairApplication> application;  // penalty, serious listing
  std::optional<ListingView> listing;            // the 经营异常名录: removed, or applied
  bool created = true;
};

struct QueuedRepair {
  RepairApplication application;
  std::string title;  // the record: "行政处罚 杭西市监罚〔2025〕12号"
  int days_left = 0;  // working days to the decision's last day; negative once overdue
  bool overdue = false;
  bool due_provisional = false;  // counted into a year whose holidays are not entered yet
};

// `credit` must outlive the service.
class RepairService {
 public:
  RepairService(storage::Database& db, const Clock& clock, const codes::CalendarSource& calendar,
                CreditService& credit, const RepairRules& rules = RepairRules::Default());

  // InvalidArgument as MakePublication; NotFound "uscc"; PermissionDenied
  // outside the caller's credit.decide scope. Audited
  // "credit.penalty_publish"; in the change feed.
  StatusOr<PublishedPenalty> PublishPenalty(const identity::Caller& caller, const NewPenalty& in);
  // The penalties the public sees today (published, within their period).
  StatusOr<std::vector<PenaltyPublication>> PublicPenalties(const std::string& uscc);
  // Every current record of the entity that the form repairs: its penalties
  // still public, its serious listing, its 经营异常名录 listings.
  StatusOr<std::vector<RepairOption>> Options(const std::string& uscc);

  // The application. Penalty and serious listing: FailedPrecondition
  // "conditions" naming each condition not met (or why none can be made),
  // InvalidArgument "commitment" without the commitment, "statement" (5–2000
  // characters), "evidence" (2–2000); a retry while one is pending returns it
  // with `created` false. Decision due in the rules' working days. Audited
  // "credit.repair_apply". The 经营异常名录: CreditService::ApplyForRemoval.
  StatusOr<RepairOutcome> Apply(const identity::Caller& caller, const std::string& uscc,
                                RepairRecord record, int64_t record_id, RepairForm form);
  // Approved: the penalty stops showing, or the serious listing is removed
  // ("信用修复，提前移出"); refused with the reason. Audited
  // "credit.repair_decide".
  StatusOr<RepairApplication> Decide(const identity::Caller& caller, int64_t id, bool approve,
                                     std::string reason);
  // Applications awaiting the caller (credit.decide scope), oldest due first,
  // each with its record's title and where the decision's clock stands.
  StatusOr<std::vector<QueuedRepair>> Queue(const identity::Caller& caller);
  // The entity's applications, newest first: what was decided and why
  // (public: without the statement and evidence).
  StatusOr<std::vector<RepairApplication>> ApplicationsOf(const std::string& uscc);
  // One application, for the caller who decides it.
  StatusOr<RepairApplication> Get(const identity::Caller& caller, int64_t id);

  const RepairRules& rules() const { return rules_; }
  Date Today() const { return ChinaDate(clock_.Now()); }

 private:
  StatusOr<RepairFacts> FactsFor(soci::session& sql, const std::string& uscc, const Date& since,
                                 const std::string& source);

  storage::Database& db_;
  const Clock& clock_;
  const codes::CalendarSource& calendar_;
  CreditService& credit_;
  const RepairRules& rules_;
};

}  // namespace amr::credit
