// SPDX-License-Identifier: MulanPSL-2.0
// NameService on both backends: Art. 17 within one 设区的市, the one-year
// window, reservation expiry on real dates, the similarity hints through the
// index kept current from the change log, and the reservation race.
#include "names/name_service.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <thread>
#include <vector>

#include "common/text.h"
#include "registry/entity_store.h"
#include "testing/db_fixture.h"

namespace amr::names {
namespace {

using testing::IsOk;

Clock::TimePoint At(std::string_view text) { return *ParseTime(text); }

class NameServiceTest : public testing::DbTest {
 protected:
  void SetUpStore() override {
    names_ = std::make_unique<NameService>(&db(), clock_);
    ASSERT_TRUE(IsOk(names_->Start()));
  }

  void AddEntity(std::string uscc, std::string name, std::string region, std::string industry,
                 registry::EntityStatus status = registry::EntityStatus::kActive,
                 std::string_view when = "2025-06-01T10:00:00+08:00") {
    registry::Entity e;
    e.uscc = std::move(uscc);
    e.name = std::move(name);
    e.region_code = std::move(region);
    e.industry_code = std::move(industry);
    e.status = status;
    e.established_on = *Date::FromYmd(2020, 1, 2);
    ASSERT_TRUE(IsOk(db().Transaction(
        [&](soci::session& sql) { return registry::InsertEntity(sql, e, when); })));
  }

  // What lifecycle's deregistration records (lifecycle/deregister.cc).
  void RecordDeregistration(const std::string& uscc, const std::string& on) {
    const std::string recorded = on + "T10:00:00+08:00";
    Status s = db().Transaction([&](soci::session& sql) -> Status {
      sql << "INSERT INTO deregistration_record (uscc, kind, application_ref, region_code, "
             "applied_on, deregistered_on, days, reason, license_cancelled, permits_cancelled, "
             "permit_count, recorded_at) VALUES (:u, 'simplified', 'S-1', '330106', :a, :d, 0, "
             "'决议解散', 1, '[]', 0, :r)",
          soci::use(uscc), soci::use(on), soci::use(on), soci::use(recorded);
      return OkStatus();
    });
    ASSERT_TRUE(IsOk(s)) << s.message();
  }

  NameCheck Check(std::string_view name, std::string_view authority,
                  std::string_view industry = {}) {
    auto c = names_->Check(name, authority, industry);
    EXPECT_TRUE(IsOk(c)) << c.status().message();
    return c.ok() ? *c : NameCheck{};
  }

  StatusOr<Reservation> Reserve(std::string name, std::string region) {
    StatusOr<Reservation> out = InternalError("unset");
    Status s = db().Transaction([&](soci::session& sql) -> Status {
      out = names_->Reserve(sql, {name, region, "", 7, "", "", ""}, audit::Actor{});
      return out.status();
    });
    if (!s.ok()) {
      std::cerr << "Reserve " << name << ": " << s.message() << "\n";
      return s;
    }
    return out;
  }

  static bool HasRule(const NameCheck& c, std::string_view rule) {
    for (const NameHit& h : c.hits) {
      if (h.rule == rule) return true;
    }
    return false;
  }

