// SPDX-License-Identifier: MulanPSL-2.0
// The JSON forms of credit records (docs/credit.md, data/api/routes.json).
#pragma once

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "credit/annual_report.h"
#include "credit/credit_service.h"
#include "credit/risk_service.h"
#include "credit/serious.h"

namespace amr::credit {

// {"uscc", "year", "content": {…}, "withheld": [...]} (the channel follows
// from who files: online for the entity, paper for the window).
// InvalidArgument naming the member for a wrong type or an unknown key.
StatusOr<NewReport> ParseNewReport(const nlohmann::json& body);
// The public view of a report: year, version, corrected, late, filed on,
// and the public content.
nlohmann::json ReportJson(const AnnualReport& r, const CreditRules& rules);
// A listing with why, since when, by whom, on what basis, the conditions to
// leave and the earliest day.
nlohmann::json ListingJson(const ListingView& v);

// The forms by kind with each field's label, type, whether required and its
// publicity, and the window ({"from": "01-01", "to": "06-30"}) in force on
// `today`, for the filing screen (which copies no rule's numbers).
StatusOr<nlohmann::json> FormsJson(const CreditRules& rules, const Date& today);
nlohmann::json YearStateJson(const YearState& y);
// {"reason": "unreachable"|"false_info"|"instant_info", "found_on", "evidence",
//  "source"?}; InvalidArgument naming the member.
StatusOr<NewListing> ParseNewListing(const nlohmann::json& body);
// A yes-or-no decision with its reason, as every credit decision route takes
// it: {"<key>": true|false, "reason": "…"}. InvalidArgument `key` (message
// `ask`) when it is not a boolean, "reason" when not text.
struct YesNoDecision {
  bool yes = false;
  std::string reason;
};
StatusOr<YesNoDecision> ParseYesNo(const nlohmann::json& body, const std::string& key,
                                   const std::string& ask);
nlohmann::json FindingJson(const FindingView& f);
// Rates as percentages with two decimals (filed / owing), null when none owed.
nlohmann::json FiguresJson(const CreditFigures& f, const CreditRules& rules);

// {"uscc", "class", "class_name", "history": [{"classified_on", "class",
// "points", "hits": [...], "rule_from"}]}; names from the version in force
// `today`.
nlohmann::json EntityRiskJson(const EntityRisk& r, const RiskRules& rules, const Date& today);
nlohmann::json RiskRunJson(const RiskRun& run);
nlohmann::json DistributionJson(const std::vector<UnitDistribution>& units);

// A 严重违法失信名单 record: state, dates, decision; the statement only for
// `with_statement` (the authority's queue).
nlohmann::json SeriousJson(const SeriousListing& s, bool with_statement,
                           const CreditRules& rules = CreditRules::Default());

}  // namespace amr::credit
