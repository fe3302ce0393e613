// SPDX-License-Identifier: MulanPSL-2.0
// What a probe of the running server found (docs/security.md), as `amr serve`
// wires it (cli::App) on the demo county, over HTTP, on SQLite and
// PostgreSQL: deep JSON that overflowed the stack, control and bidirectional
// characters that were stored and signed, client-chosen request ids in the
// audit trail, and sensitive reads that left no record.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/app.h"
#include "cli/calendar_wiring.h"
#include "demo/demo_seed.h"
#include "http/server_test_util.h"
#include "identity/identity_test_util.h"
#include "identity/org_unit_store.h"
#include "identity/password.h"
#include "testing/db_fixture.h"
#include "testing/http_client.h"

namespace amr {
namespace {

using nlohmann::json;

constexpr const char* kPassword = "Xihu-Demo-2026";  // the demo county's (docs/security.md)

class SecurityHttpTest : public testing::DbTest {
 protected:
  void SetUpStore() override {
    cli::AppOptions options;
    options.password_cost = identity::MinimumCostForTest();
    options.authorizer.global_login_limit = {.burst = 1e6, .per_second = 1e6, .max_keys = 1};
    auto calendar = cli::StartCalendar(db(), clock_, true);
    ASSERT_TRUE(calendar.ok()) << calendar.status().ToString();
    app_ = std::make_unique<cli::App>(db(), clock_, *calendar, options);
    auto demo = demo::SeedDemo(db(), app_->hasher(), clock_, 50);
    ASSERT_TRUE(testing::IsOk(demo));
    server_ = http::testutil::StartServer(app_->router());
    ASSERT_NE(server_, nullptr);
  }
  void TearDown() override {
    server_.reset();
    DbTest::TearDown();
  }

  testing::HttpResult Call(const std::string& method, const std::string& target,
                           const std::string& token, const std::string& body = "",
                           std::vector<std::pair<std::string, std::string>> headers = {}) {
    if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
    return testing::HttpRequest(server_->port(), method, target, body, headers);
  }
  std::string Login(const std::string& username, const std::string& password = kPassword) {
    auto r = Call("POST", "/api/v1/auth/login", "",
                  json{{"username", username}, {"password", password}}.dump());
    EXPECT_EQ(r.status, 200) << username << ": " << r.body;
    return r.status == 200 ? r.Json()["token"].get<std::string>() : "";
  }
  long long Count(const std::string& query) {
    long long n = -1;
    EXPECT_TRUE(testing::IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
      sql << query, soci::into(n);
      return OkStatus();
    })));
    return n;
  }
  long long Audited(const std::string& action, const std::string& username) {
    return Count("SELECT COUNT(*) FROM audit_log WHERE action = '" + action + "' AND username = '" +
                 username + "'");
  }
  void ExpectAlive() { EXPECT_EQ(Call("GET", "/healthz", "").status, 200); }

  FakeClock clock_{*ParseTime("2026-11-24T10:00:00+08:00")};
  std::unique_ptr<cli::App> app_;
  std::unique_ptr<http::Server> server_;
};

