// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/user_input.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "codes/citizen_id.h"
#include "codes/regions.h"
#include "codes/uscc.h"
#include "common/text.h"
#include "common/text_rules.h"

namespace amr::identity {
namespace {

bool IsLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

constexpr std::array<std::string_view, 7> kKinds = {
    "province_bureau", "city_bureau", "county_bureau", "station",
    "service_hall",    "department",  "platform"};

}  // namespace

Status CheckUsername(std::string_view username, std::string_view field) {
  const std::string f(field);
  if (username.size() < 3 || username.size() > 64) {
    return InvalidArgumentError("用户名长度应为 3 到 64 个字符", f);
  }
  if (!IsLowerAlnum(username.front())) {
    return InvalidArgumentError("用户名应以小写字母或数字开头", f);
  }
  for (char c : username) {
    if (!IsLowerAlnum(c) && c != '.' && c != '_' && c != '-' && c != '@') {
      return InvalidArgumentError("用户名只能包含小写字母、数字和 . _ - @", f);
    }
  }
  return OkStatus();
}

StatusOr<std::string> CheckName(std::string_view text, std::string_view field, size_t max_chars,
                                std::string_view what) {
  const std::string f(field);
  if (!IsValidUtf8(text)) return InvalidArgumentError(fmt::format("{}含有无效的字符编码", what), f);
  // Checked before trimming, so a 10 MB value is refused without being copied.
  if (text.size() > 4 * max_chars + 64) {
    return InvalidArgumentError(fmt::format("{}不能超过 {} 个字符", what, max_chars), f);
  }
  std::string trimmed = Trim(text);
  if (trimmed.empty()) return InvalidArgumentError(fmt::format("{}不能为空", what), f);
  const std::vector<char32_t> cps = DecodeUtf8(trimmed);
  if (cps.size() > max_chars) {
    return InvalidArgumentError(fmt::format("{}不能超过 {} 个字符", what, max_chars), f);
  }
  RETURN_IF_ERROR(CheckTextCharacters(trimmed, field, TextLines::kSingle, what));
  return trimmed;
}

Status CheckOrgUnitCode(std::string_view code, std::string_view field) {
  const bool ok =
      !code.empty() && code.size() <= 40 && std::all_of(code.begin(), code.end(), [](char c) {
        return IsLowerAlnum(c) || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
      });
  if (!ok) {
    return InvalidArgumentError("机构代码应为 1 到 40 个字母、数字、- 或 _", std::string(field));
  }
  return OkStatus();
}

Status CheckOrgUnitKind(std::string_view kind, std::string_view field) {
  if (std::find(kKinds.begin(), kKinds.end(), kind) != kKinds.end()) return OkStatus();
  return InvalidArgumentError(
      "机构类型应为 province_bureau（省局）、city_bureau（市局）、county_bureau（县区局）、"
      "station（监管所）、service_hall（政务服务窗口）或 department（外部部门）",
      std::string(field));
}

Status CheckDepartment(std::string_view kind, std::string_view department, std::string_view field) {
  const std::string f(field);
  if (kind != "department") {
    if (!department.empty()) return InvalidArgumentError("只有外部部门才填写部门类别", f);
    return OkStatus();
  }
  const bool ok = !department.empty() && department.size() <= 40 &&
                  (department.front() >= 'a' && department.front() <= 'z') &&
                  std::all_of(department.begin(), department.end(),
                              [](char c) { return IsLowerAlnum(c) || c == '_'; });
  if (!ok) {
    return InvalidArgumentError("部门类别应为小写英文标识，如 tax、seal、social_insurance", f);
  }
  return OkStatus();
}

Status CheckIdempotencyKey(std::string_view key) {
  const bool ok = !key.empty() && key.size() <= 200 &&
                  std::all_of(key.begin(), key.end(), [](char c) { return c > 0x20 && c < 0x7F; });
  if (!ok) {
    return InvalidArgumentError("Idempotency-Key 应为 1 到 200 个可打印的 ASCII 字符",
                                "Idempotency-Key");
  }
  return OkStatus();
}

StatusOr<std::vector<RoleAssignment>> CheckRoleAssignments(std::vector<RoleAssignment> roles,
                                                           UserKind kind) {
  if (kind == UserKind::kApplicant && !roles.empty()) {
    return InvalidArgumentError("申请人不能被分配工作人员角色", "roles");
  }
  for (const RoleAssignment& r : roles) {
    if (r.role == Role::kApplicant) {
      return InvalidArgumentError("applicant 角色随申请人账号而来，不能分配", "roles");
    }
    if (r.org_unit_id <= 0) return InvalidArgumentError("每个角色都要指定机构", "roles");
  }
  std::sort(roles.begin(), roles.end());
  if (std::adjacent_find(roles.begin(), roles.end()) != roles.end()) {
    return InvalidArgumentError("同一机构的同一角色重复出现", "roles");
  }
  // 三员分立: the administrator and the auditor are never one account, at any
  // units (the auditor reads the trail of what the administrator does).
  auto holds = [&](Role role) {
    return std::any_of(roles.begin(), roles.end(),
                       [role](const auto& r) { return r.role == role; });
  };
  if (holds(Role::kAdmin) && holds(Role::kAuditor)) {
    return InvalidArgumentError("同一账号不能同时担任系统管理员和审计员（三员分立）", "roles");
  }
  if (roles.size() > 50) return InvalidArgumentError("一个用户最多 50 个角色", "roles");
  return roles;
}

Status ValidateNewOrgUnit(NewOrgUnit& unit) {
  if (unit.parent_id <= 0) return InvalidArgumentError("新机构必须指定上级机构", "parent_id");
  RETURN_IF_ERROR(CheckOrgUnitCode(unit.code));
  ASSIGN_OR_RETURN(unit.name, CheckName(unit.name, "name", 100, "机构名称"));
  RETURN_IF_ERROR(CheckOrgUnitKind(unit.kind));
  if (unit.kind == "platform") {
    return InvalidArgumentError("platform 类型只用于根机构，由首次启动创建", "kind");
  }
  RETURN_IF_ERROR(CheckDepartment(unit.kind, unit.department));
  const bool digits = unit.region_code.size() == 6 &&
                      unit.region_code.find_first_not_of("0123456789") == std::string::npos;
  if (!digits || codes::Regions().Find(unit.region_code) == nullptr) {
    return InvalidArgumentError("行政区划代码应为 GB/T 2260 代码表中的 6 位代码", "region_code");
  }
  return OkStatus();
}

Status CheckRegionWithin(std::string_view parent_region, std::string_view region,
                         std::string_view field) {
  if (parent_region.empty()) return OkStatus();
  const codes::RegionTable& regions = codes::Regions();
  for (const codes::Region* r : regions.Chain(region)) {
    if (r->code == parent_region) return OkStatus();
  }
  const std::string parent_name = regions.ChainName(parent_region);
  return InvalidArgumentError(
      fmt::format("行政区划 {} 不在上级机构的行政区划 {}（{}）之内", region, parent_region,
                  parent_name.empty() ? "代码表中没有" : parent_name),
      std::string(field));
}

Status ValidateNewUser(NewUser& user) {
  RETURN_IF_ERROR(CheckUsername(user.username));
  ASSIGN_OR_RETURN(user.display_name, CheckName(user.display_name, "display_name", 50, "姓名"));
  if (user.kind == UserKind::kStaff) {
    if (!user.org_unit_id || *user.org_unit_id <= 0) {
      return InvalidArgumentError("工作人员必须属于一个机构", "org_unit_id");
    }
    if (!user.entity_uscc.empty() || !user.citizen_id.empty()) {
      return InvalidArgumentError("只有申请人才关联企业或身份证号", "entity_uscc");
    }
  } else {
    if (user.org_unit_id && *user.org_unit_id <= 0) {
      return InvalidArgumentError("机构编号无效", "org_unit_id");
    }
    if (!user.entity_uscc.empty()) {
      const std::string folded = FoldText(user.entity_uscc);
      const codes::UsccCheck check = codes::CheckUscc(folded);
      if (!check.valid && !check.legacy) return check.problem.WithField("entity_uscc");
      user.entity_uscc = folded;
    }
    if (!user.citizen_id.empty()) {
      const codes::CitizenIdCheck check = codes::CheckCitizenId(user.citizen_id);
      if (!check.valid) return check.problem.WithField("citizen_id");
      user.citizen_id = FoldText(user.citizen_id);
    }
  }
  ASSIGN_OR_RETURN(user.roles, CheckRoleAssignments(std::move(user.roles), user.kind));
  return OkStatus();
}

}  // namespace amr::identity
