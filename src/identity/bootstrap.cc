// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/bootstrap.h"

#include <soci/soci.h>

#include "identity/org_unit_store.h"
#include "identity/user_store.h"

namespace amr::identity {

StatusOr<BootstrapResult> EnsureAdmin(storage::Database& db, const PasswordHasher& hasher,
                                      const Clock& clock,
                                      const std::optional<std::string>& env_password) {
  constexpr const char* kAdmin = "admin";
  int64_t admins = 0;
  RETURN_IF_ERROR(db.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(admins, CountActiveAdmins(sql));
    return OkStatus();
  }));
  if (admins > 0) return BootstrapResult{};

  BootstrapResult result;
  result.username = kAdmin;
  std::string password;
  if (env_password) {
    Status policy = CheckPasswordPolicy(*env_password, kAdmin, "AMR_ADMIN_PASSWORD");
    if (!policy.ok()) {
      return InvalidArgumentError("环境变量 AMR_ADMIN_PASSWORD 不符合密码要求：" + policy.message(),
                                  "AMR_ADMIN_PASSWORD");
    }
    password = *env_password;
  } else {
    password = GeneratePassword();
  }
  ASSIGN_OR_RETURN(std::string hash, hasher.Hash(password));

  const Caller system{nullptr, "", "", "system"};
  RETURN_IF_ERROR(db.Transaction([&](soci::session& sql) -> Status {
    result.created = false;
    result.root_created = false;
    ASSIGN_OR_RETURN(int64_t now_admins, CountActiveAdmins(sql));
    if (now_admins > 0) return OkStatus();  // Another server was quicker.
    long long named = 0;
    const std::string name = kAdmin;
    sql << "SELECT COUNT(*) FROM app_user WHERE username = :u", soci::use(name), soci::into(named);
    if (named > 0) {
      return FailedPreconditionError(
          "库中没有管理员，但已有名为 admin 的普通用户：请用 amr users create 指定管理员");
    }
    ASSIGN_OR_RETURN(std::optional<OrgUnit> root, FindRootOrgUnit(sql));
    if (!root) {
      ASSIGN_OR_RETURN(root, CreateRootOrgUnit(sql, system, clock));
      result.root_created = true;
    }
    NewUser admin;
    admin.username = kAdmin;
    admin.display_name = "系统管理员";
    admin.kind = UserKind::kStaff;
    admin.org_unit_id = root->id;
    admin.roles = {{Role::kAdmin, root->id}};
    admin.must_change_password = !env_password.has_value();
    RETURN_IF_ERROR(ValidateNewUser(admin));
    ASSIGN_OR_RETURN(User created, CreateUser(sql, admin, hash, system, clock));
    (void)created;
    result.created = true;
    return OkStatus();
  }));
  if (result.created && !env_password) result.generated_password = password;
  return result;
}

}  // namespace amr::identity