  FakeClock clock_{At("2026-02-13T15:00:00+08:00")};  // the afternoon before 春节 2026
  std::unique_ptr<NameService> names_;
};

TEST_P(NameServiceTest, Art17AcrossTwoCountiesOfOneCityButNotAnotherCity) {
  AddEntity("91330106MA00000011", "杭州云帆科技有限公司", "330106", "75");
  // 拱墅区 is under 杭州 like 西湖区: same authority city.
  NameCheck c = Check("杭州云帆科技有限公司", "330105");
  EXPECT_EQ(c.verdict, Verdict::kConflict);
  ASSERT_FALSE(c.hits.empty());
  EXPECT_EQ(c.hits[0].rule, rule::kArt17);
  EXPECT_EQ(c.hits[0].uscc, "91330106MA00000011");
  // No industry term in the new name: still the same 字号 in the same city.
  EXPECT_EQ(Check("杭州云帆有限公司", "330105").verdict, Verdict::kConflict);
  // 宁波 (海曙区) is another authority: only the advisory hint.
  c = Check("宁波云帆科技有限公司", "330203");
  EXPECT_EQ(c.verdict, Verdict::kSimilar);
  EXPECT_TRUE(HasRule(c, rule::kRegionOrFormOnly));
  // Another industry in the same city: no conflict.
  EXPECT_EQ(Check("杭州云帆餐饮有限公司", "330105").verdict, Verdict::kOk);
}

TEST_P(NameServiceTest, DeregisteredNameBlocksForOneYearOnRealDates) {
  // Deregistered on 2025-03-01; the row was touched again later (an
  // import, a correction): the year runs from the deregistration, not the edit.
  AddEntity("91330106MA00000022", "杭州青禾贸易有限公司", "330106", "51",
            registry::EntityStatus::kDeregistered, "2025-09-01T09:00:00+08:00");
  RecordDeregistration("91330106MA00000022", "2025-03-01");
  ASSERT_TRUE(IsOk(names_->Start()));
  clock_.Set(At("2026-03-01T12:00:00+08:00"));  // the last day of the year (Arts. 201-202)
  EXPECT_EQ(Check("杭州青禾贸易有限公司", "330106").verdict, Verdict::kConflict);
  clock_.Set(At("2026-03-02T08:00:00+08:00"));  // the year is over
  EXPECT_EQ(Check("杭州青禾贸易有限公司", "330106").verdict, Verdict::kOk);
  auto r = Reserve("杭州青禾贸易有限公司", "330106");
  EXPECT_TRUE(IsOk(r));
}

TEST_P(NameServiceTest, RevokedEntityKeepsItsNameUntilDeregistered) {
  // 吊销 on 2024-06-01 (the row's last update): still the entity's name
  // years later, in the index and in the store.
  AddEntity("91330106MA00000099", "杭州远航物流有限公司", "330106", "54",
            registry::EntityStatus::kRevoked, "2024-06-01T09:00:00+08:00");
  ASSERT_TRUE(IsOk(names_->Start()));
  EXPECT_EQ(Check("杭州远航物流有限公司", "330105").verdict, Verdict::kConflict);
  EXPECT_EQ(Reserve("杭州远航物流有限公司", "330105").status().code(),
            StatusCode::kFailedPrecondition);
}

TEST_P(NameServiceTest, ReservationBlocksForTwoCalendarMonths) {
  clock_.Set(At("2025-12-31T10:00:00+08:00"));
  auto r = Reserve("杭州星河物流有限公司", "330106");
  ASSERT_TRUE(IsOk(r));
  // 民法典 Arts. 201-202: from the next day, to the corresponding day, or the
  // month's last day where there is none (was 2026-02-27: the first day counted).
  EXPECT_EQ(r->expires_on.ToString(), "2026-02-28");
  // Seen through the change log by the index, and refused by the store.
  EXPECT_EQ(Check("杭州星河物流有限公司", "330105").verdict, Verdict::kConflict);
  auto again = Reserve("杭州星河物流有限公司", "330105");
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
  clock_.Set(At("2026-02-28T23:00:00+08:00"));
  EXPECT_EQ(Check("杭州星河物流有限公司", "330106").verdict, Verdict::kConflict);
  clock_.Set(At("2026-03-01T08:00:00+08:00"));
  EXPECT_EQ(Check("杭州星河物流有限公司", "330106").verdict, Verdict::kOk);
  EXPECT_TRUE(IsOk(Reserve("杭州星河物流有限公司", "330106")));
}

// 企业名称登记管理规定实施办法: a name whose entity needs approval before it is
// registered is kept one year (民法典 Arts. 201-202: reserved on 2026-02-13,
// through 2027-02-13), and blocks through that day.
TEST_P(NameServiceTest, ReservationForAnEntityNeedingPreApprovalLastsOneYear) {
  StatusOr<Reservation> out = InternalError("unset");
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    ReservationRequest r{"杭州鼎信证券有限公司", "330106", "67", 7, "", "", ""};
    r.pre_approval_item = "P01";  // 证券公司设立审批
    out = names_->Reserve(sql, r, audit::Actor{});
    return out.status();
  })));
  EXPECT_EQ(out->expires_on.ToString(), "2027-02-13");
  EXPECT_EQ(out->pre_approval_item, "P01");
  auto stored = db().ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(Reservation x, names_->GetReservation(sql, out->id));
    EXPECT_EQ(x.pre_approval_item, "P01");
    EXPECT_EQ(x.expires_on.ToString(), "2027-02-13");
    return OkStatus();
  });
  ASSERT_TRUE(IsOk(stored));
  clock_.Set(At("2027-02-13T16:00:00+08:00"));
  EXPECT_EQ(Check("杭州鼎信证券有限公司", "330105").verdict, Verdict::kConflict);
  clock_.Set(At("2027-02-14T09:00:00+08:00"));
  EXPECT_EQ(Check("杭州鼎信证券有限公司", "330105").verdict, Verdict::kOk);
  // An approval not in the catalogue is refused, naming the field; nothing is kept.
  Status bad = db().Transaction([&](soci::session& sql) -> Status {
    ReservationRequest r{"杭州鼎盛证券有限公司", "330106", "67", 7, "", "", ""};
    r.pre_approval_item = "X99";
    return names_->Reserve(sql, r, audit::Actor{}).status();
  });
  EXPECT_EQ(bad.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.field(), "pre_approval_item");
  EXPECT_EQ(Check("杭州鼎盛证券有限公司", "330105").verdict, Verdict::kOk);
}

