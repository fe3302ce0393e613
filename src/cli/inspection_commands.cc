// SPDX-License-Identifier: MulanPSL-2.0
// amr draw sample --pool FILE --ratio … --entropy TEXT [--json]   (draw/draw_cli.h)
// amr draw verify --task ID [--db URL]
// amr inspection import items|targets|officers FILE [--db URL]
//
// Exit codes of draw verify: 0 the stored draw recomputes exactly, 1 it does
// not (each difference is printed), 2 it could not be checked (no store, no
// such task, not drawn). import: 0 imported, 2 the file was refused (nothing
// written), 1 the store failed.
#include <fmt/format.h>
#include <soci/soci.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "inspection/draw/draw_cli.h"
#include "inspection/library_store.h"
#include "inspection/task_store.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace amr::cli {
namespace {

constexpr int kCannotCheck = 2;
constexpr int kInspectionSchemaVersion = 7;

StatusOr<std::unique_ptr<storage::Database>> OpenInspectionStore(const std::string& url) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (url.starts_with(kSqlite) && url != "sqlite::memory:" &&
      !std::filesystem::exists(url.substr(kSqlite.size()))) {
    return NotFoundError(fmt::format("数据库文件 {} 不存在", url.substr(kSqlite.size())), "db");
  }
  ASSIGN_OR_RETURN(auto db, storage::Database::Open(url, 1));
  ASSIGN_OR_RETURN(int version, storage::SchemaVersion(*db));
  if (version < kInspectionSchemaVersion) {
    return FailedPreconditionError("数据库尚未建立抽查表，请先运行 amr migrate", "db");
  }
  return db;
}

int RunVerify(int64_t task_id, const std::string& url) {
  auto db = OpenInspectionStore(url);
  if (!db.ok()) return ReportError(db.status(), kCannotCheck);
  inspection::VerifyReport report;
  Status s = (*db)->ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(report, inspection::VerifyDraw(sql, task_id));
    return OkStatus();
  });
  if (!s.ok()) return ReportError(s, kCannotCheck);
  if (!report.ok()) {
    fmt::print("抽取结果核验不符：任务 {}\n", task_id);
    for (const std::string& p : report.problems) fmt::print("  {}\n", p);
    return 1;
  }
  fmt::print("抽取结果核验一致：任务 {}，名录 {} 户，抽中 {} 户\n", task_id, report.pool_size,
             report.visits);
  fmt::print("名录哈希 {}\n种子 {}\n", report.pool_hash, report.seed);
  return 0;
}

int RunImport(const std::string& kind_text, const std::string& file, const std::string& url) {
  auto kind = inspection::ParseLibraryKind(kind_text);
  if (!kind.ok()) return ReportError(kind.status(), 2);
  std::ifstream in(file);
  if (!in) return ReportError(InvalidArgumentError("无法读取文件 " + file, "file"), 2);
  auto db = OpenInspectionStore(url);
  if (!db.ok()) return ReportError(db.status(), 1);
  const char* user = std::getenv("USER");
  identity::Caller caller{nullptr, "", "",
                          user != nullptr && *user != '\0' ? fmt::format("cli:{}", user) : "cli"};
  auto report = inspection::ImportLibrary(**db, *kind, in, caller, nullptr, Clock::Real());
  if (!report.ok()) {
    const StatusCode code = report.status().code();
    return ReportError(report.status(), code == StatusCode::kUnavailable ||
                                                code == StatusCode::kInternal ||
                                                code == StatusCode::kAborted
                                            ? 1
                                            : 2);
  }
  fmt::print("已导入 {} 条（{}）\n", report->rows, inspection::LibraryKindId(*kind));
  return 0;
}

}  // namespace

void AddInspectionCommands(CLI::App& app, int* exit_code) {
  CLI::App* draw = app.add_subcommand("draw", "双随机抽取：离线抽取与核验");
  draw->require_subcommand(1);
  inspection::AddDrawSampleCommand(*draw, exit_code);

  auto task = std::make_shared<int64_t>(0);
  auto db_url = std::make_shared<std::string>(kDefaultDb);
  CLI::App* verify = draw->add_subcommand("verify", "按已存的名录与公开随机数重算并核对抽取结果");
  verify->add_option("--task", *task, "抽查任务编号")->required();
  verify->add_option("--db", *db_url, "数据库 URL");
  verify->callback([task, db_url, exit_code] { *exit_code = RunVerify(*task, *db_url); });

  CLI::App* group = app.add_subcommand("inspection", "双随机、一公开：一单两库");
  group->require_subcommand(1);
  auto kind = std::make_shared<std::string>();
  auto file = std::make_shared<std::string>();
  auto import_db = std::make_shared<std::string>(kDefaultDb);
  CLI::App* import = group->add_subcommand("import", "导入抽查事项、检查对象或执法检查人员（CSV）");
  import->add_option("kind", *kind, "items | targets | officers")->required();
  import->add_option("file", *file, "CSV 文件")->required();
  import->add_option("--db", *import_db, "数据库 URL");
  import->callback(
      [kind, file, import_db, exit_code] { *exit_code = RunImport(*kind, *file, *import_db);
});
}  // namespace amr::cli

}  // namespace amr::cli
