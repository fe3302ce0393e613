// SPDX-License-Identifier: MulanPSL-2.0
// RESTinio adaptations, included by server.cc only (ARCHITECTURE.md: RESTinio
// headers stay in the http server files).
//
// Why this exists: RESTinio 0.6.16 answers a request its parser refuses (a
// malformed request line, a body over incoming_http_msg_limits, an oversized
// URL or header) by closing the connection without a word. Clients deserve a
// 400/413/414/431 with our JSON error body. RESTinio reports every such
// refusal through its logger ("[connection:N] parser error HPE_…: …") and then,
// on the same thread and before anything else, calls shutdown() on the
// connection's socket (connection_t::trigger_error_and_close → close()). So:
//   * RestinioLogger notes the refusal in a thread-local slot;
//   * RejectingSocket, the connection's socket type, picks the slot up in
//     shutdown() and writes the canned error response before shutting down.
// The coupling to the log text is pinned by server tests (malformed request
// → 400, oversized body → 413): a RESTinio upgrade that changes it fails them.
#pragma once

#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <mutex>
#include <restinio/asio_include.hpp>
#include <restinio/http_server.hpp>
#include <restinio/traits.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "http/client_address.h"

namespace amr::http::internal {

// Renders the canned response for a request RESTinio's parser refused.
class RejectionSink {
 public:
  virtual ~RejectionSink() = default;
  // `http_status` is 400, 413, 414 or 431. Returns the full HTTP message.
  virtual std::string RenderRejection(int http_status, std::string_view remote_ip) = 0;
};

struct PendingRejection {
  RejectionSink* sink = nullptr;
  int http_status = 0;
};
inline thread_local PendingRejection t_pending_rejection;

// The HTTP status for RESTinio's "parser error HPE_…" message, 0 if the
// message is about something else.
inline int RejectionStatusFor(std::string_view message) {
  if (message.find("] parser error ") == std::string_view::npos) return 0;
  auto has = [&](std::string_view s) { return message.find(s) != std::string_view::npos; };
  if (has("HPE_CB_headers_complete") || has("HPE_CB_body")) return 413;
  if (has("HPE_CB_url")) return 414;
  if (has("HPE_CB_header_field") || has("HPE_CB_header_value") || has("HPE_HEADER_OVERFLOW")) {
    return 431;
  }
  return 400;
}

// RESTinio's logger: its messages go to spdlog; parser refusals are noted
// for RejectingSocket.
class RestinioLogger {
 public:
  RestinioLogger() = default;
  explicit RestinioLogger(RejectionSink* sink) : sink_(sink) {}

  template <typename Builder>
  void trace(Builder&&) const noexcept {}  // Per-byte chatter; never wanted.

  template <typename Builder>
  void info(Builder&& builder) const {
    if (spdlog::should_log(spdlog::level::debug)) spdlog::debug("restinio: {}", builder());
  }

  template <typename Builder>
  void warn(Builder&& builder) const {
    spdlog::warn("restinio: {}", builder());
  }

  template <typename Builder>
  void error(Builder&& builder) const {
    std::string message = builder();
    if (int status = RejectionStatusFor(message); status != 0) {
      t_pending_rejection = {sink_, status};
      spdlog::debug("restinio: 拒绝了不合规的请求 ({}): {}", status, message);
    } else if (message.find("socket error") != std::string::npos ||
               message.find("unable to write") != std::string::npos) {
      spdlog::debug("restinio: {}", message);  // The client went away.
    } else {
      spdlog::warn("restinio: {}", message);
    }
  }

 private:
  RejectionSink* sink_ = nullptr;
};

// A TCP socket that writes the pending canned response (see above) when
// RESTinio shuts it down after a parser refusal.
class RejectingSocket : public asio::ip::tcp::socket {
 public:
  using asio::ip::tcp::socket::basic_stream_socket;
  RejectingSocket(RejectingSocket&&) = default;
  RejectingSocket& operator=(RejectingSocket&&) = default;

