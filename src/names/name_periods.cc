// SPDX-License-Identifier: MulanPSL-2.0
#include "names/name_periods.h"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "codes/data_dir.h"
#include "codes/deadline.h"
#include "common/csv.h"
#include "common/status.h"

namespace amr::names {
namespace {

struct NamePeriods {
  codes::PeriodRule reservation, pre_approval_reservation, ended_protection;
};

StatusOr<NamePeriods> LoadPeriods(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return NotFoundError(fmt::format("找不到名称期间表 {}", path.string()), "data");
  const nlohmann::json json = nlohmann::json::parse(in, nullptr, false);
  if (!json.is_object()) {
    return InvalidArgumentError(fmt::format("{} 不是 JSON 对象", path.string()), "data");
  }
  NamePeriods out;
  for (auto [key, rule] : {std::pair{"reservation", &out.reservation},
                           std::pair{"pre_approval_reservation", &out.pre_approval_reservation},
                           std::pair{"ended_protection", &out.ended_protection}}) {
    if (!json.contains(key)) {
      return InvalidArgumentError(fmt::format("{} 缺少 {}", path.string(), key), "data");
    }
    ASSIGN_OR_RETURN(*rule, codes::PeriodRuleFromJson(json.at(key), key));
    // Validity periods, counted without the working-day calendar: no Art. 203 shift.
    if (rule->holiday_shift || rule->unit == codes::PeriodUnit::kWorkingDays) {
      return InvalidArgumentError(
          fmt::format("{}：{} 须为不顺延（holiday_shift false）的日、月或年期间", path.string(),
                      key),
          "data");
    }
  }
  return out;
}

template <typename T>
const T& LoadOrDie(StatusOr<T> (*load)(const std::filesystem::path&), const char* file,
                   const char* what) {
  const auto path = codes::DataDir() / "names" / file;
  auto loaded = load(path);
  if (!loaded.ok()) {
    std::fprintf(stderr, "无法读取%s：%s\n", what, loaded.status().message().c_str());
    std::abort();
  }
  return *new T(*std::move(loaded));
}

const NamePeriods& Periods() {
  static const NamePeriods& periods = LoadOrDie(&LoadPeriods, "periods.json", "名称期间表");
  return periods;
}

StatusOr<std::vector<PreApprovalItem>> LoadItems(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return NotFoundError(fmt::format("找不到 {}", path.string()), "data");
  CsvReader reader(in);
  std::vector<std::string> fields;
  ASSIGN_OR_RETURN(bool any, reader.Next(fields));
  if (!any || fields != std::vector<std::string>{"code", "name", "authority"}) {
    return InvalidArgumentError(
        fmt::format("{} 第 1 行：表头应为 code,name,authority", path.string()), "data");
  }
  std::vector<PreApprovalItem> out;
  std::set<std::string> seen;
  while (true) {
    ASSIGN_OR_RETURN(bool more, reader.Next(fields));
    if (!more) break;
    if (fields.size() == 1 && fields[0].empty()) continue;
    if (fields.size() != 3 || fields[0].empty() || fields[0].size() > 16 || fields[1].empty() ||
        !seen.insert(fields[0]).second) {
      return InvalidArgumentError(fmt::format("{} 第 {} 行：应为不重复的代码、事项名称和审批部门",
                                              path.string(), reader.line()),
                                  "data");
    }
    out.push_back({fields[0], fields[1], fields[2]});
  }
  return out;
}

Date End(Date from, const codes::PeriodRule& rule) {
  // The rules come from data; FixedPeriodEnd cannot fail on them (checked at load).
  auto end = codes::FixedPeriodEnd(from, rule);
  return end.ok() ? *end : from;
}

std::string Text(const codes::PeriodRule& rule) {
  switch (rule.unit) {
    case codes::PeriodUnit::kWorkingDays:
      return fmt::format("{} 个工作日", rule.amount);
    case codes::PeriodUnit::kCalendarDays:
      return fmt::format("{} 日", rule.amount);
    case codes::PeriodUnit::kMonths:
      return fmt::format("{} 个月", rule.amount);
    case codes::PeriodUnit::kYears:
      return fmt::format("{} 年", rule.amount);
  }
  return std::to_string(rule.amount);
}

}  // namespace

std::string ReservationPeriodText() { return Text(Periods().reservation); }
std::string PreApprovalReservationPeriodText() { return Text(Periods().pre_approval_reservation); }

Date ReservationExpiry(Date reserved_on) { return End(reserved_on, Periods().reservation); }
Date PreApprovalReservationExpiry(Date reserved_on) {
  return End(reserved_on, Periods().pre_approval_reservation);
}
Date EndedNameBlocksUntil(Date ended_on) { return End(ended_on, Periods().ended_protection); }

const std::vector<PreApprovalItem>& PreApprovalItems() {
  static const std::vector<PreApprovalItem>& items =
      LoadOrDie(&LoadItems, "pre_approval_items.csv", "登记前置审批事项表");
  return items;
}

const PreApprovalItem* FindPreApprovalItem(std::string_view code) {
  for (const PreApprovalItem& item : PreApprovalItems()) {
    if (item.code == code) return &item;
  }
  return nullptr;
}

}  // namespace amr::names
