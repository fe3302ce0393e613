// SPDX-License-Identifier: MulanPSL-2.0
#include "credit/credit_demo.h"

#include <fmt/format.h>

#include "common/random.h"
#include "credit/credit_service.h"
#include "credit/credit_store.h"
#include "identity/user_store.h"
#include "license/license_store.h"
#include "registry/entity_store.h"

namespace amr::credit {
namespace {

using nlohmann::json;

// The seeds' annual-report rates by kind (seed 003).
double FilingRate(std::string_view kind) {
  if (kind == "cooperative") return 0.7609;
  if (kind == "individual_business") return 0.8625;
  return 0.8604;
}

json DemoContent(const std::vector<ReportField>& form, Random& random) {
  json content = json::object();
  for (const ReportField& f : form) {
    if (!f.required && random.Bernoulli(0.5)) continue;
    switch (f.type) {
      case ReportField::Type::kInteger:
        content[f.id] = random.UniformInRange(1, 60);
        break;
      case ReportField::Type::kMoney:
        content[f.id] = random.UniformInRange(0, 5'000'000);
        break;
      case ReportField::Type::kBoolean:
        content[f.id] = random.Bernoulli(0.5);
        break;
      case ReportField::Type::kText:
        if (f.id == "phone") {
          content[f.id] = fmt::format("0571-8{:07d}", random.Uniform(10'000'000));
        } else if (f.id == "operating_status") {
          content[f.id] = "开业";
        } else if (f.id == "email") {
          content[f.id] = fmt::format("office{}@example.cn", random.Uniform(1000));
        } else if (f.id == "website") {
          content[f.id] = fmt::format("https://shop{}.example.cn", random.Uniform(1000));
        } else if (f.id == "address") {
          content[f.id] = fmt::format("杭州市西湖区文三路 {} 号", 1 + random.Uniform(500));
        } else {
          content[f.id] = "已按期足额缴纳";
        }
        break;
    }
  }
  return content;
}

}  // namespace

StatusOr<CreditDemoSummary> SeedCreditDemo(storage::Database& db, const Clock& clock,
                                           const codes::CalendarSource& calendar,
                                           const std::string& holder_username) {
  const CreditRules& rules = CreditRules::Default();
  const Date today = ChinaDate(clock.Now());
  CreditDemoSummary summary;
  summary.year = today.year() - 1;
  ASSIGN_OR_RETURN(Date window_end, rules.WindowEnd(summary.year));
  if (!(window_end < today)) {
    --summary.year;
    ASSIGN_OR_RETURN(window_end, rules.WindowEnd(summary.year));
  }
  RETURN_IF_ERROR(db.Transaction([&](soci::session& sql) -> Status {
    summary.filed = summary.listed = 0;
    ASSIGN_OR_RETURN(bool any, AnyReport(sql));
    if (any) return OkStatus();
    ASSIGN_OR_RETURN(std::vector<OwingEntity> owing, EntitiesOwing(sql, summary.year));
    ASSIGN_OR_RETURN(identity::User holder, identity::GetUserByUsername(sql, holder_username));
    Random random(static_cast<uint64_t>(summary.year) * 7919u);
    const std::string filed_at = FormatChinaTime(clock.Now());
    // The holder's entities: the first files, the second does not.
    std::vector<std::string> held;
    // The four years before: every entity filed, on time.
    for (int year = summary.year - 4; year < summary.year; ++year) {
      ASSIGN_OR_RETURN(Date end, rules.WindowEnd(year));
      ASSIGN_OR_RETURN(std::vector<OwingEntity> then, EntitiesOwing(sql, year));
      for (const OwingEntity& e : then) {
        const std::vector<ReportField>* form = rules.Form(e.kind);
        if (form == nullptr) continue;
        AnnualReport r;
        r.uscc = e.uscc;
        r.year = year;
        r.entity_kind = e.kind;
        r.content = DemoContent(*form, random);
        r.filed_on = end.AddDays(-static_cast<int>(random.Uniform(165))).ToString();
        r.first_filed_on = r.filed_on;
        r.filed_by = "demo";
        RETURN_IF_ERROR(InsertReport(sql, r, filed_at));
      }
    }
    for (const OwingEntity& e : owing) {
      bool files = random.Bernoulli(FilingRate(e.kind));
      if (!holder.citizen_id.empty() && e.legal_rep_id == holder.citizen_id) {
        files = held.empty();
        held.push_back(e.uscc);
      }
      if (!files) continue;
      const std::vector<ReportField>* form = rules.Form(e.kind);
      if (form == nullptr) continue;
      AnnualReport r;
      r.uscc = e.uscc;
      r.year = summary.year;
      r.entity_kind = e.kind;
      r.content = DemoContent(*form, random);
      for (const ReportField& f : *form) {
        if (f.publicity == ReportField::Publicity::kOptional && r.content.contains(f.id) &&
            random.Bernoulli(0.3)) {
          r.withheld.insert(f.id);
        }
      }
      r.channel = e.kind == "individual_business" && random.Bernoulli(0.3) ? ReportChannel::kPaper
                                                                           : ReportChannel::kOnline;
      // A day of the window: from mid-January to its last day.
      r.filed_on = window_end.AddDays(-static_cast<int>(random.Uniform(165))).ToString();
      r.first_filed_on = r.filed_on;
      r.filed_by = "demo";
      RETURN_IF_ERROR(InsertReport(sql, r, filed_at));
      ++summary.filed;
    }
    for (const std::string& uscc : held) {
      ASSIGN_OR_RETURN(registry::Entity e, registry::GetEntity(sql, uscc));
      RETURN_IF_ERROR(license::IssueLicense(
                          sql, e,
                          {"日用百货销售", "杭州市西湖区市场监督管理局", holder.id, std::nullopt},
                          clock)
                          .status());
    }
    // The batch as it ran on its day.
    ASSIGN_OR_RETURN(BatchResult batch,
                     CreditService::RunNoReportListingIn(sql, summary.year, window_end.AddDays(1),
                                                         "demo", clock, calendar, rules));
    summary.listed = batch.listed;
    return OkStatus();
  }));
  return summary;
}

}  // namespace amr::credit
