// SPDX-License-Identifier: MulanPSL-2.0
// amr names check NAME --authority REGION6 [--industry CODE] [--db URL] [--json]
//
// Exit codes: 0 ok or similar (hints are advisory), 3 conflict (Art. 17),
// 4 prohibited, 5 invalid; 1 for bad arguments or an unreachable database.
#include <fmt/format.h>

#include <memory>

#include "cli/commands.h"
#include "common/clock.h"
#include "names/name_service.h"
#include "names/routes.h"
#include "storage/database.h"

namespace amr::cli {
namespace {

struct CheckArgs {
  std::string name, authority, industry, db;
  bool json = false;
};

int ExitCodeFor(names::Verdict verdict) {
  switch (verdict) {
    case names::Verdict::kOk:
    case names::Verdict::kSimilar:
      return 0;
    case names::Verdict::kConflict:
      return 3;
    case names::Verdict::kProhibited:
      return 4;
    case names::Verdict::kInvalid:
      return 5;
  }
  return 5;
}

int RunCheck(const CheckArgs& args) {
  std::unique_ptr<storage::Database> db;
  if (!args.db.empty()) {
    auto opened = storage::Database::Open(args.db);
    if (!opened.ok()) return ReportError(opened.status());
    db = std::move(*opened);
  }
  names::NameService service(db.get(), Clock::Real());
  if (Status s = service.Start(); !s.ok()) return ReportError(s);
  auto check = service.Check(args.name, args.authority, args.industry);
  if (!check.ok()) return ReportError(check.status());
  if (args.json) {
    fmt::print("{}\n", names::CheckJson(*check).dump());
  } else {
    fmt::print("结论：{}  行政区划：{}  字号：{}  行业：{}  组织形式：{}\n",
               names::VerdictId(check->verdict), check->parts.region, check->parts.trade_name,
               check->parts.industry, check->parts.form);
    if (!check->reason.empty()) fmt::print("原因：{}\n", check->reason);
    for (const names::NameHit& h : check->hits) {
      fmt::print("  [{}] {} {} {}\n", h.rule, h.name, h.uscc, h.message);
    }
  }
  return ExitCodeFor(check->verdict);
}

}  // namespace

void AddNameCommands(CLI::App& app, int* exit_code) {
  auto* group = app.add_subcommand("names", "企业名称自主申报：查重与规则检查");
  group->require_subcommand(1);
  auto args = std::make_shared<CheckArgs>();
  auto* check = group->add_subcommand(
      "check", "检查名称（退出码：0 可用或近似提示，3 冲突，4 含禁用内容，5 不合规则）");
  check->add_option("NAME", args->name, "企业名称")->required();
  check->add_option("--authority", args->authority, "登记机关行政区划代码（六位）")->required();
  check->add_option("--industry", args->industry, "国民经济行业分类大类代码（两位）");
  check->add_option("--db", args->db, "数据库 URL（不给则只检查用字规则）");
  check->add_flag("--json", args->json, "输出 JSON");
  check->callback([args, exit_code] { *exit_code = RunCheck(*args); });
}

}  // namespace amr::cli
