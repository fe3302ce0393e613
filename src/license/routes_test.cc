// SPDX-License-Identifier: MulanPSL-2.0
// The licence API against a real server, behind the real authorizer, on
// every backend.
#include "license/routes.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "http/server_test_util.h"
#include "identity/auth_routes.h"
#include "identity/authorizer.h"
#include "identity/identity_test_util.h"
#include "license/license_store.h"
#include "registry/entity_store.h"
#include "testing/db_fixture.h"
#include "testing/http_client.h"

namespace amr::license {
namespace {

using amr::testing::IsOk;
using nlohmann::json;

class LicenseRoutesTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override {
    auto holder = identity::testing::AddApplicant(db(), clock_, hasher_, "holder");
    auto agent = identity::testing::AddApplicant(db(), clock_, hasher_, "agent");
    auto other = identity::testing::AddApplicant(db(), clock_, hasher_, "other");
    ASSERT_TRUE(holder.ok() && agent.ok() && other.ok());
    holder_ = holder->id;
    agent_ = agent->id;
    other_ = other->id;
    ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
      for (auto [uscc, name, who] : {std::tuple{kMine, "杭州西湖示例科技有限公司", holder_},
                                     std::tuple{kTheirs, "杭州他人示例有限公司", other_}}) {
        registry::Entity e;
        e.uscc = uscc;
        e.name = name;
        e.org_form = "有限责任公司";
        e.region_code = "330106";
        e.industry_code = "65";
        e.legal_rep_name = "张三";
        e.registered_capital = 500'000;
        e.address = "浙江省杭州市西湖区文三路 1 号";
        e.established_on = ChinaDate(clock_.Now());
        RETURN_IF_ERROR(registry::InsertEntity(sql, e, FormatChinaTime(clock_.Now())));
        RETURN_IF_ERROR(IssueLicense(sql, e,
                                     {"软件开发", "杭州市西湖区市场监督管理局", who, std::nullopt},
                                     clock_)
                            .status());
      }
      return OkStatus();
    })));
    auth_ = std::make_unique<identity::AuthService>(db(), hasher_, clock_);
    auto router = std::make_shared<http::Router>();
    identity::AddAuthRoutes(*router, *auth_);
    AddLicenseRoutes(*router, db(), clock_,
                     {std::chrono::seconds(120), "https://amr.example.gov.cn"});
    identity::AuthorizerOptions limits;
    limits.public_limit = {.burst = 1e6, .per_second = 1e6, .max_keys = 100};
    limits.login_limit = {.burst = 1e6, .per_second = 1e6, .max_keys = 100};
    identity::Authorizer::Install(*router,
                                  std::make_shared<identity::Authorizer>(*auth_, clock_, limits));
    server_ = http::testutil::StartServer(router);
    ASSERT_NE(server_, nullptr);
    holder_token_ = Token("holder");
    agent_token_ = Token("agent");
    other_token_ = Token("other");
  }

  void TearDown() override {
    server_.reset();
    DbTest::TearDown();
  }

  amr::testing::HttpResult Call(const std::string& method, const std::string& target,
                                const std::string& body = "", const std::string& token = "",
                                std::vector<std::pair<std::string, std::string>> headers = {}) {
    if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
    return amr::testing::HttpRequest(server_->port(), method, target, body, std::move(headers));
  }

  std::string Token(const std::string& user) {
    auto r = Call("POST", "/api/v1/auth/login",
                  json{{"username", user}, {"password", identity::testing::kTestPassword}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.Json()["token"].get<std::string>() : "";
  }

  std::string Mine(const std::string& rest = "") {
    return std::string("/api/v1/licenses/") + kMine + rest;
  }

  json GrantBody(const std::string& until = "2026-12-31") {
    return {{"agent_user_id", agent_},
            {"tasks", {"annual_report", "银行开户"}},
            {"valid_until", until}};
  }

  static constexpr const char* kMine = "91330106MA2H00001X";
  static constexpr const char* kTheirs = "91330106MA2H00002X";
  FakeClock clock_{*ParseTime("2026-09-30T10:00:00+08:00")};
  identity::PasswordHasher hasher_{identity::MinimumCostForTest()};
  std::unique_ptr<identity::AuthService> auth_;
  std::unique_ptr<http::Server> server_;
  int64_t holder_ = 0, agent_ = 0, other_ = 0;
  std::string holder_token_, agent_token_, other_token_;
};

TEST_P(LicenseRoutesTest, TheHolderReadsTheLicenceAndItsPdfOthersAreRefused) {
  auto r = Call("GET", Mine(), "", holder_token_);
  ASSERT_EQ(r.status, 200) << r.body;
  json body = r.Json();
  EXPECT_EQ(body["document"]["payload"]["name"], "杭州西湖示例科技有限公司");
  EXPECT_EQ(body["seals"].size(), 4u);
  EXPECT_EQ(body["verify_url"],
            "https://amr.example.gov.cn/api/v1/licenses/verify?uscc=91330106MA2H00001X&serial=" +
                body["serial"].get<std::string>());
  auto pdf = Call("GET", Mine("/pdf"), "", holder_token_);
  ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 200);
  EXPECT_EQ(pdf.Header("content-type"), "application/pdf");
  EXPECT_TRUE(pdf.body.starts_with("%PDF-"));
  auto embedded = ReadDocumentFile(pdf.body);
  ASSERT_TRUE(IsOk(embedded));
  EXPECT_EQ(embedded->signature, body["document"]["signature"]);
  auto verdict = Call("POST", "/api/v1/licenses/verify", embedded->ToJsonText());
  ASSERT_EQ(verdict.status, 200);
  EXPECT_TRUE(verdict.Json()["valid"].get<bool>()) << verdict.body;

  EXPECT_EQ(Call("GET", Mine(), "", other_token_).status, 403);
  EXPECT_EQ(Call("GET", Mine("/pdf"), "", other_token_).status, 403);
  EXPECT_EQ(Call("GET", Mine("/authorizations"), "", other_token_).status, 403);
  EXPECT_EQ(Call("GET", Mine()).status, 401);
  EXPECT_EQ(Call("GET", "/api/v1/licenses/91330106MA2H00009X", "", holder_token_).status, 404);
}

