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
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cli/app.h"
#include "cli/calendar_wiring.h"
#include "codes/calendar.h"
#include "codes/uscc.h"  // lifecycle:change
#include "establishment/service.h"
#include "http/server_test_util.h"
#include "identity/identity_test_util.h"
#include "identity/roles.h"
#include "identity/user_store.h"
#include "inspection/inspection_test_util.h"
#include "inspection/visit_store.h"
#include "license/license_store.h"
#include "messages/messages.h"
// lifecycle:susp begin
#include "lifecycle/liquidation.h"
#include "lifecycle/suspension.h"
// lifecycle:susp end
// lifecycle:dereg begin
#include "lifecycle/affiliation.h"
#include "lifecycle/compulsory.h"
#include "lifecycle/restriction.h"
#include "lifecycle/simplified.h"
#include "lifecycle/simplified_test_util.h"
// lifecycle:dereg end
#include "names/name_service.h"
#include "registry/entity_store.h"
#include "testing/db_fixture.h"
#include "testing/http_client.h"

namespace amr {
namespace {

using identity::Role;
using nlohmann::json;

struct Probe {
  std::string target;
  std::string body;
  std::string content_type = {};  // when the body is not JSON (a photo)
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
    options.authorizer.global_login_limit = {.burst = 1e6, .per_second = 1e6, .max_keys = 1};
    options.webhook_allow = {"http://127.0.0.1:"};
    auto calendar = cli::StartCalendar(db(), clock_, true);
    ASSERT_TRUE(calendar.ok()) << calendar.status().ToString();
    app_ = std::make_unique<cli::App>(db(), clock_, *calendar, options);
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
    // The platform's administrator: the only holder of the platform-level
    // permissions (outbox, scheduler).
    ASSERT_TRUE(identity::testing::AddStaff(db(), clock_, app_->hasher(), "m-root-admin",
                                            t_.root.id, {{Role::kAdmin, t_.root.id}})
                    .ok());
    password_["m-root-admin"] = identity::testing::kTestPassword;
  }

  void TearDown() override {
    server_.reset();
    DbTest::TearDown();
  }

