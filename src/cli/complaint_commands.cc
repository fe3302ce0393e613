// SPDX-License-Identifier: MulanPSL-2.0
// amr import complaints FILE [--db URL]
// amr gen complaints --count N --seed S --out FILE [--entities FILE] [--region CODE]
//     [--from DATE --to DATE]
// amr complaints hot-spots --unit CODE --from DATE --to DATE [--limit N] [--db URL]
#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>

#include "calendar/calendar_service.h"
#include "cli/calendar_wiring.h"
#include "cli/commands.h"
#include "common/csv.h"
#include "common/random.h"
#include "complaints/complaint_figures.h"
#include "complaints/complaint_import.h"
#include "identity/org_unit_store.h"
#include "storage/migrations.h"

namespace amr::cli {
namespace {

using nlohmann::json;

int RunImportComplaints(const std::string& file, const std::string& url) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return ReportError(NotFoundError(fmt::format("无法打开文件 {}", file), "file"));
  auto db = OpenStore(url);
  if (!db.ok()) return ReportError(db.status());
  auto calendar = StartCalendar(**db, Clock::Real(), false);
  if (!calendar.ok()) return ReportError(calendar.status());
  const auto start = std::chrono::steady_clock::now();
  auto report = complaints::ImportComplaints(**db, in, Clock::Real(), (*calendar)->source());
  if (!report.ok()) return ReportError(report.status());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print(
      "已导入 {} 件（待受理 {} 件已开始计时；{} 件的经营者在登记中），用时 {:.2f} 秒（{:.0f} "
      "件/秒）\n",
      report->rows, report->open, report->matched, seconds, report->rows / std::max(seconds, 1e-9));
  return 0;
}

struct GenArgs {
  int64_t count = 0;
  uint64_t seed = 1;
  std::string out, entities, region = "330106", from = "2026-01-01", to = "2026-11-30";
};

// Synthetic transferred records, already handled, for benchmarks: against
// the businesses of an entity CSV (its first column, the USCC) when given,
// else against named shops of `region`.
int RunGenComplaints(const GenArgs& args) {
  if (args.count < 1 || args.count > 10'000'000) {
    return ReportError(InvalidArgumentError("数量应在 1 到 10000000 之间", "count"));
  }
  auto from = Date::Parse(args.from, "from");
  auto to = Date::Parse(args.to, "to");
  if (!from.ok()) return ReportError(from.status());
  if (!to.ok()) return ReportError(to.status());
  const int64_t days = to->DaysSince(*from);
  if (days < 0) return ReportError(InvalidArgumentError("开始日期不能晚于结束日期", "from"));
  std::vector<std::string> usccs;
  if (!args.entities.empty()) {
    std::ifstream in(args.entities, std::ios::binary);
    if (!in) return ReportError(NotFoundError("无法打开主体文件", "entities"));
    CsvReader reader(in);
    std::vector<std::string> fields;
    for (bool header = true;; header = false) {
      auto more = reader.Next(fields);
      if (!more.ok()) return ReportError(more.status());
      if (!*more) break;
      if (!header && !fields.empty()) usccs.push_back(fields[0]);
    }
  }
  Random random(args.seed);
  static constexpr std::string_view kKinds[] = {
      "quality", "price", "after_sales", "contract", "false_advertising", "measurement", "safety"};
  static constexpr std::string_view kOutcomes[] = {"agreement", "no_agreement", "withdrawn"};
  const std::string tmp = args.out + ".part";
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  if (!out) return ReportError(InvalidArgumentError("无法写入输出文件", "out"));
  std::string buffer =
      CsvRecord({"channel", "external_ref", "kind", "received_on", "business_uscc", "business_name",
                 "region_code", "consumer_phone", "summary", "problem_kind", "state", "decided_on",
                 "outcome", "amount_recovered", "closed_on"});
  for (int64_t i = 0; i < args.count; ++i) {
    const Date received = from->AddDays(static_cast<int>(random.Uniform(days + 1)));
    const Date decided = received.AddDays(static_cast<int>(random.Uniform(5)));
    Date closed = decided.AddDays(static_cast<int>(random.Uniform(30)));
    if (*to < closed) closed = *to;
    if (closed < decided) closed = decided;
    const bool known = !usccs.empty() && random.Bernoulli(0.9);
    const std::string_view outcome = kOutcomes[random.Uniform(3)];
    const bool hotline = random.Bernoulli(0.3);
    buffer += CsvRecord(
        {hotline ? "hotline_12345" : "phone", fmt::format("H{:09d}", i), "complaint",
         received.ToString(), known ? usccs[random.Uniform(usccs.size())] : "",
         known ? "" : fmt::format("仿真经营部{:05d}", random.Uniform(20000)), args.region,
         fmt::format("139{:08d}", random.Uniform(100000000)),
         "消费者反映商品质量问题，要求退货并赔偿损失。",
         std::string(kKinds[random.Uniform(std::size(kKinds))]), "closed", decided.ToString(),
         std::string(outcome), outcome == "agreement" ? std::to_string(random.Uniform(2000)) : "0",
         closed.ToString()});
    if (buffer.size() > (1 << 20)) {
      out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      buffer.clear();
    }
  }
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  out.close();
  if (!out || std::rename(tmp.c_str(), args.out.c_str()) != 0) {
    std::remove(tmp.c_str());
    return ReportError(InvalidArgumentError("写入输出文件失败", "out"));
  }
  fmt::print(stderr, "已生成 {} 件：{}\n", args.count, args.out);
  return 0;
}

struct HotSpotArgs {
  std::string unit, from, to, db = kDefaultDb;
  int limit = 10;
};

int RunHotSpots(const HotSpotArgs& args) {
  auto from = Date::Parse(args.from, "from");
  auto to = Date::Parse(args.to, "to");
  if (!from.ok()) return ReportError(from.status());
  if (!to.ok()) return ReportError(to.status());
  auto db = OpenStore(args.db);
  if (!db.ok()) return ReportError(db.status());
  complaints::HotSpots spots;
  const auto start = std::chrono::steady_clock::now();
  Status s = (*db)->ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(identity::OrgUnit unit, identity::GetOrgUnitByCode(sql, args.unit));
    ASSIGN_OR_RETURN(spots,
                     complaints::ComplaintHotSpots(sql, {unit.path}, *from, *to, args.limit));
    return OkStatus();
  });
  if (!s.ok()) return ReportError(s);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  auto list = [](const std::vector<complaints::HotSpot>& items) {
    json out = json::array();
    for (const auto& h : items)
      out.push_back({{"key", h.key}, {"name", h.name}, {"count", h.count}});
    return out;
  };
  fmt::print("{}\n", json{{"businesses", list(spots.businesses)},
                          {"industries", list(spots.industries)},
                          {"problem_kinds", list(spots.problem_kinds)},
                          {"seconds", seconds}}
                         .dump());
  return 0;
}

}  // namespace