TEST_P(LicenseRoutesTest, PublicVerificationNamesWhatIsWrong) {
  auto keys = Call("GET", "/api/v1/licenses/keys");
  ASSERT_EQ(keys.status, 200);
  ASSERT_EQ(keys.Json()["keys"].size(), 1u);
  EXPECT_TRUE(keys.Json()["keys"][0]["signing"].get<bool>());
  auto published = ParsePublicKeys(keys.body);
  ASSERT_TRUE(IsOk(published));

  auto mine = Call("GET", Mine(), "", holder_token_).Json();
  auto doc = ParseSignedDocument(mine["document"].dump());
  ASSERT_TRUE(IsOk(doc));
  EXPECT_TRUE(CheckSignature(*doc, *published).valid());  // offline, with the published keys
  auto ok = Call("POST", "/api/v1/licenses/verify", doc->ToJsonText()).Json();
  EXPECT_TRUE(ok["valid"].get<bool>());
  EXPECT_EQ(ok["entity_status_name"], "存续");

  SignedDocument tampered = *doc;
  tampered.payload["registered_capital"] = 50'000'000;
  auto bad = Call("POST", "/api/v1/licenses/verify", tampered.ToJsonText());
  ASSERT_EQ(bad.status, 200);
  EXPECT_FALSE(bad.Json()["valid"].get<bool>());
  EXPECT_EQ(bad.Json()["code"], "bad_signature");
  EXPECT_TRUE(bad.Json()["license"].is_null());  // unsigned facts are not shown

  auto junk = Call("POST", "/api/v1/licenses/verify", "{\"alg\":\"Ed25519\"}");
  EXPECT_EQ(junk.status, 400);
  EXPECT_EQ(junk.Json()["error"]["field"], "document");

  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    const std::string uscc = kMine;
    sql << "UPDATE entity SET status = 'deregistered' WHERE uscc = :u", soci::use(uscc);
    return OkStatus();
  })));
  auto gone = Call("POST", "/api/v1/licenses/verify", doc->ToJsonText()).Json();
  EXPECT_FALSE(gone["valid"].get<bool>());
  EXPECT_EQ(gone["code"], "entity_deregistered");
  EXPECT_EQ(gone["entity_status_name"], "注销");

  const std::string serial = mine["serial"];
  auto printed =
      Call("GET", "/api/v1/licenses/verify?uscc=" + std::string(kMine) + "&serial=" + serial);
  ASSERT_EQ(printed.status, 200);
  EXPECT_EQ(printed.Json()["code"], "entity_deregistered");
  auto wrong = Call("GET", "/api/v1/licenses/verify?uscc=" + std::string(kMine) + "&serial=1");
  ASSERT_EQ(wrong.status, 200);
  EXPECT_EQ(wrong.Json()["code"], "superseded");
  EXPECT_EQ(Call("GET", "/api/v1/licenses/verify?uscc=" + std::string(kMine)).status, 400);
  EXPECT_EQ(Call("GET", "/api/v1/licenses/verify?uscc=91330106MA2H00009X&serial=1").status, 404);
}

