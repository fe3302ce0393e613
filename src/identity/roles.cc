// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/roles.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <vector>

namespace amr::identity {
namespace {

struct RoleInfo {
  Role role;
  std::string_view id;
  std::string_view name;
};

constexpr std::array<RoleInfo, 8> kRoles = {{
    {Role::kApplicant, "applicant", "申请人"},
    {Role::kWindowClerk, "window_clerk", "窗口受理员"},
    {Role::kRegistrar, "registrar", "注册官"},
    {Role::kInspector, "inspector", "执法人员"},
    {Role::kDepartmentOfficer, "department_officer", "部门经办人"},
    {Role::kLeader, "leader", "领导"},
    {Role::kAdmin, "admin", "系统管理员"},
    {Role::kAuditor, "auditor", "审计员"},
}};

constexpr std::array<Role, 8> kRoleOrder = {
    Role::kApplicant,         Role::kWindowClerk, Role::kRegistrar, Role::kInspector,
    Role::kDepartmentOfficer, Role::kLeader,      Role::kAdmin,     Role::kAuditor};

constexpr std::array<PermissionInfo, 35> kPermissions = {{
    {perm::kUsersRead, "查看用户及其角色"},
    {perm::kUsersWrite, "创建用户、分配角色、解除锁定"},
    {perm::kOrgUnitsRead, "查看机构树"},
    {perm::kOrgUnitsWrite, "新建机构"},
    {perm::kAuditRead, "查询审计记录（执法全过程记录）"},
    {perm::kEntitiesReadPrivate, "查看市场主体的非公示信息（如法定代表人身份证号）"},
    {perm::kRegistrationApply, "提交和查看本人的登记申请"},
    {perm::kRegistrationAccept, "窗口受理登记申请"},
    {perm::kRegistrationReview, "审核并核准登记"},
    {perm::kDepartmentQueueWork, "办理本部门的企业开办环节"},
    {perm::kInspectionTaskRead, "查看抽查检查任务"},
    {perm::kInspectionTaskWrite, "录入检查结果"},
    {perm::kInspectionPlanWrite, "制定抽查计划"},
    {perm::kStatsRead, "查看统计数据"},
    {perm::kNamesReserve, "预留（保留）企业名称"},
    {perm::kLicenseManage, "下载本企业电子营业执照、授权和撤销经办人"},
    {perm::kOutboxRead, "查看推送外部部门的订阅、消息及失败队列（仅限根机构）"},
    {perm::kOutboxWrite, "管理推送订阅、重新推送失败的消息（仅限根机构）"},
    {perm::kInspectionLibraryRead, "查看抽查事项清单、检查对象库和执法人员库"},
    {perm::kInspectionLibraryWrite, "维护抽查事项清单、检查对象库和执法人员库"},
    {perm::kInspectionDraw, "建立抽查任务、公示抽取范围并随机抽取"},
    {perm::kBeneficialOwnerRead, "查看受益所有人备案信息（不公示）"},
    {perm::kRestrictionsWrite, "登记和解除股权冻结、出质、立案调查、未缴罚款等限制情形"},
    {perm::kPermitsWrite, "登记和注销本局核发的许可证"},
    {perm::kSchedulerRead, "查看定时任务及其执行情况（仅限根机构）"},
    {perm::kCalendarWrite, "录入和更正工作日历（国务院节假日安排，仅根机构的管理员）"},
    {perm::kComplaintsHandle, "登记、查看和受理本单位的投诉举报（12315），转办其他单位"},
    {perm::kComplaintsApprove, "批准延长举报核查期限"},
    {perm::kComplaintsOdrAnswer, "作为在线纠纷解决（ODR）企业处理本企业被投诉的件"},
    {perm::kLeadsRead, "查看本单位移送的案件线索"},
    {perm::kCreditFile, "报送年度报告、申请移出经营异常名录（企业网上办理；窗口代为录入纸质报告）"},
    {perm::kCreditDecide, "作出列入、移出经营异常名录的决定（无法联系、弄虚作假、未按责令公示）"},
    {perm::kCreditRiskRead, "查看市场主体的信用风险分类及其依据（不对外公示）"},
    {perm::kCreditRiskRun, "立即对全部市场主体重新进行信用风险分类"},
    {perm::kCreditPunishmentQuery, "查询当事人应受的联合惩戒措施并反馈执行情况（本辖区）"},
}};

struct Grant {
  std::string_view permission;
  std::vector<Role> roles;
};

// THE table. Separation of duties (等保 三员分立): the administrator manages
// accounts and the org tree but cannot read the audit trail; the auditor reads
// the trail and changes nothing.
const std::array<Grant, 35>& Grants() {
  static const std::array<Grant, 35> kGrants = {{
      {perm::kUsersRead, {Role::kAdmin}},
      {perm::kUsersWrite, {Role::kAdmin}},
      {perm::kOrgUnitsRead,
       {Role::kWindowClerk, Role::kRegistrar, Role::kInspector, Role::kDepartmentOfficer,
        Role::kLeader, Role::kAdmin, Role::kAuditor}},
      {perm::kOrgUnitsWrite, {Role::kAdmin}},
      {perm::kAuditRead, {Role::kAuditor}},
      {perm::kEntitiesReadPrivate,
       {Role::kWindowClerk, Role::kRegistrar, Role::kInspector, Role::kLeader}},
      {perm::kRegistrationApply, {Role::kApplicant}},
      {perm::kRegistrationAccept, {Role::kWindowClerk}},
      {perm::kRegistrationReview, {Role::kRegistrar}},
      {perm::kDepartmentQueueWork, {Role::kDepartmentOfficer}},
      {perm::kInspectionTaskRead, {Role::kInspector, Role::kLeader}},
      {perm::kInspectionTaskWrite, {Role::kInspector}},
      {perm::kInspectionPlanWrite, {Role::kLeader}},
      {perm::kStatsRead, {Role::kLeader}},
      {perm::kNamesReserve, {Role::kApplicant, Role::kWindowClerk}},
      {perm::kLicenseManage, {Role::kApplicant}},
      {perm::kOutboxRead, {Role::kAdmin}},
      {perm::kOutboxWrite, {Role::kAdmin}},
      {perm::kInspectionLibraryRead, {Role::kInspector, Role::kLeader}},
      {perm::kInspectionLibraryWrite, {Role::kLeader}},
      {perm::kInspectionDraw, {Role::kLeader}},
      {perm::kBeneficialOwnerRead, {Role::kRegistrar, Role::kLeader}},
      {perm::kRestrictionsWrite, {Role::kRegistrar, Role::kInspector, Role::kDepartmentOfficer}},
      {perm::kPermitsWrite, {Role::kRegistrar}},
      {perm::kSchedulerRead, {Role::kAdmin}},
      {perm::kCalendarWrite, {Role::kAdmin}},
      {perm::kComplaintsHandle, {Role::kInspector, Role::kLeader}},
      {perm::kComplaintsApprove, {Role::kLeader}},
      {perm::kComplaintsOdrAnswer, {Role::kApplicant}},
      {perm::kLeadsRead, {Role::kInspector, Role::kLeader}},
      {perm::kCreditFile, {Role::kApplicant, Role::kWindowClerk}},
      {perm::kCreditDecide, {Role::kRegistrar}},
      {perm::kCreditRiskRead, {Role::kRegistrar, Role::kInspector, Role::kLeader}},
      {perm::kCreditRiskRun, {Role::kLeader}},
      {perm::kCreditPunishmentQuery, {Role::kDepartmentOfficer}},
  }};
  return kGrants;
}

const RoleInfo& Info(Role role) {
  return *std::find_if(kRoles.begin(), kRoles.end(),
                       [role](const RoleInfo& r) { return r.role == role; });
}

}  // namespace

std::span<const Role> AllRoles() { return kRoleOrder; }
std::span<const PermissionInfo> AllPermissions() { return kPermissions; }

std::string_view RoleId(Role role) { return Info(role).id; }
std::string_view RoleName(Role role) { return Info(role).name; }

StatusOr<Role> ParseRole(std::string_view id) {
  for (const RoleInfo& r : kRoles) {
    if (r.id == id) return r.role;
  }
  std::string known;
  for (const RoleInfo& r : kRoles) {
    known += fmt::format("{}{}（{}）", known.empty() ? "" : "、", r.id, r.name);
  }
  std::string shown(id.substr(0, 40));
  return InvalidArgumentError(fmt::format("未知角色“{}”，可用的角色：{}", shown, known), "role");
}

bool RoleGrants(Role role, std::string_view permission) {
  for (const Grant& g : Grants()) {
    if (g.permission == permission) {
      return std::find(g.roles.begin(), g.roles.end(), role) != g.roles.end();
    }
  }
  return false;
}

bool IsPlatformPermission(std::string_view permission) {
  return permission == perm::kOutboxRead || permission == perm::kOutboxWrite ||
         permission == perm::kSchedulerRead;
}

std::vector<std::string_view> PermissionsOf(Role role) {
  std::vector<std::string_view> out;
  for (const PermissionInfo& p : kPermissions) {
    if (RoleGrants(role, p.name)) out.push_back(p.name);
  }
  return out;
}

bool IsKnownPermission(std::string_view name) {
  if (name == kPublicPermission || name == kAuthenticatedPermission) return true;
  return std::any_of(kPermissions.begin(), kPermissions.end(),
                     [name](const PermissionInfo& p) { return p.name == name; });
}

std::string PermissionTableMarkdown() {
  std::string out = "| 权限 | 说明 |";
  for (Role r : kRoleOrder) out += fmt::format(" {}<br>`{}` |", RoleName(r), RoleId(r));
  out += "\n|---|---|";
  for (size_t i = 0; i < kRoleOrder.size(); ++i) out += ":-:|";
  out += "\n";
  for (const PermissionInfo& p : kPermissions) {
    out += fmt::format("| `{}` | {} |", p.name, p.description);
    for (Role r : kRoleOrder) out += RoleGrants(r, p.name) ? " ✓ |" : "  |";
    out += "\n";
  }
  return out;
}

std::string PermissionTableText() {
  std::string out;
  for (const PermissionInfo& p : kPermissions) {
    std::string roles;
    for (Role r : kRoleOrder) {
      if (RoleGrants(r, p.name)) roles += fmt::format("{}{}", roles.empty() ? "" : ", ", RoleId(r));
    }
    out += fmt::format("{:<24}{}（{}）\n", p.name, roles, p.description);
  }
  return out;
}

}  // namespace amr::identity
