// SPDX-License-Identifier: MulanPSL-2.0
// Test helpers for restrictions, 简易注销 and 一屏注销: entities with an
// e-licence held by an applicant, and a notice opened by the platform. Tests only.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <string>

#include "codes/uscc.h"
#include "common/clock.h"
#include "common/status.h"
#include "license/license_store.h"
#include "lifecycle/simplified.h"
#include "registry/entity_store.h"

namespace amr::lifecycle::testing {

// A registered entity of `region` (an enterprise, or an individual business)
// with a valid USCC from `serial`; its e-licence is administered by
// `holder_user_id` (0: no e-licence, so no applicant may act for it).
inline StatusOr<registry::Entity> AddEntity(soci::session& sql, const Clock& clock,
                                            const std::string& region, bool individual,
                                            uint64_t serial, int64_t holder_user_id = 0) {
  registry::Entity e;
  ASSIGN_OR_RETURN(e.uscc, codes::IssueUscc('9', individual ? '2' : '1', region, serial));
  e.name = individual ? "西湖区示例小吃店" + std::to_string(serial)
                      : "杭州示例科技有限公司" + std::to_string(serial);
  e.kind =
      individual ? registry::EntityKind::kIndividualBusiness : registry::EntityKind::kEnterprise;
  e.org_form = individual ? "" : "有限责任公司";
  e.region_code = region;
  e.industry_code = "65";
  e.legal_rep_id = "11010519491231002X";
  e.legal_rep_name = "张三";
  e.address = "杭州市西湖区文三路 1 号";
  e.established_on = ChinaDate(clock.Now()).AddDays(-400);
  RETURN_IF_ERROR(registry::InsertEntity(sql, e, FormatChinaTime(clock.Now())));
  if (holder_user_id == 0) return e;
  RETURN_IF_ERROR(
      license::IssueLicense(
          sql, e, {"软件开发", "杭州市西湖区市场监督管理局", holder_user_id, std::nullopt}, clock)
          .status());
  return e;
}

// The legal representative's commitment (the entity has no recorded investors).
inline Commitment LegalRepCommitment() {
  Commitment c;
  c.investors.push_back({"张三", "11010519491231002X"});
  c.debts_settled = c.taxes_cleared = c.wages_paid = c.social_insurance_cleared = true;
  c.compensation_paid = c.fees_paid = true;
  return c;
}

inline nlohmann::json LegalRepCommitmentJson() {
  return nlohmann::json{{"investors", {{{"name", "张三"}, {"citizen_id", "11010519491231002X"}}}},
                        {"debts_settled", true},
                        {"taxes_cleared", true},
                        {"wages_paid", true},
                        {"social_insurance_cleared", true},
                        {"compensation_paid", true},
                        {"fees_paid", true}};
}

}  // namespace amr::lifecycle::testing
