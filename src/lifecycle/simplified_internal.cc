// SPDX-License-Identifier: MulanPSL-2.0
// What simplified_internal.h declares: the entity a caller may act on, the
// conditions of 简易注销, the audit of a change and the checks of free text,
// shared by 简易注销 and the other deregistration use cases.
#include "lifecycle/simplified_internal.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>

#include "audit/audit_log.h"
#include "identity/org_unit_store.h"
#include "identity/roles.h"
#include "identity/scope.h"
#include "lifecycle/affiliation.h"
#include "registry/entity_store.h"
#include "storage/rows.h"

namespace amr::lifecycle {

namespace internal {

StatusOr<EntityAccess> AccessEntity(soci::session& sql, const identity::Caller& caller,
                                    std::string_view uscc, std::string_view staff_permission,
                                    const Clock& clock) {
  if (caller.principal != nullptr && caller.principal->kind == identity::UserKind::kApplicant) {
    return AuthorizeEntityAction(sql, caller, uscc, staff_permission, "deregistration",
                                 clock.Now());
  }
  return AuthorizeStaff(sql, caller, uscc, {staff_permission});
}

std::vector<FailedCondition> FailedConditions(soci::session& sql, const registry::Entity& entity,
                                              std::string_view procedure,
                                              const RestrictionKinds& kinds,
                                              int64_t ignore_application) {
  std::vector<FailedCondition> out;
  if (entity.status != registry::EntityStatus::kActive &&
      entity.status != registry::EntityStatus::kSuspended) {
    out.push_back({"status", fmt::format("登记状态为“{}”", registry::StatusName(entity.status)),
                   "只有存续或歇业的主体可以申请注销"});
  }
  const bool individual = entity.kind == registry::EntityKind::kIndividualBusiness;
  if (procedure == "simplified" && individual) {
    out.push_back(
        {"kind", "个体工商户不适用公示方式的简易注销", "个体工商户请通过一屏注销办理（无需公示）"});
  } else if (procedure == "one_screen" && !individual) {
    out.push_back(
        {"kind",
         fmt::format("一屏注销仅适用于个体工商户（本主体为{}）", registry::KindName(entity.kind)),
         "企业和农民专业合作社请申请简易注销"});
  }
  for (const Restriction& r : RestrictionsInForce(sql, entity.uscc, kinds)) {
    out.push_back({r.kind, r.kind_name,
                   fmt::format("文书号 {}{}，自 {} 起", r.document_number,
                               r.issued_by.empty() ? "" : "，" + r.issued_by, r.effective_on)});
  }
  if (procedure == "simplified") {
    const SimplifiedExclusions& exclusions = SimplifiedExclusions::Default();
    // 实施细则 Art. 48 (五): a branch not deregistered; and, as a setting, a
    // lasting investment in another market entity.
    for (const Affiliation& a : OpenAffiliations(sql, entity.uscc)) {
      const bool branch = a.kind == "branch";
      if (branch ? !exclusions.branches_exclude() : !exclusions.investments_exclude()) continue;
      out.push_back({a.kind, branch ? "所属分支机构未办理注销登记" : "存在对外投资",
                     fmt::format("{}（{}）{}", a.other_name, a.other_uscc,
                                 branch ? "" : "，自 " + a.started_on)});
    }
    // 实施细则 Art. 48 (七): deregistration that needs approval by law.
    if (exclusions.NeedsApproval(entity.industry_code)) {
      out.push_back({"approval_required", "注销登记前依法须经批准",
                     fmt::format("行业代码 {}：须经主管部门批准，请按一般程序办理注销",
                                 entity.industry_code)});
    }
  }
  const std::string u = entity.uscc;
  long long ignore_simplified = procedure == "simplified" ? ignore_application : 0;
  long long ignore_one_screen = procedure == "one_screen" ? ignore_application : 0;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, state, notice_end_on FROM simplified_deregistration WHERE "
                        "uscc = :u AND state IN ('notice', 'ready') AND id <> :i ORDER BY id",
         soci::use(u), soci::use(ignore_simplified));
    for (const soci::row& r : rows) {
      out.push_back(
          {"open_application", "已有未办结的简易注销申请",
           fmt::format("申请 {}，{}", storage::RowInt(r, 0),
                       storage::RowText(r, 1) == "notice" ? "公示至 " + storage::RowText(r, 2)
                                                          : std::string("公示期满待申请注销"))});
    }
  }
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, window_end_on FROM one_screen_deregistration WHERE uscc = :u "
                        "AND state = 'pending' AND id <> :i ORDER BY id",
         soci::use(u), soci::use(ignore_one_screen));
    for (const soci::row& r : rows) {
      out.push_back(
          {"open_application", "已有未办结的一屏注销申请",
           fmt::format("申请 {}，部门核查至 {}", storage::RowInt(r, 0), storage::RowText(r, 1))});
    }
  }
  return out;
}

Status AuditChange(soci::session& sql, const audit::Actor& actor, std::string action,
                   std::string target_type, int64_t id, nlohmann::json before, nlohmann::json after,
                   const Clock& clock) {
  audit::AuditEntry e;
  e.actor = actor;
  e.action = std::move(action);
  e.target_type = std::move(target_type);
  e.target_id = std::to_string(id);
  e.before = std::move(before);
  e.after = std::move(after);
  return audit::Append(sql, e, clock);
}

audit::Actor SchedulerActor() {
  audit::Actor a;
  a.username = "scheduler";
  return a;
}

Status CheckText(std::string_view value, std::string_view field, size_t max, bool required,
                 std::string_view what) {
  if (required && value.empty()) {
    return InvalidArgumentError(fmt::format("须填写{}", what), std::string(field));
  }
  if (value.size() > max) {
    return InvalidArgumentError(fmt::format("{}过长（不超过 {} 字节）", what, max),
                                std::string(field));
  }
  return OkStatus();
}

bool InRegions(std::string_view region, const std::vector<std::string>& prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [&](const std::string& p) { return region.starts_with(p); });
}

}  // namespace internal

}  // namespace amr::lifecycle
