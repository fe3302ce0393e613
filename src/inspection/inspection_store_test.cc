// SPDX-License-Identifier: MulanPSL-2.0
// The 双随机、一公开 path on both backends: a joint task of two departments is
// planned, its pool published, drawn with a witness's entropy, assigned (two
// officers per visit, conflicts and last inspectors avoided, balanced),
// inspected, published and verified; and every refusal leaves nothing behind.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>
#include <map>
#include <set>

#include "codes/calendar.h"
#include "identity/identity_test_util.h"
#include "inspection/inspection_test_util.h"
#include "inspection/task_store.h"
#include "inspection/visit_store.h"
#include "testing/db_fixture.h"

namespace amr::inspection {
namespace {

using amr::testing::IsOk;
using nlohmann::json;

class InspectionStoreTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override {
    auto tree = identity::testing::SeedTree(db(), clock_);
    ASSERT_TRUE(IsOk(tree));
    t_ = *tree;
    auto urban = testing::AddUnit(db(), clock_, t_.root.id, "urban-a", "甲县城管局", "department",
                                  "urban_management");
    ASSERT_TRUE(IsOk(urban));
    urban_ = *urban;
  }

  long long Count(const std::string& sql_text) {
    long long n = -1;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
      sql << sql_text, soci::into(n);
      return OkStatus();
    })));
    return n;
  }

  // Officers: four of county-a (stations a1, a2), three of the urban
  // department; officer A1 declares a conflict with `conflicted`.
  void AddOfficers(const std::string& conflicted, const std::string& username = "") {
    const std::string csv =
        "code,name,org_unit_code,station_code,username,qualifications,status,conflicts\n"
        "A1,甲一,county-a,station-a1," +
        username + ",行政执法证,active," + conflicted +
        "\n"
        "A2,甲二,county-a,station-a1,,行政执法证,active,\n"
        "A3,甲三,county-a,station-a2,,行政执法证,active,\n"
        "A4,甲四,county-a,station-a2,,行政执法证,active,\n"
        "A5,甲五,county-a,station-a2,,行政执法证,on_leave,\n"
        "U1,城一,urban-a,,,行政执法证,active,\n"
        "U2,城二,urban-a,,,行政执法证,active,\n"
        "U3,城三,urban-a,,,行政执法证,active,\n";
    ASSERT_TRUE(IsOk(testing::Import(db(), clock_, LibraryKind::kOfficers, csv)));
  }

  std::map<std::string, std::vector<int64_t>> OfficersByUscc(int64_t task_id) {
    std::map<std::string, std::vector<int64_t>> out;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
      long long id = task_id;
      soci::rowset<soci::row> rows =
          (sql.prepare << "SELECT v.uscc, vo.officer_id FROM inspection_visit v JOIN "
                          "inspection_visit_officer vo ON vo.visit_id = v.id WHERE v.task_id = :t",
           soci::use(id));
      for (const soci::row& r : rows) {
        out[r.get<std::string>(0)].push_back(r.get_properties(1).get_data_type() == soci::dt_integer
                                                 ? r.get<int>(1)
                                                 : r.get<long long>(1));
      }
      return OkStatus();
    })));
    return out;
  }

  FakeClock clock_{*ParseTime("2026-09-01T09:00:00+08:00")};
  identity::testing::Tree t_;
  identity::OrgUnit urban_;
};

