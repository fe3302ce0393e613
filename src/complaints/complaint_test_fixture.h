// SPDX-License-Identifier: MulanPSL-2.0
// The fixture of the complaints service tests: the test org tree, one shop in
// the register (330106, 甲县局), an officer of 甲县局 and one of 乙县局, and a
// clock on Friday 2026-12-04 (the shipped calendar: 2026 entered, 2027
// provisional).
#pragma once

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <memory>
#include <string>

#include "calendar/deadline_store.h"
#include "complaints/complaint_service.h"
#include "identity/identity_test_util.h"
#include "registry/entity_store.h"
#include "scheduler/scheduler.h"
#include "testing/db_fixture.h"

namespace amr::complaints {

using amr::testing::IsOk;
using identity::Role;

inline constexpr const char* kShop = "91330106MAGCWHUC74";

class ComplaintServiceTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override {
    auto tree = identity::testing::SeedTree(db(), clock_);
    ASSERT_TRUE(IsOk(tree));
    t_ = *tree;
    registry::Entity e;
    e.uscc = kShop;
    e.name = "杭州西湖某某电器有限公司";
    e.region_code = "330106";
    e.industry_code = "52";
    e.established_on = *Date::FromYmd(2020, 1, 2);
    ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) {
      return registry::InsertEntity(sql, e, "2020-01-02T09:00:00+08:00");
    })));
    officer_a_ = Staff("officer-a", t_.a);
    officer_b_ = Staff("officer-b", t_.b);
    service_ = std::make_unique<ComplaintService>(db(), clock_, codes::ShippedCalendar());
  }

  static identity::Principal Staff(const std::string& name, const identity::OrgUnit& unit) {
    identity::Principal p;
    p.username = name;
    p.kind = identity::UserKind::kStaff;
    p.org_unit_id = unit.id;
    p.grants = {{Role::kInspector, unit.Ref()}};
    return p;
  }
  identity::Caller As(const identity::Principal& p) { return {&p, "127.0.0.1", "t", ""}; }

  NewComplaint Kettle() {
    NewComplaint c;
    c.business_uscc = kShop;
    c.consumer_name = "王女士";
    c.consumer_phone = "13812345678";
    c.summary = "购买的电水壶使用三天后漏电，商家拒绝退货。";
    c.occurred_on = *Date::Parse("2026-11-20");
    return c;
  }

  long long Count(const std::string& sql_text) {
    long long n = 0;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) {
      sql << sql_text, soci::into(n);
      return OkStatus();
    })));
    return n;
  }

  FakeClock clock_{*ParseTime("2026-12-04T10:00:00+08:00")};  // a Friday
  identity::testing::Tree t_;
  identity::Principal officer_a_, officer_b_;
  identity::Caller public_ = identity::Caller{nullptr, "203.0.113.9", "r", "public"};
  std::unique_ptr<ComplaintService> service_;
};

}  // namespace amr::complaints
