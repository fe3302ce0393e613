// SPDX-License-Identifier: MulanPSL-2.0
// Request ids: one per HTTP request, echoed in X-Request-Id and in every log
// line and error body about the request, so a user's screenshot leads to the
// logs.
//
// Thread-safety: thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace amr::http {

// 16 lower-case hex characters from libsodium's CSPRNG.
std::string NewRequestId();

// True if a client's X-Request-Id may be reused as ours (a proxy in front set
// it): 1 to 64 characters of [A-Za-z0-9_-], so it is safe in logs and JSON.
bool IsSaneRequestId(std::string_view id);

}  // namespace amr::http
