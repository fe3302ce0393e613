// SPDX-License-Identifier: MulanPSL-2.0
#include "registry/entity.h"

#include <fmt/format.h>

#include <array>

namespace amr::registry {

namespace {
struct KindRow {
  EntityKind kind;
  std::string_view id, name;
};
constexpr std::array<KindRow, 3> kKinds = {{
    {EntityKind::kEnterprise, "enterprise", "企业"},
    {EntityKind::kIndividualBusiness, "individual_business", "个体工商户"},
    {EntityKind::kCooperative, "cooperative", "农民专业合作社"},
}};
struct StatusRow {
  EntityStatus status;
  std::string_view id, name;
};
constexpr std::array<StatusRow, 4> kStatuses = {{
    {EntityStatus::kActive, "active", "存续"},
    {EntityStatus::kSuspended, "suspended", "歇业"},
    {EntityStatus::kDeregistered, "deregistered", "注销"},
    {EntityStatus::kRevoked, "revoked", "吊销"},
}};
}  // namespace

std::string_view KindId(EntityKind kind) { return kKinds[static_cast<int>(kind)].id; }
std::string_view KindName(EntityKind kind) { return kKinds[static_cast<int>(kind)].name; }
std::string_view StatusId(EntityStatus s) { return kStatuses[static_cast<int>(s)].id; }
std::string_view StatusName(EntityStatus s) { return kStatuses[static_cast<int>(s)].name; }

StatusOr<EntityKind> ParseKind(std::string_view text, std::string_view field) {
  for (const auto& row : kKinds) {
    if (text == row.id || text == row.name) return row.kind;
  }
  return InvalidArgumentError(
      fmt::format("主体类型“{}”无效，应为 enterprise（企业）、individual_business（个体工商户）"
                  "或 cooperative（农民专业合作社）",
                  text),
      std::string(field));
}

StatusOr<EntityStatus> ParseStatus(std::string_view text, std::string_view field) {
  for (const auto& row : kStatuses) {
    if (text == row.id || text == row.name) return row.status;
  }
  return InvalidArgumentError(
      fmt::format("登记状态“{}”无效，应为 active（存续）、suspended（歇业）、deregistered（注销）"
                  "或 revoked（吊销）",
                  text),
      std::string(field));
}

StatusOr<char> ParseCreditClass(std::string_view text, std::string_view field) {
  if (text.size() == 1 && text[0] >= 'A' && text[0] <= 'D') return text[0];
  return InvalidArgumentError(fmt::format("信用风险分类“{}”无效，应为 A、B、C 或 D", text),
                              std::string(field));
}

std::string OperatingTermId(const std::optional<OperatingTerm>& term) {
  if (!term) return "";
  return term->until ? term->until->ToString() : "long_term";
}

StatusOr<std::optional<OperatingTerm>> ParseOperatingTerm(std::string_view text,
                                                          std::string_view field) {
  if (text.empty()) return std::optional<OperatingTerm>();
  if (text == "long_term" || text == "长期") return std::optional<OperatingTerm>(OperatingTerm{});
  auto until = Date::Parse(text, field);
  if (!until.ok()) {
    return InvalidArgumentError("营业期限应为“长期”或截止日期（年-月-日）", std::string(field));
  }
  return std::optional<OperatingTerm>(OperatingTerm{*until});
}

std::string_view OperatingTermLabel(const Entity& entity) {
  // 合伙企业, 普通合伙企业, 有限合伙企业 …
  return entity.org_form.find("合伙") != std::string::npos ? "合伙期限" : "营业期限";
}

}  // namespace amr::registry
