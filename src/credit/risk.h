// SPDX-License-Identifier: MulanPSL-2.0
// Credit risk classes A–D (企业信用风险分类管理; docs/credit.md): an indicator
// system as data (data/credit/risk.json: basic attributes, dynamic
// information, supervision records, each indicator with its points and
// rule), the thresholds of the classes, versions by effective_from. An
// entity's class is the first whose max_points its total does not exceed;
// the classification keeps which indicators counted and how much. The draw
// (双随机) reads the class stored on the entity. No SQL, no HTTP.
//
// Thread-safety: immutable after loading; Classify is a pure function.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/status.h"

namespace amr::credit {

struct RiskIndicator {
  enum class Rule {
    kEstablishedWithinDays,      // opened within `days` of the classification
    kAnnualReportMissing,        // the last closed year's report not filed
    kAnnualReportLate,           // filed after the window
    kAbnormalListed,             // on the 经营异常名录 (or in the state) now
    kAbnormalRemovedWithinDays,  // left it within `days`
    kCount,                      // points per record of `source` within `days`, up to `cap`
    kSeriousListed,              // on the 严重违法失信名单 now
  };
  std::string id, group, name;
  int points = 0;
  Rule rule = Rule::kCount;
  int days = 0;
  std::optional<int> cap;
  std::string source;  // kCount: "complaints", "inspection_problems"
};

struct RiskClass {
  char letter = 'B';
  std::string name;
  std::optional<int> max_points;  // none for the last class
};

struct RiskRuleVersion {
  Date effective_from = Date::FromSysDays({});
  std::string source;
  std::vector<RiskIndicator> indicators;
  std::vector<RiskClass> classes;  // A, B, C, D in order
};

class RiskRules {
 public:
  // InvalidArgument (field "rules") naming what is wrong: an unknown rule,
  // points outside 0..1000, classes not A–D in order with rising thresholds.
  static StatusOr<RiskRules> FromJson(const nlohmann::json& root);
  static const RiskRules& Default();  // data/credit/risk.json; aborts if unreadable

  // The version in force on `on`; FailedPrecondition "date" before the first.
  StatusOr<RiskRuleVersion> At(const Date& on) const;

 private:
  std::vector<RiskRuleVersion> versions_;
};

// What the store knows of one entity on the day of the classification.
struct RiskFacts {
  std::string uscc, kind;
  Date established_on = Date::FromSysDays({});
  bool report_missing = false;
  bool report_late = false;
  bool abnormal_listed = false;
  bool serious_listed = false;
  std::optional<Date> abnormal_removed_on;  // the latest removal, if any
  std::map<std::string, int64_t> counts;    // source → records within its indicator's days
};

struct RiskHit {
  std::string indicator, name;
  int points = 0;
  std::string detail;  // "3 件", "2026-03-02 移出"
};

struct Classification {
  std::string uscc;
  char letter = 'B';
  int points = 0;
  std::vector<RiskHit> hits;
};

Classification Classify(const RiskFacts& facts, const RiskRuleVersion& rules, const Date& on);

// The explanation as stored and shown: [{"indicator", "name", "points", "detail"}].
nlohmann::json HitsJson(const std::vector<RiskHit>& hits);

}  // namespace amr::credit
