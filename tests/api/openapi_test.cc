// SPDX-License-Identifier: MulanPSL-2.0
// The API description against the router `amr serve` runs (cli::App, with
// the web UI's static files, so every route the server can answer is there):
// every route has an entry in data/api/routes.json, every entry names a route,
// and GET /api/v1/openapi.json answers, to anyone, an OpenAPI 3.1 document in
// which every operation carries its route's permission.
//
// When this test fails after routes were added, its message lists the routes
// to describe; docs/api.md says how.
#include "http/openapi.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "cli/app.h"
#include "cli/calendar_wiring.h"
#include "codes/data_dir.h"
#include "identity/identity_test_util.h"
#include "testing/db_fixture.h"

namespace amr {
namespace {

using nlohmann::json;

class OpenApiTest : public testing::DbTest {
 protected:
  void SetUpStore() override {
    std::string dir = (std::filesystem::temp_directory_path() / "amr-openapi-XXXXXX").string();
    ASSERT_NE(::mkdtemp(dir.data()), nullptr);
    web_dir_ = dir;
    std::ofstream(web_dir_ / "index.html") << "<!doctype html><title>OpenAMR</title>";
    cli::AppOptions options;
    options.web_dir = web_dir_;
    options.password_cost = identity::MinimumCostForTest();
    // As `amr serve` runs it: with /metrics.
    options.metrics = std::make_shared<http::Metrics>();
    auto calendar = cli::StartCalendar(db(), clock_, true);
    ASSERT_TRUE(calendar.ok()) << calendar.status().ToString();
    app_ = std::make_unique<cli::App>(db(), clock_, *calendar, options);
    auto description = http::LoadApiDescription(codes::DataDir() / "api" / "routes.json");
    ASSERT_TRUE(testing::IsOk(description));
    description_ = *description;
  }

  void TearDown() override {
    app_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(web_dir_, ignored);
    DbTest::TearDown();
  }

  // The document as a client gets it: no token, through the router's guard.
  http::Response Fetch() {
    http::Request req;
    req.method = "GET";
    EXPECT_TRUE(req.SetTarget("/api/v1/openapi.json").ok());
    req.remote_ip = "192.0.2.7";
    req.request_id = "openapi-test";
    return app_->router()->Dispatch(req);
  }

