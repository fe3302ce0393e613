// SPDX-License-Identifier: MulanPSL-2.0
#include "credit/credit_rules.h"

#include <fmt/format.h>

#include <algorithm>

#include "credit/data_file.h"

namespace amr::credit {
namespace {

using nlohmann::json;

StatusOr<ReportField> FieldFromJson(const json& item, const std::string& where) {
  if (!item.is_object() || !item.value("id", json()).is_string() ||
      !item.value("label", json()).is_string()) {
    return InvalidArgumentError(where + " 的每项须有 id 和 label", "rules");
  }
  ReportField f;
  f.id = item["id"];
  f.label = item["label"];
  const std::string type = item.value("type", std::string("text"));
  if (type == "text")
    f.type = ReportField::Type::kText;
  else if (type == "integer")
    f.type = ReportField::Type::kInteger;
  else if (type == "money")
    f.type = ReportField::Type::kMoney;
  else if (type == "boolean")
    f.type = ReportField::Type::kBoolean;
  else
    return InvalidArgumentError(fmt::format("{} 的 {}：未知类型 {}", where, f.id, type), "rules");
  f.required = item.value("required", false);
  f.may_be_negative = item.value("signed", false);
  const std::string publicity = item.value("publicity", std::string("public"));
  if (publicity == "public")
    f.publicity = ReportField::Publicity::kPublic;
  else if (publicity == "private")
    f.publicity = ReportField::Publicity::kPrivate;
  else if (publicity == "optional")
    f.publicity = ReportField::Publicity::kOptional;
  else
    return InvalidArgumentError(fmt::format("{} 的 {}：未知公示方式", where, f.id), "rules");
  return f;
}

}  // namespace

StatusOr<CreditRules> CreditRules::FromJson(const json& root) {
  if (!root.is_object() || !root.value("versions", json()).is_array() ||
      !root.value("annual_report_forms", json()).is_object()) {
    return InvalidArgumentError("credit/rules.json 须有 versions 和 annual_report_forms", "rules");
  }
  CreditRules r;
  for (const json& v : root["versions"]) {
    CreditRuleVersion out;
    ASSIGN_OR_RETURN(out.effective_from,
                     Date::Parse(v.value("effective_from", std::string()), "effective_from"));
    const std::string to = v.value("annual_report_window", json::object()).value("to", "");
    if (to.size() != 5 || to[2] != '-') {
      return InvalidArgumentError("annual_report_window.to 应为 MM-DD", "rules");
    }
    out.window_to_month = std::stoi(to.substr(0, 2));
    out.window_to_day = std::stoi(to.substr(3, 2));
    ASSIGN_OR_RETURN(out.listing_limit,
                     codes::PeriodRuleFromJson(v.value("listing_limit", json()), "listing_limit"));
    ASSIGN_OR_RETURN(
        out.removal_decision,
        codes::PeriodRuleFromJson(v.value("removal_decision", json()), "removal_decision"));
    ASSIGN_OR_RETURN(
        out.instant_info_limit,
        codes::PeriodRuleFromJson(v.value("instant_info_limit", json()), "instant_info_limit"));
    ASSIGN_OR_RETURN(
        out.publish_order_limit,
        codes::PeriodRuleFromJson(v.value("publish_order_limit", json()), "publish_order_limit"));
    out.escalation_years = v.value("escalation_years", json::object()).value("value", 3);
    ASSIGN_OR_RETURN(out.serious_statement,
                     codes::PeriodRuleFromJson(v.value("serious_statement_period", json()),
                                               "serious_statement_period"));
    out.serious_years = v.value("serious_years", json::object()).value("value", 3);
    out.escalation_reminder_days =
        v.value("escalation_reminder_days", json::object()).value("value", 60);
    for (const json& d : v.value("report_reminders", json::object()).value("days", json::array())) {
      const std::string day = d.is_string() ? d.get<std::string>() : "";
      if (day.size() != 5 || day[2] != '-') {
        return InvalidArgumentError("report_reminders.days 的每项应为 MM-DD", "rules");
      }
      out.reminder_days.emplace_back(std::stoi(day.substr(0, 2)), std::stoi(day.substr(3, 2)));
    }
    std::sort(out.reminder_days.begin(), out.reminder_days.end());
    r.versions_.push_back(out);
  }
  if (r.versions_.empty()) return InvalidArgumentError("versions 不能为空", "rules");
  std::sort(r.versions_.begin(), r.versions_.end(),
            [](const auto& a, const auto& b) { return a.effective_from < b.effective_from; });
  for (const json& item : root.value("listing_reasons", json::array())) {
    if (!item.is_object() || !item.value("id", json()).is_string() ||
        !item.value("name", json()).is_string()) {
      return InvalidArgumentError("listing_reasons 的每项须有 id 和 name", "rules");
    }
    r.reasons_.push_back({item["id"], item["name"], item.value("basis", std::string()),
                          item.value("cure", std::string())});
  }
  for (const json& item : root.value("serious_categories", json::array())) {
    if (!item.is_object() || !item.value("id", json()).is_string() ||
        !item.value("name", json()).is_string()) {
      return InvalidArgumentError("serious_categories 的每项须有 id 和 name", "rules");
    }
    r.serious_categories_.push_back({item["id"], item["name"], item.value("basis", std::string()),
                                     item.value("from", std::string()) == "penalty"});
  }
  for (const json& item : root.value("instant_info_kinds", json::array())) {
    if (!item.is_object() || !item.value("id", json()).is_string() ||
        !item.value("name", json()).is_string()) {
      return InvalidArgumentError("instant_info_kinds 的每项须有 id 和 name", "rules");
    }
    r.instant_kinds_.push_back({item["id"], item["name"], item.value("basis", std::string())});
  }
  for (auto it = root["annual_report_forms"].begin(); it != root["annual_report_forms"].end();
       ++it) {
    if (it.key().starts_with("_")) continue;
    if (!it->is_array()) return InvalidArgumentError("表单应为数组：" + it.key(), "rules");
    std::vector<ReportField> fields;
    for (const json& item : *it) {
      ASSIGN_OR_RETURN(ReportField f, FieldFromJson(item, it.key()));
      fields.push_back(std::move(f));
    }
    r.forms_.emplace_back(it.key(), std::move(fields));
  }
  return r;
}

StatusOr<Date> YearsAfter(const Date& d, int years) {
  StatusOr<Date> at = Date::FromYmd(d.year() + years, d.month(), d.day());
  if (!at.ok()) at = Date::FromYmd(d.year() + years, d.month(), 28);
  return at;
}

const CreditRules& CreditRules::Default() {
  static const CreditRules* rules = LoadDataOrAbort<CreditRules>("rules.json");
  return *rules;
}

StatusOr<CreditRuleVersion> CreditRules::At(const Date& on) const {
  const CreditRuleVersion* found = nullptr;
  for (const CreditRuleVersion& v : versions_) {
    if (!(on < v.effective_from)) found = &v;
  }
  if (found == nullptr) {
    return FailedPreconditionError(fmt::format("{} 时尚无信用监管规则", on.ToString()), "date");
  }
  return *found;
}

const std::vector<ReportField>* CreditRules::Form(std::string_view kind) const {
  for (const auto& [k, fields] : forms_) {
    if (k == kind) return &fields;
  }
  return nullptr;
}

const CreditRules::SeriousCategory* CreditRules::SeriousCategoryOf(std::string_view id) const {
  for (const SeriousCategory& c : serious_categories_) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

const CreditRules::InstantKind* CreditRules::InstantKindOf(std::string_view id) const {
  for (const InstantKind& k : instant_kinds_) {
    if (k.id == id) return &k;
  }
  return nullptr;
}

const CreditRules::ReasonText* CreditRules::Reason(std::string_view id) const {
  for (const ReasonText& r : reasons_) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

StatusOr<Date> CreditRules::WindowEnd(int year) const {
  ASSIGN_OR_RETURN(Date start, Date::FromYmd(year + 1, 1, 1));
  ASSIGN_OR_RETURN(CreditRuleVersion v, At(start));
  return Date::FromYmd(year + 1, v.window_to_month, v.window_to_day);
}

}  // namespace amr::credit
