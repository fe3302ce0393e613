// SPDX-License-Identifier: MulanPSL-2.0
#include "credit/credit_json.h"

#include <fmt/format.h>

#include <cmath>

#include "codes/deadline.h"

namespace amr::credit {

using nlohmann::json;

StatusOr<NewReport> ParseNewReport(const json& body) {
  if (!body.is_object()) return InvalidArgumentError("请求体应为 JSON 对象", "body");
  NewReport r;
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& k = it.key();
    if (k == "uscc") {
      if (!it->is_string()) return InvalidArgumentError("uscc 应为文字", "uscc");
      r.uscc = it->get<std::string>();
    } else if (k == "year") {
      if (!it->is_number_integer()) return InvalidArgumentError("年度应为整数", "year");
      r.year = it->get<int>();
    } else if (k == "content") {
      if (!it->is_object()) return InvalidArgumentError("年度报告内容应为对象", "content");
      r.content = *it;
    } else if (k == "withheld") {
      if (!it->is_array()) return InvalidArgumentError("withheld 应为数组", "withheld");
      for (const json& w : *it) {
        if (!w.is_string()) return InvalidArgumentError("withheld 的每项应为文字", "withheld");
        r.withheld.insert(w.get<std::string>());
      }
    } else {
      return InvalidArgumentError(fmt::format("不认识的项目：{}", k.substr(0, 40)),
                                  k.substr(0, 40));
    }
  }
  if (r.uscc.empty()) return InvalidArgumentError("请写明统一社会信用代码", "uscc");
  return r;
}

json ReportJson(const AnnualReport& r, const CreditRules& rules) {
  return {{"uscc", r.uscc},
          {"year", r.year},
          {"version", r.version},
          {"corrected", r.corrected()},
          {"late", r.late},
          {"first_filed_on", r.first_filed_on},
          {"filed_on", r.filed_on},
          {"channel", ReportChannelId(r.channel)},
          {"content", PublicContent(r, rules)}};
}

json ListingJson(const ListingView& v) {
  const Listing& l = v.listing;
  json conditions = json::array();
  for (const RemovalCondition& c : v.conditions) {
    conditions.push_back({{"text", c.text}, {"met", c.met}});
  }
  return {{"id", l.id},
          {"list", l.status_only() ? "abnormal_status" : "abnormal"},
          {"list_name", l.status_only() ? "经营异常状态" : "经营异常名录"},
          {"reason", ListingReasonId(l.reason)},
          {"reason_name", v.reason_name},
          {"report_year", l.report_year == 0 ? json(nullptr) : json(l.report_year)},
          {"listed_on", l.listed_on.ToString()},
          {"decision_no", l.decision_no},
          {"authority", l.authority_name},
          {"basis", v.basis},
          {"state", ListingStateId(l.state)},
          {"state_name", ListingStateName(l.state)},
          {"removed_on", l.removed_on.empty() ? json(nullptr) : json(l.removed_on)},
          {"removal_reason", l.removal_reason.empty() ? json(nullptr) : json(l.removal_reason)},
          {"cure", v.cure},
          {"conditions", conditions},
          {"earliest_removal",
           v.earliest_removal ? json(v.earliest_removal->ToString()) : json(nullptr)},
          {"escalation_on", v.escalation_on ? json(v.escalation_on->ToString()) : json(nullptr)},
          {"found_on", l.found_on.empty() ? json(nullptr) : json(l.found_on)},
          {"decision_due", l.decision_due.empty() ? json(nullptr) : json(l.decision_due)},
          {"decided_late", l.decided_late},
          {"removal_applied_on",
           l.removal_applied_on.empty() ? json(nullptr) : json(l.removal_applied_on)},
          {"removal_due", l.removal_due.empty() ? json(nullptr) : json(l.removal_due)},
          {"removal_refusal", l.removal_refusal.empty() ? json(nullptr) : json(l.removal_refusal)}};
}

namespace {

std::string_view TypeId(ReportField::Type t) {
  switch (t) {
    case ReportField::Type::kText:
      return "text";
    case ReportField::Type::kInteger:
      return "integer";
    case ReportField::Type::kMoney:
      return "money";
    case ReportField::Type::kBoolean:
      break;
  }
  return "boolean";
}

std::string_view PublicityId(ReportField::Publicity p) {
  switch (p) {
    case ReportField::Publicity::kPublic:
      return "public";
    case ReportField::Publicity::kPrivate:
      return "private";
    case ReportField::Publicity::kOptional:
      break;
  }
  return "optional";
}

}  // namespace

