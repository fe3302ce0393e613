// SPDX-License-Identifier: MulanPSL-2.0
// The rules of 清算 and 一般注销 (liquidation.h): the steps from data, the periods per legal form.
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>

#include "codes/data_dir.h"
#include "lifecycle/liquidation.h"
#include "lifecycle/liquidation_internal.h"
#include "lifecycle/periods.h"

namespace amr::lifecycle {

using nlohmann::json;

namespace internal {

StatusOr<std::optional<Period>> PeriodFor(std::string_view form, std::string_view key) {
  const Periods& periods = Periods::Default();
  if (form != "company" && key.starts_with("liquidation.")) {
    const std::string own = fmt::format("liquidation_{}.{}", form, key.substr(12));
    if (periods.NoLimit(own)) return std::optional<Period>();
    if (auto p = periods.Get(own); p.ok()) return std::optional<Period>(*p);
  }
  ASSIGN_OR_RETURN(Period p, periods.Get(key));
  return std::optional<Period>(p);
}

StatusOr<Date> EndOf(std::string_view form, std::string_view key, const Date& from,
                     const codes::WorkdayCalendar& calendar) {
  ASSIGN_OR_RETURN(std::optional<Period> p, PeriodFor(form, key));
  if (!p) return NotFoundError(fmt::format("{} 无此期限", key), std::string(key));
  ASSIGN_OR_RETURN(codes::CountedDate end, codes::PeriodEnd(calendar, from, p->Rule()));
  return end.date;
}

}  // namespace internal

using internal::PeriodFor;

std::string LiquidationForm(const registry::Entity& entity) {
  if (entity.kind == registry::EntityKind::kCooperative) return "cooperative";
  if (entity.org_form.find("个人独资") != std::string::npos) return "sole_proprietorship";
  if (entity.org_form.find("合伙") != std::string::npos) return "partnership";
  return "company";
}

const std::vector<LiquidationStepRule>& LiquidationSteps() {
  static const std::vector<LiquidationStepRule>* steps = [] {
    const auto path = codes::DataDir() / "lifecycle" / "liquidation_steps.json";
    std::ifstream in(path);
    json doc = json::parse(in, nullptr, false);
    if (!in || doc.is_discarded() || !doc.contains("steps") || !doc["steps"].is_array()) {
      std::fprintf(stderr, "无法读取 %s：须为含 steps 数组的 JSON\n", path.string().c_str());
      std::abort();
    }
    auto* out = new std::vector<LiquidationStepRule>();
    for (const json& s : doc["steps"]) {
      LiquidationStepRule r;
      r.step = s.at("step").get<std::string>();
      r.name = s.at("name").get<std::string>();
      r.period = s.value("period", "");
      r.from = s.value("from", "");
      r.from_text = s.value("from_text", "");
      r.note = s.value("note", "");
      r.actor = s.value("actor", "applicant");
      for (const json& d : s.value("documents", json::array())) {
        r.documents.push_back({d.at("code").get<std::string>(), d.at("name").get<std::string>()});
      }
      if (!r.period.empty() && !Periods::Default().Get(r.period).ok()) {
        std::fprintf(stderr, "%s：步骤 %s 的期限 %s 不在 periods.json 中\n", path.string().c_str(),
                     r.step.c_str(), r.period.c_str());
        std::abort();
      }
      out->push_back(std::move(r));
    }
    return out;
  }();
  return *steps;
}

json LiquidationRulesJson(std::string_view form) {
  static const std::map<std::string, std::string, std::less<>> kFormNames = {
      {"company", "公司"},
      {"sole_proprietorship", "个人独资企业"},
      {"partnership", "合伙企业"},
      {"cooperative", "农民专业合作社"}};
  auto period_json = [&](std::string_view key) -> json {
    auto p = PeriodFor(form, key);
    if (!p.ok() || !p->has_value()) return json();
    const Period& period = **p;
    const char* unit = period.unit == PeriodUnit::kWorkingDays ? "working_days"
                       : period.unit == PeriodUnit::kYears     ? "years"
                                                               : "calendar_days";
    return {{"value", period.value}, {"unit", unit}, {"text", DescribePeriod(period)}};
  };
  json steps = json::array();
  for (const LiquidationStepRule& r : LiquidationSteps()) {
    json documents = json::array();
    for (const LiquidationDocument& d : r.documents) {
      documents.push_back({{"code", d.code}, {"name", d.name}});
    }
    steps.push_back({{"step", r.step},
                     {"name", r.name},
                     {"actor", r.actor},
                     {"from_text", r.from_text},
                     {"note", r.note},
                     {"period", r.period.empty() ? json() : period_json(r.period)},
                     {"documents", documents}});
  }
  auto name = kFormNames.find(form);
  return {{"form", form},
          {"form_name", name == kFormNames.end() ? std::string(form) : name->second},
          {"steps", steps},
          {"claims_notified", period_json("liquidation.claims_notified")},
          {"claims_public", period_json("liquidation.claims_public")}};
}

StatusOr<std::optional<Date>> GroupFilingDue(std::string_view form, const Date& cause_on,
                                             const codes::WorkdayCalendar& calendar) {
  ASSIGN_OR_RETURN(std::optional<Period> p, PeriodFor(form, "liquidation.group_filing"));
  if (!p) return std::optional<Date>();
  ASSIGN_OR_RETURN(codes::CountedDate end, codes::PeriodEnd(calendar, cause_on, p->Rule()));
  return std::optional<Date>(end.date);
}

}  // namespace amr::lifecycle
