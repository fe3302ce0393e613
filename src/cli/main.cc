// SPDX-License-Identifier: MulanPSL-2.0
// `amr`: the OpenAMR server and command-line tool. The composition root: the
// only place that knows every context.
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>

#include "cli/commands.h"
#include "storage/migrations.h"

namespace amr::cli {

int ReportError(const Status& status, int code) {
  std::string where = status.field().empty() ? "" : fmt::format("字段 {}；", status.field());
  fmt::print(stderr, "错误：{}（{}代码 {}）\n", status.message(), where,
             StatusCodeSlug(status.code()));
  return code;
}

StatusOr<std::unique_ptr<storage::Database>> OpenStore(const std::string& url) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (url.starts_with(kSqlite) && url != "sqlite::memory:" &&
      !std::filesystem::exists(url.substr(kSqlite.size()))) {
    return NotFoundError(fmt::format("数据库文件 {} 不存在", url.substr(kSqlite.size())), "db");
  }
  ASSIGN_OR_RETURN(auto db, storage::Database::Open(url, 1));
  ASSIGN_OR_RETURN(int version, storage::SchemaVersion(*db));
  ASSIGN_OR_RETURN(std::vector<storage::Migration> known,
                   storage::EmbeddedMigrations(db->backend()));
  if (known.empty() || version < known.back().version) {
    return FailedPreconditionError(
        fmt::format("数据库结构版本 {} 低于本程序的 {}，请先运行 amr migrate", version,
                    known.empty() ? 0 : known.back().version),
        "db");
  }
  return db;
}

}  // namespace amr::cli

int main(int argc, char** argv) {
  CLI::App app{"OpenAMR 市场监管业务平台（服务端与命令行工具）"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "openamr 0.1.0");
  int exit_code = 0;
  amr::cli::AddServeCommands(app, &exit_code);
  amr::cli::AddCodesCommands(app, &exit_code);
  amr::cli::AddCalendarCommands(app, &exit_code);
  amr::cli::AddBackupCommands(app, &exit_code);
  amr::cli::AddEntityCommands(app, &exit_code);
  amr::cli::AddComplaintCommands(app, &exit_code);
  amr::cli::AddCreditCommands(app, &exit_code);
  amr::cli::AddUserCommands(app, &exit_code);
  amr::cli::AddAuditCommands(app, &exit_code);
  amr::cli::AddNameCommands(app, &exit_code);
  amr::cli::AddEstablishmentCommands(app, &exit_code);
  amr::cli::AddLicenseCommands(app, &exit_code);
  amr::cli::AddInspectionCommands(app, &exit_code);
  amr::cli::AddChangeCommands(app, &exit_code);  // lifecycle:change
  amr::cli::AddPermitCommands(app, &exit_code);
  amr::cli::AddDeregistrationCommands(app, &exit_code);
  amr::cli::AddSchedulerCommands(app, &exit_code);
  amr::cli::AddFederationCommands(app, &exit_code);
  amr::cli::AddSuspensionCommands(app, &exit_code);  // lifecycle:susp
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return exit_code;
}
