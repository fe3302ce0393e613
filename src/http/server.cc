// SPDX-License-Identifier: MulanPSL-2.0
#include "http/server.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <future>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <utility>

#include "http/errors.h"
#include "http/internal/restinio_glue.h"
#include "http/request_id.h"
#include "http/security_headers.h"

namespace amr::http {
namespace {

using SteadyClock = std::chrono::steady_clock;

// Parser limits besides the body (see server.h).
constexpr size_t kMaxUrlBytes = 8 * 1024;
constexpr size_t kMaxHeaderNameBytes = 256;
constexpr size_t kMaxHeaderValueBytes = 8 * 1024;
constexpr size_t kMaxHeaderCount = 100;
// RESTinio's own handler timeout only closes the connection; ours answers 504
// first, so RESTinio's is a backstop set a little later.
constexpr std::chrono::seconds kRestinioTimeoutMargin{5};
// What an overloaded server tells clients to wait before trying again.
constexpr std::string_view kOverloadRetryAfterSeconds = "1";

// Requests received whose response is not yet written; Stop() waits for none.
class InFlight {
 public:
  void Begin() {
    std::lock_guard lock(mu_);
    ++count_;
  }
  void End() {
    std::lock_guard lock(mu_);
    if (--count_ == 0) idle_.notify_all();
  }
  bool WaitIdle(SteadyClock::time_point deadline) {
    std::unique_lock lock(mu_);
    return idle_.wait_until(lock, deadline, [this] { return count_ == 0; });
  }

 private:
  std::mutex mu_;
  std::condition_variable idle_;
  size_t count_ = 0;  // Guarded by mu_.
};

// Calls InFlight::End exactly once, whoever gets there first: RESTinio's
// after-write notification, or the error path when no response could be made.
class InFlightTicket {
 public:
  explicit InFlightTicket(std::shared_ptr<InFlight> in_flight) : in_flight_(std::move(in_flight)) {
    in_flight_->Begin();
  }
  void Punch() {
    if (!punched_.exchange(true)) in_flight_->End();
  }

 private:
  std::shared_ptr<InFlight> in_flight_;
  std::atomic<bool> punched_{false};
};

// One request on its way through the server. The timer lives on its own
// strand, which serialises the timeout with its cancellation.
struct Call {
  Call(internal::RequestHandle h, asio::io_context& io, std::shared_ptr<InFlight> in_flight)
      : handle(std::move(h)),
        ticket(std::make_shared<InFlightTicket>(std::move(in_flight))),
        strand(asio::make_strand(io)),
        timer(strand) {}

  internal::RequestHandle handle;
  std::shared_ptr<InFlightTicket> ticket;
  Request request;
  SteadyClock::time_point start = SteadyClock::now();
  std::atomic<bool> answered{false};  // The one response has been claimed.
  asio::strand<asio::io_context::executor_type> strand;
  asio::steady_timer timer;
};

// A header carrying CR or LF would let its value start a header (or a body) of
// its own: response splitting. Handlers may echo user input into headers
// (a file name in Content-Disposition), so such headers are dropped.
bool IsSafeHeader(std::string_view name, std::string_view value) {
  return !name.empty() && name.find_first_of("\r\n:") == std::string_view::npos &&
         value.find_first_of("\r\n") == std::string_view::npos;
}

template <typename Builder>
void AppendHeaders(Builder& builder, const Response& response, const std::string& request_id,
                   bool close) {
  builder.append_header(restinio::http_field::content_type,
                        IsSafeHeader("Content-Type", response.content_type)
                            ? response.content_type
                            : std::string("application/octet-stream"));
  builder.append_header("X-Request-Id", request_id);
  for (const auto& [name, value] : SecurityHeaders()) {
    builder.append_header(std::string(name), std::string(value));
  }
  for (const auto& [name, value] : response.headers) {
    if (IsSafeHeader(name, value)) {
      builder.append_header(name, value);
    } else {
      spdlog::error("request {}: 响应头 {} 含有换行符，已丢弃", request_id, name);
    }
  }
  // API answers carry personal data (names, ID numbers): no cache may keep
  // them unless the handler says otherwise (static files do).
  if (!response.Header("Cache-Control")) builder.append_header("Cache-Control", "no-store");
  if (close) builder.connection_close();
}

size_t OrDefault(size_t n, size_t fallback) { return n != 0 ? n : fallback; }

std::optional<std::string_view> View(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  return std::string_view(*s);
}

// The bounded queue in front of the handler threads: requests handed to the
// pool and not yet picked up by a thread.
class HandlerQueue {
 public:
  explicit HandlerQueue(size_t capacity) : capacity_(capacity) {}
  // Claims a place; false when the queue is full.
  bool TryEnter() {
    if (waiting_.fetch_add(1) < capacity_) return true;
    waiting_.fetch_sub(1);
    return false;
  }
  // A handler thread has picked a request up.
  void Leave() { waiting_.fetch_sub(1); }
  size_t waiting() const { return waiting_.load(); }
  size_t capacity() const { return capacity_; }

