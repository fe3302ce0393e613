// SPDX-License-Identifier: MulanPSL-2.0
// amr establishment submit FILE.json [--db URL]   one form, filed by the platform
// amr establishment show ID [--db URL]            the application with every step (JSON)
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
#include "establishment/service.h"
#include "http/request.h"
#include "outbox/outbox.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace amr::cli {
namespace {

identity::Caller CliCaller() {
  identity::Caller caller;
  caller.name = "cli";
  return caller;
}

int RunSubmit(const std::string& file, const std::string& url) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return ReportError(NotFoundError(fmt::format("无法打开文件 {}", file), "file"));
  std::stringstream text;
  text << in.rdbuf();
  auto parsed = ParseJsonInput(text.str(), "file", file);
  if (!parsed.ok()) return ReportError(parsed.status());
  nlohmann::json body = *std::move(parsed);
  if (Status s = CheckJsonText(body, http::BodyTextRules()); !s.ok()) return ReportError(s);
  const Clock& clock = Clock::Real();
  auto form =
      establishment::ParseForm(body, establishment::Rules::Default(), ChinaDate(clock.Now()));
  if (!form.ok()) return ReportError(form.status());
  auto db = storage::Database::Open(url);
  if (!db.ok()) return ReportError(db.status());
  if (Status s = storage::Migrate(**db); !s.ok()) return ReportError(s);
  // As in cli::App: the name engine, the e-licence and the outbox.
  names::NameService names(db->get(), clock);
  if (Status s = names.Start(); !s.ok()) return ReportError(s);
  const establishment::Rules& rules = establishment::Rules::Default();
  auto calendar = StartCalendar(**db, clock, true);
  if (!calendar.ok()) return ReportError(calendar.status());
  establishment::EstablishmentService service(rules, clock, (*calendar)->source(),
                                              RegistrationWiring(names, rules, clock));
  establishment::Application app;
  Status s = (*db)->Transaction(
      [&](soci::session& sql) -> Status {
        ASSIGN_OR_RETURN(app,
                         service.Submit(sql, CliCaller(), establishment::Channel::kCli, *form));
        return OkStatus();
      },
      storage::Database::Isolation::kReadCommitted);
  if (!s.ok()) return ReportError(s);
  fmt::print("{}\n", establishment::ApplicationJson(app).dump(2));
  return 0;
}

int RunShow(int64_t id, const std::string& url) {
  auto db = storage::Database::Open(url);
  if (!db.ok()) return ReportError(db.status());
  if (Status s = storage::Migrate(**db); !s.ok()) return ReportError(s);
  auto calendar = StartCalendar(**db, Clock::Real(), true);
  if (!calendar.ok()) return ReportError(calendar.status());
  establishment::EstablishmentService service(establishment::Rules::Default(), Clock::Real(),
                                              (*calendar)->source());
  establishment::Application app;
  Status s = (*db)->ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(app, service.Get(sql, CliCaller(), "", id));
    return OkStatus();
  });
  if (!s.ok()) return ReportError(s);
  fmt::print("{}\n", establishment::ApplicationJson(app).dump(2));
  return 0;
}

}  // namespace

void AddEstablishmentCommands(CLI::App& app, int* exit_code) {
  auto* group = app.add_subcommand("establishment", "企业开办：一表申请、查看办理进度");
  group->require_subcommand(1);
  auto file = std::make_shared<std::string>();
  auto db = std::make_shared<std::string>(kDefaultDb);
  auto* submit =
      group->add_subcommand("submit", "提交一表申请（JSON，格式见 docs/registration.md）");
  submit->add_option("FILE", *file, "申请 JSON 文件")->required();
  submit->add_option("--db", *db, "数据库 URL")->capture_default_str();
  submit->callback([=] { *exit_code = RunSubmit(*file, *db); });

  auto id = std::make_shared<int64_t>(0);
  auto* show = group->add_subcommand("show", "查看申请及各环节用时（JSON）");
  show->add_option("ID", *id, "申请编号")->required()->check(CLI::PositiveNumber);
  show->add_option("--db", *db, "数据库 URL")->capture_default_str();
  show->callback([=] { *exit_code = RunShow(*id, *db); });
}

}  // namespace amr::cli
