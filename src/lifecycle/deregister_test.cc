// SPDX-License-Identifier: MulanPSL-2.0
// The last step of every deregistration: the entity ends and 证照并销 cancels
// the e-licence and the permits in force in the same transaction; the
// record feeds the figures.
#include "lifecycle/deregister.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "codes/data_dir.h"
#include "identity/identity_test_util.h"
#include "license/license_store.h"
#include "lifecycle/permit.h"
#include "registry/entity_store.h"
#include "testing/db_fixture.h"

namespace amr::lifecycle {
namespace {

using amr::testing::IsOk;

registry::Entity Company(std::string uscc, std::string name, std::string region) {
  registry::Entity e;
  e.uscc = std::move(uscc);
  e.name = std::move(name);
  e.kind = registry::EntityKind::kEnterprise;
  e.org_form = "有限责任公司";
  e.region_code = std::move(region);
  e.industry_code = "52";
  e.legal_rep_id = "330106199001011234";
  e.legal_rep_name = "张三";
  e.registered_capital = 500'000;
  e.address = "浙江省杭州市西湖区文三路 1 号";
  e.established_on = *Date::Parse("2024-05-06");
  return e;
}

Date D(const char* text) { return *Date::Parse(text); }

class DeregisterTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override {
    auto tree = identity::testing::SeedTree(db(), clock_);
    ASSERT_TRUE(IsOk(tree.status()));
    tree_ = *tree;
    auto holder = identity::testing::AddApplicant(db(), clock_, hasher_, "holder");
    ASSERT_TRUE(IsOk(holder.status()));
    ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
      for (const registry::Entity& e :
           {Company("91330106MA2B00001X", "杭州甲乙商贸有限公司", "330106"),
            Company("91330106MA2B00002Y", "杭州丙丁商贸有限公司", "330106"),
            Company("91330105MA2B00003Z", "杭州戊己商贸有限公司", "330105")}) {
        RETURN_IF_ERROR(registry::InsertEntity(sql, e, FormatChinaTime(clock_.Now())));
      }
      return license::IssueLicense(
                 sql, Company("91330106MA2B00001X", "杭州甲乙商贸有限公司", "330106"),
                 {"日用百货销售", "杭州市西湖区市场监督管理局", holder->id, std::nullopt}, clock_)
          .status();
    })));
    kinds_ = *PermitKinds::Load(codes::DataDir() / "lifecycle");
  }

  StatusOr<Permit> Record(const std::string& uscc, NewPermit p) {
    Permit out;
    RETURN_IF_ERROR(db().Transaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(out, RecordPermit(sql, uscc, tree_.a.id, p, kinds_, actor_, clock_));
      return OkStatus();
    }));
    return out;
  }

  StatusOr<DeregistrationResult> End(const DeregistrationFact& fact,
                                     const DeregistrationHooks& hooks = {}) {
    DeregistrationResult out;
    RETURN_IF_ERROR(db().Transaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(out, DeregisterEntity(sql, fact, actor_, hooks, clock_));
      return OkStatus();
    }));
    return out;
  }

  StatusOr<DeregistrationStats> Stats(const char* from, const char* to,
                                      std::vector<std::string> prefixes) {
    DeregistrationStats out;
    RETURN_IF_ERROR(db().ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(out, ComputeDeregistrationStats(sql, D(from), D(to), prefixes));
      return OkStatus();
    }));
    return out;
  }

  FakeClock clock_{*ParseTime("2026-10-12T10:00:00+08:00")};
  identity::PasswordHasher hasher_{identity::MinimumCostForTest()};
  identity::testing::Tree tree_;
  PermitKinds kinds_;
  audit::Actor actor_;
};

