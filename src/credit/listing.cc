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
  return s == ListingState::kListed ? "listed" : "removed";
}
std::string_view ListingStateName(ListingState s) {
  return s == ListingState::kListed ? "列入" : "已移出";
}
StatusOr<ListingState> ParseListingState(std::string_view id) {
  if (id == "listed") return ListingState::kListed;
  if (id == "removed") return ListingState::kRemoved;
  return InvalidArgumentError("名录状态不可识别", "state");
}

Status Listing::Remove(const Date& today, std::string why) {
  if (state != ListingState::kListed) {
    return FailedPreconditionError(fmt::format("已于 {} 移出", removed_on), "state");
  }
  if (today < listed_on) return InvalidArgumentError("移出日期不能早于列入日期", "date");
  state = ListingState::kRemoved;
  removed_on = today.ToString();
  removal_reason = std::move(why);
  return OkStatus();
}

}  // namespace amr::credit
