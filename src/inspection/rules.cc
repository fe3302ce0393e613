// SPDX-License-Identifier: MulanPSL-2.0
#include "inspection/rules.h"

#include <fmt/format.h>

#include <cmath>

namespace amr::inspection {

std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(';', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view part = text.substr(start, end - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) out.emplace_back(part);
    start = end + 1;
  }
  return out;
}

std::string JoinList(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ";") + s;
  return out;
}

bool ItemApplies(const Item& item, std::string_view kind, std::string_view industry_code) {
  bool kind_ok = item.entity_kinds.empty();
  for (const std::string& k : item.entity_kinds) kind_ok = kind_ok || k == kind;
  bool industry_ok = item.industries.empty();
  for (const std::string& p : item.industries) {
    industry_ok = industry_ok || industry_code.substr(0, p.size()) == p;
  }
  return kind_ok && industry_ok;
}

StatusOr<Ratios> TaskRatios(const RatioInput& given, bool only_general_items,
                            const InspectionConfig& config) {
  const std::optional<double> in[4] = {given.a, given.b, given.c, given.d};
  double out[4];
  for (int i = 0; i < 4; ++i) {
    const CreditRatio& row = config.ratios[i];
    const char cls = static_cast<char>('A' + i);
    if (!in[i]) {
      out[i] = row.ratio;
      continue;
    }
    const double v = *in[i];
    if (!(v >= 0 && v <= 1)) {
      return InvalidArgumentError(fmt::format("{} 类抽查比例应在 0 到 1 之间，收到 {}", cls, v),
                                  "ratios");
    }
    if (only_general_items && (v < row.min_ratio - 1e-9 || v > row.max_ratio + 1e-9)) {
      return FailedPreconditionError(
          fmt::format("一般事项的 {} 类（{}）抽查比例应在 {} 到 {} 之间（data/inspection/"
                      "credit_ratios.csv），收到 {}",
                      cls, row.name, row.min_ratio, row.max_ratio, v),
          "ratios");
    }
    out[i] = v;
  }
  return Ratios::FromFractions(out[0], out[1], out[2], out[3]);
}

StatusOr<Date> ResultDeadline(const Date& check_date, int workdays,
                              const codes::WorkdayCalendar& calendar) {
  return calendar.AddWorkdays(check_date, workdays);
}

std::string_view DeadlineStateId(DeadlineState state) {
  switch (state) {
    case DeadlineState::kNone:
      return "none";
    case DeadlineState::kOnTime:
      return "on_time";
    case DeadlineState::kDueSoon:
      return "due_soon";
    case DeadlineState::kOverdue:
      return "overdue";
    case DeadlineState::kEnteredLate:
      return "entered_late";
  }
  return "none";
}

StatusOr<DeadlineState> DeadlineStatus(std::optional<Date> deadline, std::optional<Date> entered_on,
                                       const Date& today, int warning_workdays,
                                       const codes::WorkdayCalendar& calendar) {
  if (!deadline) return DeadlineState::kNone;
  if (entered_on)
    return *entered_on <= *deadline ? DeadlineState::kOnTime : DeadlineState::kEnteredLate;
  if (today > *deadline) return DeadlineState::kOverdue;
  ASSIGN_OR_RETURN(int left, calendar.WorkdaysBetween(today, *deadline));
  return left <= warning_workdays ? DeadlineState::kDueSoon : DeadlineState::kOnTime;
}

}  // namespace amr::inspection
