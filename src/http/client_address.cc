// SPDX-License-Identifier: MulanPSL-2.0
#include "http/client_address.h"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace amr::http {
namespace {

// Longer than any address text (45 characters at most) with a port around it.
constexpr size_t kMaxAddressText = 64;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IsV4Mapped(const std::array<uint8_t, 16>& b) {
  for (size_t i = 0; i < 10; ++i) {
    if (b[i] != 0) return false;
  }
  return b[10] == 0xff && b[11] == 0xff;
}

// A decimal of 1–`max_digits` digits without a leading zero (other than "0").
std::optional<unsigned> ParseDecimal(std::string_view s, size_t max_digits) {
  if (s.empty() || s.size() > max_digits || (s.size() > 1 && s.front() == '0')) return std::nullopt;
  unsigned v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  return v;
}

// An X-Forwarded-For or X-Real-IP entry: an address, "[IPv6]", "[IPv6]:port"
// or "IPv4:port" (some proxies add the port).
std::optional<IpAddress> ParseForwardedEntry(std::string_view s) {
  auto port_ok = [](std::string_view p) {
    auto v = ParseDecimal(p, 5);
    return v.has_value() && *v <= 65535;
  };
  if (s.starts_with('[')) {
    const size_t close = s.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    std::string_view rest = s.substr(close + 1);
    if (!rest.empty() && !(rest.front() == ':' && port_ok(rest.substr(1)))) return std::nullopt;
    std::string_view inner = s.substr(1, close - 1);
    if (inner.find(':') == std::string_view::npos) return std::nullopt;  // IPv6 only
    return IpAddress::Parse(inner);
  }
  const size_t colon = s.find(':');
  if (colon != std::string_view::npos && s.find(':', colon + 1) == std::string_view::npos) {
    std::string_view host = s.substr(0, colon);
    if (!port_ok(s.substr(colon + 1)) || host.find('.') == std::string_view::npos) {
      return std::nullopt;
    }
    return IpAddress::Parse(host);
  }
  return IpAddress::Parse(s);
}

bool SameNetwork(const std::array<uint8_t, 16>& a, const std::array<uint8_t, 16>& b, int prefix) {
  const int whole = prefix / 8;
  if (std::memcmp(a.data(), b.data(), static_cast<size_t>(whole)) != 0) return false;
  const int rest = prefix % 8;
  if (rest == 0) return true;
  const uint8_t mask = static_cast<uint8_t>(0xff << (8 - rest));
  return (a[whole] & mask) == (b[whole] & mask);
}

bool HostBitsZero(const std::array<uint8_t, 16>& a, int prefix) {
  for (int bit = prefix; bit < 128; ++bit) {
    if (a[bit / 8] & (0x80 >> (bit % 8))) return false;
  }
  return true;
}

}  // namespace

std::optional<IpAddress> IpAddress::Parse(std::string_view text) {
  if (text.empty() || text.size() >= kMaxAddressText) return std::nullopt;
  char buf[kMaxAddressText];
  std::memcpy(buf, text.data(), text.size());
  buf[text.size()] = '\0';
  if (std::strlen(buf) != text.size()) return std::nullopt;  // an embedded NUL
  IpAddress out;
  // inet_pton is strict: IPv4 only as four decimal parts without leading
  // zeros (no "010.1", "1.2.3", hex or octal), IPv6 without zone or brackets.
  if (text.find(':') == std::string_view::npos) {
    uint8_t v4[4];
    if (::inet_pton(AF_INET, buf, v4) != 1) return std::nullopt;
    out.bytes_[10] = out.bytes_[11] = 0xff;
    std::memcpy(out.bytes_.data() + 12, v4, 4);
    return out;
  }
  if (::inet_pton(AF_INET6, buf, out.bytes_.data()) != 1) return std::nullopt;
  return out;
}

bool IpAddress::is_v4() const { return IsV4Mapped(bytes_); }

std::string IpAddress::ToString() const {
  char buf[INET6_ADDRSTRLEN];
  if (is_v4()) {
    ::inet_ntop(AF_INET, bytes_.data() + 12, buf, sizeof buf);
  } else {
    ::inet_ntop(AF_INET6, bytes_.data(), buf, sizeof buf);
  }
  return buf;
}

