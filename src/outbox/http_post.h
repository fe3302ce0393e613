// SPDX-License-Identifier: MulanPSL-2.0
// The HTTP client of webhook delivery (and of any other message the platform
// sends to another party's system): libcurl from Debian, one POST per call.
//
// HTTPS is the rule: the receiver's certificate is verified against the
// system's trust store (or `ca_file`, for a department's private CA) and its
// name checked; a client certificate is presented when configured (mutual
// TLS, which many government networks ask for). Plain http:// is refused
// except to this machine's loopback addresses (127.0.0.0/8, ::1, localhost),
// which tests and a local forwarding proxy use. Redirects are not followed;
// the answer's body is read and dropped (at most 64 KiB).
//
// Thread-safety: thread-safe; each call has its own handle.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace amr::outbox {

struct PostResult {
  int http_status = 0;  // 0 when no answer came back
  std::string error;    // "" when an answer came back
};

struct TlsOptions {
  std::string ca_file;      // PEM bundle to trust instead of the system's; "" for the system's
  std::string client_cert;  // PEM client certificate; "" for none
  std::string client_key;   // its PEM private key (required with client_cert)
};

// POSTs `body` as application/json to `url` with the extra `headers`, the
// whole exchange bounded by `timeout`. Never throws.
PostResult PostJson(const std::string& url,
                    const std::vector<std::pair<std::string, std::string>>& headers,
                    const std::string& body, std::chrono::milliseconds timeout,
                    const TlsOptions& tls = {});

}  // namespace amr::outbox
