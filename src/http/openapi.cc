// SPDX-License-Identifier: MulanPSL-2.0
#include "http/openapi.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include "http/errors.h"

namespace amr::http {
namespace {

using nlohmann::json;

constexpr std::string_view kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr std::string_view kErrorSchemaRef = "#/components/schemas/Error";
constexpr std::string_view kSchemaRefPrefix = "#/components/schemas/";

// What an entry may say (openapi.h).
constexpr std::string_view kEntryKeys[] = {"summary",
                                           "description",
                                           "tags",
                                           "path",
                                           "query",
                                           "body",
                                           "body_content_type",
                                           "body_required",
                                           "status",
                                           "response",
                                           "response_description",
                                           "content_type",
                                           "xlsx",
                                           "idempotent",
                                           "errors"};

struct PathParam {
  std::string name;
  bool rest = false;  // "{path...}": zero or more segments
};

std::vector<PathParam> PathParams(std::string_view pattern) {
  std::vector<PathParam> out;
  size_t open = 0;
  while ((open = pattern.find('{', open)) != std::string_view::npos) {
    size_t close = pattern.find('}', open);
    if (close == std::string_view::npos) break;
    std::string name(pattern.substr(open + 1, close - open - 1));
    bool rest = name.ends_with("...");
    if (rest) name.resize(name.size() - 3);
    out.push_back({std::move(name), rest});
    open = close + 1;
  }
  return out;
}

// "/{path...}" → "/{path}": OpenAPI names a parameter, not how many segments.
std::string OpenApiPath(std::string pattern) {
  size_t dots;
  while ((dots = pattern.find("...}")) != std::string::npos) pattern.erase(dots, 3);
  return pattern;
}

// "GET /api/v1/users/{id}/roles" → "get_users_by_id_roles".
std::string OperationId(const RouteSpec& spec) {
  std::string id = spec.method;
  std::transform(id.begin(), id.end(), id.begin(), [](unsigned char c) { return std::tolower(c); });
  std::string_view rest = spec.pattern;
  if (rest.starts_with("/api/v1")) rest.remove_prefix(7);
  std::string segment;
  auto flush = [&] {
    if (segment.empty()) return;
    id += '_';
    id += segment;
    segment.clear();
  };
  for (char c : rest) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (c == '/') {
      flush();
    } else if (c == '{') {
      segment += "by_";
    } else if (std::isalnum(u)) {
      segment += static_cast<char>(std::tolower(u));
    } else if (c != '}' && !segment.empty() && !segment.ends_with("_")) {
      segment += '_';  // "export.xlsx" → "export_xlsx"
    }
  }
  flush();
  return id;
}

bool IsPublic(const RouteSpec& spec) { return spec.permission == kPublic; }

// Every "$ref" under `value` that names no schema of `schemas`.
void CollectBadRefs(const json& value, const json& schemas, std::set<std::string>* bad) {
  if (value.is_object()) {
    if (auto ref = value.find("$ref"); ref != value.end()) {
      std::string target = ref->is_string() ? ref->get<std::string>() : ref->dump();
      const std::string name = target.substr(0, kSchemaRefPrefix.size()) == kSchemaRefPrefix
                                   ? target.substr(kSchemaRefPrefix.size())
                                   : std::string();
      // "Error" is the one error body, which the document defines itself.
      if (name.empty() || (!schemas.contains(name) && name != "Error")) {
        bad->insert(target);
      }
    }
    for (const auto& [key, item] : value.items()) CollectBadRefs(item, schemas, bad);
  } else if (value.is_array()) {
    for (const json& item : value) CollectBadRefs(item, schemas, bad);
  }
}

void CheckParams(const std::string& key, const char* where, const json& params,
                 std::vector<std::string>* problems) {
  if (!params.is_object()) {
    problems->push_back(fmt::format("{}: \"{}\" should be an object", key, where));
    return;
  }
  for (const auto& [name, param] : params.items()) {
    if (!param.is_object() || !param.contains("schema") ||
        !param.value("description", json()).is_string()) {
      problems->push_back(fmt::format(
          "{}: {} parameter {} should be {{\"description\", \"schema\"}}", key, where, name));
    }
  }
}

void CheckEntry(const RouteSpec* spec, const std::string& key, const json& entry,
                const std::set<std::string>& tags, const json& schemas,
                std::vector<std::string>* problems) {
  if (!entry.is_object()) {
    problems->push_back(key + ": the entry should be an object");
    return;
  }
  for (const auto& [k, v] : entry.items()) {
    if (std::find(std::begin(kEntryKeys), std::end(kEntryKeys), k) == std::end(kEntryKeys)) {
      problems->push_back(fmt::format("{}: unknown key \"{}\"", key, k));
    }
  }
  if (!entry.value("summary", json()).is_string() || entry["summary"].empty()) {
    problems->push_back(key + ": no summary");
  }
  const json entry_tags = entry.value("tags", json());
  if (!entry_tags.is_array() || entry_tags.empty()) {
    problems->push_back(key + ": no tags");
  } else {
    for (const json& t : entry_tags) {
      if (!t.is_string() || !tags.contains(t.get<std::string>())) {
        problems->push_back(fmt::format("{}: tag {} is not declared in \"tags\"", key, t.dump()));
      }
    }
  }
  if (entry.contains("path")) {
    CheckParams(key, "path", entry["path"], problems);
    if (spec != nullptr && entry["path"].is_object()) {
      std::vector<PathParam> declared = PathParams(spec->pattern);
      for (const auto& [name, param] : entry["path"].items()) {
        // An init-capture: clang 14 (`make fuzz`) cannot capture a structured binding.
        if (std::none_of(declared.begin(), declared.end(),
                         [&name = name](const PathParam& p) { return p.name == name; })) {
          problems->push_back(fmt::format("{}: the pattern has no parameter {}", key, name));
        }
      }
    }
  }
  if (entry.contains("query")) CheckParams(key, "query", entry["query"], problems);
  if (entry.contains("status")) {
    const json& s = entry["status"];
    if (!s.is_number_integer() || s.get<int>() < 200 || s.get<int>() > 299) {
      problems->push_back(key + ": status should be a 2xx");
    }
  }
  if (entry.contains("errors")) {
    if (!entry["errors"].is_object()) {
      problems->push_back(key + ": errors should be an object");
    } else {
      for (const auto& [status, what] : entry["errors"].items()) {
        int code = std::atoi(status.c_str());
        if (code < 400 || code > 599 || std::to_string(code) != status ||
            !(what.is_string() || (what.is_object() && what.contains("description")))) {
          problems->push_back(
              fmt::format("{}: errors {} should be a 4xx/5xx with a description", key, status));
        }
      }
    }
  }
  if (spec != nullptr && entry.contains("xlsx") && spec->method != "GET") {
    problems->push_back(key + ": only a GET exports xlsx");
  }
  if (entry.contains("idempotent") && !entry["idempotent"].is_boolean()) {
    problems->push_back(key + ": idempotent should be true or false");
  }
  std::set<std::string> bad;
  CollectBadRefs(entry, schemas, &bad);
  for (const std::string& ref : bad) {
    problems->push_back(fmt::format("{}: {} is not defined", key, ref));
  }
}

json ErrorContent() { return {{"application/json", {{"schema", {{"$ref", kErrorSchemaRef}}}}}}; }

// Which error codes each HTTP status carries, from errors.cc.
std::map<int, std::vector<std::string>> CodesByStatus() {
  std::map<int, std::vector<std::string>> out;
  for (int c = static_cast<int>(StatusCode::kInvalidArgument);
       c <= static_cast<int>(StatusCode::kInternal); ++c) {
    StatusCode code = static_cast<StatusCode>(c);
    out[HttpStatusFor(code)].emplace_back(StatusCodeSlug(code));
  }
  out[400].emplace_back(kSlugBadRequest);
  out[405].emplace_back(kSlugMethodNotAllowed);
  out[413].emplace_back(kSlugPayloadTooLarge);
  out[414].emplace_back(kSlugUriTooLong);
  out[431].emplace_back(kSlugHeadersTooLarge);
  return out;
}

json Components(const json& description) {
  json components = {{"schemas", description.value("schemas", json::object())}};
  std::vector<std::string> all_codes;
  json responses = json::object();
  const json meanings = description.value("errors", json::object());
  for (const auto& [status, codes] : CodesByStatus()) {
    all_codes.insert(all_codes.end(), codes.begin(), codes.end());
    std::string names;
    for (const std::string& c : codes) names += (names.empty() ? "" : "、") + c;
    std::string meaning = meanings.value(std::to_string(status), std::string(ReasonPhrase(status)));
    responses[fmt::format("Error{}", status)] = {
        {"description", fmt::format("{}（code：{}）", meaning, names)},
        {"content", ErrorContent()}};
  }
  std::sort(all_codes.begin(), all_codes.end());
  all_codes.erase(std::unique(all_codes.begin(), all_codes.end()), all_codes.end());
  responses["ErrorDefault"] = {{"description", meanings.value("default", std::string("其他错误"))},
                               {"content", ErrorContent()}};
  responses["Error429"]["headers"] = {
      {"Retry-After",
       {{"description", "几秒后可以再试"}, {"schema", {{"type", "integer"}, {"minimum", 1}}}}}};
  responses["Error401"]["headers"] = {
      {"WWW-Authenticate",
       {{"schema", {{"type", "string"}, {"const", "Bearer realm=\"openamr\""}}}}}};
  components["schemas"]["Error"] = {
      {"type", "object"},
      {"required", json::array({"error"})},
      {"properties",
       {{"error",
         {{"type", "object"},
          {"required", json::array({"code", "message", "field", "request_id"})},
          {"properties",
           {{"code",
             {{"type", "string"}, {"enum", all_codes}, {"description", "稳定的机器可读错误码"}}},
            {"message", {{"type", "string"}, {"description", "中文说明，给人看"}}},
            {"field",
             {{"type", json::array({"string", "null"})},
              {"description", "出错的输入项；与某一输入无关时为 null"}}},
            {"request_id",
             {{"type", json::array({"string", "null"})},
              {"description", "请求编号，与响应头 X-Request-Id 相同"}}}}}}}}}};
  components["responses"] = std::move(responses);
  components["securitySchemes"] = {
      {"bearer",
       {{"type", "http"},
        {"scheme", "bearer"},
        {"description", "POST /api/v1/auth/login 返回的登录凭证：Authorization: Bearer TOKEN"}}}};
  components["parameters"] = {
      {"IdempotencyKey",
       {{"name", "Idempotency-Key"},
        {"in", "header"},
        {"required", false},
        {"description",
         "同一用户用同一个键重试同一请求时，返回第一次的结果（响应头 Idempotency-Replayed: "
         "true）且不再写入；同一个键用于不同请求时为 422。键保留 24 小时。"},
        {"schema",
         {{"type", "string"},
          {"minLength", 1},
          {"maxLength", 200},
          {"pattern", "^[\\x21-\\x7e]+$"}}}}}};
  return components;
}

json Parameter(const std::string& name, const char* in, const json& param, bool required) {
  json out = {{"name", name}, {"in", in}};
  if (param.contains("description")) out["description"] = param["description"];
  out["required"] = required || param.value("required", false);
  out["schema"] = param.value("schema", json{{"type", "string"}});
  return out;
}

json Operation(const RouteSpec& spec, const json* entry,
               const std::map<std::string, std::string>& permission_names) {
  const json e = entry != nullptr ? *entry : json::object();
  json op = {{"operationId", OperationId(spec)},
             {"summary", e.value("summary", std::string("（尚无说明）"))}};
  std::string text = e.value("description", std::string());
  std::string permission = spec.permission;
  if (auto name = permission_names.find(spec.permission); name != permission_names.end()) {
    permission += "（" + name->second + "）";
  }
  text += (text.empty() ? "" : "\n\n") + std::string("权限：`") + spec.permission + "`" +
          permission.substr(spec.permission.size());
  op["description"] = text;
  if (e.contains("tags")) op["tags"] = e["tags"];
  if (entry == nullptr) op["x-undescribed"] = true;
  op["x-permission"] = spec.permission;
  json bearer = json::object();
  bearer["bearer"] = json::array();
  // A public route still reads a bearer token when one is sent.
  op["security"] = IsPublic(spec) ? json::array({json::object(), bearer}) : json::array({bearer});

  json params = json::array();
  const json path = e.value("path", json::object());
  for (const PathParam& p : PathParams(spec.pattern)) {
    json param = path.value(p.name, json::object());
    if (p.rest && !param.contains("description")) param["description"] = "可含多段，以 / 分隔";
    params.push_back(Parameter(p.name, "path", param, true));
  }
  const json query = e.value("query", json::object());
  for (const auto& [name, param] : query.items()) {
    params.push_back(Parameter(name, "query", param, false));
  }
  const bool xlsx = e.contains("xlsx");
  if (xlsx) {
    params.push_back(
        {{"name", "format"},
         {"in", "query"},
         {"required", false},
         {"description", "xlsx：以同样的筛选条件导出 Excel 文件"},
         {"schema",
          {{"type", "string"}, {"enum", json::array({"json", "xlsx"})}, {"default", "json"}}}});
  }
  const bool idempotent = e.value("idempotent", false);
  if (idempotent) params.push_back({{"$ref", "#/components/parameters/IdempotencyKey"}});
  if (!params.empty()) op["parameters"] = params;

  if (e.contains("body")) {
    const std::string type = e.value("body_content_type", std::string("application/json"));
    op["requestBody"] = {{"required", e.value("body_required", true)},
                         {"content", {{type, {{"schema", e["body"]}}}}}};
  }

  json responses = json::object();
  const int status = e.value("status", 200);
  json success = {{"description", e.value("response_description", std::string("成功"))}};
  const std::string content_type = e.value("content_type", std::string());
  if (!content_type.empty()) {
    success["content"][content_type]["schema"] =
        e.value("response", json{{"type", "string"}, {"contentMediaType", content_type}});
  } else if (e.contains("response")) {
    success["content"]["application/json"]["schema"] = e["response"];
  }
  if (xlsx) {
    success["content"][std::string(kXlsxType)]["schema"] = {{"type", "string"},
                                                            {"contentMediaType", kXlsxType}};
    success["description"] = success["description"].get<std::string>() +
                             "；format=xlsx 时为 Excel 文件 " + e["xlsx"].get<std::string>() +
                             "（Content-Disposition 给出文件名）";
  }
  if (idempotent) {
    success["headers"]["Idempotency-Replayed"] = {
        {"description", "为 true 时表示这是以同一 Idempotency-Key 重试得到的第一次结果"},
        {"schema", {{"type", "string"}, {"const", "true"}}}};
  }
  responses[std::to_string(status)] = success;

  auto ref = [](int s) { return json{{"$ref", fmt::format("#/components/responses/Error{}", s)}}; };
  const bool takes_input = !params.empty() || e.contains("body");
  if (takes_input) responses["400"] = ref(400);
  if (IsPublic(spec)) {
    responses["429"] = ref(429);
  } else {
    responses["401"] = ref(401);
    if (spec.permission != "authenticated") {
      responses["403"] = {
          {"description",
           fmt::format("没有权限 {}，或对象不在本人的数据范围内（permission_denied）",
                       spec.permission)},
          {"content", ErrorContent()}};
    }
  }
  if (idempotent) {
    responses["422"] = {
        {"description", "同一 Idempotency-Key 已用于不同的请求（failed_precondition）"},
        {"content", ErrorContent()}};
  }
  const json errors = e.value("errors", json::object());
  for (const auto& [code, what] : errors.items()) {
    json r = {{"description", what.is_string() ? what : what.value("description", json(""))},
              {"content", ErrorContent()}};
    if (what.is_object() && what.contains("schema")) {
      r["content"]["application/json"]["schema"] = what["schema"];
    }
    if (code == "422" && idempotent) {
      r["description"] =
          r["description"].get<std::string>() + "；或同一 Idempotency-Key 已用于不同的请求";
    }
    responses[code] = r;
  }
  responses["default"] = {{"$ref", "#/components/responses/ErrorDefault"}};
  op["responses"] = responses;
  return op;
}

}  // namespace

