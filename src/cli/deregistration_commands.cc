// SPDX-License-Identifier: MulanPSL-2.0
// amr deregistration eligibility USCC [--procedure simplified|one_screen]
// amr deregistration simplified FILE.json     {uscc, commitments}: the notice starts
// amr deregistration one-screen FILE.json     {uscc, declarations}: pushed to departments
// amr deregistration complete ID              completes a simplified one after its notice
// amr deregistration list [--kind simplified|one_screen] [--state S] [--uscc U]
// Filed by the platform (the command line acts without a login); see
// docs/lifecycle.md, section "simplified".
#include <fmt/format.h>

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/calendar_wiring.h"
#include "cli/commands.h"
#include "cli/registration_wiring.h"
#include "common/clock.h"
#include "common/json_input.h"
#include "http/request.h"
#include "lifecycle/simplified.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace amr::cli {
namespace {

using nlohmann::json;

identity::Caller CliCaller() {
  identity::Caller caller;
  caller.name = "cli";
  return caller;
}

StatusOr<json> ReadJson(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return NotFoundError(fmt::format("无法打开文件 {}", file), "file");
  std::stringstream text;
  text << in.rdbuf();
  ASSIGN_OR_RETURN(json body, ParseJsonInput(text.str(), "file", file));
  if (!body.is_object()) {
    return InvalidArgumentError(fmt::format("{} 不是 JSON 对象", file), "file");
  }
  RETURN_IF_ERROR(CheckJsonText(body, http::BodyTextRules()));
  return body;
}

// Opens the store and runs `work` in one transaction with the service wired
// as `amr serve` wires it.
int WithService(
    const std::string& url, bool write,
    const std::function<StatusOr<json>(soci::session&, const lifecycle::DeregistrationService&)>&
        work) {
  const Clock& clock = Clock::Real();
  auto db = storage::Database::Open(url);
  if (!db.ok()) return ReportError(db.status());
  if (Status s = storage::Migrate(**db); !s.ok()) return ReportError(s);
  names::NameService names(db->get(), clock);
  if (write) {
    if (Status s = names.Start(); !s.ok()) return ReportError(s);
  }
  auto calendar = StartCalendar(**db, clock, true);
  if (!calendar.ok()) return ReportError(calendar.status());
  lifecycle::DeregistrationService service(
      lifecycle::DeregistrationPeriods::Default(), lifecycle::RestrictionKinds::Default(), clock,
      (*calendar)->source(), DeregistrationWiring(names, clock));
  json out;
  auto run = [&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(out, work(sql, service));
    return OkStatus();
  };
  Status s = write ? (*db)->Transaction(run) : (*db)->ReadTransaction(run);
  if (!s.ok()) return ReportError(s);
  fmt::print("{}\n", out.dump(2));
  return 0;
}

}  // namespace

