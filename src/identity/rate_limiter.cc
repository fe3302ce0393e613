// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/rate_limiter.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace amr::identity {

RateLimiter::RateLimiter(RateLimit limit, const Clock& clock) : limit_(limit), clock_(clock) {}

RateLimiter::Decision RateLimiter::Take(std::string_view key) {
  const Clock::TimePoint now = clock_.Now();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = buckets_.find(std::string(key));
  if (it == buckets_.end()) {
    if (buckets_.size() >= std::max<size_t>(limit_.max_keys, 1)) {
      buckets_.erase(lru_.back());
      lru_.pop_back();
    }
    lru_.emplace_front(key);
    it = buckets_.emplace(std::string(key), Bucket{limit_.burst, now, lru_.begin()}).first;
  } else {
    lru_.splice(lru_.begin(), lru_, it->second.lru);
    // A clock set back gives no tokens; it never takes any either.
    const double elapsed =
        std::max(0.0, std::chrono::duration<double>(now - it->second.updated).count());
    it->second.tokens = std::min(limit_.burst, it->second.tokens + elapsed * limit_.per_second);
    it->second.updated = now;
  }
  Bucket& b = it->second;
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return {};
  }
  const double wait = limit_.per_second > 0 ? (1.0 - b.tokens) / limit_.per_second : 3600.0;
  return {false, std::chrono::seconds(static_cast<long>(std::ceil(wait)))};
}

size_t RateLimiter::SizeForTest() const {
  std::lock_guard<std::mutex> lock(mu_);
  return buckets_.size();
}

std::string ClientKey(std::string_view ip) {
  std::string text(ip);
  if (text.size() > 2 && text.front() == '[' && text.back() == ']') {
    text = text.substr(1, text.size() - 2);
  }
  std::array<unsigned char, 16> v6{};
  if (text.find(':') != std::string::npos && inet_pton(AF_INET6, text.c_str(), v6.data()) == 1) {
    // An IPv4-mapped address (::ffff:a.b.c.d) is the IPv4 client.
    static constexpr std::array<unsigned char, 12> kMapped = {0, 0, 0, 0, 0,    0,
                                                              0, 0, 0, 0, 0xff, 0xff};
    if (std::equal(kMapped.begin(), kMapped.end(), v6.begin())) {
      char buf[INET_ADDRSTRLEN];
      if (inet_ntop(AF_INET, v6.data() + 12, buf, sizeof buf) != nullptr) return buf;
    }
    char out[48];
    std::snprintf(out, sizeof out, "%02x%02x:%02x%02x:%02x%02x:%02x%02x::/64", v6[0], v6[1], v6[2],
                  v6[3], v6[4], v6[5], v6[6], v6[7]);
    return out;
  }
  return text;
}

}  // namespace amr::identity