TEST_P(LicenseRoutesTest, QrTokensLiveForTheConfiguredMinutesThenAnswer410) {
  auto made = Call("POST", Mine("/qr"), "", holder_token_);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string token = made.Json()["token"];
  EXPECT_EQ(made.Json()["expires_at"], "2026-09-30T10:02:00+08:00");
  EXPECT_EQ(made.Json()["url"], "https://amr.example.gov.cn/api/v1/licenses/verify/" + token);
  auto shown = Call("GET", "/api/v1/licenses/verify/" + token);
  ASSERT_EQ(shown.status, 200);
  EXPECT_EQ(shown.Json()["license"]["name"], "杭州西湖示例科技有限公司");
  EXPECT_TRUE(shown.Json()["valid"].get<bool>());
  clock_.Advance(std::chrono::seconds(119));
  EXPECT_EQ(Call("GET", "/api/v1/licenses/verify/" + token).status, 200);
  clock_.Advance(std::chrono::seconds(1));
  auto expired = Call("GET", "/api/v1/licenses/verify/" + token);
  EXPECT_EQ(expired.status, 410);
  EXPECT_EQ(expired.Json()["error"]["code"], "gone");
  EXPECT_EQ(Call("GET", "/api/v1/licenses/verify/not-a-token").status, 404);
  EXPECT_EQ(Call("POST", Mine("/qr"), "", other_token_).status, 403);
  EXPECT_EQ(Call("POST", "/api/v1/licenses/91330106MA2H00009X/qr", "", holder_token_).status, 404);
}

TEST_P(LicenseRoutesTest, AnAgentWorksUntilRevokedAndNotOneCallLonger) {
  // Before any authorisation the agent sees nothing.
  EXPECT_EQ(Call("GET", Mine(), "", agent_token_).status, 403);
  auto granted = Call("POST", Mine("/authorizations"), GrantBody().dump(), holder_token_,
                      {{"Idempotency-Key", "grant-1"}});
  ASSERT_EQ(granted.status, 201) << granted.body;
  const int64_t id = granted.Json()["id"];
  EXPECT_EQ(granted.Json()["state"], "active");
  EXPECT_EQ(granted.Json()["tasks"], json({"annual_report", "bank_account"}));
  // The same key again: the stored answer, nothing new.
  auto replay = Call("POST", Mine("/authorizations"), GrantBody().dump(), holder_token_,
                     {{"Idempotency-Key", "grant-1"}});
  EXPECT_EQ(replay.status, 201);
  EXPECT_EQ(replay.Header("idempotency-replayed"), "true");
  auto list = Call("GET", Mine("/authorizations"), "", holder_token_);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.Json()["items"].size(), 1u);

  // Each finds it among its own licences: the holder as administrator, the agent with its tasks.
  auto own = [&](const std::string& token) {
    auto r = Call("GET", "/api/v1/licenses", "", token);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.Json()["items"];
  };
  const json holder_own = own(holder_token_);
  ASSERT_EQ(holder_own.size(), 1u);
  EXPECT_EQ(holder_own[0]["uscc"], kMine);
  EXPECT_EQ(holder_own[0]["role"], "admin");
  EXPECT_EQ(holder_own[0]["status_name"], "存续");
  const json agent_own = own(agent_token_);
  ASSERT_EQ(agent_own.size(), 1u);
  EXPECT_EQ(agent_own[0]["role"], "agent");
  EXPECT_EQ(agent_own[0]["tasks"], json({"annual_report", "bank_account"}));
  for (const json& m : own(other_token_)) EXPECT_NE(m["uscc"], kMine);

  // The agent may use the licence (and get a QR), not manage it.
  EXPECT_EQ(Call("GET", Mine(), "", agent_token_).status, 200);
  EXPECT_EQ(Call("POST", Mine("/qr"), "", agent_token_).status, 201);
  EXPECT_EQ(Call("GET", Mine("/authorizations"), "", agent_token_).status, 403);
  EXPECT_EQ(Call("DELETE", Mine("/authorizations/" + std::to_string(id)), "", agent_token_).status,
            403);
  auto is = [&](std::string_view task) {
    auto r = IsAuthorized(db(), kMine, agent_, task, clock_.Now());
    return r.ok() && *r;
  };
  EXPECT_TRUE(is("annual_report"));

  auto revoked = Call("DELETE", Mine("/authorizations/" + std::to_string(id)), "", holder_token_);
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(revoked.Json()["state"], "revoked");
  EXPECT_FALSE(is("annual_report"));
  EXPECT_EQ(Call("GET", Mine(), "", agent_token_).status, 403);
  EXPECT_TRUE(own(agent_token_).empty());  // no longer among the agent's
  auto again = Call("DELETE", Mine("/authorizations/" + std::to_string(id)), "", holder_token_);
  EXPECT_EQ(again.status, 422);
  EXPECT_EQ(Call("DELETE", Mine("/authorizations/999"), "", holder_token_).status, 404);
  EXPECT_EQ(Call("DELETE", Mine("/authorizations/abc"), "", holder_token_).status, 400);
  // Another holder cannot revoke through their own licence's path either.
  EXPECT_EQ(
      Call("DELETE",
           std::string("/api/v1/licenses/") + kTheirs + "/authorizations/" + std::to_string(id), "",
           other_token_)
          .status,
      404);
}