TEST_P(NameServiceTest, SimilarityHintsEachNameTheirRule) {
  AddEntity("91330106MA00000033", "杭州乐华信息技术有限公司", "330106", "65");
  AddEntity("91330106MA00000044", "杭州宏远科技有限公司", "330106", "75");
  AddEntity("91330106MA00000055", "浙江天成科技有限公司", "330106", "75");
  // Homophone: 乐化 / 乐华 (lè huà) with the same industry.
  NameCheck c = Check("杭州乐化信息技术有限公司", "330105");
  EXPECT_TRUE(HasRule(c, rule::kHomophone));
  // Containment both ways.
  EXPECT_TRUE(HasRule(Check("杭州宏远达科技有限公司", "330105"), rule::kContainment));
  AddEntity("91330106MA00000066", "杭州金宏远大科技有限公司", "330106", "75");
  EXPECT_TRUE(HasRule(Check("杭州远大科技有限公司", "330105"), rule::kContainment));
  // Same parts reordered, in another city (浙江 names are used across the province).
  c = Check("天成（浙江）科技有限公司", "330203");
  EXPECT_TRUE(HasRule(c, rule::kReordered));
  // Differing only in the organisation form, another city.
  EXPECT_TRUE(HasRule(Check("宁波宏远科技股份有限公司", "330203"), rule::kRegionOrFormOnly));
  // Traditional characters and full-width brackets fold before comparing.
  c = Check("杭州樂華信息技術有限公司", "330105");
  EXPECT_EQ(c.verdict, Verdict::kConflict);
  EXPECT_EQ(Check("樂華（杭州）信息技術有限公司", "330105").verdict, Verdict::kConflict);
}

TEST_P(NameServiceTest, Art17ComparesIndustriesByMeaningNotWording) {
  AddEntity("91330106MA00000033", "杭州乐华信息技术有限公司", "330106", "65");
  AddEntity("91330106MA00000044", "杭州恒通泵业有限公司", "330106", "34");
  AddEntity("91330106MA00000055", "杭州恒达机械有限公司", "330106", "34");
  // One synonym group (信息技术 / 信息科技): binding, in the index and in the store.
  NameCheck c = Check("杭州乐华信息科技有限公司", "330105");
  EXPECT_EQ(c.verdict, Verdict::kConflict);
  EXPECT_TRUE(HasRule(c, rule::kArt17));
  EXPECT_EQ(Reserve("杭州乐华信息科技有限公司", "330105").status().code(),
            StatusCode::kFailedPrecondition);
  // Another group but the same GB/T 4754 class (3441): binding in the strict reading.
  c = Check("杭州恒通泵及真空设备制造有限公司", "330105");
  EXPECT_EQ(c.verdict, Verdict::kConflict);
  EXPECT_EQ(Reserve("杭州恒通泵及真空设备制造有限公司", "330105").status().code(),
            StatusCode::kFailedPrecondition);
  // The same section (门类 C, 制造业) only: an advisory hint.
  c = Check("杭州恒达化工有限公司", "330105");
  EXPECT_EQ(c.verdict, Verdict::kSimilar);
  EXPECT_TRUE(HasRule(c, rule::kSameSection));
  EXPECT_TRUE(IsOk(Reserve("杭州恒达化工有限公司", "330105")));
  // Another section (H, 住宿和餐饮业): nothing.
  EXPECT_EQ(Check("杭州恒达餐饮有限公司", "330105").verdict, Verdict::kOk);
}