 private:
  const size_t capacity_;
  std::atomic<size_t> waiting_{0};
};

}  // namespace

class Server::Impl : public internal::RejectionSink {
 public:
  Impl(ServerOptions options, std::shared_ptr<const Router> router)
      : options_(std::move(options)),
        router_(std::move(router)),
        access_log_(options_.access_log ? options_.access_log : spdlog::default_logger()),
        queue_(std::make_shared<HandlerQueue>(
            OrDefault(options_.max_queued_requests,
                      kQueuedPerThread * OrDefault(options_.threads, 2 * HardwareThreads())))),
        io_(),
        workers_(OrDefault(options_.threads, 2 * HardwareThreads())) {}

  ~Impl() override { Stop(); }

  Status Open();
  uint16_t port() const { return port_.load(); }
  void Stop();
  void StopOnSignals(std::vector<int> signals);
  void Wait();

  std::string RenderRejection(int http_status, std::string_view remote_ip) override;

 private:
  static size_t HardwareThreads() { return std::max(1u, std::thread::hardware_concurrency()); }

  restinio::request_handling_status_t OnRequest(internal::RequestHandle handle);
  void Dispatch(const std::shared_ptr<Call>& call);
  void OnTimeout(const std::shared_ptr<Call>& call);
  // `route_label` names the request in metrics when no route was matched.
  void Send(const std::shared_ptr<Call>& call, Response response,
            std::string_view route_label = "unmatched");
  void LogAccess(std::string_view request_id, std::string_view remote_ip, std::string_view method,
                 std::string_view target, int status, size_t bytes, SteadyClock::time_point start,
                 std::string_view client_request_id = {}, std::string_view peer_ip = {});
  void RegisterGauges();
  void StopAccepting();
  void StopThreads();

  const ServerOptions options_;
  const std::shared_ptr<const Router> router_;
  const std::shared_ptr<spdlog::logger> access_log_;
  const std::shared_ptr<InFlight> in_flight_ = std::make_shared<InFlight>();
  const std::shared_ptr<internal::ConnectionsPerAddress> per_address_ =
      std::make_shared<internal::ConnectionsPerAddress>(options_.max_connections_per_address,
                                                        options_.trusted_proxies);
  // Shared with the metrics gauges, which may outlive the server.
  const std::shared_ptr<HandlerQueue> queue_;
  std::atomic<uint16_t> port_{0};
  std::atomic<int> listen_fd_{-1};
  std::atomic<bool> stopping_{false};        // Responses say "Connection: close".
  std::atomic<bool> workers_closed_{false};  // New requests get 503.

  std::mutex stop_mu_;
  std::condition_variable stop_cv_;
  enum class State { kRunning, kStopping, kStopped };
  State state_ = State::kRunning;  // Guarded by stop_mu_.
  bool stop_requested_ = false;    // Guarded by stop_mu_; set by a signal.

