// SPDX-License-Identifier: MulanPSL-2.0
#include "storage/bulk_loader.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "storage/change_log.h"
#include "testing/db_fixture.h"

namespace amr::storage {
namespace {

using ::amr::testing::IsOk;
using Row = std::vector<std::optional<std::string>>;

class BulkLoaderTest : public testing::DbTest {
 protected:
  void SetUpStore() override {
    ASSERT_TRUE(IsOk(db().Transaction([](soci::session& session) {
      session << "CREATE TABLE bulk_item (id INTEGER PRIMARY KEY, name TEXT NOT NULL, note TEXT)";
      return OkStatus();
    })));
  }

  StatusOr<std::unique_ptr<BulkLoader>> Begin() {
    return BulkLoader::Begin(db(), "bulk_item", {"id", "name", "note"});
  }

  long long Count(const std::string& table = "bulk_item") {
    long long count = -1;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& session) {
      session << "SELECT COUNT(*) FROM " + table, soci::into(count);
      return OkStatus();
    })));
    return count;
  }
};

TEST_P(BulkLoaderTest, Loads10kRows) {
  auto loader = Begin();
  ASSERT_TRUE(IsOk(loader));
  for (int i = 1; i <= 10000; ++i) {
    ASSERT_TRUE(IsOk((*loader)->Add({std::to_string(i), "名称" + std::to_string(i),
                                     i % 2 ? std::optional<std::string>() : "备注"})));
  }
  EXPECT_EQ((*loader)->rows(), 10000);
  ASSERT_TRUE(IsOk((*loader)->Finish()));
  EXPECT_EQ(Count(), 10000);
  long long sum = 0, nulls = 0;
  std::string name;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& session) {
    session << "SELECT SUM(id) FROM bulk_item", soci::into(sum);
    session << "SELECT COUNT(*) FROM bulk_item WHERE note IS NULL", soci::into(nulls);
    session << "SELECT name FROM bulk_item WHERE id = 4321", soci::into(name);
    return OkStatus();
  })));
  EXPECT_EQ(sum, 10000LL * 10001 / 2);
  EXPECT_EQ(nulls, 5000);
  EXPECT_EQ(name, "名称4321");
}

TEST_P(BulkLoaderTest, RoundTripsAwkwardText) {
  const std::vector<std::optional<std::string>> values = {
      "市场监督管理局（东城分局）",
      "tab\there",
      "line1\nline2\r\nline3",
      "back\\slash\\",
      "\\N",
      "\\.",
      "",
      std::nullopt,
      "  spaces  ",
      "emoji 🏪 and 𠀀",
  };
  auto loader = Begin();
  ASSERT_TRUE(IsOk(loader));
  for (std::size_t i = 0; i < values.size(); ++i) {
    ASSERT_TRUE(IsOk((*loader)->Add({std::to_string(i), "n", values[i]})));
  }
  ASSERT_TRUE(IsOk((*loader)->Finish()));
  for (std::size_t i = 0; i < values.size(); ++i) {
    std::string note;
    soci::indicator indicator = soci::i_ok;
    ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& session) {
      int id = static_cast<int>(i);
      session << "SELECT note FROM bulk_item WHERE id = :id", soci::use(id),
          soci::into(note, indicator);
      return OkStatus();
    })));
    if (values[i]) {
      EXPECT_EQ(indicator, soci::i_ok) << i;
      EXPECT_EQ(note, *values[i]) << i;
    } else {
      EXPECT_EQ(indicator, soci::i_null) << i;
    }
  }
}

TEST_P(BulkLoaderTest, DuplicateKeyFailsNamingTheRowAndLeavesTableEmpty) {
  // A short load, and one whose duplicate falls inside a full SQLite batch.
  for (int duplicate_row : {11, 70}) {
    auto loader = Begin();
    ASSERT_TRUE(IsOk(loader));
    Status status;
    for (int row = 1; row <= 200 && status.ok(); ++row) {
      std::string id = std::to_string(row == duplicate_row ? 5 : row);
      status = (*loader)->Add({id, "n", std::nullopt});
    }
    if (status.ok()) status = (*loader)->Finish();
    EXPECT_EQ(status.code(), StatusCode::kAlreadyExists) << status.ToString();
    EXPECT_NE(status.message().find("第 " + std::to_string(duplicate_row) + " 行"),
              std::string::npos)
        << status.message();
    if (backend() == Backend::kPostgresql) {
      EXPECT_NE(status.message().find("(id)=(5)"), std::string::npos) << status.message();
    }
    EXPECT_EQ((*loader)->Add({"999", "n", std::nullopt}).code(), StatusCode::kFailedPrecondition);
    EXPECT_EQ(Count(), 0);
  }
}

