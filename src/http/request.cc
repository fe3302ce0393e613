// SPDX-License-Identifier: MulanPSL-2.0
#include "http/request.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "http/url.h"

namespace amr::http {
namespace {

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

bool CaseInsensitiveLess::operator()(std::string_view a, std::string_view b) const {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      [](char x, char y) { return AsciiLower(x) < AsciiLower(y); });
}

std::optional<std::string> Request::Query(std::string_view name) const {
  auto it = query.find(std::string(name));
  if (it == query.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Request::Header(std::string_view name) const {
  auto it = headers.find(name);
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

const std::string& Request::Param(std::string_view name) const {
  static const std::string kEmpty;
  auto it = params.find(std::string(name));
  return it == params.end() ? kEmpty : it->second;
}

StatusOr<nlohmann::json> Request::JsonBody() const {
  nlohmann::json j = nlohmann::json::parse(body, /*cb=*/nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return InvalidArgumentError("请求体不是有效的 JSON", "body");
  return j;
}

Status Request::SetTarget(std::string_view request_target) {
  target = std::string(request_target);
  SplitTarget parts = SplitRequestTarget(request_target);
  path = std::string(parts.path);
  ASSIGN_OR_RETURN(query, ParseQuery(parts.query));
  return OkStatus();
}

StatusOr<int64_t> Request::IntQuery(std::string_view name, int64_t fallback, int64_t min,
                                    int64_t max) const {
  auto text = Query(name);
  if (!text || text->empty()) return fallback;
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || ptr != text->data() + text->size() || v < min || v > max) {
    return InvalidArgumentError(fmt::format("参数 {} 应为 {} 到 {} 之间的整数", name, min, max),
                                std::string(name));
  }
  return v;
}

}  // namespace amr::http
