// SPDX-License-Identifier: MulanPSL-2.0
#include "http/security_headers.h"

#include <array>

namespace amr::http {

std::span<const std::pair<std::string_view, std::string_view>> SecurityHeaders() {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kHeaders = {{
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Content-Security-Policy", kContentSecurityPolicy},
  }};
  return kHeaders;
}

}  // namespace amr::http
