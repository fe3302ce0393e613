// SPDX-License-Identifier: MulanPSL-2.0
// Instant information (即时信息, 企业信息公示暂行条例 第十条; docs/credit.md): what
// an enterprise publishes itself between annual reports — investors'
// contributions, equity transfers, permits, IP pledges, penalties — within
// the rules' working days of the event, each item dated and marked late
// when it came after. When an item is missing, the registration authority
// orders the entity to publish it (责令公示) within the rules' days; an order
// not obeyed by then is a finding for the 经营异常名录 (reason instant_info).
// No SQL, no HTTP.
//
//   open → fulfilled (the entity published that kind after the order)
//        → listed    (the authority listed it on the expired order)
//
// Thread-safety: values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/status.h"
#include "credit/credit_rules.h"

namespace amr::credit {

struct InstantInfo {
  int64_t id = 0;
  std::string uscc, kind;
  Date event_on = Date::FromSysDays({});  // the day the information arose (形成之日)
  std::string summary;                    // what is published
  Date published_on = Date::FromSysDays({});
  Date due = Date::FromSysDays({});  // the last day to publish it in time
  bool late = false;
  std::string published_by;
};

// Checks the entry: InvalidArgument "kind" (not of the rules), "event_on"
// (not a date, in the future, before `established_on`), "summary" (5–2000
// characters). `due` is the last day of the rules' period from the event.
StatusOr<InstantInfo> MakeInstantInfo(const CreditRules& rules, std::string kind,
                                      const std::string& event_on, std::string summary,
                                      const Date& established_on, const Date& today);

enum class OrderState { kOpen, kFulfilled, kListed };
std::string_view OrderStateId(OrderState s);    // "open"
std::string_view OrderStateName(OrderState s);  // "责令公示中"
StatusOr<OrderState> ParseOrderState(std::string_view id);

struct PublishOrder {
  int64_t id = 0;
  std::string uscc, entity_name, kind;
  std::string what;  // what must be published, in the authority's words
  Date ordered_on = Date::FromSysDays({});
  Date due = Date::FromSysDays({});  // the last day to obey
  int64_t authority_unit_id = 0;
  std::string authority_name;
  OrderState state = OrderState::kOpen;
  std::string fulfilled_on;
  int64_t info_id = 0;  // the item that fulfilled it

  // Not obeyed by its last day: a finding from the day after.
  bool Expired(const Date& today) const { return state == OrderState::kOpen && due < today; }
  // The entity published `info` of the order's kind: FailedPrecondition
  // "state" unless open, InvalidArgument "kind" for another kind.
  Status Fulfil(const InstantInfo& info);
  // Listed on the 经营异常名录: FailedPrecondition "state" unless expired on `today`.
  Status MarkListed(const Date& today);
};

}  // namespace amr::credit