TEST_P(BulkLoaderTest, AbortAndDestructionLeaveNothing) {
  {
    auto loader = Begin();
    ASSERT_TRUE(IsOk(loader));
    ASSERT_TRUE(IsOk((*loader)->Add({"1", "n", std::nullopt})));
    (*loader)->Abort();
    (*loader)->Abort();
    EXPECT_EQ((*loader)->Finish().code(), StatusCode::kFailedPrecondition);
  }
  {
    auto loader = Begin();
    ASSERT_TRUE(IsOk(loader));
    ASSERT_TRUE(IsOk((*loader)->Add({"2", "n", std::nullopt})));
  }  // Destroyed unfinished.
  EXPECT_EQ(Count(), 0);
  // The pooled connections are clean afterwards.
  auto loader = Begin();
  ASSERT_TRUE(IsOk(loader));
  ASSERT_TRUE(IsOk((*loader)->Add({"3", "n", std::nullopt})));
  ASSERT_TRUE(IsOk((*loader)->Finish()));
  EXPECT_EQ(Count(), 1);
}

TEST_P(BulkLoaderTest, RejectsBadNamesAndRowWidths) {
  EXPECT_EQ(BulkLoader::Begin(db(), "bulk_item; DROP TABLE x", {"id"}).status().field(), "table");
  EXPECT_EQ(BulkLoader::Begin(db(), "bulk_item", {"id", "id"}).status().field(), "columns");
  EXPECT_EQ(BulkLoader::Begin(db(), "bulk_item", {}).status().field(), "columns");
  EXPECT_EQ(BulkLoader::Begin(db(), "no_such_table", {"id"}).status().code(),
            StatusCode::kInternal);
  auto loader = Begin();
  ASSERT_TRUE(IsOk(loader));
  EXPECT_EQ((*loader)->Add({"1", "n"}).code(), StatusCode::kInvalidArgument);
  auto nul = Begin();
  ASSERT_TRUE(IsOk(nul));
  EXPECT_EQ((*nul)->Add({"1", std::string("a\0b", 3), std::nullopt}).code(),
            StatusCode::kInvalidArgument);
}

TEST_P(BulkLoaderTest, LoadsTypedColumnsOfTheEntityTable) {
  const std::vector<std::string> columns = {"uscc",
                                            "name",
                                            "kind",
                                            "family_farm",
                                            "region_code",
                                            "industry_code",
                                            "registered_capital",
                                            "status",
                                            "established_on",
                                            "created_at",
                                            "updated_at"};
  auto row = [](std::string uscc, std::optional<std::string> capital) -> Row {
    return {uscc,
            "某某农民专业合作社",
            "cooperative",
            "1",
            "110101",
            "A0111",
            capital,
            "active",
            "2021-03-04",
            "2026-02-13T15:30:00+08:00",
            "2026-02-13T15:30:00+08:00"};
  };
  auto loader = BulkLoader::Begin(db(), "entity", columns);
  ASSERT_TRUE(IsOk(loader));
  ASSERT_TRUE(IsOk((*loader)->Add(row("93110101MA01AAAA1X", "1000000"))));
  ASSERT_TRUE(IsOk((*loader)->Add(row("93110101MA01BBBB1X", std::nullopt))));
  ASSERT_TRUE(IsOk((*loader)->Finish()));
  long long capital = 0, farms = 0;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& session) {
    session << "SELECT SUM(registered_capital) FROM entity", soci::into(capital);
    session << "SELECT COUNT(*) FROM entity WHERE family_farm = 1 AND credit_class = 'B'",
        soci::into(farms);
    return OkStatus();
  })));
  EXPECT_EQ(capital, 1000000);
  EXPECT_EQ(farms, 2);

  // Text that is not a number fails on both engines, and loads nothing.
  auto bad = BulkLoader::Begin(db(), "entity", columns);
  ASSERT_TRUE(IsOk(bad));
  Status status = (*bad)->Add(row("93110101MA01CCCC1X", "一百万"));
  if (status.ok()) status = (*bad)->Finish();
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(Count("entity"), 2);
}

TEST_P(BulkLoaderTest, WritesQueuedChangesWithTheRowsOnly) {
  auto failed = Begin();
  ASSERT_TRUE(IsOk(failed));
  ASSERT_TRUE(IsOk((*failed)->Add({"1", "n", std::nullopt})));
  ASSERT_TRUE(IsOk((*failed)->AddChange("bulk_item", "*", "insert", "110101", "t1")));
  ASSERT_TRUE(IsOk((*failed)->Add({"1", "dup", std::nullopt})));
  EXPECT_EQ((*failed)->Finish().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(Count("change_log"), 0);

  auto loader = Begin();
  ASSERT_TRUE(IsOk(loader));
  EXPECT_EQ((*loader)->AddChange("bulk_item", "*", "upsert", "", "t").field(), "op");
  ASSERT_TRUE(IsOk((*loader)->Add({"1", "n", std::nullopt})));
  ASSERT_TRUE(IsOk((*loader)->AddChange("bulk_item", "*", "insert", "110101", "t2")));
  ASSERT_TRUE(IsOk((*loader)->Finish()));
  auto changes = ChangesSince(db(), 0, 10);
  ASSERT_TRUE(IsOk(changes));
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ(changes->front().row_key, "*");
  EXPECT_EQ(changes->front().changed_at, "t2");
  EXPECT_EQ(Count(), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, BulkLoaderTest, testing::AllBackends(), testing::BackendName);

}  // namespace
}  // namespace amr::storage
