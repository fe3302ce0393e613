// SPDX-License-Identifier: MulanPSL-2.0
// Roles and permissions: THE table of who may do what (docs/security.md shows
// it, generated from here by `amr users permissions --markdown`).
//
// A user holds roles at org units. A role grants a fixed set of permissions;
// where it is held decides on which data (the unit's subtree, see
// principal.h). Every route names one permission (http::RouteSpec), and the
// authorizer (authorizer.h) checks it before the handler runs.
//
// Permission names follow one rule: `<resource>.<action>`, lower-case
// snake_case, the resource named as in GLOSSARY.md (plural for a collection:
// `users`, `org_units`; a context prefix where the resource lives inside one:
// `inspection.task`), the action a verb or `read`/`write`. Two names are not
// permissions but route markers: "public" (anyone, rate-limited per IP) and
// "authenticated" (any logged-in user, for one's own session and password).
//
// Why a table in code rather than data/permissions.csv: every permission is
// named by code (the routes that check it), so adding or renaming one is a
// code change anyway; a compiled table cannot be altered on a running
// installation by whoever can write to data/, and its tests run with it.
// What administrators do edit, without code, is who holds which role where.
//
// Thread-safety: immutable data; all functions are thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace amr::identity {

enum class Role {
  kApplicant,          // 申请人: a member of the public or an enterprise's agent
  kWindowClerk,        // 窗口受理员
  kRegistrar,          // 注册官
  kInspector,          // 执法人员
  kDepartmentOfficer,  // 部门经办人 (tax, seal, social insurance …)
  kLeader,             // 领导
  kAdmin,              // 系统管理员
  kAuditor,            // 审计员
};

// The route markers (see above).
inline constexpr std::string_view kPublicPermission = "public";
inline constexpr std::string_view kAuthenticatedPermission = "authenticated";

// The permissions that exist now.
namespace perm {
inline constexpr std::string_view kUsersRead = "users.read";
inline constexpr std::string_view kUsersWrite = "users.write";
inline constexpr std::string_view kOrgUnitsRead = "org_units.read";
inline constexpr std::string_view kOrgUnitsWrite = "org_units.write";
inline constexpr std::string_view kAuditRead = "audit.read";
inline constexpr std::string_view kEntitiesReadPrivate = "entities.read_private";
inline constexpr std::string_view kRegistrationApply = "registration.apply";
inline constexpr std::string_view kRegistrationAccept = "registration.accept";
inline constexpr std::string_view kRegistrationReview = "registration.review";
inline constexpr std::string_view kDepartmentQueueWork = "department_queue.work";
inline constexpr std::string_view kInspectionTaskRead = "inspection.task.read";
inline constexpr std::string_view kInspectionTaskWrite = "inspection.task.write";
inline constexpr std::string_view kInspectionPlanWrite = "inspection.plan.write";
inline constexpr std::string_view kStatsRead = "stats.read";
inline constexpr std::string_view kNamesReserve = "names.reserve";
inline constexpr std::string_view kLicenseManage = "license.manage";
inline constexpr std::string_view kOutboxRead = "outbox.read";
inline constexpr std::string_view kOutboxWrite = "outbox.write";
inline constexpr std::string_view kInspectionLibraryRead = "inspection.library.read";
inline constexpr std::string_view kInspectionLibraryWrite = "inspection.library.write";
inline constexpr std::string_view kInspectionDraw = "inspection.draw";
// Lifecycle (变更、歇业、注销) and the scheduler.
inline constexpr std::string_view kBeneficialOwnerRead = "beneficial_owner.read";
inline constexpr std::string_view kRestrictionsWrite = "restrictions.write";
inline constexpr std::string_view kPermitsWrite = "permits.write";
inline constexpr std::string_view kSchedulerRead = "scheduler.read";
inline constexpr std::string_view kCalendarWrite = "calendar.write";
// 12315 complaints and reports.
inline constexpr std::string_view kComplaintsHandle = "complaints.handle";
// A leader approves extending a report's check (举报核查延长, +15 working days).
inline constexpr std::string_view kComplaintsApprove = "complaints.approve";
// An ODR enterprise answers the complaints sent to it first (its own).
inline constexpr std::string_view kComplaintsOdrAnswer = "complaints.odr_answer";
// Annual reports and removal from the abnormal list: the entity's
// administrators and agents online, a window clerk on paper.
inline constexpr std::string_view kCreditFile = "credit.file";
// The registration authority decides listings on findings (unreachable,
// false information, instant information not published) and removals it
// must verify.
inline constexpr std::string_view kCreditDecide = "credit.decide";
// Credit risk classes: an entity's class and why (staff who supervise), and
// a classification run on demand (leaders; the scheduler runs it monthly).
inline constexpr std::string_view kCreditRiskRead = "credit.risk_read";
inline constexpr std::string_view kCreditRiskRun = "credit.risk_run";
// 联合惩戒: other departments' officers ask which measures bind a party and
// report back what they applied.
inline constexpr std::string_view kCreditPunishmentQuery = "credit.punishment_query";
// Case leads (线索) passed on by the units in scope.
inline constexpr std::string_view kLeadsRead = "leads.read";
}  // namespace perm

struct PermissionInfo {
  std::string_view name;         // "users.read"
  std::string_view description;  // Chinese, for the table in docs/security.md
};

// Every role, in the order of the table.
std::span<const Role> AllRoles();
// Every permission, in the order of the table.
std::span<const PermissionInfo> AllPermissions();

// "window_clerk" — the identifier stored in user_role.role and sent over HTTP.
std::string_view RoleId(Role role);
// "窗口受理员".
std::string_view RoleName(Role role);
// InvalidArgument (field "role") naming the known roles for anything else.
StatusOr<Role> ParseRole(std::string_view id);

// Whether `role` grants `permission`. False for unknown names and for the
// route markers.
bool RoleGrants(Role role, std::string_view permission);
// Platform-level permissions (outbox.*, scheduler.read): their records — the
// subscriptions that send applications to other departments, the timers and
// dead letters of every county — belong to no org unit, so no subtree can
// scope them. A role grants them only when it is held at the root of the org
// tree (Principal::Can); a county administrator does not have them.
bool IsPlatformPermission(std::string_view permission);
// The permissions `role` grants, in table order.
std::vector<std::string_view> PermissionsOf(Role role);
// Whether `name` is a permission of the table or a route marker.
bool IsKnownPermission(std::string_view name);

// The role × permission table as Markdown (what docs/security.md embeds), or
// as plain text for a terminal.
std::string PermissionTableMarkdown();
std::string PermissionTableText();

}  // namespace amr::identity