  // Destroyed in reverse order: the RESTinio server before the io_context it
  // runs on; the handler threads before the io_context they post to.
  asio::io_context io_;
  asio::thread_pool workers_;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
  std::optional<asio::signal_set> signals_;
  std::unique_ptr<internal::HttpServer> server_;
  std::vector<std::thread> io_threads_;
};

Status Server::Impl::Open() {
  asio::error_code ec;
  asio::ip::address address =
      asio::ip::make_address(options_.host == "localhost" ? "127.0.0.1" : options_.host, ec);
  if (ec) {
    {
      std::lock_guard lock(stop_mu_);
      state_ = State::kStopped;
    }
    workers_.join();
    return InvalidArgumentError(fmt::format("监听地址“{}”不是有效的 IP 地址", options_.host),
                                "host");
  }

  RegisterGauges();
  restinio::incoming_http_msg_limits_t limits;
  limits.max_url_size(kMaxUrlBytes)
      .max_field_name_size(kMaxHeaderNameBytes)
      .max_field_value_size(kMaxHeaderValueBytes)
      .max_field_count(kMaxHeaderCount)
      .max_body_size(options_.max_body_bytes);

  restinio::server_settings_t<internal::ServerTraits> settings;
  settings.protocol(address.is_v6() ? asio::ip::tcp::v6() : asio::ip::tcp::v4())
      .address(address)
      .port(options_.port)
      .logger(static_cast<internal::RejectionSink*>(this))
      .request_handler([this](internal::RequestHandle h) { return OnRequest(std::move(h)); })
      .read_next_http_message_timelimit(options_.read_timeout)
      .write_http_response_timelimit(options_.read_timeout)
      .handle_request_timeout(options_.request_timeout + kRestinioTimeoutMargin)
      .incoming_http_msg_limits(limits)
      .ip_blocker(per_address_)
      .connection_state_listener(per_address_)
      .acceptor_post_bind_hook([this](asio::ip::tcp::acceptor& acceptor) {
        port_ = acceptor.local_endpoint().port();
        listen_fd_ = acceptor.native_handle();
      });
  server_ = std::make_unique<internal::HttpServer>(restinio::external_io_context(io_),
                                                   std::move(settings));

  work_.emplace(io_.get_executor());
  size_t io_threads = OrDefault(options_.io_threads, HardwareThreads());
  for (size_t i = 0; i < io_threads; ++i) io_threads_.emplace_back([this] { io_.run(); });

  std::promise<std::exception_ptr> opened;
  server_->open_async([&opened] { opened.set_value(nullptr); },
                      [&opened](std::exception_ptr e) { opened.set_value(e); });
  std::exception_ptr error = opened.get_future().get();
  if (!error) {
    spdlog::info("HTTP 服务已在 {}:{} 上监听；等待处理的请求最多 {} 个", options_.host,
                 port_.load(), queue_->capacity());
    if (!options_.trusted_proxies.empty()) {
      spdlog::info("信任以下反向代理转发的客户端地址（X-Forwarded-For / X-Real-IP）：{}",
                   options_.trusted_proxies.ToString());
    }
    return OkStatus();
  }

  StopThreads();
  {
    std::lock_guard lock(stop_mu_);
    state_ = State::kStopped;
  }
  std::string where = fmt::format("{}:{}", options_.host, options_.port);
  try {
    std::rethrow_exception(error);
  } catch (const std::system_error& e) {
    if (e.code() == asio::error::address_in_use) {
      return UnavailableError(fmt::format("无法监听 {}：端口已被占用", where));
    }
    if (e.code() == asio::error::access_denied) {
      return UnavailableError(fmt::format("无法监听 {}：没有使用该端口的权限", where));
    }
    if (e.code() == std::errc::address_not_available) {
      return UnavailableError(fmt::format("无法监听 {}：本机没有这个地址", where));
    }
    return UnavailableError(fmt::format("无法监听 {}：{}", where, e.what()));
  } catch (const std::exception& e) {
    return UnavailableError(fmt::format("无法监听 {}：{}", where, e.what()));
  }
}

restinio::request_handling_status_t Server::Impl::OnRequest(internal::RequestHandle handle) {
  try {
    auto call = std::make_shared<Call>(std::move(handle), io_, in_flight_);
    Request& r = call->request;
    const auto& header = call->handle->header();
    r.method = header.method().c_str();
    r.peer_ip = call->handle->remote_endpoint().address().to_string();
    header.for_each_field([&r](const restinio::http_header_field_t& f) {
      auto [it, inserted] = r.headers.emplace(f.name(), f.value());
      if (!inserted) it->second += ", " + f.value();
    });
    r.remote_ip = ClientAddress(r.peer_ip, options_.trusted_proxies,
                                View(r.Header("X-Forwarded-For")), View(r.Header("X-Real-IP")));
    // Our own id always; the client's (a proxy's) only beside it, so that
    // nobody can choose the id audit records and logs file a request under.
    std::optional<std::string> client_id = r.Header("X-Request-Id");
    r.request_id = NewRequestId();
    if (client_id && IsSaneRequestId(*client_id)) r.client_request_id = *client_id;
    r.body = call->handle->body();

    if (Status s = r.SetTarget(header.request_target()); !s.ok()) {
      Send(call, ErrorResponse(s, r.request_id));
      return restinio::request_accepted();
    }
    if (workers_closed_) {
      Send(call, ErrorResponse(UnavailableError("服务正在停止，请稍后重试"), r.request_id));
      return restinio::request_accepted();
    }
    // A public look-up answered from memory (Router::SetFast), here on the
    // network thread: no queue, no handler thread. Only without credentials,
    // so that the guard never reads the store.
    if (!r.Header("Authorization")) {
      if (std::optional<Response> fast = router_->TryFast(r)) {
        call->answered.store(true);
        Send(call, *std::move(fast));
        return restinio::request_accepted();
      }
    }
    if (!queue_->TryEnter()) {
      Response busy = ErrorResponse(UnavailableError("服务器繁忙，请稍后重试"), r.request_id);
      busy.headers.emplace_back("Retry-After", std::string(kOverloadRetryAfterSeconds));
      if (options_.metrics) options_.metrics->ObserveOverload();
      Send(call, std::move(busy), "overloaded");
      return restinio::request_accepted();
    }
    call->timer.expires_after(options_.request_timeout);
    call->timer.async_wait([this, call](const asio::error_code& ec) {
      if (!ec) OnTimeout(call);
    });
    asio::post(workers_, [this, call] { Dispatch(call); });
    return restinio::request_accepted();
  } catch (const std::exception& e) {
    // Only allocation failures get here; RESTinio answers 501 and closes.
    spdlog::error("无法受理请求：{}", e.what());
    return restinio::request_rejected();
  }
}

void Server::Impl::Dispatch(const std::shared_ptr<Call>& call) {
  queue_->Leave();
  // Answered 504 while it waited for a free handler thread: the client has
  // given up on it, so it must not change anything now.
  if (call->answered.load()) {
    spdlog::warn("request {} {} {}: 等待处理线程时已超时，未执行", call->request.request_id,
                 call->request.method, call->request.target);
    return;
  }
  Response response = router_->Dispatch(call->request);  // Never throws.
  if (call->answered.exchange(true)) {
    spdlog::warn("request {} {} {}: 处理在超时后才完成，结果已丢弃", call->request.request_id,
                 call->request.method, call->request.target);
    return;
  }
  asio::post(call->strand, [call] { call->timer.cancel(); });
  Send(call, std::move(response));
}

void Server::Impl::OnTimeout(const std::shared_ptr<Call>& call) {
  if (call->answered.exchange(true)) return;
  spdlog::warn("request {} {} {}: 处理超过 {} ms，已答复 504", call->request.request_id,
               call->request.method, call->request.target, options_.request_timeout.count());
  Send(call,
       ErrorResponse(DeadlineExceededError("请求处理超时，请稍后重试"), call->request.request_id));
}

void Server::Impl::Send(const std::shared_ptr<Call>& call, Response response,
                        std::string_view route_label) {
  const Request& r = call->request;
  size_t bytes = response.body.size();
  bool close = stopping_.load();
  restinio::http_status_line_t line{
      restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)},
      std::string(ReasonPhrase(response.status))};
  auto written = [ticket = call->ticket](const asio::error_code&) { ticket->Punch(); };
  // Logged before the response can reach the client, so a client that has
  // its answer finds the line written.
  LogAccess(r.request_id, r.remote_ip, r.method, r.target, response.status, bytes, call->start,
            r.client_request_id, r.peer_ip);
  if (options_.metrics) {
    options_.metrics->ObserveRequest(
        r.method, r.route.empty() ? route_label : std::string_view(r.route), response.status,
        std::chrono::duration<double>(SteadyClock::now() - call->start).count());
  }
  try {
    if (r.method == "HEAD") {
      auto builder = call->handle->create_response<restinio::user_controlled_output_t>(line);
      AppendHeaders(builder, response, r.request_id, close);
      builder.set_content_length(bytes);
      builder.done(std::move(written));
    } else {
      auto builder = call->handle->create_response(line);
      AppendHeaders(builder, response, r.request_id, close);
      builder.set_body(std::move(response.body));
      builder.done(std::move(written));
    }
  } catch (const std::exception& e) {
    spdlog::error("request {}: 无法发送响应：{}", r.request_id, e.what());
    call->ticket->Punch();
  }
}

