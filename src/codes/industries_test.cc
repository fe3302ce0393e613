// SPDX-License-Identifier: MulanPSL-2.0
#include "codes/industries.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "codes/test_files.h"

namespace amr::codes {
namespace {

using ::testing::HasSubstr;

TEST(IndustriesTest, TwentySectionsAndNinetySevenDivisions) {
  std::vector<const Industry*> sections = Industries().Sections();
  ASSERT_EQ(sections.size(), 20u);
  EXPECT_EQ(sections.front()->code, "A");
  EXPECT_EQ(sections.back()->code, "T");
  std::vector<const Industry*> divisions = Industries().Divisions();
  ASSERT_EQ(divisions.size(), 97u);
  for (int i = 0; i < 97; ++i) {
    EXPECT_EQ(divisions[i]->code, fmt::format("{:02d}", i + 1));
  }
}

TEST(IndustriesTest, DivisionsFallInTheirSections) {
  // GB/T 4754-2017 Table 1: the first and last division of each section.
  const std::map<std::string, std::pair<int, int>> kRanges = {
      {"A", {1, 5}},   {"B", {6, 12}},  {"C", {13, 43}}, {"D", {44, 46}}, {"E", {47, 50}},
      {"F", {51, 52}}, {"G", {53, 60}}, {"H", {61, 62}}, {"I", {63, 65}}, {"J", {66, 69}},
      {"K", {70, 70}}, {"L", {71, 72}}, {"M", {73, 75}}, {"N", {76, 79}}, {"O", {80, 82}},
      {"P", {83, 83}}, {"Q", {84, 85}}, {"R", {86, 90}}, {"S", {91, 96}}, {"T", {97, 97}},
  };
  for (const auto& [section, range] : kRanges) {
    std::vector<const Industry*> divisions = Industries().DivisionsOf(section);
    ASSERT_EQ(divisions.size(), size_t(range.second - range.first + 1)) << section;
    EXPECT_EQ(divisions.front()->code, fmt::format("{:02d}", range.first)) << section;
    EXPECT_EQ(divisions.back()->code, fmt::format("{:02d}", range.second)) << section;
  }
}

TEST(IndustriesTest, Names) {
  EXPECT_EQ(Industries().Find("C")->name, "制造业");
  EXPECT_EQ(Industries().Find("C")->level, IndustryLevel::kSection);
  EXPECT_EQ(Industries().Find("I")->name, "信息传输、软件和信息技术服务业");
  EXPECT_EQ(Industries().Find("13")->name, "农副食品加工业");
  EXPECT_EQ(Industries().Find("13")->section, "C");
  EXPECT_EQ(Industries().Find("13")->level, IndustryLevel::kDivision);
  EXPECT_EQ(Industries().Find("52")->name, "零售业");
  EXPECT_EQ(Industries().Find("62")->name, "餐饮业");
  EXPECT_EQ(Industries().Find("65")->name, "软件和信息技术服务业");
  EXPECT_EQ(Industries().Find("97")->section, "T");
}

TEST(IndustriesTest, UnknownCodes) {
  for (const char* code : {"U", "98", "00", "c", "131", ""}) {
    EXPECT_EQ(Industries().Find(code), nullptr) << code;
  }
  EXPECT_TRUE(Industries().DivisionsOf("Z").empty());
}

TEST(IndustriesTest, LoadCsvRejectsMalformedFiles) {
  EXPECT_EQ(IndustryTable::LoadCsv("/nonexistent/industries.csv").status().code(),
            StatusCode::kNotFound);
  TempFile orphan("industries.csv",
                  "code,name,section\nA,农、林、牧、渔业,\n13,农副食品加工业,C\n");
  EXPECT_THAT(IndustryTable::LoadCsv(orphan.path()).status().message(), HasSubstr("第 3 行"));
  TempFile bad_code("industries.csv", "code,name,section\nA,农、林、牧、渔业,\n1,农业,A\n");
  EXPECT_THAT(IndustryTable::LoadCsv(bad_code.path()).status().message(), HasSubstr("两位数字"));
  TempFile duplicate("industries.csv", "code,name,section\nA,甲,\nA,乙,\n");
  EXPECT_THAT(IndustryTable::LoadCsv(duplicate.path()).status().message(), HasSubstr("重复"));
}

}  // namespace
}  // namespace amr::codes
