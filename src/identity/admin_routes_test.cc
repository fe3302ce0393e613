// SPDX-License-Identifier: MulanPSL-2.0
// The admin API over a real server: bad input, idempotency keys, and hostile
// text in every field (stored verbatim or refused, never executed).
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "identity/http_test_fixture.h"

namespace amr::identity {
namespace {

using nlohmann::json;

class AdminRoutesTest : public testing::IdentityHttpTest {
 protected:
  void SetUpStore() override {
    IdentityHttpTest::SetUpStore();
    admin_token_ = Token("root-admin");
  }
  long long Count(const std::string& table) {
    long long n = -1;
    EXPECT_TRUE(amr::testing::IsOk(db().ReadTransaction([&](soci::session& sql) {
      sql << "SELECT COUNT(*) FROM " + table, soci::into(n);
      return OkStatus();
    })));
    return n;
  }
  amr::testing::HttpResult Post(const std::string& target, const json& body,
                                std::vector<std::pair<std::string, std::string>> headers = {}) {
    return Call("POST", target, body.dump(), admin_token_, std::move(headers));
  }
  static json With(json body, const std::string& key, json value) {
    body[key] = std::move(value);
    return body;
  }
  json NewUserBody(const std::string& username) {
    return {{"username", username},
            {"display_name", "王五"},
            {"org_unit_id", t_.a1.id},
            {"roles", json::array({{{"role", "inspector"}}})}};
  }
  std::string admin_token_;
};

TEST_P(AdminRoutesTest, CreatesUsersAndRefusesBadInputWithoutWriting) {
  auto created = Post("/api/v1/users", NewUserBody("wang.wu"));
  ASSERT_EQ(created.status, 201) << created.body;
  const json user = created.Json();
  EXPECT_EQ(user["roles"][0]["org_unit"]["id"], t_.a1.id);
  EXPECT_EQ(user["must_change_password"], true);
  const std::string initial = user["initial_password"];
  EXPECT_TRUE(CheckPasswordPolicy(initial, "wang.wu").ok());
  EXPECT_EQ(Login("wang.wu", initial).status, 200);
  auto read =
      Call("GET", "/api/v1/users/" + std::to_string(user["id"].get<int64_t>()), "", admin_token_);
  ASSERT_EQ(read.status, 200);
  EXPECT_FALSE(read.Json().contains("initial_password"));

  const long long users = Count("app_user"), roles = Count("user_role");
  struct Case {
    json body;
    const char* field;
  };
  std::vector<Case> bad = {
      {NewUserBody("Wang.Wu"), "username"},
      {NewUserBody("wang.wu"), "username"},  // taken: 409
      {With(NewUserBody("xx1"), "display_name", ""), "display_name"},
      {With(NewUserBody("xx2"), "org_unit_id", "three"), "org_unit_id"},
      {With(NewUserBody("xx3"), "org_unit_id", 987654), "org_unit_id"},
      {With(NewUserBody("xx4"), "roles", json::array({{{"role", "root"}}})), "roles"},
      {With(NewUserBody("xx5"), "roles", "inspector"), "roles"},
      {With(NewUserBody("xx6"), "password", "short"), "password"},
      {With(NewUserBody("xx7"), "kind", "robot"), "kind"},
      {With(NewUserBody("xx8"), "entity_uscc", "91350100M000100Y43"), "entity_uscc"},
  };
  for (const Case& c : bad) {
    auto r = Post("/api/v1/users", c.body);
    EXPECT_TRUE(r.status == 400 || r.status == 409) << r.status << " " << c.body.dump();
    EXPECT_EQ(r.Json()["error"]["field"], std::string(c.field)) << r.body;
  }
  auto not_json = Call("POST", "/api/v1/users", "{", admin_token_);
  EXPECT_EQ(not_json.Json()["error"]["field"], "body");
  EXPECT_EQ(Call("GET", "/api/v1/users/abc", "", admin_token_).Json()["error"]["field"], "id");
  EXPECT_EQ(Call("GET", "/api/v1/users/987654", "", admin_token_).status, 404);
  EXPECT_EQ(Count("app_user"), users);
  EXPECT_EQ(Count("user_role"), roles);
}

TEST_P(AdminRoutesTest, AnIdempotencyKeyMakesARetryHarmless) {
  const std::vector<std::pair<std::string, std::string>> key = {{"Idempotency-Key", "req-42"}};
  auto first = Post("/api/v1/users", NewUserBody("zhao.liu"), key);
  ASSERT_EQ(first.status, 201) << first.body;
  const long long users = Count("app_user");
  auto retry = Post("/api/v1/users", NewUserBody("zhao.liu"), key);
  EXPECT_EQ(retry.status, 201);
  EXPECT_EQ(retry.Header("idempotency-replayed"), "true");
  EXPECT_EQ(retry.Json()["id"], first.Json()["id"]);
  // The generated password is shown once, never stored.
  EXPECT_TRUE(first.Json()["initial_password"].is_string());
  EXPECT_TRUE(retry.Json()["initial_password"].is_null());
  EXPECT_EQ(Count("app_user"), users);
  // The same key on another request is refused; a bad key too.
  auto misuse = Post("/api/v1/users", NewUserBody("other.one"), key);
  EXPECT_EQ(misuse.status, 422);
  EXPECT_EQ(misuse.Json()["error"]["field"], "Idempotency-Key");
  auto bad_key = Post("/api/v1/users", NewUserBody("other.one"), {{"Idempotency-Key", "a b"}});
  EXPECT_EQ(bad_key.status, 400);
  EXPECT_EQ(Count("app_user"), users);
  // Org units too.
  const json unit = {{"parent_id", t_.a.id},
                     {"code", "a3"},
                     {"name", "甲三所"},
                     {"kind", "station"},
                     {"region_code", "330106"}};
  auto u1 = Post("/api/v1/org-units", unit, {{"Idempotency-Key", "unit-1"}});
  auto u2 = Post("/api/v1/org-units", unit, {{"Idempotency-Key", "unit-1"}});
  EXPECT_EQ(u1.status, 201) << u1.body;
  EXPECT_EQ(u2.status, 201);
  EXPECT_EQ(u1.Json()["id"], u2.Json()["id"]);
  EXPECT_EQ(Post("/api/v1/org-units", unit).status, 409);  // without a key: a second create
}

// 三员分立: an administrator can neither make an auditor with a password it
// chose, nor have another administrator make it an auditor too.
TEST_P(AdminRoutesTest, AdministratorsNeitherAppointAuditorsNorBecomeOne) {
  const long long users = Count("app_user"), roles = Count("user_role");
  json auditor = NewUserBody("my.auditor");
  auditor["roles"] = json::array({{{"role", "auditor"}, {"org_unit_id", t_.root.id}}});
  auditor["password"] = "Chosen-by-the-admin-1";
  auto created = Post("/api/v1/users", auditor);
  EXPECT_EQ(created.status, 403) << created.body;
  EXPECT_EQ(created.Json()["error"]["field"], "roles");
  EXPECT_EQ(Count("app_user"), users);

  // A second administrator adds the auditor role to the first.
  auto second = testing::AddStaff(db(), clock_, hasher_, "root-admin-2", t_.root.id,
                                  {{Role::kAdmin, t_.root.id}});
  ASSERT_TRUE(second.ok());
  const std::string second_token = Token("root-admin-2");
  const json both = {{"roles", json::array({{{"role", "admin"}, {"org_unit_id", t_.root.id}},
                                            {{"role", "auditor"}, {"org_unit_id", t_.a.id}}})}};
  auto widened = Call("PUT", "/api/v1/users/" + std::to_string(admin_.id) + "/roles", both.dump(),
                      second_token);
  EXPECT_EQ(widened.status, 400) << widened.body;
  EXPECT_EQ(widened.Json()["error"]["field"], "roles");
  // Nor the auditor role alone, to an account it then logs in as.
  const json only_auditor = {
      {"roles", json::array({{{"role", "auditor"}, {"org_unit_id", t_.root.id}}})}};
  auto granted = Call("PUT", "/api/v1/users/" + std::to_string(inspector_.id) + "/roles",
                      only_auditor.dump(), second_token);
  EXPECT_EQ(granted.status, 403) << granted.body;
  EXPECT_EQ(Count("user_role"), roles + 1);  // the second admin's own

  // An auditor appointed at the console cannot be removed by an administrator.
  auto appointed = testing::AddStaff(db(), clock_, hasher_, "console-auditor", t_.root.id,
                                     {{Role::kAuditor, t_.root.id}});
  ASSERT_TRUE(appointed.ok());
  const json demoted = {
      {"roles", json::array({{{"role", "inspector"}, {"org_unit_id", t_.a1.id}}})}};
  auto removed = Call("PUT", "/api/v1/users/" + std::to_string(appointed->id) + "/roles",
                      demoted.dump(), admin_token_);
  EXPECT_EQ(removed.status, 403) << removed.body;
  // At the console too, one account never holds both.
  NewUser both_roles;
  both_roles.username = "both.roles";
  both_roles.display_name = "两者";
  both_roles.org_unit_id = t_.root.id;
  both_roles.roles = {{Role::kAdmin, t_.root.id}, {Role::kAuditor, t_.root.id}};
  Status s = ValidateNewUser(both_roles);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "roles");
}

// Hostile text in every field: stored verbatim or refused, never executed.
TEST_P(AdminRoutesTest, InjectionStringsAreDataOrRefused) {
  const std::vector<std::string> hostile = {
      "' OR 1=1 --",
      "\"; DROP TABLE app_user; --",
      "<script>alert('x')</script>",
      std::string("nul\0inside", 10),
      std::string(10'000, 'x'),
      "审计😀🚀",
      "\xe2\x80\x8f\xd8\xa7\xd9\x84\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a\xd8\xa9",  // RLM + Arabic
      "\xe2\x80\xae"
      "evil",  // RLO
      "%_\\",
  };
  int created_users = 0;
  auto expect_data_or_refused = [&](const amr::testing::HttpResult& r, const std::string& what) {
    // 429: hostile logins lock the account they name; 431: a 10 KB header.
    EXPECT_TRUE(r.status == 200 || r.status == 201 || r.status == 400 || r.status == 401 ||
                r.status == 404 || r.status == 409 || r.status == 422 || r.status == 429 ||
                r.status == 431)
        << what << ": " << r.status << " " << r.body.substr(0, 300);
    if (r.status >= 400) {
      EXPECT_FALSE(r.Json().is_discarded()) << what;
    }
  };
  int n = 0;
  for (const std::string& h : hostile) {
    ++n;
    // Every text field of a new user.
    for (const char* field :
         {"username", "display_name", "kind", "entity_uscc", "citizen_id", "password"}) {
      json body = NewUserBody("inj-" + std::to_string(n) + "-" + field);
      body[field] = h;
      if (std::string(field) == "entity_uscc" || std::string(field) == "citizen_id") {
        body["kind"] = "applicant";
        body.erase("roles");
      }
      auto r = Post("/api/v1/users", body);
      expect_data_or_refused(r, field);
      if (r.status == 201) {
        ++created_users;
        auto back = Call("GET", "/api/v1/users/" + std::to_string(r.Json()["id"].get<int64_t>()),
                         "", admin_token_);
        if (std::string(field) == "display_name") {
          EXPECT_EQ(back.Json()["display_name"], h);
        }
        if (std::string(field) == "password") {
          EXPECT_EQ(back.body.find(h), std::string::npos);
        }
      }
    }
    json role = NewUserBody("inj-role-" + std::to_string(n));
    role["roles"] = json::array({{{"role", h}}});
    expect_data_or_refused(Post("/api/v1/users", role), "roles");
    // Every text field of a new org unit.
    for (const char* field : {"code", "name", "kind", "department", "region_code"}) {
      json unit = {{"parent_id", t_.a.id},
                   {"code", "inj-" + std::to_string(n) + "-" + field},
                   {"name", "注入测试"},
                   {"kind", "station"},
                   {"region_code", "330106"}};
      unit[field] = h;
      auto r = Post("/api/v1/org-units", unit);
      expect_data_or_refused(r, field);
      if (r.status == 201 && std::string(field) == "name") {
        EXPECT_EQ(r.Json()["name"], h);
      }
    }
    // Login, the query string, path parameters and headers.
    expect_data_or_refused(Login(h, h), "login");
    expect_data_or_refused(Login("root-admin", h), "login password");
    expect_data_or_refused(Call("GET", "/api/v1/users?q=" + std::to_string(n), "", admin_token_),
                           "q");
    expect_data_or_refused(Post("/api/v1/org-units", json::object(), {{"Idempotency-Key", h}}),
                           "Idempotency-Key");
  }
  // Quotes and wildcards in the search are text: they find the one user
  // whose name holds them, not everyone.
  auto search = Call("GET", "/api/v1/users?q=%27%20OR%201%3D1%20--", "", admin_token_);
  EXPECT_EQ(search.status, 200);
  ASSERT_EQ(search.Json()["total"], 1) << search.body;
  EXPECT_EQ(search.Json()["items"][0]["display_name"], "' OR 1=1 --");
  auto wildcard = Call("GET", "/api/v1/users?q=%25", "", admin_token_);
  ASSERT_EQ(wildcard.Json()["total"], 1) << wildcard.body;
  EXPECT_EQ(wildcard.Json()["items"][0]["display_name"], "%_\\");
  // Every table is still there and holds what was created.
  EXPECT_EQ(Count("app_user"), 2 + created_users);
  EXPECT_GT(Count("user_role"), 0);
  EXPECT_GT(Count("org_unit"), 0);
  EXPECT_GT(created_users, 0);
  // Invalid UTF-8 in a body is refused as a body.
  auto raw = Call("POST", "/api/v1/users", "{\"username\":\"\xff\xfe\"}", admin_token_);
  EXPECT_EQ(raw.status, 400);
}

INSTANTIATE_TEST_SUITE_P(Backends, AdminRoutesTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::identity