TEST_P(DeregisterTest, CancelsTheLicenceAndThePermitsInForceTogether) {
  ASSERT_TRUE(IsOk(Record("91330106MA2B00001X",
                          {"food_business", "JY13301060012345", "2025-03-01", "2030-02-28"})
                       .status()));
  auto special = Record("91330106MA2B00001X",
                        {"special_equipment_use", "梯11浙A12345(26)", "2026-01-05", "2099-12-31"});
  ASSERT_TRUE(IsOk(special.status()));
  // A permit cancelled earlier is not cancelled again.
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    return CancelPermit(sql, special->id, "设备已报废", D("2026-06-01"), kinds_, actor_, clock_)
        .status();
  })));
  int name_hook_calls = 0;
  std::string event_topic;
  DeregistrationHooks hooks;
  hooks.record_name_ended = [&](soci::session&, std::string_view uscc, const Date& on,
                                std::string_view reason) {
    ++name_hook_calls;
    EXPECT_EQ(uscc, "91330106MA2B00001X");
    EXPECT_EQ(on, D("2026-10-12"));
    EXPECT_EQ(reason, "简易注销");
    return OkStatus();
  };
  hooks.enqueue_event = [&](soci::session&, std::string_view topic, const nlohmann::json& payload,
                            std::string_view key) {
    event_topic = topic;
    EXPECT_EQ(payload["permits_cancelled"], nlohmann::json::array({"JY13301060012345"}));
    EXPECT_EQ(key, "entity.deregistered:91330106MA2B00001X");
    return OkStatus();
  };
  auto result = End({"91330106MA2B00001X", "simplified", "simplified:7", D("2026-09-18"),
                     D("2026-10-12"), "简易注销：公告期满无异议"},
                    hooks);
  ASSERT_TRUE(IsOk(result.status()));
  EXPECT_TRUE(result->license_cancelled);
  EXPECT_EQ(result->permits_cancelled, std::vector<std::string>{"JY13301060012345"});
  EXPECT_EQ(name_hook_calls, 1);
  EXPECT_EQ(event_topic, "entity.deregistered");

  auto entity = registry::GetEntity(db(), "91330106MA2B00001X");
  ASSERT_TRUE(IsOk(entity.status()));
  EXPECT_EQ(entity->status, registry::EntityStatus::kDeregistered);
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(std::vector<Permit> permits, ListPermits(sql, "91330106MA2B00001X", kinds_));
    EXPECT_EQ(permits[0].state, "cancelled");
    EXPECT_EQ(permits[0].cancelled_on, "2026-10-12");
    EXPECT_NE(permits[0].cancel_reason.find("证照并销"), std::string::npos);
    EXPECT_EQ(permits[1].cancelled_on, "2026-06-01");  // untouched
    // The licence verifies as deregistered from now on.
    ASSIGN_OR_RETURN(license::IssuedLicense lic, license::GetLicense(sql, "91330106MA2B00001X"));
    ASSIGN_OR_RETURN(license::Verification v, license::VerifyDocument(sql, lic.document));
    EXPECT_EQ(v.code, "entity_deregistered");
    ASSIGN_OR_RETURN(std::optional<DeregistrationRecord> rec,
                     GetDeregistration(sql, "91330106MA2B00001X"));
    EXPECT_TRUE(rec.has_value());
    EXPECT_EQ(rec->fact.kind, "simplified");
    EXPECT_EQ(rec->fact.applied_on, D("2026-09-18"));
    EXPECT_TRUE(rec->result.license_cancelled);
    return OkStatus();
  })));
  EXPECT_EQ(identity::testing::CountAudit(db(), "entity.deregister"), 1);
  EXPECT_EQ(identity::testing::CountAudit(db(), "permit.cancel"), 2);

  // Ending twice is refused and changes nothing.
  auto again = End({"91330106MA2B00001X", "ordinary", "liquidation:1", D("2026-10-01"),
                    D("2026-10-12"), "再次注销"});
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(again.status().field(), "uscc");
  EXPECT_EQ(identity::testing::CountAudit(db(), "entity.deregister"), 1);
}

