// SPDX-License-Identifier: MulanPSL-2.0
// What the server does with requests it must refuse: too large, malformed,
// too slow to answer.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "http/server.h"
#include "http/server_test_util.h"
#include "testing/http_client.h"

namespace amr::http {
namespace {

using ::amr::testing::HttpRawExchange;
using ::amr::testing::HttpRequest;
using ::amr::testing::HttpResult;
using ::amr::testing::ParseHttpResponse;
using testutil::StartServer;
using testutil::TestOptions;

constexpr size_t kLimit = 1024;

class LimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto router = std::make_shared<Router>();
    router->Post("/api/v1/upload", "public", [this](Request& req) {
      ++handled_;
      return Response::Json({{"bytes", req.body.size()}});
    });
    router->Get("/api/v1/hello", "public", [](Request&) { return Response::Json({{"a", 1}}); });
    ServerOptions options = TestOptions();
    options.max_body_bytes = kLimit;
    server_ = StartServer(router, options);
    ASSERT_NE(server_, nullptr);
  }

  void ExpectServerStillWorks() {
    EXPECT_EQ(HttpRequest(server_->port(), "GET", "/api/v1/hello").status, 200);
  }

  static void ExpectJsonError(const HttpResult& r, int status, const std::string& code) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.Json()["error"]["code"], code) << r.body;
    EXPECT_EQ(r.Header("content-type"), "application/json; charset=utf-8");
    EXPECT_EQ(r.Header("x-content-type-options"), "nosniff");
    EXPECT_EQ(r.Header("connection"), "close");
    EXPECT_EQ(r.Header("cache-control"), "no-store");
    std::string id = r.Header("x-request-id");
    EXPECT_EQ(id.size(), 16u);
    EXPECT_EQ(r.Json()["error"]["request_id"], id);
  }

  std::atomic<int> handled_{0};
  std::unique_ptr<Server> server_;
};

TEST_F(LimitsTest, BodyAtTheLimitIsAccepted) {
  HttpResult r = HttpRequest(server_->port(), "POST", "/api/v1/upload", std::string(kLimit, 'x'));
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["bytes"], kLimit);
  EXPECT_EQ(handled_, 1);
}

TEST_F(LimitsTest, BodyOverTheLimitIs413AndTheHandlerNeverRuns) {
  HttpResult r =
      HttpRequest(server_->port(), "POST", "/api/v1/upload", std::string(kLimit + 1, 'x'));
  ExpectJsonError(r, 413, "payload_too_large");
  EXPECT_EQ(r.Json()["error"]["field"], "body");
  EXPECT_EQ(handled_, 0);
  ExpectServerStillWorks();
}

TEST_F(LimitsTest, DeclaredLengthOverTheLimitIsRefusedBeforeTheBody) {
  // Only the head is sent: the answer must not wait for 10 MB that never come.
  std::string raw = HttpRawExchange(
      server_->port(),
      "POST /api/v1/upload HTTP/1.1\r\nHost: t\r\nContent-Length: 10485760\r\n\r\n");
  ExpectJsonError(ParseHttpResponse(raw), 413, "payload_too_large");
  EXPECT_EQ(handled_, 0);
}

TEST_F(LimitsTest, ChunkedBodyOverTheLimitIs413) {
  std::string chunk(kLimit, 'y');
  std::string raw = HttpRawExchange(
      server_->port(),
      "POST /api/v1/upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
      "400\r\n" +
          chunk + "\r\n" + "1\r\nz\r\n0\r\n\r\n");
  ExpectJsonError(ParseHttpResponse(raw), 413, "payload_too_large");
  EXPECT_EQ(handled_, 0);
}

TEST_F(LimitsTest, DeclaredLengthOverTheLimitIsRefusedAfterTheFirstBytesOfBody) {
  // The head and a few bytes of a declared 1 GiB: the connection stays open
  // from the client's side, and the answer comes without the rest.
  std::string raw = HttpRawExchange(
      server_->port(),
      "POST /api/v1/upload HTTP/1.1\r\nHost: t\r\nContent-Length: 1073741824\r\n\r\n{\"a\":");
  ExpectJsonError(ParseHttpResponse(raw), 413, "payload_too_large");
  EXPECT_EQ(handled_, 0);
  ExpectServerStillWorks();
}

TEST_F(LimitsTest, ChunkedBodyIsRefusedAsSoonAsItCrossesTheLimit) {
  // A first chunk exactly at the limit, then a chunk that announces 1 MiB
  // and sends a few bytes of it: the rest is never waited for.
  std::string raw = HttpRawExchange(
      server_->port(),
      "POST /api/v1/upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n" +
          std::string(kLimit, 'y') + "\r\n100000\r\nzzzz");
  ExpectJsonError(ParseHttpResponse(raw), 413, "payload_too_large");
  EXPECT_EQ(handled_, 0);
  ExpectServerStillWorks();
}

