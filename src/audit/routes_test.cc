// SPDX-License-Identifier: MulanPSL-2.0
#include "audit/routes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "audit/actions.h"
#include "audit/audit_test_util.h"

namespace amr::audit {
namespace {

using ::amr::testing::IsOk;

class AuditRoutesTest : public testing::AuditDbTest {
 protected:
  void SetUpStore() override {
    AppendSamples(5);
    AddAuditRoutes(router_, db());
  }

  http::Response Get(const std::string& target) {
    http::Request req;
    req.method = "GET";
    req.request_id = "req-1";
    EXPECT_TRUE(IsOk(req.SetTarget(target))) << target;
    return router_.Dispatch(req);
  }

  // The error's field for a request that must be refused with 400.
  std::string BadField(const std::string& target) {
    http::Response response = Get(target);
    EXPECT_EQ(response.status, 400) << target << " " << response.body;
    nlohmann::json body = nlohmann::json::parse(response.body);
    EXPECT_EQ(body["error"]["code"], "invalid_argument") << target;
    // Messages are for people: Chinese (a lead byte of U+4000..U+9FFF).
    const std::string message = body["error"]["message"];
    EXPECT_TRUE(std::any_of(message.begin(), message.end(), [](char c) {
      auto b = static_cast<unsigned char>(c);
      return b >= 0xE4 && b <= 0xE9;
    })) << message;
    return body["error"]["field"].is_string() ? body["error"]["field"].get<std::string>() : "";
  }

  http::Router router_;
};

TEST_P(AuditRoutesTest, EveryRouteNeedsAuditRead) {
  ASSERT_EQ(router_.routes().size(), 3u);
  for (const http::RouteSpec& spec : router_.routes()) {
    EXPECT_EQ(spec.method, "GET");
    EXPECT_EQ(spec.permission, "audit.read") << spec.pattern;
  }
}

TEST_P(AuditRoutesTest, ServesTheCatalogueOfActionNames) {
  http::Response response = Get("/api/v1/audit/actions");
  ASSERT_EQ(response.status, 200) << response.body;
  nlohmann::json body = nlohmann::json::parse(response.body);
  ASSERT_EQ(body["items"].size(), Actions().size());
  const nlohmann::json& first = body["items"][0];
  EXPECT_EQ(first["code"], Actions()[0].code);
  EXPECT_EQ(first["name"], Actions()[0].name);
  EXPECT_EQ(first["group"], Actions()[0].group);
  bool found = false;
  for (const nlohmann::json& a : body["items"]) {
    if (a["code"] == "user.create") found = a["name"] == "新建用户";
  }
  EXPECT_TRUE(found);
}

TEST_P(AuditRoutesTest, QueriesByTargetUserTimeAndAction) {
  http::Response response = Get("/api/v1/audit?target_type=user&target_id=2");
  ASSERT_EQ(response.status, 200) << response.body;
  nlohmann::json body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["total"], 1);
  ASSERT_EQ(body["items"].size(), 1u);
  const nlohmann::json& item = body["items"][0];
  EXPECT_EQ(item["seq"], 2);
  EXPECT_EQ(item["username"], "user2");
  EXPECT_EQ(item["user_id"], 102);
  EXPECT_EQ(item["org_unit_id"], 7);
  EXPECT_EQ(item["action"], "user.update");
  // Not in the catalogue (the samples' own action): read as "other".
  EXPECT_EQ(item["action_name"], "其他操作");
  EXPECT_EQ(item["before"], (nlohmann::json{{"name", "旧名"}}));
  EXPECT_EQ(item["after"], (nlohmann::json{{"name", "新名2"}}));
  EXPECT_EQ(item["recorded_at"], "2026-02-13T15:32:00+08:00");
  EXPECT_EQ(item["hash"].get<std::string>().size(), 64u);

  body =
      nlohmann::json::parse(Get("/api/v1/audit?user=user1&action=user.*&from=2026-02-13T07:33:00Z"
                                "&to=2026-02-13T15:40:00%2B08:00&limit=1&offset=0")
                                .body);
  // user1 wrote records 1 and 4, at 15:31 and 15:34.
  EXPECT_EQ(body["total"], 1);
  EXPECT_EQ(body["limit"], 1);
  ASSERT_EQ(body["items"].size(), 1u);
  EXPECT_EQ(body["items"][0]["seq"], 4);
}

TEST_P(AuditRoutesTest, BadParametersAre400NamingTheField) {
  EXPECT_EQ(BadField("/api/v1/audit?from=yesterday"), "from");
  EXPECT_EQ(BadField("/api/v1/audit?to=2026-02-30T00:00:00Z"), "to");
  EXPECT_EQ(BadField("/api/v1/audit?from=2026-02-13T10:00:00Z&to=2026-02-13T09:00:00Z"), "to");
  EXPECT_EQ(BadField("/api/v1/audit?limit=0"), "limit");
  EXPECT_EQ(BadField("/api/v1/audit?limit=abc"), "limit");
  EXPECT_EQ(BadField("/api/v1/audit?offset=-1"), "offset");
  EXPECT_EQ(BadField("/api/v1/audit?target_id=3"), "target_id");
  EXPECT_EQ(BadField("/api/v1/audit?user=" + std::string(600, 'u')), "user");
  EXPECT_EQ(BadField("/api/v1/audit/verify?checkpoint=abc"), "checkpoint");
}

TEST_P(AuditRoutesTest, VerifyReportsIntactThenTheFirstBrokenRecord) {
  nlohmann::json body = nlohmann::json::parse(Get("/api/v1/audit/verify").body);
  EXPECT_EQ(body["intact"], true);
  EXPECT_EQ(body["records_checked"], 5);
  EXPECT_EQ(body["head"]["seq"], 5);
  EXPECT_TRUE(body["first_break"].is_null());
  const std::string checkpoint = body["head"]["checkpoint"];

  body = nlohmann::json::parse(Get("/api/v1/audit/verify?checkpoint=" + checkpoint).body);
  EXPECT_EQ(body["intact"], true);

  ASSERT_TRUE(IsOk(Tamper("UPDATE audit_log SET username = 'mallory' WHERE seq = 3")));
  body = nlohmann::json::parse(Get("/api/v1/audit/verify").body);
  EXPECT_EQ(body["intact"], false);
  EXPECT_EQ(body["records_checked"], 2);
  EXPECT_EQ(body["first_break"]["seq"], 3);
  EXPECT_EQ(body["first_break"]["reason"], "content_changed");
  EXPECT_NE(body["first_break"]["message"].get<std::string>().find("第 3 条"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditRoutesTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::audit
