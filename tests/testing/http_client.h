// SPDX-License-Identifier: MulanPSL-2.0
// A minimal blocking HTTP/1.1 client for tests: one request per connection
// ("Connection: close") to 127.0.0.1 over POSIX sockets.
//
// Transport failures (refused, reset, timeout, unparseable answer) are not
// thrown: they come back as status 0 with the reason in `body`, so a test's
// EXPECT_EQ(r.status, 200) << r.body shows what went wrong.
//
// Thread-safety: the functions are thread-safe; each call uses its own socket.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace amr::testing {

struct HttpResult {
  int status = 0;                              // 0: no HTTP answer (see body).
  std::map<std::string, std::string> headers;  // Lower-case names.
  std::string body;                            // De-chunked.

  // The body as JSON; a discarded value (is_discarded()) if it is not JSON.
  nlohmann::json Json() const;
  // The header's value or "" (`name` in lower case).
  std::string Header(const std::string& name) const;
};

// Sends one request. Content-Length is added when `body` is not empty (or the
// method is POST/PUT/PATCH); Host and Connection: close always.
HttpResult HttpRequest(uint16_t port, std::string method, std::string target, std::string body = "",
                       std::vector<std::pair<std::string, std::string>> headers = {});

// Sends `bytes` as they are and returns everything the server sends until it
// closes the connection (or `timeout` passes). For malformed requests.
std::string HttpRawExchange(uint16_t port, std::string_view bytes,
                            std::chrono::milliseconds timeout = std::chrono::seconds(30));

// Parses a complete HTTP/1.1 response (Content-Length, chunked, or read to
// the end). For the answer to a HEAD request, `body` is whatever followed the
// head (it should be nothing). Status 0 with the reason in body if it cannot.
HttpResult ParseHttpResponse(std::string_view raw, bool response_to_head = false);

// True if a TCP connection to 127.0.0.1:port is accepted now.
bool CanConnect(uint16_t port);

}  // namespace amr::testing
