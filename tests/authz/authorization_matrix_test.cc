// SPDX-License-Identifier: MulanPSL-2.0
// The authorization matrix: every route of the fully wired application (the
// router `amr serve` runs, cli::App) × every role (and no login at all) ×
// a target inside and outside the role's data scope, on SQLite and on
// PostgreSQL, against a real server.
//
// What is expected follows from the route's permission and the permission
// table (identity/roles.cc), not from a second list here:
//   no token                      → 401 unless the route is public
//   role without the permission   → 403
//   role with it, inside scope    → the route's success status
//   role with it, outside scope   → 403
// A route without a case below fails the test: a new route must say how to
// call it and what lies outside a caller's scope.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cli/app.h"
#include "http/server_test_util.h"
#include "identity/identity_test_util.h"
#include "identity/roles.h"
#include "names/name_service.h"
#include "testing/db_fixture.h"
#include "testing/http_client.h"

namespace amr {
namespace {

using identity::Role;
using nlohmann::json;

struct Probe {
  std::string target;
  std::string body;
};

// The caller as the probes see it.
struct Caller {
  std::string label;  // "inspector", "anonymous"
  std::optional<Role> role;
  std::string username;   // "" for anonymous
  int64_t home = 0;       // the unit its role is held at (inside its scope)
  int64_t home_user = 0;  // a user of that unit
};

struct RouteCase {
  std::function<Probe(const Caller&)> inside;
  std::function<Probe(const Caller&)> outside;  // empty: nothing to be outside of
  int success = 200;
};

class AuthorizationMatrixTest : public testing::DbTest {
 protected:
  void SetUpStore() override {
    auto tree = identity::testing::SeedTree(db(), clock_);
    ASSERT_TRUE(testing::IsOk(tree));
    t_ = *tree;
    cli::AppOptions options;
    options.password_cost = identity::MinimumCostForTest();
    options.authorizer.public_limit = {.burst = 1e6, .per_second = 1e6, .max_keys = 100};
    options.authorizer.login_limit = {.burst = 1e6, .per_second = 1e6, .max_keys = 100};
    app_ = std::make_unique<cli::App>(db(), clock_, options);
    server_ = http::testutil::StartServer(app_->router());
    ASSERT_NE(server_, nullptr);

    // A user of each unit a role is held at, and one outside every scope.
    for (const identity::OrgUnit* unit : {&t_.a, &t_.a1, &t_.tax, &t_.b1}) {
      auto user = identity::testing::AddStaff(db(), clock_, app_->hasher(), "target-" + unit->code,
                                              unit->id, {});
      ASSERT_TRUE(user.ok());
      target_of_[unit->id] = user->id;
    }
    // One caller per role, at the unit where that role is typically held.
    const std::map<Role, int64_t> home = {
        {Role::kWindowClerk, t_.a.id}, {Role::kRegistrar, t_.a.id},
        {Role::kInspector, t_.a1.id},  {Role::kDepartmentOfficer, t_.tax.id},
        {Role::kLeader, t_.a.id},      {Role::kAdmin, t_.a.id},
        {Role::kAuditor, t_.a.id}};
    callers_.push_back({"anonymous", std::nullopt, "", t_.a.id, target_of_[t_.a.id]});
    for (Role role : identity::AllRoles()) {
      const std::string name = "m-" + std::string(identity::RoleId(role));
      Caller c{std::string(identity::RoleId(role)), role, name, t_.a.id, target_of_[t_.a.id]};
      if (role == Role::kApplicant) {
        ASSERT_TRUE(
            identity::testing::AddApplicant(db(), clock_, app_->hasher(), "m-applicant").ok());
      } else {
        c.home = home.at(role);
        c.home_user = target_of_[c.home];
        ASSERT_TRUE(identity::testing::AddStaff(db(), clock_, app_->hasher(), name, c.home,
                                                {{role, c.home}})
                        .ok());
      }
      password_[name] = identity::testing::kTestPassword;
      callers_.push_back(c);
    }
    ASSERT_TRUE(
        identity::testing::AddStaff(db(), clock_, app_->hasher(), "m-login", t_.a.id, {}).ok());
    password_["m-login"] = identity::testing::kTestPassword;
  }

