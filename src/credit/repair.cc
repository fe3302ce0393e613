// SPDX-License-Identifier: MulanPSL-2.0
#include "credit/repair.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "common/text.h"
#include "credit/data_file.h"

namespace amr::credit {
namespace {

using nlohmann::json;

StatusOr<codes::PeriodRule> FixedRule(const json& j, const std::string& field) {
  ASSIGN_OR_RETURN(codes::PeriodRule r, codes::PeriodRuleFromJson(j, field));
  if (r.unit == codes::PeriodUnit::kWorkingDays || r.holiday_shift) {
    return InvalidArgumentError(field + " 应为不顺延的日、月或年", "rules");
  }
  return r;
}

StatusOr<std::vector<RepairRules::Named>> NamedList(const json& root, const char* key) {
  std::vector<RepairRules::Named> out;
  for (const json& item : root.value(key, json::array())) {
    if (!item.is_object() || !item.value("id", json()).is_string() ||
        !item.value("name", json()).is_string()) {
      return InvalidArgumentError(fmt::format("repair.json 的 {} 每项须有 id 和 name", key),
                                  "rules");
    }
    out.push_back({item["id"], item["name"], item.value("published", true)});
  }
  if (out.empty()) return InvalidArgumentError(fmt::format("repair.json 缺少 {}", key), "rules");
  return out;
}

// The last day of `rule` counted from `start` (never shifted).
Date End(const Date& start, const codes::PeriodRule& rule) {
  StatusOr<Date> end = codes::FixedPeriodEnd(start, rule);
  return end.ok() ? *end : start;  // the rules are checked fixed when loaded
}

Status CheckText(const std::string& text, size_t min, size_t max, std::string_view what,
                 std::string_view field) {
  const size_t n = Utf8Length(text);
  if (n < min || n > max) {
    return InvalidArgumentError(fmt::format("请填写{}（{} 到 {} 字）", what, min, max),
                                std::string(field));
  }
  return OkStatus();
}

RepairCondition TimeCondition(std::string text, const Date& from, const Date& today) {
  return {"period", std::move(text), !(today < from), false, from};
}

RepairCondition Commitment() {
  return {"commitment", "作出信用修复承诺（申请时勾选承诺书）", false, true, std::nullopt};
}

}  // namespace

const PenaltyTier* RepairRuleVersion::Tier(std::string_view id) const {
  for (const PenaltyTier& t : tiers) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

StatusOr<RepairRules> RepairRules::FromJson(const json& root) {
  if (!root.is_object() || !root.value("versions", json()).is_array()) {
    return InvalidArgumentError("credit/repair.json 须有 versions", "rules");
  }
  RepairRules r;
  ASSIGN_OR_RETURN(r.kinds_, NamedList(root, "penalty_kinds"));
  ASSIGN_OR_RETURN(r.fields_, NamedList(root, "fields"));
  for (const json& v : root["versions"]) {
    RepairRuleVersion out;
    ASSIGN_OR_RETURN(out.effective_from,
                     Date::Parse(v.value("effective_from", std::string()), "effective_from"));
    out.source = v.value("source", "");
    ASSIGN_OR_RETURN(out.decision_limit, codes::PeriodRuleFromJson(
                                             v.value("decision_limit", json()), "decision_limit"));
    ASSIGN_OR_RETURN(
        out.publication_limit,
        codes::PeriodRuleFromJson(v.value("publication_limit", json()), "publication_limit"));
    ASSIGN_OR_RETURN(
        out.serious_list_apply_after,
        FixedRule(v.value("serious_list_apply_after", json()), "serious_list_apply_after"));
    for (const json& t : v.value("tiers", json::array())) {
      PenaltyTier tier;
      tier.id = t.value("id", "");
      tier.name = t.value("name", "");
      if (tier.id.empty() || tier.name.empty()) {
        return InvalidArgumentError("repair.json 的 tiers 每项须有 id 和 name", "rules");
      }
      ASSIGN_OR_RETURN(tier.public_period,
                       FixedRule(t.value("public", json()), tier.id + ".public"));
      if (t.contains("apply_after") && !t["apply_after"].is_null()) {
        ASSIGN_OR_RETURN(tier.apply_after, FixedRule(t["apply_after"], tier.id + ".apply_after"));
      }
      const json by_field = t.value("apply_after_by_field", json::object());
      for (const auto& [field, rule] : by_field.items()) {
        ASSIGN_OR_RETURN(codes::PeriodRule p, FixedRule(rule, tier.id + "." + field));
        tier.apply_after_by_field.emplace_back(field, p);
      }
      tier.repairable = t.value("repairable", true);
      out.tiers.push_back(std::move(tier));
    }
    if (out.tiers.empty()) return InvalidArgumentError("repair.json 的版本缺少 tiers", "rules");
    r.versions_.push_back(std::move(out));
  }
  if (r.versions_.empty()) return InvalidArgumentError("repair.json 没有版本", "rules");
  std::sort(r.versions_.begin(), r.versions_.end(),
            [](const auto& a, const auto& b) { return a.effective_from < b.effective_from; });
  return r;
}

const RepairRules& RepairRules::Default() {
  static const RepairRules* rules = LoadDataOrAbort<RepairRules>("repair.json");
  return *rules;
}

StatusOr<const RepairRuleVersion*> RepairRules::At(const Date& on) const {
  const RepairRuleVersion* found = nullptr;
  for (const RepairRuleVersion& v : versions_) {
    if (!(on < v.effective_from)) found = &v;
  }
  if (found == nullptr) {
    return FailedPreconditionError(fmt::format("{} 早于信用修复规则的最早版本", on.ToString()),
                                   "date");
  }
  return found;
}

const RepairRules::Named* RepairRules::Kind(std::string_view id) const {
  for (const Named& n : kinds_) {
    if (n.id == id) return &n;
  }
  return nullptr;
}

const RepairRules::Named* RepairRules::Field(std::string_view id) const {
  for (const Named& n : fields_) {
    if (n.id == id) return &n;
  }
  return nullptr;
}

Status PenaltyPublication::Repair(const Date& today) {
  if (!Public(today)) return FailedPreconditionError("该处罚信息已不再公示", "state");
  state = PublicationState::kRepaired;
  repaired_on = today.ToString();
  return OkStatus();
}

StatusOr<PenaltyPublication> MakePublication(const NewPenalty& in, const Date& today,
                                             const RepairRules& rules) {
  RETURN_IF_ERROR(CheckText(in.decision_no, 2, 64, "行政处罚决定书文号", "decision_no"));
  ASSIGN_OR_RETURN(Date decided_on, Date::Parse(in.decided_on, "decided_on"));
  if (today < decided_on) return InvalidArgumentError("决定日期不能晚于今天", "decided_on");
  if (in.kinds.empty()) return InvalidArgumentError("请选择处罚种类", "kinds");
  bool published = false;
  std::set<std::string> seen;
  for (const std::string& k : in.kinds) {
    const RepairRules::Named* kind = rules.Kind(k);
    if (kind == nullptr) return InvalidArgumentError("处罚种类不在目录中", "kinds");
    if (!seen.insert(k).second) return InvalidArgumentError("处罚种类重复", "kinds");
    published = published || kind->published;
  }
  if (!published) {
    return InvalidArgumentError("仅给予警告的行政处罚不予公示（行政处罚信息公示规定第二条）",
                                "kinds");
  }
  if (in.fine_fen < 0) return InvalidArgumentError("罚款金额不能为负", "fine_yuan");
  if (seen.contains("fine") != (in.fine_fen > 0)) {
    return InvalidArgumentError("处罚种类含罚款的须填写罚款金额，不含罚款的不填", "fine_yuan");
  }
  if (rules.Field(in.field) == nullptr) return InvalidArgumentError("领域不在目录中", "field");
  StatusOr<const RepairRuleVersion*> in_force = rules.At(decided_on);
  if (!in_force.ok()) return InvalidArgumentError(in_force.status().message(), "decided_on");
  const RepairRuleVersion* rule = *in_force;
  const PenaltyTier* tier = rule->Tier(in.tier);
  if (tier == nullptr) {
    return InvalidArgumentError(
        fmt::format("请按 {} 起施行的规则选择公示类别", rule->effective_from.ToString()), "tier");
  }
  RETURN_IF_ERROR(CheckText(in.facts, 2, 2000, "主要违法事实", "facts"));
  RETURN_IF_ERROR(CheckText(in.basis, 2, 2000, "处罚依据", "basis"));
  RETURN_IF_ERROR(CheckText(in.content, 2, 2000, "处罚内容", "content"));
  PenaltyPublication p;
  p.uscc = in.uscc;
  p.decision_no = in.decision_no;
  p.decided_on = decided_on;
  p.kinds = in.kinds;
  p.fine_fen = in.fine_fen;
  p.field = in.field;
  p.tier = in.tier;
  p.facts = in.facts;
  p.basis = in.basis;
  p.content = in.content;
  p.published_on = today;
  // Periods run from the decision (the publication follows within 20
  // working days: 企业信息公示暂行条例 第六条).
  p.public_until = End(decided_on, tier->public_period);
  if (tier->repairable && tier->apply_after) {
    codes::PeriodRule after = *tier->apply_after;
    for (const auto& [field, rule] : tier->apply_after_by_field) {
      if (field == in.field) after = rule;
    }
    p.repairable_from = End(decided_on, after).AddDays(1);
  }
  return p;
}

std::string_view RepairRecordId(RepairRecord r) {
  switch (r) {
    case RepairRecord::kPenalty:
      return "penalty";
    case RepairRecord::kSeriousListing:
      return "serious_listing";
    case RepairRecord::kAbnormalListing:
      return "abnormal_listing";
  }
  return "penalty";
}

std::string_view RepairRecordName(RepairRecord r) {
  switch (r) {
    case RepairRecord::kPenalty:
      return "行政处罚信息";
    case RepairRecord::kSeriousListing:
      return "严重违法失信名单";
    case RepairRecord::kAbnormalListing:
      return "经营异常名录";
  }
  return "";
}

StatusOr<RepairRecord> ParseRepairRecord(std::string_view id) {
  for (RepairRecord r :
       {RepairRecord::kPenalty, RepairRecord::kSeriousListing, RepairRecord::kAbnormalListing}) {
    if (RepairRecordId(r) == id) return r;
  }
  return InvalidArgumentError("修复的信息类别不正确", "record_kind");
}

bool RepairReading::Ready() const {
  if (!why_not.empty()) return false;
  return std::all_of(conditions.begin(), conditions.end(),
                     [](const RepairCondition& c) { return c.met || c.by_applicant; });
}

RepairReading ReadPenaltyRepair(const PenaltyPublication& p, const RepairFacts& facts,
                                const RepairRules& rules) {
  RepairReading out;
  if (p.state == PublicationState::kRepaired) {
    out.why_not = fmt::format("已于 {} 信用修复，停止公示", p.repaired_on);
    return out;
  }
  if (!p.Public(facts.today)) {
    out.why_not = fmt::format("公示期已于 {} 届满，已停止公示", p.public_until.ToString());
    return out;
  }
  if (!p.repairable_from) {
    StatusOr<const RepairRuleVersion*> rule = rules.At(p.decided_on);
    const PenaltyTier* tier = rule.ok() ? (*rule)->Tier(p.tier) : nullptr;
    out.why_not = tier != nullptr && !tier->repairable
                      ? fmt::format("依规定不予信用修复，公示至 {} 届满", p.public_until.ToString())
                      : fmt::format("无需申请，{} 后自动停止公示", p.public_until.ToString());
    return out;
  }
  out.earliest = *p.repairable_from;
  out.conditions.push_back(TimeCondition(
      fmt::format("自处罚决定之日起公示期满最短期限（{} 起可申请）", p.repairable_from->ToString()),
      *p.repairable_from, facts.today));
  out.conditions.push_back({"obligations",
                            "已履行行政处罚决定规定的义务（如缴清罚款），申请时提交履行证明",
                            facts.obligations_verified, !facts.obligations_verified, std::nullopt});
  out.conditions.push_back(Commitment());
  return out;
}

RepairReading ReadSeriousRepair(const Date& listed_on, const RepairFacts& facts,
                                const RepairRules& rules) {
  RepairReading out;
  StatusOr<const RepairRuleVersion*> rule = rules.At(facts.today);
  if (!rule.ok()) {
    out.why_not = rule.status().message();
    return out;
  }
  const Date from = End(listed_on, (*rule)->serious_list_apply_after).AddDays(1);
  out.earliest = from;
  out.conditions.push_back(TimeCondition(
      fmt::format("列入严重违法失信名单满最短期限（{} 起可申请提前移出）", from.ToString()), from,
      facts.today));
  out.conditions.push_back({"no_heavy_penalty", "列入后未再受到较重行政处罚",
                            !facts.heavy_penalty_since, false, std::nullopt});
  if (facts.source_cured) {
    out.conditions.push_back({"source_cured", "已履行公示义务（补报未报年度的年度报告）",
                              *facts.source_cured, false, std::nullopt});
  }
  out.conditions.push_back({"harm_removed", "已履行相关义务、消除不良社会影响，申请时提交证明",
                            false, true, std::nullopt});
  out.conditions.push_back(Commitment());
  return out;
}

std::string_view RepairStateId(RepairState s) {
  switch (s) {
    case RepairState::kApplied:
      return "applied";
    case RepairState::kApproved:
      return "approved";
    case RepairState::kRefused:
      return "refused";
  }
  return "applied";
}

std::string_view RepairStateName(RepairState s) {
  switch (s) {
    case RepairState::kApplied:
      return "审核中";
    case RepairState::kApproved:
      return "准予修复";
    case RepairState::kRefused:
      return "不予修复";
  }
  return "";
}

StatusOr<RepairState> ParseRepairState(std::string_view id) {
  for (RepairState s : {RepairState::kApplied, RepairState::kApproved, RepairState::kRefused}) {
    if (RepairStateId(s) == id) return s;
  }
  return InvalidArgumentError("修复申请状态不正确", "state");
}

Status RepairApplication::Decide(const Date& today, bool approve, std::string reason,
                                 std::string by) {
  if (state != RepairState::kApplied) {
    return FailedPreconditionError("该申请已作出决定", "state");
  }
  if (!approve && Utf8Length(reason) < 2) {
    return InvalidArgumentError("不予修复的，请写明理由", "reason");
  }
  state = approve ? RepairState::kApproved : RepairState::kRefused;
  decided_on = today.ToString();
  decided_by = std::move(by);
  decision_reason = std::move(reason);
  decided_late = due < today;
  return OkStatus();
}

}  // namespace amr::credit
