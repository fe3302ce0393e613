// SPDX-License-Identifier: MulanPSL-2.0
// 办事指南: the shipped file loads with a guide for each form that shows one;
// a malformed guide is refused naming its field.
#include "guides/guide.h"

#include <gtest/gtest.h>

#include "codes/data_dir.h"

namespace amr::guides {
namespace {

using nlohmann::json;

TEST(GuideTest, TheShippedGuidesLoad) {
  auto book = GuideBook::Load(codes::DataDir() / "guides" / "guides.json");
  ASSERT_TRUE(book.ok()) << book.status().message();
  for (const char* id : {"establishment", "complaint", "simplified_objection"}) {
    const Guide* g = book->Find(id);
    ASSERT_NE(g, nullptr) << id;
    EXPECT_FALSE(g->steps.empty());
    EXPECT_EQ(GuideJson(*g)["id"], id);
  }
  EXPECT_EQ(book->Find("nothing"), nullptr);
}

TEST(GuideTest, AMalformedGuideIsRefusedNamingItsField) {
  const json good = {{"title", "t"},        {"basis", {"b"}},     {"who", "w"},
                     {"conditions", {"c"}}, {"steps", {"s"}},     {"time_limit", "1 天"},
                     {"fee", "不收费"},     {"contact", "12345"}, {"updated_on", "2026-12-07"}};
  ASSERT_TRUE(GuideBook::Parse({{"guides", {{"x", good}}}}).ok());
  for (const auto& [field, value] :
       std::vector<std::pair<std::string, json>>{{"title", ""},
                                                 {"steps", json::array()},
                                                 {"basis", "not a list"},
                                                 {"updated_on", "12/07/2026"},
                                                 {"who", std::string(600, 'a')}}) {
    json bad = good;
    bad[field] = value;
    auto book = GuideBook::Parse({{"guides", {{"x", bad}}}});
    ASSERT_FALSE(book.ok()) << field;
    EXPECT_EQ(book.status().field(), field) << book.status().message();
  }
  EXPECT_FALSE(GuideBook::Parse({{"guides", {{"Bad-Id", good}}}}).ok());
  EXPECT_FALSE(GuideBook::Parse(json::array()).ok());
}

}  // namespace
}  // namespace amr::guides
