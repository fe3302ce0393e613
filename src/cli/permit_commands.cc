// SPDX-License-Identifier: MulanPSL-2.0
// amr permit kinds
// amr permit record USCC --kind K --number N --issued-on DATE --valid-until DATE [--db URL]
// amr permit list USCC [--db URL] [--json]
// amr permit cancel ID --reason TEXT [--db URL]
//
// The permits the bureau issued to an entity, cancelled with its business
// licence when it is deregistered (证照并销, docs/lifecycle.md). Changes made
// here are audited as the command line ("cli:root").
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <string>

#include "cli/commands.h"
#include "identity/caller.h"
#include "lifecycle/access.h"
#include "lifecycle/permit.h"

namespace amr::cli {
namespace {

audit::Actor CliActor() {
  audit::Actor actor;
  actor.username = "cli:root";
  return actor;
}

struct RecordArgs {
  std::string db = kDefaultDb;
  std::string uscc;
  lifecycle::NewPermit permit;
};

int RunRecord(const RecordArgs& args) {
  auto db = OpenStore(args.db);
  if (!db.ok()) return ReportError(db.status());
  lifecycle::Permit saved;
  Status s = (*db)->Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(lifecycle::EntityAccess access,
                     lifecycle::AuthorizeEntityAction(sql, identity::Caller{}, args.uscc, "",
                                                      "registration", Clock::Real().Now()));
    ASSIGN_OR_RETURN(saved, lifecycle::RecordPermit(sql, args.uscc, access.authority_org_unit_id,
                                                    args.permit, lifecycle::PermitKinds::Default(),
                                                    CliActor(), Clock::Real()));
    return OkStatus();
  });
  if (!s.ok()) return ReportError(s);
  fmt::print("已登记许可证：{} {}（记录 {}），有效期 {} 至 {}\n", saved.kind_name, saved.number,
             saved.id, saved.issued_on, saved.valid_until);
  return 0;
}

int RunList(const std::string& url, const std::string& uscc, bool as_json) {
  auto db = OpenStore(url);
  if (!db.ok()) return ReportError(db.status());
  std::vector<lifecycle::Permit> permits;
  Status s = (*db)->ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(permits, lifecycle::ListPermits(sql, uscc, lifecycle::PermitKinds::Default()));
    return OkStatus();
  });
  if (!s.ok()) return ReportError(s);
  if (as_json) {
    nlohmann::json out = nlohmann::json::array();
    for (const lifecycle::Permit& p : permits) {
      out.push_back({{"id", p.id},
                     {"kind", p.kind},
                     {"number", p.number},
                     {"issued_on", p.issued_on},
                     {"valid_until", p.valid_until},
                     {"state", p.state},
                     {"cancelled_on", p.cancelled_on}});
    }
    fmt::print("{}\n", out.dump());
    return 0;
  }
  if (permits.empty()) fmt::print("{} 没有登记许可证\n", uscc);
  for (const lifecycle::Permit& p : permits) {
    fmt::print("{}\t{}\t{}\t{} 至 {}\t{}\n", p.id, p.kind_name, p.number, p.issued_on,
               p.valid_until, p.state == "valid" ? "有效" : "已注销 " + p.cancelled_on);
  }
  return 0;
}

int RunCancel(const std::string& url, int64_t id, const std::string& reason) {
  auto db = OpenStore(url);
  if (!db.ok()) return ReportError(db.status());
  lifecycle::Permit after;
  Status s = (*db)->Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(after, lifecycle::CancelPermit(sql, id, reason, ChinaDate(Clock::Real().Now()),
                                                    lifecycle::PermitKinds::Default(), CliActor(),
                                                    Clock::Real()));
    return OkStatus();
  });
  if (!s.ok()) return ReportError(s);
  fmt::print("已注销许可证：{} {}（{}）\n", after.kind_name, after.number, after.cancelled_on);
  return 0;
}

}  // namespace

void AddPermitCommands(CLI::App& app, int* exit_code) {
  CLI::App* permit = app.add_subcommand("permit", "本局核发的许可证（证照并销时随执照注销）");
  permit->require_subcommand(1);

  permit->add_subcommand("kinds", "列出可登记的许可证种类")->callback([exit_code] {
    for (const lifecycle::PermitKind& k : lifecycle::PermitKinds::Default().all()) {
      fmt::print("{}\t{}\t{}\n", k.code, k.name, k.legal_basis);
    }
    *exit_code = 0;
  });

  auto record = std::make_shared<RecordArgs>();
  CLI::App* rec = permit->add_subcommand("record", "登记一张许可证");
  rec->add_option("uscc", record->uscc, "统一社会信用代码")->required();
  rec->add_option("--kind", record->permit.kind, "许可证种类（amr permit kinds）")->required();
  rec->add_option("--number", record->permit.number, "许可证编号")->required();
  rec->add_option("--issued-on", record->permit.issued_on, "发证日期 YYYY-MM-DD")->required();
  rec->add_option("--valid-until", record->permit.valid_until, "有效期至 YYYY-MM-DD")->required();
  rec->add_option("--db", record->db, "数据库 URL");
  rec->callback([record, exit_code] { *exit_code = RunRecord(*record); });

  auto list_db = std::make_shared<std::string>(kDefaultDb);
  auto list_uscc = std::make_shared<std::string>();
  auto list_json = std::make_shared<bool>(false);
  CLI::App* list = permit->add_subcommand("list", "列出一个市场主体的许可证");
  list->add_option("uscc", *list_uscc, "统一社会信用代码")->required();
  list->add_option("--db", *list_db, "数据库 URL");
  list->add_flag("--json", *list_json, "以 JSON 输出");
  list->callback([=] { *exit_code = RunList(*list_db, *list_uscc, *list_json); });

  auto cancel_db = std::make_shared<std::string>(kDefaultDb);
  auto cancel_id = std::make_shared<int64_t>(0);
  auto cancel_reason = std::make_shared<std::string>();
  CLI::App* cancel = permit->add_subcommand("cancel", "注销一张许可证");
  cancel->add_option("id", *cancel_id, "许可证记录号（amr permit list）")->required();
  cancel->add_option("--reason", *cancel_reason, "注销理由")->required();
  cancel->add_option("--db", *cancel_db, "数据库 URL");
  cancel->callback([=] { *exit_code = RunCancel(*cancel_db, *cancel_id, *cancel_reason); });
}

}  // namespace amr::cli