std::string Server::Impl::RenderRejection(int http_status, std::string_view remote_ip) {
  std::string id = NewRequestId();
  Response r = http_status == 413 ? PayloadTooLargeResponse(options_.max_body_bytes, id)
                                  : MalformedRequestResponse(http_status, id);
  std::string out = fmt::format(
      "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n"
      "Cache-Control: no-store\r\nX-Request-Id: {}\r\n",
      r.status, ReasonPhrase(r.status), r.content_type, r.body.size(), id);
  for (const auto& [name, value] : SecurityHeaders()) out += fmt::format("{}: {}\r\n", name, value);
  out += "\r\n";
  out += r.body;
  LogAccess(id, remote_ip, "-", "-", r.status, r.body.size(), SteadyClock::now());
  if (options_.metrics) options_.metrics->ObserveRequest("-", "rejected", r.status, 0);
  return out;
}

void Server::Impl::LogAccess(std::string_view request_id, std::string_view remote_ip,
                             std::string_view method, std::string_view target, int status,
                             size_t bytes, SteadyClock::time_point start,
                             std::string_view client_request_id, std::string_view peer_ip) {
  double ms = std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
  // The proxy a forwarded client came through, after the client's address.
  std::string via =
      peer_ip.empty() || peer_ip == remote_ip ? std::string() : fmt::format(" via={}", peer_ip);
  if (client_request_id.empty()) {
    access_log_->info("{} {} \"{} {}\" {} {}B {:.1f}ms{}", request_id, remote_ip, method, target,
                      status, bytes, ms, via);
  } else {
    access_log_->info("{} {} \"{} {}\" {} {}B {:.1f}ms client-id={}{}", request_id, remote_ip,
                      method, target, status, bytes, ms, client_request_id, via);
  }
}

