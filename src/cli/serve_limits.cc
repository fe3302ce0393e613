// SPDX-License-Identifier: MulanPSL-2.0
#include "cli/serve_limits.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string_view>

namespace amr::cli {
namespace {

// One option: its flag (without "--"), its environment variable.
struct Option {
  std::string_view name;
  std::string_view env;
};

constexpr Option kPublicBurst{"public-burst", "AMR_PUBLIC_BURST"};
constexpr Option kPublicRate{"public-rate", "AMR_PUBLIC_RATE"};
constexpr Option kLoginBurst{"login-burst", "AMR_LOGIN_BURST"};
constexpr Option kLoginInterval{"login-interval", "AMR_LOGIN_INTERVAL"};
constexpr Option kMaxQueued{"max-queued-requests", "AMR_MAX_QUEUED_REQUESTS"};
constexpr Option kTrustedProxy{"trusted-proxy", "AMR_TRUSTED_PROXY"};

Status Bad(const Option& o, std::string_view what) {
  return InvalidArgumentError(fmt::format("选项 --{}（环境变量 {}）{}", o.name, o.env, what),
                              std::string(o.name));
}

// An integer in [min, max]; `fallback` for "".
StatusOr<int64_t> Integer(const Option& o, const std::string& text, int64_t fallback, int64_t min,
                          int64_t max) {
  if (text.empty()) return fallback;
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < min || v > max) {
    return Bad(o, fmt::format("应为 {} 到 {} 之间的整数，收到“{}”", min, max, text));
  }
  return v;
}

// A decimal number in (0, max]; `fallback` for "".
StatusOr<double> Positive(const Option& o, const std::string& text, double fallback, double max,
                          std::string_view unit) {
  if (text.empty()) return fallback;
  double v = 0;
  auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), v, std::chars_format::fixed);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v) || !(v > 0) ||
      v > max) {
    return Bad(o, fmt::format("应为大于 0、不超过 {} 的数（{}），收到“{}”", max, unit, text));
  }
  return v;
}

// CLI11 shows the variable beside the flag ("(Env:AMR_…)").
void Add(CLI::App& serve, const Option& o, std::string_view type, std::string& into,
         std::string help) {
  serve.add_option(fmt::format("--{}", o.name), into, std::move(help))
      ->type_name(std::string(type))
      ->envname(std::string(o.env));
}

}  // namespace

void AddServeLimitOptions(CLI::App& serve, ServeLimitArgs& args) {
  Add(serve, kPublicBurst, "N", args.public_burst,
      "公开接口限流：同一客户端地址可连续发出的请求数（默认 300）");
  Add(serve, kPublicRate, "N", args.public_rate,
      "公开接口限流：用完连续次数后每秒可再发出的请求数（默认 100）");
  Add(serve, kLoginBurst, "N", args.login_burst,
      "登录限流：同一客户端地址可连续登录的次数（默认 20）");
  Add(serve, kLoginInterval, "S", args.login_interval,
      "登录限流：用完连续次数后，每隔多少秒可再登录一次（默认 3）");
  Add(serve, kMaxQueued, "N", args.max_queued_requests,
      "等待处理的请求最多几个，超出即答复 503 并附 Retry-After（默认为处理线程数的 32 倍）");
  Add(serve, kTrustedProxy, "CIDR[,CIDR…]", args.trusted_proxy,
      "受信任的反向代理地址范围（CIDR，逗号分隔，如 10.0.0.0/8,::1）：只有来自这些地址的请求，"
      "才按 X-Forwarded-For / X-Real-IP 确定客户端地址（默认不信任任何代理）");
}

StatusOr<ServeLimits> ParseServeLimits(const ServeLimitArgs& args) {
  ServeLimits out;
  identity::RateLimit& pub = out.public_limit;
  identity::RateLimit& login = out.login_limit;
  ASSIGN_OR_RETURN(int64_t public_burst, Integer(kPublicBurst, args.public_burst,
                                                 static_cast<int64_t>(pub.burst), 1, 1'000'000));
  pub.burst = static_cast<double>(public_burst);
  ASSIGN_OR_RETURN(pub.per_second, Positive(kPublicRate, args.public_rate, pub.per_second,
                                            1'000'000, "每秒请求数"));
  ASSIGN_OR_RETURN(int64_t login_burst, Integer(kLoginBurst, args.login_burst,
                                                static_cast<int64_t>(login.burst), 1, 100'000));
  login.burst = static_cast<double>(login_burst);
  ASSIGN_OR_RETURN(double login_interval, Positive(kLoginInterval, args.login_interval,
                                                   1.0 / login.per_second, 86'400, "秒"));
  login.per_second = 1.0 / login_interval;
  ASSIGN_OR_RETURN(int64_t queued, Integer(kMaxQueued, args.max_queued_requests, 0, 1, 1'000'000));
  out.max_queued_requests = static_cast<size_t>(queued);
  StatusOr<http::TrustedProxies> trusted = http::TrustedProxies::Parse(args.trusted_proxy);
  if (!trusted.ok()) return Bad(kTrustedProxy, fmt::format("有误：{}", trusted.status().message()));
  out.trusted_proxies = *std::move(trusted);
  return out;
}

}  // namespace amr::cli
