// SPDX-License-Identifier: MulanPSL-2.0
// amr entity change USCC [--name N] [--address A] [--scope C1,C2] [--legal-rep-name N
//                        --legal-rep-id ID] [--registered-capital YUAN] [--investors FILE.json]
//                        [--note TEXT] [--db URL] [--json]     变更登记 filed by the platform
// amr entity history USCC [--db URL] [--json]                   public version history
// amr entity convert USCC --kind limited_company|sole_proprietorship --name N
//                        [--registered-capital YUAN] [--investors FILE.json] [--db URL] [--json]
#include <fmt/format.h>

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/calendar_wiring.h"
#include "cli/change_wiring.h"
#include "cli/commands.h"
#include "common/clock.h"
#include "common/json_input.h"
#include "establishment/rules.h"
#include "http/request.h"
#include "lifecycle/change.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace amr::cli {
namespace {

using nlohmann::json;

struct ChangeArgs {
  std::string uscc, db = kDefaultDb;
  std::string name, address, scope, legal_rep_name, legal_rep_id, investors_file, note, kind;
  int64_t registered_capital = 0;
  bool json_output = false;
};

identity::Caller CliCaller() {
  identity::Caller caller;
  caller.name = "cli";
  return caller;
}

StatusOr<json> ReadJsonFile(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return NotFoundError(fmt::format("无法打开文件 {}", file), "investors");
  std::stringstream text;
  text << in.rdbuf();
  ASSIGN_OR_RETURN(json investors, ParseJsonInput(text.str(), "investors", file));
  RETURN_IF_ERROR(CheckJsonText(investors, http::BodyTextRules(), "investors"));
  return investors;
}

// The request body the API takes, from the options given.
StatusOr<json> ChangeBody(const ChangeArgs& a) {
  json body = json::object();
  if (!a.name.empty()) body["name"] = a.name;
  if (!a.address.empty()) {
    body["address"] = a.address;
    body["address_commitment"] = true;  // the clerk records the applicant's commitment
  }
  if (!a.scope.empty()) {
    json scope = json::array();
    size_t start = 0;
    while (start <= a.scope.size()) {
      size_t end = a.scope.find(',', start);
      if (end == std::string::npos) end = a.scope.size();
      if (end > start) scope.push_back(a.scope.substr(start, end - start));
      start = end + 1;
    }
    body["scope"] = scope;
  }
  if (!a.legal_rep_name.empty() || !a.legal_rep_id.empty()) {
    body["legal_rep"] = {{"name", a.legal_rep_name}, {"citizen_id", a.legal_rep_id}};
  }
  if (a.registered_capital > 0) body["registered_capital"] = a.registered_capital;
  if (!a.investors_file.empty()) {
    ASSIGN_OR_RETURN(body["investors"], ReadJsonFile(a.investors_file));
  }
  if (!a.note.empty()) body["note"] = a.note;
  return body;
}

struct Wired {
  std::unique_ptr<storage::Database> db;
  std::unique_ptr<names::NameService> names;
  std::shared_ptr<calendar::CalendarService> calendar;
  std::unique_ptr<lifecycle::ChangeService> service;
};

StatusOr<Wired> Open(const std::string& url) {
  Wired w;
  ASSIGN_OR_RETURN(w.db, storage::Database::Open(url));
  RETURN_IF_ERROR(storage::Migrate(*w.db));
  // As in cli::App: the name engine, the calendar (the beneficial-owner
  // filing's time limit after a change) and the outbox.
  w.names = std::make_unique<names::NameService>(w.db.get(), Clock::Real());
  RETURN_IF_ERROR(w.names->Start());
  ASSIGN_OR_RETURN(w.calendar, StartCalendar(*w.db, Clock::Real(), true));
  w.service = std::make_unique<lifecycle::ChangeService>(
      establishment::Rules::Default(), Clock::Real(),
      ChangeWiring(*w.names, Clock::Real(), &w.calendar->source()));
  return w;
}

int RunChange(const ChangeArgs& a) {
  auto body = ChangeBody(a);
  if (!body.ok()) return ReportError(body.status());
  auto request = lifecycle::ParseChangeRequest(*body, establishment::Rules::Default(),
                                               ChinaDate(Clock::Real().Now()));
  if (!request.ok()) return ReportError(request.status());
  auto w = Open(a.db);
  if (!w.ok()) return ReportError(w.status());
  if (Status s = w->service->CatchUp(); !s.ok()) return ReportError(s);
  lifecycle::Change change;
  Status s = w->db->Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(change, w->service->Submit(sql, CliCaller(), lifecycle::ChangeChannel::kCli,
                                                a.uscc, *request));
    return OkStatus();
  });
  if (!s.ok()) return ReportError(s);
  if (a.json_output) {
    fmt::print("{}\n", lifecycle::ChangeJson(change, w->service->rules()).dump(2));
  } else if (change.state == "effective") {
    fmt::print("变更已生效：{} 第 {} 版（变更申请 {}）\n", change.uscc, change.version, change.id);
  } else {
    fmt::print("名称与已有名称近似，变更申请 {} 已转注册官审核：{}\n", change.id,
               change.name_message);
  }
  return 0;
}