void Server::Impl::RegisterGauges() {
  if (!options_.metrics) return;
  options_.metrics->AddGauge(
      "amr_http_queued_requests", "Requests received and waiting for a free handler thread.",
      [queue = queue_]() -> StatusOr<double> { return static_cast<double>(queue->waiting()); });
  options_.metrics->AddGauge(
      "amr_http_queue_capacity",
      "Requests that may wait for a handler thread before new ones get 503 "
      "(--max-queued-requests).",
      [queue = queue_]() -> StatusOr<double> { return static_cast<double>(queue->capacity()); });
}

void Server::Impl::StopThreads() {
  work_.reset();
  io_.stop();
  for (std::thread& t : io_threads_) t.join();
  io_threads_.clear();
  signals_.reset();
  server_.reset();  // Closes the acceptor; no network thread runs any more.
  workers_closed_ = true;
  workers_.join();
}

void Server::Impl::Stop() {
  std::unique_lock lock(stop_mu_);
  if (state_ == State::kStopped) return;
  if (state_ == State::kStopping) {
    stop_cv_.wait(lock, [this] { return state_ == State::kStopped; });
    return;
  }
  state_ = State::kStopping;
  lock.unlock();

  spdlog::info("HTTP 服务正在停止：不再接受新连接，等待进行中的请求完成");
  stopping_ = true;
  StopAccepting();

  auto deadline = SteadyClock::now() + options_.request_timeout + options_.read_timeout;
  if (!in_flight_->WaitIdle(deadline)) {
    spdlog::warn("HTTP 服务停止：仍有请求未答复完毕，强制关闭");
  }
  // Handlers answered with 504 may still run; they are waited for here.
  workers_closed_ = true;
  workers_.join();
  StopThreads();
  spdlog::info("HTTP 服务已停止");

  lock.lock();
  state_ = State::kStopped;
  stop_cv_.notify_all();
}

