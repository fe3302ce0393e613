// SPDX-License-Identifier: MulanPSL-2.0
// The client's address when requests come through reverse proxies the
// deployment trusts (`amr serve --trusted-proxy CIDR[,CIDR…]`).
//
// The TCP peer of a request behind nginx is nginx. Only when that peer lies in
// a trusted range is the client taken from the proxy's headers:
//   * X-Forwarded-For: the right-most address that is not itself trusted.
//     Each proxy appends the address it was connected from, so the entries a
//     client wrote itself lie left of the one our own proxy appended and are
//     never chosen; walking from the right stops at the first entry that is
//     not an address (that proxy's neighbour is the nearest hop known) and
//     after kMaxForwardedHops entries. If every entry is trusted, the
//     left-most one.
//   * X-Real-IP, when there is no X-Forwarded-For: its address.
// From any other peer both headers are ignored: the client is the peer.
// Rate limits, lockouts, the audit trail and the access log use the result.
//
// Addresses are parsed strictly: IPv4 as four decimal parts without leading
// zeros, IPv6 as RFC 4291 text without a zone; an IPv4 address and its
// IPv4-mapped IPv6 form (::ffff:a.b.c.d) are the same address.
//
// Thread-safety: IpAddress and TrustedProxies are values; const use from any
// thread is safe.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace amr::http {

class IpAddress {
 public:
  // IPv4 ("192.0.2.1") or IPv6 ("2001:db8::1", "::ffff:192.0.2.1"); nullopt
  // for anything else (brackets, ports, zones, spaces, "localhost").
  static std::optional<IpAddress> Parse(std::string_view text);

  // Canonical text: dotted quad for IPv4 (also when written IPv4-mapped),
  // RFC 5952 for IPv6.
  std::string ToString() const;
  bool is_v4() const;
  // 16 bytes; an IPv4 address as ::ffff:a.b.c.d.
  const std::array<uint8_t, 16>& bytes() const { return bytes_; }

  friend bool operator==(const IpAddress&, const IpAddress&) = default;

 private:
  std::array<uint8_t, 16> bytes_{};
};

// Ranges of proxy addresses whose forwarding headers are believed.
class TrustedProxies {
 public:
  static constexpr size_t kMaxRanges = 64;
  static constexpr size_t kMaxTextBytes = 4096;

  // None: every header is ignored.
  TrustedProxies() = default;

  // "10.0.0.0/8, 192.168.1.7, ::1, fd00::/8": ranges separated by commas
  // (spaces around them allowed); an address without /N is that one address.
  // InvalidArgument (field "trusted-proxy") for an empty entry, an address that does not parse, a
  // prefix that is not a decimal within 0–32 (IPv4) or 0–128 (IPv6), host bits set below the prefix
  // ("10.0.0.1/8": write 10.0.0.0/8), more than kMaxRanges ranges or text longer than
  // kMaxTextBytes.
  static StatusOr<TrustedProxies> Parse(std::string_view text);

  bool empty() const { return ranges_.empty(); }
  bool Contains(const IpAddress& address) const;
  // False for text that is not an address.
  bool Contains(std::string_view address) const;
  // The ranges in canonical "address/prefix" form, for logs.
  std::string ToString() const;

 private:
  struct Range {
    IpAddress network;
    int prefix = 0;  // In bits of the 16-byte form (IPv4 /8 is /104).
  };
  std::vector<Range> ranges_;
};

// How many X-Forwarded-For entries are looked at, from the right.
inline constexpr size_t kMaxForwardedHops = 32;

// The address a request from `peer` is counted and recorded under (see the top
// of this file). `forwarded_for` and `real_ip` are the header values, if sent
// (repeated headers joined with ", "). The peer is returned as given; an
// address from a header in canonical form.
std::string ClientAddress(std::string_view peer, const TrustedProxies& trusted,
                          std::optional<std::string_view> forwarded_for,
                          std::optional<std::string_view> real_ip);

}  // namespace amr::http
