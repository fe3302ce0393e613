// SPDX-License-Identifier: MulanPSL-2.0
// SeedInspectionDemo on the demo county, on both backends: its items make a
// joint task that publishes a pool of demo entities and draws with the demo
// inspectors.
#include "inspection/demo_seed.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "demo/demo_seed.h"
#include "identity/password.h"
#include "inspection/inspection_test_util.h"
#include "testing/db_fixture.h"

namespace amr::inspection {
namespace {

using amr::testing::IsOk;

class InspectionDemoTest : public amr::testing::DbTest {};

TEST_P(InspectionDemoTest, SeedsItemsOfficersAndAPlanThatDrawAJointTask) {
  FakeClock clock(*ParseTime("2026-03-02T09:00:00+08:00"));
  identity::PasswordHasher hasher(identity::MinimumCostForTest());
  auto demo = demo::SeedDemo(db(), hasher, clock, 200);
  ASSERT_TRUE(IsOk(demo));
  ASSERT_TRUE(demo->seeded);
  auto seeded = SeedInspectionDemo(db(), clock);
  ASSERT_TRUE(IsOk(seeded));
  EXPECT_EQ(seeded->items, 6);
  EXPECT_GE(seeded->officers, 2);
  EXPECT_GT(seeded->plan_id, 0);
  EXPECT_EQ(SeedInspectionDemo(db(), clock).status().code(), StatusCode::kAlreadyExists);

  auto general = testing::IdOf(db(), "inspection_item", "DEMO-SC-01");
  auto urban = testing::IdOf(db(), "inspection_item", "DEMO-CG-01");
  ASSERT_TRUE(IsOk(general));
  ASSERT_TRUE(IsOk(urban));
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    NewTask t;
    t.plan_id = seeded->plan_id;
    t.name = "演示联合抽查";
    t.item_ids = {*general, *urban};
    ASSIGN_OR_RETURN(Task task, CreateTask(sql, t, testing::System(), clock));
    EXPECT_TRUE(task.joint);
    ASSIGN_OR_RETURN(Task published, PublishPool(sql, task.id, testing::System(), clock));
    EXPECT_GT(published.pool_size, 100);
    ASSIGN_OR_RETURN(Task drawn,
                     DrawTask(sql, task.id, "演示随机数", "演示见证人", testing::System(), clock));
    EXPECT_EQ(drawn.status, "drawn");
    ASSIGN_OR_RETURN(VerifyReport report, VerifyDraw(sql, task.id));
    EXPECT_TRUE(report.ok());
    EXPECT_GT(report.visits, 0);
    return OkStatus();
  })));
}

INSTANTIATE_TEST_SUITE_P(Backends, InspectionDemoTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::inspection