  void TearDown() override {
    server_.reset();
    DbTest::TearDown();
  }

  testing::HttpResult Call(const std::string& method, const Probe& p, const std::string& token) {
    std::vector<std::pair<std::string, std::string>> headers;
    if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
    return testing::HttpRequest(server_->port(), method, p.target, p.body, headers);
  }

  std::string Login(const std::string& username) {
    auto r = testing::HttpRequest(
        server_->port(), "POST", "/api/v1/auth/login",
        json{{"username", username}, {"password", password_[username]}}.dump());
    EXPECT_EQ(r.status, 200) << username << ": " << r.body;
    return r.status == 200 ? r.Json()["token"].get<std::string>() : "";
  }

  std::string Unique() { return "m" + std::to_string(++serial_); }
  std::string Id(int64_t id) { return std::to_string(id); }

  // How to call each route, by "METHOD pattern".
  std::map<std::string, RouteCase> Cases() {
    auto fixed = [](std::string target) {
      return [target](const Caller&) { return Probe{target, ""}; };
    };
    std::map<std::string, RouteCase> c;
    c["GET /healthz"] = {fixed("/healthz"), {}};
    c["GET /api/v1/codes/uscc/{code}"] = {fixed("/api/v1/codes/uscc/91350100M000100Y43"), {}};
    c["GET /api/v1/codes/regions/{code}"] = {fixed("/api/v1/codes/regions/330106"), {}};
    c["GET /api/v1/codes/industries"] = {fixed("/api/v1/codes/industries"), {}};
    c["GET /api/v1/calendar/workdays"] = {fixed("/api/v1/calendar/workdays?from=2026-09-30&add=1"),
                                          {}};
    c["GET /api/v1/entities"] = {fixed("/api/v1/entities"), {}};
    c["GET /api/v1/entities/{uscc}"] = {fixed("/api/v1/entities/91350100M000100Y43"), {}, 404};
    c["POST /api/v1/auth/login"] = {
        [this](const Caller& who) {
          const std::string u = who.username.empty() ? "m-login" : who.username;
          return Probe{"/api/v1/auth/login",
                       json{{"username", u}, {"password", password_[u]}}.dump()};
        },
        {}};
    c["POST /api/v1/auth/logout"] = {fixed("/api/v1/auth/logout"), {}};
    c["GET /api/v1/auth/me"] = {fixed("/api/v1/auth/me"), {}};
    c["POST /api/v1/auth/password"] = {
        [this](const Caller& who) {
          const std::string current = password_[who.username];
          const std::string next =
              current == "Matrix-pass-A1" ? "Matrix-pass-B2" : "Matrix-pass-A1";
          return Probe{"/api/v1/auth/password",
                       json{{"current_password", current}, {"new_password", next}}.dump()};
        },
        {}};
    c["GET /api/v1/users"] = {[this](const Caller& who) {
                                return Probe{"/api/v1/users?org_unit_id=" + Id(who.home), ""};
                              },
                              [this](const Caller&) {
                                return Probe{"/api/v1/users?org_unit_id=" + Id(t_.b1.id), ""};
                              }};
    auto new_user = [this](int64_t unit) {
      return Probe{"/api/v1/users", json{{"username", Unique()},
                                         {"display_name", "矩阵"},
                                         {"org_unit_id", unit},
                                         {"roles", json::array({{{"role", "inspector"}}})}}
                                        .dump()};
    };
    c["POST /api/v1/users"] = {[=](const Caller& who) { return new_user(who.home); },
                               [=, this](const Caller&) { return new_user(t_.b1.id); }, 201};
    c["GET /api/v1/users/{id}"] = {[this](const Caller& who) {
                                     return Probe{"/api/v1/users/" + Id(who.home_user), ""};
                                   },
                                   [this](const Caller&) {
                                     return Probe{"/api/v1/users/" + Id(target_of_[t_.b1.id]), ""};
                                   }};
    auto roles = [this](int64_t user, int64_t unit) {
      return Probe{
          "/api/v1/users/" + Id(user) + "/roles",
          json{{"roles", json::array({{{"role", "inspector"}, {"org_unit_id", unit}}})}}.dump()};
    };
    c["PUT /api/v1/users/{id}/roles"] = {
        [=](const Caller& who) { return roles(who.home_user, who.home); },
        [=, this](const Caller&) { return roles(target_of_[t_.b1.id], t_.b1.id); }};
    c["POST /api/v1/users/{id}/unlock"] = {
        [this](const Caller& who) {
          return Probe{"/api/v1/users/" + Id(who.home_user) + "/unlock", ""};
        },
        [this](const Caller&) {
          return Probe{"/api/v1/users/" + Id(target_of_[t_.b1.id]) + "/unlock", ""};
        }};
    c["GET /api/v1/org-units"] = {[this](const Caller& who) {
                                    return Probe{"/api/v1/org-units?parent_id=" + Id(who.home), ""};
                                  },
                                  [this](const Caller&) {
                                    return Probe{"/api/v1/org-units?parent_id=" + Id(t_.b1.id), ""};
                                  }};
    auto new_unit = [this](int64_t parent) {
      return Probe{"/api/v1/org-units", json{{"parent_id", parent},
                                             {"code", Unique()},
                                             {"name", "矩阵所"},
                                             {"kind", "station"},
                                             {"region_code", "330106"}}
                                            .dump()};
    };
    c["POST /api/v1/org-units"] = {[=](const Caller& who) { return new_unit(who.home); },
                                   [=, this](const Caller&) { return new_unit(t_.b1.id); }, 201};
    c["GET /api/v1/org-units/{id}"] = {[this](const Caller& who) {
                                         return Probe{"/api/v1/org-units/" + Id(who.home), ""};
                                       },
                                       [this](const Caller&) {
                                         return Probe{"/api/v1/org-units/" + Id(t_.b1.id), ""};
                                       }};
    // The audit trail is not split by unit (yet): an auditor reads all of it.
    c["GET /api/v1/audit"] = {fixed("/api/v1/audit?limit=5"), {}};
    c["GET /api/v1/audit/verify"] = {fixed("/api/v1/audit/verify"), {}};
    // Registration: names.
    auto name_of = [this]() {
      // A fresh 字号 each call: 矩 + the serial in 甲乙丙… digits.
      static constexpr const char* kDigits[] = {"甲", "乙", "丙", "丁", "戊",
                                                "己", "庚", "辛", "壬", "癸"};
      std::string trade = "矩";
      for (char d : std::to_string(100 + ++serial_)) trade += kDigits[d - '0'];
      return trade + "有限公司";
    };
    c["GET /api/v1/names/check"] = {
        fixed("/api/v1/names/check?name=%E6%9D%AD%E5%B7%9E%E4%BA%91%E5%B8%86%E7%A7%91%E6%8A%80"
              "%E6%9C%89%E9%99%90%E5%85%AC%E5%8F%B8&authority=330106"),
        {}};
    // Any authority may be named by an applicant; staff are held to their
    // scope there too (names routes_test), so no outside probe here.
    c["POST /api/v1/names/reservations"] = {
        [=](const Caller&) {
          return Probe{"/api/v1/names/reservations",
                       json{{"name", name_of()}, {"authority", "330106"}}.dump()};
        },
        {},
        201};
    // A reservation by the caller at 330106 (甲县局's region), and one by
    // somebody else at 330105 (乙县局's).
    auto reservation = [this, name_of](const std::string& username, const std::string& region) {
      names::NameService names(&db(), clock_);
      int64_t id = 0;
      EXPECT_TRUE(testing::IsOk(db().Transaction([&](soci::session& sql) -> Status {
        long long user = 0;
        soci::indicator ind = soci::i_null;
        sql << "SELECT id FROM app_user WHERE username = :u", soci::use(username),
            soci::into(user, ind);
        std::string path;
        sql << "SELECT path FROM org_unit WHERE region_code = :r ORDER BY id LIMIT 1",
            soci::use(region), soci::into(path);
        ASSIGN_OR_RETURN(auto r,
                         names.Reserve(sql, {name_of(), region, "", user, path}, audit::Actor{}));
        id = r.id;
        return OkStatus();
      })));
      return Probe{"/api/v1/names/reservations/" + std::to_string(id), ""};
    };
    c["GET /api/v1/names/reservations/{id}"] = {
        [=](const Caller& who) { return reservation(who.username, "330106"); },
        [=](const Caller&) { return reservation("m-login", "330105"); }};

    // Registration: 企业开办 applications and department steps.

    // Registration: electronic business licences.

    // Supervision: 双随机、一公开.

    return c;
  }

