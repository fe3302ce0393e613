// SPDX-License-Identifier: MulanPSL-2.0
// End-to-end: a real Server on a free port, a test client over TCP.
#include "http/server.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

#include "http/errors.h"
#include "http/health.h"
#include "http/security_headers.h"
#include "http/server_test_util.h"
#include "testing/http_client.h"

namespace amr::http {
namespace {

using ::amr::testing::HttpRequest;
using ::amr::testing::HttpResult;
using testutil::StartServer;
using testutil::TestOptions;

void ExpectSecurityHeaders(const HttpResult& r) {
  EXPECT_EQ(r.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(r.Header("x-frame-options"), "DENY");
  EXPECT_EQ(r.Header("referrer-policy"), "no-referrer");
  EXPECT_EQ(r.Header("content-security-policy"), kContentSecurityPolicy);
}

bool IsGeneratedId(const std::string& id) {
  return id.size() == 16 && id.find_first_not_of("0123456789abcdef") == std::string::npos;
}

std::shared_ptr<Router> EchoRouter() {
  auto router = std::make_shared<Router>();
  router->Get("/api/v1/hello", "public", [](Request&) {
    return Response::Json({{"message", "你好"}});
  });
  router->Get("/api/v1/names/{name}", "public", [](Request& req) {
    return Response::Json({{"name", req.Param("name")}});
  });
  router->Get("/api/v1/search", "public", [](Request& req) {
    nlohmann::json tags = nlohmann::json::array();
    auto [from, to] = req.query.equal_range("tag");
    for (auto it = from; it != to; ++it) tags.push_back(it->second);
    return Response::Json({{"q", req.Query("q").value_or("")}, {"tags", tags}});
  });
  router->Post("/api/v1/echo", "public", [](Request& req) {
    StatusOr<nlohmann::json> body = req.JsonBody();
    if (!body.ok()) return Response::Error(body.status());
    return Response::Json({{"got", *body},
                           {"request_id", req.request_id},
                           {"client_request_id", req.client_request_id}},
                          201);
  });
  router->Get("/api/v1/error/{code}", "public", [](Request& req) {
    auto code = static_cast<StatusCode>(std::stoi(req.Param("code")));
    return Response::Error(Status(code, "出错了：测试", "some_field"));
  });
  router->Get("/api/v1/split", "public", [](Request& req) {
    Response r = Response::Json({{"a", 1}});
    r.headers.emplace_back("Content-Disposition",
                           "attachment; filename=" + req.Query("f").value_or(""));
    r.headers.emplace_back("X-Fine", "yes");
    return r;
  });
  router->Get("/api/v1/throw", "public",
              [](Request&) -> Response { throw std::runtime_error("deliberate bug"); });
  return router;
}

TEST(ServerTest, ServesJsonWithSecurityHeadersAndRequestId) {
  auto server = StartServer(EchoRouter());
  ASSERT_NE(server, nullptr);
  EXPECT_NE(server->port(), 0);
  HttpResult r = HttpRequest(server->port(), "GET", "/api/v1/hello");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/json; charset=utf-8");
  EXPECT_EQ(r.Json()["message"], "你好");
  EXPECT_TRUE(IsGeneratedId(r.Header("x-request-id"))) << r.Header("x-request-id");
  EXPECT_EQ(r.Header("cache-control"), "no-store");
  ExpectSecurityHeaders(r);
}

TEST(ServerTest, NotFoundAndMethodNotAllowedBodies) {
  auto server = StartServer(EchoRouter());
  ASSERT_NE(server, nullptr);
  HttpResult nf = HttpRequest(server->port(), "GET", "/api/v1/nope");
  EXPECT_EQ(nf.status, 404);
  EXPECT_EQ(nf.Json()["error"]["code"], "not_found");
  EXPECT_EQ(nf.Json()["error"]["request_id"], nf.Header("x-request-id"));
  ExpectSecurityHeaders(nf);

  HttpResult na = HttpRequest(server->port(), "DELETE", "/api/v1/hello");
  EXPECT_EQ(na.status, 405);
  EXPECT_EQ(na.Header("allow"), "GET, HEAD");
  EXPECT_EQ(na.Json()["error"]["code"], "method_not_allowed");
  EXPECT_FALSE(na.Json()["error"]["message"].get<std::string>().empty());
}

TEST(ServerTest, PathParamsAndQueryAreDecoded) {
  auto server = StartServer(EchoRouter());
  ASSERT_NE(server, nullptr);
  HttpResult p = HttpRequest(server->port(), "GET",
                             "/api/v1/names/%E7%A6%8F%E5%B7%9E%E5%B8%82%E5%B8%82%E5%9C%BA");
  ASSERT_EQ(p.status, 200) << p.body;
  EXPECT_EQ(p.Json()["name"], "福州市市场");

  HttpResult raw = HttpRequest(server->port(), "GET", "/api/v1/names/福州");  // Raw UTF-8.
  ASSERT_EQ(raw.status, 200) << raw.body;
  EXPECT_EQ(raw.Json()["name"], "福州");

  HttpResult q =
      HttpRequest(server->port(), "GET",
                  "/api/v1/search?q=%E9%A3%9F%E5%93%81+%E5%AE%89%E5%85%A8&tag=a&tag=%E4%B9%99");
  ASSERT_EQ(q.status, 200) << q.body;
  EXPECT_EQ(q.Json()["q"], "食品 安全");
  EXPECT_EQ(q.Json()["tags"], nlohmann::json({"a", "乙"}));

  HttpResult bad = HttpRequest(server->port(), "GET", "/api/v1/search?q=%zz");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Json()["error"]["field"], "query");
  HttpResult bad_path = HttpRequest(server->port(), "GET", "/api/v1/names/%E7%A6");
  EXPECT_EQ(bad_path.status, 400);
  EXPECT_EQ(bad_path.Json()["error"]["field"], "path");
}

TEST(ServerTest, PostJsonBody) {
  auto server = StartServer(EchoRouter());
  ASSERT_NE(server, nullptr);
  HttpResult ok = HttpRequest(server->port(), "POST", "/api/v1/echo", R"({"企业":"甲"})",
                              {{"Content-Type", "application/json"}});
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ok.Json()["got"]["企业"], "甲");
  HttpResult bad = HttpRequest(server->port(), "POST", "/api/v1/echo", "{oops");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Json()["error"]["message"], "请求体不是有效的 JSON");
  EXPECT_EQ(bad.Json()["error"]["field"], "body");
}

