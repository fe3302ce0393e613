// SPDX-License-Identifier: MulanPSL-2.0
// The limits `amr serve` puts on clients (docs/operations.md, "Limits"):
//   --public-burst N          public routes: requests a client address may
//                             make at once (AMR_PUBLIC_BURST, default 300);
//   --public-rate N           … then N a second (AMR_PUBLIC_RATE, default 100);
//   --login-burst N           login and self-registration: attempts at once
//                             (AMR_LOGIN_BURST, default 20);
//   --login-interval S        … then one every S seconds (AMR_LOGIN_INTERVAL,
//                             default 3);
//   --max-queued-requests N   requests waiting for a handler thread before
//                             new ones get 503 (AMR_MAX_QUEUED_REQUESTS,
//                             default 32 × the handler threads);
//   --trusted-proxy CIDR,…    reverse proxies whose X-Forwarded-For /
//                             X-Real-IP name the client (AMR_TRUSTED_PROXY,
//                             default none; http/client_address.h).
// A flag wins over its environment variable. Values are read as text and
// checked here, so that a bad one (from either place) is refused with a
// Chinese message naming the option and its variable.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <string>

#include "common/status.h"
#include "http/client_address.h"
#include "identity/authorizer.h"
#include "identity/rate_limiter.h"

namespace amr::cli {

// The text of each option as given; "" where the default applies.
struct ServeLimitArgs {
  std::string public_burst;
  std::string public_rate;
  std::string login_burst;
  std::string login_interval;
  std::string max_queued_requests;
  std::string trusted_proxy;
};

// The authorizer's defaults where an option is not given.
struct ServeLimits {
  identity::RateLimit public_limit = identity::AuthorizerOptions{}.public_limit;
  identity::RateLimit login_limit = identity::AuthorizerOptions{}.login_limit;
  size_t max_queued_requests = 0;  // 0: the server's default (http/server.h)
  http::TrustedProxies trusted_proxies;
};

// Registers the options above on `serve`, filling `args`, which must outlive
// the parse.
void AddServeLimitOptions(CLI::App& serve, ServeLimitArgs& args);

// Checks and converts. InvalidArgument naming the option (field
// "public-burst" …) for a value that is not a number of the right kind or
// lies outside its range (the message gives the range), or a trusted-proxy
// list that does not parse.
StatusOr<ServeLimits> ParseServeLimits(const ServeLimitArgs& args);

}  // namespace amr::cli
