// SPDX-License-Identifier: MulanPSL-2.0
// 企业开办 under concurrent submissions, as the routes run it (READ COMMITTED
// on PostgreSQL, establishment/service.h): every application registered with
// its own USCC, the audit chain whole, and on PostgreSQL no transaction rerun.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "audit/verify.h"
#include "codes/calendar.h"
#include "establishment/establishment_test_util.h"
#include "establishment/service.h"
#include "testing/db_fixture.h"

namespace amr::establishment {
namespace {

using amr::testing::IsOk;

class EstablishmentConcurrencyTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override {
    auto tree = identity::testing::SeedTree(db(), clock_);
    ASSERT_TRUE(IsOk(tree));
    ASSERT_TRUE(IsOk(testing::SeedDepartments(db(), clock_, tree->root)));
  }
  long long Count(const std::string& sql_text) {
    long long n = 0;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) {
      sql << sql_text, soci::into(n);
      return OkStatus();
    })));
    return n;
  }

  FakeClock clock_{*ParseTime("2026-12-07T10:00:00+08:00")};
  EstablishmentService service_{Rules::Default(), clock_, codes::ShippedCalendar()};
};

TEST_P(EstablishmentConcurrencyTest, ConcurrentSubmissionsAreEachRegisteredOnce) {
  constexpr int kClients = 8, kEach = 4;
  const long long reruns = db().reruns();
  const identity::Caller cli{nullptr, "cli", "", ""};
  std::mutex mu;
  std::vector<std::string> usccs;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int c = 0; c < kClients; ++c) {
    threads.emplace_back([&, c] {
      for (int i = 0; i < kEach; ++i) {
        nlohmann::json body = testing::LoadForm("company.json");
        body["name"] = "杭州" + std::string(c % 2 ? "明" : "清") + std::to_string(c * kEach + i) +
                       "号科技有限公司";
        auto form = ParseForm(body, Rules::Default(), ChinaDate(clock_.Now()));
        ASSERT_TRUE(IsOk(form));
        Application app;
        Status s = db().Transaction(
            [&](soci::session& sql) -> Status {
              ASSIGN_OR_RETURN(app, service_.Submit(sql, cli, Channel::kCli, *form));
              return OkStatus();
            },
            storage::Database::Isolation::kReadCommitted);
        if (!s.ok()) {
          ++failures;
          ADD_FAILURE() << s.ToString();
          continue;
        }
        EXPECT_EQ(app.state, "registered");
        std::lock_guard lock(mu);
        usccs.push_back(app.uscc);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  ASSERT_EQ(failures.load(), 0);
  EXPECT_EQ(std::set<std::string>(usccs.begin(), usccs.end()).size(),
            static_cast<size_t>(kClients * kEach));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM entity"), kClients * kEach);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM change_log WHERE table_name = 'entity'"), kClients * kEach);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_pending"), 0);
  auto report = audit::Verify(db());
  ASSERT_TRUE(IsOk(report));
  EXPECT_TRUE(report->intact());
  EXPECT_EQ(report->records_checked, Count("SELECT COUNT(*) FROM audit_log"));
  EXPECT_GE(report->records_checked, 2 * kClients * kEach);  // submit + register each
  if (db().backend() == storage::Backend::kPostgresql) {
    EXPECT_EQ(db().reruns(), reruns);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, EstablishmentConcurrencyTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::establishment
