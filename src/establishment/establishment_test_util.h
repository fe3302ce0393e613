// SPDX-License-Identifier: MulanPSL-2.0
// Test helpers for 企业开办: the identity test tree with the departments of a
// county (330106) added, and the sample forms of testdata/. Tests only.
//
//   root ── county-a (330106) … dept-tax (tax, 330106)        (identity_test_util.h)
//        ├─ dept-seal, dept-si, dept-mi, dept-hf, dept-bank, dept-drug (330106)
//        └─ dept-tax-b (tax, 330105)
#pragma once

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "identity/identity_test_util.h"

namespace amr::establishment::testing {

struct Departments {
  identity::OrgUnit seal, social_insurance, medical_insurance, housing_fund, bank, drug, tax_b;
};

inline StatusOr<Departments> SeedDepartments(storage::Database& db, const Clock& clock,
                                             const identity::OrgUnit& root) {
  Departments d;
  RETURN_IF_ERROR(db.Transaction([&](soci::session& sql) -> Status {
    auto add = [&](std::string code, std::string name, std::string department,
                   std::string region) -> StatusOr<identity::OrgUnit> {
      identity::NewOrgUnit u{root.id,      std::move(code),       std::move(name),
                             "department", std::move(department), std::move(region)};
      RETURN_IF_ERROR(identity::ValidateNewOrgUnit(u));
      return identity::CreateOrgUnit(sql, u, identity::testing::SystemCaller(), clock);
    };
    ASSIGN_OR_RETURN(d.seal, add("dept-seal", "公安局治安大队", "seal", "330106"));
    ASSIGN_OR_RETURN(d.social_insurance,
                     add("dept-si", "人力社保局", "social_insurance", "330106"));
    ASSIGN_OR_RETURN(d.medical_insurance, add("dept-mi", "医保局", "medical_insurance", "330106"));
    ASSIGN_OR_RETURN(d.housing_fund, add("dept-hf", "公积金中心", "housing_fund", "330106"));
    ASSIGN_OR_RETURN(d.bank, add("dept-bank", "银行网点", "bank_account", "330106"));
    ASSIGN_OR_RETURN(d.drug, add("dept-drug", "药品监管科", "drug_administration", "330106"));
    ASSIGN_OR_RETURN(d.tax_b, add("dept-tax-b", "乙县税务局", "tax", "330105"));
    return OkStatus();
  }));
  return d;
}

inline nlohmann::json LoadForm(const std::string& name) {
  std::ifstream in(std::string(AMR_ESTABLISHMENT_TESTDATA) + "/" + name);
  return nlohmann::json::parse(in);
}

}  // namespace amr::establishment::testing
