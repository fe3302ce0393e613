// SPDX-License-Identifier: MulanPSL-2.0
// Self-registration over a real server behind the real authorizer, on both
// backends: the code goes out as an SMS event of the outbox, comes back, and
// the account logs in with the phone number; retries make one record and one
// code; wrong, late and over-tried codes are refused naming "code"; bad input
// is 400 naming the field with nothing written; a phone or ID number with an
// account is 409.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "accounts/routes.h"
#include "codes/citizen_id.h"
#include "identity/identity_test_util.h"
#include "testing/db_fixture.h"
#include "testing/route_server.h"

namespace amr::accounts {
namespace {

using amr::testing::IsOk;
using nlohmann::json;
using std::chrono::seconds;

class SignupRoutesTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override {
    server_ = std::make_unique<amr::testing::RouteServer>(db(), clock_, [&](http::Router& r) {
      AddSignupRoutes(r, std::make_shared<SignupService>(db(), hasher_, clock_));
    });
    ASSERT_TRUE(server_->ok());
  }
  void TearDown() override {
    server_.reset();
    DbTest::TearDown();
  }

  amr::testing::HttpResult Post(const std::string& target, const json& body) {
    return server_->Call("POST", target, "", body);
  }
  long long Count(const std::string& query) {
    long long n = 0;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) {
      sql << query, soci::into(n);
      return OkStatus();
    })));
    return n;
  }
  // The code in the newest SMS event to `phone`, as the gateway would send it.
  std::string LastCode(const std::string& phone) {
    std::string code;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) {
      soci::rowset<std::string> rows =
          (sql.prepare << "SELECT payload FROM outbox_event WHERE topic = 'notify.sms' "
                          "ORDER BY id");
      for (const std::string& p : rows) {
        const json j = json::parse(p);
        if (j["phone"] == phone) code = j["params"]["code"].get<std::string>();
      }
      return OkStatus();
    })));
    return code;
  }

  FakeClock clock_{*ParseTime("2026-12-07T10:00:00+08:00")};
  identity::PasswordHasher hasher_{identity::MinimumCostForTest()};
  std::unique_ptr<amr::testing::RouteServer> server_;
  const std::string citizen_ = *codes::MakeCitizenId("330106", *Date::FromYmd(1975, 3, 14), 57);
  const json person_ = {{"name", "李秀英"},
                        {"citizen_id", citizen_},
                        {"phone", "13905710001"},
                        {"password", "Noodle-shop-2026"}};
};

TEST_P(SignupRoutesTest, APersonRegistersConfirmsThePhoneAndLogsIn) {
  auto started = Post("/api/v1/applicants", person_);
  ASSERT_EQ(started.status, 201) << started.body;
  EXPECT_EQ(started.Json()["phone"], "139****0001");
  EXPECT_EQ(started.Json()["code_sent"], true);
  EXPECT_EQ(started.Json()["resend_after_seconds"], 60);
  EXPECT_EQ(started.body.find("code\":\""), std::string::npos);  // never the code itself
  const std::string code = LastCode("13905710001");
  ASSERT_EQ(code.size(), 6u);
  // The SMS text carries the code and hides the name.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_event WHERE topic = 'notify.sms'"), 1);

  // Before the code, no login.
  auto early =
      Post("/api/v1/auth/login", {{"username", "13905710001"}, {"password", "Noodle-shop-2026"}});
  EXPECT_EQ(early.status, 401) << early.body;

  clock_.Advance(seconds(90));
  auto verified = Post("/api/v1/applicants/verify", {{"phone", "13905710001"}, {"code", code}});
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_EQ(verified.Json()["username"], "13905710001");
  // A retried confirmation answers the same account.
  auto again = Post("/api/v1/applicants/verify", {{"phone", "13905710001"}, {"code", code}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM app_user WHERE kind = 'applicant'"), 1);

  auto login =
      Post("/api/v1/auth/login", {{"username", "13905710001"}, {"password", "Noodle-shop-2026"}});
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_EQ(login.Json()["user"]["kind"], "applicant");
  EXPECT_EQ(login.Json()["user"]["display_name"], "李秀英");
  EXPECT_EQ(login.Json()["must_change_password"], false);
  EXPECT_EQ(identity::testing::CountAudit(db(), "applicant.signup"), 1);
  EXPECT_EQ(identity::testing::CountAudit(db(), "applicant.verify"), 1);
  EXPECT_EQ(identity::testing::CountAudit(db(), "user.create"), 1);

  // The phone and the ID number now have their account.
  auto twice = Post("/api/v1/applicants", person_);
  EXPECT_EQ(twice.status, 409) << twice.body;
  EXPECT_EQ(twice.Json()["error"]["field"], "phone");
  json other = person_;
  other["phone"] = "13905710002";
  auto same_person = Post("/api/v1/applicants", other);
  EXPECT_EQ(same_person.status, 409) << same_person.body;
  EXPECT_EQ(same_person.Json()["error"]["field"], "citizen_id");
}

TEST_P(SignupRoutesTest, ARetryMakesOneRecordAndOneCodeAndResendingWaitsAMinute) {
  ASSERT_EQ(Post("/api/v1/applicants", person_).status, 201);
  const std::string first = LastCode("13905710001");
  clock_.Advance(seconds(5));
  auto retry = Post("/api/v1/applicants", person_);
  ASSERT_EQ(retry.status, 201) << retry.body;
  EXPECT_EQ(retry.Json()["code_sent"], false);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM applicant_signup"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_event WHERE topic = 'notify.sms'"), 1);

  // Other details within the minute: wait.
  json changed = person_;
  changed["password"] = "Another-pass-2026";
  auto soon = Post("/api/v1/applicants", changed);
  EXPECT_EQ(soon.status, 429) << soon.body;

  // After the minute: a new code, the old one no longer works.
  clock_.Advance(seconds(60));
  auto resent = Post("/api/v1/applicants", changed);
  ASSERT_EQ(resent.status, 201) << resent.body;
  EXPECT_EQ(resent.Json()["code_sent"], true);
  const std::string second = LastCode("13905710001");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM applicant_signup"), 1);
  if (first != second) {
    auto old = Post("/api/v1/applicants/verify", {{"phone", "13905710001"}, {"code", first}});
    EXPECT_EQ(old.status, 400) << old.body;
  }
  ASSERT_EQ(Post("/api/v1/applicants/verify", {{"phone", "13905710001"}, {"code", second}}).status,
            200);
  // The password of the latest request is the account's.
  EXPECT_EQ(
      Post("/api/v1/auth/login", {{"username", "13905710001"}, {"password", "Another-pass-2026"}})
          .status,
      200);
}

