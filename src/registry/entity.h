// SPDX-License-Identifier: MulanPSL-2.0
// The market entity (市场主体) as the registry stores and publishes it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/status.h"

namespace amr::registry {

// 市场主体登记管理条例 Art. 2: enterprises, individual businesses and farmers'
// cooperatives. Family farms register as one of these (a flag, not a kind).
enum class EntityKind { kEnterprise, kIndividualBusiness, kCooperative };

// 存续 / 歇业 / 注销 / 吊销.
enum class EntityStatus { kActive, kSuspended, kDeregistered, kRevoked };

std::string_view KindId(EntityKind kind);          // "enterprise"
std::string_view KindName(EntityKind kind);        // "企业"
std::string_view StatusId(EntityStatus status);    // "active"
std::string_view StatusName(EntityStatus status);  // "存续"

// Accept the identifier or the Chinese term; InvalidArgument naming `field` otherwise.
StatusOr<EntityKind> ParseKind(std::string_view text, std::string_view field = "kind");
StatusOr<EntityStatus> ParseStatus(std::string_view text, std::string_view field = "status");
// 'A'..'D' (国市监信发〔2022〕6号 credit risk classes).
StatusOr<char> ParseCreditClass(std::string_view text, std::string_view field = "credit_class");

// 营业期限 (合伙期限 for a partnership): from the day of establishment to
// `until`, or 长期 when `until` is empty. Companies, their branches and
// partnerships record one; sole proprietorships, individual businesses and
// cooperatives have none.
struct OperatingTerm {
  std::optional<Date> until;  // empty: 长期
};
// The stored form: "long_term" or the last day "YYYY-MM-DD"; "" for none.
std::string OperatingTermId(const std::optional<OperatingTerm>& term);
// InvalidArgument naming `field` for anything else.
StatusOr<std::optional<OperatingTerm>> ParseOperatingTerm(
    std::string_view text, std::string_view field = "operating_term");

struct Entity {
  std::string uscc;
  std::string name;
  EntityKind kind = EntityKind::kEnterprise;
  std::string
      org_form;  // 组织形式 as registered, e.g. 有限责任公司; empty for individual businesses
  bool family_farm = false;
  std::string region_code;    // GB/T 2260 county-level code of the registration authority
  std::string industry_code;  // GB/T 4754 division, two digits
  std::string legal_rep_id;   // citizen ID of the legal representative / operator
  std::string legal_rep_name;
  std::optional<int64_t> registered_capital;  // yuan; none for individual businesses
  std::string address;
  char credit_class = 'B';
  EntityStatus status = EntityStatus::kActive;
  Date established_on = Date::FromSysDays({});
  std::optional<OperatingTerm> operating_term;  // none recorded: not shown
};

// "营业期限", or "合伙期限" for a partnership.
std::string_view OperatingTermLabel(const Entity& entity);

}  // namespace amr::registry
