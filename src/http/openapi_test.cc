// SPDX-License-Identifier: MulanPSL-2.0
#include "http/openapi.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace amr::http {
namespace {

using nlohmann::json;

Response Ok(Request&) { return Response::Json({}); }

Router SmallRouter() {
  Router router;
  router.Get("/api/v1/things", "things.read", Ok);
  router.Post("/api/v1/things", "things.write", Ok);
  router.Get("/api/v1/things/{id}/files/{name}", std::string(kPublic), Ok);
  router.Get("/healthz", std::string(kPublic), Ok);
  router.Get("/{path...}", std::string(kPublic), Ok);
  return router;
}

json Description() {
  return json::parse(R"({
    "info": {"title": "T", "version": "1"},
    "tags": [{"name": "things", "description": "东西"}],
    "errors": {"400": "输入有误"},
    "schemas": {"Thing": {"type": "object", "properties": {"id": {"type": "integer"}}}},
    "routes": {
      "GET /api/v1/things": {
        "summary": "列出东西", "tags": ["things"],
        "query": {"limit": {"description": "条数", "schema": {"type": "integer", "maximum": 50}}},
        "response": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}},
        "xlsx": "东西.xlsx"
      },
      "POST /api/v1/things": {
        "summary": "新建东西", "tags": ["things"], "body": {"$ref": "#/components/schemas/Thing"},
        "status": 201, "response": {"$ref": "#/components/schemas/Thing"},
        "idempotent": true, "errors": {"409": "已有同名的东西"}
      },
      "GET /api/v1/things/{id}/files/{name}": {
        "summary": "下载文件", "tags": ["things"], "content_type": "application/pdf",
        "path": {"id": {"description": "编号", "schema": {"type": "integer"}}}
      },
      "GET /{path...}": {"summary": "网页", "tags": ["things"], "content_type": "text/html"},
      "DELETE /api/v1/things/{id}": {"summary": "删除", "tags": ["things"]}
    }
  })");
}

TEST(OpenApiTest, CheckNamesMissingAndStaleRoutes) {
  const DescriptionCheck check = CheckDescription(SmallRouter().routes(), Description());
  EXPECT_EQ(check.missing, std::vector<std::string>{"GET /healthz"});
  EXPECT_EQ(check.stale, std::vector<std::string>{"DELETE /api/v1/things/{id}"});
  EXPECT_TRUE(check.problems.empty()) << check.problems.front();
  EXPECT_FALSE(check.ok());
}

TEST(OpenApiTest, CheckNamesMalformedEntries) {
  json d = Description();
  d["routes"]["GET /api/v1/things"]["respone"] = json::object();
  d["routes"]["GET /api/v1/things"]["tags"] = json::array({"thinsg"});
  d["routes"]["POST /api/v1/things"]["body"] = {{"$ref", "#/components/schemas/Thin"}};
  d["routes"]["POST /api/v1/things"]["errors"]["4O4"] = "typo";
  d["routes"]["GET /api/v1/things/{id}/files/{name}"]["path"]["uuid"] = {
      {"description", "?"}, {"schema", {{"type", "string"}}}};
  d["routes"]["GET /{path...}"].erase("summary");
  std::vector<std::string> problems = CheckDescription(SmallRouter().routes(), d).problems;
  auto has = [&](std::string_view text) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const std::string& p) { return p.find(text) != std::string::npos; });
  };
  EXPECT_TRUE(has("GET /api/v1/things: unknown key \"respone\""));
  EXPECT_TRUE(has("tag \"thinsg\" is not declared"));
  EXPECT_TRUE(has("POST /api/v1/things: #/components/schemas/Thin is not defined"));
  EXPECT_TRUE(has("errors 4O4 should be"));
  EXPECT_TRUE(has("the pattern has no parameter uuid"));
  EXPECT_TRUE(has("GET /{path...}: no summary"));
}

TEST(OpenApiTest, DocumentCarriesPermissionsSecurityAndErrors) {
  json doc = OpenApiDocument(SmallRouter().routes(), Description(), {{"things.read", "查看东西"}});
  EXPECT_EQ(doc["openapi"], "3.1.0");
  const json& list = doc["paths"]["/api/v1/things"]["get"];
  EXPECT_EQ(list["x-permission"], "things.read");
  EXPECT_EQ(list["security"], json::parse(R"([{"bearer": []}])"));
  EXPECT_NE(list["description"].get<std::string>().find("things.read`（查看东西）"),
            std::string::npos);
  for (const char* status : {"200", "400", "401", "403", "default"}) {
    EXPECT_TRUE(list["responses"].contains(status)) << status;
  }
  EXPECT_FALSE(list["responses"].contains("429"));
  // ?format=xlsx: a parameter and a second kind of answer.
  EXPECT_EQ(list["parameters"][1]["name"], "format");
  EXPECT_TRUE(list["responses"]["200"]["content"].contains(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));

  const json& create = doc["paths"]["/api/v1/things"]["post"];
  EXPECT_TRUE(create["responses"].contains("201"));
  EXPECT_EQ(create["responses"]["409"]["description"], "已有同名的东西");
  EXPECT_EQ(create["parameters"][0]["$ref"], "#/components/parameters/IdempotencyKey");
  EXPECT_TRUE(create["responses"].contains("422"));
  EXPECT_EQ(create["requestBody"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/Thing");

  // Public: optional token, rate limited; path parameters from the pattern.
  const json& file = doc["paths"]["/api/v1/things/{id}/files/{name}"]["get"];
  EXPECT_EQ(file["security"], json::parse(R"([{}, {"bearer": []}])"));
  EXPECT_TRUE(file["responses"].contains("429"));
  EXPECT_FALSE(file["responses"].contains("401"));
  EXPECT_EQ(file["parameters"][0]["schema"]["type"], "integer");
  EXPECT_EQ(file["parameters"][1]["name"], "name");
  EXPECT_EQ(file["parameters"][1]["schema"]["type"], "string");
  EXPECT_TRUE(file["responses"]["200"]["content"].contains("application/pdf"));
  EXPECT_TRUE(doc["paths"].contains("/{path}"));

  // A route without an entry is still there, marked.
  const json& health = doc["paths"]["/healthz"]["get"];
  EXPECT_EQ(health["x-undescribed"], true);
  EXPECT_EQ(health["x-permission"], "public");
  EXPECT_FALSE(doc["paths"].contains("/api/v1/things/{id}")) << "stale entries are left out";

  // The error statuses come from errors.cc.
  const json& responses = doc["components"]["responses"];
  EXPECT_EQ(responses["Error400"]["description"],
            "输入有误（code：invalid_argument、out_of_range、bad_request）");
  EXPECT_NE(responses["Error409"]["description"].get<std::string>().find("aborted"),
            std::string::npos);
  EXPECT_TRUE(responses["Error429"]["headers"].contains("Retry-After"));
}

TEST(OpenApiTest, LoadRefusesWhatIsNotADescription) {
  EXPECT_EQ(LoadApiDescription("/nonexistent/routes.json").status().code(), StatusCode::kNotFound);
  std::string dir = (std::filesystem::temp_directory_path() / "amr-openapi-XXXXXX").string();
  ASSERT_NE(::mkdtemp(dir.data()), nullptr);
  auto path = std::filesystem::path(dir) / "routes.json";
  std::ofstream(path) << "{\"routes\": [";
  EXPECT_EQ(LoadApiDescription(path).status().code(), StatusCode::kInvalidArgument);
  std::ofstream(path) << "{\"routes\": {}}";
  EXPECT_TRUE(LoadApiDescription(path).ok());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace amr::http
