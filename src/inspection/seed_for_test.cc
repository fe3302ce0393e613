// SPDX-License-Identifier: MulanPSL-2.0
// inspection_seed_for_test URL: migrates the store at URL and writes a joint
// task of two departments, planned, pool published, drawn with a witness's
// entropy, one visit inspected and published. Prints the task id. For
// tests/cli/inspection_cli_test.sh, which then runs `amr draw verify` on it
// and tampers with it.
#include <soci/soci.h>

#include <cstdio>

#include "codes/calendar.h"
#include "identity/identity_test_util.h"
#include "inspection/inspection_test_util.h"
#include "inspection/visit_store.h"
#include "storage/migrations.h"

namespace amr::inspection {
namespace {

Status SeedStore(const char* url, int64_t& task_id) {
  FakeClock clock(*ParseTime("2026-09-01T09:00:00+08:00"));
  ASSIGN_OR_RETURN(auto db, storage::Database::Open(url, 1));
  RETURN_IF_ERROR(storage::Migrate(*db, clock));
  ASSIGN_OR_RETURN(identity::testing::Tree t, identity::testing::SeedTree(*db, clock));
  RETURN_IF_ERROR(testing::AddUnit(*db, clock, t.root.id, "urban-a", "甲县城管局", "department",
                                   "urban_management")
                      .status());
  ASSIGN_OR_RETURN(auto usccs, testing::AddEntities(*db, clock, "AABBBCCCCDDDsx", 100));
  RETURN_IF_ERROR(testing::Label(*db, clock, usccs, "食品", "county-a"));
  RETURN_IF_ERROR(
      testing::Import(*db, clock, LibraryKind::kOfficers,
                      "code,name,org_unit_code,station_code,username,qualifications,status,"
                      "conflicts\n"
                      "A1,甲一,county-a,station-a1,,,active," +
                          usccs[0] +
                          "\n"
                          "A2,甲二,county-a,station-a1,,,active,\n"
                          "A3,甲三,county-a,station-a2,,,active,\n"
                          "U1,城一,urban-a,,,,active,\n"
                          "U2,城二,urban-a,,,,active,\n")
          .status());
  ASSIGN_OR_RETURN(
      auto joint, testing::PlanJointTask(*db, clock, t.a.id, "county-a", "urban-a", "CLI", "食品"));
  RETURN_IF_ERROR(testing::Draw(*db, clock, joint.task_id, "CLI 见证随机数 7f3a").status());
  clock.Set(*ParseTime("2026-10-12T09:00:00+08:00"));
  RETURN_IF_ERROR(db->Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(auto visits,
                     VisitsInScope(sql, {t.a.path}, joint.task_id, ChinaDate(clock.Now()),
                                   *codes::ShippedCalendar().Current()));
    ResultInput in;
    in.state = "no_problem";
    in.check_date = *Date::Parse("2026-09-28");
    return EnterResult(sql, visits.front().id, in, testing::System(), clock,
                       *codes::ShippedCalendar().Current())
        .status();
  }));
  task_id = joint.task_id;
  return OkStatus();
}

}  // namespace
}  // namespace amr::inspection

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: inspection_seed_for_test URL\n");
    return 2;
  }
  int64_t task = 0;
  amr::Status s = amr::inspection::SeedStore(argv[1], task);
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  std::printf("%lld\n", static_cast<long long>(task));
  return 0;
}
