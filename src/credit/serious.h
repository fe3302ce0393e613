// SPDX-License-Identifier: MulanPSL-2.0
// 严重违法失信名单 (市场监督管理严重违法失信名单管理办法, 总局令第44号, 2021;
// docs/credit.md): an entity is proposed (today: by the escalation of a
// 经营异常名录 listing still uncured after the rules' years), told in advance
// with its right to be heard (告知, a statement period of the rules), and
// then listed or not by the authority's decision; a listing ends after its
// period, or earlier on repair. States are guarded here; no SQL, no HTTP.
//
//   proposed → noticed → listed → removed
//        ↘        ↘ dropped (decided not to list)
//
// Thread-safety: values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/status.h"

namespace amr::credit {

enum class SeriousState { kProposed, kNoticed, kListed, kDropped, kRemoved };
std::string_view SeriousStateId(SeriousState s);    // "proposed"
std::string_view SeriousStateName(SeriousState s);  // "拟列入"
StatusOr<SeriousState> ParseSeriousState(std::string_view id);

struct SeriousListing {
  int64_t id = 0;
  std::string uscc, entity_name;
  std::string category;  // "abnormal_escalation"
  std::string source;    // "abnormal_listing:ID"
  SeriousState state = SeriousState::kProposed;
  std::string proposed_on;
  std::string noticed_on, statement_due, statement;  // 告知 and the entity's statement
  std::string decided_on, decision_no, decision_reason;
  int64_t authority_unit_id = 0;
  std::string authority_name;
  std::string listed_until;  // the last day of the listing period
  std::string removed_on, removal_reason;

  // The prior notice: FailedPrecondition "state" unless proposed.
  Status Notice(const Date& today, const Date& statement_due);
  // The entity's statement within its period: FailedPrecondition "state"
  // unless noticed, "statement_due" after the period; InvalidArgument
  // "statement" when empty.
  Status State(const Date& today, std::string text);
  // The decision after the statement or once its period has passed
  // (FailedPrecondition "statement_due" before): listed until `until`, or
  // dropped with the reason (required).
  Status Decide(const Date& today, bool list, std::string reason, const Date& until,
                std::string decision_no);
  // Ends a listing: its period over, or repaired early (`why`).
  // FailedPrecondition "state" unless listed.
  Status Remove(const Date& today, std::string why);
  bool current() const { return state == SeriousState::kListed; }
};

}  // namespace amr::credit