StatusOr<TrustedProxies> TrustedProxies::Parse(std::string_view text) {
  constexpr std::string_view kField = "trusted-proxy";
  auto bad = [&](std::string_view entry, std::string_view why) {
    return InvalidArgumentError(
        fmt::format("“{}”不是有效的地址范围：{}（应为 CIDR，如 10.0.0.0/8、fd00::/8，或单个地址如 "
                    "192.0.2.7；多个以逗号分隔）",
                    entry, why),
        std::string(kField));
  };
  if (text.size() > kMaxTextBytes) {
    return InvalidArgumentError(
        fmt::format("地址范围列表过长（{} 字节，最多 {} 字节）", text.size(), kMaxTextBytes),
        std::string(kField));
  }
  TrustedProxies out;
  if (Trim(text).empty()) return out;
  size_t start = 0;
  while (true) {
    const size_t comma = text.find(',', start);
    const std::string_view entry = Trim(text.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (entry.empty()) {
      return InvalidArgumentError("地址范围列表含有空项（多余的逗号）", std::string(kField));
    }
    if (out.ranges_.size() == kMaxRanges) {
      return InvalidArgumentError(fmt::format("最多列出 {} 个地址范围", kMaxRanges),
                                  std::string(kField));
    }
    const size_t slash = entry.find('/');
    const std::string_view address_text = entry.substr(0, slash);
    const bool v6_text = address_text.find(':') != std::string_view::npos;
    std::optional<IpAddress> address = IpAddress::Parse(address_text);
    if (!address) return bad(entry, "地址无法识别");
    const int max_prefix = v6_text ? 128 : 32;
    int prefix = max_prefix;
    if (slash != std::string_view::npos) {
      std::optional<unsigned> p = ParseDecimal(entry.substr(slash + 1), 3);
      if (!p || *p > static_cast<unsigned>(max_prefix)) {
        return bad(entry, fmt::format("前缀长度应为 0 到 {} 之间的整数", max_prefix));
      }
      prefix = static_cast<int>(*p);
    }
    const int bits = v6_text ? prefix : prefix + 96;
    if (!HostBitsZero(address->bytes(), bits)) {
      return bad(entry, "前缀之后的主机位不为零，网络地址应写作该范围的第一个地址");
    }
    out.ranges_.push_back({*address, bits});
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

bool TrustedProxies::Contains(const IpAddress& address) const {
  return std::any_of(ranges_.begin(), ranges_.end(), [&](const Range& r) {
    return SameNetwork(r.network.bytes(), address.bytes(), r.prefix);
  });
}

bool TrustedProxies::Contains(std::string_view address) const {
  if (ranges_.empty()) return false;
  std::optional<IpAddress> a = IpAddress::Parse(address);
  return a.has_value() && Contains(*a);
}

std::string TrustedProxies::ToString() const {
  std::string out;
  for (const Range& r : ranges_) {
    if (!out.empty()) out += ", ";
    const bool v4 = r.network.is_v4() && r.prefix >= 96;
    out += fmt::format("{}/{}", r.network.ToString(), v4 ? r.prefix - 96 : r.prefix);
  }
  return out;
}

std::string ClientAddress(std::string_view peer, const TrustedProxies& trusted,
                          std::optional<std::string_view> forwarded_for,
                          std::optional<std::string_view> real_ip) {
  if (!trusted.Contains(peer)) return std::string(peer);
  if (forwarded_for && !Trim(*forwarded_for).empty()) {
    std::string_view rest = *forwarded_for;
    std::optional<IpAddress> nearest;  // The nearest hop known; none: the peer.
    for (size_t hop = 0; hop < kMaxForwardedHops; ++hop) {
      const size_t comma = rest.rfind(',');
      const std::string_view entry =
          Trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
      std::optional<IpAddress> address = ParseForwardedEntry(entry);
      if (!address) break;
      nearest = address;
      if (!trusted.Contains(*address)) break;
      if (comma == std::string_view::npos) break;
      rest = rest.substr(0, comma);
    }
    return nearest ? nearest->ToString() : std::string(peer);
  }
  if (real_ip) {
    if (std::optional<IpAddress> address = ParseForwardedEntry(Trim(*real_ip))) {
      return address->ToString();
    }
  }
  return std::string(peer);
}

}  // namespace amr::http
