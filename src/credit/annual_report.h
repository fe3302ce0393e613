// SPDX-License-Identifier: MulanPSL-2.0
// Annual reports (年度报告, 企业信息公示暂行条例 第八条、第九条; docs/credit.md):
// an entity reports the previous year between 1 January and 30 June; the
// content follows its kind's form (credit_rules.h); some fields are public,
// some private, some public unless the entity withholds them. A correction
// after filing is a new version, shown as corrected. No SQL, no HTTP.
//
// Thread-safety: values.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "common/date.h"
#include "common/status.h"
#include "credit/credit_rules.h"

namespace amr::credit {

enum class ReportChannel { kOnline, kPaper };  // 网上报送 / 窗口纸质录入
std::string_view ReportChannelId(ReportChannel c);
StatusOr<ReportChannel> ParseReportChannel(std::string_view id);  // InvalidArgument "channel"

struct NewReport {
  std::string uscc;
  int year = 0;
  nlohmann::json content = nlohmann::json::object();  // field id → value
  std::set<std::string> withheld;                     // optional fields not published
  ReportChannel channel = ReportChannel::kOnline;
};

// InvalidArgument naming the field ("content.<id>", "withheld", "year"):
// a year not yet ended on `today` (field "year"), a missing required field,
// a value of the wrong type (money and integers whole and not negative), an
// unknown field, a withheld field that is not optional; text up to 500
// characters.
// Fields left empty (null, or text of blanks only) are not part of the
// report: removed before it is checked and stored.
void DropEmptyValues(NewReport& report);

Status ValidateReport(const NewReport& report, std::string_view entity_kind, const Date& today,
                      const CreditRules& rules);

struct AnnualReport {
  std::string uscc;
  int year = 0;
  int version = 1;  // 2, 3 … for corrections
  std::string entity_kind;
  nlohmann::json content;
  std::set<std::string> withheld;
  ReportChannel channel = ReportChannel::kOnline;
  std::string filed_on;  // YYYY-MM-DD of this version
  std::string first_filed_on;
  bool late = false;  // first filed after the window
  std::string filed_by;

  bool corrected() const { return version > 1; }
};

// What the public sees of a report: public fields and optional ones not
// withheld, each with its label; never private ones.
nlohmann::json PublicContent(const AnnualReport& report, const CreditRules& rules);

}  // namespace amr::credit