StatusOr<json> FormsJson(const CreditRules& rules, const Date& today) {
  ASSIGN_OR_RETURN(CreditRuleVersion v, rules.At(today));
  json forms = json::object();
  for (const auto& [kind, fields] : rules.forms()) {
    json list = json::array();
    for (const ReportField& f : fields) {
      list.push_back({{"id", f.id},
                      {"label", f.label},
                      {"type", TypeId(f.type)},
                      {"required", f.required},
                      {"signed", f.may_be_negative},
                      {"publicity", PublicityId(f.publicity)}});
    }
    forms[kind] = std::move(list);
  }
  ASSIGN_OR_RETURN(Date window_end, rules.WindowEnd(today.year() - 1));
  return json{{"window",
               {{"from", "01-01"},
                {"to", fmt::format("{:02d}-{:02d}", v.window_to_month, v.window_to_day)},
                {"report_year", today.year() - 1},
                {"ends_on", window_end.ToString()}}},
              {"forms", std::move(forms)}};
}

StatusOr<YesNoDecision> ParseYesNo(const json& body, const std::string& key,
                                   const std::string& ask) {
  auto yes = body.find(key);
  if (yes == body.end() || !yes->is_boolean()) return InvalidArgumentError(ask, key);
  YesNoDecision d;
  d.yes = yes->get<bool>();
  if (auto reason = body.find("reason"); reason != body.end() && !reason->is_null()) {
    if (!reason->is_string()) return InvalidArgumentError("理由应为文字", "reason");
    d.reason = reason->get<std::string>();
  }
  return d;
}

StatusOr<NewListing> ParseNewListing(const json& body) {
  NewListing l;
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& k = it.key();
    if (k != "reason" && k != "found_on" && k != "evidence" && k != "source") {
      return InvalidArgumentError(fmt::format("不认识的项目：{}", k.substr(0, 40)),
                                  k.substr(0, 40));
    }
    if (!it->is_string()) return InvalidArgumentError(k + " 应为文字", k);
  }
  if (!body.contains("reason")) return InvalidArgumentError("请选择列入事由", "reason");
  ASSIGN_OR_RETURN(l.reason, ParseListingReason(body["reason"].get<std::string>()));
  l.found_on = body.value("found_on", std::string());
  if (l.found_on.empty()) return InvalidArgumentError("请写明发现日期", "found_on");
  l.evidence = body.value("evidence", std::string());
  l.source = body.value("source", std::string());
  if (!l.source.empty() && (l.source.size() > 60 || (!l.source.starts_with("inspection_visit:") &&
                                                     !l.source.starts_with("publish_order:")))) {
    return InvalidArgumentError("来源应为 inspection_visit:编号 或 publish_order:编号", "source");
  }
  return l;
}

json FindingJson(const FindingView& f) {
  const std::string source = f.finding.order_id != 0
                                 ? fmt::format("publish_order:{}", f.finding.order_id)
                                 : fmt::format("inspection_visit:{}", f.finding.visit_id);
  return {
      {"reason", f.finding.reason},
      {"source", source},
      {"detail", f.finding.detail},
      {"order_id", f.finding.order_id == 0 ? json(nullptr) : json(f.finding.order_id)},
      {"visit_id", f.finding.visit_id == 0 ? json(nullptr) : json(f.finding.visit_id)},
      {"uscc", f.finding.uscc},
      {"entity_name", f.finding.entity_name},
      {"entity_kind", f.finding.entity_kind},
      {"found_on", f.finding.found_on.ToString()},
      {"authority", f.finding.authority_name},
      {"decision_due", f.decision_due.ToString()},
      {"decision_due_provisional", f.due_provisional},
      {"provisional_reason",
       f.due_provisional ? json(codes::ProvisionalReason(f.decision_due.year())) : json(nullptr)},
      {"days_left", f.days_left},
      {"overdue", f.days_left < 0}};
}

namespace {

std::string_view KindName(std::string_view kind) {
  if (kind == "enterprise") return "企业";
  if (kind == "cooperative") return "农民专业合作社";
  return "个体工商户";
}

json Percent(int64_t part, int64_t whole) {
  if (whole <= 0) return nullptr;
  return std::round(10000.0 * static_cast<double>(part) / static_cast<double>(whole)) / 100.0;
}

}  // namespace

