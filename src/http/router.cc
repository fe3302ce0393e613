// SPDX-License-Identifier: MulanPSL-2.0
#include "http/router.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>
#include <iterator>
#include <set>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "http/errors.h"
#include "http/static_files.h"
#include "http/url.h"

namespace amr::http {
namespace {

enum class SegmentKind { kRest = 0, kParam = 1, kLiteral = 2 };

struct Segment {
  SegmentKind kind;
  std::string text;  // The literal, or the parameter's name.
};

// Splits "/a/b/" into {"a", "b"}: one trailing slash is ignored, "/" is no
// segment at all, inner empty segments are kept (and match no pattern).
std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.empty() || path.front() != '/') return out;
  path.remove_prefix(1);
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (path.empty()) return out;
  while (true) {
    size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool IsValidName(std::string_view name) {
  if (name.empty()) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::vector<Segment> ParsePattern(const std::string& pattern) {
  if (pattern.empty() || pattern.front() != '/') {
    throw std::logic_error("route pattern must start with '/': " + pattern);
  }
  std::vector<Segment> out;
  std::set<std::string, std::less<>> names;
  std::vector<std::string_view> parts = SplitPath(pattern);
  for (size_t i = 0; i < parts.size(); ++i) {
    std::string_view p = parts[i];
    if (p.empty()) throw std::logic_error("empty segment in route pattern: " + pattern);
    if (p.front() != '{') {
      if (p.find_first_of("{}") != std::string_view::npos) {
        throw std::logic_error("braces inside a literal segment: " + pattern);
      }
      out.push_back({SegmentKind::kLiteral, std::string(p)});
      continue;
    }
    if (p.back() != '}') throw std::logic_error("unclosed parameter in pattern: " + pattern);
    std::string_view name = p.substr(1, p.size() - 2);
    SegmentKind kind = SegmentKind::kParam;
    if (name.size() > 3 && name.substr(name.size() - 3) == "...") {
      if (i + 1 != parts.size()) {
        throw std::logic_error("a {rest...} parameter must be the last segment: " + pattern);
      }
      name.remove_suffix(3);
      kind = SegmentKind::kRest;
    }
    if (!IsValidName(name) || !names.emplace(name).second) {
      throw std::logic_error("bad or repeated parameter name in pattern: " + pattern);
    }
    out.push_back({kind, std::string(name)});
  }
  return out;
}

// Two routes with the same method and shape would shadow each other.
std::string Shape(const std::vector<Segment>& segments) {
  std::string s;
  for (const Segment& seg : segments) {
    s += '/';
    switch (seg.kind) {
      case SegmentKind::kLiteral:
        s += seg.text;
        break;
      case SegmentKind::kParam:
        s += "{}";
        break;
      case SegmentKind::kRest:
        s += "{...}";
        break;
    }
  }
  return s;
}

bool IsApiPath(const std::vector<std::string>& decoded) {
  return !decoded.empty() && decoded.front() == "api";
}

}  // namespace

struct Router::Route {
  RouteSpec spec;
  std::vector<Segment> segments;
  Handler handler;
  FastHandler fast;              // SetFast; empty for most routes.
  bool skips_api_paths = false;  // Static files never answer /api/….

  // Fills `params` and returns true if the decoded path matches.
  bool Match(const std::vector<std::string>& decoded,
             std::map<std::string, std::string>* params) const {
    if (skips_api_paths && IsApiPath(decoded)) return false;
    size_t n = segments.size();
    bool has_rest = n > 0 && segments.back().kind == SegmentKind::kRest;
    size_t fixed = has_rest ? n - 1 : n;  // Segments matched one to one.
    if (has_rest ? decoded.size() < fixed : decoded.size() != fixed) return false;
    for (size_t i = 0; i < fixed; ++i) {
      const Segment& seg = segments[i];
      if (seg.kind == SegmentKind::kLiteral ? decoded[i] != seg.text : decoded[i].empty()) {
        return false;
      }
    }
    if (params == nullptr) return true;
    params->clear();
    for (size_t i = 0; i < n; ++i) {
      const Segment& seg = segments[i];
      if (seg.kind == SegmentKind::kParam) {
        (*params)[seg.text] = decoded[i];
      } else if (seg.kind == SegmentKind::kRest) {
        std::string rest;
        for (size_t j = i; j < decoded.size(); ++j) {
          if (j > i) rest += '/';
          rest += decoded[j];
        }
        (*params)[seg.text] = std::move(rest);
      }
    }
    return true;
  }

  // Literal before {param} before {rest...}, segment by segment.
  bool MoreSpecificThan(const Route& other) const {
    size_t n = std::min(segments.size(), other.segments.size());
    for (size_t i = 0; i < n; ++i) {
      if (segments[i].kind != other.segments[i].kind) {
        return segments[i].kind > other.segments[i].kind;
      }
    }
    return segments.size() > other.segments.size();
  }
};

struct Router::Index {
  std::unordered_map<std::string, std::vector<std::size_t>> by_prefix;
  std::vector<std::size_t> others;
};

namespace {

// "a/b/c" of a route whose first three segments are literals, else "".
template <typename Segments>
std::string LiteralPrefix(const Segments& segments) {
  if (segments.size() < 3) return "";
  std::string key;
  for (std::size_t i = 0; i < 3; ++i) {
    if (segments[i].kind != SegmentKind::kLiteral) return "";
    if (i > 0) key += '/';
    key += segments[i].text;
  }
  return key;
}

}  // namespace

Router::Router() = default;
Router::~Router() = default;
Router::Router(Router&& other) noexcept
    : routes_(std::move(other.routes_)),
      has_fast_(other.has_fast_),
      specs_(std::move(other.specs_)),
      guard_(std::move(other.guard_)) {}
Router& Router::operator=(Router&& other) noexcept {
  routes_ = std::move(other.routes_);
  specs_ = std::move(other.specs_);
  guard_ = std::move(other.guard_);
  has_fast_ = other.has_fast_;
  index_.reset();
  return *this;
}

std::shared_ptr<const Router::Index> Router::GetIndex() const {
  std::lock_guard lock(index_mu_);
  if (index_ == nullptr) {
    auto index = std::make_shared<Index>();
    for (std::size_t i = 0; i < routes_.size(); ++i) {
      std::string key = LiteralPrefix(routes_[i].segments);
      if (key.empty()) {
        index->others.push_back(i);
      } else {
        index->by_prefix[key].push_back(i);
      }
    }
    index_ = std::move(index);
  }
  return index_;
}

void Router::Add(RouteSpec spec, Handler handler) {
  if (spec.method.empty() || spec.permission.empty() || !handler) {
    throw std::logic_error("route needs a method, a permission and a handler: " + spec.pattern);
  }
  Route route{spec, ParsePattern(spec.pattern), std::move(handler), nullptr};
  std::string shape = Shape(route.segments);
  for (const Route& r : routes_) {
    if (r.spec.method == spec.method && Shape(r.segments) == shape) {
      throw std::logic_error("duplicate route: " + spec.method + " " + spec.pattern);
    }
  }
  routes_.push_back(std::move(route));
  specs_.push_back(std::move(spec));
  index_.reset();
}

void Router::Get(std::string pattern, std::string permission, Handler handler) {
  Add({"GET", std::move(pattern), std::move(permission)}, std::move(handler));
}
void Router::Post(std::string pattern, std::string permission, Handler handler) {
  Add({"POST", std::move(pattern), std::move(permission)}, std::move(handler));
}
void Router::Put(std::string pattern, std::string permission, Handler handler) {
  Add({"PUT", std::move(pattern), std::move(permission)}, std::move(handler));
}
void Router::Patch(std::string pattern, std::string permission, Handler handler) {
  Add({"PATCH", std::move(pattern), std::move(permission)}, std::move(handler));
}
void Router::Delete(std::string pattern, std::string permission, Handler handler) {
  Add({"DELETE", std::move(pattern), std::move(permission)}, std::move(handler));
}

void Router::ServeStatic(std::string url_prefix, std::filesystem::path dir,
                         std::string fallback_file) {
  while (!url_prefix.empty() && url_prefix.back() == '/') url_prefix.pop_back();
  std::string pattern = url_prefix + "/{path...}";
  Get(pattern, std::string(kPublic), StaticFileHandler(std::move(dir), std::move(fallback_file)));
  routes_.back().skips_api_paths = true;
}

void Router::SetGuard(Guard guard) { guard_ = std::move(guard); }

void Router::Decorate(const std::function<Handler(const RouteSpec&, Handler)>& decorator) {
  for (Route& route : routes_) {
    if (route.skips_api_paths) continue;
    route.handler = decorator(route.spec, std::move(route.handler));
  }
}

const Router::Route* Router::Find(const Request& request, const std::vector<std::string>& decoded,
                                  std::vector<std::string>* allowed) const {
  const Route* best = nullptr;
  // Only the routes that may match: those of the path's first three
  // segments and those without three literal ones, in registration order.
  const std::shared_ptr<const Index> index = GetIndex();
  static const std::vector<std::size_t> kNone;
  const std::vector<std::size_t>* prefixed = &kNone;
  if (decoded.size() >= 3) {
    auto it = index->by_prefix.find(decoded[0] + '/' + decoded[1] + '/' + decoded[2]);
    if (it != index->by_prefix.end()) prefixed = &it->second;
  }
  std::vector<std::size_t> candidates;
  candidates.reserve(prefixed->size() + index->others.size());
  std::merge(prefixed->begin(), prefixed->end(), index->others.begin(), index->others.end(),
             std::back_inserter(candidates));
  for (std::size_t i : candidates) {
    const Route& route = routes_[i];
    if (!route.Match(decoded, nullptr)) continue;
    if (allowed != nullptr) allowed->push_back(route.spec.method);
    bool method_ok = route.spec.method == request.method ||
                     (request.method == "HEAD" && route.spec.method == "GET");
    if (!method_ok) continue;
    // An explicit HEAD route beats answering HEAD with GET's.
    if (best == nullptr || route.MoreSpecificThan(*best) ||
        (!best->MoreSpecificThan(route) && route.spec.method == request.method)) {
      best = &route;
    }
  }
  return best;
}

void Router::SetFast(const std::string& pattern, FastHandler fast) {
  for (Route& route : routes_) {
    if (route.spec.method == "GET" && route.spec.pattern == pattern) {
      route.fast = std::move(fast);
      has_fast_ = true;
      return;
    }
  }
  throw std::logic_error("no GET route to make fast: " + pattern);
}

std::optional<Response> Router::TryFast(Request& request) const {
  if (!has_fast_ || request.method != "GET" || request.path.empty() ||
      request.path.front() != '/') {
    return std::nullopt;
  }
  std::vector<std::string> decoded;
  for (std::string_view raw : SplitPath(request.path)) {
    StatusOr<std::string> seg = PercentDecode(raw, /*plus_as_space=*/false, "path");
    if (!seg.ok()) return std::nullopt;  // Dispatch answers it
    decoded.push_back(*std::move(seg));
  }
  const Route* route = Find(request, decoded, nullptr);
  if (route == nullptr || !route->fast) return std::nullopt;
  route->Match(decoded, &request.params);
  request.route = route->spec.pattern;
  std::optional<Response> answer;
  try {
    answer = route->fast(request);
    if (!answer.has_value()) return std::nullopt;
    if (guard_) {
      if (std::optional<Response> refused = guard_(request, route->spec))
        answer = *std::move(refused);
    }
  } catch (const std::exception& e) {
    spdlog::error("request {} {} {}: fast handler threw: {}", request.request_id, request.method,
                  route->spec.pattern, e.what());
    return std::nullopt;
  }
  AttachRequestId(*answer, request.request_id);
  return answer;
}

Response Router::Dispatch(Request& request) const {
  // Only origin-form targets ("/…") name a resource here; "*" and absolute
  // forms are for proxies.
  if (request.path.empty() || request.path.front() != '/') {
    return ErrorResponse(NotFoundError("未找到请求的地址"), request.request_id);
  }
  std::vector<std::string> decoded;
  for (std::string_view raw : SplitPath(request.path)) {
    StatusOr<std::string> seg = PercentDecode(raw, /*plus_as_space=*/false, "path");
    if (!seg.ok()) return ErrorResponse(seg.status(), request.request_id);
    decoded.push_back(*std::move(seg));
  }

  std::vector<std::string> matched;
  const Route* best = Find(request, decoded, &matched);
  if (best == nullptr) {
    std::set<std::string> allowed(matched.begin(), matched.end());
    if (allowed.empty()) {
      return ErrorResponse(NotFoundError("未找到请求的地址"), request.request_id);
    }
    if (allowed.count("GET")) allowed.insert("HEAD");
    std::string allow;
    for (const std::string& m : allowed) {
      if (!allow.empty()) allow += ", ";
      allow += m;
    }
    return MethodNotAllowedResponse(request.method, allow, request.request_id);
  }
  best->Match(decoded, &request.params);
  request.route = best->spec.pattern;

  Response response;
  try {
    std::optional<Response> refused;
    if (guard_) refused = guard_(request, best->spec);
    response = refused.has_value() ? *std::move(refused) : best->handler(request);
  } catch (const std::exception& e) {
    spdlog::error("request {} {} {}: handler threw: {}", request.request_id, request.method,
                  best->spec.pattern, e.what());
    response = Response::Error(InternalError("服务器内部错误，请稍后重试或联系管理员"));
  } catch (...) {
    spdlog::error("request {} {} {}: handler threw a non-standard exception", request.request_id,
                  request.method, best->spec.pattern);
    response = Response::Error(InternalError("服务器内部错误，请稍后重试或联系管理员"));
  }
  AttachRequestId(response, request.request_id);
  return response;
}

}  // namespace amr::http