TEST_F(LimitsTest, MalformedRequestsGet400NotACrash) {
  for (std::string bad : {std::string("GARBAGE\r\n\r\n"), std::string("GET /x HTTP/9.Z\r\n\r\n"),
                          std::string("GET /a b c d\r\n\r\n"), std::string("\x01\x02\x03\r\n\r\n"),
                          std::string("GET / HTTP/1.1\r\nBad Header Line\r\n\r\n")}) {
    std::string raw = HttpRawExchange(server_->port(), bad);
    ExpectJsonError(ParseHttpResponse(raw), 400, "bad_request");
  }
  ExpectServerStillWorks();
}

TEST_F(LimitsTest, OversizedUrlAndHeaders) {
  HttpResult long_url =
      HttpRequest(server_->port(), "GET", "/api/v1/hello?q=" + std::string(9000, 'a'));
  ExpectJsonError(long_url, 414, "uri_too_long");

  std::vector<std::pair<std::string, std::string>> many;
  for (int i = 0; i < 120; ++i) many.emplace_back("X-H" + std::to_string(i), "v");
  ExpectJsonError(HttpRequest(server_->port(), "GET", "/api/v1/hello", "", many), 431,
                  "headers_too_large");
  ExpectJsonError(
      HttpRequest(server_->port(), "GET", "/api/v1/hello", "", {{"X-Big", std::string(9000, 'v')}}),
      431, "headers_too_large");
  ExpectServerStillWorks();
}

// A connection to 127.0.0.1:port that a test keeps open, and whether the
// server has closed it.
class HeldConnection {
 public:
  explicit HeldConnection(uint16_t port, int wait_seconds = 30)
      : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    timeval tv{wait_seconds, 0};  // a bound for a broken server, not a timing assertion
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~HeldConnection() { ::close(fd_); }
  bool connected() const { return connected_; }
  void Send(std::string_view bytes) { (void)::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL); }
  // Reads until the server closes the connection: true if it did (rather
  // than the bound passing).
  bool ClosedByServer() {
    char buf[4096];
    while (true) {
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n == 0) return true;
      if (n < 0) return errno == ECONNRESET;
    }
  }

 private:
  int fd_;
  bool connected_ = false;
};

// A client that sends its head and then trickles (here: stops sending) the
// body is cut off once read_timeout has passed since the request began; the
// handler never runs.
TEST(SlowClientTest, ASlowBodyIsCutOffAtTheReadTimeout) {
  std::atomic<int> handled{0};
  auto router = std::make_shared<Router>();
  router->Post("/api/v1/upload", "public", [&](Request&) {
    ++handled;
    return Response::Json({});
  });
  ServerOptions options = TestOptions();
  options.read_timeout = std::chrono::milliseconds(300);
  auto server = StartServer(router, options);
  ASSERT_NE(server, nullptr);
  HeldConnection slow(server->port());
  ASSERT_TRUE(slow.connected());
  slow.Send("POST /api/v1/upload HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n0123456789");
  EXPECT_TRUE(slow.ClosedByServer());
  EXPECT_EQ(handled, 0);
  EXPECT_EQ(HttpRequest(server->port(), "POST", "/api/v1/upload", "{}").status, 200);
}

