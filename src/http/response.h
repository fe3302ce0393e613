// SPDX-License-Identifier: MulanPSL-2.0
// One HTTP response as route handlers build it.
//
// The server adds X-Request-Id, the security headers and Content-Length; a
// handler sets only what is particular to its answer. Error responses are
// built from a Status through errors.h, the one place that maps codes to HTTP.
//
// Thread-safety: a value; safe to move between threads.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace amr::http {

inline constexpr std::string_view kJsonContentType = "application/json; charset=utf-8";

struct Response {
  int status = 200;
  std::string content_type = std::string(kJsonContentType);
  std::string body;
  // Extra headers, sent in this order (e.g. Allow, Cache-Control, Location).
  std::vector<std::pair<std::string, std::string>> headers;
  // Set when the response reports this Status; the Router and the server use
  // it to add the request id to the body. Handlers need not touch it.
  std::optional<Status> error;

  // `value` serialised as UTF-8 JSON (invalid UTF-8 in strings is replaced
  // with U+FFFD rather than throwing).
  static Response Json(const nlohmann::json& value, int status = 200);
  // The error body and HTTP status for a non-OK `status` (errors.h). An OK
  // status is a bug and becomes a 500.
  static Response Error(const Status& status);
  static Response Text(std::string body, std::string content_type);

  // The value of extra header `name` (any case), if set.
  std::optional<std::string> Header(std::string_view name) const;
};

// The standard reason phrase for an HTTP status ("Not Found"); "Unknown" for
// codes this server does not use.
std::string_view ReasonPhrase(int status);

}  // namespace amr::http
