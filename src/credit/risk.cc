// SPDX-License-Identifier: MulanPSL-2.0
#include "credit/risk.h"

#include <fmt/format.h>

#include <algorithm>

#include "credit/data_file.h"

namespace amr::credit {
namespace {

using nlohmann::json;

struct RuleName {
  RiskIndicator::Rule rule;
  std::string_view id;
};
constexpr RuleName kRules[] = {
    {RiskIndicator::Rule::kEstablishedWithinDays, "established_within_days"},
    {RiskIndicator::Rule::kAnnualReportMissing, "annual_report_missing"},
    {RiskIndicator::Rule::kAnnualReportLate, "annual_report_late"},
    {RiskIndicator::Rule::kAbnormalListed, "abnormal_listed"},
    {RiskIndicator::Rule::kAbnormalRemovedWithinDays, "abnormal_removed_within_days"},
    {RiskIndicator::Rule::kCount, "count"},
    {RiskIndicator::Rule::kSeriousListed, "serious_listed"},
};

Status Bad(const std::string& what) {
  return InvalidArgumentError("信用风险分类规则：" + what, "rules");
}

StatusOr<RiskIndicator> IndicatorFromJson(const json& j) {
  if (!j.is_object() || !j.value("id", json()).is_string() ||
      !j.value("name", json()).is_string() || !j.value("rule", json()).is_string() ||
      !j.value("points", json()).is_number_integer()) {
    return Bad("每个指标须有 id、name、rule 和整数 points");
  }
  RiskIndicator i;
  i.id = j["id"];
  i.name = j["name"];
  i.group = j.value("group", std::string());
  i.points = j["points"];
  if (i.points < 0 || i.points > 1000) return Bad(i.id + " 的分值应在 0 到 1000 之间");
  const std::string rule = j["rule"];
  auto it = std::find_if(std::begin(kRules), std::end(kRules),
                         [&](const RuleName& r) { return r.id == rule; });
  if (it == std::end(kRules)) return Bad(fmt::format("{} 的规则 {} 不可识别", i.id, rule));
  i.rule = it->rule;
  i.days = j.value("days", 0);
  const bool needs_days = i.rule == RiskIndicator::Rule::kEstablishedWithinDays ||
                          i.rule == RiskIndicator::Rule::kAbnormalRemovedWithinDays ||
                          i.rule == RiskIndicator::Rule::kCount;
  if (needs_days && (i.days < 1 || i.days > 3650)) return Bad(i.id + " 须有 1 到 3650 的 days");
  if (j.contains("cap")) {
    if (!j["cap"].is_number_integer() || j["cap"].get<int>() < 0) {
      return Bad(i.id + " 的 cap 应为非负整数");
    }
    i.cap = j["cap"].get<int>();
  }
  if (i.rule == RiskIndicator::Rule::kCount) {
    i.source = j.value("source", std::string());
    if (i.source != "complaints" && i.source != "inspection_problems") {
      return Bad(i.id + " 的 source 应为 complaints 或 inspection_problems");
    }
  }
  return i;
}

}  // namespace

StatusOr<RiskRules> RiskRules::FromJson(const json& root) {
  if (!root.is_object() || !root.value("versions", json()).is_array() || root["versions"].empty()) {
    return Bad("缺少 versions");
  }
  RiskRules out;
  for (const json& v : root["versions"]) {
    RiskRuleVersion version;
    ASSIGN_OR_RETURN(version.effective_from,
                     Date::Parse(v.value("effective_from", std::string()), "rules"));
    version.source = v.value("source", std::string());
    if (!v.value("indicators", json()).is_array()) return Bad("缺少 indicators");
    for (const json& i : v["indicators"]) {
      ASSIGN_OR_RETURN(RiskIndicator indicator, IndicatorFromJson(i));
      version.indicators.push_back(std::move(indicator));
    }
    const json classes = v.value("classes", json());
    if (!classes.is_array() || classes.size() != 4) return Bad("classes 应为 A、B、C、D 四类");
    std::optional<int> last;
    for (size_t k = 0; k < 4; ++k) {
      const json& c = classes[k];
      RiskClass rc;
      rc.letter = static_cast<char>('A' + k);
      if (c.value("class", std::string()) != std::string(1, rc.letter)) {
        return Bad("classes 应依次为 A、B、C、D");
      }
      rc.name = c.value("name", std::string());
      if (k < 3) {
        if (!c.value("max_points", json()).is_number_integer()) {
          return Bad(fmt::format("{} 类须有 max_points", rc.letter));
        }
        rc.max_points = c["max_points"].get<int>();
        if (last && *rc.max_points <= *last) return Bad("各类的 max_points 应依次增大");
        last = rc.max_points;
      }
      version.classes.push_back(rc);
    }
    out.versions_.push_back(std::move(version));
  }
  std::sort(out.versions_.begin(), out.versions_.end(),
            [](const auto& a, const auto& b) { return a.effective_from < b.effective_from; });
  return out;
}

const RiskRules& RiskRules::Default() {
  static const RiskRules* rules = LoadDataOrAbort<RiskRules>("risk.json");
  return *rules;
}

StatusOr<RiskRuleVersion> RiskRules::At(const Date& on) const {
  const RiskRuleVersion* found = nullptr;
  for (const RiskRuleVersion& v : versions_) {
    if (!(on < v.effective_from)) found = &v;
  }
  if (found == nullptr) {
    return FailedPreconditionError(fmt::format("{} 之前没有信用风险分类规则", on.ToString()),
                                   "date");
  }
  return *found;
}

Classification Classify(const RiskFacts& f, const RiskRuleVersion& rules, const Date& on) {
  Classification c;
  c.uscc = f.uscc;
  for (const RiskIndicator& i : rules.indicators) {
    // The hit's names are copied only when it counts (most entities have
    // nothing against them).
    RiskHit hit;
    switch (i.rule) {
      case RiskIndicator::Rule::kEstablishedWithinDays:
        if (on.DaysSince(f.established_on) < i.days) {
          hit.points = i.points;
          hit.detail = f.established_on.ToString() + " 成立";
        }
        break;
      case RiskIndicator::Rule::kAnnualReportMissing:
        if (f.report_missing) hit.points = i.points;
        break;
      case RiskIndicator::Rule::kAnnualReportLate:
        if (f.report_late) hit.points = i.points;
        break;
      case RiskIndicator::Rule::kAbnormalListed:
        if (f.abnormal_listed) hit.points = i.points;
        break;
      case RiskIndicator::Rule::kSeriousListed:
        if (f.serious_listed) hit.points = i.points;
        break;
      case RiskIndicator::Rule::kAbnormalRemovedWithinDays:
        if (!f.abnormal_listed && f.abnormal_removed_on &&
            on.DaysSince(*f.abnormal_removed_on) < i.days) {
          hit.points = i.points;
          hit.detail = f.abnormal_removed_on->ToString() + " 移出";
        }
        break;
      case RiskIndicator::Rule::kCount: {
        auto it = f.counts.find(i.id);
        const int64_t n = it == f.counts.end() ? 0 : it->second;
        if (n > 0) {
          int64_t points = n * i.points;
          if (i.cap) points = std::min<int64_t>(points, *i.cap);
          hit.points = static_cast<int>(points);
          hit.detail = fmt::format("{} 次", n);
        }
        break;
      }
    }
    if (hit.points > 0) {
      hit.indicator = i.id;
      hit.name = i.name;
      c.points += hit.points;
      c.hits.push_back(std::move(hit));
    }
  }
  c.letter = 'D';
  for (const RiskClass& k : rules.classes) {
    if (k.max_points && c.points <= *k.max_points) {
      c.letter = k.letter;
      break;
    }
  }
  return c;
}

json HitsJson(const std::vector<RiskHit>& hits) {
  json out = json::array();
  for (const RiskHit& h : hits) {
    out.push_back(
        {{"indicator", h.indicator}, {"name", h.name}, {"points", h.points}, {"detail", h.detail}});
  }
  return out;
}

}  // namespace amr::credit