TEST_P(SignupRoutesTest, WrongLateAndOverTriedCodesAreRefusedNamingTheCode) {
  ASSERT_EQ(Post("/api/v1/applicants", person_).status, 201);
  const std::string code = LastCode("13905710001");
  const std::string wrong = code == "000000" ? "000001" : "000000";
  for (int i = 0; i < 5; ++i) {
    auto r = Post("/api/v1/applicants/verify", {{"phone", "13905710001"}, {"code", wrong}});
    ASSERT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.Json()["error"]["field"], "code");
  }
  auto used_up = Post("/api/v1/applicants/verify", {{"phone", "13905710001"}, {"code", code}});
  EXPECT_EQ(used_up.status, 422) << used_up.body;
  EXPECT_EQ(used_up.Json()["error"]["field"], "code");

  // A new code, then too late.
  clock_.Advance(seconds(61));
  ASSERT_EQ(Post("/api/v1/applicants", person_).status, 201);
  const std::string fresh = LastCode("13905710001");
  clock_.Advance(seconds(601));
  auto late = Post("/api/v1/applicants/verify", {{"phone", "13905710001"}, {"code", fresh}});
  EXPECT_EQ(late.status, 422) << late.body;
  EXPECT_NE(late.Json()["error"]["message"].get<std::string>().find("过期"), std::string::npos);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM app_user"), 0);

  auto unknown = Post("/api/v1/applicants/verify", {{"phone", "13900000000"}, {"code", "123456"}});
  EXPECT_EQ(unknown.status, 400) << unknown.body;
  auto letters = Post("/api/v1/applicants/verify", {{"phone", "13905710001"}, {"code", "12a456"}});
  EXPECT_EQ(letters.Json()["error"]["field"], "code");
}

TEST_P(SignupRoutesTest, BadInputIs400NamingTheFieldAndWritesNothing) {
  const std::pair<const char*, json> cases[] = {
      {"name", "王"},
      {"citizen_id", "330106197503140571"},
      {"phone", "1390571000"},
      {"password", "123456"},
  };
  for (const auto& [field, value] : cases) {
    json body = person_;
    body[field] = value;
    auto r = Post("/api/v1/applicants", body);
    EXPECT_EQ(r.status, 400) << field << ": " << r.body;
    EXPECT_EQ(r.Json()["error"]["field"], field) << r.body;
  }
  json missing = person_;
  missing.erase("phone");
  EXPECT_EQ(Post("/api/v1/applicants", missing).Json()["error"]["field"], "phone");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM applicant_signup"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_event"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, SignupRoutesTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::accounts