TEST_P(InspectionStoreTest, JointTaskPlannedDrawnInspectedPublishedAndVerified) {
  // 12 active entities of every class, one suspended, one deregistered.
  auto usccs = testing::AddEntities(db(), clock_, "AAABBBCCCDDDsx", 1000);
  ASSERT_TRUE(IsOk(usccs));
  ASSERT_TRUE(IsOk(testing::Label(db(), clock_, *usccs, "食品", "county-a")));
  const std::string conflicted = (*usccs)[0];
  AddOfficers(conflicted);

  // Plan filed upward.
  auto joint = testing::PlanJointTask(db(), clock_, t_.a.id, "county-a", "urban-a", "T1", "食品",
                                      /*publish=*/false);
  ASSERT_TRUE(IsOk(joint));
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(Plan filed, FilePlan(sql, joint->plan_id, testing::System(), clock_));
    EXPECT_EQ(filed.status, "filed");
    EXPECT_EQ(filed.filed_to_unit_id, t_.root.id);
    EXPECT_EQ(FilePlan(sql, joint->plan_id, testing::System(), clock_).status().code(),
              StatusCode::kFailedPrecondition);
    return OkStatus();
  })));

  // Drawing before the pool is published is refused.
  EXPECT_EQ(testing::Draw(db(), clock_, joint->task_id, "x").status().code(),
            StatusCode::kFailedPrecondition);
  Task published;
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(published, PublishPool(sql, joint->task_id, testing::System(), clock_));
    return OkStatus();
  })));
  EXPECT_TRUE(published.joint);
  EXPECT_EQ(published.department_ids, (std::vector<int64_t>{t_.a.id, urban_.id}));
  EXPECT_EQ(published.pool_size, 12) << "suspended and deregistered entities stay out";
  EXPECT_EQ(published.pool_hash.size(), 64u);
  // Publishing twice is refused: the pool is fixed.
  EXPECT_EQ(db().Transaction([&](soci::session& sql) {
                  return PublishPool(sql, joint->task_id, testing::System(), clock_).status();
                })
                .code(),
            StatusCode::kFailedPrecondition);

  auto drawn = testing::Draw(db(), clock_, joint->task_id, "2026-09-01 上证指数收盘 3812.47");
  ASSERT_TRUE(IsOk(drawn));
  EXPECT_EQ(drawn->status, "drawn");
  EXPECT_EQ(drawn->seed.size(), 64u);
  // Ratio 1: every pool entity gets ONE visit listing both departments' items.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM inspection_visit"), 12);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM inspection_visit WHERE item_ids LIKE '%;%'"), 12);

  auto by_uscc = OfficersByUscc(joint->task_id);
  long long a1 = 0, a5 = 0;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    sql << "SELECT id FROM inspection_officer WHERE code = 'A1'", soci::into(a1);
    sql << "SELECT id FROM inspection_officer WHERE code = 'A5'", soci::into(a5);
    return OkStatus();
  })));
  std::map<int64_t, int> load;
  for (const auto& [uscc, officers] : by_uscc) {
    EXPECT_EQ(officers.size(), 2u) << uscc;
    for (int64_t o : officers) {
      ++load[o];
      EXPECT_NE(o, a5) << "an officer on leave is never assigned";
      if (uscc == conflicted) {
        EXPECT_NE(o, a1) << "回避: declared conflict";
      }
    }
  }
  // 24 places over 7 active officers: loads as even as the constraints allow.
  int lo = 1 << 20, hi = 0;
  for (const auto& [o, n] : load) {
    if (o == a1) continue;  // A1 alone has a conflict, so its eligibility differs
    lo = std::min(lo, n);
    hi = std::max(hi, n);
  }
  EXPECT_EQ(load.size(), 7u);
  EXPECT_LE(hi - lo, 1);

  // Re-drawing is refused and changes nothing.
  EXPECT_EQ(testing::Draw(db(), clock_, joint->task_id, "again").status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM inspection_visit"), 12);

  // Verified from the stored pool and entropy.
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(VerifyReport report, VerifyDraw(sql, joint->task_id));
    EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems.front());
    EXPECT_EQ(report.seed, drawn->seed);
    ASSIGN_OR_RETURN(json pub, PublicDrawJson(sql, joint->task_id));
    EXPECT_EQ(pub["pool"].size(), 12u);
    EXPECT_EQ(pub["pool_hash"], published.pool_hash);
    EXPECT_EQ(pub["entropy"], "2026-09-01 上证指数收盘 3812.47");
    EXPECT_EQ(pub["selected"].size(), 12u);
    return OkStatus();
  })));

  // Inspected: a problem found, corrected on the spot, entered on time and
  // published on the entity's profile; sent on as a case lead.
  clock_.Set(*ParseTime("2026-10-20T10:00:00+08:00"));
  int64_t first_visit = 0;
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(auto visits,
                     VisitsInScope(sql, {t_.a.path}, joint->task_id, ChinaDate(clock_.Now()),
                                   *codes::ShippedCalendar().Current()));
    EXPECT_EQ(visits.size(), 12u);
    first_visit = visits.front().id;
    ResultInput in;
    in.state = "problem_corrected";
    in.check_date = *Date::Parse("2026-09-28");
    in.notes = "未按规定公示营业执照，已当场责令改正";
    in.attachments.push_back({"现场照片.jpg", "image/jpeg", 2048, std::string(64, 'a')});
    ASSIGN_OR_RETURN(Visit v, EnterResult(sql, first_visit, in, testing::System(), clock_,
                                          *codes::ShippedCalendar().Current()));
    // 20 working days after 2026-09-28 across the National Day holiday
    // (10-01..10-07 off, 10-10 a make-up working day) is 2026-10-30.
    EXPECT_EQ(v.deadline, "2026-10-30");
    EXPECT_EQ(v.deadline_state, "on_time");
    EXPECT_FALSE(v.published_at.empty());
    ASSIGN_OR_RETURN(json lead, SendCaseLead(sql, first_visit, "建议立案调查", testing::System(),
                                             clock_, *codes::ShippedCalendar().Current()));
    EXPECT_EQ(lead["status"], "open");
    ASSIGN_OR_RETURN(json pub, PublishedResults(sql, v.uscc));
    EXPECT_EQ(pub["items"].size(), 1u);
    EXPECT_EQ(pub["items"][0]["result_name"], "发现问题已责令改正");
    EXPECT_EQ(pub["items"][0]["items"].size(), 2u);
    return OkStatus();
  })));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM inspection_attachment"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM case_lead"), 1);

  // Figures of the period.
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(json f,
                     InspectionFigures(sql, {t_.a.path}, *Date::Parse("2026-01-01"),
                                       *Date::Parse("2026-12-31"), ChinaDate(clock_.Now())));
    EXPECT_EQ(f["tasks"], 1);
    EXPECT_EQ(f["visits"], 12);
    EXPECT_EQ(f["completed_visits"], 1);
    EXPECT_DOUBLE_EQ(f["problem_discovery_rate"].get<double>(), 1.0);
    EXPECT_DOUBLE_EQ(f["timely_entry_rate"].get<double>(), 1.0);
    EXPECT_DOUBLE_EQ(f["joint_task_share"].get<double>(), 1.0);
    EXPECT_EQ(f["plans"][0]["milestones"].size(), 3u);
    EXPECT_EQ(f["plans"][0]["milestones"][0]["status"], "missed");  // 06-30: 0 of 1
    return OkStatus();
  })));

  // A second task over the same entities never sends the last inspectors back.
  const auto first_officers = OfficersByUscc(joint->task_id);
  const std::string inspected = [&] {
    std::string u;
    (void)db().ReadTransaction([&](soci::session& sql) -> Status {
      long long id = first_visit;
      sql << "SELECT uscc FROM inspection_visit WHERE id = :v", soci::use(id), soci::into(u);
      return OkStatus();
    });
    return u;
  }();
  auto second = testing::PlanJointTask(db(), clock_, t_.a.id, "county-a", "urban-a", "T2", "食品");
  ASSERT_TRUE(IsOk(second));
  ASSERT_TRUE(IsOk(testing::Draw(db(), clock_, second->task_id, "second")));
  const auto again = OfficersByUscc(second->task_id);
  for (int64_t o : again.at(inspected)) {
    const auto& last = first_officers.at(inspected);
    EXPECT_EQ(std::count(last.begin(), last.end(), o), 0)
        << "officer " << o << " inspected last time";
  }

  // Entities inspected within N days stay out of a new pool.
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    NewTask t;
    t.plan_id = joint->plan_id;
    t.name = "近期已查排除";
    t.item_ids = joint->item_ids;
    t.filters.labels = {"食品"};
    t.exclude_within_days = 60;
    ASSIGN_OR_RETURN(Task task, CreateTask(sql, t, testing::System(), clock_));
    ASSIGN_OR_RETURN(Task published, PublishPool(sql, task.id, testing::System(), clock_));
    EXPECT_EQ(published.pool_size, 11);
    for (const PoolEntry& e : [&] {
           std::vector<PoolEntry> pool;
           long long id = task.id;
           soci::rowset<soci::row> rows =
               (sql.prepare << "SELECT uscc, credit_class FROM inspection_pool WHERE task_id = :t",
                soci::use(id));
           for (const soci::row& r : rows) pool.push_back({r.get<std::string>(0), 'B'});
           return pool;
         }()) {
      EXPECT_NE(e.uscc, inspected);
    }
    return OkStatus();
  })));
}

