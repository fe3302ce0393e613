// SPDX-License-Identifier: MulanPSL-2.0
// The HTTP server: RESTinio underneath, our Router on top.
//
// Per request the server
//   * makes its own request id and sends it in the X-Request-Id response
//     header and in error bodies; a client's sane X-Request-Id (request_id.h,
//     e.g. a proxy's) is kept apart as Request::client_request_id and written
//     beside ours in the access log ("client-id=…"), never used as ours;
//   * takes the client's address from the TCP peer, or, when the peer is a
//     trusted proxy, from its X-Forwarded-For or X-Real-IP (client_address.h):
//     Request::remote_ip; the peer itself is Request::peer_ip;
//   * runs Router::Dispatch on a pool of handler threads (handlers block on the
//     database), never on the network threads, so a slow handler stalls no
//     other request; except that a request without an Authorization header
//     whose route has a fast handler that answers it from memory
//     (Router::SetFast, e.g. a cached public profile) is answered at once on
//     the network thread;
//   * keeps at most max_queued_requests requests waiting for a free handler
//     thread: when that many wait, a new request is answered at once 503
//     unavailable with "Retry-After: 1" (the server is overloaded: a client
//     or load balancer should try again or elsewhere) and never runs. These
//     are counted in /metrics (amr_http_overloaded_total, and in
//     amr_http_requests_total under route "overloaded"); the queue's length is
//     the gauge amr_http_queued_requests;
//   * answers 504 deadline_exceeded if the handler has not returned within
//     request_timeout. A request still waiting for a free handler thread then
//     is never run. A running handler cannot be interrupted: it runs on (its
//     changes, if any, are kept: clients retry with an Idempotency-Key), its
//     late response is dropped and logged, and it keeps its thread busy;
//   * adds the security headers (security_headers.h) to every response, and
//     "Cache-Control: no-store" unless the handler set a Cache-Control;
//   * writes one access-log line: request id, client IP, method, target,
//     status, body bytes and duration in ms (the logger adds the time), and
//     "via=PEER" when the client came through a trusted proxy.
// Requests the HTTP parser refuses get a JSON error and the connection is
// closed: malformed → 400 bad_request; a body over max_body_bytes (declared
// in Content-Length or sent chunked) → 413 payload_too_large, field "body",
// before the handler runs and before the body is read; a URL over 8 KiB → 414;
// a header name over 256 bytes, a value over 8 KiB or more than 100 headers
// → 431. A request must arrive whole (headers and body) within read_timeout,
// so a client trickling a slow body is cut off then; and one client address
// keeps at most max_connections_per_address connections open: further ones are
// closed as soon as they are accepted (trusted proxies, which carry many
// clients, are exempt). (When a client keeps sending a large body after the
// 413 the kernel may reset the connection before it reads the answer.) A
// handler runs only once its request has arrived whole: a client that goes
// away in the middle of its request changes nothing.
//
// Ownership: the Server shares the Router for its lifetime.
// Thread-safety: port(), Stop(), StopOnSignals() and Wait() may be called from
// any thread except a handler's (Stop waits for handlers to return).
#pragma once

#include <chrono>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "http/client_address.h"
#include "http/metrics.h"
#include "http/router.h"

namespace spdlog {
class logger;
}

namespace amr::http {

// The default bound of the queue per handler thread: at a few milliseconds
// a request, a full queue is well under a second of waiting.
inline constexpr size_t kQueuedPerThread = 32;

struct ServerOptions {
  std::string host = "127.0.0.1";  // An IP address; "localhost" means 127.0.0.1.
  uint16_t port = 8080;            // 0: any free port (see Server::port()).
  size_t threads = 0;              // Handler threads; 0: 2 × hardware concurrency.
  size_t io_threads = 0;           // Network threads; 0: hardware concurrency.
  size_t max_body_bytes = 1 << 20;
  // From the end of a request's arrival to the 504 if no answer is ready.
  std::chrono::milliseconds request_timeout{30000};
  // How long an idle keep-alive connection, or a client slow to send its
  // request (headers and body together) or to read the response, keeps its
  // connection.
  std::chrono::milliseconds read_timeout{15000};
  // Requests received and waiting for a free handler thread; beyond, 503.
  // 0: kQueuedPerThread × threads.
  size_t max_queued_requests = 0;
  // Connections one client address may hold open at once.
  size_t max_connections_per_address = 64;
  // Peers whose X-Forwarded-For / X-Real-IP name the client (client_address.h);
  // none by default.
  TrustedProxies trusted_proxies;
  // Where access-log lines go; nullptr: spdlog's default logger.
  std::shared_ptr<spdlog::logger> access_log;
  // Where every answered request is counted (metrics.h); nullptr: nowhere.
  std::shared_ptr<Metrics> metrics;
};

class Server {
 public:
  // Binds, starts the threads and returns once the server is listening, so a
  // test may connect at once. InvalidArgument if `host` is not an IP address;
  // Unavailable if the address cannot be bound (port in use, no permission).
  static StatusOr<std::unique_ptr<Server>> Start(ServerOptions options,
                                                 std::shared_ptr<const Router> router);
  ~Server();  // Stops as Stop() does.
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The bound port, also when port 0 was asked for.
  uint16_t port() const;

  // Graceful stop: stops accepting connections, answers requests already
  // received (with "Connection: close"), waits for their responses to be
  // written (at most request_timeout plus read_timeout) and for running
  // handlers to return, then closes the remaining idle connections.
  // Idempotent; concurrent callers all return once the server has stopped.
  void Stop();

  // From now on, any of `signals` stops the server as Stop() does; the stop
  // runs on the thread blocked in Wait(). The handlers are installed when this
  // returns, so a signal sent afterwards is never missed. Call at most once.
  void StopOnSignals(std::vector<int> signals = {SIGINT, SIGTERM});

  // Blocks until the server has stopped, by Stop() or by a signal (see
  // StopOnSignals).
  void Wait();

 private:
  class Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// `amr serve`'s main loop: stops `server` gracefully on SIGINT or SIGTERM and
// returns once it has stopped.
void RunUntilSignal(Server& server);

}  // namespace amr::http