  FakeClock clock_{*ParseTime("2026-11-24T09:00:00+08:00")};
  identity::testing::Tree t_;
  std::unique_ptr<cli::App> app_;
  std::unique_ptr<http::Server> server_;
  std::map<int64_t, int64_t> target_of_;  // unit → a user of it
  std::vector<Caller> callers_;
  std::map<std::string, std::string> password_;
  int serial_ = 0;
};

TEST_P(AuthorizationMatrixTest, EveryRouteEveryRoleInsideAndOutsideScope) {
  std::map<std::string, RouteCase> cases = Cases();
  int checked = 0;
  std::map<std::string, std::string> tokens;
  for (const http::RouteSpec& spec : app_->router()->routes()) {
    const std::string key = spec.method + " " + spec.pattern;
    auto found = cases.find(key);
    if (found == cases.end()) {
      ADD_FAILURE() << "no matrix case for " << key << " (permission " << spec.permission
                    << "): add one to " << __FILE__;
      continue;
    }
    const RouteCase& rc = found->second;
    for (const Caller& who : callers_) {
      for (bool inside : {true, false}) {
        if (!inside && !rc.outside) continue;
        // Logging out ends the token; every call gets a fresh one there.
        std::string token;
        if (!who.username.empty()) {
          if (spec.pattern == "/api/v1/auth/logout" || tokens[who.username].empty()) {
            token = Login(who.username);
            if (spec.pattern != "/api/v1/auth/logout") tokens[who.username] = token;
          } else {
            token = tokens[who.username];
          }
        }
        const Probe probe = inside ? rc.inside(who) : rc.outside(who);
        int expected = rc.success;
        if (spec.permission == identity::kPublicPermission) {
          expected = rc.success;
        } else if (!who.role) {
          expected = 401;
        } else if (spec.permission != identity::kAuthenticatedPermission &&
                   !identity::RoleGrants(*who.role, spec.permission)) {
          expected = 403;
        } else if (!inside) {
          expected = 403;
        }
        auto r = Call(spec.method, probe, token);
        EXPECT_EQ(r.status, expected)
            << key << " as " << who.label << (inside ? " inside" : " outside") << " scope ("
            << probe.target << "): " << r.body.substr(0, 300);
        if (r.status == 200 && spec.pattern == "/api/v1/auth/password") {
          password_[who.username] = json::parse(probe.body)["new_password"];
        }
        ++checked;
      }
    }
  }
  // 21 routes today (8 with a scoped target) × 9 callers.
  EXPECT_GE(app_->router()->routes().size(), 21u);
  EXPECT_GE(checked, 21 * 9 + 8 * 9);
}

// The router the matrix walks is the one `amr serve` runs: every route names
// a permission of the table.
TEST_P(AuthorizationMatrixTest, EveryRouteNamesAKnownPermission) {
  for (const http::RouteSpec& spec : app_->router()->routes()) {
    EXPECT_TRUE(identity::IsKnownPermission(spec.permission))
        << spec.method << " " << spec.pattern << ": " << spec.permission;
  }
  http::Router broken;
  broken.Get("/x", "users.typo", [](http::Request&) { return http::Response::Json({}); });
  EXPECT_THROW(identity::Authorizer::Install(broken, nullptr), std::logic_error);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthorizationMatrixTest, testing::AllBackends(),
                         testing::BackendName);

}  // namespace
}  // namespace amr
