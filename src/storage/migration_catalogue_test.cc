// SPDX-License-Identifier: MulanPSL-2.0
#include "storage/internal/migration_catalogue.h"

#include <gtest/gtest.h>

#include <vector>

namespace amr::storage::internal {
namespace {

using Files = std::vector<EmbeddedFile>;

TEST(MigrationCatalogueTest, EngineDdlRunsBeforeSharedDml) {
  Files files = {{"sqlite", "0001_core.sql", "SQLITE DDL;"},
                 {"postgresql", "0001_core.sql", "PG DDL;"},
                 {"shared", "0001_core.sql", "INSERT;"},
                 {"shared", "0002_seed.sql", "SEED;"}};
  auto sqlite = BuildCatalogue(files, Backend::kSqlite);
  auto pg = BuildCatalogue(files, Backend::kPostgresql);
  ASSERT_TRUE(sqlite.ok()) << sqlite.status().ToString();
  ASSERT_TRUE(pg.ok()) << pg.status().ToString();
  ASSERT_EQ(sqlite->size(), 2u);
  EXPECT_EQ((*sqlite)[0].version, 1);
  EXPECT_EQ((*sqlite)[0].name, "core");
  EXPECT_EQ((*sqlite)[0].sql, "SQLITE DDL;\nINSERT;");
  EXPECT_EQ((*pg)[0].sql, "PG DDL;\nINSERT;");
  EXPECT_EQ((*sqlite)[1].version, 2);
  EXPECT_EQ((*sqlite)[1].sql, "SEED;");
  EXPECT_EQ((*pg)[1].sql, "SEED;");
}

TEST(MigrationCatalogueTest, OrdersByVersionNotByFolder) {
  Files files = {{"sqlite", "0010_late.sql", "L;"},
                 {"postgresql", "0010_late.sql", "L;"},
                 {"shared", "0003_mid.sql", "M;"}};
  auto catalogue = BuildCatalogue(files, Backend::kSqlite);
  ASSERT_TRUE(catalogue.ok());
  ASSERT_EQ(catalogue->size(), 2u);
  EXPECT_EQ((*catalogue)[0].version, 3);
  EXPECT_EQ((*catalogue)[1].version, 10);
}

TEST(MigrationCatalogueTest, RejectsDdlForOneEngineOnly) {
  Files files = {{"sqlite", "0002_names.sql", "X;"}};
  EXPECT_EQ(BuildCatalogue(files, Backend::kPostgresql).status().code(), StatusCode::kInternal);
  EXPECT_EQ(BuildCatalogue(files, Backend::kSqlite).status().code(), StatusCode::kInternal);
}

TEST(MigrationCatalogueTest, RejectsBadFileNames) {
  for (const char* name : {"1_core.sql", "0001-core.sql", "0001_Core.sql", "0000_core.sql",
                           "0001_.sql", "0001_core.SQL", "abcd_core.sql"}) {
    Files files = {{"shared", name, "X;"}};
    EXPECT_EQ(BuildCatalogue(files, Backend::kSqlite).status().code(), StatusCode::kInternal)
        << name;
  }
}

TEST(MigrationCatalogueTest, RejectsTwoNamesForOneVersion) {
  Files files = {{"sqlite", "0002_names.sql", "X;"}, {"postgresql", "0002_naming.sql", "X;"}};
  EXPECT_EQ(BuildCatalogue(files, Backend::kSqlite).status().code(), StatusCode::kInternal);
}

TEST(MigrationCatalogueTest, RejectsUnknownFolder) {
  Files files = {{"mysql", "0002_names.sql", "X;"}};
  EXPECT_EQ(BuildCatalogue(files, Backend::kSqlite).status().code(), StatusCode::kInternal);
}

TEST(MigrationCatalogueTest, EmbeddedFilesFormAValidCatalogueForBothEngines) {
  for (Backend backend : {Backend::kSqlite, Backend::kPostgresql}) {
    auto catalogue = BuildCatalogue(EmbeddedMigrationFiles(), backend);
    ASSERT_TRUE(catalogue.ok()) << catalogue.status().ToString();
    ASSERT_FALSE(catalogue->empty());
    EXPECT_EQ(catalogue->front().version, 1);
    EXPECT_EQ(catalogue->front().name, "core");
    EXPECT_NE(catalogue->front().sql.find("CREATE TABLE change_log"), std::string::npos);
    for (std::size_t i = 1; i < catalogue->size(); ++i) {
      EXPECT_LT((*catalogue)[i - 1].version, (*catalogue)[i].version);
    }
  }
}

}  // namespace
}  // namespace amr::storage::internal
