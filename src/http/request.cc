// SPDX-License-Identifier: MulanPSL-2.0
#include "http/request.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "common/json_input.h"
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

const JsonTextRules& BodyTextRules() {
  static const JsonTextRules kRules{
      // Free text typed into a text area of the web UI: reasons for a return,
      // an objection or a 歇业, inspection notes and case leads, a 清算组
      // announcement, a creditor's basis, descriptions.
      .multi_line_keys = {"reason", "notes", "note", "text", "basis", "description", "comment",
                          "opinion"},
      // Hashed at once and never shown; the password policy has its own rule.
      .unchecked_keys = {"password", "current_password", "new_password"},
  };
  return kRules;
}

StatusOr<nlohmann::json> Request::JsonBody() const {
  ASSIGN_OR_RETURN(nlohmann::json j, ParseJsonInput(body, "body", "请求体"));
  RETURN_IF_ERROR(CheckJsonText(j, BodyTextRules()));
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