TEST_P(NameServiceTest, Art17AtTheGroupLevelLeavesTheSameClassAHint) {
  const NameWords by_group = Words().WithSettingsForTest({IndustryMatch::kGroup});
  NameService names(&db(), clock_, by_group);
  AddEntity("91330106MA00000044", "杭州恒通泵业有限公司", "330106", "34");
  ASSERT_TRUE(IsOk(names.Start()));
  auto c = names.Check("杭州恒通泵及真空设备制造有限公司", "330105");
  ASSERT_TRUE(IsOk(c));
  EXPECT_EQ(c->verdict, Verdict::kSimilar);
  EXPECT_TRUE(HasRule(*c, rule::kSynonymIndustry));
  Status s = db().Transaction([&](soci::session& sql) {
    return names
        .Reserve(sql, {"杭州恒通泵及真空设备制造有限公司", "330105", "", 7, "", "", ""},
                 audit::Actor{})
        .status();
  });
  EXPECT_TRUE(IsOk(s));
}

TEST_P(NameServiceTest, RegionOfAnotherAuthorityAndRestrictedPrefixes) {
  // Art. 7: a 西湖区 authority cannot register a 宁波 name.
  NameCheck c = Check("宁波云帆科技有限公司", "330106");
  EXPECT_EQ(c.verdict, Verdict::kInvalid);
  EXPECT_NE(c.reason.find("第七条"), std::string::npos) << c.reason;
  EXPECT_EQ(Reserve("宁波云帆科技有限公司", "330106").status().code(),
            StatusCode::kInvalidArgument);
  // Art. 12: refused without the approval, a registrar's case with it.
  EXPECT_EQ(Check("中国云帆科技有限公司", "330106").verdict, Verdict::kInvalid);
  EXPECT_EQ(Reserve("中国云帆科技有限公司", "330106").status().code(),
            StatusCode::kInvalidArgument);
  auto approved = names_->Check("中国云帆科技有限公司", "330106", "", "国函〔2026〕1号");
  ASSERT_TRUE(IsOk(approved));
  EXPECT_EQ(approved->verdict, Verdict::kSimilar);
  Status s = db().Transaction([&](soci::session& sql) {
    return names_
        ->Reserve(sql, {"中国云帆科技有限公司", "330106", "", 7, "", "国函〔2026〕1号", ""},
                  audit::Actor{})
        .status();
  });
  EXPECT_TRUE(IsOk(s));
  // Art. 17 still applies to an approved name.
  EXPECT_EQ(names_->Check("中国云帆科技有限公司", "330105", "", "国函〔2026〕1号")->verdict,
            Verdict::kConflict);
}

TEST_P(NameServiceTest, CheckAndReservationShareTheOneLengthLimit) {
  // 51 characters: refused alike by the check and the reservation (the
  // check allowed 100 before, so a name could pass it and fail elsewhere).
  std::string name = "杭州";
  while (Utf8Length(name) + 6 < 51) name += "云";
  name += "科技有限公司";
  ASSERT_EQ(Utf8Length(name), 51u);
  EXPECT_EQ(names_->Check(name, "330106").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Reserve(name, "330106").status().code(), StatusCode::kInvalidArgument);
}

