// SPDX-License-Identifier: MulanPSL-2.0
// The fixture of credit's store tests, on both backends and the shipped
// calendar: county a (330106) with three entities (an enterprise, an
// individual business, an enterprise that files on time), each with its
// e-licence held by "shop-owner"; a stranger applicant, a window clerk of
// county a, the service at 2026-03-02 10:00.
#pragma once

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <memory>
#include <string>
#include <tuple>

#include "credit/credit_service.h"
#include "identity/identity_test_util.h"
#include "identity/password.h"
#include "license/license_store.h"
#include "registry/entity_store.h"
#include "testing/db_fixture.h"

namespace amr::credit {

using amr::testing::IsOk;
using identity::Role;

constexpr const char* kShop = "91330106MAGCWHUC74";
constexpr const char* kStall = "92330106MAHR785X4G";  // an individual business
constexpr const char* kFiler = "91330106MAHR785W6Q";  // filed on time

class CreditServiceTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override {
    auto tree = identity::testing::SeedTree(db(), clock_);
    ASSERT_TRUE(IsOk(tree));
    t_ = *tree;
    auto owner = identity::testing::AddApplicant(db(), clock_, hasher_, "shop-owner");
    ASSERT_TRUE(IsOk(owner));
    owner_.user_id = owner->id;
    owner_.username = "shop-owner";
    owner_.kind = identity::UserKind::kApplicant;
    owner_.grants = {{Role::kApplicant, {}}};
    stranger_ = owner_;
    auto other = identity::testing::AddApplicant(db(), clock_, hasher_, "stranger");
    ASSERT_TRUE(IsOk(other));
    stranger_.user_id = other->id;
    stranger_.username = "stranger";
    clerk_.username = "clerk-a";
    clerk_.kind = identity::UserKind::kStaff;
    clerk_.org_unit_id = t_.a.id;
    clerk_.grants = {{Role::kWindowClerk, t_.a.Ref()}};
    for (auto [uscc, kind, name] :
         {std::tuple{kShop, registry::EntityKind::kEnterprise, "杭州西湖某某电器有限公司"},
          std::tuple{kStall, registry::EntityKind::kIndividualBusiness, "西湖某某水果店"},
          std::tuple{kFiler, registry::EntityKind::kEnterprise, "杭州按时年报有限公司"}}) {
      registry::Entity e;
      e.uscc = uscc;
      e.name = name;
      e.kind = kind;
      e.region_code = "330106";
      e.industry_code = "52";
      e.established_on = *Date::FromYmd(2020, 1, 2);
      ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
        RETURN_IF_ERROR(registry::InsertEntity(sql, e, "2020-01-02T09:00:00+08:00"));
        return license::IssueLicense(sql, e, {"零售", "甲县局", owner_.user_id, std::nullopt},
                                     clock_)
            .status();
      })));
    }
    service_ = std::make_unique<CreditService>(db(), clock_, codes::ShippedCalendar());
  }

  identity::Caller As(const identity::Principal& p) { return {&p, "127.0.0.1", "t", ""}; }

  // The registrar of county a (credit.decide there).
  identity::Principal Registrar() const {
    identity::Principal r;
    r.username = "registrar-a";
    r.kind = identity::UserKind::kStaff;
    r.org_unit_id = t_.a.id;
    r.grants = {{identity::Role::kRegistrar, t_.a.Ref()}};
    return r;
  }

  NewReport Report(const std::string& uscc, int year) {
    NewReport r;
    r.uscc = uscc;
    r.year = year;
    r.content = {{"address", "杭州市西湖区文三路 1 号"},
                 {"phone", "0571-88880000"},
                 {"operating_status", "开业"},
                 {"employees", 12},
                 {"total_assets", 3000000},
                 {"total_liabilities", 1200000},
                 {"revenue", 5000000},
                 {"net_profit", 300000},
                 {"tax_paid", 150000}};
    r.withheld = {"total_assets", "net_profit"};
    return r;
  }

  FakeClock clock_{*ParseTime("2026-03-02T10:00:00+08:00")};
  identity::PasswordHasher hasher_{identity::MinimumCostForTest()};
  identity::testing::Tree t_;
  identity::Principal owner_, stranger_, clerk_;
  std::unique_ptr<CreditService> service_;
};

}  // namespace amr::credit
