// SPDX-License-Identifier: MulanPSL-2.0
#include "registry/entity_store.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <sstream>

#include "common/csv.h"
#include "registry/entity_csv.h"
#include "registry/entity_generator.h"
#include "storage/change_log.h"
#include "testing/db_fixture.h"

namespace amr::registry {
namespace {

using amr::testing::IsOk;

const FakeClock kClock(*ParseTime("2026-11-24T09:00:00+08:00"));

std::string MakeCsv(int n, uint64_t seed = 5) {
  GeneratorOptions options;
  options.region_prefix = "330106";
  auto gen = *EntityGenerator::Create(seed, options);
  std::string csv = CsvRecord(EntityCsvColumns());
  for (int i = 0; i < n; ++i) csv += CsvRecord(EntityToCsvFields(*gen.Next()));
  return csv;
}

long long CountRows(storage::Database& db, const std::string& table) {
  long long n = -1;
  EXPECT_TRUE(IsOk(db.ReadTransaction([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM " + table, soci::into(n);
    return OkStatus();
  })));
  return n;
}

class EntityStoreTest : public amr::testing::DbTest {};

TEST_P(EntityStoreTest, ImportsThenReadsBack) {
  std::istringstream in(MakeCsv(500));
  auto report = ImportEntities(db(), in, kClock);
  ASSERT_TRUE(IsOk(report));
  EXPECT_EQ(report->rows, 500);
  EXPECT_EQ(CountRows(db(), "entity"), 500);

  // The file's rows come back field for field.
  std::istringstream again(MakeCsv(1));
  CsvReader reader(again);
  std::vector<std::string> fields;
  ASSERT_TRUE(*reader.Next(fields));
  ASSERT_TRUE(*reader.Next(fields));
  auto e = GetEntity(db(), fields[0]);
  ASSERT_TRUE(IsOk(e));
  EXPECT_EQ(EntityToCsvFields(*e), fields);

  // One change-log row tells followers to reload.
  auto changes = storage::ChangesSince(db(), 0, 100);
  ASSERT_TRUE(IsOk(changes));
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ((*changes)[0].row_key, "*");
}

TEST_P(EntityStoreTest, MalformedRowLoadsNothingAndNamesTheLine) {
  std::string csv = MakeCsv(50);
  // Break the region code of the 31st data row (line 32).
  std::istringstream lines(csv);
  std::string out, line;
  for (int i = 1; std::getline(lines, line); ++i) {
    if (i == 32) line.replace(line.find(",330106,"), 8, ",339999,");
    out += line + "\n";
  }
  std::istringstream in(out);
  auto report = ImportEntities(db(), in, kClock);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(report.status().field(), "region_code");
  EXPECT_TRUE(report.status().message().starts_with("第 32 行")) << report.status().message();
  EXPECT_EQ(CountRows(db(), "entity"), 0);
  EXPECT_EQ(CountRows(db(), "change_log"), 0);
}

TEST_P(EntityStoreTest, DuplicateInFileIsRefused) {
  std::string csv = MakeCsv(3);
  csv += csv.substr(csv.find('\n') + 1, csv.find('\n', csv.find('\n') + 1) - csv.find('\n'));
  std::istringstream in(csv);
  auto report = ImportEntities(db(), in, kClock);
  EXPECT_EQ(report.status().code(), StatusCode::kAlreadyExists);
  EXPECT_NE(report.status().message().find("第 5 行"), std::string::npos)
      << report.status().message();
  EXPECT_EQ(CountRows(db(), "entity"), 0);
}

TEST_P(EntityStoreTest, ReimportingTheSameFileIsRefusedWholly) {
  std::istringstream first(MakeCsv(20));
  ASSERT_TRUE(IsOk(ImportEntities(db(), first, kClock)));
  std::istringstream second(MakeCsv(40));  // The first 20 are the same entities.
  auto report = ImportEntities(db(), second, kClock);
  EXPECT_EQ(report.status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(report.status().field(), "uscc");
  EXPECT_EQ(CountRows(db(), "entity"), 20);
}

TEST_P(EntityStoreTest, EmptyAndHeaderOnlyFilesAreRefused) {
  std::istringstream empty("");
  EXPECT_EQ(ImportEntities(db(), empty, kClock).status().field(), "file");
  std::istringstream header_only(CsvRecord(EntityCsvColumns()));
  EXPECT_EQ(ImportEntities(db(), header_only, kClock).status().field(), "file");
  std::istringstream bad_header("uscc,name,colour\n");
  EXPECT_EQ(ImportEntities(db(), bad_header, kClock).status().field(), "header");
}

TEST_P(EntityStoreTest, FindFiltersAndPages) {
  std::istringstream in(MakeCsv(300));
  ASSERT_TRUE(IsOk(ImportEntities(db(), in, kClock)));
  EntityQuery all;
  all.limit = 7;
  auto page = FindEntities(db(), all);
  ASSERT_TRUE(IsOk(page));
  EXPECT_EQ(page->total, 300);
  EXPECT_EQ(page->items.size(), 7u);

  EntityQuery individuals;
  individuals.kind = EntityKind::kIndividualBusiness;
  individuals.limit = 200;
  auto ib = FindEntities(db(), individuals);
  ASSERT_TRUE(IsOk(ib));
  EXPECT_GT(ib->total, 100);
  for (const auto& e : ib->items) EXPECT_EQ(e.kind, EntityKind::kIndividualBusiness);

  EntityQuery by_name;
  by_name.text = page->items[0].name;
  auto named = FindEntities(db(), by_name);
  ASSERT_TRUE(IsOk(named));
  EXPECT_GE(named->total, 1);
  EXPECT_EQ(named->items[0].name, page->items[0].name);

  EntityQuery wildcard;  // LIKE wildcards are literal text.
  wildcard.text = "%";
  EXPECT_EQ(FindEntities(db(), wildcard)->total, 0);

  EntityQuery elsewhere;
  elsewhere.region_code = "11";
  EXPECT_EQ(FindEntities(db(), elsewhere)->total, 0);
}

TEST_P(EntityStoreTest, MissingEntityIsNotFound) {
  EXPECT_EQ(GetEntity(db(), "91310110666007217T").status().code(), StatusCode::kNotFound);
}

TEST_P(EntityStoreTest, CountsByKindStatusAndYearWithinARegion) {
  GeneratorOptions options;
  options.region_prefix = "330106";
  auto gen = *EntityGenerator::Create(11, options);
  struct Row {
    const char* region;
    EntityKind kind;
    EntityStatus status;
    const char* established;
  };
  const std::vector<Row> rows = {
      {"330106", EntityKind::kEnterprise, EntityStatus::kActive, "2025-03-02"},
      {"330106", EntityKind::kEnterprise, EntityStatus::kActive, "2026-02-16"},
      {"330106", EntityKind::kEnterprise, EntityStatus::kDeregistered, "2019-06-01"},
      {"330106", EntityKind::kIndividualBusiness, EntityStatus::kActive, "2026-10-08"},
      {"330105", EntityKind::kEnterprise, EntityStatus::kActive, "2026-01-05"},
      {"330206", EntityKind::kCooperative, EntityStatus::kActive, "2024-12-31"},
  };
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    for (const Row& r : rows) {
      Entity e = *gen.Next();
      e.region_code = r.region;
      e.kind = r.kind;
      e.status = r.status;
      e.established_on = *Date::Parse(r.established);
      RETURN_IF_ERROR(InsertEntity(sql, e, "2026-11-24T09:00:00+08:00"));
    }
    return OkStatus();
  })));

  // The county: 4 entities; the deregistered one counts under its own status.
  auto county = CountEntities(db(), "330106", 2025);
  ASSERT_TRUE(IsOk(county));
  EXPECT_EQ(county->total, 4);
  ASSERT_EQ(county->by_kind_status.size(), 3u);
  EXPECT_EQ(county->by_kind_status[0].kind, EntityKind::kEnterprise);
  EXPECT_EQ(county->by_kind_status[0].status, EntityStatus::kActive);
  EXPECT_EQ(county->by_kind_status[0].count, 2);
  EXPECT_EQ(county->by_kind_status[1].status, EntityStatus::kDeregistered);
  EXPECT_EQ(county->by_kind_status[1].count, 1);
  EXPECT_EQ(county->by_kind_status[2].kind, EntityKind::kIndividualBusiness);
  // From 2025 on: one enterprise in 2025; one enterprise and one individual business in 2026.
  ASSERT_EQ(county->by_year.size(), 3u);
  EXPECT_EQ(county->by_year[0].year, 2025);
  EXPECT_EQ(county->by_year[0].count, 1);
  EXPECT_EQ(county->by_year[1].year, 2026);
  EXPECT_EQ(county->by_year[1].kind, EntityKind::kEnterprise);
  EXPECT_EQ(county->by_year[2].kind, EntityKind::kIndividualBusiness);

  // The city prefix takes in both of its counties but not 宁波 (3302).
  auto city = CountEntities(db(), "3301", 2000);
  ASSERT_TRUE(IsOk(city));
  EXPECT_EQ(city->total, 5);
  auto all = CountEntities(db(), "", 2000);
  ASSERT_TRUE(IsOk(all));
  EXPECT_EQ(all->total, 6);
  EXPECT_EQ(all->by_year.size(), 5u);  // 2019, 2024, 2025 and 2026 (two kinds)
}

INSTANTIATE_TEST_SUITE_P(Backends, EntityStoreTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::registry
