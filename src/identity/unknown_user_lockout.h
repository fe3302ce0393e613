// SPDX-License-Identifier: MulanPSL-2.0
// Failed logins for user names that do not exist, counted as if the accounts
// existed, so that the lockout answers the same for every name: after
// `max_failures` failures in a row a name is "locked" for `lockout`, and the
// login answers 429 "账户已锁定至 …" whether or not the account exists
// (otherwise the lockout itself tells an attacker which names are real).
//
// Memory is bounded: at most `max_names` names are kept; beyond that the
// least recently failed is forgotten. Each server instance counts on its own
// (existing accounts' counts are in the database and shared).
//
// Thread-safety: thread-safe (one mutex; every call is O(1)).
#pragma once

#include <chrono>
#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/clock.h"

namespace amr::identity {

class UnknownUserLockout {
 public:
  UnknownUserLockout(int max_failures, std::chrono::seconds lockout, size_t max_names = 100'000);

  // When the lock on `name` ends, if it is locked at `now`.
  std::optional<Clock::TimePoint> LockedUntil(std::string_view name, Clock::TimePoint now);
  // Counts one failure; returns when the lock ends if this failure locks it.
  std::optional<Clock::TimePoint> RecordFailure(std::string_view name, Clock::TimePoint now);

  size_t SizeForTest() const;

 private:
  struct Entry {
    int failures = 0;
    std::optional<Clock::TimePoint> locked_until;
    std::list<std::string>::iterator lru;
  };
  Entry& Touch(std::string_view name);

  const int max_failures_;
  const std::chrono::seconds lockout_;
  const size_t max_names_;
  mutable std::mutex mu_;  // guards entries_ and lru_
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> lru_;  // most recently used first
};

}  // namespace amr::identity
