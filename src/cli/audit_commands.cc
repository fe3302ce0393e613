// SPDX-License-Identifier: MulanPSL-2.0
// amr audit verify [--db URL] [--checkpoint SEQ:HASH]
// amr audit head [--db URL]
// Exit codes of verify: 0 the chain is intact, 1 it is broken (the first
// broken record is named), 2 it could not be checked (no store, no table).
#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <string>

#include "audit/audit_record.h"
#include "audit/verify.h"
#include "cli/commands.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace amr::cli {

namespace {

constexpr int kCannotCheck = 2;
// The first schema version with audit_log (migrations/*/0003_audit.sql).
constexpr int kAuditSchemaVersion = 3;

// Opens an existing, migrated store: verifying must never create one (Open
// would create a missing SQLite file).
StatusOr<std::unique_ptr<storage::Database>> OpenExisting(const std::string& url) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (url.starts_with(kSqlite) && url != "sqlite::memory:" &&
      !std::filesystem::exists(url.substr(kSqlite.size()))) {
    return NotFoundError(fmt::format("数据库文件 {} 不存在", url.substr(kSqlite.size())), "db");
  }
  ASSIGN_OR_RETURN(auto db, storage::Database::Open(url, 1));
  ASSIGN_OR_RETURN(int version, storage::SchemaVersion(*db));
  if (version < kAuditSchemaVersion) {
    return FailedPreconditionError("数据库尚未建立审计表（audit_log），请先运行 amr migrate", "db");
  }
  return db;
}

int RunVerify(const std::string& url, const std::string& checkpoint_text) {
  audit::VerifyOptions options;
  if (!checkpoint_text.empty()) {
    auto checkpoint = audit::ParseCheckpoint(checkpoint_text);
    if (!checkpoint.ok()) return ReportError(checkpoint.status(), kCannotCheck);
    options.checkpoint = *checkpoint;
  }
  auto db = OpenExisting(url);
  if (!db.ok()) return ReportError(db.status(), kCannotCheck);
  auto report = audit::Verify(**db, options);
  if (!report.ok()) return ReportError(report.status(), kCannotCheck);
  if (!report->intact()) {
    fmt::print("审计链已损坏：{}（原因 {}；此前 {} 条记录完好）\n", report->first_break->message,
               audit::BreakKindSlug(report->first_break->kind), report->records_checked);
    return 1;
  }
  fmt::print("审计链完整：{} 条记录\n", report->records_checked);
  if (options.checkpoint) {
    fmt::print("与检查点第 {} 条一致\n", options.checkpoint->seq);
  }
  fmt::print("链头检查点：{}\n", report->head.ToString());
  return 0;
}

int RunHead(const std::string& url) {
  auto db = OpenExisting(url);
  if (!db.ok()) return ReportError(db.status(), kCannotCheck);
  auto head = audit::Head(**db);
  if (!head.ok()) return ReportError(head.status(), kCannotCheck);
  // The first line is the checkpoint itself, for scripts and for publishing.
  fmt::print("{}\n", head->checkpoint.ToString());
  if (head->checkpoint.seq == 0) {
    fmt::print(stderr, "审计链为空\n");
  } else {
    fmt::print(stderr,
               "第 {} 条审计记录（记录于 {}）。请将上一行另行留存或签名公布，日后用 "
               "amr audit verify --checkpoint 核对链尾未被删改\n",
               head->checkpoint.seq, head->recorded_at);
  }
  return 0;
}

}  // namespace

void AddAuditCommands(CLI::App& app, int* exit_code) {
  auto* audit = app.add_subcommand("audit", "审计记录（防篡改审计链）");
  audit->require_subcommand(1);

  auto db = std::make_shared<std::string>(kDefaultDb);
  auto checkpoint = std::make_shared<std::string>();
  auto* verify = audit->add_subcommand("verify", "逐条核对审计链：完整退出码 0，损坏退出码 1");
  verify->add_option("--db", *db, "数据库 URL")->capture_default_str();
  verify->add_option("--checkpoint", *checkpoint,
                     "此前留存的链头检查点 SEQ:HASH（amr audit head 的输出），用于发现链尾被删改");
  verify->callback([=] { *exit_code = RunVerify(*db, *checkpoint); });

  auto head_db = std::make_shared<std::string>(kDefaultDb);
  auto* head = audit->add_subcommand("head", "输出链头检查点 SEQ:HASH，供留存或公布");
  head->add_option("--db", *head_db, "数据库 URL")->capture_default_str();
  head->callback([=] { *exit_code = RunHead(*head_db); });
}

}  // namespace amr::cli
