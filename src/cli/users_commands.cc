// SPDX-License-Identifier: MulanPSL-2.0
// amr users import FILE [--db URL]
// amr users create --username U --display-name NAME --org-unit CODE --role R [--role R…]
//                  [--password-stdin] [--db URL]
// amr users unlock USERNAME [--db URL]
// amr users reset-password USERNAME [--db URL]
// amr users permissions [--markdown]
//
// Changes are audited with the actor "cli:<login name>". Generated passwords
// are printed once on standard output, never stored.
#include <fmt/format.h>
#include <soci/soci.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "identity/caller.h"
#include "identity/org_unit_store.h"
#include "identity/password.h"
#include "identity/roles.h"
#include "identity/user_import.h"
#include "identity/user_store.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace amr::cli {
namespace {

identity::Caller CliCaller() {
  const char* user = std::getenv("USER");
  return identity::Caller{nullptr, "", "",
                          user != nullptr && *user != '\0' ? fmt::format("cli:{}", user) : "cli"};
}

StatusOr<std::unique_ptr<storage::Database>> OpenStore(const std::string& url) {
  ASSIGN_OR_RETURN(auto db, storage::Database::Open(url));
  RETURN_IF_ERROR(storage::Migrate(*db));
  return db;
}

int RunImport(const std::string& file, const std::string& url) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return ReportError(NotFoundError(fmt::format("无法打开文件 {}", file), "file"));
  auto db = OpenStore(url);
  if (!db.ok()) return ReportError(db.status());
  identity::PasswordHasher hasher;
  auto report = identity::ImportUsers(**db, in, hasher, CliCaller(), Clock::Real());
  if (!report.ok()) return ReportError(report.status());
  fmt::print(stderr, "已导入 {} 名用户；首次登录时须修改密码\n", report->created);
  if (!report->generated_passwords.empty()) {
    fmt::print(stderr, "以下为生成的一次性密码（只显示这一次，请分别交给本人）：\n");
    fmt::print("username,password\n");
    for (const auto& [username, password] : report->generated_passwords) {
      fmt::print("{},{}\n", username, password);
    }
  }
  return 0;
}

struct CreateArgs {
  std::string db = kDefaultDb;
  std::string username;
  std::string display_name;
  std::string org_unit;
  std::vector<std::string> roles;
  bool password_stdin = false;
};

int RunCreate(const CreateArgs& args) {
  identity::NewUser user;
  user.username = args.username;
  user.display_name = args.display_name;
  user.kind = identity::UserKind::kStaff;
  user.must_change_password = true;
  std::vector<identity::Role> roles;
  for (const std::string& r : args.roles) {
    auto role = identity::ParseRole(r);
    if (!role.ok()) return ReportError(role.status());
    roles.push_back(*role);
  }
  std::string password;
  const bool generated = !args.password_stdin;
  if (args.password_stdin) {
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (Status s = identity::CheckPasswordPolicy(password, user.username); !s.ok()) {
      return ReportError(s);
    }
  } else {
    password = identity::GeneratePassword();
  }
  auto db = OpenStore(args.db);
  if (!db.ok()) return ReportError(db.status());
  identity::PasswordHasher hasher;
  auto hash = hasher.Hash(password);
  if (!hash.ok()) return ReportError(hash.status());
  Status s = (*db)->Transaction([&](soci::session& sql) -> Status {
    auto unit = identity::GetOrgUnitByCode(sql, args.org_unit);
    if (!unit.ok()) return unit.status().WithField("org-unit");
    user.org_unit_id = unit->id;
    user.roles.clear();
    for (identity::Role r : roles) user.roles.push_back({r, unit->id});
    RETURN_IF_ERROR(identity::ValidateNewUser(user));
    return identity::CreateUser(sql, user, *hash, CliCaller(), Clock::Real()).status();
  });
  if (!s.ok()) return ReportError(s);
  fmt::print(stderr, "已创建用户 {}；首次登录时须修改密码\n", user.username);
  if (generated) fmt::print("{}\n", password);
  return 0;
}

