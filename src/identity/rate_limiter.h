// SPDX-License-Identifier: MulanPSL-2.0
// Per-client token buckets in memory, for the public endpoints (login above
// all): each key (a client address) holds up to `burst` tokens, refilled at
// `per_second`; a request takes one or is refused.
//
// Memory is bounded: at most `max_keys` buckets are kept; beyond that the
// least recently used bucket is dropped (an idle client's bucket is nearly
// full anyway, so dropping it costs nothing). Each instance of the server
// counts on its own: behind a load balancer with N instances a client gets up
// to N times the rate.
//
// Thread-safety: thread-safe (one mutex; every call is O(1)).
#pragma once

#include <chrono>
#include <cstddef>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/clock.h"

namespace amr::identity {

struct RateLimit {
  double burst = 20;        // tokens a new client starts with
  double per_second = 0.5;  // refill rate
  size_t max_keys = 100'000;
};

class RateLimiter {
 public:
  // `clock` must outlive the limiter.
  RateLimiter(RateLimit limit, const Clock& clock);

  struct Decision {
    bool allowed = true;
    // When refused: how long until a token is available (for Retry-After).
    std::chrono::seconds retry_after{0};
  };
  // Takes a token from `key`'s bucket if there is one.
  Decision Take(std::string_view key);

  size_t SizeForTest() const;

 private:
  struct Bucket {
    double tokens = 0;
    Clock::TimePoint updated;
    std::list<std::string>::iterator lru;  // position in lru_
  };

  const RateLimit limit_;
  const Clock& clock_;
  mutable std::mutex mu_;  // guards buckets_ and lru_
  std::unordered_map<std::string, Bucket> buckets_;
  std::list<std::string> lru_;  // most recently used first
};

// The key a client is counted under: an IPv4 address as is, an IPv6 address
// by its /64 network (one subscriber usually holds a whole /64), anything
// else as given.
std::string ClientKey(std::string_view ip);

}  // namespace amr::identity
