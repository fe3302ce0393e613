// SPDX-License-Identifier: MulanPSL-2.0
#include "lifecycle/periods.h"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "codes/calendar.h"
#include "codes/data_dir.h"

namespace amr::lifecycle {

std::string DescribePeriod(const Period& period) {
  switch (period.unit) {
    case PeriodUnit::kWorkingDays:
      return fmt::format("{} 个工作日", period.value);
    case PeriodUnit::kYears:
      return fmt::format("{} 年", period.value);
    case PeriodUnit::kCalendarDays:
      break;
  }
  return fmt::format("{} 日", period.value);
}

Date AddYears(const Date& date, int years) {
  auto d = Date::FromYmd(date.year() + years, date.month(), date.day());
  if (d.ok()) return *d;
  // Only 29 February has no counterpart: the last day of February.
  return *Date::FromYmd(date.year() + years, date.month(), 28);
}

StatusOr<Periods> Periods::Load(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return NotFoundError("找不到期限配置文件 " + file.string());
  nlohmann::json doc = nlohmann::json::parse(in, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return InvalidArgumentError("期限配置文件不是 JSON 对象：" + file.string(), "periods");
  }
  Periods out;
  // Sections of periods ("suspension": {"max_total": {...}}); entries
  // without value/unit belong to other loaders and are skipped.
  for (auto sec = doc.begin(); sec != doc.end(); ++sec) {
    if (sec.key().starts_with("_") || !sec.value().is_object()) continue;
    for (auto it = sec.value().begin(); it != sec.value().end(); ++it) {
      const nlohmann::json& v = it.value();
      if (!v.is_object() || !v.contains("value") || !v.contains("unit")) continue;
      const std::string key = sec.key() + "." + it.key();
      if (v["unit"] == "none") {  // no statutory limit for this key
        out.none_.insert(key);
        continue;
      }
      if (!v["value"].is_number_integer() || v["value"].get<int>() < 0 || !v["unit"].is_string()) {
        return InvalidArgumentError("期限 " + key + " 的 value 须为非负整数，unit 须为字符串", key);
      }
      Period p;
      p.key = key;
      p.value = v["value"].get<int>();
      const std::string unit = v["unit"].get<std::string>();
      if (unit == "calendar_days") {
        p.unit = PeriodUnit::kCalendarDays;
      } else if (unit == "working_days") {
        p.unit = PeriodUnit::kWorkingDays;
      } else if (unit == "years") {
        p.unit = PeriodUnit::kYears;
      } else {
        return InvalidArgumentError(
            "期限 " + key + " 的 unit 须为 calendar_days、working_days、years 或 none", key);
      }
      if (auto shift = v.find("holiday_shift"); shift != v.end()) {
        if (!shift->is_boolean()) {
          return InvalidArgumentError("期限 " + key + " 的 holiday_shift 须为 true 或 false", key);
        }
        p.holiday_shift = shift->get<bool>();
      }
      p.source = v.value("source", "");
      p.note = v.value("note", "");
      out.periods_.emplace(p.key, std::move(p));
    }
  }
  return out;
}

const Periods& Periods::Default() {
  static const Periods* periods = [] {
    auto loaded = Load(codes::DataDir() / "lifecycle" / "periods.json");
    if (!loaded.ok()) {
      std::fprintf(stderr, "无法读取 lifecycle/periods.json：%s\n",
                   loaded.status().ToString().c_str());
      std::abort();
    }
    return new Periods(*std::move(loaded));
  }();
  return *periods;
}

StatusOr<Period> Periods::Get(std::string_view key) const {
  auto it = periods_.find(key);
  if (it == periods_.end()) {
    return NotFoundError(fmt::format("期限配置中没有 {}", key), std::string(key));
  }
  return it->second;
}

codes::PeriodRule Period::Rule() const {
  codes::PeriodRule rule{value, codes::PeriodUnit::kCalendarDays};
  switch (unit) {
    case PeriodUnit::kWorkingDays:
      rule.unit = codes::PeriodUnit::kWorkingDays;
      break;
    case PeriodUnit::kYears:
      rule.unit = codes::PeriodUnit::kYears;
      break;
    case PeriodUnit::kCalendarDays:
      break;
  }
  rule.holiday_shift = holiday_shift;
  return rule;
}

StatusOr<Date> Periods::End(std::string_view key, const Date& from,
                            const codes::WorkdayCalendar& calendar) const {
  ASSIGN_OR_RETURN(Period p, Get(key));
  ASSIGN_OR_RETURN(codes::CountedDate end, codes::PeriodEnd(calendar, from, p.Rule()));
  return end.date;
}

StatusOr<Date> Periods::FixedEnd(std::string_view key, const Date& from) const {
  ASSIGN_OR_RETURN(Period p, Get(key));
  return codes::FixedPeriodEnd(from, p.Rule());
}

}  // namespace amr::lifecycle