// 企业开办 registers in READ COMMITTED transactions (establishment/service.h):
// writers of one 字号 queue on its claim row, so of several racing
// registrations of one name exactly one is recorded, whatever the isolation
// of each; other 字号 do not meet.
TEST_P(NameServiceTest, RacingRegistrationsOfOneNameRecordExactlyOne) {
  constexpr int kWriters = 6;
  std::atomic<int> recorded{0}, refused{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kWriters; ++i) {
    threads.emplace_back([&, i] {
      RegisteredName reg{fmt::format("91330106MA000001{:02d}", i),
                         "杭州竞速餐饮有限公司",
                         "330106",
                         "62",
                         0,
                         {},
                         ""};
      const auto isolation = i % 2 == 0 ? storage::Database::Isolation::kReadCommitted
                                        : storage::Database::Isolation::kSerializable;
      Status s = db().Transaction(
          [&](soci::session& sql) { return names_->RecordRegistered(sql, reg, audit::Actor{}); },
          isolation);
      if (s.ok()) {
        ++recorded;
      } else {
        EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.ToString();
        ++refused;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(recorded.load(), 1);
  EXPECT_EQ(refused.load(), kWriters - 1);
  long long rows = 0;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    sql << "SELECT COUNT(*) FROM name_record WHERE trade_name = '竞速'", soci::into(rows);
    return OkStatus();
  })));
  EXPECT_EQ(rows, 1);
  // Another 字号 in the same city is not held up by the claim.
  RegisteredName other{"91330106MA00000199", "杭州远航餐饮有限公司", "330106", "62", 0, {}, ""};
  EXPECT_TRUE(IsOk(db().Transaction(
      [&](soci::session& sql) { return names_->RecordRegistered(sql, other, audit::Actor{}); },
      storage::Database::Isolation::kReadCommitted)));
}

TEST_P(NameServiceTest, RecordRegisteredConsumesTheReservationAndBlocks) {
  auto r = Reserve("杭州明辉餐饮有限公司", "330106");
  ASSERT_TRUE(IsOk(r));
  RegisteredName reg{"91330106MA00000077", "杭州明辉餐饮有限公司", "330106", "62", r->id, {}, ""};
  ASSERT_TRUE(IsOk(db().Transaction(
      [&](soci::session& sql) { return names_->RecordRegistered(sql, reg, audit::Actor{}); })));
  // The reservation is used once only.
  Status again = db().Transaction([&](soci::session& sql) {
    reg.uscc = "91330106MA00000088";
    return names_->RecordRegistered(sql, reg, audit::Actor{});
  });
  EXPECT_EQ(again.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Reserve("杭州明辉餐饮有限公司", "330105").status().code(),
            StatusCode::kFailedPrecondition);
  // Ended (a name change): still blocks for a year.
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) {
    return names_->RecordNameEnded(sql, "91330106MA00000077", *Date::FromYmd(2026, 2, 13),
                                   "名称变更", audit::Actor{});
  })));
  EXPECT_EQ(Check("杭州明辉餐饮有限公司", "330105").verdict, Verdict::kConflict);
  clock_.Set(At("2027-02-13T09:00:00+08:00"));  // the last day of the year
  EXPECT_EQ(Check("杭州明辉餐饮有限公司", "330105").verdict, Verdict::kConflict);
  clock_.Set(At("2027-02-14T09:00:00+08:00"));
  EXPECT_EQ(Check("杭州明辉餐饮有限公司", "330105").verdict, Verdict::kOk);
}

TEST_P(NameServiceTest, TwoConcurrentConflictingReservationsExactlyOneWins) {
  // Several rounds, each on a 字号 of its own, each raced by two connections
  // reserving in two counties of the same city.
  for (std::string trade : {"锦禾汇通", "瑞峰汇通", "鼎盛汇通", "卓越汇通", "星辰汇通"}) {
    auto a = storage::Database::Open(url(), 1);
    auto b = storage::Database::Open(url(), 1);
    ASSERT_TRUE(IsOk(a));
    ASSERT_TRUE(IsOk(b));
    std::atomic<int> wins{0}, conflicts{0};
    auto run = [&](storage::Database* d, std::string region) {
      NameService svc(d, clock_);
      Status s = d->Transaction([&](soci::session& sql) -> Status {
        return svc
            .Reserve(sql, {"杭州" + trade + "贸易有限公司", region, "", 1, "", "", ""},
                     audit::Actor{})
            .status();
      });
      if (s.ok()) ++wins;
      if (s.code() == StatusCode::kFailedPrecondition) ++conflicts;
    };
    std::thread t1(run, a->get(), "330106");
    std::thread t2(run, b->get(), "330105");
    t1.join();
    t2.join();
    EXPECT_EQ(wins.load(), 1) << trade;
    EXPECT_EQ(conflicts.load(), 1) << trade;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, NameServiceTest, testing::AllBackends(), testing::BackendName);

}  // namespace
}  // namespace amr::names
