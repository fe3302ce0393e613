// SPDX-License-Identifier: MulanPSL-2.0
// One HTTP request as route handlers see it. Contexts register handlers with
// the Router (router.h) and never see the HTTP library underneath.
//
// Ownership: a Request is a value owned by the server for the duration of one
// handler call; handlers may modify it (the guard stores the principal).
// Thread-safety: a Request is used by one thread at a time.
#pragma once

#include <any>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "common/json_input.h"
#include "common/status.h"

namespace amr::http {

// Orders header names case-insensitively (ASCII), as HTTP compares them.
struct CaseInsensitiveLess {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const;
};
using HeaderMap = std::map<std::string, std::string, CaseInsensitiveLess>;

struct Request {
  std::string method;  // "GET", "POST", … as sent (upper case).
  // The path as sent, still percent-encoded ("/api/v1/names/%E5%8C%97").
  std::string path;
  std::string target;  // Path and query as sent.
  // Values of the route's {name} segments, percent-decoded; set by the Router.
  std::map<std::string, std::string> params;
  // The matched route's pattern ("/api/v1/entities/{uscc}"), set by the
  // Router; empty when no route matched. For metrics and logs.
  std::string route;
  // Query parameters, decoded ('+' is a space); a key may repeat.
  std::multimap<std::string, std::string> query;
  // Repeated headers are joined with ", " (RFC 9110 §5.3).
  HeaderMap headers;
  std::string body;
  // 16 hex characters made by the server for this request, never taken from
  // the client; echoed in the response (X-Request-Id) and in every log line
  // and audit record about the request.
  std::string request_id;
  // The client's X-Request-Id (a proxy's), if sane (request_id.h): kept apart,
  // written beside ours in the access log only, so correlation ids cannot be
  // spoofed into the audit trail.
  std::string client_request_id;
  // The client's address: the TCP peer's, or, when the peer is a proxy the
  // deployment trusts (amr serve --trusted-proxy), the client it forwarded
  // for (client_address.h). Rate limits, lockouts and the audit trail use it.
  std::string remote_ip;
  // The TCP peer's address (behind a reverse proxy, the proxy's).
  std::string peer_ip;
  // The authenticated principal, set by the guard (the identity module) and
  // read by handlers with std::any_cast<const T>(&req.principal). Empty for an
  // anonymous request. The http layer never looks inside it.
  std::any principal;

  // The first value of query parameter `name`, if present.
  std::optional<std::string> Query(std::string_view name) const;
  // The value of header `name` (any case), if present.
  std::optional<std::string> Header(std::string_view name) const;
  // The value of route parameter `name`; an empty string if the route has no
  // such parameter (a bug in the route, caught by its tests).
  const std::string& Param(std::string_view name) const;
  // Query parameter `name` as an integer in [min, max]; `fallback` when absent
  // or empty. InvalidArgument naming `name` otherwise.
  StatusOr<int64_t> IntQuery(std::string_view name, int64_t fallback, int64_t min,
                             int64_t max) const;
  // The body parsed as JSON (common/json_input.h): InvalidArgument with field
  // "body" if it is empty, malformed or nested deeper than kMaxJsonDepth; and
  // every string in it passes the character rule of common/text_rules.h
  // (BodyTextRules: line breaks only in multi-line members such as "reason"),
  // else InvalidArgument naming the member's path ("legal_rep.name").
  StatusOr<nlohmann::json> JsonBody() const;

  // Sets `target`, `path` and `query` from a request target as sent.
  // InvalidArgument (field "query") if the query is badly encoded.
  Status SetTarget(std::string_view request_target);
};

// The members JsonBody treats as multi-line text, and those it leaves alone.
const JsonTextRules& BodyTextRules();

}  // namespace amr::http
