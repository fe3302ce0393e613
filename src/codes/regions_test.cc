// SPDX-License-Identifier: MulanPSL-2.0
#include "codes/regions.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "codes/test_files.h"

namespace amr::codes {
namespace {

using ::testing::HasSubstr;

std::vector<std::string> Codes(const std::vector<const Region*>& regions) {
  std::vector<std::string> codes;
  for (const Region* r : regions) codes.push_back(r->code);
  return codes;
}

TEST(RegionsTest, LoadsTheWholeList) {
  // 统计用区划代码 2023: 31 provinces (no 港澳台), 342 cities with the
  // pseudo-cities, 2,975 counties once 东莞/中山/儋州's repeats are dropped.
  EXPECT_EQ(Regions().size(), 3348u);
  std::vector<const Region*> provinces = Regions().Children("");
  ASSERT_EQ(provinces.size(), 31u);
  EXPECT_EQ(provinces.front()->code, "110000");
  EXPECT_EQ(provinces.back()->code, "650000");
  for (const Region* p : provinces) EXPECT_EQ(p->level, RegionLevel::kProvince) << p->code;
  const std::vector<Region>& all = Regions().All();
  ASSERT_EQ(all.size(), Regions().size());
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end(),
                             [](const Region& a, const Region& b) { return a.code < b.code; }));
}

TEST(RegionsTest, XihuDistrict) {
  const Region* xihu = Regions().Find("330106");
  ASSERT_NE(xihu, nullptr);
  EXPECT_EQ(xihu->name, "西湖区");
  EXPECT_EQ(xihu->parent_code, "330100");
  EXPECT_EQ(xihu->level, RegionLevel::kCounty);
  EXPECT_EQ(Regions().ChainName("330106"), "浙江省 杭州市 西湖区");
  EXPECT_EQ(Codes(Regions().Chain("330106")),
            (std::vector<std::string>{"330000", "330100", "330106"}));
  EXPECT_EQ(Regions().AuthorityCity("330106")->code, "330100");
  EXPECT_EQ(Regions().AuthorityCity("330100")->code, "330100");
  EXPECT_EQ(Regions().AuthorityCity("330000"), nullptr);
}

TEST(RegionsTest, MunicipalityDistrict) {
  EXPECT_EQ(Codes(Regions().Chain("110101")),
            (std::vector<std::string>{"110000", "110100", "110101"}));
  EXPECT_EQ(Regions().Find("110100")->name, "市辖区");
  EXPECT_TRUE(Regions().IsPseudoCity(*Regions().Find("110100")));
  EXPECT_EQ(Regions().ChainName("110101"), "北京市 东城区");
  EXPECT_EQ(Regions().AuthorityCity("110101")->code, "110000");
  EXPECT_EQ(Regions().AuthorityCity("110100")->code, "110000");
  EXPECT_EQ(Regions().AuthorityCity("110000")->code, "110000");
  // 重庆's counties sit under the pseudo-city 县 (500200).
  const Region* chongqing_county = Regions().Children("500200").front();
  EXPECT_EQ(Regions().AuthorityCity(chongqing_county->code)->code, "500000");
  EXPECT_EQ(Regions().ChainName(chongqing_county->code), "重庆市 " + chongqing_county->name);
}

TEST(RegionsTest, CitiesWithoutCounties) {
  for (const char* code : {"441900", "442000", "460400"}) {
    const Region* city = Regions().Find(code);
    ASSERT_NE(city, nullptr) << code;
    EXPECT_EQ(city->level, RegionLevel::kCity) << code;
    EXPECT_TRUE(Regions().Children(code).empty()) << code;
    EXPECT_EQ(Regions().AuthorityCity(code), city) << code;
  }
  EXPECT_EQ(Regions().Find("441900")->name, "东莞市");
  EXPECT_EQ(Regions().ChainName("441900"), "广东省 东莞市");
}

TEST(RegionsTest, CountiesGovernedByTheProvince) {
  const Region* xiantao = Regions().Find("429004");
  ASSERT_NE(xiantao, nullptr);
  EXPECT_EQ(xiantao->name, "仙桃市");
  EXPECT_EQ(Regions().ChainName("429004"), "湖北省 仙桃市");
  EXPECT_EQ(Regions().AuthorityCity("429004"), xiantao);
  EXPECT_EQ(Regions().AuthorityCity("429000"), nullptr);
  EXPECT_EQ(Regions().ChainName("659001"), "新疆维吾尔自治区 石河子市");
}

TEST(RegionsTest, ChildrenInCodeOrder) {
  std::vector<std::string> cities = Codes(Regions().Children("330000"));
  ASSERT_EQ(cities.size(), 11u);  // 浙江 has 11 prefecture-level cities.
  EXPECT_EQ(cities.front(), "330100");
  EXPECT_TRUE(std::is_sorted(cities.begin(), cities.end()));
  EXPECT_TRUE(Regions().Children("330106").empty());
}

TEST(RegionsTest, UnknownCodes) {
  // 330199 fits the pattern of a 杭州 district but is not one: lists, not ranges.
  for (const char* code : {"330199", "999999", "3301", "", "71000"}) {
    EXPECT_EQ(Regions().Find(code), nullptr) << code;
    EXPECT_TRUE(Regions().Chain(code).empty()) << code;
    EXPECT_EQ(Regions().ChainName(code), "") << code;
    EXPECT_EQ(Regions().AuthorityCity(code), nullptr) << code;
  }
}

TEST(RegionsTest, LoadCsvRejectsMalformedFiles) {
  EXPECT_EQ(RegionTable::LoadCsv("/nonexistent/regions.csv").status().code(),
            StatusCode::kNotFound);

  TempFile bad_header("regions.csv", "code,name\n110000,北京市\n");
  EXPECT_THAT(RegionTable::LoadCsv(bad_header.path()).status().message(), HasSubstr("表头"));

  TempFile orphan("regions.csv",
                  "code,name,parent_code,level\n110000,北京市,,province\n"
                  "120101,和平区,120100,county\n");
  StatusOr<RegionTable> loaded = RegionTable::LoadCsv(orphan.path());
  EXPECT_EQ(loaded.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(loaded.status().message(), HasSubstr("第 3 行"));

  TempFile duplicate("regions.csv",
                     "code,name,parent_code,level\n110000,北京市,,province\n"
                     "110000,北京市,,province\n");
  EXPECT_THAT(RegionTable::LoadCsv(duplicate.path()).status().message(), HasSubstr("重复"));

  TempFile short_code("regions.csv", "code,name,parent_code,level\n11000,北京市,,province\n");
  EXPECT_THAT(RegionTable::LoadCsv(short_code.path()).status().message(), HasSubstr("6 位"));

  TempFile bad_level("regions.csv", "code,name,parent_code,level\n110000,北京市,,state\n");
  EXPECT_THAT(RegionTable::LoadCsv(bad_level.path()).status().message(), HasSubstr("state"));
}

TEST(RegionsTest, LoadCsvSmallTable) {
  TempFile file("regions.csv",
                "code,name,parent_code,level\n"
                "330106,西湖区,330100,county\n"
                "330100,杭州市,330000,city\n"
                "330000,浙江省,,province\n");
  StatusOr<RegionTable> table = RegionTable::LoadCsv(file.path());
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->size(), 3u);
  EXPECT_EQ(table->All().front().code, "330000");  // Sorted although listed last.
  EXPECT_EQ(table->ChainName("330106"), "浙江省 杭州市 西湖区");
}

}  // namespace
}  // namespace amr::codes