TEST_P(DeregisterTest, RefusesBadFactsWithoutWriting) {
  auto unknown =
      End({"91330106MA2B00002Y", "dissolved", "x:1", D("2026-10-01"), D("2026-10-12"), "原因"});
  EXPECT_EQ(unknown.status().field(), "kind");
  auto early = End({"91330106MA2B00002Y", "ordinary", "liquidation:1", D("2024-05-05"),
                    D("2026-10-12"), "原因"});
  EXPECT_EQ(early.status().field(), "applied_on");  // before the entity was established
  auto reversed = End({"91330106MA2B00002Y", "ordinary", "liquidation:1", D("2026-10-13"),
                       D("2026-10-12"), "原因"});
  EXPECT_EQ(reversed.status().field(), "deregistered_on");
  auto missing = End({"91330106MA2B00009Q", "ordinary", "liquidation:1", D("2026-10-01"),
                      D("2026-10-12"), "原因"});
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  // A failing hook rolls the whole change back.
  DeregistrationHooks failing;
  failing.enqueue_event = [](soci::session&, std::string_view, const nlohmann::json&,
                             std::string_view) { return InternalError("outbox down"); };
  auto rolled = End(
      {"91330106MA2B00002Y", "ordinary", "liquidation:1", D("2026-10-01"), D("2026-10-12"), "原因"},
      failing);
  EXPECT_FALSE(rolled.ok());
  auto entity = registry::GetEntity(db(), "91330106MA2B00002Y");
  EXPECT_EQ(entity->status, registry::EntityStatus::kActive);
  EXPECT_EQ(identity::testing::CountAudit(db(), "entity.deregister"), 0);
  // A permit may not be recorded for an entity with a bad number or kind.
  auto bad_kind = Record("91330106MA2B00002Y", {"fishing", "N1", "2026-01-01", "2027-01-01"});
  EXPECT_EQ(bad_kind.status().field(), "kind");
  auto bad_dates =
      Record("91330106MA2B00002Y", {"food_business", "N2", "2026-01-01", "2025-12-31"});
  EXPECT_EQ(bad_dates.status().field(), "valid_until");
  ASSERT_TRUE(IsOk(
      Record("91330106MA2B00002Y", {"food_business", "N3", "2026-01-01", "2027-01-01"}).status()));
  auto duplicate =
      Record("91330106MA2B00003Z", {"food_production", "N3", "2026-01-01", "2027-01-01"});
  EXPECT_EQ(duplicate.status().code(), StatusCode::kAlreadyExists);
}

TEST_P(DeregisterTest, FiguresForAPeriodAndARegion) {
  ASSERT_TRUE(IsOk(
      Record("91330106MA2B00002Y", {"food_business", "JY1", "2025-01-01", "2030-01-01"}).status()));
  // 2026-09-18 → 10-12 (24 days), 09-30 → 10-09 (9 days), 330105: 10-01 → 10-31 (30 days).
  ASSERT_TRUE(IsOk(End({"91330106MA2B00001X", "simplified", "simplified:1", D("2026-09-18"),
                        D("2026-10-12"), "简易注销"})
                       .status()));
  ASSERT_TRUE(IsOk(End({"91330106MA2B00002Y", "one_screen", "one_screen:1", D("2026-09-30"),
                        D("2026-10-09"), "一屏注销"})
                       .status()));
  ASSERT_TRUE(IsOk(End({"91330105MA2B00003Z", "ordinary", "liquidation:1", D("2026-10-01"),
                        D("2026-10-31"), "一般注销"})
                       .status()));
  auto county = Stats("2026-10-01", "2026-10-31", {"330106"});
  ASSERT_TRUE(IsOk(county.status()));
  EXPECT_EQ(county->total, 2);
  EXPECT_EQ(county->by_kind[0].kind, "simplified");
  EXPECT_EQ(county->by_kind[0].count, 1);
  EXPECT_DOUBLE_EQ(county->by_kind[0].average_days, 24);
  EXPECT_EQ(county->by_kind[1].count, 1);
  EXPECT_EQ(county->with_permits_cancelled, 1);
  EXPECT_EQ(county->permits_cancelled, 1);
  EXPECT_DOUBLE_EQ(county->average_days, 16.5);
  auto city = Stats("2026-10-01", "2026-10-31", {"3301"});
  EXPECT_EQ(city->total, 3);
  EXPECT_DOUBLE_EQ(city->average_days, 21);
  auto september = Stats("2026-09-01", "2026-09-30", {""});
  EXPECT_EQ(september->total, 0);
  auto to_the_12th = Stats("2026-10-01", "2026-10-12", {""});
  EXPECT_EQ(to_the_12th->total, 2);  // the 10-31 one falls outside
  auto none = Stats("2026-10-01", "2026-10-31", {});
  EXPECT_EQ(none->total, 0);
  EXPECT_EQ(Stats("2026-10-31", "2026-10-01", {""}).status().field(), "to");
}

INSTANTIATE_TEST_SUITE_P(Backends, DeregisterTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::lifecycle