void Server::Impl::StopAccepting() {
  // RESTinio 0.6.16 closes its acceptor on a strand its accept loop does not
  // run on: closing while a connection is being accepted is a data race
  // (ThreadSanitizer reports it). So the listening socket is shut down at the
  // OS level instead: Linux then refuses new connections and fails the
  // pending accept, which ends RESTinio's accept loop. The acceptor object is
  // closed by ~http_server_t once the network threads have stopped.
  int fd = listen_fd_.load();
  if (fd >= 0 && ::shutdown(fd, SHUT_RDWR) == 0) return;
  spdlog::warn("无法直接关闭监听套接字（{}），改由 RESTinio 关闭", std::strerror(errno));
  std::promise<void> closed;
  server_->close_async([&closed] { closed.set_value(); },
                       [&closed](std::exception_ptr) { closed.set_value(); });
  closed.get_future().wait();
}

void Server::Impl::StopOnSignals(std::vector<int> signals) {
  signals_.emplace(io_);
  for (int s : signals) signals_->add(s);
  signals_->async_wait([this](const asio::error_code& ec, int signal) {
    if (ec) return;
    spdlog::info("收到信号 {}，开始停止 HTTP 服务", signal);
    std::lock_guard lock(stop_mu_);
    stop_requested_ = true;
    stop_cv_.notify_all();
  });
}

void Server::Impl::Wait() {
  {
    std::unique_lock lock(stop_mu_);
    stop_cv_.wait(lock, [this] { return stop_requested_ || state_ != State::kRunning; });
  }
  Stop();
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;

StatusOr<std::unique_ptr<Server>> Server::Start(ServerOptions options,
                                                std::shared_ptr<const Router> router) {
  if (router == nullptr) return InvalidArgumentError("未提供路由表", "router");
  auto impl = std::make_unique<Impl>(std::move(options), std::move(router));
  RETURN_IF_ERROR(impl->Open());
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

uint16_t Server::port() const { return impl_->port(); }
void Server::Stop() { impl_->Stop(); }
void Server::StopOnSignals(std::vector<int> signals) { impl_->StopOnSignals(std::move(signals)); }
void Server::Wait() { impl_->Wait(); }

void RunUntilSignal(Server& server) {
  server.StopOnSignals();
  server.Wait();
}

}  // namespace amr::http
