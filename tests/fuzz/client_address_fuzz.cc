// SPDX-License-Identifier: MulanPSL-2.0
// Fuzz target: the client's address behind trusted proxies (http/client_address.h):
// the --trusted-proxy list an operator writes, and the X-Forwarded-For and
// X-Real-IP headers anyone may send. The input is "RANGES\nFORWARDED-FOR\nREAL-IP".
// Beyond not crashing, it checks the rules that matter: an untrusted peer is
// always answered with itself, and the answer is the peer or a valid address.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "http/client_address.h"

namespace {

void Require(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using amr::http::ClientAddress;
  using amr::http::IpAddress;
  using amr::http::TrustedProxies;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const size_t first = text.find('\n');
  const std::string_view ranges = text.substr(0, first);
  std::optional<std::string_view> forwarded_for, real_ip;
  if (first != std::string_view::npos) {
    const std::string_view rest = text.substr(first + 1);
    const size_t second = rest.find('\n');
    forwarded_for = rest.substr(0, second);
    if (second != std::string_view::npos) real_ip = rest.substr(second + 1);
  }

  amr::StatusOr<TrustedProxies> parsed = TrustedProxies::Parse(ranges);
  if (parsed.ok()) {
    // What it accepted reads back as a list it accepts again, the same.
    amr::StatusOr<TrustedProxies> again = TrustedProxies::Parse(parsed->ToString());
    Require(again.ok() && again->ToString() == parsed->ToString());
  }
  const TrustedProxies trusted = parsed.ok() && !parsed->empty()
                                     ? *std::move(parsed)
                                     : *TrustedProxies::Parse("10.0.0.0/8, fd00::/8");

  const std::string untrusted_peer = "203.0.113.9";
  if (!trusted.Contains(untrusted_peer)) {
    Require(ClientAddress(untrusted_peer, trusted, forwarded_for, real_ip) == untrusted_peer);
  }
  for (std::string_view peer : {"10.0.0.1", "fd00::1"}) {
    const std::string got = ClientAddress(peer, trusted, forwarded_for, real_ip);
    Require(got == peer || IpAddress::Parse(got).has_value());
  }
  if (std::optional<IpAddress> a = IpAddress::Parse(ranges)) {
    Require(IpAddress::Parse(a->ToString()) == a);
  }
  return 0;
}