void AddComplaintCommands(CLI::App& app, int* exit_code) {
  if (CLI::App* import = app.get_subcommand("import")) {
    auto file = std::make_shared<std::string>();
    auto db = std::make_shared<std::string>(kDefaultDb);
    auto* cmd = import->add_subcommand(
        "complaints", "导入 12345 热线、信访转办或历史投诉举报（CSV 或 JSON，整文件一个事务）");
    cmd->add_option("FILE", *file, "CSV、JSON 数组或每行一个 JSON 对象的文件")->required();
    cmd->add_option("--db", *db, "数据库 URL")->capture_default_str();
    cmd->callback([=] { *exit_code = RunImportComplaints(*file, *db); });
  }
  if (CLI::App* gen = app.get_subcommand("gen")) {
    auto args = std::make_shared<GenArgs>();
    auto* cmd = gen->add_subcommand("complaints", "生成仿真的已办结投诉 CSV（基准测试用）");
    cmd->add_option("--count", args->count, "件数")->required();
    cmd->add_option("--seed", args->seed, "随机种子")->required();
    cmd->add_option("--out", args->out, "输出 CSV 文件")->required();
    cmd->add_option("--entities", args->entities, "被投诉的主体取自这个主体 CSV");
    cmd->add_option("--region", args->region, "经营者所在县区代码")->capture_default_str();
    cmd->add_option("--from", args->from, "收到日期从")->capture_default_str();
    cmd->add_option("--to", args->to, "收到日期到")->capture_default_str();
    cmd->callback([=] { *exit_code = RunGenComplaints(*args); });
  }
  auto* complaints = app.add_subcommand("complaints", "12315 投诉举报");
  complaints->require_subcommand(1);
  auto args = std::make_shared<HotSpotArgs>();
  auto* hot =
      complaints->add_subcommand("hot-spots", "某单位辖区的投诉热点（经营者、行业、问题类别）");
  hot->add_option("--unit", args->unit, "机构代码")->required();
  hot->add_option("--from", args->from, "收到日期从 YYYY-MM-DD")->required();
  hot->add_option("--to", args->to, "收到日期到 YYYY-MM-DD")->required();
  hot->add_option("--limit", args->limit, "每项前几名")->capture_default_str();
  hot->add_option("--db", args->db, "数据库 URL")->capture_default_str();
  hot->callback([=] { *exit_code = RunHotSpots(*args); });
}

}  // namespace amr::cli
