// SPDX-License-Identifier: MulanPSL-2.0
// Outbox rules without I/O: input checks, the retry schedule, and the
// signature receivers verify (docs/outbox.md).
//
// Thread-safety: pure functions.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace amr::outbox {

// A topic: 1..64 characters of [a-z0-9_.-]. InvalidArgument("topic") otherwise.
Status ValidateTopic(std::string_view topic);
// Valid UTF-8 without control characters (so it can travel in a header).
bool IsCleanText(std::string_view text);
// An endpoint URL the worker can POST to: "https://host[:port][/path]", or
// "http://" to a loopback host only (IsLoopbackHost): personal data never
// travels in clear text. InvalidArgument("endpoint_url") otherwise.
Status ValidateEndpointUrl(std::string_view url);
// localhost, ::1 and 127.0.0.0/8.
bool IsLoopbackHost(std::string_view host);

// The endpoints an operator allows (amr serve --webhook-allow, or the
// environment variable AMR_WEBHOOK_ALLOW): each entry a URL prefix
// ("https://tax.example.gov.cn", "https://bank.example.com/hooks/"), compared
// without regard to case and matched only at a boundary ('/', '?' or the end),
// so "https://tax.example.gov.cn" does not allow
// "https://tax.example.gov.cn.evil.example" nor another port; an entry ending
// in ':' allows any port of its host ("http://127.0.0.1:", a local forwarding
// proxy). An empty list allows nothing.
// InvalidArgument("endpoint_url") for an endpoint outside the list.
Status CheckEndpointAllowed(std::string_view url, const std::vector<std::string>& allowed);
// One entry of that list as an operator gives it: a URL ValidateEndpointUrl
// accepts, or one ending in ':' whose host it accepts ("http://127.0.0.1:").
// InvalidArgument("endpoint_url") otherwise.
Status ValidateAllowEntry(std::string_view entry);

// The retry schedule.
struct RetryPolicy {
  int max_attempts = 8;                             // then the dead-letter list
  std::chrono::milliseconds initial_delay{10'000};  // after the first failure
  double multiplier = 2.0;                          // each later failure
  std::chrono::milliseconds max_delay{3'600'000};   // cap before jitter
  double jitter = 0.2;                              // ± this fraction, 0..1
};
// InvalidArgument naming the field for a policy out of range.
Status ValidateRetryPolicy(const RetryPolicy& policy);

// The delay before attempt `failed_attempts + 1`, after `failed_attempts` (>= 1)
// failures: min(initial × multiplier^(failed_attempts−1), max) scaled by
// (1 + jitter × (2u − 1)), where u in [0, 1) is the caller's random draw (the
// worker draws it; tests pass fixed values).
std::chrono::milliseconds BackoffDelay(const RetryPolicy& policy, int failed_attempts, double u);

// The signature header value: "v1=" + lowercase hex of
// HMAC-SHA256(key = secret, message = timestamp + "." + body).
std::string Signature(std::string_view secret, std::string_view timestamp, std::string_view body);

}  // namespace amr::outbox
