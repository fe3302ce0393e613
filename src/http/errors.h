// SPDX-License-Identifier: MulanPSL-2.0
// THE mapping from Status to HTTP (ARCHITECTURE.md: one file maps codes to
// HTTP status and a stable error slug). No handler chooses an error status.
//
// Every error body has one shape:
//   {"error": {"code": "invalid_argument", "message": "统一社会信用代码长度应为18位",
//              "field": "uscc", "request_id": "9f3c2a7d41b0e865"}}
// `code` is StatusCodeSlug() or, for faults of the HTTP exchange itself that
// no service raises, one of the transport slugs below. `field` is null when the
// error is not about one input field; `request_id` is null only when none is
// known.
//
// Thread-safety: all functions are pure and thread-safe.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "common/status.h"
#include "http/response.h"

namespace amr::http {

// invalid_argument 400, out_of_range 400, unauthenticated 401,
// permission_denied 403, not_found 404, already_exists 409, aborted 409,
// failed_precondition 422, resource_exhausted 429, internal 500,
// unimplemented 501, unavailable 503, deadline_exceeded 504.
//
// failed_precondition is 422 rather than 409: the request is understood and
// well-formed but the entity's state refuses it (deregistering an entity on the
// abnormal list); retrying will not help until that state changes. 409 is kept
// for conflicts with other writers (already_exists, aborted), where the client
// should re-read and retry.
int HttpStatusFor(StatusCode code);

// Slugs for faults of the HTTP exchange itself (no StatusCode stands for them).
inline constexpr std::string_view kSlugBadRequest = "bad_request";               // 400
inline constexpr std::string_view kSlugMethodNotAllowed = "method_not_allowed";  // 405
inline constexpr std::string_view kSlugPayloadTooLarge = "payload_too_large";    // 413
inline constexpr std::string_view kSlugUriTooLong = "uri_too_long";              // 414
inline constexpr std::string_view kSlugHeadersTooLarge = "headers_too_large";    // 431

// {"error": {...}} as described above; empty `field`/`request_id` → null.
nlohmann::json ErrorBody(std::string_view code, std::string_view message, std::string_view field,
                         std::string_view request_id);

// The response for a non-OK Status; an OK one is a bug and becomes a 500.
Response ErrorResponse(const Status& status, std::string_view request_id = {});

// Re-renders the body of an error response (response.error set) with
// `request_id`; other responses are left alone.
void AttachRequestId(Response& response, std::string_view request_id);

// 405 with an Allow header ("GET, HEAD").
Response MethodNotAllowedResponse(std::string_view method, std::string_view allow,
                                  std::string_view request_id);
// 413 for a body over `limit_bytes`, field "body".
Response PayloadTooLargeResponse(uint64_t limit_bytes, std::string_view request_id);
// 400, 414 or 431 for a request the HTTP parser refused.
Response MalformedRequestResponse(int http_status, std::string_view request_id);

}  // namespace amr::http