  // Hides basic_socket::shutdown for RESTinio's connection_t::close().
  void shutdown(shutdown_type what, asio::error_code& ec) {
    PendingRejection pending = std::exchange(t_pending_rejection, {});
    if (pending.sink != nullptr && is_open()) WriteRejection(pending);
    asio::ip::tcp::socket::shutdown(what, ec);
  }

 private:
  void WriteRejection(const PendingRejection& pending) {
    asio::error_code ec;
    auto remote = remote_endpoint(ec);
    std::string ip = ec ? std::string("-") : remote.address().to_string();
    std::string message = pending.sink->RenderRejection(pending.http_status, ip);
    // Best effort, never blocking an I/O thread: the message is small and the
    // socket's send buffer is empty at this point.
    (void)::send(native_handle(), message.data(), message.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    // Read what the client already sent, so that closing does not reset the
    // connection (RST) and destroy the response before the client reads it.
    char sink[4096];
    for (int i = 0; i < 64; ++i) {
      if (::recv(native_handle(), sink, sizeof sink, MSG_DONTWAIT) <= 0) break;
    }
  }
};

// Connections per client address: RESTinio asks the ip_blocker before it
// takes a new connection and tells the listener when one is accepted and when
// it closes. Beyond `max` open connections from one address, a new one is
// closed at once, so one client cannot hold every connection the server can
// keep (each may stay up to read_timeout while it trickles its request).
// Trusted proxies are exempt: each carries the connections of many clients.
class ConnectionsPerAddress {
 public:
  ConnectionsPerAddress(size_t max, TrustedProxies trusted)
      : max_(max), trusted_(std::move(trusted)) {}

  restinio::ip_blocker::inspection_result_t inspect(
      const restinio::ip_blocker::incoming_info_t& info) noexcept {
    const std::string ip = info.remote_endpoint().address().to_string();
    if (trusted_.Contains(ip)) return restinio::ip_blocker::allow();
    std::lock_guard<std::mutex> lock(mu_);
    auto it = open_.find(ip);
    if (it != open_.end() && it->second >= max_) {
      ++refused_;
      return restinio::ip_blocker::deny();
    }
    return restinio::ip_blocker::allow();
  }

  void state_changed(const restinio::connection_state::notice_t& notice) noexcept {
    const restinio::connection_state::cause_t cause = notice.cause();
    try {
      std::lock_guard<std::mutex> lock(mu_);
      if (restinio::holds_alternative<restinio::connection_state::accepted_t>(cause)) {
        const std::string ip = notice.remote_endpoint().address().to_string();
        if (by_id_.emplace(notice.connection_id(), ip).second) ++open_[ip];
      } else if (restinio::holds_alternative<restinio::connection_state::closed_t>(cause)) {
        auto it = by_id_.find(notice.connection_id());
        if (it == by_id_.end()) return;
        auto count = open_.find(it->second);
        if (count != open_.end() && --count->second == 0) open_.erase(count);
        by_id_.erase(it);
      }
    } catch (...) {
      // Out of memory: the count of this connection is lost, nothing else.
    }
  }

  uint64_t refused() const {
    std::lock_guard<std::mutex> lock(mu_);
    return refused_;
  }

 private:
  const size_t max_;
  const TrustedProxies trusted_;
  mutable std::mutex mu_;                         // guards the maps and refused_
  std::unordered_map<std::string, size_t> open_;  // address → open connections
  std::unordered_map<restinio::connection_id_t, std::string> by_id_;
  uint64_t refused_ = 0;
};

struct ServerTraits : public restinio::traits_t<restinio::asio_timer_manager_t, RestinioLogger,
                                                restinio::details::autodetect_request_handler_type,
                                                restinio::default_strand_t, RejectingSocket> {
  using ip_blocker_t = ConnectionsPerAddress;
  using connection_state_listener_t = ConnectionsPerAddress;
};

using HttpServer = restinio::http_server_t<ServerTraits>;
using RequestHandle = restinio::request_handle_t;

}  // namespace amr::http::internal
