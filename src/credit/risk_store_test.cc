// SPDX-License-Identifier: MulanPSL-2.0
// The classification in batches, on both engines, with batches of 5 over 23
// entities (some deregistered, some 歇业): every entity 存续 or 歇业 is
// classified exactly once with its class, each batch's count source asked
// for its own range of USCCs only; the same day again replaces, entities
// deregistered since included; a run that fails half-way leaves its batches
// and the day run again completes it; the scheduler's run goes batch by batch
// in one round, audited once.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "credit/risk_service.h"
#include "identity/identity_test_util.h"
#include "registry/entity_store.h"
#include "scheduler/scheduler.h"
#include "testing/db_fixture.h"

namespace amr::credit {
namespace {

using amr::testing::IsOk;
using Counts = std::unordered_map<std::string, int64_t>;

constexpr int kEntities = 23;
constexpr int kBatch = 5;

std::string Uscc(int i) { return fmt::format("91330106MA{:07d}X", i); }

class RiskBatchTest : public amr::testing::DbTest {
 protected:
  // Entity i: deregistered when i % 7 == 3, 歇业 when i % 11 == 5. Its 2025
  // report: filed on time (A, 0 points) when i % 4 == 0, late (B, 8) when 1,
  // missing (C, 20) when 2; missing with 30 complaints (D, 20 + 20) when 3.
  // Inserted last first: the order is the database's.
  void SetUpStore() override {
    for (int i = kEntities - 1; i >= 0; --i) {
      registry::Entity e;
      e.uscc = Uscc(i);
      e.name = fmt::format("杭州测试{}有限公司", i);
      e.region_code = "330106";
      e.industry_code = "52";
      e.established_on = *Date::FromYmd(2020, 1, 2);
      e.status = i % 7 == 3    ? registry::EntityStatus::kDeregistered
                 : i % 11 == 5 ? registry::EntityStatus::kSuspended
                               : registry::EntityStatus::kActive;
      ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
        RETURN_IF_ERROR(registry::InsertEntity(sql, e, "2020-01-02T09:00:00+08:00"));
        if (i % 4 < 2) RETURN_IF_ERROR(FileReport(sql, e.uscc, i % 4 == 1));
        return OkStatus();
      })));
      if (e.status != registry::EntityStatus::kDeregistered) {
        expected_[e.uscc] = "ABCD"[i % 4];
      }
    }
  }

  static Status FileReport(soci::session& sql, const std::string& uscc, bool late) {
    const int is_late = late ? 1 : 0;
    sql << "INSERT INTO annual_report (uscc, year, version, entity_kind, content, withheld, "
           "channel, filed_on, late, filed_by, filed_at) VALUES (:u, 2025, 1, 'enterprise', "
           "'{}', '[]', 'online', '2026-05-01', :l, 'test', '2026-05-01T09:00:00+08:00')",
        soci::use(uscc), soci::use(is_late);
    return OkStatus();
  }

  // The complaints: 30 for each entity i % 4 == 3 in the range asked for;
  // each range asked for is kept.
  RiskSources Sources() {
    RiskSources sources;
    sources.emplace("complaints",
                    [this](soci::session&, const Date&, const Date&, const std::string& first,
                           const std::string& last) -> StatusOr<Counts> {
                      ranges_.emplace_back(first, last);
                      Counts out;
                      for (int i = 3; i < kEntities; i += 4) {
                        if (first <= Uscc(i) && Uscc(i) <= last) out[Uscc(i)] = 30;
                      }
                      return out;
                    });
    return sources;
  }

  RiskService Service(RiskSources sources) {
    return RiskService(db(), clock_, std::move(sources), RiskRules::Default(),
                       CreditRules::Default(), RiskBatching{kBatch, std::chrono::milliseconds(0)});
  }

  // USCC → class of the day's classifications; a USCC twice is a failure.
  std::map<std::string, char> Stored(const std::string& day) {
    std::map<std::string, char> out;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
      soci::rowset<soci::row> rows =
          (sql.prepare << "SELECT uscc, class FROM credit_risk WHERE classified_on = :d",
           soci::use(day));
      for (const soci::row& r : rows) {
        const bool added = out.emplace(r.get<std::string>(0), r.get<std::string>(1)[0]).second;
        EXPECT_TRUE(added) << r.get<std::string>(0) << " classified twice on " << day;
      }
      return OkStatus();
    })));
    return out;
  }

  // USCC → class on the entity, for those 存续 or 歇业.
  std::map<std::string, char> OnEntities() {
    std::map<std::string, char> out;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
      soci::rowset<soci::row> rows =
          (sql.prepare << "SELECT uscc, credit_class FROM entity WHERE status IN ('active', "
                          "'suspended')");
      for (const soci::row& r : rows) out[r.get<std::string>(0)] = r.get<std::string>(1)[0];
      return OkStatus();
    })));
    return out;
  }

  void Exec(const std::string& statement) {
    ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
      sql << statement;
      return OkStatus();
    })));
  }

  int64_t ByClass(char letter) const {
    int64_t n = 0;
    for (const auto& [uscc, c] : expected_) n += c == letter;
    return n;
  }

  FakeClock clock_{*ParseTime("2026-12-01T09:00:00+08:00")};
  std::map<std::string, char> expected_;
  std::vector<std::pair<std::string, std::string>> ranges_;
};