int RunHistory(const ChangeArgs& a) {
  auto w = Open(a.db);
  if (!w.ok()) return ReportError(w.status());
  lifecycle::History history;
  Status s = w->db->ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(history, w->service->GetHistory(sql, a.uscc));
    return OkStatus();
  });
  if (!s.ok()) return ReportError(s);
  const json out = lifecycle::PublicHistoryJson(history, w->service->rules());
  if (a.json_output) {
    fmt::print("{}\n", out.dump(2));
    return 0;
  }
  for (const json& v : out["versions"]) {
    fmt::print("第 {} 版  {}  {}\n", v["version"].get<int>(), v["effective_on"].get<std::string>(),
               v["kind_name"].get<std::string>());
    for (const json& c : v["changes"]) {
      fmt::print("  {}：{} → {}\n", c["field_name"].get<std::string>(), c["before"].dump(),
                 c["after"].dump());
    }
  }
  if (!out["predecessor"].is_null()) {
    fmt::print("由个体工商户 {} 转型（个转企）\n",
               out["predecessor"]["from_uscc"].get<std::string>());
  }
  if (!out["successor"].is_null()) {
    fmt::print("已转为企业 {}（个转企）\n", out["successor"]["to_uscc"].get<std::string>());
  }
  return 0;
}

int RunConvert(const ChangeArgs& a) {
  json body = {{"kind", a.kind}, {"name", a.name}};
  if (a.registered_capital > 0) body["registered_capital"] = a.registered_capital;
  if (!a.investors_file.empty()) {
    auto investors = ReadJsonFile(a.investors_file);
    if (!investors.ok()) return ReportError(investors.status());
    body["investors"] = *investors;
  }
  if (!a.legal_rep_name.empty() || !a.legal_rep_id.empty()) {
    body["legal_rep"] = {{"name", a.legal_rep_name}, {"citizen_id", a.legal_rep_id}};
  }
  auto request = lifecycle::ParseConversionRequest(body, ChinaDate(Clock::Real().Now()));
  if (!request.ok()) return ReportError(request.status());
  auto w = Open(a.db);
  if (!w.ok()) return ReportError(w.status());
  if (Status s = w->service->CatchUp(); !s.ok()) return ReportError(s);
  lifecycle::Conversion c;
  Status s = w->db->Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(
        c, w->service->Convert(sql, CliCaller(), lifecycle::ChangeChannel::kCli, a.uscc, *request));
    return OkStatus();
  });
  if (!s.ok()) return ReportError(s);
  if (a.json_output) {
    fmt::print("{}\n", json{{"from_uscc", c.from_uscc},
                            {"to_uscc", c.to_uscc},
                            {"target_kind", c.target_kind},
                            {"converted_on", c.converted_on}}
                           .dump(2));
  } else {
    fmt::print("个转企已办结：{} → {}（{}），原个体工商户已注销\n", c.from_uscc, c.to_uscc,
               c.converted_on);
  }
  return 0;
}

CLI::App* EntityGroup(CLI::App& app) {
  // Other lifecycle commands may have created the group already.
  try {
    return app.get_subcommand("entity");
  } catch (const CLI::OptionNotFound&) {
    return app.add_subcommand("entity", "市场主体：变更登记、历史、个转企");
  }
}

}  // namespace

void AddChangeCommands(CLI::App& app, int* exit_code) {
  CLI::App* group = EntityGroup(app);
  group->require_subcommand(1);
  auto a = std::make_shared<ChangeArgs>();

  auto* change = group->add_subcommand("change", "变更登记（平台办理，即时办结或转注册官审核）");
  change->add_option("uscc", a->uscc, "统一社会信用代码")->required();
  change->add_option("--name", a->name, "新名称（经名称查重）");
  change->add_option("--address", a->address, "新住所（视为申请人已作住所申报承诺）");
  change->add_option("--scope", a->scope, "新经营范围：目录代码，逗号分隔（整体替换）");
  change->add_option("--legal-rep-name", a->legal_rep_name, "新法定代表人（经营者）姓名");
  change->add_option("--legal-rep-id", a->legal_rep_id, "新法定代表人（经营者）身份证号");
  change->add_option("--registered-capital", a->registered_capital, "新注册资本（元）");
  change->add_option("--investors", a->investors_file, "新投资人名单 JSON 文件（数组）");
  change->add_option("--note", a->note, "说明");
  change->add_option("--db", a->db, "数据库 URL")->capture_default_str();
  change->add_flag("--json", a->json_output, "输出 JSON");
  change->callback([a, exit_code] { *exit_code = RunChange(*a); });

  auto* history = group->add_subcommand("history", "变更历史（公示内容）");
  history->add_option("uscc", a->uscc, "统一社会信用代码")->required();
  history->add_option("--db", a->db, "数据库 URL")->capture_default_str();
  history->add_flag("--json", a->json_output, "输出 JSON");
  history->callback([a, exit_code] { *exit_code = RunHistory(*a); });

  auto* convert =
      group->add_subcommand("convert", "个转企：新设企业（新代码、保留字号），原个体工商户注销");
  convert->add_option("uscc", a->uscc, "个体工商户的统一社会信用代码")->required();
  convert->add_option("--kind", a->kind, "limited_company 或 sole_proprietorship")->required();
  convert->add_option("--name", a->name, "企业名称（保留原字号）")->required();
  convert->add_option("--registered-capital", a->registered_capital, "注册资本（元）");
  convert->add_option("--investors", a->investors_file, "投资人名单 JSON 文件（默认原经营者）");
  convert->add_option("--legal-rep-name", a->legal_rep_name, "法定代表人姓名（默认原经营者）");
  convert->add_option("--legal-rep-id", a->legal_rep_id, "法定代表人身份证号");
  convert->add_option("--db", a->db, "数据库 URL")->capture_default_str();
  convert->add_flag("--json", a->json_output, "输出 JSON");
  convert->callback([a, exit_code] { *exit_code = RunConvert(*a); });
}

}  // namespace amr::cli