TEST(ServerTest, EveryStatusCodeMapsThroughOnePlace) {
  auto server = StartServer(EchoRouter());
  ASSERT_NE(server, nullptr);
  for (int c = static_cast<int>(StatusCode::kInvalidArgument);
       c <= static_cast<int>(StatusCode::kInternal); ++c) {
    auto code = static_cast<StatusCode>(c);
    HttpResult r = HttpRequest(server->port(), "GET", "/api/v1/error/" + std::to_string(c));
    EXPECT_EQ(r.status, HttpStatusFor(code)) << StatusCodeSlug(code);
    nlohmann::json e = r.Json()["error"];
    EXPECT_EQ(e["code"], StatusCodeSlug(code));
    EXPECT_EQ(e["message"], "出错了：测试");
    EXPECT_EQ(e["field"], "some_field");
    EXPECT_EQ(e["request_id"], r.Header("x-request-id"));
    ExpectSecurityHeaders(r);
  }
}

TEST(ServerTest, ThrowingHandlerIs500AndServerLivesOn) {
  auto server = StartServer(EchoRouter());
  ASSERT_NE(server, nullptr);
  HttpResult r = HttpRequest(server->port(), "GET", "/api/v1/throw");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.Json()["error"]["code"], "internal");
  EXPECT_TRUE(IsGeneratedId(r.Json()["error"]["request_id"].get<std::string>()));
  EXPECT_EQ(r.Json()["error"]["request_id"], r.Header("x-request-id"));
  EXPECT_EQ(r.body.find("deliberate"), std::string::npos);
  EXPECT_EQ(HttpRequest(server->port(), "GET", "/api/v1/hello").status, 200);
}

