// SPDX-License-Identifier: MulanPSL-2.0
// A minimal HTTP/1.1 client for webhook delivery: one POST per connection
// ("Connection: close"), the whole exchange bounded by one timeout, only the
// status line of the answer read. Plain http:// (docs/outbox.md explains
// reaching HTTPS receivers through a forwarding proxy).
//
// Thread-safety: thread-safe; each call has its own I/O context.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace amr::outbox {

struct PostResult {
  int http_status = 0;  // 0 when no status line came back
  std::string error;    // "" when a status line came back
};

// POSTs `body` as application/json to `url` ("http://host[:port][/path]")
// with the extra `headers`. Never throws.
PostResult PostJson(const std::string& url,
                    const std::vector<std::pair<std::string, std::string>>& headers,
                    const std::string& body, std::chrono::milliseconds timeout);

}  // namespace amr::outbox
