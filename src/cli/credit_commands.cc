// SPDX-License-Identifier: MulanPSL-2.0
// amr credit abnormal-batch --year YEAR [--as-of DATE] [--db URL] [--json]
// amr credit show USCC [--db URL]
// amr credit classify [--as-of DATE] [--db URL]
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "calendar/calendar_service.h"
#include "cli/calendar_wiring.h"
#include "cli/commands.h"
#include "cli/credit_wiring.h"
#include "credit/credit_json.h"
#include "credit/credit_service.h"

namespace amr::cli {
namespace {

using nlohmann::json;

struct BatchArgs {
  int year = 0;
  std::string as_of, db = kDefaultDb;
  bool json = false;
};

// The no-report listing of a year, run by hand (the scheduler runs it on its
// day): the decision is dated the first working day after the window, or
// --as-of when later.
int RunBatch(const BatchArgs& args) {
  auto as_of = args.as_of.empty() ? StatusOr<Date>(ChinaDate(Clock::Real().Now()))
                                  : Date::Parse(args.as_of, "as_of");
  if (!as_of.ok()) return ReportError(as_of.status());
  auto db = OpenStore(args.db);
  if (!db.ok()) return ReportError(db.status());
  auto calendar = StartCalendar(**db, Clock::Real(), false);
  if (!calendar.ok()) return ReportError(calendar.status());
  credit::CreditService service(**db, Clock::Real(), (*calendar)->source());
  auto done = service.RunNoReportListing(args.year, *as_of);
  if (!done.ok()) return ReportError(done.status());
  if (args.json) {
    fmt::print(
        "{}\n",
        json{{"listed", done->listed}, {"decision_date", done->decision_date.ToString()}}.dump());
  } else {
    fmt::print(
        "{} 年度未报送年度报告的 {} 户已列入经营异常名录（个体工商户标记经营异常状态），决定日 "
        "{}\n",
        args.year, done->listed, done->decision_date.ToString());
  }
  return 0;
}

int RunShow(const std::string& uscc, const std::string& url) {
  auto db = OpenStore(url);
  if (!db.ok()) return ReportError(db.status());
  auto calendar = StartCalendar(**db, Clock::Real(), false);
  if (!calendar.ok()) return ReportError(calendar.status());
  credit::CreditService service(**db, Clock::Real(), (*calendar)->source());
  auto listings = service.CreditOf(uscc);
  if (!listings.ok()) return ReportError(listings.status());
  auto reports = service.Reports(uscc);
  if (!reports.ok()) return ReportError(reports.status());
  json lists = json::array(), filed = json::array();
  for (const credit::ListingView& v : *listings) lists.push_back(credit::ListingJson(v));
  for (const credit::AnnualReport& r : *reports) {
    filed.push_back(credit::ReportJson(r, service.rules()));
  }
  fmt::print("{}\n", json{{"uscc", uscc}, {"lists", lists}, {"annual_reports", filed}}.dump(2));
  return 0;
}

struct ClassifyArgs {
  std::string as_of, db = kDefaultDb;
};

// The credit risk classification of every entity, now or as of a day.
int RunClassify(const ClassifyArgs& args) {
  auto on = args.as_of.empty() ? StatusOr<Date>(ChinaDate(Clock::Real().Now()))
                               : Date::Parse(args.as_of, "as_of");
  if (!on.ok()) return ReportError(on.status());
  auto db = OpenStore(args.db);
  if (!db.ok()) return ReportError(db.status());
  credit::RiskService risk(**db, Clock::Real(), CreditRiskSources());
  auto run = risk.ClassifyAll(*on, "amr credit classify");
  if (!run.ok()) return ReportError(run.status());
  fmt::print("{}\n", credit::RiskRunJson(*run).dump());
  return 0;
}

}  // namespace

void AddCreditCommands(CLI::App& app, int* exit_code) {
  auto* credit = app.add_subcommand("credit", "信用监管：年度报告与经营异常名录");
  credit->require_subcommand(1);
  {
    auto args = std::make_shared<BatchArgs>();
    auto* cmd = credit->add_subcommand(
        "abnormal-batch", "将某年度未报送年度报告的主体列入经营异常名录（报送期满后）");
    cmd->add_option("--year", args->year, "年度报告所属年度")->required();
    cmd->add_option("--as-of", args->as_of, "执行日期 YYYY-MM-DD（默认今天）");
    cmd->add_option("--db", args->db, "数据库 URL")->capture_default_str();
    cmd->add_flag("--json", args->json, "以 JSON 输出");
    cmd->callback([=] { *exit_code = RunBatch(*args); });
  }
  {
    auto args = std::make_shared<ClassifyArgs>();
    auto* cmd =
        credit->add_subcommand("classify", "对全部存续、歇业的市场主体进行信用风险分类（A–D）");
    cmd->add_option("--as-of", args->as_of, "分类日期 YYYY-MM-DD（默认今天）");
    cmd->add_option("--db", args->db, "数据库 URL")->capture_default_str();
    cmd->callback([=] { *exit_code = RunClassify(*args); });
  }
  {
    auto uscc = std::make_shared<std::string>();
    auto db = std::make_shared<std::string>(kDefaultDb);
    auto* cmd = credit->add_subcommand("show", "某主体的名录记录与年度报告（公示内容）");
    cmd->add_option("USCC", *uscc, "统一社会信用代码")->required();
    cmd->add_option("--db", *db, "数据库 URL")->capture_default_str();
    cmd->callback([=] { *exit_code = RunShow(*uscc, *db); });
  }
}

}  // namespace amr::cli
