// SPDX-License-Identifier: MulanPSL-2.0
// Small helpers for route handlers: the principal the authorizer set, the
// caller for audit records, and reading JSON bodies and ids with Chinese
// errors that name the field.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "http/request.h"
#include "identity/caller.h"
#include "identity/principal.h"

namespace amr::identity {

// The principal of an authenticated request; nullptr if anonymous.
const Principal* PrincipalOf(const http::Request& request);
// The caller of a request: its principal (if any), address and request id.
Caller CallerOf(const http::Request& request);

// Route parameter `name` as a positive id; InvalidArgument naming it otherwise.
StatusOr<int64_t> IdParam(const http::Request& request, std::string_view name);

// The body as a JSON object; InvalidArgument (field "body") otherwise.
StatusOr<nlohmann::json> ObjectBody(const http::Request& request);
// Member `name` of `object` as a string: "" if absent or null when optional;
// InvalidArgument naming it if of another type or absent when required.
StatusOr<std::string> StringField(const nlohmann::json& object, std::string_view name,
                                  bool required);
// Member `name` as a positive integer id; nullopt if absent or null.
StatusOr<std::optional<int64_t>> IdField(const nlohmann::json& object, std::string_view name);

}  // namespace amr::identity
