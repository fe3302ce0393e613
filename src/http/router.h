// SPDX-License-Identifier: MulanPSL-2.0
// Routes: which handler answers which method and path, behind one guard.
//
// Patterns are split at '/'. A segment is a literal ("codes"), a parameter
// ("{code}", one segment, percent-decoded into Request::params) or, as the last
// segment only, a rest parameter ("{path...}", zero or more segments, decoded
// and joined with '/'). When several routes match a path the most specific
// wins, comparing segment by segment: literal before {param} before {rest...};
// so "/api/v1/entities/export" beats "/api/v1/entities/{id}".
//
// Trailing slashes are tolerated: "/api/v1/codes/" is matched as
// "/api/v1/codes" (a UI or a hand-typed URL gets the page, not a 404); empty
// segments elsewhere ("//") match nothing.
//
// Dispatch answers 404 (not_found) when no route matches the path, 405
// (method_not_allowed, with an Allow header) when routes match the path but
// none the method. HEAD is answered by the GET route (the server drops the
// body). Every matched request passes the guard (SetGuard) before its handler:
// the single permission check, which sees the route's RouteSpec. An exception
// escaping the guard or a handler is a bug: it is logged with the request id
// and answered with a 500 internal error, never a crash.
//
// Ownership and thread-safety: build the Router on one thread (Add, SetGuard,
// ServeStatic), then share it as std::shared_ptr<const Router>; Dispatch is
// const and runs on many threads at once, so the guard and the handlers are
// called concurrently and must be thread-safe. Registration mistakes (a
// malformed pattern, an empty permission, a duplicate route) are programming
// errors and throw std::logic_error at start-up.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "http/request.h"
#include "http/response.h"

namespace amr::http {

using Handler = std::function<Response(Request&)>;

struct RouteSpec {
  std::string method;   // "GET", "POST", "PUT", "DELETE", "PATCH".
  std::string pattern;  // "/api/v1/codes/uscc/{code}".
  // What the guard checks: "public" for anyone, otherwise a permission name
  // such as "codes.read". Never empty.
  std::string permission;
};

// Returns a Response to refuse the request (401, 403…), or nullopt to let the
// handler run. May set Request::principal.
using Guard = std::function<std::optional<Response>(Request&, const RouteSpec&)>;

// Answers a request from memory without blocking, or nullopt to leave it to
// the route's handler (Router::SetFast).
using FastHandler = std::function<std::optional<Response>(Request&)>;

// The permission of routes anyone may call (health, static files).
inline constexpr std::string_view kPublic = "public";

class Router {
 public:
  Router();
  ~Router();
  Router(Router&&) noexcept;
  Router& operator=(Router&&) noexcept;

  void Add(RouteSpec spec, Handler handler);
  void Get(std::string pattern, std::string permission, Handler handler);
  void Post(std::string pattern, std::string permission, Handler handler);
  void Put(std::string pattern, std::string permission, Handler handler);
  void Patch(std::string pattern, std::string permission, Handler handler);
  void Delete(std::string pattern, std::string permission, Handler handler);

  // Serves the files under `dir` at `url_prefix` ("/" or "/static") for GET
  // and HEAD, as the public route "<prefix>/{path...}". Content types come
  // from the extension; files whose name carries a build hash
  // ("index-4f3a2b1c.js") get a year of immutable caching, others "no-cache".
  // ".." and other escapes from `dir` (also through symlinks) are refused with
  // 400. When `fallback_file` is set (a single-page app's "index.html"), a
  // missing path whose last segment has no extension is answered with that
  // file, so the app's client-side routes load; paths under /api/ never fall
  // back and this route never answers them at all, so unknown API paths stay
  // JSON 404s and 405s.
  void ServeStatic(std::string url_prefix, std::filesystem::path dir,
                   std::string fallback_file = "");

  void SetGuard(Guard guard);

  // Replaces the handler of every route registered so far by
  // `decorator(spec, handler)`: the composition root adds behaviour that cuts
  // across contexts (the audit of sensitive reads). Static files are left as
  // they are. Call while building the router.
  void Decorate(const std::function<Handler(const RouteSpec&, Handler)>& decorator);

  // Routes the request, runs the guard and the handler; fills
  // request.params. Error bodies carry request.request_id.
  Response Dispatch(Request& request) const;

  // Gives the GET route of `pattern` (registered before) a fast handler: one
  // that never blocks nor changes anything, and answers only what the
  // route's handler (as decorated) would answer the request. For a public
  // look-up the server answers from memory on its network thread.
  void SetFast(const std::string& pattern, FastHandler fast);

  // For a request that carries no credentials (the guard then never
  // blocks): when its route has a fast handler and that handler answers,
  // runs the guard and returns the answer, or the guard's refusal; else
  // nullopt, and the request is to be Dispatched. Fills request.params and
  // request.route when its route has a fast handler.
  std::optional<Response> TryFast(Request& request) const;

  // Every registered route, in registration order, for the authorization
  // matrix test.
  const std::vector<RouteSpec>& routes() const { return specs_; }

 private:
  struct Route;
  // The route matching `decoded` for request.method (nullptr: none), and
  // the methods of every route matching the path.
  const Route* Find(const Request& request, const std::vector<std::string>& decoded,
                    std::vector<std::string>* allowed) const;
  std::vector<Route> routes_;
  bool has_fast_ = false;
  // The routes Find tries for a path: those whose first three segments are
  // literals, by "a/b/c" (most API routes), the others apart; indices into
  // routes_, in order. Built at the first Find after the last Add.
  struct Index;
  mutable std::mutex index_mu_;
  mutable std::shared_ptr<const Index> index_;
  std::shared_ptr<const Index> GetIndex() const;
  std::vector<RouteSpec> specs_;
  Guard guard_;
};

}  // namespace amr::http
