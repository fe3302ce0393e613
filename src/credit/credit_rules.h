// SPDX-License-Identifier: MulanPSL-2.0
// The rules of credit supervision as data (data/credit/rules.json): the
// annual-report window, the listing and removal time limits, the escalation
// to the serious list, each version with its effective_from (a decision uses
// the version of its date), and the annual report's form by kind of entity.
//
// Thread-safety: immutable after loading.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "codes/deadline.h"
#include "common/date.h"
#include "common/status.h"

namespace amr::credit {

// One field of an annual report's form.
struct ReportField {
  enum class Type { kText, kInteger, kMoney, kBoolean };
  // public: always published; private: never; optional: published unless
  // the entity withholds it (企业信息公示暂行条例 第九条).
  enum class Publicity { kPublic, kPrivate, kOptional };
  std::string id, label;
  Type type = Type::kText;
  bool required = false;
  bool may_be_negative = false;  // money: a loss ("signed": true)
  Publicity publicity = Publicity::kPublic;
};

struct CreditRuleVersion {
  Date effective_from = Date::FromSysDays({});
  int window_to_month = 6, window_to_day = 30;  // the report is due by this day of the next year
  codes::PeriodRule listing_limit;              // 10 working days
  codes::PeriodRule removal_decision;           // 5 working days
  codes::PeriodRule instant_info_limit;         // 20 working days from the event
  codes::PeriodRule publish_order_limit;        // 10 days to obey an order to publish
  int escalation_years = 3;
  codes::PeriodRule serious_statement;  // the statement period after the prior notice
  int serious_years = 3;                // a serious listing's period
  int escalation_reminder_days = 60;    // reminded so many days before the escalation
  // Days of the window (month, day) on which entities that have not filed
  // are reminded, in order.
  std::vector<std::pair<int, int>> reminder_days;
};

// The same day `years` on (back, when negative); 28 February when that year
// has no 29 February. How the rules' year periods end (escalation after 3
// years, a listing's 3 years, a legal representative's bar).
StatusOr<Date> YearsAfter(const Date& date, int years);

class CreditRules {
 public:
  static StatusOr<CreditRules> FromJson(const nlohmann::json& root);
  static const CreditRules& Default();  // aborts with the reason if unreadable

  // The version in force on `on`; FailedPrecondition "date" before the first.
  StatusOr<CreditRuleVersion> At(const Date& on) const;
  // The form of an entity kind ("enterprise", "cooperative",
  // "individual_business"); nullptr for another.
  const std::vector<ReportField>* Form(std::string_view kind) const;
  // The last day of the window for reporting `year` under the version in
  // force on that day (06-30 of year + 1).
  StatusOr<Date> WindowEnd(int year) const;

  // A listing reason's name, legal basis and cure, from the data.
  struct ReasonText {
    std::string id, name, basis, cure;
  };
  const ReasonText* Reason(std::string_view id) const;  // nullptr if unknown

  // A kind of instant information (即时信息, 条例 第十条) and its basis.
  struct InstantKind {
    std::string id, name, basis;
  };
  // A category of the 严重违法失信名单: proposed on a penalty (from_penalty)
  // or by the escalation.
  struct SeriousCategory {
    std::string id, name, basis;
    bool from_penalty = false;
  };
  const std::vector<SeriousCategory>& serious_categories() const { return serious_categories_; }
  const SeriousCategory* SeriousCategoryOf(std::string_view id) const;  // nullptr if unknown
  const std::vector<InstantKind>& instant_kinds() const { return instant_kinds_; }
  const InstantKind* InstantKindOf(std::string_view id) const;  // nullptr if unknown

  // Every kind's form, in the data's order.
  const std::vector<std::pair<std::string, std::vector<ReportField>>>& forms() const {
    return forms_;
  }

 private:
  std::vector<ReasonText> reasons_;
  std::vector<InstantKind> instant_kinds_;
  std::vector<SeriousCategory> serious_categories_;
  std::vector<CreditRuleVersion> versions_;  // by effective_from
  std::vector<std::pair<std::string, std::vector<ReportField>>> forms_;
};

}  // namespace amr::credit
