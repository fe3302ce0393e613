// SPDX-License-Identifier: MulanPSL-2.0
#include "outbox/rules.h"

#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace amr::outbox {

Status ValidateTopic(std::string_view topic) {
  bool ok = !topic.empty() && topic.size() <= 64;
  for (char c : topic) {
    ok = ok &&
         ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-');
  }
  if (!ok) {
    return InvalidArgumentError("主题须为 1 至 64 个小写字母、数字、下划线、点或连字符", "topic");
  }
  return OkStatus();
}

bool IsCleanText(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    int extra = 0;
    if (c < 0x20 || c == 0x7f) return false;
    if (c < 0x80) {
      extra = 0;
    } else if ((c & 0xe0) == 0xc0 && c >= 0xc2) {
      extra = 1;
    } else if ((c & 0xf0) == 0xe0) {
      extra = 2;
    } else if ((c & 0xf8) == 0xf0 && c <= 0xf4) {
      extra = 3;
    } else {
      return false;
    }
    if (i + static_cast<std::size_t>(extra) >= text.size()) return false;
    for (int k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) return false;
    }
    i += static_cast<std::size_t>(extra) + 1;
  }
  return true;
}

namespace {

// The host of an authority "host[:port]" or "[v6][:port]"; empty if malformed.
std::string_view HostOf(std::string_view authority) {
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    return close == std::string_view::npos ? std::string_view() : authority.substr(1, close - 1);
  }
  return authority.substr(0, authority.rfind(':'));
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

bool IsLoopbackHost(std::string_view host) {
  const std::string h = AsciiLower(host);
  if (h == "localhost" || h == "::1") return true;
  // 127.0.0.0/8 as a dotted quad.
  if (!h.starts_with("127.")) return false;
  int parts = 0, digits = 0, value = 0;
  for (char c : h) {
    if (c == '.') {
      if (digits == 0 || value > 255) return false;
      ++parts;
      digits = value = 0;
    } else if (c >= '0' && c <= '9' && digits < 3) {
      value = value * 10 + (c - '0');
      ++digits;
    } else {
      return false;
    }
  }
  return parts == 3 && digits > 0 && value <= 255;
}

Status ValidateEndpointUrl(std::string_view url) {
  const Status bad = InvalidArgumentError(
      "接收地址须为 https://主机[:端口][/路径] 形式，不超过 2000 个字符；http:// "
      "只允许本机回环地址",
      "endpoint_url");
  if (url.size() > 2000 || !IsCleanText(url)) return bad;
  const std::string lower = AsciiLower(url.substr(0, 8));
  bool https = false;
  std::string_view rest;
  if (lower.starts_with("https://")) {
    https = true;
    rest = url.substr(8);
  } else if (lower.starts_with("http://")) {
    rest = url.substr(7);
  } else {
    return bad;
  }
  std::string_view authority = rest.substr(0, rest.find_first_of("/?"));
  if (authority.empty() || authority.find_first_of(" @#\\") != std::string_view::npos) return bad;
  if (rest.find_first_of(" #") != std::string_view::npos) return bad;
  std::size_t colon = authority.rfind(':');
  if (authority.front() == '[') {  // an IPv6 literal: "[::1]" or "[::1]:8080"
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos || close < 3) return bad;
    colon = close + 1 == authority.size() ? std::string_view::npos : close + 1;
    if (colon != std::string_view::npos && authority[colon] != ':') return bad;
  }
  if (colon != std::string_view::npos) {
    std::string_view port = authority.substr(colon + 1);
    if (colon == 0 || port.empty() || port.size() > 5) return bad;
    int value = 0;
    for (char c : port) {
      if (c < '0' || c > '9') return bad;
      value = value * 10 + (c - '0');
    }
    if (value < 1 || value > 65535) return bad;
  }
  const std::string_view host = HostOf(authority);
  if (host.empty()) return bad;
  if (!https && !IsLoopbackHost(host)) {
    return InvalidArgumentError(
        "接收地址须使用 https://（个人信息不得明文传输）；http:// 只允许本机回环地址",
        "endpoint_url");
  }
  return OkStatus();
}

Status CheckEndpointAllowed(std::string_view url, const std::vector<std::string>& allowed) {
  const std::string u = AsciiLower(url);
  for (const std::string& entry : allowed) {
    const std::string e = AsciiLower(entry);
    if (e.empty() || !u.starts_with(e)) continue;
    // The match must end at a boundary: "https://tax.gov.cn" allows
    // "https://tax.gov.cn/hook", not "https://tax.gov.cn.example.com".
    if (u.size() == e.size() || e.back() == '/' || e.back() == ':' || u[e.size()] == '/' ||
        u[e.size()] == '?') {
      return OkStatus();
    }
  }
  return InvalidArgumentError(
      "接收地址不在运营方允许的范围内（由 amr serve --webhook-allow 或环境变量 "
      "AMR_WEBHOOK_ALLOW 设定）",
      "endpoint_url");
}

Status ValidateAllowEntry(std::string_view entry) {
  // "http://127.0.0.1:" is the host with any port: check it as the host alone
  // (but "http://:" has no host to check).
  const std::size_t scheme_end = entry.find("://");
  if (entry.ends_with(':') && scheme_end != std::string_view::npos &&
      scheme_end + 4 < entry.size()) {
    entry.remove_suffix(1);
  }
  return ValidateEndpointUrl(entry);
}

Status ValidateRetryPolicy(const RetryPolicy& policy) {
  if (policy.max_attempts < 1 || policy.max_attempts > 100) {
    return InvalidArgumentError("最多投递次数须在 1 至 100 之间", "max_attempts");
  }
  if (policy.initial_delay.count() < 0 || policy.max_delay < policy.initial_delay) {
    return InvalidArgumentError("首次重试间隔须不小于 0 且不大于最长间隔", "initial_delay");
  }
  if (!(policy.multiplier >= 1.0 && policy.multiplier <= 100.0)) {
    return InvalidArgumentError("重试间隔倍数须在 1 至 100 之间", "multiplier");
  }
  if (!(policy.jitter >= 0.0 && policy.jitter <= 1.0)) {
    return InvalidArgumentError("随机抖动比例须在 0 至 1 之间", "jitter");
  }
  return OkStatus();
}

std::chrono::milliseconds BackoffDelay(const RetryPolicy& policy, int failed_attempts, double u) {
  const double cap = static_cast<double>(policy.max_delay.count());
  double delay = static_cast<double>(policy.initial_delay.count()) *
                 std::pow(policy.multiplier, std::max(0, failed_attempts - 1));
  delay = std::min(delay, cap);
  u = std::clamp(u, 0.0, 1.0);
  delay *= 1.0 + policy.jitter * (2.0 * u - 1.0);
  return std::chrono::milliseconds(static_cast<long long>(std::llround(std::max(0.0, delay))));
}

std::string Signature(std::string_view secret, std::string_view timestamp, std::string_view body) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(timestamp.data()),
                                timestamp.size());
  const unsigned char dot = '.';
  crypto_auth_hmacsha256_update(&state, &dot, 1);
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(body.data()),
                                body.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[crypto_auth_hmacsha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return "v1=" + std::string(hex);
}

}  // namespace amr::outbox