json FiguresJson(const CreditFigures& f, const CreditRules& rules) {
  json kinds = json::array();
  for (const KindFigures& k : f.kinds) {
    kinds.push_back({{"kind", k.kind},
                     {"kind_name", KindName(k.kind)},
                     {"owing", k.owing},
                     {"filed", k.filed},
                     {"filed_on_time", k.filed - k.late},
                     {"filed_late", k.late},
                     {"rate_percent", Percent(k.filed, k.owing)},
                     {"listed_for_no_report", k.listed},
                     {"removed_since", k.removed}});
  }
  json reasons = json::array();
  for (const auto& [reason, n] : f.listings.by_reason) {
    const CreditRules::ReasonText* t = rules.Reason(reason);
    reasons.push_back({{"reason", reason}, {"reason_name", t ? t->name : reason}, {"count", n}});
  }
  json units = json::array();
  for (const UnitKindFigures& u : f.units) {
    if (units.empty() || units.back()["unit_id"] != u.unit_id) {
      units.push_back({{"unit_id", u.unit_id}, {"unit", u.unit_name}, {"kinds", json::array()}});
    }
    units.back()["kinds"].push_back({{"kind", u.kind},
                                     {"kind_name", KindName(u.kind)},
                                     {"owing", u.owing},
                                     {"filed", u.filed},
                                     {"filed_late", u.late},
                                     {"rate_percent", Percent(u.filed, u.owing)}});
  }
  json in_year = json::array();
  for (const ReasonYear& y : f.listings_in_year) {
    const CreditRules::ReasonText* t = rules.Reason(y.reason);
    in_year.push_back({{"reason", y.reason},
                       {"reason_name", t ? t->name : y.reason},
                       {"listed", y.listed},
                       {"removed", y.removed}});
  }
  return {{"year", f.year},
          {"work_year", f.year + 1},
          {"units", units},
          {"listings_in_year", in_year},
          {"window_end", f.window_end.ToString()},
          {"kinds", kinds},
          {"listed_now", {{"total", f.listings.current}, {"by_reason", reasons}}},
          {"repairs",
           {{"total", f.repairs.total()},
            {"enterprise", f.repairs.enterprise},
            {"cooperative", f.repairs.cooperative},
            {"individual_business", f.repairs.individual_business}}}};
}

json YearStateJson(const YearState& y) {
  return {{"year", y.year},
          {"window_end", y.window_end.ToString()},
          {"state", YearStateId(y.state)},
          {"state_name", YearStateName(y.state)}};
}

json EntityRiskJson(const EntityRisk& r, const RiskRules& rules, const Date& today) {
  StatusOr<RiskRuleVersion> v = rules.At(today);
  auto name = [&](char letter) -> std::string {
    if (!v.ok()) return "";
    for (const RiskClass& c : v->classes) {
      if (c.letter == letter) return c.name;
    }
    return "";
  };
  json history = json::array();
  for (const StoredClassification& c : r.history) {
    history.push_back({{"classified_on", c.classified_on.ToString()},
                       {"class", std::string(1, c.letter)},
                       {"class_name", name(c.letter)},
                       {"points", c.points},
                       {"hits", c.hits},
                       {"rule_from", c.rule_from.ToString()}});
  }
  return {{"uscc", r.uscc},
          {"class", std::string(1, r.current)},
          {"class_name", name(r.current)},
          {"history", history}};
}

json RiskRunJson(const RiskRun& run) {
  return {
      {"on", run.on.ToString()},
      {"classified", run.classified},
      {"by_class",
       {{"A", run.counts[0]}, {"B", run.counts[1]}, {"C", run.counts[2]}, {"D", run.counts[3]}}}};
}

json DistributionJson(const std::vector<UnitDistribution>& units) {
  json out = json::array();
  for (const UnitDistribution& u : units) {
    out.push_back({{"unit_id", u.unit_id},
                   {"unit_name", u.unit_name},
                   {"A", u.counts[0]},
                   {"B", u.counts[1]},
                   {"C", u.counts[2]},
                   {"D", u.counts[3]},
                   {"total", u.counts[0] + u.counts[1] + u.counts[2] + u.counts[3]}});
  }
  return {{"units", out}};
}

json SeriousJson(const SeriousListing& s, bool with_statement, const CreditRules& rules) {
  const CreditRules::SeriousCategory* category = rules.SeriousCategoryOf(s.category);
  auto opt = [](const std::string& v) { return v.empty() ? json(nullptr) : json(v); };
  json out = {{"id", s.id},
              {"uscc", s.uscc},
              {"entity_name", s.entity_name},
              {"list", "serious"},
              {"list_name", "严重违法失信名单"},
              {"category", s.category},
              {"category_name", category ? category->name : s.category},
              {"basis", category ? json(category->basis) : json(nullptr)},
              {"state", SeriousStateId(s.state)},
              {"state_name", SeriousStateName(s.state)},
              {"proposed_on", s.proposed_on},
              {"noticed_on", opt(s.noticed_on)},
              {"statement_due", opt(s.statement_due)},
              {"decided_on", opt(s.decided_on)},
              {"decision_no", opt(s.decision_no)},
              {"authority", s.authority_name},
              {"listed_until", opt(s.listed_until)},
              {"removed_on", opt(s.removed_on)},
              {"removal_reason", opt(s.removal_reason)}};
  if (with_statement) {
    out["statement"] = opt(s.statement);
    out["decision_reason"] = opt(s.decision_reason);
    out["source"] = s.source;
  }
  return out;
}

}  // namespace amr::credit