TEST_P(InspectionStoreTest, DeadlineWarningsOnRealCalendarDates) {
  auto usccs = testing::AddEntities(db(), clock_, "DD", 2000);
  ASSERT_TRUE(IsOk(usccs));
  ASSERT_TRUE(IsOk(testing::Label(db(), clock_, *usccs, "L", "county-a")));
  AddOfficers("");
  auto joint = testing::PlanJointTask(db(), clock_, t_.a.id, "county-a", "urban-a", "W", "L");
  ASSERT_TRUE(IsOk(joint));
  ASSERT_TRUE(IsOk(testing::Draw(db(), clock_, joint->task_id, "w")));
  // Checked 2026-09-28 (before National Day), result not yet in: on 10-26 four
  // working days remain (due soon); on 11-02 it is overdue.
  clock_.Set(*ParseTime("2026-09-29T10:00:00+08:00"));
  int64_t visit = 0;
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(auto visits,
                     VisitsInScope(sql, {t_.a.path}, std::nullopt, ChinaDate(clock_.Now()),
                                   *codes::ShippedCalendar().Current()));
    visit = visits.front().id;
    ResultInput in;
    in.state = "not_inspected";
    in.check_date = *Date::Parse("2026-09-28");
    return EnterResult(sql, visit, in, testing::System(), clock_,
                       *codes::ShippedCalendar().Current())
        .status();
  })));
  auto state_on = [&](const char* day) {
    std::string s;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(
          Visit v, GetVisit(sql, visit, *Date::Parse(day), *codes::ShippedCalendar().Current()));
      s = v.deadline_state;
      return OkStatus();
    })));
    return s;
  };
  EXPECT_EQ(state_on("2026-10-09"), "on_time");
  EXPECT_EQ(state_on("2026-10-26"), "due_soon");
  EXPECT_EQ(state_on("2026-10-30"), "due_soon");
  EXPECT_EQ(state_on("2026-11-02"), "overdue");
  // Entered after the deadline: recorded as late, not timely.
  clock_.Set(*ParseTime("2026-11-03T10:00:00+08:00"));
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    ResultInput in;
    in.state = "no_problem";
    in.check_date = *Date::Parse("2026-09-28");
    ASSIGN_OR_RETURN(Visit v, EnterResult(sql, visit, in, testing::System(), clock_,
                                          *codes::ShippedCalendar().Current()));
    EXPECT_EQ(v.deadline_state, "entered_late");
    // No problem found: nothing to send on.
    EXPECT_EQ(SendCaseLead(sql, visit, "x", testing::System(), clock_,
                           *codes::ShippedCalendar().Current())
                  .status()
                  .code(),
              StatusCode::kFailedPrecondition);
    return OkStatus();
  })));
}