TEST_P(RiskBatchTest, EveryEntityOnceWithItsClassAndTheSameDayAgainReplaces) {
  const size_t classified = expected_.size();  // 23 less 3 deregistered: 20, 4 full batches
  ASSERT_EQ(classified, 20u);
  RiskService risk = Service(Sources());
  auto run = risk.ClassifyAll(*Date::Parse("2026-12-01"), "test");
  ASSERT_TRUE(IsOk(run));
  EXPECT_EQ(run->classified, 20);
  EXPECT_EQ(run->batches, 5);  // the fifth finds nobody: the end
  for (char c : {'A', 'B', 'C', 'D'}) EXPECT_EQ(run->counts[c - 'A'], ByClass(c)) << c;
  EXPECT_EQ(Stored("2026-12-01"), expected_);
  EXPECT_EQ(OnEntities(), expected_);
  EXPECT_EQ(identity::testing::CountAudit(db(), "credit.risk_classify"), 1);
  // Each batch asked for its own range: 5 entities, after the last batch's.
  ASSERT_EQ(ranges_.size(), 4u);
  std::vector<std::string> order;
  for (const auto& [uscc, c] : expected_) order.push_back(uscc);
  for (size_t b = 0; b < ranges_.size(); ++b) {
    EXPECT_EQ(ranges_[b].first, order[b * kBatch]);
    EXPECT_EQ(ranges_[b].second, order[b * kBatch + kBatch - 1]);
  }

  // Meanwhile one entity is deregistered, one files its report (C → A), and
  // one of the first batch is listed (C → D).
  const std::string gone = Uscc(9), filed = Uscc(6), listed = Uscc(2);
  ASSERT_EQ(expected_[gone], 'B');
  ASSERT_EQ(expected_[filed], 'C');
  ASSERT_EQ(expected_[listed], 'C');
  Exec("UPDATE entity SET status = 'deregistered' WHERE uscc = '" + gone + "'");
  ASSERT_TRUE(IsOk(db().Transaction(
      [&](soci::session& sql) { return FileReport(sql, filed, /*late=*/false); })));
  Exec(
      "INSERT INTO org_unit (code, name, kind, region_code) VALUES ('330106-amr', '西湖区局', "
      "'county_bureau', '330106')");
  Exec(
      "INSERT INTO abnormal_listing (uscc, reason, report_year, listed_on, decision_no, "
      "authority_unit_id, state, created_at) SELECT '" +
      listed +
      "', 'no_annual_report', 2025, '2026-07-01', 'x', id, 'listed', "
      "'2026-07-01T09:00:00+08:00' FROM org_unit WHERE code = '330106-amr'");
  expected_.erase(gone);
  expected_[filed] = 'A';
  expected_[listed] = 'D';
  ranges_.clear();
  run = risk.ClassifyAll(*Date::Parse("2026-12-01"), "test");
  ASSERT_TRUE(IsOk(run));
  EXPECT_EQ(run->classified, 19);
  EXPECT_EQ(run->batches, 4);
  EXPECT_EQ(Stored("2026-12-01"), expected_);  // the deregistered one's row of the day is gone
  EXPECT_EQ(OnEntities(), expected_);
  EXPECT_EQ(identity::testing::CountAudit(db(), "credit.risk_classify"), 2);
}

