// SPDX-License-Identifier: MulanPSL-2.0
#include "common/json_input.h"

#include <gtest/gtest.h>

#include <string>

namespace amr {
namespace {

std::string Nested(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

TEST(JsonInputTest, CountsNestingOnTheBytes) {
  EXPECT_EQ(JsonNestingDepth("1"), 0);
  EXPECT_EQ(JsonNestingDepth("[]"), 1);
  EXPECT_EQ(JsonNestingDepth(R"({"a":[{"b":[]}],"c":{}})"), 4);
  // Brackets inside strings, also after escaped quotes, do not count.
  EXPECT_EQ(JsonNestingDepth(R"(["[[[[", "\"[[[", "\\"])"), 1);
  EXPECT_EQ(JsonNestingDepth(Nested(1000), 64), 65);  // stops counting past the limit
}

TEST(JsonInputTest, AcceptsDocumentsUpToTheLimit) {
  auto j = ParseJsonInput(Nested(kMaxJsonDepth), "body", "请求体");
  ASSERT_TRUE(j.ok()) << j.status().ToString();
  auto obj = ParseJsonInput(R"({"name":"张三","n":[1,2]})", "body", "请求体");
  ASSERT_TRUE(obj.ok());
  EXPECT_EQ((*obj)["name"], "张三");
}

TEST(JsonInputTest, RefusesDeepDocumentsBeforeBuildingThem) {
  // About 200 KB nested 100 000 deep: copying or printing the parsed value
  // would overflow the stack.
  const std::string deep = Nested(100000);
  auto j = ParseJsonInput(deep, "body", "请求体");
  EXPECT_EQ(j.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(j.status().field(), "body");
  EXPECT_EQ(j.status().message(), "请求体的 JSON 嵌套超过 64 层");
  EXPECT_FALSE(ParseJsonInput(Nested(kMaxJsonDepth + 1), "document", "执照文件").ok());
  // Unbalanced input is refused the same way (a parser would give up later).
  EXPECT_FALSE(ParseJsonInput(std::string(100000, '{'), "body", "请求体").ok());
}

TEST(JsonInputTest, RefusesMalformedInput) {
  for (const char* text : {"", "{", "[1,]", "{\"a\":1}x", "nul"}) {
    auto j = ParseJsonInput(text, "document", "执照文件");
    EXPECT_EQ(j.status().message(), "执照文件不是有效的 JSON") << text;
    EXPECT_EQ(j.status().field(), "document");
  }
}

TEST(JsonInputTest, CheckJsonTextNamesThePathOfTheBadString) {
  JsonTextRules rules{.multi_line_keys = {"reason"}, .unchecked_keys = {"password"}};
  auto body = nlohmann::json::parse(R"({
    "legal_rep": {"name": "张三", "citizen_id": "11010519491231002X"},
    "investors": [{"name": "李四"}, {"name": "王\u202E五"}]
  })");
  Status s = CheckJsonText(body, rules);
  EXPECT_EQ(s.field(), "investors[1].name");
  EXPECT_NE(s.message().find("改变文字方向"), std::string::npos);

  EXPECT_EQ(CheckJsonText(nlohmann::json{{"address", std::string("a\0b", 3)}}, rules).field(),
            "address");
  EXPECT_EQ(CheckJsonText(nlohmann::json{{"a\nb", 1}}, rules).field(), "a\nb");
  EXPECT_EQ(CheckJsonText(nlohmann::json{{"name", "a\nb"}}, rules).field(), "name");
  EXPECT_TRUE(CheckJsonText(nlohmann::json{{"reason", "第一行\n第二行"}}, rules).ok());
  EXPECT_TRUE(CheckJsonText(nlohmann::json{{"password", "\u202E"}}, rules).ok());
  EXPECT_EQ(CheckJsonText(nlohmann::json("a\u2066"), rules).field(), "body");
  EXPECT_TRUE(CheckJsonText(nlohmann::json{{"n", 1}, {"b", true}, {"z", nullptr}}, rules).ok());
}

}  // namespace
}  // namespace amr
