// SPDX-License-Identifier: MulanPSL-2.0
// amr scheduler list [--db URL] [--kind K] [--state S] [--limit N] [--json]
// amr scheduler run-due [--db URL]
//
// list shows the persistent timers (scheduler/scheduler.h), oldest due first.
// run-due fires the timers due now once, with the handlers `amr serve`
// registers (timer_wiring.h), and prints how many fired and how many failed;
// it is safe while `amr serve` instances run against the same store.
#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/calendar_wiring.h"
#include "cli/commands.h"
#include "cli/timer_wiring.h"
#include "scheduler/scheduler.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace amr::cli {

namespace {

struct ListArgs {
  std::string db = kDefaultDb;
  scheduler::TimerFilter filter;
  bool json = false;
};

int RunList(const ListArgs& args) {
  if (Status v = scheduler::ValidateFilter(args.filter); !v.ok()) return ReportError(v);
  auto db = OpenStore(args.db);
  if (!db.ok()) return ReportError(db.status());
  std::vector<scheduler::Timer> timers;
  int64_t total = 0;
  Status s = (*db)->ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(total, scheduler::CountTimers(sql, args.filter));
    ASSIGN_OR_RETURN(timers, scheduler::ListTimers(sql, args.filter));
    return OkStatus();
  });
  if (!s.ok()) return ReportError(s);
  if (args.json) {
    nlohmann::json items = nlohmann::json::array();
    for (const scheduler::Timer& t : timers) items.push_back(scheduler::TimerJson(t));
    fmt::print("{}\n", nlohmann::json{{"total", total}, {"items", items}}.dump(2));
    return 0;
  }
  for (const scheduler::Timer& t : timers) {
    std::string detail;
    if (t.state == "fired") {
      detail = fmt::format("{} 由 {} 触发：{}", t.fired_at, t.fired_by, t.outcome);
    } else if (t.attempts > 0) {
      detail =
          fmt::format("已失败 {} 次，{} 后重试：{}", t.attempts, t.next_attempt_at, t.last_error);
    }
    fmt::print("{}\t{}\t{}\t{}\t{}\t{}\n", t.id, t.kind, t.key, t.due_at, t.state, detail);
  }
  fmt::print(stderr, "共 {} 个定时任务，显示 {} 个\n", total, timers.size());
  return 0;
}

int RunDue(const std::string& url) {
  auto db = OpenStore(url);
  if (!db.ok()) return ReportError(db.status());
  auto calendar = StartCalendar(**db, Clock::Real(), false);
  if (!calendar.ok()) return ReportError(calendar.status());
  scheduler::Scheduler scheduler(**db, Clock::Real(), scheduler::DefaultInstanceName());
  RegisterTimerHandlers(scheduler, **db, Clock::Real(), (*calendar)->source());
  constexpr int kBatch = 100;
  scheduler::RunReport total;
  for (;;) {
    auto report = scheduler.RunDue(kBatch);
    if (!report.ok()) return ReportError(report.status());
    total.fired += report->fired;
    total.failed += report->failed;
    if (report->fired + report->failed < kBatch) break;
  }
  fmt::print("已触发 {} 个到期定时任务，失败 {} 个\n", total.fired, total.failed);
  if (total.failed > 0) {
    fmt::print(stderr,
               "失败的定时任务将按退避时间自动重试，原因见 amr scheduler list --state "
               "pending\n");
  }
  return 0;
}

}  // namespace

void AddSchedulerCommands(CLI::App& app, int* exit_code) {
  auto* group = app.add_subcommand("scheduler", "定时任务（期限到期后自动办理的事项）");
  group->require_subcommand(1);

  auto args = std::make_shared<ListArgs>();
  auto* list = group->add_subcommand("list", "列出定时任务，按到期时间先后");
  list->add_option("--db", args->db, "数据库 URL")->capture_default_str();
  list->add_option("--kind", args->filter.kind, "只看此类型，如 suspension.expiry");
  list->add_option("--state", args->filter.state, "只看此状态：pending、fired 或 cancelled");
  list->add_option("--limit", args->filter.limit, "最多列出多少个（1 至 1000）")
      ->capture_default_str();
  list->add_flag("--json", args->json, "以 JSON 输出");
  list->callback([=] { *exit_code = RunList(*args); });

  auto db = std::make_shared<std::string>(kDefaultDb);
  auto* run = group->add_subcommand("run-due", "立即触发一次所有已到期的定时任务，输出触发数量");
  run->add_option("--db", *db, "数据库 URL")->capture_default_str();
  run->callback([=] { *exit_code = RunDue(*db); });
}

}  // namespace amr::cli
