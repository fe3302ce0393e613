// SPDX-License-Identifier: MulanPSL-2.0
// The words of each kind of message: every kind has an id and a text, the
// facts fill the text, a missing fact names itself, and a link must be a path
// of the UI, never another site.
#include "messages/message.h"

#include <gtest/gtest.h>

#include <set>

namespace amr::messages {
namespace {

using nlohmann::json;

TEST(MessageTest, EveryKindHasItsOwnIdThatParsesBack) {
  std::set<std::string_view> ids;
  for (Kind k : AllKinds()) {
    EXPECT_TRUE(ids.insert(KindId(k)).second) << KindId(k);
    auto parsed = ParseKind(KindId(k));
    ASSERT_TRUE(parsed.ok()) << KindId(k);
    EXPECT_EQ(*parsed, k);
  }
  EXPECT_EQ(ids.size(), 8u);
  EXPECT_EQ(ParseKind("nonsense").status().field(), "kind");
}

TEST(MessageTest, TheFactsFillTheText) {
  auto t = Compose(Kind::kStepReturned, json{{"name", "西湖区丽华茶叶店"},
                                             {"step_name", "银行开户预约"},
                                             {"unit", "工商银行西湖支行"},
                                             {"reason", "该网点不办理对公开户"}});
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->title, "银行开户预约被退回");
  EXPECT_EQ(t->body,
            "“西湖区丽华茶叶店”的银行开户预约被工商银行西湖支行退回，理由：该网点不办理对公开户。"
            "请在办件进度中修改后重新提交。");
  auto n = Compose(
      Kind::kComplaintDeadlineNear,
      json{{"id", 42}, {"business_name", "某超市"}, {"stage_name", "受理"}, {"due", "2026-12-09"}});
  ASSERT_TRUE(n.ok()) << n.status().message();
  EXPECT_EQ(n->title, "受理期限将到");
  EXPECT_NE(n->body.find("第 42 号"), std::string::npos) << n->body;
}

TEST(MessageTest, AMissingFactNamesItself) {
  auto t = Compose(Kind::kApplicationApproved, json{{"name", "甲公司"}, {"how", "秒批"}});
  EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(t.status().field(), "params.uscc");
  EXPECT_EQ(Compose(Kind::kApplicationApproved,
                    json{{"name", "甲公司"}, {"how", "秒批"}, {"uscc", json::array()}})
                .status()
                .field(),
            "params.uscc");
  EXPECT_EQ(Compose(Kind::kApplicationApproved, json::array()).status().field(), "params");
}

TEST(MessageTest, ALinkIsAPathOfTheUi) {
  for (const char* ok :
       {"", "/progress?id=42", "/workbench/department", "/workbench/license/91330106MA2KXXXX1X"}) {
    EXPECT_TRUE(CheckLink(ok).ok()) << ok;
  }
  for (const char* bad : {"https://evil.example/", "//evil.example/x", "progress", "/a b", "/a\\b",
                          "javascript:alert(1)", "/x\n"}) {
    EXPECT_EQ(CheckLink(bad).field(), "link") << bad;
  }
  EXPECT_EQ(CheckLink("/" + std::string(kMaxLinkBytes, 'a')).field(), "link");
}

}  // namespace
}  // namespace amr::messages