std::string RouteKey(const RouteSpec& spec) { return spec.method + " " + spec.pattern; }

StatusOr<nlohmann::json> LoadApiDescription(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return NotFoundError(fmt::format("无法打开接口说明文件 {}", path.string()));
  std::stringstream text;
  text << in.rdbuf();
  json description = json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (!description.is_object() || !description.value("routes", json()).is_object()) {
    return InvalidArgumentError(
        fmt::format("接口说明文件 {} 不是含 routes 的 JSON 对象", path.string()));
  }
  return description;
}

DescriptionCheck CheckDescription(const std::vector<RouteSpec>& routes,
                                  const nlohmann::json& description) {
  DescriptionCheck check;
  const json entries = description.value("routes", json::object());
  std::set<std::string> tags;
  for (const json& t : description.value("tags", json::array())) {
    if (t.is_object() && t.value("name", json()).is_string()) tags.insert(t["name"]);
  }
  const json schemas = description.value("schemas", json::object());
  std::map<std::string, const RouteSpec*> by_key;
  for (const RouteSpec& spec : routes) {
    by_key[RouteKey(spec)] = &spec;
    if (!entries.contains(RouteKey(spec))) check.missing.push_back(RouteKey(spec));
  }
  for (const auto& [key, entry] : entries.items()) {
    auto spec = by_key.find(key);
    if (spec == by_key.end()) check.stale.push_back(key);
    CheckEntry(spec == by_key.end() ? nullptr : spec->second, key, entry, tags, schemas,
               &check.problems);
  }
  std::set<std::string> bad;
  CollectBadRefs(schemas, schemas, &bad);
  for (const std::string& ref : bad)
    check.problems.push_back("schemas: " + ref + " is not defined");
  return check;
}

nlohmann::json OpenApiDocument(const std::vector<RouteSpec>& routes,
                               const nlohmann::json& description,
                               const std::map<std::string, std::string>& permission_names) {
  json doc = {{"openapi", "3.1.0"},
              {"jsonSchemaDialect", "https://spec.openapis.org/oas/3.1/dialect/base"},
              {"info", description.value("info", json{{"title", "OpenAMR"}, {"version", "v1"}})},
              {"tags", description.value("tags", json::array())}};
  const json entries = description.value("routes", json::object());
  json paths = json::object();
  for (const RouteSpec& spec : routes) {
    std::string method = spec.method;
    std::transform(method.begin(), method.end(), method.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    auto entry = entries.find(RouteKey(spec));
    paths[OpenApiPath(spec.pattern)][method] =
        Operation(spec, entry == entries.end() ? nullptr : &*entry, permission_names);
  }
  doc["paths"] = std::move(paths);
  doc["components"] = Components(description);
  return doc;
}

}  // namespace amr::http
