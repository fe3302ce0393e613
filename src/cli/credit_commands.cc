// SPDX-License-Identifier: MulanPSL-2.0
// amr credit abnormal-batch --report-year YEAR [--as-of DATE] [--db URL] [--json]
// amr credit show USCC [--db URL]
// amr credit classify [--as-of DATE] [--batch-size N] [--db URL] [--json]
// amr reports file FILE.json [--db URL]
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <vector>

#include "calendar/calendar_service.h"
#include "cli/calendar_wiring.h"
#include "cli/commands.h"
#include "cli/credit_wiring.h"
#include "common/json_input.h"
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
  int batch_size = 0;  // the engine's default
  bool json = false;
};

// The credit risk classification of every entity, now or as of a day, in
// batches (credit/risk_service.h); the text names how many and the longest
// batch transaction's wall time (the time it held the write lock).
int RunClassify(const ClassifyArgs& args) {
  auto on = args.as_of.empty() ? StatusOr<Date>(ChinaDate(Clock::Real().Now()))
                               : Date::Parse(args.as_of, "as_of");
  if (!on.ok()) return ReportError(on.status());
  auto db = OpenStore(args.db);
  if (!db.ok()) return ReportError(db.status());
  if (args.batch_size < 0 || args.batch_size > 1'000'000) {
    return ReportError(InvalidArgumentError("每批户数应在 0 至 1000000 之间", "batch_size"));
  }
  credit::RiskBatching batching;
  batching.size = args.batch_size;
  credit::RiskService risk(**db, Clock::Real(), CreditRiskSources(), credit::RiskRules::Default(),
                           credit::CreditRules::Default(), batching);
  auto run = risk.ClassifyAll(*on, "amr credit classify");
  if (!run.ok()) return ReportError(run.status());
  if (args.json) {
    fmt::print("{}\n", credit::RiskRunJson(*run).dump());
  } else {
    fmt::print(
        "{} 已对 {} 户进行信用风险分类：A {} 户，B {} 户，C {} 户，D {} 户；分 {} 批，"
        "最长一批 {} 毫秒\n",
        run->on.ToString(), run->classified, run->counts[0], run->counts[1], run->counts[2],
        run->counts[3], run->batches, run->longest_batch.count());
  }
  return 0;
}

// Annual reports from a file: one JSON object {"uscc", "year", "content",
// "withheld"?} or an array of them, filed as entered at the window (channel
// paper) by the operator. Each report is its own transaction; the first
// refused one stops the run, naming it (those before it stay filed; filing
// the file again skips them: the same content is not a new version).
int RunFileReports(const std::string& file, const std::string& url) {
  constexpr std::uintmax_t kMaxBytes = 64u << 20;
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(file, ec);
  if (ec) return ReportError(NotFoundError(fmt::format("无法打开文件 {}", file), "file"));
  if (size > kMaxBytes) {
    return ReportError(InvalidArgumentError("文件超过 64 MiB，请分成几个文件", "file"));
  }
  std::ifstream in(file, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto parsed = ParseJsonInput(text, "file", "年报文件");
  if (!parsed.ok()) return ReportError(parsed.status());
  if (Status s = CheckJsonText(*parsed, {}); !s.ok()) return ReportError(s);
  std::vector<json> items;
  if (parsed->is_array()) {
    items.assign(parsed->begin(), parsed->end());
  } else {
    items.push_back(*parsed);
  }
  auto db = OpenStore(url);
  if (!db.ok()) return ReportError(db.status());
  auto calendar = StartCalendar(**db, Clock::Real(), false);
  if (!calendar.ok()) return ReportError(calendar.status());
  credit::CreditService service(**db, Clock::Real(), (*calendar)->source());
  const identity::Caller platform{nullptr, "", "", "cli:amr reports file"};
  int64_t created = 0, unchanged = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    auto report = credit::ParseNewReport(items[i]);
    auto filed = report.ok() ? service.FileReport(platform, *std::move(report), false)
                             : StatusOr<credit::FiledReport>(report.status());
    if (!filed.ok()) {
      fmt::print(stderr, "第 {} 份年报未能报送（已报送 {} 份）\n", i + 1, created);
      return ReportError(filed.status());
    }
    (filed->created ? created : unchanged) += 1;
    if (items.size() == 1)
      fmt::print("{}\n", credit::ReportJson(filed->report, service.rules()).dump());
  }
  if (items.size() > 1) {
    fmt::print("{}\n", json{{"filed", created}, {"unchanged", unchanged}}.dump());
  }
  return 0;
}

}  // namespace

void AddCreditCommands(CLI::App& app, int* exit_code) {
  {
    auto* reports = app.add_subcommand("reports", "年度报告");
    reports->require_subcommand(1);
    auto file = std::make_shared<std::string>();
    auto db = std::make_shared<std::string>(kDefaultDb);
    auto* cmd = reports->add_subcommand(
        "file", "报送年度报告（JSON：uscc、year、content、withheld；一份或数组；按窗口纸质录入）");
    cmd->add_option("FILE", *file, "JSON 文件")->required();
    cmd->add_option("--db", *db, "数据库 URL")->capture_default_str();
    cmd->callback([=] { *exit_code = RunFileReports(*file, *db); });
  }
  auto* credit = app.add_subcommand("credit", "信用监管：年度报告与经营异常名录");
  credit->require_subcommand(1);
  {
    auto args = std::make_shared<BatchArgs>();
    auto* cmd = credit->add_subcommand(
        "abnormal-batch", "将某年度未报送年度报告的主体列入经营异常名录（报送期满后）");
    cmd->add_option("--report-year,--year", args->year, "年度报告所属年度")->required();
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
    cmd->add_option("--batch-size", args->batch_size,
                    "每批（一个事务）分类的户数；0 为按数据库取默认值（SQLite 50000，PostgreSQL "
                    "20000）")
        ->capture_default_str();
    cmd->add_flag("--json", args->json, "以 JSON 输出");
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