  FakeClock clock_{*ParseTime("2026-11-24T09:00:00+08:00")};
  std::filesystem::path web_dir_;
  std::unique_ptr<cli::App> app_;
  json description_;
};

std::string Lines(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += "\n  " + item;
  return out;
}

TEST_P(OpenApiTest, EveryRouteIsDescribedAndEveryEntryNamesARoute) {
  const http::DescriptionCheck check =
      http::CheckDescription(app_->router()->routes(), description_);
  EXPECT_TRUE(check.missing.empty())
      << check.missing.size()
      << " route(s) of the server have no entry in data/api/routes.json; add one per route "
         "(summary, tags, query, body, response …, see docs/api.md):"
      << Lines(check.missing);
  EXPECT_TRUE(check.stale.empty())
      << check.stale.size()
      << " entry(ies) of data/api/routes.json name no route of the server (renamed or removed? "
         "move or delete them):"
      << Lines(check.stale);
  EXPECT_TRUE(check.problems.empty())
      << "malformed entries in data/api/routes.json:" << Lines(check.problems);
  // The static files are among the routes described.
  EXPECT_TRUE(description_["routes"].contains("GET /{path...}"));
}

TEST_P(OpenApiTest, ServedToAnyoneAsOpenApi31WithEachRoutesPermission) {
  http::Response r = Fetch();
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
  EXPECT_EQ(r.content_type, http::kJsonContentType);
  json doc = json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  ASSERT_TRUE(doc.is_object()) << "the document does not parse";
  ASSERT_TRUE(doc["openapi"].is_string());
  EXPECT_TRUE(doc["openapi"].get<std::string>().starts_with("3.1.")) << doc["openapi"];
  EXPECT_TRUE(doc["info"]["title"].is_string());

  size_t operations = 0;
  for (const http::RouteSpec& spec : app_->router()->routes()) {
    std::string path = spec.pattern;
    if (auto dots = path.find("...}"); dots != std::string::npos) path.erase(dots, 3);
    std::string method = spec.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::string key = http::RouteKey(spec);
    ASSERT_TRUE(doc["paths"].contains(path)) << key;
    const json& op = doc["paths"][path][method];
    ASSERT_TRUE(op.is_object()) << key;
    ++operations;
    EXPECT_EQ(op.value("x-permission", ""), spec.permission) << key;
    EXPECT_FALSE(op.contains("x-undescribed")) << key;
    EXPECT_FALSE(op.value("summary", "").empty()) << key;
    ASSERT_TRUE(op["responses"].is_object()) << key;
    EXPECT_TRUE(op["responses"].contains("default")) << key;
    const json& security = op["security"];
    ASSERT_TRUE(security.is_array()) << key;
    if (spec.permission == http::kPublic) {
      EXPECT_TRUE(op["responses"].contains("429")) << key << ": the public rate limit";
    } else {
      // Required: no empty alternative that would let a caller without a token in.
      EXPECT_EQ(security, json::array({json{{"bearer", json::array()}}})) << key;
      EXPECT_TRUE(op["responses"].contains("401")) << key;
    }
    // Every path parameter of the pattern is declared.
    std::set<std::string> declared;
    for (const json& p : op.value("parameters", json::array())) {
      if (p.value("in", "") == "path") declared.insert(p["name"].get<std::string>());
    }
    for (size_t open = path.find('{'); open != std::string::npos; open = path.find('{', open + 1)) {
      std::string name = path.substr(open + 1, path.find('}', open) - open - 1);
      EXPECT_TRUE(declared.contains(name)) << key << ": path parameter " << name;
    }
  }
  size_t in_document = 0;
  for (const auto& [path, item] : doc["paths"].items()) in_document += item.size();
  EXPECT_EQ(in_document, operations) << "operations that are no route of the server";
  EXPECT_EQ(operations, app_->router()->routes().size());

  // The one error shape of errors.h, with the statuses of errors.cc.
  const json& error = doc["components"]["schemas"]["Error"]["properties"]["error"];
  EXPECT_EQ(error["required"], json::array({"code", "message", "field", "request_id"}));
  const json codes = error["properties"]["code"]["enum"];
  for (const char* code : {"invalid_argument", "unauthenticated", "permission_denied", "not_found",
                           "failed_precondition", "resource_exhausted", "method_not_allowed"}) {
    EXPECT_NE(std::find(codes.begin(), codes.end(), code), codes.end()) << code;
  }
  EXPECT_NE(doc["components"]["responses"]["Error422"]["description"].get<std::string>().find(
                "failed_precondition"),
            std::string::npos);
}

// What integrators rely on in a few routes, as their handlers answer.
TEST_P(OpenApiTest, ExportsIdempotencyAndPermissionsAreStated) {
  json doc = json::parse(Fetch().body);
  const json& audit = doc["paths"]["/api/v1/audit"]["get"];
  EXPECT_EQ(audit["x-permission"], "audit.read");
  bool has_format = false;
  for (const json& p : audit["parameters"]) has_format |= p.value("name", "") == "format";
  EXPECT_TRUE(has_format) << "GET /api/v1/audit answers ?format=xlsx";
  EXPECT_TRUE(audit["responses"]["200"]["content"].contains(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));

  const json& create_user = doc["paths"]["/api/v1/users"]["post"];
  EXPECT_EQ(create_user["x-permission"], "users.write");
  EXPECT_TRUE(create_user["responses"].contains("201"));
  EXPECT_TRUE(create_user["responses"]["201"]["headers"].contains("Idempotency-Replayed"));
  EXPECT_NE(create_user["description"].get<std::string>().find("创建用户"), std::string::npos)
      << "the permission's Chinese name is shown";

  const json& login = doc["paths"]["/api/v1/auth/login"]["post"];
  EXPECT_EQ(login["x-permission"], "public");
  EXPECT_TRUE(login["responses"].contains("429"));
  EXPECT_FALSE(login.contains("parameters") &&
               login["parameters"].dump().find("IdempotencyKey") != std::string::npos)
      << "login does not read Idempotency-Key";
}

INSTANTIATE_TEST_SUITE_P(Backends, OpenApiTest, ::testing::Values(storage::Backend::kSqlite),
                         testing::BackendName);

}  // namespace
}  // namespace amr
