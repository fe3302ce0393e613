// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/route_support.h"

#include <fmt/format.h>

#include <charconv>

namespace amr::identity {

const Principal* PrincipalOf(const http::Request& request) {
  return std::any_cast<Principal>(&request.principal);
}

Caller CallerOf(const http::Request& request) {
  return Caller{PrincipalOf(request), request.remote_ip, request.request_id, "anonymous"};
}

StatusOr<int64_t> IdParam(const http::Request& request, std::string_view name) {
  const std::string& text = request.Param(name);
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || v <= 0) {
    return InvalidArgumentError(fmt::format("{} 应为正整数编号", name), std::string(name));
  }
  return v;
}

StatusOr<nlohmann::json> ObjectBody(const http::Request& request) {
  ASSIGN_OR_RETURN(nlohmann::json body, request.JsonBody());
  if (!body.is_object()) return InvalidArgumentError("请求体应为 JSON 对象", "body");
  return body;
}

StatusOr<std::string> StringField(const nlohmann::json& object, std::string_view name,
                                  bool required) {
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) {
    if (required) {
      return InvalidArgumentError(fmt::format("缺少字段 {}", name), std::string(name));
    }
    return std::string();
  }
  if (!it->is_string()) {
    return InvalidArgumentError(fmt::format("字段 {} 应为字符串", name), std::string(name));
  }
  return it->get<std::string>();
}

StatusOr<std::optional<int64_t>> IdField(const nlohmann::json& object, std::string_view name) {
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return std::optional<int64_t>();
  if (!it->is_number_integer() || it->get<int64_t>() <= 0) {
    return InvalidArgumentError(fmt::format("字段 {} 应为正整数编号", name), std::string(name));
  }
  return std::optional<int64_t>(it->get<int64_t>());
}

}  // namespace amr::identity
