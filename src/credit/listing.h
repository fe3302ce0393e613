// SPDX-License-Identifier: MulanPSL-2.0
// 经营异常名录 (企业经营异常名录管理暂行办法; docs/credit.md): an entity is
// listed for a reason of the data, with the decision's date, basis and
// authority; an individual business gets 经营异常状态 instead (same record,
// status_only) and is never escalated. It leaves on application once the
// reason is cured, or is proposed for the serious list after the years of
// the rules. No SQL, no HTTP.
//
// Thread-safety: values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/status.h"

namespace amr::credit {

enum class ListingReason { kNoAnnualReport, kInstantInfo, kFalseInfo, kUnreachable };
std::string_view ListingReasonId(ListingReason r);                // "no_annual_report"
StatusOr<ListingReason> ParseListingReason(std::string_view id);  // InvalidArgument "reason"

// listed → removal_applied (the entity says the reason is cured; the
// authority verifies) → removed, or back to listed when refused. A reason
// the platform can verify itself (the report filed) goes listed → removed.
enum class ListingState { kListed, kRemovalApplied, kRemoved };
std::string_view ListingStateId(ListingState s);    // "listed"
std::string_view ListingStateName(ListingState s);  // "列入"
StatusOr<ListingState> ParseListingState(std::string_view id);

struct Listing {
  int64_t id = 0;
  std::string uscc, entity_name, entity_kind;
  ListingReason reason = ListingReason::kNoAnnualReport;
  int report_year = 0;  // for kNoAnnualReport: the year not reported
  Date listed_on = Date::FromSysDays({});
  std::string decision_no;  // 决定书文号
  int64_t authority_unit_id = 0;
  std::string authority_name;
  ListingState state = ListingState::kListed;
  std::string removed_on, removal_reason;
  // A decision on a finding (every reason but the annual report): the day of
  // the finding, what shows it, where it came from ("inspection_visit:12"),
  // the decision's last day and whether it came after.
  std::string found_on, evidence, source, decision_due;
  bool decided_late = false;
  // The entity's application to leave, and the authority's answer.
  std::string removal_applied_on, removal_statement, removal_due, removal_refusal;

  // 个体工商户: 经营异常状态 rather than the list; never escalated.
  bool status_only() const { return entity_kind == "individual_business"; }
  // Removed on `today` because the reason was cured (`why`), or because the
  // entity was deregistered. FailedPrecondition "state" once removed;
  // InvalidArgument "date" before the listing.
  Status Remove(const Date& today, std::string why);
  // The entity applies to leave with its `statement` (what it did), the
  // decision due by `due`. FailedPrecondition "state" unless listed;
  // InvalidArgument "statement" when empty.
  Status ApplyForRemoval(const Date& today, std::string statement, const Date& due);
  // The authority's decision on that application: removed, or listed again
  // with the `reason` (required then). FailedPrecondition "state" unless an
  // application is pending.
  Status DecideRemoval(const Date& today, bool approve, std::string reason);
  bool current() const { return state != ListingState::kRemoved; }
};

// Why a listing ended when its entity was deregistered (not a repair).
inline constexpr std::string_view kRemovedOnDeregistration = "主体已注销，自动移出";

// A condition of removal, and whether it is met now.
struct RemovalCondition {
  std::string text;
  bool met = false;
};

}  // namespace amr::credit
