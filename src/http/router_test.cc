// SPDX-License-Identifier: MulanPSL-2.0
#include "http/router.h"

#include <gtest/gtest.h>

#include <map>
#include <stdexcept>
#include <string>

#include "http/errors.h"

namespace amr::http {
namespace {

Request MakeRequest(std::string method, std::string target) {
  Request r;
  r.method = std::move(method);
  r.request_id = "req-1";
  EXPECT_TRUE(r.SetTarget(target).ok()) << target;
  return r;
}

Handler Named(std::string name) {
  return [name](Request& req) {
    nlohmann::json params = nlohmann::json::object();
    for (const auto& [k, v] : req.params) params[k] = v;
    return Response::Json({{"route", name}, {"params", params}});
  };
}

nlohmann::json Body(const Response& r) { return nlohmann::json::parse(r.body); }

TEST(RouterTest, LiteralBeatsParamBeatsRest) {
  Router router;
  router.Get("/api/v1/entities/{id}", "entities.read", Named("by-id"));
  router.Get("/api/v1/entities/export", "entities.read", Named("export"));
  router.Get("/api/v1/{rest...}", "public", Named("rest"));

  Request a = MakeRequest("GET", "/api/v1/entities/export");
  EXPECT_EQ(Body(router.Dispatch(a))["route"], "export");
  Request b = MakeRequest("GET", "/api/v1/entities/91350100M000100Y43");
  nlohmann::json jb = Body(router.Dispatch(b));
  EXPECT_EQ(jb["route"], "by-id");
  EXPECT_EQ(jb["params"]["id"], "91350100M000100Y43");
  Request c = MakeRequest("GET", "/api/v1/other/x/y");
  nlohmann::json jc = Body(router.Dispatch(c));
  EXPECT_EQ(jc["route"], "rest");
  EXPECT_EQ(jc["params"]["rest"], "other/x/y");
}

TEST(RouterTest, ParamsAreDecoded) {
  Router router;
  router.Get("/api/v1/names/{name}/{kind}", "public", Named("name"));
  Request r = MakeRequest("GET", "/api/v1/names/%E5%8C%97%E4%BA%AC%2F%E5%A4%A9%E6%B4%A5/a+b");
  nlohmann::json j = Body(router.Dispatch(r));
  EXPECT_EQ(j["params"]["name"], "北京/天津");  // %2F stays inside the segment.
  EXPECT_EQ(j["params"]["kind"], "a+b");        // '+' is literal in a path.
}

TEST(RouterTest, BadPathEncodingIs400) {
  Router router;
  router.Get("/api/v1/names/{name}", "public", Named("name"));
  Request r = MakeRequest("GET", "/api/v1/names/%E5%8C");
  Response resp = router.Dispatch(r);
  EXPECT_EQ(resp.status, 400);
  EXPECT_EQ(Body(resp)["error"]["field"], "path");
  EXPECT_EQ(Body(resp)["error"]["request_id"], "req-1");
}

TEST(RouterTest, TrailingSlashTolerantButEmptySegmentsNot) {
  Router router;
  router.Get("/api/v1/codes", "public", Named("codes"));
  router.Get("/api/v1/codes/{code}", "public", Named("code"));
  Request a = MakeRequest("GET", "/api/v1/codes/");
  EXPECT_EQ(Body(router.Dispatch(a))["route"], "codes");
  Request b = MakeRequest("GET", "/api/v1/codes//");
  EXPECT_EQ(router.Dispatch(b).status, 404);
  Request c = MakeRequest("GET", "/api//v1/codes");
  EXPECT_EQ(router.Dispatch(c).status, 404);
}

TEST(RouterTest, UnknownPathIs404Json) {
  Router router;
  router.Get("/a", "public", Named("a"));
  Request r = MakeRequest("GET", "/b");
  Response resp = router.Dispatch(r);
  EXPECT_EQ(resp.status, 404);
  EXPECT_EQ(Body(resp)["error"]["code"], "not_found");
  EXPECT_EQ(Body(resp)["error"]["request_id"], "req-1");
  Request star = MakeRequest("OPTIONS", "*");
  EXPECT_EQ(router.Dispatch(star).status, 404);
}

TEST(RouterTest, WrongMethodIs405WithAllow) {
  Router router;
  router.Get("/api/v1/items/{id}", "public", Named("get"));
  router.Delete("/api/v1/items/{id}", "items.delete", Named("delete"));
  Request r = MakeRequest("POST", "/api/v1/items/7");
  Response resp = router.Dispatch(r);
  EXPECT_EQ(resp.status, 405);
  EXPECT_EQ(resp.Header("Allow"), "DELETE, GET, HEAD");
  EXPECT_EQ(Body(resp)["error"]["code"], "method_not_allowed");
}

TEST(RouterTest, HeadUsesGetUnlessHeadIsRegistered) {
  Router router;
  router.Get("/a", "public", Named("get-a"));
  router.Get("/b", "public", Named("get-b"));
  router.Add({"HEAD", "/b", "public"}, Named("head-b"));
  Request a = MakeRequest("HEAD", "/a");
  EXPECT_EQ(Body(router.Dispatch(a))["route"], "get-a");
  Request b = MakeRequest("HEAD", "/b");
  EXPECT_EQ(Body(router.Dispatch(b))["route"], "head-b");
}

TEST(RouterTest, AFastHandlerAnswersOnlyWhatItHasAndTheGuardStillDecides) {
  Router router;
  router.Get("/api/v1/entities/{uscc}", std::string(kPublic), Named("slow"));
  router.Get("/api/v1/entities/{uscc}/licences", std::string(kPublic), Named("other"));
  router.Post("/api/v1/entities/{uscc}", "entities.write", Named("write"));
  router.SetFast("/api/v1/entities/{uscc}", [](Request& req) -> std::optional<Response> {
    if (req.Param("uscc") != "HOT") return std::nullopt;  // not in memory
    return Response::Json({{"route", "fast"}});
  });
  bool refuse = false;
  int guarded = 0;
  router.SetGuard([&](Request&, const RouteSpec&) -> std::optional<Response> {
    ++guarded;
    if (refuse) return Response::Error(ResourceExhaustedError("请求过于频繁"));
    return std::nullopt;
  });

  Request hot = MakeRequest("GET", "/api/v1/entities/HOT");
  std::optional<Response> answer = router.TryFast(hot);
  ASSERT_TRUE(answer.has_value());
  EXPECT_EQ(Body(*answer)["route"], "fast");
  EXPECT_EQ(hot.route, "/api/v1/entities/{uscc}");
  EXPECT_EQ(guarded, 1);
  // Not in memory, another route, another method: left to Dispatch, the guard not run.
  for (auto [method, target] :
       {std::pair{"GET", "/api/v1/entities/COLD"},
        std::pair{"GET", "/api/v1/entities/HOT/licences"},
        std::pair{"POST", "/api/v1/entities/HOT"}, std::pair{"GET", "/api/v1/nowhere/at/all"}}) {
    Request r = MakeRequest(method, target);
    EXPECT_FALSE(router.TryFast(r).has_value()) << method << " " << target;
  }
  EXPECT_EQ(guarded, 1);
  Request cold = MakeRequest("GET", "/api/v1/entities/COLD");
  EXPECT_EQ(Body(router.Dispatch(cold))["route"], "slow");
  // The guard's refusal wins over the answer in memory.
  refuse = true;
  Request limited = MakeRequest("GET", "/api/v1/entities/HOT");
  answer = router.TryFast(limited);
  ASSERT_TRUE(answer.has_value());
  EXPECT_EQ(answer->status, 429);
  EXPECT_EQ(Body(*answer)["error"]["request_id"], "req-1");

  EXPECT_THROW(router.SetFast("/api/v1/missing", [](Request&) { return std::nullopt; }),
               std::logic_error);
}

TEST(RouterTest, RoutesAreFoundWhateverTheirPrefix) {
  // Routes indexed by three literal segments and the others (params early,
  // rest routes) meet in registration order.
  Router router;
  router.Get("/api/{version}/codes/{code}", std::string(kPublic), Named("param-first"));
  router.Get("/api/v1/codes/{code}", std::string(kPublic), Named("literal"));
  router.Get("/{path...}", std::string(kPublic), Named("rest"));
  router.Get("/a", std::string(kPublic), Named("short"));
  Request a = MakeRequest("GET", "/api/v1/codes/X");
  EXPECT_EQ(Body(router.Dispatch(a))["route"], "literal");
  Request b = MakeRequest("GET", "/api/v2/codes/X");
  EXPECT_EQ(Body(router.Dispatch(b))["route"], "param-first");
  Request c = MakeRequest("GET", "/a");
  EXPECT_EQ(Body(router.Dispatch(c))["route"], "short");
  Request d = MakeRequest("GET", "/b/c/d/e");
  EXPECT_EQ(Body(router.Dispatch(d))["route"], "rest");
  router.Get("/b/c/d/e", std::string(kPublic), Named("added"));  // after a Dispatch
  Request e = MakeRequest("GET", "/b/c/d/e");
  EXPECT_EQ(Body(router.Dispatch(e))["route"], "added");
}

TEST(RouterTest, GuardSeesEveryRouteAndCanRefuse) {
  Router router;
  router.Get("/api/v1/public", std::string(kPublic), Named("public"));
  router.Post("/api/v1/codes/{code}", "codes.write", Named("write"));
  router.Delete("/api/v1/codes/{code}", "admin", Named("admin"));
  std::map<std::string, int> seen;
  router.SetGuard([&](Request& req, const RouteSpec& spec) -> std::optional<Response> {
    ++seen[spec.method + " " + spec.pattern];
    if (spec.permission == "admin") return Response::Error(PermissionDeniedError("需要管理员权限"));
    req.principal = std::string("张三");
    return std::nullopt;
  });
  router.Get("/api/v1/whoami", "public", [](Request& req) {
    const auto* who = std::any_cast<std::string>(&req.principal);
    return Response::Json({{"who", who ? *who : ""}});
  });

  for (const RouteSpec& spec : router.routes()) {
    std::string target = spec.pattern;
    if (auto at = target.find("{code}"); at != std::string::npos) target.replace(at, 6, "X1");
    Request r = MakeRequest(spec.method, target);
    Response resp = router.Dispatch(r);
    if (spec.permission == "admin") {
      EXPECT_EQ(resp.status, 403) << target;
      EXPECT_EQ(Body(resp)["error"]["request_id"], "req-1");
    } else {
      EXPECT_EQ(resp.status, 200) << target;
    }
  }
  EXPECT_EQ(seen.size(), router.routes().size());
  for (const auto& [route, count] : seen) EXPECT_EQ(count, 1) << route;

  Request who = MakeRequest("GET", "/api/v1/whoami");
  EXPECT_EQ(Body(router.Dispatch(who))["who"], "张三");
}

TEST(RouterTest, ThrowingHandlerIs500WithRequestId) {
  Router router;
  router.Get("/boom", "public", [](Request&) -> Response { throw std::runtime_error("bug"); });
  router.Get("/boom2", "public", [](Request&) -> Response { throw 42; });
  for (const char* path : {"/boom", "/boom2"}) {
    Request r = MakeRequest("GET", path);
    Response resp = router.Dispatch(r);
    EXPECT_EQ(resp.status, 500);
    EXPECT_EQ(Body(resp)["error"]["code"], "internal");
    EXPECT_EQ(Body(resp)["error"]["request_id"], "req-1");
    EXPECT_EQ(resp.body.find("bug"), std::string::npos);  // Internals stay in the log.
  }
}

TEST(RouterTest, RegistrationMistakesThrow) {
  Router router;
  router.Get("/a/{id}", "public", Named("a"));
  EXPECT_THROW(router.Get("/a/{other}", "public", Named("dup")), std::logic_error);
  EXPECT_THROW(router.Get("no-slash", "public", Named("x")), std::logic_error);
  EXPECT_THROW(router.Get("/x/{a", "public", Named("x")), std::logic_error);
  EXPECT_THROW(router.Get("/x/{a}/{a}", "public", Named("x")), std::logic_error);
  EXPECT_THROW(router.Get("/x/{rest...}/y", "public", Named("x")), std::logic_error);
  EXPECT_THROW(router.Get("/x/a{b}", "public", Named("x")), std::logic_error);
  EXPECT_THROW(router.Get("/y", "", Named("x")), std::logic_error);
  EXPECT_THROW(router.Get("/y", "public", Handler()), std::logic_error);
  router.Post("/a/{id}", "public", Named("post"));  // Same shape, other method: fine.
  EXPECT_EQ(router.routes().size(), 2u);
}

TEST(RequestTest, HeadersAreCaseInsensitive) {
  Request r;
  r.headers.emplace("Content-Type", "application/json");
  EXPECT_EQ(r.Header("content-type"), "application/json");
  EXPECT_EQ(r.Header("CONTENT-TYPE"), "application/json");
  EXPECT_FALSE(r.Header("accept").has_value());
}

TEST(RequestTest, JsonBody) {
  Request r;
  r.body = R"({"name":"测试"})";
  ASSERT_TRUE(r.JsonBody().ok());
  EXPECT_EQ((*r.JsonBody())["name"], "测试");
  for (const char* bad : {"", "{", "not json", "{\"a\":\"\xff\"}"}) {
    r.body = bad;
    StatusOr<nlohmann::json> j = r.JsonBody();
    ASSERT_FALSE(j.ok()) << bad;
    EXPECT_EQ(j.status().message(), "请求体不是有效的 JSON");
    EXPECT_EQ(j.status().field(), "body");
  }
}

TEST(RequestTest, QueryAndParamAccessors) {
  Request r = MakeRequest("GET", "/x?a=1&a=2&b=%E4%B8%AD");
  EXPECT_EQ(r.Query("a"), "1");
  EXPECT_EQ(r.Query("b"), "中");
  EXPECT_FALSE(r.Query("c").has_value());
  EXPECT_EQ(r.Param("missing"), "");
  EXPECT_EQ(r.path, "/x");
  EXPECT_EQ(r.target, "/x?a=1&a=2&b=%E4%B8%AD");
}

}  // namespace
}  // namespace amr::http
