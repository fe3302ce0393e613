// SPDX-License-Identifier: MulanPSL-2.0
// amr federation publish --db COUNTY_URL [--print]
// amr federation subscribe --db AGGREGATE_URL --name NAME --from CONNINFO [--print]
// amr federation status --db AGGREGATE_URL
//
// A province as a federation of county stores (registry/federation.h,
// docs/operations.md): `publish` on each county's primary, `subscribe` on the
// aggregate once per county, then `amr serve --aggregate` on the aggregate.
// --print shows the SQL instead of running it (for a DBA to apply).
#include <fmt/format.h>

#include <memory>
#include <string>

#include "cli/commands.h"
#include "registry/federation.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace amr::cli {
namespace {

struct FederationArgs {
  std::string db = kDefaultDb;
  std::string name;
  std::string from;
  bool print = false;
};

int RunPublish(const FederationArgs& args) {
  if (args.print) {
    fmt::print("-- 县区主库：postgresql.conf 中 wal_level = logical（修改后须重启）\n{};\n",
               registry::PublicationSql(false));
    return 0;
  }
  auto db = storage::Database::Open(args.db, 1);
  if (!db.ok()) return ReportError(db.status());
  if (Status s = registry::Publish(**db); !s.ok()) return ReportError(s);
  fmt::print("已发布 {}：市场主体的公示字段（不含法定代表人身份证号与信用风险分类）\n",
             registry::kPublicationName);
  return 0;
}

int RunSubscribe(const FederationArgs& args) {
  auto statement = registry::SubscriptionSql(args.name, args.from);
  if (!statement.ok()) return ReportError(statement.status());
  if (args.print) {
    fmt::print("-- 汇总库（先运行 amr migrate 建立表结构）：\n{};\n", *statement);
    return 0;
  }
  auto db = storage::Database::Open(args.db, 1);
  if (!db.ok()) return ReportError(db.status());
  // The subscribed table must exist on the aggregate first.
  if (Status s = storage::Migrate(**db); !s.ok()) return ReportError(s);
  if (Status s = registry::Subscribe(**db, args.name, args.from); !s.ok()) return ReportError(s);
  fmt::print("已订阅 {}：先复制现有市场主体，此后随县区主库的变更同步\n",
             *registry::SubscriptionName(args.name));
  return 0;
}

int RunStatus(const FederationArgs& args) {
  auto db = storage::Database::Open(args.db, 1);
  if (!db.ok()) return ReportError(db.status());
  auto subscriptions = registry::Subscriptions(**db);
  if (!subscriptions.ok()) return ReportError(subscriptions.status());
  if (subscriptions->empty()) fmt::print("汇总库尚无订阅\n");
  for (const registry::SubscriptionState& s : *subscriptions) {
    fmt::print("{}\t{}\t{}\t最近收到：{}\n", s.name, s.enabled ? "已启用" : "已停用",
               s.receiving ? "正在同步" : "未在同步",
               s.last_message_at.empty() ? "尚无" : s.last_message_at);
  }
  return 0;
}

}  // namespace

void AddFederationCommands(CLI::App& app, int* exit_code) {
  auto* federation =
      app.add_subcommand("federation", "全省联邦汇总：县区主库发布、汇总库订阅（逻辑复制）");
  federation->require_subcommand(1);

  auto publish_args = std::make_shared<FederationArgs>();
  auto* publish = federation->add_subcommand("publish", "在县区主库发布市场主体的公示字段");
  publish->add_option("--db", publish_args->db, "县区主库 URL")->capture_default_str();
  publish->add_flag("--print", publish_args->print, "只打印 SQL，不执行");
  publish->callback([=] { *exit_code = RunPublish(*publish_args); });

  auto subscribe_args = std::make_shared<FederationArgs>();
  auto* subscribe = federation->add_subcommand("subscribe", "让汇总库订阅一个县区主库");
  subscribe->add_option("--db", subscribe_args->db, "汇总库 URL")->capture_default_str();
  subscribe->add_option("--name", subscribe_args->name, "订阅名称（如 xihu），汇总库内唯一")
      ->required();
  subscribe
      ->add_option("--from", subscribe_args->from,
                   "县区主库的连接串（如 'host=10.0.3.11 dbname=amr user=amr_replica'）")
      ->required();
  subscribe->add_flag("--print", subscribe_args->print, "只打印 SQL，不执行");
  subscribe->callback([=] { *exit_code = RunSubscribe(*subscribe_args); });

  auto status_args = std::make_shared<FederationArgs>();
  auto* status = federation->add_subcommand("status", "列出汇总库的订阅及其同步状态");
  status->add_option("--db", status_args->db, "汇总库 URL")->capture_default_str();
  status->callback([=] { *exit_code = RunStatus(*status_args); });
}

}  // namespace amr::cli
