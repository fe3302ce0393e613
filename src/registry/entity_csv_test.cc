// SPDX-License-Identifier: MulanPSL-2.0
#include "registry/entity_csv.h"

#include <gtest/gtest.h>

namespace amr::registry {
namespace {

const Date kToday = *Date::FromYmd(2026, 11, 24);

std::vector<std::string> GoodRow() {
  return {"91330106MA2AXXXX0X",
          "杭州华恒科技有限公司",
          "enterprise",
          "有限责任公司",
          "0",
          "330106",
          "65",
          "11010519491231002X",
          "王建国",
          "1000000",
          "杭州市西湖区文三路1号",
          "B",
          "active",
          "2020-05-06"};
}

class EntityCsvTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(parser_.SetHeader(EntityCsvColumns()).ok());
    row_ = GoodRow();
    row_[0] = "91310110666007217T";  // A valid code from the standard's vectors.
  }
  Status ParseWith(size_t column, std::string value) {
    auto row = row_;
    row[column] = std::move(value);
    return parser_.Parse(row, nullptr).status();
  }
  EntityCsvParser parser_{kToday};
  std::vector<std::string> row_;
};

TEST_F(EntityCsvTest, ParsesAGoodRowAndRoundTrips) {
  std::string warning;
  auto e = parser_.Parse(row_, &warning);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_TRUE(warning.empty());
  EXPECT_EQ(e->kind, EntityKind::kEnterprise);
  EXPECT_EQ(e->registered_capital, 1000000);
  EXPECT_EQ(e->established_on.ToString(), "2020-05-06");
  EXPECT_EQ(EntityToCsvFields(*e), row_);
}

TEST_F(EntityCsvTest, AcceptsChineseKindAndStatus) {
  auto row = row_;
  row[2] = "个体工商户";
  row[12] = "歇业";
  auto e = parser_.Parse(row, nullptr);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->kind, EntityKind::kIndividualBusiness);
  EXPECT_EQ(e->status, EntityStatus::kSuspended);
}

TEST_F(EntityCsvTest, EachBadFieldIsNamed) {
  struct Case {
    size_t column;
    const char* value;
    const char* field;
  };
  const Case cases[] = {
      {0, "91310110666007217X", "uscc"},
      {0, "123", "uscc"},
      {1, "", "name"},
      {2, "company", "kind"},
      {4, "yes", "family_farm"},
      {5, "339999", "region_code"},
      {6, "99", "industry_code"},
      {6, "C", "industry_code"},
      {7, "110105194912310021", "legal_rep_id"},
      {9, "-5", "registered_capital"},
      {9, "1e6", "registered_capital"},
      {11, "E", "credit_class"},
      {12, "closed", "status"},
      {13, "2026-02-30", "established_on"},
      {13, "2026-12-01", "established_on"},
      // The character rule of every text field (common/text_rules.h).
      {1, "杭州\u202e司公限有技科", "name"},
      {8, "王\u2066五", "legal_rep_name"},
      {10, "杭州市\u200b西湖区", "address"},
      {10, "杭州市\x7f西湖区", "address"},
  };
  for (const auto& c : cases) {
    Status s = ParseWith(c.column, c.value);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << c.value;
    EXPECT_EQ(s.field(), c.field) << c.value << ": " << s.ToString();
    EXPECT_FALSE(s.message().empty());
  }
}

TEST_F(EntityCsvTest, LegacyUsccIsAcceptedWithAWarning) {
  auto row = row_;
  row[0] = "91350211M00013FA1N";
  std::string warning;
  auto e = parser_.Parse(row, &warning);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_NE(warning.find("91350211M00013FA1N"), std::string::npos);
}

TEST_F(EntityCsvTest, WrongColumnCountIsRejected) {
  auto row = row_;
  row.pop_back();
  EXPECT_EQ(parser_.Parse(row, nullptr).status().field(), "line");
}

TEST(EntityCsvHeaderTest, RejectsMissingUnknownAndDuplicateColumns) {
  EntityCsvParser parser(kToday);
  EXPECT_EQ(parser.SetHeader({"uscc", "name"}).field(), "header");
  auto header = EntityCsvColumns();
  header.push_back("colour");
  EXPECT_EQ(parser.SetHeader(header).field(), "header");
  header = EntityCsvColumns();
  header.push_back("name");
  EXPECT_EQ(parser.SetHeader(header).field(), "header");
  EXPECT_TRUE(parser.SetHeader(RequiredEntityCsvColumns()).ok());
}

}  // namespace
}  // namespace amr::registry
