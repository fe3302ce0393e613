// SPDX-License-Identifier: MulanPSL-2.0
// NameService with a snapshot of its index, on both backends: the first
// start builds and writes it, the next reads it and follows the change log
// from its position; a snapshot of another store, other word lists, another
// format, a damaged file or a position the store does not have is not used
// (the index is built from the store, and the reason said).
#include "names/name_snapshot.h"

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>

#include "names/name_service.h"
#include "registry/entity_store.h"
#include "storage/migrations.h"
#include "testing/db_fixture.h"

namespace amr::names {
namespace {

using testing::IsOk;

class NameSnapshotTest : public testing::DbTest {
 protected:
  NameSnapshotTest() {
    std::string pattern = (std::filesystem::temp_directory_path() / "amr-snap-XXXXXX").string();
    dir_ = mkdtemp(pattern.data());
    path_ = dir_ / "names.snapshot";
  }
  ~NameSnapshotTest() override { std::filesystem::remove_all(dir_); }

  static void AddEntity(storage::Database& db, std::string uscc, std::string name) {
    registry::Entity e;
    e.uscc = std::move(uscc);
    e.name = std::move(name);
    e.region_code = "330106";
    e.industry_code = "65";
    e.status = registry::EntityStatus::kActive;
    e.established_on = *Date::FromYmd(2020, 1, 2);
    ASSERT_TRUE(IsOk(db.Transaction([&](soci::session& sql) {
      return registry::InsertEntity(sql, e, "2025-06-01T10:00:00+08:00");
    })));
  }

  std::unique_ptr<NameService> Started(const NameWords& words = Words()) {
    NameServiceOptions options;
    options.snapshot = path_;
    auto names = std::make_unique<NameService>(&db(), clock_, words, options);
    Status s = names->Start();
    EXPECT_TRUE(IsOk(s)) << s.message();
    return names;
  }

  Verdict VerdictOf(NameService& names, std::string_view name) {
    auto c = names.CheckAsIndexed(name, "330106");
    EXPECT_TRUE(IsOk(c)) << c.status().message();
    return c.ok() ? c->verdict : Verdict::kInvalid;
  }

  // Starts with the snapshot as `edit` leaves it: built from the store, why.
  std::string RebuildReason(const std::function<void()>& edit, const NameWords& words = Words()) {
    std::unique_ptr<NameService> first = Started();
    EXPECT_FALSE(HasFailure());
    edit();
    std::unique_ptr<NameService> next = Started(words);
    EXPECT_FALSE(next->start_report().from_snapshot);
    // Built from the store: the names are there all the same.
    EXPECT_EQ(VerdictOf(*next, "杭州云帆科技有限公司"), Verdict::kConflict);
    return next->start_report().rebuild_reason;
  }

  // Rewrites the snapshot with the same arrays under another header.
  void Rewrite(const std::function<void(NameSnapshotHeader&)>& edit) {
    NameIndex index(Words());
    auto header = ReadNameSnapshot(path_, index);
    ASSERT_TRUE(IsOk(header.status())) << header.status().message();
    edit(*header);
    ASSERT_TRUE(IsOk(WriteNameSnapshot(index, *header, path_).status()));
  }

  void SetUpStore() override { AddEntity(db(), "91330106MA00000011", "杭州云帆科技有限公司"); }

