// SPDX-License-Identifier: MulanPSL-2.0
// The OpenAPI 3.1 document of the routes a Router answers, for integrators.
//
// What the router knows comes from its RouteSpecs: methods, paths, path
// parameters and the permission of each route (as `x-permission` on every
// operation, and a bearer security requirement on every route that is not
// public). What a RouteSpec cannot know comes from a description kept as data
// (data/api/routes.json, see docs/api.md), one entry per route key
// "METHOD /pattern":
//
//   "GET /api/v1/users/{id}": {
//     "summary": "查看用户",              Chinese, for people (required)
//     "description": "…",                 optional, Markdown
//     "tags": ["identity"],               declared in the file's "tags" (required)
//     "path": {"id": PARAM},              a path parameter (otherwise a string)
//     "query": {"limit": PARAM},          query parameters
//     "body": SCHEMA,                     the request body (JSON unless
//     "body_content_type": "text/csv",    it says otherwise)
//     "body_required": false,             default true when a body is given
//     "status": 200,                      the success status (default 200)
//     "response": SCHEMA,                 the success answer (JSON unless content_type)
//     "response_description": "…",
//     "content_type": "application/pdf",  a success answer that is not JSON
//     "xlsx": "用户.xlsx",                 also answers ?format=xlsx as this workbook
//     "idempotent": true,                 honours Idempotency-Key
//     "errors": {"404": "…"}              statuses particular to the route: a
//   }                                     description, or {"description", "schema"}
//
// PARAM is {"description", "schema", "required"}; SCHEMA is JSON Schema
// 2020-12, which may refer to the file's "schemas" as "#/components/schemas/X".
// Every operation also gets the answers any route of its kind can give, with
// the one error body of errors.h: 400 when it takes input, 401 and 403 when it
// is not public, 429 (the per-address rate limit) when it is, 422 for a reused
// Idempotency-Key, and a default for the rest (413, 500, 503, 504 …).
//
// Thread-safety: pure functions.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/status.h"
#include "http/router.h"

namespace amr::http {

// "GET /api/v1/users/{id}": how the description names a route.
std::string RouteKey(const RouteSpec& spec);

// Reads the description file. NotFound if it cannot be opened,
// InvalidArgument (naming the file) if it is not a JSON object with "routes".
StatusOr<nlohmann::json> LoadApiDescription(const std::filesystem::path& path);

// What is wrong between `routes` and `description`, for the test that keeps
// them in step: routes without an entry, entries naming no route, and entries
// that are malformed (an unknown key, no summary or tags, an undeclared tag, a
// path parameter the pattern lacks, a "$ref" to a schema the file does not
// define), one line each.
struct DescriptionCheck {
  std::vector<std::string> missing;   // route keys without an entry
  std::vector<std::string> stale;     // entry keys naming no route
  std::vector<std::string> problems;  // "GET /x: unknown key \"respone\""
  bool ok() const { return missing.empty() && stale.empty() && problems.empty(); }
};
DescriptionCheck CheckDescription(const std::vector<RouteSpec>& routes,
                                  const nlohmann::json& description);

// The document. Every route is in it: one without an entry with what its
// RouteSpec tells and "x-undescribed": true; entries naming no route are left
// out. `permission_names` ("users.read" → "查看用户") labels the permissions
// in the operations' descriptions; a permission missing from it is shown bare.
nlohmann::json OpenApiDocument(const std::vector<RouteSpec>& routes,
                               const nlohmann::json& description,
                               const std::map<std::string, std::string>& permission_names = {});

}  // namespace amr::http