// Runs `change` on the user named `username` in one transaction.
int ChangeUser(const std::string& url, const std::string& username,
               const std::function<Status(soci::session&, const identity::User&)>& change) {
  auto db = OpenStore(url);
  if (!db.ok()) return ReportError(db.status());
  Status s = (*db)->Transaction([&](soci::session& sql) -> Status {
    auto user = identity::GetUserByUsername(sql, username);
    if (!user.ok()) {
      return NotFoundError(fmt::format("用户“{}”不存在", username), "username");
    }
    return change(sql, *user);
  });
  return s.ok() ? 0 : ReportError(s);
}

}  // namespace

void AddUserCommands(CLI::App& app, int* exit_code) {
  auto* users = app.add_subcommand("users", "用户、角色与权限");
  users->require_subcommand(1);

  auto file = std::make_shared<std::string>();
  auto import_db = std::make_shared<std::string>(kDefaultDb);
  auto* import = users->add_subcommand(
      "import",
      "从 CSV 导入工作人员账号（列：username,display_name,org_unit_code,roles,password）");
  import->add_option("file", *file, "CSV 文件")->required();
  import->add_option("--db", *import_db, "数据库 URL")->capture_default_str();
  import->callback([=] { *exit_code = RunImport(*file, *import_db);
});

auto create_args = std::make_shared<CreateArgs>();
auto* create = users->add_subcommand("create", "创建一名工作人员账号（打印一次性密码）");
create->add_option("--username", create_args->username, "用户名")->required();
create->add_option("--display-name", create_args->display_name, "姓名")->required();
create->add_option("--org-unit", create_args->org_unit, "所属机构代码")->required();
create->add_option("--role", create_args->roles, "在该机构担任的角色，可重复")->required();
create->add_flag("--password-stdin", create_args->password_stdin,
                 "从标准输入读取初始密码（否则生成一次性密码并打印）");
create->add_option("--db", create_args->db, "数据库 URL")->capture_default_str();
create->callback([=] { *exit_code = RunCreate(*create_args); });

auto name = std::make_shared<std::string>();
auto change_db = std::make_shared<std::string>(kDefaultDb);
auto* unlock = users->add_subcommand("unlock", "解除因密码错误造成的账户锁定");
unlock->add_option("username", *name, "用户名")->required();
unlock->add_option("--db", *change_db, "数据库 URL")->capture_default_str();
unlock->callback([=] {
  *exit_code = ChangeUser(*change_db, *name, [](soci::session& sql, const identity::User& u) {
    return identity::UnlockUser(sql, u, CliCaller(), Clock::Real()).status();
  });
  if (*exit_code == 0) fmt::print(stderr, "已解除 {} 的锁定\n", *name);
});

auto* reset = users->add_subcommand(
    "reset-password", "重置密码：打印一次性密码，结束该用户的全部登录，首次登录须修改");
reset->add_option("username", *name, "用户名")->required();
reset->add_option("--db", *change_db, "数据库 URL")->capture_default_str();
reset->callback([=] {
  const std::string password = identity::GeneratePassword();
  auto hash = identity::PasswordHasher().Hash(password);
  if (!hash.ok()) {
    *exit_code = ReportError(hash.status());
    return;
  }
  *exit_code = ChangeUser(*change_db, *name, [&](soci::session& sql, const identity::User& u) {
    return identity::SetPasswordHash(sql, u, *hash, /*must_change=*/true, "", "user.password_reset",
                                     CliCaller(), Clock::Real());
  });
  if (*exit_code == 0) fmt::print("{}\n", password);
});

auto markdown = std::make_shared<bool>(false);
auto* permissions = users->add_subcommand("permissions", "列出各角色拥有的权限");
permissions->add_flag("--markdown", *markdown, "输出 Markdown 表格（docs/security.md 所用）");
permissions->callback([=] {
  fmt::print("{}",
             *markdown ? identity::PermissionTableMarkdown() : identity::PermissionTableText());
  *exit_code = 0;
});
}  // namespace amr::cli

}  // namespace amr::cli