// A client must not choose the id our logs and audit records file its
// request under: ours is always generated, a sane client id (a proxy's) is
// kept apart.
TEST(ServerTest, ClientRequestIdIsKeptApartFromOurs) {
  auto server = StartServer(EchoRouter());
  ASSERT_NE(server, nullptr);
  HttpResult mine = HttpRequest(server->port(), "POST", "/api/v1/echo", "{}",
                                {{"X-Request-Id", "nginx-7f3a_01"}});
  EXPECT_TRUE(IsGeneratedId(mine.Header("x-request-id"))) << mine.Header("x-request-id");
  EXPECT_EQ(mine.Json()["request_id"], mine.Header("x-request-id"));  // the handler's too
  EXPECT_EQ(mine.Json()["client_request_id"], "nginx-7f3a_01");

  HttpResult insane = HttpRequest(server->port(), "POST", "/api/v1/echo", "{}",
                                  {{"X-Request-Id", "has spaces and \"quotes\""}});
  EXPECT_TRUE(IsGeneratedId(insane.Header("x-request-id"))) << insane.Header("x-request-id");
  EXPECT_EQ(insane.Json()["client_request_id"], "");
  HttpResult too_long = HttpRequest(server->port(), "GET", "/api/v1/hello", "",
                                    {{"X-Request-Id", std::string(65, 'a')}});
  EXPECT_TRUE(IsGeneratedId(too_long.Header("x-request-id")));

  HttpResult a = HttpRequest(server->port(), "GET", "/api/v1/hello");
  HttpResult b = HttpRequest(server->port(), "GET", "/api/v1/hello");
  EXPECT_NE(a.Header("x-request-id"), b.Header("x-request-id"));
}

TEST(ServerTest, HeadersWithLineBreaksAreDropped) {
  auto server = StartServer(EchoRouter());
  ASSERT_NE(server, nullptr);
  HttpResult r = HttpRequest(server->port(), "GET", "/api/v1/split?f=a.txt%0D%0ASet-Cookie:+x=1");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("set-cookie"), "");
  EXPECT_EQ(r.Header("content-disposition"), "");
  EXPECT_EQ(r.Header("x-fine"), "yes");
  HttpResult ok = HttpRequest(server->port(), "GET", "/api/v1/split?f=a.txt");
  EXPECT_EQ(ok.Header("content-disposition"), "attachment; filename=a.txt");
}

TEST(ServerTest, HeadSendsHeadersWithoutBody) {
  auto server = StartServer(EchoRouter());
  ASSERT_NE(server, nullptr);
  HttpResult get = HttpRequest(server->port(), "GET", "/api/v1/hello");
  HttpResult head = HttpRequest(server->port(), "HEAD", "/api/v1/hello");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.Header("content-length"), std::to_string(get.body.size()));
  EXPECT_EQ(head.body, "");
}

TEST(ServerTest, AccessLogLine) {
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
  auto log = std::make_shared<spdlog::logger>("access_test", sink);
  log->set_pattern("%v");
  ServerOptions options = TestOptions();
  options.access_log = log;
  auto server = StartServer(EchoRouter(), options);
  ASSERT_NE(server, nullptr);
  HttpResult r = HttpRequest(server->port(), "GET", "/api/v1/search?q=x", "",
                             {{"X-Request-Id", "log-line-1"}});
  ASSERT_EQ(r.status, 200);
  log->flush();
  std::string line = out.str();
  EXPECT_NE(line.find(r.Header("x-request-id") + " 127.0.0.1 \"GET /api/v1/search?q=x\" 200 " +
                      std::to_string(r.body.size()) + "B "),
            std::string::npos)
      << line;
  EXPECT_NE(line.find("ms client-id=log-line-1"), std::string::npos) << line;
}

