// SPDX-License-Identifier: MulanPSL-2.0
// 歇业 and 一般注销 from the command line, filed by the platform ("cli"):
//   amr entity suspend USCC --category 自然灾害 --start 2026-09-28 --end 2026-10-31 [--reason T]
//   amr entity extend-suspension USCC ID --end 2026-12-31
//   amr entity resume USCC ID
//   amr entity suspensions USCC                        the periods and the 3-year budget
//   amr liquidation open USCC --cause T --cause-on D --formed-on D --member N… --document C…
//   amr liquidation step ID creditor_notice|public_notice|report|application --document C… [--text
//   T] amr liquidation tax-clearance ID --document tax_clearance_certificate amr liquidation show
//   ID
// Every command takes --db URL and prints the record as JSON. The registrar's
// decision is made over the API (it cancels the licence and permits).
#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

#include "cli/calendar_wiring.h"
#include "cli/commands.h"
#include "common/clock.h"
#include "lifecycle/liquidation.h"
#include "lifecycle/suspension.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace amr::cli {
namespace {

struct Args {
  std::string db = kDefaultDb;
  std::string uscc, category, reason, start, end, cause, cause_on, formed_on, step, text;
  int64_t id = 0;
  std::vector<std::string> members, documents;
};

identity::Caller CliCaller() {
  identity::Caller caller;
  caller.name = "cli";
  return caller;
}

// Opens and migrates the store, runs `work` in one transaction, prints its JSON.
// Runs `work` in one transaction with the store's calendar in force.
int RunCounted(const std::string& url,
               const std::function<StatusOr<nlohmann::json>(soci::session&, const Clock&,
                                                            const codes::WorkdayCalendar&)>& work) {
  auto db = storage::Database::Open(url);
  if (!db.ok()) return ReportError(db.status());
  if (Status s = storage::Migrate(**db); !s.ok()) return ReportError(s);
  auto calendar = StartCalendar(**db, Clock::Real(), true);
  if (!calendar.ok()) return ReportError(calendar.status());
  const std::shared_ptr<const codes::WorkdayCalendar> in_force = (*calendar)->Current();
  nlohmann::json out;
  Status s = (*db)->Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(out, work(sql, Clock::Real(), *in_force));
    return OkStatus();
  });
  if (!s.ok()) return ReportError(s);
  fmt::print("{}\n", out.dump(2));
  return 0;
}

int Run(const std::string& url,
        const std::function<StatusOr<nlohmann::json>(soci::session&, const Clock&)>& work) {
  return RunCounted(url, [&](soci::session& sql, const Clock& clock,
                             const codes::WorkdayCalendar&) { return work(sql, clock); });
}

StatusOr<Date> DateArg(const std::string& text, std::string_view field) {
  return Date::Parse(text, field);
}

CLI::App* Group(CLI::App& app, const char* name, const char* description) {
  // Other lifecycle commands may have created the group already.
  try {
    return app.get_subcommand(name);
  } catch (const CLI::OptionNotFound&) {
    return app.add_subcommand(name, description);
  }
}

}  // namespace