TEST_P(RiskBatchTest, ARunStoppedHalfWayIsCompletedByRunningTheDayAgain) {
  RiskSources failing = Sources();
  failing["complaints"] = [this, inner = failing["complaints"]](
                              soci::session& sql, const Date& from, const Date& to,
                              const std::string& first,
                              const std::string& last) -> StatusOr<Counts> {
    if (ranges_.size() == 2) return UnavailableError("投诉数据暂不可用");
    return inner(sql, from, to, first, last);
  };
  RiskService broken = Service(std::move(failing));
  EXPECT_EQ(broken.ClassifyAll(*Date::Parse("2026-12-02"), "test").status().code(),
            StatusCode::kUnavailable);
  EXPECT_EQ(Stored("2026-12-02").size(), 2u * kBatch);  // the two batches before it
  EXPECT_EQ(identity::testing::CountAudit(db(), "credit.risk_classify"), 0);

  RiskService risk = Service(Sources());
  auto run = risk.ClassifyAll(*Date::Parse("2026-12-02"), "test");
  ASSERT_TRUE(IsOk(run));
  EXPECT_EQ(run->classified, 20);
  EXPECT_EQ(Stored("2026-12-02"), expected_);
  EXPECT_EQ(identity::testing::CountAudit(db(), "credit.risk_classify"), 1);
}

TEST_P(RiskBatchTest, TheMonthlyRunGoesBatchByBatchInOneRoundOfTheScheduler) {
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) {
    return scheduler::Schedule(sql, kRiskTimer, "2027-01", *ParseTime("2027-01-01T02:00:00+08:00"),
                               nlohmann::json::object(), clock_);
  })));
  clock_.Set(*ParseTime("2027-01-01T02:00:05+08:00"));
  scheduler::Scheduler timers(db(), clock_, "test:1");
  RegisterRiskTimers(timers, clock_, Sources(), kBatch);
  auto report = timers.RunDue(100);
  ASSERT_TRUE(IsOk(report));
  EXPECT_EQ(report->fired, 1 + 5);  // the month's timer, then five batches
  EXPECT_EQ(report->failed, 0);
  EXPECT_EQ(Stored("2027-01-01"), expected_);
  EXPECT_EQ(OnEntities(), expected_);
  EXPECT_EQ(identity::testing::CountAudit(db(), "credit.risk_classify"), 1);
  std::optional<scheduler::Timer> last, next;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(last, scheduler::Find(sql, kRiskBatchTimer, "2027-01#5"));
    ASSIGN_OR_RETURN(next, scheduler::Find(sql, kRiskTimer, "2027-02"));
    return OkStatus();
  })));
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->state, "fired");
  EXPECT_EQ(last->outcome, fmt::format("已对 20 户进行信用风险分类：A {}，B {}，C {}，D {}（5 批）",
                                       ByClass('A'), ByClass('B'), ByClass('C'), ByClass('D')));
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->state, "pending");
  // Nothing more is due: the run fired each batch once.
  report = timers.RunDue(100);
  ASSERT_TRUE(IsOk(report));
  EXPECT_EQ(report->fired, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, RiskBatchTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::credit
