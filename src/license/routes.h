// SPDX-License-Identifier: MulanPSL-2.0
// The licence API (docs/license.md, docs/api.md):
//
//   public
//     GET    /api/v1/licenses/keys                 the platform's public keys
//     POST   /api/v1/licenses/verify               body: a licence document → verdict
//     GET    /api/v1/licenses/verify?uscc=&serial= what the printed QR code opens
//     GET    /api/v1/licenses/verify/{token}       a dynamic QR token → the licence's
//                                                  facts; 410 once expired, 404 unknown
//   license.manage (the licence's administrators; agents where noted)
//     GET    /api/v1/licenses/{uscc}               the signed document, seals (+agents)
//     GET    /api/v1/licenses/{uscc}/pdf           application/pdf (+agents)
//     POST   /api/v1/licenses/{uscc}/qr            a short-lived QR token (+agents)
//     GET    /api/v1/licenses/{uscc}/authorizations
//     POST   /api/v1/licenses/{uscc}/authorizations
//     DELETE /api/v1/licenses/{uscc}/authorizations/{id}
//
// "+agents": also a user holding an authorisation of the licence in force
// today (any task). Anyone else holding license.manage gets 403.
//
// Thread-safety: the handlers are thread-safe.
#pragma once

#include <chrono>
#include <string>

#include "common/clock.h"
#include "http/router.h"
#include "storage/database.h"

namespace amr::license {

struct LicenseRouteOptions {
  // How long a dynamic QR token stays valid.
  std::chrono::seconds qr_ttl{180};
  // Prefix of the URLs put into QR codes ("https://amr.example.gov.cn");
  // empty: URLs are relative to this server ("/api/v1/…").
  std::string public_base_url;
};

// The options from the environment: AMR_LICENSE_QR_TTL_SECONDS (10..86400,
// default 180) and AMR_PUBLIC_BASE_URL (default empty). A malformed value
// keeps the default and is reported on stderr.
LicenseRouteOptions LicenseRouteOptionsFromEnvironment();

void AddLicenseRoutes(http::Router& router, storage::Database& db, const Clock& clock,
                      LicenseRouteOptions options = {});

// The URL the printed licence's QR code encodes.
std::string PrintedVerifyUrl(const std::string& base, const std::string& uscc,
                             const std::string& serial);

}  // namespace amr::license