void AddSuspensionCommands(CLI::App& app, int* exit_code) {
  auto a = std::make_shared<Args>();
  CLI::App* entity = Group(app, "entity", "市场主体：变更登记、歇业、历史");
  entity->require_subcommand(1);

  auto* suspend = entity->add_subcommand("suspend", "歇业备案（须在歇业开始前或当天办理）");
  suspend->add_option("USCC", a->uscc, "统一社会信用代码")->required();
  suspend->add_option("--category", a->category, "歇业原因类别（如 自然灾害、公共卫生事件）")
      ->required();
  suspend->add_option("--start", a->start, "歇业开始日期 YYYY-MM-DD")->required();
  suspend->add_option("--end", a->end, "歇业结束日期 YYYY-MM-DD（含）")->required();
  suspend->add_option("--reason", a->reason, "原因说明");
  suspend->add_option("--db", a->db, "数据库 URL")->capture_default_str();
  suspend->callback([a, exit_code] {
    *exit_code =
        Run(a->db, [&](soci::session& sql, const Clock& clock) -> StatusOr<nlohmann::json> {
          ASSIGN_OR_RETURN(Date start, DateArg(a->start, "start_on"));
          ASSIGN_OR_RETURN(Date end, DateArg(a->end, "end_on"));
          lifecycle::SuspensionRequest r{a->category, a->reason, start, end};
          ASSIGN_OR_RETURN(auto s, lifecycle::FileSuspension(sql, CliCaller(), a->uscc, r, clock));
          return lifecycle::SuspensionJson(s);
        });
  });

  auto* extend = entity->add_subcommand("extend-suspension", "歇业延期（期满前 30 日内办理）");
  extend->add_option("USCC", a->uscc, "统一社会信用代码")->required();
  extend->add_option("ID", a->id, "歇业备案编号")->required()->check(CLI::PositiveNumber);
  extend->add_option("--end", a->end, "延期后的结束日期 YYYY-MM-DD")->required();
  extend->add_option("--db", a->db, "数据库 URL")->capture_default_str();
  extend->callback([a, exit_code] {
    *exit_code =
        Run(a->db, [&](soci::session& sql, const Clock& clock) -> StatusOr<nlohmann::json> {
          ASSIGN_OR_RETURN(Date end, DateArg(a->end, "end_on"));
          ASSIGN_OR_RETURN(
              auto s, lifecycle::ExtendSuspension(sql, CliCaller(), a->uscc, a->id, end, clock));
          return lifecycle::SuspensionJson(s);
        });
  });

  auto* resume = entity->add_subcommand("resume", "恢复营业备案（今天起恢复营业）");
  resume->add_option("USCC", a->uscc, "统一社会信用代码")->required();
  resume->add_option("ID", a->id, "歇业备案编号")->required()->check(CLI::PositiveNumber);
  resume->add_option("--db", a->db, "数据库 URL")->capture_default_str();
  resume->callback([a, exit_code] {
    *exit_code =
        Run(a->db, [&](soci::session& sql, const Clock& clock) -> StatusOr<nlohmann::json> {
          ASSIGN_OR_RETURN(auto s,
                           lifecycle::ResumeBusiness(sql, CliCaller(), a->uscc, a->id, clock));
          return lifecycle::SuspensionJson(s);
        });
  });

  auto* list = entity->add_subcommand("suspensions", "歇业记录及 3 年累计额度");
  list->add_option("USCC", a->uscc, "统一社会信用代码")->required();
  list->add_option("--db", a->db, "数据库 URL")->capture_default_str();
  list->callback([a, exit_code] {
    *exit_code = Run(a->db, [&](soci::session& sql, const Clock&) -> StatusOr<nlohmann::json> {
      ASSIGN_OR_RETURN(auto all, lifecycle::ListSuspensions(sql, a->uscc));
      ASSIGN_OR_RETURN(auto budget, lifecycle::SuspensionBudgetOf(sql, a->uscc));
      nlohmann::json items = nlohmann::json::array();
      for (const auto& s : all) items.push_back(lifecycle::SuspensionJson(s));
      return nlohmann::json{{"items", items}, {"budget", lifecycle::SuspensionBudgetJson(budget)}};
    });
  });

  CLI::App* liq = Group(app, "liquidation", "一般注销：清算组备案、清算步骤、清税");
  liq->require_subcommand(1);
  auto* open = liq->add_subcommand("open", "清算组备案（同时公示清算组信息）");
  open->add_option("USCC", a->uscc, "统一社会信用代码")->required();
  open->add_option("--cause", a->cause, "解散事由")->required();
  open->add_option("--cause-on", a->cause_on, "解散事由出现日期 YYYY-MM-DD")->required();
  open->add_option("--formed-on", a->formed_on, "清算组成立日期 YYYY-MM-DD")->required();
  open->add_option("--member", a->members, "清算组成员（可重复）")->required();
  open->add_option("--document", a->documents, "提交的材料代码（可重复）");
  open->add_option("--db", a->db, "数据库 URL")->capture_default_str();
  open->callback([a, exit_code] {
    *exit_code =
        RunCounted(a->db,
                   [&](soci::session& sql, const Clock& clock,
                       const codes::WorkdayCalendar& calendar) -> StatusOr<nlohmann::json> {
                     ASSIGN_OR_RETURN(Date cause_on, DateArg(a->cause_on, "cause_on"));
                     ASSIGN_OR_RETURN(Date formed, DateArg(a->formed_on, "group_formed_on"));
                     lifecycle::GroupFiling g{a->cause, cause_on, formed, a->members, a->documents};
                     ASSIGN_OR_RETURN(auto l, lifecycle::FileLiquidationGroup(
                                                  sql, CliCaller(), a->uscc, g, clock, calendar));
                     return lifecycle::LiquidationJson(l);
                   });
  });
  auto* step = liq->add_subcommand("step", "办理清算步骤");
  step->add_option("ID", a->id, "清算编号")->required()->check(CLI::PositiveNumber);
  step->add_option("STEP", a->step, "creditor_notice | public_notice | report | application")
      ->required();
  step->add_option("--document", a->documents, "提交的材料代码（可重复）");
  step->add_option("--text", a->text, "公告正文（public_notice）");
  step->add_option("--db", a->db, "数据库 URL")->capture_default_str();
  step->callback([a, exit_code] {
    *exit_code = RunCounted(
        a->db,
        [&](soci::session& sql, const Clock& clock,
            const codes::WorkdayCalendar& calendar) -> StatusOr<nlohmann::json> {
          lifecycle::StepSubmission s{a->documents, nlohmann::json::object()};
          if (!a->text.empty()) s.detail["text"] = a->text;
          ASSIGN_OR_RETURN(auto l, lifecycle::SubmitLiquidationStep(sql, CliCaller(), a->id,
                                                                    a->step, s, clock, calendar));
          return lifecycle::LiquidationJson(l);
        });
  });
  auto* tax = liq->add_subcommand("tax-clearance", "记录清税（税务部门）");
  tax->add_option("ID", a->id, "清算编号")->required()->check(CLI::PositiveNumber);
  tax->add_option("--document", a->documents, "提交的材料代码（可重复）");
  tax->add_option("--db", a->db, "数据库 URL")->capture_default_str();
  tax->callback([a, exit_code] {
    *exit_code =
        Run(a->db, [&](soci::session& sql, const Clock& clock) -> StatusOr<nlohmann::json> {
          ASSIGN_OR_RETURN(auto l, lifecycle::RecordTaxClearance(sql, CliCaller(), a->id,
                                                                 {a->documents, {}}, clock));
          return lifecycle::LiquidationJson(l);
        });
  });
  auto* show = liq->add_subcommand("show", "查看清算记录、各步骤期限与逾期情况");
  show->add_option("ID", a->id, "清算编号")->required()->check(CLI::PositiveNumber);
  show->add_option("--db", a->db, "数据库 URL")->capture_default_str();
  show->callback([a, exit_code] {
    *exit_code =
        Run(a->db, [&](soci::session& sql, const Clock& clock) -> StatusOr<nlohmann::json> {
          ASSIGN_OR_RETURN(auto l, lifecycle::GetLiquidation(sql, a->id, clock));
          return lifecycle::LiquidationJson(l);
        });
  });
}

}  // namespace amr::cli