// A client that sends half its body and goes away: the handler never runs, so
// nothing is written. With one connection per address allowed, the next
// request gets through only once the server has closed the first connection,
// so the handler count is read after the server is done with it.
TEST(SlowClientTest, AClientThatLeavesMidBodyChangesNothing) {
  std::atomic<int> handled{0};
  std::string last_body;
  auto router = std::make_shared<Router>();
  router->Post("/api/v1/write", "public", [&](Request& req) {
    ++handled;
    last_body = req.body;
    return Response::Json({});
  });
  ServerOptions options = TestOptions();
  options.max_connections_per_address = 1;
  auto server = StartServer(router, options);
  ASSERT_NE(server, nullptr);
  {
    HeldConnection half(server->port());
    ASSERT_TRUE(half.connected());
    half.Send(
        "POST /api/v1/write HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
        "Content-Length: 40\r\n\r\n{\"name\":\"half-");
  }  // closed here, 20 bytes short
  int status = 0;
  for (int attempt = 0; attempt < 300 && status != 200; ++attempt) {
    status = HttpRequest(server->port(), "POST", "/api/v1/write", R"({"name":"whole"})").status;
    if (status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(status, 200);
  EXPECT_EQ(handled, 1);
  EXPECT_EQ(last_body, R"({"name":"whole"})");
}

// One address holds at most max_connections_per_address connections: the
// next is closed as soon as it is accepted, and room comes back as they close.
TEST(SlowClientTest, ConnectionsPerAddressAreCapped) {
  auto router = std::make_shared<Router>();
  router->Get("/api/v1/hello", "public", [](Request&) { return Response::Json({{"a", 1}}); });
  ServerOptions options = TestOptions();
  options.max_connections_per_address = 3;
  options.read_timeout = std::chrono::seconds(60);  // held connections stay up
  auto server = StartServer(router, options);
  ASSERT_NE(server, nullptr);
  {
    std::vector<std::unique_ptr<HeldConnection>> held;
    for (int i = 0; i < 3; ++i) {
      held.push_back(std::make_unique<HeldConnection>(server->port()));
      ASSERT_TRUE(held.back()->connected());
    }
    // The server counts a connection once it has accepted it: wait for the
    // three to be counted, then the fourth is turned away.
    bool refused = false;
    for (int attempt = 0; attempt < 100 && !refused; ++attempt) {
      HeldConnection extra(server->port(), /*wait_seconds=*/5);
      refused = extra.connected() && extra.ClosedByServer();
      if (!refused) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_TRUE(refused);
    EXPECT_EQ(HttpRequest(server->port(), "GET", "/api/v1/hello").status, 0);
  }
  int status = 0;
  for (int attempt = 0; attempt < 100 && status != 200; ++attempt) {
    status = HttpRequest(server->port(), "GET", "/api/v1/hello").status;
    if (status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(status, 200);
}

TEST(TimeoutTest, SlowHandlerGets504AndOthersAreServed) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> finished;
  auto router = std::make_shared<Router>();
  router->Get("/api/v1/stuck", "public", [&](Request&) {
    released.wait_for(std::chrono::seconds(20));
    finished.set_value();
    return Response::Json({{"late", true}});
  });
  router->Get("/api/v1/fast", "public", [](Request&) { return Response::Json({{"a", 1}}); });
  ServerOptions options = TestOptions();
  options.request_timeout = std::chrono::milliseconds(300);
  auto server = StartServer(router, options);
  ASSERT_NE(server, nullptr);

  auto start = std::chrono::steady_clock::now();
  HttpResult r = HttpRequest(server->port(), "GET", "/api/v1/stuck");
  auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.status, 504) << r.body;
  EXPECT_EQ(r.Json()["error"]["code"], "deadline_exceeded");
  EXPECT_EQ(r.Json()["error"]["request_id"], r.Header("x-request-id"));
  EXPECT_GE(waited, std::chrono::milliseconds(300));
  EXPECT_LT(waited, std::chrono::seconds(10));
  // The stuck handler still holds its thread; others keep being served.
  EXPECT_EQ(HttpRequest(server->port(), "GET", "/api/v1/fast").status, 200);
  release.set_value();
  finished.get_future().wait();  // Its late response is dropped without harm.
  EXPECT_EQ(HttpRequest(server->port(), "GET", "/api/v1/fast").status, 200);
}

TEST(TimeoutTest, RequestThatTimedOutInTheQueueNeverRuns) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> entered;
  std::atomic<int> counted{0};
  auto router = std::make_shared<Router>();
  router->Get("/api/v1/stuck", "public", [&](Request&) {
    entered.set_value();
    released.wait_for(std::chrono::seconds(20));
    return Response::Json({{"late", true}});
  });
  router->Post("/api/v1/count", "public", [&](Request&) {
    ++counted;
    return Response::Json({{"n", counted.load()}});
  });
  ServerOptions options = TestOptions();
  options.threads = 1;  // /stuck holds the only handler thread.
  options.request_timeout = std::chrono::milliseconds(300);
  auto server = StartServer(router, options);
  ASSERT_NE(server, nullptr);
  uint16_t port = server->port();

  auto stuck =
      std::async(std::launch::async, [port] { return HttpRequest(port, "GET", "/api/v1/stuck"); });
  entered.get_future().wait();
  HttpResult queued = HttpRequest(port, "POST", "/api/v1/count");
  EXPECT_EQ(queued.status, 504) << queued.body;
  EXPECT_EQ(stuck.get().status, 504);
  release.set_value();
  // The single thread takes the queued request before this one: it is skipped.
  HttpResult next = HttpRequest(port, "POST", "/api/v1/count");
  EXPECT_EQ(next.status, 200) << next.body;
  EXPECT_EQ(next.Json()["n"], 1);
  EXPECT_EQ(counted.load(), 1);
}

}  // namespace
}  // namespace amr::http