TEST_P(InspectionStoreTest, BadInputIsRefusedAndNothingIsStored) {
  auto usccs = testing::AddEntities(db(), clock_, "ABCD", 3000);
  ASSERT_TRUE(IsOk(usccs));
  ASSERT_TRUE(IsOk(testing::Label(db(), clock_, *usccs, "L", "county-a")));
  auto joint = testing::PlanJointTask(db(), clock_, t_.a.id, "county-a", "urban-a", "B", "L",
                                      /*publish=*/false);
  ASSERT_TRUE(IsOk(joint));
  const long long tasks = Count("SELECT COUNT(*) FROM inspection_task");
  auto create = [&](NewTask t) {
    return db().Transaction(
        [&](soci::session& sql) { return CreateTask(sql, t, testing::System(), clock_).status(); });
  };
  NewTask base;
  base.plan_id = joint->plan_id;
  base.name = "坏任务";
  base.item_ids = joint->item_ids;
  NewTask bad = base;
  bad.ratios.c = 1.5;
  Status s = create(bad);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "ratios");
  EXPECT_NE(s.message().find("C 类"), std::string::npos) << s.message();
  bad = base;
  bad.ratios.a = -0.1;
  EXPECT_EQ(create(bad).code(), StatusCode::kInvalidArgument);
  bad = base;
  bad.item_ids.clear();
  s = create(bad);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "item_ids");
  bad = base;
  bad.officers_per_visit = 1;
  EXPECT_EQ(create(bad).code(), StatusCode::kInvalidArgument);
  // Only general items: the ratio must keep to the table's band (A ≤ 5%).
  bad = base;
  bad.item_ids = {joint->item_ids[0]};
  bad.ratios.a = 0.5;
  s = create(bad);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("一般事项"), std::string::npos) << s.message();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM inspection_task"), tasks);

  // An empty pool: nothing matches the region.
  bad = base;
  bad.filters.region_code = "110101";
  int64_t empty_task = 0;
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(Task t, CreateTask(sql, bad, testing::System(), clock_));
    empty_task = t.id;
    return OkStatus();
  })));
  s = db().Transaction([&](soci::session& sql) {
    return PublishPool(sql, empty_task, testing::System(), clock_).status();
  });
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.field(), "pool");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM inspection_pool"), 0);

  // Too few eligible officers: only two, one of them in conflict with every entity.
  std::string all;
  for (const std::string& u : *usccs) all += (all.empty() ? "" : ";") + u;
  ASSERT_TRUE(IsOk(testing::Import(
      db(), clock_, LibraryKind::kOfficers,
      "code,name,org_unit_code,station_code,username,qualifications,status,conflicts\n"
      "X1,乙一,county-a,,,,active," +
          all + "\nX2,乙二,urban-a,,,,active,\n")));
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) {
    return PublishPool(sql, joint->task_id, testing::System(), clock_).status();
  })));
  auto drawn = testing::Draw(db(), clock_, joint->task_id, "e");
  EXPECT_EQ(drawn.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(drawn.status().field(), "officers");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM inspection_visit"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM inspection_task WHERE status = 'drawn'"), 0);
  // Missing entropy.
  EXPECT_EQ(testing::Draw(db(), clock_, joint->task_id, "").status().code(),
            StatusCode::kInvalidArgument);

  // A CSV with a bad line is refused whole, naming the line.
  auto report = testing::Import(
      db(), clock_, LibraryKind::kItems,
      "code,org_unit_code,name,category,legal_basis,content,entity_kinds,industries\n"
      "OK-1,county-a,好事项,general,,,,\nBAD-1,county-a,坏事项,urgent,,,,\n");
  EXPECT_EQ(report.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(report.status().message().find("第 3 行"), std::string::npos)
      << report.status().message();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM inspection_item WHERE code = 'OK-1'"), 0);
}

