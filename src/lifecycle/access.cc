// SPDX-License-Identifier: MulanPSL-2.0
#include "lifecycle/access.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <optional>

#include "identity/roles.h"
#include "identity/scope.h"
#include "license/license_store.h"
#include "registry/entity_store.h"
#include "storage/rows.h"

namespace amr::lifecycle {

StatusOr<Authority> AuthorityOfRegion(soci::session& sql, std::string_view region_code) {
  const std::string region(region_code);
  std::optional<Authority> found;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, path, name FROM org_unit WHERE kind = 'county_bureau' AND "
                      "region_code = :region ORDER BY id",
       soci::use(region));
  for (const soci::row& r : rows) {
    if (found) break;
    found = Authority{storage::RowInt(r, 0), storage::RowText(r, 1), storage::RowText(r, 2)};
  }
  if (!found) {
    return FailedPreconditionError(
        fmt::format("行政区划 {} 没有登记机关（县级市场监管局），请先在机构树中建立", region_code),
        "region_code");
  }
  return *std::move(found);
}

StatusOr<EntityAccess> AuthorizeEntityAction(soci::session& sql, const identity::Caller& caller,
                                             std::string_view uscc,
                                             std::string_view staff_permission,
                                             std::string_view task, Clock::TimePoint now) {
  EntityAccess access;
  ASSIGN_OR_RETURN(access.entity, registry::GetEntity(sql, uscc));
  ASSIGN_OR_RETURN(Authority authority, AuthorityOfRegion(sql, access.entity.region_code));
  access.authority_org_unit_id = authority.id;
  access.authority_path = authority.path;
  const identity::Principal* principal = caller.principal;
  if (principal == nullptr) return access;
  if (principal->InScope(staff_permission, access.authority_path)) return access;
  if (principal->Can(identity::perm::kRegistrationApply)) {
    ASSIGN_OR_RETURN(bool allowed, license::IsAuthorized(sql, uscc, principal->user_id, task, now));
    if (allowed) return access;
    return PermissionDeniedError(
        fmt::format("您不是 {} 的电子营业执照管理员，也没有该企业办理此事项的有效授权", uscc));
  }
  return identity::OutOfScopeError();
}

audit::Actor ActorForEntity(const identity::Caller& caller, const EntityAccess& access,
                            std::string_view staff_permission) {
  if (caller.principal != nullptr &&
      !caller.principal->InScope(staff_permission, access.authority_path)) {
    return identity::ActorFor(caller, identity::perm::kRegistrationApply);
  }
  return identity::ActorFor(caller, staff_permission, access.authority_path);
}

}  // namespace amr::lifecycle
