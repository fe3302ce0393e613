// SPDX-License-Identifier: MulanPSL-2.0
// amr backup --db URL --out FILE [--json]
// amr restore FILE --db URL [--json]
//
// backup copies the whole store in one consistent snapshot while servers run
// (storage/backup.h) and prints the audit head the copy holds; restore loads
// it into an empty store and prints the head it then has, so an operator sees
// that the two agree (docs/operations.md, "Backups").
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "audit/verify.h"
#include "cli/backup_scheduler.h"
#include "cli/commands.h"
#include "storage/backup.h"

namespace amr::cli {

namespace {

nlohmann::json HeadJson(const audit::ChainHead& head) {
  return {{"seq", head.checkpoint.seq},
          {"hash", head.checkpoint.hash},
          {"checkpoint", head.checkpoint.ToString()}};
}

int RunBackup(const std::string& url, const std::string& out, bool json) {
  auto db = OpenStore(url);
  if (!db.ok()) return ReportError(db.status());
  auto result = TakeBackup(**db, url, out);
  if (!result.ok()) return ReportError(result.status());
  if (json) {
    fmt::print("{}\n", nlohmann::json{{"file", out},
                                      {"backend", storage::BackendName(result->backend)},
                                      {"bytes", result->bytes},
                                      {"audit_head", HeadJson(result->audit_head)}}
                           .dump());
  } else {
    fmt::print("已备份到 {}（{}，{} 字节）；审计链头 {}\n", out,
               storage::BackendName(result->backend), result->bytes,
               result->audit_head.checkpoint.ToString());
  }
  return 0;
}

int RunRestore(const std::string& file, const std::string& url, bool json) {
  if (Status s = storage::Restore(file, url); !s.ok()) return ReportError(s);
  auto db = OpenStore(url);
  if (!db.ok()) return ReportError(db.status());
  auto head = audit::Head(**db);
  if (!head.ok()) return ReportError(head.status());
  if (json) {
    fmt::print("{}\n", nlohmann::json{{"file", file}, {"audit_head", HeadJson(*head)}}.dump());
  } else {
    fmt::print("已从 {} 恢复；审计链头 {}。请运行 amr audit verify --db … 核验。\n", file,
               head->checkpoint.ToString());
  }
  return 0;
}

}  // namespace

void AddBackupCommands(CLI::App& app, int* exit_code) {
  auto db = std::make_shared<std::string>(kDefaultDb);
  auto out = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  auto* backup = app.add_subcommand("backup", "备份整个数据库（服务运行时也可，得到一致的快照）");
  backup->add_option("--db", *db, "数据库 URL")->capture_default_str();
  backup->add_option("--out", *out, "备份文件（不得已存在）")->required();
  backup->add_flag("--json", *json, "输出 JSON");
  backup->callback([=] { *exit_code = RunBackup(*db, *out, *json); });

  auto restore_db = std::make_shared<std::string>();
  auto file = std::make_shared<std::string>();
  auto restore_json = std::make_shared<bool>(false);
  auto* restore = app.add_subcommand("restore", "把备份恢复到一个空数据库");
  restore->add_option("FILE", *file, "备份文件")->required();
  restore->add_option("--db", *restore_db, "目标数据库 URL（须为空库）")->required();
  restore->add_flag("--json", *restore_json, "输出 JSON");
  restore->callback([=] { *exit_code = RunRestore(*file, *restore_db, *restore_json); });
}

}  // namespace amr::cli