TEST_P(InspectionStoreTest, VerifyDetectsATamperedResultOrPool) {
  auto usccs = testing::AddEntities(db(), clock_, "ABCDABCD", 4000);
  ASSERT_TRUE(IsOk(usccs));
  ASSERT_TRUE(IsOk(testing::Label(db(), clock_, *usccs, "L", "county-a")));
  AddOfficers("");
  auto joint = testing::PlanJointTask(db(), clock_, t_.a.id, "county-a", "urban-a", "V", "L");
  ASSERT_TRUE(IsOk(joint));
  ASSERT_TRUE(IsOk(testing::Draw(db(), clock_, joint->task_id, "v")));
  auto verify = [&] {
    VerifyReport r;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(r, VerifyDraw(sql, joint->task_id));
      return OkStatus();
    })));
    return r;
  };
  EXPECT_TRUE(verify().ok());
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    sql << "UPDATE inspection_pool SET credit_class = 'A' WHERE position = 3";
    return OkStatus();
  })));
  auto r = verify();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.problems.front().find("名录哈希不符"), std::string::npos) << r.problems.front();
}

TEST_P(InspectionStoreTest, AnInspectorSeesAndEntersOnlyTheirOwnVisits) {
  identity::PasswordHasher hasher(identity::MinimumCostForTest());
  auto user = identity::testing::AddStaff(db(), clock_, hasher, "insp-1", t_.a1.id,
                                          {{identity::Role::kInspector, t_.a1.id}});
  ASSERT_TRUE(IsOk(user));
  auto other = identity::testing::AddStaff(db(), clock_, hasher, "insp-2", t_.a1.id,
                                           {{identity::Role::kInspector, t_.a1.id}});
  ASSERT_TRUE(IsOk(other));
  auto usccs = testing::AddEntities(db(), clock_, "BBBBCCCCDDDD", 5000);
  ASSERT_TRUE(IsOk(usccs));
  ASSERT_TRUE(IsOk(testing::Label(db(), clock_, *usccs, "L", "county-a")));
  AddOfficers("", "insp-1");
  auto joint = testing::PlanJointTask(db(), clock_, t_.a.id, "county-a", "urban-a", "S", "L");
  ASSERT_TRUE(IsOk(joint));
  ASSERT_TRUE(IsOk(testing::Draw(db(), clock_, joint->task_id, "s")));
  const long long mine = Count(
      "SELECT COUNT(*) FROM inspection_visit_officer vo JOIN inspection_officer f ON f.id = "
      "vo.officer_id WHERE f.code = 'A1'");
  ASSERT_GT(mine, 0);
  ASSERT_LT(mine, 12);
  clock_.Set(*ParseTime("2026-09-10T10:00:00+08:00"));
  identity::Principal stranger;
  stranger.user_id = other->id;
  identity::Principal owner;
  owner.user_id = user->id;
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(auto visits, VisitsOfUser(sql, user->id, ChinaDate(clock_.Now()),
                                               *codes::ShippedCalendar().Current()));
    EXPECT_EQ(static_cast<long long>(visits.size()), mine);
    for (const Visit& v : visits) {
      EXPECT_TRUE(std::any_of(v.officers.begin(), v.officers.end(),
                              [&](const VisitOfficer& o) { return o.user_id == user->id; }));
    }
    ASSIGN_OR_RETURN(auto none, VisitsOfUser(sql, other->id, ChinaDate(clock_.Now()),
                                             *codes::ShippedCalendar().Current()));
    EXPECT_TRUE(none.empty());
    ResultInput in;
    in.state = "no_problem";
    in.check_date = *Date::Parse("2026-09-09");
    EXPECT_EQ(EnterResult(sql, visits.front().id, in, {&stranger, "", "", ""}, clock_,
                          *codes::ShippedCalendar().Current())
                  .status()
                  .code(),
              StatusCode::kPermissionDenied);
    EXPECT_TRUE(IsOk(EnterResult(sql, visits.front().id, in, {&owner, "", "", ""}, clock_,
                                 *codes::ShippedCalendar().Current())));
    // A check date in the future or before the draw is refused.
    in.check_date = *Date::Parse("2026-09-11");
    EXPECT_EQ(EnterResult(sql, visits.front().id, in, {&owner, "", "", ""}, clock_,
                          *codes::ShippedCalendar().Current())
                  .status()
                  .code(),
              StatusCode::kInvalidArgument);
    in.check_date = *Date::Parse("2026-08-31");
    EXPECT_EQ(EnterResult(sql, visits.front().id, in, {&owner, "", "", ""}, clock_,
                          *codes::ShippedCalendar().Current())
                  .status()
                  .code(),
              StatusCode::kInvalidArgument);
    in.check_date = *Date::Parse("2026-09-09");
    in.state = "bogus";
    EXPECT_EQ(EnterResult(sql, visits.front().id, in, {&owner, "", "", ""}, clock_,
                          *codes::ShippedCalendar().Current())
                  .status()
                  .code(),
              StatusCode::kInvalidArgument);
    return OkStatus();
  })));
}

INSTANTIATE_TEST_SUITE_P(Backends, InspectionStoreTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::inspection
