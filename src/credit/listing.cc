// SPDX-License-Identifier: MulanPSL-2.0
#include "credit/listing.h"

#include <fmt/format.h>

namespace amr::credit {
namespace {

struct ReasonId {
  ListingReason value;
  std::string_view id;
};
constexpr ReasonId kReasons[] = {{ListingReason::kNoAnnualReport, "no_annual_report"},
                                 {ListingReason::kInstantInfo, "instant_info"},
                                 {ListingReason::kFalseInfo, "false_info"},
                                 {ListingReason::kUnreachable, "unreachable"}};

}  // namespace

std::string_view ListingReasonId(ListingReason r) {
  for (const ReasonId& n : kReasons) {
    if (n.value == r) return n.id;
  }
  return kReasons[0].id;
}

StatusOr<ListingReason> ParseListingReason(std::string_view id) {
  for (const ReasonId& n : kReasons) {
    if (n.id == id) return n.value;
  }
  return InvalidArgumentError("列入经营异常名录的事由不可识别", "reason");
}

std::string_view ListingStateId(ListingState s) {
  switch (s) {
    case ListingState::kListed:
      return "listed";
    case ListingState::kRemovalApplied:
      return "removal_applied";
    case ListingState::kRemoved:
      break;
  }
  return "removed";
}

std::string_view ListingStateName(ListingState s) {
  switch (s) {
    case ListingState::kListed:
      return "列入";
    case ListingState::kRemovalApplied:
      return "已申请移出，待登记机关决定";
    case ListingState::kRemoved:
      break;
  }
  return "已移出";
}

StatusOr<ListingState> ParseListingState(std::string_view id) {
  for (ListingState s :
       {ListingState::kListed, ListingState::kRemovalApplied, ListingState::kRemoved}) {
    if (ListingStateId(s) == id) return s;
  }
  return InvalidArgumentError("名录状态不可识别", "state");
}

Status Listing::Remove(const Date& today, std::string why) {
  if (state == ListingState::kRemoved) {
    return FailedPreconditionError(fmt::format("已于 {} 移出", removed_on), "state");
  }
  if (today < listed_on) return InvalidArgumentError("移出日期不能早于列入日期", "date");
  state = ListingState::kRemoved;
  removed_on = today.ToString();
  removal_reason = std::move(why);
  return OkStatus();
}

Status Listing::ApplyForRemoval(const Date& today, std::string statement, const Date& due) {
  if (state == ListingState::kRemovalApplied) {
    return FailedPreconditionError(fmt::format("已于 {} 申请移出，登记机关将于 {} 前作出决定",
                                               removal_applied_on, removal_due),
                                   "state");
  }
  if (state != ListingState::kListed) {
    return FailedPreconditionError(fmt::format("已于 {} 移出", removed_on), "state");
  }
  if (statement.empty()) {
    return InvalidArgumentError("请说明已经做了什么（如已重新取得联系、已办理住所变更登记）",
                                "statement");
  }
  if (today < listed_on) return InvalidArgumentError("申请日期不能早于列入日期", "date");
  state = ListingState::kRemovalApplied;
  removal_applied_on = today.ToString();
  removal_statement = std::move(statement);
  removal_due = due.ToString();
  removal_refusal.clear();
  return OkStatus();
}

Status Listing::DecideRemoval(const Date& today, bool approve, std::string reason) {
  if (state != ListingState::kRemovalApplied) {
    return FailedPreconditionError("没有待决定的移出申请", "state");
  }
  if (!approve && reason.empty()) return InvalidArgumentError("不予移出须说明理由", "reason");
  if (approve) {
    return Remove(today, reason.empty() ? "经核实已消除列入事由，依申请移出" : std::move(reason));
  }
  state = ListingState::kListed;
  removal_refusal = std::move(reason);
  return OkStatus();
}

}  // namespace amr::credit
