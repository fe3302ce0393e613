// SPDX-License-Identifier: MulanPSL-2.0
// Headers the server adds to every response, API and web UI alike.
//
// The Content-Security-Policy fits the Vue single-page app served from the
// same origin: scripts, styles, fonts and API calls only from 'self' (Vite
// builds the templates ahead of time, so no 'unsafe-eval'); inline styles are
// allowed because Element Plus and ECharts set style attributes; images may
// be data:/blob: URLs (ECharts exports, QR codes); no plug-ins, no framing.
//
// Thread-safety: constant data.
#pragma once

#include <span>
#include <string_view>
#include <utility>

namespace amr::http {

inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

// X-Content-Type-Options, X-Frame-Options, Referrer-Policy,
// Content-Security-Policy, in that order.
std::span<const std::pair<std::string_view, std::string_view>> SecurityHeaders();

}  // namespace amr::http
