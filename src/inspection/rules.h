// SPDX-License-Identifier: MulanPSL-2.0
// Pure rules of 双随机、一公开 (DOMAIN.md §5): which items apply to an entity,
// a task's ratios against the editable table, the result deadline and its
// warnings, and the plan milestones. No I/O.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "codes/calendar.h"
#include "common/date.h"
#include "common/status.h"
#include "inspection/config.h"
#include "inspection/draw/draw.h"

namespace amr::inspection {

// 抽查事项: a department's inspection item.
struct Item {
  int64_t id = 0;
  std::string code;
  int64_t org_unit_id = 0;  // the department that inspects it
  std::string name;
  std::string category;  // "key" (重点, no cap on the ratio) or "general" (一般)
  std::string legal_basis;
  std::string content;
  std::vector<std::string> entity_kinds;  // empty: every kind
  std::vector<std::string> industries;    // industry code prefixes; empty: every industry
  std::string region_code;
};

// Whether `item` applies to an entity of `kind` in `industry_code`.
bool ItemApplies(const Item& item, std::string_view kind, std::string_view industry_code);

// "a;b;;c " → {"a","b","c"}; and back.
std::vector<std::string> SplitList(std::string_view text);
std::string JoinList(const std::vector<std::string>& items);

// A task's ratios: each class given in `given` (fractions; absent = the
// table's default) must lie in [0, 1] (InvalidArgument, field "ratios",
// naming the class), and, when the task has only general items, inside the
// table's band for the class (FailedPrecondition naming the class and band:
// 一般事项 have a limited ratio; 重点事项 none).
struct RatioInput {
  std::optional<double> a, b, c, d;
};
StatusOr<Ratios> TaskRatios(const RatioInput& given, bool only_general_items,
                            const InspectionConfig& config);

// The result deadline: `workdays` working days after the check date, on the
// statutory calendar (OutOfRange outside its years).
StatusOr<Date> ResultDeadline(const Date& check_date, int workdays,
                              const codes::WorkdayCalendar& calendar);

// How a visit stands against its deadline on `today`.
enum class DeadlineState { kNone, kOnTime, kDueSoon, kOverdue, kEnteredLate };
std::string_view DeadlineStateId(DeadlineState state);  // "due_soon"
// `entered_on` is the date the result was entered (nullopt: not yet).
// due_soon: not entered and at most `warning_workdays` working days left.
StatusOr<DeadlineState> DeadlineStatus(std::optional<Date> deadline, std::optional<Date> entered_on,
                                       const Date& today, int warning_workdays,
                                       const codes::WorkdayCalendar& calendar);

}  // namespace amr::inspection