std::string Nested(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

// About 200 KB nested 100 000 levels deep stopped the whole server: the JSON
// library copies and prints values recursively.
TEST_P(SecurityHttpTest, DeeplyNestedJsonIsRefusedAndTheServerLivesOn) {
  const std::string deep = Nested(100000);
  ASSERT_GT(deep.size(), 190'000u);
  auto verify = Call("POST", "/api/v1/licenses/verify", "", "{\"payload\":" + deep + "}");
  EXPECT_EQ(verify.status, 400) << verify.body.substr(0, 300);
  EXPECT_NE(verify.Json()["error"]["message"].get<std::string>().find("嵌套超过 64 层"),
            std::string::npos)
      << verify.body;
  ExpectAlive();

  const std::string officer = Login("330106-tax-01");
  auto step = Call("POST", "/api/v1/department/steps/1/complete", officer,
                   "{\"result\":" + deep + "}", {{"Idempotency-Key", "deep-1"}});
  EXPECT_EQ(step.status, 400) << step.body.substr(0, 300);
  EXPECT_EQ(step.Json()["error"]["field"], "body");
  // Also as a whole body, to any JSON route (here the login).
  auto login = Call("POST", "/api/v1/auth/login", "", deep);
  EXPECT_EQ(login.status, 400);
  EXPECT_EQ(login.Json()["error"]["field"], "body");
  ExpectAlive();
}

json ShopForm() {
  return {{"kind", "个体工商户"},
          {"name", "西湖区张记百货店"},
          {"legal_rep", {{"name", "王五"}, {"citizen_id", "110105194912310038"}}},
          {"address", "浙江省杭州市西湖区古荡新村 12 幢 1 号"},
          {"address_commitment", true},
          {"scope", {"G01", "G03"}},
          {"region_code", "330106"},
          {"industry_code", "52"},
          {"materials", {"application_form", "legal_rep_id", "address_commitment"}}};
}

// NUL and U+202E in an address or a person's name were stored, shown on the
// public profile and signed into the e-licence (and PostgreSQL cannot store
// NUL at all, so the engines differed). Every text field is refused now,
// naming the field.
TEST_P(SecurityHttpTest, ControlAndBidiCharactersAreRefusedNamingTheField) {
  const std::string applicant = Login("demo-applicant-01");
  const long long before = Count("SELECT COUNT(*) FROM establishment_application");
  struct Case {
    json form;
    const char* field;
  };
  json nul_address = ShopForm();
  nul_address["address"] = std::string("浙江省杭州市\0西湖区", 22);
  json rlo_name = ShopForm();
  rlo_name["legal_rep"]["name"] = "王\u202E五";
  json bidi_isolate = ShopForm();
  bidi_isolate["name"] = "西湖区\u2066张记\u2069百货店";
  json newline = ShopForm();
  newline["address"] = "浙江省杭州市\n西湖区";
  int n = 0;
  for (const Case& c : std::vector<Case>{{nul_address, "address"},
                                         {rlo_name, "legal_rep.name"},
                                         {bidi_isolate, "name"},
                                         {newline, "address"}}) {
    auto r = Call("POST", "/api/v1/establishments", applicant, c.form.dump(),
                  {{"Idempotency-Key", "chars-" + std::to_string(++n)}});
    EXPECT_EQ(r.status, 400) << c.field << ": " << r.body;
    EXPECT_EQ(r.Json()["error"]["field"], c.field) << r.body;
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM establishment_application"), before);
  // Ordinary Chinese text, full-width punctuation and line breaks in a
  // multi-line reason still pass the character rule.
  json fine = ShopForm();
  fine["address"] = "浙江省杭州市西湖区古荡新村（东区）12 幢 1 号·北";
  auto ok = Call("POST", "/api/v1/establishments", applicant, fine.dump(),
                 {{"Idempotency-Key", "chars-fine"}});
  EXPECT_NE(ok.Json()["error"]["field"], "address") << ok.body;
}

// A client's X-Request-Id went into audit records, so correlation could be
// spoofed: records carry the server's own id, the one it answers with.
TEST_P(SecurityHttpTest, AuditRecordsCarryTheServersRequestIdNotTheClients) {
  auto r = Call("POST", "/api/v1/auth/login", "",
                json{{"username", "330106-amr-01"}, {"password", kPassword}}.dump(),
                {{"X-Request-Id", "forged-correlation-id"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string ours = r.Header("x-request-id");
  EXPECT_NE(ours, "forged-correlation-id");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE request_id = 'forged-correlation-id'"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.login' AND request_id = '" +
                  ours + "'"),
            1);
}

// Reads of personal data, of the trail and every Excel export are recorded,
// as beneficial-owner reads were.
TEST_P(SecurityHttpTest, SensitiveReadsAreAudited) {
  const std::string registrar = Login("330106-amr-03");
  ASSERT_EQ(Call("GET", "/api/v1/registration/queue", registrar).status, 200);
  EXPECT_EQ(Audited("establishment.list", "330106-amr-03"), 1);
  auto xlsx = Call("GET", "/api/v1/registration/queue?format=xlsx", registrar);
  ASSERT_EQ(xlsx.status, 200) << xlsx.body.substr(0, 200);
  EXPECT_EQ(Audited("export.xlsx", "330106-amr-03"), 1);

  const std::string auditor = Login("330106-amr-12");
  ASSERT_EQ(Call("GET", "/api/v1/audit?limit=5", auditor).status, 200);
  EXPECT_EQ(Audited("audit.query", "330106-amr-12"), 1);

  // An entity's record: private data to a leader is recorded, the public
  // profile read anonymously is not.
  std::string uscc;
  ASSERT_TRUE(testing::IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    sql << "SELECT uscc FROM entity ORDER BY uscc LIMIT 1", soci::into(uscc);
    return OkStatus();
  })));
  ASSERT_EQ(Call("GET", "/api/v1/entities/" + uscc, "").status, 200);
  const std::string leader = Login("330106-amr-01");
  ASSERT_EQ(Call("GET", "/api/v1/entities/" + uscc, leader).status, 200);
  EXPECT_EQ(Audited("entity.read_private", "330106-amr-01"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'entity.read_private'"), 1);

  // User records, read by the platform's administrator.
  long long root_id = 0;
  ASSERT_TRUE(testing::IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(std::optional<identity::OrgUnit> root, identity::FindRootOrgUnit(sql));
    if (!root.has_value()) return NotFoundError("no root unit");
    root_id = root.value().id;
    return OkStatus();
  })));
  ASSERT_TRUE(identity::testing::AddStaff(db(), clock_, app_->hasher(), "platform-admin", root_id,
                                          {{identity::Role::kAdmin, root_id}})
                  .ok());
  const std::string admin = Login("platform-admin", identity::testing::kTestPassword);
  ASSERT_EQ(Call("GET", "/api/v1/users?q=330106-amr-0", admin).status, 200);
  ASSERT_EQ(Call("GET", "/api/v1/users/1", admin).status, 200);
  EXPECT_EQ(Audited("user.list", "platform-admin"), 1);
  EXPECT_EQ(Audited("user.read", "platform-admin"), 1);
  // What was read is named; nothing of the answer is copied.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'user.read' AND "
                  "target_id = '/api/v1/users/1'"),
            1);
}

INSTANTIATE_TEST_SUITE_P(Backends, SecurityHttpTest, testing::AllBackends(), testing::BackendName);

}  // namespace
}  // namespace amr