TEST_P(LicenseRoutesTest, AnAuthorisationEndsWithItsLastDay) {
  auto granted =
      Call("POST", Mine("/authorizations"), GrantBody("2026-10-07").dump(), holder_token_);
  ASSERT_EQ(granted.status, 201) << granted.body;
  // Sessions end long before a week passes: log in again on the day.
  clock_.Set(*ParseTime("2026-10-07T23:50:00+08:00"));
  agent_token_ = Token("agent");
  EXPECT_EQ(Call("GET", Mine("/pdf"), "", agent_token_).status, 200);
  clock_.Set(*ParseTime("2026-10-08T00:00:00+08:00"));
  EXPECT_EQ(Call("GET", Mine("/pdf"), "", agent_token_).status, 403);
  auto list = Call("GET", Mine("/authorizations"), "", Token("holder")).Json();
  EXPECT_EQ(list["items"][0]["state"], "expired");
}

TEST_P(LicenseRoutesTest, BadGrantsAre400NamingTheFieldAndWriteNothing) {
  auto field_of = [&](const json& body) {
    auto r = Call("POST", Mine("/authorizations"), body.dump(), holder_token_);
    EXPECT_EQ(r.status, 400) << r.body;
    return r.Json()["error"]["field"];
  };
  json b = GrantBody();
  b.erase("tasks");
  EXPECT_EQ(field_of(b), "tasks");
  b = GrantBody();
  b["tasks"] = {"炒股"};
  EXPECT_EQ(field_of(b), "tasks");
  b = GrantBody();
  b.erase("valid_until");
  EXPECT_EQ(field_of(b), "valid_until");
  b = GrantBody();
  b["valid_until"] = "2026-13-01";
  EXPECT_EQ(field_of(b), "valid_until");
  b = GrantBody();
  b["valid_from"] = "2026-10-10";
  b["valid_until"] = "2026-10-09";
  EXPECT_EQ(field_of(b), "valid_until");
  b = GrantBody();
  b.erase("agent_user_id");
  EXPECT_EQ(field_of(b), "agent_user_id");
  b = GrantBody();
  b["agent_user_id"] = "x";
  EXPECT_EQ(field_of(b), "agent_user_id");
  EXPECT_EQ(Call("POST", Mine("/authorizations"), "[1]", holder_token_).status, 400);
  EXPECT_EQ(Call("POST", Mine("/authorizations"), GrantBody().dump(), other_token_).status, 403);
  auto list = Call("GET", Mine("/authorizations"), "", holder_token_).Json();
  EXPECT_EQ(list["items"].size(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Backends, LicenseRoutesTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::license
