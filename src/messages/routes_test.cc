// SPDX-License-Identifier: MulanPSL-2.0
// /api/v1/messages over a real server behind the real authorizer, on both
// backends: the caller's own messages newest first with the unread count,
// the unread filter and paging; read marks; another user's message is 404
// and stays unread; no login is 401.
#include "messages/routes.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "identity/identity_test_util.h"
#include "testing/db_fixture.h"
#include "testing/route_server.h"

namespace amr::messages {
namespace {

using amr::testing::IsOk;
using nlohmann::json;

class MessageRoutesTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override {
    for (const char* name : {"owner", "other"}) {
      auto u = identity::testing::AddApplicant(db(), clock_, hasher_, name);
      ASSERT_TRUE(IsOk(u));
      users_[name] = u->id;
    }
    server_ = std::make_unique<amr::testing::RouteServer>(db(), clock_, [&](http::Router& r) {
      AddMessageRoutes(r, std::make_shared<MessageService>(db(), clock_));
    });
    ASSERT_TRUE(server_->ok());
    for (int i = 1; i <= 3; ++i) {
      clock_.Advance(std::chrono::minutes(1));
      ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) {
        return Post(sql, users_["owner"], Kind::kStepReturned,
                    json{{"name", "西湖区丽华茶叶店"},
                         {"step_name", "银行开户预约"},
                         {"unit", "工商银行西湖支行"},
                         {"reason", "第 " + std::to_string(i) + " 次退回"}},
                    "/progress?id=7", "returned:" + std::to_string(i), clock_);
      })));
    }
    ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) {
      return Post(sql, users_["other"], Kind::kApplicationRejected,
                  json{{"name", "乙公司"}, {"reason", "名称不符合规定"}}, "/progress?id=8",
                  "rejected:8", clock_);
    })));
  }
  void TearDown() override {
    server_.reset();
    DbTest::TearDown();
  }

  FakeClock clock_{*ParseTime("2026-12-07T10:00:00+08:00")};
  identity::PasswordHasher hasher_{identity::MinimumCostForTest()};
  std::map<std::string, int64_t> users_;
  std::unique_ptr<amr::testing::RouteServer> server_;
};

TEST_P(MessageRoutesTest, TheCallersOwnMessagesNewestFirstWithTheUnreadCount) {
  auto r = server_->Call("GET", "/api/v1/messages", "owner");
  ASSERT_EQ(r.status, 200) << r.body;
  const json page = r.Json();
  EXPECT_EQ(page["total"], 3);
  EXPECT_EQ(page["unread_count"], 3);
  ASSERT_EQ(page["items"].size(), 3u);
  EXPECT_NE(page["items"][0]["body"].get<std::string>().find("第 3 次退回"), std::string::npos);
  EXPECT_EQ(page["items"][0]["title"], "银行开户预约被退回");
  EXPECT_EQ(page["items"][0]["link"], "/progress?id=7");
  EXPECT_EQ(page["items"][0]["unread"], true);
  EXPECT_EQ(page["items"][0]["read_at"], nullptr);
  EXPECT_EQ(r.body.find("乙公司"), std::string::npos);  // never another's

  auto paged = server_->Call("GET", "/api/v1/messages?limit=1&offset=1", "owner");
  ASSERT_EQ(paged.status, 200) << paged.body;
  ASSERT_EQ(paged.Json()["items"].size(), 1u);
  EXPECT_EQ(paged.Json()["items"][0]["id"], page["items"][1]["id"]);
  EXPECT_EQ(server_->Call("GET", "/api/v1/messages?unread=maybe", "owner").status, 400);
  EXPECT_EQ(server_->Call("GET", "/api/v1/messages?limit=0", "owner").status, 400);
  EXPECT_EQ(server_->Call("GET", "/api/v1/messages").status, 401);
}

TEST_P(MessageRoutesTest, ReadMarksAndTheUnreadFilter) {
  const json items = server_->Call("GET", "/api/v1/messages", "owner").Json()["items"];
  const std::string id = std::to_string(items[1]["id"].get<int64_t>());
  auto read = server_->Call("POST", "/api/v1/messages/" + id + "/read", "owner", json::object());
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.Json()["unread"], false);
  EXPECT_EQ(read.Json()["read_at"], "2026-12-07T10:03:00+08:00");
  auto unread = server_->Call("GET", "/api/v1/messages?unread=true", "owner");
  ASSERT_EQ(unread.status, 200);
  EXPECT_EQ(unread.Json()["total"], 2);
  EXPECT_EQ(unread.Json()["unread_count"], 2);
  for (const json& m : unread.Json()["items"])
    EXPECT_NE(std::to_string(m["id"].get<int64_t>()), id);

  auto all = server_->Call("POST", "/api/v1/messages/read-all", "owner", json::object());
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.Json()["marked"], 2);
  EXPECT_EQ(server_->Call("GET", "/api/v1/messages", "owner").Json()["unread_count"], 0);
  // The other user's message is still unread.
  EXPECT_EQ(server_->Call("GET", "/api/v1/messages", "other").Json()["unread_count"], 1);
}

TEST_P(MessageRoutesTest, AnotherUsersMessageIsNotFound) {
  const json theirs = server_->Call("GET", "/api/v1/messages", "other").Json()["items"][0];
  const std::string id = std::to_string(theirs["id"].get<int64_t>());
  auto r = server_->Call("POST", "/api/v1/messages/" + id + "/read", "owner", json::object());
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_EQ(r.Json()["error"]["field"], "id");
  EXPECT_EQ(r.body.find("乙公司"), std::string::npos);
  EXPECT_EQ(server_->Call("GET", "/api/v1/messages", "other").Json()["unread_count"], 1);
  EXPECT_EQ(server_->Call("POST", "/api/v1/messages/999999/read", "owner", json::object()).status,
            404);
  EXPECT_EQ(server_->Call("POST", "/api/v1/messages/abc/read", "owner", json::object()).status,
            400);
  EXPECT_EQ(server_->Call("POST", "/api/v1/messages/" + id + "/read", "", json::object()).status,
            401);
}

INSTANTIATE_TEST_SUITE_P(Backends, MessageRoutesTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::messages