  FakeClock clock_{*ParseTime("2026-02-13T15:00:00+08:00")};
  std::filesystem::path dir_, path_;
};

TEST_P(NameSnapshotTest, FirstStartWritesTheNextReadsAndFollowsTheChangeLog) {
  std::unique_ptr<NameService> first = Started();
  EXPECT_FALSE(first->start_report().from_snapshot);
  EXPECT_NE(first->start_report().rebuild_reason.find("不存在"), std::string::npos)
      << first->start_report().rebuild_reason;
  ASSERT_TRUE(std::filesystem::exists(path_));
  const int64_t written_at = first->start_report().seq;

  // Registered after the snapshot: a conflict once the next start caught up.
  AddEntity(db(), "91330106MA00000022", "杭州星辰贸易有限公司");
  std::unique_ptr<NameService> next = Started();
  const NameIndexStart& report = next->start_report();
  EXPECT_TRUE(report.from_snapshot) << report.rebuild_reason;
  EXPECT_EQ(report.snapshot_seq, written_at);
  EXPECT_GT(report.seq, written_at);
  EXPECT_EQ(report.names, 2u);
  EXPECT_EQ(VerdictOf(*next, "杭州云帆科技有限公司"), Verdict::kConflict);
  EXPECT_EQ(VerdictOf(*next, "杭州星辰贸易有限公司"), Verdict::kConflict);
  EXPECT_EQ(VerdictOf(*next, "杭州博远贸易有限公司"), Verdict::kOk);

  // SaveSnapshot writes the position it reached; the next start reads that.
  ASSERT_TRUE(IsOk(next->SaveSnapshot()));
  std::unique_ptr<NameService> third = Started();
  EXPECT_TRUE(third->start_report().from_snapshot);
  EXPECT_EQ(third->start_report().snapshot_seq, report.seq);
}

TEST_P(NameSnapshotTest, StopSnapshotsWritesOnlyWhenTheIndexMoved) {
  std::unique_ptr<NameService> names = Started();
  std::filesystem::remove(path_);
  names->StopSnapshots();  // nothing moved since the start's snapshot
  EXPECT_FALSE(std::filesystem::exists(path_));
  AddEntity(db(), "91330106MA00000033", "杭州瑞祥贸易有限公司");
  names->StopSnapshots();
  ASSERT_TRUE(std::filesystem::exists(path_));
  std::unique_ptr<NameService> next = Started();
  EXPECT_TRUE(next->start_report().from_snapshot);
  EXPECT_EQ(next->start_report().snapshot_seq, next->start_report().seq);
}

TEST_P(NameSnapshotTest, DamagedOrTruncatedFileIsRebuilt) {
  EXPECT_NE(RebuildReason([&] {
              std::filesystem::resize_file(path_, std::filesystem::file_size(path_) - 100);
            }).find("截断"),
            std::string::npos);
  // One character of a USCC changed: only the checksum notices.
  EXPECT_NE(RebuildReason([&] {
              std::string bytes;
              {
                std::ifstream in(path_, std::ios::binary);
                bytes.assign(std::istreambuf_iterator<char>(in), {});
              }
              const size_t at = bytes.rfind("91330106MA00000011");  // in the arrays
              ASSERT_NE(at, std::string::npos);
              bytes[at + 17] = '2';
              std::ofstream(path_, std::ios::binary | std::ios::trunc) << bytes;
            }).find("校验和"),
            std::string::npos);
}

TEST_P(NameSnapshotTest, AnotherStoreOtherRulesOrAnotherFormatIsRebuilt) {
  // A snapshot written for another store (with the same names).
  auto other = testing::TempDatabase::Create(backend());
  ASSERT_TRUE(IsOk(other.status()));
  auto other_db = storage::Database::Open((*other)->url());
  ASSERT_TRUE(IsOk(other_db.status()));
  ASSERT_TRUE(IsOk(storage::Migrate(**other_db)));
  AddEntity(**other_db, "91330106MA00000011", "杭州云帆科技有限公司");
  EXPECT_NE(RebuildReason([&] {
              NameServiceOptions options;
              options.snapshot = path_;
              NameService elsewhere(other_db->get(), clock_, Words(), options);
              std::filesystem::remove(path_);
              ASSERT_TRUE(IsOk(elsewhere.Start()));
            }).find("另一个数据库"),
            std::string::npos);
  // The same lists with another setting.
  NameSettings settings = Words().settings();
  settings.art17_same_industry = settings.art17_same_industry == IndustryMatch::kClass
                                     ? IndustryMatch::kGroup
                                     : IndustryMatch::kClass;
  const NameWords changed = Words().WithSettingsForTest(settings);
  EXPECT_NE(RebuildReason([] {}, changed).find("名称词表"), std::string::npos);
  EXPECT_NE(
      RebuildReason([&] { Rewrite([](NameSnapshotHeader& h) { h.format = 0; }); }).find("格式版本"),
      std::string::npos);
}

TEST_P(NameSnapshotTest, PositionTheStoreDoesNotHaveIsRebuilt) {
  // Ahead of the store (a store restored from an older backup).
  EXPECT_NE(
      RebuildReason([&] { Rewrite([](NameSnapshotHeader& h) { h.seq += 1000; }); }).find("超过"),
      std::string::npos);
  // Within the store's, but its row is another (restored, then written again).
  EXPECT_NE(RebuildReason([&] {
              Rewrite([](NameSnapshotHeader& h) { h.position_row = "entity|X|insert|then"; });
            }).find("不同"),
            std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, NameSnapshotTest, testing::AllBackends(), testing::BackendName);

}  // namespace
}  // namespace amr::names