// The authorization matrix: every route passes the guard exactly once, and a
// refusal keeps the handler from running.
TEST(ServerTest, GuardRunsForEveryRouteAndCanDeny) {
  auto router = std::make_shared<Router>();
  std::mutex mu;
  std::map<std::string, int> guarded;
  std::map<std::string, int> handled;
  auto handler = [&](std::string name) {
    return [&, name](Request&) {
      std::lock_guard lock(mu);
      ++handled[name];
      return Response::Json({{"ok", true}});
    };
  };
  router->Get("/api/v1/public", "public", handler("GET /api/v1/public"));
  router->Get("/api/v1/codes/{code}", "codes.read", handler("GET /api/v1/codes/{code}"));
  router->Post("/api/v1/codes/{code}", "codes.write", handler("POST /api/v1/codes/{code}"));
  router->Delete("/api/v1/users/{id}", "admin", handler("DELETE /api/v1/users/{id}"));
  AddHealthRoutes(*router, [] { return OkStatus(); });
  router->SetGuard([&](Request& req, const RouteSpec& spec) -> std::optional<Response> {
    {
      std::lock_guard lock(mu);
      ++guarded[spec.method + " " + spec.pattern];
    }
    if (spec.permission == kPublic) return std::nullopt;
    if (!req.Header("Authorization")) return Response::Error(UnauthenticatedError("请先登录"));
    if (spec.permission == "admin") return Response::Error(PermissionDeniedError("需要管理员权限"));
    return std::nullopt;
  });
  auto server = StartServer(router);
  ASSERT_NE(server, nullptr);

  for (const RouteSpec& spec : router->routes()) {
    std::string target = spec.pattern;
    for (const char* p : {"{code}", "{id}"}) {
      if (auto at = target.find(p); at != std::string::npos) target.replace(at, strlen(p), "1");
    }
    std::string key = spec.method + " " + spec.pattern;
    HttpResult anon = HttpRequest(server->port(), spec.method, target);
    HttpResult authed =
        HttpRequest(server->port(), spec.method, target, "", {{"Authorization", "Bearer t"}});
    if (spec.permission == kPublic) {
      EXPECT_EQ(anon.status, 200) << key;
    } else {
      EXPECT_EQ(anon.status, 401) << key;
      EXPECT_EQ(anon.Json()["error"]["code"], "unauthenticated");
    }
    EXPECT_EQ(authed.status, spec.permission == "admin" ? 403 : 200) << key;
    std::lock_guard lock(mu);
    EXPECT_EQ(guarded[key], 2) << key;
  }
  std::lock_guard lock(mu);
  EXPECT_EQ(handled["DELETE /api/v1/users/{id}"], 0);
  EXPECT_EQ(handled["POST /api/v1/codes/{code}"], 1);
  EXPECT_EQ(guarded.size(), router->routes().size());
}

TEST(ServerTest, HealthzOkAndUnavailable) {
  std::atomic<bool> db_up{true};
  auto router = std::make_shared<Router>();
  AddHealthRoutes(*router, [&] { return db_up ? OkStatus() : UnavailableError("数据库连接失败"); });
  auto server = StartServer(router);
  ASSERT_NE(server, nullptr);
  HttpResult up = HttpRequest(server->port(), "GET", "/healthz");
  EXPECT_EQ(up.status, 200);
  EXPECT_EQ(up.Json(), nlohmann::json({{"status", "ok"}}));
  db_up = false;
  HttpResult down = HttpRequest(server->port(), "GET", "/healthz");
  EXPECT_EQ(down.status, 503);
  EXPECT_EQ(down.Json()["error"]["code"], "unavailable");
  EXPECT_EQ(down.Json()["error"]["message"], "数据库连接失败");
}

class StaticServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    namespace fs = std::filesystem;
    base_ = fs::temp_directory_path() / ("amr_static_srv_" + std::to_string(::getpid()));
    fs::remove_all(base_);
    fs::create_directories(base_ / "dist" / "assets");
    std::ofstream(base_ / "dist" / "index.html") << "<!doctype html><div id=app></div>";
    std::ofstream(base_ / "dist" / "assets" / "index-4f3a2b1c.js") << "export default 1";
    std::ofstream(base_ / "dist" / "assets" / "index-9c8d7e6f.css") << "body{}";
    std::ofstream(base_ / "dist" / "favicon.ico") << "ICO";
    std::ofstream(base_ / "secret.txt") << "TOP-SECRET";
    auto router = std::make_shared<Router>();
    router->Get("/api/v1/hello", "public", [](Request&) { return Response::Json({{"a", 1}}); });
    router->ServeStatic("/", base_ / "dist", "index.html");
    server_ = StartServer(router);
  }
  void TearDown() override {
    server_.reset();
    std::filesystem::remove_all(base_);
  }
  std::filesystem::path base_;
  std::unique_ptr<Server> server_;
};