void AddDeregistrationCommands(CLI::App& app, int* exit_code) {
  auto* group = app.add_subcommand("deregistration", "简易注销、个体工商户一屏注销");
  group->require_subcommand(1);
  auto db = std::make_shared<std::string>(kDefaultDb);
  auto uscc = std::make_shared<std::string>();
  auto file = std::make_shared<std::string>();
  auto procedure = std::make_shared<std::string>("simplified");

  auto* eligibility = group->add_subcommand("eligibility", "列出不符合简易注销的每一项条件");
  eligibility->add_option("USCC", *uscc, "统一社会信用代码")->required();
  eligibility->add_option("--procedure", *procedure, "simplified 或 one_screen")
      ->capture_default_str();
  eligibility->add_option("--db", *db, "数据库 URL")->capture_default_str();
  eligibility->callback([=] {
    *exit_code = WithService(*db, false, [&](soci::session& sql, const auto& s) -> StatusOr<json> {
      ASSIGN_OR_RETURN(lifecycle::Eligibility e,
                       s.CheckEligibility(sql, CliCaller(), *uscc, *procedure, ""));
      return lifecycle::EligibilityJson(e);
    });
  });

  auto* simplified =
      group->add_subcommand("simplified", "申请简易注销（JSON：uscc、commitments），公示即日开始");
  simplified->add_option("FILE", *file, "申请 JSON 文件")->required();
  simplified->add_option("--db", *db, "数据库 URL")->capture_default_str();
  simplified->callback([=] {
    auto body = ReadJson(*file);
    if (!body.ok()) {
      *exit_code = ReportError(body.status());
      return;
    }
    *exit_code = WithService(*db, true, [&](soci::session& sql, const auto& s) -> StatusOr<json> {
      ASSIGN_OR_RETURN(lifecycle::Commitment c,
                       lifecycle::ParseCommitment(body->value("commitments", json())));
      ASSIGN_OR_RETURN(lifecycle::SimplifiedApplication a,
                       s.ApplySimplified(sql, CliCaller(), body->value("uscc", ""), c));
      return lifecycle::SimplifiedJson(a);
    });
  });

  auto* one_screen = group->add_subcommand(
      "one-screen", "个体工商户一屏注销（JSON：uscc、declarations），推送税务等部门");
  one_screen->add_option("FILE", *file, "申请 JSON 文件")->required();
  one_screen->add_option("--db", *db, "数据库 URL")->capture_default_str();
  one_screen->callback([=] {
    auto body = ReadJson(*file);
    if (!body.ok()) {
      *exit_code = ReportError(body.status());
      return;
    }
    *exit_code = WithService(*db, true, [&](soci::session& sql, const auto& s) -> StatusOr<json> {
      ASSIGN_OR_RETURN(lifecycle::OneScreenApplication a,
                       s.ApplyOneScreen(sql, CliCaller(), body->value("uscc", ""),
                                        body->value("declarations", json())));
      return lifecycle::OneScreenJson(a);
    });
  });

  auto id = std::make_shared<int64_t>(0);
  auto* complete = group->add_subcommand("complete", "公示期满无异议后申请注销（即时核准）");
  complete->add_option("ID", *id, "简易注销申请编号")->required()->check(CLI::PositiveNumber);
  complete->add_option("--db", *db, "数据库 URL")->capture_default_str();
  complete->callback([=] {
    *exit_code = WithService(*db, true, [&](soci::session& sql, const auto& s) -> StatusOr<json> {
      ASSIGN_OR_RETURN(lifecycle::SimplifiedApplication a,
                       s.CompleteSimplified(sql, CliCaller(), *id));
      return lifecycle::SimplifiedJson(a);
    });
  });

  auto kind = std::make_shared<std::string>("simplified");
  auto state = std::make_shared<std::string>();
  auto* list = group->add_subcommand("list", "列出简易注销或一屏注销申请（JSON）");
  list->add_option("--kind", *kind, "simplified 或 one_screen")->capture_default_str();
  list->add_option("--state", *state, "状态");
  list->add_option("--uscc", *uscc, "统一社会信用代码");
  list->add_option("--db", *db, "数据库 URL")->capture_default_str();
  list->callback([=] {
    *exit_code = WithService(*db, false, [&](soci::session& sql, const auto& s) -> StatusOr<json> {
      lifecycle::ListFilter filter;
      filter.state = *state;
      filter.uscc = *uscc;
      filter.limit = 500;
      json items = json::array();
      if (*kind == "one_screen") {
        ASSIGN_OR_RETURN(auto all, s.ListOneScreen(sql, CliCaller(), filter));
        for (const auto& a : all) items.push_back(lifecycle::OneScreenJson(a));
      } else if (*kind == "simplified") {
        ASSIGN_OR_RETURN(auto all, s.ListSimplified(sql, CliCaller(), filter));
        for (const auto& a : all) items.push_back(lifecycle::SimplifiedJson(a));
      } else {
        return InvalidArgumentError("--kind 应为 simplified 或 one_screen", "kind");
      }
      return json{{"items", items}};
    });
  });
}

}  // namespace amr::cli