  testing::HttpResult Call(const std::string& method, const Probe& p, const std::string& token) {
    std::vector<std::pair<std::string, std::string>> headers;
    if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
    if (!p.content_type.empty()) headers.emplace_back("Content-Type", p.content_type);
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

  // Asks for an objection code for `phone` and reads it from the SMS event,
  // as the bureau's gateway would.
  std::string ObjectionCode(const std::string& phone) {
    auto r =
        Call("POST", Probe{"/api/v1/notices/objection-codes", json{{"phone", phone}}.dump()}, "");
    EXPECT_EQ(r.status, 201) << r.body;
    std::string code;
    EXPECT_TRUE(db().ReadTransaction([&](soci::session& sql) {
                      soci::rowset<std::string> rows =
                          (sql.prepare << "SELECT payload FROM outbox_event WHERE topic = "
                                          "'notify.sms' ORDER BY id");
                      for (const std::string& p : rows) {
                        const json j = json::parse(p);
                        if (j["phone"] == phone) code = j["params"]["code"].get<std::string>();
                      }
                      return OkStatus();
                    })
                    .ok());
    return code;
  }
  int phone_serial_ = 0;
  // A message to `who` (anonymous: to a user of its home unit, which an
  // anonymous call may not read either way).
  std::string OwnMessage(const Caller& who) {
    long long id = 0;
    EXPECT_TRUE(testing::IsOk(db().Transaction([&](soci::session& sql) -> Status {
      int64_t to = who.home_user;
      if (!who.username.empty()) {
        ASSIGN_OR_RETURN(identity::User u, identity::GetUserByUsername(sql, who.username));
        to = u.id;
      }
      const std::string key = "matrix:" + Unique();
      RETURN_IF_ERROR(messages::Post(sql, to, messages::Kind::kApplicationRejected,
                                     json{{"name", "矩阵测试公司"}, {"reason", "测试"}}, "", key,
                                     clock_));
      sql << "SELECT id FROM user_message WHERE dedupe_key = :k", soci::use(key), soci::into(id);
      return OkStatus();
    })));
    return std::to_string(id);
  }
  std::string Id(int64_t id) { return std::to_string(id); }

  // How to call each route, by "METHOD pattern".
  std::map<std::string, RouteCase> Cases() {
    auto fixed = [](std::string target) {
      return [target](const Caller&) { return Probe{target, ""}; };
    };
    std::map<std::string, RouteCase> c;
    c["GET /healthz"] = {fixed("/healthz"), {}};
    c["GET /api/v1/openapi.json"] = {fixed("/api/v1/openapi.json"), {}};
    c["GET /api/v1/codes/uscc/{code}"] = {fixed("/api/v1/codes/uscc/91350100M000100Y43"), {}};
    c["GET /api/v1/codes/regions/{code}"] = {fixed("/api/v1/codes/regions/330106"), {}};
    c["GET /api/v1/codes/industries"] = {fixed("/api/v1/codes/industries"), {}};
    c["GET /api/v1/calendar/workdays"] = {fixed("/api/v1/calendar/workdays?from=2026-09-30&add=1"),
                                          {}};
    c["GET /readyz"] = {fixed("/readyz"), {}};
    // The working-day calendar: public reads; the versions for calendar.write;
    // entering a year only at the root unit, so the matrix's (county)
    // administrator is refused even inside its own scope.
    c["GET /api/v1/calendar/years"] = {fixed("/api/v1/calendar/years"), {}};
    c["GET /api/v1/calendar/years/{year}"] = {fixed("/api/v1/calendar/years/2026"), {}};
    c["GET /api/v1/calendar/years/{year}/versions"] = {
        fixed("/api/v1/calendar/years/2026/versions"), {}};
    c["PUT /api/v1/calendar/years/{year}"] = {
        [](const Caller&) {
          return Probe{
              "/api/v1/calendar/years/2027",
              json{{"days",
                    json::array({{{"date", "2027-01-01"}, {"kind", "holiday"}, {"name", "元旦"}}})}}
                  .dump()};
        },
        {},
        403};
    c["GET /api/v1/calendar/moved-deadlines"] = {fixed("/api/v1/calendar/moved-deadlines"), {}};
    c["GET /api/v1/entities"] = {fixed("/api/v1/entities"), {}};
    c["GET /api/v1/entities/{uscc}"] = {fixed("/api/v1/entities/91350100M000100Y43"), {}, 404};
    c["POST /api/v1/auth/login"] = {
        [this](const Caller& who) {
          const std::string u = who.username.empty() ? "m-login" : who.username;
          return Probe{"/api/v1/auth/login",
                       json{{"username", u}, {"password", password_[u]}}.dump()};
        },
        {}};
    // Self-registration: the same request again is a retry (201, no second
    // code); a code for a phone that never asked for one is 400 to everyone.
    c["POST /api/v1/applicants"] = {[](const Caller&) {
                                      return Probe{"/api/v1/applicants",
                                                   json{{"name", "赵小满"},
                                                        {"citizen_id", "330106197503140577"},
                                                        {"phone", "13905719999"},
                                                        {"password", "Matrix-signup-2026"}}
                                                       .dump()};
                                    },
                                    {},
                                    201};
    c["POST /api/v1/applicants/verify"] = {
        [](const Caller&) {
          return Probe{"/api/v1/applicants/verify",
                       json{{"phone", "13905718888"}, {"code", "123456"}}.dump()};
        },
        {},
        400};
    c["GET /api/v1/public/inspection/draws"] = {fixed("/api/v1/public/inspection/draws"), {}};
    c["GET /api/v1/workbench/todo"] = {fixed("/api/v1/workbench/todo"), {}};
    // 消息中心: anyone logged in, on their own messages (a message of the
    // caller's own is marked read; another user's id is 404, proven in
    // src/messages/routes_test.cc, so there is no "outside" to probe here).
    c["GET /api/v1/messages"] = {fixed("/api/v1/messages?unread=true"), {}};
    c["POST /api/v1/messages/read-all"] = {fixed("/api/v1/messages/read-all"), {}};
    c["POST /api/v1/messages/{id}/read"] = {
        [this](const Caller& who) {
          return Probe{"/api/v1/messages/" + OwnMessage(who) + "/read", "{}"};
        },
        {}};
    c["GET /api/v1/guides/{id}"] = {fixed("/api/v1/guides/establishment"), {}};
    c["GET /api/v1/deregistrations/periods"] = {fixed("/api/v1/deregistrations/periods"), {}};
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
    c["GET /api/v1/audit/actions"] = {fixed("/api/v1/audit/actions"), {}};
    // The public list as Excel; the leaders' figures, counted in their units' regions.
    c["GET /api/v1/entities/export.xlsx"] = {fixed("/api/v1/entities/export.xlsx?q=x"), {}};
    c["GET /api/v1/entities/stats"] = {fixed("/api/v1/entities/stats?region_code=330106"),
                                       fixed("/api/v1/entities/stats?region_code=330105")};
    // Registration: names.
    auto name_of = [this](std::string form = "有限公司") {
      // A fresh 字号 each call: 矩 + the serial in 甲乙丙… digits.
      static constexpr const char* kDigits[] = {"甲", "乙", "丙", "丁", "戊",
                                                "己", "庚", "辛", "壬", "癸"};
      std::string trade = "矩";
      for (char d : std::to_string(100 + ++serial_)) trade += kDigits[d - '0'];
      return trade + form;
    };
    c["GET /api/v1/names/check"] = {
        fixed("/api/v1/names/check?name=%E6%9D%AD%E5%B7%9E%E4%BA%91%E5%B8%86%E7%A7%91%E6%8A%80"
              "%E6%9C%89%E9%99%90%E5%85%AC%E5%8F%B8&authority=330106"),
        {}};
    c["GET /api/v1/names/pre-approval-items"] = {fixed("/api/v1/names/pre-approval-items"), {}};

    // 12315: anyone files and tracks (a wrong code is 404); the units' officers
    // list and decide complaints handled inside their scope. Each decision
    // probe gets a fresh complaint, placed at the caller's own unit (inside)
    // or at county-b (outside).
    const json complaint_body = {
        {"business", {{"name", "矩阵测试经营部"}, {"region_code", "330106"}}},
        {"consumer", {{"phone", "13812345678"}}},
        {"summary", "矩阵测试：商品与宣传不符，要求退货。"}};
    c["POST /api/v1/complaints"] = {[=](const Caller&) {
                                      return Probe{"/api/v1/complaints", complaint_body.dump()};
                                    },
                                    {},
                                    201};
    c["GET /api/v1/complaints/{id}/track"] = {
        fixed("/api/v1/complaints/999999/track?code=AAAAAAAAAA"), {}, 404};
    c["GET /api/v1/complaints/not-accept-reasons"] = {
        fixed("/api/v1/complaints/not-accept-reasons"), {}};
    c["GET /api/v1/complaints"] = {fixed("/api/v1/complaints"), {}};
    c["GET /api/v1/complaints/figures"] = {
        fixed("/api/v1/complaints/figures?from=2026-01-01&to=2026-12-31"), {}};
    c["POST /api/v1/complaints/{id}/rating"] = {
        [](const Caller&) {
          return Probe{"/api/v1/complaints/999999/rating",
                       json{{"code", "AAAAAAAAAA"}, {"rating", 5}}.dump()};
        },
        {},
        404};
    auto complaint_at = [this, complaint_body](int64_t unit, const char* state = "received",
                                               const char* kind = "complaint") {
      long long id = 0;
      const std::string code = Unique(), state_text = state, kind_text = kind;
      EXPECT_TRUE(testing::IsOk(db().Transaction([&](soci::session& sql) {
        // As filed on the portal, then placed at `unit`.
        sql << "INSERT INTO complaint (query_code, kind, channel, state, business_name, "
               "region_code, consumer_name, consumer_phone, summary, received_at, received_on, "
               "unit_id, unit_path, accept_due_on, check_due_on, updated_at) SELECT :q, :k, "
               "'portal', :st, '矩阵测试经营部', '330106', '矩阵举报人', '13812345678', "
               "'矩阵测试', "
               "'2026-09-29T10:00:00+08:00', '2026-09-29', id, path, '2026-10-15', '2026-10-26', "
               "'2026-09-29T10:00:00+08:00' FROM org_unit WHERE id = :u RETURNING id",
            soci::use(code), soci::use(kind_text), soci::use(state_text), soci::use(unit),
            soci::into(id);
        return OkStatus();
      })));
      return std::to_string(id);
    };
    // Reports: taking one, reading its reporter (only once on it), deciding
    // after the check (an accepted report) and a leader's extension.
    auto report_at = [this, complaint_at](int64_t unit, const char* state,
                                          const std::string& handler) {
      const std::string id = complaint_at(unit, state, "report");
      if (!handler.empty()) {
        EXPECT_TRUE(testing::IsOk(db().Transaction([&](soci::session& sql) {
          const long long key = std::stoll(id);
          sql << "INSERT INTO complaint_handler (complaint_id, username, since) VALUES (:c, :u, "
                 "'2026-09-29T10:00:00+08:00')",
              soci::use(key), soci::use(handler);
          return OkStatus();
        })));
      }
      return id;
    };
    c["GET /api/v1/complaints/hot-spots"] = {
        fixed("/api/v1/complaints/hot-spots?from=2026-01-01&to=2026-12-31"), {}};
    c["GET /api/v1/complaints/units"] = {fixed("/api/v1/complaints/units?region_code=330106"), {}};
    c["GET /api/v1/complaints/problem-kinds"] = {fixed("/api/v1/complaints/problem-kinds"), {}};
    c["POST /api/v1/complaints/{id}/take"] = {
        [=](const Caller& who) {
          return Probe{"/api/v1/complaints/" + report_at(who.home, "received", "") + "/take", ""};
        },
        [=, this](const Caller&) {
          return Probe{"/api/v1/complaints/" + report_at(t_.b.id, "received", "") + "/take", ""};
        }};
    c["GET /api/v1/complaints/{id}/reporter"] = {
        [=](const Caller& who) {
          return Probe{
              "/api/v1/complaints/" + report_at(who.home, "received", who.username) + "/reporter",
              ""};
        },
        [=, this](const Caller& who) {
          return Probe{
              "/api/v1/complaints/" + report_at(t_.b.id, "received", who.username) + "/reporter",
              ""};
        }};
    {
      const std::string decision =
          json{{"decision", "not_filed"}, {"note", "矩阵测试：经核查未发现违法行为。"}}.dump();
      c["POST /api/v1/complaints/{id}/report-decision"] = {
          [=](const Caller& who) {
            return Probe{
                "/api/v1/complaints/" + report_at(who.home, "accepted", "") + "/report-decision",
                decision};
          },
          [=, this](const Caller&) {
            return Probe{
                "/api/v1/complaints/" + report_at(t_.b.id, "accepted", "") + "/report-decision",
                decision};
          }};
      const std::string reason = json{{"reason", "矩阵测试：样品送检"}}.dump();
      c["POST /api/v1/complaints/{id}/extend-check"] = {
          [=](const Caller& who) {
            return Probe{
                "/api/v1/complaints/" + report_at(who.home, "received", "") + "/extend-check",
                reason};
          },
          [=, this](const Caller&) {
            return Probe{
                "/api/v1/complaints/" + report_at(t_.b.id, "received", "") + "/extend-check",
                reason};
          }};
    }
    // The registers: an entry is kept by the county of the business (a
    // station's officers keep their county's); each enrolment a new business.
    c["GET /api/v1/consumer-registers"] = {fixed("/api/v1/consumer-registers?kind=odr"), {}};
    auto business_in = [this](const std::string& region) {
      const std::string digits = fmt::format("{:07d}", ++serial_ % 10000000);
      const std::string first17 = "91" + region + "MA" + digits;
      const std::string uscc = first17 + codes::UsccCheckChar(first17);
      EXPECT_TRUE(testing::IsOk(db().Transaction([&](soci::session& sql) {
        registry::Entity e;
        e.uscc = uscc;
        e.name = "矩阵名录测试商店" + digits;
        e.region_code = region;
        e.industry_code = "52";
        e.established_on = ChinaDate(clock_.Now());
        return registry::InsertEntity(sql, e, FormatChinaTime(clock_.Now()));
      })));
      return uscc;
    };
    auto region_of = [this](int64_t unit) { return unit == t_.b.id ? "330105" : "330106"; };
    c["POST /api/v1/consumer-registers"] = {
        [=](const Caller& who) {
          return Probe{"/api/v1/consumer-registers",
                       json{{"kind", "odr"}, {"uscc", business_in(region_of(who.home))}}.dump()};
        },
        [=](const Caller&) {
          return Probe{"/api/v1/consumer-registers",
                       json{{"kind", "offline_return"}, {"uscc", business_in("330105")}}.dump()};
        },
        201};
    auto entry_at = [this](int64_t county) {
      long long id = 0;
      EXPECT_TRUE(testing::IsOk(db().Transaction([&](soci::session& sql) {
        sql << "INSERT INTO consumer_register (kind, uscc, business_name, unit_path, from_on, "
               "recorded_by, recorded_at) SELECT 'assured_consumption', '91330106MAGCWHUC74', "
               "'矩阵名录测试', path, '2026-09-01', 'm', '2026-09-01T09:00:00+08:00' FROM "
               "org_unit WHERE id = :u RETURNING id",
            soci::use(county), soci::into(id);
        return OkStatus();
      })));
      return std::to_string(id);
    };
    c["POST /api/v1/consumer-registers/{id}/end"] = {
        [=, this](const Caller& who) {
          const int64_t county = who.home == t_.b.id || who.home == t_.b1.id ? t_.b.id : t_.a.id;
          return Probe{"/api/v1/consumer-registers/" + entry_at(county) + "/end", ""};
        },
        [=, this](const Caller&) {
          return Probe{"/api/v1/consumer-registers/" + entry_at(t_.b.id) + "/end", ""};
        }};
    // Case leads: one passed on by the caller's unit, one by 乙县局.
    auto lead_at = [this](int64_t unit) {
      long long id = 0;
      EXPECT_TRUE(testing::IsOk(db().Transaction([&](soci::session& sql) {
        sql << "INSERT INTO case_lead (source, uscc, description, org_unit_id, status, "
               "created_at) VALUES ('inspection', '91330106MAGCWHUC74', '矩阵测试线索', :u, "
               "'open', '2026-09-29T10:00:00+08:00') RETURNING id",
            soci::use(unit), soci::into(id);
        return OkStatus();
      })));
      return std::to_string(id);
    };
    c["GET /api/v1/leads"] = {fixed("/api/v1/leads"), {}};
    c["GET /api/v1/leads/{id}"] = {[=](const Caller& who) {
                                     return Probe{"/api/v1/leads/" + lead_at(who.home), ""};
                                   },
                                   [=, this](const Caller&) {
                                     return Probe{"/api/v1/leads/" + lead_at(t_.b.id), ""};
                                   }};
    // Mediation: on a complaint already accepted (decided 2026-09-29).
    for (auto [route, suffix, body] :
         {std::tuple{"POST /api/v1/complaints/{id}/sessions", "sessions",
                     json{{"held_on", "2026-09-29"}, {"note", "矩阵测试"}}},
          std::tuple{"POST /api/v1/complaints/{id}/close", "close",
                     json{{"outcome", "withdrawn"}}}}) {
      const std::string path_suffix = suffix, text = body.dump();
      auto accepted_at = [=, this](int64_t unit) {
        const std::string id = complaint_at(unit, "accepted");
        EXPECT_TRUE(testing::IsOk(db().Transaction([&](soci::session& sql) {
          const long long key = std::stoll(id);
          sql << "UPDATE complaint SET decided_on = '2026-09-29', mediation_due_on = '2026-12-02' "
                 "WHERE id = :id",
              soci::use(key);
          return OkStatus();
        })));
        return id;
      };
      c[route] = {
          [=](const Caller& who) {
            return Probe{"/api/v1/complaints/" + accepted_at(who.home) + "/" + path_suffix, text};
          },
          [=, this](const Caller&) {
            return Probe{"/api/v1/complaints/" + accepted_at(t_.b.id) + "/" + path_suffix, text};
          },
          std::string(suffix) == "sessions" ? 201 : 200};
    }
    for (auto [route, suffix, body] :
         {std::tuple{"POST /api/v1/complaints/{id}/accept", "accept", json::object()},
          std::tuple{"POST /api/v1/complaints/{id}/not-accept", "not-accept",
                     json{{"reason", "no_jurisdiction"}}},
          std::tuple{"POST /api/v1/complaints/{id}/transfer", "transfer",
                     json{{"unit_code", "county-b"}, {"note", "矩阵测试"}}}}) {
      const std::string path_suffix = suffix, text = body.dump();
      c[route] = {
          [=](const Caller& who) {
            return Probe{"/api/v1/complaints/" + complaint_at(who.home) + "/" + path_suffix, text};
          },
          [=, this](const Caller&) {
            return Probe{"/api/v1/complaints/" + complaint_at(t_.b.id) + "/" + path_suffix, text};
          }};
    }
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
        ASSIGN_OR_RETURN(auto r, names.Reserve(sql, {name_of(), region, "", user, path, "", ""},
                                               audit::Actor{}));
        id = r.id;
        return OkStatus();
      })));
      return Probe{"/api/v1/names/reservations/" + std::to_string(id), ""};
    };
    c["GET /api/v1/names/reservations/{id}"] = {
        [=](const Caller& who) { return reservation(who.username, "330106"); },
        [=](const Caller&) { return reservation("m-login", "330105"); }};

    // Registration: 企业开办 applications and department steps.
    // Applications are made through the service (as the platform) so that each
    // probe has a fresh one in the state its route needs: in county-a / the
    // tax department (inside) or county-b / county-a (outside).
    // A fresh name each time: names are recorded at registration (Art. 17).
    auto est_form = [=](const std::string& region, bool review) {
      json f = {{"kind", "个体工商户"},
                {"name", name_of("百货店")},
                {"legal_rep", {{"name", "张三"}, {"citizen_id", "11010519491231002X"}}},
                {"address", "矩阵路 1 号"},
                {"address_commitment", true},
                {"scope", review ? json{"G01", "P04"} : json{"G01"}},
                {"region_code", region},
                {"industry_code", "52"},
                {"materials", {"application_form", "legal_rep_id", "address_commitment"}},
                {"options", {{"seal", {{"kinds", {"公章"}}}}, {"tax", json::object()}}}};
      return f;
    };
    auto est_principal = [this](const std::string& username, identity::UserKind kind,
                                std::optional<Role> role, const identity::OrgUnit* unit) {
      auto p = std::make_shared<identity::Principal>();
      long long id = 0;
      EXPECT_TRUE(testing::IsOk(db().ReadTransaction([&](soci::session& sql) {
        sql << "SELECT id FROM app_user WHERE username = :u", soci::use(username), soci::into(id);
        return OkStatus();
      })));
      p->user_id = id;
      p->username = username;
      p->kind = kind;
      if (role) p->grants.push_back({*role, unit->Ref()});
      return p;
    };
    // Submits `form` (as `who`, or the platform), optionally claims it as the
    // matrix registrar; returns the application.
    auto est_app = [=, this](const json& form, std::shared_ptr<identity::Principal> who,
                             bool claim) {
      establishment::EstablishmentService service(establishment::Rules::Default(), clock_,
                                                  codes::ShippedCalendar());
      // The matrix registrar claims county-a's applications; the platform county-b's.
      std::shared_ptr<identity::Principal> registrar;
      if (claim && form["region_code"] == "330106") {
        registrar =
            est_principal("m-registrar", identity::UserKind::kStaff, Role::kRegistrar, &t_.a);
      }
      establishment::Application app;
      EXPECT_TRUE(testing::IsOk(db().Transaction([&](soci::session& sql) -> Status {
        ASSIGN_OR_RETURN(establishment::Form f,
                         establishment::ParseForm(form, service.rules(), ChinaDate(clock_.Now())));
        identity::Caller caller;
        caller.principal = who.get();
        ASSIGN_OR_RETURN(app, service.Submit(sql, caller, establishment::Channel::kOnline, f));
        if (claim) {
          identity::Caller as;
          as.principal = registrar.get();
          ASSIGN_OR_RETURN(app, service.Claim(sql, as, app.id));
        }
        return OkStatus();
      })));
      return app;
    };
    auto est_step = [](const establishment::Application& app, const std::string& kind) {
      for (const auto& s : app.steps) {
        if (s.kind == kind) return s.id;
      }
      return int64_t{0};
    };
    // Moves a step to `state` as the platform (claimed, returned).
    auto est_set_step = [this](int64_t step, const std::string& state) {
      long long id = step;
      EXPECT_TRUE(testing::IsOk(db().Transaction([&](soci::session& sql) {
        sql << "UPDATE establishment_step SET state = :s WHERE id = :id", soci::use(state),
            soci::use(id);
        return OkStatus();
      })));
    };
    auto applicant = [=]() {
      return est_principal("m-applicant", identity::UserKind::kApplicant, std::nullopt, nullptr);
    };
    c["POST /api/v1/establishments"] = {
        [=](const Caller&) {
          return Probe{"/api/v1/establishments", est_form("330106", false).dump()};
        },
        {},
        201};
    c["POST /api/v1/window/establishments"] = {
        [=](const Caller&) {
          return Probe{"/api/v1/window/establishments", est_form("330106", false).dump()};
        },
        [=](const Caller&) {
          return Probe{"/api/v1/window/establishments", est_form("330105", false).dump()};
        },
        201};
    c["GET /api/v1/establishments/stats"] = {
        [this](const Caller& who) {
          return Probe{"/api/v1/establishments/stats?from=2026-01-01&to=2026-12-31&org_unit_id=" +
                           Id(who.home),
                       ""};
        },
        [this](const Caller&) {
          return Probe{"/api/v1/establishments/stats?from=2026-01-01&to=2026-12-31&org_unit_id=" +
                           Id(t_.b1.id),
                       ""};
        }};
    c["GET /api/v1/establishments"] = {fixed("/api/v1/establishments"), {}};
    c["GET /api/v1/establishments/{id}"] = {
        [=](const Caller&) {
          auto app = est_app(est_form("330106", false), applicant(), false);
          return Probe{"/api/v1/establishments/" + std::to_string(app.id), ""};
        },
        [=](const Caller&) {
          auto app = est_app(est_form("330106", false), nullptr, false);
          return Probe{"/api/v1/establishments/" + std::to_string(app.id), ""};
        }};
    auto resubmit = [=](std::shared_ptr<identity::Principal> who) {
      auto app = est_app(est_form("330106", false), who, false);
      const int64_t step = est_step(app, "tax");
      est_set_step(step, "returned");
      return Probe{"/api/v1/establishments/" + std::to_string(app.id) + "/steps/" +
                       std::to_string(step) + "/resubmit",
                   json{{"note", "已补正"}}.dump()};
    };
    c["POST /api/v1/establishments/{id}/steps/{step_id}/resubmit"] = {
        [=](const Caller&) { return resubmit(applicant()); },
        [=](const Caller&) { return resubmit(nullptr); }};
    c["GET /api/v1/registration/queue"] = {
        [this](const Caller& who) {
          return Probe{"/api/v1/registration/queue?org_unit_id=" + Id(who.home), ""};
        },
        [this](const Caller&) {
          return Probe{"/api/v1/registration/queue?org_unit_id=" + Id(t_.b1.id), ""};
        }};
    c["GET /api/v1/registration/applications/{id}"] = {
        [=](const Caller&) {
          auto app = est_app(est_form("330106", true), nullptr, false);
          return Probe{"/api/v1/registration/applications/" + std::to_string(app.id), ""};
        },
        [=](const Caller&) {
          auto app = est_app(est_form("330105", true), nullptr, false);
          return Probe{"/api/v1/registration/applications/" + std::to_string(app.id), ""};
        }};
    auto registrar_action = [=](const std::string& action, bool claim, const std::string& body) {
      return RouteCase{
          [=](const Caller&) {
            auto app = est_app(est_form("330106", true), nullptr, claim);
            return Probe{
                "/api/v1/registration/applications/" + std::to_string(app.id) + "/" + action, body};
          },
          [=](const Caller&) {
            auto app = est_app(est_form("330105", true), nullptr, claim);
            return Probe{
                "/api/v1/registration/applications/" + std::to_string(app.id) + "/" + action, body};
          }};
    };
    c["POST /api/v1/registration/applications/{id}/claim"] = registrar_action("claim", false, "");
    c["POST /api/v1/registration/applications/{id}/approve"] =
        registrar_action("approve", true, "");
    c["POST /api/v1/registration/applications/{id}/reject"] =
        registrar_action("reject", true, json{{"reason", "材料不齐"}}.dump());
    c["GET /api/v1/department/steps"] = {
        [this](const Caller& who) {
          return Probe{"/api/v1/department/steps?org_unit_id=" + Id(who.home), ""};
        },
        [this](const Caller&) {
          return Probe{"/api/v1/department/steps?org_unit_id=" + Id(t_.a.id), ""};
        }};
    // The tax step goes to dept-tax (inside the officer's scope); the matrix
    // tree has no seal department, so the seal step stays with county-a (outside).
    auto step_action = [=](const std::string& action, const std::string& state,
                           const std::string& body) {
      auto probe = [=](const std::string& kind) {
        auto app = est_app(est_form("330106", false), nullptr, false);
        const int64_t step = est_step(app, kind);
        if (!state.empty()) est_set_step(step, state);
        return Probe{"/api/v1/department/steps/" + std::to_string(step) + "/" + action, body};
      };
      return RouteCase{[=](const Caller&) { return probe("tax"); },
                       [=](const Caller&) { return probe("seal"); }};
    };
    c["POST /api/v1/department/steps/{id}/claim"] = step_action("claim", "", "");
    c["POST /api/v1/department/steps/{id}/complete"] = step_action(
        "complete", "claimed", json{{"result", {{"tax_registration", "已登记"}}}}.dump());
    c["POST /api/v1/department/steps/{id}/return"] =
        step_action("return", "", json{{"reason", "请补正"}}.dump());
    c["GET /api/v1/department/notices"] = {
        [this](const Caller& who) {
          return Probe{"/api/v1/department/notices?org_unit_id=" + Id(who.home), ""};
        },
        [this](const Caller&) {
          return Probe{"/api/v1/department/notices?org_unit_id=" + Id(t_.a.id), ""};
        }};
    // A 药品经营许可 notice: the matrix tree has no drug department, so it
    // stays with county-a (outside); moved to dept-tax for the inside probe.
    auto notice_action = [=, this](const std::string& action, const std::string& body) {
      auto probe = [=, this](bool inside) {
        auto app = est_app(est_form("330106", true), nullptr, true);
        establishment::EstablishmentService service(establishment::Rules::Default(), clock_,
                                                    codes::ShippedCalendar());
        long long notice = 0;
        EXPECT_TRUE(testing::IsOk(db().Transaction([&](soci::session& sql) -> Status {
          ASSIGN_OR_RETURN(auto approved, service.Approve(sql, identity::Caller{}, app.id));
          notice = approved.notices.at(0).id;
          if (inside) {
            long long tax = t_.tax.id;
            sql << "UPDATE establishment_notice SET org_unit_id = :u WHERE id = :id",
                soci::use(tax), soci::use(notice);
          }
          return OkStatus();
        })));
        return Probe{"/api/v1/department/notices/" + std::to_string(notice) + "/" + action, body};
      };
      return RouteCase{[=](const Caller&) { return probe(true); },
                       [=](const Caller&) { return probe(false); }};
    };
    c["POST /api/v1/department/notices/{id}/claim"] = notice_action("claim", "");
    c["POST /api/v1/department/notices/{id}/return"] =
        notice_action("return", json{{"reason", "不属本部门"}}.dump());
    // Outbox (webhooks): subscriptions and deliveries belong to no unit, so
    // there is nothing to be outside of; unknown ids answer 404 past the guard.
    c["GET /api/v1/outbox/subscriptions"] = {fixed("/api/v1/outbox/subscriptions"), {}};
    c["POST /api/v1/outbox/subscriptions"] = {
        [this](const Caller&) {
          return Probe{"/api/v1/outbox/subscriptions",
                       json{{"topic", "matrix." + Unique()},
                            {"endpoint_url", "http://127.0.0.1:9/hook"},
                            {"secret", "matrix-secret-0123456789"}}
                           .dump()};
        },
        {},
        201};
    c["GET /api/v1/outbox/subscriptions/{id}"] = {
        fixed("/api/v1/outbox/subscriptions/999999"), {}, 404};
    c["PATCH /api/v1/outbox/subscriptions/{id}"] = {
        [](const Caller&) {
          return Probe{"/api/v1/outbox/subscriptions/999999", json{{"active", false}}.dump()};
        },
        {},
        404};
    c["GET /api/v1/outbox/dead-letters"] = {fixed("/api/v1/outbox/dead-letters"), {}};
    c["GET /api/v1/outbox/deliveries/{id}"] = {fixed("/api/v1/outbox/deliveries/999999"), {}, 404};
    c["POST /api/v1/outbox/dead-letters/{id}/retry"] = {
        fixed("/api/v1/outbox/dead-letters/999999/retry"), {}, 404};
    // lifecycle:sched begin
    // Persistent timers belong to no unit either: only the permission counts.
    c["GET /api/v1/scheduler/timers"] = {fixed("/api/v1/scheduler/timers?state=pending"), {}};
    // lifecycle:sched end

    // Registration: electronic business licences.
    // m-applicant administers the licence of `in`; another applicant holds
    // `out` (outside: another entity's licence). One authorisation of `in`
    // for the DELETE, one QR token for the public page.
    {
      struct Seeded {
        std::string in = "91330106MA2M00001X", out = "91330106MA2M00002X", token, document;
        int64_t authorization = 0;
      };
      auto seeded = std::make_shared<Seeded>();
      auto other = identity::testing::AddApplicant(db(), clock_, app_->hasher(), "m-holder-out");
      EXPECT_TRUE(other.ok());
      Status s = db().Transaction([&](soci::session& sql) -> Status {
        ASSIGN_OR_RETURN(identity::User me, identity::GetUserByUsername(sql, "m-applicant"));
        const std::string now = FormatChinaTime(clock_.Now());
        for (const std::string& uscc : {seeded->in, seeded->out}) {
          registry::Entity e;
          e.uscc = uscc;
          e.name = "矩阵示例有限公司" + uscc.substr(14, 2);
          e.org_form = "有限责任公司";
          e.region_code = "330106";
          e.industry_code = "65";
          e.legal_rep_name = "张三";
          e.address = "杭州市西湖区";
          e.established_on = ChinaDate(clock_.Now());
          RETURN_IF_ERROR(registry::InsertEntity(sql, e, now));
          ASSIGN_OR_RETURN(
              license::IssuedLicense l,
              license::IssueLicense(sql, e,
                                    {"软件开发", "杭州市西湖区市场监督管理局",
                                     uscc == seeded->in ? me.id : other->id, std::nullopt},
                                    clock_));
          if (uscc == seeded->in) seeded->document = l.document.ToJsonText();
        }
        license::NewAuthorization g;
        g.agent_user_id = target_of_[t_.a.id];
        g.tasks = {"tax"};
        g.valid_from = ChinaDate(clock_.Now());
        g.valid_until = g.valid_from.AddDays(30);
        audit::Actor actor;
        actor.user_id = me.id;
        ASSIGN_OR_RETURN(license::Authorization a,
                         license::GrantAuthorization(sql, seeded->in, g, actor, clock_));
        seeded->authorization = a.id;
        ASSIGN_OR_RETURN(license::QrToken t,
                         license::CreateQrToken(sql, seeded->in, std::chrono::seconds(600),
                                                audit::Actor{}, clock_));
        seeded->token = t.token;
        return OkStatus();
      });
      EXPECT_TRUE(testing::IsOk(s));
      auto at = [seeded](bool inside, std::string rest, std::string body = "") {
        return [seeded, inside, rest, body](const Caller&) {
          return Probe{"/api/v1/licenses/" + (inside ? seeded->in : seeded->out) + rest, body};
        };
      };
      // ODR: m-applicant administers `in`; a complaint sent first to `in`
      // (inside) or to `out` (outside) is answered.
      c["GET /api/v1/complaints/odr"] = {fixed("/api/v1/complaints/odr"), {}};
      auto odr_complaint = [this, seeded](bool inside) {
        long long id = 0;
        const std::string code = Unique(), uscc = inside ? seeded->in : seeded->out;
        EXPECT_TRUE(testing::IsOk(db().Transaction([&](soci::session& sql) {
          sql << "INSERT INTO complaint (query_code, kind, channel, state, business_uscc, "
                 "business_name, region_code, consumer_phone, summary, received_at, "
                 "received_on, unit_id, unit_path, accept_due_on, odr_due_on, updated_at) "
                 "SELECT :q, 'complaint', 'portal', 'with_business', :b, '矩阵示例有限公司', "
                 "'330106', '13812345678', '矩阵测试', '2026-09-29T10:00:00+08:00', "
                 "'2026-09-29', id, path, '', '2026-10-19', '2026-09-29T10:00:00+08:00' FROM "
                 "org_unit WHERE code = 'county-a' RETURNING id",
              soci::use(code), soci::use(uscc), soci::into(id);
          return OkStatus();
        })));
        return std::to_string(id);
      };
      const std::string answer = json{{"result", "refused"}, {"note", "矩阵测试"}}.dump();
      c["POST /api/v1/complaints/{id}/odr-answer"] = {
          [=](const Caller&) {
            return Probe{"/api/v1/complaints/" + odr_complaint(true) + "/odr-answer", answer};
          },
          [=](const Caller&) {
            return Probe{"/api/v1/complaints/" + odr_complaint(false) + "/odr-answer", answer};
          }};
      c["GET /api/v1/licenses/keys"] = {fixed("/api/v1/licenses/keys"), {}};
      c["POST /api/v1/licenses/verify"] = {
          [seeded](const Caller&) {
            return Probe{"/api/v1/licenses/verify", seeded->document};
          },
          {}};
      c["GET /api/v1/licenses/verify"] = {
          fixed("/api/v1/licenses/verify?uscc=91330106MA2M00001X&serial=20260000000001"), {}};
      c["GET /api/v1/licenses/verify/{token}"] = {
          [seeded](const Caller&) {
            return Probe{"/api/v1/licenses/verify/" + seeded->token, ""};
          },
          {}};
      c["GET /api/v1/licenses/{uscc}"] = {at(true, ""), at(false, "")};
      c["GET /api/v1/licenses/{uscc}/pdf"] = {at(true, "/pdf"), at(false, "/pdf")};
      c["POST /api/v1/licenses/{uscc}/qr"] = {at(true, "/qr"), at(false, "/qr"), 201};
      c["GET /api/v1/licenses/{uscc}/authorizations"] = {at(true, "/authorizations"),
                                                         at(false, "/authorizations")};
      const std::string grant = json{
          {"agent_user_id", target_of_[t_.a.id]},
          {"tasks", {"annual_report"}},
          {"valid_until",
           "2026-12-31"}}.dump();
      c["POST /api/v1/licenses/{uscc}/authorizations"] = {at(true, "/authorizations", grant),
                                                          at(false, "/authorizations", grant), 201};
      c["DELETE /api/v1/licenses/{uscc}/authorizations/{id}"] = {
          [seeded](const Caller&) {
            return Probe{"/api/v1/licenses/" + seeded->in + "/authorizations/" +
                             std::to_string(seeded->authorization),
                         ""};
          },
          at(false, "/authorizations/1")};
    }

    // Supervision: 双随机、一公开.
    // Fixtures through the real stores: a department under `unit` with one
    // labelled entity, two officers (the first linked to `officer_user`), its
    // items, a plan and a task at `unit`, taken to `stage`.
    struct InspectionFixture {
      int64_t plan_id = 0, task_id = 0, visit_id = 0;
      std::vector<int64_t> item_ids;
    };
    enum class Stage { kPlanned, kPublished, kDrawn, kProblemEntered };
    auto fixture = [this](int64_t unit, Stage stage,
                          const std::string& officer_user) -> InspectionFixture {
      namespace it = inspection::testing;
      const std::string p = Unique();
      InspectionFixture f;
      auto dept = it::AddUnit(db(), clock_, unit, "d-" + p, "矩阵部门", "department", "market");
      EXPECT_TRUE(dept.ok());
      if (!dept.ok()) return f;
      auto usccs = it::AddEntities(db(), clock_, "D", 10000 + 7 * serial_);
      EXPECT_TRUE(usccs.ok());
      if (!usccs.ok()) return f;
      EXPECT_TRUE(it::Label(db(), clock_, *usccs, p, dept->code).ok());
      EXPECT_TRUE(it::Import(db(), clock_, inspection::LibraryKind::kOfficers,
                             "code,name,org_unit_code,station_code,username,qualifications,"
                             "status,conflicts\n" +
                                 p + "-1,矩阵一," + dept->code + ",," + officer_user +
                                 ",,active,\n" + p + "-2,矩阵二," + dept->code + ",,,,active,\n")
                      .ok());
      auto joint = it::PlanJointTask(db(), clock_, unit, dept->code, dept->code, p, p,
                                     stage != Stage::kPlanned);
      EXPECT_TRUE(joint.ok()) << joint.status().ToString();
      if (!joint.ok()) return f;
      f.plan_id = joint->plan_id;
      f.task_id = joint->task_id;
      f.item_ids = joint->item_ids;
      if (stage == Stage::kPlanned || stage == Stage::kPublished) return f;
      EXPECT_TRUE(it::Draw(db(), clock_, f.task_id, "matrix").ok());
      (void)db().Transaction([&](soci::session& sql) -> Status {
        long long task = f.task_id, visit = 0;
        sql << "SELECT MIN(id) FROM inspection_visit WHERE task_id = :t", soci::use(task),
            soci::into(visit);
        f.visit_id = visit;
        if (stage != Stage::kProblemEntered) return OkStatus();
        inspection::ResultInput in;
        in.state = "problem_pending";
        in.check_date = ChinaDate(clock_.Now());
        return inspection::EnterResult(sql, f.visit_id, in, it::System(), clock_,
                                       *codes::ShippedCalendar().Current())
            .status();
      });
      return f;
    };
    auto unit_code = [this](int64_t id) {
      for (const identity::OrgUnit* u : {&t_.a, &t_.a1, &t_.tax, &t_.b1}) {
        if (u->id == id) return u->code;
      }
      return std::string("county-a");
    };
    auto item_csv = [this](const std::string& code) {
      return "code,org_unit_code,name,category,legal_basis,content,entity_kinds,industries\n" +
             Unique() + "," + code + ",矩阵事项,general,,,,\n";
    };
    c["GET /api/v1/inspection/library/{kind}"] = {
        [this](const Caller& who) {
          return Probe{"/api/v1/inspection/library/items?org_unit_id=" + Id(who.home), ""};
        },
        [this](const Caller&) {
          return Probe{"/api/v1/inspection/library/officers?org_unit_id=" + Id(t_.b1.id), ""};
        }};
    c["POST /api/v1/inspection/library/{kind}/import"] = {
        [=](const Caller& who) {
          return Probe{"/api/v1/inspection/library/items/import", item_csv(unit_code(who.home))};
        },
        [=](const Caller&) {
          return Probe{"/api/v1/inspection/library/items/import", item_csv("station-b1")};
        },
        201};
    auto new_plan = [](int64_t unit) {
      return Probe{"/api/v1/inspection/plans",
                   json{{"org_unit_id", unit}, {"year", 2026}, {"name", "矩阵计划"}}.dump()};
    };
    c["POST /api/v1/inspection/plans"] = {[=](const Caller& who) { return new_plan(who.home); },
                                          [=, this](const Caller&) { return new_plan(t_.b1.id); },
                                          201};
    auto file_plan = [=](int64_t unit) {
      return Probe{"/api/v1/inspection/plans/" +
                       std::to_string(fixture(unit, Stage::kPlanned, "").plan_id) + "/file",
                   ""};
    };
    c["POST /api/v1/inspection/plans/{id}/file"] = {
        [=](const Caller& who) { return file_plan(who.home); },
        [=, this](const Caller&) { return file_plan(t_.b1.id); }};
    auto new_task = [=](int64_t unit) {
      InspectionFixture f = fixture(unit, Stage::kPlanned, "");
      return Probe{"/api/v1/inspection/tasks", json{{"plan_id", f.plan_id},
                                                    {"name", "矩阵任务"},
                                                    {"item_ids", f.item_ids},
                                                    {"ratios", {{"A", 0.05}, {"D", 1}}}}
                                                   .dump()};
    };
    c["POST /api/v1/inspection/tasks"] = {[=](const Caller& who) { return new_task(who.home); },
                                          [=, this](const Caller&) { return new_task(t_.b1.id); },
                                          201};
    c["GET /api/v1/inspection/tasks"] = {fixed("/api/v1/inspection/tasks"), {}};
    c["GET /api/v1/inspection/plans"] = {fixed("/api/v1/inspection/plans"), {}};
    c["GET /api/v1/inspection/settings"] = {fixed("/api/v1/inspection/settings"), {}};
    c["GET /api/v1/licenses"] = {fixed("/api/v1/licenses"), {}};
    c["GET /api/v1/department/liquidations"] = {fixed("/api/v1/department/liquidations"), {}};
    c["GET /api/v1/registration/liquidations"] = {fixed("/api/v1/registration/liquidations"), {}};
    auto task_probe = [=](int64_t unit, Stage stage, const std::string& suffix,
                          const std::string& body) {
      return Probe{
          "/api/v1/inspection/tasks/" + std::to_string(fixture(unit, stage, "").task_id) + suffix,
          body};
    };
    c["GET /api/v1/inspection/tasks/{id}"] = {
        [=](const Caller& who) { return task_probe(who.home, Stage::kPlanned, "", ""); },
        [=, this](const Caller&) { return task_probe(t_.b1.id, Stage::kPlanned, "", ""); }};
    c["POST /api/v1/inspection/tasks/{id}/pool"] = {
        [=](const Caller& who) { return task_probe(who.home, Stage::kPlanned, "/pool", ""); },
        [=, this](const Caller&) { return task_probe(t_.b1.id, Stage::kPlanned, "/pool", ""); }};
    const std::string entropy = json{{"entropy", "矩阵见证"}, {"witness", "王五"}}.dump();
    c["POST /api/v1/inspection/tasks/{id}/draw"] = {
        [=](const Caller& who) {
          return task_probe(who.home, Stage::kPublished, "/draw", entropy);
        },
        [=, this](const Caller&) {
          return task_probe(t_.b1.id, Stage::kPublished, "/draw", entropy);
        }};
    c["GET /api/v1/public/inspection/tasks/{id}/draw"] = {
        [=, this](const Caller&) {
          return Probe{"/api/v1/public/inspection/tasks/" +
                           std::to_string(fixture(t_.a.id, Stage::kDrawn, "").task_id) + "/draw",
                       ""};
        },
        {}};
    c["GET /api/v1/inspection/visits"] = {fixed("/api/v1/inspection/visits"), {}};
    // Only an officer assigned to the visit may enter its result or send a lead.
    const std::string result =
        json{{"state", "no_problem"}, {"check_date", "2026-11-24"}, {"notes", "矩阵"}}.dump();
    // The officer linked to the caller's login (staff only; applicants have none).
    auto assigned = [](const Caller& who) {
      return who.role == Role::kInspector ? who.username : std::string();
    };
    c["PUT /api/v1/inspection/visits/{id}/result"] = {
        [=](const Caller& who) {
          return Probe{
              "/api/v1/inspection/visits/" +
                  std::to_string(fixture(who.home, Stage::kDrawn, assigned(who)).visit_id) +
                  "/result",
              result};
        },
        [=](const Caller& who) {
          return Probe{"/api/v1/inspection/visits/" +
                           std::to_string(fixture(who.home, Stage::kDrawn, "").visit_id) +
                           "/result",
                       result};
        }};
    const std::string lead = json{{"description", "发现问题，移送立案"}}.dump();
    c["POST /api/v1/inspection/visits/{id}/case-lead"] = {
        [=](const Caller& who) {
          return Probe{"/api/v1/inspection/visits/" +
                           std::to_string(
                               fixture(who.home, Stage::kProblemEntered, assigned(who)).visit_id) +
                           "/case-lead",
                       lead};
        },
        [=](const Caller& who) {
          return Probe{"/api/v1/inspection/visits/" +
                           std::to_string(fixture(who.home, Stage::kProblemEntered, "").visit_id) +
                           "/case-lead",
                       lead};
        },
        201};
    // Photos: only an officer assigned to the visit adds one; its officers and
    // those whose scope covers the task see them.
    const std::string photo = std::string("\xFF\xD8\xFF\xE0", 4) + "matrix";
    auto photos_of = [=](int64_t visit) {
      return "/api/v1/inspection/visits/" + std::to_string(visit) + "/photos";
    };
    c["POST /api/v1/inspection/visits/{id}/photos"] = {
        [=](const Caller& who) {
          return Probe{photos_of(fixture(who.home, Stage::kDrawn, assigned(who)).visit_id), photo,
                       "image/jpeg"};
        },
        [=](const Caller& who) {
          return Probe{photos_of(fixture(who.home, Stage::kDrawn, "").visit_id), photo,
                       "image/jpeg"};
        },
        201};
    c["GET /api/v1/inspection/visits/{id}/photos"] = {
        [=](const Caller& who) {
          return Probe{photos_of(fixture(who.home, Stage::kDrawn, "").visit_id), ""};
        },
        [=, this](const Caller&) {
          return Probe{photos_of(fixture(t_.b1.id, Stage::kDrawn, "").visit_id), ""};
        }};
    // A photo that is not there: 404 once the caller may look.
    c["GET /api/v1/inspection/visits/{id}/photos/{sha256}"] = {
        [=](const Caller& who) {
          return Probe{
              photos_of(fixture(who.home, Stage::kDrawn, "").visit_id) + "/" + std::string(64, 'a'),
              ""};
        },
        [=, this](const Caller&) {
          return Probe{
              photos_of(fixture(t_.b1.id, Stage::kDrawn, "").visit_id) + "/" + std::string(64, 'a'),
              ""};
        },
        404};
    c["GET /api/v1/entities/{uscc}/inspections"] = {
        fixed("/api/v1/entities/91350100M000100Y43/inspections"), {}};
    c["GET /api/v1/inspection/stats"] = {
        [this](const Caller& who) {
          return Probe{
              "/api/v1/inspection/stats?from=2026-01-01&to=2026-12-31&org_unit_id=" + Id(who.home),
              ""};
        },
        [this](const Caller&) {
          return Probe{"/api/v1/inspection/stats?org_unit_id=" + Id(t_.b1.id), ""};
        }};

    // lifecycle:change begin
    // Change registration, 个转企 and 受益所有人备案. m-applicant administers
    // the licence of the entities of `entity(…, true)`; entities of 330105
    // lie outside every caller of county-a.
    {
      // An individual business when `name` is given.
      auto entity = [this](const std::string& region, bool held, const std::string& name = "") {
        registry::Entity e;
        e.uscc = *codes::IssueUscc('9', name.empty() ? '1' : '2', region,
                                   static_cast<uint64_t>(700000 + ++serial_));
        e.name = name.empty() ? "矩阵变更示例有限公司" + std::to_string(serial_) : name;
        e.kind = name.empty() ? registry::EntityKind::kEnterprise
                              : registry::EntityKind::kIndividualBusiness;
        e.org_form = name.empty() ? "有限责任公司" : "";
        e.region_code = region;
        e.industry_code = "65";
        e.legal_rep_name = "张三";
        e.legal_rep_id = "11010519491231002X";
        if (name.empty()) e.registered_capital = 100000;
        e.address = "杭州市西湖区";
        e.established_on = ChinaDate(clock_.Now());
        EXPECT_TRUE(testing::IsOk(db().Transaction([&](soci::session& sql) -> Status {
          RETURN_IF_ERROR(registry::InsertEntity(sql, e, FormatChinaTime(clock_.Now())));
          if (!held) return OkStatus();
          ASSIGN_OR_RETURN(identity::User me, identity::GetUserByUsername(sql, "m-applicant"));
          return license::IssueLicense(sql, e, {"软件开发", "甲县局", me.id, std::nullopt}, clock_)
              .status();
        })));
        return e.uscc;
      };
      // A change of `uscc` waiting for the registrar (a similar name).
      auto pending = [this](const std::string& uscc) {
        long long id = 0;
        const std::string now = FormatChinaTime(clock_.Now());
        EXPECT_TRUE(testing::IsOk(db().Transaction([&](soci::session& sql) -> Status {
          ASSIGN_OR_RETURN(registry::Entity e, registry::GetEntity(sql, uscc));
          long long authority = e.region_code == "330106" ? t_.a.id : t_.b.id;
          const std::string request =
              json{{"address", "杭州市西湖区文三路 9 号"}, {"address_commitment", true}}.dump();
          sql << "INSERT INTO entity_change (uscc, kind, channel, submitted_by, "
                 "authority_org_unit_id, request_json, state, name_verdict, submitted_at, "
                 "updated_at) VALUES (:u, 'change', 'window', 'm', :a, :r, 'pending_review', "
                 "'similar', :now, :now2) RETURNING id",
              soci::use(uscc), soci::use(authority), soci::use(request), soci::use(now),
              soci::use(now), soci::into(id);
          return OkStatus();
        })));
        return std::to_string(id);
      };
      auto address = [this]() {
        return json{{"address", "杭州市西湖区" + Unique() + "号"}, {"address_commitment", true}}
            .dump();
      };
      const std::string owners = json{{"owners",
                                       {{{"name", "周敏"},
                                         {"citizen_id", "440524188001010014"},
                                         {"nationality", "中国"},
                                         {"control_type", "control"},
                                         {"from_date", "2026-01-05"}}}}}
                                     .dump();
      const std::string held = entity("330106", true), county_b = entity("330105", false);
      // A 双告知 notice of a change (a licensed item added to the scope): with
      // the tax department (inside a department officer's scope) or county-a.
      auto change_notice = [this, pending, entity](bool inside, const std::string& action,
                                                   const std::string& body) {
        const std::string uscc = entity("330106", false);
        const long long change = std::stoll(pending(uscc));
        long long id = 0;
        long long unit = inside ? t_.tax.id : t_.a.id;
        const std::string now = FormatChinaTime(clock_.Now());
        EXPECT_TRUE(testing::IsOk(db().Transaction([&](soci::session& sql) -> Status {
          sql << "INSERT INTO entity_change_notice (change_id, uscc, scope_code, permit, "
                 "department, org_unit_id, state, created_at, updated_at) VALUES (:c, :u, "
                 "'P04', '药品经营许可', 'drug_administration', :o, 'pending', :now, :now2) "
                 "RETURNING id",
              soci::use(change), soci::use(uscc), soci::use(unit), soci::use(now), soci::use(now),
              soci::into(id);
          return OkStatus();
        })));
        return Probe{"/api/v1/department/change-notices/" + std::to_string(id) + "/" + action,
                     body};
      };
      c["GET /api/v1/department/change-notices"] = {
          [this](const Caller& who) {
            return Probe{"/api/v1/department/change-notices?org_unit_id=" + Id(who.home), ""};
          },
          [this](const Caller&) {
            return Probe{"/api/v1/department/change-notices?org_unit_id=" + Id(t_.a.id), ""};
          }};
      for (const auto& [action, body] :
           {std::pair<std::string, std::string>{"claim", ""},
            std::pair<std::string, std::string>{"return", json{{"reason", "不属本部门"}}.dump()}}) {
        c["POST /api/v1/department/change-notices/{id}/" + action] = {
            [=](const Caller&) { return change_notice(true, action, body); },
            [=](const Caller&) { return change_notice(false, action, body); }};
      }
      c["POST /api/v1/entities/{uscc}/changes"] = {
          [=](const Caller&) {
            return Probe{"/api/v1/entities/" + held + "/changes", address()};
          },
          [=](const Caller&) {
            return Probe{"/api/v1/entities/" + county_b + "/changes", address()};
          },
          201};
      c["POST /api/v1/window/entities/{uscc}/changes"] = {
          [=](const Caller&) {
            return Probe{"/api/v1/window/entities/" + held + "/changes", address()};
          },
          [=](const Caller&) {
            return Probe{"/api/v1/window/entities/" + county_b + "/changes", address()};
          },
          201};
      c["GET /api/v1/entities/{uscc}/changes"] = {
          [=](const Caller&) {
            return Probe{"/api/v1/entities/" + held + "/changes", ""};
          },
          {}};
      c["GET /api/v1/registration/changes"] = {fixed("/api/v1/registration/changes"), {}};
      for (const std::string verb : {"approve", "reject"}) {
        const std::string body = verb == "reject" ? json{{"reason", "字号近似"}}.dump() : "";
        c["POST /api/v1/registration/changes/{id}/" + verb] = {
            [=](const Caller&) {
              return Probe{
                  "/api/v1/registration/changes/" + pending(entity("330106", false)) + "/" + verb,
                  body};
            },
            [=](const Caller&) {
              return Probe{
                  "/api/v1/registration/changes/" + pending(entity("330105", false)) + "/" + verb,
                  body};
            }};
      }
      c["POST /api/v1/entities/{uscc}/beneficial-owners"] = {
          [=](const Caller&) {
            return Probe{"/api/v1/entities/" + held + "/beneficial-owners", owners};
          },
          [=](const Caller&) {
            return Probe{"/api/v1/entities/" + county_b + "/beneficial-owners", owners};
          },
          201};
      c["POST /api/v1/window/entities/{uscc}/beneficial-owners"] = {
          [=](const Caller&) {
            return Probe{"/api/v1/window/entities/" + held + "/beneficial-owners", owners};
          },
          [=](const Caller&) {
            return Probe{"/api/v1/window/entities/" + county_b + "/beneficial-owners", owners};
          },
          201};
      c["GET /api/v1/entities/{uscc}/beneficial-owners"] = {
          fixed("/api/v1/entities/" + held + "/beneficial-owners"),
          fixed("/api/v1/entities/" + county_b + "/beneficial-owners")};
      c["GET /api/v1/applicant/entities/{uscc}/beneficial-owners"] = {
          fixed("/api/v1/applicant/entities/" + held + "/beneficial-owners"),
          fixed("/api/v1/applicant/entities/" + county_b + "/beneficial-owners")};
      // 个转企: a fresh individual business per call (it ends when converted).
      auto conversion = [=](const std::string& prefix, const std::string& region, bool held) {
        return [=](const Caller&) {
          const std::string trade = name_of("");
          const std::string uscc = entity(region, held, "杭州" + trade + "餐饮店");
          return Probe{prefix + uscc + "/conversions",
                       json{{"kind", "limited_company"},
                            {"name", "杭州" + trade + "餐饮有限公司"},
                            {"declarations", {{"debts_assumed", true}, {"taxes_declared", true}}},
                            {"registered_capital", 100000}}
                           .dump()};
        };
      };
      c["POST /api/v1/entities/{uscc}/conversions"] = {
          conversion("/api/v1/entities/", "330106", true),
          conversion("/api/v1/entities/", "330105", false), 201};
      c["POST /api/v1/window/entities/{uscc}/conversions"] = {
          conversion("/api/v1/window/entities/", "330106", false),
          conversion("/api/v1/window/entities/", "330105", false), 201};
    }
    // lifecycle:change end
    // lifecycle:core begin
    // An active entity of the county (inside the registrar's scope) or of
    // 330105 (outside), created fresh for each probe.
    auto lifecycle_entity = [this](const std::string& region) {
      registry::Entity e;
      e.uscc = region == "330106" ? "91330106MA" : "91330105MA";
      const std::string body = std::to_string(1000000 + ++serial_);
      e.uscc += body.substr(1) + "2X";
      e.name = "矩阵许可" + body + "有限公司";
      e.kind = registry::EntityKind::kEnterprise;
      e.region_code = region;
      e.industry_code = "52";
      e.established_on = *Date::Parse("2025-01-02");
      EXPECT_TRUE(testing::IsOk(db().Transaction([&](soci::session& sql) {
        return registry::InsertEntity(sql, e, FormatChinaTime(clock_.Now()));
      })));
      return e.uscc;
    };
    c["GET /api/v1/permit-kinds"] = {fixed("/api/v1/permit-kinds"), {}};
    c["GET /api/v1/entities/{uscc}/permits"] = {
        fixed("/api/v1/entities/91350100M000100Y43/permits"), {}, 404};
    c["GET /api/v1/entities/{uscc}/deregistration"] = {
        fixed("/api/v1/entities/91350100M000100Y43/deregistration"), {}, 404};
    auto new_permit = [this]() {
      return json{{"kind", "food_business"},
                  {"number", "JY" + std::to_string(10000 + ++serial_)},
                  {"issued_on", "2026-01-05"},
                  {"valid_until", "2031-01-04"}}
          .dump();
    };
    c["POST /api/v1/entities/{uscc}/permits"] = {
        [=](const Caller&) {
          return Probe{"/api/v1/entities/" + lifecycle_entity("330106") + "/permits", new_permit()};
        },
        [=](const Caller&) {
          return Probe{"/api/v1/entities/" + lifecycle_entity("330105") + "/permits", new_permit()};
        },
        201};
    auto permit_of = [=, this](const std::string& region) {
      const std::string uscc = lifecycle_entity(region);
      long long id = 0;
      EXPECT_TRUE(testing::IsOk(db().Transaction([&](soci::session& sql) -> Status {
        const std::string number = "JY" + std::to_string(20000 + ++serial_);
        sql << "INSERT INTO permit (uscc, kind, number, issuer_org_unit_id, issued_on, "
               "valid_until, state, cancel_reason, created_at, updated_at) VALUES (:u, "
               "'food_business', :n, :i, '2026-01-05', '2031-01-04', 'valid', '', 'x', 'x') "
               "RETURNING id",
            soci::use(uscc), soci::use(number), soci::use(t_.a.id), soci::into(id);
        return OkStatus();
      })));
      return Probe{"/api/v1/permits/" + std::to_string(id) + "/cancellation",
                   json{{"reason", "经营者申请注销"}}.dump()};
    };
    c["POST /api/v1/permits/{id}/cancellation"] = {
        [=](const Caller&) { return permit_of("330106"); },
        [=](const Caller&) { return permit_of("330105"); }};
    // lifecycle:core end
    // Credit: annual reports and the 经营异常名录. A fresh enterprise per probe,
    // established in 2020 (it owes the 2025 report), of 330106 (inside county-a,
    // its electronic licence held by m-applicant) or 330105 (outside, held by
    // nobody); `filed` gives it a 2025 report, `listed` a no-report listing.
    {
      const json report = {{"year", 2025},
                           {"content",
                            {{"address", "杭州市西湖区文三路 1 号"},
                             {"phone", "0571-88880000"},
                             {"operating_status", "开业"},
                             {"employees", 3},
                             {"total_assets", 100000},
                             {"total_liabilities", 0},
                             {"revenue", 200000},
                             {"net_profit", 1000},
                             {"tax_paid", 500}}}};
      auto credit_entity = [this, report](const std::string& region, bool filed, bool listed) {
        registry::Entity e;
        e.uscc = *codes::IssueUscc('9', '1', region, static_cast<uint64_t>(760000 + ++serial_));
        e.name = "矩阵年报示例有限公司" + std::to_string(serial_);
        e.region_code = region;
        e.industry_code = "52";
        e.established_on = *Date::Parse("2020-01-02");
        EXPECT_TRUE(testing::IsOk(db().Transaction([&](soci::session& sql) -> Status {
          RETURN_IF_ERROR(registry::InsertEntity(sql, e, FormatChinaTime(clock_.Now())));
          if (filed) {
            const std::string content = report["content"].dump();
            sql << "INSERT INTO annual_report (uscc, year, version, entity_kind, content, "
                   "withheld, channel, filed_on, late, filed_by, filed_at) VALUES (:u, 2025, 1, "
                   "'enterprise', :c, '[]', 'online', '2026-03-02', 0, 'm', 'x')",
                soci::use(e.uscc), soci::use(content);
          }
          if (listed) {
            const long long unit = region == "330106" ? t_.a.id : t_.b.id;
            sql << "INSERT INTO abnormal_listing (uscc, reason, report_year, listed_on, "
                   "decision_no, authority_unit_id, state, created_at) VALUES (:u, "
                   "'no_annual_report', 2025, '2026-07-01', 'x', :a, 'listed', 'x')",
                soci::use(e.uscc), soci::use(unit);
          }
          if (region != "330106") return OkStatus();
          ASSIGN_OR_RETURN(identity::User me, identity::GetUserByUsername(sql, "m-applicant"));
          return license::IssueLicense(sql, e, {"零售", "甲县局", me.id, std::nullopt}, clock_)
              .status();
        })));
        return e.uscc;
      };
      auto file = [=](const std::string& region) {
        return [=](const Caller&) {
          return Probe{
              "/api/v1/entities/" + credit_entity(region, false, false) + "/annual-reports",
              report.dump()};
        };
      };
      c["POST /api/v1/entities/{uscc}/annual-reports"] = {file("330106"), file("330105"), 201};
      auto correct = [=](const std::string& region) {
        return [=](const Caller&) {
          json fixed_report = report;
          fixed_report["content"]["employees"] = 4;
          return Probe{"/api/v1/entities/" + credit_entity(region, true, false) +
                           "/annual-reports/2025/corrections",
                       fixed_report.dump()};
        };
      };
      c["POST /api/v1/entities/{uscc}/annual-reports/{year}/corrections"] = {correct("330106"),
                                                                             correct("330105")};
      auto removal = [=, this](const std::string& region) {
        return [=, this](const Caller&) {
          const std::string uscc = credit_entity(region, true, true);
          long long id = 0;
          EXPECT_TRUE(testing::IsOk(db().ReadTransaction([&](soci::session& sql) {
            sql << "SELECT id FROM abnormal_listing WHERE uscc = :u", soci::use(uscc),
                soci::into(id);
            return OkStatus();
          })));
          return Probe{
              "/api/v1/entities/" + uscc + "/credit/listings/" + std::to_string(id) + "/removal",
              ""};
        };
      };
      c["POST /api/v1/entities/{uscc}/credit/listings/{id}/removal"] = {removal("330106"),
                                                                        removal("330105")};
      auto decide_listing = [=](const std::string& region) {
        return [=](const Caller&) {
          return Probe{
              "/api/v1/entities/" + credit_entity(region, true, false) + "/credit/listings",
              json{{"reason", "unreachable"},
                   {"found_on", "2026-11-20"},
                   {"evidence", "实地核查：登记住所已无人经营"}}
                  .dump()};
        };
      };
      c["POST /api/v1/entities/{uscc}/credit/listings"] = {decide_listing("330106"),
                                                           decide_listing("330105"), 201};
      // A listing on a finding whose removal the entity applied for.
      auto removal_decision = [=, this](const std::string& region) {
        return [=, this](const Caller&) {
          const std::string uscc = credit_entity(region, true, false);
          const long long unit = region == "330106" ? t_.a.id : t_.b.id;
          long long id = 0;
          EXPECT_TRUE(testing::IsOk(db().Transaction([&](soci::session& sql) {
            sql << "INSERT INTO abnormal_listing (uscc, reason, listed_on, decision_no, "
                   "authority_unit_id, state, removal_applied_on, removal_statement, "
                   "removal_due, created_at) VALUES (:u, 'unreachable', '2026-11-02', 'x', :a, "
                   "'removal_applied', '2026-11-20', '已恢复联系', '2026-11-27', 'x') "
                   "RETURNING id",
                soci::use(uscc), soci::use(unit), soci::into(id);
            return OkStatus();
          })));
          return Probe{"/api/v1/entities/" + uscc + "/credit/listings/" + std::to_string(id) +
                           "/removal-decision",
                       json{{"approve", true}}.dump()};
        };
      };
      c["POST /api/v1/entities/{uscc}/credit/listings/{id}/removal-decision"] = {
          removal_decision("330106"), removal_decision("330105")};
      c["GET /api/v1/credit/findings"] = {fixed("/api/v1/credit/findings"), {}};
      c["GET /api/v1/credit/removal-applications"] = {fixed("/api/v1/credit/removal-applications"),
                                                      {}};
      c["GET /api/v1/feed"] = {fixed("/api/v1/feed?limit=5"), {}};
      // A 严重违法失信名单 record of a fresh entity in `state`, its statement
      // period `due` (open, or passed so that a decision may follow).
      auto serious_of = [=, this](const std::string& region, const std::string& state,
                                  const std::string& due) {
        const std::string uscc = credit_entity(region, true, false);
        const long long unit = region == "330106" ? t_.a.id : t_.b.id;
        long long id = 0;
        EXPECT_TRUE(testing::IsOk(db().Transaction([&](soci::session& sql) {
          const std::string source = "matrix:" + uscc;
          sql << "INSERT INTO serious_listing (uscc, category, source, state, proposed_on, "
                 "noticed_on, statement_due, authority_unit_id, created_at) VALUES (:u, "
                 "'abnormal_escalation', :s, :st, '2026-11-02', '2026-11-03', :d, :a, 'x') "
                 "RETURNING id",
              soci::use(uscc), soci::use(source), soci::use(state), soci::use(due), soci::use(unit),
              soci::into(id);
          return OkStatus();
        })));
        return std::to_string(id);
      };
      c["GET /api/v1/credit/serious"] = {fixed("/api/v1/credit/serious"), {}};
      // 联合惩戒: a department's officer asks about an entity of its county
      // (outside: county-b's), and reports back on its own query.
      c["GET /api/v1/joint-punishment/measures"] = {fixed("/api/v1/joint-punishment/measures"), {}};
      c["GET /api/v1/joint-punishment/figures"] = {fixed("/api/v1/joint-punishment/figures"), {}};
      auto punishment_query = [=](const std::string& region) {
        return [=](const Caller&) {
          return Probe{"/api/v1/joint-punishment/queries",
                       json{{"uscc", credit_entity(region, true, true)}}.dump()};
        };
      };
      c["POST /api/v1/joint-punishment/queries"] = {punishment_query("330106"),
                                                    punishment_query("330105")};
      c["POST /api/v1/joint-punishment/queries/{id}/feedback"] = {
          [=, this](const Caller& who) {
            long long id = 0;
            EXPECT_TRUE(testing::IsOk(db().Transaction([&](soci::session& sql) -> Status {
              long long user = 0;
              if (!who.username.empty()) {
                ASSIGN_OR_RETURN(identity::User u, identity::GetUserByUsername(sql, who.username));
                user = u.id;
              } else {
                user = who.home_user;
              }
              sql << "INSERT INTO punishment_query (user_id, org_unit_id, party_kind, party, "
                     "measures, asked_at) VALUES (:u, :o, 'entity', 'x', '[\"honours\"]', 'x') "
                     "RETURNING id",
                  soci::use(user), soci::use(t_.tax.id), soci::into(id);
              return OkStatus();
            })));
            return Probe{"/api/v1/joint-punishment/queries/" + std::to_string(id) + "/feedback",
                         json{{"measure_id", "honours"}, {"applied", true}}.dump()};
          },
          {},
          201};
      auto serious_step = [=](const std::string& region, const std::string& state,
                              const std::string& due, const std::string& step,
                              const std::string& body) {
        return [=](const Caller&) {
          return Probe{"/api/v1/credit/serious/" + serious_of(region, state, due) + "/" + step,
                       body};
        };
      };
      c["POST /api/v1/credit/serious/{id}/notice"] = {
          serious_step("330106", "proposed", "", "notice", ""),
          serious_step("330105", "proposed", "", "notice", "")};
      const std::string statement = json{{"statement", "已恢复经营"}}.dump();
      c["POST /api/v1/credit/serious/{id}/statement"] = {
          serious_step("330106", "noticed", "2026-12-31", "statement", statement),
          serious_step("330105", "noticed", "2026-12-31", "statement", statement)};
      const std::string decision = json{{"list", true}}.dump();
      c["POST /api/v1/credit/serious/{id}/decision"] = {
          serious_step("330106", "noticed", "2026-11-10", "decision", decision),
          serious_step("330105", "noticed", "2026-11-10", "decision", decision)};
      c["GET /api/v1/credit/figures"] = {fixed("/api/v1/credit/figures?year=2025"), {}};
      c["GET /api/v1/entities/{uscc}/credit-risk"] = {
          fixed("/api/v1/entities/" + credit_entity("330106", true, false) + "/credit-risk"),
          fixed("/api/v1/entities/" + credit_entity("330105", true, false) + "/credit-risk")};
      c["GET /api/v1/credit/risk-distribution"] = {fixed("/api/v1/credit/risk-distribution"), {}};
      c["POST /api/v1/credit/risk-classification"] = {fixed("/api/v1/credit/risk-classification"),
                                                      {}};
      const std::string shown = credit_entity("330106", true, true);
      c["GET /api/v1/entities/{uscc}/annual-reports"] = {
          fixed("/api/v1/entities/" + shown + "/annual-reports"), {}};
      c["GET /api/v1/entities/{uscc}/credit"] = {fixed("/api/v1/entities/" + shown + "/credit"),
                                                 {}};
      c["GET /api/v1/credit/annual-report-forms"] = {fixed("/api/v1/credit/annual-report-forms"),
                                                     {}};
      // 行政处罚信息公示 and 信用修复: a penalty of 2025 (general tier,
      // repairable since 2025-07-02, public until 2027-12-31) of a fresh
      // entity in `region`.
      auto penalty_of = [=, this](const std::string& region) {
        const std::string uscc = credit_entity(region, true, false);
        const long long unit = region == "330106" ? t_.a.id : t_.b.id;
        long long id = 0;
        EXPECT_TRUE(testing::IsOk(db().Transaction([&](soci::session& sql) {
          sql << "INSERT INTO penalty_publication (uscc, decision_no, decided_on, kinds, "
                 "fine_fen, field, tier, facts, basis, content, authority_unit_id, published_on, "
                 "public_until, repairable_from, state, created_at) VALUES (:u, '罚〔2025〕1号', "
                 "'2025-01-02', 'fine', 500000, 'general', 'general', '事实', '依据', '罚款', :a, "
                 "'2025-01-10', '2027-12-31', '2025-07-02', 'published', 'x') RETURNING id",
              soci::use(uscc), soci::use(unit), soci::into(id);
          return OkStatus();
        })));
        return std::pair{uscc, id};
      };
      c["GET /api/v1/credit/instant-info-rules"] = {fixed("/api/v1/credit/instant-info-rules"), {}};
      c["GET /api/v1/entities/{uscc}/instant-info"] = {
          fixed("/api/v1/entities/" + credit_entity("330106", true, false) + "/instant-info"), {}};
      auto instant = [=](const std::string& region) {
        return [=](const Caller&) {
          return Probe{"/api/v1/entities/" + credit_entity(region, true, false) + "/instant-info",
                       json{{"kind", "equity_transfer"},
                            {"event_on", "2026-11-02"},
                            {"summary", "股东甲将 30% 股权转让给股东乙"}}
                           .dump()};
        };
      };
      c["POST /api/v1/entities/{uscc}/instant-info"] = {instant("330106"), instant("330105"), 201};
      auto order = [=](const std::string& region) {
        return [=](const Caller&) {
          return Probe{
              "/api/v1/entities/" + credit_entity(region, true, false) + "/publish-orders",
              json{{"kind", "permit"}, {"what", "2026 年 10 月取得的食品经营许可"}}.dump()};
        };
      };
      c["POST /api/v1/entities/{uscc}/publish-orders"] = {order("330106"), order("330105"), 201};
      c["GET /api/v1/credit/serious-categories"] = {fixed("/api/v1/credit/serious-categories"), {}};
      // A penalty of the 严重 tier of a fresh entity: the ground of a proposal.
      auto propose = [=, this](const std::string& region) {
        return [=, this](const Caller&) {
          const std::string uscc = credit_entity(region, true, false);
          const long long unit = region == "330106" ? t_.a.id : t_.b.id;
          long long id = 0;
          EXPECT_TRUE(testing::IsOk(db().Transaction([&](soci::session& sql) {
            sql << "INSERT INTO penalty_publication (uscc, decision_no, decided_on, kinds, "
                   "fine_fen, field, tier, facts, basis, content, authority_unit_id, "
                   "published_on, public_until, repairable_from, state, created_at) VALUES (:u, "
                   "'罚〔2026〕9号', '2026-10-12', 'permit_revoked', 0, 'food', 'serious', '事实', "
                   "'依据', '吊销许可证', :a, '2026-10-13', '2029-10-12', '2027-10-13', "
                   "'published', 'x') RETURNING id",
                soci::use(uscc), soci::use(unit), soci::into(id);
            return OkStatus();
          })));
          return Probe{
              "/api/v1/credit/serious",
              json{{"uscc", uscc}, {"category", "health_safety"}, {"penalty_id", id}}.dump()};
        };
      };
      c["POST /api/v1/credit/serious"] = {propose("330106"), propose("330105"), 201};
      c["GET /api/v1/credit/repair-rules"] = {fixed("/api/v1/credit/repair-rules"), {}};
      c["GET /api/v1/entities/{uscc}/penalties"] = {
          fixed("/api/v1/entities/" + penalty_of("330106").first + "/penalties"), {}};
      c["GET /api/v1/entities/{uscc}/credit-repairs"] = {
          fixed("/api/v1/entities/" + penalty_of("330106").first + "/credit-repairs"), {}};
      auto publish = [=](const std::string& region) {
        return [=](const Caller&) {
          return Probe{"/api/v1/entities/" + credit_entity(region, true, false) + "/penalties",
                       json{{"decision_no", "矩阵罚〔2026〕1号"},
                            {"decided_on", "2026-11-02"},
                            {"kinds", {"fine"}},
                            {"fine_yuan", "5000"},
                            {"tier", "general"},
                            {"facts", "销售过期食品"},
                            {"basis", "《食品安全法》第一百二十四条"},
                            {"content", "罚款五千元"}}
                           .dump()};
        };
      };
      c["POST /api/v1/entities/{uscc}/penalties"] = {publish("330106"), publish("330105"), 201};
      auto repair_apply = [=](const std::string& region) {
        return [=](const Caller&) {
          auto [uscc, id] = penalty_of(region);
          return Probe{"/api/v1/entities/" + uscc + "/credit-repairs",
                       json{{"record_kind", "penalty"},
                            {"record_id", id},
                            {"statement", "已缴清罚款并完成整改"},
                            {"evidence", "缴款凭证 2025-0001"},
                            {"commitment", true}}
                           .dump()};
        };
      };
      c["POST /api/v1/entities/{uscc}/credit-repairs"] = {repair_apply("330106"),
                                                          repair_apply("330105"), 201};
      c["GET /api/v1/credit/repairs"] = {fixed("/api/v1/credit/repairs"), {}};
      auto repair_decision = [=, this](const std::string& region) {
        return [=, this](const Caller&) {
          auto [uscc, penalty] = penalty_of(region);
          const long long unit = region == "330106" ? t_.a.id : t_.b.id;
          long long id = 0;
          EXPECT_TRUE(testing::IsOk(db().Transaction([&](soci::session& sql) {
            sql << "INSERT INTO repair_application (uscc, record_kind, record_id, applied_on, "
                   "statement, evidence, commitment, due, authority_unit_id, state, created_at) "
                   "VALUES (:u, 'penalty', :p, '2026-11-20', '已缴清罚款', '凭证', 1, "
                   "'2026-12-01', :a, 'applied', 'x') RETURNING id",
                soci::use(uscc), soci::use(penalty), soci::use(unit), soci::into(id);
            return OkStatus();
          })));
          return Probe{"/api/v1/credit/repairs/" + std::to_string(id) + "/decision",
                       json{{"approve", true}}.dump()};
        };
      };
      c["POST /api/v1/credit/repairs/{id}/decision"] = {repair_decision("330106"),
                                                        repair_decision("330105")};
    }
    // lifecycle:dereg begin — restrictions, 简易注销, 一屏注销.
    // m-applicant holds the e-licence of the entities made with `mine`; the
    // others (held by nobody) are another applicant's entity. 330106 is
    // county-a (inside for its staff, the station and the tax unit), 330105
    // county-b (outside).
    {
      auto serial = std::make_shared<uint64_t>(9000);
      auto dereg = std::make_shared<lifecycle::DeregistrationService>(
          lifecycle::DeregistrationPeriods::Default(), lifecycle::RestrictionKinds::Default(),
          clock_, codes::ShippedCalendar());
      auto system = identity::testing::SystemCaller();
      int64_t me = 0;
      EXPECT_TRUE(db().ReadTransaction([&](soci::session& sql) -> Status {
                        ASSIGN_OR_RETURN(identity::User u,
                                         identity::GetUserByUsername(sql, "m-applicant"));
                        me = u.id;
                        return OkStatus();
                      })
                      .ok());
      auto entity = [=, this](const std::string& region, bool individual, bool mine) {
        registry::Entity e;
        EXPECT_TRUE(db().Transaction([&](soci::session& sql) -> Status {
                          ASSIGN_OR_RETURN(
                              e, lifecycle::testing::AddEntity(sql, clock_, region, individual,
                                                               ++*serial, mine ? me : 0));
                          return OkStatus();
                        })
                        .ok());
        return e.uscc;
      };
      auto notice = [=, this](const std::string& uscc) {
        int64_t id = 0;
        EXPECT_TRUE(db().Transaction([&](soci::session& sql) -> Status {
                          ASSIGN_OR_RETURN(
                              lifecycle::SimplifiedApplication a,
                              dereg->ApplySimplified(sql, system, uscc,
                                                     lifecycle::testing::LegalRepCommitment()));
                          id = a.id;
                          return OkStatus();
                        })
                        .ok());
        return std::to_string(id);
      };
      auto ready = [=, this](const std::string& uscc) {
        const std::string id = notice(uscc);
        EXPECT_TRUE(db().Transaction([&](soci::session& sql) {
                          long long lid = std::stoll(id);
                          sql << "UPDATE simplified_deregistration SET state = 'ready', "
                                 "completion_due_on = '2026-12-31' WHERE id = :id",
                              soci::use(lid);
                          return OkStatus();
                        })
                        .ok());
        return id;
      };
      auto one_screen = [=, this](const std::string& uscc) {
        lifecycle::OneScreenApplication app;
        EXPECT_TRUE(db().Transaction([&](soci::session& sql) -> Status {
                          ASSIGN_OR_RETURN(
                              app, dereg->ApplyOneScreen(
                                       sql, system, uscc,
                                       json{{"debts_settled", true}, {"taxes_cleared", true}}));
                          return OkStatus();
                        })
                        .ok());
        return app;
      };
      auto restriction = [=, this](const std::string& uscc) {
        int64_t id = 0;
        EXPECT_TRUE(db().Transaction([&](soci::session& sql) -> Status {
                          lifecycle::NewRestriction r{"litigation", "矩阵-" + Unique(), "",
                                                      ChinaDate(clock_.Now()), ""};
                          ASSIGN_OR_RETURN(lifecycle::Restriction x,
                                           lifecycle::RecordRestriction(
                                               sql, system, uscc, r,
                                               lifecycle::RestrictionKinds::Default(), clock_));
                          id = x.id;
                          return OkStatus();
                        })
                        .ok());
        return "/api/v1/entities/" + uscc + "/restrictions/" + std::to_string(id) + "/lift";
      };
      const std::string in = entity("330106", false, true);
      const std::string out = entity("330105", false, false);
      const std::string theirs = entity("330106", false, false);
      const std::string restricted = entity("330106", false, false);
      const std::string published = notice(entity("330106", false, false));
      auto to = [](std::string target, std::string body = "") {
        return [target, body](const Caller&) { return Probe{target, body}; };
      };
      const std::string record =
          json{{"kind", "investigation"}, {"document_number", "杭西市监立〔2026〕1号"}}.dump();
      c["GET /api/v1/entities/{uscc}/restrictions"] = {
          to("/api/v1/entities/" + in + "/restrictions"),
          to("/api/v1/entities/" + out + "/restrictions")};
      c["POST /api/v1/entities/{uscc}/restrictions"] = {
          to("/api/v1/entities/" + restricted + "/restrictions", record),
          to("/api/v1/entities/" + out + "/restrictions", record), 201};
      const std::string lift = json{{"document_number", "解除-1"}}.dump();
      c["POST /api/v1/entities/{uscc}/restrictions/{id}/lift"] = {
          [=](const Caller&) {
            return Probe{restriction(restricted), lift};
          },
          [=](const Caller&) {
            return Probe{restriction(out), lift};
          }};
      // Branches and investments (实施细则 Art. 48 (五)).
      auto link_body = [=]() {
        return json{{"kind", "investment"}, {"other_uscc", entity("330106", false, false)}}.dump();
      };
      auto link = [=, this](const std::string& uscc) {
        int64_t id = 0;
        const std::string other = entity("330106", false, false);  // its own transaction
        EXPECT_TRUE(db().Transaction([&](soci::session& sql) -> Status {
                          lifecycle::NewAffiliation a;
                          a.kind = "investment";
                          a.other_uscc = other;
                          a.started_on = ChinaDate(clock_.Now());
                          ASSIGN_OR_RETURN(
                              lifecycle::Affiliation x,
                              lifecycle::RecordAffiliation(sql, system, uscc, a, clock_));
                          id = x.id;
                          return OkStatus();
                        })
                        .ok());
        return "/api/v1/entities/" + uscc + "/affiliations/" + std::to_string(id) + "/end";
      };
      c["GET /api/v1/entities/{uscc}/affiliations"] = {
          to("/api/v1/entities/" + in + "/affiliations"),
          to("/api/v1/entities/" + out + "/affiliations")};
      c["POST /api/v1/entities/{uscc}/affiliations"] = {
          [=](const Caller&) {
            return Probe{"/api/v1/entities/" + restricted + "/affiliations", link_body()};
          },
          [=](const Caller&) {
            return Probe{"/api/v1/entities/" + out + "/affiliations", link_body()};
          },
          201};
      c["POST /api/v1/entities/{uscc}/affiliations/{id}/end"] = {
          [=](const Caller&) {
            return Probe{link(restricted), "{}"};
          },
          [=](const Caller&) {
            return Probe{link(out), "{}"};
          }};
      c["GET /api/v1/entities/{uscc}/simplified-deregistration/eligibility"] = {
          to("/api/v1/entities/" + in + "/simplified-deregistration/eligibility"),
          to("/api/v1/entities/" + theirs + "/simplified-deregistration/eligibility")};
      c["GET /api/v1/registration/entities/{uscc}/deregistration-eligibility"] = {
          to("/api/v1/registration/entities/" + in + "/deregistration-eligibility"),
          to("/api/v1/registration/entities/" + out + "/deregistration-eligibility")};
      auto apply = [](const std::string& uscc) {
        return Probe{
            "/api/v1/deregistrations/simplified",
            json{{"uscc", uscc}, {"commitments", lifecycle::testing::LegalRepCommitmentJson()}}
                .dump()};
      };
      c["POST /api/v1/deregistrations/simplified"] = {
          [=](const Caller&) { return apply(entity("330106", false, true)); },
          [=](const Caller&) { return apply(theirs); }, 201};
      c["GET /api/v1/deregistrations/simplified/{id}"] = {
          [=](const Caller&) {
            return Probe{
                "/api/v1/deregistrations/simplified/" + notice(entity("330106", false, true)), ""};
          },
          to("/api/v1/deregistrations/simplified/" + published)};
      c["POST /api/v1/deregistrations/simplified/{id}/completion"] = {
          [=](const Caller&) {
            return Probe{"/api/v1/deregistrations/simplified/" +
                             ready(entity("330106", false, true)) + "/completion",
                         ""};
          },
          [=](const Caller&) {
            return Probe{"/api/v1/deregistrations/simplified/" +
                             ready(entity("330106", false, false)) + "/completion",
                         ""};
          }};
      // 强制注销 (公司法 Art. 241): revoked more than three years ago.
      auto revoked = [=, this](const std::string& region) {
        const std::string uscc = entity(region, false, false);
        EXPECT_TRUE(db().Transaction([&](soci::session& sql) {
                          sql << "UPDATE entity SET status = 'revoked' WHERE uscc = :u",
                              soci::use(uscc);
                          return OkStatus();
                        })
                        .ok());
        return uscc;
      };
      const std::string basis_on = ChinaDate(clock_.Now()).AddDays(-1500).ToString();
      auto start_body = [=](const std::string& uscc) {
        return json{{"uscc", uscc},
                    {"basis", "revoked"},
                    {"basis_document", "矩阵吊销-1"},
                    {"basis_on", basis_on}}
            .dump();
      };
      auto procedure = [=, this](const std::string& region, bool ready) {
        const std::string uscc = revoked(region);
        int64_t id = 0;
        EXPECT_TRUE(db().Transaction([&](soci::session& sql) -> Status {
                          ASSIGN_OR_RETURN(lifecycle::CompulsoryDeregistration x,
                                           lifecycle::StartCompulsoryDeregistration(
                                               sql, system, uscc,
                                               {"revoked", "矩阵吊销-1", *Date::Parse(basis_on)},
                                               clock_, *codes::ShippedCalendar().Current()));
                          id = x.id;
                          long long lid = id;
                          if (ready) {
                            sql << "UPDATE compulsory_deregistration SET state = 'ready' WHERE id "
                                   "= :id",
                                soci::use(lid);
                          }
                          return OkStatus();
                        })
                        .ok());
        return std::to_string(id);
      };
      c["POST /api/v1/registration/compulsory-deregistrations"] = {
          [=](const Caller&) {
            return Probe{"/api/v1/registration/compulsory-deregistrations",
                         start_body(revoked("330106"))};
          },
          [=](const Caller&) {
            return Probe{"/api/v1/registration/compulsory-deregistrations",
                         start_body(revoked("330105"))};
          },
          201};
      const std::string decision = json{{"decision", "deregister"}}.dump();
      c["POST /api/v1/registration/compulsory-deregistrations/{id}/decision"] = {
          [=](const Caller&) {
            return Probe{"/api/v1/registration/compulsory-deregistrations/" +
                             procedure("330106", true) + "/decision",
                         decision};
          },
          [=](const Caller&) {
            return Probe{"/api/v1/registration/compulsory-deregistrations/" +
                             procedure("330105", true) + "/decision",
                         decision};
          }};
      c["GET /api/v1/notices/compulsory-deregistrations"] = {
          to("/api/v1/notices/compulsory-deregistrations?state=current"), {}};
      c["POST /api/v1/notices/compulsory-deregistrations/{id}/objections"] = {
          [=](const Caller&) {
            return Probe{"/api/v1/notices/compulsory-deregistrations/" +
                             procedure("330106", false) + "/objections",
                         json{{"objector_kind", "creditor"},
                              {"objector_name", "矩阵债权人"},
                              {"objector_contact", "13800000000"},
                              {"reason", "贷款未清偿"}}
                             .dump()};
          },
          {},
          201};
      c["GET /api/v1/notices/simplified-deregistrations"] = {
          to("/api/v1/notices/simplified-deregistrations?state=current"), {}};
      c["GET /api/v1/notices/simplified-deregistrations/{id}"] = {
          to("/api/v1/notices/simplified-deregistrations/" + published), {}};
      // The public objects with a phone confirmed by the code sent to it.
      auto public_objection = [=, this]() {
        const std::string phone = fmt::format("1380000{:04d}", ++phone_serial_);
        return json{{"objector_kind", "creditor"},
                    {"objector_name", "矩阵债权人"},
                    {"objector_contact", phone},
                    {"reason", "货款未结清"},
                    {"code", ObjectionCode(phone)}};
      };
      c["POST /api/v1/notices/simplified-deregistrations/{id}/objections"] = {
          [=](const Caller&) {
            return Probe{"/api/v1/notices/simplified-deregistrations/" +
                             notice(entity("330106", false, false)) + "/objections",
                         public_objection().dump()};
          },
          {},
          201};
      c["POST /api/v1/notices/objection-codes"] = {
          [=, this](const Caller&) {
            return Probe{"/api/v1/notices/objection-codes",
                         json{{"phone", fmt::format("1390000{:04d}", ++phone_serial_)}}.dump()};
          },
          {},
          201};
      // An application stopped by a public objection, which a registrar of its
      // authority may set aside.
      auto objected = [=, this](const std::string& region) {
        const std::string id = notice(entity(region, false, false));
        auto r = Call("POST",
                      Probe{"/api/v1/notices/simplified-deregistrations/" + id + "/objections",
                            public_objection().dump()},
                      "");
        EXPECT_EQ(r.status, 201) << r.body;
        const int64_t objection = r.Json()["objections"][0]["id"].get<int64_t>();
        return Probe{"/api/v1/registration/simplified-deregistrations/" + id + "/objections/" +
                         std::to_string(objection) + "/set-aside",
                     json{{"reason", "广告信息"}}.dump()};
      };
      c["POST /api/v1/registration/simplified-deregistrations/{id}/objections/{objection_id}/"
        "set-aside"] = {[=](const Caller&) { return objected("330106"); },
                        [=](const Caller&) { return objected("330105"); }};
      const std::string dept_objection = json{{"reason", "欠缴税款"}}.dump();
      c["POST /api/v1/department/simplified-deregistrations/{id}/objections"] = {
          [=](const Caller&) {
            return Probe{"/api/v1/department/simplified-deregistrations/" +
                             notice(entity("330106", false, false)) + "/objections",
                         dept_objection};
          },
          [=](const Caller&) {
            return Probe{"/api/v1/department/simplified-deregistrations/" +
                             notice(entity("330105", false, false)) + "/objections",
                         dept_objection};
          },
          201};
      const std::string declarations =
          json{{"debts_settled", true}, {"taxes_cleared", true}}.dump();
      auto apply_one_screen = [=](const std::string& uscc) {
        return Probe{"/api/v1/deregistrations/one-screen",
                     json{{"uscc", uscc}, {"declarations", json::parse(declarations)}}.dump()};
      };
      c["POST /api/v1/deregistrations/one-screen"] = {
          [=](const Caller&) { return apply_one_screen(entity("330106", true, true)); },
          [=](const Caller&) { return apply_one_screen(entity("330106", true, false)); }, 201};
      c["GET /api/v1/deregistrations/one-screen/{id}"] = {
          [=](const Caller&) {
            return Probe{"/api/v1/deregistrations/one-screen/" +
                             std::to_string(one_screen(entity("330106", true, true)).id),
                         ""};
          },
          [=](const Caller&) {
            return Probe{"/api/v1/deregistrations/one-screen/" +
                             std::to_string(one_screen(entity("330106", true, false)).id),
                         ""};
          }};
      c["GET /api/v1/department/deregistrations"] = {to("/api/v1/department/deregistrations"), {}};
      // The tax task: at dept-tax for 330106; at county-b (no tax unit there) for 330105.
      auto task = [=](const std::string& region, const std::string& action) {
        const lifecycle::OneScreenApplication app = one_screen(entity(region, true, false));
        return Probe{"/api/v1/department/deregistrations/" +
                         std::to_string(app.departments.front().id) + "/" + action,
                     json{{"reason", "欠缴税款"}, {"note", "无欠税"}}.dump()};
      };
      for (const std::string action : {"objection", "clear"}) {
        c["POST /api/v1/department/deregistrations/{id}/" + action] = {
            [=](const Caller&) { return task("330106", action); },
            [=](const Caller&) { return task("330105", action); }};
      }
      c["GET /api/v1/deregistrations/stats"] = {
          [this](const Caller&) {
            return Probe{
                "/api/v1/deregistrations/stats?from=2026-01-01&to=2026-12-31&org_unit_id=" +
                    Id(t_.a.id),
                ""};
          },
          [this](const Caller&) {
            return Probe{
                "/api/v1/deregistrations/stats?from=2026-01-01&to=2026-12-31&org_unit_id=" +
                    Id(t_.b1.id),
                ""};
          }};
    }
    // lifecycle:dereg end

    // lifecycle:susp begin
    // 歇业 and 一般注销. Each probe gets a fresh entity: in 330106 (county-a,
    // the clerk's and registrar's scope; dept-tax is its tax unit) or 330105
    // (outside), its e-licence held by m-applicant (inside for applicants) or
    // by another applicant (outside).
    {
      auto other_holder =
          identity::testing::AddApplicant(db(), clock_, app_->hasher(), "m-susp-other");
      EXPECT_TRUE(other_holder.ok());
      auto susp_entity = [this](const std::string& region, const std::string& holder) {
        const std::string uscc = "91" + region + "MS" + std::to_string(1000000 + ++serial_) + "X";
        EXPECT_TRUE(testing::IsOk(db().Transaction([&](soci::session& sql) -> Status {
          ASSIGN_OR_RETURN(identity::User h, identity::GetUserByUsername(sql, holder));
          registry::Entity e;
          e.uscc = uscc;
          e.name = "矩阵歇业测试有限公司" + uscc.substr(10, 7);
          e.org_form = "有限责任公司";
          e.region_code = region;
          e.industry_code = "62";
          e.established_on = *Date::Parse("2024-01-02");
          RETURN_IF_ERROR(registry::InsertEntity(sql, e, FormatChinaTime(clock_.Now())));
          return license::IssueLicense(sql, e, {"软件开发", "矩阵局", h.id, std::nullopt}, clock_)
              .status();
        })));
        return uscc;
      };
      // Inside for the applicant route: m-applicant's licence; for the window:
      // county-a. Outside: another holder; county-b.
      auto entity_for = [=](bool window, bool inside) {
        if (window) return susp_entity(inside ? "330106" : "330105", "m-susp-other");
        return susp_entity("330106", inside ? "m-applicant" : "m-susp-other");
      };
      auto suspended = [this](const std::string& uscc) {
        int64_t id = 0;
        EXPECT_TRUE(testing::IsOk(db().Transaction([&](soci::session& sql) -> Status {
          lifecycle::SuspensionRequest r{"自然灾害", "", ChinaDate(clock_.Now()),
                                         *Date::Parse("2026-12-10")};
          ASSIGN_OR_RETURN(auto s,
                           lifecycle::FileSuspension(sql, identity::Caller{}, uscc, r, clock_));
          id = s.id;
          return OkStatus();
        })));
        return std::to_string(id);
      };
      const std::string filing = json{
          {"reason_category", "自然灾害"},
          {"start_on", "2026-11-24"},
          {"end_on", "2026-12-24"}}.dump();
      for (bool window : {false, true}) {
        const std::string prefix = window ? "/api/v1/window" : "/api/v1";
        const std::string key = "POST " + prefix + "/entities/{uscc}/suspensions";
        auto probe = [=](bool inside) {
          return [=](const Caller&) {
            return Probe{prefix + "/entities/" + entity_for(window, inside) + "/suspensions",
                         filing};
          };
        };
        c[key] = {probe(true), probe(false), 201};
        auto on_open = [=](const std::string& action, const std::string& body) {
          return [=](bool inside) {
            return [=](const Caller&) {
              const std::string uscc = entity_for(window, inside);
              return Probe{
                  prefix + "/entities/" + uscc + "/suspensions/" + suspended(uscc) + "/" + action,
                  body};
            };
          };
        };
        auto ext = on_open("extension", json{{"end_on", "2026-12-20"}}.dump());
        c[key + "/{id}/extension"] = {ext(true), ext(false)};
        auto res = on_open("resumption", "");
        c[key + "/{id}/resumption"] = {res(true), res(false)};
      }
      c["GET /api/v1/entities/{uscc}/suspensions"] = {
          [=](const Caller&) {
            return Probe{
                "/api/v1/entities/" + susp_entity("330106", "m-susp-other") + "/suspensions", ""};
          },
          {}};
      c["GET /api/v1/notices/suspensions"] = {fixed("/api/v1/notices/suspensions"), {}};

      // 一般注销: a liquidation opened by the platform, then moved by SQL to
      // the state the route needs.
      const json group = {{"cause", "股东会决议解散"},
                          {"cause_on", "2026-11-20"},
                          {"group_formed_on", "2026-11-21"},
                          {"members", {"王清"}},
                          {"documents", {"group_members", "dissolution_decision"}}};
      auto liquidation = [=, this](const std::string& uscc,
                                   const std::vector<std::string>& sql_prep) {
        int64_t id = 0;
        EXPECT_TRUE(testing::IsOk(db().Transaction([&](soci::session& sql) -> Status {
          lifecycle::GroupFiling g{"股东会决议解散",
                                   *Date::Parse("2026-11-20"),
                                   *Date::Parse("2026-11-21"),
                                   {"王清"},
                                   {"group_members", "dissolution_decision"}};
          ASSIGN_OR_RETURN(auto l,
                           lifecycle::FileLiquidationGroup(sql, identity::Caller{}, uscc, g, clock_,
                                                           *codes::ShippedCalendar().Current()));
          id = l.id;
          long long lid = id;
          for (const std::string& stmt : sql_prep) sql << stmt, soci::use(lid);
          return OkStatus();
        })));
        return std::to_string(id);
      };
      const std::string done_steps =
          "UPDATE liquidation_step SET done_on = '2026-11-01' WHERE liquidation_id = :id AND step ";
      const std::map<std::string, std::pair<std::vector<std::string>, std::string>> steps = {
          {"creditor-notice", {{}, json{{"documents", {"creditor_notice_proof"}}}.dump()}},
          {"public-notice",
           {{}, json{{"documents", {"notice_text"}}, {"text", "请债权人申报债权。"}}.dump()}},
          {"report",
           {{done_steps + "IN ('creditor_notice', 'public_notice')",
             "UPDATE liquidation SET public_notice_on = '2026-09-01', claims_until = '2026-10-16' "
             "WHERE id = :id"},
            json{{"documents", {"liquidation_report", "report_confirmation"}}}.dump()}},
          {"application",
           {{done_steps + "IN ('report', 'tax_clearance')"},
            json{{"documents", {"deregistration_application"}}}.dump()}}};
      for (bool window : {false, true}) {
        const std::string prefix = window ? "/api/v1/window" : "/api/v1";
        auto open = [=](bool inside) {
          return [=](const Caller&) {
            return Probe{prefix + "/entities/" + entity_for(window, inside) + "/liquidation",
                         group.dump()};
          };
        };
        c["POST " + prefix + "/entities/{uscc}/liquidation"] = {open(true), open(false), 201};
        for (const auto& [path, prep] : steps) {
          auto probe = [=, prep = prep, path = path](bool inside) {
            return [=](const Caller&) {
              return Probe{prefix + "/liquidations/" +
                               liquidation(entity_for(window, inside), prep.first) + "/" + path,
                           prep.second};
            };
          };
          c["POST " + prefix + "/liquidations/{id}/" + path] = {probe(true), probe(false)};
        }
      }
      auto staff_probe = [=](const std::string& path, std::vector<std::string> prep,
                             std::string body) {
        return RouteCase{
            [=](const Caller&) {
              return Probe{"/api/v1/liquidations/" +
                               liquidation(susp_entity("330106", "m-susp-other"), prep) + path,
                           body};
            },
            [=](const Caller&) {
              return Probe{"/api/v1/liquidations/" +
                               liquidation(susp_entity("330105", "m-susp-other"), prep) + path,
                           body};
            }};
      };
      c["POST /api/v1/liquidations/{id}/tax-clearance"] = staff_probe(
          "/tax-clearance", {}, json{{"documents", {"tax_clearance_certificate"}}}.dump());
      c["POST /api/v1/liquidations/{id}/decision"] =
          staff_probe("/decision", {"UPDATE liquidation SET state = 'applied' WHERE id = :id"},
                      json{{"decision", "approve"}}.dump());
      c["POST /api/v1/liquidations/{id}/claims"] = {
          [=](const Caller&) {
            return Probe{
                "/api/v1/liquidations/" +
                    liquidation(susp_entity("330106", "m-susp-other"),
                                {"UPDATE liquidation SET public_notice_on = '2026-11-24', "
                                 "claims_until = '2027-01-08' WHERE id = :id"}) +
                    "/claims",
                json{{"creditor_name", "矩阵债权人"}, {"amount", 100}, {"basis", "货款"}}.dump()};
          },
          {},
          201};
      c["GET /api/v1/liquidations/{id}"] = {
          [=](const Caller&) {
            return Probe{
                "/api/v1/liquidations/" + liquidation(susp_entity("330106", "m-susp-other"), {}),
                ""};
          },
          {}};
      c["GET /api/v1/notices/liquidations"] = {fixed("/api/v1/notices/liquidations"), {}};
      c["GET /api/v1/entities/{uscc}/liquidation-rules"] = {
          [=](const Caller&) {
            return Probe{"/api/v1/entities/" + susp_entity("330106", "m-susp-other") +
                             "/liquidation-rules?cause_on=2026-09-01",
                         ""};
          },
          {}};
    }
    // lifecycle:susp end
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
                   (!identity::RoleGrants(*who.role, spec.permission) ||
                    identity::IsPlatformPermission(spec.permission))) {
          // Every caller here holds its role below the root: platform-level
          // permissions are refused to all of them (see the test below).
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

// The platform-level routes (outbox, scheduler) answer the administrator at
// the root of the org tree, and no one below it.
TEST_P(AuthorizationMatrixTest, PlatformRoutesAnswerOnlyTheRootAdministrator) {
  std::map<std::string, RouteCase> cases = Cases();
  const std::string token = Login("m-root-admin");
  int checked = 0;
  for (const http::RouteSpec& spec : app_->router()->routes()) {
    if (!identity::IsPlatformPermission(spec.permission)) continue;
    const std::string key = spec.method + " " + spec.pattern;
    ASSERT_TRUE(cases.contains(key)) << key;
    const RouteCase& rc = cases.at(key);
    const Probe probe = rc.inside(
        Caller{"root admin", Role::kAdmin, "m-root-admin", t_.root.id, target_of_[t_.a.id]});
    auto r = Call(spec.method, probe, token);
    EXPECT_EQ(r.status, rc.success) << key << ": " << r.body.substr(0, 300);
    ++checked;
  }
  EXPECT_GE(checked, 8);
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