TEST_F(StaticServerTest, FilesFallbackAndTraversal) {
  ASSERT_NE(server_, nullptr);
  uint16_t port = server_->port();
  HttpResult js = HttpRequest(port, "GET", "/assets/index-4f3a2b1c.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.body, "export default 1");
  EXPECT_EQ(js.Header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.Header("cache-control"), "public, max-age=31536000, immutable");
  ExpectSecurityHeaders(js);
  EXPECT_EQ(HttpRequest(port, "GET", "/assets/index-9c8d7e6f.css").Header("content-type"),
            "text/css; charset=utf-8");
  EXPECT_EQ(HttpRequest(port, "GET", "/favicon.ico").Header("content-type"), "image/x-icon");

  HttpResult index = HttpRequest(port, "GET", "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(index.Header("cache-control"), "no-cache");

  HttpResult spa = HttpRequest(port, "GET", "/inspection/plans/2025");
  EXPECT_EQ(spa.status, 200);
  EXPECT_EQ(spa.body, index.body);

  HttpResult api = HttpRequest(port, "GET", "/api/v1/unknown");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.Json()["error"]["code"], "not_found");
  HttpResult api_post = HttpRequest(port, "POST", "/api/v1/unknown");
  EXPECT_EQ(api_post.status, 404);  // Not a 405 from the static route.
  EXPECT_EQ(HttpRequest(port, "GET", "/assets/gone-4f3a2b1c.js").status, 404);
  HttpResult post = HttpRequest(port, "POST", "/index.html");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.Header("allow"), "GET, HEAD");

  for (const char* target : {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
                             "/..%2fsecret.txt", "/assets/%2E%2E/%2E%2E/secret.txt"}) {
    HttpResult r = HttpRequest(port, "GET", target);
    EXPECT_TRUE(r.status == 400 || r.status == 404) << target << " → " << r.status;
    EXPECT_EQ(r.body.find("TOP-SECRET"), std::string::npos) << target;
  }
}

TEST(ServerTest, ConcurrentRequestsRunInParallel) {
  constexpr int kParallel = 4;
  std::mutex mu;
  std::condition_variable cv;
  int arrived = 0;
  auto router = std::make_shared<Router>();
  // Returns 200 only if kParallel handlers were running at the same time.
  router->Get("/api/v1/barrier", "public", [&](Request&) {
    std::unique_lock lock(mu);
    ++arrived;
    cv.notify_all();
    bool all = cv.wait_for(lock, std::chrono::seconds(10), [&] { return arrived >= kParallel; });
    return all ? Response::Json({{"ok", true}})
               : Response::Error(DeadlineExceededError("等待超时"));
  });
  router->Get("/api/v1/echo/{n}", "public", [](Request& req) {
    return Response::Json({{"n", req.Param("n")}});
  });
  ServerOptions options = TestOptions();
  options.threads = kParallel;
  auto server = StartServer(router, options);
  ASSERT_NE(server, nullptr);

  std::vector<std::thread> threads;
  std::vector<int> statuses(kParallel);
  for (int i = 0; i < kParallel; ++i) {
    threads.emplace_back(
        [&, i] { statuses[i] = HttpRequest(server->port(), "GET", "/api/v1/barrier").status; });
  }
  for (auto& t : threads) t.join();
  for (int s : statuses) EXPECT_EQ(s, 200);

  threads.clear();
  std::atomic<int> good{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        std::string n = std::to_string(t * 100 + i);
        HttpResult r = HttpRequest(server->port(), "GET", "/api/v1/echo/" + n);
        if (r.status == 200 && r.Json()["n"] == n) ++good;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(good.load(), 200);
}

}  // namespace
}  // namespace amr::http
